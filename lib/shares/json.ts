// The owner's view of a share link (API.md "Share links"; extra fields in docs/API.md).
import type { Share } from "../generated/prisma/client";
import { env } from "../env";
import type { ShareJson, ShareStatus } from "../schemas/shares";
import { shareToken } from "./tokens";

export type ShareWithTarget = Share & {
  file: { id: string; name: string; folderId: string | null; deletedAt: Date | null } | null;
  folder: { id: string; name: string; deletedAt: Date | null } | null;
};

/** The link itself: `<APP_URL>/s/<token>`, recomputed from the server secret (see tokens.ts). */
export function shareUrl(shareId: string): string {
  return `${env().APP_URL}/s/${shareToken(shareId)}`;
}

/** Why a link does not work, or null when it does (the order a visitor would be told). */
export function closedReason(share: Share, now: Date): Exclude<ShareStatus, "active" | "unavailable"> | null {
  if (share.revokedAt) return "revoked";
  if (share.expiresAt <= now) return "expired";
  if (share.maxDownloads !== null && share.downloadCount >= share.maxDownloads) return "exhausted";
  return null;
}

export function shareStatus(share: ShareWithTarget, now: Date): ShareStatus {
  const closed = closedReason(share, now);
  if (closed) return closed;
  const target = share.file ?? share.folder;
  return !target || target.deletedAt ? "unavailable" : "active";
}

export function toShareJson(share: ShareWithTarget, now: Date) {
  return {
    id: share.id,
    url: shareUrl(share.id),
    expiresAt: share.expiresAt,
    maxDownloads: share.maxDownloads,
    downloadCount: share.downloadCount,
    hasPassword: share.passwordHash !== null,
    createdAt: share.createdAt,
    updatedAt: share.updatedAt,
    revokedAt: share.revokedAt,
    lastAccessAt: share.lastAccessAt,
    status: shareStatus(share, now),
    ...(share.file ? { file: { id: share.file.id, name: share.file.name, folderId: share.file.folderId } } : {}),
    ...(share.folder ? { folder: { id: share.folder.id, name: share.folder.name } } : {}),
  } satisfies ShareJson;
}
