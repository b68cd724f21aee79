// Turns the results into the Markdown section appended to docs/BENCHMARKS.md (also printed).
import type { LargeUploadResult } from "./large-upload";
import type { Machine } from "./machine";
import type { LevelResult } from "./small-uploads";

export const TARGETS = { ratio: 0.9, rssMiB: 64, uploadsPerS: 400 } as const;

const MiB = 1024 ** 2;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ms = (v: number) => `${v.toFixed(1)}`;
const pass = (ok: boolean) => (ok ? "**PASS**" : "**FAIL**");

export interface Report {
  startedAt: Date;
  runtimeS: number;
  machine: Machine;
  backgroundCores: number;
  loadAverage: string;
  build: { built: boolean; stale: boolean; id: string; source?: string };
  large?: LargeUploadResult;
  small: LevelResult[];
  errors: string[];
}

export function headline(r: Report) {
  const best = r.small.length ? r.small.reduce((a, b) => (b.uploadsPerS > a.uploadsPerS ? b : a)) : undefined;
  return {
    ratioOk: r.large ? r.large.ratio >= TARGETS.ratio : false,
    rssOk: r.large ? r.large.maxRssGrowth < TARGETS.rssMiB * MiB : false,
    best,
    rateOk: best ? best.uploadsPerS >= TARGETS.uploadsPerS : false,
  };
}

export function markdown(r: Report): string {
  const h = headline(r);
  const m = r.machine;
  const out: string[] = [];
  const date = r.startedAt.toISOString().replace("T", " ").slice(0, 16);
  out.push(`## ${date} UTC — issue #4: 1 GiB upload and small-upload rate`, "");
  out.push(
    `Command: \`npm run bench\` (bench/run.ts), ${r.runtimeS.toFixed(0)} s in all. Production build ` +
      `\`${r.build.id}\`${r.build.built ? " (built by the bench)" : ""}${r.build.stale ? " — **stale: sources are newer than the build**" : ""}` +
      `${r.build.source ? `, **of a patched copy of the app (BENCH_APP_DIR=${r.build.source})**, not of this checkout` : ""}.`,
    "",
  );
  out.push("| Machine | |", "|---|---|");
  out.push(`| CPUs (\`nproc\`) | ${m.nproc} × ${m.cpu} |`);
  out.push(`| RAM | ${m.ramGiB} GiB |`);
  out.push(`| Node | ${m.node} (Linux ${m.kernel}) |`);
  out.push(`| Disk (\`df -T\` of the data folder) | ${m.disk} |`);
  out.push(
    `| Other load | ${r.backgroundCores.toFixed(2)} cores busy with other work just before the bench (load average ${r.loadAverage}); see "other" columns below |`,
    "",
  );

  out.push("### Summary", "");
  out.push("| Figure | Result | Target | |", "|---|---|---|---|");
  if (r.large) {
    const L = r.large;
    out.push(
      `| 1 GiB PUT, dd (conv=fsync) time / upload time | ${L.ratio.toFixed(2)} (dd ${s(L.medianDdFsyncMs)} / PUT ${s(L.medianPutMs)}, medians) | ≥ ${TARGETS.ratio} | ${pass(h.ratioOk)} |`,
    );
    out.push(
      `| Server RSS growth during the 1 GiB PUT | ${(L.maxRssGrowth / MiB).toFixed(1)} MiB worst of ${L.runs.length} (median ${(L.medianRssGrowth / MiB).toFixed(1)}) | < ${TARGETS.rssMiB} MiB | ${pass(h.rssOk)} |`,
    );
  } else out.push(`| 1 GiB upload | not measured (error) | | **FAIL** |`);
  if (h.best) {
    out.push(
      `| Small uploads (create + PUT 1 KiB + complete) per second | ${h.best.uploadsPerS.toFixed(1)} /s at ${h.best.concurrency} clients | ≥ ${TARGETS.uploadsPerS} /s | ${pass(h.rateOk)} |`,
    );
  } else out.push(`| Small uploads per second | not measured (error) | | **FAIL** |`);
  out.push("");

  if (r.large) {
    const L = r.large;
    out.push("### 1. 1 GiB upload through the local driver's signed URL", "");
    out.push(
      "| Run | create | PUT | PUT MiB/s | complete | server RSS before → peak (growth) | CPU cores during PUT: server / client / other |",
      "|---|---|---|---|---|---|---|",
    );
    L.runs.forEach((u, i) =>
      out.push(
        `| ${i + 1} | ${u.createMs.toFixed(0)} ms | ${s(u.putMs)} | ${u.mibPerS.toFixed(0)} | ${u.completeMs.toFixed(0)} ms | ` +
          `${(u.rssBefore / MiB).toFixed(0)} → ${(u.rssPeak / MiB).toFixed(0)} MiB (+${(u.rssGrowth / MiB).toFixed(1)}) | ` +
          `${u.serverCpu.toFixed(2)} / ${u.clientCpu.toFixed(2)} / ${u.otherCpu.toFixed(2)} |`,
      ),
    );
    out.push("");
    const dd = (f: boolean) =>
      L.dd
        .filter((d) => d.fsync === f)
        .map((d) => s(d.ms))
        .join(", ");
    out.push(
      `- dd \`bs=1M count=1024 conv=fsync\` into the same folder: ${dd(true)} (median ${s(L.medianDdFsyncMs)}).`,
    );
    out.push(
      `- dd without \`conv=fsync\`: ${dd(false)} (median ${s(L.medianDdNoFsyncMs)}); against the upload: ${L.ratioNoFsync.toFixed(2)} (for information only).`,
    );
    out.push(
      `- Median complete (\`POST /api/uploads/{id}/complete\`, stat + one transaction): ${L.medianCompleteMs.toFixed(0)} ms.`,
    );
    out.push(
      "- The ratio uses dd **with** `conv=fsync`: `receiveToTemp()` (lib/storage/local-write.ts; `LocalDriver.receive()` in local.ts before f108d8c) " +
        "calls `fh.sync()` on the temp file before renaming it into place, so the upload is not answered until its bytes are on disk; dd without fsync " +
        "only measures copying into the page cache, which the upload also has to do *and then* flush.",
    );
    out.push(
      `- How: server = \`next start\` of the production build (served from a hard-linked snapshot of \`.next\`, so a ` +
        `concurrent rebuild cannot disturb it) on a fresh data folder under the repo's \`.tmp/\` ` +
        `(same file system as the dd file), MULTIPART_THRESHOLD=2GiB, DEFAULT_QUOTA_BYTES=unlimited, LOG_LEVEL=info, WAL as ` +
        "`npm start` sets it. User registered, signed in through next-auth credentials, API token from `POST /api/tokens`. " +
        "`POST /api/uploads` → PUT to the signed `url` with its `headers`, a body generated from one 1 MiB random buffer " +
        "(node:http, Content-Length set, written with backpressure) → complete. PUT timed from the request start to the " +
        "end of the response. A 1 KiB upload first warms the route. Each PUT is preceded by `sync`; the 3 uploads are " +
        "interleaved with the dd runs; the stored files are deleted after each run. " +
        `RSS = sum of VmRSS over the server's process tree (${L.serverPids}), sampled every 50 ms; growth = peak during ` +
        "the PUT − the value just before it.",
      "",
    );
  }

  if (r.small.length) {
    out.push("### 2. Small uploads through the API on SQLite", "");
    out.push(
      "| Clients | uploads/s | HTTP req/s | create+complete calls/s | their share of cycle time | create p50 / p95 | PUT p50 / p95 | complete p50 / p95 | cycle p50 / p95 (ms) | CPU cores: server (its main thread) / client / other | errors |",
      "|---|---|---|---|---|---|---|---|---|---|---|",
    );
    for (const l of r.small) {
      out.push(
        `| ${l.concurrency} | **${l.uploadsPerS.toFixed(1)}** | ${l.httpPerS.toFixed(0)} | ${l.createCompletePerS.toFixed(0)} | ${(100 * l.createCompleteShare).toFixed(0)} % | ` +
          `${ms(l.steps.create.p50)} / ${ms(l.steps.create.p95)} | ${ms(l.steps.put.p50)} / ${ms(l.steps.put.p95)} | ` +
          `${ms(l.steps.complete.p50)} / ${ms(l.steps.complete.p95)} | ${ms(l.cycle.p50)} / ${ms(l.cycle.p95)} | ` +
          `${l.serverCpu.toFixed(2)} (${l.serverMainCpu.toFixed(2)}) / ${l.clientCpu.toFixed(2)} / ${l.otherCpu.toFixed(2)} | ${l.errors} |`,
      );
    }
    out.push("");
    if (h.best) {
      out.push(
        `- Headline: ${h.best.uploadsPerS.toFixed(1)} full uploads/s (${h.best.concurrency} clients); each upload is 3 HTTP requests. ` +
          `create+complete calls actually made: ${h.best.createCompletePerS.toFixed(0)}/s. If the PUT step cost nothing, the same clients ` +
          `would loop at most ${(h.best.uploadsPerS / h.best.createCompleteShare).toFixed(0)} create+complete pairs/s ` +
          "(uploads/s ÷ the share; an extrapolation, not a measurement).",
      );
    }
    out.push(
      "- How: a fresh server and database per client count (same setup as above, default MULTIPART_THRESHOLD and quota), " +
        "one API token, N concurrent clients over keep-alive node:http connections, each looping " +
        "`POST /api/uploads` (1 KiB, a unique name) → PUT 1 KiB to the signed URL → `POST …/complete`; 2 s warm-up, then " +
        "uploads completed within a 10 s window are counted. Latencies are per request as seen by the client. CPU " +
        "columns: cores used by the server process, by the bench client, and by everything else on the machine.",
      "",
    );
  }
  if (r.errors.length) out.push("Errors:", "", ...r.errors.map((e) => `- ${e}`), "");
  return out.join("\n");
}
