// The admin's two-factor policy and the admin's sign-in actions, through the app's router on a real
// database: who is held back until they enrol, what stays open to them, and the audit trail.
import { generate } from "otplib";
import { beforeEach, describe, expect, it } from "vitest";
import { dispatch, newUser, sessionCookie } from "@/test/api";
import { db } from "@/lib/db";
import { ENROLMENT_REQUIRED } from "@/lib/schemas/accounts";

type User = Awaited<ReturnType<typeof newUser>>;

beforeEach(async () => {
  await db.setting.deleteMany();
  await db.user.deleteMany();
});

/** A user who can sign in with a password (the policy covers only those). */
async function withPassword(role: "USER" | "ADMIN" = "USER"): Promise<User & { cookie: string }> {
  const user = await newUser({ role });
  await db.user.update({ where: { id: user.id }, data: { passwordHash: "scrypt$not-used-here" } });
  return { ...user, cookie: await sessionCookie(user.id) };
}

const setPolicy = (admin: User, twoFactorRequired: unknown) =>
  dispatch({ method: "PUT", path: "/api/admin/sign-in-policy", token: admin.token, body: { twoFactorRequired } });

const asCookie = (user: { cookie: string }, path: string, method = "GET", body?: unknown) =>
  dispatch({ method, path, body, headers: { cookie: user.cookie, origin: "http://localhost:3000" } });

async function enrol(user: { cookie: string }) {
  const started = await asCookie(user, "/api/me/two-factor/totp", "POST");
  expect(started.status).toBe(201);
  const code = await generate({ secret: started.json.secret });
  const confirmed = await asCookie(user, "/api/me/two-factor/totp/confirm", "POST", { code });
  expect(confirmed.status).toBe(200);
}

describe("two-factor policy", () => {
  it("is off by default, changed by admins only, refuses unknown values, and every change is audited", async () => {
    const admin = await withPassword("ADMIN");
    const user = await newUser();
    expect((await dispatch({ path: "/api/admin/sign-in-policy", token: admin.token })).json).toEqual({
      twoFactorRequired: "off",
    });
    expect((await setPolicy(user, "everyone")).status).toBe(403);
    const bad = await setPolicy(admin, "sometimes");
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("invalid_request");
    expect((await setPolicy(admin, "admins")).json).toEqual({ twoFactorRequired: "admins" });
    expect((await setPolicy(admin, "everyone")).status).toBe(200);
    const events = await db.auditEvent.findMany({
      where: { action: "admin.policy.two_factor" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(events.map((e) => [e.actorId, JSON.parse(e.details ?? "{}")])).toEqual([
      [admin.id, { from: "off", to: "admins" }],
      [admin.id, { from: "admins", to: "everyone" }],
    ]);
  });

  it("holds back a covered user's browser session until enrolment, leaving the enrolment routes open", async () => {
    const admin = await withPassword("ADMIN");
    const user = await withPassword();
    expect((await asCookie(user, "/api/files")).status).toBe(200);

    await setPolicy(admin, "admins");
    expect((await asCookie(user, "/api/files")).status).toBe(200); // admins only
    const heldAdmin = await asCookie(admin, "/api/admin/usage");
    expect(heldAdmin.status).toBe(403);
    expect(heldAdmin.json.error).toMatchObject({ code: "forbidden", reason: ENROLMENT_REQUIRED });

    await setPolicy(admin, "everyone"); // by API token: tokens are not held back (see below)
    for (const path of ["/api/files", "/api/me/app-passwords", "/api/me/sessions"]) {
      const held = await asCookie(user, path);
      expect(held.status, path).toBe(403);
      expect(held.json.error.reason).toBe(ENROLMENT_REQUIRED);
    }
    expect((await asCookie(user, "/api/me/app-passwords", "POST", { name: "x", scope: "read" })).status).toBe(403);
    expect((await asCookie(user, "/api/me")).status).toBe(200);
    expect((await asCookie(user, "/api/me/two-factor")).json.totp).toBe(false);

    await enrol(user);
    expect((await asCookie(user, "/api/files")).status).toBe(200);
    // Existing API tokens keep working, as they do under PASSWORD_SIGN_IN=false.
    expect((await dispatch({ path: "/api/files", token: user.token })).status).toBe(200);
  });

  it("leaves accounts without a password (single sign-on) to their identity provider", async () => {
    const admin = await withPassword("ADMIN");
    await enrol(admin);
    await setPolicy(admin, "everyone");
    const sso = await newUser();
    const cookie = await sessionCookie(sso.id);
    expect((await asCookie({ cookie }, "/api/files")).status).toBe(200);
  });
});

describe("admin sign-in actions", () => {
  it("shows and resets a user's second factor, and removes a linked identity, all audited; others' ids are 404", async () => {
    const admin = await withPassword("ADMIN");
    const user = await withPassword();
    await enrol(user);
    const status = await dispatch({ path: `/api/admin/users/${user.id}/two-factor`, token: admin.token });
    expect(status.json).toMatchObject({ totp: true, recoveryCodesLeft: 10 });
    expect(JSON.stringify(status.json)).not.toMatch(/secret/i);
    expect((await dispatch({ path: `/api/admin/users/${user.id}/two-factor`, token: user.token })).status).toBe(403);
    expect((await dispatch({ path: "/api/admin/users/nobody/two-factor", token: admin.token })).status).toBe(404);

    const reset = await dispatch({
      method: "DELETE",
      path: `/api/admin/users/${user.id}/two-factor`,
      token: admin.token,
    });
    expect(reset.status).toBe(204);
    expect((await dispatch({ path: `/api/admin/users/${user.id}/two-factor`, token: admin.token })).json.totp).toBe(
      false,
    );
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);

    const identity = await db.identity.create({
      data: { userId: user.id, provider: "oidc", subject: "sub-1", email: user.email },
    });
    const listed = await dispatch({ path: `/api/admin/users/${user.id}/identities`, token: admin.token });
    expect(listed.json.items).toEqual([expect.objectContaining({ id: identity.id, provider: "oidc" })]);
    const wrongUser = await dispatch({
      method: "DELETE",
      path: `/api/admin/users/${admin.id}/identities/${identity.id}`,
      token: admin.token,
    });
    expect(wrongUser.status).toBe(404);
    const removed = await dispatch({
      method: "DELETE",
      path: `/api/admin/users/${user.id}/identities/${identity.id}`,
      token: admin.token,
    });
    expect(removed.status).toBe(204);
    expect(await db.identity.count({ where: { userId: user.id } })).toBe(0);

    const events = await db.auditEvent.findMany({
      where: { actorId: admin.id, action: { not: "token.create" } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(events.map((e) => [e.action, e.target])).toEqual([
      ["auth.second_factor.removed", user.id],
      ["admin.identity.remove", user.id],
    ]);
  });
});
