import { describe, expect, it } from "vitest";
import { UploadQueue } from "./queue";
import { selectWindow, type UploadEvent, type UploadItem } from "./queue-snapshot";
import { ResumeStore } from "./resume";
import { deferred, FakeBackend, fakeFile, MemoryStorage, settle } from "./testing/fakes";
import type { UploaderDeps } from "./upload-run";
import { ApiError } from "@/lib/client/http";

function setup(options: { concurrency?: number; gated?: boolean; storage?: MemoryStorage } = {}) {
  const backend = new FakeBackend();
  backend.multipartThreshold = 1_000; // single PUTs: one PUT per file
  const gates = new Map<string, () => void>();
  if (options.gated) {
    backend.onPut = (call) => {
      const gate = deferred();
      gates.set(call.uploadId, gate.resolve);
      return gate.promise.then(() => undefined);
    };
  }
  const deps: UploaderDeps = {
    api: backend.api,
    put: backend.put,
    resume: new ResumeStore(options.storage ?? new MemoryStorage()),
    sleep: async () => {},
  };
  let scheduled = 0;
  const queue = new UploadQueue({
    deps,
    concurrency: options.concurrency,
    schedule: () => {
      scheduled++;
    },
    tickMs: 0,
  });
  const events: UploadEvent[] = [];
  queue.onEvent((event) => events.push(event));
  /** Uploads running now (PUT sent, not answered). */
  const running = () => [...gates.keys()];
  const release = (uploadId: string) => {
    gates.get(uploadId)!();
    gates.delete(uploadId);
  };
  return { backend, queue, events, running, release, scheduledCount: () => scheduled };
}

const files = (n: number, size = 10) =>
  Array.from({ length: n }, (_, i) => fakeFile(`file-${i + 1}.txt`, size, { type: "text/plain" }));

describe("UploadQueue", () => {
  it("announces a finished upload with its finished item, even after a frame showed it finishing", async () => {
    const { queue, backend, events } = setup();
    const answer = deferred();
    const complete = backend.api.complete;
    Object.assign(backend.api, {
      complete: async (...args: Parameters<typeof complete>) => (await answer.promise, complete(...args)),
    });
    queue.enqueue(files(1));
    await settle();
    queue.flush(); // a frame renders the item while the server completes it
    answer.resolve();
    await settle();
    const done = events.find((e) => e.type === "completed");
    expect(done && "item" in done ? done.item : undefined).toMatchObject({ status: "completed", progress: 1 });
  });

  it("uploads at most 3 files at once and starts the next as one finishes", async () => {
    const { queue, backend, running, release, events } = setup({ gated: true });
    queue.enqueue(files(7));
    await settle();
    expect(backend.calls.create).toHaveLength(3);
    expect(running()).toHaveLength(3);

    release(running()[0]);
    await settle();
    expect(backend.calls.create).toHaveLength(4);
    expect(running()).toHaveLength(3);

    while (running().length > 0) {
      for (const id of running()) release(id);
      await settle();
      expect(backend.maxInFlight).toBeLessThanOrEqual(3);
    }
    queue.flush();
    const { totals } = queue.getSnapshot();
    expect(totals).toMatchObject({ count: 7, completed: 7, active: 0, progress: 1 });
    expect(events.filter((e) => e.type === "completed")).toHaveLength(7);
    expect(events.at(-1)).toEqual({ type: "idle" });
    expect(backend.maxInFlight).toBe(3);
  });

  it("honours another concurrency", async () => {
    const { queue, running } = setup({ gated: true, concurrency: 1 });
    queue.enqueue(files(3));
    await settle();
    expect(running()).toHaveLength(1);
  });

  it("takes thousands of files without doing per-file work up front", async () => {
    const { queue, backend, scheduledCount } = setup({ gated: true });
    const started = performance.now();
    queue.enqueue(files(5_000, 1));
    const elapsed = performance.now() - started;
    await settle();
    expect(backend.calls.create).toHaveLength(3);
    // One publication scheduled for the whole batch and the first starts, not one per file.
    expect(scheduledCount()).toBe(1);
    queue.flush();
    const { items, totals } = queue.getSnapshot();
    expect(items).toHaveLength(5_000);
    expect(totals).toMatchObject({ queued: 4_997, uploading: 3, totalBytes: 5_000 });
    // Per-file work up front (a request, a hash, a render per file) would take seconds for 5,000 files;
    // the bound is loose so a busy machine does not fail it.
    expect(elapsed).toBeLessThan(2_000);
  });

  it("publishes snapshots only when flushed, reusing unchanged items", async () => {
    const { queue, running, release } = setup({ gated: true });
    queue.enqueue(files(5));
    await settle();
    const before = queue.getSnapshot();
    expect(before.items).toHaveLength(0); // nothing published until the scheduler runs
    queue.flush();
    const first = queue.getSnapshot();
    expect(first.items.map((i) => i.status)).toEqual(["uploading", "uploading", "uploading", "queued", "queued"]);
    release(running()[0]);
    await settle();
    queue.flush();
    const second = queue.getSnapshot();
    expect(second).not.toBe(first);
    expect(second.items[0].status).toBe("completed");
    expect(second.items[4]).toBe(first.items[4]); // still queued, same object: rows can skip re-rendering
    queue.flush();
    expect(queue.getSnapshot()).toBe(second); // no change, no new snapshot
  });

  it("cancels a queued file without starting it, and an uploading one by deleting it", async () => {
    const { queue, backend, events } = setup({ gated: true });
    const ids = queue.enqueue(files(4));
    await settle();
    queue.cancel(ids[3]); // queued
    queue.cancel(ids[0]); // uploading
    await settle();
    expect(backend.calls.abort).toEqual(["up1"]);
    expect(backend.calls.create.map((c) => c.name)).toEqual(["file-1.txt", "file-2.txt", "file-3.txt"]);
    queue.flush();
    const statuses = queue.getSnapshot().items.map((i) => i.status);
    expect(statuses).toEqual(["cancelled", "uploading", "uploading", "cancelled"]);
    expect(events.filter((e) => e.type === "cancelled")).toHaveLength(2);
    expect(backend.inFlight).toBe(2);
  });

  it("retries a cancelled upload asked for while its deletion is still running", async () => {
    const { queue, backend } = setup({ gated: true });
    const gate = deferred();
    const { abort } = backend.api;
    backend.api.abort = async (id) => {
      await gate.promise;
      return abort(id);
    };
    const [id] = queue.enqueue(files(1));
    await settle();
    queue.cancel(id);
    queue.retry(id); // the DELETE has not answered yet
    await settle();
    expect(backend.calls.create).toHaveLength(1);
    gate.resolve();
    await settle();
    expect(backend.calls.create).toHaveLength(2);
    queue.flush();
    expect(queue.getSnapshot().items[0].status).toBe("uploading");
  });

  it("cancelAll stops everything and the queue goes idle", async () => {
    const { queue, backend, events } = setup({ gated: true });
    queue.enqueue(files(10));
    await settle();
    queue.cancelAll();
    await settle();
    expect(backend.calls.abort.sort()).toEqual(["up1", "up2", "up3"]);
    expect(backend.calls.create).toHaveLength(3);
    queue.flush();
    expect(queue.getSnapshot().totals).toMatchObject({ cancelled: 10, active: 0 });
    expect(events.at(-1)).toEqual({ type: "idle" });
  });

  it("reports a failure with a readable reason and retries it on request", async () => {
    const { queue, backend, events } = setup();
    backend.createError = new ApiError(413, "quota_exceeded", "Over quota", {
      remainingBytes: 2_000_000,
      quotaBytes: 5_000_000,
    });
    const [id] = queue.enqueue(files(1));
    await settle();
    queue.flush();
    expect(queue.getSnapshot().items[0]).toMatchObject({
      status: "failed",
      error: { code: "quota_exceeded", message: "Not enough space: 1.9 MiB left" },
    });
    expect(events[0]).toMatchObject({ type: "failed", error: { code: "quota_exceeded" } });

    backend.createError = null;
    queue.retry(id);
    await settle();
    queue.flush();
    expect(queue.getSnapshot().items[0]).toMatchObject({ status: "completed", error: null, progress: 1 });
    expect(queue.getSnapshot().items[0].file?.name).toBe("file-1.txt");
  });

  it("measures overall progress over the current batch only", async () => {
    const { queue, running, release } = setup({ gated: true });
    queue.enqueue(files(2, 10));
    await settle();
    for (const id of running()) release(id);
    await settle();
    queue.flush();
    expect(queue.getSnapshot().totals).toMatchObject({ completed: 2, progress: 1 });

    // A new drop after the queue went idle starts a new batch: 0 %, not 20 of 30 bytes.
    queue.enqueue(files(1, 10));
    await settle();
    queue.flush();
    expect(queue.getSnapshot().totals).toMatchObject({ completed: 2, uploading: 1, totalBytes: 10 });
    expect(queue.getSnapshot().totals.sentBytes).toBeLessThan(10);
  });

  it("clears finished items, keeping failed ones unless asked", async () => {
    const { queue, backend } = setup();
    queue.enqueue(files(2));
    await settle();
    backend.createError = new ApiError(415, "unsupported_type", "Nope");
    queue.enqueue(files(1));
    await settle();
    queue.clearFinished();
    queue.flush();
    expect(queue.getSnapshot().items.map((i) => i.status)).toEqual(["failed"]);
    queue.clearFinished({ includeFailed: true });
    queue.flush();
    expect(queue.getSnapshot().items).toHaveLength(0);
  });

  it("keeps finished files' sessions while the drop runs and forgets them once it is over", async () => {
    const storage = new MemoryStorage();
    const { queue, running, release } = setup({ gated: true, storage });
    queue.enqueue(files(2));
    await settle();
    release(running()[0]!);
    await settle();
    // One finished (kept, marked done, for a reload to confirm), one still uploading.
    const sessions = () => [...storage.map.values()].map((v) => JSON.parse(v) as { done?: boolean });
    expect(
      sessions()
        .map((s) => s.done ?? false)
        .sort(),
    ).toEqual([false, true]);
    release(running()[0]!);
    await settle();
    expect(storage.map.size).toBe(0);
  });

  it("does not let the same file, dropped twice at once, share a resume session", async () => {
    const { queue, backend, running, release } = setup({ gated: true });
    const file = fakeFile("same.bin", 10);
    queue.enqueue([file, file]);
    await settle();
    expect(running()).toHaveLength(2);
    for (const id of running()) release(id);
    await settle();
    expect(backend.calls.complete.map((c) => c.uploadId).sort()).toEqual(["up1", "up2"]);
  });
});

describe("selectWindow", () => {
  const item = (i: number, status: UploadItem["status"]): UploadItem => ({
    id: `u${i}`,
    name: `file-${i}`,
    size: 1,
    type: "",
    folderId: null,
    status,
    phase: null,
    bytesSent: 0,
    progress: 0,
    speed: 0,
    secondsLeft: null,
    resumed: false,
    error: null,
    file: null,
  });

  it("shows uploading, then failed, then queued rows, and counts the rest", () => {
    const items = [
      ...Array.from({ length: 20 }, (_, i) => item(i, "completed")),
      ...Array.from({ length: 3 }, (_, i) => item(100 + i, "uploading")),
      ...Array.from({ length: 150 }, (_, i) => item(200 + i, "queued")),
      item(999, "failed"),
      item(1000, "cancelled"),
    ];
    const { visible, hidden } = selectWindow(items, 100);
    expect(visible).toHaveLength(100);
    expect(hidden).toBe(items.length - 100);
    expect(visible.slice(0, 4).map((i) => i.status)).toEqual(["uploading", "uploading", "uploading", "failed"]);
    expect(visible.slice(4).every((i) => i.status === "queued")).toBe(true);
    expect(visible[4].name).toBe("file-200"); // original order within a status
  });

  it("shows everything, finished rows last, when it fits", () => {
    const items = [item(1, "completed"), item(2, "queued"), item(3, "cancelled"), item(4, "uploading")];
    const { visible, hidden } = selectWindow(items, 100);
    expect(visible.map((i) => i.id)).toEqual(["u4", "u2", "u1", "u3"]);
    expect(hidden).toBe(0);
  });
});
