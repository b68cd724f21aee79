// Browser upload engine: direct-to-bucket uploads (single PUT or resumable multipart) with a queue.
export { createHttpUploadApi, type UploadApi } from "./api";
export { backoffDelay, type BackoffOptions } from "./backoff";
export { browserResumeStore, browserUploaderDeps, getUploadQueue } from "./browser";
export { isRetryableStatus, quotaMessage, toUploadError, UploadError } from "./errors";
export { planParts, type PartPlan } from "./plan";
export {
  EMPTY_SNAPSHOT,
  frameScheduler,
  UploadQueue,
  type UploadEvent,
  type UploadItem,
  type UploadQueueOptions,
  type UploadSnapshot,
  type UploadStatus,
  type UploadTotals,
} from "./queue";
export { ResumeStore, resumeKey, type KeyValueStorage, type PausedUpload, type ResumeSession } from "./resume";
export { selectWindow, type UploadWindow } from "./select";
export { estimateSecondsLeft, SpeedMeter } from "./speed";
export { createXhrPut, xhrPut, type PutRequest, type PutResponse, type PutTransport } from "./transport";
export type * from "./types";
export { abortableSleep, uploadFile, type UploadJob, type UploadPhase, type UploaderDeps } from "./uploader";
