// `npm run bench`: the issue #4, #7 and #9 measurements against the production build.
//   1. a 1 GiB upload through the local driver's signed URL vs dd, and the server's RSS growth;
//   2. sustained small uploads (create + PUT + complete) per second at 4, 8 and 16 clients.
//   3. browsing at 100,000 files (bench/browse.ts, issue #7): first page, deep page, search.
//   4. the admin usage endpoint at 10,000 users and 1,000,000 files (bench/admin.ts, issue #9).
// Appends dated sections to docs/BENCHMARKS.md and prints them. About 8 minutes.
//   5. the file browser pages' first-load JavaScript, gzipped (bench/page-weight.ts, issue #7).
//   6. storage migration local → S3: 1 GiB in 1,000 files and one 1 GiB file vs a plain pipe (bench/migrate.ts, issue #10).
//   7. issue 11's scale figures (bench/scale.ts): small uploads/s on SQLite with 1 process and one per
//      core and on PostgreSQL with one per core (when one is reachable: BENCH_DATABASE_URL, else
//      TEST_DATABASE_URL, else a local server that lets this user in), and a 1 GiB multipart upload as
//      the browser sends it against dd conv=fsync, with RSS growth.
//   8. issue 24: small uploads through the per-file and the batch protocol, interleaved on one server
//      (bench/batch-uploads.ts): uploads per second and server CPU per file.
//   9. issue 24 in Chromium: a dropped folder of small files, batch vs per-file (bench/folder-drop.ts).
//  10. issue 22: listing and search with 1,000 users, 100 groups and 10,000 grants, for the owner and a
//      colleague, and "Shared with me" at 1,000 grants (bench/people.ts).
// BENCH_ONLY=uploads (1 and 2), browse (3), admin (4), weight (5), migrate (6), scale (7), batch (8), drop (9) or people (10) runs one part.
// Environment knobs (defaults in brackets): BENCH_RUNS [3] 1 GiB uploads, BENCH_CLIENTS [4,8,16],
// BENCH_SECONDS [10] measured window, BENCH_WARMUP [2], BENCH_LOG_LEVEL [info], BENCH_NO_DOCS=1 to only print,
// BENCH_APP_DIR=<dir> to serve a patched copy of the app (built there) instead of this checkout,
// BENCH_BATCH_FILES [1000] and BENCH_BATCH_SIZE [100] for 8.
// BENCH_SCALE_PARTS [all] small (the small-upload rows only) or multipart (the 1 GiB part only) for 7.
import fs from "node:fs";
import path from "node:path";
import { adminSection } from "./admin";
import { browseMarkdown, runBrowse } from "./browse-report";
import { peopleMarkdown, runPeople } from "./people-report";
import { runLargeUpload, type LargeUploadResult } from "./large-upload";
import { backgroundLoad, loadAverage, machine } from "./machine";
import { headline, markdown, TARGETS, type Report } from "./report";
import { APP_SOURCE, BENCH_TMP, REPO, ensureBuild, removeSnapshot, snapshotBuild } from "./build";
import { killAllSync, stopAll } from "./server";
import { runLevel, type LevelResult } from "./small-uploads";
import { PAGE_WEIGHT_BUDGET_BYTES, pageWeight } from "./page-weight";
import { migrateSection } from "./migrate";
import { runScale, scaleMarkdown, type ScaleParts } from "./scale";
import { runBatchBench } from "./batch-uploads";
import { runFolderDrop } from "./folder-drop";

const DOC = path.join(REPO, "docs", "BENCHMARKS.md");
const INTRO = `# Benchmarks

Measurements made with \`npm run bench\` (bench/run.ts) against the production server (\`npm start\`'s)
on throw-away data folders. Today's figures come first; every run's full report follows under "History".

## Today's figures

(none yet)

## History
`;

const runs = Number(process.env.BENCH_RUNS ?? 3);
const clients = (process.env.BENCH_CLIENTS ?? "4,8,16").split(",").map(Number);
const measureS = Number(process.env.BENCH_SECONDS ?? 10);
const warmupS = Number(process.env.BENCH_WARMUP ?? 2);

process.on("exit", killAllSync);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    killAllSync();
    process.exit(130);
  });
}

/**
 * Prints a section and appends it to docs/BENCHMARKS.md, under "History" (not for a patched copy of
 * the app). The "Today's figures" table at the top is updated by hand from the latest runs.
 */
function publish(text: string): void {
  console.log(`\n${text}`);
  if (process.env.BENCH_NO_DOCS !== "1" && APP_SOURCE === REPO) {
    const existing = fs.existsSync(DOC) ? fs.readFileSync(DOC, "utf8") : INTRO;
    const underHistory = text.trimEnd().replace(/^(#{2,3}) /gm, "#$1 "); // one level below "## History"
    fs.writeFileSync(DOC, `${existing.trimEnd()}\n\n${underHistory}\n`);
    console.log(`(appended to ${path.relative(REPO, DOC)})`);
  }
}

async function browse(): Promise<number> {
  const startedAt = new Date();
  console.log("3. browsing at 100,000 files (seeding two throw-away databases, then ≥ 50 requests per figure)");
  const backgroundCores = await backgroundLoad(2000);
  const result = runBrowse(REPO);
  publish(
    browseMarkdown(result, { startedAt, machine: machine(BENCH_TMP), backgroundCores, loadAverage: loadAverage() }),
  );
  return 0;
}

async function people(): Promise<number> {
  const startedAt = new Date();
  console.log("10. browsing with 10,000 grants (seeding a throw-away database, then ≥ 50 requests per figure)");
  const backgroundCores = await backgroundLoad(2000);
  const result = runPeople(REPO);
  publish(
    peopleMarkdown(result, { startedAt, machine: machine(BENCH_TMP), backgroundCores, loadAverage: loadAverage() }),
  );
  return 0;
}

async function admin(): Promise<number> {
  console.log("4. admin usage endpoint at 10,000 users and 1,000,000 files (seeding one throw-away database)");
  publish(await adminSection({ log: (line) => console.log(line) }));
  return 0;
}

/** 5. The first-load JavaScript of the file browser's pages, gzipped, against issue #7's budget. */
async function pageWeights(): Promise<number> {
  ensureBuild();
  const rows = ["/(app)/files/page", "/(app)/trash/page"].map((route) => pageWeight(route));
  const over = rows.some((row) => row.gzipBytes > PAGE_WEIGHT_BUDGET_BYTES);
  publish(
    [
      `## Page weight — ${new Date().toISOString().slice(0, 10)}`,
      "",
      `First-load JavaScript (every script fetched before the page runs, from the build's manifests), gzipped; budget ${PAGE_WEIGHT_BUDGET_BYTES / 1000} kB.`,
      "",
      "| page | gzipped | raw | files |",
      "| --- | --- | --- | --- |",
      ...rows.map(
        (row) =>
          `| \`${row.route}\` | ${(row.gzipBytes / 1000).toFixed(1)} kB | ${(row.rawBytes / 1000).toFixed(1)} kB | ${row.files.length} |`,
      ),
    ].join("\n"),
  );
  return over ? 1 : 0;
}

async function migration(): Promise<number> {
  console.log("6. storage migration local → S3 (1 GiB in 1,000 files, one 1 GiB file)");
  const section = await migrateSection({ log: (line) => console.log(line) });
  publish(section);
  return section.includes("target was missed") ? 1 : 0;
}

/** 7. Issue 11: processes and the local multipart path. */
async function scale(): Promise<number> {
  ensureBuild();
  const background = await backgroundLoad(2000);
  const load = loadAverage();
  const m = machine(BENCH_TMP);
  const parts = (process.env.BENCH_SCALE_PARTS ?? "all") as ScaleParts;
  if (!["all", "small", "multipart"].includes(parts)) throw new Error("BENCH_SCALE_PARTS: all, small or multipart");
  console.log(
    `7. scale: small uploads with 1 and ${m.nproc} processes (SQLite, PostgreSQL), 1 GiB multipart vs dd (${runs} runs); parts: ${parts}`,
  );
  const result = await runScale({
    runs,
    warmupS,
    measureS,
    clients: Math.max(...clients),
    parts,
    log: (line) => console.log(line),
  });
  publish(
    scaleMarkdown(result, {
      date: new Date(),
      machine: `${m.nproc} × ${m.cpu}, ${m.ramGiB} GiB RAM, Node ${m.node}, disk ${m.disk}`,
      otherLoad: `${background.toFixed(2)} cores busy before the run, load average ${load} (after: ${loadAverage()})`,
    }),
  );
  return 0;
}

/** 8. Issue 24: the batch protocol against the per-file one, same server, interleaved windows. */
async function batchUploads(): Promise<number> {
  ensureBuild();
  const m = machine(BENCH_TMP);
  const batchSize = Number(process.env.BENCH_BATCH_SIZE ?? 100);
  const perFileClients = Math.max(...clients);
  const files = Number(process.env.BENCH_BATCH_FILES ?? 1000);
  console.log(
    `8. small uploads (1 KiB): ${files} files per-file (${perFileClients} clients) vs in batches of ${batchSize} (2 clients), ${runs} interleaved rounds`,
  );
  const r = await runBatchBench({
    rounds: runs,
    files,
    clients: perFileClients,
    batchSize,
    size: 1024,
    log: (l) => console.log(l),
  });
  publish(
    [
      `## Small uploads: batch protocol vs per-file — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
      "",
      `One fresh server (SQLite, local driver, \`npm start\`'s processes), 1 KiB files, ${r.rounds} interleaved rounds of ${files} files by each protocol, timed from the first request to the last answer, medians. ` +
        `Per-file: ${perFileClients} clients looping create → PUT → complete. Batch: 2 clients looping POST /api/uploads/batch (${batchSize} files) → ` +
        `the PUTs, 6 at a time → POST /api/uploads/batch/complete. Machine: ${m.nproc} × ${m.cpu}, Node ${m.node}; load averages at the rounds: ${r.loadAverages.join(" / ")}.`,
      "",
      "| protocol | uploads/s (median) | server CPU per file (median) | rounds |",
      "| --- | --- | --- | --- |",
      `| per-file | ${r.median.perFile.toFixed(1)} | ${r.median.perFileCpuMs.toFixed(2)} ms | ${r.perFile.map((x) => x.uploadsPerS.toFixed(1)).join(", ")} |`,
      `| batch of ${batchSize} | ${r.median.batch.toFixed(1)} | ${r.median.batchCpuMs.toFixed(2)} ms | ${r.batch.map((x) => x.uploadsPerS.toFixed(1)).join(", ")} |`,
      "",
      `Batch / per-file: ${r.median.ratio.toFixed(2)}×.`,
    ].join("\n"),
  );
  return 0;
}

/** 9. Issue 24 in the browser: a dropped folder of small files, batch protocol vs per-file. */
async function folderDrop(): Promise<number> {
  ensureBuild();
  const files = Number(process.env.BENCH_DROP_FILES ?? 10_000);
  const folders = Number(process.env.BENCH_DROP_FOLDERS ?? 100);
  const s3 = process.env.BENCH_DROP_S3 !== "0";
  const loadBefore = loadAverage();
  console.log(
    `9. a folder of ${files} files of 4 KiB in ${folders} folders dropped in Chromium, batch vs per-file, ${runs} rounds${s3 ? ", then the S3 test server" : ""} (load ${loadBefore})`,
  );
  const r = await runFolderDrop({ rounds: runs, files, folders, s3, log: (l) => console.log(l) });
  publish(
    [
      `## Folder drop in Chromium — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
      "",
      `${files} files of 4 KiB in ${folders} folders dropped on the files page of a fresh server per driver (SQLite; the local driver, then the S3 test server), timed in the page from the drop event to the last file stored, the panel done and the folder listed; Chromium and the server on the same machine; rounds interleaved. Load average before: ${loadBefore}.`,
      "",
      "| round | driver | protocol | files/s | seconds | longest main-thread task | JS heap | renderer RSS (peak) | load average after |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...r.rounds.map(
        (x, i) =>
          `| ${x.driver === "s3" ? 1 : Math.floor(i / 2) + 1} | ${x.driver} | ${x.mode} | ${x.filesPerS.toFixed(1)} | ${x.seconds.toFixed(1)} | ${x.longestTaskMs.toFixed(0)} ms | ${x.heapMiB.toFixed(0)} MiB | ${x.rendererMiB.toFixed(0)} MiB | ${x.load} |`,
      ),
      "",
      `Medians on the local driver: batch ${r.batch.toFixed(1)} files/s, per-file ${r.perFile.toFixed(1)} files/s (${(r.batch / r.perFile).toFixed(2)}×); goal ≥ 400 files/s, no task over 200 ms.${r.s3 === undefined ? "" : ` S3 test server, batch: ${r.s3.toFixed(1)} files/s.`}`,
    ].join("\n"),
  );
  return 0;
}

async function main(): Promise<number> {
  const only = process.env.BENCH_ONLY;
  if (only === "drop") return folderDrop();
  if (only === "batch") return batchUploads();
  if (only === "migrate") return migration();
  if (only === "browse") return browse();
  if (only === "people") return people();
  if (only === "admin") return admin();
  if (only === "weight") return pageWeights();
  if (only === "scale") return scale();
  const uploads = await measureUploads();
  return only === "uploads"
    ? uploads
    : Math.max(
        uploads,
        await browse(),
        await people(),
        await admin(),
        await pageWeights(),
        await migration(),
        await scale(),
        await batchUploads(),
        await folderDrop(),
      );
}

async function measureUploads(): Promise<number> {
  const started = Date.now();
  const log = (line: string) => console.log(line);
  fs.mkdirSync(BENCH_TMP, { recursive: true });
  const build = ensureBuild();
  const app = snapshotBuild();
  const buildId = fs.readFileSync(path.join(app, ".next", "BUILD_ID"), "utf8").trim();
  if (build.stale)
    log("warning: the production build is older than the sources (run `npm run build` to measure the current code)");

  const background = await backgroundLoad(2000);
  const load = loadAverage();
  log(`machine: other load ${background.toFixed(2)} cores, load average ${load}`);
  const errors: string[] = [];

  log(`1. 1 GiB upload through the local signed URL (${runs} runs, dd interleaved)`);
  let large: LargeUploadResult | undefined;
  try {
    large = await runLargeUpload({ runs, log });
  } catch (error) {
    errors.push(`1 GiB upload: ${error instanceof Error ? error.message : String(error)}`);
    log(`  failed: ${errors.at(-1)}`);
  }

  log(`2. small uploads, ${warmupS} s warm-up + ${measureS} s per client count (${clients.join(", ")})`);
  const small: LevelResult[] = [];
  for (const concurrency of clients) {
    try {
      const r = await runLevel({ concurrency, warmupS, measureS, size: 1024 });
      small.push(r);
      log(
        `  ${concurrency} clients: ${r.uploadsPerS.toFixed(1)} uploads/s (${r.httpPerS.toFixed(0)} HTTP req/s); p50 create ${r.steps.create.p50.toFixed(1)} ms, ` +
          `PUT ${r.steps.put.p50.toFixed(1)} ms, complete ${r.steps.complete.p50.toFixed(1)} ms; CPU server ${r.serverCpu.toFixed(2)} (main thread ${r.serverMainCpu.toFixed(2)}), ` +
          `client ${r.clientCpu.toFixed(2)}, other ${r.otherCpu.toFixed(2)}; errors ${r.errors}`,
      );
      if (r.firstError) log(`    first error: ${r.firstError}`);
    } catch (error) {
      errors.push(`${concurrency} clients: ${error instanceof Error ? error.message : String(error)}`);
      log(`  failed: ${errors.at(-1)}`);
    }
  }

  const report: Report = {
    startedAt: new Date(started),
    runtimeS: (Date.now() - started) / 1000,
    machine: machine(BENCH_TMP),
    backgroundCores: background,
    loadAverage: load,
    build: { ...build, id: buildId, source: APP_SOURCE === REPO ? undefined : APP_SOURCE },
    large,
    small,
    errors,
  };
  // A patched copy's figures are not this checkout's: publish() prints them only.
  publish(markdown(report));
  const h = headline(report);
  console.log(
    `targets: ratio ≥ ${TARGETS.ratio} ${h.ratioOk ? "PASS" : "FAIL"}, RSS growth < ${TARGETS.rssMiB} MiB ${h.rssOk ? "PASS" : "FAIL"}, ` +
      `≥ ${TARGETS.uploadsPerS} uploads/s ${h.rateOk ? "PASS" : "FAIL"}; bench took ${report.runtimeS.toFixed(0)} s`,
  );
  return errors.length ? 1 : 0;
}

main()
  .then(async (code) => {
    await stopAll();
    removeSnapshot();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error);
    await stopAll();
    removeSnapshot();
    process.exit(1);
  });
