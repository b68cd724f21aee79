// Runs before every page request: tells server components which page was asked for, so that a
// signed-out visitor sent to sign-in comes back to it afterwards (lib/auth/server.ts). Any
// value a client sends in this header itself is overwritten here.
import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/callback";

export function proxy(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

// Pages only: the API, Next's assets and static files need no requested path.
export const config = { matcher: ["/((?!api/|_next/|favicon\\.svg).*)"] };
