// Share links: request schemas and response types shared by the services and the browser
// (lib/client, components/share). Nothing here may import server-only code.
import { z } from "zod";
import type { WithDates } from "./dates";

/** Longest password a link accepts (argon2 hashes any length; this only bounds the work). */
export const MAX_SHARE_PASSWORD = 200;
export const MAX_DOWNLOAD_LIMIT = 1_000_000;

const password = z
  .string({ message: "password must be a string." })
  .min(1, { message: "The password cannot be empty." })
  .max(MAX_SHARE_PASSWORD, { message: `The password can be at most ${MAX_SHARE_PASSWORD} characters.` });

const expiresIn = z
  .number({ message: "expiresIn must be a number of seconds." })
  .int({ message: "expiresIn must be a whole number of seconds." })
  .positive({ message: "expiresIn must be positive." });

const expiresAt = z.iso
  .datetime({ offset: true, message: "expiresAt must be an ISO-8601 time." })
  .transform((v) => new Date(v));

const maxDownloads = z
  .number({ message: "maxDownloads must be a number." })
  .int({ message: "maxDownloads must be a whole number." })
  .min(1, { message: "maxDownloads must be at least 1." })
  .max(MAX_DOWNLOAD_LIMIT, { message: `maxDownloads can be at most ${MAX_DOWNLOAD_LIMIT}.` });

const oneExpiry = (body: { expiresIn?: number; expiresAt?: Date }) =>
  body.expiresIn === undefined || body.expiresAt === undefined;
const oneExpiryMessage = { message: "Give expiresIn or expiresAt, not both." };

/** `POST /api/files/{id}/shares`, `POST /api/folders/{id}/shares`. */
export const createShareBody = z
  .object({
    expiresIn: expiresIn.optional(),
    expiresAt: expiresAt.optional(),
    password: password.optional(),
    maxDownloads: maxDownloads.nullable().optional(),
  })
  .refine(oneExpiry, oneExpiryMessage);
export type CreateShareInput = z.infer<typeof createShareBody>;

/** `PATCH /api/shares/{id}`: absent fields stay; `password: null` / `maxDownloads: null` remove them. */
export const updateShareBody = z
  .object({
    expiresIn: expiresIn.optional(),
    expiresAt: expiresAt.optional(),
    password: password.nullable().optional(),
    maxDownloads: maxDownloads.nullable().optional(),
  })
  .refine(oneExpiry, oneExpiryMessage);
export type UpdateShareInput = z.infer<typeof updateShareBody>;

/** `POST /s/{token}/download` and the page's unlock form: `{password}` (JSON or form). */
export const sharePasswordBody = z.object({ password: z.string().max(MAX_SHARE_PASSWORD).optional() });

/**
 * active: it works. expired / revoked / exhausted (download limit reached): it answers 410 for good.
 * unavailable: its file or folder is in the trash (410 until restored).
 */
export type ShareStatus = "active" | "expired" | "revoked" | "exhausted" | "unavailable";

/** A share link as the owner sees it (dates as ISO strings once serialized). */
export interface ApiShare {
  id: string;
  url: string;
  expiresAt: string;
  maxDownloads: number | null;
  downloadCount: number;
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
  revokedAt: string | null;
  lastAccessAt: string | null;
  status: ShareStatus;
  /** `folderId`: where the file is (null: the root), so the list can lead to it. */
  file?: { id: string; name: string; folderId: string | null };
  folder?: { id: string; name: string };
}

/** A share link as toShareJson builds it (lib/shares/json.ts), before JSON turns its Dates into strings. */
export type ShareJson = WithDates<ApiShare, "expiresAt" | "createdAt" | "updatedAt" | "revokedAt" | "lastAccessAt">;

export interface ShareList {
  items: ApiShare[];
}

/** The expiry choices the share dialog offers, in seconds. */
export const EXPIRY_PRESETS = [
  { label: "1 hour", seconds: 3600 },
  { label: "1 day", seconds: 86_400 },
  { label: "7 days", seconds: 7 * 86_400 },
  { label: "30 days", seconds: 30 * 86_400 },
] as const;
