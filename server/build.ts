// The production build of the app (`<root>/.next`): whether it is missing or older than its sources,
// and building it when it is.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  if (/(^|\/)(node_modules|generated|\.next)$/.test(entry)) return 0;
  return Math.max(0, ...fs.readdirSync(entry).map((child) => newestMtime(path.join(entry, child))));
}

export function buildState(root = process.cwd()): "missing" | "stale" | "fresh" {
  const marker = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(marker)) return "missing";
  const newest = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
  return newest > fs.statSync(marker).mtimeMs ? "stale" : "fresh";
}

/** Builds the app with `next build` when its build is missing or older than its sources (a first `npm start`). */
export function buildIfStale(root = process.cwd()): void {
  if (buildState(root) === "fresh") return;
  console.log("Building Stowage (first start, or the sources changed)…");
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [next, "build"], { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error("\nStowage cannot start: the build failed (see above).\n");
    process.exit(1);
  }
}
