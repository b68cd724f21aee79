// The media queue's bookkeeping on the real database: one claim per job however many workers ask,
// a dead worker's job due again when its lease ends, retries with backoff then "failed", files
// from other doors found and queued, and the decoders' limits (deadline, address space).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { newUser } from "@/test/api";
import { claimJob, discoverFiles, drainMedia, enqueueMedia, MAX_ATTEMPTS, mediaRetryDelayMs, runJob } from "./queue";
import { runLimited } from "./limited-run";
import { detectTools } from "./tools";

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  resetEnvCache();
});
afterAll(() => disconnectDb());

/** A READY row written straight to the database (as a door that does not queue would), its bytes absent. */
async function fileRow(ownerId: string, type: string) {
  return db.file.create({
    data: {
      ownerId,
      name: `f-${Math.random()}`,
      size: 10n,
      type,
      storageKey: `${ownerId}/${Math.random()}`,
      driver: "local",
      status: "READY",
    },
  });
}

describe("media queue", () => {
  it("gives each due job to exactly one of many workers asking at once", async () => {
    const user = await newUser();
    const files = await Promise.all([1, 2, 3].map(() => fileRow(user.id, "image/png")));
    for (const file of files) await enqueueMedia(db, file);
    const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => claimJob(`worker-${i}`)));
    const mine = claims.filter((c) => c && files.some((f) => f.id === c.fileId));
    expect(new Set(mine.map((c) => c!.fileId)).size).toBe(mine.length);
    expect(mine.length).toBe(3);
    // Leased: nobody else gets them until the lease ends; then the next claim counts a new attempt.
    const later = new Date(Date.now() + 10 * 60_000);
    const again = await claimJob("rescuer", later);
    expect(again && files.some((f) => f.id === again.fileId)).toBe(true);
    expect(again!.attempts).toBe(2);
    await db.mediaJob.deleteMany({ where: { fileId: { in: files.map((f) => f.id) } } });
  });

  it("retries a file whose bytes cannot be read with backoff, then gives up as failed", async () => {
    expect([1, 2, 3, 20].map(mediaRetryDelayMs)).toEqual([30_000, 60_000, 120_000, 3600_000]);
    const user = await newUser();
    const file = await fileRow(user.id, "image/jpeg");
    await enqueueMedia(db, file);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await db.mediaJob.updateMany({ where: { fileId: file.id }, data: { nextAttemptAt: new Date(0) } });
      let job = await claimJob("w");
      while (job && job.fileId !== file.id) job = await claimJob("w"); // others' leftovers
      expect(job!.attempts).toBe(attempt);
      const outcome = await runJob(job!, "w");
      expect(outcome).toBe(attempt < MAX_ATTEMPTS ? "retry" : "failed");
      if (attempt < MAX_ATTEMPTS) {
        const row = await db.mediaJob.findUniqueOrThrow({ where: { fileId: file.id } });
        expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + mediaRetryDelayMs(attempt) - 5_000);
        expect(row.lastError).toBeTruthy();
      }
    }
    expect(await db.mediaJob.count({ where: { fileId: file.id } })).toBe(0);
    expect(await db.file.findUniqueOrThrow({ where: { id: file.id } })).toMatchObject({ mediaState: "failed" });
  });

  it("finds READY files that arrived through a door that did not queue them", async () => {
    const user = await newUser();
    const image = await fileRow(user.id, "image/webp");
    const text = await fileRow(user.id, "text/plain");
    while ((await discoverFiles(500)) > 0);
    expect(await db.mediaJob.count({ where: { fileId: image.id } })).toBe(1);
    expect(await db.file.findUniqueOrThrow({ where: { id: image.id } })).toMatchObject({ mediaState: "queued" });
    // Nothing to render: no job, its state says so at once.
    expect(await db.mediaJob.count({ where: { fileId: text.id } })).toBe(0);
    expect(await db.file.findUniqueOrThrow({ where: { id: text.id } })).toMatchObject({ mediaState: "none" });
    await db.mediaJob.deleteMany({});
    expect(await drainMedia()).toBe(0);
  });

  it("kills a decoder at its deadline and refuses it memory beyond its limit", async () => {
    const { prlimit } = detectTools();
    expect(prlimit).toBe("prlimit");
    const started = performance.now();
    const slow = await runLimited(prlimit, { timeoutMs: 300, memoryBytes: 1024 ** 3 }, "sleep", ["30"]);
    expect(slow.timedOut).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
    const greedy = await runLimited(prlimit, { timeoutMs: 20_000, memoryBytes: 1536 * 1024 ** 2 }, process.execPath, [
      "-e",
      "const b = Buffer.alloc(3 * 1024 ** 3, 1); console.log(b.length)",
    ]);
    expect(greedy.code).not.toBe(0);
    expect(greedy.stdout).toBe("");
  });
});
