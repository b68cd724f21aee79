// Part 6 (issue #10): migration throughput local → the S3 test server, of 1 GiB in 1,000 files
// and of one 1 GiB file, as a ratio to a plain stream pipe of the same bytes in the same run, and
// the migrating process's RSS growth (target < 64 MiB). Each case runs in a child process
// (bench/migrate-worker.ts) on a throw-away data folder; the S3 server runs in a process of its own.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import Database from "better-sqlite3";
import { migrateDatabase, throwawayServerEnv } from "../scripts/throwaway-server";
import { backgroundLoad, loadAverage, machine } from "./machine";
import { BENCH_TMP, REPO } from "./build";

/** BENCH_MIGRATE_BYTES shrinks the cases for a quick check of the bench itself (default 1 GiB). */
const GiB = Number(process.env.BENCH_MIGRATE_BYTES ?? 1024 ** 3);
const RSS_TARGET_MIB = 64;
const CASES = [
  { title: "1 GiB in 1,000 files", files: 1000, size: Math.floor(GiB / 1000) },
  { title: "one 1 GiB file", files: 1, size: GiB },
];

interface Measured {
  files: number;
  bytes: number;
  pipeS: number;
  migrateS: number;
  moved: number;
  failed: number;
  rssGrowthMiB: number;
}

export async function startS3(): Promise<{ env: Record<string, string>; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/s3-server-cli.ts", "--exit-with-stdin"], {
    cwd: REPO,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", () => reject(new Error("the S3 test server exited")));
  });
  const s = JSON.parse(first) as Record<string, string>;
  return {
    env: {
      S3_ENDPOINT: s.endpoint!,
      S3_BUCKET: s.bucket!,
      S3_ACCESS_KEY_ID: s.accessKeyId!,
      S3_SECRET_ACCESS_KEY: s.secretAccessKey!,
      S3_FORCE_PATH_STYLE: "true",
      S3_REGION: "us-east-1",
    },
    stop: () => child.kill("SIGTERM"),
  };
}

const mibps = (bytes: number, s: number) => (bytes / 2 ** 20 / s).toFixed(0);

export async function migrateSection({ log }: { log: (line: string) => void }): Promise<string> {
  const startedAt = new Date();
  const backgroundCores = await backgroundLoad(2000);
  const load = loadAverage();
  const s3 = await startS3();
  const rows: string[] = [];
  let pass = true;
  try {
    for (const c of CASES) {
      const dir = path.join(BENCH_TMP, `migrate-${Date.now()}`);
      fs.mkdirSync(dir, { recursive: true });
      try {
        const env = throwawayServerEnv(dir, 3000, { ...s3.env, STORAGE_DRIVER: "local", LOG_LEVEL: "warn" });
        migrateDatabase(env, REPO);
        // What `npm start` does after migrating (scripts/prepare.ts): WAL; the mode persists in the file.
        const sqlite = new Database(path.join(dir, "stowage.db"));
        sqlite.pragma("journal_mode = WAL");
        sqlite.close();
        log(`  ${c.title}: seeding, plain pipe, migration…`);
        const out = execFileSync(
          process.execPath,
          ["--expose-gc", "--import", "tsx", "bench/migrate-worker.ts", String(c.files), String(c.size)],
          { cwd: REPO, env, encoding: "utf8", maxBuffer: 16 * 2 ** 20 },
        );
        const m = JSON.parse(out.trim().split("\n").at(-1)!) as Measured;
        const ratio = m.pipeS / m.migrateS;
        const ok = m.failed === 0 && m.moved === c.files && m.rssGrowthMiB < RSS_TARGET_MIB;
        pass &&= ok;
        log(
          `    pipe ${m.pipeS.toFixed(1)} s, migration ${m.migrateS.toFixed(1)} s, ratio ${ratio.toFixed(2)}, RSS growth ${m.rssGrowthMiB.toFixed(1)} MiB`,
        );
        rows.push(
          `| ${c.title} | ${m.pipeS.toFixed(1)} s (${mibps(m.bytes, m.pipeS)} MiB/s) | ${m.migrateS.toFixed(1)} s (${mibps(m.bytes, m.migrateS)} MiB/s) | ${ratio.toFixed(2)} | ${m.rssGrowthMiB.toFixed(1)} MiB ${m.rssGrowthMiB < RSS_TARGET_MIB ? "✓" : "✗"} | ${m.moved}/${c.files}, ${m.failed} failed |`,
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    s3.stop();
  }
  const m = machine(BENCH_TMP);
  return [
    `## ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC — issue #10: migration local → S3`,
    "",
    `Machine: ${m.nproc} cores (${m.cpu}), ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.disk}. Other load while idle: ${backgroundCores.toFixed(2)} cores, load average ${load} (other engineers' work shares the 2 cores).`,
    "",
    "`storage:migrate`'s service (`migrateFiles`, concurrency 4, per-file log at warn) against the S3 test server (s3rver, its own process, same disk).",
    "Plain pipe: the same bytes, local `read()` piped into the S3 driver's `write()` at the same concurrency, with nothing hashed, verified or booked.",
    "Ratio = pipe time / migration time (1.00 = the migration costs nothing over moving the bytes). RSS growth: the migrating process's peak over its RSS before the migration (target < 64 MiB).",
    "",
    "| case | plain pipe | migration | ratio | RSS growth | files moved |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    pass ? "Every file moved and verified; RSS within target." : "**A target was missed (see the table).**",
  ].join("\n");
}
