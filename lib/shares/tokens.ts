// Share link tokens.
//
// Why this design: a link must be unguessable, a copy of the database alone must not yield working
// links, and yet the owner must be able to copy a link again at any time. A random token stored in
// the clear fails the second rule; a random token stored only as a hash fails the third. So the
// token is derived from the share's id with a key only the server holds:
//
//   token = <share id> "." base64url(HMAC-SHA256(derivedKey("share-links"), "share:" + id))[0..32)
//
// 32 base64url characters carry 192 bits of the MAC, unguessable without the key. The database
// keeps only sha256(token) (`tokenHash`, for the lookup): the hash opens nothing, and without the
// server secret nobody can compute a token from an id. The owner's list recomputes the link.
// The id in front lets us tell a link whose share row is gone (its file or folder was deleted for
// good, which deletes the share with it) from a made-up token: the first answers 410, the second 404.
// Rotating the app secret (AUTH_SECRET) invalidates every existing link, as it does sessions.
import crypto from "node:crypto";
import { derivedKey } from "../secret";

const MAC_CHARS = 32;
const TOKEN = /^([a-z0-9]{10,40})\.([A-Za-z0-9_-]{32})$/;

/** The share's link token; `key` is for tests (another server's secret). */
export function shareToken(shareId: string, key: Buffer = derivedKey("share-links")): string {
  const mac = crypto.createHmac("sha256", key).update(`share:${shareId}`).digest("base64url").slice(0, MAC_CHARS);
  return `${shareId}.${mac}`;
}

/** What the database stores for a token. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/**
 * The share id a well-formed, genuinely signed token names, or null for anything else. Compared in
 * constant time, so response timing does not help forge a MAC.
 */
export function signedShareId(token: string, key?: Buffer): string | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const expected = Buffer.from(shareToken(match[1], key));
  const given = Buffer.from(token);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? match[1] : null;
}
