// Where the small-upload time goes: runs each step of an upload on its own, in phases, against
// one fresh server, and reports per phase the rate and the server CPU per request (main thread
// separately). Not part of `npm run bench`; run it by hand:
//   node_modules/.bin/tsx bench/investigate.ts [count=1500] [concurrency=8] [--cpu-prof] [--preload=<file>]
//   node_modules/.bin/tsx bench/investigate.ts --large [--cpu-prof]   (one 1 GiB PUT instead)
//   node_modules/.bin/tsx bench/investigate.ts --multipart [--cpu-prof]   (one 1 GiB multipart upload, as the browser sends it)
//   node_modules/.bin/tsx bench/investigate.ts --mixed [concurrency=4] [--cpu-prof]
//       (the bench's create -> PUT -> complete loop for 8 s; the profile is split per upload)
// BENCH_APP_DIR=<dir> serves a patched copy of the app instead of this checkout (see run.ts).
// --cpu-prof writes the server's V8 CPU profile to .tmp/bench-prof/ when the server stops.
// --preload=<file> loads a module into the server first (node --import), for an experiment that
// changes one thing (e.g. a statement cache) without editing the app.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { userWithToken } from "./auth";
import { agent, json, request } from "./http";
import { uploadOnce } from "./large-upload";
import { runLevel } from "./small-uploads";
import { investigateMultipart } from "./multipart";
import { analyzeProfile, type Window } from "./profile";
import { BENCH_TMP, removeSnapshot } from "./build";
import { killAllSync, startServer } from "./server";
import { percentile } from "./stats";

const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith("--"));
const count = Number(positional[0] ?? 1500);
const concurrency = Number(positional[1] ?? 8);
const nodeArgs: string[] = [];
const profDir = path.join(BENCH_TMP, `bench-prof-${process.pid}`);
const profiling = args.includes("--cpu-prof");
if (profiling) {
  fs.mkdirSync(profDir, { recursive: true });
  nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${profDir}`);
}
const windows: Window[] = [];
class Done extends Error {}
process.on("exit", killAllSync);
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
for (const a of args)
  if (a.startsWith("--preload=")) nodeArgs.push("--import", path.resolve(a.slice("--preload=".length)));

/** utime+stime ticks of the main thread and of the whole process. */
function ticks(pid: number): { main: number; all: number } {
  const read = (file: string) => {
    const s = fs.readFileSync(file, "utf8");
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  };
  return { main: read(`/proc/${pid}/task/${pid}/stat`), all: read(`/proc/${pid}/stat`) };
}

async function phase<T>(pid: number, name: string, items: T[], fn: (item: T) => Promise<void>) {
  let next = 0;
  const lat: number[] = [];
  const before = ticks(pid);
  const from = nowUs();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const t = performance.now();
        await fn(item);
        lat.push(performance.now() - t);
      }
    }),
  );
  const s = (performance.now() - t0) / 1000;
  const after = ticks(pid);
  windows.push({ name, from, to: nowUs(), requests: items.length });
  const row = {
    phase: name,
    perS: Math.round(items.length / s),
    mainCpuMsPerReq: +(((after.main - before.main) * 10) / items.length).toFixed(2),
    allCpuMsPerReq: +(((after.all - before.all) * 10) / items.length).toFixed(2),
    mainBusy: +((after.main - before.main) / 100 / s).toFixed(2),
    p50: +percentile(lat, 50).toFixed(1),
    p95: +percentile(lat, 95).toFixed(1),
  };
  console.log(JSON.stringify(row));
  return row;
}

const large = args.includes("--large");
if (args.includes("--multipart")) {
  await investigateMultipart(nodeArgs, (from, to) =>
    windows.push({ name: "1 GiB multipart upload (create + parts + complete)", from, to, requests: 1 }),
  );
  report();
  process.exit(0);
}
if (args.includes("--mixed")) {
  const level = await runLevel({
    concurrency: Number(positional[0] ?? 4),
    warmupS: 2,
    measureS: 8,
    size: 1024,
    nodeArgs,
    onMeasure() {
      const from = nowUs();
      return () => windows.push({ name: "create + PUT + complete loop, per upload", from, to: nowUs(), requests: 1 });
    },
  });
  windows[0]!.requests = level.cycles;
  console.log(
    JSON.stringify({
      uploadsPerS: +level.uploadsPerS.toFixed(1),
      serverCores: +level.serverCpu.toFixed(2),
      mainThreadCores: +level.serverMainCpu.toFixed(2),
      mainCpuMsPerUpload: +((1000 * level.serverMainCpu) / level.uploadsPerS).toFixed(2),
      otherCores: +level.otherCpu.toFixed(2),
    }),
  );
  removeSnapshot();
  report();
  process.exit(0);
}
const server = await startServer(
  "investigate",
  large ? { MULTIPART_THRESHOLD: "2GiB", DEFAULT_QUOTA_BYTES: "unlimited" } : {},
  nodeArgs,
);
try {
  if (large) {
    const user = await userWithToken(server.url);
    const chunk = crypto.randomBytes(1024 * 1024);
    await uploadOnce(server, user.token, 1024, chunk, 0);
    const before = ticks(server.servingPid);
    const from = nowUs();
    const run = await uploadOnce(server, user.token, 1024 ** 3, chunk, 1);
    const after = ticks(server.servingPid);
    windows.push({ name: "1 GiB upload (create + PUT + complete)", from, to: nowUs(), requests: 1 });
    console.log(
      JSON.stringify({
        putS: +(run.putMs / 1000).toFixed(2),
        mibPerS: Math.round(run.mibPerS),
        mainCpuS: (after.main - before.main) / 100,
        processCpuS: (after.all - before.all) / 100,
        rssGrowthMiB: +(run.rssGrowth / 1024 ** 2).toFixed(1),
      }),
    );
    throw new Done();
  }
  const user = await userWithToken(server.url);
  const pool = agent(concurrency);
  const auth = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
  const body = crypto.randomBytes(1024);
  const n = Array.from({ length: count }, (_, i) => i);
  // Warm every route once.
  for (let i = 0; i < 50; i++) {
    const c = json(
      await request(`${server.url}/api/uploads`, {
        method: "POST",
        agent: pool,
        headers: auth,
        body: JSON.stringify({ name: `w${i}.bin`, size: 1024, type: "application/octet-stream" }),
      }),
      "create",
    );
    json(await request(c.url, { method: "PUT", agent: pool, headers: c.headers, body }), "put");
    json(
      await request(`${server.url}/api/uploads/${c.uploadId}/complete`, {
        method: "POST",
        agent: pool,
        headers: auth,
        body: "{}",
      }),
      "complete",
    );
    json(await request(`${server.url}/api/me`, { method: "GET", agent: pool, headers: auth }), "me");
  }
  await phase(server.servingPid, "GET /api/me (auth + 1 query)", n, async () => {
    json(await request(`${server.url}/api/me`, { method: "GET", agent: pool, headers: auth }), "me");
  });
  await phase(server.servingPid, "GET /api/blob/<bad token> (Next routing floor)", n, async () => {
    await request(`${server.url}/api/blob/x.y`, { method: "GET", agent: pool });
  });
  const created: { uploadId: string; url: string; headers: Record<string, string> }[] = [];
  await phase(server.servingPid, "POST /api/uploads", n, async (i) => {
    created.push(
      json(
        await request(`${server.url}/api/uploads`, {
          method: "POST",
          agent: pool,
          headers: auth,
          body: JSON.stringify({ name: `p-${i}.bin`, size: 1024, type: "application/octet-stream" }),
        }),
        "create",
      ),
    );
  });
  await phase(server.servingPid, "PUT /api/blob/<token> 1 KiB", created, async (c) => {
    json(await request(c.url, { method: "PUT", agent: pool, headers: c.headers, body }), "put");
  });
  await phase(server.servingPid, "POST /api/uploads/{id}/complete", created, async (c) => {
    json(
      await request(`${server.url}/api/uploads/${c.uploadId}/complete`, {
        method: "POST",
        agent: pool,
        headers: auth,
        body: "{}",
      }),
      "complete",
    );
  });
  pool.destroy();
} catch (error) {
  if (!(error instanceof Done)) throw error;
} finally {
  await server.stop();
  removeSnapshot();
}
report();

function report(): void {
  if (!profiling) return;
  // The server is a primary and its worker(s): the process that served is the one with the
  // largest profile.
  const file = fs
    .readdirSync(profDir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .sort((a, b) => fs.statSync(path.join(profDir, b)).size - fs.statSync(path.join(profDir, a)).size)[0];
  if (!file) console.log("no CPU profile was written");
  else console.log(analyzeProfile(path.join(profDir, file), windows, large || windows.length === 1 ? 25 : 12));
  if (process.env.BENCH_KEEP_PROFILE) console.log(`profiles kept in ${profDir}`);
  else fs.rmSync(profDir, { recursive: true, force: true });
}
