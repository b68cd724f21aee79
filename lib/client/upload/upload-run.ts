// One upload of one file, as the runners (runSinglePut in uploader.ts, multipart-put.ts) and
// uploadFile see it: the job, the settings with their defaults, and the calls they share —
// app-server calls with retries, completing, and the session saved for resuming.
import type { ApiFile } from "@/lib/client/api";
import { isAbortError } from "@/lib/client/http";
import type { CompletedPart, UploadApi } from "./api";
import { toUploadError, type UploadError } from "./errors";
import type { ResumeSession, ResumeStore } from "./resume";
import { abortableSleep, backoffDelay } from "./timing";
import type { PutTransport } from "./transport";

export interface UploaderDeps {
  api: UploadApi;
  put: PutTransport;
  /** Where sessions are saved for resuming; null to never resume. */
  resume?: ResumeStore | null;
  /** Waits `ms`, rejecting with an AbortError when `signal` fires. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Parts in flight at once for one file (default 4). */
  partConcurrency?: number;
  /** Part URLs asked for per request (default 10); they expire, so they are fetched as needed. */
  partBatchSize?: number;
  /** Tries per part (and per single PUT) before the upload fails (default 5). */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Saved progress is written at most this often (default 1 s), and always when the upload stops. */
  persistIntervalMs?: number;
}

/** What the engine needs of a browser `File` (a Blob with a name), so tests can pass plain objects. */
export interface UploadSource {
  readonly name: string;
  readonly size: number;
  readonly type: string;
  readonly lastModified?: number;
  slice(start?: number, end?: number, contentType?: string): Blob;
}

export type UploadPhase = "preparing" | "uploading" | "finishing";

export interface UploadJob {
  file: UploadSource;
  folderId?: string | null;
  /** Replace the file of the same name in the folder (its bytes become a version) instead of keeping both. */
  replace?: boolean;
  /** Key of the saved session (see `resumeKey`); null or absent: neither resume nor save. */
  resumeKey?: string | null;
  /** Cancels the upload: in-flight requests are aborted and the server-side upload is deleted. */
  signal?: AbortSignal;
  /** Bytes stored so far, including the progress of parts in flight. */
  onProgress?: (bytesSent: number) => void;
  onPhase?: (phase: UploadPhase) => void;
  /** Called once the server-side upload exists; `resumed` when a saved session was continued. */
  onStart?: (info: { uploadId: string; resumed: boolean; multipart: boolean }) => void;
}

function withDefaults(deps: UploaderDeps) {
  return {
    sleep: abortableSleep,
    random: Math.random,
    now: Date.now,
    partConcurrency: 4,
    partBatchSize: 10,
    maxAttempts: 5,
    backoffBaseMs: 500,
    backoffMaxMs: 15_000,
    persistIntervalMs: 1_000,
    ...deps,
  };
}

export type UploadSettings = ReturnType<typeof withDefaults>;

export class UploadRun {
  readonly cfg: UploadSettings;
  readonly file: UploadSource;
  readonly signal: AbortSignal | undefined;
  private readonly key: string | null;
  private readonly store: ResumeStore | null;
  /** The session last saved (or loaded) for this upload. */
  private session: ResumeSession | null = null;

  constructor(
    readonly job: UploadJob,
    deps: UploaderDeps,
  ) {
    this.cfg = withDefaults(deps);
    this.file = job.file;
    this.signal = job.signal;
    this.key = job.resumeKey ?? null;
    this.store = this.key !== null ? (this.cfg.resume ?? null) : null;
  }

  /** The wait before try `retry + 1`. */
  delay(retry: number): number {
    return backoffDelay(retry, {
      baseMs: this.cfg.backoffBaseMs,
      maxMs: this.cfg.backoffMaxMs,
      random: this.cfg.random,
    });
  }

  /** Calls the app server, trying again (with backoff) while the failure is `worthRetrying`. */
  async withRetries<T>(call: () => Promise<T>, worthRetrying: (error: UploadError) => boolean): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (caught) {
        if (this.signal?.aborted || isAbortError(caught)) throw caught;
        const error = toUploadError(caught);
        if (!worthRetrying(error) || attempt >= this.cfg.maxAttempts) throw error;
        await this.cfg.sleep(this.delay(attempt), this.signal);
      }
    }
  }

  // Completing twice is harmless, so any transient failure is retried. Creating is not
  // idempotent (it reserves space): only answers saying nothing was done (429, 503) are.

  complete(uploadId: string, parts?: CompletedPart[]): Promise<ApiFile> {
    return this.withRetries(
      () => this.cfg.api.complete(uploadId, parts),
      (e) => e.retryable,
    );
  }

  create(request: Parameters<UploadApi["create"]>[0]) {
    return this.withRetries(
      () => this.cfg.api.create(request),
      (e) => e.status === 429 || e.status === 503,
    );
  }

  loadSession(): ResumeSession | null {
    this.session = this.key !== null ? (this.store?.load(this.key) ?? null) : null;
    return this.session;
  }

  saveSession(session: ResumeSession): void {
    this.session = session;
    if (this.key !== null) this.store?.save(this.key, session);
  }

  /** The upload completed: its session stays, marked done, until the page's uploads are all over. */
  sessionDone(): void {
    if (this.key !== null && this.session) this.store?.markDone(this.key, this.session);
    else this.forgetSession();
  }

  forgetSession(): void {
    if (this.key !== null) this.store?.remove(this.key);
  }
}
