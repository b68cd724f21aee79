// A named lease in the database (JobLease), so a periodic storage job (the mirror worker, the return
// of fallen-back files) runs in one process at a time across every process and instance sharing the
// database. Stand-in until the shared lease module lands; same table, same semantics.
import crypto from "node:crypto";
import { db } from "../db";

/**
 * Runs `job` while holding the lease `name`, renewing it every third of `ttlMs`; answers null without
 * running it when another holder's lease has not expired. A holder that dies stops renewing, so its
 * lease lapses after `ttlMs`.
 */
export async function withLease<T>(name: string, ttlMs: number, job: () => Promise<T>): Promise<T | null> {
  const holder = crypto.randomUUID();
  if (!(await acquire(name, holder, ttlMs))) return null;
  const renew = setInterval(() => {
    db.jobLease
      .updateMany({ where: { name, holder }, data: { expiresAt: new Date(Date.now() + ttlMs) } })
      .catch(() => {});
  }, ttlMs / 3);
  renew.unref();
  try {
    return await job();
  } finally {
    clearInterval(renew);
    await db.jobLease.deleteMany({ where: { name, holder } }).catch(() => {});
  }
}

async function acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const { count } = await db.jobLease.updateMany({
    where: { name, expiresAt: { lte: now } },
    data: { holder, expiresAt },
  });
  if (count === 1) return true;
  try {
    await db.jobLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch {
    return false; // held by someone else (the row exists and has not expired)
  }
}
