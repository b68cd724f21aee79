// The issue #21 WebDAV benchmark: PROPFIND Depth 1 of a folder of 10,000 files (time to the first
// byte and to the end), against GET /api/files paging through the same folder (500 per page), in the
// same run, over real HTTP to the app's host and router (test/app-server.ts) on a throw-away SQLite
// database. Rows are seeded straight (READY, no bytes: neither answer reads storage).
// Run: `npx tsx bench/dav-propfind.ts` (prints a Markdown table).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stowage-bench-dav-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.DATA_DIR = dir;
process.env.LOG_LEVEL = "silent";
process.env.APP_URL = "http://localhost:3000";
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-0123";

const FILES = 10_000;
const RUNS = 5;

const { applyMigrations } = await import("../lib/db-migrate");
await applyMigrations(process.env.DATABASE_URL);
const { db } = await import("../lib/db");
const { createApiToken } = await import("../lib/auth/tokens");
const { startAppServer } = await import("../test/app-server");

const user = await db.user.create({ data: { email: "bench@example.com" } });
const { token } = await createApiToken(user.id, "bench");
const folder = await db.folder.create({ data: { ownerId: user.id, name: "big" } });
for (let i = 0; i < FILES; i += 1000) {
  await db.file.createMany({
    data: Array.from({ length: 1000 }, (_, j) => ({
      ownerId: user.id,
      folderId: folder.id,
      name: `file ${String(i + j).padStart(5, "0")}.txt`,
      size: BigInt(4096),
      type: "text/plain",
      storageKey: `${user.id}/bench-${i + j}`,
      driver: "local",
      status: "READY" as const,
    })),
  });
}
const server = await startAppServer();
const basic = "Basic " + Buffer.from(`bench@example.com:${token}`).toString("base64");

// The client is curl, in its own process: a client in this process would share its event loop with
// the server and read the first bytes late.
const curl = (args: string[]) => run("curl", ["-s", "-H", `authorization: ${basic}`, ...args], { maxBuffer: 64 << 20 });

async function propfind() {
  const { stdout } = await curl([
    "-o",
    "/dev/null",
    "-w",
    "%{time_starttransfer} %{time_total} %{size_download}",
    "-X",
    "PROPFIND",
    "-H",
    "depth: 1",
    `${server.url}/dav/big/`,
  ]);
  const [first, total, bytes] = stdout.split(" ").map(Number) as [number, number, number];
  return { first: first * 1000, total: total * 1000, bytes };
}

async function apiPages() {
  const start = performance.now();
  let cursor: string | null = null;
  let first = 0;
  let bytes = 0;
  let rows = 0;
  do {
    const query: string = `folderId=${folder.id}&limit=500${cursor ? `&cursor=${cursor}` : ""}`;
    const { stdout } = await run(
      "curl",
      ["-s", "-H", `authorization: Bearer ${token}`, `${server.url}/api/files?${query}`],
      { maxBuffer: 64 << 20 },
    );
    first ||= performance.now() - start;
    bytes += stdout.length;
    const page = JSON.parse(stdout) as { items: unknown[]; nextCursor: string | null };
    rows += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  if (rows !== FILES) throw new Error(`GET /api/files listed ${rows} rows`);
  return { first, total: performance.now() - start, bytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
await propfind(); // warm-up: module loading, query plans
await apiPages();
const results: Record<string, { first: number[]; total: number[]; bytes: number }> = {};
for (let run = 0; run < RUNS; run++) {
  for (const [name, fn] of [
    ["PROPFIND Depth 1 (WebDAV)", propfind],
    ["GET /api/files, 20 pages of 500 (first byte: the first page)", apiPages],
  ] as const) {
    const t = await fn();
    const r = (results[name] ??= { first: [], total: [], bytes: t.bytes });
    r.first.push(t.first);
    r.total.push(t.total);
  }
}
console.log(
  `| ${FILES.toLocaleString("en")} files in one folder (median of ${RUNS}) | first byte | whole answer | bytes |`,
);
console.log("|---|---|---|---|");
for (const [name, r] of Object.entries(results)) {
  console.log(
    `| ${name} | ${median(r.first).toFixed(0)} ms | ${median(r.total).toFixed(0)} ms | ${r.bytes.toLocaleString("en")} |`,
  );
}
console.log(
  `\n(load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${os.cpus().length} cores)`,
);
await server.stop();
await db.$disconnect();
fs.rmSync(dir, { recursive: true, force: true });
