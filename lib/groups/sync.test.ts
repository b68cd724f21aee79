import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newUser } from "@/test/api";
import { syncProviderGroups } from "./sync";

const groupsOf = async (userId: string) =>
  (await db.group.findMany({ where: { members: { some: { userId } } }, orderBy: { name: "asc" } })).map((g) => [
    g.name,
    g.provider,
  ]);

describe("provider-managed groups", () => {
  it("follow the claim at each sign-in and leave local groups alone", async () => {
    const [user, other] = await Promise.all([newUser(), newUser()]);
    const local = await db.group.create({ data: { name: "sync-local", members: { create: { userId: user.id } } } });
    await syncProviderGroups(user.id, ["sync-design", "sync-ops", "sync-local"]);
    await syncProviderGroups(other.id, ["sync-design"]);
    // A local group of a claimed name stays local: the claim makes nobody a member of it.
    expect(await groupsOf(user.id)).toEqual([
      ["sync-design", "oidc"],
      ["sync-local", null],
      ["sync-ops", "oidc"],
    ]);
    await syncProviderGroups(user.id, ["sync-ops"]);
    expect(await groupsOf(user.id)).toEqual([
      ["sync-local", null],
      ["sync-ops", "oidc"],
    ]);
    expect(await groupsOf(other.id)).toEqual([["sync-design", "oidc"]]);
    expect(await db.groupMember.count({ where: { groupId: local.id } })).toBe(1);
  });
});
