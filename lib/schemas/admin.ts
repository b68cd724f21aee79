// The admin console: request schemas and response types shared by lib/admin and the browser.
// Nothing here may import server-only code.
import { z } from "zod";
import { MIN_PASSWORD_LENGTH, type Role } from "./accounts";
import { withoutBlanks } from "./files";
import type { ReconcileReport } from "./reconcile";

/**
 * Stored in User.quotaBytes for "unlimited" (null there means "the default"): a size no store
 * reaches, so the reservation's `used + reserved + size <= quota` check needs no special case.
 */
export const UNLIMITED_QUOTA_BYTES = Number.MAX_SAFE_INTEGER;

export const usageSorts = ["usedBytes", "fileCount", "email"] as const;
export type UsageSort = (typeof usageSorts)[number];

export const usageQuery = z.preprocess(
  withoutBlanks,
  z.object({
    sort: z.enum(usageSorts).default("usedBytes"),
    order: z.enum(["asc", "desc"]).default("desc"),
    cursor: z.string().max(1000).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    q: z
      .string()
      .trim()
      .max(254)
      .optional()
      .transform((q) => q || undefined),
  }),
);
export type UsageQuery = z.infer<typeof usageQuery>;

/** A quota in bytes, null for the server's default, or "unlimited". */
export const quotaInput = z.union([
  z
    .number()
    .int()
    .min(0)
    .max(UNLIMITED_QUOTA_BYTES - 1),
  z.null(),
  z.literal("unlimited"),
]);
export type QuotaInput = z.infer<typeof quotaInput>;

export const updateUserInput = z
  .object({
    quotaBytes: quotaInput.optional(),
    role: z.enum(["USER", "ADMIN"]).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const createUserInput = z
  .object({
    email: z
      .email({ message: "Enter a valid email address." })
      .max(254)
      .transform((e) => e.trim().toLowerCase()),
    name: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((n) => (n ? n : undefined)),
    quotaBytes: quotaInput.optional(),
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserInput>;

export const setPasswordInput = z.object({
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` })
    .max(1024, { message: "That password is too long." }),
});

/** One account as the admin console lists it (API.md "Admin" row, plus a few extra fields). */
export interface AdminUserRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  usedBytes: number;
  /** The quota in force (the user's own, else the default); null = unlimited. */
  quotaBytes: number | null;
  /** True when the user follows the server's default quota. */
  quotaIsDefault: boolean;
  reservedBytes: number;
  fileCount: number;
  lastUploadAt: string | null;
  disabled: boolean;
  createdAt: string;
}

export interface UsageTotals {
  users: number;
  files: number;
  usedBytes: number;
  reservedBytes: number;
}

export interface UsagePage {
  totals: UsageTotals;
  users: AdminUserRow[];
  nextCursor: string | null;
}

export const contentCategories = ["images", "video", "audio", "documents", "archives", "other"] as const;
export type ContentCategory = (typeof contentCategories)[number];

const DOCUMENT_TYPES =
  /^(text\/|application\/(pdf|rtf|json|xml|epub\+zip|msword|vnd\.ms-|vnd\.openxmlformats-officedocument|vnd\.oasis\.opendocument))/;
const ARCHIVE_TYPES =
  /^application\/(zip|x-zip-compressed|x-tar|gzip|x-gzip|x-7z-compressed|x-rar-compressed|vnd\.rar|x-bzip2|x-xz|zstd)$/;

/** The group a MIME type is counted under in the drill-down. */
export function categoryOf(type: string): ContentCategory {
  const t = type.toLowerCase();
  if (t.startsWith("image/")) return "images";
  if (t.startsWith("video/")) return "video";
  if (t.startsWith("audio/")) return "audio";
  if (ARCHIVE_TYPES.test(t)) return "archives";
  if (DOCUMENT_TYPES.test(t)) return "documents";
  return "other";
}

export interface UsageSlice {
  files: number;
  bytes: number;
}

export interface AdminFile {
  id: string;
  name: string;
  size: number;
  type: string;
  driver: string;
  createdAt: string;
  /** Trashed files still count toward the quota until deleted for good. */
  deletedAt: string | null;
}

export interface UserDetail {
  user: AdminUserRow;
  largestFiles: AdminFile[];
  byCategory: (UsageSlice & { category: ContentCategory })[];
  byDriver: (UsageSlice & { driver: string })[];
  recentUploads: AdminFile[];
}

export interface StorageOverview {
  /** `missing`: files reconciliation marked unavailable (their bytes are gone or of the wrong size). */
  drivers: (UsageSlice & { driver: string; default: boolean; missing: number })[];
  pendingUploads: UsageSlice;
  reservedBytes: number;
  /** The backup mirror (driver null: STORAGE_MIRROR is off) and its queue: files whose copy is due or waits for a retry. */
  mirror: { driver: "local" | "s3" | null; backlog: number; retrying: number; oldestWaitingSince: string | null };
  /** The last finished reconciliation of each driver (null: never reconciled). */
  reconciliation: { driver: "local" | "s3"; lastRun: ReconcileReport | null }[];
}

export interface CreatedUser {
  user: AdminUserRow;
  setPasswordUrl: string;
}

/**
 * A date (2026-11-30) or a date-time (ISO-8601) as a Date; a bare date as the end of the range
 * means the end of that day (UTC).
 */
const auditDate = (endOfDay: boolean) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, { message: "Use a date like 2026-11-30." })
    .transform((value, ctx) => {
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: "That is not a valid date." });
        return z.NEVER;
      }
      return endOfDay && value.length === 10 ? new Date(date.getTime() + 86_400_000 - 1) : date;
    });

export const auditQuery = z.preprocess(
  withoutBlanks,
  z.object({
    /** An action (`share.create`) or a group of them (`share`, `admin.user`). */
    action: z
      .string()
      .trim()
      .max(100)
      .regex(/^[a-z_.]+$/, { message: "Use an action such as share.create." })
      .optional(),
    /** An email: events by that person or about their account. */
    person: z.string().trim().toLowerCase().max(254).optional(),
    /** An id: events about that file, folder, link, token or account. */
    target: z.string().trim().max(200).optional(),
    from: auditDate(false).optional(),
    to: auditDate(true).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  }),
);
export type AuditQuery = z.infer<typeof auditQuery>;

/** The action groups the audit page offers as a filter. */
export const auditActionGroups = [
  "auth.sign_in",
  "auth.sign_in.ok",
  "auth.sign_in.failed",
  "file",
  "file.upload",
  "folder",
  "trash",
  "bulk",
  "share",
  "share.download",
  "share.password.failed",
  "token",
  "session",
  "auth.second_factor",
  "auth.identity",
  "admin.user",
  "admin.identity",
  "admin.policy",
] as const;

/** One audit event as the admin page lists it. */
export interface AuditEventRow {
  id: string;
  action: string;
  createdAt: string;
  /** Who did it; null when nobody was established (a failed sign-in, a link visitor, the server). */
  actor: { id: string; email: string; name: string | null } | null;
  target: string | null;
  /** The account's email when the target is an account. */
  targetEmail: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditPage {
  items: AuditEventRow[];
  nextCursor: string | null;
}
