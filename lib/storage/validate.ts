// Argument checks shared by the drivers. Services validate user input first; these catch
// programming errors early (TypeError), before anything is signed or written.

/** Presigned URLs live at most 7 days (the SigV4 limit). */
export const MAX_EXPIRES_IN = 7 * 24 * 3600;

export function assertSize(size: number, what = "size"): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new TypeError(`${what} must be a non-negative integer, got ${size}`);
}

export function assertPartNumber(partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
    throw new TypeError(`partNumber must be an integer from 1 to 10000, got ${partNumber}`);
  }
}

/** Whole seconds from 1 to 7 days. */
export function clampExpiresIn(expiresIn: number): number {
  if (!Number.isFinite(expiresIn) || expiresIn <= 0) throw new TypeError(`expiresIn must be a positive number of seconds, got ${expiresIn}`);
  return Math.min(MAX_EXPIRES_IN, Math.max(1, Math.floor(expiresIn)));
}

/** S3 ETags are quoted hex; compare without quotes and case. */
export function normalizeEtag(etag: string): string {
  return etag.trim().replace(/^W\//, "").replace(/"/g, "").toLowerCase();
}
