// File requests (upload-only links to a folder): the owner's input and answers, and what a visitor
// sees. Shared with the browser.
import { z } from "zod";

export const MAX_REQUEST_DAYS = 90;

export const createRequestInput = z.object({
  /** Seconds from now (default 7 days, at most 90 days). */
  expiresIn: z
    .number()
    .int()
    .min(60)
    .max(MAX_REQUEST_DAYS * 86_400)
    .default(7 * 86_400),
  password: z.string().min(1).max(200).optional(),
  maxFiles: z.number().int().min(1).max(100_000).optional(),
  maxFileBytes: z.number().int().min(1).optional(),
  message: z.string().trim().max(2000).optional(),
});
export type CreateRequestInput = z.infer<typeof createRequestInput>;

/** A request as its owner sees it. */
export interface FileRequestJson {
  id: string;
  url: string;
  folder: { id: string; name: string };
  message: string | null;
  expiresAt: string;
  hasPassword: boolean;
  maxFiles: number | null;
  maxFileBytes: number | null;
  fileCount: number;
  /** Files that arrived since the owner last marked the request seen (the badge). */
  unseenCount: number;
  revokedAt: string | null;
  createdAt: string;
}

/** What a visitor learns about a request: never the folder's name or contents. */
export interface RequestVisitJson {
  message: string | null;
  expiresAt: string;
  passwordRequired: boolean;
  maxFileBytes: number | null;
  /** null: no limit on the number of files. */
  filesLeft: number | null;
  owner: string;
}

export const visitorUploadInput = z.object({
  name: z.string(),
  size: z.number().int().nonnegative(),
  type: z.string().default(""),
  password: z.string().max(200).optional(),
});
