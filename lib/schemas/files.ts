// Files and folders: request schemas and response types shared by the services and the
// browser (lib/client). Nothing here may import server-only code.
import { z } from "zod";

// Control characters (C0, DEL, C1), slashes and NUL cannot be part of a file or folder name.
const FORBIDDEN_NAME = /[\u0000-\u001f\u007f-\u009f/\\]/;

/** A file or folder name: trimmed, 1–255 characters, no slashes or control characters. */
export const itemName = z
  .string({ message: "name is required." })
  .transform((n) => n.trim())
  .pipe(
    z
      .string()
      .min(1, { message: "The name cannot be empty." })
      .max(255, { message: "The name can be at most 255 characters." })
      .refine((n) => !FORBIDDEN_NAME.test(n), { message: "The name cannot contain /, \\ or control characters." })
      .refine((n) => n !== "." && n !== "..", { message: "That name is reserved." }),
  );

// `?folderId=&q=` (empty values, as API.md writes the parameter list) mean "not given".
const blankIsAbsent = (value: unknown) => (value === "" ? undefined : value);
export const withoutBlanks = (query: unknown) =>
  query && typeof query === "object" ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, blankIsAbsent(v)])) : query;

export const listFilesQuery = z.preprocess(
  withoutBlanks,
  z.object({
    folderId: z.string().min(1).optional(),
    q: z.string().trim().max(255).optional().transform((q) => q || undefined),
    sort: z.enum(["name", "size", "createdAt"]).default("name"),
    order: z.enum(["asc", "desc"]).default("asc"),
    cursor: z.string().max(1000).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  }),
);
export type ListFilesQuery = z.infer<typeof listFilesQuery>;
/** What the browser passes to list a folder (absent values are left out of the URL). */
export interface ListFilesParams {
  folderId?: string | null;
  q?: string;
  sort?: ListFilesQuery["sort"];
  order?: ListFilesQuery["order"];
  cursor?: string | null;
  limit?: number;
}

/** A file as the API returns it (dates as ISO strings once serialized). */
export interface ApiFile {
  id: string;
  name: string;
  size: number;
  type: string;
  folderId: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface ApiFolder {
  id: string;
  name: string;
  parentId: string | null;
  createdAt: string;
}

export interface FileList {
  folders: ApiFolder[];
  items: ApiFile[];
  nextCursor: string | null;
}
