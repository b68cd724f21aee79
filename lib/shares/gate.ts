// The rules every door of a share link applies, written once. The visitor gate (visit.ts) and the
// check of each signed URL a link handed out (grants.ts) both come here, so a rule cannot be
// forgotten on one path:
//   1. the link exists (404; a genuinely signed link whose share was deleted with its target: 410)
//   2. its owner's account is enabled (410: a disabled account shares nothing, through any door)
//   3. it is not revoked, expired or used up (410)
//   4. its file or folder is not in the trash (410 until restored)
import type { Share } from "../generated/prisma/client";
import { db } from "../db";
import { DomainError, gone, notFound } from "../errors";
import { findFile, findFolder, userActor, type Actor, type ClientInfo } from "../files/access";
import { subtreeIds } from "../files/tree";
import { hashToken, signedShareId } from "./tokens";
import { closedReason } from "./json";

export type ShareActor = Extract<Actor, { kind: "share" }>;

/** The file or folder the link was made for. */
export type ShareTarget =
  | { type: "file"; file: Awaited<ReturnType<typeof findFile>> }
  | { type: "folder"; folder: Awaited<ReturnType<typeof findFolder>> };

const GONE_MESSAGES = {
  revoked: "This link was turned off by its owner.",
  expired: "This link has expired.",
  exhausted: "This link has reached its download limit.",
  unavailable: "The shared item is no longer available.",
} as const;
type GoneReason = keyof typeof GONE_MESSAGES;

export const goneBecause = (reason: GoneReason) => gone(GONE_MESSAGES[reason], { reason });

/** The link a visitor's token names (rule 1). */
export async function findShare(token: string): Promise<Share> {
  const share = await db.share.findUnique({ where: { tokenHash: hashToken(token) } });
  if (share) return share;
  if (signedShareId(token)) throw goneBecause("unavailable");
  throw notFound("Share link");
}

async function ownerEnabled(ownerId: string): Promise<boolean> {
  const owner = await db.user.findUnique({ where: { id: ownerId }, select: { disabledAt: true } });
  return Boolean(owner && !owner.disabledAt);
}

async function targetOf(share: Share): Promise<ShareTarget> {
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

/**
 * Rules 2–4 for `share` at `now`; its target when they all hold. A URL a download already paid
 * for stays good when that download used the link up: `usedUpIsOpen` says so.
 */
export async function openShare(share: Share, now: Date, usedUpIsOpen = false): Promise<ShareTarget> {
  // A disabled owner's links answer like a link whose item is gone: nothing about the account leaks.
  if (!(await ownerEnabled(share.ownerId))) throw goneBecause("unavailable");
  const closed = closedReason(share, now);
  if (closed && !(closed === "exhausted" && usedUpIsOpen)) throw goneBecause(closed);
  return targetOf(share);
}

/** The access layer's actor for a link: the shared file, or the shared folder's live subtree. */
export async function shareActor(share: Share, target: ShareTarget, client?: ClientInfo): Promise<ShareActor> {
  return {
    kind: "share",
    shareId: share.id,
    ownerId: share.ownerId,
    fileId: share.fileId,
    folderIds: target.type === "folder" ? await subtreeIds(db, userActor(share.ownerId), target.folder.id, "live") : [],
    client,
  };
}
