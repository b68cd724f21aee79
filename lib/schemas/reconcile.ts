// What a reconciliation found, as stored in ReconcileRun.findings, printed by
// `npm run storage:reconcile --json` and shown by the admin storage overview. No server-only imports.

export interface ReconcileCounts {
  /** Objects stored by the driver (and their bytes). */
  objects: number;
  bytes: number;
  /** Objects no File row, thumbnail or pending deletion names. */
  orphans: number;
  /** …of which too recent to delete (younger than the upload expiry). */
  recentOrphans: number;
  /** READY files of this driver whose object is not there. */
  missing: number;
  /** READY files of this driver whose object has another size than the row. */
  sizeMismatches: number;
  /** Multipart uploads no open upload owns, started before the upload expiry. */
  staleMultipart: number;
  /** Files marked missing earlier whose object is there again (with the right size). */
  returned: number;
  /** Objects whose key belongs to a file of another driver (mirror copies, sources of a move). */
  copies: number;
}

/** What --fix did. */
export interface ReconcileFixes {
  deletedOrphans: number;
  abortedMultipart: number;
  markedMissing: number;
  clearedMissing: number;
  /** Actions that failed (each logged); the next run tries again. */
  failed: number;
}

export interface ReconcileSample {
  orphans: { key: string; size: number; lastModified: string | null }[];
  missing: { fileId: string; key: string; size: number }[];
  sizeMismatches: { fileId: string; key: string; expected: number; actual: number }[];
  staleMultipart: { key: string; uploadId: string; initiated: string }[];
}

export interface ReconcileReport {
  driver: "local" | "s3";
  startedAt: string;
  finishedAt: string;
  fixed: boolean;
  counts: ReconcileCounts;
  fixes: ReconcileFixes;
  /** "unsupported" when the store cannot list multipart uploads (stale ones are then not checked). */
  multipartListing: "ok" | "unsupported";
  /** At most SAMPLE_SIZE entries of each finding. */
  sample: ReconcileSample;
}

export const SAMPLE_SIZE = 20;

/** The counts a person acts on: anything here means the books and the bytes disagree. */
export function problemCount(counts: ReconcileCounts): number {
  return counts.orphans + counts.missing + counts.sizeMismatches + counts.staleMultipart;
}
