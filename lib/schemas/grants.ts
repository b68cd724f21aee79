// Sharing with people (grants): request schemas and response types shared by the services and the
// browser (components/share, the "Shared with me" page). Nothing here may import server-only code.
import { z } from "zod";

export const grantRole = z.enum(["VIEWER", "EDITOR"], { message: 'role must be "VIEWER" or "EDITOR".' });
export type GrantRoleName = z.infer<typeof grantRole>;

/** `POST /api/files/{id}/grants`, `POST /api/folders/{id}/grants`: a user or a group, and a role. */
export const createGrantBody = z
  .object({
    userId: z.string().min(1).optional(),
    groupId: z.string().min(1).optional(),
    role: grantRole,
  })
  .strict()
  .refine((b) => (b.userId === undefined) !== (b.groupId === undefined), {
    message: "Give userId or groupId (one of them).",
  });

/** `PATCH /api/grants/{id}`. */
export const updateGrantBody = z.object({ role: grantRole }).strict();

export interface GrantJson {
  id: string;
  role: GrantRoleName;
  user: { id: string; email: string; name: string | null } | null;
  group: { id: string; name: string } | null;
  createdAt: string;
}

export interface SharedWithMeJson {
  /** The grant's id (pin and unpin name it). */
  id: string;
  role: GrantRoleName;
  owner: { id: string; email: string; name: string | null };
  /** The group it came through; null for a grant to the user. */
  via: { id: string; name: string } | null;
  file: { id: string; name: string; size: number; type: string } | null;
  folder: { id: string; name: string } | null;
  pinned: boolean;
  createdAt: string;
}
