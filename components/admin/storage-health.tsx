import { CircleCheck, CloudUpload, HardDrive, Server, TriangleAlert } from "lucide-react";
import { formatBytes } from "@/lib/bytes";
import { formatDateTime, formatRelativeDate } from "@/lib/client/format";
import type { StorageOverview } from "@/lib/schemas/admin";
import { problemCount, type ReconcileReport } from "@/lib/schemas/reconcile";
import { ErrorState, Skeleton, cardClass } from "./states";

type Driver = StorageOverview["drivers"][number];

const DRIVER_LABELS: Record<string, string> = { local: "Local disk", s3: "S3 bucket" };
const muted = "text-zinc-600 dark:text-zinc-400";
const count = (n: number, what: string) => `${n.toLocaleString("en-US")} ${what}${n === 1 ? "" : "s"}`;

function When({ iso, now }: { iso: string; now: Date }) {
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={formatDateTime(date)}>
      {formatRelativeDate(date, now)}
    </time>
  );
}

/** The last reconciliation's counts, a status line and a sample of what it found. */
function Findings({ run, now }: { run: ReconcileReport | null; now: Date }) {
  if (!run) {
    return (
      <p className={`text-sm ${muted}`} data-testid="never-reconciled">
        Never reconciled — run{" "}
        <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
          npm run storage:reconcile
        </code>{" "}
        to check the stored objects against the books.
      </p>
    );
  }
  const { counts: c } = run;
  const problems = problemCount(c);
  const rows: [string, string][] = [
    ["Orphans", c.recentOrphans ? `${c.orphans} (${c.recentOrphans} recent)` : String(c.orphans)],
    ["Missing", String(c.missing)],
    ["Wrong size", String(c.sizeMismatches)],
    ["Stale uploads", run.multipartListing === "ok" ? String(c.staleMultipart) : "not listable"],
  ];
  const sample = [
    ...run.sample.missing.map((m) => ({ kind: "Missing", key: m.key })),
    ...run.sample.sizeMismatches.map((m) => ({ kind: "Size", key: `${m.key} (${m.actual} of ${m.expected} bytes)` })),
    ...run.sample.orphans.map((o) => ({ kind: "Orphan", key: o.key })),
    ...run.sample.staleMultipart.map((u) => ({ kind: "Upload", key: u.key })),
  ];
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        {problems === 0 ? (
          <span className="inline-flex items-center gap-1 font-medium text-emerald-700 dark:text-emerald-400">
            <CircleCheck className="size-4" aria-hidden /> Books match the bytes
          </span>
        ) : (
          <span className="inline-flex items-center gap-1 font-medium text-amber-800 dark:text-amber-300">
            <TriangleAlert className="size-4" aria-hidden /> {count(problems, "finding")}
          </span>
        )}
        <span className={muted}>
          Checked <When iso={run.finishedAt} now={now} /> {run.fixed ? "with --fix" : "(report only)"} ·{" "}
          {count(c.objects, "object")}
        </span>
      </p>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {rows.map(([label, value]) => (
          <div key={label} className="rounded-lg bg-zinc-50 px-3 py-2 dark:bg-zinc-800/60">
            <dt className={`text-xs ${muted}`}>{label}</dt>
            <dd className="font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {sample.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer rounded font-medium text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300">
            Sample of findings ({sample.length})
          </summary>
          <ul className="mt-2 space-y-1" data-testid="findings-sample">
            {sample.map((s, i) => (
              <li key={i} className="flex gap-2">
                <span className={`w-14 shrink-0 text-xs leading-5 ${muted}`}>{s.kind}</span>
                <span className="font-mono text-xs leading-5 break-all">{s.key}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function DriverCard({ driver, run, now }: { driver: Driver; run: ReconcileReport | null; now: Date }) {
  const Icon = driver.driver === "s3" ? Server : HardDrive;
  const label = DRIVER_LABELS[driver.driver] ?? driver.driver;
  return (
    <section className={`${cardClass} space-y-3`} aria-labelledby={`driver-${driver.driver}`} data-testid="driver-card">
      <div className="flex flex-wrap items-center gap-2">
        <Icon className="size-4 text-indigo-600 dark:text-indigo-400" aria-hidden />
        <h3 id={`driver-${driver.driver}`} className="font-semibold">
          {label}
        </h3>
        {driver.default && (
          <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
            Default
          </span>
        )}
        <span className={`ml-auto text-sm tabular-nums ${muted}`}>
          {count(driver.files, "file")} · {formatBytes(driver.bytes)}
        </span>
      </div>
      {driver.missing > 0 && (
        <p
          className="flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/50 dark:text-amber-200"
          data-testid="missing-files"
        >
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          {count(driver.missing, "file")} unavailable: the stored bytes are missing or damaged. Restore them and run
          reconciliation with --fix to make them available again.
        </p>
      )}
      <Findings run={run} now={now} />
    </section>
  );
}

function MirrorCard({ mirror, now }: { mirror: StorageOverview["mirror"]; now: Date }) {
  return (
    <section className={cardClass} aria-labelledby="mirror-heading" data-testid="mirror-card">
      <div className="flex items-center gap-2">
        <CloudUpload className="size-4 text-indigo-600 dark:text-indigo-400" aria-hidden />
        <h3 id="mirror-heading" className="font-semibold">
          Backup mirror
        </h3>
      </div>
      <p className={`mt-2 text-sm ${muted}`}>
        {mirror.backlog === 0 && !mirror.driver ? (
          <>
            Off. Set <code>STORAGE_MIRROR=local</code> or <code>s3</code> to keep a second copy of every file on the
            other store.
          </>
        ) : mirror.backlog === 0 ? (
          `Every file has its copy on ${mirror.driver === "s3" ? "the bucket" : "the local disk"}. No copies waiting.`
        ) : (
          <>
            <span className="font-semibold text-zinc-900 tabular-nums dark:text-zinc-100">
              {count(mirror.backlog, "file")}
            </span>{" "}
            waiting
            {mirror.oldestWaitingSince && (
              <>
                , the oldest since <When iso={mirror.oldestWaitingSince} now={now} />
              </>
            )}
            {mirror.retrying > 0 && ` · ${mirror.retrying.toLocaleString("en-US")} retrying after a failure`}.
          </>
        )}
      </p>
    </section>
  );
}

/** The admin console's storage section: each driver's files and last reconciliation, and the mirror's backlog. */
export function StorageHealth({
  storage,
  error,
  onRetry,
}: {
  storage: StorageOverview | undefined;
  error: Error | null;
  onRetry: () => void;
}) {
  const now = new Date();
  let body;
  if (!storage && error) body = <ErrorState title="Couldn't load storage" message={error.message} onRetry={onRetry} />;
  else if (!storage)
    body = (
      <div className="grid gap-3 lg:grid-cols-2" aria-busy="true">
        {[0, 1].map((i) => (
          <div key={i} className={`${cardClass} space-y-3`}>
            <Skeleton className="h-5 w-32" />
            <Skeleton className="h-16 w-full" />
          </div>
        ))}
      </div>
    );
  else {
    const runs = new Map(storage.reconciliation.map((r) => [r.driver as string, r.lastRun]));
    // The default driver, and any other that holds files or was checked.
    const shown = storage.drivers.filter((d) => d.default || d.files > 0 || runs.get(d.driver));
    body = (
      <div className="grid items-start gap-3 lg:grid-cols-2">
        {shown.map((d) => (
          <DriverCard key={d.driver} driver={d} run={runs.get(d.driver) ?? null} now={now} />
        ))}
        <MirrorCard mirror={storage.mirror} now={now} />
      </div>
    );
  }
  return (
    <section aria-labelledby="storage-heading" className="space-y-3" data-testid="storage-health">
      <h2 id="storage-heading" className="text-lg font-semibold tracking-tight">
        Storage
      </h2>
      {body}
    </section>
  );
}
