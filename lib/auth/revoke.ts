// Ending every session of an account at once: sign out everywhere, a new password (set-password
// links, `npm run admin`) and disabling. Each live session row ends (lib/auth/sessions.ts), with a
// `session.ended` audit event naming it and the reason, in the transaction of the change that
// requires it. The account's session version is bumped as well: it is free (the same query checks
// it) and refuses a session whose sign-in raced with this, whose row was written just after the
// rows were read here. API tokens are not sessions: they are revoked one by one.
import { db, type Prisma } from "../db";
import { audit, ownerIdOf, type Actor } from "../files/access";
import type { SessionEndReason } from "./sessions";

type Tx = Pick<Prisma.TransactionClient, "user" | "session" | "auditEvent">;

/**
 * Ends every session of `userId` (but `keep`, the caller's own, when changing their password),
 * inside the caller's transaction, recording each end for `actor`. Returns the account's new
 * session version: a kept session needs a cookie carrying it (lib/auth/session-cookie.ts).
 */
export async function endSessions(
  tx: Tx,
  userId: string,
  reason: Exclude<SessionEndReason, "signout" | "ended-by-user">,
  actor: Actor | null,
  keep?: string,
): Promise<number> {
  const now = new Date();
  // The user row first: its lock (PostgreSQL) makes two ends of the same account take turns.
  const { sessionVersion } = await tx.user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  const live = await tx.session.findMany({
    where: { userId, endedAt: null, expiresAt: { gt: now }, ...(keep ? { id: { not: keep } } : {}) },
    select: { id: true },
  });
  // One by one, each end recorded only by the statement that made it: a session ended meanwhile on
  // its own (sign-out, the list) keeps that end and its reason. An account has a handful of sessions.
  for (const { id } of live) {
    const { count } = await tx.session.updateMany({
      where: { id, endedAt: null },
      data: { endedAt: now, endReason: reason },
    });
    if (count) await audit(tx, actor, "session.ended", id, { reason, userId });
  }
  return sessionVersion;
}

/** DELETE /api/me/sessions: sign out everywhere, this browser included. */
export async function signOutEverywhere(actor: Actor): Promise<void> {
  const userId = ownerIdOf(actor);
  await db.$transaction(async (tx) => {
    await endSessions(tx, userId, "everywhere", actor);
    await audit(tx, actor, "user.sessions.revoke", userId);
  });
}
