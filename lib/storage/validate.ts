// Argument checks shared by the drivers. Services validate user input first; these catch
// programming errors early (TypeError), before anything is signed or written, and multipart part
// lists are checked the same way by every driver (IntegrityError).
import { IntegrityError } from "./errors";
import type { CompletedPart } from "./types";

/** Presigned URLs live at most 7 days (the SigV4 limit). */
export const MAX_EXPIRES_IN = 7 * 24 * 3600;

export function assertSize(size: number, what = "size"): void {
  if (!Number.isSafeInteger(size) || size < 0)
    throw new TypeError(`${what} must be a non-negative integer, got ${size}`);
}

export function assertPartNumber(partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
    throw new TypeError(`partNumber must be an integer from 1 to 10000, got ${partNumber}`);
  }
}

/** Whole seconds from 1 to 7 days. */
export function clampExpiresIn(expiresIn: number): number {
  if (!Number.isFinite(expiresIn) || expiresIn <= 0)
    throw new TypeError(`expiresIn must be a positive number of seconds, got ${expiresIn}`);
  return Math.min(MAX_EXPIRES_IN, Math.max(1, Math.floor(expiresIn)));
}

/** S3 ETags are quoted hex; compare without quotes and case. */
export function normalizeEtag(etag: string): string {
  return etag.trim().replace(/^W\//, "").replace(/"/g, "").toLowerCase();
}

/**
 * Hands out the parts one at a time, checking each as it is taken (a number from 1 to 10000,
 * ascending, each once), so a driver can check its own things per part in the same pass.
 */
export function* ascendingParts(parts: CompletedPart[]): Generator<CompletedPart> {
  if (parts.length === 0) throw new IntegrityError("A multipart upload needs at least one part.");
  let previous = 0;
  for (const part of parts) {
    assertPartNumber(part.partNumber);
    if (part.partNumber <= previous)
      throw new IntegrityError("The parts must be listed in ascending order of part number, each once.");
    previous = part.partNumber;
    yield part;
  }
}

/** Checks the whole list up front. */
export function assertAscendingParts(parts: CompletedPart[]): void {
  for (const part of ascendingParts(parts)) void part;
}
