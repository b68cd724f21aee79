// "Shared with me": what other accounts shared with the caller (directly or through a group),
// newest first, and pins (a shared item the recipient keeps at hand in their own tree). Reads the
// same resolved grants as the access layer, so what is listed here is exactly what opens.
import { containsIgnoringCase, db } from "../db";
import { notFound } from "../errors";
import { ownerIdOf, type Actor } from "../files/access";
import type { GrantRoleName, SharedWithMeJson } from "../schemas/grants";
import type { PeopleJson } from "../schemas/groups";

const PEOPLE_LIMIT = 10;
/** "Shared with me" lists at most this many (newest first). */
const SHARED_LIMIT = 5000;

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

/** One row of "Shared with me" as the statement returns it (null columns where the item is not of that kind). */
type SharedRow = {
  id: string;
  role: string;
  createdAt: Date | string;
  ownerId: string;
  ownerEmail: string;
  ownerName: string | null;
  groupId: string | null;
  groupName: string | null;
  fileId: string | null;
  fileName: string | null;
  fileSize: bigint | number | null;
  fileType: string | null;
  folderId: string | null;
  folderName: string | null;
  pinnedAt: unknown;
};

/**
 * What reaches the caller, newest first, with its owner, group, item and pin, in one statement (the
 * same rule as reaching() below). Raw SQL: Prisma built 1,000 such rows with their relations in
 * about 48 ms of CPU, against the 20 ms.
 */
export async function sharedWithMe(actor: Actor) {
  const userId = ownerIdOf(actor);
  const rows = await db.$queryRaw<SharedRow[]>`
    SELECT g."id", g."role", g."createdAt",
      o."id" AS "ownerId", o."email" AS "ownerEmail", o."name" AS "ownerName",
      gp."id" AS "groupId", gp."name" AS "groupName",
      fi."id" AS "fileId", fi."name" AS "fileName", fi."size" AS "fileSize", fi."type" AS "fileType",
      fo."id" AS "folderId", fo."name" AS "folderName",
      p."createdAt" AS "pinnedAt"
    FROM "Grant" g
    JOIN "User" o ON o."id" = g."ownerId" AND o."disabledAt" IS NULL
    LEFT JOIN "Group" gp ON gp."id" = g."groupId"
    LEFT JOIN "File" fi ON fi."id" = g."fileId" AND fi."status" = 'READY' AND fi."deletedAt" IS NULL
    LEFT JOIN "Folder" fo ON fo."id" = g."folderId" AND fo."deletedAt" IS NULL
    LEFT JOIN "GrantPin" p ON p."userId" = ${userId} AND p."grantId" = g."id"
    WHERE (g."userId" = ${userId}
           OR g."groupId" IN (SELECT m."groupId" FROM "GroupMember" m WHERE m."userId" = ${userId}))
      AND g."ownerId" <> ${userId}
      AND (fi."id" IS NOT NULL OR fo."id" IS NOT NULL)
    ORDER BY g."createdAt" DESC, g."id" DESC
    LIMIT ${SHARED_LIMIT}`;
  const items: SharedWithMeJson[] = rows.map((g) => ({
    id: g.id,
    role: g.role as GrantRoleName,
    owner: { id: g.ownerId, email: g.ownerEmail, name: g.ownerName },
    via: g.groupId ? { id: g.groupId, name: g.groupName! } : null,
    file: g.fileId ? { id: g.fileId, name: g.fileName!, size: Number(g.fileSize), type: g.fileType! } : null,
    folder: g.folderId ? { id: g.folderId, name: g.folderName! } : null,
    pinned: g.pinnedAt !== null,
    createdAt: new Date(g.createdAt).toISOString(),
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
