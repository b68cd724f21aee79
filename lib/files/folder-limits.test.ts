// Folder paths are bounded when folders are created, renamed or moved (folder-limits.ts): at most
// 64 levels, at most 3,072 bytes of names from the top. Refusals are 400s that change nothing.
import { describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/folders/handlers";
import { PATCH as patchRoute } from "@/app/api/folders/[id]/handlers";
import { POST as ensureRoute } from "@/app/api/folders/ensure/handlers";
import { POST as bulkRoute } from "@/app/api/files/bulk/handlers";
import { db } from "@/lib/db";
import { call, newUser } from "@/test/api";
import { MAX_FOLDER_DEPTH, MAX_FOLDER_PATH_BYTES } from "./folder-limits";

type User = Awaited<ReturnType<typeof newUser>>;

/** A chain of `count` nested folders (written straight to the database: only the API is under test). */
async function chain(user: User, count: number, name = (i: number) => `level${i}`, parentId: string | null = null) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    parentId = (await db.folder.create({ data: { ownerId: user.id, parentId, name: name(i) } })).id;
    ids.push(parentId);
  }
  return ids;
}

const mkdir = (user: User, name: string, parentId?: string) =>
  call(createRoute, { method: "POST", token: user.token, body: { name, parentId } });
const patch = (user: User, id: string, body: object) =>
  call(patchRoute, { method: "PATCH", token: user.token, params: { id }, body });

describe("folder limits", () => {
  it("nests at most 64 levels: creating the 65th answers 400 with the limit", async () => {
    const user = await newUser();
    const ids = await chain(user, MAX_FOLDER_DEPTH - 1);
    expect((await mkdir(user, "sixty-four", ids.at(-1))).status).toBe(201);
    const deepest = (await db.folder.findFirstOrThrow({ where: { name: "sixty-four" } })).id;
    const refused = await mkdir(user, "sixty-five", deepest);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: "invalid_request", field: "parentId", maxDepth: 64 });
    expect(await db.folder.count({ where: { name: "sixty-five" } })).toBe(0);
  });

  it("bounds a path to 3,072 bytes of names, counted in UTF-8", async () => {
    const user = await newUser();
    // 12 levels of 255 characters and 11 slashes: 3,071 bytes.
    const ids = await chain(user, 12, (i) => String(i % 10).repeat(255));
    const refused = await mkdir(user, "x", ids.at(-1));
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ field: "name", maxPathBytes: MAX_FOLDER_PATH_BYTES });
    // Bytes, not characters: 6 levels of 255 "é" are 1,535 characters but 3,065 bytes.
    const accents = await chain(user, 6, () => "\u00e9".repeat(255));
    expect((await mkdir(user, "\u00e9\u00e9\u00e9\u00e9", accents.at(-1))).status).toBe(400);
    expect((await mkdir(user, "ab", accents.at(-1))).status).toBe(201);
  });

  it("checks a drop's whole path before making any of it", async () => {
    const user = await newUser();
    const ids = await chain(user, 10);
    const path = Array.from({ length: 55 }, (_, i) => `dropped${i}`);
    const refused = await call(ensureRoute, {
      method: "POST",
      token: user.token,
      body: { parentId: ids.at(-1), path },
    });
    expect(refused.status).toBe(400);
    expect(await db.folder.count({ where: { name: { startsWith: "dropped" } } })).toBe(0);
    const fits = await call(ensureRoute, {
      method: "POST",
      token: user.token,
      body: { parentId: ids.at(-1), path: path.slice(0, 54) },
    });
    expect(fits.status).toBe(200);
  });

  it("a move or rename that would take a subtree past a limit answers 400 and moves nothing", async () => {
    const user = await newUser();
    const deep = await chain(user, 60, (i) => `deep${i}`);
    const subtree = await chain(user, 5, (i) => `sub${i}`);
    const moved = await patch(user, subtree[0]!, { parentId: deep.at(-1) });
    expect(moved.status).toBe(400);
    const bulk = await call(bulkRoute, {
      method: "POST",
      token: user.token,
      body: { action: "move", fileIds: [], folderIds: [subtree[0]], folderId: deep.at(-1) },
    });
    expect(bulk.status).toBe(400);
    expect((await db.folder.findUniqueOrThrow({ where: { id: subtree[0] } })).parentId).toBeNull();
    expect((await patch(user, subtree[0]!, { parentId: deep[50] })).status).toBe(200);

    // A rename at the top lengthens every path below it, trashed folders' too (they come back in place):
    // "top" and 11 levels of 255 characters make 2,819 bytes; a trashed 13th level of 200, 3,020.
    const long = await chain(user, 12, (i) => (i === 0 ? "top" : String(i % 10).repeat(255)));
    const [trashed] = await chain(user, 1, () => "t".repeat(200), long.at(-1));
    await db.folder.update({ where: { id: trashed }, data: { deletedAt: new Date(), trashGroup: trashed } });
    expect((await patch(user, long[0]!, { name: "p".repeat(60) })).status).toBe(400);
    expect((await patch(user, long[0]!, { name: "p".repeat(50) })).status).toBe(200);
  });

  it("a tree made before the limits can still be shortened", async () => {
    const user = await newUser();
    const ids = await chain(user, MAX_FOLDER_DEPTH + 6);
    expect((await patch(user, ids[1]!, { name: "b" })).status).toBe(200);
    expect((await patch(user, ids[2]!, { name: "longer than it was" })).status).toBe(400);
    expect((await patch(user, ids[40]!, { parentId: null })).status).toBe(200);
    expect((await patch(user, ids[2]!, { name: "longer than it was" })).status).toBe(200);
  });
});
