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

type Segment = { literal: string } | { param: string; rest: boolean };

interface CompiledPath {
  path: string;
  segments: Segment[];
  handlers: Map<Method, Handler>;
  nextContext: boolean;
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

function segmentOf(name: string): Segment {
  const m = /^\[(\.\.\.)?(\w+)\]$/.exec(name);
  return m ? { param: m[2]!, rest: Boolean(m[1]) } : { literal: name };
}

/** Sort key: per position, literal (0) before parameter (1) before catch-all (2); longer paths first on ties. */
function rank(path: CompiledPath): string {
  return path.segments.map((s) => ("literal" in s ? "0" : s.rest ? "2" : "1")).join("") + "3";
}

function compile(routes: Route[]): CompiledPath[] {
  const byPath = new Map<string, CompiledPath>();
  for (const route of routes) {
    let compiled = byPath.get(route.path);
    if (!compiled) {
      const segments = route.path.split("/").slice(1).map(segmentOf);
      compiled = { path: route.path, segments, handlers: new Map(), nextContext: false };
      byPath.set(route.path, compiled);
    }
    compiled.nextContext ||= Boolean(route.nextContext);
    if (compiled.handlers.has(route.method)) throw new Error(`Route declared twice: ${route.method} ${route.path}`);
    compiled.handlers.set(route.method, route.handler);
  }
  return [...byPath.values()].sort((a, b) => rank(a).localeCompare(rank(b)));
}

/** The path and its decoded parameters for a URL path, or null. Throws URIError on a malformed escape. */
function find(paths: CompiledPath[], pathname: string): { path: CompiledPath; params: Params } | null {
  const parts = pathname.split("/").slice(1);
  // `//` is never a route. A trailing slash is one only where a catch-all takes it (WebDAV names
  // collections that way: the host passes /dav/ paths on as they are); elsewhere the host has
  // already redirected it away.
  if (parts.slice(0, -1).some((p) => p === "")) return null;
  for (const path of paths) {
    const params: Params = {};
    let i = 0;
    let matched = true;
    for (const segment of path.segments) {
      if (i >= parts.length) matched = false;
      else if (parts[i] === "" && !("rest" in segment && segment.rest)) matched = false;
      else if ("literal" in segment) matched = parts[i++] === segment.literal;
      else if (segment.rest) {
        params[segment.param] = parts.slice(i).map(decodeURIComponent);
        i = parts.length;
      } else params[segment.param] = decodeURIComponent(parts[i++]!);
      if (!matched) break;
    }
    if (matched && i === parts.length) return { path, params };
  }
  return null;
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

async function answer(paths: CompiledPath[], request: Request, pathname: string): Promise<Response> {
  const found = find(paths, pathname);
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
  let paths: Promise<CompiledPath[]> | undefined;
  let loaded: CompiledPath[] | undefined;
  const table = () => {
    paths ??= load()
      .then(compile)
      .then((compiled) => (loaded = compiled))
      .catch((error: unknown) => {
        paths = undefined;
        log.error("the route table could not be loaded", { error: String(error) });
        throw error;
      });
    return paths;
  };
  return {
    /** Answers a request, always with a Response: errors become the API's error shape. */
    dispatch(request: Request): Promise<Response> {
      return runWithRequestId(async (requestId) => {
        const pathname = new URL(request.url).pathname;
        let response: Response;
        try {
          response = await answer(await table(), request, pathname);
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
      return Boolean(found && !found.path.nextContext);
    },
    /** The compiled table, for tests: every declared route. */
    routes: async (): Promise<Route[]> => (await load()).slice(),
  };
}

export type Router = ReturnType<typeof createRouter>;
