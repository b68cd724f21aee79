// Many small files at once (a dropped folder) cost two app-server requests per batch instead of
// two per file: creates and completes made within a few milliseconds of each other are sent
// together (POST /api/uploads/batch, /api/uploads/batch/complete). Each file still gets its own
// answer, so per-file errors, retries and cancels work as with the per-file protocol; one or a few
// files, large ones and multipart completes keep that protocol.
import { ApiError, requestJson, type FetchLike } from "@/lib/client/http";
import type { ApiFile } from "@/lib/client/api";
import type {
  BatchItemError,
  CompleteUploadBatchResponse,
  CreateUploadBatchResponse,
  CreateUploadResponse,
} from "@/lib/schemas/uploads";
import { MAX_BATCH_FILES } from "@/lib/schemas/uploads";
import { uploadErrorFromApi } from "./errors";
import type { PutGroup } from "./group-put";
import type { CreateUploadRequest, UploadApi } from "./api";

export interface BatchingOptions {
  fetch?: FetchLike;
  baseUrl?: string;
  /** Files up to this size may go in a batch (default 4 MiB; larger ones are uploaded in parts anyway). */
  smallFileBytes?: number;
  /** Creates gathered for at most this long before a batch is sent (ms, default 20). */
  windowMs?: number;
  /**
   * Completes gathered for at most this long (ms, default 100). Longer than for creates: the PUTs
   * before them end one by one, and a file waiting here costs nothing while others upload.
   */
  completeWindowMs?: number;
  /** Fewer calls than this in a window go one by one, as before, unless a batch went recently (default 3). */
  minBatch?: number;
  /** How long after a batch the stragglers of the same drop still go as batches (ms, default 2000). */
  bulkModeMs?: number;
  now?: () => number;
  maxBatch?: number;
}

interface Waiting<I, O> {
  input: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/** Gathers calls for `windowMs` (or until `max` wait), then hands them over together. */
function gatherer<I, O>(windowMs: number, max: number, send: (batch: Waiting<I, O>[]) => void) {
  let waiting: Waiting<I, O>[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = waiting;
    waiting = [];
    if (batch.length > 0) send(batch);
  };
  return (input: I) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      if (waiting.length >= max) flush();
      else timer ??= setTimeout(flush, windowMs);
    });
}

const toError = (entry: BatchItemError) =>
  uploadErrorFromApi(new ApiError(entry.status, entry.error.code, entry.error.message, entry.error));

/** Files whose answers are handed on in one go: each starts its next step (a PUT, a list update) at once. */
const SETTLE_SLICE = 25;

/** Lets the browser paint and handle input before the next slice of a batch's answers. */
function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

function settleAll<I, O>(batch: Waiting<I, O>[], run: () => Promise<(w: Waiting<I, O>, i: number) => void>) {
  run().then(
    // In slices: 200 files continuing their uploads in one task kept the page busy for 300 ms.
    async (settle) => {
      for (let i = 0; i < batch.length; i++) {
        if (i > 0 && i % SETTLE_SLICE === 0) await yieldToBrowser();
        settle(batch[i]!, i);
      }
    },
    (error: unknown) => {
      const mapped = error instanceof ApiError ? uploadErrorFromApi(error) : error;
      for (const w of batch) w.reject(mapped);
    },
  );
}

/** `api` with creates and completes of small single-PUT uploads sent in batches. */
export function withBatching(api: UploadApi, options: BatchingOptions = {}): UploadApi {
  const base = options.baseUrl ?? "";
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const small = options.smallFileBytes ?? 4 * 1024 * 1024;
  const windowMs = options.windowMs ?? 20;
  const completeWindowMs = options.completeWindowMs ?? 30;
  const minBatch = options.minBatch ?? 3;
  const bulkModeMs = options.bulkModeMs ?? 2_000;
  const now = options.now ?? Date.now;
  // While a drop is under way its stragglers go as batches too, however few arrive in one window.
  let lastBatchAt = -Infinity;
  const alone = (count: number) => {
    if (count >= minBatch || now() - lastBatchAt < bulkModeMs) {
      lastBatchAt = now();
      return false;
    }
    return true;
  };
  const max = Math.min(options.maxBatch ?? 200, MAX_BATCH_FILES);

  const create = gatherer<CreateUploadRequest, CreateUploadResponse>(windowMs, max, (batch) => {
    if (alone(batch.length)) {
      for (const w of batch) api.create(w.input).then(w.resolve, w.reject);
      return;
    }
    settleAll(batch, async () => {
      const answer = await requestJson<CreateUploadBatchResponse>(doFetch, `${base}/api/uploads/batch`, {
        method: "POST",
        body: { files: batch.map((w) => w.input) },
      });
      // Each file of a group PUT carries its group (group-put.ts sends the group once all have come).
      const groupOf = new Map<string, PutGroup>();
      for (const group of answer.groups ?? []) for (const id of group.uploadIds) groupOf.set(id, group);
      return (w, i) => {
        const entry = answer.uploads[i]!;
        const group = "uploadId" in entry ? groupOf.get(entry.uploadId) : undefined;
        if ("uploadId" in entry) w.resolve(group ? Object.assign({ group }, entry) : entry);
        // Too large for a batch on this server (its multipart threshold is lower): on its own, then.
        else if (entry.error.useSingleCreate) api.create(w.input).then(w.resolve, w.reject);
        else w.reject(toError(entry));
      };
    });
  });

  const complete = gatherer<string, ApiFile>(completeWindowMs, max, (batch) => {
    if (alone(batch.length)) {
      for (const w of batch) api.complete(w.input).then(w.resolve, w.reject);
      return;
    }
    settleAll(batch, async () => {
      const answer = await requestJson<CompleteUploadBatchResponse<ApiFile>>(
        doFetch,
        `${base}/api/uploads/batch/complete`,
        { method: "POST", body: { uploadIds: batch.map((w) => w.input) } },
      );
      return (w, i) => {
        const entry = answer.results[i]!;
        if ("file" in entry) w.resolve(entry.file);
        else w.reject(toError(entry));
      };
    });
  });

  return {
    ...api,
    // A replacement goes on its own (batches refuse `replace`); its complete may still be batched.
    create: (request) => (request.size <= small && !request.replace ? create(request) : api.create(request)),
    complete: (uploadId, parts) => (parts ? api.complete(uploadId, parts) : complete(uploadId)),
  };
}
