// Which production build the bench serves, and where its throw-away folders live: this checkout's
// `.next` (built first when missing), or a patched copy's (BENCH_APP_DIR), snapshotted once per run.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildState } from "../server/build";

export const REPO = path.resolve(import.meta.dirname, "..");
/** Throw-away folders live under the repo's gitignored .tmp/ (same file system as the repo). */
export const BENCH_TMP = path.join(REPO, ".tmp");
/**
 * The app whose build is served: this checkout, or BENCH_APP_DIR (a patched copy with its own
 * build and node_modules, to measure a proposed change without touching the checkout).
 */
export const APP_SOURCE = path.resolve(process.env.BENCH_APP_DIR ?? REPO);

let appDir: string | undefined;

/**
 * A private copy of the production build for this bench run: `.next` hard-linked (instant, no
 * extra space) into .tmp/bench-app-*, next to symlinks to node_modules, public, the migrations and the config; the compiled server (dist/) is
 * hard-linked too.
 * Other people rebuilding `.next` in the shared checkout meanwhile cannot pull the build out
 * from under a running server, and every server of the run serves the same build.
 */
export function snapshotBuild(): string {
  if (appDir) return appDir;
  fs.mkdirSync(BENCH_TMP, { recursive: true });
  const dir = fs.mkdtempSync(path.join(BENCH_TMP, "bench-app-"));
  fs.mkdirSync(path.join(dir, ".next"));
  for (const entry of fs.readdirSync(path.join(APP_SOURCE, ".next"))) {
    if (entry === "cache" || entry === "trace" || entry === "trace-build") continue;
    execFileSync("cp", ["-al", path.join(APP_SOURCE, ".next", entry), path.join(dir, ".next", entry)]);
  }
  for (const entry of [
    "node_modules",
    "public",
    "package.json",
    "next.config.js",
    "prisma",
    "scripts",
    "lib",
    "app",
    "tsconfig.json",
  ]) {
    if (fs.existsSync(path.join(APP_SOURCE, entry)))
      fs.symlinkSync(path.join(APP_SOURCE, entry), path.join(dir, entry));
  }
  // The compiled server (scripts/build-server.mjs), copied like the build.
  if (fs.existsSync(path.join(APP_SOURCE, "dist")))
    execFileSync("cp", ["-al", path.join(APP_SOURCE, "dist"), path.join(dir, "dist")]);
  appDir = dir;
  return dir;
}

export function removeSnapshot(): void {
  if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
  appDir = undefined;
}

export function ensureBuild(): { built: boolean; stale: boolean } {
  if (fs.existsSync(path.join(APP_SOURCE, "scripts", "build-server.mjs")))
    execFileSync(process.execPath, [path.join(APP_SOURCE, "scripts", "build-server.mjs")], { cwd: APP_SOURCE });
  const state = buildState(APP_SOURCE);
  if (state === "missing") {
    console.log("No production build (.next/BUILD_ID missing): running next build…");
    execFileSync(process.execPath, [path.join(APP_SOURCE, "node_modules", "next", "dist", "bin", "next"), "build"], {
      cwd: APP_SOURCE,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    return { built: true, stale: false };
  }
  return { built: false, stale: state === "stale" };
}
