// Zip downloads against a real store, run by lib/files/zip.local.test.ts and
// zip.s3.test.ts.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as zipRoute } from "@/app/api/zip/handlers";
import { GET as folderZipRoute } from "@/app/api/folders/[id]/zip/handlers";
import { POST as createFolderRoute } from "@/app/api/folders/handlers";
import { DELETE as deleteFileRoute } from "@/app/api/files/[id]/handlers";
import { call, newUser, ORIGIN } from "@/test/api";
import { uploadFile } from "@/test/files";
import { readZip } from "@/test/zip-reader";
import { db } from "@/lib/db";
import { share, zip as shareZip } from "@/test/shares";

type User = Awaited<ReturnType<typeof newUser>>;

const bytesOf = (n: number) => new Uint8Array(crypto.randomBytes(n));

async function mkdir(user: User, name: string, parentId?: string) {
  return (await call(createFolderRoute, { method: "POST", token: user.token, body: { name, parentId } })).json.folder;
}

async function zipOf(response: { status: number; headers: Headers; text: string }, raw: Uint8Array) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/zip");
  expect(response.headers.get("content-length")).toBe(String(raw.byteLength));
  return new Map(readZip(raw).map((e) => [e.name, e.data]));
}

/** Calls a zip route and keeps the body as bytes (call() reads it as text). */
async function zipCall(
  handler: typeof zipRoute,
  init: { token: string; body?: BodyInit; type?: string; params?: Record<string, string> },
) {
  const headers = new Headers({ authorization: `Bearer ${init.token}` });
  if (init.type) headers.set("content-type", init.type);
  const response = await handler(
    new Request(`${ORIGIN}/api/zip`, { method: init.body ? "POST" : "GET", headers, body: init.body }),
    {
      params: Promise.resolve(init.params ?? {}),
    },
  );
  const raw = new Uint8Array(await response.arrayBuffer());
  return { response: { status: response.status, headers: response.headers, text: "" }, raw };
}

export function zipContract(driverName: "local" | "s3") {
  describe(`zip downloads on the ${driverName} driver`, () => {
    it("zips a selection with folders kept and names made unique, byte for byte", async () => {
      const user = await newUser();
      const photos = await mkdir(user, "Photos");
      const raw = await mkdir(user, "raw", photos.id);
      await mkdir(user, "empty", photos.id);
      const content = {
        top: bytesOf(1000),
        inPhotos: bytesOf(70_000),
        inRaw: bytesOf(3),
        upper: bytesOf(10),
        loose: bytesOf(0),
      };
      const top = await uploadFile(user, "a.txt", content.top);
      await uploadFile(user, "cat.jpg", content.inPhotos, { folderId: photos.id });
      await uploadFile(user, "a.txt", content.inRaw, { folderId: raw.id });
      const upper = await uploadFile(user, "A.TXT", content.upper);
      const empty = await uploadFile(user, "empty.txt", content.loose);
      const trashed = await uploadFile(user, "gone.txt", bytesOf(5), { folderId: photos.id });
      await call(deleteFileRoute, { method: "DELETE", token: user.token, params: { id: trashed.id } });

      const { response, raw: bytes } = await zipCall(zipRoute, {
        token: user.token,
        type: "application/json",
        body: JSON.stringify({ fileIds: [top.id, upper.id, empty.id], folderIds: [photos.id] }),
      });
      expect(response.headers.get("content-disposition")).toBe(
        `attachment; filename="Stowage files.zip"; filename*=UTF-8''Stowage%20files.zip`,
      );
      const zip = await zipOf(response, bytes);
      expect([...zip.keys()].sort()).toEqual([
        "A.TXT",
        "Photos/",
        "Photos/cat.jpg",
        "Photos/empty/",
        "Photos/raw/",
        "Photos/raw/a.txt",
        "a (1).txt",
        "empty.txt",
      ]);
      // "A.TXT" sorts first; "a.txt" would overwrite it on a disk that ignores case.
      expect(Buffer.from(zip.get("a (1).txt")!).equals(Buffer.from(content.top))).toBe(true);
      expect(Buffer.from(zip.get("A.TXT")!).equals(Buffer.from(content.upper))).toBe(true);
      expect(Buffer.from(zip.get("Photos/cat.jpg")!).equals(Buffer.from(content.inPhotos))).toBe(true);
      expect(Buffer.from(zip.get("Photos/raw/a.txt")!).equals(Buffer.from(content.inRaw))).toBe(true);
      expect(zip.get("empty.txt")!.byteLength).toBe(0);

      // The same folder through GET /api/folders/{id}/zip, and through a browser form.
      const folderZip = await zipCall(folderZipRoute as never, { token: user.token, params: { id: photos.id } });
      expect(folderZip.response.headers.get("content-disposition")).toContain("filename*=UTF-8''Photos.zip");
      expect([...(await zipOf(folderZip.response, folderZip.raw)).keys()].sort()).toEqual([
        "Photos/",
        "Photos/cat.jpg",
        "Photos/empty/",
        "Photos/raw/",
        "Photos/raw/a.txt",
      ]);
      const form = new URLSearchParams([
        ["fileIds", top.id],
        ["fileIds", empty.id],
      ]);
      const formZip = await zipCall(zipRoute, {
        token: user.token,
        type: "application/x-www-form-urlencoded",
        body: form.toString(),
      });
      expect([...(await zipOf(formZip.response, formZip.raw)).keys()].sort()).toEqual(["a.txt", "empty.txt"]);
    });

    it("keeps names apart that a Mac or Windows disk would merge: Unicode normalization and case, in NFC", async () => {
      const user = await newUser();
      const dir = await mkdir(user, "Menu");
      const nfc = "caf\u00e9.txt";
      const nfd = "cafe\u0301.txt";
      const content = { nfc: bytesOf(11), nfd: bytesOf(12), upper: bytesOf(13) };
      await uploadFile(user, nfc, content.nfc, { folderId: dir.id });
      const legacy = await uploadFile(user, "legacy.txt", content.nfd, { folderId: dir.id });
      // A name stored before names were normalized (new ones are stored NFC: see names.test.ts).
      await db.file.update({ where: { id: legacy.id }, data: { name: nfd } });
      await uploadFile(user, "CAF\u00c9.TXT", content.upper, { folderId: dir.id });
      const { response, raw } = await zipCall(folderZipRoute as never, { token: user.token, params: { id: dir.id } });
      const zip = await zipOf(response, raw);
      const names = [...zip.keys()].sort();
      expect(names).toEqual(["Menu/", "Menu/CAF\u00c9.TXT", "Menu/caf\u00e9 (1).txt", "Menu/caf\u00e9 (2).txt"]);
      expect(names.every((name) => name === name.normalize("NFC"))).toBe(true);
      expect(new Set([...zip.values()].map((data) => Buffer.from(data).toString("hex"))).size).toBe(4);
    });

    it("never makes a corrupt zip: a path longer than a zip can hold (made before paths were bounded) answers 409", async () => {
      const user = await newUser();
      // 86 nested folders of 255 three-byte characters (文): a path of 65,875 bytes in UTF-8.
      let parentId: string | null = null;
      const top = await db.folder.create({ data: { ownerId: user.id, name: "\u6587".repeat(255) } });
      parentId = top.id;
      for (let i = 1; i < 86; i++)
        parentId = (await db.folder.create({ data: { ownerId: user.id, parentId, name: "\u6587".repeat(255) } })).id;
      await uploadFile(user, "deep.txt", bytesOf(10), { folderId: parentId });
      const res = await call(folderZipRoute as never, { token: user.token, params: { id: top.id } });
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe("conflict");
      const link = await share(user, { folder: top.id }, { maxDownloads: 1 });
      expect((await shareZip(link.token)).status).toBe(409);
      expect((await db.share.findUniqueOrThrow({ where: { id: link.id } })).downloadCount).toBe(0);
    });

    it("answers 404 for another user's or a trashed item, 400 for an empty selection", async () => {
      const user = await newUser();
      const other = await newUser();
      const theirs = await uploadFile(other, "theirs.txt", bytesOf(4));
      const mine = await uploadFile(user, "mine.txt", bytesOf(4));
      await call(deleteFileRoute, { method: "DELETE", token: user.token, params: { id: mine.id } });
      for (const fileIds of [[theirs.id], [mine.id]]) {
        const res = await call(zipRoute, { method: "POST", token: user.token, body: { fileIds } });
        expect(res.status).toBe(404);
      }
      expect((await call(zipRoute, { method: "POST", token: user.token, body: { fileIds: [] } })).status).toBe(400);
      expect((await call(zipRoute, { method: "POST", token: user.token, body: "{nope" })).status).toBe(400);
    });
  });
}
