// The audit log: every change a person would want traced writes one event (who, what, target,
// address, user agent) with the change; admins page and filter it; old events are forgotten.
import { describe, expect, it } from "vitest";
import { GET as auditRoute } from "../audit/handlers";
import { POST as createUserRoute } from "../users/handlers";
import { PATCH as patchUserRoute } from "../users/[id]/handlers";
import { POST as resetLinkRoute } from "../users/[id]/reset-link/handlers";
import { POST as createUploadRoute } from "@/app/api/uploads/handlers";
import { POST as completeRoute } from "@/app/api/uploads/[id]/complete/handlers";
import { DELETE as fileDeleteRoute } from "@/app/api/files/[id]/handlers";
import { POST as restoreRoute } from "@/app/api/files/[id]/restore/handlers";
import { POST as shareCreateRoute } from "@/app/api/files/[id]/shares/handlers";
import { DELETE as shareRevokeRoute } from "@/app/api/shares/[id]/handlers";
import { POST as tokenCreateRoute } from "@/app/api/tokens/handlers";
import { DELETE as tokenRevokeRoute } from "@/app/api/tokens/[id]/handlers";
import { GET as shareDownloadRoute } from "@/app/s/[token]/handlers/download";
import { call, newUser, ORIGIN } from "@/test/api";
import { signedFetch } from "@/test/signed-fetch";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { checkCredentials } from "@/lib/auth/users";
import { hashPassword } from "@/lib/auth/password";
import { purgeOldAuditEvents } from "@/lib/admin/audit";
import { sweepExpiredUploads } from "@/lib/uploads/sweep";

const IP = "203.0.113.7";
const AGENT = "AuditTest/1.0 (journey)";
const from = { "x-stowage-client-address": IP, "user-agent": AGENT };

// The address as the server stamps it (server/host.ts).

type User = Awaited<ReturnType<typeof newUser>>;

async function uploadWithHeaders(user: User, name: string) {
  const bytes = new TextEncoder().encode("audited bytes");
  const created = await call(createUploadRoute, {
    method: "POST",
    token: user.token,
    headers: from,
    body: { name, size: bytes.byteLength, type: "text/plain" },
  });
  expect(created.status).toBe(201);
  const put = await signedFetch(created.json.url, { method: "PUT", body: bytes, headers: created.json.headers });
  expect(put.status).toBeLessThan(300);
  const done = await call(completeRoute, {
    method: "POST",
    token: user.token,
    headers: from,
    params: { id: created.json.uploadId },
    body: {},
  });
  expect(done.status).toBe(200);
  return done.json.file as { id: string };
}

const events = (action: string) => db.auditEvent.findMany({ where: { action }, orderBy: { createdAt: "asc" } });

describe("audit events", () => {
  it("records sign-ins, uploads, trash, restore, delete, links, tokens and admin changes with who, target, address and agent", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const user = await newUser();
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword("right password") } });
    const client = { address: IP, userAgent: AGENT };

    expect(await checkCredentials(user.email, "wrong password", client)).toBeNull();
    expect(await checkCredentials("nobody@example.com", "whatever1", client)).toBeNull();
    expect(await checkCredentials(user.email, "right password", client)).not.toBeNull();

    const file = await uploadWithHeaders(user, "report.txt");
    expect(
      (await call(fileDeleteRoute, { method: "DELETE", token: user.token, headers: from, params: { id: file.id } }))
        .status,
    ).toBe(204);
    expect(
      (await call(restoreRoute, { method: "POST", token: user.token, headers: from, params: { id: file.id } })).status,
    ).toBe(200);
    const shared = await call(shareCreateRoute, {
      method: "POST",
      token: user.token,
      headers: from,
      params: { id: file.id },
      body: {},
    });
    expect(shared.status).toBe(201);
    const token = new URL(shared.json.share.url).pathname.split("/")[2]!;
    const download = await shareDownloadRoute(
      new Request(`${ORIGIN}/s/${token}/download`, { headers: { ...from, "user-agent": "Visitor/2" } }),
      { params: Promise.resolve({ token }) },
    );
    expect(download.status).toBe(302);
    const shareId = shared.json.share.id as string;
    expect(
      (await call(shareRevokeRoute, { method: "DELETE", token: user.token, headers: from, params: { id: shareId } }))
        .status,
    ).toBe(204);
    const apiToken = await call(tokenCreateRoute, {
      method: "POST",
      token: user.token,
      headers: from,
      body: { name: "ci" },
    });
    expect(
      (
        await call(tokenRevokeRoute, {
          method: "DELETE",
          token: user.token,
          headers: from,
          params: { id: apiToken.json.id },
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await call(fileDeleteRoute, {
          method: "DELETE",
          token: user.token,
          headers: from,
          params: { id: file.id },
          path: `/api/files/${file.id}?permanent=1`,
        })
      ).status,
    ).toBe(204);

    const patch = (body: unknown) =>
      call(patchUserRoute, { method: "PATCH", token: admin.token, headers: from, params: { id: user.id }, body });
    expect((await patch({ quotaBytes: 1024 })).status).toBe(200);
    expect((await patch({ role: "ADMIN" })).status).toBe(200);
    expect((await patch({ role: "USER" })).status).toBe(200);
    expect((await patch({ disabled: true })).status).toBe(200);
    expect((await patch({ disabled: false })).status).toBe(200);
    const added = await call(createUserRoute, {
      method: "POST",
      token: admin.token,
      headers: from,
      body: { email: "new@example.com" },
    });
    expect(added.status).toBe(201);
    expect(
      (await call(resetLinkRoute, { method: "POST", token: admin.token, headers: from, params: { id: user.id } }))
        .status,
    ).toBe(200);

    const expected: [action: string, actor: string | null, target: string][] = [
      ["auth.sign_in.ok", user.id, user.id],
      ["file.upload", user.id, file.id],
      ["file.trash", user.id, file.id],
      ["file.restore", user.id, file.id],
      ["share.create", user.id, shareId],
      ["share.revoke", user.id, shareId],
      ["token.create", user.id, apiToken.json.id],
      ["token.revoke", user.id, apiToken.json.id],
      ["file.purge", user.id, file.id],
      ["admin.user.create", admin.id, added.json.user.id],
      ["admin.user.reset_link", admin.id, user.id],
    ];
    for (const [action, actorId, target] of expected) {
      const [event, ...more] = (await events(action)).filter((e) => e.target === target);
      expect(more, action).toHaveLength(0);
      expect(event, action).toMatchObject({ actorId, target, ip: IP, userAgent: AGENT });
    }
    const updates = (await events("admin.user.update")).filter((e) => e.target === user.id);
    expect(updates.map((e) => JSON.parse(e.details!))).toEqual([
      { quotaBytes: 1024 },
      { role: "ADMIN" },
      { role: "USER" },
      { disabled: true },
      { disabled: false },
    ]);
    expect(updates.every((e) => e.actorId === admin.id && e.ip === IP && e.userAgent === AGENT)).toBe(true);

    const failed = await events("auth.sign_in.failed");
    expect(failed.map((e) => [e.actorId, e.target, JSON.parse(e.details!).reason, e.ip, e.userAgent])).toEqual([
      [null, user.id, "wrong_password", IP, AGENT],
      [null, null, "unknown_account", IP, AGENT],
    ]);
    // A link visitor is nobody's account: recorded by the link, with the visitor's own agent.
    const [visit] = await events("share.download");
    expect(visit).toMatchObject({ actorId: null, target: shareId, ip: IP, userAgent: "Visitor/2" });
    expect(JSON.parse(visit!.details!)).toMatchObject({ via: `share:${shareId}`, fileId: file.id });
  });

  it("writes nothing when the change is refused (the event goes with the change)", async () => {
    const [owner, other] = [await newUser(), await newUser()];
    const apiToken = await call(tokenCreateRoute, { method: "POST", token: owner.token, body: { name: "mine" } });
    const before = await db.auditEvent.count();
    const refused = await call(tokenRevokeRoute, {
      method: "DELETE",
      token: other.token,
      params: { id: apiToken.json.id },
    });
    expect(refused.status).toBe(404);
    expect(await db.auditEvent.count()).toBe(before);
  });
});

describe("GET /api/admin/audit", () => {
  it("pages newest first without gaps or repeats, filters by action, person, target and dates, and is admins-only", async () => {
    await db.auditEvent.deleteMany();
    const admin = await newUser({ role: "ADMIN" });
    const alice = await newUser();
    const base = Date.parse("2026-11-01T12:00:00Z");
    const rows = Array.from({ length: 7 }, (_, i) => ({
      actorId: i % 2 ? alice.id : admin.id,
      action: i < 4 ? "share.create" : "file.trash",
      target: i === 5 ? "file-five" : alice.id,
      ip: IP,
      createdAt: new Date(base + i * 86_400_000),
    }));
    await db.auditEvent.deleteMany();
    await db.auditEvent.createMany({ data: rows });
    const list = (query: string, token = admin.token) => call(auditRoute, { token, path: `/api/admin/audit?${query}` });

    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page = await list(`limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      seen.push(...page.json.items.map((e: { createdAt: string }) => e.createdAt));
      cursor = page.json.nextCursor;
    }
    expect(seen).toEqual(rows.map((r) => r.createdAt.toISOString()).reverse());

    const first = (await list("limit=1")).json.items[0];
    expect(first).toMatchObject({
      action: "file.trash",
      actor: { id: admin.id, email: admin.email },
      targetEmail: alice.email,
      ip: IP,
    });
    expect((await list("action=share")).json.items).toHaveLength(4);
    expect((await list("action=share.create")).json.items).toHaveLength(4);
    expect((await list("action=shar")).json.items).toHaveLength(0);
    expect((await list(`person=${encodeURIComponent(alice.email.toUpperCase())}`)).json.items).toHaveLength(7);
    expect((await list("person=nobody%40example.com")).json.items).toHaveLength(0);
    expect((await list("target=file-five")).json.items).toHaveLength(1);
    expect((await list("from=2026-11-02&to=2026-11-04")).json.items).toHaveLength(3);
    expect((await list("from=2026-11-03T12:00:00Z&to=2026-11-03T12:00:00Z")).json.items).toHaveLength(1);

    for (const bad of ["cursor=nope", "from=yesterday", "to=2026-13-45", "limit=0", "action=DROP%20TABLE"]) {
      const answer = await list(bad);
      expect(answer.status, bad).toBe(400);
      expect(answer.json.error.code).toBe("invalid_request");
    }
    expect((await list("", alice.token)).status).toBe(403);
    expect((await call(auditRoute, { path: "/api/admin/audit" })).status).toBe(401);
  });
});

describe("retention", () => {
  it("the sweeper forgets events older than AUDIT_RETENTION_DAYS; 0 keeps them forever", async () => {
    await db.auditEvent.deleteMany();
    const now = new Date();
    const old = new Date(now.getTime() - 91 * 86_400_000);
    const recent = new Date(now.getTime() - 89 * 86_400_000);
    await db.auditEvent.createMany({
      data: [
        { action: "file.trash", createdAt: old },
        { action: "file.trash", createdAt: recent },
      ],
    });
    process.env.AUDIT_RETENTION_DAYS = "0";
    resetEnvCache();
    expect(await purgeOldAuditEvents(now)).toBe(0);
    expect(await db.auditEvent.count()).toBe(2);
    delete process.env.AUDIT_RETENTION_DAYS;
    resetEnvCache();
    await sweepExpiredUploads(now);
    expect((await db.auditEvent.findMany()).map((e) => e.createdAt)).toEqual([recent]);
  });
});
