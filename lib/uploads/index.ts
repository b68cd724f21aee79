export { createUpload, type CreatedUpload } from "./create";
export { createUploadInput } from "./rules";
export { signParts, signPartsInput } from "./parts";
export { completeUpload, completeInput } from "./complete";
export { findUpload, describeUpload } from "./find";
export { discardUpload } from "./discard";
export { sweepExpiredUploads } from "./sweep";
export { writableKey } from "./cleanup";

import { ownerIdOf, type Actor } from "../files/access";
import { findUpload } from "./find";
import { discardUpload } from "./discard";

/** DELETE /api/uploads/{id}: abort, free the reservation, delete any bytes. Only its owner can. */
export async function abortUpload(actor: Actor, uploadId: string): Promise<void> {
  ownerIdOf(actor);
  await discardUpload(await findUpload(actor, uploadId), "aborted");
}
