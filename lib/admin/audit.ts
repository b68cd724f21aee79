// The audit log as the admin console reads it (GET /api/admin/audit), and its retention. Events
// are written by the services themselves (`audit(tx, ...)` in lib/files/access.ts, inside the
// transaction of each change); this module only reads them and forgets old ones.
// Pages are keyset-paginated newest first over AuditEvent(createdAt, id), so a deep page costs
// what the first one does; an action filter uses AuditEvent(action, createdAt).
import { db, type Prisma } from "../db";
import { env } from "../env";
import { invalid } from "../errors";
import { log } from "../log";
import type { AuditEventRow, AuditPage, AuditQuery } from "../schemas/admin";

const DAY_MS = 86_400_000;

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    const createdAt = new Date(typeof at === "string" ? at : NaN);
    if (typeof id === "string" && !Number.isNaN(createdAt.getTime())) return { createdAt, id };
  } catch {
    // fall through to the error below
  }
  throw invalid("cursor is not valid for this listing. Start again without it.", { field: "cursor" });
}

function parseDetails(details: string | null): Record<string, unknown> | null {
  if (!details) return null;
  try {
    return JSON.parse(details) as Record<string, unknown>;
  } catch {
    return { text: details };
  }
}

/** The filters of a query as a Prisma condition (null: nothing can match, e.g. an unknown person). */
async function filterOf(query: AuditQuery): Promise<Prisma.AuditEventWhereInput[] | null> {
  const where: Prisma.AuditEventWhereInput[] = [];
  if (query.action) where.push({ OR: [{ action: query.action }, { action: { startsWith: `${query.action}.` } }] });
  if (query.person) {
    const person = await db.user.findUnique({ where: { email: query.person }, select: { id: true } });
    if (!person) return null;
    // What the person did, and what was done to their account (admin changes, failed sign-ins).
    where.push({ OR: [{ actorId: person.id }, { target: person.id }] });
  }
  if (query.target) where.push({ target: query.target });
  if (query.from) where.push({ createdAt: { gte: query.from } });
  if (query.to) where.push({ createdAt: { lte: query.to } });
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    where.push({ OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] });
  }
  return where;
}

/** One page of the audit log, newest first. */
export async function auditPage(query: AuditQuery): Promise<AuditPage> {
  const where = await filterOf(query);
  if (!where) return { items: [], nextCursor: null };
  const rows = await db.auditEvent.findMany({
    where: { AND: where },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: { actor: { select: { id: true, email: true, name: true } } },
  });
  const page = rows.slice(0, query.limit);
  const targets = [...new Set(page.map((row) => row.target).filter((t): t is string => t !== null))];
  const accounts = targets.length
    ? await db.user.findMany({ where: { id: { in: targets } }, select: { id: true, email: true } })
    : [];
  const emailOf = new Map(accounts.map((a) => [a.id, a.email]));
  const items: AuditEventRow[] = page.map((row) => ({
    id: row.id,
    action: row.action,
    createdAt: row.createdAt.toISOString(),
    actor: row.actor,
    target: row.target,
    targetEmail: (row.target && emailOf.get(row.target)) ?? null,
    ip: row.ip,
    userAgent: row.userAgent,
    details: parseDetails(row.details),
  }));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null };
}

/**
 * Forgets events older than AUDIT_RETENTION_DAYS (0 keeps them forever); the sweeper calls it.
 * A failure is logged and retried on the next sweep.
 */
export async function purgeOldAuditEvents(now = new Date()): Promise<number> {
  const days = env().AUDIT_RETENTION_DAYS;
  if (days === 0) return 0;
  try {
    const { count } = await db.auditEvent.deleteMany({
      where: { createdAt: { lt: new Date(now.getTime() - days * DAY_MS) } },
    });
    if (count) log.info("sweep: forgot old audit events", { count, retentionDays: days });
    return count;
  } catch (error) {
    log.warn("sweep: could not forget old audit events; will retry", { error: String(error) });
    return 0;
  }
}
