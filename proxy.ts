// Runs before every page request. Two request headers for the server components, each
// overwriting any value a client sent under the same name:
// - the requested path, so that a signed-out visitor sent to sign-in comes back to it
//   afterwards (lib/auth/server.ts);
// - a fresh nonce (`x-nonce`) with the page's Content-Security-Policy (lib/http/csp.ts): Next
//   reads the policy from the request and puts the nonce on its own scripts. The same policy,
//   and HSTS on an HTTPS site, go on the response.
// It also renews the session cookie while the session is in use (lib/auth/session-cookie.ts).
import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/callback";
import { readSessionToken, renewedSessionCookie } from "@/lib/auth/session-cookie";
import { contentSecurityPolicy, strictTransportSecurity } from "@/lib/http/csp";

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  const hsts = strictTransportSecurity();
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  // The sliding session lifetime: a page view renews a session cookie that is a few minutes old.
  const token = await readSessionToken(request.cookies);
  const renewal = token && (await renewedSessionCookie(token));
  if (renewal) response.cookies.set(renewal.name, renewal.value, renewal.options);
  return response;
}

// Pages only: the API, Next's assets and static files are not HTML.
export const config = { matcher: ["/((?!api/|_next/|favicon\\.svg).*)"] };
