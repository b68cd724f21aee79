// `npm run storage:reconcile [--fix] [--driver local|s3] [--json]`: checks each driver's objects
// against the books (lib/storage-ops/reconcile.ts) and prints a table, or with --json one JSON
// document `{"reports": [...]}`. The report goes to stdout, log lines to stderr.
// Exit status: 0 when the books and the bytes agree, 1 when something was found, 2 on a failure.
import "./load-env";
import { parseArgs } from "node:util";
import pino from "pino";
import { formatBytes } from "../lib/bytes";
import { disconnectDb } from "../lib/db";
import { env } from "../lib/env";
import { setLogDestination } from "../lib/log";
import { reconcile } from "../lib/storage-ops/reconcile";
import { problemCount, type ReconcileReport } from "../lib/schemas/reconcile";
import type { DriverName } from "../lib/storage";

// Log lines (one per object acted on) must not mix with the report on stdout.
setLogDestination(pino.destination({ dest: 2, sync: true }));

const USAGE = "Usage: npm run storage:reconcile -- [--fix] [--driver local|s3] [--json]";

function options() {
  try {
    const { values } = parseArgs({
      options: {
        fix: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        driver: { type: "string" },
        "page-size": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    if (values.driver !== undefined && values.driver !== "local" && values.driver !== "s3") {
      throw new Error(`--driver must be local or s3, not "${values.driver}"`);
    }
    const pageSize = values["page-size"] === undefined ? undefined : Number(values["page-size"]);
    if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 1000)) {
      throw new Error("--page-size must be a whole number from 1 to 1000");
    }
    // Without --driver: the local disk always, the bucket when one is configured.
    const drivers: DriverName[] = values.driver
      ? [values.driver as DriverName]
      : env().S3_BUCKET
        ? ["local", "s3"]
        : ["local"];
    return { fix: values.fix, json: values.json, drivers, pageSize };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
}

function table(report: ReconcileReport): string {
  const { counts: c, fixes: f } = report;
  const rows: [string, string, string][] = [
    ["Objects stored", c.objects.toLocaleString("en-US"), formatBytes(c.bytes)],
    ["Orphans (no file row)", String(c.orphans), c.recentOrphans ? `${c.recentOrphans} too recent to delete` : ""],
    ["Missing objects", String(c.missing), ""],
    ["Size mismatches", String(c.sizeMismatches), ""],
    [
      "Stale multipart uploads",
      report.multipartListing === "ok" ? String(c.staleMultipart) : "n/a",
      report.multipartListing === "ok" ? "" : "the store cannot list them",
    ],
    ["Missing files back", String(c.returned), ""],
    ["Copies of other drivers' files", String(c.copies), "mirror copies or sources of a move"],
  ];
  if (report.fixed) {
    rows.push(
      ["Fixed: orphans deleted", String(f.deletedOrphans), ""],
      ["Fixed: uploads aborted", String(f.abortedMultipart), ""],
      ["Fixed: files marked missing", String(f.markedMissing), ""],
      ["Fixed: marks cleared", String(f.clearedMissing), ""],
      ["Failed fixes", String(f.failed), f.failed ? "see the log; the next run retries" : ""],
    );
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  const lines = rows.map(([label, value, note]) => `  ${label.padEnd(width)}  ${value.padStart(9)}  ${note}`.trimEnd());
  const sample = [
    ...report.sample.orphans.map((o) => `  orphan      ${o.key} (${formatBytes(o.size)})`),
    ...report.sample.missing.map((m) => `  missing     ${m.key} (file ${m.fileId})`),
    ...report.sample.sizeMismatches.map(
      (m) => `  size        ${m.key} (${m.actual} bytes stored, ${m.expected} expected)`,
    ),
    ...report.sample.staleMultipart.map((u) => `  multipart   ${u.key} (upload ${u.uploadId}, ${u.initiated})`),
  ];
  const mode = report.fixed ? "reconciled with --fix" : "checked (report only; --fix repairs)";
  return [`${report.driver}: ${mode}`, ...lines, ...(sample.length ? ["", "  Sample:", ...sample] : [])].join("\n");
}

const { fix, json, drivers, pageSize } = options();
const reports: ReconcileReport[] = [];
try {
  for (const driver of drivers) reports.push(await reconcile({ driver, fix, pageSize }));
} catch (error) {
  process.stderr.write(`Reconciliation failed: ${error instanceof Error ? error.message : String(error)}\n`);
  await disconnectDb();
  process.exit(2);
}
process.stdout.write(json ? `${JSON.stringify({ reports }, null, 2)}\n` : `${reports.map(table).join("\n\n")}\n`);
await disconnectDb();
process.exit(reports.some((r) => problemCount(r.counts) > 0) ? 1 : 0);
