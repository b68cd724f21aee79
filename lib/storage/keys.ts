// Storage keys are random and meaningless: `<ownerId>/<random id>`. The user's file name is
// only a database column, never part of a key, so renames are free and names leak nowhere.
// Every driver validates keys with `assertValidKey` before touching disk or network.
import crypto from "node:crypto";
import { InvalidKeyError } from "./errors";

/** One path segment: url-safe characters, not starting with a dot (so never `.` or `..`). */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const MAX_KEY_LENGTH = 512;

/** A new key for an object owned by `ownerId`: `<ownerId>/<22 url-safe random chars>`. */
export function newStorageKey(ownerId: string): string {
  if (!SEGMENT.test(ownerId)) {
    throw new InvalidKeyError(
      `Owner id "${ownerId}" cannot be used in a storage key (expected letters, digits, "_" or "-").`,
    );
  }
  return `${ownerId}/${crypto.randomBytes(16).toString("base64url")}`;
}

/** Why `key` is not a valid storage key, or null when it is. */
export function keyProblem(key: string): string | null {
  if (typeof key !== "string" || key.length === 0) return "the key is empty";
  if (key.length > MAX_KEY_LENGTH) return `the key is longer than ${MAX_KEY_LENGTH} characters`;
  if (key.startsWith("/")) return "the key starts with /";
  if (key.endsWith("/")) return "the key ends with /";
  for (const segment of key.split("/")) {
    if (segment === "") return "the key has an empty segment (//)";
    if (segment === "." || segment === "..") return "the key has a . or .. segment";
    if (!SEGMENT.test(segment)) {
      return `the segment "${segment}" has characters other than letters, digits, ".", "_" and "-", or starts with "."`;
    }
  }
  return null;
}

/** Throws InvalidKeyError unless `key` is a safe storage key. */
export function assertValidKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) throw new InvalidKeyError(`Invalid storage key "${truncate(key)}": ${problem}.`);
}

/** Throws InvalidKeyError unless `prefix` is "" or a safe beginning of a key (may end with "/"). */
export function assertValidPrefix(prefix: string): void {
  if (prefix === "") return;
  const body = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  const problem = body === "" ? "the prefix is only /" : keyProblem(body);
  // A prefix may end inside a segment ("user1/ab"), so a partial last segment is fine as long
  // as it is made of allowed characters; keyProblem already enforces that.
  if (problem) throw new InvalidKeyError(`Invalid storage key prefix "${truncate(prefix)}": ${problem}.`);
}

/**
 * The order stores list keys in: byte order of the UTF-8 key (S3 ListObjectsV2), which for the
 * ASCII characters keys may hold is JavaScript's code-unit order. Reconciliation merge-joins on it.
 */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Upload ids made by the local driver: 22 url-safe characters. */
export function newUploadId(): string {
  return crypto.randomBytes(16).toString("base64url");
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
