// Where the time of a folder drop goes (issue 24): one batched drop in Chromium against a fresh
// server started with --cpu-prof, the page's CPU profile recorded over CDP around the drop. Prints
// the page's long stretches of work (contiguous non-idle samples, the shape of a long task) with
// their heaviest functions, and the server's layers and top functions per file.
// Run: node_modules/.bin/tsx bench/drop-profile.ts [files=2000] [folders=20]
import fs from "node:fs";
import path from "node:path";
import type { CDPSession } from "@playwright/test";
import { BENCH_TMP } from "./build";
import { oneDrop } from "./folder-drop";
import { analyzeProfile, type Node, type Profile } from "./profile";
import { killAllSync, startServer } from "./server";

const files = Number(process.argv[2] ?? 2000);
const folders = Number(process.argv[3] ?? 20);
const profDir = path.join(BENCH_TMP, `drop-prof-${process.pid}`);
fs.mkdirSync(profDir, { recursive: true });
process.on("exit", killAllSync);

const label = (n: Node) =>
  `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/.*\/_next\//, "").replace(/\?.*/, "")}:${n.callFrame.lineNumber}`;

/** Stretches of ≥ minMs without an idle sample, with their top self-time and inclusive-time functions. */
function longStretches(p: Profile, minMs: number): string[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isIdle = (id: number) => ["(idle)", "(program)"].includes(byId.get(id)!.callFrame.functionName);
  const out: string[] = [];
  let start = -1;
  let startT = 0;
  let t = p.startTime;
  const times: number[] = [];
  for (const d of p.timeDeltas) times.push((t += d));
  const flush = (end: number) => {
    const ms = (times[end - 1]! - startT) / 1000;
    if (ms < minMs) return;
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    for (let i = start; i < end; i++) {
      const d = (times[i + 1] ?? times[i]!) - times[i]!;
      self.set(label(byId.get(p.samples[i]!)!), (self.get(label(byId.get(p.samples[i]!)!)) ?? 0) + d);
      const seen = new Set<string>();
      for (let cur: number | undefined = p.samples[i]; cur !== undefined; cur = parent.get(cur)) {
        const l = label(byId.get(cur)!);
        if (!seen.has(l)) total.set(l, (total.get(l) ?? 0) + d);
        seen.add(l);
      }
    }
    const top = (m: Map<string, number>, k: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([f, us]) => `      ${(us / 1000).toFixed(0).padStart(5)} ms  ${f}`);
    out.push(
      `  stretch of ${ms.toFixed(0)} ms at +${((startT - p.startTime) / 1e6).toFixed(1)} s`,
      "    self:",
      ...top(self, 8),
      "    inclusive:",
      ...top(total, 14),
    );
  };
  p.samples.forEach((id, i) => {
    if (isIdle(id)) {
      if (start >= 0) flush(i);
      start = -1;
    } else if (start < 0) {
      start = i;
      startT = times[i]!;
    }
  });
  if (start >= 0) flush(p.samples.length);
  return out;
}

const server = await startServer("drop-prof", {}, ["--cpu-prof", `--cpu-prof-dir=${profDir}`]);
let cdp: CDPSession | undefined;
let pageProfile: Profile | undefined;
/** The page's requests during the drop, by method and path (ids and tokens folded). */
const requests = new Map<string, number>();
const from = Number(process.hrtime.bigint() / 1000n);
try {
  const round = await oneDrop(server.url, { driver: "local", mode: "batch" }, files, folders, 1, {
    async beforeDrop(page) {
      page.on("request", (r) => {
        const path = new URL(r.url()).pathname
          .replace(/\/api\/blob\/.*/, "/api/blob/<token>")
          .replace(/\/[a-z0-9]{20,}(?=\/|$)/g, "/<id>");
        const key = `${r.method()} ${path}`;
        requests.set(key, (requests.get(key) ?? 0) + 1);
      });
      cdp = await page.context().newCDPSession(page);
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
      await cdp.send("Profiler.start");
    },
    async afterDrop() {
      pageProfile = ((await cdp!.send("Profiler.stop")) as { profile: Profile }).profile;
    },
  });
  console.log(
    `${files} files: ${round.filesPerS.toFixed(1)} files/s (${round.seconds.toFixed(1)} s), longest task ${round.longestTaskMs.toFixed(0)} ms (load ${round.load})`,
  );
} finally {
  await server.stop();
}
const to = Number(process.hrtime.bigint() / 1000n);
// The drop's window, for bench/drop-server-cpu.ts (which sums every server process's profile).
fs.writeFileSync(path.join(profDir, "window.json"), JSON.stringify({ from, to, files }));
console.log("page requests during the drop:");
for (const [key, n] of [...requests].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(6)}  ${key}`);
if (pageProfile) {
  fs.writeFileSync(path.join(profDir, "page.cpuprofile.json"), JSON.stringify(pageProfile));
  console.log("page: long stretches of work (≥ 100 ms)");
  console.log(longStretches(pageProfile, 100).join("\n"));
}
const serverProfile = fs
  .readdirSync(profDir)
  .filter((f) => f.endsWith(".cpuprofile"))
  .sort((a, b) => fs.statSync(path.join(profDir, b)).size - fs.statSync(path.join(profDir, a)).size)[0];
if (serverProfile)
  console.log(
    analyzeProfile(path.join(profDir, serverProfile), [{ name: "server, per file", from, to, requests: files }], 30),
  );
console.log(`profiles kept in ${profDir}`);
