// The sign-in policy an admin sets in the console: whether two-factor authentication is required,
// and of whom. A user the policy covers who has no second factor yet must enrol before using the
// app: pages send them to /two-factor/setup, and the API answers 403 `two_factor_enrolment_required`
// to every route but the enrolment's own (route() specs with `duringEnrolment`).
//
// The policy covers accounts that can sign in with a password. Single sign-on users are left to
// their identity provider, which is where a team enforces its second factor for them (and Stowage
// never asks its own code after an SSO sign-in).
import { db } from "../db";
import { env } from "../env";
import { audit, type Actor } from "../files/access";
import { twoFactorPolicy, type TwoFactorPolicy } from "../schemas/accounts";

const TWO_FACTOR_KEY = "two_factor_required";

/** Who must use a second factor: nobody (the default), admins, or everyone. */
export async function readTwoFactorPolicy(): Promise<TwoFactorPolicy> {
  const row = await db.setting.findUnique({ where: { key: TWO_FACTOR_KEY } });
  if (!row) return "off";
  const parsed = twoFactorPolicy.safeParse(JSON.parse(row.value));
  // A value this version does not know (written by a newer one) errs on the safe side.
  return parsed.success ? parsed.data : "everyone";
}

/** Changes the policy (an admin's action), audited in the same transaction. */
export async function setTwoFactorPolicy(actor: Actor, policy: TwoFactorPolicy): Promise<TwoFactorPolicy> {
  await db.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: TWO_FACTOR_KEY } });
    const value = JSON.stringify(policy);
    await tx.setting.upsert({
      where: { key: TWO_FACTOR_KEY },
      create: { key: TWO_FACTOR_KEY, value },
      update: { value },
    });
    await audit(tx, actor, "admin.policy.two_factor", null, {
      from: before ? JSON.parse(before.value) : "off",
      to: policy,
    });
  });
  return policy;
}

export interface EnrolmentFacts {
  role: "USER" | "ADMIN";
  hasPassword: boolean;
  hasSecondFactor: boolean;
}

/** Whether the policy makes this account enrol before it may use the app. */
export function policyRequiresEnrolment(policy: TwoFactorPolicy, facts: EnrolmentFacts): boolean {
  if (facts.hasSecondFactor || !facts.hasPassword || !env().PASSWORD_SIGN_IN) return false;
  return policy === "everyone" || (policy === "admins" && facts.role === "ADMIN");
}

/**
 * The check for a signed-in request: the policy is read only for an account that could be
 * covered (a password and no second factor), so most requests pay nothing for it.
 */
export async function enrolmentDue(facts: EnrolmentFacts & { userId?: string }): Promise<boolean> {
  if (!policyRequiresEnrolment("everyone", facts)) return false;
  if (!policyRequiresEnrolment(await readTwoFactorPolicy(), facts)) return false;
  // A passkey is a second factor too (asked for after the password, like a TOTP code).
  return !(facts.userId && (await db.passkey.count({ where: { userId: facts.userId } })) > 0);
}

/** The same check from an account id (pages). */
export async function enrolmentDueFor(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, passwordHash: true, totpEnabledAt: true },
  });
  if (!user) return false;
  return enrolmentDue(factsOf(user));
}

/** The facts from a User row's columns. */
export function factsOf(user: {
  id: string;
  role: string;
  passwordHash: string | null;
  totpEnabledAt: Date | null;
}): EnrolmentFacts & { userId: string } {
  return {
    userId: user.id,
    role: user.role === "ADMIN" ? "ADMIN" : "USER",
    hasPassword: user.passwordHash !== null,
    hasSecondFactor: user.totpEnabledAt !== null,
  };
}
