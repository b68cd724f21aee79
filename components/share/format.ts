// Wording shared by the owner's pages and the public link page (server and browser alike).
import type { ShareStatus } from "@/lib/schemas/shares";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "in 3 days", "in 5 hours", "in 1 minute", "2 days ago": how far a time is from now. */
export function fromNow(date: Date, now: Date = new Date()): string {
  const diff = date.getTime() - now.getTime();
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "always" });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return diff > 0 ? "in less than a minute" : "just now";
}

export const STATUS_LABELS: Record<ShareStatus, string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
  exhausted: "Used up",
  unavailable: "In trash",
};
