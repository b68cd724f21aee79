// Benchmark 1: one 1 GiB file through the local driver's signed URL (a single PUT to
// /api/blob/<token>), end to end over HTTP, against dd writing the same amount to the same folder.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { userWithToken } from "./auth";
import { agent, json, putGenerated, request } from "./http";
import { cpuTotals, processTicks } from "./machine";
import { processTree, sampleRss, treeRss } from "./rss";
import { sleep, startServer, type Server } from "./server";
import { median } from "./stats";

export const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

export interface UploadRun {
  createMs: number;
  putMs: number;
  completeMs: number;
  mibPerS: number;
  rssBefore: number;
  rssPeak: number;
  rssGrowth: number;
  pids: number;
  /** Cores busy during the PUT: the server, this client, and everything else on the machine. */
  serverCpu: number;
  clientCpu: number;
  otherCpu: number;
}

export interface DdRun {
  fsync: boolean;
  ms: number;
  mibPerS: number;
}

export interface LargeUploadResult {
  size: number;
  runs: UploadRun[];
  dd: DdRun[];
  medianPutMs: number;
  medianCompleteMs: number;
  medianDdFsyncMs: number;
  medianDdNoFsyncMs: number;
  /** dd (conv=fsync) time / upload PUT time: the like-for-like figure (the driver fsyncs). */
  ratio: number;
  ratioNoFsync: number;
  medianRssGrowth: number;
  maxRssGrowth: number;
  df: string;
  dataDir: string;
  serverPids: string;
}

function dd(dir: string, size: number, fsync: boolean): DdRun {
  const file = path.join(dir, "ddtest");
  const args = ["if=/dev/zero", `of=${file}`, "bs=1M", `count=${Math.ceil(size / MiB)}`];
  if (fsync) args.push("conv=fsync");
  const started = performance.now();
  execFileSync("dd", args, { stdio: "ignore" });
  const ms = performance.now() - started;
  fs.rmSync(file, { force: true });
  return { fsync, ms, mibPerS: Math.ceil(size / MiB) / (ms / 1000) };
}

/** Flushes dirty pages so one run's writeback does not land in the next run's timing. */
function settle(): void {
  execFileSync("sync");
}

export async function uploadOnce(
  server: Server,
  token: string,
  size: number,
  chunk: Buffer,
  n: number,
): Promise<UploadRun> {
  const api = agent(1);
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  let t = performance.now();
  const created = json(
    await request(`${server.url}/api/uploads`, {
      method: "POST",
      agent: api,
      headers: auth,
      body: JSON.stringify({ name: `large-${n}.bin`, size, type: "application/octet-stream" }),
    }),
    "create",
  ) as { uploadId: string; url: string; headers: Record<string, string>; method?: string };
  const createMs = performance.now() - t;
  if (created.method !== "PUT") throw new Error("expected a single PUT (is MULTIPART_THRESHOLD above 1 GiB?)");

  await sleep(200); // let the RSS settle after the create request
  const pids = processTree(server.pid);
  const rssBefore = treeRss(pids);
  const sampler = sampleRss(server.pid, 50);
  const sys0 = cpuTotals();
  const server0 = pids.reduce((s, p) => s + processTicks(p), 0);
  const client0 = process.cpuUsage();
  t = performance.now();
  const put = await putGenerated(created.url, created.headers, size, chunk);
  const putMs = performance.now() - t;
  const rss = sampler.stop();
  const secs = putMs / 1000;
  const serverCpu = (pids.reduce((s, p) => s + processTicks(p), 0) - server0) / 100 / secs;
  const c = process.cpuUsage(client0);
  const clientCpu = (c.user + c.system) / 1e6 / secs;
  const otherCpu = Math.max(0, (cpuTotals().busy - sys0.busy) / 100 / secs - serverCpu - clientCpu);
  if (put.status !== 200) throw new Error(`PUT: HTTP ${put.status} ${put.body.toString().slice(0, 300)}`);

  t = performance.now();
  json(
    await request(`${server.url}/api/uploads/${created.uploadId}/complete`, {
      method: "POST",
      agent: api,
      headers: auth,
      body: "{}",
    }),
    "complete",
  );
  const completeMs = performance.now() - t;
  api.destroy();

  // There is no permanent-delete route yet: remove the stored bytes directly.
  for (const owner of fs.readdirSync(server.filesDir)) {
    if (owner.startsWith(".")) continue;
    fs.rmSync(path.join(server.filesDir, owner), { recursive: true, force: true });
  }
  return {
    createMs,
    putMs,
    completeMs,
    mibPerS: size / MiB / (putMs / 1000),
    rssBefore,
    rssPeak: rss.peak,
    rssGrowth: rss.peak - rssBefore,
    pids: rss.pids.length,
    serverCpu,
    clientCpu,
    otherCpu,
  };
}

export async function runLargeUpload(o: {
  runs: number;
  size?: number;
  log: (s: string) => void;
}): Promise<LargeUploadResult> {
  const size = o.size ?? GiB;
  const server = await startServer("large", { MULTIPART_THRESHOLD: "2GiB", DEFAULT_QUOTA_BYTES: "unlimited" });
  try {
    const df = execFileSync("df", ["-T", server.dataDir], { encoding: "utf8" }).trim();
    const user = await userWithToken(server.url);
    const chunk = crypto.randomBytes(MiB);
    // Warm-up: the first request to /api/blob loads that route's code; keep it out of the RSS figure.
    await uploadOnce(server, user.token, 1024, chunk, 0);
    const tree = processTree(server.pid);
    const serverPids = tree
      .map(
        (pid) =>
          `${pid} (${fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").slice(0, 3).join(" ").replace(process.execPath, "node").trim()})`,
      )
      .join(", ");

    const runs: UploadRun[] = [];
    const ddRuns: DdRun[] = [];
    for (let i = 1; i <= o.runs; i++) {
      settle();
      const run = await uploadOnce(server, user.token, size, chunk, i);
      runs.push(run);
      o.log(
        `  upload ${i}: PUT ${(run.putMs / 1000).toFixed(2)} s (${run.mibPerS.toFixed(0)} MiB/s), complete ${run.completeMs.toFixed(0)} ms, ` +
          `RSS ${(run.rssBefore / MiB).toFixed(0)} -> peak ${(run.rssPeak / MiB).toFixed(0)} MiB (+${(run.rssGrowth / MiB).toFixed(1)} MiB, ${run.pids} process(es)); ` +
          `CPU cores: server ${run.serverCpu.toFixed(2)}, client ${run.clientCpu.toFixed(2)}, other ${run.otherCpu.toFixed(2)}`,
      );
      for (const fsync of [true, false]) {
        settle();
        const d = dd(server.dataDir, size, fsync);
        ddRuns.push(d);
        o.log(
          `  dd ${fsync ? "conv=fsync" : "(no fsync)"} ${i}: ${(d.ms / 1000).toFixed(2)} s (${d.mibPerS.toFixed(0)} MiB/s)`,
        );
      }
    }
    settle();
    const medianPutMs = median(runs.map((r) => r.putMs));
    const medianDdFsyncMs = median(ddRuns.filter((d) => d.fsync).map((d) => d.ms));
    const medianDdNoFsyncMs = median(ddRuns.filter((d) => !d.fsync).map((d) => d.ms));
    return {
      size,
      runs,
      dd: ddRuns,
      medianPutMs,
      medianCompleteMs: median(runs.map((r) => r.completeMs)),
      medianDdFsyncMs,
      medianDdNoFsyncMs,
      ratio: medianDdFsyncMs / medianPutMs,
      ratioNoFsync: medianDdNoFsyncMs / medianPutMs,
      medianRssGrowth: median(runs.map((r) => r.rssGrowth)),
      maxRssGrowth: Math.max(...runs.map((r) => r.rssGrowth)),
      df,
      dataDir: server.dataDir,
      serverPids,
    };
  } finally {
    await server.stop();
  }
}
