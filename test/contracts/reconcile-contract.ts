// Reconciliation against a real store, run by lib/storage-ops/reconcile.local.test.ts and
// reconcile.s3.test.ts: planted orphans, missing objects and size mismatches are found, and `fix`
// repairs exactly those.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as downloadRoute } from "@/app/api/files/[id]/download/handlers";
import { GET as fileRoute } from "@/app/api/files/[id]/handlers";
import { POST as createUploadRoute } from "@/app/api/uploads/handlers";
import { db } from "@/lib/db";
import { userActor } from "@/lib/files/access";
import { zipEntries } from "@/lib/files/zip";
import { getDriver, newStorageKey, ObjectNotFoundError, type DriverName } from "@/lib/storage";
import { call, newUser } from "@/test/api";
import { uploadFile } from "@/test/files";
import { signedFetch } from "@/test/signed-fetch";
import { reconcile } from "@/lib/storage-ops/reconcile";

const bytesOf = (n: number) => new Uint8Array(crypto.randomBytes(n));
const DAY_MS = 24 * 3600 * 1000;

export function reconcileContract(driverName: DriverName) {
  const driver = () => getDriver(driverName);
  const put = (key: string, n: number) => driver().write(key, new Blob([bytesOf(n) as BlobPart]).stream(), n);
  const stored = (key: string) =>
    driver()
      .stat(key)
      .then(
        () => true,
        (e) => (e instanceof ObjectNotFoundError ? false : Promise.reject(e)),
      );
  const keyOf = async (fileId: string) => (await db.file.findUniqueOrThrow({ where: { id: fileId } })).storageKey;
  const missingAt = async (fileId: string) => (await db.file.findUniqueOrThrow({ where: { id: fileId } })).missingAt;

  describe(`reconciliation on the ${driverName} driver`, () => {
    it("finds planted orphans, missing objects and size mismatches, and --fix repairs exactly those", async () => {
      const user = await newUser();
      // Healthy files, one with a thumbnail: more than a few pages at pageSize 2.
      const healthy = [];
      for (let i = 0; i < 5; i++) healthy.push(await uploadFile(user, `ok-${i}.bin`, bytesOf(100 + i)));
      const withThumb = healthy[0]!;
      const thumbKey = `${await keyOf(withThumb.id)}.thumb.webp`;
      await put(thumbKey, 50);
      await db.file.update({ where: { id: withThumb.id }, data: { thumbnailKey: thumbKey } });

      const gone = await uploadFile(user, "gone.bin", bytesOf(300));
      await driver().delete(await keyOf(gone.id));
      const resized = await uploadFile(user, "resized.bin", bytesOf(400));
      await put(await keyOf(resized.id), 399);
      const orphans = [newStorageKey(user.id), newStorageKey(user.id)];
      for (const key of orphans) await put(key, 77);
      // Not orphans: bytes an open upload wrote (not completed yet), and a key queued for deletion.
      const open = await call(createUploadRoute, {
        method: "POST",
        token: user.token,
        body: { name: "open.bin", size: 64, type: "application/octet-stream" },
      });
      expect(open.status).toBe(201);
      await signedFetch(open.json.url, { method: "PUT", body: bytesOf(64), headers: open.json.headers });
      const openKey = await keyOf(open.json.fileId);
      const queued = newStorageKey(user.id);
      await put(queued, 10);
      await db.storageCleanup.create({
        data: { driver: driverName, key: queued, notBefore: new Date(Date.now() + DAY_MS) },
      });

      const expectedFindings = { orphans: 2, missing: 1, sizeMismatches: 1, returned: 0 };
      // 1. A report changes nothing.
      const report = await reconcile({ driver: driverName, pageSize: 2 });
      expect(report.counts).toMatchObject({ ...expectedFindings, recentOrphans: 2, objects: 5 + 1 + 1 + 2 + 1 + 1 });
      expect(report.sample.orphans.map((o) => o.key).sort()).toEqual([...orphans].sort());
      expect(report.sample.missing).toEqual([{ fileId: gone.id, key: await keyOf(gone.id), size: 300 }]);
      expect(report.sample.sizeMismatches).toEqual([
        { fileId: resized.id, key: await keyOf(resized.id), expected: 400, actual: 399 },
      ]);
      expect(report.fixes).toMatchObject({ deletedOrphans: 0, markedMissing: 0 });
      expect(await missingAt(gone.id)).toBeNull();

      // 2. --fix now: the broken files are marked; the orphans are too recent to delete.
      const fixed = await reconcile({ driver: driverName, fix: true, pageSize: 2 });
      expect(fixed.fixes).toMatchObject({ markedMissing: 2, deletedOrphans: 0, failed: 0 });
      expect(await missingAt(gone.id)).toBeInstanceOf(Date);
      expect(await missingAt(resized.id)).toBeInstanceOf(Date);
      for (const key of orphans) expect(await stored(key)).toBe(true);
      for (const file of healthy) expect(await missingAt(file.id)).toBeNull();

      // The browser sees them as unavailable, and downloading answers 409 file_unavailable.
      const shown = await call(fileRoute, { token: user.token, params: { id: gone.id } });
      expect(shown.json.file.missingAt).toEqual(expect.any(String));
      const refused = await call(downloadRoute, { token: user.token, params: { id: gone.id } });
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe("file_unavailable");
      // A zip of it and a healthy file holds what can be read.
      const zip = await zipEntries(userActor(user.id), { fileIds: [gone.id, healthy[1]!.id], folderIds: [] });
      expect(zip.entries.map((e) => e.name)).toEqual([healthy[1]!.name]);

      // 3. --fix a day later: the old orphans go, and nothing else does.
      const later = await reconcile({
        driver: driverName,
        fix: true,
        pageSize: 2,
        now: new Date(Date.now() + 2 * DAY_MS),
      });
      expect(later.fixes).toMatchObject({ deletedOrphans: 2, markedMissing: 0, failed: 0 });
      for (const key of orphans) expect(await stored(key)).toBe(false);
      for (const key of [openKey, queued, thumbKey, ...(await Promise.all(healthy.map((f) => keyOf(f.id))))]) {
        expect(await stored(key)).toBe(true);
      }

      // 4. The right bytes come back: the next --fix clears the mark.
      await put(await keyOf(gone.id), 300);
      const back = await reconcile({ driver: driverName, fix: true });
      expect(back.counts).toMatchObject({ orphans: 0, missing: 0, sizeMismatches: 1, returned: 1 });
      expect(back.fixes).toMatchObject({ clearedMissing: 1 });
      expect(await missingAt(gone.id)).toBeNull();
      expect(await missingAt(resized.id)).toBeInstanceOf(Date);

      const runs = await db.reconcileRun.findMany({ where: { driver: driverName }, orderBy: { startedAt: "asc" } });
      expect(runs).toHaveLength(4);
      expect(runs.every((r) => r.finishedAt && r.findings)).toBe(true);
      expect(JSON.parse(runs[0]!.findings!).counts).toMatchObject(expectedFindings);
      expect(runs.map((r) => r.fixed)).toEqual([false, true, true, true]);
    });

    it("aborts stale multipart uploads and keeps an open upload's", async () => {
      const user = await newUser();
      const open = await call(createUploadRoute, {
        method: "POST",
        token: user.token,
        body: { name: "big.bin", size: 3 * 1024 * 1024, type: "application/octet-stream" },
      });
      expect(open.json.multipart).toBeDefined();
      const openKey = await keyOf(open.json.fileId);
      const strayKey = newStorageKey(user.id);
      await driver().createMultipart({ key: strayKey, type: "application/octet-stream", partSize: 5 * 1024 * 1024 });

      const report = await reconcile({ driver: driverName, fix: true, now: new Date(Date.now() + 2 * DAY_MS) });
      if (driverName === "s3") {
        // The test server (s3rver) has no ListMultipartUploads: reported, not guessed.
        expect(report.multipartListing).toBe("unsupported");
        return;
      }
      expect(report.counts.staleMultipart).toBe(1);
      expect(report.sample.staleMultipart).toEqual([expect.objectContaining({ key: strayKey })]);
      expect(report.fixes.abortedMultipart).toBe(1);
      const left = [];
      for await (const upload of driver().listMultipart()) left.push(upload.key);
      expect(left).toEqual([openKey]);
    });

    it("lists every object once, in key order, across page boundaries", async () => {
      const user = await newUser();
      const keys = Array.from({ length: 7 }, () => newStorageKey(user.id)).sort();
      for (const key of keys) await put(key, 3);
      const listed: string[] = [];
      for await (const object of driver().list(`${user.id}/`, { pageSize: 2 })) listed.push(object.key);
      expect(listed).toEqual(keys);
    });
  });
}
