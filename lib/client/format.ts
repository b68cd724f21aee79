// Formatting for people: durations, speeds and dates. Sizes use formatBytes from lib/bytes.
import { formatBytes } from "@/lib/bytes";

/** "12 s", "3 min", "1 h 5 min" — for time left. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "";
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours >= 24) return `${Math.round(hours / 24)} d`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "2.4 MB/s" */
export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(Math.max(0, Math.round(bytesPerSecond)))}/s`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Short, relative for recent dates ("just now", "5 min ago", "3 hr. ago", "yesterday"),
 * a short date after a week ("Mar 4", or "Mar 4, 2023" in another year).
 */
export function formatRelativeDate(date: Date, now: Date = new Date(), locale?: string): string {
  const diff = now.getTime() - date.getTime();
  if (diff >= -MINUTE && diff < 45_000) return "just now";
  if (diff >= 0 && diff < 7 * DAY) {
    const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
    if (diff < HOUR) return rtf.format(-Math.max(1, Math.round(diff / MINUTE)), "minute");
    if (diff < DAY) return rtf.format(-Math.round(diff / HOUR), "hour");
    return rtf.format(-calendarDaysBetween(date, now), "day");
  }
  const sameYear = date.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
  }).format(date);
}

/** Whole calendar days between two dates in local time (so 23:00 -> 01:00 is "yesterday"). */
function calendarDaysBetween(from: Date, to: Date): number {
  const a = new Date(from.getFullYear(), from.getMonth(), from.getDate()).getTime();
  const b = new Date(to.getFullYear(), to.getMonth(), to.getDate()).getTime();
  return Math.max(1, Math.round((b - a) / DAY));
}

/** Full date and time, for tooltips: "Mar 4, 2024, 3:07 PM". */
export function formatDateTime(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}
