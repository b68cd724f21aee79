// Server-side sessions (OWASP ASVS 3.3.1). The session cookie is still next-auth's encrypted JWT,
// but it names a Session row (`sid`) created at sign-in, and a request is signed in only while that
// row is live: not ended (sign-out, "end this session", or every session at once: lib/auth/revoke.ts)
// and not past its expiry. So ending a session on the server ends every copy of its cookie on the
// next request, and the user can see and end each of their sessions (Settings).
import { db } from "../db";
import { notFound } from "../errors";
import { audit, ownerIdOf, userActor, type Actor, type ClientInfo } from "../files/access";
import { log } from "../log";
import { sessionMaxAgeSeconds, tokenSessionVersion, type SessionToken } from "./session-cookie";
import { toPublicUser, type PublicUser } from "./users";
import { lastUseGate } from "./last-use";
import { enrolmentDue, factsOf } from "./policy";
import { noticeNewDevice } from "./sign-in-notice";

/** Why a session ended, as the audit log's `session.ended` events say. */
export type SessionEndReason = "signout" | "ended-by-user" | "everywhere" | "disabled" | "password-changed";

export interface SessionItem {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  userAgent: string | null;
  ip: string | null;
  /** The session of the request asking (the settings page marks it "This device"). */
  current: boolean;
}

/** The list shows a user's most recent sessions; a script signing in in a loop cannot make it unbounded. */
const LIST_LIMIT = 200;
/** Rows are kept this long past their expiry (the list shows live ones only), then the sweeper forgets them. */
const KEEP_AFTER_EXPIRY_MS = 7 * 24 * 3600 * 1000;
// lastUsedAt is informative and expiresAt slides with use; writing them on every request would
// make each read a write. Each process writes them at most once a minute per session, as API
// tokens do (lib/auth/tokens.ts); the expiry therefore trails real use by at most that minute.
const TOUCH_GRANULARITY_MS = 60_000;

const expiryAfter = (now: number) => new Date(now + sessionMaxAgeSeconds() * 1000);

/**
 * Starts a session of `userId` (next-auth's jwt callback at sign-in): the claims its cookie
 * carries. The account's session version is read before the row is written, so a session whose
 * sign-in races with "end every session" is refused either way (its row ended, or its version old).
 */
export async function startSession(userId: string, client?: ClientInfo): Promise<{ sid: string; sv: number }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  const row = await db.session.create({
    data: {
      userId,
      expiresAt: expiryAfter(Date.now()),
      ip: client?.ip ?? null,
      userAgent: client?.userAgent?.slice(0, 500) ?? null,
    },
    select: { id: true },
  });
  // Not awaited: the mail server's pace is not the sign-in's.
  void noticeNewDevice(userId, row.id, client);
  return { sid: row.id, sv: user.sessionVersion };
}

const dueForTouch = lastUseGate(TOUCH_GRANULARITY_MS);

async function touch(sid: string, now: number): Promise<void> {
  if (!dueForTouch(sid, now)) return;
  await db.session.updateMany({
    where: { id: sid, endedAt: null },
    data: { lastUsedAt: new Date(now), expiresAt: expiryAfter(now) },
  });
}

/**
 * The enabled user a session cookie's token stands for, with its session id, or null: the row is
 * ended or expired, the account is disabled, or all its sessions were ended after this one began
 * (the version), with whether the two-factor policy holds it back until it enrols. One statement
 * (and the policy's row for accounts without a second factor): a relation filter, not a relation read (Prisma would read a related
 * row with a second statement). Cookies from before sessions had rows carry no `sid` and are refused.
 */
export async function sessionHolder(
  token: SessionToken,
  now = Date.now(),
): Promise<(PublicUser & { sessionId: string; enrolmentDue: boolean; mayHoldGrants: boolean }) | null> {
  const { sub, sid } = token;
  if (typeof sub !== "string" || typeof sid !== "string") return null;
  const user = await db.user.findFirst({
    where: {
      id: sub,
      disabledAt: null,
      sessionVersion: tokenSessionVersion(token),
      sessions: { some: { id: sid, endedAt: null, expiresAt: { gt: new Date(now) } } },
    },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      passwordHash: true,
      totpEnabledAt: true,
      mayHoldGrants: true,
    },
  });
  if (!user) return null;
  await touch(sid, now);
  // The admin's two-factor policy (lib/auth/policy.ts): read only for accounts it could cover.
  return {
    ...toPublicUser(user),
    sessionId: sid,
    enrolmentDue: await enrolmentDue(factsOf(user)),
    mayHoldGrants: user.mayHoldGrants,
  };
}

/** GET /api/me/sessions: the live sessions of `userId`, most recently used first. */
export async function listSessions(userId: string, currentId?: string, now = new Date()): Promise<SessionItem[]> {
  const rows = await db.session.findMany({
    where: { userId, endedAt: null, expiresAt: { gt: now } },
    orderBy: [{ lastUsedAt: "desc" }, { id: "asc" }],
    take: LIST_LIMIT,
    select: { id: true, createdAt: true, lastUsedAt: true, userAgent: true, ip: true },
  });
  return rows.map((row) => ({ ...row, current: row.id === currentId }));
}

/** DELETE /api/me/sessions/{id}: ends one live session of the actor's (404 for anyone else's, or one already over). */
export async function endOwnSession(actor: Actor, id: string): Promise<void> {
  const userId = ownerIdOf(actor);
  await db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.session.updateMany({
      where: { id, userId, endedAt: null, expiresAt: { gt: now } },
      data: { endedAt: now, endReason: "ended-by-user" },
    });
    if (count === 0) throw notFound("Session");
    await audit(tx, actor, "session.ended", id, { reason: "ended-by-user", userId });
  });
}

/**
 * Sign-out (next-auth's signOut event, given the decoded cookie): ends the session the cookie
 * names, so a copy of it taken before sign-out stops working too.
 */
export async function endSignedOutSession(token: SessionToken | null | undefined, client?: ClientInfo): Promise<void> {
  const sub = token?.sub;
  const sid = token?.sid;
  if (typeof sub !== "string" || typeof sid !== "string") return;
  await db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { id: sid, userId: sub, endedAt: null },
      data: { endedAt: new Date(), endReason: "signout" },
    });
    if (count) await audit(tx, userActor(sub, client), "session.ended", sid, { reason: "signout", userId: sub });
  });
}

/** Forgets sessions that expired (or ended and then expired) over a week ago; the sweeper calls it. */
export async function purgeOldSessions(now = new Date()): Promise<number> {
  try {
    const { count } = await db.session.deleteMany({
      where: { expiresAt: { lt: new Date(now.getTime() - KEEP_AFTER_EXPIRY_MS) } },
    });
    if (count) log.info("sweep: forgot old sessions", { count });
    return count;
  } catch (error) {
    log.warn("sweep: could not forget old sessions; will retry", { error: String(error) });
    return 0;
  }
}
