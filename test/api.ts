// Calls route handlers the way Next does, with a real database behind them.
import { encode } from "next-auth/jwt";
import { createApiToken } from "@/lib/auth/tokens";
import { startSession } from "@/lib/auth/sessions";
import { router } from "@/app/router";
import { db } from "@/lib/db";

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  path?: string;
  body?: unknown;
  /** An API token for Authorization: Bearer. */
  token?: string;
  /** A user id to send a next-auth session cookie for. */
  sessionFor?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
}

export const ORIGIN = "http://localhost:3000";

/** A signed-in browser's cookie for `userId`: a new server-side session, as sign-in starts one. */
export async function sessionCookie(userId: string): Promise<string> {
  const claims = await startSession(userId);
  const jwt = await encode({ token: { sub: userId, ...claims }, secret: process.env.AUTH_SECRET! });
  return `next-auth.session-token=${jwt}`;
}

/** A route's answer as tests read it. */
export interface Reply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's body: each test asserts the shape it expects
  json: any;
  text: string;
}

/** Reads a response's body once, as text and (when it is JSON) parsed. */
export async function readReply(response: Response): Promise<Reply> {
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

/** The Request a call sends. */
async function requestFor(options: CallOptions): Promise<Request> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.sessionFor) headers.set("cookie", await sessionCookie(options.sessionFor));
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return new Request(`${ORIGIN}${options.path ?? "/"}`, { method: options.method ?? "GET", headers, body });
}

/** Calls one handler directly, with `options.params` as its path's parameters. */
export async function call(handler: Handler, options: CallOptions = {}): Promise<Reply> {
  return readReply(await handler(await requestFor(options), { params: Promise.resolve(options.params ?? {}) }));
}

/** Sends a request to `options.path` through the app's router, as the server does. */
export async function dispatch(options: CallOptions & { path: string }): Promise<Reply> {
  return readReply(await router.dispatch(await requestFor(options)));
}

let counter = 0;

/** A registered user with an API token. */
export async function newUser(overrides: { quotaBytes?: number | null; role?: "USER" | "ADMIN" } = {}) {
  counter += 1;
  const user = await db.user.create({
    data: {
      email: `user${counter}-${Date.now()}@example.com`,
      role: overrides.role ?? "USER",
      quotaBytes:
        overrides.quotaBytes === undefined || overrides.quotaBytes === null ? null : BigInt(overrides.quotaBytes),
    },
    select: { id: true, email: true, name: true, role: true },
  });
  const { token } = await createApiToken(user.id, "test");
  return { ...user, token };
}
