// Fixed-window counters in the database (the RateLimit table), so every app process and
// instance shares one count: a guesser cannot multiply their tries by hitting other instances.
// Each step is one conditional statement the database runs atomically; no read-then-write.
//
// An attempt is taken from its window *before* the work it guards (a slow password check), the
// way sign-in does it (lib/auth/throttle.ts): a burst of N simultaneous guesses then gets at most
// `max` through, where counting after the check let all N read "room left" before any counted.
import { db, isUniqueViolation } from "./db";

export interface Limit {
  /** The counter's name, e.g. `share-password:link:<id>`. */
  key: string;
  /** Attempts allowed within one window; the next one is refused. */
  max: number;
  windowSeconds: number;
}

/** Seconds until `limit` lets another attempt through, or 0 when it does now. */
export async function retryAfterSeconds(limit: Limit, now: Date): Promise<number> {
  const row = await db.rateLimit.findUnique({ where: { key: limit.key } });
  if (!row || row.resetAt <= now || row.count < limit.max) return 0;
  return Math.max(1, Math.ceil((row.resetAt.getTime() - now.getTime()) / 1000));
}

/**
 * Takes one attempt from `limit`: 0 when taken (in the running window, or as the first of a new
 * one), else the seconds to wait, with nothing taken.
 */
export async function claimAttempt(limit: Limit, now: Date): Promise<number> {
  const resetAt = new Date(now.getTime() + limit.windowSeconds * 1000);
  // A few rounds at most: each round either takes an attempt, finds the window full, or loses a
  // race someone else won (then the window they opened or reset is there to take from).
  for (let round = 0; round < 5; round++) {
    const inWindow = await db.rateLimit.updateMany({
      where: { key: limit.key, resetAt: { gt: now }, count: { lt: limit.max } },
      data: { count: { increment: 1 } },
    });
    if (inWindow.count === 1) return 0;
    const reopened = await db.rateLimit.updateMany({
      where: { key: limit.key, resetAt: { lte: now } },
      data: { count: 1, resetAt },
    });
    if (reopened.count === 1) return 0;
    const wait = await retryAfterSeconds(limit, now);
    if (wait > 0) return wait;
    try {
      await db.rateLimit.create({ data: { key: limit.key, count: 1, resetAt } });
      // New keys are rare next to attempts: a good moment to drop finished windows (indexed).
      await pruneRateLimits(now);
      return 0;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return 1; // lost every race: someone is hammering this counter right now
}

/** Gives back an attempt taken in the running window (it turned out not to be a failure). */
export async function refundAttempt(limit: Limit, now: Date): Promise<void> {
  await db.rateLimit.updateMany({
    where: { key: limit.key, resetAt: { gt: now }, count: { gt: 0 } },
    data: { count: { decrement: 1 } },
  });
}

/** Removes windows that ended before `now`, so the table holds only live counters. */
export async function pruneRateLimits(now: Date): Promise<number> {
  return (await db.rateLimit.deleteMany({ where: { resetAt: { lte: now } } })).count;
}
