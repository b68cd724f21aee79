/** One part of a multipart upload: bytes [start, end) of the file. Part numbers start at 1. */
export interface PartPlan {
  partNumber: number;
  start: number;
  end: number;
}

/**
 * Splits `size` bytes into the server's parts: every part is `partSize` bytes except the last.
 * Throws when the server's figures do not describe the file (so no byte is sent twice or never).
 */
export function planParts(size: number, partSize: number, partCount: number): PartPlan[] {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`Invalid file size: ${size}`);
  if (!Number.isSafeInteger(partSize) || partSize <= 0) throw new RangeError(`Invalid part size: ${partSize}`);
  const expected = Math.max(1, Math.ceil(size / partSize));
  if (partCount !== expected) {
    throw new RangeError(
      `${partCount} parts of ${partSize} bytes do not cover ${size} bytes (expected ${expected} parts)`,
    );
  }
  const parts: PartPlan[] = new Array(partCount);
  for (let i = 0; i < partCount; i++) {
    const start = i * partSize;
    parts[i] = { partNumber: i + 1, start, end: Math.min(size, start + partSize) };
  }
  return parts;
}
