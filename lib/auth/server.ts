// Session helpers for server components (pages and layouts).
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "../db";
import { REQUESTED_PATH_HEADER, signInUrl } from "./callback";
import { authOptions } from "./options";
import type { PublicUser } from "./users";

/** Where a user the two-factor policy holds back sets up their second factor (lib/auth/policy.ts). */
export const ENROLMENT_PAGE = "/two-factor/setup";

export type SessionUser = PublicUser & { enrolmentDue: boolean };

/** The signed-in user (from the database, so disabled users are out), or null. */
export async function sessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as Partial<SessionUser> | undefined;
  if (!user?.id || !user.email || !user.role) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name ?? null,
    role: user.role,
    enrolmentDue: user.enrolmentDue === true,
  };
}

/**
 * The signed-in user; a signed-out visitor goes to sign-in, and comes back to this page after it.
 * One the two-factor policy holds back goes to the enrolment page first.
 */
export async function requireSessionUser(): Promise<PublicUser> {
  const user = await sessionUser();
  if (!user) redirect(signInUrl((await headers()).get(REQUESTED_PATH_HEADER)));
  if (user.enrolmentDue) redirect(ENROLMENT_PAGE);
  return user;
}

/** True before the first account exists: the home page then opens sign-up. */
export async function hasNoUsers(): Promise<boolean> {
  return (await db.user.count()) === 0;
}
