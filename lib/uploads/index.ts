export { createUpload, type CreatedUpload } from "./create";
export { createUploadInput } from "./rules";
export { signParts, signPartsInput } from "./parts";
export { completeUpload, completeInput } from "./complete";
export { findUpload, describeUpload } from "./find";
export { discardUpload } from "./discard";
export { sweepExpiredUploads } from "./sweep";
export { writableKey } from "./cleanup";

import { findUpload } from "./find";
import { discardUpload } from "./discard";

/** DELETE /api/uploads/{id}: abort, free the reservation, delete any bytes. */
export async function abortUpload(ownerId: string, uploadId: string): Promise<void> {
  await discardUpload(await findUpload(ownerId, uploadId), "aborted");
}
