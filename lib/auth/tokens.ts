// Personal API tokens: shown once, stored as a SHA-256 hash, refused once revoked.
import crypto from "node:crypto";
import { db } from "../db";
import { notFound } from "../errors";
import { toPublicUser, type PublicUser } from "./users";

const PREFIX = "stw_";
// lastUsedAt is informative; writing it on every request would make each read a write.
const LAST_USED_GRANULARITY_MS = 60_000;

export { createTokenInput } from "../schemas/accounts";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function createApiToken(userId: string, name: string) {
  const token = PREFIX + crypto.randomBytes(32).toString("base64url");
  const row = await db.apiToken.create({ data: { userId, name, tokenHash: hashToken(token) } });
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

export async function revokeApiToken(userId: string, id: string): Promise<void> {
  const { count } = await db.apiToken.updateMany({
    where: { id, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw notFound("Token");
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
