// HTTP details of a file request's visitor routes (/api/r/<token>/...): who the visitor is (the same
// address rule as share links), the unlock cookie a right password leaves (scoped to these routes),
// and the public headers (no caching). The rules live in lib/requests/visit.ts.
import { z } from "zod";
import { env } from "@/lib/env";
import { parseCookies } from "@/lib/http/cookies";
import { json } from "@/lib/http/respond";
import type { RequestVisit } from "@/lib/requests/visit";
import { clientOf, PUBLIC_HEADERS } from "@/app/s/[token]/visitor-http";

export const REQUEST_UNLOCK_COOKIE = "stowage_request_unlock";

export const tokenParams = z.object({ token: z.string().max(200) });
export const uploadParams = tokenParams.extend({ id: z.string().max(100) });

export function requestVisit(request: Request, token: string, password?: string): RequestVisit {
  return {
    token,
    now: new Date(),
    client: clientOf(request.headers),
    unlock: parseCookies(request.headers.get("cookie")).get(REQUEST_UNLOCK_COOKIE),
    password,
  };
}

/** JSON with the public headers, plus the unlock cookie when this call brought a right password. */
export function visitorJson(data: unknown, token: string, unlock?: string, status = 200): Response {
  const headers = new Headers(PUBLIC_HEADERS);
  if (unlock) {
    const secure = new URL(env().APP_URL).protocol === "https:" ? "; Secure" : "";
    const path = `/api/r/${encodeURIComponent(token)}`;
    headers.append(
      "set-cookie",
      `${REQUEST_UNLOCK_COOKIE}=${unlock}; Path=${path}; HttpOnly; SameSite=Strict${secure}`,
    );
  }
  return json(data, { status, headers });
}
