// Issue #9: the admin console's usage endpoint at 10,000 users and 1,000,000 files.
// Seeds the accounts and files straight into a throw-away server's SQLite file (multi-row INSERTs
// in one transaction, counters consistent with the rows), then times, over the production server:
// the first page, a deep page (keyset cursor 5,000 rows in) in two sorts, and searches by email and
// by name; plus, for information, the storage overview (an aggregate over File) and the CSV export.
// Standalone: `tsx bench/admin.ts` appends its own dated section to docs/BENCHMARKS.md
// (BENCH_NO_DOCS=1 to only print); `npm run bench` runs it as part 4 (BENCH_ONLY=admin alone).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { userWithToken } from "./auth";
import { agent, json, request } from "./http";
import { backgroundLoad, loadAverage, machine, processTicks } from "./machine";
import { BENCH_TMP, REPO, ensureBuild, removeSnapshot } from "./build";
import { startServer, stopAll } from "./server";
import { percentile } from "./stats";

export const ADMIN_TARGET_MS = 50;
const USERS = Number(process.env.BENCH_ADMIN_USERS ?? 10_000);
const FILES = Number(process.env.BENCH_ADMIN_FILES ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_ADMIN_SAMPLES ?? 60);
const ROWS_PER_INSERT = 500;

export interface Timing {
  name: string;
  request: string;
  p50: number;
  p95: number;
  max: number;
  samples: number;
  rows: number;
  target: boolean;
  /** The server's CPU time per request: what a request costs, however busy the machine is. */
  serverCpuMs: number;
}

export interface AdminBenchResult {
  users: number;
  files: number;
  seedS: number;
  dbMiB: number;
  timings: Timing[];
}

/** Prisma's SQLite DateTime text. */
const stamp = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** Deterministic pseudo-random numbers, so every run seeds the same data. */
function random(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function insertRows(sqlite: Database.Database, table: string, columns: string[], rows: unknown[][]) {
  const one = `(${columns.map(() => "?").join(",")})`;
  const full = sqlite.prepare(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${Array(ROWS_PER_INSERT).fill(one).join(",")}`,
  );
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const statement =
      chunk.length === ROWS_PER_INSERT
        ? full
        : sqlite.prepare(
            `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${Array(chunk.length).fill(one).join(",")}`,
          );
    statement.run(chunk.flat());
  }
}

/** USERS accounts owning FILES files in all (skewed: a few heavy users, many light ones). */
function seed(dbFile: string): number {
  const started = Date.now();
  const sqlite = new Database(dbFile, { timeout: 30_000 });
  const rand = random(9);
  const now = Date.now();
  const weights = Array.from({ length: USERS }, () => 0.05 + rand() ** 3 * 4);
  const scale = FILES / weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor(w * scale));
  counts[0]! += FILES - counts.reduce((a, b) => a + b, 0);
  const types = [
    "image/jpeg",
    "video/mp4",
    "application/pdf",
    "audio/mpeg",
    "application/zip",
    "text/plain",
    "application/octet-stream",
  ];
  const insertUser = sqlite.prepare(
    `INSERT INTO "User" ("id", "email", "name", "role", "usedBytes", "fileCount", "lastUploadAt", "createdAt", "updatedAt") VALUES (?, ?, ?, 'USER', ?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let u = 0; u < USERS; u++) {
      const id = `benchuser${String(u).padStart(6, "0")}`;
      const files: unknown[][] = [];
      let used = 0;
      let last = 0;
      for (let f = 0; f < counts[u]!; f++) {
        const size = Math.floor(1024 * 2 ** (rand() * 15));
        const created = now - Math.floor(rand() * 365 * 86_400_000);
        used += size;
        last = Math.max(last, created);
        const fileId = `${id}f${f}`;
        files.push([
          fileId,
          id,
          `file-${f}.bin`,
          size,
          types[f % types.length],
          `${id}/${fileId}`,
          "local",
          "READY",
          stamp(created),
          stamp(created),
        ]);
      }
      // The account first: File.ownerId references it.
      const name = `${["Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken"][u % 6]} Member${u}`;
      insertUser.run(
        id,
        `member${String(u).padStart(5, "0")}@bench.example`,
        name,
        used,
        counts[u],
        last ? stamp(last) : null,
        stamp(now),
        stamp(now),
      );
      insertRows(
        sqlite,
        "File",
        ["id", "ownerId", "name", "size", "type", "storageKey", "driver", "status", "createdAt", "updatedAt"],
        files,
      );
    }
  })();
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return (Date.now() - started) / 1000;
}

async function time(
  baseUrl: string,
  serverPid: number,
  token: string,
  name: string,
  url: string,
  target = true,
  only?: number,
): Promise<Timing> {
  const keepAlive = agent(1);
  const headers = { authorization: `Bearer ${token}` };
  let rows = 0;
  const once = async () => {
    const started = performance.now();
    const reply = await request(`${baseUrl}${url}`, { method: "GET", headers, agent: keepAlive });
    const elapsed = performance.now() - started;
    if (url.includes(".csv")) {
      if (reply.status !== 200) throw new Error(`${name}: HTTP ${reply.status}`);
      rows = reply.body.toString("utf8").trimEnd().split("\r\n").length - 1;
    } else rows = json(reply, name).users?.length ?? json(reply, name).drivers?.length ?? 0;
    return elapsed;
  };
  const samples = only ?? (url.includes(".csv") ? Math.min(SAMPLES, 10) : SAMPLES);
  if (!only) for (let i = 0; i < 5; i++) await once();
  const times: number[] = [];
  const ticks = processTicks(serverPid);
  for (let i = 0; i < samples; i++) times.push(await once());
  const serverCpuMs = ((processTicks(serverPid) - ticks) * 10) / samples; // 100 ticks a second
  keepAlive.destroy();
  return {
    name,
    request: url,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: Math.max(...times),
    samples,
    rows,
    target,
    serverCpuMs,
  };
}

/** The keyset cursor `depth` rows into a listing (walking there in pages of 500). */
async function cursorAt(baseUrl: string, token: string, query: string, depth: number): Promise<string> {
  let cursor = "";
  for (let seen = 0; seen < depth; seen += 500) {
    const reply = await request(`${baseUrl}/api/admin/usage?${query}&limit=500${cursor ? `&cursor=${cursor}` : ""}`, {
      method: "GET",
      headers: { authorization: `Bearer ${token}` },
    });
    cursor = json(reply, "walk").nextCursor;
  }
  return cursor;
}

export async function runAdminBench({ log }: { log: (line: string) => void }): Promise<AdminBenchResult> {
  const server = await startServer("admin", { DEFAULT_QUOTA_BYTES: "unlimited", LOG_LEVEL: "warn" });
  try {
    const admin = await userWithToken(server.url); // the first account: the admin
    const dbFile = path.join(server.dataDir, "stowage.db");
    log(`  seeding ${USERS.toLocaleString("en-US")} users and ${FILES.toLocaleString("en-US")} files…`);
    const seedS = seed(dbFile);
    const dbMiB = fs.statSync(dbFile).size / 1024 ** 2;
    log(`  seeded in ${seedS.toFixed(1)} s (${dbMiB.toFixed(0)} MiB)`);
    const { url } = server;
    const deepUsed = await cursorAt(url, admin.token, "sort=usedBytes&order=desc", 5000);
    const deepEmail = await cursorAt(url, admin.token, "sort=email&order=asc", 5000);
    const timings: Timing[] = [];
    const measure = async (name: string, request: string, target = true, only?: number) => {
      const t = await time(url, server.pid, admin.token, name, request, target, only);
      timings.push(t);
      log(
        `  ${name}: p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, server CPU ${t.serverCpuMs.toFixed(1)} ms/request (${t.rows} rows)`,
      );
    };
    await measure("First page (usage, largest first)", "/api/admin/usage?sort=usedBytes&order=desc&limit=50");
    await measure(
      "Deep page (rows 5,001–5,050 by usage)",
      `/api/admin/usage?sort=usedBytes&order=desc&limit=50&cursor=${deepUsed}`,
    );
    await measure(
      "Deep page (rows 5,001–5,050 by email)",
      `/api/admin/usage?sort=email&order=asc&limit=50&cursor=${deepEmail}`,
    );
    await measure("Search by email", "/api/admin/usage?sort=usedBytes&order=desc&limit=50&q=member0421");
    await measure("Search by name", "/api/admin/usage?sort=usedBytes&order=desc&limit=50&q=grace%20member77");
    await measure("Storage overview, first request (aggregate over File)", "/api/admin/storage", false, 1);
    await measure("Storage overview, within the minute it is reused", "/api/admin/storage", false);
    await measure("CSV export of every account", "/api/admin/usage.csv", false);
    return { users: USERS, files: FILES, seedS, dbMiB, timings };
  } finally {
    await server.stop();
  }
}

export function adminMarkdown(r: AdminBenchResult): string {
  const rows = r.timings.map(
    (t) =>
      `| ${t.name} | \`${t.request.replace(/cursor=[^&]+/, "cursor=…")}\` | ${t.rows} | ${t.samples} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} | ${t.max.toFixed(1)} | ${t.serverCpuMs.toFixed(1)} | ${t.target ? (t.p95 <= ADMIN_TARGET_MS ? "**PASS**" : "**FAIL**") : "(no target)"} |`,
  );
  return [
    `### Admin usage at ${r.users.toLocaleString("en-US")} users and ${r.files.toLocaleString("en-US")} files (issue #9)`,
    "",
    `| Request | URL | rows | requests | p50 ms | p95 ms | max ms | server CPU ms/request | p95 ≤ ${ADMIN_TARGET_MS} ms |`,
    "|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    `- How: production server (\`npm start\`'s) on a fresh database; the accounts and files were written straight into its SQLite file (${ROWS_PER_INSERT}-row INSERTs in one transaction, ${r.seedS.toFixed(0)} s, ${r.dbMiB.toFixed(0)} MiB), with each account's usedBytes/fileCount/lastUploadAt equal to its files (skewed: a few accounts hold many files). An admin API token over one keep-alive connection; 5 warm-up requests, then each request in turn, timed from sending to the last byte. Deep-page cursors were found by walking the listing in pages of 500.`,
    "- Server CPU ms/request: CPU time of the server process (utime + stime from /proc, 10 ms ticks) over the timed requests, divided by their number: the work one request takes, which competition for the cores changes far less than it changes latency.",
    "- The usage endpoint reads only the User table (counters, one aggregate for the totals, a keyset page through the (usedBytes, id) / email indexes); the File rows cost it nothing. The storage overview groups the File table by driver (there is no per-driver counter), so its first request costs a scan of every file; the result is then reused for a minute per server process, and the console asks for it only after the usage figures arrived.",
  ].join("\n");
}

/** Part 4 of `npm run bench`: a dated section with the machine, the load and the figures. */
export async function adminSection({ log }: { log: (line: string) => void }): Promise<string> {
  fs.mkdirSync(BENCH_TMP, { recursive: true });
  const build = ensureBuild();
  const background = await backgroundLoad(2000);
  const m = machine(BENCH_TMP);
  const started = new Date();
  const result = await runAdminBench({ log });
  return [
    `## ${started.toISOString().slice(0, 16).replace("T", " ")} UTC — issue #9: admin usage endpoint at scale`,
    "",
    `Command: \`BENCH_ONLY=admin npm run bench\` (bench/admin.ts; also \`tsx bench/admin.ts\`).${build.stale ? " Warning: the production build was older than the sources." : ""}`,
    "",
    `Machine: ${m.nproc} × ${m.cpu}, ${m.ramGiB} GiB RAM, Node ${m.node} (Linux ${m.kernel}), disk ${m.disk}. Other load just before: ${background.toFixed(2)} cores busy (load average ${loadAverage()}); two cores shared with other people's work, so the figures are noisy.`,
    "",
    adminMarkdown(result),
  ].join("\n");
}

async function main() {
  const text = await adminSection({ log: (line) => console.log(line) });
  console.log(`\n${text}`);
  if (process.env.BENCH_NO_DOCS !== "1") {
    const doc = path.join(REPO, "docs", "BENCHMARKS.md");
    fs.writeFileSync(doc, `${fs.readFileSync(doc, "utf8").trimEnd()}\n\n${text.trimEnd()}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main()
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(async () => {
      await stopAll();
      removeSnapshot();
      process.exit(process.exitCode ?? 0);
    });
}
