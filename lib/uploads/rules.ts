// What a new upload may be: name, type and size rules, and the multipart plan.
import { createUploadInput, type CreateUploadInput } from "../schemas/uploads";
import { env } from "../env";
import { DomainError } from "../errors";
import { formatBytes } from "../bytes";

const MiB = 1024 * 1024;
/** R2 needs equal-size parts; S3 needs at least 5 MiB; we use at least 8 MiB. */
export const MIN_PART_SIZE = 8 * MiB;
/**
 * Files from LARGE_FILE on get parts of at least LARGE_PART_SIZE. Each part costs a request, its
 * checks and (local driver) a sync: 16 MiB parts took a 1 GiB upload from 0.76x to 0.87x of a bare
 * Node receiver in the same run (docs/BENCHMARKS.md, issue 24). Smaller files keep 8 MiB parts, so
 * that the 4 parts the browser sends at once still share the work and a retried part stays small.
 */
export const LARGE_FILE = 512 * MiB;
export const LARGE_PART_SIZE = 16 * MiB;
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

/** Equal parts of at least 8 MiB (16 MiB from 512 MiB; whole MiB), no more than 10,000 of them; the last may be shorter. */
export function planParts(size: number): MultipartPlan {
  const needed = Math.ceil(size / MAX_PARTS);
  const floor = size >= LARGE_FILE ? LARGE_PART_SIZE : MIN_PART_SIZE;
  const partSize = Math.max(floor, Math.ceil(needed / MiB) * MiB);
  return { partSize, partCount: Math.ceil(size / partSize) };
}

/** Size of part `n` (1-based) under a plan. */
export function partSizeOf(size: number, plan: MultipartPlan, partNumber: number): number {
  return partNumber < plan.partCount ? plan.partSize : size - plan.partSize * (plan.partCount - 1);
}

export function usesMultipart(size: number): boolean {
  return size > env().MULTIPART_THRESHOLD;
}
