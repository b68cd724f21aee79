// The SQLite driver adapter's cost per query, run by hand: `npx tsx bench/sqlite-adapter.ts`.
// Sequential `findUnique`s and small interactive transactions (findUnique + update) through Prisma
// with each adapter in turn, on one migrated scratch database, rounds interleaved so that the
// machine's other load falls on all of them alike; prints the median round per adapter.
// Adapters: Stowage's own (lib/db/sqlite-adapter.ts) and Prisma's @prisma/adapter-better-sqlite3 as
// it comes (no statement cache, no turns: the reference). BENCH_EXTRA=<module> adds the factory that
// module exports as `benchFactory(file)` (used to compare against an older adapter kept elsewhere).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../lib/generated/prisma/client";
import { applyMigrations } from "../lib/db-migrate";
import { SqliteAdapterFactory } from "../lib/db/sqlite-adapter";

const READS = Number(process.env.BENCH_READS ?? 2000);
const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stowage-bench-adapter-"));
const file = path.join(dir, "bench.db");
await applyMigrations(`file:${file}`);

const factories: [string, SqlDriverAdapterFactory][] = [
  ["stowage", new SqliteAdapterFactory(file)],
  ["@prisma/adapter-better-sqlite3", new PrismaBetterSqlite3({ url: file })],
];
if (process.env.BENCH_EXTRA) {
  const extra = (await import(path.resolve(process.env.BENCH_EXTRA))) as {
    benchFactory(file: string): SqlDriverAdapterFactory;
  };
  factories.push([`extra (${process.env.BENCH_EXTRA})`, extra.benchFactory(file)]);
}

const clients = factories.map(([name, adapter]) => ({ name, client: new PrismaClient({ adapter }) }));
const users = await Promise.all(
  clients.map(({ name, client }) => client.user.create({ data: { email: `${name}@bench.example` } })),
);

/** Wall-clock and CPU milliseconds of `run` (CPU time is the steadier figure on a shared machine). */
async function timed(run: () => Promise<void>): Promise<[number, number]> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  await run();
  const used = process.cpuUsage(cpu);
  return [performance.now() - wall, (used.user + used.system) / 1000];
}

async function round(client: PrismaClient, id: string, reads: number, transactions: number) {
  const read = await timed(async () => {
    for (let i = 0; i < reads; i++) await client.user.findUnique({ where: { id } });
  });
  const transaction = await timed(async () => {
    for (let i = 0; i < transactions; i++) {
      await client.$transaction(async (tx) => {
        const user = await tx.user.findUniqueOrThrow({ where: { id } });
        await tx.user.update({ where: { id }, data: { reservedBytes: user.reservedBytes + 1n } });
      });
    }
  });
  return { read, transaction };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const results = clients.map(() => ({ read: [] as [number, number][], transaction: [] as [number, number][] }));
for (const [i, { client }] of clients.entries()) await round(client, users[i]!.id, 200, 50); // warm-up
for (let r = 0; r < ROUNDS; r++) {
  for (let k = 0; k < clients.length; k++) {
    const i = (r + k) % clients.length; // a different adapter goes first each round
    const { read, transaction } = await round(clients[i]!.client, users[i]!.id, READS, TRANSACTIONS);
    results[i]!.read.push(read);
    results[i]!.transaction.push(transaction);
  }
}
/** "wall ms (µs each), CPU ms (µs each)" of the median rounds. */
function figures(samples: [number, number][], count: number): string {
  const each = (ms: number) => `${((ms / count) * 1000).toFixed(0)} µs each`;
  const wall = median(samples.map(([w]) => w));
  const cpu = median(samples.map(([, c]) => c));
  return `${wall.toFixed(0)} ms (${each(wall)}), CPU ${cpu.toFixed(0)} ms (${each(cpu)})`;
}
console.log(`${READS} findUnique, ${TRANSACTIONS} transactions; medians of ${ROUNDS} interleaved rounds, wall and CPU`);
for (const [i, { name }] of clients.entries()) {
  console.log(`${name}\n  findUnique   ${figures(results[i]!.read, READS)}`);
  console.log(`  transactions ${figures(results[i]!.transaction, TRANSACTIONS)}`);
}
await Promise.all(clients.map(({ client }) => client.$disconnect()));
fs.rmSync(dir, { recursive: true, force: true });
