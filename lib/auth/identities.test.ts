import { describe, expect, it } from "vitest";
import { db } from "../db";
import { registerUser } from "./users";
import { listIdentities, removeIdentity, userForExternalSignIn, type ExternalProfile } from "./identities";
import { userActor } from "../files/access";

let n = 0;
function person(overrides: Partial<ExternalProfile> = {}): ExternalProfile {
  n += 1;
  return {
    provider: "oidc",
    subject: `sub-${n}`,
    email: `sso-${n}@example.com`,
    emailVerified: true,
    name: `Person ${n}`,
    ...overrides,
  };
}
const open = { autoCreate: true };
const events = (action: string) => db.auditEvent.findMany({ where: { action } });

describe("sign-in through an identity provider", () => {
  it("creates an account on first sign-in, then finds it by subject even when the email changes", async () => {
    const first = person();
    const outcome = await userForExternalSignIn(first, open);
    expect(outcome).toMatchObject({ user: { email: first.email } });
    const userId = "user" in outcome ? outcome.user.id : "";
    const again = await userForExternalSignIn({ ...first, email: "renamed@example.com", emailVerified: false }, open);
    expect(again).toMatchObject({ user: { id: userId } });
    expect(await listIdentities(userId)).toMatchObject([{ provider: "oidc", email: "renamed@example.com" }]);
  });

  it("links an existing account only by a verified email", async () => {
    const existing = await registerUser({ email: "linda@example.com", password: "correct horse", name: undefined });
    const unverified = person({ email: "Linda@Example.com", emailVerified: false });
    expect(await userForExternalSignIn(unverified, open)).toEqual({ refused: "UnverifiedEmail" });
    expect(await listIdentities(existing.id)).toEqual([]);
    const failed = await events("auth.sign_in.failed");
    expect(failed.some((e) => e.target === existing.id && e.details?.includes("UnverifiedEmail"))).toBe(true);
    const verified = person({ email: "linda@example.com" });
    expect(await userForExternalSignIn(verified, open)).toMatchObject({ user: { id: existing.id } });
    expect(await listIdentities(existing.id)).toHaveLength(1);
  });

  it("refuses an unknown person when auto-creation is off, and a disabled account", async () => {
    expect(await userForExternalSignIn(person(), { autoCreate: false })).toEqual({ refused: "NoAccount" });
    const p = person();
    const created = await userForExternalSignIn(p, open);
    const id = "user" in created ? created.user.id : "";
    await db.user.update({ where: { id }, data: { disabledAt: new Date() } });
    expect(await userForExternalSignIn(p, open)).toEqual({ refused: "AccountDisabled" });
    expect(await userForExternalSignIn(person({ email: null }), open)).toEqual({ refused: "NoEmail" });
  });

  it("makes the admin role follow the admin group, never demoting the last admin", async () => {
    await db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "USER" } });
    const policy = { autoCreate: true, adminGroup: "stowage-admins" };
    const alice = person({ groups: ["staff", "stowage-admins"] });
    const bob = person({ groups: ["stowage-admins"] });
    const aliceId = (await userForExternalSignIn(alice, policy)) as { user: { id: string; role: string } };
    expect(aliceId.user.role).toBe("ADMIN");
    const bobIn = (await userForExternalSignIn(bob, policy)) as { user: { id: string; role: string } };
    expect(bobIn.user.role).toBe("ADMIN");
    // Bob leaves the group: demoted at his next sign-in (Alice remains an admin).
    expect(await userForExternalSignIn({ ...bob, groups: ["staff"] }, policy)).toMatchObject({
      user: { role: "USER" },
    });
    // Alice leaves it too, but she is the last admin: kept, and the log says why.
    expect(await userForExternalSignIn({ ...alice, groups: [] }, policy)).toMatchObject({ user: { role: "ADMIN" } });
    expect((await events("auth.sso.role_kept")).map((e) => e.target)).toContain(aliceId.user.id);
    // Without a groups claim the role is left alone.
    expect(await userForExternalSignIn({ ...bob, groups: undefined }, policy)).toMatchObject({
      user: { role: "USER" },
    });
    expect((await events("auth.sso.role")).length).toBeGreaterThanOrEqual(3);
  });

  it("lets an admin unlink an identity (404 for another user's)", async () => {
    const p = person();
    const created = (await userForExternalSignIn(p, open)) as { user: { id: string } };
    const [identity] = await listIdentities(created.user.id);
    const adminRow = await db.user.create({ data: { email: `admin-${n}@example.com`, role: "ADMIN" } });
    const admin = userActor(adminRow.id);
    await expect(removeIdentity(admin, "someone-else", identity!.id)).rejects.toMatchObject({ code: "not_found" });
    await removeIdentity(admin, created.user.id, identity!.id);
    expect(await listIdentities(created.user.id)).toEqual([]);
  });
});
