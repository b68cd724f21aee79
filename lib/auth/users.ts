// Accounts: registration (the first account ever is ADMIN), credential checks, public shape.
import { db } from "../db";
import { env } from "../env";
import { DomainError, conflict, forbidden, rateLimited } from "../errors";
import { audit, userActor, type ClientInfo } from "../files/access";
import { claimAttempt, settleSuccess } from "./throttle";
import { knownDevice } from "./device";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";
import type { PublicUser } from "../schemas/accounts";

import { registerInput } from "../schemas/accounts";
import type { z } from "zod";

export { registerInput };
export type { PublicUser };
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

/** A new account (the first one ever becomes the admin). */
export async function createAccount(data: { email: string; name: string | null; passwordHash: string | null }) {
  const user = await db.user.create({ data });
  return toPublicUser((await promoteIfFirst(user.id)) ? { ...user, role: "ADMIN" } : user);
}

export async function registerUser(input: z.infer<typeof registerInput>): Promise<PublicUser> {
  if (!env().PASSWORD_SIGN_IN) throw forbidden("This server uses single sign-on: sign up through it instead.");
  if (env().REGISTRATION === "closed") throw forbidden("Registration is closed on this server.");
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw conflict("An account with this email already exists.", { field: "email" });
  return createAccount({
    email: input.email,
    name: input.name ?? null,
    passwordHash: await hashPassword(input.password),
  });
}

/** Failures before sign-in waits begin: an address may mistype across a household's accounts. */
export const FREE_FAILURES_PER_ACCOUNT = 10;
export const FREE_FAILURES_PER_ADDRESS = 20;

/** Where a sign-in attempt comes from: the client's address, and its Cookie header (known devices). */
export interface SignInClient {
  address: string;
  cookies?: unknown;
  userAgent?: string | null;
}

type SignInFailure = "wrong_password" | "unknown_account" | "no_password" | "throttled" | "disabled";

/** One audit event per sign-in attempt: the account it was for (when it exists), never the password. */
async function auditSignIn(
  client: SignInClient,
  email: string,
  userId: string | null,
  failure?: SignInFailure,
): Promise<void> {
  const info: ClientInfo = {
    ip: client.address === "unknown" ? null : client.address,
    userAgent: client.userAgent ?? null,
  };
  if (failure) await audit(db, null, "auth.sign_in.failed", userId, { email, reason: failure }, info);
  else await audit(db, userActor(userId!, info), "auth.sign_in.ok", userId, { email, method: "password" });
}

/**
 * The user for these credentials, or null (wrong password, unknown or disabled account); the
 * device id to remember this browser by comes along. Throttling (lib/auth/throttle.ts): a known
 * device of the account is charged only for its own failures; any other client is charged per
 * address and per account, so guessing slows everywhere while the owner's devices sign in.
 */
export async function checkCredentials(
  email: string,
  password: string,
  client: SignInClient = { address: "unknown" },
  now = new Date(),
): Promise<(PublicUser & { deviceId: string | null }) | null> {
  const normalized = email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email: normalized } });
  const deviceId = user ? knownDevice(client.cookies, user.id) : null;
  const account = { key: `sign-in:account:${normalized}`, free: FREE_FAILURES_PER_ACCOUNT };
  const address = { key: `sign-in:address:${client.address}`, free: FREE_FAILURES_PER_ADDRESS };
  const device = { key: `sign-in:device:${deviceId}`, free: FREE_FAILURES_PER_ACCOUNT };
  const charged = deviceId ? [device] : [address, account];
  const wait = await claimAttempt(charged, now);
  const failed = (reason: SignInFailure) => auditSignIn(client, normalized, user?.id ?? null, reason);
  if (wait > 0) {
    await failed("throttled");
    throw rateLimited("Too many failed sign-in attempts. Try again later.", wait);
  }
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    await failed(user ? "no_password" : "unknown_account");
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await failed("wrong_password");
    return null;
  }
  await settleSuccess(deviceId ? [device, account] : [account], deviceId ? [] : [address], now);
  if (user.disabledAt) {
    await failed("disabled");
    throw new DomainError("forbidden", "This account is disabled.");
  }
  await auditSignIn(client, normalized, user.id);
  return { ...toPublicUser(user), deviceId };
}

/**
 * Whether the account owning a storage key (`<ownerId>/<random>`, lib/storage/keys.ts) is
 * enabled: app-served signed URLs stop working the moment their owner is disabled.
 */
export async function isOwnerActive(key: string): Promise<boolean> {
  const ownerId = key.split("/", 1)[0]!;
  const owner = await db.user.findUnique({ where: { id: ownerId }, select: { disabledAt: true } });
  return Boolean(owner && !owner.disabledAt);
}
