// One-time set-password links: for accounts an admin creates (there is no mail server, the admin
// copies the link) and for resets. Only the token's SHA-256 is stored; a link works once, for 7 days.
import crypto from "node:crypto";
import { db, type Prisma } from "../db";
import { env } from "../env";
import { forbidden, gone, notFound } from "../errors";
import { hashPassword } from "../auth/password";
import { hashToken } from "../auth/tokens";
import { endSessions } from "../auth/revoke";
import { audit, systemActor } from "../files/access";

export const PASSWORD_LINK_TTL_MS = 7 * 24 * 3600 * 1000;

type Tx = Pick<Prisma.TransactionClient, "passwordToken">;

/**
 * Issues a link for `userId` inside the caller's transaction. Earlier unused links of the user
 * stop working: only the newest one the admin handed out is valid.
 */
export async function issueSetPasswordLink(tx: Tx, userId: string, now = new Date()): Promise<string> {
  await tx.passwordToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  const token = crypto.randomBytes(32).toString("base64url");
  await tx.passwordToken.create({
    data: { userId, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + PASSWORD_LINK_TTL_MS) },
  });
  return `${env().APP_URL}/set-password/${token}`;
}

/** With PASSWORD_SIGN_IN=false a password could never be used: the links are refused. */
function refuseWithoutPasswords(): void {
  if (!env().PASSWORD_SIGN_IN) throw forbidden("This server uses single sign-on: passwords cannot be set.");
}

/** The account a link is for, for the set-password page: 404 unknown, 410 used or expired. */
export async function describePasswordLink(token: string): Promise<{ email: string; expiresAt: Date }> {
  refuseWithoutPasswords();
  const row = await db.passwordToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { email: true } } },
  });
  if (!row) throw notFound("Link");
  if (row.usedAt || row.expiresAt <= new Date()) throw gone("This link has already been used or has expired.");
  return { email: row.user.email, expiresAt: row.expiresAt };
}

/**
 * Sets the password through a link, once: the claim (usedAt) is a conditional update in the same
 * transaction as the new hash, so two submissions of one link cannot both succeed.
 */
export async function setPasswordWithLink(token: string, password: string): Promise<void> {
  refuseWithoutPasswords();
  const tokenHash = hashToken(token);
  const exists = await db.passwordToken.findUnique({ where: { tokenHash }, select: { id: true } });
  if (!exists) throw notFound("Link");
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.passwordToken.updateMany({
      where: { id: exists.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) throw gone("This link has already been used or has expired.");
    const { userId } = await tx.passwordToken.findUniqueOrThrow({ where: { id: exists.id }, select: { userId: true } });
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    const actor = systemActor("password-link");
    await endSessions(tx, userId, "password-changed", actor); // whoever knew the old password is signed out
    await audit(tx, actor, "user.password.set", userId);
  });
}
