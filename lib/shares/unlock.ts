// After a correct password the visitor's browser keeps a signed "unlocked" value (a cookie scoped
// to the link's path), so browsing a shared folder or downloading does not ask again. It binds
// the share and its current password hash: changing or removing the password ends every unlock.
import crypto from "node:crypto";
import type { Share } from "../generated/prisma/client";
import { derivedKey } from "../secret";

/** How long one correct password keeps a link open in that browser. */
export const UNLOCK_SECONDS = 12 * 3600;

/** What an unlock binds: a share link, or a file request (lib/requests) which has the same three fields. */
type Lockable = Pick<Share, "id" | "passwordHash" | "expiresAt">;

function mac(share: Lockable, until: number): string {
  return crypto
    .createHmac("sha256", derivedKey("share-unlock"))
    .update(`${share.id}\n${share.passwordHash ?? ""}\n${until}`)
    .digest("base64url");
}

export function issueUnlock(share: Lockable, now: Date): string {
  const until = Math.min(now.getTime() + UNLOCK_SECONDS * 1000, share.expiresAt.getTime());
  return `${until}.${mac(share, until)}`;
}

export function unlockValid(value: string | undefined, share: Lockable, now: Date): boolean {
  const [untilText, given] = value?.split(".") ?? [];
  const until = Number(untilText);
  if (!given || !Number.isSafeInteger(until) || until <= now.getTime()) return false;
  const expected = Buffer.from(mac(share, until));
  const actual = Buffer.from(given);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}
