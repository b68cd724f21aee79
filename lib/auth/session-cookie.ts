// The session cookie: next-auth's encrypted JWT, carrying the user id (`sub`), its server-side
// session (`sid`, lib/auth/sessions.ts) and the account's session version (`sv`, lib/auth/revoke.ts).
// It lives SESSION_MAX_AGE_HOURS after its last
// renewal, and is renewed while in use: the API (lib/http/route.ts) and every page (proxy.ts)
// send a fresh cookie once the one presented is a few minutes old, so an active session never
// ends while an idle or copied-then-abandoned one does.
import { encode, getToken, type JWT } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { env } from "../env";
import { appSecret } from "../secret";

export type SessionToken = JWT & { sid?: string; sv?: number };

export interface SessionCookie {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean; maxAge: number };
}

export function sessionMaxAgeSeconds(): number {
  return env().SESSION_MAX_AGE_HOURS * 3600;
}

/** A cookie is renewed once it is this old: at most one Set-Cookie per few minutes of use. */
function renewAfterSeconds(): number {
  return Math.min(300, sessionMaxAgeSeconds() / 4);
}

/** Secure (`__Secure-` prefixed) cookies on an HTTPS site, as next-auth decides it. */
function secureCookies(): boolean {
  return (process.env.NEXTAUTH_URL ?? env().APP_URL).startsWith("https://");
}

export function sessionCookieName(): string {
  return secureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The session version a token carries (tokens issued before versions existed carry version 0). */
export function tokenSessionVersion(token: SessionToken): number {
  return typeof token.sv === "number" ? token.sv : 0;
}

/** The decoded session token of a request's cookies (a Map of name → value), or null. Expired ones are null. */
export async function readSessionToken(
  cookies: Map<string, string> | NextRequest["cookies"],
): Promise<SessionToken | null> {
  // getToken reads cookies only; it gets no headers, so it cannot take an Authorization header for a session.
  const req = { cookies, headers: new Headers() } as unknown as NextRequest;
  return (await getToken({ req, secret: appSecret(), secureCookie: secureCookies() })) as SessionToken | null;
}

/** A fresh cookie for `token` when it is due for renewal, else null. */
export async function renewedSessionCookie(token: SessionToken, now = Date.now()): Promise<SessionCookie | null> {
  const issuedAt = typeof token.iat === "number" ? token.iat : 0;
  if (now / 1000 - issuedAt < renewAfterSeconds()) return null;
  const maxAge = sessionMaxAgeSeconds();
  return {
    name: sessionCookieName(),
    value: await encode({ token, secret: appSecret(), maxAge }), // stamps iat, exp and jti afresh
    options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies(), maxAge },
  };
}

/** A fresh cookie for `token` carrying session version `sv` (the session kept when a password changes). */
export async function reissuedSessionCookie(token: SessionToken, sv: number): Promise<SessionCookie> {
  const maxAge = sessionMaxAgeSeconds();
  return {
    name: sessionCookieName(),
    value: await encode({ token: { ...token, sv }, secret: appSecret(), maxAge }),
    options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies(), maxAge },
  };
}

/** The cookie as a Set-Cookie header value. */
export function serializeCookie({ name, value, options }: SessionCookie): string {
  const expires = new Date(Date.now() + options.maxAge * 1000).toUTCString();
  const secure = options.secure ? "; Secure" : "";
  return `${name}=${value}; Path=${options.path}; Expires=${expires}; Max-Age=${options.maxAge}; HttpOnly; SameSite=Lax${secure}`;
}
