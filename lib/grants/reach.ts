// The set of folders a user's grants reach, stored once under a name derived from its content
// (GrantReach): when a user reaches more folders than an IN list should carry (the access layer's
// MANY_IDS), search filters name the set instead — one indexed lookup per candidate row, where the
// relation form joined up to 8 ancestor levels per row. Rows are never changed, so a set is right
// for every request that resolved exactly these folders (route() resolves them per request); a
// change of the reach (a new subfolder, a grant removed, a folder trashed) makes another set.
//
// Sets older than a day go when a new one is written (so the table holds about a day's worth of
// reach changes of such users). A set in use is restamped hourly when its user's grants are
// resolved again (at least every few minutes: resolve.ts keeps a resolution 5 minutes at most),
// so it never grows a day old while a request may still name it.
import crypto from "node:crypto";
import { db, isUniqueViolation } from "../db";

const SET_LIFETIME_MS = 24 * 3600 * 1000;
const RESTAMP_MS = 3600 * 1000;

/** Rows per INSERT (2 parameters each: Prisma binds at most 999 on SQLite). */
const CHUNK = 400;

/** The id of the stored set of exactly `folderIds` (written now when it is new). */
export async function reachSetOf(folderIds: string[]): Promise<string> {
  const sorted = [...new Set(folderIds)].sort();
  const setId = crypto.createHash("sha256").update(sorted.join("\n")).digest("base64url");
  const found = await db.grantReach.findFirst({ where: { setId }, select: { createdAt: true } });
  if (found) {
    // A set in use is kept: restamped once an hour, it never reaches the day after which sets go.
    if (Date.now() - found.createdAt.getTime() > RESTAMP_MS) {
      await db.grantReach.updateMany({ where: { setId }, data: { createdAt: new Date() } });
    }
    return setId;
  }
  try {
    // All rows in one transaction: a set that exists at all exists whole.
    await db.$transaction(async (tx) => {
      if (await tx.grantReach.findFirst({ where: { setId }, select: { setId: true } })) return;
      await tx.grantReach.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - SET_LIFETIME_MS) } } });
      for (let i = 0; i < sorted.length; i += CHUNK) {
        await tx.grantReach.createMany({ data: sorted.slice(i, i + CHUNK).map((folderId) => ({ setId, folderId })) });
      }
    });
  } catch (error) {
    // Another request wrote the same set at the same moment (PostgreSQL): it is there, whole.
    if (!isUniqueViolation(error)) throw error;
  }
  return setId;
}
