// A file's older versions as the API answers them (GET /api/files/{id}/versions) and the name-clash
// question the browser asks before an upload, shared with the browser.
import { z } from "zod";

export interface FileVersionJson {
  id: string;
  size: number;
  type: string;
  /** When these bytes were uploaded (became the file's content). */
  createdAt: string;
  /** When newer bytes replaced them. */
  replacedAt: string;
  /** Who uploaded them; null when unknown (that account is gone). */
  createdBy: { id: string; name: string | null; email: string } | null;
}

export interface FileVersionList {
  items: FileVersionJson[];
}

/** POST /api/files/name-clashes: which of these names a folder's live files already have. */
export const nameClashesInput = z.object({
  folderId: z.string().min(1).max(100).nullish(),
  names: z.array(z.string().min(1).max(255)).min(1).max(500, { message: "Ask about at most 500 names at a time." }),
});

export interface NameClashes {
  /** The names taken, each with the file holding it (an upload with `replace` would replace that file). */
  clashes: { name: string; fileId: string }[];
}
