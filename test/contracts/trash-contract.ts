// The trash lifecycle against a real store, run by lib/files/trash.local.test.ts and
// trash.s3.test.ts.
import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { GET as listRoute } from "@/app/api/files/handlers";
import { GET as fileRoute, DELETE as deleteFileRoute } from "@/app/api/files/[id]/handlers";
import { POST as restoreFileRoute } from "@/app/api/files/[id]/restore/handlers";
import { POST as createFolderRoute } from "@/app/api/folders/handlers";
import { DELETE as deleteFolderRoute, GET as folderRoute } from "@/app/api/folders/[id]/handlers";
import { POST as restoreFolderRoute } from "@/app/api/folders/[id]/restore/handlers";
import { GET as trashRoute, DELETE as emptyRoute } from "@/app/api/trash/handlers";
import { POST as createUploadRoute } from "@/app/api/uploads/handlers";
import { POST as completeRoute } from "@/app/api/uploads/[id]/complete/handlers";
import { call, newUser } from "@/test/api";
import type { SingleUploadTarget } from "@/lib/client/upload/api";
import type { ApiFile, TrashList } from "@/lib/schemas/files";
import { signedFetch } from "@/test/signed-fetch";
import { downloadBytes, uploadFile } from "@/test/files";
import { db } from "@/lib/db";
import { usageOf } from "@/lib/quota";
import { getDriver } from "@/lib/storage";
import { storedOn } from "@/test/files";
import { sweepExpiredUploads } from "@/lib/uploads/sweep";

type User = Awaited<ReturnType<typeof newUser>>;

const bytesOf = (n: number) => new Uint8Array(crypto.randomBytes(n));

async function mkdir(user: User, name: string, parentId?: string) {
  return (await call(createFolderRoute, { method: "POST", token: user.token, body: { name, parentId } })).json.folder;
}

export function trashContract(driverName: "local" | "s3") {
  describe(`trash on the ${driverName} driver`, () => {
    const del = (user: User, route: typeof deleteFileRoute, id: string, permanent = false) =>
      call(route, {
        method: "DELETE",
        token: user.token,
        params: { id },
        path: `/x/${id}${permanent ? "?permanent=1" : ""}`,
      });

    it("trashes a file (still counted), lists it with its path, restores it, and deletes it for good", async () => {
      const user = await newUser();
      const docs = await mkdir(user, "Docs");
      const file = await uploadFile(user, "a.txt", bytesOf(300), { folderId: docs.id });
      const row = await db.file.findUniqueOrThrow({ where: { id: file.id } });
      expect(row.driver).toBe(driverName);

      expect((await del(user, deleteFileRoute, file.id)).status).toBe(204);
      expect((await call(fileRoute, { token: user.token, params: { id: file.id } })).status).toBe(404);
      expect((await call(listRoute, { token: user.token, path: `/api/files?folderId=${docs.id}` })).json.items).toEqual(
        [],
      );
      await expect(downloadBytes(user, file.id)).rejects.toThrow(/404/);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 300, fileCount: 1 });
      const trash = await call(trashRoute, { token: user.token });
      expect(trash.json.items).toEqual([
        expect.objectContaining({ id: file.id, deletedAt: expect.any(String), path: [{ id: docs.id, name: "Docs" }] }),
      ]);

      // A new a.txt took the name meanwhile: the restored one becomes "a (1).txt".
      await uploadFile(user, "a.txt", bytesOf(10), { folderId: docs.id });
      const restored = await call(restoreFileRoute, { method: "POST", token: user.token, params: { id: file.id } });
      expect(restored.json.file).toMatchObject({ id: file.id, name: "a (1).txt", folderId: docs.id, deletedAt: null });
      expect((await downloadBytes(user, file.id)).bytes.byteLength).toBe(300);

      expect((await del(user, deleteFileRoute, file.id, true)).status).toBe(204);
      expect(await db.file.findUnique({ where: { id: file.id } })).toBeNull();
      expect(await storedOn(driverName, row.storageKey)).toBe(false);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 10, fileCount: 1 });
      expect(await db.storageCleanup.count({ where: { key: row.storageKey } })).toBe(0);
    });

    it("trashes a folder with its subtree as one group, restores it together, and purges it for good", async () => {
      const user = await newUser();
      const top = await mkdir(user, "Top");
      const sub = await mkdir(user, "Sub", top.id);
      const f1 = await uploadFile(user, "one.bin", bytesOf(100), { folderId: top.id });
      const f2 = await uploadFile(user, "two.bin", bytesOf(200), { folderId: sub.id });
      const loose = await uploadFile(user, "loose.bin", bytesOf(50), { folderId: sub.id });
      // Trashed on its own first: it stays in the trash when the folder comes back.
      await del(user, deleteFileRoute, loose.id);

      expect((await del(user, deleteFolderRoute, top.id)).status).toBe(204);
      const groups = await db.folder.findMany({ where: { id: { in: [top.id, sub.id] } } });
      expect(new Set(groups.map((g) => g.trashGroup))).toEqual(new Set([top.id]));
      expect((await call(folderRoute, { token: user.token, params: { id: sub.id } })).status).toBe(404);
      expect((await call(listRoute, { token: user.token })).json.folders).toEqual([]);
      const trash: TrashList = (await call(trashRoute, { token: user.token })).json;
      expect(trash.folders.map((f) => f.id)).toEqual([top.id]);
      expect(trash.folders[0]).toMatchObject({ name: "Top", deletedAt: expect.any(String), path: [] });
      expect(trash.items.map((f) => f.id)).toEqual([loose.id]);

      const back = await call(restoreFolderRoute, { method: "POST", token: user.token, params: { id: top.id } });
      expect(back.json.folder).toMatchObject({ id: top.id, name: "Top", parentId: null });
      const inSub = await call(listRoute, { token: user.token, path: `/api/files?folderId=${sub.id}` });
      expect(inSub.json.items.map((f: ApiFile) => f.id)).toEqual([f2.id]);
      expect((await call(trashRoute, { token: user.token })).json.items.map((f: ApiFile) => f.id)).toEqual([loose.id]);

      await del(user, deleteFolderRoute, top.id);
      const keys = (await db.file.findMany({ where: { id: { in: [f1.id, f2.id, loose.id] } } })).map(
        (f) => f.storageKey,
      );
      expect((await del(user, deleteFolderRoute, top.id, true)).status).toBe(204);
      expect(await db.folder.count({ where: { ownerId: user.id } })).toBe(0);
      expect(await db.file.count({ where: { ownerId: user.id } })).toBe(0);
      for (const key of keys) expect(await storedOn(driverName, key)).toBe(false);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 0, fileCount: 0 });
    });

    it("restores a file whose folder is in the trash into the root", async () => {
      const user = await newUser();
      const dir = await mkdir(user, "Gone");
      const file = await uploadFile(user, "x.txt", bytesOf(5), { folderId: dir.id });
      await del(user, deleteFileRoute, file.id);
      await del(user, deleteFolderRoute, dir.id);
      const restored = await call(restoreFileRoute, { method: "POST", token: user.token, params: { id: file.id } });
      expect(restored.json.file).toMatchObject({ folderId: null, name: "x.txt" });
      await del(user, deleteFolderRoute, dir.id, true);
      expect((await downloadBytes(user, file.id)).bytes.byteLength).toBe(5);
    });

    it("lets an upload still running into a folder follow it to the trash and back, or land in the root when the folder is purged", async () => {
      const user = await newUser();
      const start = async (name: string, folderId: string) => {
        const created = await call(createUploadRoute, {
          method: "POST",
          token: user.token,
          body: { name, size: 3, type: "text/plain", folderId },
        });
        expect(created.status).toBe(201);
        return created.json;
      };
      const finish = async (created: SingleUploadTarget) => {
        expect(
          (await signedFetch(created.url, { method: "PUT", body: new Uint8Array([1, 2, 3]), headers: created.headers }))
            .status,
        ).toBeLessThan(300);
        return call(completeRoute, { method: "POST", token: user.token, params: { id: created.uploadId }, body: {} });
      };
      const dir = await mkdir(user, "Busy");
      const followed = await start("follows.txt", dir.id);
      await del(user, deleteFolderRoute, dir.id);
      expect((await finish(followed)).status).toBe(200);
      expect((await call(trashRoute, { token: user.token })).json.items).toEqual([]);
      await call(restoreFolderRoute, { method: "POST", token: user.token, params: { id: dir.id } });
      expect(
        (await call(listRoute, { token: user.token, path: `/api/files?folderId=${dir.id}` })).json.items.map(
          (f: ApiFile) => f.name,
        ),
      ).toEqual(["follows.txt"]);

      const orphan = await start("orphan.txt", dir.id);
      await del(user, deleteFolderRoute, dir.id);
      await del(user, deleteFolderRoute, dir.id, true);
      expect((await finish(orphan)).status).toBe(200);
      expect((await call(listRoute, { token: user.token })).json.items.map((f: ApiFile) => f.name)).toEqual([
        "orphan.txt",
      ]);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 3, reservedBytes: 0, fileCount: 1 });
    });

    it("empties the trash, and the sweeper purges what is older than TRASH_DAYS", async () => {
      const user = await newUser();
      const keep = await uploadFile(user, "keep.txt", bytesOf(7));
      const old = await uploadFile(user, "old.txt", bytesOf(11));
      const recent = await uploadFile(user, "recent.txt", bytesOf(13));
      const dir = await mkdir(user, "Old folder");
      const inDir = await uploadFile(user, "in.txt", bytesOf(17), { folderId: dir.id });
      for (const id of [old.id, recent.id]) await del(user, deleteFileRoute, id);
      await del(user, deleteFolderRoute, dir.id);
      const longAgo = new Date(Date.now() - 31 * 86_400_000);
      await db.file.updateMany({ where: { id: { in: [old.id, inDir.id] } }, data: { deletedAt: longAgo } });
      await db.folder.updateMany({ where: { id: dir.id }, data: { deletedAt: longAgo } });
      const result = await sweepExpiredUploads();
      expect(result.purged).toBe(2);
      expect(
        (await db.file.findMany({ where: { ownerId: user.id }, orderBy: { name: "asc" } })).map((f) => f.name),
      ).toEqual(["keep.txt", "recent.txt"]);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 20, fileCount: 2 });

      expect((await call(emptyRoute, { method: "DELETE", token: user.token })).status).toBe(204);
      expect((await db.file.findMany({ where: { ownerId: user.id } })).map((f) => f.id)).toEqual([keep.id]);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 7, fileCount: 1 });
      expect((await call(trashRoute, { token: user.token })).json).toEqual({
        items: [],
        folders: [],
        nextCursor: null,
      });
    });

    it("keeps the books when the store cannot delete the bytes now, and deletes them later", async () => {
      const user = await newUser();
      const file = await uploadFile(user, "stuck.bin", bytesOf(64));
      const row = await db.file.findUniqueOrThrow({ where: { id: file.id } });
      const driver = getDriver(driverName);
      const failing = vi.spyOn(driver, "delete").mockRejectedValueOnce(new Error("store down"));
      expect((await del(user, deleteFileRoute, file.id, true)).status).toBe(204);
      failing.mockRestore();
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 0, fileCount: 0 });
      expect(await storedOn(driverName, row.storageKey)).toBe(true);
      expect(await db.storageCleanup.count({ where: { key: row.storageKey } })).toBe(1);
      await sweepExpiredUploads();
      expect(await storedOn(driverName, row.storageKey)).toBe(false);
      expect(await db.storageCleanup.count({ where: { key: row.storageKey } })).toBe(0);
    });
  });
}
