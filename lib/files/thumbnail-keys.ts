// Where a file's thumbnail is stored: next to the file, `<file key>.thumb.<version>.<ext>`. Each
// stored image gets a key of its own (a random version), so storing a new one never overwrites
// the image the row still names: a refused or losing PUT deletes only its own bytes. Keys from
// before versions (`<file key>.thumb.<ext>`) are still recognised.
import crypto from "node:crypto";

const THUMBNAIL_KEY = /^(.+)\.thumb(?:\.[A-Za-z0-9_-]+)?\.[a-z]+$/;

/** A fresh key for a thumbnail of the file stored at `storageKey`. */
export function newThumbnailKey(storageKey: string, extension: string): string {
  return `${storageKey}.thumb.${crypto.randomBytes(6).toString("base64url")}.${extension}`;
}

/** The file key a thumbnail key belongs to, or null when `key` is no thumbnail's. */
export function fileKeyOfThumbnail(key: string): string | null {
  return THUMBNAIL_KEY.exec(key)?.[1] ?? null;
}
