// The first-load JavaScript of a page, gzipped: every script a browser must fetch before the
// page runs (the root main files plus the chunks of each layout and the page itself), read from
// the production build's manifests. Run after `next build`:
//   tsx bench/page-weight.ts [route ...]      e.g. "/(app)/files/page" (the default)
// Exits 1 when a page is over the budget (issue #7: 200 KB, kB as Next counts them: 1000 bytes).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import zlib from "node:zlib";

export const PAGE_WEIGHT_BUDGET_BYTES = 200_000;

export interface PageWeight {
  route: string;
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

/** Route ids as in the build (".next/server/app/<route>_client-reference-manifest.js"). */
export function pageWeight(route = "/(app)/files/page", buildDir = path.resolve(".next")): PageWeight {
  const build = JSON.parse(fs.readFileSync(path.join(buildDir, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const manifestFile = path.join(buildDir, "server", "app", `${route}_client-reference-manifest.js`);
  if (!fs.existsSync(manifestFile)) throw new Error(`No build of ${route} in ${buildDir}: run \`next build\` first.`);
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } =
    {};
  sandbox.globalThis = sandbox;
  vm.runInNewContext(fs.readFileSync(manifestFile, "utf8"), sandbox);
  const entry = sandbox.__RSC_MANIFEST?.[route];
  if (!entry) throw new Error(`${manifestFile} does not describe ${route}.`);
  const files = [...new Set([...build.rootMainFiles, ...Object.values(entry.entryJSFiles).flat()])];
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(buildDir, file));
    rawBytes += bytes.length;
    gzipBytes += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { route, files, rawBytes, gzipBytes };
}

function main(): number {
  const routes = process.argv.slice(2);
  let over = false;
  for (const route of routes.length ? routes : ["/(app)/files/page", "/(app)/trash/page"]) {
    const weight = pageWeight(route);
    const ok = weight.gzipBytes <= PAGE_WEIGHT_BUDGET_BYTES;
    over ||= !ok;
    console.log(
      `${route}: ${(weight.gzipBytes / 1000).toFixed(1)} kB gzipped (${(weight.rawBytes / 1000).toFixed(1)} kB raw, ${weight.files.length} files) ` +
        `${ok ? "within" : "OVER"} the ${PAGE_WEIGHT_BUDGET_BYTES / 1000} kB budget`,
    );
  }
  return over ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
