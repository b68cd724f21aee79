// The issue #21 WebDAV transfer benchmarks, each against its baseline in the same run:
//  1. `rclone copy` of 1,000 files of 4 KiB up to /dav/ (16 transfers, rclone's defaults otherwise),
//     against the same `rclone copy` from folder to folder on this disk;
//  2. one 1 GiB PUT with Content-Length (curl -T, as Finder and rclone send a file), against
//     `dd bs=8M conv=fsync` of the same file on the same disk, and the server's memory growth
//     (this process's RSS, sampled every 50 ms: the server runs here, the clients in their own).
// The app's host and router over real HTTP (test/app-server.ts), the local driver, a throw-away
// SQLite database. Run: `npx tsx bench/dav-transfer.ts` (prints a Markdown table).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stowage-bench-davx-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.DATA_DIR = path.join(dir, "data");
process.env.LOG_LEVEL = "silent";
process.env.APP_URL = "http://localhost:3000";
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-0123";

const FILES = 1000;
const GIB = 1 << 30;

const { applyMigrations } = await import("../lib/db-migrate");
await applyMigrations(process.env.DATABASE_URL);
const { db } = await import("../lib/db");
const { createApiToken } = await import("../lib/auth/tokens");
const { startAppServer } = await import("../test/app-server");
const { rcloneEnv } = await import("../test/dav/rclone-round-trip");

const user = await db.user.create({ data: { email: "bench@example.com", quotaBytes: null } });
const { token } = await createApiToken(user.id, "bench");
const server = await startAppServer();

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

// 1. rclone: a flat-ish tree of 1,000 small files (10 folders of 100).
const tree = path.join(dir, "tree");
for (let d = 0; d < 10; d++) {
  fs.mkdirSync(path.join(tree, `folder ${d}`), { recursive: true });
  for (let f = 0; f < FILES / 10; f++)
    fs.writeFileSync(path.join(tree, `folder ${d}`, `file ${f}.txt`), "x".repeat(4096));
}
const rcloneEnvironment = await rcloneEnv({ url: server.url, email: user.email, secret: token }, dir);
const rclone = (from: string, to: string) =>
  run("rclone", ["copy", from, to, "--transfers", "16", "--checkers", "16"], { env: rcloneEnvironment });
const rcloneLocal = await seconds(() => rclone(tree, path.join(dir, "tree-copy")));
const rcloneDav = await seconds(() => rclone(tree, "stowage:up"));
const stored = await db.file.count({ where: { ownerId: user.id, status: "READY" } });
if (stored !== FILES) throw new Error(`rclone stored ${stored} of ${FILES} files`);

// 2. One 1 GiB file: dd to this disk, then a WebDAV PUT of it.
const big = path.join(dir, "big.bin");
await run("dd", ["if=/dev/urandom", `of=${big}`, "bs=8M", `count=${GIB / (8 << 20)}`, "status=none"]);
const ddSeconds = await seconds(() =>
  run("dd", [`if=${big}`, `of=${path.join(dir, "dd.bin")}`, "bs=8M", "conv=fsync", "status=none"]),
);
fs.rmSync(path.join(dir, "dd.bin"));
global.gc?.();
const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
const basic = `${user.email}:${token}`;
const putSeconds = await seconds(() =>
  run("curl", ["-s", "-f", "-u", basic, "-T", big, `${server.url}/dav/big.bin`], { maxBuffer: 1 << 20 }),
);
clearInterval(sampler);
const putFile = await db.file.findFirst({ where: { ownerId: user.id, name: "big.bin", status: "READY" } });
if (Number(putFile?.size) !== GIB) throw new Error("the 1 GiB PUT did not store the file");

await server.stop();
fs.rmSync(dir, { recursive: true, force: true });
const mib = (bytes: number) => (bytes / (1 << 20)).toFixed(1);
const load = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(" ");
console.log(`WebDAV transfers, ${new Date().toISOString()}, ${os.cpus().length} cores, load average ${load}\n`);
console.log("| what | WebDAV | baseline, same run | ratio |");
console.log("|---|---|---|---|");
console.log(
  `| rclone copy of ${FILES} × 4 KiB (16 transfers) | ${rcloneDav.toFixed(1)} s (${(FILES / rcloneDav).toFixed(0)} files/s) | local folder to folder: ${rcloneLocal.toFixed(1)} s | ${(rcloneLocal / rcloneDav).toFixed(2)}× |`,
);
console.log(
  `| 1 GiB PUT (curl -T) | ${putSeconds.toFixed(2)} s (${(1024 / putSeconds).toFixed(0)} MiB/s); server memory growth ${mib(rssPeak - rssBefore)} MiB | dd bs=8M conv=fsync: ${ddSeconds.toFixed(2)} s | ${(ddSeconds / putSeconds).toFixed(2)}× |`,
);
process.exit(0);
