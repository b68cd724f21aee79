// The server's CPU per file of a profiled drop (issue 24), summed over every process of the server:
// bench/drop-profile.ts prints only its busiest worker, and a drop's requests land on both. Reads the
// .cpuprofile files drop-profile.ts keeps, within the drop's window it wrote (window.json: from the
// page's start to the last file listed), and prints CPU (non-idle samples) per file by layer, the
// Prisma Wasm compiler's share apart.
// Run: node_modules/.bin/tsx bench/drop-server-cpu.ts <profile dir>
import fs from "node:fs";
import path from "node:path";
import { classifier, type Node, type Profile } from "./profile";

const dir = process.argv[2];
if (!dir) throw new Error("usage: drop-server-cpu.ts <profile dir>");
const { from, to, files } = JSON.parse(fs.readFileSync(path.join(dir, "window.json"), "utf8")) as {
  from: number;
  to: number;
  files: number;
};

const byLayer = new Map<string, number>();
let busy = 0;
for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
  const p = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as Profile;
  const layerOf = classifier(p, (stack: Node[]): string => {
    const leaf = stack[0]!.callFrame;
    const urls = stack.map((n) => n.callFrame.url);
    const layer =
      leaf.functionName === "(idle)"
        ? "idle"
        : leaf.functionName === "(program)"
          ? "program"
          : leaf.functionName === "(garbage collector)"
            ? "garbage collector"
            : urls.some((u) => u.startsWith("wasm://") || u.includes("query_compiler"))
              ? "prisma: wasm query compiler"
              : urls.some((u) => u.includes("@prisma"))
                ? "prisma: client runtime"
                : urls.some((u) => u.includes("better-sqlite3") || u.includes("sqlite-adapter"))
                  ? "sqlite"
                  : leaf.url.includes("node_modules/next/")
                    ? "next runtime"
                    : leaf.url.includes("/.next/server/")
                      ? "bundled server code"
                      : "node core and other";
    return layer;
  });
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    const d = p.timeDeltas[i] ?? 0;
    t += d;
    if (t < from || t >= to) return;
    const layer = layerOf(id);
    if (layer === "idle" || layer === "program") return;
    busy += d;
    byLayer.set(layer, (byLayer.get(layer) ?? 0) + d);
  });
}
console.log(`server CPU per file, all processes: ${(busy / 1000 / files).toFixed(2)} ms`);
for (const [layer, us] of [...byLayer].sort((a, b) => b[1] - a[1]))
  console.log(`  ${(us / 1000 / files).toFixed(2).padStart(6)} ms  ${layer}`);
