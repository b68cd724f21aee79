// POST /api/uploads/{id}/parts: signed URLs for a batch of parts, each bound to its exact size.
import { gone, invalid } from "../errors";
import { uploaderIdOf, type Actor } from "../files/access";
import type { SignedParts } from "../schemas/uploads";
import { partSizeOf } from "./rules";
import { findUpload } from "./find";
import { UPLOAD_URL_MAX_SECONDS } from "./cleanup";

const PART_URL_SECONDS = UPLOAD_URL_MAX_SECONDS;
export { MAX_PARTS_PER_REQUEST, signPartsInput } from "../schemas/uploads";

export async function signParts(actor: Actor, uploadId: string, partNumbers: number[]) {
  uploaderIdOf(actor); // only who started it (the owner, or a file request's visitor) writes its parts
  const upload = await findUpload(actor, uploadId);
  if (!upload.multipartId || !upload.partSize || !upload.partCount) {
    throw invalid("This upload is a single PUT; it has no parts.");
  }
  if (upload.expiresAt.getTime() <= Date.now()) throw gone("This upload has expired. Start it again.");
  const plan = { partSize: upload.partSize, partCount: upload.partCount };
  const outOfRange = partNumbers.find((n) => n > plan.partCount);
  if (outOfRange) throw invalid(`Part ${outOfRange} does not exist: this upload has ${plan.partCount} parts.`);
  const unique = [...new Set(partNumbers)];
  const parts = await Promise.all(
    unique.map(async (partNumber) => {
      const signed = await upload.driver.signPart({
        key: upload.key,
        uploadId: upload.multipartId!,
        partNumber,
        size: partSizeOf(upload.size, plan, partNumber),
        // Never past the session: an expired upload's parts cannot be written.
        expiresIn: Math.max(
          1,
          Math.min(PART_URL_SECONDS, Math.floor((upload.expiresAt.getTime() - Date.now()) / 1000)),
        ),
      });
      return { partNumber, url: signed.url, headers: signed.headers };
    }),
  );
  return { parts } satisfies SignedParts;
}
