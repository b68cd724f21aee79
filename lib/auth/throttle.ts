// Slows password guessing with counters in the database (the RateLimit table), so every app
// process shares them. A counter's `count` is the failures so far: the first `free` cost nothing,
// then each failure doubles the wait before the next attempt (1 s, 2 s, 4 s, … up to 15 minutes).
// A counter is forgotten an hour after its wait ends, and `resetAt` is that moment (as for every
// RateLimit row, so whoever prunes rows whose `resetAt` has passed never drops a live counter);
// the next attempt is allowed from `resetAt - FORGET_AFTER_MS` on.
//
// Every attempt is counted *before* the password is checked, by a compare-and-set on the row
// it read, so a burst of parallel guesses cannot all slip through one open moment; a success
// then takes its count back (lib/auth/users.ts decides which counters an attempt charges).
import { db, isUniqueViolation } from "../db";

const MAX_WAIT_MS = 15 * 60 * 1000;
const FORGET_AFTER_MS = 60 * 60 * 1000;
const CLAIM_ROUNDS = 5;

/** A counter and the failures it lets pass before waits begin. */
export interface Counter {
  key: string;
  free: number;
}

/** The wait after `count` failures. */
export function backoffMs(count: number, free: number): number {
  return count <= free ? 0 : Math.min(MAX_WAIT_MS, 1000 * 2 ** Math.min(count - free - 1, 30));
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
/** The row's `resetAt` for a counter whose next attempt is allowed at `allowedAt`. */
const forgetAt = (allowedAt: number) => new Date(allowedAt + FORGET_AFTER_MS);

/** Counts one attempt on `key`; returns 0 when it may go ahead, else the seconds to wait (nothing counted). */
async function claimOne({ key, free }: Counter, now: Date): Promise<number> {
  for (let round = 0; round < CLAIM_ROUNDS; round++) {
    const row = await db.rateLimit.findUnique({ where: { key } });
    if (!row) {
      try {
        await db.rateLimit.create({ data: { key, count: 1, resetAt: forgetAt(now.getTime() + backoffMs(1, free)) } });
        // New counters are rare next to attempts: a good moment to drop forgotten ones (indexed).
        await db.rateLimit.deleteMany({ where: { resetAt: { lte: now } } });
        return 0;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        continue;
      }
    }
    const forgotten = row.resetAt <= now;
    const allowedAt = row.resetAt.getTime() - FORGET_AFTER_MS;
    if (!forgotten && allowedAt > now.getTime()) return seconds(allowedAt - now.getTime());
    const count = forgotten ? 1 : row.count + 1;
    const claimed = await db.rateLimit.updateMany({
      where: { key, count: row.count, resetAt: row.resetAt },
      data: { count, resetAt: forgetAt(now.getTime() + backoffMs(count, free)) },
    });
    if (claimed.count === 1) return 0;
  }
  return 1; // lost every race: someone else is hammering this counter right now
}

/**
 * Counts an attempt against every key, or refuses it: the seconds to wait when any counter is
 * still waiting (then the keys before it were charged, which only slows a guesser further).
 */
export async function claimAttempt(counters: Counter[], now = new Date()): Promise<number> {
  for (const counter of counters) {
    const wait = await claimOne(counter, now);
    if (wait > 0) return wait;
  }
  return 0;
}

/**
 * After a success: forgets the `forget` counters and takes the attempt back from the `refund`
 * ones (with the wait it started, when that leaves the counter within its free failures).
 */
export async function settleSuccess(forget: Counter[], refund: Counter[], now = new Date()): Promise<void> {
  if (forget.length) await db.rateLimit.deleteMany({ where: { key: { in: forget.map((c) => c.key) } } });
  for (const { key, free } of refund) {
    for (let round = 0; round < CLAIM_ROUNDS; round++) {
      const row = await db.rateLimit.findUnique({ where: { key } });
      if (!row || row.count === 0) break;
      const count = row.count - 1;
      const resetAt = count <= free ? forgetAt(now.getTime()) : row.resetAt;
      const done = await db.rateLimit.updateMany({
        where: { key, count: row.count, resetAt: row.resetAt },
        data: { count, resetAt },
      });
      if (done.count === 1) break;
    }
  }
}
