// The one router. Every HTTP route of the app that is not a page (the API, signed blob URLs, next-auth,
// the share links' actions) is declared once in a table (app/routes.ts): method, path, handler, and
// the handler's access level. Next hands those paths to a catch-all route that calls dispatch(), and
// the test server calls the same dispatch(): one way to serve a request in dev, tests and production.
//
// Paths use Next's spelling: `/api/files/[id]` (one segment), `/api/auth/[...nextauth]` (the rest).
// A literal segment wins over a parameter, which wins over a catch-all, as in Next.
import { DomainError } from "../errors";
import { log } from "../log";
import { CONTENT_LENGTH_HEADER, REQUEST_ID_HEADER } from "./host-headers";
import { toErrorResponse } from "./respond";
import { runWithRequestId } from "../log";
import { securityHeaders } from "./security-headers.js";
import { compile, find, type CompiledPath, type Found, type Table } from "./route-match";

/** How many of servesDirectly()'s matches wait for their dispatch() at most. */
const REMEMBERED_PATHS = 64;

/** HTTP's methods, then WebDAV's (RFC 4918), which only the /dav/ routes take. */
export type Method =
  | "GET"
  | "HEAD"
  | "POST"
  | "PUT"
  | "PATCH"
  | "DELETE"
  | "OPTIONS"
  | "PROPFIND"
  | "PROPPATCH"
  | "MKCOL"
  | "COPY"
  | "MOVE"
  | "LOCK"
  | "UNLOCK";
export const METHODS: readonly Method[] = [
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
  "PROPFIND",
  "PROPPATCH",
  "MKCOL",
  "COPY",
  "MOVE",
  "LOCK",
  "UNLOCK",
];

/** Who may call a route: anyone (the route checks its own credential, if any), a signed-in user, an admin. */
export type Access = "public" | "user" | "admin";

export type Params = Record<string, string | string[]>;
export type Handler = ((request: Request, context: { params: Promise<Params> }) => Promise<Response>) & {
  /** Set by lib/http/route.ts's route(): the access level its spec declares. */
  access?: Access;
};

export interface Route {
  method: Method;
  path: string;
  access: Access;
  handler: Handler;
  /** Its handler reads Next's request context (next/headers: next-auth), so only Next may serve it. */
  nextContext?: boolean;
}

/** A handler as route files write it: its params typed as its path names them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler types its own params
type AnyHandler = ((request: Request, context: { params: Promise<any> }) => Response | Promise<Response>) & {
  access?: Access;
};

/** One table entry: the access level is the handler's own (route()'s spec), else public. */
export function routeOf(
  method: Method,
  path: string,
  handler: AnyHandler,
  options: { nextContext?: boolean } = {},
): Route {
  return { method, path, access: handler.access ?? "public", handler: handler as Handler, ...options };
}

/** The response with these headers added where it has none of that name (a copy when its headers are immutable). */
export function withHeaders(response: Response, headers: [string, string][]): Response {
  const missing = headers.filter(([name]) => !response.headers.has(name));
  if (!missing.length) return response;
  try {
    for (const [name, value] of missing) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of missing) copy.headers.set(name, value);
    return copy;
  }
}

function allowed(path: CompiledPath): string {
  const methods = new Set(path.handlers.keys());
  if (methods.has("GET")) methods.add("HEAD");
  methods.add("OPTIONS");
  return METHODS.filter((m) => methods.has(m)).join(", ");
}

async function answer(table: Table, request: Request, pathname: string, known?: Found | null): Promise<Response> {
  const found = known ?? find(table, pathname);
  if (!found)
    return toErrorResponse(
      new DomainError("not_found", pathname.startsWith("/api/") ? "No such API endpoint." : "Not found."),
    );
  const method = request.method.toUpperCase() as Method;
  // HEAD is GET without the body (the server drops it), unless a route answers HEAD itself.
  const handler = found.path.handlers.get(method) ?? (method === "HEAD" ? found.path.handlers.get("GET") : undefined);
  if (!handler) {
    const allow = allowed(found.path);
    if (method === "OPTIONS") return new Response(null, { status: 204, headers: { allow } });
    return toErrorResponse(new DomainError("method_not_allowed", `This endpoint does not take ${method}.`), {
      allow,
    });
  }
  return handler(request, { params: Promise.resolve(found.params) });
}

/**
 * A router over the table `load` gives. It is loaded on first use, and again after a failure: a
 * route module that cannot load answers 500 in the API's error shape instead of hanging.
 */
export function createRouter(load: () => Promise<Route[]>) {
  let tables: Promise<Table> | undefined;
  let loaded: Table | undefined;
  /**
   * What servesDirectly() found for the paths it said yes to, until dispatch() takes it: the host
   * asks one and then the other for the same request, and the path is matched once. Bounded, in
   * case a request never reaches dispatch() (the client went away).
   */
  const foundFor = new Map<string, Found>();
  const table = () => {
    tables ??= load()
      .then(compile)
      .then((compiled) => (loaded = compiled))
      .catch((error: unknown) => {
        tables = undefined;
        log.error("the route table could not be loaded", { error: String(error) });
        throw error;
      });
    return tables;
  };
  const take = (pathname: string): Found | undefined => {
    const found = foundFor.get(pathname);
    if (found) foundFor.delete(pathname);
    return found;
  };
  return {
    /** Answers a request, always with a Response: errors become the API's error shape. */
    dispatch(request: Request): Promise<Response> {
      return runWithRequestId(async (requestId) => {
        const pathname = new URL(request.url).pathname;
        let response: Response;
        try {
          response = await answer(await table(), request, pathname, take(pathname));
        } catch (error) {
          response = toErrorResponse(error);
        }
        const length = response.headers.get("content-length");
        return withHeaders(response, [
          ...securityHeaders(pathname),
          ["x-request-id", requestId],
          ...(length === null ? [] : [[CONTENT_LENGTH_HEADER, length] as [string, string]]),
        ]);
      }, request.headers.get(REQUEST_ID_HEADER));
    },
    /**
     * True when this path is a route of the table that needs nothing of Next's request context: the
     * host may then hand the request straight to dispatch() (server/worker.ts). False until the
     * table has loaded. Throws URIError on a malformed escape (the host refuses those first).
     */
    servesDirectly(pathname: string): boolean {
      const found = loaded && find(loaded, pathname);
      if (!found || found.path.nextContext) return false;
      if (foundFor.size >= REMEMBERED_PATHS) foundFor.delete(foundFor.keys().next().value!);
      foundFor.set(pathname, found);
      return true;
    },
    /** The compiled table, for tests: every declared route. */
    routes: async (): Promise<Route[]> => (await load()).slice(),
  };
}

export type Router = ReturnType<typeof createRouter>;
