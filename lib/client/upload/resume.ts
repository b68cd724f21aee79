// Upload sessions saved in localStorage so that dropping the same file again (after a reload,
// a crash or a dropped connection) continues a multipart upload instead of starting over, and
// a dropped folder cut off half-way sends only what the server does not hold yet: a finished
// file's session stays (marked done) until the page's uploads are all over, and a single PUT's
// session is first completed, so bytes stored before the reload are kept, not sent again.

/** The part of the Web Storage API this needs (localStorage, or a Map-backed fake in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length?: number;
  key?(index: number): string | null;
}

export interface ResumeSession {
  mode: "single" | "multipart";
  uploadId: string;
  fileId: string;
  /** Declared size: a session is only reused for a file of the same size. */
  size: number;
  partSize: number;
  partCount: number;
  /** ETags of the parts already stored, by part number. */
  etags: Record<number, string>;
  expiresAt: string;
  /** Completed: dropping the file again while its drop is unfinished confirms it instead of copying it. */
  done?: boolean;
}

const PREFIX = "stowage.upload.v1:";

/** Identifies "the same file dropped into the same folder": name, size, lastModified and folder. */
export function resumeKey(
  file: { name: string; size: number; lastModified?: number },
  folderId?: string | null,
): string {
  return `${PREFIX}${folderId ?? "root"}:${file.size}:${file.lastModified ?? 0}:${file.name}`;
}

/** An upload cut off before this page loaded (a reload, a crash): what the upload panel shows as paused. */
export interface PausedUpload {
  key: string;
  name: string;
  size: number;
  folderId: string | null;
  uploadId: string;
  /** Bytes of the parts already stored (0 for a single PUT, which starts over). */
  bytesStored: number;
}

/** Reads back what `resumeKey` wrote (the name comes last, so it may contain ":"). */
function parseResumeKey(key: string): { folderId: string | null; size: number; name: string } | null {
  const match = /^([^:]+):(\d+):(-?\d+):(.+)$/s.exec(key.slice(PREFIX.length));
  if (!key.startsWith(PREFIX) || !match) return null;
  return { folderId: match[1] === "root" ? null : match[1]!, size: Number(match[2]), name: match[4]! };
}

function isSession(value: unknown): value is ResumeSession {
  if (typeof value !== "object" || value === null) return false;
  const s = value as Record<string, unknown>;
  return (
    (s.mode === "single" || s.mode === "multipart") &&
    typeof s.uploadId === "string" &&
    typeof s.fileId === "string" &&
    typeof s.size === "number" &&
    typeof s.partSize === "number" &&
    typeof s.partCount === "number" &&
    typeof s.etags === "object" &&
    s.etags !== null &&
    typeof s.expiresAt === "string" &&
    (s.done === undefined || typeof s.done === "boolean")
  );
}

/** Done sessions removed per task by `forgetDone`. */
const FORGET_SLICE = 1_000;

/**
 * Reads and writes sessions. Storage failures (private mode, full storage, no localStorage)
 * only cost the ability to resume: they never fail an upload.
 */
export class ResumeStore {
  /** Keys this page marked done: they are not resumed here (dropping a file twice makes a copy, as ever). */
  private readonly doneHere = new Set<string>();

  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly now: () => number = Date.now,
    /** A session expiring sooner than this is not worth continuing. */
    private readonly marginMs = 60_000,
  ) {}

  /** The saved session for `key`, or null (expired or unreadable ones are removed). */
  load(key: string): ResumeSession | null {
    let raw: string | null = null;
    try {
      raw = this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
    if (raw === null) return null;
    let session: unknown;
    try {
      session = JSON.parse(raw);
    } catch {
      session = null;
    }
    if (!isSession(session) || !this.isFresh(session)) {
      this.remove(key);
      return null;
    }
    if (session.done && this.doneHere.has(key)) return null;
    return session;
  }

  /** Records that the upload saved under `key` completed; kept until `forgetDone` (or its expiry). */
  markDone(key: string, session: ResumeSession): void {
    this.doneHere.add(key);
    this.save(key, { ...session, done: true });
  }

  /** Removes the sessions this page marked done: called once its uploads are all over. */
  forgetDone(): void {
    // 10,000 removals at once kept a page busy for ~200 ms: a slice per task. A key saved again
    // meanwhile (a new upload of the same file) has left `doneHere` and is kept.
    const keys = [...this.doneHere];
    const slice = (from: number) => {
      for (const key of keys.slice(from, from + FORGET_SLICE)) if (this.doneHere.has(key)) this.remove(key);
      if (from + FORGET_SLICE < keys.length) setTimeout(() => slice(from + FORGET_SLICE), 0);
    };
    slice(0);
  }

  /** Whether the upload saved under `key` is still to be continued (cheap: nothing parsed). */
  stillPaused(key: string): boolean {
    if (this.doneHere.has(key)) return false;
    try {
      return this.storage?.getItem(key) != null;
    } catch {
      return false;
    }
  }

  save(key: string, session: ResumeSession): void {
    if (!session.done) this.doneHere.delete(key); // a new upload of the same file: resumable again
    try {
      this.storage?.setItem(key, JSON.stringify(session));
    } catch {
      // Full or unavailable storage: the upload goes on, it just cannot be resumed.
    }
  }

  remove(key: string): void {
    this.doneHere.delete(key);
    try {
      this.storage?.removeItem(key);
    } catch {
      // ignore
    }
  }

  /** Removes every saved session that has expired (the server has aborted those uploads). */
  pruneExpired(): void {
    const storage = this.storage;
    if (!storage || typeof storage.key !== "function" || typeof storage.length !== "number") return;
    try {
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(PREFIX)) keys.push(key);
      }
      for (const key of keys) this.load(key);
    } catch {
      // ignore
    }
  }

  /** Every unexpired saved session, as the uploads it stands for (oldest key order is storage order). */
  paused(): PausedUpload[] {
    const storage = this.storage;
    if (!storage || typeof storage.key !== "function" || typeof storage.length !== "number") return [];
    const found: PausedUpload[] = [];
    try {
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(PREFIX)) keys.push(key);
      }
      for (const key of keys) {
        const file = parseResumeKey(key);
        const session = file && this.load(key);
        if (!file || !session || session.done) continue;
        const stored = session.mode === "multipart" ? Object.keys(session.etags).length * session.partSize : 0;
        found.push({ key, ...file, uploadId: session.uploadId, bytesStored: Math.min(stored, session.size) });
      }
    } catch {
      // unreadable storage: nothing to show
    }
    return found;
  }

  private isFresh(session: ResumeSession): boolean {
    const expiresAt = Date.parse(session.expiresAt);
    return Number.isFinite(expiresAt) && expiresAt - this.marginMs > this.now();
  }
}
