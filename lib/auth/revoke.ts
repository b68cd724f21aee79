// Ending every session of an account at once. Sessions are stateless JWTs, so each carries the
// account's session version from sign-in (lib/auth/session-cookie.ts) and every request compares
// it with the database (`sessionHolder`): bumping the version ends them all on their next request.
// Bumped by sign out everywhere, a new password (set-password links, `npm run admin`) and disabling.
// API tokens are not sessions: they are revoked one by one.
import { db, type Prisma } from "../db";
import { audit, userActor } from "../files/access";

/** Ends every session of `userId`, inside the caller's transaction (the change that requires it). */
export async function endSessions(tx: Pick<Prisma.TransactionClient, "user">, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** DELETE /api/me/sessions: sign out everywhere, this browser included. */
export async function signOutEverywhere(userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await endSessions(tx, userId);
    await audit(tx, userActor(userId), "user.sessions.revoke", userId);
  });
}
