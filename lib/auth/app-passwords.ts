// App passwords: per-device secrets for WebDAV, rclone and scripts, used with the account's email
// as the user name (HTTP Basic). They keep working where single sign-on or two-factor makes the
// account password unusable. Shown once; only a SHA-256 is stored (the secret is 192 random bits,
// so a slow hash adds nothing); each has a scope (read or write) and is revoked one by one.
// Separate from API tokens (lib/auth/tokens.ts): a token is a bearer credential for the HTTP API
// alone; an app password is a user-name-and-password pair with a scope, for doors that speak Basic.
import crypto from "node:crypto";
import { db } from "../db";
import { notFound } from "../errors";
import { audit, ownerIdOf, type Actor } from "../files/access";
import type { AppPasswordScope } from "../schemas/app-passwords";
import { lastUseGate } from "./last-use";
import { toPublicUser, type PublicUser } from "./users";

export { createAppPasswordInput } from "../schemas/app-passwords";

const PREFIX = "stwp_";
const LAST_USED_GRANULARITY_MS = 60_000;
const dueForLastUse = lastUseGate(LAST_USED_GRANULARITY_MS);

function hashSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret).digest("hex");
}

function scopeOf(value: string): AppPasswordScope {
  return value === "write" ? "write" : "read";
}

/** A new app password for the actor; `secret` is returned this once and never again. */
export async function createAppPassword(actor: Actor, input: { name: string; scope: AppPasswordScope }) {
  const secret = PREFIX + crypto.randomBytes(24).toString("base64url");
  const row = await db.$transaction(async (tx) => {
    const created = await tx.appPassword.create({
      data: { userId: ownerIdOf(actor), name: input.name, scope: input.scope, secretHash: hashSecret(secret) },
    });
    await audit(tx, actor, "app_password.create", created.id, { name: input.name, scope: input.scope });
    return created;
  });
  return { id: row.id, name: row.name, scope: scopeOf(row.scope), createdAt: row.createdAt, secret };
}

export async function listAppPasswords(userId: string) {
  const rows = await db.appPassword.findMany({
    where: { userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, scope: true, createdAt: true, lastUsedAt: true },
  });
  return rows.map((row) => ({ ...row, scope: scopeOf(row.scope) }));
}

export async function revokeAppPassword(actor: Actor, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.appPassword.updateMany({
      where: { id, userId: ownerIdOf(actor), revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("App password");
    await audit(tx, actor, "app_password.revoke", id);
  });
}

export interface AppPasswordHolder {
  user: PublicUser;
  scope: AppPasswordScope;
  appPasswordId: string;
}

/**
 * The one check for every door that takes an app password (WebDAV's Basic auth, scripts): the
 * account for `email` and `secret`, with the password's scope, or null when the pair is wrong, the
 * password revoked, or the account disabled. One statement; the account's own password is never
 * accepted here. Callers count failures (lib/rate-limit.ts) before calling, as every door does.
 */
export async function verifyAppPassword(email: string, secret: string): Promise<AppPasswordHolder | null> {
  if (!secret.startsWith(PREFIX) || secret.length > 200) return null;
  const secretHash = hashSecret(secret);
  const row = await db.appPassword.findFirst({
    where: { secretHash, revokedAt: null, user: { email: email.trim().toLowerCase(), disabledAt: null } },
    select: { id: true, scope: true, user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!row) return null;
  const now = Date.now();
  if (dueForLastUse(row.id, now)) {
    await db.appPassword.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { user: toPublicUser(row.user), scope: scopeOf(row.scope), appPasswordId: row.id };
}
