// Command-line recovery (`npm run admin`) for when nobody can sign in as an admin: create an
// admin account, promote an existing one, or reset a password. Runs as the system actor.
import { db } from "../db";
import { DomainError, conflict } from "../errors";
import { hashPassword } from "../auth/password";
import { endSessions } from "../auth/revoke";
import { audit, systemActor } from "../files/access";
import { issueSetPasswordLink } from "./password-links";

const cli = systemActor("cli");

async function userByEmail(email: string) {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true },
  });
  if (!user) throw new DomainError("not_found", `No account has the email ${email}.`);
  return user;
}

/** A new enabled admin; with a password it can sign in at once, else it gets a set-password link. */
export async function createAdmin(email: string, password?: string): Promise<{ setPasswordUrl?: string }> {
  const normalized = email.trim().toLowerCase();
  const passwordHash = password ? await hashPassword(password) : null;
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: normalized }, select: { id: true } })) {
      throw conflict(`An account for ${normalized} already exists: use promote or reset-password.`);
    }
    const user = await tx.user.create({ data: { email: normalized, role: "ADMIN", passwordHash } });
    await audit(tx, cli, "admin.user.create", user.id, { email: normalized, role: "ADMIN" });
    return password ? {} : { setPasswordUrl: await issueSetPasswordLink(tx, user.id) };
  });
}

/** Makes an existing account an enabled admin. */
export async function promote(email: string): Promise<void> {
  const user = await userByEmail(email);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { role: "ADMIN", disabledAt: null } });
    await audit(tx, cli, "admin.user.update", user.id, { role: "ADMIN", disabled: false });
  });
}

/** Sets a new password, or (without one) issues a one-time set-password link. */
export async function resetPassword(email: string, password?: string): Promise<{ setPasswordUrl?: string }> {
  const user = await userByEmail(email);
  const passwordHash = password ? await hashPassword(password) : null;
  return db.$transaction(async (tx) => {
    if (passwordHash) {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
      await endSessions(tx, user.id, "password-changed", cli);
      await audit(tx, cli, "user.password.set", user.id);
      return {};
    }
    const setPasswordUrl = await issueSetPasswordLink(tx, user.id);
    await audit(tx, cli, "admin.user.reset_link", user.id);
    return { setPasswordUrl };
  });
}
