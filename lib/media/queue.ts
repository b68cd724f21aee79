// The media queue: a MediaJob row per file waiting for its renditions, queued in the transaction
// that makes the file READY (upload complete) or found later by `discoverFiles` (any other door:
// migrations of old data, rows written by other tools, files from before this queue). Workers in
// every process claim due jobs one at a time with one conditional update (lease holder and expiry),
// so a job runs in one process at a time across instances, and a job whose process died is due
// again when its lease ends. Each claim counts an attempt; a failure of the store is retried with
// exponential backoff (30 s … 1 h, at most MAX_ATTEMPTS), while a file that cannot be rendered
// (undecodable, too large, too slow, no tool) is final: its state becomes "none" and it keeps its icon.
import type { File, MediaJob } from "../generated/prisma/client";
import { db, type Prisma } from "../db";
import { env } from "../env";
import { log } from "../log";
import { processHolder } from "../jobs/lease";
import { mediaKind } from "./render";
import { processFile } from "./process";

export const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3600_000;

type Tx = Pick<Prisma.TransactionClient, "mediaJob" | "file">;

/** Wait before attempt `attempts + 1`: 30 s, 1 min, 2 min, … at most 1 h. */
export function mediaRetryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/** Queues (or re-queues, due now) the renditions of a READY file; types without any get "none" at once. */
/** The state a READY file starts in: queued when there is something to render, none otherwise. */
export function firstMediaState(type: string): "queued" | "none" {
  return mediaKind(type) ? "queued" : "none";
}

/**
 * Queues a file's renditions (a job only for a kind there is something to render). `stateWritten`:
 * the caller set firstMediaState() in its own update of the file, which saves the upload path a
 * statement.
 */
export async function enqueueMedia(tx: Tx, file: Pick<File, "id" | "type">, stateWritten = false): Promise<void> {
  if (mediaKind(file.type)) {
    await tx.mediaJob.upsert({
      where: { fileId: file.id },
      create: { fileId: file.id },
      update: { attempts: 0, nextAttemptAt: new Date(), lastError: null },
    });
  }
  if (!stateWritten) {
    await tx.file.updateMany({ where: { id: file.id }, data: { mediaState: firstMediaState(file.type) } });
  }
}

/** Queues up to `limit` READY files never processed (mediaState null) that no job names yet. */
export async function discoverFiles(limit = 100): Promise<number> {
  const files = await db.file.findMany({
    where: { status: "READY", mediaState: null, mediaJob: { is: null } },
    select: { id: true, type: true },
    take: limit,
  });
  for (const file of files) await enqueueMedia(db, file);
  return files.length;
}

/** How long a claim lasts: the decoder's deadline plus time to read the source and store the results. */
function leaseMs(): number {
  return env().MEDIA_JOB_SECONDS * 1000 * 3 + 60_000;
}

/** Claims the next due job for `holder`, or null when none is due. */
export async function claimJob(holder = processHolder, now = new Date()): Promise<(MediaJob & { file: File }) | null> {
  const free = { nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] };
  for (let tries = 0; tries < 5; tries++) {
    const next = await db.mediaJob.findFirst({
      where: free,
      orderBy: { nextAttemptAt: "asc" },
      select: { id: true, attempts: true },
    });
    if (!next) return null;
    const { count } = await db.mediaJob.updateMany({
      where: { id: next.id, attempts: next.attempts, ...free },
      data: { leaseHolder: holder, leaseUntil: new Date(now.getTime() + leaseMs()), attempts: { increment: 1 } },
    });
    if (count === 1) return db.mediaJob.findUnique({ where: { id: next.id }, include: { file: true } });
    // Another worker took it first: look again.
  }
  return null;
}

/** Ends a job: the row goes and the file shows its final state (only if this holder still has it). */
async function finish(job: MediaJob, holder: string, state: string | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.mediaJob.deleteMany({ where: { id: job.id, leaseHolder: holder } });
    if (count === 1 && state) await tx.file.updateMany({ where: { id: job.fileId }, data: { mediaState: state } });
  });
}

export type JobOutcome = "ready" | "none" | "retry" | "failed" | "dropped";

/** Runs one claimed job to its end, a retry or a final failure. */
export async function runJob(job: MediaJob & { file: File }, holder = processHolder): Promise<JobOutcome> {
  const started = performance.now();
  const fields = { op: "media", fileId: job.fileId, type: job.file.type, attempt: job.attempts };
  try {
    const result = await processFile(job.file);
    if (result.outcome === "changed") {
      // Moved or replaced meanwhile: due again at once with what the row says now.
      await db.mediaJob.updateMany({
        where: { id: job.id, leaseHolder: holder },
        data: { leaseUntil: null, attempts: 0 },
      });
      return "retry";
    }
    await finish(job, holder, result.outcome === "dropped" ? null : result.outcome);
    log.info("media", {
      ...fields,
      outcome: result.outcome,
      reason: result.reason,
      ms: Math.round(performance.now() - started),
    });
    return result.outcome;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.warn("media", { ...fields, outcome: "error", error: message, ms: Math.round(performance.now() - started) });
    if (job.attempts >= MAX_ATTEMPTS) {
      await finish(job, holder, "failed");
      return "failed";
    }
    await db.mediaJob.updateMany({
      where: { id: job.id, leaseHolder: holder },
      data: {
        leaseUntil: null,
        nextAttemptAt: new Date(Date.now() + mediaRetryDelayMs(job.attempts)),
        lastError: message.slice(0, 500),
      },
    });
    return "retry";
  }
}

/** Claims and runs due jobs until none is due (or `max` ran): the CLI, tests and the worker timer. */
export async function drainMedia(o: { max?: number; holder?: string; onJob?: (outcome: JobOutcome) => void } = {}) {
  let ran = 0;
  while (ran < (o.max ?? Infinity)) {
    const job = await claimJob(o.holder);
    if (!job) break;
    const outcome = await runJob(job, o.holder);
    o.onJob?.(outcome);
    ran++;
  }
  return ran;
}
