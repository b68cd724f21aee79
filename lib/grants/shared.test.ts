// "Shared with me" (one raw statement: lib/grants/shared.ts) answers each grant with its owner, the
// group it came through, the item and the pin, newest first, and leaves out what no longer opens:
// a trashed folder, a file in the trash, a disabled owner's things, the caller's own grants.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dispatch, newUser } from "@/test/api";
import { uploadFile } from "@/test/files";

type User = Awaited<ReturnType<typeof newUser>>;
const api = (user: User, method: string, path: string, body?: unknown) =>
  dispatch({ method, path, token: user.token, body });

describe('"Shared with me"', () => {
  it("lists each grant with its owner, group, item and pin, newest first, and only what opens", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const [owner, other, me] = await Promise.all([newUser(), newUser(), newUser()]);
    const group = (await api(admin, "POST", "/api/admin/groups", { name: `shared ${me.id}` })).json.group;
    await api(admin, "POST", `/api/admin/groups/${group.id}/members`, { userId: me.id });
    const folder = (await api(owner, "POST", "/api/folders", { name: "Docs" })).json.folder;
    const gone = (await api(owner, "POST", "/api/folders", { name: "Gone" })).json.folder;
    const file = await uploadFile(owner, "a.pdf", new Uint8Array(crypto.randomBytes(42)), { type: "application/pdf" });
    const binned = await uploadFile(owner, "b.txt", new Uint8Array(3));
    const theirs = (await api(other, "POST", "/api/folders", { name: "Theirs" })).json.folder;
    const grant = async (by: User, path: string, body: object) => {
      const answer = await api(by, "POST", path, body);
      expect(answer.status).toBe(201);
      return answer.json.grant.id as string;
    };
    const toGroup = await grant(owner, `/api/folders/${folder.id}/grants`, { groupId: group.id, role: "EDITOR" });
    const toMe = await grant(owner, `/api/files/${file.id}/grants`, { userId: me.id, role: "VIEWER" });
    await grant(owner, `/api/folders/${gone.id}/grants`, { userId: me.id, role: "VIEWER" });
    await grant(owner, `/api/files/${binned.id}/grants`, { userId: me.id, role: "VIEWER" });
    await grant(other, `/api/folders/${theirs.id}/grants`, { userId: me.id, role: "VIEWER" });
    expect((await api(owner, "DELETE", `/api/folders/${gone.id}`)).status).toBe(204);
    expect((await api(owner, "DELETE", `/api/files/${binned.id}`)).status).toBe(204);
    await db.user.update({ where: { id: other.id }, data: { disabledAt: new Date() } });
    expect((await api(me, "PUT", `/api/grants/${toMe}/pin`)).status).toBe(204);

    const shared = await api(me, "GET", "/api/shared-with-me");
    expect(shared.status).toBe(200);
    const ownerJson = { id: owner.id, email: owner.email, name: null };
    expect(shared.json.items).toEqual([
      {
        id: toMe,
        role: "VIEWER",
        owner: ownerJson,
        via: null,
        file: { id: file.id, name: "a.pdf", size: 42, type: "application/pdf" },
        folder: null,
        pinned: true,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
      {
        id: toGroup,
        role: "EDITOR",
        owner: ownerJson,
        via: { id: group.id, name: group.name },
        file: null,
        folder: { id: folder.id, name: "Docs" },
        pinned: false,
        createdAt: expect.any(String),
      },
    ]);
    expect(Date.parse(shared.json.items[0].createdAt)).toBeGreaterThanOrEqual(
      Date.parse(shared.json.items[1].createdAt),
    );
    expect((await api(owner, "GET", "/api/shared-with-me")).json.items).toEqual([]);
  });
});
