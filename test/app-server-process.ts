// The tests' app server (test/app-server.ts) as a child process, for tests that must kill it or run
// it beside another server: resolves once it prints `ready`. Kept apart from app-server.ts so that a
// caller (the Playwright specs) does not load the app itself.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export async function spawnAppServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("test", "app-server.ts")], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`the server exited (${code}) before it was ready`)));
  });
  return child;
}
