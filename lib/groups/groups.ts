// Groups: admins create, rename and delete them and add or remove members; every user reads the
// groups they belong to. Provider-managed groups (provider "oidc", kept in sync at sign-in by
// sync.ts) can be renamed or deleted by nobody and their members are not edited by hand: the
// provider's claim is the truth and would undo it at the next sign-in.
import { db, type Prisma, isUniqueViolation } from "../db";
import { conflict, forbidden, notFound } from "../errors";
import { audit, ownerIdOf, type Actor } from "../files/access";
import type { GroupJson, GroupMemberJson } from "../schemas/groups";
import { lockGroups, markJoiner } from "../grants/holders";

type Tx = Prisma.TransactionClient;

function adminOnly(actor: Actor): string {
  if (actor.kind !== "admin") throw forbidden("Only administrators can do that.");
  return actor.userId;
}

async function uniqueName<T>(name: string, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A group named "${name}" already exists.`, { field: "name" });
    throw error;
  }
}

type GroupRow = { id: string; name: string; provider: string | null; createdAt: Date; _count: { members: number } };
const groupSelect = { id: true, name: true, provider: true, createdAt: true, _count: { select: { members: true } } };

const toGroupJson = (g: GroupRow): GroupJson => ({
  id: g.id,
  name: g.name,
  provider: g.provider,
  memberCount: g._count.members,
  createdAt: g.createdAt.toISOString(),
});

async function localGroup(tx: Tx, id: string) {
  const group = await tx.group.findUnique({ where: { id } });
  if (!group) throw notFound("Group");
  if (group.provider)
    throw forbidden("This group comes from the sign-in provider: change it there (it is synced at each sign-in).");
  return group;
}

export async function listGroups(actor: Actor) {
  adminOnly(actor);
  const rows = await db.group.findMany({ select: groupSelect, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return { items: rows.map(toGroupJson) };
}

export async function getGroup(actor: Actor, id: string) {
  adminOnly(actor);
  const group = await db.group.findUnique({ where: { id }, select: groupSelect });
  if (!group) throw notFound("Group");
  const members = await db.groupMember.findMany({
    where: { groupId: id },
    select: { user: { select: { id: true, email: true, name: true } } },
    orderBy: { user: { email: "asc" } },
  });
  return { group: toGroupJson(group), members: members.map((m) => m.user) satisfies GroupMemberJson[] };
}

export async function createGroup(actor: Actor, name: string) {
  adminOnly(actor);
  const group = await uniqueName(name, () =>
    db.$transaction(async (tx) => {
      const created = await tx.group.create({ data: { name }, select: groupSelect });
      await audit(tx, actor, "group.create", created.id, { name });
      return created;
    }),
  );
  return { group: toGroupJson(group) };
}

export async function renameGroup(actor: Actor, id: string, name: string) {
  adminOnly(actor);
  const group = await uniqueName(name, () =>
    db.$transaction(async (tx) => {
      const before = await localGroup(tx, id);
      const updated = await tx.group.update({ where: { id }, data: { name }, select: groupSelect });
      await audit(tx, actor, "group.rename", id, { from: before.name, to: name });
      return updated;
    }),
  );
  return { group: toGroupJson(group) };
}

/** Deleting a group ends every grant made to it (they cascade) on the members' next request. */
export async function deleteGroup(actor: Actor, id: string) {
  adminOnly(actor);
  await db.$transaction(async (tx) => {
    const group = await localGroup(tx, id);
    await tx.group.delete({ where: { id } });
    await audit(tx, actor, "group.delete", id, { name: group.name });
  });
}

export async function addMember(actor: Actor, id: string, userId: string) {
  adminOnly(actor);
  await db.$transaction(async (tx) => {
    await lockGroups(tx, [id]); // before the membership: see lib/grants/holders.ts
    await localGroup(tx, id);
    if (!(await tx.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw notFound("User");
    // Adding someone twice is not an error: they are a member either way.
    const known = await tx.groupMember.findUnique({ where: { groupId_userId: { groupId: id, userId } } });
    if (known) return;
    await tx.groupMember.create({ data: { groupId: id, userId } });
    await markJoiner(tx, userId, [id]);
    await audit(tx, actor, "group.member_add", id, { userId });
  });
  return getGroup(actor, id);
}

export async function removeMember(actor: Actor, id: string, userId: string) {
  adminOnly(actor);
  await db.$transaction(async (tx) => {
    await localGroup(tx, id);
    const { count } = await tx.groupMember.deleteMany({ where: { groupId: id, userId } });
    if (count === 0) throw notFound("Member");
    await audit(tx, actor, "group.member_remove", id, { userId });
  });
}

/** GET /api/me/groups: the groups the caller belongs to. */
export async function myGroups(actor: Actor) {
  const userId = ownerIdOf(actor);
  const rows = await db.group.findMany({
    where: { members: { some: { userId } } },
    select: groupSelect,
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return { items: rows.map(toGroupJson) };
}
