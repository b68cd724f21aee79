// Personal API tokens: shown once, stored as a SHA-256 hash, refused once revoked.
import crypto from "node:crypto";
import { db } from "../db";
import { notFound } from "../errors";
import { audit, ownerIdOf, userActor, type Actor } from "../files/access";
import { toPublicUser, type PublicUser } from "./users";

const PREFIX = "stw_";
// lastUsedAt is informative; writing it on every request would make each read a write.
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

/** The user behind a bearer token (one query), or null when unknown, revoked or the user is disabled. */
export async function userForToken(token: string): Promise<PublicUser | null> {
  if (!token.startsWith(PREFIX)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } },
    },
  });
  if (!row || row.revokedAt || row.user.disabledAt) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return toPublicUser(row.user);
}
