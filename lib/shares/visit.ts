// The one gate every visitor request passes: the public page, its folder listing, previews,
// file downloads and the zip. In this order, and nowhere else:
//   1–4. the link's own rules (gate.ts: it exists, its owner is enabled, it is open, its item is live)
//   5. the password, when set (password.ts: 403; guesses are taken from their limits before the check)
//   6. what is handed out is inside what was shared (404) and can be handed out (400, 409)
//   7. the download limit, taken with one atomic conditional UPDATE, so parallel downloads can
//      never overshoot it (410), before any byte leaves. A preview hands out the original bytes
//      too: on a link with a limit it counts like a download, so the limit bounds every door.
import type { Share } from "../generated/prisma/client";
import { db } from "../db";
import { invalid } from "../errors";
import { audit, findFile, findFolder } from "../files/access";
import { zipEntries, type ZipPlan } from "../files/zip";
import { inlineAllowed } from "../storage/content";
import { findShare, goneBecause, openShare, shareActor, type ShareActor, type ShareTarget } from "./gate";
import { checkPassword, type PasswordAttempt } from "./password";
import { ticketValid } from "./zip-ticket";

export type { ShareActor } from "./gate";
export { PASSWORD_LIMITS, PASSWORD_WINDOW_SECONDS } from "./password";

/** What a visitor is doing: looking (page, listing) never counts; downloads and zips always do. */
export type Purpose =
  | { kind: "view" }
  | { kind: "preview"; fileId: string }
  | { kind: "download"; fileId?: string }
  | { kind: "zip"; folderId?: string; ticket?: string };

export interface Visit extends PasswordAttempt {
  token: string;
  purpose: Purpose;
}

type FileRow = Awaited<ReturnType<typeof findFile>>;

export interface Admitted {
  share: Share;
  actor: ShareActor;
  /** The file or folder the link was made for. */
  target: ShareTarget;
  /** For a download or a preview: the file to hand out. */
  file?: FileRow;
  /** For a zip: the folder (the shared one or one inside it) to pack, and what goes in. */
  folder?: Awaited<ReturnType<typeof findFolder>>;
  zip?: ZipPlan;
  /** A fresh unlock value to remember when this visit brought a correct password. */
  unlock?: string;
}

/** Whether the purpose hands out a stored file's original bytes that the link's limit must count. */
const counts = (share: Share, purpose: Purpose) =>
  purpose.kind === "download" || purpose.kind === "zip" || (purpose.kind === "preview" && share.maxDownloads !== null);

/** Rule 6: the file, folder or zip the purpose names, within the link (the access layer's share scope). */
async function handedOut(actor: ShareActor, target: ShareTarget, purpose: Purpose) {
  if (purpose.kind === "download" || purpose.kind === "preview") {
    // An id from outside the link answers 404, like a made-up one.
    const fileId = purpose.fileId || (target.type === "file" ? target.file.id : undefined);
    if (!fileId) throw invalid("Choose a file of the shared folder to download.");
    const file = await findFile(actor, fileId);
    if (purpose.kind === "preview" && !inlineAllowed(file.type)) throw invalid("This kind of file has no preview.");
    return { file };
  }
  if (purpose.kind === "zip") {
    if (target.type !== "folder") throw invalid("Only a folder link can be downloaded as a zip.");
    const folder = await findFolder(actor, purpose.folderId ?? target.folder.id);
    // Planned before the download is counted: a zip that cannot be made costs the link nothing.
    return { folder, zip: await zipEntries(actor, { fileIds: [], folderIds: [folder.id] }) };
  }
  return {};
}

/** Takes one download from the limit, atomically; false when none is left. */
async function takeDownload(shareId: string): Promise<boolean> {
  const taken = await db.$executeRaw`UPDATE "Share" SET "downloadCount" = "downloadCount" + 1
    WHERE "id" = ${shareId} AND "revokedAt" IS NULL AND ("maxDownloads" IS NULL OR "downloadCount" < "maxDownloads")`;
  return taken === 1;
}

/** A zip whose download was counted when its ticket was handed out; a wrong or stale ticket is refused. */
function ticketed(share: Share, purpose: Purpose, now: Date): boolean {
  if (purpose.kind !== "zip" || purpose.ticket === undefined) return false;
  if (ticketValid(purpose.ticket, share.id, purpose.folderId ?? "", now)) return true;
  throw invalid("This download has expired. Start it again from the page.");
}

/** Applies every rule of a link to one visitor request; throws the domain error to answer with. */
export async function admitVisitor(visit: Visit): Promise<Admitted> {
  const share = await findShare(visit.token);
  // A ticketed zip was counted when its ticket was made: the link may have been used up by it.
  const paidFor = ticketed(share, visit.purpose, visit.now);
  const target = await openShare(share, visit.now, paidFor);
  const unlock = await checkPassword(share, visit);
  const actor = await shareActor(share, target, visit.client);
  const { purpose } = visit;
  const { file, folder, zip } = await handedOut(actor, target, purpose);
  const counted = counts(share, purpose) && !paidFor;
  if (counted && !(await takeDownload(share.id))) throw goneBecause("exhausted");

  await db.$transaction(async (tx) => {
    await tx.share.update({ where: { id: share.id }, data: { lastAccessAt: visit.now } });
    if (!counted) return;
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
      ...(purpose.kind === "preview" ? { preview: true } : {}),
      ...(folder ? { folderId: folder.id, name: folder.name, zip: true } : {}),
    });
  });
  return { share, actor, target, file, folder, zip, unlock };
}
