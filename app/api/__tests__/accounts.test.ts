import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { POST as register } from "../register/handlers";
import { GET as me } from "../me/handlers";
import { GET as listTokens, POST as createToken } from "../tokens/handlers";
import { DELETE as deleteToken } from "../tokens/[id]/handlers";
import { call, newUser, ORIGIN, type Reply } from "@/test/api";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";

function expectError(res: Reply, status: number, code: string, field?: string) {
  expect(res.status).toBe(status);
  expect(res.json).toEqual({ error: { code, message: expect.any(String), ...(field ? { field } : {}) } });
  expect(res.json.error.message).not.toMatch(/at .+\.(ts|js):\d+/); // no stack traces
}

describe("POST /api/register", () => {
  beforeEach(async () => {
    await db.user.deleteMany();
  });
  afterEach(() => {
    delete process.env.REGISTRATION;
    resetEnvCache();
  });

  it("makes the first account ever an admin and later ones users", async () => {
    const first = await call(register, {
      method: "POST",
      body: { email: "Ada@Example.com", password: "password123", name: "Ada" },
    });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({
      user: { id: expect.any(String), email: "ada@example.com", name: "Ada", role: "ADMIN" },
    });
    const second = await call(register, {
      method: "POST",
      body: { email: "bob@example.com", password: "password123" },
    });
    expect(second.status).toBe(201);
    expect(second.json.user.role).toBe("USER");
    expect(second.json.user).not.toHaveProperty("passwordHash");
  });

  it("gives exactly one admin when the first sign-ups interleave (create, create, promote, promote)", async () => {
    const { db } = await import("@/lib/db");
    const a = await db.user.create({ data: { email: "first@example.com" } });
    const b = await db.user.create({ data: { email: "second@example.com" } });
    // The promotion each sign-up runs after its create, here only after both creates.
    const { promoteIfFirst } = await import("@/lib/auth/users");
    expect(await promoteIfFirst(a.id)).toBe(true);
    expect(await promoteIfFirst(b.id)).toBe(false);
    const roles = await db.user.findMany({ select: { email: true, role: true }, orderBy: { email: "asc" } });
    expect(roles.filter((u) => u.role === "ADMIN")).toHaveLength(1);
  });

  it("gives exactly one admin when the first sign-ups race", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(register, { method: "POST", body: { email: `racer${i}@example.com`, password: "password123" } }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(results.filter((r) => r.json.user.role === "ADMIN")).toHaveLength(1);
  });

  it("answers 409 for a taken email, whatever its case", async () => {
    await call(register, { method: "POST", body: { email: "carol@example.com", password: "password123" } });
    expectError(
      await call(register, { method: "POST", body: { email: "CAROL@example.com", password: "password123" } }),
      409,
      "conflict",
      "email",
    );
  });

  it("answers 400 for a bad email, a short password or broken JSON", async () => {
    expectError(
      await call(register, { method: "POST", body: { email: "not-an-email", password: "password123" } }),
      400,
      "invalid_request",
      "email",
    );
    expectError(
      await call(register, { method: "POST", body: { email: "dan@example.com", password: "short" } }),
      400,
      "invalid_request",
      "password",
    );
    expectError(await call(register, { method: "POST", body: "{nope" }), 400, "invalid_request");
    expectError(await call(register, { method: "POST", body: [1, 2] }), 400, "invalid_request");
    expect(await db.user.count()).toBe(0);
  });

  it("answers 403 when registration is closed", async () => {
    process.env.REGISTRATION = "closed";
    resetEnvCache();
    expectError(
      await call(register, { method: "POST", body: { email: "erin@example.com", password: "password123" } }),
      403,
      "forbidden",
    );
  });
});

describe("GET /api/me", () => {
  it("answers 401 in the error shape when signed out", async () => {
    expectError(await call(me), 401, "unauthenticated");
  });

  it("describes the caller and their usage, by token or by session cookie", async () => {
    const user = await newUser();
    const byToken = await call(me, { token: user.token });
    expect(byToken.status).toBe(200);
    expect(byToken.json).toEqual({
      user: { id: user.id, email: user.email, name: null, role: user.role },
      usage: { usedBytes: 0, quotaBytes: 10 * 1024 ** 3, fileCount: 0, trashBytes: 0, versionBytes: 0 },
    });
    const byCookie = await call(me, { sessionFor: user.id });
    expect(byCookie.json.user.id).toBe(user.id);
  });

  it("refuses a disabled user's session and tokens", async () => {
    const user = await newUser();
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect((await call(me, { token: user.token })).status).toBe(401);
    expect((await call(me, { sessionFor: user.id })).status).toBe(401);
  });

  it("treats a malformed cookie as signed out, not as a server error", async () => {
    expectError(
      await call(me, { headers: { cookie: "other=%E0%A4%A; next-auth.session-token=%zz" } }),
      401,
      "unauthenticated",
    );
  });

  it("refuses a bogus token", async () => {
    expectError(await call(me, { token: "stw_bogus" }), 401, "unauthenticated");
  });
});

describe("API tokens", () => {
  it("creates a token shown once, lists it without the secret, and stops accepting it once revoked", async () => {
    const user = await newUser();
    const created = await call(createToken, { method: "POST", token: user.token, body: { name: "backup" } });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      id: expect.any(String),
      name: "backup",
      token: expect.stringMatching(/^stw_[A-Za-z0-9_-]{40,}$/),
      createdAt: expect.any(String),
    });
    const newToken: string = created.json.token;

    expect((await call(me, { token: newToken })).status).toBe(200);
    const list = await call(listTokens, { token: newToken });
    expect(list.json.items.map((t: { name: string }) => t.name).sort()).toEqual(["backup", "test"]);
    expect(JSON.stringify(list.json)).not.toContain(newToken);
    expect(list.json.items.find((t: { name: string }) => t.name === "backup").lastUsedAt).not.toBeNull();

    const revoked = await call(deleteToken, { method: "DELETE", token: user.token, params: { id: created.json.id } });
    expect(revoked.status).toBe(204);
    expectError(await call(me, { token: newToken }), 401, "unauthenticated");
  });

  it("answers 404 for another user's token and 400 for a missing name", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const bobs = await call(createToken, { method: "POST", token: bob.token, body: { name: "bob's" } });
    expectError(
      await call(deleteToken, { method: "DELETE", token: alice.token, params: { id: bobs.json.id } }),
      404,
      "not_found",
    );
    expect((await call(me, { token: bobs.json.token })).status).toBe(200);
    expectError(
      await call(createToken, { method: "POST", token: alice.token, body: {} }),
      400,
      "invalid_request",
      "name",
    );
  });

  it("refuses cookie-authenticated changes from another origin", async () => {
    const user = await newUser();
    const evil = await call(createToken, {
      method: "POST",
      sessionFor: user.id,
      body: { name: "x" },
      headers: { origin: "https://evil.example" },
    });
    expectError(evil, 403, "forbidden");
    const same = await call(createToken, {
      method: "POST",
      sessionFor: user.id,
      body: { name: "x" },
      headers: { origin: ORIGIN },
    });
    expect(same.status).toBe(201);
  });

  it("believes X-Forwarded-Host for the same-origin check only behind a trusted proxy", async () => {
    const user = await newUser();
    // An attacker's page posting to the app directly, claiming its own origin as the forwarded host.
    const claim = { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    const send = () => call(createToken, { method: "POST", sessionFor: user.id, body: { name: "x" }, headers: claim });
    expectError(await send(), 403, "forbidden");
    process.env.TRUST_PROXY = "1";
    resetEnvCache();
    try {
      expect((await send()).status).toBe(201); // a proxy that sets X-Forwarded-Host is believed
    } finally {
      delete process.env.TRUST_PROXY;
      resetEnvCache();
    }
  });
});
