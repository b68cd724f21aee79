// Found while profiling the SQLite path: @prisma/adapter-better-sqlite3 (6.19 and 7.10) has one
// connection; an interactive transaction holds a mutex, but queries made OUTSIDE a transaction
// do not take it, so they run on the same connection INSIDE whichever transaction is open. If
// that transaction rolls back, their writes vanish although they reported success.
// Example in the app: reserveBytes() (lib/quota) running while another request's
// create/complete transaction is open, which then throws (e.g. the "completed or aborted at the
// same moment" conflict): the reservation is undone and the quota books drift.
//   node_modules/.bin/tsx bench/experiments/tx-isolation.ts
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { BENCH_TMP, REPO } from "../server";

fs.mkdirSync(BENCH_TMP, { recursive: true });
const dir = fs.mkdtempSync(path.join(BENCH_TMP, "bench-tx-"));
const url = `file:${path.join(dir, "x.db")}`;
try {
  execFileSync(path.join(REPO, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: REPO,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "ignore",
  });
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  const user = await db.user.create({ data: { email: "tx@example.com" } });

  // Request A: an interactive transaction that awaits something, then fails.
  const a = db
    .$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { name: "written by A" } });
      await new Promise((r) => setTimeout(r, 200));
      throw new Error("A rolls back");
    })
    .catch((e: unknown) => String(e));
  await new Promise((r) => setTimeout(r, 50));

  // Request B, meanwhile, outside any transaction: the same statement as reserveBytes().
  const changed = await db.$executeRaw`UPDATE "User" SET "reservedBytes" = "reservedBytes" + 1000 WHERE "id" = ${user.id}`;
  console.log(`B: reserve reported ${changed} row changed`);
  console.log(`A: ${await a}`);
  const after = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { reservedBytes: true } });
  console.log(`reservedBytes afterwards: ${after.reservedBytes} (expected 1000)`);
  console.log(after.reservedBytes === 1000n ? "OK: B's write survived" : "BUG: B's committed-looking write was rolled back with A");
  await db.$disconnect();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
