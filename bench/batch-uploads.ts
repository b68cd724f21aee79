// Issue 24: small uploads through the per-file protocol (create -> PUT -> complete, N clients) and
// through the batch protocol (POST /api/uploads/batch -> the PUTs -> POST /api/uploads/batch/complete)
// on the same fresh server, in interleaved windows, so the machine's other load falls on both alike.
// Reports uploads per second and the server's CPU per file for each, medians over the rounds.
import crypto from "node:crypto";
import { userWithToken } from "./auth";
import { agent, json, request } from "./http";
import { loadAverage, processTicks } from "./machine";
import { processTree } from "./rss";
import { startServer } from "./server";
import { median } from "./stats";

const TICKS = 100; // USER_HZ on Linux

export interface BatchBenchResult {
  rounds: number;
  size: number;
  batchSize: number;
  perFile: { uploadsPerS: number; cpuMsPerFile: number }[];
  batch: { uploadsPerS: number; cpuMsPerFile: number }[];
  median: { perFile: number; batch: number; perFileCpuMs: number; batchCpuMs: number; ratio: number };
  loadAverages: string[];
}

export async function runBatchBench(o: {
  rounds: number;
  /** Files uploaded by each protocol in each round. */
  files: number;
  clients: number;
  batchSize: number;
  size: number;
  log: (line: string) => void;
}): Promise<BatchBenchResult> {
  const server = await startServer("batch");
  const perFile: BatchBenchResult["perFile"] = [];
  const batch: BatchBenchResult["batch"] = [];
  const loadAverages: string[] = [];
  try {
    const user = await userWithToken(server.url);
    const pool = agent(o.clients * 2);
    const auth = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
    const body = crypto.randomBytes(o.size);
    const pids = processTree(server.pid);
    const cpu = () => pids.reduce((sum, pid) => sum + processTicks(pid), 0);
    let serial = 0;

    const post = async (path: string, payload: unknown, what: string) =>
      json(
        await request(`${server.url}${path}`, {
          method: "POST",
          agent: pool,
          headers: auth,
          body: JSON.stringify(payload),
        }),
        what,
      );
    const put = async (target: { url: string; headers: Record<string, string> }) =>
      json(await request(target.url, { method: "PUT", agent: pool, headers: target.headers, body }), "put");

    async function oneFile(): Promise<number> {
      const created = await post(
        "/api/uploads",
        { name: `s${serial++}.bin`, size: o.size, type: "application/octet-stream" },
        "create",
      );
      await put(created);
      await post(`/api/uploads/${created.uploadId}/complete`, {}, "complete");
      return 1;
    }

    async function oneBatch(count: number): Promise<number> {
      const files = Array.from({ length: count }, () => ({
        name: `b${serial++}.bin`,
        size: o.size,
        type: "application/octet-stream",
      }));
      const { uploads } = await post("/api/uploads/batch", { files }, "batch create");
      // The PUTs go as a browser sends them: a few at a time (6 connections to one host).
      const targets = [...uploads] as { uploadId: string; url: string; headers: Record<string, string> }[];
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          for (let t = targets.shift(); t; t = targets.shift()) await put(t);
        }),
      );
      const { results } = await post(
        "/api/uploads/batch/complete",
        { uploadIds: uploads.map((u: { uploadId: string }) => u.uploadId) },
        "batch complete",
      );
      if (results.some((r: { file?: unknown }) => !r.file))
        throw new Error(`batch complete: ${JSON.stringify(results.find((r: { file?: unknown }) => !r.file))}`);
      return results.length;
    }

    /** Uploads `total` files with `workers` loops of `step` (each takes up to `chunk` files), timed. */
    async function timed(total: number, workers: number, chunk: number, step: (n: number) => Promise<number>) {
      let left = total;
      const c0 = cpu();
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: workers }, async () => {
          while (left > 0) {
            const n = Math.min(chunk, left);
            left -= n;
            await step(n);
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      return { uploadsPerS: total / seconds, cpuMsPerFile: (((cpu() - c0) / TICKS) * 1000) / total };
    }

    // Warm both paths up (JIT, statement caches) before anything is measured.
    await timed(Math.min(50, o.files), o.clients, 1, oneFile);
    await timed(Math.min(50, o.files), 1, Math.min(50, o.batchSize), oneBatch);

    for (let round = 1; round <= o.rounds; round++) {
      loadAverages.push(loadAverage());
      // Alternate which goes first, so a trend in the background load does not favour either.
      const order = round % 2 === 1 ? ["perFile", "batch"] : ["batch", "perFile"];
      for (const which of order) {
        const r =
          which === "perFile"
            ? await timed(o.files, o.clients, 1, oneFile)
            : await timed(o.files, 2, o.batchSize, oneBatch);
        (which === "perFile" ? perFile : batch).push(r);
        o.log(
          `  round ${round} ${which === "perFile" ? "per-file" : `batches of ${o.batchSize}`}: ${r.uploadsPerS.toFixed(1)} uploads/s, server CPU ${r.cpuMsPerFile.toFixed(2)} ms per file (load ${loadAverages.at(-1)})`,
        );
      }
    }
    pool.destroy();
  } finally {
    await server.stop();
  }
  const m = {
    perFile: median(perFile.map((r) => r.uploadsPerS)),
    batch: median(batch.map((r) => r.uploadsPerS)),
    perFileCpuMs: median(perFile.map((r) => r.cpuMsPerFile)),
    batchCpuMs: median(batch.map((r) => r.cpuMsPerFile)),
    ratio: 0,
  };
  m.ratio = m.batch / m.perFile;
  return { rounds: o.rounds, size: o.size, batchSize: o.batchSize, perFile, batch, median: m, loadAverages };
}
