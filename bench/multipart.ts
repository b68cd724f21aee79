// A large upload through the API as the browser sends it by default (multipart above the 64 MiB
// threshold, the server's part size, part URLs signed 10 at a time, 4 parts in flight), and `dd
// conv=fsync` of the same size to the same disk to compare it with (bench/scale.ts, bench/investigate.ts).
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { agent, json, putGenerated, request } from "./http";
import { userWithToken } from "./auth";
import { removeSnapshot } from "./build";
import { processTicks, threadDelta, threadTicks } from "./machine";
import { processTree } from "./rss";
import { startServer, type Server } from "./server";

const MiB = 1024 ** 2;
export const PART_CONCURRENCY = 4;
export const SIGN_BATCH = 10;

/** create → parts (signed in batches, PUT 4 at a time) → complete; answers the time and the part plan. */
export async function multipartOnce(server: Server, token: string, size: number, chunk: Buffer, n: number) {
  const api = agent(2);
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const post = async (route: string, body: unknown) =>
    json(
      await request(`${server.url}${route}`, { method: "POST", agent: api, headers: auth, body: JSON.stringify(body) }),
      route,
    );
  const started = performance.now();
  const created = (await post("/api/uploads", { name: `big-${n}.bin`, size, type: "application/octet-stream" })) as {
    uploadId: string;
    multipart?: { partSize: number; partCount: number };
  };
  if (!created.multipart) throw new Error("expected a multipart upload (default MULTIPART_THRESHOLD is 64 MiB)");
  const { partSize, partCount } = created.multipart;
  const urls = new Map<number, Promise<{ url: string; headers?: Record<string, string> }>>();
  const urlOf = (partNumber: number) => {
    if (!urls.has(partNumber)) {
      const batch = Array.from({ length: Math.min(SIGN_BATCH, partCount - partNumber + 1) }, (_, i) => partNumber + i);
      const signed = post(`/api/uploads/${created.uploadId}/parts`, { partNumbers: batch }) as Promise<{
        parts: { partNumber: number; url: string; headers?: Record<string, string> }[];
      }>;
      for (const p of batch)
        urls.set(
          p,
          signed.then((r) => r.parts.find((part) => part.partNumber === p)!),
        );
    }
    return urls.get(partNumber)!;
  };
  const etags: { partNumber: number; etag: string }[] = [];
  let next = 1;
  await Promise.all(
    Array.from({ length: PART_CONCURRENCY }, async () => {
      for (let partNumber = next++; partNumber <= partCount; partNumber = next++) {
        const { url, headers } = await urlOf(partNumber);
        const bytes = partNumber < partCount ? partSize : size - partSize * (partCount - 1);
        const put = await putGenerated(url, headers ?? {}, bytes, chunk);
        if (put.status !== 200) throw new Error(`part ${partNumber}: HTTP ${put.status}`);
        etags.push({ partNumber, etag: String(put.headers.etag) });
      }
    }),
  );
  etags.sort((a, b) => a.partNumber - b.partNumber);
  await post(`/api/uploads/${created.uploadId}/complete`, { parts: etags });
  const ms = performance.now() - started;
  api.destroy();
  for (const owner of fs.readdirSync(server.filesDir)) {
    if (!owner.startsWith(".")) fs.rmSync(path.join(server.filesDir, owner), { recursive: true, force: true });
  }
  return { ms, partSize, partCount };
}

/**
 * The same parts (`partSize`, 4 in flight) PUT to bench/bare-receiver.mjs, a bare node:http server
 * with `processes` processes (the app's count) writing each at its offset of one file in `dir`:
 * the floor any Node server has here. Answers the time from the first part to the final sync.
 */
export async function bareReceiverOnce(
  dir: string,
  size: number,
  partSize: number,
  chunk: Buffer,
  processes: number,
): Promise<number> {
  const file = path.join(dir, "bare-receiver.bin");
  const script = path.join(import.meta.dirname, "bare-receiver.mjs");
  const child = spawn(process.execPath, [script, file, String(processes)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once("data", (line: Buffer) => resolve(Number(line.toString().trim())));
      child.once("exit", () => reject(new Error("bench/bare-receiver.mjs exited before listening")));
    });
    const base = `http://127.0.0.1:${port}`;
    const partCount = Math.ceil(size / partSize);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: PART_CONCURRENCY }, async () => {
        for (let part = next++; part < partCount; part = next++) {
          const bytes = Math.min(partSize, size - part * partSize);
          const put = await putGenerated(`${base}/?offset=${part * partSize}`, {}, bytes, chunk);
          if (put.status !== 200) throw new Error(`bare receiver, part ${part + 1}: HTTP ${put.status}`);
        }
      }),
    );
    const done = await request(`${base}/`, { method: "POST" });
    if (done.status !== 200) throw new Error(`bare receiver, final sync: HTTP ${done.status}`);
    return performance.now() - started;
  } finally {
    child.kill("SIGTERM");
    fs.rmSync(file, { force: true });
  }
}

export function ddFsync(dir: string, size: number): number {
  const file = path.join(dir, "ddtest");
  const started = performance.now();
  execFileSync("dd", ["if=/dev/zero", `of=${file}`, "bs=1M", `count=${Math.ceil(size / MiB)}`, "conv=fsync"], {
    stdio: "ignore",
  });
  const ms = performance.now() - started;
  fs.rmSync(file, { force: true });
  return ms;
}

/**
 * bench/investigate.ts --multipart: one 1 GiB multipart upload against a fresh server (after a
 * 65 MiB warm-up); prints its time and the CPU of the server's processes and threads and of this
 * client, and reports the measured window (for a CPU profile's breakdown).
 */
export async function investigateMultipart(nodeArgs: string[], window: (fromUs: number, toUs: number) => void) {
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  const server = await startServer("investigate-multipart", { DEFAULT_QUOTA_BYTES: "unlimited" }, nodeArgs);
  try {
    const user = await userWithToken(server.url);
    const chunk = crypto.randomBytes(MiB);
    await multipartOnce(server, user.token, 65 * MiB, chunk, 0);
    const pids = processTree(server.pid);
    const before = pids.map((pid) => processTicks(pid));
    const threadsBefore = threadTicks(pids);
    const self = process.cpuUsage();
    const from = nowUs();
    const run = await multipartOnce(server, user.token, 1024 * MiB, chunk, 1);
    window(from, nowUs());
    const used = process.cpuUsage(self);
    console.log(
      JSON.stringify({
        seconds: +(run.ms / 1000).toFixed(2),
        parts: run.partCount,
        serverCpuS: pids.map((pid, i) => (processTicks(pid) - before[i]!) / 100),
        clientCpuS: (used.user + used.system) / 1e6,
        serverThreadsCpuS: threadDelta(threadsBefore, threadTicks(pids)),
      }),
    );
  } finally {
    await server.stop();
    removeSnapshot();
  }
}
