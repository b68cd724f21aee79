// Compiles the server (server/main.ts and what it imports from lib/) into one ES module,
// dist/server/main.mjs, with every npm package left to node_modules. `npm start`, `npm run dev`
// and `npm run build` run it first: nothing compiles TypeScript while the server runs. The app
// itself is compiled by `next build`; the server never loads the app's stateful modules.
import { build } from "esbuild";

await build({
  entryPoints: ["server/main.ts"],
  outfile: "dist/server/main.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
