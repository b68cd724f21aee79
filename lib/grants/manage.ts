// Sharing with people: the owner of a file or folder gives a user or a group Viewer or Editor
// access, sees who has it, changes the role and takes it away. Only the owner manages grants (an
// Editor cannot re-share). Access is read per request (resolve.ts), so a change or a removal
// applies to the recipient's very next request.
import { db, type Prisma } from "../db";
import { conflict, invalid, notFound } from "../errors";
import { audit, findFile, findFolder, ownOnly, ownerIdOf, type Actor } from "../files/access";
import type { GrantJson, GrantRoleName } from "../schemas/grants";
import { lockGroups, markRecipients } from "./holders";

export type GrantTarget = { type: "file" | "folder"; id: string };

const grantSelect = {
  id: true,
  role: true,
  createdAt: true,
  user: { select: { id: true, email: true, name: true } },
  group: { select: { id: true, name: true } },
} satisfies Prisma.GrantSelect;

type GrantRow = Prisma.GrantGetPayload<{ select: typeof grantSelect }>;

const toGrantJson = (g: GrantRow): GrantJson => ({
  id: g.id,
  role: g.role as GrantRoleName,
  user: g.user,
  group: g.group,
  createdAt: g.createdAt.toISOString(),
});

/** The owner's own live file or folder (another account's, even one shared with the caller, answers 404). */
async function ownTarget(actor: Actor, target: GrantTarget) {
  const own = ownOnly(actor);
  ownerIdOf(own);
  const item = target.type === "file" ? await findFile(own, target.id) : await findFolder(own, target.id);
  return target.type === "file" ? { fileId: item.id } : { folderId: item.id };
}

export async function listGrants(actor: Actor, target: GrantTarget) {
  const where = await ownTarget(actor, target);
  const rows = await db.grant.findMany({ where, select: grantSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { items: rows.map(toGrantJson) };
}

export async function createGrant(
  actor: Actor,
  target: GrantTarget,
  input: { userId?: string; groupId?: string; role: GrantRoleName },
) {
  const ownerId = ownerIdOf(actor);
  const where = await ownTarget(actor, target);
  if (input.userId === ownerId) throw invalid("You already own this.", { field: "userId" });
  const row = await db.$transaction(async (tx) => {
    // Another enabled account or an existing group; an unknown id is a bad request, not a 404 of the item.
    if (input.userId) {
      const user = await tx.user.findFirst({ where: { id: input.userId, disabledAt: null }, select: { id: true } });
      if (!user) throw invalid("No such user.", { field: "userId" });
    } else {
      await lockGroups(tx, [input.groupId!]); // before the grant: see holders.ts
      if (!(await tx.group.findUnique({ where: { id: input.groupId! }, select: { id: true } })))
        throw invalid("No such group.", { field: "groupId" });
    }
    const same = { ...where, userId: input.userId ?? null, groupId: input.groupId ?? null };
    if (await tx.grant.findFirst({ where: same, select: { id: true } }))
      throw conflict("They already have access: change their role instead.");
    const created = await tx.grant.create({ data: { ...same, ownerId, role: input.role }, select: grantSelect });
    await markRecipients(tx, same);
    await audit(tx, actor, "grant.create", created.id, { ...where, ...input });
    return created;
  });
  return { grant: toGrantJson(row) };
}

/** The caller's own grant (they own what it shares), or 404. */
async function ownGrant(tx: Prisma.TransactionClient, actor: Actor, id: string) {
  const grant = await tx.grant.findFirst({ where: { id, ownerId: ownerIdOf(actor) } });
  if (!grant) throw notFound("Grant");
  return grant;
}

export async function updateGrant(actor: Actor, id: string, role: GrantRoleName) {
  const row = await db.$transaction(async (tx) => {
    const before = await ownGrant(tx, actor, id);
    const updated = await tx.grant.update({ where: { id }, data: { role }, select: grantSelect });
    await audit(tx, actor, "grant.update", id, { from: before.role, to: role });
    return updated;
  });
  return { grant: toGrantJson(row) };
}

export async function deleteGrant(actor: Actor, id: string) {
  await db.$transaction(async (tx) => {
    const grant = await ownGrant(tx, actor, id);
    await tx.grant.delete({ where: { id } });
    await audit(tx, actor, "grant.delete", id, { fileId: grant.fileId, folderId: grant.folderId });
  });
}
