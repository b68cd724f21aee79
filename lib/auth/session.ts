// Who is calling: an API token (Authorization: Bearer) or the next-auth session cookie.
import { env } from "../env";
import { forbidden, unauthenticated } from "../errors";
import type { PublicUser } from "./users";
import { sessionHolder } from "./sessions";
import { readSessionToken, renewedSessionCookie, serializeCookie } from "./session-cookie";
import { userForToken } from "./tokens";
import { parseCookies } from "../http/cookies";

export interface Caller extends PublicUser {
  via: "cookie" | "token";
  /** The server-side session a cookie caller is signed in with (lib/auth/sessions.ts). */
  sessionId?: string;
  /** The admin's two-factor policy requires a second factor this account has not set up (cookie callers only). */
  enrolmentDue?: boolean;
  /**
   * Whether grants may reach this user (User.mayHoldGrants, read with the user: lib/grants/holders.ts);
   * false lets route() skip resolving them. Absent = unknown (resolved).
   */
  mayHoldGrants?: boolean;
  /** A Set-Cookie value renewing the session cookie, when it is due (the sliding lifetime). */
  renewCookie?: string;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) {
    // Browsers send Origin on every cross-site mutating request; without it, refuse only
    // what the browser itself labels cross-site.
    return request.headers.get("sec-fetch-site") !== "cross-site";
  }
  // Forwarded headers only from a trusted proxy (TRUST_PROXY), as everywhere else: a client could send them.
  const forwarded = (name: string) => (env().TRUST_PROXY === 0 ? null : request.headers.get(name));
  const host = forwarded("x-forwarded-host") ?? request.headers.get("host");
  const proto = forwarded("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
  const allowed = [new URL(env().APP_URL).origin, host ? `${proto}://${host}` : null];
  return allowed.includes(origin);
}

/**
 * The signed-in caller, or null (also for a session of a disabled account, or one ended: signed
 * out, ended from the sessions list, by sign out everywhere, a new password or disabling, or
 * expired). Cookie callers making changes must be same-origin.
 */
export async function currentCaller(request: Request): Promise<Caller | null> {
  const authorization = request.headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    const user = await userForToken(authorization.slice(7).trim());
    if (!user) throw unauthenticated("That API token is not valid.");
    return { ...user, via: "token" };
  }
  const token = await readSessionToken(parseCookies(request.headers.get("cookie")));
  if (!token) return null;
  const user = await sessionHolder(token);
  if (!user) return null;
  if (!SAFE_METHODS.has(request.method) && !sameOrigin(request)) {
    throw forbidden("Cross-site requests are not allowed.");
  }
  const renewal = await renewedSessionCookie(token);
  return { ...user, via: "cookie", ...(renewal ? { renewCookie: serializeCookie(renewal) } : {}) };
}

export async function requireUser(request: Request): Promise<Caller> {
  const caller = await currentCaller(request);
  if (!caller) throw unauthenticated();
  return caller;
}

export async function requireAdmin(request: Request): Promise<Caller> {
  const caller = await requireUser(request);
  if (caller.role !== "ADMIN") throw forbidden("Only administrators can do that.");
  return caller;
}
