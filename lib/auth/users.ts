// Accounts: registration (the first account ever is ADMIN), credential checks, public shape.
import { db } from "../db";
import { env } from "../env";
import { DomainError, conflict, forbidden, rateLimited } from "../errors";
import { clearFailures, recordFailure, retryAfter } from "./throttle";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";
import type { PublicUser } from "../schemas/accounts";

import { registerInput } from "../schemas/accounts";
import type { z } from "zod";

export { registerInput };
export type { PublicUser };
import type { Role } from "../generated/prisma/client";



export function toPublicUser(user: PublicUser): PublicUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * Makes `userId` the admin if it is the first account ever: no account was created before it
 * (ties broken by id). Every new account asks this about itself, so of simultaneous first
 * sign-ups exactly one is promoted, whatever order their statements run in.
 */
export async function promoteIfFirst(userId: string): Promise<boolean> {
  const promoted = await db.$executeRaw`UPDATE "User" SET "role" = 'ADMIN' WHERE "id" = ${userId} AND NOT EXISTS (
    SELECT 1 FROM "User" AS earlier, "User" AS me WHERE me."id" = ${userId}
      AND (earlier."createdAt" < me."createdAt" OR (earlier."createdAt" = me."createdAt" AND earlier."id" < me."id")))`;
  return promoted === 1;
}

async function createAccount(data: { email: string; name: string | null; passwordHash: string | null }) {
  const user = await db.user.create({ data });
  return toPublicUser((await promoteIfFirst(user.id)) ? { ...user, role: "ADMIN" } : user);
}

export async function registerUser(input: z.infer<typeof registerInput>): Promise<PublicUser> {
  if (env().REGISTRATION === "closed") throw forbidden("Registration is closed on this server.");
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw conflict("An account with this email already exists.", { field: "email" });
  return createAccount({ email: input.email, name: input.name ?? null, passwordHash: await hashPassword(input.password) });
}

/** The user for these credentials, or null (wrong password, unknown or disabled account). */
export async function checkCredentials(email: string, password: string, address = "unknown"): Promise<PublicUser | null> {
  const normalized = email.trim().toLowerCase();
  const wait = retryAfter(normalized, address);
  if (wait > 0) throw rateLimited("Too many failed sign-in attempts. Try again later.", wait);
  const user = await db.user.findUnique({ where: { email: normalized } });
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    recordFailure(normalized, address);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    recordFailure(normalized, address);
    return null;
  }
  clearFailures(normalized, address);
  if (user.disabledAt) throw new DomainError("forbidden", "This account is disabled.");
  return toPublicUser(user);
}

/** Finds or creates the account for an OAuth sign-in (matched by verified email). */
export async function userForOAuth(email: string, name: string | null): Promise<PublicUser | null> {
  const normalized = email.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email: normalized } });
  if (existing) return existing.disabledAt ? null : toPublicUser(existing);
  if (env().REGISTRATION === "closed") return null;
  return createAccount({ email: normalized, name, passwordHash: null });
}

/** An enabled user by id, or null. */
export async function activeUser(id: string): Promise<PublicUser | null> {
  const user = await db.user.findUnique({ where: { id } });
  return user && !user.disabledAt ? toPublicUser(user) : null;
}
