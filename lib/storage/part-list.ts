// The part list of a multipart completion, checked the same way by every driver.
import { IntegrityError } from "./errors";
import type { CompletedPart } from "./types";
import { assertPartNumber } from "./validate";

/**
 * Hands out the parts one at a time, checking each as it is taken (a number from 1 to 10000,
 * ascending, each once), so a driver can check its own things per part in the same pass.
 */
export function* ascendingParts(parts: CompletedPart[]): Generator<CompletedPart> {
  if (parts.length === 0) throw new IntegrityError("A multipart upload needs at least one part.");
  let previous = 0;
  for (const part of parts) {
    assertPartNumber(part.partNumber);
    if (part.partNumber <= previous) throw new IntegrityError("The parts must be listed in ascending order of part number, each once.");
    previous = part.partNumber;
    yield part;
  }
}

/** Checks the whole list up front. */
export function assertAscendingParts(parts: CompletedPart[]): void {
  for (const part of ascendingParts(parts)) void part;
}
