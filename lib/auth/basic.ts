// HTTP Basic credentials (WebDAV clients): the account's email with one of its app passwords
// (lib/auth/app-passwords.ts, scoped read or write), one of its API tokens, or its password. The one
// place that decides which secrets a Basic client may use: the account password is refused where a
// second factor is on (it alone would get past it) or where PASSWORD_SIGN_IN=false. Every failed
// attempt goes through the sign-in throttle (lib/auth/throttle.ts), per address and account.
import { db } from "../db";
import { env } from "../env";
import { DomainError, rateLimited } from "../errors";
import { audit } from "../files/access";
import { stampedClientAddress } from "../http/host-headers";
import { verifyAppPassword } from "./app-passwords";
import { claimAttempt } from "./throttle";
import { userForToken } from "./tokens";
import { secondFactorRequired } from "./totp";
import { enrolmentDue } from "./policy";
import { checkCredentials, FREE_FAILURES_PER_ACCOUNT, FREE_FAILURES_PER_ADDRESS, type PublicUser } from "./users";

export const BASIC_REALM = "Stowage";

/** Email and secret from an `Authorization: Basic …` header, or null when there is none (or it cannot be read). */
export function basicCredentials(header: string | null): { email: string; secret: string } | null {
  const m = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!m) return null;
  const text = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = text.indexOf(":");
  if (colon < 1) return null;
  return { email: text.slice(0, colon).trim().toLowerCase(), secret: text.slice(colon + 1) };
}

/** Who a Basic client is, and whether its credential only lets it read (a read-scoped app password). */
export interface BasicCaller {
  user: PublicUser;
  readOnly: boolean;
}

/** A wrong app password or token counts as a failed sign-in: secrets cannot be guessed, but names can be probed. */
async function wrongSecret(email: string, address: string, userAgent: string | null, reason: string): Promise<null> {
  const wait = await claimAttempt([
    { key: `sign-in:address:${address}`, free: FREE_FAILURES_PER_ADDRESS },
    { key: `sign-in:account:${email}`, free: FREE_FAILURES_PER_ACCOUNT },
  ]);
  const client = { ip: address === "unknown" ? null : address, userAgent };
  await audit(db, null, "auth.sign_in.failed", null, { email, reason, method: "basic" }, client);
  if (wait > 0) throw rateLimited("Too many failed sign-in attempts. Try again later.", wait);
  return null;
}

/**
 * The caller these Basic credentials name, or null. An app password (`stwp_…`) or an API token
 * (`stw_…`) must belong to the account named by the email; anything else is checked as the
 * account's password (through the sign-in path, with its throttle and audit events). 429 when the
 * throttle holds the client back; 401 with a reason when the password may not be used here.
 */
export async function userForBasic(request: Request): Promise<BasicCaller | null> {
  const credentials = basicCredentials(request.headers.get("authorization"));
  if (!credentials) return null;
  const { email, secret } = credentials;
  const address = stampedClientAddress(Object.fromEntries(request.headers));
  const userAgent = request.headers.get("user-agent");
  if (secret.startsWith("stwp_")) {
    const holder = await verifyAppPassword(email, secret);
    if (holder) return { user: holder.user, readOnly: holder.scope === "read" };
    return wrongSecret(email, address, userAgent, "wrong_app_password");
  }
  if (secret.startsWith("stw_")) {
    const user = await userForToken(secret);
    if (user && user.email.toLowerCase() === email) return { user, readOnly: false };
    return wrongSecret(email, address, userAgent, "wrong_token");
  }
  if (!env().PASSWORD_SIGN_IN) {
    throw new DomainError("unauthenticated", "This server uses single sign-on: sign in with an app password.");
  }
  const user = await checkCredentials(email, secret, { address, userAgent });
  if (!user) return null;
  if (await secondFactorRequired(user.id)) {
    throw new DomainError(
      "unauthenticated",
      "This account uses two-factor authentication: sign in with an app password (Your account → App passwords).",
    );
  }
  // Held back by the admin's two-factor policy until it enrols: the password alone is not enough here either.
  if (await enrolmentDue({ userId: user.id, role: user.role, hasPassword: true, hasSecondFactor: false })) {
    throw new DomainError(
      "unauthenticated",
      "Two-factor authentication is required on this server: set it up in the browser, then use an app password.",
    );
  }
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, readOnly: false };
}
