// `npm run storage:migrate -- --to s3|local [--user <email>] [--dry-run] [--concurrency N]`: moves
// files between the local disk and the bucket while the app keeps serving them (lib/storage-ops/migrate.ts).
// A progress bar on a terminal (files, bytes, rate, time left), plain lines otherwise, then a summary.
// Safe to stop at any point (even kill -9) and run again.
import "./load-env";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { formatBytes } from "../lib/bytes";
import { disconnectDb } from "../lib/db";
import { setLogDestination } from "../lib/log";
import { migrateFiles, type FileEvent, type MigrateSummary } from "../lib/storage-ops/migrate";

const USAGE = "Usage: npm run storage:migrate -- --to s3|local [--user <email>] [--dry-run] [--concurrency N]";

function options() {
  const { values } = parseArgs({
    options: {
      to: { type: "string" },
      user: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      concurrency: { type: "string", default: "4" },
      help: { type: "boolean", default: false },
    },
  });
  const concurrency = Number(values.concurrency);
  if (values.help || (values.to !== "s3" && values.to !== "local") || !(concurrency >= 1 && concurrency <= 64)) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  return {
    to: values.to as "s3" | "local",
    userEmail: values.user,
    dryRun: values["dry-run"],
    concurrency: Math.floor(concurrency),
  };
}

const duration = (s: number) => (s < 90 ? `${Math.round(s)}s` : `${Math.floor(s / 60)}m ${Math.round(s % 60)}s`);

/** Progress for people: a bar on a terminal, a line every 5 s (and at the end) otherwise. */
function progress(planned: { files: number; bytes: number }) {
  const started = Date.now();
  let files = 0;
  let bytes = 0;
  const rate = () => bytes / Math.max(0.001, (Date.now() - started) / 1000);
  const payload = () => ({
    files: `${files}/${planned.files}`,
    bytes: `${formatBytes(bytes)}/${formatBytes(planned.bytes)}`,
    rate: `${formatBytes(Math.round(rate()))}/s`,
  });
  if (process.stderr.isTTY) {
    const bars = new cliProgress.MultiBar(
      { format: "{bar} {files} files | {bytes} | {rate} | {eta_formatted} left", etaBuffer: 50, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    const bar = bars.create(Math.max(1, planned.bytes), 0, payload());
    // The log lines (one per file) go above the bar instead of through it.
    setLogDestination({ write: (line: string) => bars.log(line.endsWith("\n") ? line : `${line}\n`) });
    return {
      file(event: FileEvent) {
        files++;
        bytes += event.bytes;
        bar.update(bytes, payload());
      },
      stop() {
        bars.stop();
        setLogDestination(undefined);
      },
    };
  }
  let lastLine = 0;
  const line = () => {
    const left = rate() > 0 ? duration((planned.bytes - bytes) / rate()) : "?";
    const p = payload();
    console.error(`progress: ${p.files} files, ${p.bytes}, ${p.rate}, about ${left} left`);
  };
  return {
    file(event: FileEvent) {
      files++;
      bytes += event.bytes;
      if (Date.now() - lastLine >= 5000) {
        lastLine = Date.now();
        line();
      }
    },
    stop: line,
  };
}

function summary(s: MigrateSummary): string {
  const what = `${s.planned.files} file(s), ${formatBytes(s.planned.bytes)}`;
  const versions = `${s.versions.planned.versions} older version(s), ${formatBytes(s.versions.planned.bytes)}`;
  if (s.dryRun) return `Dry run: ${what} and ${versions} would move from ${s.from} to ${s.to}.`;
  const seconds = s.ms / 1000;
  return [
    `Moved ${s.moved} file(s), ${formatBytes(s.movedBytes)}, from ${s.from} to ${s.to} in ${duration(seconds)}`,
    ` (${formatBytes(Math.round(s.movedBytes / Math.max(seconds, 0.001)))}/s).`,
    s.versions.moved ? ` And ${s.versions.moved} older version(s), ${formatBytes(s.versions.movedBytes)}.` : "",
    s.changed + s.versions.changed
      ? ` ${s.changed + s.versions.changed} changed while copying and were left as they are.`
      : "",
    s.failed + s.versions.failed
      ? ` ${s.failed + s.versions.failed} failed (see the log); run the command again to retry them.`
      : "",
    s.moved ? " The old copies are deleted by the sweeper after a grace period of about an hour." : "",
  ].join("");
}

const o = options();
let bar: ReturnType<typeof progress> | undefined;
try {
  const result = await migrateFiles({
    ...o,
    onPlan: (planned) => {
      if (!o.dryRun && planned.files > 0) bar = progress(planned);
    },
    onFile: (event) => bar?.file(event),
  });
  bar?.stop();
  console.log(summary(result));
  await disconnectDb();
  process.exit(result.failed || result.versions.failed ? 1 : 0);
} catch (error) {
  bar?.stop();
  console.error(error instanceof Error ? error.message : String(error));
  await disconnectDb();
  process.exit(1);
}
