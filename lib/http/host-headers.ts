// Where a request came from. Route handlers cannot see the socket, so the server in front of the
// app (server/host.ts — the only way requests reach it, under `npm start`, `npm run dev` and the
// test server) works the address out once per request and stamps it into CLIENT_ADDRESS_HEADER,
// replacing whatever a client sent under that name. Proxy headers are believed only as far as
// TRUST_PROXY says: without a proxy in front, any client could claim any address in X-Forwarded-For.
import type { Env } from "../env";
import type { ClientInfo } from "../files/access";

export const CLIENT_ADDRESS_HEADER = "x-stowage-client-address";
/** The id the server gave the request (answered as X-Request-Id); a client's value is replaced too. */
export const REQUEST_ID_HEADER = "x-stowage-request-id";
/**
 * A response's Content-Length, passed on beside it: Next drops Content-Length from route handlers'
 * responses, and the server puts it back from this one (server/host.ts).
 */
export const CONTENT_LENGTH_HEADER = "x-stowage-content-length";
const UNKNOWN = "unknown";

function normalize(address: string): string {
  const trimmed = address.trim().slice(0, 64);
  return trimmed.startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice(7) : trimmed;
}

function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.");
}

/** Picks the client's address from the socket and the X-Forwarded-For chain, believing only trusted hops. */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trust: Env["TRUST_PROXY"],
): string {
  const socket = socketAddress ? normalize(socketAddress) : UNKNOWN;
  if (trust === 0) return socket;
  const forwarded = [forwardedFor ?? []]
    .flat()
    .flatMap((value) => value.split(","))
    .map(normalize)
    .filter(Boolean);
  // Nearest last: each proxy appends the address it was reached from.
  const chain = [...forwarded, socket];
  if (trust === "all") return chain[0]!;
  let index = chain.length - 1;
  if (trust === "loopback") while (index > 0 && isLoopback(chain[index]!)) index--;
  else index = Math.max(0, index - trust);
  return chain[index]!;
}

/** The stamped address from a request's headers, or "unknown" where nothing stamped it (a test calling a handler). */
export function stampedClientAddress(headers: Record<string, unknown> | undefined): string {
  const value = headers?.[CLIENT_ADDRESS_HEADER];
  return typeof value === "string" && value ? value : UNKNOWN;
}

/** Where a request came from, for the audit log: its stamped address (null when unknown) and user agent. */
export function requestClient(headers: Headers): ClientInfo {
  const address = stampedClientAddress(Object.fromEntries(headers));
  return { ip: address === UNKNOWN ? null : address, userAgent: headers.get("user-agent")?.slice(0, 500) ?? null };
}
