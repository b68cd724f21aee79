// A name already used in a folder gets " (1)", " (2)"… before its extension, like a desktop OS.
// Names are stored NFC-normalized (lib/schemas/files.ts itemName), so "café" typed on a Mac (NFD)
// and elsewhere (NFC) are one name; collisionKey() is what disks that ignore case and
// normalization (macOS, Windows) consider equal, for the zip.
import type { Prisma } from "../generated/prisma/client";
import { folderScope, nameHolders, userActor } from "./access";

type Tx = Prisma.TransactionClient;

function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf(".");
  // ".bashrc" has no extension; "archive.tar.gz" keeps ".gz" (like Finder and Explorer).
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
}

/**
 * `name`, or the first "name (n).ext" for which `isTaken` is false. Folders pass
 * `keepExtension: false` ("v1.2" becomes "v1.2 (1)").
 */
export function uniqueName(name: string, isTaken: (candidate: string) => boolean, keepExtension = true): string {
  if (!isTaken(name)) return name;
  const [stem, extension] = keepExtension ? splitExtension(name) : [name, ""];
  for (let n = 1; ; n++) {
    const suffix = ` (${n})`;
    // Names stay within 255 characters: a long stem gives up its end, never the extension.
    const candidate = `${stem.slice(0, 255 - suffix.length - extension.length)}${suffix}${extension}`;
    if (!isTaken(candidate)) return candidate;
  }
}

/**
 * Two names with the same key land on one file on a disk that ignores normalization and case
 * (APFS, NTFS): NFD, then case folding (upper then lower catches "ß"/"SS" and final sigma, which
 * lowercasing alone misses), then NFC again, since case mapping can undo a normalization.
 */
export function collisionKey(name: string): string {
  return name.normalize("NFD").toUpperCase().toLowerCase().normalize("NFC");
}

/** Names in use that start with `stem` (a range on the name, not LIKE, so the name indexes serve it). */
const startingWith = (name: string) => {
  const [stem] = splitExtension(name);
  return { gte: stem, lt: `${stem}\uffff` };
};

/** `name` or the first free "name (n).ext" among the folder's live files (pending ones included). */
export async function freeName(tx: Tx, ownerId: string, folderId: string | null, name: string): Promise<string> {
  const taken = new Set(
    (
      await tx.file.findMany({
        where: { AND: [nameHolders(ownerId), { folderId, name: startingWith(name) }] },
        select: { name: true },
      })
    ).map((f) => f.name),
  );
  return uniqueName(name, (n) => taken.has(n));
}

/** `name` or the first free "name (n)" among the live folders in `parentId` (null = the root). */
export async function freeFolderName(tx: Tx, ownerId: string, parentId: string | null, name: string): Promise<string> {
  const taken = new Set(
    (
      await tx.folder.findMany({
        where: { AND: [folderScope(userActor(ownerId)), { parentId, name: { gte: name, lt: `${name}\uffff` } }] },
        select: { name: true },
      })
    ).map((f) => f.name),
  );
  return uniqueName(name, (n) => taken.has(n), false);
}

/**
 * Free names for several new files of one folder, in order, in one query when none clash (the
 * usual case of a dropped folder): a name already live in the folder, or given to an earlier file
 * of the same call, gets " (n)" as freeName would give it.
 */
export async function freeNames(tx: Tx, ownerId: string, folderId: string | null, names: string[]): Promise<string[]> {
  const live = new Set(
    (
      await tx.file.findMany({
        where: { AND: [nameHolders(ownerId), { folderId, name: { in: [...new Set(names)] } }] },
        select: { name: true },
      })
    ).map((f) => f.name),
  );
  const given = new Set<string>();
  const result: string[] = [];
  for (const name of names) {
    let chosen = name;
    if (live.has(name) || given.has(name)) {
      // A clash: the names of its " (n)" family already in the folder, and those given just now.
      const family = await tx.file.findMany({
        where: { AND: [nameHolders(ownerId), { folderId, name: startingWith(name) }] },
        select: { name: true },
      });
      const taken = new Set(family.map((f) => f.name));
      chosen = uniqueName(name, (n) => taken.has(n) || given.has(n));
    }
    given.add(chosen);
    result.push(chosen);
  }
  return result;
}
