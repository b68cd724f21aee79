// Names are stored NFC-normalized from the start (uploads, renames, folders), so two names that
// differ only in Unicode normalization ("café" typed on a Mac is NFD) can never sit in one folder.
import { describe, expect, it } from "vitest";
import { POST as createUploadRoute } from "@/app/api/uploads/handlers";
import { POST as createFolderRoute } from "@/app/api/folders/handlers";
import { PATCH as patchFolderRoute } from "@/app/api/folders/[id]/handlers";
import { POST as ensureRoute } from "@/app/api/folders/ensure/handlers";
import { PATCH as patchFileRoute } from "@/app/api/files/[id]/handlers";
import { db } from "@/lib/db";
import { call, newUser } from "@/test/api";
import { collisionKey } from "./names";

const NFC = "caf\u00e9";
const NFD = "cafe\u0301";

describe("names", () => {
  it("uploads store NFC: an NFD name next to its NFC twin becomes a copy, not a second 'café.txt'", async () => {
    const user = await newUser();
    const upload = (name: string) =>
      call(createUploadRoute, { method: "POST", token: user.token, body: { name, size: 3, type: "text/plain" } });
    const first = await upload(`${NFD}.txt`);
    const second = await upload(`${NFC}.txt`);
    const names = await db.file.findMany({ where: { id: { in: [first.json.fileId, second.json.fileId] } } });
    expect(names.map((f) => f.name).sort()).toEqual([`${NFC} (1).txt`, `${NFC}.txt`]);
  });

  it("folders and renames store NFC, so the two spellings clash (409) instead of sitting side by side", async () => {
    const user = await newUser();
    const mkdir = (name: string) => call(createFolderRoute, { method: "POST", token: user.token, body: { name } });
    const made = await mkdir(NFD);
    expect(made.status).toBe(201);
    expect(made.json.folder.name).toBe(NFC);
    expect((await mkdir(NFC)).status).toBe(409);
    const other = await mkdir("other");
    const renamed = await call(patchFolderRoute, {
      method: "PATCH",
      token: user.token,
      params: { id: other.json.folder.id },
      body: { name: NFD },
    });
    expect(renamed.status).toBe(409);
    const ensured = await call(ensureRoute, { method: "POST", token: user.token, body: { path: [NFD, NFD] } });
    expect(ensured.status).toBe(200);
    expect(ensured.json.folder.name).toBe(NFC);
    expect(await db.folder.count({ where: { ownerId: user.id, parentId: null } })).toBe(2);

    const file = await db.file.create({
      data: {
        ownerId: user.id,
        name: "menu.txt",
        size: 1n,
        type: "text/plain",
        storageKey: `${user.id}/m`,
        driver: "local",
        status: "READY",
      },
    });
    await db.file.create({
      data: {
        ownerId: user.id,
        name: `${NFC}.txt`,
        size: 1n,
        type: "text/plain",
        storageKey: `${user.id}/c`,
        driver: "local",
        status: "READY",
      },
    });
    const clash = await call(patchFileRoute, {
      method: "PATCH",
      token: user.token,
      params: { id: file.id },
      body: { name: `${NFD}.txt` },
    });
    expect(clash.status).toBe(409);
  });

  it("collisionKey equates what case- and normalization-insensitive disks do", () => {
    expect(collisionKey(`${NFD}.TXT`)).toBe(collisionKey(`${NFC}.txt`));
    expect(collisionKey("STRASSE")).toBe(collisionKey("straße"));
    expect(collisionKey("a.txt")).not.toBe(collisionKey("b.txt"));
  });
});
