// Share links, owner side and visitor side, against a real database and the local driver.
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as listRoute } from "@/app/api/shares/handlers";
import { DELETE as revokeRoute, PATCH as patchRoute } from "@/app/api/shares/[id]/handlers";
import { POST as createFileShare } from "@/app/api/files/[id]/shares/handlers";
import { POST as createFolderShare } from "@/app/api/folders/[id]/shares/handlers";
import { db } from "@/lib/db";
import { userActor } from "@/lib/files/access";
import { deleteFileForever, restoreFile, trashFile } from "@/lib/files/trash";
import { resetEnvCache } from "@/lib/env";
import { call, dispatch, newUser } from "@/test/api";
import { signedFetch } from "@/test/signed-fetch";
import { folder, share, storedFile, visit } from "@/test/shares";

const DAY = 86_400_000;

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the clock (Date only: timers and I/O keep running). */
function clockAt(time: number) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(time);
}

describe("creating links", () => {
  it("answers 201 with an absolute link that expires in 7 days by default", async () => {
    const user = await newUser();
    const file = await storedFile(user, "report.pdf");
    clockAt(Date.UTC(2026, 0, 10));
    const res = await call(createFileShare, { method: "POST", token: user.token, params: { id: file.id }, body: {} });
    expect(res.status).toBe(201);
    expect(res.json.share).toMatchObject({
      id: expect.any(String),
      expiresAt: new Date(Date.UTC(2026, 0, 17)).toISOString(),
      maxDownloads: null,
      downloadCount: 0,
      hasPassword: false,
      createdAt: new Date(Date.UTC(2026, 0, 10)).toISOString(),
    });
    expect(res.json.share.url).toMatch(/^http:\/\/localhost:3000\/s\/[A-Za-z0-9._-]{40,}$/);
    expect(JSON.stringify(res.json)).not.toContain("tokenHash");
  });

  it("takes expiresIn or expiresAt, refuses the past, both at once, and more than SHARE_MAX_DAYS", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.txt");
    const create = (body: unknown) =>
      call(createFileShare, { method: "POST", token: user.token, params: { id: file.id }, body });
    const inAnHour = await create({ expiresIn: 3600, maxDownloads: 2 });
    expect(Date.parse(inAnHour.json.share.expiresAt) - Date.now()).toBeGreaterThan(3590_000);
    expect(inAnHour.json.share.maxDownloads).toBe(2);
    const at = new Date(Date.now() + 2 * DAY).toISOString();
    expect((await create({ expiresAt: at })).json.share.expiresAt).toBe(at);
    expect((await create({ expiresAt: new Date(Date.now() - 1000).toISOString() })).status).toBe(400);
    expect((await create({ expiresIn: 3600, expiresAt: at })).status).toBe(400);
    expect((await create({ expiresIn: 91 * 86400 })).status).toBe(400);
    expect((await create({ expiresIn: 90 * 86400 })).status).toBe(201);
    expect((await create({ expiresIn: -5 })).status).toBe(400);
    expect((await create({ maxDownloads: 0 })).status).toBe(400);
    expect((await create({ password: "" })).status).toBe(400);
    process.env.SHARE_MAX_DAYS = "3";
    resetEnvCache();
    try {
      const tooLong = await create({ expiresIn: 4 * 86400 });
      expect(tooLong.status).toBe(400);
      expect(tooLong.json.error.message).toContain("3 days");
    } finally {
      delete process.env.SHARE_MAX_DAYS;
      resetEnvCache();
    }
  });

  it("with SHARE_MAX_DAYS under 7, a link without an expiry lasts the maximum; the message counts days right", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.txt");
    const create = (body: unknown) =>
      call(createFileShare, { method: "POST", token: user.token, params: { id: file.id }, body });
    clockAt(Date.UTC(2026, 0, 10));
    process.env.SHARE_MAX_DAYS = "1";
    resetEnvCache();
    try {
      const fallback = await create({});
      expect(fallback.status).toBe(201);
      expect(fallback.json.share.expiresAt).toBe(new Date(Date.UTC(2026, 0, 11)).toISOString());
      const tooLong = await create({ expiresIn: 2 * 86400 });
      expect(tooLong.status).toBe(400);
      expect(tooLong.json.error.message).toBe("A link can last at most 1 day.");
    } finally {
      delete process.env.SHARE_MAX_DAYS;
      resetEnvCache();
    }
  });

  it("shares only the caller's own live files and folders (others answer 404)", async () => {
    const [me, other] = [await newUser(), await newUser()];
    const theirs = await storedFile(other, "secret.txt");
    const theirFolder = await folder(other, "Private");
    expect(
      (await call(createFileShare, { method: "POST", token: me.token, params: { id: theirs.id }, body: {} })).status,
    ).toBe(404);
    expect(
      (await call(createFolderShare, { method: "POST", token: me.token, params: { id: theirFolder.id }, body: {} }))
        .status,
    ).toBe(404);
    const trashed = await storedFile(me, "old.txt");
    await trashFile(userActor(me.id), trashed.id);
    expect(
      (await call(createFileShare, { method: "POST", token: me.token, params: { id: trashed.id }, body: {} })).status,
    ).toBe(404);
    expect((await call(createFileShare, { method: "POST", params: { id: trashed.id }, body: {} })).status).toBe(401);
  });
});

describe("managing links", () => {
  it("lists my links with their target, status, downloads and last access", async () => {
    const user = await newUser();
    const file = await storedFile(user, "photo.jpg");
    const dir = await folder(user, "Trip");
    const fileLink = await share(user, { file: file.id }, { maxDownloads: 1 });
    await share(user, { folder: dir.id });
    expect((await visit(fileLink.token)).status).toBe(302);
    const res = await call(listRoute, { token: user.token });
    expect(res.status).toBe(200);
    const [folderItem, fileItem] = res.json.items;
    expect(folderItem).toMatchObject({
      folder: { id: dir.id, name: "Trip" },
      status: "active",
      downloadCount: 0,
      lastAccessAt: null,
    });
    expect(folderItem.file).toBeUndefined();
    expect(fileItem).toMatchObject({
      file: { id: file.id, name: "photo.jpg", folderId: null },
      status: "exhausted",
      downloadCount: 1,
      url: fileLink.url,
    });
    expect(Date.parse(fileItem.lastAccessAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("edits expiry, password and limit without changing the link", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const link = await share(user, { file: file.id }, { expiresIn: 3600, maxDownloads: 1 });
    expect((await visit(link.token)).status).toBe(302);
    expect((await visit(link.token)).status).toBe(410);

    const patch = (body: unknown) =>
      call(patchRoute, { method: "PATCH", token: user.token, params: { id: link.id }, body });
    const raised = await patch({ maxDownloads: 5, expiresIn: 10 * 86400, password: "s3cret" });
    expect(raised.status).toBe(200);
    expect(raised.json.share).toMatchObject({ url: link.url, maxDownloads: 5, hasPassword: true, status: "active" });
    expect(Date.parse(raised.json.share.expiresAt) - Date.now()).toBeGreaterThan(9 * DAY);
    expect((await visit(link.token)).status).toBe(403);
    expect((await visit(link.token, { password: "s3cret" })).status).toBe(302);

    const opened = await patch({ password: null, maxDownloads: null });
    expect(opened.json.share).toMatchObject({ hasPassword: false, maxDownloads: null, url: link.url });
    expect((await visit(link.token)).status).toBe(302);
    expect((await patch({ expiresIn: 91 * 86400 })).status).toBe(400);
  });

  it("revokes: 204, then the link answers 410 and cannot be edited back", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const link = await share(user, { file: file.id });
    expect((await call(revokeRoute, { method: "DELETE", token: user.token, params: { id: link.id } })).status).toBe(
      204,
    );
    const res = await visit(link.token);
    expect(res.status).toBe(410);
    expect(res.json.error).toMatchObject({ code: "gone", reason: "revoked" });
    expect((await call(revokeRoute, { method: "DELETE", token: user.token, params: { id: link.id } })).status).toBe(
      204,
    );
    expect(
      (
        await call(patchRoute, {
          method: "PATCH",
          token: user.token,
          params: { id: link.id },
          body: { expiresIn: 3600 },
        })
      ).status,
    ).toBe(409);
    expect((await call(listRoute, { token: user.token })).json.items[0].status).toBe("revoked");
  });

  it("another user cannot list, edit or revoke my links (404)", async () => {
    const [me, other] = [await newUser(), await newUser()];
    const file = await storedFile(me, "mine.txt");
    const link = await share(me, { file: file.id });
    expect((await call(listRoute, { token: other.token })).json.items).toEqual([]);
    const edit = await call(patchRoute, {
      method: "PATCH",
      token: other.token,
      params: { id: link.id },
      body: { maxDownloads: 1 },
    });
    expect(edit.status).toBe(404);
    expect((await call(revokeRoute, { method: "DELETE", token: other.token, params: { id: link.id } })).status).toBe(
      404,
    );
    expect((await visit(link.token)).status).toBe(302);
    expect((await db.share.findUniqueOrThrow({ where: { id: link.id } })).maxDownloads).toBeNull();
  });
});

describe("visiting a link", () => {
  it("downloads through a 302 to a signed attachment URL, recording time, address and browser", async () => {
    const user = await newUser();
    const file = await storedFile(user, "résumé.pdf", { type: "application/pdf" });
    const link = await share(user, { file: file.id });
    const res = await visit(link.token, { ip: "198.51.100.7" });
    expect(res.status).toBe(302);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-robots-tag")).toContain("noindex");
    const got = await signedFetch(res.headers.get("location")!);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-disposition")).toMatch(/^attachment;.*filename\*=UTF-8''r%C3%A9sum%C3%A9\.pdf/);
    expect(Buffer.from(await got.arrayBuffer())).toEqual(Buffer.from(file.bytes));
    const downloads = await db.shareDownload.findMany({ where: { shareId: link.id } });
    expect(downloads).toMatchObject([{ ip: "198.51.100.7", userAgent: "share-test/1.0", fileId: file.id }]);
  });

  it("a HEAD request (a link checker) does not use up a download", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const link = await share(user, { file: file.id }, { maxDownloads: 1 });
    expect((await dispatch({ method: "HEAD", path: `/s/${link.token}/download` })).status).toBe(405);
    expect((await visit(link.token)).status).toBe(302);
    expect((await db.share.findUniqueOrThrow({ where: { id: link.id } })).downloadCount).toBe(1);
  });

  it("unknown and malformed tokens answer 404; a link whose file was deleted for good answers 410", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const link = await share(user, { file: file.id });
    expect((await visit("nope")).status).toBe(404);
    expect((await visit(`${link.id}.${"A".repeat(32)}`)).status).toBe(404);
    expect((await visit(link.token.slice(0, -1) + (link.token.endsWith("a") ? "b" : "a"))).status).toBe(404);
    await db.file.delete({ where: { id: file.id } }); // cascades to the share row
    expect(await db.share.count({ where: { id: link.id } })).toBe(0);
    expect((await visit(link.token)).status).toBe(410);
  });

  it("expires at its time, with a controllable clock", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const start = Date.now();
    const link = await share(user, { file: file.id }, { expiresIn: 3600 });
    clockAt(start + 3590_000);
    expect((await visit(link.token)).status).toBe(302);
    clockAt(start + 3601_000);
    const res = await visit(link.token);
    expect(res.status).toBe(410);
    expect(res.json.error.reason).toBe("expired");
  });

  it("a trashed file's link answers 410 at once, and works again after restore", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const link = await share(user, { file: file.id });
    await trashFile(userActor(user.id), file.id);
    const res = await visit(link.token);
    expect(res.status).toBe(410);
    expect(res.json.error.reason).toBe("unavailable");
    expect((await call(listRoute, { token: user.token })).json.items[0].status).toBe("unavailable");
    await restoreFile(userActor(user.id), file.id);
    expect((await visit(link.token)).status).toBe(302);
    // Deleted for good: the share row goes with the file, and the link still says it is gone.
    await deleteFileForever(userActor(user.id), file.id);
    expect(await db.share.count({ where: { id: link.id } })).toBe(0);
    expect((await visit(link.token)).status).toBe(410);
  });

  it("?as=json answers the signed URL and the downloads left (the page's count), then 410 JSON when used up", async () => {
    const user = await newUser();
    const file = await storedFile(user, "counted.bin");
    const link = await share(user, { file: file.id }, { maxDownloads: 2 });
    const asJson = () =>
      dispatch({
        method: "GET",
        path: `/s/${link.token}/download?as=json`,
        headers: { "x-stowage-client-address": "203.0.113.77", accept: "application/json" },
      });
    const first = await asJson();
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ url: expect.stringMatching(/^https?:\/\//), downloadsLeft: 1 });
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(first.headers.get("referrer-policy")).toBe("no-referrer");
    expect((await asJson()).json.downloadsLeft).toBe(0);
    const refused = await asJson();
    expect(refused.status).toBe(410);
    expect(refused.json.error).toMatchObject({ code: "gone", reason: "exhausted" });
    // Without a limit there is nothing to count down.
    const open = await share(user, { file: file.id });
    const free = await dispatch({ method: "GET", path: `/s/${open.token}/download?as=json` });
    expect(free.json.downloadsLeft).toBeNull();
    expect((await db.share.findUniqueOrThrow({ where: { id: link.id } })).downloadCount).toBe(2);
  });

  it("10 parallel downloads of a link limited to 3 give exactly 3 redirects", async () => {
    const user = await newUser();
    const file = await storedFile(user, "hot.bin");
    const link = await share(user, { file: file.id }, { maxDownloads: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => visit(link.token, { ip: `192.0.2.${i}` })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 302)).toHaveLength(3);
    expect(statuses.filter((s) => s === 410)).toHaveLength(7);
    expect((await db.share.findUniqueOrThrow({ where: { id: link.id } })).downloadCount).toBe(3);
    expect(await db.shareDownload.count({ where: { shareId: link.id } })).toBe(3);
  });
});
