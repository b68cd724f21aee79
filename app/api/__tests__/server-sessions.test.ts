// Issue 12 item 8: sessions kept on the server. Signing out ends the session (a cookie copied before
// sign-out stops working), each session can be listed and ended on its own, and every end is in
// the audit log with its reason.
import { describe, expect, it, vi } from "vitest";
import { decode, encode } from "next-auth/jwt";
import { GET as me } from "../me/handlers";
import { DELETE as signOutEverywhere, GET as listSessions } from "../me/sessions/handlers";
import { DELETE as endSession } from "../me/sessions/[id]/handlers";
import { PATCH as updateUser } from "../admin/users/[id]/handlers";
import { POST as setPassword } from "../password-tokens/[token]/handlers";
import { call, newUser } from "@/test/api";
import { db } from "@/lib/db";
import { authOptions } from "@/lib/auth/options";
import { issueSetPasswordLink } from "@/lib/admin/password-links";
import { purgeOldSessions } from "@/lib/auth/sessions";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
// Sign-in reads the browser's user agent and address from the request (next/headers): a browser's.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "user-agent": FIREFOX, "x-stowage-client-address": "203.0.113.7" }),
}));

const SECRET = process.env.AUTH_SECRET!;
const DAY_MS = 24 * 3600 * 1000;
const sameOrigin = { origin: "http://localhost:3000" };
const withCookie = (cookie: string, extra: Record<string, string> = {}) => ({ headers: { cookie, ...extra } });
const status = async (cookie: string) => (await call(me, withCookie(cookie))).status;

/** The cookie a browser gets at sign-in: the token next-auth's jwt callback makes, encrypted. */
async function signIn(userId: string): Promise<string> {
  const token = await authOptions().callbacks!.jwt!({ token: {}, user: { id: userId } } as never);
  return `next-auth.session-token=${await encode({ token, secret: SECRET })}`;
}

/** POST /api/auth/signout as next-auth runs it: it decodes the cookie and hands the token to the signOut event. */
async function signOut(cookie: string): Promise<void> {
  const token = await decode({ token: cookie.split("=")[1], secret: SECRET });
  await authOptions().events!.signOut!({ token } as never);
}

const sessionId = async (cookie: string) =>
  String((await decode({ token: cookie.split("=")[1], secret: SECRET }))?.sid);

async function endEvents(userId: string) {
  const events = await db.auditEvent.findMany({
    where: { action: "session.ended" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return events
    .map((e) => ({ target: e.target, actorId: e.actorId, details: JSON.parse(e.details ?? "{}") }))
    .filter((e) => e.details.userId === userId);
}

describe("server-side sessions", () => {
  it("signing out ends the session: a cookie copied before sign-out gets 401, other sessions go on", async () => {
    const user = await newUser();
    const laptop = await signIn(user.id);
    const copied = laptop;
    const phone = await signIn(user.id);
    expect(await status(copied)).toBe(200);

    await signOut(laptop);

    expect(await status(copied)).toBe(401);
    expect(await status(phone)).toBe(200);
    const sid = await sessionId(laptop);
    expect(await endEvents(user.id)).toEqual([
      { target: sid, actorId: user.id, details: { reason: "signout", userId: user.id } },
    ]);
    expect(await db.session.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ endReason: "signout" });
  });

  it("lists the live sessions with browser, address and last use, and ends only the one asked for", async () => {
    const user = await newUser();
    const laptop = await signIn(user.id);
    const phone = await signIn(user.id);

    const list = await call(listSessions, withCookie(laptop));
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(2);
    const current = list.json.items.find((s: { current: boolean }) => s.current);
    const other = list.json.items.find((s: { current: boolean }) => !s.current);
    expect(current.id).toBe(await sessionId(laptop));
    expect(other).toMatchObject({ id: await sessionId(phone), userAgent: FIREFOX, ip: "203.0.113.7" });
    expect(Object.keys(other).sort()).toEqual(["createdAt", "current", "id", "ip", "lastUsedAt", "userAgent"]);

    const ended = await call(endSession, {
      method: "DELETE",
      params: { id: other.id },
      ...withCookie(laptop, sameOrigin),
    });
    expect(ended.status).toBe(204);
    expect(await status(phone)).toBe(401);
    expect(await status(laptop)).toBe(200);
    expect((await call(listSessions, withCookie(laptop))).json.items.map((s: { id: string }) => s.id)).toEqual([
      current.id,
    ]);
    expect(await endEvents(user.id)).toEqual([
      { target: other.id, actorId: user.id, details: { reason: "ended-by-user", userId: user.id } },
    ]);
    // Ended once: asking again is a 404, as for any session that is not live.
    const again = await call(endSession, {
      method: "DELETE",
      params: { id: other.id },
      ...withCookie(laptop, sameOrigin),
    });
    expect(again.status).toBe(404);
  });

  it("another user's session answers 404, is not listed, and stays live", async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const cookie = await signIn(owner.id);
    const sid = await sessionId(cookie);
    const answer = await call(endSession, { method: "DELETE", token: stranger.token, params: { id: sid } });
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe("not_found");
    expect((await call(listSessions, { token: stranger.token })).text).not.toContain(sid);
    expect(await status(cookie)).toBe(200);
    expect(await endEvents(owner.id)).toEqual([]);
  });

  it("sign out everywhere, a new password and disabling end every session, each recorded with its reason", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const user = await newUser();
    const reasons = async () => (await endEvents(user.id)).map((e) => e.details.reason);

    const [a, b] = [await signIn(user.id), await signIn(user.id)];
    expect((await call(signOutEverywhere, { method: "DELETE", ...withCookie(a, sameOrigin) })).status).toBe(204);
    expect([await status(a), await status(b)]).toEqual([401, 401]);
    expect(await reasons()).toEqual(["everywhere", "everywhere"]);

    const c = await signIn(user.id);
    const link = await db.$transaction((tx) => issueSetPasswordLink(tx, user.id));
    const body = { password: "a new password" };
    await call(setPassword, { method: "POST", params: { token: link.split("/").pop()! }, body });
    expect(await status(c)).toBe(401);
    expect((await endEvents(user.id)).at(-1)).toMatchObject({ target: await sessionId(c), actorId: null });
    expect(await reasons()).toEqual(["everywhere", "everywhere", "password-changed"]);

    const d = await signIn(user.id);
    const patch = { method: "PATCH", token: admin.token, params: { id: user.id }, body: { disabled: true } };
    expect((await call(updateUser, patch)).status).toBe(200);
    expect(await status(d)).toBe(401);
    expect((await endEvents(user.id)).at(-1)).toMatchObject({ target: await sessionId(d), actorId: admin.id });
    expect(await reasons()).toEqual(["everywhere", "everywhere", "password-changed", "disabled"]);
  });

  it("a session past its expiry is refused whatever its cookie says; use pushes the expiry on", async () => {
    const user = await newUser();
    const cookie = await signIn(user.id);
    const sid = await sessionId(cookie);
    const soon = new Date(Date.now() + 60_000);
    await db.session.update({ where: { id: sid }, data: { expiresAt: soon } });
    expect(await status(cookie)).toBe(200);
    const row = await db.session.findUniqueOrThrow({ where: { id: sid } });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);

    await db.session.update({ where: { id: sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await status(cookie)).toBe(401);
    expect((await call(listSessions, { token: user.token })).json.items).toEqual([]);
    // The sweeper forgets it a week after its expiry, not before.
    await purgeOldSessions(new Date(Date.now() + 6 * DAY_MS));
    expect(await db.session.count({ where: { id: sid } })).toBe(1);
    await purgeOldSessions(new Date(Date.now() + 8 * DAY_MS));
    expect(await db.session.count({ where: { id: sid } })).toBe(0);
  });

  it("refuses a cookie that names no server-side session", async () => {
    const user = await newUser();
    const bare = await encode({ token: { sub: user.id, sv: 0 }, secret: SECRET });
    expect(await status(`next-auth.session-token=${bare}`)).toBe(401);
  });
});
