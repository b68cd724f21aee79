// What a /dav/ address names: the account's root, one of its live folders, one of its live files,
// or nothing yet (with the folder it would go in, when that exists). Names are looked up one
// folder at a time through the access layer's scopes, normalized as the API stores them (NFC).
import { db } from "../db";
import type { File, Folder } from "../generated/prisma/client";
import { invalid } from "../errors";
import { fileScope, folderScope, type Actor } from "../files/access";
import { itemName } from "../schemas/files";

export const DAV_PREFIX = "/dav";

export type Resource =
  | { kind: "root"; path: string[] }
  | { kind: "folder"; path: string[]; folder: Folder }
  | { kind: "file"; path: string[]; file: File }
  /** Nothing at `path`; `parentId` is the folder it would go in (null: the root), undefined when that does not exist. */
  | { kind: "missing"; path: string[]; parentId: string | null | undefined };

/** The names of a /dav/ URL path (percent-decoded, NFC), or 400 when one cannot be a name. */
export function namesOf(pathname: string): string[] {
  if (pathname !== DAV_PREFIX && !pathname.startsWith(DAV_PREFIX + "/")) throw invalid("Not a WebDAV address.");
  const raw = pathname.slice(DAV_PREFIX.length).split("/").filter(Boolean);
  return raw.map((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw invalid("The address contains a malformed percent-escape.");
    }
    const parsed = itemName.safeParse(decoded);
    if (!parsed.success) throw invalid(`"${decoded}" cannot be a name: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
}

/** The key of a path in the lock table: names joined by "/" ("" is the root). */
export const pathKey = (names: string[]) => names.join("/");

/** The href of a path: /dav/ and its names, percent-encoded; collections end with a slash. */
export function hrefOf(names: string[], collection: boolean): string {
  const encoded = names.map((n) => encodeURIComponent(n)).join("/");
  return `${DAV_PREFIX}/${encoded}${collection && encoded ? "/" : ""}`;
}

/** The live folder named `name` in `parentId`, or null. */
export function childFolder(actor: Actor, parentId: string | null, name: string) {
  return db.folder.findFirst({ where: { AND: [folderScope(actor), { parentId, name }] } });
}

/** The live file named `name` in `folderId`, or null. */
export function childFile(actor: Actor, folderId: string | null, name: string) {
  return db.file.findFirst({ where: { AND: [fileScope(actor), { folderId, name }] } });
}

/** What `names` point at in the actor's files. */
export async function resolve(actor: Actor, names: string[]): Promise<Resource> {
  if (names.length === 0) return { kind: "root", path: names };
  let parentId: string | null = null;
  for (const name of names.slice(0, -1)) {
    const folder: Folder | null = await childFolder(actor, parentId, name);
    if (!folder) return { kind: "missing", path: names, parentId: undefined };
    parentId = folder.id;
  }
  const last = names.at(-1)!;
  const folder = await childFolder(actor, parentId, last);
  if (folder) return { kind: "folder", path: names, folder };
  const file = await childFile(actor, parentId, last);
  if (file) return { kind: "file", path: names, file };
  return { kind: "missing", path: names, parentId };
}

export const isCollection = (r: Resource) => r.kind === "root" || r.kind === "folder";

/** The folder id a collection resource stands for (null: the root). */
export function folderIdOf(r: Resource): string | null {
  if (r.kind === "folder") return r.folder.id;
  if (r.kind === "root") return null;
  throw invalid("Not a collection.");
}

/** A strong ETag for a file version, and a weak one for a folder. */
export function etagOf(r: Resource): string | null {
  if (r.kind === "file") return `"${r.file.id}-${r.file.size}-${r.file.updatedAt.getTime().toString(36)}"`;
  if (r.kind === "folder") return `W/"${r.folder.id}-${r.folder.updatedAt.getTime().toString(36)}"`;
  return null;
}
