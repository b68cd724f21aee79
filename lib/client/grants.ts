// Typed calls to sharing with people, groups and the people picker (docs/API.md "Sharing with
// people", "Groups") for the browser UI.
import { requestJson, type FetchLike } from "./http";
import type { GrantJson, GrantRoleName, SharedWithMeJson } from "../schemas/grants";
import type { GroupJson, GroupMemberJson, PeopleJson } from "../schemas/groups";

export type { GrantJson, GrantRoleName, SharedWithMeJson, GroupJson, GroupMemberJson, PeopleJson };

const f: FetchLike = (input, init) => globalThis.fetch(input, init);
const enc = encodeURIComponent;

export type GrantTarget = { type: "file" | "folder"; id: string };
const base = (t: GrantTarget) => `/api/${t.type === "file" ? "files" : "folders"}/${enc(t.id)}/grants`;

export const listGrants = async (t: GrantTarget) => (await requestJson<{ items: GrantJson[] }>(f, base(t))).items;

export const addGrant = async (t: GrantTarget, who: { userId: string } | { groupId: string }, role: GrantRoleName) =>
  (await requestJson<{ grant: GrantJson }>(f, base(t), { method: "POST", body: { ...who, role } })).grant;

export const changeGrant = (id: string, role: GrantRoleName) =>
  requestJson<{ grant: GrantJson }>(f, `/api/grants/${enc(id)}`, { method: "PATCH", body: { role } });

export const removeGrant = (id: string) => requestJson<void>(f, `/api/grants/${enc(id)}`, { method: "DELETE" });

export const findPeople = (q: string, signal?: AbortSignal) =>
  requestJson<PeopleJson>(f, `/api/people?q=${enc(q)}`, { signal });

export const sharedWithMe = async () =>
  (await requestJson<{ items: SharedWithMeJson[] }>(f, "/api/shared-with-me")).items;

export const setPinned = (id: string, pinned: boolean) =>
  requestJson<void>(f, `/api/grants/${enc(id)}/pin`, { method: pinned ? "PUT" : "DELETE" });

export const myGroups = async () => (await requestJson<{ items: GroupJson[] }>(f, "/api/me/groups")).items;

// Admin console
export const adminGroups = async () => (await requestJson<{ items: GroupJson[] }>(f, "/api/admin/groups")).items;
export const adminGroup = (id: string) =>
  requestJson<{ group: GroupJson; members: GroupMemberJson[] }>(f, `/api/admin/groups/${enc(id)}`);
export const createGroup = (name: string) =>
  requestJson<{ group: GroupJson }>(f, "/api/admin/groups", { method: "POST", body: { name } });
export const renameGroup = (id: string, name: string) =>
  requestJson<{ group: GroupJson }>(f, `/api/admin/groups/${enc(id)}`, { method: "PATCH", body: { name } });
export const deleteGroup = (id: string) => requestJson<void>(f, `/api/admin/groups/${enc(id)}`, { method: "DELETE" });
export const addMember = (id: string, userId: string) =>
  requestJson<unknown>(f, `/api/admin/groups/${enc(id)}/members`, { method: "POST", body: { userId } });
export const removeMember = (id: string, userId: string) =>
  requestJson<void>(f, `/api/admin/groups/${enc(id)}/members/${enc(userId)}`, { method: "DELETE" });
