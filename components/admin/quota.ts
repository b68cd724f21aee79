// Quotas as people set them: a number with a binary unit (the units formatBytes shows), the
// server default, or unlimited.
import type { QuotaInput } from "@/lib/schemas/admin";

export const QUOTA_UNITS = [
  { unit: "MiB", bytes: 1024 ** 2 },
  { unit: "GiB", bytes: 1024 ** 3 },
  { unit: "TiB", bytes: 1024 ** 4 },
] as const;
export type QuotaUnit = (typeof QUOTA_UNITS)[number]["unit"];
export type QuotaMode = "default" | "custom" | "unlimited";

export interface QuotaDraft {
  mode: QuotaMode;
  amount: string;
  unit: QuotaUnit;
}

/** The editor's starting point for a row: the largest unit the quota is a whole number of. */
export function draftFor(quotaBytes: number | null, isDefault: boolean): QuotaDraft {
  if (isDefault) return { mode: "default", amount: "", unit: "GiB" };
  if (quotaBytes === null) return { mode: "unlimited", amount: "", unit: "GiB" };
  const fit =
    [...QUOTA_UNITS].reverse().find((u) => quotaBytes >= u.bytes && quotaBytes % u.bytes === 0) ?? QUOTA_UNITS[0];
  const amount = quotaBytes / fit.bytes;
  return {
    mode: "custom",
    amount: String(Number.isInteger(amount) ? amount : Number(amount.toFixed(2))),
    unit: fit.unit,
  };
}

/** The API value of a draft, or an error message for a bad amount. */
export function quotaFromDraft(draft: QuotaDraft): { quota: QuotaInput } | { error: string } {
  if (draft.mode === "default") return { quota: null };
  if (draft.mode === "unlimited") return { quota: "unlimited" };
  const amount = Number(draft.amount.trim().replace(",", "."));
  if (!draft.amount.trim() || !Number.isFinite(amount) || amount < 0) return { error: "Enter a size, such as 10." };
  const bytes = Math.round(amount * QUOTA_UNITS.find((u) => u.unit === draft.unit)!.bytes);
  if (!Number.isSafeInteger(bytes)) return { error: "That size is too large." };
  return { quota: bytes };
}
