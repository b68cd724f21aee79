// Admin changes to accounts: quota, role, disabled; adding accounts and handing out
// set-password links. Each change and its audit event are written in one transaction.
import { db, type Prisma } from "../db";
import { conflict, forbidden, notFound } from "../errors";
import { audit, type Actor } from "../files/access";
import {
  UNLIMITED_QUOTA_BYTES,
  type CreateUserInput,
  type CreatedUser,
  type QuotaInput,
  type UpdateUserInput,
  type AdminUserRow,
} from "../schemas/admin";
import { endSessions } from "../auth/revoke";
import { issueSetPasswordLink } from "./password-links";
import { toAdminRow, userRowSelect } from "./usage";

export { updateUserInput, createUserInput } from "../schemas/admin";

type Tx = Prisma.TransactionClient;

function quotaColumn(quota: QuotaInput): bigint | null {
  if (quota === null) return null;
  return BigInt(quota === "unlimited" ? UNLIMITED_QUOTA_BYTES : quota);
}

function adminId(actor: Actor): string {
  if (actor.kind !== "admin") throw forbidden("Only administrators can do that.");
  return actor.userId;
}

/** The actor must still be an enabled admin when the change is made, not only when the request began. */
async function requireActiveAdmin(tx: Tx, actorId: string): Promise<void> {
  const actor = await tx.user.findUnique({ where: { id: actorId }, select: { role: true, disabledAt: true } });
  if (actor?.role !== "ADMIN" || actor.disabledAt) throw forbidden("Only administrators can do that.");
}

/**
 * Touches every enabled admin's row, so that a concurrent account change waits for this transaction
 * and then reads what it committed (SQLite runs transactions one at a time anyway; on PostgreSQL
 * this takes the rows' locks). Taken first, before the actor's own admin rights are checked: of two
 * admins demoting each other at once, the second then finds itself no longer an admin.
 */
async function lockActiveAdmins(tx: Tx): Promise<void> {
  await tx.$executeRaw`UPDATE "User" SET "role" = "role" WHERE "role" = 'ADMIN' AND "disabledAt" IS NULL`;
}

/** Refuses to remove the last enabled admin (under `lockActiveAdmins`). */
async function keepOneActiveAdmin(tx: Tx, leavingId: string): Promise<void> {
  const others = await tx.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: leavingId } } });
  if (others === 0) throw conflict("This is the last active administrator: make someone else an administrator first.");
}

export async function getUserRow(id: string): Promise<AdminUserRow> {
  const user = await db.user.findUnique({ where: { id }, select: userRowSelect });
  if (!user) throw notFound("User");
  return toAdminRow(user);
}

/** PATCH /api/admin/users/{id}. */
export async function updateUser(actor: Actor, id: string, input: UpdateUserInput): Promise<{ user: AdminUserRow }> {
  const actorId = adminId(actor);
  return db.$transaction(async (tx) => {
    if (input.role === "USER" || input.disabled === true) await lockActiveAdmins(tx);
    await requireActiveAdmin(tx, actorId);
    const target = await tx.user.findUnique({ where: { id }, select: userRowSelect });
    if (!target) throw notFound("User");
    const demotes = input.role === "USER" && target.role === "ADMIN";
    const disables = input.disabled === true && target.disabledAt === null;
    // Stepping down is allowed while another admin remains; locking yourself out is not.
    if (id === actorId && disables) throw conflict("You cannot disable your own account.");
    if ((demotes || disables) && target.role === "ADMIN" && target.disabledAt === null)
      await keepOneActiveAdmin(tx, id);

    const data: Prisma.UserUpdateInput = {};
    const changes: Record<string, unknown> = {};
    if (input.quotaBytes !== undefined) {
      data.quotaBytes = quotaColumn(input.quotaBytes);
      changes.quotaBytes = input.quotaBytes;
    }
    if (input.role !== undefined && input.role !== target.role) data.role = changes.role = input.role;
    if (input.disabled !== undefined && input.disabled !== (target.disabledAt !== null)) {
      data.disabledAt = input.disabled ? new Date() : null;
      changes.disabled = input.disabled;
    }
    const user = await tx.user.update({ where: { id }, data, select: userRowSelect });
    // Its sessions end for good: enabling the account again does not bring them back.
    if (changes.disabled === true) await endSessions(tx, id, "disabled", actor);
    if (Object.keys(changes).length) await audit(tx, actor, "admin.user.update", id, changes);
    return { user: toAdminRow(user) };
  });
}

/** POST /api/admin/users: an account without a password, and a one-time link to set one. */
export async function createUser(actor: Actor, input: CreateUserInput): Promise<CreatedUser> {
  return db.$transaction(async (tx) => {
    await requireActiveAdmin(tx, adminId(actor));
    const taken = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (taken) throw conflict("An account with this email already exists.");
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name ?? null,
        ...(input.quotaBytes !== undefined ? { quotaBytes: quotaColumn(input.quotaBytes) } : {}),
      },
      select: userRowSelect,
    });
    const setPasswordUrl = await issueSetPasswordLink(tx, user.id);
    await audit(tx, actor, "admin.user.create", user.id, { email: input.email });
    return { user: toAdminRow(user), setPasswordUrl };
  });
}

/** POST /api/admin/users/{id}/reset-link; also used by the command line (a system actor). */
export async function issueResetLink(actor: Actor, id: string): Promise<{ setPasswordUrl: string }> {
  return db.$transaction(async (tx) => {
    if (actor.kind === "admin") await requireActiveAdmin(tx, actor.userId);
    const user = await tx.user.findUnique({ where: { id }, select: { id: true } });
    if (!user) throw notFound("User");
    const setPasswordUrl = await issueSetPasswordLink(tx, id);
    await audit(tx, actor, "admin.user.reset_link", id);
    return { setPasswordUrl };
  });
}
