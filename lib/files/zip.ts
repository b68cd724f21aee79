// Many files as one zip, streamed: entries are read from their stores one after the other while
// the zip goes out (client-zip, stored without compression), so memory stays flat whatever the
// size and nothing touches the disk. Folders keep their structure; names are made unique inside
// each folder of the zip, ignoring case and Unicode normalization ("a.txt", "A.txt" -> "a.txt",
// "A (1).txt"; "café" in NFC and NFD likewise), because the disks people unzip onto often ignore
// them (names stored before they were normalized may differ so). Takes an Actor: a share link
// zips through here too.
import { makeZip, predictLength } from "client-zip";
import { db } from "../db";
import type { File, Folder } from "../generated/prisma/client";
import { conflict, notFound } from "../errors";
import type { Selection } from "../schemas/files";
import { readableDriver } from "../storage-ops/mirror";
import { fileScope, folderScope, type Actor } from "./access";
import { collisionKey, uniqueName } from "./names";
import { sliced } from "./slices";

/** The longest entry name the zip format can record (a 16-bit length). */
const MAX_ZIP_NAME_BYTES = 0xffff;

export interface ZipEntry {
  /** The path inside the zip; folders end with "/". */
  name: string;
  lastModified: Date;
  file?: Pick<File, "driver" | "mirroredAt" | "missingAt"> & { key: string; size: number };
}

export interface ZipPlan {
  filename: string;
  entries: ZipEntry[];
}

/** A folder of the zip being planned: the names used in it so far. */
class ZipDirectory {
  private readonly taken = new Set<string>();
  constructor(readonly prefix: string) {}

  /** The path of `name` inside this directory (NFC, as names are stored now), made unique. */
  claim(name: string, isFolder: boolean): string {
    const unique = uniqueName(name.normalize("NFC"), (n) => this.taken.has(collisionKey(n)), !isFolder);
    this.taken.add(collisionKey(unique));
    return `${this.prefix}${unique}${isFolder ? "/" : ""}`;
  }
}

const fileEntry = (path: string, file: File): ZipEntry => ({
  name: path,
  lastModified: file.createdAt,
  file: {
    driver: file.driver,
    mirroredAt: file.mirroredAt,
    missingAt: file.missingAt,
    key: file.storageKey,
    size: Number(file.size),
  },
});

/** Files whose stored bytes reconciliation found missing are left out: the zip holds what can be read. */
const available = (files: File[]) => files.filter((file) => !file.missingAt);

async function readAll<T extends { id: string }>(
  ids: string[],
  read: (slice: string[]) => Promise<T[]>,
  what: string,
): Promise<T[]> {
  const unique = [...new Set(ids)];
  const rows = await sliced(unique, read);
  if (rows.length !== unique.length) throw notFound(what);
  return rows;
}

/** Adds a folder and everything live below it, level by level. */
async function addFolder(actor: Actor, entries: ZipEntry[], parent: ZipDirectory, folder: Folder): Promise<void> {
  let level: { folder: { id: string; name: string }; dir: ZipDirectory }[] = [];
  const path = parent.claim(folder.name, true);
  entries.push({ name: path, lastModified: folder.createdAt });
  level.push({ folder, dir: new ZipDirectory(path) });
  while (level.length) {
    const dirs = new Map(level.map((l) => [l.folder.id, l.dir]));
    const ids = [...dirs.keys()];
    const subfolders = await sliced(ids, (slice) =>
      db.folder.findMany({
        where: { AND: [folderScope(actor), { parentId: { in: slice } }] },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      }),
    );
    const next: typeof level = [];
    for (const sub of subfolders) {
      const subPath = dirs.get(sub.parentId!)!.claim(sub.name, true);
      entries.push({ name: subPath, lastModified: sub.createdAt });
      next.push({ folder: sub, dir: new ZipDirectory(subPath) });
    }
    const files = await sliced(ids, (slice) =>
      db.file.findMany({
        where: { AND: [fileScope(actor), { folderId: { in: slice } }] },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      }),
    );
    for (const file of available(files))
      entries.push(fileEntry(dirs.get(file.folderId!)!.claim(file.name, false), file));
    level = next;
  }
}

/** What a zip of these files and folders holds; any id the actor may not see answers 404. */
export async function zipEntries(actor: Actor, selection: Pick<Selection, "fileIds" | "folderIds">): Promise<ZipPlan> {
  const files = await readAll(
    selection.fileIds,
    (ids) => db.file.findMany({ where: { AND: [{ id: { in: ids } }, fileScope(actor)] }, orderBy: { name: "asc" } }),
    "File",
  );
  const folders = await readAll(
    selection.folderIds,
    (ids) =>
      db.folder.findMany({ where: { AND: [{ id: { in: ids } }, folderScope(actor)] }, orderBy: { name: "asc" } }),
    "Folder",
  );
  const root = new ZipDirectory("");
  const entries: ZipEntry[] = [];
  for (const folder of folders) await addFolder(actor, entries, root, folder);
  for (const file of available(files)) entries.push(fileEntry(root.claim(file.name, false), file));
  // The format stores each name's length in 16 bits: a longer one would make a corrupt archive. Only
  // folders made before their paths were bounded (folder-limits.ts) can reach it.
  const tooLong = entries.find((entry) => Buffer.byteLength(entry.name) > MAX_ZIP_NAME_BYTES);
  if (tooLong) {
    throw conflict(
      `A path in this selection is longer than a zip can hold (${MAX_ZIP_NAME_BYTES} bytes): move or rename its folders first.`,
    );
  }
  const filename = folders.length === 1 && files.length === 0 ? `${folders[0]!.name}.zip` : "Stowage files.zip";
  return { filename: filename.normalize("NFC"), entries };
}

/** The zip's bytes as a stream, and its exact length (known before the first byte). */
export function zipStream(entries: ZipEntry[]): { stream: ReadableStream<Uint8Array>; length: number } {
  const length = Number(
    predictLength(
      entries.map((e) =>
        e.file
          ? { name: e.name, size: e.file.size, lastModified: e.lastModified }
          : { name: e.name, lastModified: e.lastModified },
      ),
    ),
  );
  async function* inputs() {
    for (const entry of entries) {
      if (!entry.file) {
        yield { name: entry.name, lastModified: entry.lastModified };
        continue;
      }
      // Opened only when the zip reaches this entry: one open object at a time.
      const { body } = await (await readableDriver(entry.file)).read(entry.file.key);
      yield { name: entry.name, lastModified: entry.lastModified, size: entry.file.size, input: body };
    }
  }
  return { stream: makeZip(inputs()), length };
}
