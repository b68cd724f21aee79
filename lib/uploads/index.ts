export { createUpload, type CreatedUpload } from "./create";
export { createUploadInput } from "./rules";
export { signParts, signPartsInput } from "./parts";
export { completeUpload, completeInput } from "./complete";
export { findUpload, describeUpload } from "./find";
export { discardUpload } from "./discard";
export { sweepExpiredUploads } from "./sweep";
export { writableKey } from "./cleanup";
export { abortUpload, abortSession } from "./abort";
