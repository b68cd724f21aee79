// Runs bench/people.ts in a child process (its own throw-away database) and turns its figures into
// the Markdown section appended to docs/BENCHMARKS.md (issue 22: grants must not slow the browser).
import { execFileSync } from "node:child_process";
import type { BrowseResult } from "./browse";
import type { Machine } from "./machine";

export type PeopleResult = BrowseResult & { grants: number };

export function runPeople(repo: string): PeopleResult {
  const out = execFileSync(process.execPath, ["--import", "tsx", "bench/people.ts"], {
    cwd: repo,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as PeopleResult;
}

const ms = (v: number) => v.toFixed(1);

export function peopleMarkdown(
  r: PeopleResult,
  o: { startedAt: Date; machine: Machine; backgroundCores: number; loadAverage: string },
): string {
  const m = o.machine;
  const date = o.startedAt.toISOString().replace("T", " ").slice(0, 16);
  const out = [
    `## ${date} UTC — issue 22: browsing with 1,000 users, 100 groups and ${r.grants.toLocaleString("en")} grants`,
    "",
    `Command: \`BENCH_ONLY=people npm run bench\` (bench/people.ts). Machine: ${m.nproc} × ${m.cpu}, ${m.ramGiB} GiB RAM, ` +
      `Node ${m.node}; ${o.backgroundCores.toFixed(2)} cores busy with other work just before (load average ${o.loadAverage}). ` +
      `Seeding took ${r.seedS.toFixed(0)} s.`,
    "",
    "| Request | rows | wall p50 / p95 (ms) | CPU p50 / p95 (ms) | target (p50) | |",
    "|---|---|---|---|---|---|",
  ];
  for (const f of r.figures) {
    const verdict = f.p50 <= f.target ? "**PASS**" : f.cpuP50 <= f.target ? "PASS on CPU time" : "**FAIL**";
    out.push(
      `| ${f.name} | ${f.rows} | ${ms(f.p50)} / ${ms(f.p95)} | ${ms(f.cpuP50)} / ${ms(f.cpuP95)} | ≤ ${f.target} | ${verdict} |`,
    );
  }
  out.push(
    "",
    "- How: a throw-away SQLite database: 1,000 users, 100 groups of 10, 10 folders for each other user and the grants " +
      "among them; the owner's folder of 100,000 READY files is shared (Editor) with a group the colleague is in, and the " +
      "colleague holds 1,000 grants in all (so the access layer's relation form is in use for them). Each figure is " +
      `${r.figures[0]?.requests ?? 0} timed calls of the route handler in the bench process (API token auth, the caller's grants ` +
      "resolved, zod, the service, Prisma on SQLite, JSON) after 20 warm-up calls, one at a time. The colleague's search " +
      "looks through their own files and everything shared with them.",
  );
  return out.join("\n");
}
