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

export type Actor =
  /** A signed-in user acting on their own files. */
  (
    | { kind: "user"; userId: string }
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

/** The files `actor` may see. Only READY files exist for anyone but the system. */
export function fileScope(actor: Actor, visibility: Visibility = "live"): Prisma.FileWhereInput {
  switch (actor.kind) {
    case "user":
      return { ownerId: actor.userId, status: "READY", ...trashFilter(visibility) };
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
    case "user":
      return { ownerId: actor.userId, ...trashFilter(visibility) };
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
      return { ownerId: actor.userId };
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

/** The id an actor is recorded under in the audit log (null for links and the system). */
export function actorId(actor: Actor): string | null {
  return actor.kind === "user" || actor.kind === "admin" ? actor.userId : null;
}

/**
 * Records an audit event: who (the actor; null when nobody is established, as for a failed
 * sign-in), the action, its target, and where the request came from (the actor's client, else
 * `client`).
 * Pass the transaction that makes the change, so the event and the change are written
 * together or not at all. `details` must never hold a secret (a password, token or signed URL).
 */
export async function audit(
  tx: Pick<Prisma.TransactionClient, "auditEvent">,
  actor: Actor | null,
  action: string,
  target: string | null,
  details?: Record<string, unknown>,
  client: ClientInfo | undefined = actor?.client,
): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(actor, action, target, details, client) });
}

/** Several events of one actor and action (a batch of uploads) in one statement. */
export async function auditMany(
  tx: Pick<Prisma.TransactionClient, "auditEvent">,
  actor: Actor,
  action: string,
  events: { target: string; details?: Record<string, unknown> }[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.auditEvent.createMany({
    data: events.map((e) => auditRow(actor, action, e.target, e.details, actor.client)),
  });
}

function auditRow(
  actor: Actor | null,
  action: string,
  target: string | null,
  details: Record<string, unknown> | undefined,
  client: ClientInfo | undefined,
) {
  const who =
    actor?.kind === "share"
      ? { via: `share:${actor.shareId}` }
      : actor?.kind === "request"
        ? { via: `request:${actor.requestId}` }
        : actor?.kind === "system"
          ? { via: `system:${actor.reason}` }
          : {};
  const merged = { ...who, ...details };
  return {
    actorId: actor ? actorId(actor) : null,
    action,
    target,
    ip: client?.ip ?? null,
    userAgent: client?.userAgent?.slice(0, 500) ?? null,
    details: Object.keys(merged).length ? JSON.stringify(merged) : null,
  };
}
