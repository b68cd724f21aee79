// How fast could a 1 GiB PUT be received on this machine? Times bench/experiments/receiver.ts's
// variants of the receive loop (no Next, no database) against dd conv=fsync into the same folder.
//   node_modules/.bin/tsx bench/experiments/receive-paths.ts [rounds=3] [comma-separated paths]
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { putGenerated } from "../http";
import { BENCH_TMP, REPO } from "../server";
import { median } from "../stats";

const rounds = Number(process.argv[2] ?? 3);
const MODES = (process.argv[3] ?? "node-pipe,current,batched-md5,worker-md5,worker-hash,batched").split(",");
const dir = fs.mkdtempSync(path.join(BENCH_TMP, "bench-recv-"));
const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO, "bench/experiments/receiver.ts"), "0", dir], {
  cwd: REPO,
  stdio: ["ignore", "pipe", "inherit"],
  detached: true,
});
const stop = () => {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // gone
  }
  fs.rmSync(dir, { recursive: true, force: true });
};
process.on("exit", stop);
try {
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", () => reject(new Error("receiver exited")));
  });
  const chunk = crypto.randomBytes(1 << 20);
  const times = new Map<string, number[]>([...MODES, "dd conv=fsync"].map((m) => [m, []]));
  for (let r = 1; r <= rounds; r++) {
    for (const mode of [...MODES, "dd conv=fsync"]) {
      execFileSync("sync");
      const t = performance.now();
      if (mode === "dd conv=fsync") {
        execFileSync("dd", ["if=/dev/zero", `of=${path.join(dir, "ddtest")}`, "bs=1M", "count=1024", "conv=fsync"], { stdio: "ignore" });
        fs.rmSync(path.join(dir, "ddtest"));
      } else {
        const res = await putGenerated(`http://127.0.0.1:${port}/${mode}`, { "content-type": "application/octet-stream" }, 1024 ** 3, chunk);
        if (res.status !== 200) throw new Error(`${mode}: ${res.status} ${res.body}`);
      }
      const s = (performance.now() - t) / 1000;
      times.get(mode)!.push(s);
      console.log(`round ${r} ${mode.padEnd(14)} ${s.toFixed(2)} s  ${(1024 / s).toFixed(0)} MiB/s`);
      await new Promise((res) => setTimeout(res, 300));
    }
  }
  const dd = median(times.get("dd conv=fsync")!);
  console.log("median:");
  for (const [mode, list] of times) {
    const m = median(list);
    console.log(`  ${mode.padEnd(14)} ${m.toFixed(2)} s  ${(1024 / m).toFixed(0)} MiB/s  dd/this = ${(dd / m).toFixed(2)}`);
  }
} finally {
  stop();
}
