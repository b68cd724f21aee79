// `npm start`: serve the production build on PORT (default 3000).
import "./load-env";
import { spawn } from "node:child_process";
import path from "node:path";
import { env } from "../lib/env";

const port = String(env().PORT);
const child = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", port], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
