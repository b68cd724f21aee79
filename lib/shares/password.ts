// A link's password: the check, its rate limits and its audit events.
//
// Every guess takes an attempt from its counters *before* the (deliberately slow) argon2 check,
// as sign-in does (lib/auth/throttle.ts): of N guesses sent at the same moment, at most the limit
// are checked, the rest answer 429 without a check. A right password gives its attempt back.
import type { Share } from "../generated/prisma/client";
import { db } from "../db";
import { DomainError, forbidden, rateLimited } from "../errors";
import { verifyPassword } from "../auth/password";
import { audit, type ClientInfo } from "../files/access";
import { claimAttempt, refundAttempt, type Limit } from "../rate-limit";
import { issueUnlock, unlockValid } from "./unlock";

export const PASSWORD_WINDOW_SECONDS = 15 * 60;
/** Password attempts allowed per window on one link: from one address, and from everywhere together. */
export const PASSWORD_LIMITS = { perLink: 20, perClient: 10 } as const;

/** What the visitor brought: a typed password, or the cookie of an earlier right one. */
export interface PasswordAttempt {
  now: Date;
  client: ClientInfo;
  password?: string;
  unlock?: string;
}

// Both counters belong to one link: wrong guesses on one link never lock its visitor out of another
// (link tokens are unguessable, so a guesser works on one link at a time, which the per-link counter
// bounds). The address's counter is taken first: a client over its own limit is refused before it can
// use up the link's, so one guesser cannot lock everybody else out of the link for the window. With
// no known address every visitor would share one counter: then only the per-link limit applies.
function passwordLimits(
  shareId: string,
  ip: string | null,
  kind: LinkKind,
): { limit: Limit; counter: "client" | "link" }[] {
  const perLink = {
    key: `${kind}-password:link:${shareId}`,
    max: PASSWORD_LIMITS.perLink,
    windowSeconds: PASSWORD_WINDOW_SECONDS,
  };
  const link = { limit: perLink, counter: "link" as const };
  if (!ip) return [link];
  const perClient = {
    key: `${kind}-password:client:${shareId}:${ip}`,
    max: PASSWORD_LIMITS.perClient,
    windowSeconds: PASSWORD_WINDOW_SECONDS,
  };
  return [{ limit: perClient, counter: "client" as const }, link];
}

const minutesText = (seconds: number) => {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
};

/** A share link, or a file request (lib/requests): the same password rules, counters of their own. */
export type LinkKind = "share" | "request";
type Locked = Pick<Share, "id" | "passwordHash" | "expiresAt">;

/** One audit event per refused password (never the password itself). */
function auditFailure(share: Locked, attempt: PasswordAttempt, details: Record<string, unknown>, kind: LinkKind) {
  return audit(
    db,
    null,
    `${kind}.password.failed`,
    share.id,
    { via: `${kind}:${share.id}`, ...details },
    attempt.client,
  );
}

/**
 * Passes when the link has no password, the unlock cookie is valid, or the typed password is
 * right (then answers a fresh unlock value); throws 403 (missing or wrong) or 429 (too many).
 */
export async function checkPassword(
  share: Locked,
  attempt: PasswordAttempt,
  kind: LinkKind = "share",
): Promise<string | undefined> {
  if (!share.passwordHash) return undefined;
  if (attempt.password === undefined && unlockValid(attempt.unlock, share, attempt.now)) return undefined;
  if (attempt.password === undefined) {
    throw new DomainError("forbidden", "This link is protected by a password.", { passwordRequired: true });
  }
  const taken: Limit[] = [];
  for (const { limit, counter } of passwordLimits(share.id, attempt.client.ip, kind)) {
    const wait = await claimAttempt(limit, attempt.now);
    if (wait > 0) {
      // Refused unchecked: what the earlier counter took is given back (nothing was tried).
      for (const earlier of taken) await refundAttempt(earlier, attempt.now);
      await auditFailure(share, attempt, { reason: "throttled", counter }, kind);
      throw rateLimited(`Too many wrong passwords for this link. Try again in ${minutesText(wait)}.`, wait);
    }
    taken.push(limit);
  }
  if (!(await verifyPassword(share.passwordHash, attempt.password))) {
    await auditFailure(share, attempt, { reason: "wrong_password" }, kind);
    throw forbidden("That password is not right.");
  }
  for (const limit of taken) await refundAttempt(limit, attempt.now);
  return issueUnlock(share, attempt.now);
}
