// Groups and the people picker: request schemas and response types shared by the services and the
// browser (components/admin, components/share). Nothing here may import server-only code.
import { z } from "zod";

export const MAX_GROUP_NAME = 100;

export const groupName = z
  .string({ message: "name must be a string." })
  .trim()
  .min(1, { message: "The group needs a name." })
  .max(MAX_GROUP_NAME, { message: `A group name can be at most ${MAX_GROUP_NAME} characters.` });

/** `POST /api/admin/groups`, `PATCH /api/admin/groups/{id}`. */
export const groupBody = z.object({ name: groupName }).strict();

/** `POST /api/admin/groups/{id}/members`. */
export const addMemberBody = z.object({ userId: z.string({ message: "userId must be a string." }).min(1) }).strict();

/** `GET /api/people?q=`: whom the share dialog can pick. */
export const peopleQuery = z.object({
  q: z.string().trim().min(1, { message: "q must not be empty." }).max(200),
});

export interface GroupJson {
  id: string;
  name: string;
  /** null = managed in the admin console; "oidc" = kept in sync from the sign-in provider. */
  provider: string | null;
  memberCount: number;
  createdAt: string;
}

export interface GroupMemberJson {
  id: string;
  email: string;
  name: string | null;
}

export interface PeopleJson {
  users: GroupMemberJson[];
  groups: { id: string; name: string; memberCount: number }[];
}
