// Splits a V8 CPU profile of the server (.cpuprofile) into time windows and, per window, says
// how the main thread's wall time was spent, by layer. Profile timestamps are CLOCK_MONOTONIC
// microseconds, the same clock as process.hrtime() in the bench process.
import fs from "node:fs";

/** A V8 CPU profile (.cpuprofile) as written by --cpu-prof or the DevTools Profiler domain. */
export interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber?: number };
  children?: number[];
}
export interface Profile {
  nodes: Node[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Window {
  name: string;
  /** process.hrtime.bigint() / 1000n at the start and end (µs). */
  from: number;
  to: number;
  requests: number;
}

const LAYERS = [
  "sqlite (adapter + better-sqlite3, incl. sync I/O)",
  "prisma (wasm query compiler + client runtime)",
  "web streams (request/response bodies)",
  "bundled server code (.next chunks: lib/*, zod, next-auth)",
  "next runtime (node_modules/next)",
  "node core (http, fs, crypto, async hooks)",
  "garbage collector",
  "idle (waiting: event loop empty)",
  "other",
] as const;
type Layer = (typeof LAYERS)[number];

function layerOf(stack: Node[]): Layer {
  const leaf = stack[0]!;
  const fn = leaf.callFrame.functionName;
  if (fn === "(idle)") return "idle (waiting: event loop empty)";
  if (fn === "(garbage collector)") return "garbage collector";
  const urls = stack.map((n) => n.callFrame.url);
  if (urls.some((u) => u.includes("better-sqlite3"))) return "sqlite (adapter + better-sqlite3, incl. sync I/O)";
  if (urls.some((u) => u.includes("@prisma") || u.startsWith("wasm://")))
    return "prisma (wasm query compiler + client runtime)";
  if (urls.some((u) => u.includes("internal/webstreams"))) return "web streams (request/response bodies)";
  const u = leaf.callFrame.url;
  if (u.includes("node_modules/next/")) return "next runtime (node_modules/next)";
  if (u.includes("/.next/server/")) return "bundled server code (.next chunks: lib/*, zod, next-auth)";
  if (u.startsWith("node:") || u === "") return "node core (http, fs, crypto, async hooks)";
  return "other";
}

/**
 * Classifies a sample's node by its call stack (leaf first), once per node: `classify` sees each
 * node's whole stack, the profile stores only parent → children links.
 */
export function classifier<T>(p: Profile, classify: (stack: Node[]) => T): (id: number) => T {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const known = new Map<number, T>();
  return (id) => {
    if (known.has(id)) return known.get(id)!;
    const stack: Node[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur)!);
    const value = classify(stack);
    known.set(id, value);
    return value;
  };
}

export function analyzeProfile(file: string, windows: Window[], topFunctions = 0): string {
  const p = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const layerFor = classifier(p, layerOf);
  const totals = windows.map(() => new Map<Layer, number>());
  const selfTimes = windows.map(() => new Map<string, number>());
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    const d = p.timeDeltas[i] ?? 0;
    t += d;
    const w = windows.findIndex((win) => t >= win.from && t < win.to);
    if (w < 0) continue;
    const m = totals[w]!;
    const l = layerFor(p.samples[i]!);
    m.set(l, (m.get(l) ?? 0) + d);
    if (topFunctions) {
      const f = byId.get(p.samples[i]!)!.callFrame;
      const key = `${f.functionName || "(anonymous)"} ${f.url.replace(/.*node_modules\//, "").replace(/.*\.next\//, ".next/")}`;
      selfTimes[w]!.set(key, (selfTimes[w]!.get(key) ?? 0) + d);
    }
  }
  const lines: string[] = [];
  windows.forEach((win, i) => {
    const m = totals[i]!;
    const wall = [...m.values()].reduce((a, b) => a + b, 0);
    lines.push(`${win.name}: main thread wall time per request, by layer (ms)`);
    for (const l of LAYERS) {
      const us = m.get(l) ?? 0;
      if (us / wall < 0.005) continue;
      lines.push(
        `  ${(us / 1000 / win.requests).toFixed(2).padStart(6)}  ${((100 * us) / wall).toFixed(1).padStart(5)}%  ${l}`,
      );
    }
    if (topFunctions) {
      lines.push(`  top functions (self time, ms per request):`);
      for (const [k, us] of [...selfTimes[i]!].sort((a, b) => b[1] - a[1]).slice(0, topFunctions)) {
        lines.push(
          `  ${(us / 1000 / win.requests).toFixed(2).padStart(8)}  ${((100 * us) / wall).toFixed(1).padStart(5)}%  ${k}`,
        );
      }
    }
  });
  return lines.join("\n");
}
