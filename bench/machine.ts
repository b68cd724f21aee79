// What the bench ran on, and how busy the machine was apart from the bench.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

export interface Machine {
  nproc: number;
  cpu: string;
  ramGiB: number;
  node: string;
  kernel: string;
  disk: string;
}

export function machine(dir: string): Machine {
  const cpuinfo = fs.readFileSync("/proc/cpuinfo", "utf8");
  fs.mkdirSync(dir, { recursive: true }); // a fresh clone has no .tmp yet
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? "unknown";
  const df = execFileSync("df", ["-T", dir], { encoding: "utf8" }).trim().split("\n").at(-1)!.split(/\s+/);
  return {
    nproc: Number(execFileSync("nproc", { encoding: "utf8" }).trim()),
    cpu: model,
    ramGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    kernel: os.release(),
    disk: `${df[0]} (${df[1]}), mounted on ${df[6]}`,
  };
}

/** Busy jiffies (everything but idle and iowait) and all jiffies, over all CPUs. */
export function cpuTotals(): { busy: number; all: number } {
  const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const all = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: all - f[3]! - f[4]!, all };
}

const HZ = 100;

/** utime + stime (+ children's when `withChildren`) of one process (or "<pid>/task/<tid>": one thread), in jiffies. */
export function processTicks(pid: number | string, withChildren = false): number {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0);
  } catch {
    return 0;
  }
}

/** Cores kept busy by everything else on the machine over `ms` while the bench is idle. */
export async function backgroundLoad(ms = 2000): Promise<number> {
  const a = cpuTotals();
  const own = processTicks("self", true);
  await new Promise((r) => setTimeout(r, ms));
  const b = cpuTotals();
  return (b.busy - a.busy - (processTicks("self", true) - own)) / HZ / (ms / 1000);
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

/** utime+stime ticks per thread name (libuv pool, V8 GC helpers, main) across `pids`. */
export function threadTicks(pids: number[]): Map<string, number> {
  const byName = new Map<string, number>();
  for (const pid of pids) {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        const s = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        const name = tid === String(pid) ? "main" : s.slice(s.indexOf("(") + 1, s.lastIndexOf(")"));
        const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
        byName.set(name, (byName.get(name) ?? 0) + Number(f[11]) + Number(f[12]));
      } catch {
        // thread ended
      }
    }
  }
  return byName;
}

export function threadDelta(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, t] of after) {
    const d = (t - (before.get(name) ?? 0)) / 100;
    if (d >= 0.05) out[name] = +d.toFixed(2);
  }
  return out;
}
