// Runs bench/browse.ts in a child process (its own throw-away database and environment) and turns
// its figures into the Markdown section appended to docs/BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import type { BrowseResult } from "./browse";
import type { Machine } from "./machine";

export function runBrowse(repo: string): BrowseResult {
  const out = execFileSync(process.execPath, ["--import", "tsx", "bench/browse.ts"], {
    cwd: repo,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as BrowseResult;
}

const ms = (v: number) => v.toFixed(1);

export function browseMarkdown(
  r: BrowseResult,
  o: { startedAt: Date; machine: Machine; backgroundCores: number; loadAverage: string },
): string {
  const m = o.machine;
  const date = o.startedAt.toISOString().replace("T", " ").slice(0, 16);
  const out: string[] = [`## ${date} UTC — issue #7: browsing and searching at 100,000 files`, ""];
  out.push(
    `Command: \`BENCH_ONLY=browse npm run bench\` (bench/browse.ts; also part of a plain \`npm run bench\`). ` +
      `Machine: ${m.nproc} × ${m.cpu}, ${m.ramGiB} GiB RAM, Node ${m.node}; ${o.backgroundCores.toFixed(2)} cores busy with other work ` +
      `just before (load average ${o.loadAverage}). Seeding took ${r.seedS.toFixed(0)} s.`,
    "",
    "| Request | rows | wall p50 / p95 (ms) | CPU p50 / p95 (ms) | target | |",
    "|---|---|---|---|---|---|",
  );
  for (const f of r.figures) {
    const verdict =
      f.p50 <= f.target && f.p95 <= f.target
        ? "**PASS**"
        : f.cpuP50 <= f.target && f.cpuP95 <= f.target
          ? "PASS on CPU time"
          : "**FAIL**";
    out.push(
      `| ${f.name} | ${f.rows} | ${ms(f.p50)} / ${ms(f.p95)} | ${ms(f.cpuP50)} / ${ms(f.cpuP95)} | ≤ ${f.target} | ${verdict} |`,
    );
  }
  out.push(
    "",
    `- How: a throw-away SQLite database (WAL, \`ANALYZE\` after seeding). A: one user, 100,000 READY files in one folder; ` +
      `B: another user, 100,000 files over 1,000 folders (10 top folders × 100 subfolders). Each figure is ${r.figures[0]?.requests ?? 0} ` +
      `timed calls of GET /api/files's route handler in the bench process (API token auth, zod, the service, Prisma on SQLite, ` +
      `JSON serialisation and parsing) after 20 warm-up calls, one at a time. Deep pages start from the cursor a client reaches by paging 500 at a time. ` +
      `Wall time counts waiting for a core on a shared machine; CPU time is what the request itself costs.`,
    "- Query plans (SQLite `EXPLAIN QUERY PLAN` of the statements Prisma sends):",
    ...Object.entries(r.plans).map(([name, plan]) => `  - ${name}: ${plan.map((p) => `\`${p}\``).join("; ")}`),
  );
  return out.join("\n");
}
