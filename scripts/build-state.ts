// Whether the production build in `<root>/.next` is missing or older than its sources.
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
