// Each process keeps a user's resolved grants while GrantEpoch stays the same (lib/grants/resolve.ts),
// and database triggers change the epoch with every write that may change what a grant reaches. So
// each test warms the colleague's kept resolution with a request, changes one thing, and expects
// the very next request to see it — including a change written by plain SQL, as another instance
// or an operator's script would write it. Runs on SQLite and on PostgreSQL (TEST_DATABASE_URL).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { accessOf } from "@/lib/grants/resolve";
import { dispatch, newUser } from "@/test/api";

type User = Awaited<ReturnType<typeof newUser>>;
const api = (user: User, method: string, path: string, body?: unknown) =>
  dispatch({ method, path, token: user.token, body });
const opens = async (user: User, folderId: string) =>
  (await api(user, "GET", `/api/files?folderId=${folderId}`)).status;
const epoch = async () =>
  String((await db.$queryRaw<{ value: unknown }[]>`SELECT "value" FROM "GrantEpoch" WHERE "id" = 1`)[0]!.value);

async function folder(owner: User, name: string, parentId?: string) {
  const created = await api(owner, "POST", "/api/folders", { name, ...(parentId ? { parentId } : {}) });
  expect(created.status).toBe(201);
  return created.json.folder.id as string;
}

async function sharedWithColleague(role: "VIEWER" | "EDITOR" = "VIEWER") {
  const [owner, colleague] = await Promise.all([newUser(), newUser()]);
  const shared = await folder(owner, "Shared");
  const grant = await api(owner, "POST", `/api/folders/${shared}/grants`, { userId: colleague.id, role });
  expect(grant.status).toBe(201);
  return { owner, colleague, shared, grantId: grant.json.grant.id as string };
}

describe("a kept resolution of grants", () => {
  it("is the same object while nothing changes, and resolved again after any change", async () => {
    const { owner, colleague, shared } = await sharedWithColleague();
    const first = await accessOf(colleague.id);
    expect(await accessOf(colleague.id)).toBe(first);
    expect(Object.isFrozen(first.grants)).toBe(true);
    await folder(owner, "Inside", shared);
    const second = await accessOf(colleague.id);
    expect(second).not.toBe(first);
    expect(second.grants[0]!.folderIds).toHaveLength(2);
  });

  it("follows the owner's shared tree: a new subfolder, a move out, a trash and a restore", async () => {
    const { owner, colleague, shared } = await sharedWithColleague();
    expect(await opens(colleague, shared)).toBe(200);
    const inside = await folder(owner, "Inside", shared);
    expect(await opens(colleague, inside)).toBe(200);
    expect((await api(owner, "PATCH", `/api/folders/${inside}`, { parentId: null })).status).toBe(200);
    expect(await opens(colleague, inside)).toBe(404);
    expect((await api(owner, "PATCH", `/api/folders/${inside}`, { parentId: shared })).status).toBe(200);
    expect(await opens(colleague, inside)).toBe(200);
    expect((await api(owner, "DELETE", `/api/folders/${shared}`)).status).toBe(204);
    expect(await opens(colleague, inside)).toBe(404);
    expect((await api(owner, "POST", `/api/folders/${shared}/restore`)).status).toBe(200);
    expect(await opens(colleague, inside)).toBe(200);
  });

  it("follows the grant's role and the owner's account", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const { owner, colleague, shared, grantId } = await sharedWithColleague("VIEWER");
    const mkdir = () =>
      api(colleague, "POST", "/api/folders", { name: `By colleague ${Math.random()}`, parentId: shared });
    expect((await mkdir()).status).toBe(403);
    expect((await api(owner, "PATCH", `/api/grants/${grantId}`, { role: "EDITOR" })).status).toBe(200);
    expect((await mkdir()).status).toBe(201);
    expect((await api(admin, "PATCH", `/api/admin/users/${owner.id}`, { disabled: true })).status).toBe(200);
    expect(await opens(colleague, shared)).toBe(404);
    expect((await api(admin, "PATCH", `/api/admin/users/${owner.id}`, { disabled: false })).status).toBe(200);
    expect(await opens(colleague, shared)).toBe(200);
  });

  it("follows a grant removed by plain SQL, as another instance or a script would remove it", async () => {
    const { colleague, shared, grantId } = await sharedWithColleague();
    expect(await opens(colleague, shared)).toBe(200);
    await db.$executeRaw`DELETE FROM "Grant" WHERE "id" = ${grantId}`;
    expect(await opens(colleague, shared)).toBe(404);
  });
});

describe("the epoch", () => {
  it("moves for folders only of owners who share folders", async () => {
    const { owner } = await sharedWithColleague();
    const loner = await newUser();
    const before = await epoch();
    const own = await folder(loner, "Mine");
    await api(loner, "PATCH", `/api/folders/${own}`, { name: "Still mine" });
    expect((await api(loner, "DELETE", `/api/folders/${own}`)).status).toBe(204);
    expect(await epoch()).toBe(before);
    await folder(owner, "Anywhere");
    expect(await epoch()).not.toBe(before);
  });

  it("stays for a rename, which changes no reach", async () => {
    const { owner, shared } = await sharedWithColleague();
    const before = await epoch();
    expect((await api(owner, "PATCH", `/api/folders/${shared}`, { name: "Renamed" })).status).toBe(200);
    expect(await epoch()).toBe(before);
  });
});
