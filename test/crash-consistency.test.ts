// Crash consistency (issue 12): SIGKILL a real server process (test/app-server.ts: the app's route
// handlers and signed-URL endpoint over node:http) while uploads, completes, aborts and deletes are
// in flight; restart it and run the sweeper. Then no stored object or temp file is left that no
// file or open upload owns, every finished file still has its bytes, and each account's usage
// counters equal a recomputation from its files and uploads. Local driver.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { newUser } from "./api";
import { db } from "@/lib/db";
import { getDriver } from "@/lib/storage";
import { sweepExpiredUploads } from "@/lib/uploads";
import { spawnAppServer } from "./app-server-process";

const SIZE = 256 * 1024;
let server: ChildProcess | undefined;
let base = "";

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startServer(port: number): Promise<ChildProcess> {
  base = `http://127.0.0.1:${port}`;
  return spawnAppServer({
    ...process.env,
    PORT: String(port),
    APP_URL: base,
    SWEEP_INTERVAL_SECONDS: "0",
    LOG_LEVEL: "silent",
  });
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

afterAll(async () => {
  if (server && server.exitCode === null) await kill(server);
});

function api(token: string, signal?: AbortSignal) {
  return async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${base}${url}`, {
      method,
      signal,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };
}

/** PUTs the bytes to the upload's signed URL: at once, or slowly (16 KiB every 25 ms) to be cut by the kill. */
async function put(upload: { url: string; headers: Record<string, string> }, slow: boolean, signal?: AbortSignal) {
  const chunk = new Uint8Array(16 * 1024).fill(1);
  let sent = 0;
  const body = slow
    ? new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent >= SIZE) return controller.close();
          await new Promise((r) => setTimeout(r, 25));
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      })
    : new Uint8Array(SIZE).fill(2);
  const url = `${base}${new URL(upload.url).pathname}`;
  const response = await fetch(url, {
    method: "PUT",
    headers: { ...upload.headers, "content-length": String(SIZE) },
    body,
    signal,
    duplex: "half",
  } as RequestInit);
  return response.status;
}

const tempDir = () => path.join(process.env.STORAGE_LOCAL_DIR!, ".tmp");
const tempFiles = async () => (await fs.readdir(tempDir()).catch(() => [])).filter((n) => n.endsWith(".tmp"));

describe("a server killed with work in flight", () => {
  it("leaves no orphan bytes or temp files after a restart and a sweep, and usage counters stay exact", async () => {
    const user = await newUser({ quotaBytes: 1024 ** 3 });
    const port = await freePort();
    server = await startServer(port);
    const call = api(user.token);
    const upload = async (name: string) => {
      const created = await call("POST", "/api/uploads", { name, size: SIZE, type: "application/octet-stream" });
      expect(created.status).toBe(201);
      return created.json as { uploadId: string; fileId: string; url: string; headers: Record<string, string> };
    };

    // Before the crash: finished files, and uploads whose bytes are stored but not completed yet.
    const finished = [];
    for (let i = 0; i < 5; i++) {
      const u = await upload(`done-${i}.bin`);
      expect(await put(u, false)).toBe(200);
      expect((await call("POST", `/api/uploads/${u.uploadId}/complete`, {})).status).toBe(200);
      finished.push(u.fileId);
    }
    const stored = [];
    for (let i = 0; i < 5; i++) {
      const u = await upload(`stored-${i}.bin`);
      expect(await put(u, false)).toBe(200);
      stored.push(u);
    }
    const streaming = await Promise.all([0, 1, 2, 3].map((i) => upload(`streaming-${i}.bin`)));

    // In flight at the kill: slow PUTs, completes, aborts, permanent deletes, a trash, new uploads.
    const cut = new AbortController();
    const inFlight = api(user.token, cut.signal);
    const work = [
      ...streaming.map((u) => put(u, true, cut.signal)),
      ...stored.slice(0, 3).map((u) => inFlight("POST", `/api/uploads/${u.uploadId}/complete`, {})),
      ...stored.slice(3).map((u) => inFlight("DELETE", `/api/uploads/${u.uploadId}`)),
      ...finished.slice(0, 3).map((id) => inFlight("DELETE", `/api/files/${id}?permanent=1`)),
      inFlight("DELETE", `/api/files/${finished[3]}`),
      ...[0, 1, 2].map((i) =>
        inFlight("POST", "/api/uploads", { name: `new-${i}.bin`, size: SIZE, type: "text/plain" }),
      ),
    ].map((p) => (p as Promise<unknown>).catch(() => "cut"));
    for (let i = 0; i < 100 && (await tempFiles()).length < streaming.length; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect((await tempFiles()).length).toBeGreaterThan(0);
    await kill(server);
    cut.abort();
    await Promise.all(work);

    // Restart: the server works again; then the sweep (as a few minutes after the restart).
    server = await startServer(port);
    const after = await upload("after-restart.bin");
    expect(await put(after, false)).toBe(200);
    expect((await call("POST", `/api/uploads/${after.uploadId}/complete`, {})).status).toBe(200);
    const sweep = await sweepExpiredUploads(new Date(Date.now() + 3 * 60_000));
    expect(sweep.failed).toBe(0);

    expect(await tempFiles()).toEqual([]);
    expect(await db.storageCleanup.count()).toBe(0);
    const files = await db.file.findMany({ where: { ownerId: user.id }, include: { upload: true } });
    const owned = new Map(files.filter((f) => f.status === "READY" || f.upload).map((f) => [f.storageKey, f]));
    const objects = [];
    for await (const object of getDriver("local").list(`${user.id}/`)) objects.push(object);
    for (const object of objects) expect(owned.has(object.key), `orphan object ${object.key}`).toBe(true);
    for (const file of files.filter((f) => f.status === "READY")) {
      expect(objects.find((o) => o.key === file.storageKey)?.size, `bytes of ${file.name}`).toBe(SIZE);
    }
    expect(files.filter((f) => f.status === "PENDING" && !f.upload)).toEqual([]);

    const ready = files.filter((f) => f.status === "READY");
    const uploads = await db.upload.findMany({ where: { ownerId: user.id } });
    const counters = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect({
      usedBytes: Number(counters.usedBytes),
      fileCount: counters.fileCount,
      reservedBytes: Number(counters.reservedBytes),
    }).toEqual({
      usedBytes: ready.length * SIZE,
      fileCount: ready.length,
      reservedBytes: uploads.reduce((sum, u) => sum + Number(u.size), 0),
    });
    expect(ready.length).toBeGreaterThanOrEqual(3); // finished files not deleted, and the upload after the restart
  }, 120_000); // seconds on a quiet machine; generous for a loaded one
});
