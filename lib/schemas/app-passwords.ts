// App passwords (per-device secrets for WebDAV, rclone and scripts): shared by the service and the settings page.
import { z } from "zod";

/** read: list and download only; write: also upload, rename, move and delete. */
export const APP_PASSWORD_SCOPES = ["read", "write"] as const;
export type AppPasswordScope = (typeof APP_PASSWORD_SCOPES)[number];

export const createAppPasswordInput = z.object({
  name: z
    .string({ message: "Give the app password a name." })
    .trim()
    .min(1, { message: "Give the app password a name." })
    .max(100, { message: "Use at most 100 characters." }),
  scope: z.enum(APP_PASSWORD_SCOPES, { message: "Choose read-only or read-write." }),
});

/** One app password as listed (GET /api/me/app-passwords): never its secret. Times are ISO-8601. */
export interface ApiAppPassword {
  id: string;
  name: string;
  scope: AppPasswordScope;
  createdAt: string;
  lastUsedAt: string | null;
}
