// The wrapper every route handler uses: authenticate, parse with zod, call, respond.
// Any error thrown on the way becomes API.md's error shape (lib/http/respond.ts).
import { z } from "zod";
import { currentCaller, requireAdmin, requireUser, type Caller } from "../auth/session";
import { DomainError, invalid } from "../errors";
import { ENROLMENT_REQUIRED } from "../schemas/accounts";
import type { Actor, ClientInfo } from "../files/access";
import { REQUEST_ID_HEADER, requestClient } from "./host-headers";
import type { Handler } from "./router";
import { readLimitedBody } from "./body";
import { toErrorResponse } from "./respond";
import { runWithRequestId } from "../log";
import { accessOf } from "../grants/resolve";

type Auth = "none" | "optional" | "user" | "admin";
type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

interface Spec<A extends Auth, Q, B, P> {
  auth: A;
  query?: Q;
  body?: B;
  params?: P;
  /**
   * Answers an error instead of the API's error shape (share links send a browser to a page that
   * explains it): gets the path's parameters as they came, before parsing.
   */
  onError?: (error: unknown, request: Request, rawParams: Record<string, unknown>) => Response;
  /**
   * The route stays open to a signed-in user whom the two-factor policy holds back until they
   * enrol (lib/auth/policy.ts): the enrolment's own routes and GET /api/me.
   */
  duringEnrolment?: boolean;
}

export interface RouteContext<A extends Auth, Q, B, P> {
  request: Request;
  caller: A extends "user" | "admin" ? Caller : Caller | null;
  /** The caller as the services name it (an admin route's caller acts as "admin"), with its client. */
  actor: A extends "user" | "admin" ? Actor : Actor | null;
  /** Where the request came from (for the audit log of routes without a caller). */
  client: ClientInfo;
  query: Out<Q>;
  body: Out<B>;
  params: Out<P>;
}

/** The largest JSON body a route reads (uploads' bytes never pass through here). */
export const MAX_JSON_BYTES = 1024 * 1024;

/** A UTF-16 surrogate without its pair: JSON can spell it (\ud800), Unicode text cannot hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** No API body nests this deep; much deeper ones overflow the stack of the parser and the checks below. */
const MAX_JSON_DEPTH = 64;

/** Whether JSON text nests arrays/objects deeper than `max` (brackets inside strings do not count). */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/** The body as text, at most `maxBytes` (413 otherwise). */
export async function readBody(request: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readLimitedBody(request, maxBytes));
}

/**
 * The JSON body ({} when empty), at most MAX_JSON_BYTES (413 otherwise) and valid Unicode. Routes
 * that take JSON or an HTML form (POST /api/zip) call it for the JSON case.
 */
export async function readJson(request: Request): Promise<unknown> {
  const text = await readBody(request, MAX_JSON_BYTES);
  if (!text.trim()) return {};
  if (nestsDeeperThan(text, MAX_JSON_DEPTH))
    throw invalid(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid("The request body is not valid JSON.");
  }
  return validUnicode(parsed);
}

/**
 * `value` when none of its strings (keys included) holds a lone surrogate, else 400: they would
 * reach names, the database and headers (Content-Disposition) and fail there. Next decodes path
 * params without this check, and tests or other callers can pass anything.
 */
function validUnicode<T>(value: T): T {
  // NUL too: PostgreSQL's text columns cannot hold it (SQLite can), so it is refused everywhere alike.
  const unstorable = (text: string) => LONE_SURROGATE.test(text) || text.includes("\u0000");
  JSON.stringify(value, (key, item) => {
    if (unstorable(key) || (typeof item === "string" && unstorable(item))) {
      throw invalid("The request contains text that is not valid Unicode.", key ? { field: key } : undefined);
    }
    return item;
  });
  return value;
}

async function authenticate(auth: Auth, request: Request, duringEnrolment = false): Promise<Caller | null> {
  if (auth === "optional") return currentCaller(request);
  if (auth === "none") return null;
  const caller = await (auth === "admin" ? requireAdmin(request) : requireUser(request));
  if (caller.enrolmentDue && !duringEnrolment) {
    throw new DomainError("forbidden", "Set up two-factor authentication first (Your account asks for it).", {
      reason: ENROLMENT_REQUIRED,
    });
  }
  return caller;
}

/** The response with these headers added (a copy when its headers are immutable, as Response.redirect's are). */
function appendHeaders(response: Response, headers: [string, string][]): Response {
  const add = (target: Response) => headers.forEach(([name, value]) => target.headers.append(name, value));
  try {
    add(response);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    add(copy);
    return copy;
  }
}

export function route<
  A extends Auth,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(spec: Spec<A, Q, B, P>, handler: (ctx: RouteContext<A, Q, B, P>) => Promise<Response>): Handler {
  // Every log line of the request carries its id, answered as X-Request-Id (the server gave it one:
  // server/host.ts); unexpected errors are logged with it, not sent.
  const handle: Handler = (request, context) =>
    runWithRequestId(async (requestId) => {
      const added: [string, string][] = [["x-request-id", requestId]];
      let rawParams: Record<string, unknown> = {};
      try {
        rawParams = (await context?.params) ?? {};
        const caller = await authenticate(spec.auth, request, spec.duringEnrolment);
        const client = requestClient(request.headers);
        // A user's grants (what others shared with them) are read once here: every service then
        // sees them through the access layer (lib/files/access.ts), and a removed grant is gone
        // on the very next request. A user no grant can reach (most) costs no statement.
        const actor: Actor | null =
          caller &&
          (spec.auth === "admin"
            ? { kind: "admin", userId: caller.id, client }
            : {
                kind: "user",
                userId: caller.id,
                client,
                ...(caller.mayHoldGrants === false ? {} : await accessOf(caller.id)),
              });
        const params = spec.params ? (spec.params as Schema).parse(validUnicode(rawParams)) : undefined;
        const query = spec.query
          ? (spec.query as Schema).parse(validUnicode(Object.fromEntries(new URL(request.url).searchParams)))
          : undefined;
        const body = spec.body ? (spec.body as Schema).parse(await readJson(request)) : undefined;
        const response = await handler({ request, caller, actor, client, query, body, params } as RouteContext<
          A,
          Q,
          B,
          P
        >);
        // A handler that sets the session cookie itself (a password change) has the newer one.
        const cookieName = caller?.renewCookie?.split("=", 1)[0];
        if (caller?.renewCookie && !response.headers.getSetCookie().some((c) => c.startsWith(`${cookieName}=`))) {
          added.push(["set-cookie", caller.renewCookie]);
        }
        return appendHeaders(response, added);
      } catch (error) {
        let response: Response;
        try {
          response = spec.onError ? spec.onError(error, request, rawParams) : toErrorResponse(error);
        } catch {
          response = toErrorResponse(error); // e.g. a share page's address cannot hold the token given
        }
        return appendHeaders(response, added.slice(0, 1));
      }
    }, request.headers.get(REQUEST_ID_HEADER));
  handle.access = spec.auth === "user" || spec.auth === "admin" ? spec.auth : "public";
  return handle;
}
