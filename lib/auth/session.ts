// Who is calling: an API token (Authorization: Bearer) or the next-auth session cookie.
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { env } from "../env";
import { appSecret } from "../secret";
import { forbidden, unauthenticated } from "../errors";
import { activeUser, type PublicUser } from "./users";
import { userForToken } from "./tokens";
import { authOptions } from "./options";

export interface Caller extends PublicUser {
  via: "cookie" | "token";
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) {
    // Browsers send Origin on every cross-site mutating request; without it, refuse only
    // what the browser itself labels cross-site.
    return request.headers.get("sec-fetch-site") !== "cross-site";
  }
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
  const allowed = [new URL(env().APP_URL).origin, host ? `${proto}://${host}` : null];
  return allowed.includes(origin);
}

function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const raw = part.slice(index + 1).trim();
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // a malformed cookie from some other app on this host: keep it as sent
    }
    cookies.set(part.slice(0, index).trim(), value);
  }
  return cookies;
}

/** The signed-in caller, or null. Cookie callers making changes must be same-origin. */
export async function currentCaller(request: Request): Promise<Caller | null> {
  const authorization = request.headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    const user = await userForToken(authorization.slice(7).trim());
    if (!user) throw unauthenticated("That API token is not valid.");
    return { ...user, via: "token" };
  }
  authOptions(); // sets NEXTAUTH_URL, which decides the cookie name
  // getToken reads cookies from a Map; it gets no headers, so it cannot mistake an
  // Authorization header for a session.
  const req = { cookies: parseCookies(request.headers.get("cookie")), headers: new Headers() };
  const token = await getToken({ req: req as unknown as NextRequest, secret: appSecret() });
  if (!token?.sub) return null;
  const user = await activeUser(token.sub);
  if (!user) return null;
  if (!SAFE_METHODS.has(request.method) && !sameOrigin(request)) {
    throw forbidden("Cross-site requests are not allowed.");
  }
  return { ...user, via: "cookie" };
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
