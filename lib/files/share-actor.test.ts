// The share-link teammate calls these services with a share actor: they must see the shared
// folder's live subtree and nothing else.
import { describe, expect, it } from "vitest";
import { newUser } from "@/test/api";
import { db } from "@/lib/db";
import type { Actor } from "./access";
import { listFiles, listFilesQuery } from "./list";
import { zipEntries } from "./zip";

const seed = (ownerId: string, name: string, folderId: string | null, extra: object = {}) =>
  db.file.create({
    data: {
      ownerId,
      folderId,
      name,
      size: 4n,
      type: "text/plain",
      storageKey: `${ownerId}/${name}-${Math.random()}`.replace(/\.(?=\d)/, ""),
      driver: "local",
      status: "READY",
      ...extra,
    },
  });

describe("a share actor", () => {
  it("lists and zips the shared folder's live subtree only", async () => {
    const user = await newUser();
    const shared = await db.folder.create({ data: { ownerId: user.id, name: "Shared" } });
    const sub = await db.folder.create({ data: { ownerId: user.id, name: "Sub", parentId: shared.id } });
    const outside = await db.folder.create({ data: { ownerId: user.id, name: "Private" } });
    await seed(user.id, "in.txt", shared.id);
    await seed(user.id, "deep.txt", sub.id);
    await seed(user.id, "trashed.txt", shared.id, { deletedAt: new Date() });
    const secret = await seed(user.id, "secret.txt", outside.id);
    const actor: Actor = {
      kind: "share",
      shareId: "s1",
      ownerId: user.id,
      fileId: null,
      folderIds: [shared.id, sub.id],
    };

    const page = await listFiles(actor, listFilesQuery.parse({ folderId: shared.id }));
    expect(page.items.map((f) => f.name)).toEqual(["in.txt"]);
    expect(page.folders.map((f) => f.name)).toEqual(["Sub"]);
    await expect(listFiles(actor, listFilesQuery.parse({ folderId: outside.id }))).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await listFiles(actor, listFilesQuery.parse({ q: "txt" }))).items.map((f) => f.name).sort()).toEqual([
      "deep.txt",
      "in.txt",
    ]);

    const plan = await zipEntries(actor, { fileIds: [], folderIds: [shared.id] });
    expect(plan.filename).toBe("Shared.zip");
    expect(plan.entries.map((e) => e.name)).toEqual(["Shared/", "Shared/Sub/", "Shared/in.txt", "Shared/Sub/deep.txt"]);
    await expect(zipEntries(actor, { fileIds: [secret.id], folderIds: [] })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
