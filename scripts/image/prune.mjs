// The image's build stage, after `npm run build`: leaves in node_modules only what the built server
// loads (`node scripts/image/prune.mjs`, in the build stage only: it rewrites package.json).
// 1. The packages below are dependencies (not devDependencies) because `npm start` builds the app on
//    the host; the image is built already. Dropped from package.json, `npm prune --omit=dev` removes
//    them, the dev dependencies, and whatever only they need.
// 2. Next's SWC compiler is an optional dependency of next that only `next build` uses (Next's own
//    standalone output leaves it out too); npm prune would put it back, so it goes afterwards.
// 3. better-sqlite3 keeps its compiled module; its SQLite sources and object files go.
// 4. Of the rest, a package stays when something that runs loads it: a file Next's build traced
//    (.next/**/*.nft.json, what Next's standalone output copies), a package the server bundle
//    imports (dist/server/main.mjs), or a dependency of one of those. Client-only packages (icons,
//    charts: bundled into .next by the build) go.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const BUILD_ONLY = [
  "prisma",
  "typescript",
  "tsx",
  "esbuild",
  "tailwindcss",
  "@tailwindcss/postcss",
  "@types/node",
  "@types/react",
];

const manifest = JSON.parse(fs.readFileSync("package.json", "utf8"));
for (const name of BUILD_ONLY) delete manifest.dependencies[name];
delete manifest.devDependencies;
delete manifest.scripts; // none can run in the image (no sources); its command is `node dist/server/main.mjs`
fs.writeFileSync("package.json", JSON.stringify(manifest, null, 2) + "\n");
execFileSync("npm", ["prune", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"], { stdio: "inherit" });

const remove = (entry) => fs.rmSync(entry, { recursive: true, force: true });
const nextScope = path.join("node_modules", "@next");
for (const entry of fs.existsSync(nextScope) ? fs.readdirSync(nextScope) : []) {
  if (entry.startsWith("swc-")) remove(path.join(nextScope, entry));
}
const sqlite = path.join("node_modules", "better-sqlite3");
for (const entry of [
  "deps",
  "src",
  "build/deps",
  "build/Release/obj",
  "build/Release/obj.target",
  "build/Release/.deps",
]) {
  remove(path.join(sqlite, entry));
}
if (!fs.existsSync(path.join(sqlite, "build", "Release", "better_sqlite3.node"))) {
  throw new Error("better-sqlite3's compiled module is missing after pruning");
}

/** The package a module specifier or a path inside node_modules names ("@scope/name" or "name"). */
const packageOf = (specifier) => specifier.match(/^((?:@[^/]+\/)?[^/]+)/)[1];

function tracedPackages() {
  const found = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "cache" && entry.name !== "node_modules") walk(file);
      else if (entry.name.endsWith(".nft.json")) {
        for (const traced of JSON.parse(fs.readFileSync(file, "utf8")).files) {
          const inside = path.resolve(dir, traced).split(`${path.sep}node_modules${path.sep}`)[1];
          if (inside && path.resolve(dir, traced).startsWith(path.resolve("node_modules")))
            found.add(packageOf(inside));
        }
      }
    }
  };
  walk(".next");
  return found;
}

function serverImports() {
  const bundle = fs.readFileSync(path.join("dist", "server", "main.mjs"), "utf8");
  const found = new Set();
  for (const [, specifier] of bundle.matchAll(/(?:from|import\()\s*"([^".][^"]*)"/g)) {
    if (!specifier.startsWith("node:")) found.add(packageOf(specifier));
  }
  return found;
}

const keep = new Set();
const visit = (name) => {
  if (keep.has(name)) return;
  const manifestFile = path.join("node_modules", name, "package.json");
  if (!fs.existsSync(manifestFile)) return; // an optional dependency for another platform
  keep.add(name);
  const pkg = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  for (const field of ["dependencies", "optionalDependencies", "peerDependencies"]) {
    for (const dependency of Object.keys(pkg[field] ?? {})) visit(dependency);
  }
};
for (const name of [...tracedPackages(), ...serverImports()]) visit(name);

let removed = 0;
for (const entry of fs.readdirSync("node_modules")) {
  if (entry.startsWith(".")) continue;
  const names = entry.startsWith("@")
    ? fs.readdirSync(path.join("node_modules", entry)).map((child) => `${entry}/${child}`)
    : [entry];
  for (const name of names) {
    if (keep.has(name)) continue;
    remove(path.join("node_modules", name));
    removed++;
  }
}
console.log(`image prune: kept ${keep.size} packages that the server and Next's traces load, removed ${removed}`);
