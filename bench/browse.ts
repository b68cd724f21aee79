// The issue #7 browse benchmark: server time of listing and searching at 100,000 files.
// Seeds a throw-away SQLite database straight (READY rows, no bytes: listing never reads storage):
//   A. one user, 100,000 files in one folder;
//   B. another user, 100,000 files spread over 1,000 folders (10 top folders × 100 subfolders).
// Then calls GET /api/files's route handler in this process (API token auth, zod, the service,
// Prisma on SQLite, JSON serialisation), ≥ 50 timed requests per figure after a warm-up.
// Run by `npm run bench` (bench/run.ts) in a child process; alone: `npx tsx bench/browse.ts`.
// Prints one JSON line: the BrowseResult.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { nameSortKey } from "../lib/files/sort-key";
import { percentile, timedGet } from "./stats";

const REPO = path.resolve(import.meta.dirname, "..");
fs.mkdirSync(path.join(REPO, ".tmp"), { recursive: true });
const dir = fs.mkdtempSync(path.join(REPO, ".tmp", "browse-"));
process.env.DATABASE_URL = `file:${path.join(dir, "browse.db")}`;
process.env.DATA_DIR = dir;
process.env.LOG_LEVEL = "silent";
process.env.APP_URL = "http://localhost:3000";
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-0123";

const FILES = 100_000;
const REQUESTS = Number(process.env.BENCH_BROWSE_REQUESTS ?? 60);
const WARMUP = 20;

export interface Figure {
  name: string;
  /** Wall time per request, ms. */
  p50: number;
  p95: number;
  /** CPU time of this process per request, ms: what the request costs, whatever else the machine runs. */
  cpuP50: number;
  cpuP95: number;
  requests: number;
  rows: number;
  target: number;
}
export interface BrowseResult {
  seedS: number;
  figures: Figure[];
  plans: Record<string, string[]>;
}

function migrate(file: string) {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const migrations = path.join(REPO, "prisma", "migrations");
  for (const name of fs.readdirSync(migrations).sort()) {
    const sql = path.join(migrations, name, "migration.sql");
    if (fs.existsSync(sql)) sqlite.exec(fs.readFileSync(sql, "utf8"));
  }
  sqlite.close();
}

const WORDS = [
  "report",
  "invoice",
  "photo",
  "IMG",
  "scan",
  "notes",
  "draft",
  "budget",
  "slides",
  "backup",
  "video",
  "song",
  "letter",
  "contract",
  "plan",
];
const EXT = ["pdf", "jpg", "png", "txt", "docx", "mp4", "mp3", "xlsx"];

async function main() {
  migrate(path.join(dir, "browse.db"));
  const { db, disconnectDb } = await import("../lib/db");
  const { createApiToken } = await import("../lib/auth/tokens");
  const { GET: listRoute } = await import("../app/api/files/handlers");

  const seedStart = performance.now();
  const userA = await db.user.create({ data: { email: "a@bench.local" } });
  const userB = await db.user.create({ data: { email: "b@bench.local" } });
  const big = await db.folder.create({ data: { ownerId: userA.id, name: "Big" } });
  const leaves: string[] = [];
  for (let t = 0; t < 10; t++) {
    const top = await db.folder.create({ data: { ownerId: userB.id, name: `Top ${t}` } });
    await db.folder.createMany({
      data: Array.from({ length: 100 }, (_, s) => ({ ownerId: userB.id, parentId: top.id, name: `Sub ${s}` })),
    });
    leaves.push(...(await db.folder.findMany({ where: { parentId: top.id }, select: { id: true } })).map((f) => f.id));
  }
  // Files straight into SQLite in one transaction (Prisma's createMany took minutes), written the
  // way Prisma's adapter writes them (DateTime as ISO text with +00:00, BigInt as integer).
  const sqlite = new Database(path.join(dir, "browse.db"));
  const insert = sqlite.prepare(
    `INSERT INTO File (id, ownerId, folderId, name, sortName, size, type, storageKey, driver, status, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, 'application/octet-stream', ?, 'local', 'READY', ?, ?)`,
  );
  const base = Date.UTC(2025, 0, 1);
  const seed = sqlite.transaction((ownerId: string, folderOf: (i: number) => string) => {
    for (let i = 0; i < FILES; i++) {
      const at = new Date(base + ((i * 104_729) % FILES) * 60_000).toISOString().replace("Z", "+00:00");
      const name = `${WORDS[i % WORDS.length]}-${String(i).padStart(6, "0")}.${EXT[(i * 7) % EXT.length]}`;
      insert.run(
        `${ownerId}-${String(i).padStart(6, "0")}`,
        ownerId,
        folderOf(i),
        name,
        nameSortKey(name), // what the app's client writes with every name (lib/db/sort-names.ts)
        ((i * 7919) % 50_000_000) + 1,
        `${ownerId}/k${i}`,
        at,
        at,
      );
    }
  });
  seed(userA.id, () => big.id);
  seed(userB.id, (i) => leaves[i % leaves.length]!);
  sqlite.exec("ANALYZE");
  const seedS = (performance.now() - seedStart) / 1000;
  const tokenA = (await createApiToken(userA.id, "bench")).token;
  const tokenB = (await createApiToken(userB.id, "bench")).token;

  async function get(token: string, query: string) {
    return timedGet(listRoute, token, query);
  }
  /** The cursor after `skip` rows, reached by paging 500 at a time (as a client would). */
  async function cursorAfter(token: string, query: string, skip: number) {
    let cursor = "";
    for (let seen = 0; seen < skip; seen += 500) {
      cursor = (await get(token, `${query}&limit=500${cursor ? `&cursor=${cursor}` : ""}`)).body.nextCursor;
    }
    return cursor;
  }
  const figures: Figure[] = [];
  async function measure(name: string, token: string, query: string, target: number) {
    for (let i = 0; i < WARMUP; i++) await get(token, query);
    const times: number[] = [];
    const cpu: number[] = [];
    let rows = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const r = await get(token, query);
      times.push(r.ms);
      cpu.push(r.cpuMs);
      rows = r.body.items.length + r.body.folders.length;
    }
    figures.push({
      name,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      cpuP50: percentile(cpu, 50),
      cpuP95: percentile(cpu, 95),
      requests: REQUESTS,
      rows,
      target,
    });
  }

  for (const [sort, order] of [
    ["name", "asc"],
    ["createdAt", "desc"],
    ["size", "desc"],
  ] as const) {
    const q = `folderId=${big.id}&sort=${sort}&order=${order}`;
    await measure(`A: first page, 1 folder of 100,000, by ${sort} ${order}`, tokenA, `${q}&limit=50`, 20);
    const cursor = await cursorAfter(tokenA, q, 90_000);
    await measure(`A: page after 90,000 rows, by ${sort} ${order}`, tokenA, `${q}&limit=50&cursor=${cursor}`, 20);
  }
  await measure(`A: search "invoice-0421" (few hits) in 100,000`, tokenA, "q=invoice-0421&limit=50", 50);
  await measure(`A: search "photo" (6,667 hits), first page`, tokenA, "q=photo&limit=50", 50);
  await measure(`B: root (10 folders)`, tokenB, "limit=50", 20);
  await measure(`B: first page of one of 1,000 folders (100 files)`, tokenB, `folderId=${leaves[500]}&limit=50`, 20);
  await measure(`B: search "invoice-0421" across 1,000 folders, with paths`, tokenB, "q=invoice-0421&limit=50", 50);
  await measure(`B: search "photo" across 1,000 folders, first page with paths`, tokenB, "q=photo&limit=50", 50);
  await measure(`B: search "zzz" (no hit) across 1,000 folders`, tokenB, "q=zzz&limit=50", 50);
  const everything = await cursorAfter(tokenB, "q=-0&sort=name", 90_000);
  await measure(
    `B: search "-0" (all rows), page after 90,000`,
    tokenB,
    `q=-0&sort=name&limit=50&cursor=${everything}`,
    50,
  );

  const explain = (sql: string, ...args: unknown[]) =>
    (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
  // The statements Prisma sends for these pages (seen with its query log), planned by SQLite.
  const select = "SELECT * FROM File WHERE (ownerId = ? AND status = 'READY' AND deletedAt IS NULL AND";
  const plans = {
    "first page by name": explain(`${select} folderId = ?) ORDER BY sortName ASC, id ASC LIMIT 51`, userA.id, big.id),
    "deep page by size, descending": explain(
      `${select} folderId = ? AND size <= ? AND (size < ? OR id < ?)) ORDER BY size DESC, id DESC LIMIT 51`,
      userA.id,
      big.id,
      5,
      5,
      "x",
    ),
    "search by name": explain(`${select} name LIKE ?) ORDER BY sortName ASC, id ASC LIMIT 51`, userA.id, "%photo%"),
  };
  sqlite.close();
  await disconnectDb();
  fs.rmSync(dir, { recursive: true, force: true });
  const result: BrowseResult = { seedS, figures, plans };
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  fs.rmSync(dir, { recursive: true, force: true });
  console.error(error);
  process.exit(1);
});
