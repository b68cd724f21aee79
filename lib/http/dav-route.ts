// The wrapper of the /dav/ handlers (WebDAV, RFC 4918): HTTP Basic sign-in (lib/auth/basic.ts),
// the address's names, then the handler; answers carry DAV's headers, and errors become WebDAV
// statuses with a short text (or a DAV:error element naming the failed precondition), not the
// API's JSON shape, which DAV clients do not read.
import { BASIC_REALM, userForBasic } from "../auth/basic";
import { userActor, type Actor } from "../files/access";
import { davStatusOf } from "../dav/status";
import { namesOf } from "../dav/paths";
import { log, runWithRequestId } from "../log";
import { DomainError } from "../errors";
import { REQUEST_ID_HEADER, requestClient } from "./host-headers";
import { withHeaders, type Handler } from "./router";

/** Headers on every /dav/ answer: classes 1 and 2, and what Windows' client looks for. */
export const DAV_HEADERS: [string, string][] = [
  ["DAV", "1, 2"],
  ["MS-Author-Via", "DAV"],
];

export interface DavContext {
  request: Request;
  actor: Actor;
  /** The address's names below /dav/ (decoded, NFC). */
  names: string[];
}

function errorResponse(error: unknown): Response {
  const known = davStatusOf(error);
  if (!known) {
    log.error("webdav: unexpected error", { error: String(error), stack: (error as Error)?.stack });
    return new Response("Internal server error.\n", {
      status: 500,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8" };
  if (error instanceof DomainError && error.code === "rate_limited") {
    headers["retry-after"] = String(error.details?.retryAfterSeconds ?? 1);
  }
  if (known.status === 401) headers["www-authenticate"] = `Basic realm="${BASIC_REALM}", charset="UTF-8"`;
  if (known.condition) {
    headers["content-type"] = "application/xml; charset=utf-8";
    const body = `<?xml version="1.0" encoding="utf-8"?>\n<D:error xmlns:D="DAV:"><D:${known.condition}/></D:error>\n`;
    return new Response(body, { status: known.status, headers });
  }
  return new Response(`${known.message}\n`, { status: known.status, headers });
}

/** What a read-scoped app password may send. */
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PROPFIND"]);

const withDavHeaders = (response: Response): Response => withHeaders(response, DAV_HEADERS);

/** A /dav/ handler: signs the caller in with Basic credentials (401 with the realm otherwise) and runs `handle`. */
export function davRoute(handle: (ctx: DavContext) => Promise<Response>): Handler {
  const handler: Handler = (request) =>
    runWithRequestId(async () => {
      try {
        const caller = await userForBasic(request);
        if (!caller) {
          throw new DomainError(
            "unauthenticated",
            "Sign in with your email and an app password, API token or password.",
          );
        }
        if (caller.readOnly && !READ_METHODS.has(request.method)) {
          throw new DomainError("forbidden", "This app password may only read: make one that may write.");
        }
        const actor = userActor(caller.user.id, requestClient(request.headers));
        const url = new URL(request.url);
        // A fragment never belongs in a request: acting on the address without it could delete the wrong thing.
        if (url.hash) throw new DomainError("invalid_request", "The address must not contain a fragment (#).");
        const names = namesOf(url.pathname);
        return withDavHeaders(await handle({ request, actor, names }));
      } catch (error) {
        return withDavHeaders(errorResponse(error));
      }
    }, request.headers.get(REQUEST_ID_HEADER));
  handler.access = "public"; // it checks its own credential: HTTP Basic, not the session
  return handler;
}

/** OPTIONS needs no sign-in (Windows asks before it sends credentials): what the server speaks. */
export function davOptions(allow: string): Handler {
  const handler: Handler = async () =>
    withDavHeaders(new Response(null, { status: 200, headers: { allow, "content-length": "0" } }));
  handler.access = "public";
  return handler;
}
