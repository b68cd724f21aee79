// `npm run media:reprocess`: queues every finished file's thumbnail and preview again (after an
// upgrade of the decoders, or ffmpeg / pdftoppm installed later), then works through the queue
// here with a progress bar, next to whatever server workers are running (each job runs once: the
// queue's claims are shared). `--queue-only` leaves the work to the servers.
import "./load-env";
import cliProgress from "cli-progress";
import { db, disconnectDb } from "../lib/db";
import { reprocessAll } from "../lib/media/files";
import { drainMedia, type JobOutcome } from "../lib/media/queue";

const queueOnly = process.argv.includes("--queue-only");
const queued = await reprocessAll((n) => process.stdout.write(`\rQueued ${n} file(s)…`));
console.log(`\rQueued ${queued} file(s).`);
const jobs = await db.mediaJob.count();
if (!queueOnly && jobs > 0) {
  const counts: Partial<Record<JobOutcome, number>> = {};
  const bar = new cliProgress.SingleBar(
    { format: "Rendering [{bar}] {value}/{total} jobs | {eta_formatted} left | {summary}", etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(jobs, 0, { summary: "" });
  await drainMedia({
    onJob: (outcome) => {
      counts[outcome] = (counts[outcome] ?? 0) + 1;
      bar.increment(1, {
        summary: Object.entries(counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(", "),
      });
    },
  });
  bar.stop();
  console.log(
    Object.entries(counts)
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ") || "Nothing was due.",
  );
}
await disconnectDb();
