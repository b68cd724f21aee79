// Whole objects of the local driver: stat, read, write, delete and list files at their keys' paths.
import type fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { InvalidRangeError, ObjectNotFoundError, StorageError } from "./errors";
import { assertValidPrefix, compareKeys } from "./keys";
import { fileStream, type LocalLayout } from "./local-fs";
import { checkBeforeCommit, moveIntoPlace, receiveToTemp } from "./local-write";
import { logged, loggedList } from "./oplog";
import type { ByteRange, ObjectInfo, PutObjectRequest, ReadResult } from "./types";
import { assertSize } from "./validate";

export async function statObject(layout: LocalLayout, key: string): Promise<ObjectInfo> {
  const file = layout.objectPath(key);
  return logged(
    { op: "stat", driver: "local", key },
    async () => {
      let st: fs.Stats;
      try {
        st = await fsp.stat(file);
      } catch (err) {
        throw layout.fsError(err, { op: "stat", key });
      }
      if (!st.isFile()) throw new ObjectNotFoundError(key);
      return { key, size: st.size, lastModified: st.mtime };
    },
    (info) => info.size,
  );
}

/**
 * Sizes of many objects (null where none is stored), stat'ed at once and logged as one line: a
 * batch's complete checks hundreds of small files, and a line per file cost more than its stat.
 */
export async function objectSizes(layout: LocalLayout, keys: string[]): Promise<(number | null)[]> {
  const sizes = await logged(
    { op: "stats", driver: "local", key: keys[0] },
    () =>
      Promise.all(
        keys.map((key) =>
          fsp.stat(layout.objectPath(key)).then(
            (st) => (st.isFile() ? st.size : null),
            (err: unknown) => {
              const mapped = layout.fsError(err, { op: "stat", key });
              if (mapped instanceof ObjectNotFoundError) return null;
              throw mapped;
            },
          ),
        ),
      ),
    (all) => all.reduce<number>((sum, size) => sum + (size ?? 0), 0),
  );
  return sizes;
}

export async function readObject(layout: LocalLayout, key: string, range?: ByteRange): Promise<ReadResult> {
  const file = layout.objectPath(key);
  return logged(
    { op: "read", driver: "local", key },
    async () => {
      let fh: fsp.FileHandle;
      try {
        fh = await fsp.open(file, "r");
      } catch (err) {
        throw layout.fsError(err, { op: "read", key });
      }
      try {
        // Size from the open handle: a concurrent replace cannot mix two versions.
        const st = await fh.stat();
        if (!st.isFile()) throw new ObjectNotFoundError(key);
        const size = st.size;
        let start = 0;
        let end = size - 1;
        if (range) {
          if (
            !Number.isSafeInteger(range.start) ||
            !Number.isSafeInteger(range.end) ||
            range.start < 0 ||
            range.end < range.start ||
            range.start >= size
          ) {
            throw new InvalidRangeError(size);
          }
          start = range.start;
          end = Math.min(range.end, size - 1);
        }
        return {
          body: fileStream(fh, start, end),
          size,
          range: range ? { start, end } : undefined,
        } satisfies ReadResult;
      } catch (err) {
        await fh.close().catch(() => {});
        throw err instanceof StorageError ? err : layout.fsError(err, { op: "read", key });
      }
    },
    (r) => (r.range ? r.range.end - r.range.start + 1 : r.size),
  );
}

/**
 * Streams the body to a temp file and renames it to the key's path when it has exactly `size` bytes.
 * With `md5` the ETag is the MD5 of the bytes written (server-side copies verify it).
 */
export async function putObject(
  layout: LocalLayout,
  o: PutObjectRequest,
  { md5 }: { md5: boolean } = { md5: false },
): Promise<{ etag: string }> {
  const target = layout.objectPath(o.key);
  assertSize(o.size);
  return logged({ op: "write", driver: "local", key: o.key, bytes: o.size }, async () => {
    const { tmp, etag } = await receiveToTemp(layout, o.body, o.size, { op: "write", key: o.key }, { md5 });
    await checkBeforeCommit(tmp, o.commitCheck);
    await moveIntoPlace(layout, tmp, target, { op: "write", key: o.key });
    return { etag };
  });
}

export async function deleteObject(layout: LocalLayout, key: string): Promise<void> {
  const file = layout.objectPath(key);
  await logged({ op: "delete", driver: "local", key }, async () => {
    try {
      await fsp.unlink(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return;
      throw layout.fsError(err, { op: "delete", key });
    }
    await pruneEmptyDirs(layout, path.dirname(file));
  });
}

/**
 * Every object whose key starts with `prefix`, in key order, walking only the folders that can hold
 * one. Lazy: one folder's names are read at a time (one owner's), each file is stat'ed as it is reached.
 */
export async function* listObjects(layout: LocalLayout, prefix: string): AsyncGenerator<ObjectInfo> {
  assertValidPrefix(prefix);
  const slash = prefix.lastIndexOf("/");
  const baseKey = slash === -1 ? "" : prefix.slice(0, slash);
  const start = baseKey ? path.join(layout.root, ...baseKey.split("/")) : layout.root;
  yield* loggedList("local", prefix, walk(layout, start, baseKey, prefix));
}

/** Removes the now-empty owner folder after a delete (never the root). */
async function pruneEmptyDirs(layout: LocalLayout, dir: string): Promise<void> {
  while (layout.contains(dir)) {
    try {
      await fsp.rmdir(dir);
    } catch {
      return; // not empty (or already gone): stop
    }
    dir = path.dirname(dir);
  }
}

async function* walk(layout: LocalLayout, dir: string, dirKey: string, prefix: string): AsyncGenerator<ObjectInfo> {
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return;
    throw layout.fsError(err, { op: "list", key: prefix });
  }
  // Key order: a folder's keys all start with "<name>/", so it sorts as that ("a/…" after "a-b").
  const sortName = (entry: fs.Dirent) => (entry.isDirectory() ? `${entry.name}/` : entry.name);
  entries.sort((a, b) => compareKeys(sortName(a), sortName(b)));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue; // .tmp, .multipart: never keys
    const key = dirKey ? `${dirKey}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const asDir = `${key}/`;
      if (asDir.startsWith(prefix) || prefix.startsWith(asDir)) yield* walk(layout, full, key, prefix);
    } else if (entry.isFile() && key.startsWith(prefix)) {
      try {
        const st = await fsp.stat(full);
        yield { key, size: st.size, lastModified: st.mtime };
      } catch {
        // deleted while listing
      }
    }
  }
}
