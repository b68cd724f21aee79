// Provider-managed groups: at each single sign-on, the groups named in the provider's groups claim
// (OIDC_GROUPS_CLAIM) become groups with provider "oidc" (created when new), and the user's
// memberships among them are made to match the claim exactly, in one transaction. Local groups
// (made in the admin console) are never touched: a local group that already has a claimed name
// stays local, and the claim does not make anyone a member of it.
import { db } from "../db";
import { audit, userActor, type ClientInfo } from "../files/access";
import { lockGroups, markJoiner } from "../grants/holders";

export const PROVIDER = "oidc";
/** A claim listing more groups than this is cut (a misconfigured claim must not create thousands). */
const MAX_CLAIMED_GROUPS = 200;

export async function syncProviderGroups(userId: string, claimed: string[], client?: ClientInfo): Promise<void> {
  const names = [...new Set(claimed.map((n) => n.trim().slice(0, 100)).filter(Boolean))].slice(0, MAX_CLAIMED_GROUPS);
  await db.$transaction(async (tx) => {
    const existing = await tx.group.findMany({
      where: { name: { in: names } },
      select: { id: true, name: true, provider: true },
    });
    const known = new Set(existing.map((g) => g.name));
    const missing = names.filter((n) => !known.has(n));
    if (missing.length) await tx.group.createMany({ data: missing.map((name) => ({ name, provider: PROVIDER })) });
    const wanted = await tx.group.findMany({
      where: { name: { in: names }, provider: PROVIDER },
      select: { id: true },
    });
    const wantedIds = new Set(wanted.map((g) => g.id));
    const current = await tx.groupMember.findMany({
      where: { userId, group: { provider: PROVIDER } },
      select: { groupId: true },
    });
    const currentIds = new Set(current.map((m) => m.groupId));
    const joined = [...wantedIds].filter((id) => !currentIds.has(id));
    const left = [...currentIds].filter((id) => !wantedIds.has(id));
    if (joined.length) {
      await lockGroups(tx, joined); // before the memberships: see lib/grants/holders.ts
      await tx.groupMember.createMany({ data: joined.map((groupId) => ({ groupId, userId })) });
      await markJoiner(tx, userId, joined);
    }
    if (left.length) await tx.groupMember.deleteMany({ where: { userId, groupId: { in: left } } });
    if (joined.length || left.length)
      await audit(tx, userActor(userId, client), "group.sync", userId, { joined: joined.length, left: left.length });
  });
}
