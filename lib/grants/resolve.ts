// What a signed-in user holds through grants (shares with people): resolved once per request when
// route() builds the user's Actor, so every service reads it through the access layer's scopes and
// nothing else needs to know grants exist. One statement: the user's groups, and the grants that
// reach the user (directly or through a group) from enabled owners, on live folders their owner
// still owns, each folder grant with its live subtree (a recursive query on both SQLite and
// PostgreSQL). Raw SQL because it runs on every request of a user a grant may reach (holders.ts):
// Prisma's per-row cost for a user holding 1,000 grants was most of a listing.
import { db } from "../db";
import { MANY_IDS, type GrantScope, type GrantRole } from "../files/access";
import { reachSetOf } from "./reach";

/** One folder a grant reaches (or the grant alone, for a file: folderId null); rootId = the shared folder. */
type GrantRow = {
  id: string;
  ownerId: string;
  role: string;
  fileId: string | null;
  rootId: string | null;
  folderId: string | null;
};
/** A row of the statement: a GrantRow, or (all its columns null) one group of the user's. */
type Row = { [K in keyof GrantRow]: GrantRow[K] | null } & { groupId: string | null };

/**
 * The user's grants and groups (the access layer's relation form names the groups), in one
 * statement. route() calls it only for a user whom a grant may reach (lib/grants/holders.ts).
 */
export async function accessOf(
  userId: string,
): Promise<{ grants: GrantScope[]; groupIds: string[]; reachSetId?: string }> {
  const rows = await db.$queryRaw<Row[]>`
      WITH RECURSIVE "mine" AS (
        SELECT m."groupId" FROM "GroupMember" m WHERE m."userId" = ${userId}
      ),
      "g" AS (
        SELECT gr."id", gr."ownerId", gr."role", gr."fileId", gr."folderId"
        FROM "Grant" gr
        JOIN "User" o ON o."id" = gr."ownerId" AND o."disabledAt" IS NULL
        LEFT JOIN "Folder" f ON f."id" = gr."folderId"
        WHERE (gr."userId" = ${userId} OR gr."groupId" IN (SELECT "groupId" FROM "mine"))
          AND gr."ownerId" <> ${userId}
          AND (gr."folderId" IS NULL OR (f."deletedAt" IS NULL AND f."ownerId" = gr."ownerId"))
      ),
      "sub" ("grantId", "ownerId", "folderId") AS (
        SELECT "id", "ownerId", "folderId" FROM "g" WHERE "folderId" IS NOT NULL
        UNION
        SELECT s."grantId", s."ownerId", c."id" FROM "sub" s
        JOIN "Folder" c ON c."ownerId" = s."ownerId" AND c."parentId" = s."folderId" AND c."deletedAt" IS NULL
      )
      SELECT g."id", g."ownerId", g."role", g."fileId", g."folderId" AS "rootId", s."folderId", NULL AS "groupId"
      FROM "g" g LEFT JOIN "sub" s ON s."grantId" = g."id"
      UNION ALL
      SELECT NULL, NULL, NULL, NULL, NULL, NULL, "groupId" FROM "mine"`;
  const groupIds = rows.flatMap((row) => (row.id === null && row.groupId ? [row.groupId] : []));
  const grants = scopesOf(rows.filter((row): row is GrantRow & Row => row.id !== null));
  // Many folders: searches name them as one stored set (reach.ts), a second statement for these users only.
  const folderIds = new Set(grants.flatMap((g) => g.folderIds));
  if (folderIds.size > MANY_IDS) return { grants, groupIds, reachSetId: await reachSetOf([...folderIds]) };
  return { grants, groupIds };
}

/**
 * One scope per shared file or folder (a user may hold it directly and through a group: the
 * stronger role wins), the shared folder's id first in its list.
 */
function scopesOf(rows: GrantRow[]): GrantScope[] {
  const byTarget = new Map<string, GrantScope>();
  for (const row of rows) {
    const target = row.fileId ? `f:${row.fileId}` : `d:${row.rootId}`;
    let scope = byTarget.get(target);
    if (!scope) {
      const folderIds = row.rootId ? [row.rootId] : [];
      scope = {
        grantId: row.id,
        ownerId: row.ownerId,
        role: "VIEWER",
        fileId: row.fileId,
        folderIds,
      };
      byTarget.set(target, scope);
    }
    if ((row.role as GrantRole) === "EDITOR") scope.role = "EDITOR";
    // Each grant of the same folder lists the same subtree: take it from the first one only.
    if (scope.grantId === row.id && row.folderId && row.folderId !== row.rootId) scope.folderIds.push(row.folderId);
  }
  return [...byTarget.values()];
}
