// Grants cost nothing for a user who holds none (User.mayHoldGrants, lib/grants/holders.ts): no
// statement about grants runs for them, a holder's grants take one statement, and each way a
// user can come to hold a grant sets the flag, so what is shared with them opens on their next
// request; removing access still takes effect on the next request.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, dbKind } from "@/lib/db";
import { syncProviderGroups } from "@/lib/groups/sync";
import { dispatch, newUser } from "@/test/api";

type User = Awaited<ReturnType<typeof newUser>>;

const api = (user: User, method: string, path: string, body?: unknown) =>
  dispatch({ method, path, token: user.token, body });

const flagOf = async (user: User) =>
  (await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { mayHoldGrants: true } })).mayHoldGrants;

let folders = 0;
async function sharedFolder(owner: User) {
  const folder = await api(owner, "POST", "/api/folders", { name: `Shared ${++folders}` });
  expect(folder.status).toBe(201);
  return folder.json.folder.id as string;
}

async function group(admin: User, name: string, members: User[]) {
  const created = await api(admin, "POST", "/api/admin/groups", { name: `${name} ${admin.id}` });
  for (const m of members)
    expect(
      (await api(admin, "POST", `/api/admin/groups/${created.json.group.id}/members`, { userId: m.id })).status,
    ).toBe(201);
  return created.json.group.id as string;
}

const opens = async (user: User, folderId: string) =>
  (await api(user, "GET", `/api/files?folderId=${folderId}`)).status;

// The SQL better-sqlite3 runs (SQLite only: the test counts statements there).
const sources: string[] = [];
const proto = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1")) as Record<string, unknown>;
const originals = new Map<string, unknown>();
beforeAll(() => {
  for (const name of ["run", "all", "get", "iterate"]) {
    const original = proto[name] as (...args: unknown[]) => unknown;
    originals.set(name, original);
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      sources.push(this.source);
      return original.apply(this, args);
    };
  }
});
afterAll(() => {
  for (const [name, original] of originals) proto[name] = original;
});

/** The statements one request runs that read grants or group memberships. */
async function grantStatements(request: () => Promise<unknown>) {
  sources.length = 0;
  await request();
  return sources.filter((sql) => /"Grant"|"GroupMember"/.test(sql)).length;
}

describe("what grants cost per request", () => {
  it.runIf(dbKind() === "sqlite")(
    "none for a user who holds none, one for a holder once (token and cookie)",
    async () => {
      const [owner, user] = await Promise.all([newUser(), newUser()]);
      const me = () => api(user, "GET", "/api/me");
      const meByCookie = () => dispatch({ method: "GET", path: "/api/me", sessionFor: user.id });
      await me();
      expect(await grantStatements(me)).toBe(0);
      expect(await grantStatements(meByCookie)).toBe(0);
      const upload = () => api(user, "POST", "/api/uploads", { name: "a.txt", size: 1, type: "text/plain" });
      expect(await grantStatements(upload)).toBe(0);

      const folderId = await sharedFolder(owner);
      await api(owner, "POST", `/api/folders/${folderId}/grants`, { userId: user.id, role: "VIEWER" });
      expect(await grantStatements(me)).toBe(1);
      // Kept while nothing changes (lib/grants/resolve.ts): none again, by token or cookie.
      expect(await grantStatements(me)).toBe(0);
      expect(await grantStatements(meByCookie)).toBe(0);
    },
  );
});

describe("each way a user comes to hold a grant marks them", () => {
  it("a grant to the user", async () => {
    const [owner, user, other] = await Promise.all([newUser(), newUser(), newUser()]);
    const folderId = await sharedFolder(owner);
    expect(await opens(user, folderId)).toBe(404);
    await api(owner, "POST", `/api/folders/${folderId}/grants`, { userId: user.id, role: "VIEWER" });
    expect([await flagOf(user), await flagOf(other), await flagOf(owner)]).toEqual([true, false, false]);
    expect(await opens(user, folderId)).toBe(200);
  });

  it("a grant to a group the user is in; removal still ends access on the next request", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const [owner, user, outsider] = await Promise.all([newUser(), newUser(), newUser()]);
    const groupId = await group(admin, "team", [user]);
    expect(await flagOf(user)).toBe(false); // a group without grants costs nothing either
    const folderId = await sharedFolder(owner);
    const grant = await api(owner, "POST", `/api/folders/${folderId}/grants`, { groupId, role: "VIEWER" });
    expect([await flagOf(user), await flagOf(outsider)]).toEqual([true, false]);
    expect(await opens(user, folderId)).toBe(200);
    expect((await api(admin, "DELETE", `/api/admin/groups/${groupId}/members/${user.id}`)).status).toBe(204);
    expect(await opens(user, folderId)).toBe(404);
    await api(admin, "POST", `/api/admin/groups/${groupId}/members`, { userId: user.id });
    expect(await opens(user, folderId)).toBe(200);
    expect((await api(owner, "DELETE", `/api/grants/${grant.json.grant.id}`)).status).toBe(204);
    expect(await opens(user, folderId)).toBe(404);
  });

  it("joining a group that holds a grant (admin console)", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const [owner, user] = await Promise.all([newUser(), newUser()]);
    const groupId = await group(admin, "early", []);
    const folderId = await sharedFolder(owner);
    await api(owner, "POST", `/api/folders/${folderId}/grants`, { groupId, role: "EDITOR" });
    expect(await flagOf(user)).toBe(false);
    await api(admin, "POST", `/api/admin/groups/${groupId}/members`, { userId: user.id });
    expect(await flagOf(user)).toBe(true);
    expect(await opens(user, folderId)).toBe(200);
  });

  it("joining a provider group that holds a grant (single sign-on's groups claim)", async () => {
    const [owner, first, user] = await Promise.all([newUser(), newUser(), newUser()]);
    const name = `sso ${owner.id}`;
    await syncProviderGroups(first.id, [name]);
    const groupId = (await db.group.findUniqueOrThrow({ where: { name } })).id;
    const folderId = await sharedFolder(owner);
    await api(owner, "POST", `/api/folders/${folderId}/grants`, { groupId, role: "VIEWER" });
    expect(await flagOf(first)).toBe(true);
    await syncProviderGroups(user.id, [`other ${owner.id}`]);
    expect(await flagOf(user)).toBe(false);
    await syncProviderGroups(user.id, [name]);
    expect(await flagOf(user)).toBe(true);
    expect(await opens(user, folderId)).toBe(200);
  });

  it("a grant to a group and a member joining it at the same moment never miss each other", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const owner = await newUser();
    const rounds = await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        const [user, groupId, folderId] = await Promise.all([
          newUser(),
          group(admin, `race${i}`, []),
          sharedFolder(owner),
        ]);
        return { user, groupId, folderId };
      }),
    );
    await Promise.all(
      rounds.flatMap(({ user, groupId, folderId }) => [
        api(admin, "POST", `/api/admin/groups/${groupId}/members`, { userId: user.id }),
        api(owner, "POST", `/api/folders/${folderId}/grants`, { groupId, role: "VIEWER" }),
      ]),
    );
    for (const { user, folderId } of rounds) {
      expect(await flagOf(user)).toBe(true);
      expect(await opens(user, folderId)).toBe(200);
    }
  });
});
