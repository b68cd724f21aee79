// GET /api/me says how much of the used space the trash holds: what emptying it would free.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dispatch, newUser } from "@/test/api";

async function readyFile(ownerId: string, name: string, size: number, folderId?: string) {
  return db.file.create({
    data: {
      ownerId,
      folderId,
      name,
      size: BigInt(size),
      thumbnailBytes: 100,
      type: "image/png",
      storageKey: `${ownerId}/${name}-${Math.random()}`,
      driver: "local",
      status: "READY",
    },
  });
}

describe("the trash's share of the usage", () => {
  it("counts trashed files and their renditions, folders' contents too, and only the caller's", async () => {
    const user = await newUser();
    const other = await newUser();
    const trashBytes = async (token: string) =>
      ((await dispatch({ path: "/api/me", token })).json as { usage: { trashBytes: number } }).usage.trashBytes;
    await readyFile(user.id, "kept.png", 5000); // live: not the trash's
    const binned = await readyFile(user.id, "binned.png", 1200);
    const folder = await db.folder.create({ data: { ownerId: user.id, name: "Old" } });
    await readyFile(user.id, "inside.png", 700, folder.id);
    const theirs = await readyFile(other.id, "theirs.png", 9000);
    expect(await trashBytes(user.token)).toBe(0);

    for (const path of [`/api/files/${binned.id}`, `/api/folders/${folder.id}`]) {
      expect((await dispatch({ method: "DELETE", path, token: user.token })).status).toBe(204);
    }
    expect((await dispatch({ method: "DELETE", path: `/api/files/${theirs.id}`, token: other.token })).status).toBe(
      204,
    );
    expect(await trashBytes(user.token)).toBe(1200 + 100 + 700 + 100);
    expect(await trashBytes(other.token)).toBe(9000 + 100);

    await dispatch({ method: "POST", path: `/api/files/${binned.id}/restore`, token: user.token });
    expect(await trashBytes(user.token)).toBe(700 + 100);
    await dispatch({ method: "DELETE", path: "/api/trash", token: user.token });
    expect(await trashBytes(user.token)).toBe(0);
  });
});
