// Where a file's renditions are stored: next to the file, `<file key>.thumb.<version>.<ext>` (the
// grid's thumbnail) and `<file key>.preview.<version>.<ext>` (the large preview the server makes).
// Each stored image gets a key of its own (a random version), so storing a new one never
// overwrites the image the row still names: a refused or losing write deletes only its own bytes.
// Keys from before versions (`<file key>.thumb.<ext>`) are still recognised.
import crypto from "node:crypto";

const RENDITION_KEY = /^(.+)\.(?:thumb|preview)(?:\.[A-Za-z0-9_-]+)?\.[a-z]+$/;

/** A fresh key for a thumbnail of the file stored at `storageKey`. */
export function newThumbnailKey(storageKey: string, extension: string): string {
  return `${storageKey}.thumb.${crypto.randomBytes(6).toString("base64url")}.${extension}`;
}

/** A fresh key for a preview of the file stored at `storageKey`. */
export function newPreviewKey(storageKey: string, extension: string): string {
  return `${storageKey}.preview.${crypto.randomBytes(6).toString("base64url")}.${extension}`;
}

/** The file key a thumbnail or preview key belongs to, or null when `key` is no rendition's. */
export function fileKeyOfThumbnail(key: string): string | null {
  return RENDITION_KEY.exec(key)?.[1] ?? null;
}

/** The rendition keys a File row names (thumbnail, preview), for the code that copies, moves or deletes them. */
export function renditionKeys(file: { thumbnailKey: string | null; previewKey?: string | null }): string[] {
  return [file.thumbnailKey, file.previewKey ?? null].filter((key): key is string => key !== null);
}
