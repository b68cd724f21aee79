// Fixed-window counters in the database (the RateLimit table), so every app process and
// instance shares one count: a guesser cannot multiply their tries by hitting other instances.
// Each step is one conditional statement the database runs atomically; no read-then-write.
import { db } from "./db";

export interface Limit {
  /** The counter's name, e.g. `share-password:link:<id>`. */
  key: string;
  /** Failures allowed within one window; the next attempt is refused. */
  max: number;
  windowSeconds: number;
}

/** Seconds until `limit` lets another attempt through, or 0 when it does now. */
export async function retryAfterSeconds(limit: Limit, now: Date): Promise<number> {
  const row = await db.rateLimit.findUnique({ where: { key: limit.key } });
  if (!row || row.resetAt <= now || row.count < limit.max) return 0;
  return Math.max(1, Math.ceil((row.resetAt.getTime() - now.getTime()) / 1000));
}

/** The longest wait among several limits (0 when all of them allow an attempt). */
export async function longestWait(limits: Limit[], now: Date): Promise<number> {
  const waits = await Promise.all(limits.map((limit) => retryAfterSeconds(limit, now)));
  return Math.max(0, ...waits);
}

/** Counts one attempt against `limit`: in the running window, or as the first of a new one. */
export async function countAttempt(limit: Limit, now: Date): Promise<void> {
  const resetAt = new Date(now.getTime() + limit.windowSeconds * 1000);
  // A few rounds at most: each round either counts, or loses a race that someone else won
  // (then the window they opened or reset is there to count in).
  for (let round = 0; round < 5; round++) {
    const inWindow = await db.rateLimit.updateMany({
      where: { key: limit.key, resetAt: { gt: now } },
      data: { count: { increment: 1 } },
    });
    if (inWindow.count === 1) return;
    const reopened = await db.rateLimit.updateMany({
      where: { key: limit.key, resetAt: { lte: now } },
      data: { count: 1, resetAt },
    });
    if (reopened.count === 1) return;
    try {
      await db.rateLimit.create({ data: { key: limit.key, count: 1, resetAt } });
      // New keys are rare next to attempts: a good moment to drop finished windows (indexed).
      await pruneRateLimits(now);
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "P2002") throw error;
    }
  }
}

/** Removes windows that ended before `now`, so the table holds only live counters. */
export async function pruneRateLimits(now: Date): Promise<number> {
  return (await db.rateLimit.deleteMany({ where: { resetAt: { lte: now } } })).count;
}
