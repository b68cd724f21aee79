// What a signed-in user holds through grants (shares with people): read once per request when
// route() builds the user's Actor, so every service reads it through the access layer's scopes and
// nothing else needs to know grants exist.
//
// Resolving costs about 10 ms of CPU for a user holding 1,000 grants, so each process keeps what it
// resolved while GrantEpoch stays the same: database triggers change it in the same transaction as
// any write that may change what a grant reaches (schema.prisma), so a request that reads the
// epoch before its grants sees a removed grant gone, on every instance, at its next request.
//
// Resolving is one statement: the user's groups, and the grants that
// reach the user (directly or through a group) from enabled owners, on live folders their owner
// still owns, each folder grant with its live subtree (a recursive query on both SQLite and
// PostgreSQL). Raw SQL because it runs on every request of a user a grant may reach (holders.ts):
// Prisma's per-row cost for a user holding 1,000 grants was most of a listing.
import { db } from "../db";
import { perProcess } from "../per-process";
import { MANY_IDS, type GrantScope, type GrantRole } from "../files/access";
import { reachSetOf } from "./reach";

/**
 * A row of the statement, by kind: "g" a grant (folderId: the shared folder, null for a file), "s"
 * one folder below a shared folder (id: its grant's), "m" one group of the user's (id: the group).
 */
type Row = {
  kind: "g" | "s" | "m";
  id: string;
  ownerId: string | null;
  role: string | null;
  fileId: string | null;
  folderId: string | null;
};

type Access = { grants: GrantScope[]; groupIds: string[]; reachSetId?: string };

/** Users whose resolved grants a process keeps (the least recently used go first). */
const KEPT_USERS = 500;
/**
 * How long a kept resolution serves at most, even with the epoch unchanged: well under the day a
 * reach set is kept unused (reach.ts), and a bound on anything that changed the database behind
 * the triggers' back (a restored backup).
 */
const KEEP_MS = 5 * 60_000;

const kept = () =>
  perProcess("grants.resolved", () => new Map<string, { epoch: string; at: number; access: Access }>());

/**
 * The user's grants and groups (the access layer's relation form names the groups). route() calls
 * it only for a user whom a grant may reach (lib/grants/holders.ts). What it answers is shared by
 * the requests of one epoch: frozen, never to be changed by a caller.
 */
export async function accessOf(userId: string): Promise<Access> {
  const [row] = await db.$queryRaw<{ value: bigint | number }[]>`SELECT "value" FROM "GrantEpoch" WHERE "id" = 1`;
  // No row (a database emptied by hand): nothing to compare with, so resolve every time.
  const epoch = row ? String(row.value) : null;
  const cache = kept();
  const hit = cache.get(userId);
  cache.delete(userId);
  if (epoch !== null && hit && hit.epoch === epoch && Date.now() - hit.at < KEEP_MS) {
    cache.set(userId, hit);
    return hit.access;
  }
  const access = deepFreeze(await resolve(userId));
  if (epoch === null) return access;
  cache.set(userId, { epoch, at: Date.now(), access });
  if (cache.size > KEPT_USERS) cache.delete(cache.keys().next().value!);
  return access;
}

function deepFreeze(access: Access): Access {
  for (const grant of access.grants) Object.freeze(Object.freeze(grant).folderIds);
  Object.freeze(access.grants);
  Object.freeze(access.groupIds);
  return Object.freeze(access);
}

/** The user's grants and groups, read now: one statement (two for a user reaching many folders). */
async function resolve(userId: string): Promise<Access> {
  // "g" is materialized: it is read twice (the subtrees' roots, and the grants themselves).
  const rows = await db.$queryRaw<Row[]>`
      WITH RECURSIVE "mine" AS (
        SELECT m."groupId" FROM "GroupMember" m WHERE m."userId" = ${userId}
      ),
      "g" AS MATERIALIZED (
        SELECT gr."id", gr."ownerId", gr."role", gr."fileId", gr."folderId"
        FROM "Grant" gr
        JOIN "User" o ON o."id" = gr."ownerId" AND o."disabledAt" IS NULL
        LEFT JOIN "Folder" f ON f."id" = gr."folderId"
        WHERE (gr."userId" = ${userId} OR gr."groupId" IN (SELECT "groupId" FROM "mine"))
          AND gr."ownerId" <> ${userId}
          AND (gr."folderId" IS NULL OR (f."deletedAt" IS NULL AND f."ownerId" = gr."ownerId"))
      ),
      "sub" ("grantId", "ownerId", "rootId", "folderId") AS (
        SELECT "id", "ownerId", "folderId", "folderId" FROM "g" WHERE "folderId" IS NOT NULL
        UNION
        SELECT s."grantId", s."ownerId", s."rootId", c."id" FROM "sub" s
        JOIN "Folder" c ON c."ownerId" = s."ownerId" AND c."parentId" = s."folderId" AND c."deletedAt" IS NULL
      )
      SELECT 'g' AS "kind", "id", "ownerId", "role", "fileId", "folderId" FROM "g"
      UNION ALL
      SELECT 's', "grantId", NULL, NULL, NULL, "folderId" FROM "sub" WHERE "folderId" <> "rootId"
      UNION ALL
      SELECT 'm', "groupId", NULL, NULL, NULL, NULL FROM "mine"`;
  const groupIds = rows.flatMap((row) => (row.kind === "m" ? [row.id] : []));
  const grants = scopesOf(rows);
  // Many folders: searches name them as one stored set (reach.ts), a second statement for these users only.
  const folderIds = new Set(grants.flatMap((g) => g.folderIds));
  if (folderIds.size > MANY_IDS) return { grants, groupIds, reachSetId: await reachSetOf([...folderIds]) };
  return { grants, groupIds };
}

/**
 * One scope per shared file or folder (a user may hold it directly and through a group: the
 * stronger role wins), the shared folder's id first in its list.
 */
function scopesOf(rows: Row[]): GrantScope[] {
  const byTarget = new Map<string, GrantScope>();
  const byGrant = new Map<string, GrantScope>();
  for (const row of rows) {
    if (row.kind !== "g") continue;
    const target = row.fileId ? `f:${row.fileId}` : `d:${row.folderId}`;
    let scope = byTarget.get(target);
    if (!scope) {
      const folderIds = row.folderId ? [row.folderId] : [];
      scope = { grantId: row.id, ownerId: row.ownerId!, role: "VIEWER", fileId: row.fileId, folderIds };
      byTarget.set(target, scope);
      byGrant.set(row.id, scope);
    }
    if ((row.role as GrantRole) === "EDITOR") scope.role = "EDITOR";
  }
  // Each grant of the same folder lists the same subtree: take it from the scope's own grant only.
  for (const row of rows) if (row.kind === "s") byGrant.get(row.id)?.folderIds.push(row.folderId!);
  return [...byTarget.values()];
}
