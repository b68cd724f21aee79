import { describe, expect, it } from "vitest";
import { POST as bulkRoute } from "@/app/api/files/bulk/handlers";
import { GET as trashRoute } from "@/app/api/trash/handlers";
import { call, newUser } from "@/test/api";
import type { TrashList } from "@/lib/schemas/files";
import { db } from "@/lib/db";

type User = Awaited<ReturnType<typeof newUser>>;

const seed = (ownerId: string, name: string, folderId: string | null = null) =>
  db.file.create({
    data: {
      ownerId,
      folderId,
      name,
      size: 10n,
      type: "text/plain",
      storageKey: `${ownerId}/${name}-${Math.random()}`.replace(".", ""),
      driver: "local",
      status: "READY",
    },
  });

async function setup() {
  const user = await newUser();
  await db.user.update({ where: { id: user.id }, data: { usedBytes: 30n, fileCount: 3 } });
  const target = await db.folder.create({ data: { ownerId: user.id, name: "Target" } });
  const dir = await db.folder.create({ data: { ownerId: user.id, name: "Dir" } });
  const files = [await seed(user.id, "a.txt"), await seed(user.id, "b.txt"), await seed(user.id, "c.txt", dir.id)];
  return { user, target, dir, files };
}

const bulk = (user: User, body: object) => call(bulkRoute, { method: "POST", token: user.token, body });

describe("POST /api/files/bulk", () => {
  it("moves, trashes, restores and deletes many files and folders at once", async () => {
    const { user, target, dir, files } = await setup();
    const moved = await bulk(user, {
      action: "move",
      fileIds: [files[0]!.id, files[1]!.id],
      folderIds: [dir.id],
      folderId: target.id,
    });
    expect(moved.json).toEqual({ done: 3 });
    expect((await db.file.findMany({ where: { folderId: target.id } })).map((f) => f.name).sort()).toEqual([
      "a.txt",
      "b.txt",
    ]);
    expect((await db.folder.findUniqueOrThrow({ where: { id: dir.id } })).parentId).toBe(target.id);

    expect((await bulk(user, { action: "trash", fileIds: [files[0]!.id], folderIds: [dir.id] })).json).toEqual({
      done: 2,
    });
    const trash: TrashList = (await call(trashRoute, { token: user.token })).json;
    expect(trash.items.map((f) => f.name)).toEqual(["a.txt"]);
    expect(trash.folders.map((f) => f.name)).toEqual(["Dir"]);

    expect((await bulk(user, { action: "restore", fileIds: [files[0]!.id], folderIds: [dir.id] })).json).toEqual({
      done: 2,
    });
    expect(await db.file.count({ where: { ownerId: user.id, deletedAt: { not: null } } })).toBe(0);

    expect((await bulk(user, { action: "delete", fileIds: [files[0]!.id], folderIds: [dir.id] })).json).toEqual({
      done: 2,
    });
    expect((await db.file.findMany({ where: { ownerId: user.id } })).map((f) => f.name)).toEqual(["b.txt"]);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ usedBytes: 10n, fileCount: 1 });
  });

  it("changes nothing when one item fails (a name clash, a cycle), and refuses a move without a target", async () => {
    const { user, target, files } = await setup();
    await seed(user.id, "b.txt", target.id);
    const clash = await bulk(user, {
      action: "move",
      fileIds: [files[0]!.id, files[1]!.id],
      folderIds: [],
      folderId: target.id,
    });
    expect(clash.status).toBe(409);
    expect(await db.file.count({ where: { folderId: target.id } })).toBe(1);
    const cycle = await bulk(user, {
      action: "move",
      fileIds: [files[0]!.id],
      folderIds: [target.id],
      folderId: target.id,
    });
    expect(cycle.status).toBe(409);
    expect((await db.file.findUniqueOrThrow({ where: { id: files[0]!.id } })).folderId).toBeNull();
    expect((await bulk(user, { action: "move", fileIds: [files[0]!.id], folderIds: [] })).status).toBe(400);
    expect((await bulk(user, { action: "trash", fileIds: [], folderIds: [] })).status).toBe(400);
    expect((await bulk(user, { action: "shred", fileIds: [files[0]!.id] })).status).toBe(400);
  });
});
