// Runs a decoding tool (ffmpeg, pdftoppm, the image decoder) as a child process under the job's
// limits: killed (SIGKILL) at its deadline, and, where util-linux's prlimit exists, run with an
// address-space limit (RLIMIT_AS) and a CPU-time limit, so a decompression bomb fails its own
// allocation instead of taking the machine's memory. Output is read up to a small cap.
import { spawn } from "node:child_process";

export interface Limits {
  timeoutMs: number;
  memoryBytes: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const OUTPUT_CAP = 16 * 1024;

/** `prlimit` when present: applies limits to the child only, unlike a ulimit in this process. */
export function limitedCommand(prlimit: string | null, limits: Limits, command: string, args: string[]) {
  if (!prlimit) return { command, args };
  const cpuSeconds = Math.ceil(limits.timeoutMs / 1000) + 1;
  return { command: prlimit, args: [`--as=${limits.memoryBytes}`, `--cpu=${cpuSeconds}`, "--", command, ...args] };
}

export function runLimited(
  prlimit: string | null,
  limits: Limits,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<RunResult> {
  const limited = limitedCommand(prlimit, limits, command, args);
  return new Promise((resolve) => {
    const child = spawn(limited.command, limited.args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(0, OUTPUT_CAP)));
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-OUTPUT_CAP)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, limits.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, stdout, stderr: String(error), timedOut });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}
