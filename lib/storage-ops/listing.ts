// The two sides reconciliation merge-joins, both in key order (byte order, `compareKeys`) and both
// read page by page, so a bucket of a million objects is never held in memory: the store's
// listing, and the keys the database expects to exist — File rows (every driver's: a key held by
// another driver's row is a mirror copy or a migration's source, never an orphan), their
// thumbnails, and keys queued for deletion (StorageCleanup). Also the store's multipart uploads
// with whether an open upload (or a pending cleanup) owns each.
import { db } from "../db";
import { compareKeys, type DriverName } from "../storage";
import type { PendingMultipart, StorageDriver } from "../storage/types";
import { renditionKeys } from "../files/thumbnail-keys";

/** What the database says about one key. */
export type Expected =
  | {
      kind: "file";
      key: string;
      file: { id: string; size: bigint; status: string; driver: string; missingAt: Date | null };
    }
  | { kind: "thumbnail"; key: string; fileId: string }
  | { kind: "cleanup"; key: string }
  /** An older version of a file (lib/versions): never an orphan. */
  | { kind: "version"; key: string };

/** File rows in storageKey order, keyset page after page, each followed in order by its thumbnail key. */
async function* fileKeys(pageSize: number): AsyncGenerator<Expected> {
  // A thumbnail key ("<key>.thumb.webp") sorts after its file's key but possibly after later keys
  // too: it waits here until the file keys have passed it (one or two entries in practice).
  const thumbnails: Expected[] = [];
  let after: string | undefined;
  for (;;) {
    const rows = await db.file.findMany({
      where: after === undefined ? {} : { storageKey: { gt: after } },
      orderBy: { storageKey: "asc" },
      take: pageSize,
      select: {
        id: true,
        storageKey: true,
        thumbnailKey: true,
        previewKey: true,
        size: true,
        status: true,
        driver: true,
        missingAt: true,
      },
    });
    for (const row of rows) {
      while (thumbnails.length && compareKeys(thumbnails[0]!.key, row.storageKey) < 0) yield thumbnails.shift()!;
      yield { kind: "file", key: row.storageKey, file: row };
      for (const key of renditionKeys(row)) {
        thumbnails.push({ kind: "thumbnail", key, fileId: row.id });
        thumbnails.sort((a, b) => compareKeys(a.key, b.key));
      }
    }
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.storageKey;
  }
  yield* thumbnails;
}

/** Keys of this driver waiting for the sweeper to delete them, in key order. */
async function* cleanupKeys(driver: DriverName, pageSize: number): AsyncGenerator<Expected> {
  let after = "";
  for (;;) {
    const rows = await db.storageCleanup.findMany({
      where: { driver, key: { gt: after } },
      orderBy: { key: "asc" },
      take: pageSize,
      select: { key: true },
    });
    for (const row of rows) yield { kind: "cleanup", key: row.key };
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.key;
  }
}

/** Keys of file versions, in key order (every driver's, like File rows: the mirror holds copies). */
async function* versionKeys(pageSize: number): AsyncGenerator<Expected> {
  let after = "";
  for (;;) {
    const rows = await db.fileVersion.findMany({
      where: { storageKey: { gt: after } },
      orderBy: { storageKey: "asc" },
      take: pageSize,
      select: { storageKey: true },
    });
    for (const row of rows) yield { kind: "version", key: row.storageKey };
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.storageKey;
  }
}

/** Every key the database expects (or tolerates) on `driver`, in key order. */
export function expectedKeys(driver: DriverName, pageSize: number): AsyncGenerator<Expected> {
  return inKeyOrder(
    "the database",
    mergeSorted([fileKeys(pageSize), cleanupKeys(driver, pageSize), versionKeys(pageSize)]),
  );
}

/** Multipart uploads, a page at a time, with whether an open upload or a pending cleanup owns each. */
export async function* multipartWithOwners(driver: StorageDriver, pageSize: number) {
  let page: PendingMultipart[] = [];
  const flush = async () => {
    const ids = page.map((u) => u.uploadId);
    const owners = new Set([
      ...(await db.upload.findMany({ where: { multipartId: { in: ids } }, select: { multipartId: true } })).map(
        (u) => u.multipartId,
      ),
      ...(await db.storageCleanup.findMany({ where: { multipartId: { in: ids } }, select: { multipartId: true } })).map(
        (c) => c.multipartId,
      ),
    ]);
    const done = page.map((upload) => ({ upload, owned: owners.has(upload.uploadId) }));
    page = [];
    return done;
  };
  for await (const upload of driver.listMultipart({ pageSize })) {
    page.push(upload);
    if (page.length >= pageSize) yield* await flush();
  }
  if (page.length) yield* await flush();
}

/** Merges sorted streams into one sorted stream (k is small: a linear scan of the heads). */
async function* mergeSorted<T extends { key: string }>(streams: AsyncIterator<T>[]): AsyncGenerator<T> {
  const heads = await Promise.all(streams.map((s) => s.next()));
  for (;;) {
    let min = -1;
    for (let i = 0; i < heads.length; i++) {
      if (heads[i]!.done) continue;
      if (min === -1 || compareKeys(heads[i]!.value.key, heads[min]!.value.key) < 0) min = i;
    }
    if (min === -1) return;
    yield heads[min]!.value;
    heads[min] = await streams[min]!.next();
  }
}

/**
 * Passes a stream through, failing as soon as a key comes before the one it followed: a merge-join
 * of unsorted input would call present keys missing. (A PostgreSQL database whose collation is not
 * byte order, or a store that lists out of order, stops the run here instead of misreporting.)
 */
export async function* inKeyOrder<T extends { key: string }>(source: string, items: AsyncIterable<T>) {
  let previous: string | undefined;
  for await (const item of items) {
    if (previous !== undefined && compareKeys(item.key, previous) < 0) {
      throw new Error(`${source} listed "${item.key}" after "${previous}": keys are not in byte order.`);
    }
    previous = item.key;
    yield item;
  }
}

/** One step of a merge-join: a stored object and every expectation about its key (maybe none), or expectations without an object. */
export interface Joined<O> {
  object: O | null;
  expected: Expected[];
}

/** Merge-joins stored objects with the expected keys, both in key order. */
export async function* mergeJoin<O extends { key: string }>(
  objects: AsyncIterable<O>,
  expected: AsyncIterable<Expected>,
): AsyncGenerator<Joined<O>> {
  const want = expected[Symbol.asyncIterator]();
  let next = await want.next();
  const takeWhile = async (test: (key: string) => boolean) => {
    const taken: Expected[] = [];
    while (!next.done && test(next.value.key)) {
      taken.push(next.value);
      next = await want.next();
    }
    return taken;
  };
  for await (const object of objects) {
    // Expectations before this object: their keys hold nothing, one key at a time.
    while (!next.done && compareKeys(next.value.key, object.key) < 0) {
      const key = next.value.key;
      yield { object: null, expected: await takeWhile((k) => k === key) };
    }
    yield { object, expected: await takeWhile((k) => k === object.key) };
  }
  while (!next.done) {
    const key = next.value.key;
    yield { object: null, expected: await takeWhile((k) => k === key) };
  }
}
