// Another user's file and folder ids answer 404 (exactly like missing ones) on every files route,
// and change nothing.
import { describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/files/handlers";
import { GET as getFile, PATCH as patchFile, DELETE as deleteFile } from "@/app/api/files/[id]/handlers";
import { POST as restoreFile } from "@/app/api/files/[id]/restore/handlers";
import { GET as downloadFile } from "@/app/api/files/[id]/download/handlers";
import { POST as bulkRoute } from "@/app/api/files/bulk/handlers";
import { POST as createFolder } from "@/app/api/folders/handlers";
import { GET as getFolder, PATCH as patchFolder, DELETE as deleteFolder } from "@/app/api/folders/[id]/handlers";
import { POST as restoreFolder } from "@/app/api/folders/[id]/restore/handlers";
import { POST as ensureFolder } from "@/app/api/folders/ensure/handlers";
import { GET as zipFolder } from "@/app/api/folders/[id]/zip/handlers";
import { POST as zipRoute } from "@/app/api/zip/handlers";
import { GET as getThumbnail, PUT as putThumbnail } from "@/app/api/files/[id]/thumbnail/handlers";
import { call, newUser } from "@/test/api";
import { db } from "@/lib/db";

type Handler = Parameters<typeof call>[0];
type Case = [string, Handler, (ids: Ids) => Parameters<typeof call>[1]];
type Ids = {
  file: string;
  folder: string;
  trashedFile: string;
  trashedFolder: string;
  ownFile: string;
  ownFolder: string;
};

const cases: Case[] = [
  ["GET /api/files?folderId", listRoute, (i) => ({ path: `/api/files?folderId=${i.folder}` })],
  ["GET /api/files/{id}", getFile, (i) => ({ params: { id: i.file } })],
  [
    "PATCH /api/files/{id} (rename)",
    patchFile,
    (i) => ({ method: "PATCH", params: { id: i.file }, body: { name: "x" } }),
  ],
  [
    "PATCH /api/files/{id} (into their folder)",
    patchFile,
    (i) => ({ method: "PATCH", params: { id: i.ownFile }, body: { folderId: i.folder } }),
  ],
  ["DELETE /api/files/{id}", deleteFile, (i) => ({ method: "DELETE", params: { id: i.file } })],
  [
    "DELETE /api/files/{id}?permanent=1",
    deleteFile,
    (i) => ({ method: "DELETE", params: { id: i.trashedFile }, path: "/x?permanent=1" }),
  ],
  ["POST /api/files/{id}/restore", restoreFile, (i) => ({ method: "POST", params: { id: i.trashedFile } })],
  ["GET /api/files/{id}/download", downloadFile, (i) => ({ params: { id: i.file } })],
  ["GET /api/files/{id}/thumbnail", getThumbnail, (i) => ({ params: { id: i.file } })],
  [
    "PUT /api/files/{id}/thumbnail",
    putThumbnail,
    (i) => ({
      method: "PUT",
      params: { id: i.file },
      body: "RIFF0000WEBPVP8 ", // a WebP header: the bytes are checked too
      headers: { "content-type": "image/webp" },
    }),
  ],
  [
    "POST /api/folders (into theirs)",
    createFolder,
    (i) => ({ method: "POST", body: { name: "x", parentId: i.folder } }),
  ],
  [
    "POST /api/folders/ensure (below theirs)",
    ensureFolder,
    (i) => ({ method: "POST", body: { parentId: i.folder, path: ["x"] } }),
  ],
  ["GET /api/folders/{id}", getFolder, (i) => ({ params: { id: i.folder } })],
  ["PATCH /api/folders/{id}", patchFolder, (i) => ({ method: "PATCH", params: { id: i.folder }, body: { name: "x" } })],
  [
    "PATCH /api/folders/{id} (into theirs)",
    patchFolder,
    (i) => ({ method: "PATCH", params: { id: i.ownFolder }, body: { parentId: i.folder } }),
  ],
  ["DELETE /api/folders/{id}", deleteFolder, (i) => ({ method: "DELETE", params: { id: i.folder } })],
  [
    "DELETE /api/folders/{id}?permanent=1",
    deleteFolder,
    (i) => ({ method: "DELETE", params: { id: i.trashedFolder }, path: "/x?permanent=1" }),
  ],
  ["POST /api/folders/{id}/restore", restoreFolder, (i) => ({ method: "POST", params: { id: i.trashedFolder } })],
  ...(["move", "trash", "restore", "delete"] as const).flatMap((action): Case[] => [
    [
      `POST /api/files/bulk ${action} (their file among mine)`,
      bulkRoute,
      (i) => ({
        method: "POST",
        body: {
          action,
          fileIds: [i.ownFile, action === "restore" ? i.trashedFile : i.file],
          folderIds: [],
          folderId: null,
        },
      }),
    ],
    [
      `POST /api/files/bulk ${action} (their folder)`,
      bulkRoute,
      (i) => ({
        method: "POST",
        body: { action, fileIds: [], folderIds: [action === "restore" ? i.trashedFolder : i.folder], folderId: null },
      }),
    ],
  ]),
  [
    "POST /api/zip (their file among mine)",
    zipRoute,
    (i) => ({ method: "POST", body: { fileIds: [i.ownFile, i.file] } }),
  ],
  ["POST /api/zip (their folder)", zipRoute, (i) => ({ method: "POST", body: { folderIds: [i.folder] } })],
  ["GET /api/folders/{id}/zip", zipFolder, (i) => ({ params: { id: i.folder } })],
  [
    "POST /api/files/bulk move (into their folder)",
    bulkRoute,
    (i) => ({ method: "POST", body: { action: "move", fileIds: [i.ownFile], folderIds: [], folderId: i.folder } }),
  ],
];

export const notFoundCases = cases;

describe("another user's ids", () => {
  it.each(cases)("%s answers 404 and changes nothing", async (_name, handler, options) => {
    const alice = await newUser();
    const bob = await newUser();
    const seed = (ownerId: string, name: string, extra: object = {}) =>
      db.file.create({
        data: {
          ownerId,
          name,
          size: 3n,
          type: "text/plain",
          storageKey: `${ownerId}/${name}-${Date.now()}`,
          driver: "local",
          status: "READY",
          ...extra,
        },
      });
    const folder = await db.folder.create({ data: { ownerId: bob.id, name: "bob" } });
    const trashedFolder = await db.folder.create({ data: { ownerId: bob.id, name: "old", deletedAt: new Date() } });
    await db.folder.update({ where: { id: trashedFolder.id }, data: { trashGroup: trashedFolder.id } });
    const file = await seed(bob.id, "b.txt", { folderId: folder.id });
    const trashedFile = await seed(bob.id, "t.txt", { deletedAt: new Date() });
    const ownFile = await seed(alice.id, "mine.txt");
    const ownFolder = await db.folder.create({ data: { ownerId: alice.id, name: "mine" } });
    const snapshot = async () =>
      JSON.stringify(
        [await db.file.findMany({ orderBy: { id: "asc" } }), await db.folder.findMany({ orderBy: { id: "asc" } })],
        (_k, v) => (typeof v === "bigint" ? String(v) : v),
      );
    const before = await snapshot();

    const res = await call(handler, {
      token: alice.token,
      ...options({
        file: file.id,
        folder: folder.id,
        trashedFile: trashedFile.id,
        trashedFolder: trashedFolder.id,
        ownFile: ownFile.id,
        ownFolder: ownFolder.id,
      }),
    });
    expect(res.status, res.text).toBe(404);
    expect(res.json.error.code).toBe("not_found");
    expect(await snapshot()).toBe(before);
  });
});
