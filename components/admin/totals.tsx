import { Files, HardDrive, Hourglass, Users } from "lucide-react";
import type { ReactNode } from "react";
import { formatBytes } from "@/lib/bytes";
import type { StorageOverview, UsageTotals } from "@/lib/schemas/admin";
import { Skeleton, cardClass } from "./states";

function Stat({
  label,
  value,
  icon,
  detail,
}: {
  label: string;
  value: string | null;
  icon: ReactNode;
  detail?: string;
}) {
  return (
    <div className={cardClass}>
      <dt className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        {icon}
        {label}
      </dt>
      <dd
        className="mt-1 text-2xl font-semibold tracking-tight tabular-nums"
        data-testid={`total-${label.toLowerCase().replace(/\s+/g, "-")}`}
      >
        {value ?? <Skeleton className="mt-1 h-7 w-24" />}
      </dd>
      {detail && <dd className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{detail}</dd>}
    </div>
  );
}

const icon = "size-4 text-indigo-600 dark:text-indigo-400";

/** Users, files, bytes stored and reserved, with the split per storage driver. */
export function Totals({ totals, storage }: { totals: UsageTotals | undefined; storage: StorageOverview | undefined }) {
  const perDriver = storage?.drivers
    .filter((d) => d.files > 0 || d.default)
    .map((d) => `${d.driver}: ${formatBytes(d.bytes)}`)
    .join(" · ");
  const pending = storage?.pendingUploads;
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Stat
        label="Users"
        icon={<Users className={icon} aria-hidden />}
        value={totals ? totals.users.toLocaleString("en-US") : null}
      />
      <Stat
        label="Files"
        icon={<Files className={icon} aria-hidden />}
        value={totals ? totals.files.toLocaleString("en-US") : null}
      />
      <Stat
        label="Stored"
        icon={<HardDrive className={icon} aria-hidden />}
        value={totals ? formatBytes(totals.usedBytes) : null}
        detail={perDriver}
      />
      <Stat
        label="Reserved"
        icon={<Hourglass className={icon} aria-hidden />}
        value={totals ? formatBytes(totals.reservedBytes) : null}
        detail={
          pending
            ? `${pending.files.toLocaleString("en-US")} upload${pending.files === 1 ? "" : "s"} in progress`
            : undefined
        }
      />
    </dl>
  );
}
