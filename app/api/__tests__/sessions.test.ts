// Issue 12 finding 8: a copied session cookie must stop working once the account signs out
// everywhere, gets a new password or is disabled; sessions are short and renewed while in use.
import { afterEach, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { GET as me } from "../me/handlers";
import { DELETE as endSessions } from "../me/sessions/handlers";
import { PATCH as updateUser } from "../admin/users/[id]/handlers";
import { POST as setPassword } from "../password-tokens/[token]/handlers";
import { call, newUser } from "@/test/api";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { authOptions } from "@/lib/auth/options";
import { issueSetPasswordLink } from "@/lib/admin/password-links";
import { resetPassword } from "@/lib/admin/recovery";

const SECRET = process.env.AUTH_SECRET!;

/** The cookie a browser gets at sign-in: the token next-auth's jwt callback makes, encrypted. */
async function signIn(userId: string, at?: Date): Promise<string> {
  const token = await authOptions().callbacks!.jwt!({ token: {}, user: { id: userId } } as never);
  if (at) vi.useFakeTimers({ toFake: ["Date"], now: at });
  try {
    return `next-auth.session-token=${await encode({ token, secret: SECRET, maxAge: authOptions().session!.maxAge })}`;
  } finally {
    vi.useRealTimers();
  }
}

const withCookie = (cookie: string, extra: Record<string, string> = {}) => ({ headers: { cookie, ...extra } });
const sameOrigin = { origin: "http://localhost:3000" };

afterEach(() => {
  delete process.env.SESSION_MAX_AGE_HOURS;
  resetEnvCache();
});

describe("ending sessions", () => {
  it("sign out everywhere ends every session of the account, copied cookies included; API tokens keep working", async () => {
    const user = await newUser();
    const laptop = await signIn(user.id);
    const copied = laptop; // an attacker's copy of the same cookie
    const phone = await signIn(user.id);
    expect((await call(me, withCookie(copied))).status).toBe(200);

    const ended = await call(endSessions, { method: "DELETE", ...withCookie(laptop, sameOrigin) });
    expect(ended.status).toBe(204);

    for (const cookie of [laptop, copied, phone]) expect((await call(me, withCookie(cookie))).status).toBe(401);
    expect((await call(me, { token: user.token })).status).toBe(200);
    // Signing in again gives a working session.
    expect((await call(me, withCookie(await signIn(user.id)))).status).toBe(200);
    const events = await db.auditEvent.findMany({ where: { target: user.id, action: "user.sessions.revoke" } });
    expect(events).toHaveLength(1);
  });

  it("refuses sign out everywhere from another site", async () => {
    const user = await newUser();
    const cookie = await signIn(user.id);
    const res = await call(endSessions, {
      method: "DELETE",
      ...withCookie(cookie, { origin: "https://evil.example" }),
    });
    expect(res.status).toBe(403);
    expect((await call(me, withCookie(cookie))).status).toBe(200);
  });

  it("a password set through a link ends the sessions that knew the old one", async () => {
    const user = await newUser();
    const cookie = await signIn(user.id);
    const url = await db.$transaction((tx) => issueSetPasswordLink(tx, user.id));
    const token = url.split("/").pop()!;
    const res = await call(setPassword, { method: "POST", params: { token }, body: { password: "a new password" } });
    expect(res.status).toBe(204);
    expect((await call(me, withCookie(cookie))).status).toBe(401);
  });

  it("a password reset from the command line ends the sessions", async () => {
    const user = await newUser();
    const cookie = await signIn(user.id);
    await resetPassword(user.email, "another password");
    expect((await call(me, withCookie(cookie))).status).toBe(401);
  });

  it("disabling ends the sessions for good: enabling the account again does not revive them", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const user = await newUser();
    const cookie = await signIn(user.id);
    const patch = (disabled: boolean) =>
      call(updateUser, { method: "PATCH", token: admin.token, params: { id: user.id }, body: { disabled } });
    expect((await patch(true)).status).toBe(200);
    expect((await call(me, withCookie(cookie))).status).toBe(401);
    expect((await patch(false)).status).toBe(200);
    expect((await call(me, withCookie(cookie))).status).toBe(401);
    expect((await call(me, withCookie(await signIn(user.id)))).status).toBe(200);
  });

  it("pages see no user for an ended session (next-auth's session callback)", async () => {
    const user = await newUser();
    const token = await authOptions().callbacks!.jwt!({ token: {}, user: { id: user.id } } as never);
    const session = (t: typeof token) =>
      authOptions().callbacks!.session!({ session: { expires: "" }, token: t } as never) as unknown as Promise<{
        user?: unknown;
      }>;
    expect((await session(token)).user).toMatchObject({ id: user.id });
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect((await session(token)).user).toBeUndefined();
  });
});

describe("session lifetime", () => {
  it("lasts SESSION_MAX_AGE_HOURS (default a day), not 30 days", () => {
    expect(authOptions().session!.maxAge).toBe(24 * 3600);
  });

  it("an idle session ends; one in use is renewed with a fresh lifetime", async () => {
    const user = await newUser();
    const dayAgo = new Date(Date.now() - 24 * 3600 * 1000 - 60_000);
    expect((await call(me, withCookie(await signIn(user.id, dayAgo)))).status).toBe(401);

    const fresh = await call(me, withCookie(await signIn(user.id)));
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("set-cookie")).toBeNull(); // renewed at most every few minutes

    const hourAgo = new Date(Date.now() - 3600 * 1000);
    const renewed = await call(me, withCookie(await signIn(user.id, hourAgo)));
    expect(renewed.status).toBe(200);
    const setCookie = renewed.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^next-auth\.session-token=[^;]+; Path=\/; .*Max-Age=86400; HttpOnly; SameSite=Lax/);
    // The renewed cookie works, and carries the session version: ending sessions ends it too.
    const next = setCookie.split(";")[0]!;
    expect((await call(me, withCookie(next))).status).toBe(200);
    await call(endSessions, { method: "DELETE", ...withCookie(next, sameOrigin) });
    expect((await call(me, withCookie(next))).status).toBe(401);
  });
});
