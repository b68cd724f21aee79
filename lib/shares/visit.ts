// The one gate every visitor request passes: the public page, its folder listing, previews,
// file downloads and the zip. Each rule is applied here, in this order, and nowhere else:
//   1. the link exists (404; a genuinely signed link whose share was deleted with its target: 410)
//   2. it is not revoked, expired or used up (410)
//   3. its file or folder is not in the trash (410 until restored)
//   4. the password, when set (403; wrong guesses are rate-limited per link and per client: 429)
//   5. for a download, the file is inside what was shared (404), and the download limit is taken
//      with one atomic conditional UPDATE, so parallel downloads can never overshoot it (410)
import type { Share } from "../generated/prisma/client";
import { db } from "../db";
import { DomainError, forbidden, gone, invalid, notFound, rateLimited } from "../errors";
import { verifyPassword } from "../auth/password";
import { audit, findFile, findFolder, userActor, type Actor } from "../files/access";
import { subtreeIds } from "../files/tree";
import { countAttempt, longestWait, type Limit } from "../rate-limit";
import { hashToken, signedShareId } from "./tokens";
import { closedReason } from "./json";
import { issueUnlock, unlockValid } from "./unlock";

export type ShareActor = Extract<Actor, { kind: "share" }>;

/** What a visitor is doing: looking (page, listing, preview) does not count; downloads do. */
export type Purpose = { kind: "view" } | { kind: "download"; fileId?: string } | { kind: "zip"; folderId?: string };

export interface Visit {
  token: string;
  purpose: Purpose;
  now: Date;
  client: { ip: string | null; userAgent: string | null };
  /** The password the visitor typed, if any. */
  password?: string;
  /** The unlock cookie from an earlier correct password (see unlock.ts). */
  unlock?: string;
}

export interface Admitted {
  share: Share;
  actor: ShareActor;
  /** The file or folder the link was made for. */
  target:
    | { type: "file"; file: Awaited<ReturnType<typeof findFile>> }
    | { type: "folder"; folder: Awaited<ReturnType<typeof findFolder>> };
  /** For a download: the file to hand out. */
  file?: Awaited<ReturnType<typeof findFile>>;
  /** For a zip: the folder (the shared one or one inside it) to pack. */
  folder?: Awaited<ReturnType<typeof findFolder>>;
  /** A fresh unlock value to remember when this visit brought a correct password. */
  unlock?: string;
}

const GONE_MESSAGES = {
  revoked: "This link was turned off by its owner.",
  expired: "This link has expired.",
  exhausted: "This link has reached its download limit.",
  unavailable: "The shared item is no longer available.",
} as const;
type GoneReason = keyof typeof GONE_MESSAGES;

const goneBecause = (reason: GoneReason) => gone(GONE_MESSAGES[reason], { reason });

export const PASSWORD_WINDOW_SECONDS = 15 * 60;
/** Wrong passwords allowed per window: for one link from everywhere, and from one client for any link. */
export const PASSWORD_LIMITS = { perLink: 20, perClient: 10 } as const;

// Without a proxy reporting the address, every visitor would share one "client" counter and one
// guesser could lock everybody out of every link: then only the per-link limit applies.
function passwordLimits(shareId: string, ip: string | null): Limit[] {
  const perLink = {
    key: `share-password:link:${shareId}`,
    max: PASSWORD_LIMITS.perLink,
    windowSeconds: PASSWORD_WINDOW_SECONDS,
  };
  if (!ip) return [perLink];
  return [
    perLink,
    { key: `share-password:client:${ip}`, max: PASSWORD_LIMITS.perClient, windowSeconds: PASSWORD_WINDOW_SECONDS },
  ];
}

async function checkPassword(share: Share, visit: Visit): Promise<string | undefined> {
  if (!share.passwordHash) return undefined;
  if (visit.password === undefined && unlockValid(visit.unlock, share, visit.now)) return undefined;
  if (visit.password === undefined) {
    throw new DomainError("forbidden", "This link is protected by a password.", { passwordRequired: true });
  }
  const limits = passwordLimits(share.id, visit.client.ip);
  const wait = await longestWait(limits, visit.now);
  if (wait > 0) throw rateLimited("Too many wrong passwords. Try again later.", wait);
  if (!(await verifyPassword(share.passwordHash, visit.password))) {
    for (const limit of limits) await countAttempt(limit, visit.now);
    throw forbidden("That password is not right.");
  }
  return issueUnlock(share, visit.now);
}

async function targetOf(share: Share): Promise<Admitted["target"]> {
  const owner = userActor(share.ownerId);
  try {
    if (share.fileId) {
      const file = await findFile(owner, share.fileId, "any");
      if (!file.deletedAt) return { type: "file", file };
    } else if (share.folderId) {
      const folder = await findFolder(owner, share.folderId, "any");
      if (!folder.deletedAt) return { type: "folder", folder };
    }
  } catch (error) {
    if (!(error instanceof DomainError && error.code === "not_found")) throw error;
  }
  throw goneBecause("unavailable");
}

/** Takes one download from the limit, atomically; false when none is left. */
async function takeDownload(shareId: string): Promise<boolean> {
  const taken = await db.$executeRaw`UPDATE "Share" SET "downloadCount" = "downloadCount" + 1
    WHERE "id" = ${shareId} AND "revokedAt" IS NULL AND ("maxDownloads" IS NULL OR "downloadCount" < "maxDownloads")`;
  return taken === 1;
}

/** Applies every rule of a link to one visitor request; throws the domain error to answer with. */
export async function admitVisitor(visit: Visit): Promise<Admitted> {
  const share = await db.share.findUnique({ where: { tokenHash: hashToken(visit.token) } });
  if (!share) {
    if (signedShareId(visit.token)) throw goneBecause("unavailable");
    throw notFound("Share link");
  }
  const closed = closedReason(share, visit.now);
  if (closed) throw goneBecause(closed);
  const target = await targetOf(share);
  const unlock = await checkPassword(share, visit);

  const actor: ShareActor = {
    kind: "share",
    shareId: share.id,
    ownerId: share.ownerId,
    fileId: share.fileId,
    // The shared folder and every live folder below it: all a folder link may reach.
    folderIds: target.type === "folder" ? await subtreeIds(db, userActor(share.ownerId), target.folder.id, "live") : [],
    client: visit.client,
  };
  const { purpose } = visit;
  let file: Admitted["file"];
  if (purpose.kind === "download") {
    // The access layer's share scope: an id from outside the link answers 404, like a made-up one.
    const fileId = purpose.fileId ?? (target.type === "file" ? target.file.id : undefined);
    if (!fileId) throw invalid("Choose a file of the shared folder to download.");
    file = await findFile(actor, fileId);
  }
  let folder: Admitted["folder"];
  if (purpose.kind === "zip") {
    if (target.type !== "folder") throw invalid("Only a folder link can be downloaded as a zip.");
    folder = await findFolder(actor, purpose.folderId ?? target.folder.id);
  }
  if (purpose.kind !== "view" && !(await takeDownload(share.id))) throw goneBecause("exhausted");

  await db.$transaction(async (tx) => {
    await tx.share.update({ where: { id: share.id }, data: { lastAccessAt: visit.now } });
    if (purpose.kind !== "view") {
      await tx.shareDownload.create({
        data: {
          shareId: share.id,
          fileId: file?.id ?? null,
          ip: visit.client.ip,
          userAgent: visit.client.userAgent?.slice(0, 500) ?? null,
          createdAt: visit.now,
        },
      });
      await audit(tx, actor, "share.download", share.id, {
        ...(file ? { fileId: file.id, name: file.name } : {}),
        ...(folder ? { folderId: folder.id, name: folder.name, zip: true } : {}),
      });
    }
  });
  return { share, actor, target, file, folder, unlock };
}
