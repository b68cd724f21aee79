// Issue 22's benchmark: grants must not slow the browser. Seeds a throw-away SQLite database with
// 1,000 users, 100 groups (10 members each) and 10,000 grants; the owner has 100,000 files in one
// folder, shared with a group the colleague is in, and the colleague holds 1,000 grants in all.
// Then calls the route handlers in this process as bench/browse.ts does (API token, zod, the
// access layer resolving the caller's grants, the service, Prisma on SQLite, JSON), ≥ 50 timed
// requests per figure after a warm-up: listing (first and deep page) and search for the owner and
// for the colleague, and "Shared with me". Run by `npm run bench` (BENCH_ONLY=people); alone:
// `npx tsx bench/people.ts`. Prints one JSON line: the BrowseResult.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { percentile, timedGet } from "./stats";
import type { BrowseResult, Figure } from "./browse";

const REPO = path.resolve(import.meta.dirname, "..");
fs.mkdirSync(path.join(REPO, ".tmp"), { recursive: true });
const dir = fs.mkdtempSync(path.join(REPO, ".tmp", "people-"));
const file = path.join(dir, "people.db");
process.env.DATABASE_URL = `file:${file}`;
process.env.DATA_DIR = dir;
process.env.LOG_LEVEL = "silent";
process.env.APP_URL = "http://localhost:3000";
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-0123";

const FILES = 100_000;
const USERS = 1_000;
const GROUPS = 100;
const GRANTS = 10_000;
const COLLEAGUE_GRANTS = 1_000;
const REQUESTS = Number(process.env.BENCH_BROWSE_REQUESTS ?? 60);
const WARMUP = 20;
const WORDS = ["report", "invoice", "photo", "IMG", "scan", "notes", "draft", "budget", "slides", "backup"];

function migrate() {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const migrations = path.join(REPO, "prisma", "migrations");
  for (const name of fs.readdirSync(migrations).sort()) {
    const sql = path.join(migrations, name, "migration.sql");
    if (fs.existsSync(sql)) sqlite.exec(fs.readFileSync(sql, "utf8"));
  }
  return sqlite;
}

/** Seeds straight into SQLite (as Prisma's adapter writes: ISO text times with +00:00). */
function seed(sqlite: Database.Database) {
  const now = new Date().toISOString().replace("Z", "+00:00");
  const users = Array.from({ length: USERS }, (_, i) => `u${String(i).padStart(4, "0")}`);
  const [owner, colleague] = users as [string, string];
  sqlite.transaction(() => {
    const user = sqlite.prepare(`INSERT INTO User (id, email, updatedAt) VALUES (?, ?, ?)`);
    for (const id of users) user.run(id, `${id}@bench.local`, now);
    const group = sqlite.prepare(`INSERT INTO "Group" (id, name, updatedAt) VALUES (?, ?, ?)`);
    const member = sqlite.prepare(`INSERT OR IGNORE INTO GroupMember (groupId, userId) VALUES (?, ?)`);
    for (let g = 0; g < GROUPS; g++) {
      group.run(`g${g}`, `Group ${g}`, now);
      for (let m = 0; m < 10; m++) member.run(`g${g}`, users[2 + ((g * 10 + m) % (USERS - 2))]);
    }
    for (const g of [0, 1, 2]) member.run(`g${g}`, colleague);
    const folder = sqlite.prepare(`INSERT INTO Folder (id, ownerId, parentId, name, updatedAt) VALUES (?, ?, ?, ?, ?)`);
    folder.run("big", owner, null, "Big", now);
    // Everyone else has folders to share: 10 each (a top folder and 9 below it).
    for (let u = 2; u < USERS; u++) {
      folder.run(`f${u}-0`, users[u], null, "Projects", now);
      for (let k = 1; k < 10; k++) folder.run(`f${u}-${k}`, users[u], `f${u}-0`, `Project ${k}`, now);
    }
    const files = sqlite.prepare(
      `INSERT INTO File (id, ownerId, folderId, name, size, type, storageKey, driver, status, createdAt, updatedAt)
       VALUES (?, ?, 'big', ?, ?, 'application/octet-stream', ?, 'local', 'READY', ?, ?)`,
    );
    const base = Date.UTC(2025, 0, 1);
    for (let i = 0; i < FILES; i++) {
      const at = new Date(base + ((i * 104_729) % FILES) * 60_000).toISOString().replace("Z", "+00:00");
      const name = `${WORDS[i % WORDS.length]}-${String(i).padStart(6, "0")}.bin`;
      files.run(`x${i}`, owner, name, ((i * 7919) % 50_000_000) + 1, `${owner}/k${i}`, at, at);
    }
    const grant = sqlite.prepare(
      `INSERT INTO "Grant" (id, ownerId, folderId, userId, groupId, role, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // The owner's big folder, to a group the colleague is in; then the colleague's other 999 grants.
    grant.run("gr0", owner, "big", null, "g0", "EDITOR", now, now);
    for (let i = 1; i < COLLEAGUE_GRANTS; i++) {
      const u = 2 + (i % (USERS - 2));
      grant.run(`gr${i}`, users[u], `f${u}-${Math.floor(i / (USERS - 2)) + 1}`, colleague, null, "VIEWER", now, now);
    }
    // The rest among everyone else: to users and groups, on other folders.
    for (let i = COLLEAGUE_GRANTS; i < GRANTS; i++) {
      const u = 2 + (i % (USERS - 2));
      const toGroup = i % 3 === 0;
      const target = `f${u}-${(i % 9) + 1}`;
      const to = toGroup ? `g${3 + (i % (GROUPS - 3))}` : users[2 + ((i * 31) % (USERS - 2))];
      if (!toGroup && to === users[u]) continue;
      sqlite
        .prepare(
          `INSERT OR IGNORE INTO "Grant" (id, ownerId, folderId, userId, groupId, role, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(`gr${i}`, users[u], target, toGroup ? null : to, toGroup ? to : null, "VIEWER", now, now);
    }
    // As the services keep it (lib/grants/holders.ts): whoever a grant reaches may hold grants.
    sqlite.exec(`UPDATE "User" SET "mayHoldGrants" = true
      WHERE "id" IN (SELECT "userId" FROM "Grant" WHERE "userId" IS NOT NULL)
         OR "id" IN (SELECT m."userId" FROM "GroupMember" m JOIN "Grant" g ON g."groupId" = m."groupId")`);
  })();
  sqlite.exec("ANALYZE");
  return { owner, colleague };
}

async function main() {
  const seedStart = performance.now();
  const sqlite = migrate();
  const { owner, colleague } = seed(sqlite);
  const grantCount = (sqlite.prepare(`SELECT count(*) AS n FROM "Grant"`).get() as { n: number }).n;
  const { disconnectDb } = await import("../lib/db");
  const { createApiToken } = await import("../lib/auth/tokens");
  const { GET: listRoute } = await import("../app/api/files/handlers");
  const { GET: sharedRoute } = await import("../app/api/shared-with-me/handlers");
  const seedS = (performance.now() - seedStart) / 1000;
  const tokens = {
    owner: (await createApiToken(owner, "bench")).token,
    colleague: (await createApiToken(colleague, "bench")).token,
  };

  async function get(who: keyof typeof tokens, route: typeof listRoute, query: string) {
    return timedGet(route, tokens[who], query);
  }
  async function cursorAfter(who: keyof typeof tokens, query: string, skip: number) {
    let cursor = "";
    for (let seen = 0; seen < skip; seen += 500)
      cursor = (await get(who, listRoute, `${query}&limit=500${cursor ? `&cursor=${cursor}` : ""}`)).body.nextCursor;
    return cursor;
  }
  const figures: Figure[] = [];
  async function measure(
    name: string,
    who: keyof typeof tokens,
    route: typeof listRoute,
    query: string,
    target: number,
  ) {
    for (let i = 0; i < WARMUP; i++) await get(who, route, query);
    const times: number[] = [];
    const cpu: number[] = [];
    let rows = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const r = await get(who, route, query);
      times.push(r.ms);
      cpu.push(r.cpuMs);
      rows = r.body.items.length + (r.body.folders?.length ?? 0);
    }
    const [p50, p95, cpuP50, cpuP95] = [
      percentile(times, 50),
      percentile(times, 95),
      percentile(cpu, 50),
      percentile(cpu, 95),
    ];
    figures.push({ name, p50, p95, cpuP50, cpuP95, requests: REQUESTS, rows, target });
  }

  const q = "folderId=big&sort=name&order=asc";
  for (const who of ["owner", "colleague"] as const) {
    await measure(`${who}: first page of the shared folder of 100,000`, who, listRoute, `${q}&limit=50`, 20);
    const cursor = await cursorAfter(who, q, 90_000);
    await measure(`${who}: page after 90,000 rows`, who, listRoute, `${q}&limit=50&cursor=${cursor}`, 20);
    await measure(`${who}: search "invoice-0421" (few hits)`, who, listRoute, "q=invoice-0421&limit=50", 50);
    await measure(`${who}: search "photo" (10,000 hits), first page`, who, listRoute, "q=photo&limit=50", 50);
  }
  await measure(`colleague: "Shared with me" (${COLLEAGUE_GRANTS} grants)`, "colleague", sharedRoute, "", 20);
  sqlite.close();
  await disconnectDb();
  fs.rmSync(dir, { recursive: true, force: true });
  const result: BrowseResult & { grants: number } = { seedS, figures, plans: {}, grants: grantCount };
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  fs.rmSync(dir, { recursive: true, force: true });
  console.error(error);
  process.exit(1);
});
