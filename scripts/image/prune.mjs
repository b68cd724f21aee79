// The image's build stage, after `npm run build`: leaves in node_modules only what the built server
// loads. The packages below are dependencies (not devDependencies) because `npm start` builds the app
// on the host; the image is built already. Dropping them from this stage's package.json lets
// `npm prune --omit=dev` remove them with whatever only they need. Next's SWC compiler is an optional
// dependency of next used only by `next build` (Next's own standalone output leaves it out too).
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
delete manifest.scripts; // none of them can run in the image (no sources); the command is `node dist/server/main.mjs`
fs.writeFileSync("package.json", JSON.stringify(manifest, null, 2) + "\n");

const nextScope = path.join("node_modules", "@next");
for (const entry of fs.existsSync(nextScope) ? fs.readdirSync(nextScope) : []) {
  if (entry.startsWith("swc-")) fs.rmSync(path.join(nextScope, entry), { recursive: true, force: true });
}
