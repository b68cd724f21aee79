// Sign-in through an outside identity provider (OIDC single sign-on, GitHub, Google): finds the
// account by the provider's stable subject, links an existing account only by a verified email,
// creates one when allowed, and makes the admin role follow the provider's admin group.
import { db, type Prisma } from "../db";
import { notFound } from "../errors";
import { audit, userActor, type Actor, type ClientInfo } from "../files/access";
import { createAccount, toPublicUser, type PublicUser } from "./users";
import { PROVIDER, syncProviderGroups } from "../groups/sync";

export interface ExternalProfile {
  /** next-auth's provider id ("oidc", "github", "google"). */
  provider: string;
  /** The provider's stable id of the person (OIDC `sub`). */
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** The groups claim, when the provider sent one. */
  groups?: string[];
}

export interface ExternalPolicy {
  /** Unknown people get an account (else they are refused: "ask an administrator"). */
  autoCreate: boolean;
  /** Members of this group are admins and non-members are not (the last admin excepted). */
  adminGroup?: string;
}

/** Why a sign-in was refused; the sign-in page has a message for each (components/auth/sign-in-form.tsx). */
export type ExternalRefusal = "UnverifiedEmail" | "NoAccount" | "AccountDisabled" | "NoEmail";

export type ExternalOutcome = { user: PublicUser } | { refused: ExternalRefusal };

type Tx = Prisma.TransactionClient;

/** The account for this outside sign-in, or why there is none. Every outcome is in the audit log. */
export async function userForExternalSignIn(
  profile: ExternalProfile,
  policy: ExternalPolicy,
  client?: ClientInfo,
): Promise<ExternalOutcome> {
  const email = profile.email?.trim().toLowerCase() || null;
  const method = profile.provider;
  const refuse = async (refused: ExternalRefusal, userId: string | null = null): Promise<ExternalOutcome> => {
    await audit(db, null, "auth.sign_in.failed", userId, { email, method, reason: refused }, client);
    return { refused };
  };
  const linked = await db.identity.findUnique({
    where: { provider_subject: { provider: profile.provider, subject: profile.subject } },
    include: { user: true },
  });
  let userId: string;
  if (linked) {
    if (linked.user.disabledAt) return refuse("AccountDisabled", linked.userId);
    await db.identity.update({ where: { id: linked.id }, data: { lastUsedAt: new Date(), email } });
    userId = linked.userId;
  } else {
    if (!email) return refuse("NoEmail");
    const existing = await db.user.findUnique({ where: { email } });
    if (existing) {
      // Whoever controls an unverified address at the provider could otherwise take the account over.
      if (!profile.emailVerified) return refuse("UnverifiedEmail", existing.id);
      if (existing.disabledAt) return refuse("AccountDisabled", existing.id);
      userId = existing.id;
    } else {
      if (!policy.autoCreate) return refuse("NoAccount");
      userId = (await createAccount({ email, name: profile.name, passwordHash: null })).id;
    }
    await db.$transaction(async (tx) => {
      const identity = await tx.identity.create({
        data: { userId, provider: profile.provider, subject: profile.subject, email, lastUsedAt: new Date() },
      });
      await audit(tx, userActor(userId, client), "auth.identity.linked", identity.id, { method, email });
    });
  }
  if (policy.adminGroup && profile.groups) {
    await followAdminGroup(userId, profile.groups.includes(policy.adminGroup), client);
  }
  // Single sign-on's groups claim keeps the provider-managed groups (sharing targets) in step.
  if (profile.provider === PROVIDER && profile.groups) await syncProviderGroups(userId, profile.groups, client);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  await audit(db, userActor(userId, client), "auth.sign_in.ok", userId, { email, method });
  return { user: toPublicUser(user) };
}

/**
 * Grants or takes away the admin role by group membership, in one transaction that first touches
 * every enabled admin's row (as the admin console does), so two demotions at once cannot leave no admin.
 */
async function followAdminGroup(userId: string, member: boolean, client?: ClientInfo): Promise<void> {
  await db.$transaction(async (tx: Tx) => {
    if (!member)
      await tx.$executeRaw`UPDATE "User" SET "role" = "role" WHERE "role" = 'ADMIN' AND "disabledAt" IS NULL`;
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true } });
    const wanted = member ? "ADMIN" : "USER";
    if (user.role === wanted) return;
    if (!member) {
      const others = await tx.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: userId } } });
      if (others === 0) {
        await audit(tx, userActor(userId, client), "auth.sso.role_kept", userId, {
          role: "ADMIN",
          reason: "last_admin",
        });
        return;
      }
    }
    await tx.user.update({ where: { id: userId }, data: { role: wanted } });
    await audit(tx, userActor(userId, client), "auth.sso.role", userId, { role: wanted, group: member });
  });
}

export interface IdentityView {
  id: string;
  provider: string;
  email: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const identitySelect = { id: true, provider: true, email: true, createdAt: true, lastUsedAt: true } as const;

/** A user's linked sign-in methods (the subject is the provider's business, not shown). */
export function listIdentities(userId: string): Promise<IdentityView[]> {
  return db.identity.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: identitySelect });
}

/** Unlinks one identity of `userId` (an admin's action); the next sign-in with it links by verified email again. */
export async function removeIdentity(actor: Actor, userId: string, identityId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.identity.deleteMany({ where: { id: identityId, userId } });
    if (count === 0) throw notFound("Linked identity");
    await audit(tx, actor, "admin.identity.remove", userId, { identityId });
  });
}
