// WebDAV locks (class 2), kept in the DavLock table so every app instance sees the same ones.
// A lock covers its path, and with depth infinity everything below it. Locks are write locks:
// changing a locked resource needs its token in the If header (423 otherwise). Expired locks are
// ignored everywhere and deleted whenever a lock is taken.
import crypto from "node:crypto";
import { db } from "../db";
import type { DavLock } from "../generated/prisma/client";
import { invalid } from "../errors";
import { DavStatus, locked } from "./status";

export type { DavLock };

export const MAX_LOCK_SECONDS = 24 * 3600;
const DEFAULT_LOCK_SECONDS = 3600;

/** Whether `path` is `ancestor` or below it ("" is the root, above everything). */
const within = (path: string, ancestor: string) =>
  ancestor === "" || path === ancestor || path.startsWith(ancestor + "/");

/** The owner's live locks. Accounts hold few at a time, so they are read whole and filtered here. */
export function liveLocks(ownerId: string): Promise<DavLock[]> {
  return db.davLock.findMany({ where: { ownerId, expiresAt: { gt: new Date() } }, orderBy: { createdAt: "asc" } });
}

/** The locks that cover `path`: on it, or on an ancestor with depth infinity; with `below`, also those under it. */
export function covering(locks: DavLock[], path: string, below = false): DavLock[] {
  return locks.filter(
    (l) => l.path === path || (l.depth === "infinity" && within(path, l.path)) || (below && within(l.path, path)),
  );
}

/** 423 unless every lock covering `path` (and below it, with `below`) has its token among `submitted`. */
export function assertUnlocked(locks: DavLock[], path: string, submitted: Set<string>, below = false): void {
  if (covering(locks, path, below).some((l) => !submitted.has(l.token))) throw locked();
}

/** The Timeout header's seconds ("Second-N", "Infinite", a list of them): the first we can honour, capped. */
export function timeoutOf(header: string | null): number {
  for (const part of (header ?? "").split(",").map((p) => p.trim())) {
    if (/^infinite$/i.test(part)) return MAX_LOCK_SECONDS;
    const m = /^second-(\d+)$/i.exec(part);
    if (m) return Math.max(1, Math.min(MAX_LOCK_SECONDS, Number(m[1])));
  }
  return DEFAULT_LOCK_SECONDS;
}

export interface LockRequest {
  ownerId: string;
  path: string;
  depth: "0" | "infinity";
  scope: "exclusive" | "shared";
  owner: string | null;
  timeoutSeconds: number;
}

/**
 * Takes a lock, or 423 when it conflicts: an exclusive lock with any lock on the path, its ancestors
 * (depth infinity) or, for a depth-infinity lock, below it; a shared one with exclusive ones there.
 * One transaction reads and writes, so two instances cannot both take conflicting locks.
 */
export async function takeLock(request: LockRequest): Promise<DavLock> {
  const now = new Date();
  return db.$transaction(async (tx) => {
    await tx.davLock.deleteMany({ where: { expiresAt: { lte: now } } });
    const existing = await tx.davLock.findMany({ where: { ownerId: request.ownerId } });
    const clash = covering(existing, request.path, request.depth === "infinity");
    if (clash.some((l) => request.scope === "exclusive" || l.scope === "exclusive"))
      throw locked("The resource is already locked.");
    return tx.davLock.create({
      data: {
        token: `opaquelocktoken:${crypto.randomUUID()}`,
        ownerId: request.ownerId,
        path: request.path,
        depth: request.depth,
        scope: request.scope,
        owner: request.owner,
        timeoutSeconds: request.timeoutSeconds,
        expiresAt: new Date(now.getTime() + request.timeoutSeconds * 1000),
      },
    });
  });
}

/** Extends a lock covering `path` whose token is among `submitted`; 412 when there is none. */
export async function refreshLock(ownerId: string, path: string, submitted: Set<string>, seconds: number) {
  const lock = covering(await liveLocks(ownerId), path).find((l) => submitted.has(l.token));
  if (!lock)
    throw new DavStatus(412, "No lock of this resource was named in the If header.", "lock-token-matches-request-uri");
  return db.davLock.update({
    where: { token: lock.token },
    data: { timeoutSeconds: seconds, expiresAt: new Date(Date.now() + seconds * 1000) },
  });
}

/** UNLOCK: removes the lock named by the Lock-Token header when it covers `path`; 409 otherwise. */
export async function releaseLock(ownerId: string, path: string, header: string | null): Promise<void> {
  const token = /^\s*<([^>]+)>\s*$/.exec(header ?? "")?.[1];
  if (!token) throw invalid("UNLOCK needs a Lock-Token header: <token>.");
  const lock = covering(await liveLocks(ownerId), path).find((l) => l.token === token);
  if (!lock) throw new DavStatus(409, "That lock token does not lock this resource.", "lock-token-matches-request-uri");
  await db.davLock.delete({ where: { token } });
}

/** Drops the locks on `path` and below (the resource was deleted or moved away). */
export async function dropLocks(ownerId: string, path: string): Promise<void> {
  const locks = await db.davLock.findMany({ where: { ownerId }, select: { token: true, path: true } });
  const gone = locks.filter((l) => within(l.path, path)).map((l) => l.token);
  if (gone.length) await db.davLock.deleteMany({ where: { token: { in: gone } } });
}
