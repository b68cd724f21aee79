// A user who reaches many folders (more than the access layer's MANY_IDS) is searched through the
// stored set of exactly the folders this request resolved (lib/grants/reach.ts): what changes the
// reach — a new subfolder, a removed grant, a trashed folder — shows in the very next search.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { MANY_IDS } from "@/lib/files/access";
import { reachSetOf } from "@/lib/grants/reach";
import { accessOf } from "@/lib/grants/resolve";
import { dispatch, newUser } from "@/test/api";
import { uploadFile } from "@/test/files";

type User = Awaited<ReturnType<typeof newUser>>;
const api = (user: User, method: string, path: string, body?: unknown) =>
  dispatch({ method, path, token: user.token, body });
const hits = async (user: User, q: string) =>
  (await api(user, "GET", `/api/files?q=${q}`)).json.items.map((f: { name: string }) => f.name).sort();

describe("searching through many grants", () => {
  it("follows the reach on the next request, and a set is stored once", async () => {
    const [owner, colleague] = await Promise.all([newUser(), newUser()]);
    const folders = await db.folder.createManyAndReturn({
      data: Array.from({ length: MANY_IDS + 20 }, (_, i) => ({ ownerId: owner.id, name: `Reach ${i}` })),
      select: { id: true },
    });
    const grants = await db.grant.createManyAndReturn({
      data: folders.map((f) => ({ ownerId: owner.id, folderId: f.id, userId: colleague.id, role: "VIEWER" })),
      select: { id: true, folderId: true },
    });
    await db.user.update({ where: { id: colleague.id }, data: { mayHoldGrants: true } }); // as createGrant does
    const bytes = () => new Uint8Array(crypto.randomBytes(3));
    await uploadFile(owner, "needle-a.txt", bytes(), { folderId: folders[0]!.id });
    await uploadFile(owner, "needle-b.txt", bytes(), { folderId: folders[5]!.id });
    await uploadFile(owner, "needle-own.txt", bytes()); // the owner's, in no shared folder
    await uploadFile(colleague, "needle-mine.txt", bytes());

    const first = await accessOf(colleague.id);
    expect(first.reachSetId).toBeTruthy();
    expect(await hits(colleague, "needle")).toEqual(["needle-a.txt", "needle-b.txt", "needle-mine.txt"]);
    // Same reach, same set: nothing written again.
    const rows = await db.grantReach.count();
    expect((await accessOf(colleague.id)).reachSetId).toBe(first.reachSetId);
    expect(await db.grantReach.count()).toBe(rows);

    // A new subfolder of a shared folder is reached at once.
    const sub = await api(owner, "POST", "/api/folders", { name: "Sub", parentId: folders[7]!.id });
    await uploadFile(owner, "needle-c.txt", bytes(), { folderId: sub.json.folder.id });
    expect(await hits(colleague, "needle")).toEqual([
      "needle-a.txt",
      "needle-b.txt",
      "needle-c.txt",
      "needle-mine.txt",
    ]);
    // A removed grant and a trashed folder are gone at once.
    const grantOfB = grants.find((g) => g.folderId === folders[5]!.id)!;
    expect((await api(owner, "DELETE", `/api/grants/${grantOfB.id}`)).status).toBe(204);
    expect((await api(owner, "DELETE", `/api/folders/${folders[0]!.id}`)).status).toBe(204);
    expect(await hits(colleague, "needle")).toEqual(["needle-c.txt", "needle-mine.txt"]);
    // Sets a day old go when another is written; one still in use is written again when next needed.
    const kept = (await accessOf(colleague.id)).reachSetId!;
    await db.grantReach.updateMany({ data: { createdAt: new Date(Date.now() - 25 * 3600 * 1000) } });
    await api(owner, "POST", "/api/folders", { name: "Sub 2", parentId: folders[8]!.id }); // a new reach: a new set
    const fresh = (await accessOf(colleague.id)).reachSetId!;
    expect(await db.grantReach.count({ where: { setId: kept } })).toBe(0);
    expect(await db.grantReach.count({ where: { createdAt: { lt: new Date(Date.now() - 3600 * 1000) } } })).toBe(0);
    expect(await db.grantReach.count({ where: { setId: fresh } })).toBeGreaterThan(MANY_IDS);
    expect(await hits(colleague, "needle")).toEqual(["needle-c.txt", "needle-mine.txt"]);
    // And nobody else searches through it.
    const stranger = await newUser();
    expect(await hits(stranger, "needle")).toEqual([]);
  });

  it("keeps a set in use from growing a day old: resolving it restamps it hourly", async () => {
    const owner = await newUser();
    const folders = await db.folder.createManyAndReturn({
      data: Array.from({ length: 3 }, (_, i) => ({ ownerId: owner.id, name: `Kept ${i}` })),
      select: { id: true },
    });
    const ids = folders.map((f) => f.id);
    const setId = await reachSetOf(ids);
    const stamp = async () => (await db.grantReach.findFirstOrThrow({ where: { setId } })).createdAt.getTime();
    const minuteAgo = new Date(Date.now() - 60_000);
    await db.grantReach.updateMany({ where: { setId }, data: { createdAt: minuteAgo } });
    expect(await reachSetOf(ids)).toBe(setId);
    expect(await stamp()).toBe(minuteAgo.getTime()); // recent: no write
    await db.grantReach.updateMany({ where: { setId }, data: { createdAt: new Date(Date.now() - 23 * 3600_000) } });
    expect(await reachSetOf([...ids].reverse())).toBe(setId);
    expect(Date.now() - (await stamp())).toBeLessThan(60_000);
  });
});
