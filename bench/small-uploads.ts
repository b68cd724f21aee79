// Benchmark 2: sustained small uploads through the API (on SQLite, or on PostgreSQL for issue 11's
// row). N concurrent clients each loop POST /api/uploads (1 KiB) -> PUT the body to the signed URL
// -> POST .../complete, with a Bearer token, against a fresh server and database per level.
import crypto from "node:crypto";
import type { DatabaseKind } from "../lib/db-url";
import { userWithToken } from "./auth";
import { agent, json, request } from "./http";
import { cpuTotals, processTicks } from "./machine";
import { backendTicks, backendTicksSince } from "./postgres";
import { processTree } from "./rss";
import { startServer } from "./server";
import { mean, percentile } from "./stats";

type Step = "create" | "put" | "complete";

export interface StepStats {
  p50: number;
  p95: number;
  mean: number;
}

export interface LevelResult {
  concurrency: number;
  seconds: number;
  cycles: number;
  /** Full uploads (create + PUT + complete) per second. */
  uploadsPerS: number;
  httpPerS: number;
  /** create + complete calls actually made per second (2 per upload). */
  createCompletePerS: number;
  /** Share of a cycle's latency spent in create + complete. */
  createCompleteShare: number;
  steps: Record<Step, StepStats>;
  cycle: StepStats;
  errors: number;
  firstError?: string;
  /** CPU used during the measured window, in cores (1 = one core busy all the time). */
  serverCpu: number;
  /**
   * PostgreSQL's backends serving the bench database (not the app's children; bench/postgres.ts);
   * null on SQLite, which runs inside the server's processes and is counted in serverCpu.
   */
  databaseCpu: number | null;
  clientCpu: number;
  /** The server's main (JavaScript) thread alone, in cores: near 1.0 means it is the bottleneck. */
  serverMainCpu: number;
  /** Cores busy with other work on the machine meanwhile (not this server, its database or this client). */
  otherCpu: number;
}

const TICKS = 100; // USER_HZ on Linux

function cpuTicks(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + processTicks(pid), 0);
}

function stats(values: number[]): StepStats {
  return { p50: percentile(values, 50), p95: percentile(values, 95), mean: mean(values) };
}

export async function runLevel(o: {
  concurrency: number;
  warmupS: number;
  measureS: number;
  size: number;
  /** SQLite (default) or a throw-away PostgreSQL database (startServer's option). */
  database?: DatabaseKind;
  /** Extra server environment (investigation runs only, e.g. NODE_OPTIONS with a preload). */
  env?: Record<string, string>;
  /** Extra node flags for the server process (investigation runs only, e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Called with the server's pid once the measured window starts (investigation hooks). */
  onMeasure?: (pid: number) => void | (() => void);
}): Promise<LevelResult> {
  const server = await startServer(`small-c${o.concurrency}`, o.env, o.nodeArgs, { database: o.database });
  const database = server.database?.name;
  try {
    const user = await userWithToken(server.url);
    const pool = agent(o.concurrency);
    const auth = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
    const body = crypto.randomBytes(o.size);
    const lat: Record<Step | "cycle", number[]> = { create: [], put: [], complete: [], cycle: [] };
    let errors = 0;
    let firstError: string | undefined;
    let measuring = false;
    let stopping = false;
    let cycles = 0;

    async function worker(w: number): Promise<void> {
      for (let i = 0; !stopping; i++) {
        const started = performance.now();
        try {
          let t = performance.now();
          const created = json(
            await request(`${server.url}/api/uploads`, {
              method: "POST",
              agent: pool,
              headers: auth,
              body: JSON.stringify({ name: `s-${w}-${i}.bin`, size: o.size, type: "application/octet-stream" }),
            }),
            "create",
          ) as { uploadId: string; url: string; headers: Record<string, string> };
          const tCreate = performance.now() - t;
          t = performance.now();
          json(await request(created.url, { method: "PUT", agent: pool, headers: created.headers, body }), "put");
          const tPut = performance.now() - t;
          t = performance.now();
          json(
            await request(`${server.url}/api/uploads/${created.uploadId}/complete`, {
              method: "POST",
              agent: pool,
              headers: auth,
              body: "{}",
            }),
            "complete",
          );
          const tComplete = performance.now() - t;
          if (measuring) {
            // Throughput = cycles completed inside the window (steady state, both ends open).
            cycles++;
            lat.create.push(tCreate);
            lat.put.push(tPut);
            lat.complete.push(tComplete);
            lat.cycle.push(performance.now() - started);
          }
        } catch (error) {
          errors++;
          firstError ??= String(error);
          if (errors > 50) throw new Error(`too many errors; first: ${firstError}`);
        }
      }
    }

    const pids = processTree(server.pid);
    const workers = Array.from({ length: o.concurrency }, (_, w) => worker(w));
    await new Promise((r) => setTimeout(r, o.warmupS * 1000));
    const cpu0 = cpuTicks(pids);
    const db0 = database ? backendTicks(database) : undefined;
    const main0 = processTicks(`${server.servingPid}/task/${server.servingPid}`);
    const sys0 = cpuTotals();
    const client0 = process.cpuUsage();
    const t0 = performance.now();
    measuring = true;
    const endHook = o.onMeasure?.(server.pid);
    await new Promise((r) => setTimeout(r, o.measureS * 1000));
    measuring = false;
    if (typeof endHook === "function") endHook();
    const seconds = (performance.now() - t0) / 1000;
    const serverCpu = (cpuTicks(pids) - cpu0) / TICKS / seconds;
    const databaseCpu = database && db0 ? backendTicksSince(database, db0) / TICKS / seconds : null;
    const serverMainCpu = (processTicks(`${server.servingPid}/task/${server.servingPid}`) - main0) / TICKS / seconds;
    const systemCpu = (cpuTotals().busy - sys0.busy) / TICKS / seconds;
    const clientUsage = process.cpuUsage(client0);
    const clientCpu = (clientUsage.user + clientUsage.system) / 1e6 / seconds;
    stopping = true;
    await Promise.all(workers);
    pool.destroy();

    const share = (mean(lat.create) + mean(lat.complete)) / mean(lat.cycle);
    return {
      concurrency: o.concurrency,
      seconds,
      cycles,
      uploadsPerS: cycles / seconds,
      httpPerS: (3 * cycles) / seconds,
      createCompletePerS: (2 * cycles) / seconds,
      createCompleteShare: share,
      steps: { create: stats(lat.create), put: stats(lat.put), complete: stats(lat.complete) },
      cycle: stats(lat.cycle),
      errors,
      firstError,
      serverCpu,
      databaseCpu,
      serverMainCpu,
      clientCpu,
      otherCpu: Math.max(0, systemCpu - serverCpu - (databaseCpu ?? 0) - clientCpu),
    };
  } finally {
    await server.stop();
  }
}
