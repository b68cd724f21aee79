// Who may hold grants: User.mayHoldGrants, which route() reads with the caller (no extra
// statement) and which lets it skip resolving grants for the many users who hold none. It is set
// in the same transaction as every change that can make a grant reach a user: a grant made to
// them, a grant made to one of their groups, their joining a group that holds grants. It is never
// cleared (a removed grant leaves it set: that user keeps paying one statement per request, and
// the resolver still finds nothing), so it cannot wrongly hide a grant.
//
// A grant made to a group and a member added to it at the same moment (PostgreSQL, read
// committed) could each miss the other's row; both first lock the group's row (lockGroups), so one
// waits for the other and then sees its row.
import type { Prisma } from "../db";

type Tx = Prisma.TransactionClient;

/** Takes the groups' rows for the rest of the transaction (a no-op-like UPDATE of each row). */
export async function lockGroups(tx: Tx, groupIds: string[]): Promise<void> {
  if (!groupIds.length) return;
  await tx.group.updateMany({ where: { id: { in: groupIds } }, data: { updatedAt: new Date() } });
}

/** After a grant to `userId` or to the group `groupId` (locked first): its recipients may hold grants. */
export async function markRecipients(tx: Tx, to: { userId?: string | null; groupId?: string | null }): Promise<void> {
  if (to.userId) {
    await tx.user.updateMany({ where: { id: to.userId, mayHoldGrants: false }, data: { mayHoldGrants: true } });
  } else if (to.groupId) {
    await tx.user.updateMany({
      where: { mayHoldGrants: false, groupMemberships: { some: { groupId: to.groupId } } },
      data: { mayHoldGrants: true },
    });
  }
}

/** After `userId` joined `groupIds` (locked first): they may hold grants if any of those groups holds one. */
export async function markJoiner(tx: Tx, userId: string, groupIds: string[]): Promise<void> {
  if (!groupIds.length) return;
  await tx.user.updateMany({
    where: {
      id: userId,
      mayHoldGrants: false,
      groupMemberships: { some: { groupId: { in: groupIds }, group: { grants: { some: {} } } } },
    },
    data: { mayHoldGrants: true },
  });
}
