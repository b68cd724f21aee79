// Who may see what. Every read and write of files, folders, uploads and share links names its
// caller (an Actor), and the filters below are the only place where the ownership, status and
// trash rules are written: a service never hand-builds `where: { ownerId, status, deletedAt }`,
// so a rule such as "a trashed file is not downloadable" cannot be forgotten on one path.
import { db, type Prisma } from "../db";
import { forbidden, notFound } from "../errors";

/** Where a request came from, recorded with its audit events (lib/http/route.ts fills it in). */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export type GrantRole = "VIEWER" | "EDITOR";

/**
 * What a user holds on another account's files through one grant (lib/grants/resolve.ts): a file,
 * or a folder with its live subtree (`folderIds`, the shared folder first).
 */
export interface GrantScope {
  grantId: string;
  ownerId: string;
  role: GrantRole;
  fileId: string | null;
  folderIds: string[];
}

export type Actor =
  /**
   * A signed-in user acting on their own files, and on other accounts' files shared with them
   * (`grants`, resolved per request by route(); absent = none, as for WebDAV and internal callers).
   */
  (
    | { kind: "user"; userId: string; grants?: GrantScope[]; groupIds?: string[]; reachSetId?: string }
    /** An administrator reading any account's metadata (the admin console). */
    | { kind: "admin"; userId: string }
    /**
     * A visitor holding a share link: read-only, the shared file or the shared folder's subtree
     * (`folderIds`, resolved when the link is checked), live files only.
     */
    | { kind: "share"; shareId: string; ownerId: string; fileId: string | null; folderIds: string[] }
    /**
     * A visitor of a file request (lib/requests): may add files to that one live folder of its
     * owner's and see nothing (no file, no listing); only the uploads it started.
     */
    | { kind: "request"; requestId: string; ownerId: string; folderId: string }
    /** The server itself (sweeper, migrations, reconciliation): sees every row. */
    | { kind: "system"; reason: string }
  ) & { client?: ClientInfo };

/** Which side of the trash a query looks at. */
export type Visibility = "live" | "trashed" | "any";

export const userActor = (userId: string, client?: ClientInfo): Actor => ({ kind: "user", userId, client });
export const systemActor = (reason: string): Actor => ({ kind: "system", reason });

function trashFilter(visibility: Visibility): { deletedAt?: null | { not: null } } {
  if (visibility === "live") return { deletedAt: null };
  if (visibility === "trashed") return { deletedAt: { not: null } };
  return {};
}

/**
 * Above this many ids the scopes name the stored set of the folders reached (lib/grants/reach.ts), or
 * grants by relation: Prisma binds at most 999 parameters on SQLite, and each costs it CPU time.
 */
export const MANY_IDS = 300;
/** How far below a shared folder the relation form reaches (the id lists reach any depth). */
export const GRANT_RELATION_DEPTH = 8;

type Member = { userId: string; groupIds?: string[]; reachSetId?: string };

/** A grant to the user or one of their groups (the groups resolved with the grants: no join per level). */
const reaching = ({ userId, groupIds = [] }: Member): Prisma.GrantWhereInput => ({
  OR: [{ userId }, ...(groupIds.length ? [{ groupId: { in: groupIds } }] : [])],
});

/**
 * Live folders of enabled owners shared with the user or below one (up to GRANT_RELATION_DEPTH
 * levels), as a relation filter. SQLite joins at most 64 tables: each level costs two.
 */
function reachedFolders(member: Member): Prisma.FolderWhereInput {
  // The set route() stored for exactly this request's resolved folders: one lookup per row.
  if (member.reachSetId) return { deletedAt: null, reach: { some: { setId: member.reachSetId } } };
  let level: Prisma.FolderWhereInput = { deletedAt: null, grants: { some: reaching(member) } };
  const levels = [level];
  for (let i = 0; i < GRANT_RELATION_DEPTH; i++) levels.push((level = { deletedAt: null, parent: level }));
  return { deletedAt: null, owner: { disabledAt: null }, OR: levels };
}

/**
 * What the grants reach, as at most two conditions whatever their number (folder ids are unique
 * across accounts, and resolve.ts keeps only folders their grant's owner owns): an OR of one
 * branch per grant would nest past SQLite's expression depth at about a thousand grants, and past
 * MANY_IDS the lists become relation filters.
 */
function grantedFiles(member: Member, grants: GrantScope[]): Prisma.FileWhereInput[] {
  const live = { status: "READY" as const, deletedAt: null };
  const folderIds = [...new Set(grants.flatMap((g) => (g.fileId ? [] : g.folderIds)))];
  const fileIds = grants.flatMap((g) => (g.fileId ? [g.fileId] : []));
  const inFolders = folderIds.length > MANY_IDS ? { folder: reachedFolders(member) } : { folderId: { in: folderIds } };
  const byId =
    fileIds.length > MANY_IDS
      ? { owner: { disabledAt: null }, grants: { some: reaching(member) } }
      : { id: { in: fileIds } };
  return [...(folderIds.length ? [{ ...live, ...inFolders }] : []), ...(fileIds.length ? [{ ...live, ...byId }] : [])];
}

const sharedWith = (actor: Actor): GrantScope[] => (actor.kind === "user" ? (actor.grants ?? []) : []);

/** The files `actor` may see. Only READY files exist for anyone but the system. */
export function fileScope(actor: Actor, visibility: Visibility = "live"): Prisma.FileWhereInput {
  switch (actor.kind) {
    case "user": {
      const own: Prisma.FileWhereInput = { ownerId: actor.userId, status: "READY", ...trashFilter(visibility) };
      const grants = visibility === "trashed" ? [] : sharedWith(actor);
      return grants.length ? { OR: [own, ...grantedFiles(actor, grants)] } : own;
    }
    case "admin":
      return { status: "READY", ...trashFilter(visibility) };
    case "share": {
      // A link never reaches into the trash, whatever the caller asks for.
      const within: Prisma.FileWhereInput = actor.fileId ? { id: actor.fileId } : { folderId: { in: actor.folderIds } };
      return { ownerId: actor.ownerId, status: "READY", deletedAt: null, ...within };
    }
    case "request":
      return { id: { in: [] } };
    case "system":
      return trashFilter(visibility);
  }
}

/** The folders `actor` may see. */
export function folderScope(actor: Actor, visibility: Visibility = "live"): Prisma.FolderWhereInput {
  switch (actor.kind) {
    case "user": {
      const own: Prisma.FolderWhereInput = { ownerId: actor.userId, ...trashFilter(visibility) };
      const grants = (visibility === "trashed" ? [] : sharedWith(actor)).filter((g) => !g.fileId);
      if (!grants.length) return own;
      const ids = [...new Set(grants.flatMap((g) => g.folderIds))];
      return { OR: [own, ids.length > MANY_IDS ? reachedFolders(actor) : { deletedAt: null, id: { in: ids } }] };
    }
    case "admin":
      return trashFilter(visibility);
    case "share":
      return { ownerId: actor.ownerId, deletedAt: null, id: { in: actor.folderIds } };
    case "request":
      return { ownerId: actor.ownerId, deletedAt: null, id: actor.folderId };
    case "system":
      return trashFilter(visibility);
  }
}

/**
 * What a listing of `parent`'s direct contents may show (null = the root). Seeing a folder means
 * seeing what is in it (grants reach whole subtrees), so inside another account's folder this is
 * that owner's live files: one index range, as fast as the owner's own listing. At the root a user
 * sees only their own things; what others share with them is under "Shared with me".
 */
export function childScope(
  actor: Actor,
  parent: { ownerId: string } | null,
): {
  files: Prisma.FileWhereInput;
  folders: Prisma.FolderWhereInput;
} {
  if (actor.kind === "user") {
    const ownerId = parent?.ownerId ?? actor.userId;
    return { files: { ownerId, status: "READY", deletedAt: null }, folders: { ownerId, deletedAt: null } };
  }
  return { files: fileScope(actor), folders: folderScope(actor) };
}

/**
 * The role `actor` holds on a file or folder of another account (the strongest of the grants
 * that reach it), or null when none does.
 */
export function grantRole(
  actor: Actor,
  target: { ownerId: string; fileId?: string; folderId: string | null },
): GrantRole | null {
  let role: GrantRole | null = null;
  for (const grant of sharedWith(actor)) {
    if (grant.ownerId !== target.ownerId) continue;
    const reaches =
      (target.fileId !== undefined && grant.fileId === target.fileId) ||
      (!grant.fileId && target.folderId !== null && grant.folderIds.includes(target.folderId));
    if (reaches) role = grant.role === "EDITOR" ? "EDITOR" : (role ?? "VIEWER");
  }
  return role;
}

/** The actor on its own things only: what only an owner does (permanent delete, restore, share links). */
export const ownOnly = (actor: Actor): Actor =>
  actor.kind === "user" && actor.grants ? { ...actor, grants: undefined } : actor;

/** "owner" for the caller's own folder (or the root), else the role their grants give them there. */
export function accessTo(actor: Actor, folder: { id: string; ownerId: string } | null): "owner" | GrantRole | null {
  if (actor.kind !== "user" || !folder || folder.ownerId === actor.userId)
    return actor.kind === "user" ? "owner" : null;
  return grantRole(actor, { ownerId: folder.ownerId, folderId: folder.id });
}

/**
 * The account whose things `actor` changes by writing into `folder` (null = the root): the user's
 * own, or the owner of a folder shared with them as Editor, so uploads count against the owner's
 * quota. A Viewer gets 403 (they can see the folder: hiding it would be a lie).
 */
export function writerFor(actor: Actor, folder: { id: string; ownerId: string } | null, moving = false): string {
  // A file request's visitor writes into the request's folder (folderScope lets it see no other).
  if (actor.kind === "request") return actor.ownerId;
  const self = ownerIdOf(actor);
  if (!folder || folder.ownerId === self) return self;
  if (grantRole(actor, { ownerId: folder.ownerId, folderId: folder.id }) === "EDITOR") return folder.ownerId;
  if (moving) throw forbiddenMove();
  throw forbidden("You can view this folder but not change it: ask its owner for Editor access.");
}

/** 403 for a move between two accounts (into or out of something shared). */
export const forbiddenMove = () =>
  forbidden("Items shared with you can be moved only within the shared folder, and yours not into it.");

/**
 * The same for changing an existing file or folder (rename, move, trash): its owner's account when
 * `actor` owns it or holds Editor on it (on a file grant: the file; on a folder: the folder that holds it).
 */
export function changerOf(
  actor: Actor,
  item: { id: string; ownerId: string; folderId: string | null },
  isFile: boolean,
) {
  const self = ownerIdOf(actor);
  if (item.ownerId === self) return self;
  const role = grantRole(actor, {
    ownerId: item.ownerId,
    folderId: item.folderId,
    ...(isFile ? { fileId: item.id } : {}),
  });
  if (role === "EDITOR") return item.ownerId;
  throw forbidden("You can view this item but not change it: ask its owner for Editor access.");
}

/**
 * The files whose names are taken in `ownerId`'s folders: live ones, pending uploads included (an
 * upload holds its name from the start), so wider than the owner's own fileScope.
 */
export function nameHolders(ownerId: string): Prisma.FileWhereInput {
  return { ownerId, deletedAt: null };
}

/**
 * The upload sessions `actor` may see: a user's own; an admin reads any account's (metadata, as
 * with files); a link none; the system (sweeper) all. Changing one is for its owner (ownerIdOf).
 */
export function uploadScope(actor: Actor): Prisma.UploadWhereInput {
  switch (actor.kind) {
    case "user":
      // An Editor's upload into a shared folder belongs to the folder's owner, but is the uploader's to finish.
      return { OR: [{ ownerId: actor.userId }, { file: { uploaderId: actor.userId } }] };
    case "share":
      return { id: { in: [] } };
    case "request":
      return { ownerId: actor.ownerId, requestId: actor.requestId };
    case "admin":
    case "system":
      return {};
  }
}

/**
 * The share links `actor` may see: a user's own; an admin and the system any; a link itself.
 * Creating, changing and revoking one is for its owner (ownerIdOf).
 */
export function shareScope(actor: Actor): Prisma.ShareWhereInput {
  switch (actor.kind) {
    case "user":
      return { ownerId: actor.userId };
    case "share":
      return { id: actor.shareId };
    case "request":
      return { id: { in: [] } };
    case "admin":
    case "system":
      return {};
  }
}

type Reader = Pick<Prisma.TransactionClient, "file" | "folder">;

/** One file `actor` may see, or 404 (another user's file answers exactly like a missing one). */
export async function findFile(actor: Actor, id: string, visibility: Visibility = "live", tx: Reader = db) {
  const file = await tx.file.findFirst({ where: { AND: [{ id }, fileScope(actor, visibility)] } });
  if (!file) throw notFound("File");
  return file;
}

/** One folder `actor` may see, or 404. */
export async function findFolder(actor: Actor, id: string, visibility: Visibility = "live", tx: Reader = db) {
  const folder = await tx.folder.findFirst({ where: { AND: [{ id }, folderScope(actor, visibility)] } });
  if (!folder) throw notFound("Folder");
  return folder;
}

/**
 * The account whose files `actor` may change. Only users change files (rename, move, trash,
 * create); share links read, admins read metadata, the system purges through its own paths.
 */
export function ownerIdOf(actor: Actor): string {
  if (actor.kind !== "user") throw forbidden("Only the owner can change files and folders.");
  return actor.userId;
}

/** The account an upload by `actor` goes to: a user's own, or a file request's owner. */
export function uploaderIdOf(actor: Actor): string {
  return actor.kind === "request" ? actor.ownerId : ownerIdOf(actor);
}

export { actorId, audit, auditMany } from "./audit";
