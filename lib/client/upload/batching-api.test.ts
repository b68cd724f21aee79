import { describe, expect, it } from "vitest";
import type { UploadApi } from "./api";
import { withBatching } from "./batching-api";
import { UploadError } from "./errors";

interface BatchBody {
  files: { name: string }[];
  uploadIds: string[];
}

/** A per-file API that records its calls, and a fetch that answers the batch routes. */
function fakes(batchAnswer: (path: string, body: BatchBody) => unknown) {
  const single: string[] = [];
  const batches: { path: string; body: BatchBody }[] = [];
  const api: UploadApi = {
    create: async (r) => {
      single.push(`create ${r.name}`);
      return { uploadId: r.name, fileId: r.name, method: "PUT", url: "u", headers: {}, expiresAt: "" };
    },
    complete: async (id) => {
      single.push(`complete ${id}`);
      return { id } as never;
    },
    signParts: async () => [],
    abort: async () => undefined,
  };
  const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
    const path = String(url);
    const body = JSON.parse(String(init?.body)) as BatchBody;
    batches.push({ path, body });
    return new Response(JSON.stringify(batchAnswer(path, body)), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  };
  return { api, fetch, single, batches };
}

const file = (name: string, size = 10) => ({ name, size, type: "text/plain" });

describe("withBatching", () => {
  it("sends creates and completes made together in one request each, answering each file on its own", async () => {
    const f = fakes((path, body) =>
      path.endsWith("/batch")
        ? {
            uploads: body.files.map((x: { name: string }) =>
              x.name === "bad"
                ? { status: 413, error: { code: "quota_exceeded", message: "full", remainingBytes: 5 } }
                : { uploadId: x.name, fileId: x.name, method: "PUT", url: "u", headers: {}, expiresAt: "" },
            ),
          }
        : { results: body.uploadIds.map((id: string) => ({ uploadId: id, file: { id } })) },
    );
    const api = withBatching(f.api, { fetch: f.fetch, windowMs: 5, completeWindowMs: 5 });
    const created = await Promise.allSettled(["a", "bad", "c", "d"].map((n) => api.create(file(n))));
    expect(created.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const refused = (created[1] as PromiseRejectedResult).reason;
    expect(refused).toBeInstanceOf(UploadError);
    expect(refused).toMatchObject({ code: "quota_exceeded", status: 413, remainingBytes: 5, retryable: false });

    const done = await Promise.all(["a", "c", "d"].map((id) => api.complete(id)));
    expect(done.map((d) => d.id)).toEqual(["a", "c", "d"]);
    expect(f.batches.map((b) => b.path)).toEqual(["/api/uploads/batch", "/api/uploads/batch/complete"]);
    expect(f.single).toEqual([]);

    // A straggler of the same drop still goes as a batch (of one).
    await api.create(file("late"));
    expect(f.batches.at(-1)).toMatchObject({ path: "/api/uploads/batch", body: { files: [{ name: "late" }] } });
    expect(f.single).toEqual([]);
  });

  it("keeps the per-file requests for one or two files, large files and multipart completes", async () => {
    const f = fakes(() => ({}));
    const api = withBatching(f.api, { fetch: f.fetch, windowMs: 5, smallFileBytes: 100 });
    await Promise.all([api.create(file("one")), api.create(file("two"))]);
    await Promise.all(["x", "y", "z"].map((n) => api.create(file(n, 1000))));
    await api.complete("m", [{ partNumber: 1, etag: "e" }]);
    expect(f.batches).toEqual([]);
    expect(f.single).toEqual(["create one", "create two", "create x", "create y", "create z", "complete m"]);
  });

  it("sends a file the server will not take in a batch on its own, and fails every file when the request fails", async () => {
    let fail = false;
    const f = fakes((_, body) =>
      fail
        ? (() => {
            throw new Error("down");
          })()
        : {
            uploads: body.files.map((x: { name: string }) =>
              x.name === "big"
                ? { status: 400, error: { code: "invalid_request", message: "parts", useSingleCreate: true } }
                : { uploadId: x.name, fileId: x.name, method: "PUT", url: "u", headers: {}, expiresAt: "" },
            ),
          },
    );
    const api = withBatching(f.api, { fetch: f.fetch, windowMs: 5 });
    const ids = await Promise.all(["a", "big", "c"].map((n) => api.create(file(n))));
    expect(ids.map((c) => c.uploadId)).toEqual(["a", "big", "c"]);
    expect(f.single).toEqual(["create big"]);
    fail = true;
    const failed = await Promise.allSettled(["p", "q", "r"].map((n) => api.create(file(n))));
    expect(failed.every((r) => r.status === "rejected")).toBe(true);
  });
});
