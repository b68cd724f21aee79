// GET /api/admin/usage.csv: the usage table's rows as CSV (RFC 4180), streamed page by page so
// 10,000 accounts never sit in memory at once, and safe to open in a spreadsheet.
import type { AdminUserRow, UsageQuery } from "../schemas/admin";
import { listUsers } from "./usage";

const COLUMNS = [
  "id",
  "email",
  "name",
  "role",
  "usedBytes",
  "quotaBytes",
  "fileCount",
  "lastUploadAt",
  "disabled",
] as const satisfies readonly (keyof AdminUserRow)[];

const PAGE_SIZE = 500;

/**
 * One CSV cell. A text starting with = + - @ (or a tab or carriage return) is a formula to
 * spreadsheet programs: it gets a leading apostrophe (OWASP's advice) so it reads as text. Then
 * the cell is quoted when it holds a comma, quote or line break.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(row: AdminUserRow): string {
  return `${COLUMNS.map((column) => csvCell(row[column])).join(",")}\r\n`;
}

/** The rows of `query` (its sort, order and search; all pages) as a stream of CSV text. */
export function usageCsvStream(query: Omit<UsageQuery, "cursor" | "limit">): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${COLUMNS.join(",")}\r\n`));
      }
      const page = await listUsers({ ...query, cursor, limit: PAGE_SIZE });
      if (page.users.length) controller.enqueue(encoder.encode(page.users.map(csvLine).join("")));
      if (!page.nextCursor) controller.close();
      cursor = page.nextCursor ?? undefined;
    },
  });
}
