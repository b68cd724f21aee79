// Sharing with people against a real store, run by lib/grants/grants.local.test.ts and
// grants.s3.test.ts: a folder shared with a group (Editor) and a user (Viewer) through the API,
// what each may do, where an Editor's upload lands and whose quota it uses, and that removing
// access refuses the very next request.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { usageOf } from "@/lib/quota";
import { dispatch, newUser } from "@/test/api";
import { downloadBytes, uploadFile } from "@/test/files";

type User = Awaited<ReturnType<typeof newUser>>;

const bytesOf = (n: number) => new Uint8Array(crypto.randomBytes(n));

const api = (user: User, method: string, path: string, body?: unknown) =>
  dispatch({ method, path, token: user.token, body });

async function mkdir(user: User, name: string, parentId?: string) {
  const answer = await api(user, "POST", "/api/folders", { name, parentId });
  if (answer.status !== 201) throw new Error(`mkdir ${name}: ${answer.status} ${answer.text}`);
  return answer.json.folder as { id: string };
}

/** An owner with a folder Team/Sub holding a file, shared with a group of two Editors and a Viewer. */
async function sharedTeam() {
  const admin = await newUser({ role: "ADMIN" });
  const [owner, editor, editor2, viewer, stranger] = await Promise.all([1, 2, 3, 4, 5].map(() => newUser()));
  const team = await mkdir(owner!, "Team");
  const sub = await mkdir(owner!, "Sub", team.id);
  const file = await uploadFile(owner!, "plan.txt", bytesOf(100), { folderId: sub.id });
  const group = (await api(admin, "POST", "/api/admin/groups", { name: `editors ${owner!.id}` })).json.group;
  for (const member of [editor!, editor2!])
    expect((await api(admin, "POST", `/api/admin/groups/${group.id}/members`, { userId: member.id })).status).toBe(201);
  const toGroup = await api(owner!, "POST", `/api/folders/${team.id}/grants`, { groupId: group.id, role: "EDITOR" });
  expect(toGroup.status).toBe(201);
  const toViewer = await api(owner!, "POST", `/api/folders/${team.id}/grants`, { userId: viewer!.id, role: "VIEWER" });
  expect(toViewer.status).toBe(201);
  return {
    admin,
    owner: owner!,
    editor: editor!,
    editor2: editor2!,
    viewer: viewer!,
    stranger: stranger!,
    team,
    sub,
    file,
    group,
    groupGrant: toGroup.json.grant.id as string,
    viewerGrant: toViewer.json.grant.id as string,
  };
}

export function grantsContract(driverName: "local" | "s3") {
  describe(`sharing with people on the ${driverName} driver`, () => {
    it("a Viewer browses, downloads, zips and searches, and cannot change anything", async () => {
      const t = await sharedTeam();
      const listing = await api(t.viewer, "GET", `/api/files?folderId=${t.sub.id}`);
      expect(listing.status).toBe(200);
      expect(listing.json).toMatchObject({ access: "VIEWER", items: [expect.objectContaining({ id: t.file.id })] });
      expect((await downloadBytes(t.viewer, t.file.id)).bytes.byteLength).toBe(100);
      expect((await api(t.viewer, "GET", `/api/folders/${t.team.id}/zip`)).status).toBe(200);
      const search = await api(t.viewer, "GET", "/api/files?q=plan");
      expect(search.json.items.map((f: { id: string }) => f.id)).toEqual([t.file.id]);
      // The path of a hit starts at what is shared: nothing above it is shown.
      expect(search.json.items[0].path.map((p: { name: string }) => p.name)).toEqual(["Team", "Sub"]);
      // Not in their own root: shared things are under "Shared with me".
      expect((await api(t.viewer, "GET", "/api/files")).json.folders).toEqual([]);
      const shared = await api(t.viewer, "GET", "/api/shared-with-me");
      expect(shared.json.items).toEqual([
        expect.objectContaining({ id: t.viewerGrant, role: "VIEWER", folder: { id: t.team.id, name: "Team" } }),
      ]);

      const writes = [
        api(t.viewer, "POST", "/api/uploads", { name: "x.txt", size: 1, type: "text/plain", folderId: t.sub.id }),
        api(t.viewer, "POST", "/api/folders", { name: "x", parentId: t.sub.id }),
        api(t.viewer, "PATCH", `/api/files/${t.file.id}`, { name: "mine.txt" }),
        api(t.viewer, "DELETE", `/api/files/${t.file.id}`),
        api(t.viewer, "PATCH", `/api/folders/${t.sub.id}`, { name: "renamed" }),
      ];
      for (const answer of await Promise.all(writes))
        expect([answer.status, answer.json.error.code]).toEqual([403, "forbidden"]);
      // What only an owner does is not there at all for them.
      expect((await api(t.viewer, "DELETE", `/api/files/${t.file.id}?permanent=1`)).status).toBe(404);
      expect((await api(t.viewer, "POST", `/api/files/${t.file.id}/shares`, {})).status).toBe(404);
      expect((await api(t.viewer, "GET", `/api/folders/${t.team.id}/grants`)).status).toBe(404);
      // And a stranger sees nothing.
      expect((await api(t.stranger, "GET", `/api/files/${t.file.id}`)).status).toBe(404);
      expect((await api(t.stranger, "GET", `/api/files?folderId=${t.team.id}`)).status).toBe(404);
      expect((await api(t.stranger, "GET", "/api/files?q=plan")).json.items).toEqual([]);
    });

    it("an Editor's upload lands in the owner's folder and quota, records the uploader, and trashes to the owner", async () => {
      const t = await sharedTeam();
      const before = await usageOf(t.owner.id);
      const added = await uploadFile(t.editor, "notes.txt", bytesOf(250), { folderId: t.team.id });
      const row = await db.file.findUniqueOrThrow({ where: { id: added.id } });
      expect(row).toMatchObject({ ownerId: t.owner.id, uploaderId: t.editor.id, driver: driverName });
      expect((await usageOf(t.owner.id)).usedBytes).toBe(before.usedBytes + 250);
      expect(await usageOf(t.editor.id)).toMatchObject({ usedBytes: 0, fileCount: 0 });
      // The owner sees it in their folder; the Viewer does too.
      expect((await downloadBytes(t.owner, added.id)).bytes.byteLength).toBe(250);
      expect((await api(t.viewer, "GET", `/api/files/${added.id}`)).status).toBe(200);

      const folder = await api(t.editor, "POST", "/api/folders", { name: "Drafts", parentId: t.team.id });
      expect(folder.status).toBe(201);
      expect((await db.folder.findUniqueOrThrow({ where: { id: folder.json.folder.id } })).ownerId).toBe(t.owner.id);
      const moved = await api(t.editor, "PATCH", `/api/files/${added.id}`, { name: "n.txt", folderId: t.sub.id });
      expect([moved.status, moved.json.file?.name]).toEqual([200, "n.txt"]);
      // Never out of the share, nor the shared folder itself changed.
      expect((await api(t.editor, "PATCH", `/api/files/${added.id}`, { folderId: null })).status).toBe(403);
      expect((await api(t.editor, "PATCH", `/api/folders/${t.team.id}`, { name: "Mine" })).status).toBe(403);
      expect((await api(t.editor, "DELETE", `/api/folders/${t.team.id}`)).status).toBe(403);
      // Trash: to the owner's trash; the Editor can neither restore nor purge it.
      expect((await api(t.editor, "DELETE", `/api/files/${added.id}`)).status).toBe(204);
      expect((await api(t.editor, "GET", "/api/trash")).json.items).toEqual([]);
      expect((await api(t.owner, "GET", "/api/trash")).json.items.map((f: { id: string }) => f.id)).toEqual([added.id]);
      expect((await api(t.editor, "POST", `/api/files/${added.id}/restore`)).status).toBe(404);
      expect((await api(t.owner, "POST", `/api/files/${added.id}/restore`)).status).toBe(200);
    });

    it("removing access refuses the next request: the grant, the group membership, the role", async () => {
      const t = await sharedTeam();
      expect((await api(t.viewer, "GET", `/api/files/${t.file.id}`)).status).toBe(200);
      expect((await api(t.owner, "DELETE", `/api/grants/${t.viewerGrant}`)).status).toBe(204);
      expect((await api(t.viewer, "GET", `/api/files/${t.file.id}`)).status).toBe(404);
      expect((await api(t.viewer, "GET", "/api/shared-with-me")).json.items).toEqual([]);

      expect((await api(t.editor, "GET", `/api/files?folderId=${t.team.id}`)).json.access).toBe("EDITOR");
      const demoted = await api(t.owner, "PATCH", `/api/grants/${t.groupGrant}`, { role: "VIEWER" });
      expect(demoted.json.grant.role).toBe("VIEWER");
      expect((await api(t.editor, "POST", "/api/folders", { name: "x", parentId: t.team.id })).status).toBe(403);
      expect((await api(t.admin, "DELETE", `/api/admin/groups/${t.group.id}/members/${t.editor.id}`)).status).toBe(204);
      expect((await api(t.editor, "GET", `/api/files?folderId=${t.team.id}`)).status).toBe(404);
      expect((await api(t.editor2, "GET", `/api/files?folderId=${t.team.id}`)).status).toBe(200);
      // A disabled owner's things are reachable through no door.
      await db.user.update({ where: { id: t.owner.id }, data: { disabledAt: new Date() } });
      expect((await api(t.editor2, "GET", `/api/files?folderId=${t.team.id}`)).status).toBe(404);
    });

    it("two Editors uploading the same name at once both keep their upload", async () => {
      const t = await sharedTeam();
      const [a, b] = await Promise.all([
        uploadFile(t.editor, "same.txt", bytesOf(10), { folderId: t.team.id }),
        uploadFile(t.editor2, "same.txt", bytesOf(20), { folderId: t.team.id }),
      ]);
      expect(new Set([a.name, b.name])).toEqual(new Set(["same.txt", "same (1).txt"]));
      const listing = await api(t.owner, "GET", `/api/files?folderId=${t.team.id}`);
      expect(listing.json.items.map((f: { size: number }) => f.size).sort()).toEqual([10, 20]);
      expect((await usageOf(t.owner.id)).usedBytes).toBe(100 + 30);
    });

    it("a user holding 1,500 folder grants still opens, lists and searches (no query grows with the grants)", async () => {
      const [owner, colleague] = await Promise.all([newUser(), newUser()]);
      const folders = await db.folder.createManyAndReturn({
        data: Array.from({ length: 1500 }, (_, i) => ({ ownerId: owner.id, name: `Shared ${i}` })),
        select: { id: true },
      });
      await db.grant.createMany({
        data: folders.map((f) => ({ ownerId: owner.id, folderId: f.id, userId: colleague.id, role: "VIEWER" })),
      });
      await db.user.update({ where: { id: colleague.id }, data: { mayHoldGrants: true } }); // as createGrant does
      const file = await uploadFile(owner, "needle.txt", bytesOf(5), { folderId: folders[1499]!.id });
      expect((await api(colleague, "GET", `/api/files/${file.id}`)).status).toBe(200);
      expect((await api(colleague, "GET", "/api/files?q=needle")).json.items.map((f: { id: string }) => f.id)).toEqual([
        file.id,
      ]);
      expect((await api(colleague, "GET", `/api/files?folderId=${folders[1499]!.id}`)).json.items).toHaveLength(1);
      expect((await api(colleague, "GET", "/api/shared-with-me")).json.items).toHaveLength(1500);
    });

    it("the owner lists who has access; pins are the recipient's own", async () => {
      const t = await sharedTeam();
      const list = await api(t.owner, "GET", `/api/folders/${t.team.id}/grants`);
      expect(list.json.items).toEqual([
        expect.objectContaining({ id: t.groupGrant, role: "EDITOR", group: { id: t.group.id, name: t.group.name } }),
        expect.objectContaining({
          id: t.viewerGrant,
          role: "VIEWER",
          user: expect.objectContaining({ id: t.viewer.id }),
        }),
      ]);
      const again = await api(t.owner, "POST", `/api/folders/${t.team.id}/grants`, {
        userId: t.viewer.id,
        role: "EDITOR",
      });
      expect(again.status).toBe(409);
      expect(
        (await api(t.owner, "POST", `/api/folders/${t.team.id}/grants`, { userId: t.owner.id, role: "EDITOR" })).status,
      ).toBe(400);
      expect((await api(t.viewer, "PUT", `/api/grants/${t.viewerGrant}/pin`)).status).toBe(204);
      expect((await api(t.viewer, "GET", "/api/shared-with-me")).json.items[0].pinned).toBe(true);
      expect((await api(t.editor, "PUT", `/api/grants/${t.viewerGrant}/pin`)).status).toBe(404);
      expect((await api(t.editor, "GET", "/api/me/groups")).json.items.map((g: { id: string }) => g.id)).toEqual([
        t.group.id,
      ]);
    });
  });
}
