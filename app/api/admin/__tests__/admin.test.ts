// The admin API through its route handlers, on a real SQLite database.
import { beforeEach, describe, expect, it } from "vitest";
import { GET as usageRoute } from "../usage/handlers";
import { GET as csvRoute } from "../usage.csv/handlers";
import { POST as createUserRoute } from "../users/handlers";
import { GET as detailRoute, PATCH as patchRoute } from "../users/[id]/handlers";
import { POST as resetLinkRoute } from "../users/[id]/reset-link/handlers";
import { GET as storageRoute } from "../storage/handlers";
import { POST as setPasswordRoute } from "../../password-tokens/[token]/handlers";
import { GET as meRoute } from "../../me/handlers";
import { call, newUser } from "@/test/api";
import { db } from "@/lib/db";
import { checkCredentials } from "@/lib/auth/users";
import { csvCell } from "@/lib/admin/csv";
import { forgetDriverFigures } from "@/lib/admin/insights";
import { UNLIMITED_QUOTA_BYTES, type AdminFile, type AdminUserRow, type UsageSort } from "@/lib/schemas/admin";

const GiB = 1024 ** 3;
type User = Awaited<ReturnType<typeof newUser>>;

beforeEach(async () => {
  await db.user.deleteMany();
});

async function setCounters(user: User, usedBytes: number, fileCount: number, extra: { name?: string } = {}) {
  await db.user.update({ where: { id: user.id }, data: { usedBytes: BigInt(usedBytes), fileCount, ...extra } });
}

const patch = (admin: User, id: string, body: unknown) =>
  call(patchRoute, { method: "PATCH", token: admin.token, params: { id }, body });
const usage = (admin: User, query = "") => call(usageRoute, { token: admin.token, path: `/api/admin/usage${query}` });

describe("admin routes refuse everyone but admins", () => {
  const routes = [
    { name: "GET usage", handler: usageRoute, method: "GET" },
    { name: "GET usage.csv", handler: csvRoute, method: "GET" },
    { name: "POST users", handler: createUserRoute, method: "POST", body: { email: "x@example.com" } },
    { name: "GET users/{id}", handler: detailRoute, method: "GET", withId: true },
    { name: "PATCH users/{id}", handler: patchRoute, method: "PATCH", withId: true, body: { quotaBytes: 1 } },
    { name: "POST users/{id}/reset-link", handler: resetLinkRoute, method: "POST", withId: true },
    { name: "GET storage", handler: storageRoute, method: "GET" },
  ];

  it.each(routes)(
    "$name: 403 for a user, 401 signed out, and nothing changes",
    async ({ handler, method, body, withId }) => {
      const admin = await newUser({ role: "ADMIN" });
      const user = await newUser();
      const options = { method, body, params: withId ? { id: admin.id } : undefined };
      const asUser = await call(handler, { ...options, token: user.token });
      expect(asUser.status).toBe(403);
      expect(asUser.json.error.code).toBe("forbidden");
      expect((await call(handler, { ...options, sessionFor: user.id })).status).toBe(403);
      expect((await call(handler, options)).status).toBe(401);
      const stored = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
      expect(stored.quotaBytes).toBeNull();
      expect(await db.user.count()).toBe(2);
      expect(await db.passwordToken.count()).toBe(0);
    },
  );
});

describe("GET /api/admin/usage", () => {
  it("lists every account with its counters, and totals over all accounts", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const alice = await newUser({ quotaBytes: 5 * GiB });
    await setCounters(alice, 3 * GiB, 7, { name: "Alice Liddell" });
    await db.user.update({
      where: { id: alice.id },
      data: { reservedBytes: 1024n, lastUploadAt: new Date("2026-11-01T10:00:00Z") },
    });

    const res = await usage(admin);
    expect(res.status).toBe(200);
    expect(res.json.totals).toEqual({ users: 2, files: 7, usedBytes: 3 * GiB, reservedBytes: 1024 });
    expect(res.json.users[0]).toMatchObject({
      id: alice.id,
      email: alice.email,
      name: "Alice Liddell",
      role: "USER",
      usedBytes: 3 * GiB,
      quotaBytes: 5 * GiB,
      quotaIsDefault: false,
      fileCount: 7,
      lastUploadAt: "2026-11-01T10:00:00.000Z",
      disabled: false,
    });
    expect(res.json.users[1]).toMatchObject({
      id: admin.id,
      quotaBytes: 10 * GiB,
      quotaIsDefault: true,
      lastUploadAt: null,
    });
    expect(res.json.nextCursor).toBeNull();
  });

  it.each<[UsageSort, "asc" | "desc"]>([
    ["usedBytes", "desc"],
    ["usedBytes", "asc"],
    ["fileCount", "desc"],
    ["fileCount", "asc"],
    ["email", "asc"],
    ["email", "desc"],
  ])("keyset pages by %s %s return every account exactly once, in order (ties included)", async (sort, order) => {
    const admin = await newUser({ role: "ADMIN" });
    const users = [admin];
    for (let i = 0; i < 23; i++) {
      const user = await newUser();
      // Many equal values, so the id has to break ties across page boundaries.
      await setCounters(user, (i % 4) * 1000, i % 3);
      users.push(user);
    }
    const seen: AdminUserRow[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<typeof usage>> = await usage(
        admin,
        `?sort=${sort}&order=${order}&limit=5${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.status).toBe(200);
      expect(res.json.users.length).toBeLessThanOrEqual(5);
      seen.push(...res.json.users);
      cursor = res.json.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(5);
    expect(seen.map((u) => u.id).sort()).toEqual(users.map((u) => u.id).sort());
    const key = (u: AdminUserRow) => u[sort];
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [key(seen[i - 1]), key(seen[i])];
      if (order === "asc") expect(a <= b).toBe(true);
      else expect(a >= b).toBe(true);
    }
  });

  it("searches email or name, case-insensitively, with % and _ taken literally", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const grace = await newUser();
    await setCounters(grace, 0, 0, { name: "Grace Hopper" });
    const odd = await db.user.create({ data: { email: "100%_sure@example.com" } });
    await db.user.create({ data: { email: "1000xsure@example.com" } });

    const byName = await usage(admin, "?q=HOPPER");
    expect(byName.json.users.map((u: AdminUserRow) => u.id)).toEqual([grace.id]);
    const byEmail = await usage(admin, `?q=${encodeURIComponent(grace.email.slice(0, 8).toUpperCase())}`);
    expect(byEmail.json.users.map((u: AdminUserRow) => u.id)).toContain(grace.id);
    const literal = await usage(admin, `?q=${encodeURIComponent("%_sure")}`);
    expect(literal.json.users.map((u: AdminUserRow) => u.id)).toEqual([odd.id]);
    expect(literal.json.totals.users).toBe(4);
  });

  it("answers 400 for a bad sort, limit or cursor", async () => {
    const admin = await newUser({ role: "ADMIN" });
    for (const query of ["?sort=name", "?limit=0", "?limit=501", "?order=up", "?cursor=garbage"]) {
      const res = await usage(admin, query);
      expect(res.status, query).toBe(400);
      expect(res.json.error.code).toBe("invalid_request");
    }
    const page = await usage(admin, "?sort=email&limit=1");
    await newUser();
    // A cursor from another sort is refused, not misread.
    const other = await usage(
      admin,
      `?sort=usedBytes&cursor=${(await usage(admin, "?sort=email&limit=1")).json.nextCursor}`,
    );
    expect(page.status).toBe(200);
    expect(other.status).toBe(400);
  });
});

describe("PATCH /api/admin/users/{id}", () => {
  it("sets a quota, returns to the default with null, and sets unlimited", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const user = await newUser();
    const set = await patch(admin, user.id, { quotaBytes: 2 * GiB });
    expect(set.status).toBe(200);
    expect(set.json.user).toMatchObject({ id: user.id, quotaBytes: 2 * GiB, quotaIsDefault: false });
    expect((await call(meRoute, { token: user.token })).json.usage.quotaBytes).toBe(2 * GiB);

    const unlimited = await patch(admin, user.id, { quotaBytes: "unlimited" });
    expect(unlimited.json.user).toMatchObject({ quotaBytes: null, quotaIsDefault: false });
    expect((await call(meRoute, { token: user.token })).json.usage.quotaBytes).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).quotaBytes).toBe(
      BigInt(UNLIMITED_QUOTA_BYTES),
    );

    const reset = await patch(admin, user.id, { quotaBytes: null });
    expect(reset.json.user).toMatchObject({ quotaBytes: 10 * GiB, quotaIsDefault: true });

    const events = await db.auditEvent.findMany({
      where: { target: user.id, action: "admin.user.update" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => JSON.parse(e.details!).quotaBytes)).toEqual([2 * GiB, "unlimited", null]);
    expect(events.every((e) => e.actorId === admin.id)).toBe(true);
  });

  it("answers 400 for bad input and 404 for an unknown user", async () => {
    const admin = await newUser({ role: "ADMIN" });
    for (const body of [{ quotaBytes: -1 }, { quotaBytes: 1.5 }, { role: "ROOT" }, { disabled: "yes" }, { extra: 1 }]) {
      expect((await patch(admin, admin.id, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await patch(admin, "nope", { quotaBytes: 1 })).status).toBe(404);
  });

  it("a disabled user's sessions and API tokens stop working at once, and come back when enabled", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const user = await newUser();
    expect((await call(meRoute, { token: user.token })).status).toBe(200);
    expect((await call(meRoute, { sessionFor: user.id })).status).toBe(200);
    const disabled = await patch(admin, user.id, { disabled: true });
    expect(disabled.json.user.disabled).toBe(true);
    expect((await call(meRoute, { token: user.token })).status).toBe(401);
    expect((await call(meRoute, { sessionFor: user.id })).status).toBe(401);
    await patch(admin, user.id, { disabled: false });
    expect((await call(meRoute, { token: user.token })).status).toBe(200);
  });

  it("keeps the last active admin: they cannot step down or be disabled (409); nobody disables themselves", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const other = await newUser({ role: "ADMIN" });
    await db.user.update({ where: { id: other.id }, data: { disabledAt: new Date() } });
    // `other` is disabled, so `admin` is the last active one.
    const res = await patch(admin, admin.id, { role: "USER" });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/last active administrator/);
    expect((await patch(admin, admin.id, { disabled: true })).status).toBe(409);
    // With a second active admin, stepping down works, and the one left cannot follow.
    const second = await newUser({ role: "ADMIN" });
    expect((await patch(admin, admin.id, { role: "USER" })).status).toBe(200);
    expect((await patch(second, second.id, { role: "USER" })).status).toBe(409);
    expect((await patch(second, second.id, { disabled: true })).status).toBe(409);
    // The demoted admin's next request is refused outright.
    expect((await patch(admin, second.id, { role: "USER" })).status).toBe(403);
    expect(await db.user.count({ where: { role: "ADMIN", disabledAt: null } })).toBe(1);
  });

  it("two admins stepping down at the same moment leave exactly one admin", async () => {
    for (let round = 0; round < 5; round++) {
      await db.user.deleteMany();
      const a = await newUser({ role: "ADMIN" });
      const b = await newUser({ role: "ADMIN" });
      const results = await Promise.all([patch(a, a.id, { role: "USER" }), patch(b, b.id, { role: "USER" })]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await db.user.count({ where: { role: "ADMIN", disabledAt: null } })).toBe(1);
    }
  });

  it("two admins demoting or disabling each other at the same moment leave exactly one admin", async () => {
    for (const change of [{ role: "USER" }, { disabled: true }]) {
      await db.user.deleteMany();
      const a = await newUser({ role: "ADMIN" });
      const b = await newUser({ role: "ADMIN" });
      const results = await Promise.all([patch(a, b.id, change), patch(b, a.id, change)]);
      // The second change finds its author no longer an active admin.
      expect(results.map((r) => r.status).sort()).toEqual([200, 403]);
      expect(await db.user.count({ where: { role: "ADMIN", disabledAt: null } })).toBe(1);
    }
  });
});

describe("GET /api/admin/usage.csv", () => {
  it("escapes cells that a spreadsheet would run as formulas, and quotes commas and quotes", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe(`"'\rx"`);
    expect(csvCell("Smith, Jane")).toBe(`"Smith, Jane"`);
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(1234)).toBe("1234");
    expect(csvCell(null)).toBe("");
  });

  it("streams every account as CSV with the same columns as the table", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const evil = await newUser();
    await setCounters(evil, 42, 1, { name: "=cmd|' /C calc'!A0" });
    for (let i = 0; i < 600; i++)
      await db.user.create({ data: { email: `bulk${String(i).padStart(3, "0")}@example.com` } });
    const res = await call(csvRoute, { token: admin.token, path: "/api/admin/usage.csv?sort=email&order=asc" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="stowage-usage-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = res.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,email,name,role,usedBytes,quotaBytes,fileCount,lastUploadAt,disabled");
    expect(lines).toHaveLength(1 + 602);
    expect(new Set(lines.slice(1).map((l) => l.split(",")[0])).size).toBe(602);
    expect(lines.find((l) => l.startsWith(evil.id))).toBe(
      `${evil.id},${evil.email},'=cmd|' /C calc'!A0,USER,42,${10 * GiB},1,,false`,
    );
  });
});

describe("adding accounts and set-password links", () => {
  const setPassword = (url: string, password: string) => {
    const token = url.split("/set-password/")[1]!;
    return call(setPasswordRoute, { method: "POST", params: { token }, body: { password } });
  };

  it("creates an account whose one-time link sets its password once", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const created = await call(createUserRoute, {
      method: "POST",
      token: admin.token,
      body: { email: "New.Person@Example.com", name: "New Person", quotaBytes: GiB },
    });
    expect(created.status).toBe(201);
    expect(created.json.user).toMatchObject({
      email: "new.person@example.com",
      name: "New Person",
      role: "USER",
      quotaBytes: GiB,
    });
    expect(created.json.setPasswordUrl).toMatch(/^http:\/\/localhost:3000\/set-password\/[A-Za-z0-9_-]{43}$/);
    const token = created.json.setPasswordUrl.split("/").at(-1);
    const stored = await db.passwordToken.findFirstOrThrow({ where: { userId: created.json.user.id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(await checkCredentials("new.person@example.com", "a fine password")).toBeNull();

    expect((await setPassword(created.json.setPasswordUrl, "short")).status).toBe(400);
    expect((await setPassword(created.json.setPasswordUrl, "a fine password")).status).toBe(204);
    expect(await checkCredentials("new.person@example.com", "a fine password")).toMatchObject({
      email: "new.person@example.com",
    });
    const again = await setPassword(created.json.setPasswordUrl, "another password");
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe("gone");
    expect(await checkCredentials("new.person@example.com", "another password")).toBeNull();

    expect(
      (await call(createUserRoute, { method: "POST", token: admin.token, body: { email: "new.person@example.com" } }))
        .status,
    ).toBe(409);
    expect(await db.auditEvent.count({ where: { action: "admin.user.create", actorId: admin.id } })).toBe(1);
  });

  it("a reset link replaces older links; expired and unknown links are refused", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const user = await newUser();
    const first = await call(resetLinkRoute, { method: "POST", token: admin.token, params: { id: user.id } });
    const second = await call(resetLinkRoute, { method: "POST", token: admin.token, params: { id: user.id } });
    expect(second.status).toBe(200);
    expect((await setPassword(first.json.setPasswordUrl, "first password")).status).toBe(410);
    await db.passwordToken.updateMany({
      where: { userId: user.id, usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await setPassword(second.json.setPasswordUrl, "second password")).status).toBe(410);
    expect((await setPassword("http://x/set-password/unknown-token", "third password")).status).toBe(404);
    expect((await call(resetLinkRoute, { method: "POST", token: admin.token, params: { id: "nope" } })).status).toBe(
      404,
    );
  });
});

describe("drill-down and storage overview", () => {
  async function addFile(
    ownerId: string,
    name: string,
    size: number,
    type: string,
    extra: Record<string, unknown> = {},
  ) {
    return db.file.create({
      data: {
        ownerId,
        name,
        size: BigInt(size),
        type,
        storageKey: `${ownerId}/${name}`,
        driver: "local",
        status: "READY",
        ...extra,
      },
    });
  }

  it("shows one account's largest files, usage by type and driver, and recent uploads", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const user = await newUser();
    await addFile(user.id, "movie.mp4", 5000, "video/mp4", { createdAt: new Date("2026-01-01") });
    await addFile(user.id, "photo.jpg", 300, "image/jpeg");
    await addFile(user.id, "song.mp3", 200, "audio/mpeg", { driver: "s3", deletedAt: new Date() });
    await addFile(user.id, "report.pdf", 100, "application/pdf");
    await addFile(user.id, "notes.txt", 10, "text/plain");
    await addFile(user.id, "backup.zip", 2000, "application/zip");
    await addFile(user.id, "pending.bin", 9999, "application/octet-stream", { status: "PENDING" });
    await addFile(admin.id, "admins.bin", 7777, "application/octet-stream");

    const res = await call(detailRoute, { token: admin.token, params: { id: user.id } });
    expect(res.status).toBe(200);
    expect(res.json.user.id).toBe(user.id);
    expect(res.json.largestFiles.map((f: AdminFile) => f.name)).toEqual([
      "movie.mp4",
      "backup.zip",
      "photo.jpg",
      "song.mp3",
      "report.pdf",
      "notes.txt",
    ]);
    expect(res.json.largestFiles[3].deletedAt).not.toBeNull();
    expect(res.json.byCategory).toEqual([
      { category: "images", files: 1, bytes: 300 },
      { category: "video", files: 1, bytes: 5000 },
      { category: "audio", files: 1, bytes: 200 },
      { category: "documents", files: 2, bytes: 110 },
      { category: "archives", files: 1, bytes: 2000 },
      { category: "other", files: 0, bytes: 0 },
    ]);
    expect(res.json.byDriver).toEqual([
      { driver: "local", files: 5, bytes: 7410 },
      { driver: "s3", files: 1, bytes: 200 },
    ]);
    expect(res.json.recentUploads.at(-1).name).toBe("movie.mp4");
    expect((await call(detailRoute, { token: admin.token, params: { id: "nope" } })).status).toBe(404);

    forgetDriverFigures();
    const storage = await call(storageRoute, { token: admin.token });
    expect(storage.status).toBe(200);
    expect(storage.json.drivers).toEqual([
      { driver: "local", default: true, files: 6, bytes: 7410 + 7777, missing: 0 },
      { driver: "s3", default: false, files: 1, bytes: 200, missing: 0 },
    ]);
    expect(storage.json.pendingUploads).toEqual({ files: 0, bytes: 0 });
    // A quick aggregate is not kept: the next look sees the next file.
    await addFile(user.id, "later.bin", 5, "application/octet-stream", { driver: "s3" });
    const again = await call(storageRoute, { token: admin.token });
    expect(again.json.drivers[1]).toEqual({ driver: "s3", default: false, files: 2, bytes: 205, missing: 0 });
  });
});

describe("command-line recovery (npm run admin)", () => {
  it("creates an admin, promotes and re-enables an account, and resets a password", async () => {
    const { createAdmin, promote, resetPassword } = await import("@/lib/admin/recovery");
    const made = await createAdmin("Root@Example.com");
    expect(made.setPasswordUrl).toMatch(/\/set-password\//);
    expect(await db.user.findUniqueOrThrow({ where: { email: "root@example.com" } })).toMatchObject({
      role: "ADMIN",
      passwordHash: null,
    });
    await expect(createAdmin("root@example.com")).rejects.toMatchObject({ code: "conflict" });

    const user = await newUser();
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    await promote(user.email);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      role: "ADMIN",
      disabledAt: null,
    });
    await expect(promote("nobody@example.com")).rejects.toMatchObject({ code: "not_found" });

    expect(await resetPassword(user.email, "brand new password")).toEqual({});
    expect(await checkCredentials(user.email, "brand new password")).toMatchObject({ id: user.id, role: "ADMIN" });
    expect((await resetPassword(user.email)).setPasswordUrl).toMatch(/\/set-password\//);
    expect(await db.auditEvent.count({ where: { details: { contains: "system:cli" } } })).toBe(4);
  });
});
