// Files and folders: request schemas and response types shared by the services and the
// browser (lib/client). Nothing here may import server-only code.
import { z } from "zod";
import type { WithDates } from "./dates";

// Control characters (C0, DEL, C1), slashes and NUL cannot be part of a file or folder name.
const FORBIDDEN_NAME = /[\u0000-\u001f\u007f-\u009f/\\]/;
// Bidirectional controls let "invoice\u202Efdp.exe" show as "invoiceexe.pdf": a name must read as
// what it is, so the embedding, override and isolate controls are refused.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/**
 * A file or folder name: trimmed, NFC-normalized, 1–255 characters, no slashes or control
 * characters. NFC from the start: "café" composed (NFC, most systems) and decomposed (NFD, macOS)
 * are then one name, so the unique-name rules keep two of them from sitting in one folder (they
 * would overwrite each other when a zip of it is unpacked on a Mac).
 */
export const itemName = z
  .string({ message: "name is required." })
  .transform((n) => n.trim().normalize("NFC"))
  .pipe(
    z
      .string()
      .min(1, { message: "The name cannot be empty." })
      .max(255, { message: "The name can be at most 255 characters." })
      .refine((n) => !FORBIDDEN_NAME.test(n), { message: "The name cannot contain /, \\ or control characters." })
      .refine((n) => !BIDI_CONTROL.test(n), { message: "The name cannot contain text-direction control characters." })
      .refine((n) => n !== "." && n !== "..", { message: "That name is reserved." }),
  );

// `?folderId=&q=` (empty values, as API.md writes the parameter list) mean "not given".
const blankIsAbsent = (value: unknown) => (value === "" ? undefined : value);
export const withoutBlanks = (query: unknown) =>
  query && typeof query === "object"
    ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, blankIsAbsent(v)]))
    : query;

export const listFilesQuery = z.preprocess(
  withoutBlanks,
  z.object({
    folderId: z.string().min(1).optional(),
    q: z
      .string()
      .trim()
      .max(255)
      .optional()
      .transform((q) => q || undefined),
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

/** One folder on the way from the root down to an item: `[{id, name}, ...]`. */
export interface PathEntry {
  id: string;
  name: string;
}

export type MediaState = "queued" | "ready" | "none" | "failed";

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
  /** A small preview image exists (GET /api/files/{id}/thumbnail). */
  hasThumbnail: boolean;
  /** A large preview image (at most 2048 px) made by the server exists (GET /api/files/{id}/preview). */
  hasPreview: boolean;
  /**
   * The server's media queue for this file: null (not looked at yet), "queued" (renditions on the
   * way), "ready" (made), "none" (nothing to render: the icon stays) or "failed" (gave up).
   */
  media: MediaState | null;
  /**
   * When reconciliation found the stored bytes missing (or of the wrong size); null normally. Such
   * a file is shown as unavailable, and downloading it answers 409 `file_unavailable`.
   */
  missingAt: string | null;
  /** An active share link exists (not revoked, not expired). */
  shared: boolean;
  /** Search hits and trash entries: the folders from the root down to the file's folder. */
  path?: PathEntry[];
}

export interface ApiFolder {
  id: string;
  name: string;
  parentId: string | null;
  createdAt: string;
  /** An active share link exists for this folder. */
  shared?: boolean;
  /** Search hits and trash entries: the folders from the root down to this folder's parent. */
  path?: PathEntry[];
  /** Trash entries: when the folder went to the trash. */
  deletedAt?: string | null;
}

/** A file as toFileJson builds it (lib/files/json.ts), before JSON turns its Dates into strings. */
export type FileJson = WithDates<ApiFile, "createdAt" | "updatedAt" | "deletedAt" | "missingAt">;
/** A folder as toFolderJson builds it. */
export type FolderJson = WithDates<ApiFolder, "createdAt" | "deletedAt">;

export interface FileList {
  folders: ApiFolder[];
  items: ApiFile[];
  nextCursor: string | null;
  /**
   * What the caller may do in the listed folder: "owner" (their own, or the root), "EDITOR" or
   * "VIEWER" (shared with them); null for callers that are not users.
   */
  access?: "owner" | "EDITOR" | "VIEWER" | null;
}

/** GET /api/folders/{id}: the folder and the breadcrumbs from the root down to it (included). */
export interface FolderDetail {
  folder: ApiFolder;
  path: PathEntry[];
  /** "owner", or the role ("EDITOR"/"VIEWER") a grant gives the caller on this shared folder. */
  access?: "owner" | "EDITOR" | "VIEWER" | null;
}

/** GET /api/folders/tree: every live folder, for the move dialog. */
export interface FolderTree {
  folders: { id: string; name: string; parentId: string | null }[];
}

/** GET /api/trash: the roots of what went to the trash (a trashed folder stands for its contents). */
export interface TrashList {
  items: ApiFile[];
  folders: (ApiFolder & { deletedAt: string })[];
  nextCursor: string | null;
}

// ── Requests ──────────────────────────────────────────────────────────────────

const id = z.string().min(1).max(100);

export const createFolderInput = z.object({ name: itemName, parentId: id.nullish() });
export type CreateFolderInput = z.infer<typeof createFolderInput>;

/** Rename and/or move; `parentId: null` moves to the root, leaving it out keeps the parent. */
export const updateFolderInput = z
  .object({ name: itemName.optional(), parentId: id.nullable().optional() })
  .refine((v) => v.name !== undefined || v.parentId !== undefined, { message: "Give a new name or parentId." });
export type UpdateFolderInput = z.infer<typeof updateFolderInput>;

/** POST /api/folders/ensure: a dropped folder structure, created where missing. */
export const ensureFolderInput = z.object({
  parentId: id.nullish(),
  path: z.array(itemName).min(1, { message: "path needs at least one folder name." }).max(64),
});
export type EnsureFolderInput = z.infer<typeof ensureFolderInput>;

/** Rename and/or move; `folderId: null` moves to the root. */
export const updateFileInput = z
  .object({ name: itemName.optional(), folderId: id.nullable().optional() })
  .refine((v) => v.name !== undefined || v.folderId !== undefined, { message: "Give a new name or folderId." });
export type UpdateFileInput = z.infer<typeof updateFileInput>;

/** `?permanent=1` on DELETE: delete for good instead of moving to the trash. */
export const deleteQuery = z.preprocess(
  withoutBlanks,
  z.object({
    permanent: z
      .enum(["0", "1", "true", "false"])
      .optional()
      .transform((v) => v === "1" || v === "true"),
  }),
);

export const trashQuery = z.preprocess(
  withoutBlanks,
  z.object({ cursor: z.string().max(1000).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) }),
);
export type TrashQuery = z.infer<typeof trashQuery>;

const idList = z.array(id).max(10_000).default([]);

/** Files and folders picked in the browser (bulk actions, zip). */
export const selectionInput = z
  .object({ fileIds: idList, folderIds: idList })
  .refine((v) => v.fileIds.length + v.folderIds.length > 0, { message: "Select at least one file or folder." });
export type Selection = z.infer<typeof selectionInput>;

export const bulkInput = z
  .object({
    action: z.enum(["move", "trash", "restore", "delete"]),
    fileIds: idList,
    folderIds: idList,
    /** The target of a move; null = the root. */
    folderId: id.nullish(),
  })
  .refine((v) => v.fileIds.length + v.folderIds.length > 0, { message: "Select at least one file or folder." })
  .refine((v) => v.action !== "move" || v.folderId !== undefined, {
    message: "folderId (the target, null for the root) is required to move.",
  });
export type BulkInput = z.infer<typeof bulkInput>;

/** Thumbnails the browser makes at upload time. */
export const THUMBNAIL_TYPES = ["image/webp", "image/jpeg", "image/png"] as const;
export const MAX_THUMBNAIL_BYTES = 64 * 1024;
