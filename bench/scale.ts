// Issue 11's figures (BENCH_ONLY=scale): small uploads per second on SQLite with one process and with
// one per core, and on PostgreSQL with one per core when a server is reachable (bench/postgres.ts);
// and a 1 GiB upload through the API as the browser sends it by default (bench/multipart.ts) against
// `dd conv=fsync` of the same size to the same disk, three interleaved runs, medians, with the
// server's memory growth (all its processes). BENCH_SCALE_PARTS=small or =multipart runs one part.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import os from "node:os";
import type { DatabaseKind } from "../lib/db-url";
import { userWithToken } from "./auth";
import { GiB } from "./large-upload";
import { bareReceiverOnce, ddFsync, multipartOnce, PART_CONCURRENCY, SIGN_BATCH } from "./multipart";
import { benchPostgres, describePostgres } from "./postgres";
import { processTree, sampleRss, treeRss } from "./rss";
import { runLevel, type LevelResult } from "./small-uploads";
import { sleep, startServer } from "./server";
import { median } from "./stats";

const MiB = 1024 ** 2;
/** Small uploads/s with one process before issue 11 (docs/BENCHMARKS.md, 16 clients). */
export const BASELINE_UPLOADS_PER_S = 74;
const NO_POSTGRES = "not measured: no PostgreSQL reachable";

export type ScaleParts = "all" | "small" | "multipart";

export interface SmallRow {
  database: DatabaseKind;
  processes: number;
  /** null: not measured (no PostgreSQL reachable). */
  result: LevelResult | null;
}

export interface MultipartResult {
  uploadMs: number[];
  ddMs: number[];
  /** The same parts to bench/bare-receiver.mjs (no app). */
  bareMs: number[];
  rssGrowth: number[];
  partSize: number;
  partCount: number;
  processes: number;
  df: string;
}

export interface ScaleResult {
  clients: number;
  small: SmallRow[];
  /** The PostgreSQL row's server ("PostgreSQL 15.9 on localhost:5432, …"); null when none was reachable. */
  postgres: string | null;
  /** Absent when BENCH_SCALE_PARTS=small. */
  multipart?: MultipartResult;
}

interface ScaleOptions {
  runs: number;
  warmupS: number;
  measureS: number;
  clients: number;
  parts: ScaleParts;
  log: (line: string) => void;
}

const rowName = (r: SmallRow) =>
  `${r.database === "sqlite" ? "SQLite" : "PostgreSQL"}, ${r.processes} process${r.processes > 1 ? "es" : ""}`;

async function runSmall(o: ScaleOptions, postgres: string | null): Promise<SmallRow[]> {
  const cores = os.availableParallelism();
  const rows: SmallRow[] = [
    ...[...new Set([1, cores])].map((processes) => ({ database: "sqlite" as const, processes, result: null })),
    { database: "postgresql", processes: cores, result: null },
  ];
  for (const row of rows) {
    if (row.database === "postgresql" && !postgres) {
      o.log(`  small uploads, ${rowName(row)}: ${NO_POSTGRES}`);
      continue;
    }
    const result = await runLevel({
      concurrency: o.clients,
      warmupS: o.warmupS,
      measureS: o.measureS,
      size: 1024,
      database: row.database,
      env: { WEB_CONCURRENCY: String(row.processes) },
    });
    row.result = result;
    const database = result.databaseCpu === null ? "" : `, database ${result.databaseCpu.toFixed(2)}`;
    o.log(
      `  small uploads, ${rowName(row)}, ${o.clients} clients: ${result.uploadsPerS.toFixed(1)}/s; CPU cores server ${result.serverCpu.toFixed(2)}${database}, client ${result.clientCpu.toFixed(2)}, other ${result.otherCpu.toFixed(2)}; errors ${result.errors}`,
    );
    if (result.firstError) o.log(`    first error: ${result.firstError}`);
  }
  return rows;
}

async function runMultipart(o: ScaleOptions): Promise<MultipartResult> {
  const processes = os.availableParallelism();
  const server = await startServer("scale-multipart", {
    WEB_CONCURRENCY: String(processes),
    DEFAULT_QUOTA_BYTES: "unlimited",
  });
  try {
    const df = execFileSync("df", ["-T", server.dataDir], { encoding: "utf8" }).trim();
    const user = await userWithToken(server.url);
    const chunk = crypto.randomBytes(MiB);
    await multipartOnce(server, user.token, 65 * MiB, chunk, 0); // warm-up: loads the routes' code
    const multipart: MultipartResult = {
      uploadMs: [],
      ddMs: [],
      bareMs: [],
      rssGrowth: [],
      partSize: 0,
      partCount: 0,
      processes,
      df,
    };
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
      execFileSync("sync");
      multipart.bareMs.push(await bareReceiverOnce(server.dataDir, GiB, run.partSize, chunk, processes));
      o.log(
        `  1 GiB multipart ${i}: ${(run.ms / 1000).toFixed(2)} s (${(1024 / (run.ms / 1000)).toFixed(0)} MiB/s), RSS +${(growth / MiB).toFixed(1)} MiB; dd conv=fsync ${(multipart.ddMs.at(-1)! / 1000).toFixed(2)} s; bare Node receiver ${(multipart.bareMs.at(-1)! / 1000).toFixed(2)} s`,
      );
    }
    return multipart;
  } finally {
    await server.stop();
  }
}

export async function runScale(o: ScaleOptions): Promise<ScaleResult> {
  const server = o.parts === "multipart" ? null : await benchPostgres();
  const postgres = server ? await describePostgres(server) : null;
  const small = o.parts === "multipart" ? [] : await runSmall(o, postgres);
  const multipart = o.parts === "small" ? undefined : await runMultipart(o);
  return { clients: o.clients, small, postgres, multipart };
}

function smallMarkdown(r: ScaleResult): string[] {
  if (!r.small.length) return ["Small uploads: not measured in this run (BENCH_SCALE_PARTS=multipart)."];
  const row = (s: SmallRow) => {
    const u = s.result;
    if (!u) return `| ${rowName(s)} | ${NO_POSTGRES} | — | — | — | — |`;
    const database = u.databaseCpu === null ? "—" : u.databaseCpu.toFixed(2);
    return `| ${rowName(s)} | ${u.uploadsPerS.toFixed(1)} | ${(u.uploadsPerS / BASELINE_UPLOADS_PER_S).toFixed(2)}× | ${u.steps.create.p50.toFixed(1)} / ${u.steps.put.p50.toFixed(1)} / ${u.steps.complete.p50.toFixed(1)} ms | ${u.serverCpu.toFixed(2)} / ${database} / ${u.clientCpu.toFixed(2)} / ${u.otherCpu.toFixed(2)} | ${u.errors} |`;
  };
  return [
    `Small uploads (create + PUT 1 KiB + complete), ${r.clients} clients; target ≥ 400/s; ratio to the ${BASELINE_UPLOADS_PER_S}/s measured before with one process on SQLite:`,
    "",
    r.postgres
      ? `PostgreSQL: a throw-away database on ${r.postgres}. CPU: "server" is the app's processes (SQLite runs inside them: its database column is empty); "database" is the PostgreSQL backends serving the bench database (their /proc ticks over the window; the server's shared WAL writer and checkpointer count under "other").`
      : `PostgreSQL: none reachable (no BENCH_DATABASE_URL or TEST_DATABASE_URL, no local server that lets this user in), so its row is not measured. CPU: "server" is the app's processes (SQLite runs inside them).`,
    "",
    "| database, processes | uploads/s | ratio | p50 create / PUT / complete | CPU cores server / database / client / other | errors |",
    "| --- | --- | --- | --- | --- | --- |",
    ...r.small.map(row),
  ];
}

function multipartMarkdown(m: MultipartResult | undefined): string[] {
  if (!m) return ["1 GiB multipart: not measured in this run (BENCH_SCALE_PARTS=small)."];
  const upload = median(m.uploadMs);
  const dd = median(m.ddMs);
  const bare = median(m.bareMs);
  const growth = Math.max(...m.rssGrowth);
  return [
    `1 GiB through the API as the browser sends it (multipart, ${m.partCount} parts of ${m.partSize / MiB} MiB, URLs signed ${SIGN_BATCH} at a time, ${PART_CONCURRENCY} parts in flight; ${m.processes} processes), create to complete, against \`dd conv=fsync\` of 1 GiB to the same disk, ${m.uploadMs.length} interleaved runs:`,
    "",
    "| | runs (s) | median |",
    "| --- | --- | --- |",
    `| upload | ${m.uploadMs.map((ms) => (ms / 1000).toFixed(2)).join(", ")} | ${(upload / 1000).toFixed(2)} s (${(1024 / (upload / 1000)).toFixed(0)} MiB/s) |`,
    `| dd conv=fsync | ${m.ddMs.map((ms) => (ms / 1000).toFixed(2)).join(", ")} | ${(dd / 1000).toFixed(2)} s (${(1024 / (dd / 1000)).toFixed(0)} MiB/s) |`,
    `| bare Node receiver, same parts | ${m.bareMs.map((ms) => (ms / 1000).toFixed(2)).join(", ")} | ${(bare / 1000).toFixed(2)} s (${(1024 / (bare / 1000)).toFixed(0)} MiB/s) |`,
    "",
    `The bare receiver (bench/bare-receiver.mjs) is a node:http server with no app, in as many processes as the app (${m.processes}, node:cluster), that takes the same ${m.partCount} PUTs (${PART_CONCURRENCY} in flight), writes each at its offset of one file (writes gathered up to 1 MiB, as the app does) and syncs it before answering: the floor for any Node server on this machine, with the client on the same cores.`,
    "",
    `Ratio bare receiver / upload: **${(bare / upload).toFixed(2)}×** (target ≥ 0.9×, issue 24; 1.00 = the app costs nothing over receiving the bytes); run by run (each upload next to its own bare run): ${m.uploadMs.map((ms, i) => (m.bareMs[i]! / ms).toFixed(2)).join(", ")}. Ratio dd / upload: **${(dd / upload).toFixed(2)}×** (HTTP over loopback included). Server RSS growth (all processes, peak): ${m.rssGrowth.map((b) => (b / MiB).toFixed(1)).join(", ")} MiB, max ${(growth / MiB).toFixed(1)} MiB (target < 64 MiB).`,
    "",
    "```",
    m.df,
    "```",
  ];
}

export function scaleMarkdown(r: ScaleResult, context: { date: Date; machine: string; otherLoad: string }): string {
  return [
    `## Scale: processes, PostgreSQL and local multipart — ${context.date.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Machine: ${context.machine}. Other load while measuring: ${context.otherLoad} (other engineers' builds and tests share these cores: treat the figures as lower bounds).`,
    "",
    ...smallMarkdown(r),
    "",
    ...multipartMarkdown(r.multipart),
  ].join("\n");
}
