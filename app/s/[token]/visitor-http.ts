// HTTP details of the public link routes (/s/<token>/...): who the visitor is, the unlock cookie,
// the headers every public answer carries, and turning errors into answers. The rules live in
// lib/shares/visit.ts.
import { z } from "zod";
import { env } from "@/lib/env";
import { parseCookies } from "@/lib/http/cookies";
import { securityHeaders, SHARE_LINK_PREFIX } from "@/lib/http/security-headers.js";
import { DomainError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http/respond";
import { requestClient } from "@/lib/http/host-headers";
import { readBody, readJson } from "@/lib/http/route";
import { sharePasswordBody } from "@/lib/schemas/shares";
import type { Visit } from "@/lib/shares/visit";

export const UNLOCK_COOKIE = "stowage_share_unlock";

/**
 * What every public answer carries: the share links' security headers (no indexing, no Referer
 * leaking the token: lib/http/security-headers.js, which the router adds too, here also for callers
 * of a handler itself) and no caching.
 */
export const PUBLIC_HEADERS: Record<string, string> = {
  ...Object.fromEntries(securityHeaders(SHARE_LINK_PREFIX)),
  "cache-control": "no-store",
};

export const pagePath = (token: string) => `/s/${encodeURIComponent(token)}`;

/** The link's token in the path: any text (an unknown one is simply not found). */
export const tokenParams = z.object({ token: z.string() });

/**
 * The visitor's address as the production server stamped it from the socket (proxy headers only
 * as far as TRUST_PROXY believes them — the same rule as sign-in throttling, so a guesser cannot
 * dodge the per-client limit with a made-up X-Forwarded-For). Unknown → null: then only the
 * per-link limit applies, and no stranger can lock out every visitor at once.
 */
export const clientOf = (headers: Headers): Visit["client"] => requestClient(headers);

export function visitFrom(request: Request, token: string): Omit<Visit, "purpose"> {
  return {
    token,
    now: new Date(),
    client: clientOf(request.headers),
    unlock: parseCookies(request.headers.get("cookie")).get(UNLOCK_COOKIE),
  };
}

/** A password form is tiny: anything longer than this is not one. */
const MAX_PASSWORD_BODY = 16 * 1024;

/** `{password}` from a JSON body or a plain HTML form (read with a size cap, like every body). */
export async function readPassword(request: Request): Promise<string | undefined> {
  const form = (request.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded");
  const raw = form
    ? Object.fromEntries(new URLSearchParams(await readBody(request, MAX_PASSWORD_BODY)))
    : await readJson(request);
  return sharePasswordBody.parse(raw).password;
}

type Unlock = { token: string; value: string };

/** The public headers, plus the unlock cookie when this visit brought a right password. */
export function publicHeaders(unlock?: Unlock): Headers {
  const headers = new Headers(PUBLIC_HEADERS);
  if (unlock) {
    const secure = new URL(env().APP_URL).protocol === "https:" ? "; Secure" : "";
    headers.append(
      "set-cookie",
      `${UNLOCK_COOKIE}=${unlock.value}; Path=${pagePath(unlock.token)}; HttpOnly; SameSite=Lax${secure}`,
    );
  }
  return headers;
}

export function redirect(location: string, status: 302 | 303, unlock?: Unlock): Response {
  const headers = publicHeaders(unlock);
  headers.set("location", location);
  return new Response(null, { status, headers });
}

/** A browser navigating (a link or a form, not a script) is sent to the friendly page instead. */
export function wantsPage(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  const type = request.headers.get("content-type") ?? "";
  return (accept.includes("text/html") && !accept.includes("application/json")) || type.includes("form");
}

/** The error as API.md's JSON, or, for a browser, a redirect to the page that explains it (route()'s onError). */
export function visitorError(error: unknown, request: Request, rawParams: Record<string, unknown>): Response {
  const token = String(rawParams.token ?? "");
  if (wantsPage(request) && error instanceof DomainError) {
    const retry =
      typeof error.details?.retryAfterSeconds === "number" ? `&retry=${error.details.retryAfterSeconds}` : "";
    return redirect(`${pagePath(token)}?error=${error.code}${retry}`, 303);
  }
  return toErrorResponse(error, PUBLIC_HEADERS);
}

/**
 * HEAD on a door that counts (zip, preview): 405, not derived from GET as Next would, so a link
 * checker's HEAD never uses up a download.
 */
export function headNotAllowed(allow: string): Response {
  return new Response(null, { status: 405, headers: { allow, ...PUBLIC_HEADERS } });
}
