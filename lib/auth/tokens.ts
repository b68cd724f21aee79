// Personal API tokens: shown once, stored as a SHA-256 hash, refused once revoked.
import crypto from "node:crypto";
import { db } from "../db";
import { notFound } from "../errors";
import { audit, ownerIdOf, userActor, type Actor } from "../files/access";
import { toPublicUser, type PublicUser } from "./users";
import { lastUseGate } from "./last-use";

const PREFIX = "stw_";
// lastUsedAt is informative; writing it on every request would make each read a write. Each
// process writes it at most once a minute per token (several processes: a few times a minute).
const LAST_USED_GRANULARITY_MS = 60_000;

export { createTokenInput } from "../schemas/accounts";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** A new token for the actor (or a bare user id: scripts and test setup acting without a request). */
export async function createApiToken(owner: Actor | string, name: string) {
  const actor = typeof owner === "string" ? userActor(owner) : owner;
  const token = PREFIX + crypto.randomBytes(32).toString("base64url");
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { userId: ownerIdOf(actor), name, tokenHash: hashToken(token) } });
    await audit(tx, actor, "token.create", created.id, { name });
    return created;
  });
  return { id: row.id, name: row.name, token, createdAt: row.createdAt };
}

export async function listApiTokens(userId: string) {
  const rows = await db.apiToken.findMany({
    where: { userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
  });
  return rows;
}

export async function revokeApiToken(actor: Actor, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id, userId: ownerIdOf(actor), revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("Token");
    await audit(tx, actor, "token.revoke", id);
  });
}

const dueForLastUse = lastUseGate(LAST_USED_GRANULARITY_MS);

/** The user behind a bearer token (one statement), or null when unknown, revoked or the user is disabled. */
export async function userForToken(token: string): Promise<(PublicUser & { mayHoldGrants: boolean }) | null> {
  if (!token.startsWith(PREFIX)) return null;
  const tokenHash = hashToken(token);
  // A relation filter, not a relation read: Prisma reads a related row with a second statement.
  const user = await db.user.findFirst({
    where: { disabledAt: null, apiTokens: { some: { tokenHash, revokedAt: null } } },
    select: { id: true, email: true, name: true, role: true, mayHoldGrants: true },
  });
  if (!user) return null;
  const now = Date.now();
  if (dueForLastUse(tokenHash, now)) {
    await db.apiToken.update({ where: { tokenHash }, data: { lastUsedAt: new Date(now) } });
  }
  return { ...toPublicUser(user), mayHoldGrants: user.mayHoldGrants };
}
