// The wrapper every route handler uses: authenticate, parse with zod, call, respond.
// Any error thrown on the way becomes API.md's error shape (lib/http/respond.ts).
import { z } from "zod";
import { currentCaller, requireAdmin, requireUser, type Caller } from "../auth/session";
import { invalid } from "../errors";
import { toErrorResponse } from "./respond";

type Auth = "none" | "optional" | "user" | "admin";
type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

interface Spec<A extends Auth, Q, B, P> {
  auth: A;
  query?: Q;
  body?: B;
  params?: P;
}

export interface RouteContext<A extends Auth, Q, B, P> {
  request: Request;
  caller: A extends "user" | "admin" ? Caller : Caller | null;
  query: Out<Q>;
  body: Out<B>;
  params: Out<P>;
}

type NextContext = { params: Promise<Record<string, string | string[]>> };

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalid("The request body is not valid JSON.");
  }
}

async function authenticate(auth: Auth, request: Request): Promise<Caller | null> {
  if (auth === "user") return requireUser(request);
  if (auth === "admin") return requireAdmin(request);
  if (auth === "optional") return currentCaller(request);
  return null;
}

export function route<A extends Auth, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined, P extends Schema | undefined = undefined>(
  spec: Spec<A, Q, B, P>,
  handler: (ctx: RouteContext<A, Q, B, P>) => Promise<Response>,
): (request: Request, context: NextContext) => Promise<Response> {
  return async (request, context) => {
    try {
      const caller = await authenticate(spec.auth, request);
      const params = spec.params ? (spec.params as Schema).parse(await context?.params) : undefined;
      const query = spec.query
        ? (spec.query as Schema).parse(Object.fromEntries(new URL(request.url).searchParams))
        : undefined;
      const body = spec.body ? (spec.body as Schema).parse(await readJson(request)) : undefined;
      return await handler({ request, caller, query, body, params } as RouteContext<A, Q, B, P>);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
