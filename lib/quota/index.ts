// Per-user storage quota: usedBytes + reservedBytes <= quota, enforced by one conditional
// UPDATE so that concurrent reservations can never overshoot.
import { db, Prisma } from "../db";
import { env } from "../env";
import { DomainError, notFound } from "../errors";
import { formatBytes } from "../bytes";
import { UNLIMITED_QUOTA_BYTES } from "../schemas/admin";

/** The quota in force: the user's own, else DEFAULT_QUOTA_BYTES; null = unlimited. */
export function effectiveQuota(quotaBytes: bigint | null): number | null {
  if (quotaBytes === null) return env().DEFAULT_QUOTA_BYTES;
  return Number(quotaBytes) >= UNLIMITED_QUOTA_BYTES ? null : Number(quotaBytes);
}

export interface Usage {
  usedBytes: number;
  reservedBytes: number;
  quotaBytes: number | null;
  fileCount: number;
  /** The part of usedBytes that older versions of files take. */
  versionBytes: number;
}

export async function usageOf(userId: string): Promise<Usage> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { usedBytes: true, reservedBytes: true, quotaBytes: true, fileCount: true, versionBytes: true },
  });
  if (!user) throw notFound("User");
  return {
    usedBytes: Number(user.usedBytes),
    reservedBytes: Number(user.reservedBytes),
    quotaBytes: effectiveQuota(user.quotaBytes),
    fileCount: user.fileCount,
    versionBytes: Number(user.versionBytes),
  };
}

/** 413 quota_exceeded for `size` more bytes (`what` needs them), with what is left. */
export async function quotaExceeded(ownerId: string, size: number, what: string): Promise<DomainError> {
  const usage = await usageOf(ownerId);
  const remainingBytes = Math.max(0, (usage.quotaBytes ?? 0) - usage.usedBytes - usage.reservedBytes);
  return new DomainError(
    "quota_exceeded",
    `Not enough space: ${what} needs ${formatBytes(size)} and you have ${formatBytes(remainingBytes)} left.`,
    { remainingBytes, quotaBytes: usage.quotaBytes },
  );
}

/**
 * Adds `delta` bytes to `column` when the user's booked bytes then still fit their quota. The WHERE
 * clause does the check and the UPDATE the booking in one statement, which the database runs
 * atomically, so concurrent bookings cannot overshoot. True when booked.
 */
async function bookWithinQuota(
  column: "reservedBytes" | "usedBytes",
  userId: string,
  delta: number,
  tx: Pick<typeof db, "$executeRaw">,
): Promise<boolean> {
  const target = Prisma.raw(`"${column}"`);
  const defaultQuota = env().DEFAULT_QUOTA_BYTES;
  const fits =
    defaultQuota === null
      ? Prisma.sql`("quotaBytes" IS NULL OR "usedBytes" + "reservedBytes" + ${delta} <= "quotaBytes")`
      : Prisma.sql`"usedBytes" + "reservedBytes" + ${delta} <= COALESCE("quotaBytes", ${defaultQuota})`;
  const booked =
    await tx.$executeRaw`UPDATE "User" SET ${target} = ${target} + ${delta} WHERE "id" = ${userId} AND ${fits}`;
  return booked === 1;
}

/**
 * Reserves `size` bytes for an upload. True when granted. In the caller's transaction `tx`, the
 * booking commits (or not) with the rows that account for it.
 */
export async function reserveBytes(
  userId: string,
  size: number,
  tx: Pick<typeof db, "$executeRaw"> = db,
): Promise<boolean> {
  return bookWithinQuota("reservedBytes", userId, size, tx);
}

/**
 * Adds `delta` bytes to what the user uses (a thumbnail, or a change of one), in the caller's
 * transaction. Growth must fit the quota, checked and booked in one statement like reserveBytes;
 * shrinking always succeeds. True when booked.
 */
export async function chargeBytes(
  userId: string,
  delta: number,
  tx: Pick<typeof db, "$executeRaw"> = db,
): Promise<boolean> {
  if (delta <= 0) {
    return (await tx.$executeRaw`UPDATE "User" SET "usedBytes" = "usedBytes" + ${delta} WHERE "id" = ${userId}`) === 1;
  }
  return bookWithinQuota("usedBytes", userId, delta, tx);
}

/** Gives back a reservation (abort, expiry, failed create). */
export async function releaseBytes(userId: string, size: number, tx: Pick<typeof db, "user"> = db): Promise<void> {
  await tx.user.update({
    where: { id: userId },
    data: { reservedBytes: { decrement: BigInt(size) } },
    select: { id: true },
  });
}

/** Completed uploads' bytes (`files` of them, `size` in all) move from reserved to used, in the caller's transaction. */
export async function commitBytes(userId: string, size: number, tx: Pick<typeof db, "user">, files = 1): Promise<void> {
  await tx.user.update({
    where: { id: userId },
    data: {
      reservedBytes: { decrement: BigInt(size) },
      usedBytes: { increment: BigInt(size) },
      fileCount: { increment: files },
      lastUploadAt: new Date(),
    },
    select: { id: true }, // nothing reads the row back: Prisma would map every column of it
  });
}
