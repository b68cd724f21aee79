// What a new upload may be: name, type and size rules, and the multipart plan.
import { createUploadInput, type CreateUploadInput } from "../schemas/uploads";
import { env } from "../env";
import { DomainError } from "../errors";
import { formatBytes } from "../bytes";

const MiB = 1024 * 1024;
/** R2 needs equal-size parts; S3 needs at least 5 MiB; we use at least 8 MiB. */
export const MIN_PART_SIZE = 8 * MiB;
export const MAX_PARTS = 10_000;

export { createUploadInput, type CreateUploadInput };

/** Throws 413 too_large / 415 unsupported_type for what this server does not accept. */
export function checkAccepted(input: CreateUploadInput): void {
  const config = env();
  if (input.size > config.MAX_FILE_BYTES) {
    throw new DomainError("too_large", `Files can be at most ${formatBytes(config.MAX_FILE_BYTES)} on this server.`, {
      maxFileBytes: config.MAX_FILE_BYTES,
    });
  }
  const essence = input.type.split(";")[0]!.trim();
  const blocked = config.BLOCKED_TYPES.some((rule) =>
    rule.endsWith("/*") ? essence.startsWith(rule.slice(0, -1)) : essence === rule,
  );
  if (blocked) throw new DomainError("unsupported_type", `Files of type ${essence} are not accepted on this server.`);
}

export interface MultipartPlan {
  partSize: number;
  partCount: number;
}

/** Equal parts of at least 8 MiB (whole MiB), no more than 10,000 of them; the last may be shorter. */
export function planParts(size: number): MultipartPlan {
  const needed = Math.ceil(size / MAX_PARTS);
  const partSize = Math.max(MIN_PART_SIZE, Math.ceil(needed / MiB) * MiB);
  return { partSize, partCount: Math.ceil(size / partSize) };
}

/** Size of part `n` (1-based) under a plan. */
export function partSizeOf(size: number, plan: MultipartPlan, partNumber: number): number {
  return partNumber < plan.partCount ? plan.partSize : size - plan.partSize * (plan.partCount - 1);
}

export function usesMultipart(size: number): boolean {
  return size > env().MULTIPART_THRESHOLD;
}
