// "Shared with me": what other accounts shared with the caller (directly or through a group),
// newest first, and pins (a shared item the recipient keeps at hand in their own tree). Reads the
// same resolved grants as the access layer, so what is listed here is exactly what opens.
import { containsIgnoringCase, db } from "../db";
import { notFound } from "../errors";
import { ownerIdOf, type Actor } from "../files/access";
import type { GrantRoleName, SharedWithMeJson } from "../schemas/grants";
import type { PeopleJson } from "../schemas/groups";

const PEOPLE_LIMIT = 10;

/** The grants that reach the caller: theirs or their groups', from enabled owners, on live items. */
function reaching(userId: string) {
  return {
    OR: [{ userId }, { group: { members: { some: { userId } } } }],
    ownerId: { not: userId },
    owner: { disabledAt: null },
    AND: [
      {
        OR: [{ file: { status: "READY" as const, deletedAt: null } }, { folder: { deletedAt: null } }],
      },
    ],
  };
}

export async function sharedWithMe(actor: Actor) {
  const userId = ownerIdOf(actor);
  const [rows, pins] = await Promise.all([
    db.grant.findMany({
      where: reaching(userId),
      select: {
        id: true,
        role: true,
        createdAt: true,
        owner: { select: { id: true, email: true, name: true } },
        group: { select: { id: true, name: true } },
        file: { select: { id: true, name: true, size: true, type: true } },
        folder: { select: { id: true, name: true } },
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 5000,
    }),
    db.grantPin.findMany({ where: { userId }, select: { grantId: true } }),
  ]);
  const pinned = new Set(pins.map((p) => p.grantId));
  const items: SharedWithMeJson[] = rows.map((g) => ({
    id: g.id,
    role: g.role as GrantRoleName,
    owner: g.owner,
    via: g.group,
    file: g.file && { ...g.file, size: Number(g.file.size) },
    folder: g.folder,
    pinned: pinned.has(g.id),
    createdAt: g.createdAt.toISOString(),
  }));
  return { items };
}

/** Pins (or unpins) a grant that reaches the caller; anyone else's grant answers 404. */
export async function setPinned(actor: Actor, grantId: string, pinned: boolean) {
  const userId = ownerIdOf(actor);
  const grant = await db.grant.findFirst({ where: { id: grantId, ...reaching(userId) }, select: { id: true } });
  if (!grant) throw notFound("Shared item");
  if (pinned) {
    await db.grantPin.upsert({
      where: { userId_grantId: { userId, grantId } },
      create: { userId, grantId },
      update: {},
    });
  } else {
    await db.grantPin.deleteMany({ where: { userId, grantId } });
  }
}

/** GET /api/people?q=: enabled accounts and groups whose name or email contains `q`, for the share dialog. */
export async function findPeople(actor: Actor, q: string): Promise<PeopleJson> {
  const self = ownerIdOf(actor);
  const like = containsIgnoringCase(q);
  const [users, groups] = await Promise.all([
    db.user.findMany({
      where: { disabledAt: null, id: { not: self }, OR: [{ email: like }, { name: like }] },
      select: { id: true, email: true, name: true },
      orderBy: { email: "asc" },
      take: PEOPLE_LIMIT,
    }),
    db.group.findMany({
      where: { name: like },
      select: { id: true, name: true, _count: { select: { members: true } } },
      orderBy: { name: "asc" },
      take: PEOPLE_LIMIT,
    }),
  ]);
  return { users, groups: groups.map((g) => ({ id: g.id, name: g.name, memberCount: g._count.members })) };
}
