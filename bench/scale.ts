// Issue 11's figures (BENCH_ONLY=scale): small uploads per second with one process and with one per
// core, and a 1 GiB upload through the API as the browser sends it by default (multipart above the
// 64 MiB threshold, the server's part size, part URLs signed 10 at a time, 4 parts in flight) against
// `dd conv=fsync` of the same size to the same disk, three interleaved runs, medians, with the
// server's memory growth (all its processes).
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { userWithToken } from "./auth";
import { agent, json, putGenerated, request } from "./http";
import { GiB } from "./large-upload";
import { processTree, sampleRss, treeRss } from "./rss";
import { runLevel, type LevelResult } from "./small-uploads";
import { sleep, startServer, type Server } from "./server";
import { median } from "./stats";

const MiB = 1024 ** 2;
/** Small uploads/s with one process before issue 11 (docs/BENCHMARKS.md, 16 clients). */
export const BASELINE_UPLOADS_PER_S = 74;
const PART_CONCURRENCY = 4;
const SIGN_BATCH = 10;

export interface ScaleResult {
  small: { processes: number; result: LevelResult }[];
  multipart: { uploadMs: number[]; ddMs: number[]; rssGrowth: number[]; partSize: number; partCount: number };
  processes: number;
  df: string;
}

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

function ddFsync(dir: string, size: number): number {
  const file = path.join(dir, "ddtest");
  const started = performance.now();
  execFileSync("dd", ["if=/dev/zero", `of=${file}`, "bs=1M", `count=${Math.ceil(size / MiB)}`, "conv=fsync"], {
    stdio: "ignore",
  });
  const ms = performance.now() - started;
  fs.rmSync(file, { force: true });
  return ms;
}

export async function runScale(o: {
  runs: number;
  warmupS: number;
  measureS: number;
  clients: number;
  log: (line: string) => void;
}): Promise<ScaleResult> {
  const cores = os.availableParallelism();
  const small: ScaleResult["small"] = [];
  for (const processes of [...new Set([1, cores])]) {
    const result = await runLevel({
      concurrency: o.clients,
      warmupS: o.warmupS,
      measureS: o.measureS,
      size: 1024,
      env: { WEB_CONCURRENCY: String(processes) },
    });
    small.push({ processes, result });
    o.log(
      `  small uploads, ${processes} process(es), ${o.clients} clients: ${result.uploadsPerS.toFixed(1)}/s; server CPU ${result.serverCpu.toFixed(2)} cores, client ${result.clientCpu.toFixed(2)}, other ${result.otherCpu.toFixed(2)}; errors ${result.errors}`,
    );
  }

  const server = await startServer("scale-multipart", {
    WEB_CONCURRENCY: String(cores),
    DEFAULT_QUOTA_BYTES: "unlimited",
  });
  try {
    const df = execFileSync("df", ["-T", server.dataDir], { encoding: "utf8" }).trim();
    const user = await userWithToken(server.url);
    const chunk = crypto.randomBytes(MiB);
    await multipartOnce(server, user.token, 65 * MiB, chunk, 0); // warm-up: loads the routes' code
    const multipart: ScaleResult["multipart"] = { uploadMs: [], ddMs: [], rssGrowth: [], partSize: 0, partCount: 0 };
    for (let i = 1; i <= o.runs; i++) {
      execFileSync("sync");
      await sleep(200);
      const before = treeRss(processTree(server.pid));
      const sampler = sampleRss(server.pid, 50);
      const run = await multipartOnce(server, user.token, GiB, chunk, i);
      const growth = sampler.stop().peak - before;
      Object.assign(multipart, { partSize: run.partSize, partCount: run.partCount });
      multipart.uploadMs.push(run.ms);
      multipart.rssGrowth.push(growth);
      execFileSync("sync");
      multipart.ddMs.push(ddFsync(server.dataDir, GiB));
      o.log(
        `  1 GiB multipart ${i}: ${(run.ms / 1000).toFixed(2)} s (${(1024 / (run.ms / 1000)).toFixed(0)} MiB/s), RSS +${(growth / MiB).toFixed(1)} MiB; dd conv=fsync ${(multipart.ddMs.at(-1)! / 1000).toFixed(2)} s`,
      );
    }
    return { small, multipart, processes: cores, df };
  } finally {
    await server.stop();
  }
}

export function scaleMarkdown(r: ScaleResult, context: { date: Date; machine: string; otherLoad: string }): string {
  const upload = median(r.multipart.uploadMs);
  const dd = median(r.multipart.ddMs);
  const growth = Math.max(...r.multipart.rssGrowth);
  const row = (s: ScaleResult["small"][number]) =>
    `| SQLite, ${s.processes} process${s.processes > 1 ? "es" : ""} | ${s.result.uploadsPerS.toFixed(1)} | ${(s.result.uploadsPerS / BASELINE_UPLOADS_PER_S).toFixed(2)}× | ${s.result.steps.create.p50.toFixed(1)} / ${s.result.steps.put.p50.toFixed(1)} / ${s.result.steps.complete.p50.toFixed(1)} ms | ${s.result.serverCpu.toFixed(2)} / ${s.result.clientCpu.toFixed(2)} / ${s.result.otherCpu.toFixed(2)} | ${s.result.errors} |`;
  return [
    `## Scale: processes and local multipart — ${context.date.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Machine: ${context.machine}. Other load while measuring: ${context.otherLoad} (other engineers' builds and tests share these cores: treat the figures as lower bounds).`,
    "",
    `Small uploads (create + PUT 1 KiB + complete), ${r.small[0]?.result.concurrency} clients; target ≥ 400/s; ratio to the ${BASELINE_UPLOADS_PER_S}/s measured before with one process:`,
    "",
    "| server | uploads/s | ratio | p50 create / PUT / complete | CPU cores server / client / other | errors |",
    "| --- | --- | --- | --- | --- | --- |",
    ...r.small.map(row),
    "",
    `1 GiB through the API as the browser sends it (multipart, ${r.multipart.partCount} parts of ${r.multipart.partSize / MiB} MiB, URLs signed ${SIGN_BATCH} at a time, ${PART_CONCURRENCY} parts in flight; ${r.processes} processes), create to complete, against \`dd conv=fsync\` of 1 GiB to the same disk, ${r.multipart.uploadMs.length} interleaved runs:`,
    "",
    "| | runs (s) | median |",
    "| --- | --- | --- |",
    `| upload | ${r.multipart.uploadMs.map((ms) => (ms / 1000).toFixed(2)).join(", ")} | ${(upload / 1000).toFixed(2)} s (${(1024 / (upload / 1000)).toFixed(0)} MiB/s) |`,
    `| dd conv=fsync | ${r.multipart.ddMs.map((ms) => (ms / 1000).toFixed(2)).join(", ")} | ${(dd / 1000).toFixed(2)} s (${(1024 / (dd / 1000)).toFixed(0)} MiB/s) |`,
    "",
    `Ratio dd / upload: **${(dd / upload).toFixed(2)}×** (target ≥ 0.9×). Server RSS growth (all processes, peak): ${r.multipart.rssGrowth.map((b) => (b / MiB).toFixed(1)).join(", ")} MiB, max ${(growth / MiB).toFixed(1)} MiB (target < 64 MiB).`,
    "",
    "```",
    r.df,
    "```",
  ].join("\n");
}
