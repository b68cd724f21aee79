// HTTP Basic credentials (WebDAV clients): the account's email with one of its API tokens, or with
// its password. The one place that decides which secrets a Basic client may use — app passwords,
// and refusing the password where a second factor or single sign-on is in force, plug in here.
// Every attempt goes through the sign-in throttle (lib/auth/throttle.ts), per address and account.
import { db } from "../db";
import { rateLimited } from "../errors";
import { audit } from "../files/access";
import { stampedClientAddress } from "../http/host-headers";
import { claimAttempt } from "./throttle";
import { userForToken } from "./tokens";
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

/**
 * The user these Basic credentials name, or null. An API token (`stw_…`) must belong to the
 * account named by the email; anything else is checked as the account's password (through the
 * sign-in path, with its throttle and audit events). 429 when the throttle holds the client back.
 */
export async function userForBasic(request: Request): Promise<PublicUser | null> {
  const credentials = basicCredentials(request.headers.get("authorization"));
  if (!credentials) return null;
  const { email, secret } = credentials;
  const address = stampedClientAddress(Object.fromEntries(request.headers));
  const userAgent = request.headers.get("user-agent");
  if (secret.startsWith("stw_")) {
    const user = await userForToken(secret);
    if (user && user.email.toLowerCase() === email) return user;
    // A wrong token counts as a failed sign-in: tokens cannot be guessed, but names can be probed.
    const wait = await claimAttempt([
      { key: `sign-in:address:${address}`, free: FREE_FAILURES_PER_ADDRESS },
      { key: `sign-in:account:${email}`, free: FREE_FAILURES_PER_ACCOUNT },
    ]);
    await audit(
      db,
      null,
      "auth.sign_in.failed",
      null,
      { email, reason: "wrong_token", method: "basic" },
      {
        ip: address === "unknown" ? null : address,
        userAgent,
      },
    );
    if (wait > 0) throw rateLimited("Too many failed sign-in attempts. Try again later.", wait);
    return null;
  }
  const user = await checkCredentials(email, secret, { address, userAgent });
  return user && { id: user.id, email: user.email, name: user.name, role: user.role };
}
