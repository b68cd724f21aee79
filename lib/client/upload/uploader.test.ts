import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/client/http";
import { createHttpUploadApi } from "./api";
import { UploadError, uploadErrorFromApi } from "./errors";
import { ResumeStore, resumeKey, type ResumeSession } from "./resume";
import { deferred, FakeBackend, fakeFile, MemoryStorage, settle } from "./testing/fakes";
import type { UploaderDeps } from "./upload-run";
import { uploadFile } from "./uploader";

function setup(overrides: Partial<UploaderDeps> = {}) {
  const backend = new FakeBackend();
  const storage = new MemoryStorage();
  const sleeps: number[] = [];
  const deps: UploaderDeps = {
    api: backend.api,
    put: backend.put,
    resume: new ResumeStore(storage),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    partConcurrency: 4,
    partBatchSize: 10,
    maxAttempts: 5,
    backoffBaseMs: 100,
    backoffMaxMs: 10_000,
    ...overrides,
  };
  return { backend, storage, sleeps, deps };
}

function savedSession(storage: MemoryStorage, key: string): ResumeSession | null {
  const raw = storage.getItem(key);
  return raw ? (JSON.parse(raw) as ResumeSession) : null;
}

describe("uploadFile: single PUT", () => {
  it("PUTs the whole body with exactly the server's headers, then completes with no parts", async () => {
    const { backend, deps } = setup();
    const file = fakeFile("note.txt", 8, { type: "text/plain" });
    const progress: number[] = [];
    const stored = await uploadFile({ file, onProgress: (b) => progress.push(b) }, deps);

    expect(backend.calls.create).toEqual([{ name: "note.txt", size: 8, type: "text/plain" }]);
    expect(backend.calls.put).toHaveLength(1);
    expect(backend.calls.put[0]).toMatchObject({ partNumber: 0, size: 8, headers: { "Content-Type": "text/plain" } });
    expect(backend.calls.complete).toEqual([{ uploadId: "up1", parts: undefined }]);
    expect(stored).toMatchObject({ id: "file-up1", name: "note.txt", size: 8 });
    expect(progress).toContain(4);
    expect(progress.at(-1)).toBe(8);
  });

  it("sends folderId when given and a fallback type for typeless files", async () => {
    const { backend, deps } = setup();
    await uploadFile({ file: fakeFile("x", 3, { type: "" }), folderId: "fold-1" }, deps);
    expect(backend.calls.create[0]).toEqual({
      name: "x",
      size: 3,
      type: "application/octet-stream",
      folderId: "fold-1",
    });
  });

  it("retries a failed PUT with backoff, and frees the reservation when it finally fails", async () => {
    const { backend, deps, sleeps } = setup();
    backend.onPut = () => ({ status: 503, etag: null });
    const error = await uploadFile({ file: fakeFile("a", 5) }, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect((error as UploadError).code).toBe("storage_unavailable");
    expect(backend.calls.put).toHaveLength(5);
    expect(sleeps).toEqual([75, 150, 300, 600]);
    expect(backend.calls.abort).toEqual(["up1"]);
    expect(backend.calls.complete).toHaveLength(0);
  });
});

describe("uploadFile: multipart", () => {
  it("uploads each part's bytes and completes with every ETag, in part order", async () => {
    const { backend, deps } = setup();
    const file = fakeFile("big.bin", 95);
    const stored = await uploadFile({ file }, deps);

    const puts = backend.calls.put;
    expect(puts.map((p) => p.partNumber).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const put of puts) expect(put.size).toBe(put.partNumber === 10 ? 5 : 10);
    const { parts } = backend.calls.complete[0];
    expect(parts).toEqual(Array.from({ length: 10 }, (_, i) => ({ partNumber: i + 1, etag: `"etag-up1-${i + 1}"` })));
    expect(stored.size).toBe(95);
  });

  it("asks for part URLs lazily, in batches no bigger than the batch size", async () => {
    const { backend, deps } = setup({ partBatchSize: 10 });
    await uploadFile({ file: fakeFile("big.bin", 250) }, deps); // 25 parts

    const batches = backend.calls.signParts;
    expect(batches.length).toBe(3);
    for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(10);
    expect(batches[0]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Every part was signed exactly once.
    expect(batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it("keeps up to partConcurrency parts in flight, never more", async () => {
    const { backend, deps } = setup({ partConcurrency: 4 });
    const gates: (() => void)[] = [];
    backend.onPut = () => {
      const gate = deferred();
      gates.push(gate.resolve);
      return gate.promise.then(() => undefined);
    };
    const done = uploadFile({ file: fakeFile("big.bin", 120) }, deps); // 12 parts
    for (let opened = 0; opened < 12;) {
      await settle();
      expect(backend.inFlight).toBeLessThanOrEqual(4);
      const pending = gates.splice(0);
      if (opened < 8) expect(pending).toHaveLength(4);
      opened += pending.length;
      pending.forEach((open) => open());
    }
    await done;
    expect(backend.maxInFlight).toBe(4);
  });

  it("retries a failing part with growing, jittered delays, then succeeds", async () => {
    const { backend, deps, sleeps } = setup();
    let failures = 0;
    backend.onPut = (call) => {
      if (call.partNumber === 3 && failures < 3) {
        failures++;
        return { status: 500, etag: null };
      }
      return undefined;
    };
    const progress: number[] = [];
    await uploadFile({ file: fakeFile("big.bin", 50), onProgress: (b) => progress.push(b) }, deps);

    expect(backend.putParts("up1").filter((n) => n === 3)).toHaveLength(4);
    expect(sleeps).toEqual([75, 150, 300]); // base 100 doubling, random 0.5 => 3/4 of the ceiling
    expect(backend.calls.complete).toHaveLength(1);
    expect(progress.at(-1)).toBe(50);
    // Progress never overshoots the file even though part 3 was sent 4 times.
    expect(Math.max(...progress)).toBe(50);
  });

  it("retries network errors (no answer) the same way", async () => {
    const { backend, deps, sleeps } = setup();
    let thrown = 0;
    backend.onPut = (call) => {
      if (call.partNumber === 2 && thrown++ < 1)
        throw new UploadError("network_error", "offline", { status: 0, retryable: true });
      return undefined;
    };
    await uploadFile({ file: fakeFile("big.bin", 30) }, deps);
    expect(sleeps).toEqual([75]);
    expect(backend.calls.complete).toHaveLength(1);
  });

  it("asks for a fresh URL after a 403 from an expired one, without waiting", async () => {
    const { backend, deps, sleeps } = setup();
    let refused = false;
    backend.onPut = (call) => {
      if (call.partNumber === 2 && !refused) {
        refused = true;
        return { status: 403, etag: null, errorCode: "AccessDenied" };
      }
      return undefined;
    };
    await uploadFile({ file: fakeFile("big.bin", 30) }, deps);
    const signedPart2 = backend.calls.signParts.filter((batch) => batch.includes(2));
    expect(signedPart2).toHaveLength(2);
    expect(signedPart2[1][0]).toBe(2);
    expect(sleeps).toEqual([]);
    const urls = backend.calls.put.filter((p) => p.partNumber === 2).map((p) => p.url);
    expect(new Set(urls).size).toBe(2);
  });

  it("gives up when a fresh URL is refused too", async () => {
    const { backend, deps } = setup();
    backend.onPut = (call) => (call.partNumber === 2 ? { status: 403, etag: null } : undefined);
    const error = (await uploadFile({ file: fakeFile("big.bin", 30) }, deps).catch((e: unknown) => e)) as UploadError;
    expect(error.code).toBe("storage_forbidden");
    expect(backend.putParts("up1").filter((n) => n === 2)).toHaveLength(2);
  });

  it("fails clearly when the store hides the ETag (CORS), and frees the upload", async () => {
    const { backend, deps, storage } = setup();
    backend.onPut = () => ({ status: 200, etag: null });
    const file = fakeFile("big.bin", 30);
    const error = (await uploadFile({ file, resumeKey: resumeKey(file) }, deps).catch(
      (e: unknown) => e,
    )) as UploadError;
    expect(error.code).toBe("missing_etag");
    expect(error.message).toMatch(/ETag/);
    expect(backend.calls.complete).toHaveLength(0);
    expect(backend.calls.abort).toEqual(["up1"]);
    expect(storage.map.size).toBe(0);
  });

  it("passes ETags through exactly as the store sent them", async () => {
    const { backend, deps } = setup();
    backend.onPut = (call) => ({
      status: 200,
      etag: call.partNumber === 1 ? 'W/"weak-1"' : `"md5-${call.partNumber}"`,
    });
    await uploadFile({ file: fakeFile("big.bin", 20) }, deps);
    expect(backend.calls.complete[0].parts).toEqual([
      { partNumber: 1, etag: 'W/"weak-1"' },
      { partNumber: 2, etag: '"md5-2"' },
    ]);
  });
});

describe("uploadFile: resume", () => {
  it("saves ETags as parts finish and continues only the missing parts next time", async () => {
    const { backend, deps, storage } = setup({ partConcurrency: 1, persistIntervalMs: 0 });
    const file = fakeFile("movie.mp4", 55); // 6 parts
    const key = resumeKey(file, null);

    // First try: the connection drops for good at part 4.
    backend.onPut = (call) => {
      if (call.partNumber === 4) throw new UploadError("network_error", "offline", { status: 0, retryable: true });
      return undefined;
    };
    const first = (await uploadFile({ file, resumeKey: key }, deps).catch((e: unknown) => e)) as UploadError;
    expect(first.code).toBe("network_error");
    expect(backend.calls.abort).toEqual([]); // the server keeps the upload for later
    expect(Object.keys(savedSession(storage, key)!.etags).map(Number)).toEqual([1, 2, 3]);

    // Second try (same file dropped again): no new upload, parts 1-3 are not sent again.
    backend.onPut = null;
    backend.calls.put = [];
    const progress: number[] = [];
    let resumed = false;
    await uploadFile(
      { file, resumeKey: key, onProgress: (b) => progress.push(b), onStart: (i) => (resumed = i.resumed) },
      deps,
    );
    expect(resumed).toBe(true);
    expect(backend.calls.create).toHaveLength(1);
    expect(backend.putParts("up1").sort()).toEqual([4, 5, 6]);
    expect(progress[0]).toBe(30); // starts from the bytes already stored
    expect(backend.calls.complete[0].parts).toHaveLength(6);
    expect(savedSession(storage, key)).toMatchObject({ done: true }); // until the page's uploads are over
  });

  it("records each finished part while the upload is still running (so a reload loses little)", async () => {
    let now = 0;
    const { backend, deps, storage } = setup({ partConcurrency: 1, persistIntervalMs: 1_000, now: () => now });
    const file = fakeFile("movie.mp4", 40);
    const key = resumeKey(file, null);
    const gate = deferred();
    backend.onPut = (call) => {
      now += 600; // each part takes 0.6 s
      return call.partNumber === 4 ? gate.promise.then(() => undefined) : undefined;
    };
    const done = uploadFile({ file, resumeKey: key }, deps);
    await settle();
    // Part 3 is stored and part 4 is in flight: writes are throttled to one a second,
    // so the session written after part 2 (1.2 s in) is what a reload would find now.
    expect(Object.keys(savedSession(storage, key)!.etags).map(Number)).toEqual([1, 2]);
    gate.resolve();
    await done;
    expect(savedSession(storage, key)).toMatchObject({ done: true });
  });

  it("skips parts recorded in a saved session (e.g. after a reload)", async () => {
    const { backend, deps, storage } = setup();
    const file = fakeFile("movie.mp4", 50);
    const key = resumeKey(file, null);
    // An upload the server knows, with parts 1, 2 and 4 stored before the reload.
    const created = await backend.api.create({ name: file.name, size: 50, type: file.type });
    const upload = backend.uploads.get(created.uploadId)!;
    for (const n of [1, 2, 4]) upload.parts.set(n, { etag: `"old-${n}"`, size: 10 });
    const session: ResumeSession = {
      mode: "multipart",
      uploadId: created.uploadId,
      fileId: created.fileId,
      size: 50,
      partSize: 10,
      partCount: 5,
      etags: { 1: '"old-1"', 2: '"old-2"', 4: '"old-4"' },
      expiresAt: created.expiresAt,
    };
    storage.setItem(key, JSON.stringify(session));

    await uploadFile({ file, resumeKey: key }, deps);
    expect(backend.calls.create).toHaveLength(1); // only the one above
    expect(backend.putParts(created.uploadId).sort()).toEqual([3, 5]);
    expect(backend.calls.signParts).toEqual([[3, 5]]);
    expect(backend.calls.complete[0].parts).toEqual([
      { partNumber: 1, etag: '"old-1"' },
      { partNumber: 2, etag: '"old-2"' },
      { partNumber: 3, etag: `"etag-${created.uploadId}-3"` },
      { partNumber: 4, etag: '"old-4"' },
      { partNumber: 5, etag: `"etag-${created.uploadId}-5"` },
    ]);
  });

  it("starts over when the server no longer knows the saved upload", async () => {
    const { backend, deps, storage } = setup();
    const file = fakeFile("movie.mp4", 30);
    const key = resumeKey(file, null);
    storage.setItem(
      key,
      JSON.stringify({
        mode: "multipart",
        uploadId: "gone-1",
        fileId: "f",
        size: 30,
        partSize: 10,
        partCount: 3,
        etags: { 1: '"x"' },
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    );
    const stored = await uploadFile({ file, resumeKey: key }, deps);
    expect(backend.calls.signParts[0]).toEqual([2, 3]); // tried the saved one first: 404
    expect(backend.calls.create).toHaveLength(1);
    expect(backend.putParts("up1").sort()).toEqual([1, 2, 3]);
    expect(stored.id).toBe("file-up1");
  });

  it("ignores an expired session and a session of a different size", async () => {
    const { backend, deps, storage } = setup();
    const file = fakeFile("a.bin", 30);
    const key = resumeKey(file, null);
    const base = { mode: "multipart", uploadId: "old", fileId: "f", partSize: 10, partCount: 3, etags: { 1: '"x"' } };
    storage.setItem(key, JSON.stringify({ ...base, size: 30, expiresAt: new Date(Date.now() - 1000).toISOString() }));
    await uploadFile({ file, resumeKey: key }, deps);
    storage.setItem(
      key,
      JSON.stringify({ ...base, size: 31, expiresAt: new Date(Date.now() + 3_600_000).toISOString() }),
    );
    await uploadFile({ file, resumeKey: key }, deps);
    expect(backend.calls.signParts.flat()).not.toContain(undefined);
    expect(backend.calls.create).toHaveLength(2);
    expect(backend.calls.put.every((p) => p.uploadId !== "old")).toBe(true);
  });

  it("frees a half-done single PUT's reservation before starting again", async () => {
    const { backend, deps, storage } = setup();
    const file = fakeFile("small.txt", 5);
    const key = resumeKey(file, null);
    storage.setItem(
      key,
      JSON.stringify({
        mode: "single",
        uploadId: "stale-single",
        fileId: "f",
        size: 5,
        partSize: 5,
        partCount: 1,
        etags: {},
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    );
    await uploadFile({ file, resumeKey: key }, deps);
    expect(backend.calls.abort).toEqual(["stale-single"]);
    expect(backend.calls.create).toHaveLength(1);
  });
});

describe("uploadFile: a drop cut off by a reload", () => {
  const singleSession = (uploadId: string, size: number, done?: boolean): ResumeSession => ({
    mode: "single",
    uploadId,
    fileId: `file-${uploadId}`,
    size,
    partSize: size,
    partCount: 1,
    etags: {},
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    ...(done ? { done } : {}),
  });

  it("confirms a single PUT whose bytes arrived before the reload: completed, nothing sent again", async () => {
    const { backend, deps, storage } = setup();
    const file = fakeFile("a.txt", 5);
    const key = resumeKey(file, null);
    const created = await backend.api.create({ name: file.name, size: 5, type: file.type });
    backend.uploads.get(created.uploadId)!.parts.set(0, { etag: '"e"', size: 5 }); // PUT answered, complete cut off
    storage.setItem(key, JSON.stringify(singleSession(created.uploadId, 5)));
    let resumed = false;
    const stored = await uploadFile({ file, resumeKey: key, onStart: (i) => (resumed = i.resumed) }, deps);
    expect(stored.id).toBe(`file-${created.uploadId}`);
    expect(resumed).toBe(true);
    expect(backend.calls.create).toHaveLength(1); // only the one above
    expect(backend.calls.put).toHaveLength(0);
    expect(backend.calls.abort).toEqual([]);
  });

  it("answers a file finished before the reload with the stored file, not a copy", async () => {
    const { backend, deps, storage } = setup();
    const file = fakeFile("b.txt", 4);
    const key = resumeKey(file, "folder-1");
    const created = await backend.api.create({ name: file.name, size: 4, type: file.type });
    backend.uploads.get(created.uploadId)!.parts.set(0, { etag: '"e"', size: 4 });
    await backend.api.complete(created.uploadId);
    storage.setItem(key, JSON.stringify(singleSession(created.uploadId, 4, true)));
    const stored = await uploadFile({ file, folderId: "folder-1", resumeKey: key }, deps);
    expect(stored.id).toBe(`file-${created.uploadId}`);
    expect(backend.calls.create).toHaveLength(1);
    expect(backend.calls.put).toHaveLength(0);
  });

  it("sends a single PUT cut off half-way again, with a new upload (the old one was discarded)", async () => {
    const { backend, deps, storage } = setup();
    const file = fakeFile("c.txt", 6);
    const key = resumeKey(file, null);
    const created = await backend.api.create({ name: file.name, size: 6, type: file.type });
    storage.setItem(key, JSON.stringify(singleSession(created.uploadId, 6)));
    const stored = await uploadFile({ file, resumeKey: key }, deps);
    expect(backend.uploads.get(created.uploadId)!.state).toBe("aborted");
    expect(backend.calls.create).toHaveLength(2);
    expect(backend.calls.put).toHaveLength(1);
    expect(stored.id).toBe("file-up2");
  });

  it("makes a copy when the same file is uploaded again in the page that finished it", async () => {
    const { backend, deps, storage } = setup();
    const file = fakeFile("d.txt", 3);
    const key = resumeKey(file, null);
    await uploadFile({ file, resumeKey: key }, deps);
    expect(savedSession(storage, key)).toMatchObject({ done: true });
    const second = await uploadFile({ file, resumeKey: key }, deps);
    expect(second.id).toBe("file-up2");
    expect(backend.calls.put).toHaveLength(2);
  });
});

describe("uploadFile: cancel", () => {
  it("aborts in-flight parts, deletes the upload and forgets the session", async () => {
    const { backend, deps, storage } = setup();
    const gate = deferred();
    backend.onPut = () => gate.promise.then(() => undefined);
    const file = fakeFile("big.bin", 80);
    const key = resumeKey(file, null);
    const controller = new AbortController();
    const done = uploadFile({ file, resumeKey: key, signal: controller.signal }, deps).catch((e: unknown) => e);
    await settle();
    expect(backend.inFlight).toBe(4);
    expect(storage.getItem(key)).not.toBeNull();

    controller.abort();
    const error = (await done) as Error;
    expect(error.name).toBe("AbortError");
    expect(backend.inFlight).toBe(0);
    expect(backend.calls.abort).toEqual(["up1"]);
    expect(backend.calls.complete).toHaveLength(0);
    expect(storage.getItem(key)).toBeNull();
    expect(backend.calls.put).toHaveLength(4); // nothing new started after the cancel
  });

  it("deletes an upload whose creation was still in flight when cancelled", async () => {
    const { backend, deps } = setup();
    const gate = deferred();
    const create = backend.api.create;
    backend.api.create = async (request) => {
      await gate.promise;
      return create(request);
    };
    const controller = new AbortController();
    const done = uploadFile({ file: fakeFile("a", 5), signal: controller.signal }, deps).catch((e: unknown) => e);
    controller.abort();
    gate.resolve();
    expect(((await done) as Error).name).toBe("AbortError");
    expect(backend.calls.abort).toEqual(["up1"]);
    expect(backend.calls.put).toHaveLength(0);
  });

  it("sends DELETE /api/uploads/{id} over HTTP", async () => {
    const requests: { url: string; method: string }[] = [];
    const fetch = async (url: string, init?: RequestInit) => {
      requests.push({ url, method: init?.method ?? "GET" });
      if (url === "/api/uploads" && init?.method === "POST") {
        return Response.json(
          {
            uploadId: "u 1",
            fileId: "f1",
            method: "PUT",
            url: "fake://bucket/u1/0?v=1",
            headers: {},
            expiresAt: "2100-01-01T00:00:00Z",
          },
          { status: 201 },
        );
      }
      return new Response(null, { status: 204 });
    };
    const controller = new AbortController();
    const put = () => {
      controller.abort();
      return Promise.reject(Object.assign(new Error("aborted"), { name: "AbortError" }));
    };
    const error = await uploadFile(
      { file: fakeFile("a", 5), signal: controller.signal },
      { api: createHttpUploadApi({ fetch }), put, sleep: async () => {} },
    ).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(requests).toEqual([
      { url: "/api/uploads", method: "POST" },
      { url: "/api/uploads/u%201", method: "DELETE" },
    ]);
  });
});

describe("uploadFile: server errors", () => {
  it("maps quota_exceeded to 'Not enough space: X left' and does not retry", async () => {
    const body = {
      error: { code: "quota_exceeded", message: "Quota exceeded", remainingBytes: 1_500_000, quotaBytes: 10_000_000 },
    };
    const calls: string[] = [];
    const fetch = async (url: string) => {
      calls.push(url);
      return Response.json(body, { status: 413 });
    };
    const error = (await uploadFile(
      { file: fakeFile("big.iso", 5_000_000) },
      { api: createHttpUploadApi({ fetch }), put: async () => ({ status: 200, etag: null }), sleep: async () => {} },
    ).catch((e: unknown) => e)) as UploadError;
    expect(error).toBeInstanceOf(UploadError);
    expect(error.code).toBe("quota_exceeded");
    expect(error.message).toBe("Not enough space: 1.4 MiB left");
    expect(error.remainingBytes).toBe(1_500_000);
    expect(error.quotaBytes).toBe(10_000_000);
    expect(calls).toEqual(["/api/uploads"]);
  });

  it.each([
    [413, "too_large", "Files can be at most 5 GB."],
    [415, "unsupported_type", "This type of file is not allowed."],
    [400, "invalid_request", "The name may not contain '/'."],
  ])("shows the server's message for %i %s", async (status, code, message) => {
    const { backend, deps } = setup();
    backend.createError = new ApiError(status, code, message, { code, message });
    const error = (await uploadFile({ file: fakeFile("a", 5) }, deps).catch((e: unknown) => e)) as UploadError;
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(backend.calls.abort).toEqual([]);
  });

  it("retries complete after a transient failure", async () => {
    const { backend, deps, sleeps } = setup();
    const { complete } = backend.api;
    let failures = 0;
    backend.api.complete = async (id, parts) => {
      if (failures++ < 2) throw uploadErrorFromApi(new ApiError(503, "server_error", "Try later"));
      return complete(id, parts);
    };
    const stored = await uploadFile({ file: fakeFile("big.bin", 30) }, deps);
    expect(stored.id).toBe("file-up1");
    expect(sleeps).toEqual([75, 150]);
  });

  it("retries create only when the server says nothing was done (429), not after a lost answer", async () => {
    const { backend, deps } = setup();
    const { create } = backend.api;
    let calls = 0;
    backend.api.create = async (request) => {
      if (calls++ === 0) throw uploadErrorFromApi(new ApiError(429, "rate_limited", "Slow down"));
      return create(request);
    };
    await uploadFile({ file: fakeFile("a", 5) }, deps);
    expect(calls).toBe(2);

    calls = 0;
    backend.api.create = async () => {
      calls++;
      throw uploadErrorFromApi(new ApiError(0, "network_error", "offline"));
    };
    const error = (await uploadFile({ file: fakeFile("a", 5) }, deps).catch((e: unknown) => e)) as UploadError;
    expect(error.code).toBe("network_error");
    expect(calls).toBe(1);
  });

  it("fails (and frees the space) when complete finds a wrong object", async () => {
    const { backend, deps } = setup();
    backend.api.complete = async () => {
      throw uploadErrorFromApi(new ApiError(409, "conflict", "The stored object does not have the declared size."));
    };
    const error = (await uploadFile({ file: fakeFile("big.bin", 30) }, deps).catch((e: unknown) => e)) as UploadError;
    expect(error.code).toBe("conflict");
    expect(error.message).toBe("The stored object does not have the declared size.");
    expect(backend.calls.abort).toEqual(["up1"]);
  });
});
