// One migration measurement, in a process of its own (bench/migrate.ts starts it with a throw-away
// data folder and database, and the S3 test server's address in the environment):
//   node --import tsx bench/migrate-worker.ts <files> <bytes per file>
// Seeds the files on the local driver, copies the same bytes local → S3 with a plain stream pipe
// (local read() piped into the S3 driver's write(), nothing hashed, verified or booked), then runs
// the migration (lib/storage-ops/migrate.ts) with the same concurrency, sampling this process's RSS.
// Prints one JSON line.
import crypto from "node:crypto";
import { db, disconnectDb } from "../lib/db";
import { getDriver, newStorageKey } from "../lib/storage";
import { migrateFiles } from "../lib/storage-ops/migrate";

const [files, size] = process.argv.slice(2).map(Number) as [number, number];
const CONCURRENCY = 4;
const CHUNK = 1024 * 1024;
const noise = crypto.randomBytes(CHUNK);

/** `size` bytes of incompressible data, varied per file, made a chunk at a time. */
function generated(seed: number, total: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const chunk = Buffer.from(noise.subarray(0, Math.min(CHUNK, total - sent)));
      chunk.writeUInt32LE(seed, 0);
      chunk.writeUInt32LE(sent / CHUNK, 4);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

async function pool<T>(items: T[], run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const user = await db.user.create({ data: { email: `bench-${Date.now()}@example.com` } });
const keys = Array.from({ length: files }, () => newStorageKey(user.id));
const local = getDriver("local");
const s3 = getDriver("s3");
await pool(
  keys.map((key, i) => ({ key, i })),
  async ({ key, i }) => {
    await local.write(key, generated(i, size), size);
  },
);
await db.file.createMany({
  data: keys.map((storageKey, i) => ({
    ownerId: user.id,
    name: `f${i}.bin`,
    size,
    type: "application/octet-stream",
    storageKey,
    driver: "local",
    status: "READY" as const,
  })),
});

let started = performance.now();
await pool(keys, async (key) => {
  const { body } = await local.read(key);
  await s3.write(newStorageKey("plainpipe"), body, size);
});
const pipeS = (performance.now() - started) / 1000;

global.gc?.();
const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 25);
started = performance.now();
const summary = await migrateFiles({ to: "s3", concurrency: CONCURRENCY });
const migrateS = (performance.now() - started) / 1000;
clearInterval(sampler);
rssPeak = Math.max(rssPeak, process.memoryUsage().rss);

console.log(
  JSON.stringify({
    files,
    bytes: files * size,
    pipeS,
    migrateS,
    moved: summary.moved,
    failed: summary.failed,
    rssBeforeMiB: rssBefore / 2 ** 20,
    rssGrowthMiB: (rssPeak - rssBefore) / 2 ** 20,
  }),
);
await disconnectDb();
