// The signed-in user's own account: change the password (the current one required; every other
// session ends) and the display name.
import { db } from "../db";
import { env } from "../env";
import { DomainError, forbidden, rateLimited } from "../errors";
import { audit, ownerIdOf, type Actor } from "../files/access";
import { claimAttempt, settleSuccess } from "./throttle";
import { hashPassword, verifyPassword } from "./password";
import { endSessions } from "./revoke";
import { toPublicUser, type PublicUser } from "./users";

/** Wrong current passwords before waits begin (the sign-in form's rule: a stolen session must not guess freely). */
const FREE_FAILURES = 5;

/**
 * Sets a new password after checking the current one. Every session of the account but `keepSessionId`
 * (the browser making the change) ends; returns the account's new session version for that browser's cookie.
 * An account without a password (single sign-on, GitHub, Google) cannot set one here: an admin's link can.
 */
export async function changeOwnPassword(
  actor: Actor,
  current: string,
  next: string,
  keepSessionId?: string,
  now = new Date(),
): Promise<number> {
  if (!env().PASSWORD_SIGN_IN) throw forbidden("This server uses single sign-on: passwords are not used here.");
  const userId = ownerIdOf(actor);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!user.passwordHash) {
    throw new DomainError("conflict", "This account signs in without a password, so there is none to change.");
  }
  const counter = [{ key: `change-password:${userId}`, free: FREE_FAILURES }];
  const wait = await claimAttempt(counter, now);
  if (wait > 0) throw rateLimited("Too many wrong passwords. Try again later.", wait);
  if (!(await verifyPassword(user.passwordHash, current))) {
    await audit(db, actor, "user.password.change_failed", userId);
    throw new DomainError("invalid_request", "The current password is not correct.", { field: "currentPassword" });
  }
  await settleSuccess(counter, [], now);
  const passwordHash = await hashPassword(next);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    const version = await endSessions(tx, userId, "password-changed", actor, keepSessionId);
    await audit(tx, actor, "user.password.change", userId);
    return version;
  });
}

/** PATCH /api/me: the display name (empty: none). */
export async function renameSelf(actor: Actor, name: string | null): Promise<PublicUser> {
  const userId = ownerIdOf(actor);
  return db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: userId }, data: { name } });
    await audit(tx, actor, "user.rename", userId);
    return toPublicUser(user);
  });
}

/** The settings page's "sign-in methods": whether the account has a password, and its linked identities. */
export async function signInMethods(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true, identities: { select: { id: true, provider: true, email: true, lastUsedAt: true } } },
  });
  return { hasPassword: user.passwordHash !== null, identities: user.identities };
}
