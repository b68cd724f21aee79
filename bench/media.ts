// `npx tsx bench/media.ts [photos] [size]`: the media queue's figures on a throw-away data folder.
// 1. Thumbnails per second for 12 MP JPEGs: render() (the decoder child: preview + thumbnail) on
//    one camera-like 4000 × 3000 JPEG, 6 times one after another, then 6 with 2 at once.
// 2. The queue's delay under a burst: `photos` JPEGs (default 1000) of `size` px wide (default
//    640, 4:3) stored and queued at once, as a 1,000-photo upload completes them, then worked
//    through by 2 workers (two processes' MEDIA_WORKERS=1): time from queued to ready, p50/p95/max.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import sharp from "sharp";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stowage-bench-media-"));
Object.assign(process.env, {
  DATA_DIR: dir,
  STORAGE_DRIVER: "local",
  STORAGE_LOCAL_DIR: path.join(dir, "files"),
  DATABASE_URL: `file:${path.join(dir, "bench.db")}`,
  AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123",
  LOG_LEVEL: "warn",
});
const { applyMigrations } = await import("../lib/db-migrate");
await applyMigrations(process.env.DATABASE_URL!);
const { db, disconnectDb } = await import("../lib/db");
const { render } = await import("../lib/media/render");
const { mediaTools } = await import("../lib/media/tools");
const { enqueueMedia, drainMedia } = await import("../lib/media/queue");
const { getDriver } = await import("../lib/storage");

/** A camera-like JPEG: smooth shapes plus fine grain (about what a phone's 12 MP photo weighs). */
async function cameraJpeg(width: number, height: number): Promise<Buffer> {
  const tile = sharp(crypto.randomBytes(64 * 48 * 3), { raw: { width: 64, height: 48, channels: 3 } });
  const smooth = await tile.resize(width, height).raw().toBuffer();
  const grain = crypto.randomBytes(smooth.length);
  for (let i = 0; i < smooth.length; i++) smooth[i] = Math.min(255, smooth[i]! + (grain[i]! & 15));
  return sharp(smooth, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** CPU seconds used by this process's finished children (the decoders), from /proc. */
function childCpuSeconds(): number {
  const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks (USER_HZ 100)
}

const limits = { timeoutMs: 60_000, memoryBytes: 1536 * 1024 ** 2 };
const tools = mediaTools();
const big = await cameraJpeg(4000, 3000);
const input = path.join(dir, "12mp.jpg");
fs.writeFileSync(input, big);
async function once(i: number) {
  const workDir = fs.mkdtempSync(path.join(dir, `w${i}-`));
  const result = await render(input, "image/jpeg", { tools, limits, maxPixels: 100_000_000, workDir });
  if (!result.made) throw new Error(result.reason);
}
let started = performance.now();
const cpuBefore = childCpuSeconds();
for (let i = 0; i < 6; i++) await once(i);
const cpuPerThumb = (childCpuSeconds() - cpuBefore) / 6;
const serial = 6 / ((performance.now() - started) / 1000);
started = performance.now();
for (let i = 0; i < 3; i++) await Promise.all([once(10 + 2 * i), once(11 + 2 * i)]);
const parallel = 6 / ((performance.now() - started) / 1000);
console.log(
  `12 MP JPEG (${(big.byteLength / 1024 ** 2).toFixed(1)} MiB): ${serial.toFixed(2)} thumbnails/s one at a time, ${parallel.toFixed(2)}/s two at a time; ${cpuPerThumb.toFixed(2)} CPU s each (${(1 / cpuPerThumb).toFixed(1)}/s per free core)`,
);

const photos = Number(process.argv[2] ?? 1000);
const width = Number(process.argv[3] ?? 640);
const user = await db.user.create({ data: { email: "bench@example.com", usedBytes: 0n } });
const small = await cameraJpeg(width, Math.round((width * 3) / 4));
const queuedAt = new Map<string, number>();
for (let i = 0; i < photos; i++) {
  const key = `${user.id}/${crypto.randomBytes(12).toString("hex")}`;
  await getDriver("local").write(key, new Blob([small as BlobPart]).stream(), small.byteLength, "image/jpeg");
  const file = await db.file.create({
    data: {
      ownerId: user.id,
      name: `p${i}.jpg`,
      size: BigInt(small.byteLength),
      type: "image/jpeg",
      storageKey: key,
      driver: "local",
      status: "READY",
    },
  });
  await enqueueMedia(db, file);
  queuedAt.set(file.id, Date.now());
}
const delays: number[] = [];
started = performance.now();
const cpuQueue = childCpuSeconds();
await Promise.all(["a", "b"].map((holder) => drainMedia({ holder: `bench-${holder}` })));
const elapsed = (performance.now() - started) / 1000;
const queueCpu = (childCpuSeconds() - cpuQueue) / photos;
for (const file of await db.file.findMany({
  where: { ownerId: user.id },
  select: { id: true, updatedAt: true, mediaState: true },
})) {
  if (file.mediaState !== "ready") throw new Error(`${file.id}: ${file.mediaState}`);
  delays.push(file.updatedAt.getTime() - queuedAt.get(file.id)!);
}
delays.sort((a, b) => a - b);
const at = (q: number) => (delays[Math.min(delays.length - 1, Math.floor(q * delays.length))]! / 1000).toFixed(1);
console.log(
  `${photos} photos of ${width} px (${(small.byteLength / 1024).toFixed(0)} KiB) queued at once, 2 workers: all ready in ${elapsed.toFixed(1)} s (${(photos / elapsed).toFixed(1)}/s); delay from queued to ready p50 ${at(0.5)} s, p95 ${at(0.95)} s, max ${at(1)} s; decoder CPU ${queueCpu.toFixed(2)} s a photo`,
);
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
await disconnectDb();
fs.rmSync(dir, { recursive: true, force: true });
