// The upload flow, run by lib/uploads/uploads.local.test.ts and uploads.s3.test.ts against
// each driver.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/uploads/handlers";
import { DELETE as abortRoute, GET as describeRoute } from "@/app/api/uploads/[id]/handlers";
import { POST as partsRoute } from "@/app/api/uploads/[id]/parts/handlers";
import { POST as completeRoute } from "@/app/api/uploads/[id]/complete/handlers";
import { GET as listRoute } from "@/app/api/files/handlers";
import { GET as downloadRoute } from "@/app/api/files/[id]/download/handlers";
import { call, newUser } from "@/test/api";
import type { SingleUploadTarget } from "@/lib/client/upload/api";
import type { ApiFile } from "@/lib/schemas/files";
import { signedFetch } from "@/test/signed-fetch";
import { db } from "@/lib/db";
import { usageOf } from "@/lib/quota";
import { getDriver } from "@/lib/storage";
import { sweepExpiredUploads } from "@/lib/uploads/sweep";
import { findUpload } from "@/lib/uploads/find";
import { userActor } from "@/lib/files/access";
import { discardUpload } from "@/lib/uploads/discard";
import { abortSession } from "@/lib/uploads/abort";

const MiB = 1024 * 1024;
const sha = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

type User = Awaited<ReturnType<typeof newUser>>;

async function create(user: User, body: Record<string, unknown>) {
  return call(createRoute, { method: "POST", token: user.token, body });
}

async function putSingle(created: SingleUploadTarget, bytes: Uint8Array) {
  return signedFetch(created.url, { method: "PUT", body: bytes, headers: created.headers });
}

async function complete(user: User, uploadId: string, parts?: { partNumber: number; etag: string }[]) {
  return call(completeRoute, {
    method: "POST",
    token: user.token,
    params: { id: uploadId },
    body: parts ? { parts } : {},
  });
}

async function upload(user: User, name: string, bytes: Uint8Array, type = "application/octet-stream") {
  const created = await create(user, { name, size: bytes.byteLength, type });
  expect(created.status).toBe(201);
  expect((await putSingle(created.json, bytes)).status).toBeLessThan(300);
  const done = await complete(user, created.json.uploadId);
  expect(done.status).toBe(200);
  return done.json.file;
}

async function download(user: User, fileId: string, inline = false) {
  const redirect = await call(downloadRoute, {
    token: user.token,
    params: { id: fileId },
    path: `/api/files/${fileId}/download${inline ? "?inline=1" : ""}`,
  });
  expect(redirect.status).toBe(302);
  return signedFetch(redirect.headers.get("location")!);
}

export function uploadContract(driverName: "local" | "s3") {
  describe(`uploads on the ${driverName} driver`, () => {
    beforeAll(async () => {
      expect((await getDriver()).name).toBe(driverName);
    });

    it("stores an empty (0-byte) file like any other: upload, list, download, count", async () => {
      const user = await newUser();
      const created = await create(user, { name: "empty.txt", size: 0, type: "text/plain" });
      expect(created.status).toBe(201);
      expect(created.json.method).toBe("PUT");
      expect((await putSingle(created.json, new Uint8Array(0))).status).toBeLessThan(300);
      const done = await complete(user, created.json.uploadId);
      expect(done.status).toBe(200);
      expect(done.json.file).toMatchObject({ name: "empty.txt", size: 0 });
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 0, reservedBytes: 0, fileCount: 1 });
      const got = await download(user, created.json.fileId);
      expect(got.status).toBe(200);
      expect(got.headers.get("content-disposition")).toMatch(/^attachment;/);
      expect((await got.arrayBuffer()).byteLength).toBe(0);
      // Completing without the PUT is still refused: nothing was stored.
      const unsent = await create(user, { name: "never.txt", size: 0, type: "text/plain" });
      expect((await complete(user, unsent.json.uploadId)).status).toBe(409);
    });

    it("single PUT: create, put, complete; the file is listed, downloadable and counted once", async () => {
      const user = await newUser();
      const bytes = crypto.randomBytes(4096);
      const created = await create(user, { name: "report.pdf", size: bytes.byteLength, type: "application/pdf" });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({
        uploadId: expect.any(String),
        fileId: expect.any(String),
        method: "PUT",
        url: expect.stringMatching(/^https?:\/\//),
        headers: expect.objectContaining({ "Content-Type": "application/pdf" }),
        expiresAt: expect.any(String),
      });
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 0, reservedBytes: 4096, fileCount: 0 });
      // Not listed while pending.
      expect((await call(listRoute, { token: user.token })).json.items).toHaveLength(0);

      expect((await putSingle(created.json, bytes)).status).toBeLessThan(300);
      const done = await complete(user, created.json.uploadId);
      expect(done.status).toBe(200);
      expect(done.json.file).toMatchObject({
        id: created.json.fileId,
        name: "report.pdf",
        size: 4096,
        type: "application/pdf",
        folderId: null,
        deletedAt: null,
      });
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 4096, reservedBytes: 0, fileCount: 1 });

      const list = await call(listRoute, { token: user.token });
      expect(list.json.items.map((f: ApiFile) => f.name)).toEqual(["report.pdf"]);
      const got = await download(user, created.json.fileId);
      expect(got.status).toBe(200);
      expect(got.headers.get("content-disposition")).toMatch(/^attachment;.*filename\*=UTF-8''report\.pdf/);
      expect(sha(new Uint8Array(await got.arrayBuffer()))).toBe(sha(bytes));

      // Completing again (its answer was lost) answers the same file and cannot count the bytes twice.
      const repeated = await complete(user, created.json.uploadId);
      expect(repeated.status).toBe(200);
      expect(repeated.json.file.id).toBe(created.json.fileId);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 4096, fileCount: 1 });
    });

    it("grants exactly 10 of 20 concurrent reservations against a quota that fits 10", async () => {
      const user = await newUser({ quotaBytes: 10 * 1000 });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          create(user, { name: `f${i}.bin`, size: 1000, type: "application/octet-stream" }),
        ),
      );
      const granted = results.filter((r) => r.status === 201);
      const refused = results.filter((r) => r.status === 413);
      expect(granted).toHaveLength(10);
      expect(refused).toHaveLength(10);
      expect(refused[0]!.json.error).toMatchObject({ code: "quota_exceeded", remainingBytes: 0, quotaBytes: 10000 });
      expect(await usageOf(user.id)).toMatchObject({ reservedBytes: 10_000, usedBytes: 0 });
    });

    it("abort frees the reservation and deletes any bytes; the sweeper does the same for expired uploads", async () => {
      const user = await newUser();
      const bytes = crypto.randomBytes(2048);
      const a = await create(user, { name: "a.bin", size: 2048, type: "application/octet-stream" });
      await putSingle(a.json, bytes);
      expect(
        (await call(abortRoute, { method: "DELETE", token: user.token, params: { id: a.json.uploadId } })).status,
      ).toBe(204);
      const fileA = await db.file.findUnique({ where: { id: a.json.fileId } });
      expect(fileA).toBeNull();

      const b = await create(user, { name: "b.bin", size: 2048, type: "application/octet-stream" });
      const keyB = (await db.file.findUniqueOrThrow({ where: { id: b.json.fileId } })).storageKey;
      await putSingle(b.json, bytes);
      expect((await (await getDriver()).stat(keyB)).size).toBe(2048);
      await db.upload.update({ where: { id: b.json.uploadId }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const swept = await sweepExpiredUploads();
      expect(swept.aborted).toBeGreaterThanOrEqual(1);
      await expect((await getDriver()).stat(keyB)).rejects.toThrow();
      expect(await db.file.findUnique({ where: { id: b.json.fileId } })).toBeNull();
      expect(await usageOf(user.id)).toMatchObject({ reservedBytes: 0, usedBytes: 0, fileCount: 0 });
      // Running again (or a second instance at once) changes nothing.
      const again = await Promise.all([sweepExpiredUploads(), sweepExpiredUploads()]);
      expect(again.map((r) => r.aborted)).toEqual([0, 0]);
      expect(await usageOf(user.id)).toMatchObject({ reservedBytes: 0 });
    });

    it("complete with a missing or wrong-sized object answers 409 and keeps nothing", async () => {
      const user = await newUser();
      const missing = await create(user, { name: "ghost.bin", size: 100, type: "application/octet-stream" });
      const res = await complete(user, missing.json.uploadId);
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe("conflict");
      expect(await db.file.findUnique({ where: { id: missing.json.fileId } })).toBeNull();

      const wrong = await create(user, { name: "short.bin", size: 100, type: "application/octet-stream" });
      const key = (await db.file.findUniqueOrThrow({ where: { id: wrong.json.fileId } })).storageKey;
      // Bytes of another length reach the key by a way other than the signed URL.
      await (await getDriver()).write(key, new Blob([new Uint8Array(60)]).stream(), 60);
      expect((await complete(user, wrong.json.uploadId)).status).toBe(409);
      expect(await db.file.findUnique({ where: { id: wrong.json.fileId } })).toBeNull();
      await expect((await getDriver()).stat(key)).rejects.toThrow();
      expect(await usageOf(user.id)).toMatchObject({ reservedBytes: 0, usedBytes: 0, fileCount: 0 });
      expect((await call(listRoute, { token: user.token })).json.items).toHaveLength(0);
    });

    it("the signed URL refuses a body longer than declared, so the quota cannot be bypassed", async () => {
      const user = await newUser();
      const created = await create(user, { name: "small.bin", size: 10, type: "application/octet-stream" });
      const res = await putSingle(created.json, new Uint8Array(5000));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect((await complete(user, created.json.uploadId)).status).toBe(409);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 0, reservedBytes: 0 });
    });

    it("multipart: parts in parallel, resume after an interrupted part, bytes identical", async () => {
      const user = await newUser();
      const bytes = crypto.randomBytes(17 * MiB);
      const created = await create(user, { name: "big.bin", size: bytes.byteLength, type: "application/octet-stream" });
      expect(created.status).toBe(201);
      expect(created.json.multipart).toEqual({ partSize: 8 * MiB, partCount: 3 });
      const { uploadId } = created.json;
      const slice = (n: number) => bytes.subarray((n - 1) * 8 * MiB, Math.min(n * 8 * MiB, bytes.byteLength));
      const sign = async (partNumbers: number[]) =>
        (await call(partsRoute, { method: "POST", token: user.token, params: { id: uploadId }, body: { partNumbers } }))
          .json.parts as { partNumber: number; url: string; headers?: Record<string, string> }[];

      const first = await sign([1, 2, 3]);
      expect(first.map((p) => p.partNumber)).toEqual([1, 2, 3]);
      const etags: Record<number, string> = {};
      const put1 = await signedFetch(first[0]!.url, { method: "PUT", body: slice(1), headers: first[0]!.headers });
      expect(put1.status).toBe(200);
      etags[1] = put1.headers.get("etag")!;
      expect(etags[1]).toBeTruthy();
      // Part 2 is cut off half-way: the store must not keep it.
      const cut = await signedFetch(first[1]!.url, {
        method: "PUT",
        body: slice(2).subarray(0, 1000),
        headers: first[1]!.headers,
      }).catch(() => null);
      expect(cut === null || cut.status >= 400).toBe(true);
      const early = await complete(user, uploadId, [{ partNumber: 1, etag: etags[1] }]);
      expect(early.status).toBe(400);

      // Resume (e.g. after a reload): the session is still there; sign the missing parts again.
      const session = await call(describeRoute, { token: user.token, params: { id: uploadId } });
      expect(session.json).toMatchObject({ uploadId, multipart: { partSize: 8 * MiB, partCount: 3 } });
      const again = await sign([2, 3]);
      await Promise.all(
        again.map(async (p) => {
          const res = await signedFetch(p.url, { method: "PUT", body: slice(p.partNumber), headers: p.headers });
          expect(res.status).toBe(200);
          etags[p.partNumber] = res.headers.get("etag")!;
        }),
      );
      const done = await complete(
        user,
        uploadId,
        [3, 1, 2].map((n) => ({ partNumber: n, etag: etags[n]! })),
      );
      expect(done.status).toBe(200);
      expect(done.json.file.size).toBe(bytes.byteLength);
      const got = await download(user, created.json.fileId);
      expect(sha(new Uint8Array(await got.arrayBuffer()))).toBe(sha(bytes));
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: bytes.byteLength, reservedBytes: 0, fileCount: 1 });
    });

    it("complete and abort racing: whichever claims first wins, and the books match the bytes", async () => {
      const user = await newUser();
      const bytes = crypto.randomBytes(1000);
      // Complete first: a later abort changes nothing, the bytes stay.
      const a = await create(user, { name: "a.bin", size: 1000, type: "application/octet-stream" });
      await putSingle(a.json, bytes);
      const sessionA = await findUpload(userActor(user.id), a.json.uploadId);
      expect((await complete(user, a.json.uploadId)).status).toBe(200);
      expect(await discardUpload(sessionA, "aborted")).toBe(false);
      expect((await (await getDriver()).stat(sessionA.key)).size).toBe(1000);
      // Abort first: the complete that was already under way answers 409 and counts nothing.
      const b = await create(user, { name: "b.bin", size: 1000, type: "application/octet-stream" });
      await putSingle(b.json, bytes);
      const sessionB = await findUpload(userActor(user.id), b.json.uploadId);
      expect(await discardUpload(sessionB, "aborted")).toBe(true);
      expect((await complete(user, b.json.uploadId)).status).toBe(404);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 1000, reservedBytes: 0, fileCount: 1 });
    });

    it("an abort that comes after (or loses the race to) a complete answers 409 upload_completed; the file stays", async () => {
      const user = await newUser();
      const bytes = crypto.randomBytes(700);
      const abort = (id: string) => call(abortRoute, { method: "DELETE", token: user.token, params: { id } });
      // After: DELETE of a session that is now a file.
      const a = await create(user, { name: "a.bin", size: 700, type: "application/octet-stream" });
      await putSingle(a.json, bytes);
      expect((await complete(user, a.json.uploadId)).status).toBe(200);
      const after = await abort(a.json.uploadId);
      expect(after.status).toBe(409);
      expect(after.json.error).toMatchObject({ code: "upload_completed", fileId: a.json.fileId });
      // Racing: the abort loaded the session, then the complete claimed it.
      const b = await create(user, { name: "b.bin", size: 700, type: "application/octet-stream" });
      await putSingle(b.json, bytes);
      const session = await findUpload(userActor(user.id), b.json.uploadId);
      expect((await complete(user, b.json.uploadId)).status).toBe(200);
      await expect(abortSession(session)).rejects.toMatchObject({
        code: "upload_completed",
        details: { fileId: b.json.fileId },
      });
      expect(sha(new Uint8Array(await (await download(user, b.json.fileId)).arrayBuffer()))).toBe(sha(bytes));
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 1400, reservedBytes: 0, fileCount: 2 });
      // Another user's id still answers 404, completed or not.
      expect(
        (await call(abortRoute, { method: "DELETE", token: (await newUser()).token, params: { id: a.json.uploadId } }))
          .status,
      ).toBe(404);
    });

    it("an expired upload cannot be completed", async () => {
      const user = await newUser();
      const created = await create(user, { name: "late.bin", size: 10, type: "application/octet-stream" });
      await putSingle(created.json, new Uint8Array(10));
      await db.upload.update({
        where: { id: created.json.uploadId },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      const res = await complete(user, created.json.uploadId);
      expect(res.status).toBe(410);
      expect(res.json.error.code).toBe("gone");
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 0, fileCount: 0 });
    });

    it("bytes PUT after an abort are not kept: refused by the app, or deleted by the cleanup", async () => {
      const user = await newUser({ quotaBytes: 1000 });
      const created = await create(user, { name: "after.bin", size: 1000, type: "application/octet-stream" });
      const key = (await db.file.findUniqueOrThrow({ where: { id: created.json.fileId } })).storageKey;
      expect(
        (await call(abortRoute, { method: "DELETE", token: user.token, params: { id: created.json.uploadId } })).status,
      ).toBe(204);
      const late = await putSingle(created.json, new Uint8Array(1000));
      if (driverName === "local") expect(late.status).toBe(403);
      // Once the URL can no longer be used, the cleanup removes whatever a late PUT stored.
      await sweepExpiredUploads(new Date(Date.now() + 3 * 3600 * 1000));
      await expect((await getDriver()).stat(key)).rejects.toThrow();
      expect(await db.storageCleanup.count({ where: { key } })).toBe(0);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 0, reservedBytes: 0 });
    });

    it("a complete retried after the store already joined the parts finishes the file", async () => {
      const user = await newUser();
      const bytes = crypto.randomBytes(17 * MiB);
      const created = await create(user, {
        name: "joined.bin",
        size: bytes.byteLength,
        type: "application/octet-stream",
      });
      const { uploadId } = created.json;
      const signed = (
        await call(partsRoute, {
          method: "POST",
          token: user.token,
          params: { id: uploadId },
          body: { partNumbers: [1, 2, 3] },
        })
      ).json.parts;
      const parts = await Promise.all(
        signed.map(async (p: { partNumber: number; url: string; headers?: Record<string, string> }) => {
          const body = bytes.subarray((p.partNumber - 1) * 8 * MiB, Math.min(p.partNumber * 8 * MiB, bytes.byteLength));
          const res = await signedFetch(p.url, { method: "PUT", body, headers: p.headers });
          return { partNumber: p.partNumber, etag: res.headers.get("etag")! };
        }),
      );
      // The store joins the parts, then the first complete's answer is lost before the books change.
      const session = await findUpload(userActor(user.id), uploadId);
      await session.driver.completeMultipart({ key: session.key, uploadId: session.multipartId!, parts });
      const retried = await complete(user, uploadId, parts);
      expect(retried.status).toBe(200);
      expect(retried.json.file.size).toBe(bytes.byteLength);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: bytes.byteLength, reservedBytes: 0, fileCount: 1 });
    });

    it("another user's uploads and files answer 404; HTML is never served inline", async () => {
      const alice = await newUser();
      const bob = await newUser();
      const page = await upload(alice, "page.html", new TextEncoder().encode("<script>alert(1)</script>"), "text/html");
      const pending = await create(alice, { name: "p.bin", size: 5, type: "application/octet-stream" });
      expect((await call(downloadRoute, { token: bob.token, params: { id: page.id } })).status).toBe(404);
      expect(
        (await call(abortRoute, { method: "DELETE", token: bob.token, params: { id: pending.json.uploadId } })).status,
      ).toBe(404);
      expect((await complete(bob, pending.json.uploadId)).status).toBe(404);
      expect((await call(listRoute, { token: bob.token })).json.items).toHaveLength(0);
      const inline = await download(alice, page.id, true);
      expect(inline.headers.get("content-disposition")).toMatch(/^attachment/);
    });
  });
}
