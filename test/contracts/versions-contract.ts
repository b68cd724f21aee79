// Versions against a real store, run by lib/versions/versions.local.test.ts and versions.s3.test.ts:
// an upload with `replace` keeps the old bytes as a version (same file id), the list, a version's
// download, a byte-identical restore, deleting one, the quota (exact under a race), retention by
// the sweeper, permanent delete taking every version's bytes, and share links following the current bytes.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as listVersionsRoute } from "@/app/api/files/[id]/versions/handlers";
import { DELETE as deleteVersionRoute } from "@/app/api/files/[id]/versions/[versionId]/handlers";
import { GET as versionDownloadRoute } from "@/app/api/files/[id]/versions/[versionId]/download/handlers";
import { POST as restoreVersionRoute } from "@/app/api/files/[id]/versions/[versionId]/restore/handlers";
import { DELETE as deleteFileRoute } from "@/app/api/files/[id]/handlers";
import { GET as meRoute } from "@/app/api/me/handlers";
import { POST as createUploadRoute } from "@/app/api/uploads/handlers";
import { POST as completeRoute } from "@/app/api/uploads/[id]/complete/handlers";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { sweepExpiredUploads } from "@/lib/uploads/sweep";
import type { FileVersionList } from "@/lib/schemas/versions";
import { call, newUser } from "@/test/api";
import { downloadBytes, storedOn, uploadFile } from "@/test/files";
import { share, visit } from "@/test/shares";
import { signedFetch } from "@/test/signed-fetch";

type User = Awaited<ReturnType<typeof newUser>>;

const bytesOf = (n: number) => new Uint8Array(crypto.randomBytes(n));

async function versions(user: User, fileId: string) {
  const answer = await call(listVersionsRoute, { token: user.token, params: { id: fileId } });
  expect(answer.status).toBe(200);
  return (answer.json as FileVersionList).items;
}

async function versionBytes(user: User, fileId: string, versionId: string) {
  const answer = await call(versionDownloadRoute, { token: user.token, params: { id: fileId, versionId } });
  expect(answer.status).toBe(302);
  const response = await signedFetch(answer.headers.get("location")!);
  expect(response.headers.get("content-disposition")).toMatch(/^attachment/);
  return new Uint8Array(await response.arrayBuffer());
}

const usage = async (user: User) => (await call(meRoute, { token: user.token })).json.usage;

async function withEnv(vars: Record<string, string>, run: () => Promise<void>) {
  Object.assign(process.env, vars);
  resetEnvCache();
  try {
    await run();
  } finally {
    for (const key of Object.keys(vars)) delete process.env[key];
    resetEnvCache();
  }
}

export function versionsContract(driverName: "local" | "s3") {
  describe(`versions on the ${driverName} driver`, () => {
    it("replaces twice, lists, downloads, restores the first byte-identical, deletes one", async () => {
      const user = await newUser();
      const [v1, v2, v3] = [bytesOf(100), bytesOf(200), bytesOf(50)];
      const file = await uploadFile(user, "report.txt", v1, { type: "text/plain" });
      const second = await uploadFile(user, "report.txt", v2, { replace: true, type: "text/plain" });
      const third = await uploadFile(user, "report.txt", v3, { replace: true, type: "text/plain" });
      // One file, its id kept; its content the newest.
      expect([second.id, third.id]).toEqual([file.id, file.id]);
      expect(third).toMatchObject({ name: "report.txt", size: 50 });
      expect(await db.file.count({ where: { ownerId: user.id } })).toBe(1);
      expect((await downloadBytes(user, file.id)).bytes).toEqual(v3);
      const listed = await versions(user, file.id);
      expect(listed.map((v) => v.size)).toEqual([200, 100]);
      expect(listed[0]!.createdBy).toMatchObject({ id: user.id, email: user.email });
      expect(await versionBytes(user, file.id, listed[1]!.id)).toEqual(v1);
      expect(await usage(user)).toMatchObject({ usedBytes: 350, versionBytes: 300, fileCount: 1 });

      const firstKey = (await db.fileVersion.findUniqueOrThrow({ where: { id: listed[1]!.id } })).storageKey;
      const restored = await call(restoreVersionRoute, {
        method: "POST",
        token: user.token,
        params: { id: file.id, versionId: listed[1]!.id },
      });
      expect(restored.status).toBe(200);
      expect(restored.json.file).toMatchObject({ id: file.id, size: 100 });
      expect((await downloadBytes(user, file.id)).bytes).toEqual(v1);
      // The very object, not a copy: byte-identical by construction.
      expect((await db.file.findUniqueOrThrow({ where: { id: file.id } })).storageKey).toBe(firstKey);
      const after = await versions(user, file.id);
      expect(after.map((v) => v.size)).toEqual([50, 200]);
      expect(await usage(user)).toMatchObject({ usedBytes: 350, versionBytes: 250 });

      const gone = await db.fileVersion.findUniqueOrThrow({ where: { id: after[1]!.id } });
      const deleted = await call(deleteVersionRoute, {
        method: "DELETE",
        token: user.token,
        params: { id: file.id, versionId: gone.id },
      });
      expect(deleted.status).toBe(204);
      expect(await storedOn(driverName, gone.storageKey)).toBe(false);
      expect((await versions(user, file.id)).map((v) => v.size)).toEqual([50]);
      expect(await usage(user)).toMatchObject({ usedBytes: 150, versionBytes: 50 });
      // Deleted twice, or restored once deleted: 404.
      expect(
        (
          await call(deleteVersionRoute, {
            method: "DELETE",
            token: user.token,
            params: { id: file.id, versionId: gone.id },
          })
        ).status,
      ).toBe(404);
    });

    it("keeps both without the replace flag, and when the file went to the trash meanwhile", async () => {
      const user = await newUser();
      const file = await uploadFile(user, "a.txt", bytesOf(10));
      expect((await uploadFile(user, "a.txt", bytesOf(10))).name).toBe("a (1).txt");
      const created = await call(createUploadRoute, {
        method: "POST",
        token: user.token,
        body: { name: "a.txt", size: 5, type: "text/plain", replace: true },
      });
      await signedFetch(created.json.url, { method: "PUT", body: bytesOf(5), headers: created.json.headers });
      expect(
        (await call(deleteFileRoute, { method: "DELETE", token: user.token, params: { id: file.id } })).status,
      ).toBe(204);
      const done = await call(completeRoute, {
        method: "POST",
        token: user.token,
        params: { id: created.json.uploadId },
        body: {},
      });
      expect(done.status).toBe(200);
      expect(done.json.file).toMatchObject({ name: "a (2).txt", size: 5 });
      expect(await db.fileVersion.count({ where: { ownerId: user.id } })).toBe(0);
      expect(await usage(user)).toMatchObject({ usedBytes: 25, fileCount: 3, versionBytes: 0 });
    });

    it("a complete repeated after a replacement answers with the file, as a repeated complete does", async () => {
      const user = await newUser();
      const file = await uploadFile(user, "again.txt", bytesOf(10));
      const created = await call(createUploadRoute, {
        method: "POST",
        token: user.token,
        body: { name: "again.txt", size: 7, type: "text/plain", replace: true },
      });
      await signedFetch(created.json.url, { method: "PUT", body: bytesOf(7), headers: created.json.headers });
      const complete = () =>
        call(completeRoute, { method: "POST", token: user.token, params: { id: created.json.uploadId }, body: {} });
      const first = await complete();
      expect([first.status, first.json.file.id, first.json.file.size]).toEqual([200, file.id, 7]);
      const repeated = await complete();
      expect([repeated.status, repeated.json]).toEqual([200, first.json]);
      // Counted once: one more version, no second file.
      expect(await usage(user)).toMatchObject({ usedBytes: 17, fileCount: 1, versionBytes: 10 });
      // Nobody else learns of it.
      const stranger = await newUser();
      const theirs = await call(completeRoute, {
        method: "POST",
        token: stranger.token,
        params: { id: created.json.uploadId },
        body: {},
      });
      expect(theirs.status).toBe(404);
    });

    it("needs quota for the whole new size, exact under parallel replacements", async () => {
      const user = await newUser({ quotaBytes: 1000 });
      const file = await uploadFile(user, "q.bin", bytesOf(400));
      await expect(uploadFile(user, "q.bin", bytesOf(700), { replace: true })).rejects.toThrow(/413/);
      // 600 bytes left: three of eight 200-byte replacements fit (their versions: 400, 200, 200 bytes).
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => uploadFile(user, "q.bin", bytesOf(200), { replace: true })),
      );
      const ok = results.filter((r) => r.status === "fulfilled").length;
      expect(ok).toBe(3);
      const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
      expect([Number(row.usedBytes), Number(row.reservedBytes), Number(row.versionBytes), row.fileCount]).toEqual([
        1000, 0, 800, 1,
      ]);
      expect(await db.fileVersion.count({ where: { fileId: file.id } })).toBe(3);
    });

    it("applies retention in the sweeper (count and age) and frees the bytes", async () => {
      await withEnv({ VERSIONS_KEEP: "2", VERSIONS_DAYS: "30" }, async () => {
        const user = await newUser();
        const file = await uploadFile(user, "r.txt", bytesOf(10));
        for (const size of [20, 30, 40, 50]) await uploadFile(user, "r.txt", bytesOf(size), { replace: true });
        const before = await db.fileVersion.findMany({ where: { fileId: file.id }, orderBy: { replacedAt: "asc" } });
        expect(before.map((v) => Number(v.size))).toEqual([10, 20, 30, 40]);
        await sweepExpiredUploads();
        expect((await versions(user, file.id)).map((v) => v.size)).toEqual([40, 30]);
        for (const v of before.slice(0, 2)) expect(await storedOn(driverName, v.storageKey)).toBe(false);
        expect(await usage(user)).toMatchObject({ usedBytes: 120, versionBytes: 70 });
        // Thirty-one days later both are past their age.
        await sweepExpiredUploads(new Date(Date.now() + 31 * 86_400_000));
        expect(await versions(user, file.id)).toEqual([]);
        expect(await usage(user)).toMatchObject({ usedBytes: 50, versionBytes: 0 });
      });
    });

    it("deletes every version's bytes with the file, and share links follow the current bytes", async () => {
      const user = await newUser();
      const [v1, v2] = [bytesOf(64), bytesOf(32)];
      const file = await uploadFile(user, "s.txt", v1);
      const link = await share(user, { file: file.id });
      await uploadFile(user, "s.txt", v2, { replace: true });
      const download = await visit(link.token);
      expect(download.status).toBe(302);
      expect(new Uint8Array(await (await signedFetch(download.headers.get("location")!)).arrayBuffer())).toEqual(v2);

      const keys = (await db.fileVersion.findMany({ where: { fileId: file.id } })).map((v) => v.storageKey);
      expect(keys).toHaveLength(1);
      const path = `/api/files/${file.id}?permanent=1`;
      expect(
        (await call(deleteFileRoute, { method: "DELETE", token: user.token, params: { id: file.id }, path })).status,
      ).toBe(204);
      for (const key of keys) expect(await storedOn(driverName, key)).toBe(false);
      expect(await db.fileVersion.count({ where: { fileId: file.id } })).toBe(0);
      expect(await usage(user)).toMatchObject({ usedBytes: 0, versionBytes: 0, fileCount: 0 });
    });
  });
}
