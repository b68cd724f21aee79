// The batch upload flow (POST /api/uploads/batch, /api/uploads/batch/complete), run by
// lib/uploads/batch.local.test.ts and batch.s3.test.ts against each driver.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as batchRoute } from "@/app/api/uploads/batch/handlers";
import { POST as batchCompleteRoute } from "@/app/api/uploads/batch/complete/handlers";
import { POST as createRoute } from "@/app/api/uploads/handlers";
import { DELETE as abortRoute } from "@/app/api/uploads/[id]/handlers";
import { GET as listRoute } from "@/app/api/files/handlers";
import { GET as downloadRoute } from "@/app/api/files/[id]/download/handlers";
import { call, newUser } from "@/test/api";
import { signedFetch } from "@/test/signed-fetch";
import type { SingleUploadTarget } from "@/lib/schemas/uploads";
import type { ApiFile } from "@/lib/schemas/files";
import { db } from "@/lib/db";
import { usageOf } from "@/lib/quota";
import { getDriver } from "@/lib/storage";

type User = Awaited<ReturnType<typeof newUser>>;
type Entry = SingleUploadTarget | { status: number; error: { code: string; message: string } };

const batch = (user: User, files: Record<string, unknown>[]) =>
  call(batchRoute, { method: "POST", token: user.token, body: { files } });
const completeAll = (user: User, uploadIds: string[]) =>
  call(batchCompleteRoute, { method: "POST", token: user.token, body: { uploadIds } });
const put = (target: SingleUploadTarget, bytes: Uint8Array) =>
  signedFetch(target.url, { method: "PUT", body: bytes, headers: target.headers });
const isTarget = (e: Entry): e is SingleUploadTarget => "uploadId" in e;

async function listed(user: User, folderId?: string): Promise<ApiFile[]> {
  const query = folderId ? `?folderId=${folderId}` : "";
  return (await call(listRoute, { token: user.token, path: `/api/files${query}` })).json.items;
}

export function uploadBatchContract(driverName: "local" | "s3") {
  describe(`batch uploads on the ${driverName} driver`, () => {
    beforeAll(async () => {
      expect((await getDriver()).name).toBe(driverName);
    });

    it("creates, stores and completes many files in two requests, into their folders, names kept apart", async () => {
      const user = await newUser();
      const album = await db.folder.create({ data: { ownerId: user.id, name: "album" } });
      const first = await batch(user, [{ name: "a.txt", size: 3, type: "text/plain" }]);
      await put(first.json.uploads[0], new TextEncoder().encode("old"));
      await completeAll(user, [first.json.uploads[0].uploadId]);

      const files = Array.from({ length: 30 }, (_, i) => ({
        name: i < 2 ? "a.txt" : `f${i}.bin`,
        size: 100 + i,
        type: "application/octet-stream",
        ...(i >= 20 ? { folderId: album.id } : {}),
      }));
      const bodies = files.map((f) => crypto.randomBytes(f.size));
      const created = await batch(user, files);
      expect(created.status).toBe(200);
      const targets = (created.json.uploads as Entry[]).filter(isTarget);
      expect(targets).toHaveLength(30);
      expect(await usageOf(user.id)).toMatchObject({ reservedBytes: files.reduce((s, f) => s + f.size, 0) });

      await Promise.all(targets.map(async (t, i) => expect((await put(t, bodies[i]!)).status).toBeLessThan(300)));
      const done = await completeAll(user, [...targets.map((t) => t.uploadId)]);
      expect(done.status).toBe(200);
      const results = done.json.results as { uploadId: string; file: ApiFile }[];
      expect(results.map((r) => r.uploadId)).toEqual(targets.map((t) => t.uploadId));
      // The two dropped "a.txt" do not replace the stored one, nor each other.
      expect(results.slice(0, 2).map((r) => r.file.name)).toEqual(["a (1).txt", "a (2).txt"]);
      expect(results.slice(20).every((r) => r.file.folderId === album.id)).toBe(true);

      expect(await listed(user)).toHaveLength(21);
      expect((await listed(user, album.id)).map((f) => f.size)).toEqual(files.slice(20).map((f) => f.size));
      const total = 3 + files.reduce((s, f) => s + f.size, 0);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: total, reservedBytes: 0, fileCount: 31 });

      const fileId = results[7]!.file.id;
      const redirect = await call(downloadRoute, { token: user.token, params: { id: fileId } });
      const got = new Uint8Array(await (await signedFetch(redirect.headers.get("location")!)).arrayBuffer());
      expect(Buffer.from(got).equals(bodies[7]!)).toBe(true);

      // A repeated batch complete (its answer was lost) answers the same files, counted once.
      const again = await completeAll(user, [targets[0]!.uploadId, targets[1]!.uploadId]);
      expect(again.json.results.map((r: { file: ApiFile }) => r.file.id)).toEqual([
        results[0]!.file.id,
        results[1]!.file.id,
      ]);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: total, fileCount: 31 });
    });

    it("answers each file on its own: bad ones fail, the others go through, the quota exact across the batch", async () => {
      const user = await newUser({ quotaBytes: 1000 });
      const other = await newUser();
      const theirs = await db.folder.create({ data: { ownerId: other.id, name: "theirs" } });
      const created = await batch(user, [
        { name: "ok1.bin", size: 400 },
        { name: "theirs.bin", size: 10, folderId: theirs.id },
        { name: "ok2.bin", size: 500 },
        { name: "over.bin", size: 200 },
        { name: "fits.bin", size: 100 },
        { name: "huge.bin", size: 64 * 1024 * 1024 },
      ]);
      expect(created.status).toBe(200);
      const entries = created.json.uploads as Entry[];
      expect(entries.map((e) => (isTarget(e) ? 201 : e.status))).toEqual([201, 404, 201, 413, 201, 400]);
      expect(entries[3]).toMatchObject({ error: { code: "quota_exceeded" } });
      expect(await usageOf(user.id)).toMatchObject({ reservedBytes: 1000 });

      // One stored, one sent short, one never sent, one aborted, one unknown: each answered alone.
      const [ok1, , ok2, , fits] = entries as SingleUploadTarget[];
      await put(ok1!, crypto.randomBytes(400));
      await put(ok2!, crypto.randomBytes(500));
      expect(
        (await call(abortRoute, { method: "DELETE", token: user.token, params: { id: ok2!.uploadId } })).status,
      ).toBe(204);
      const done = await completeAll(user, [ok1!.uploadId, fits!.uploadId, ok2!.uploadId, "nope"]);
      expect(done.json.results.map((r: { status?: number }) => r.status ?? 200)).toEqual([200, 409, 404, 404]);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 400, reservedBytes: 0, fileCount: 1 });
      // Another user cannot complete (or learn about) these uploads.
      const single = await call(createRoute, { method: "POST", token: user.token, body: { name: "s.bin", size: 1 } });
      const foreign = await completeAll(other, [single.json.uploadId]);
      expect(foreign.json.results[0]).toMatchObject({ status: 404, error: { code: "not_found" } });
    });

    it("refuses malformed batches with 400 and an empty one", async () => {
      const user = await newUser();
      expect((await batch(user, [])).status).toBe(400);
      expect(
        (
          await batch(
            user,
            Array.from({ length: 501 }, () => ({ name: "x", size: 1 })),
          )
        ).status,
      ).toBe(400);
      expect((await batch(user, [{ name: "", size: -1 }])).status).toBe(400);
      expect((await completeAll(user, [])).status).toBe(400);
    });
  });
}
