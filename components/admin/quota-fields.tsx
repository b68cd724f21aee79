"use client";

import { useId } from "react";
import { QUOTA_UNITS, type QuotaDraft, type QuotaMode, type QuotaUnit } from "./quota";

const control =
  "rounded-lg border border-zinc-300 bg-white px-2.5 py-1.5 text-sm focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900";

/** Quota as "Default" / "Custom" (amount + MiB, GiB or TiB) / "Unlimited". */
export function QuotaFields({
  draft,
  onChange,
  error,
  defaultLabel,
  who,
}: {
  draft: QuotaDraft;
  onChange: (draft: QuotaDraft) => void;
  error?: string;
  /** e.g. "Default (10 GiB)". */
  defaultLabel: string;
  /** Names the account in the controls' accessible names, e.g. "for ada@example.com". */
  who?: string;
}) {
  const id = useId();
  const suffix = who ? ` ${who}` : "";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        aria-label={`Quota${suffix}`}
        value={draft.mode}
        onChange={(e) => onChange({ ...draft, mode: e.target.value as QuotaMode })}
        className={control}
      >
        <option value="default">{defaultLabel}</option>
        <option value="custom">Custom size</option>
        <option value="unlimited">Unlimited</option>
      </select>
      {draft.mode === "custom" && (
        <>
          <input
            aria-label={`Quota size${suffix}`}
            inputMode="decimal"
            value={draft.amount}
            onChange={(e) => onChange({ ...draft, amount: e.target.value })}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className={`${control} w-24 tabular-nums`}
            autoFocus
          />
          <select
            aria-label={`Quota unit${suffix}`}
            value={draft.unit}
            onChange={(e) => onChange({ ...draft, unit: e.target.value as QuotaUnit })}
            className={control}
          >
            {QUOTA_UNITS.map((u) => (
              <option key={u.unit}>{u.unit}</option>
            ))}
          </select>
        </>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="w-full text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
