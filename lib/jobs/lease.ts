// Named leases in the database (the JobLease table), so a periodic job runs in one process at a
// time across every process and instance sharing the database. Taking a lease is one conditional
// write: it succeeds only when the lease is free, expired, or already ours. Clocks of the
// instances are assumed to agree within a few seconds (leases last at least a minute).
import crypto from "node:crypto";
import os from "node:os";
import { db, isUniqueViolation } from "../db";
import { log } from "../log";
import { perProcess } from "../per-process";

/** This process, as a lease holder: host, pid and a random tag (pids repeat across containers). */
export const processHolder: string = perProcess("lease holder", () => {
  const holder = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  log.debug("instance created", { instance: "lease holder", holder });
  return holder;
});

/**
 * Takes (or extends) lease `name` for `holder` until `now + seconds`. True when it is ours now;
 * false when another holder has it and it has not expired.
 */
export async function takeLease(name: string, holder: string, seconds: number, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + seconds * 1000);
  const taken = await db.jobLease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lte: now } }] },
    data: { holder, expiresAt },
  });
  if (taken.count === 1) return true;
  try {
    await db.jobLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false; // someone else holds it
    throw error;
  }
}

/** Gives lease `name` up at once, if `holder` still has it (another process may take it next). */
export async function releaseLease(name: string, holder: string): Promise<void> {
  await db.jobLease.deleteMany({ where: { name, holder } });
}

export interface LeaseOptions {
  /** How long the lease lasts; renewed while `run` is still going, so a slow run keeps it. */
  seconds: number;
  /** Give the lease up when `run` ends (a one-off job); otherwise it stays ours until it expires. */
  release?: boolean;
  holder?: string;
}

/**
 * Runs `run` only if lease `name` can be taken: `{ ran: false }` when another holder has it.
 * A periodic job that keeps the lease for its whole interval (release: false) runs once per
 * interval, wherever it runs; if its process dies, another one takes over when the lease expires.
 */
export async function withLease<T>(
  name: string,
  options: LeaseOptions,
  run: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const holder = options.holder ?? processHolder;
  if (!(await takeLease(name, holder, options.seconds))) return { ran: false };
  const renew = setInterval(
    () => void takeLease(name, holder, options.seconds).catch(() => undefined),
    Math.max(100, (options.seconds * 1000) / 3),
  );
  renew.unref();
  try {
    return { ran: true, result: await run() };
  } finally {
    clearInterval(renew);
    if (options.release) await releaseLease(name, holder).catch(() => undefined);
  }
}
