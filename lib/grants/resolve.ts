// What a signed-in user holds through grants (shares with people): resolved once per request when
// route() builds the user's Actor, so every service reads it through the access layer's scopes and
// nothing else needs to know grants exist. A folder grant reaches the folder's live subtree, read
// level by level for all grants at once (the cost follows the depth, not the number of grants).
// Grants of a disabled owner give nothing: that door closes with the owner, like every other.
import { db } from "../db";
import { sliced } from "../files/slices";
import type { GrantScope, GrantRole } from "../files/access";

/** The user's grants and groups (the access layer's relation form names the groups). */
export async function accessOf(userId: string): Promise<{ grants: GrantScope[]; groupIds: string[] }> {
  const groupIds = (await db.groupMember.findMany({ where: { userId }, select: { groupId: true } })).map(
    (m) => m.groupId,
  );
  return { grants: await grantsOf(userId, groupIds), groupIds };
}

export async function grantsOf(userId: string, groupIds: string[]): Promise<GrantScope[]> {
  const rows = await db.grant.findMany({
    where: {
      OR: [{ userId }, ...(groupIds.length ? [{ groupId: { in: groupIds } }] : [])],
      owner: { disabledAt: null },
      ownerId: { not: userId },
      // A grant on a trashed folder gives nothing until it is restored; the folder must still be
      // its grant's owner's (folders never move between accounts: this only guards the rule).
      AND: [{ OR: [{ folderId: null }, { folder: { deletedAt: null } }] }],
    },
    select: {
      id: true,
      ownerId: true,
      role: true,
      fileId: true,
      folderId: true,
      folder: { select: { ownerId: true } },
    },
  });
  if (rows.length === 0) return [];
  // One scope per folder/file (a user may hold it both directly and through a group): the stronger role wins.
  const byTarget = new Map<string, GrantScope>();
  for (const row of rows) {
    if (row.folder && row.folder.ownerId !== row.ownerId) continue;
    const target = row.fileId ? `f:${row.fileId}` : `d:${row.folderId}`;
    const role = row.role as GrantRole;
    const known = byTarget.get(target);
    if (known) {
      if (role === "EDITOR") known.role = "EDITOR";
      continue;
    }
    byTarget.set(target, {
      grantId: row.id,
      ownerId: row.ownerId,
      role,
      fileId: row.fileId,
      folderIds: row.folderId ? [row.folderId] : [],
    });
  }
  const scopes = [...byTarget.values()];
  await expandSubtrees(scopes.filter((s) => !s.fileId));
  return scopes;
}

/** Adds to each scope the ids of its root folder's live subtree (the roots are live: the grant query checks). */
async function expandSubtrees(scopes: GrantScope[]): Promise<void> {
  if (scopes.length === 0) return;
  const reach = new Map<string, Set<GrantScope>>(); // folder id -> the scopes that reach it
  for (const scope of scopes) {
    const root = scope.folderIds[0]!;
    reach.set(root, new Set([...(reach.get(root) ?? []), scope]));
  }
  let frontier = [...reach.keys()];
  while (frontier.length) {
    const children = await sliced(frontier, (ids) =>
      db.folder.findMany({ where: { parentId: { in: ids }, deletedAt: null }, select: { id: true, parentId: true } }),
    );
    const next = new Set<string>();
    for (const child of children) {
      // Nested grants (a folder shared again below a shared one): each scope reaches the child once.
      const known = reach.get(child.id) ?? new Set<GrantScope>();
      for (const scope of reach.get(child.parentId!) ?? []) {
        if (known.has(scope)) continue;
        known.add(scope);
        scope.folderIds.push(child.id);
        next.add(child.id);
      }
      reach.set(child.id, known);
    }
    frontier = [...next];
  }
}
