// The address a request came from, for sign-in throttling. Proxy headers are believed only as
// far as TRUST_PROXY says: without a proxy in front, any client could claim any address in
// X-Forwarded-For. Route handlers cannot see the socket, so the production server
// (scripts/start.ts) stamps the address into CLIENT_ADDRESS_HEADER on every request, replacing
// whatever a client sent under that name, and marks the process as stamping.
import type { IncomingMessage } from "node:http";
import type { Env } from "../env";
import type { ClientInfo } from "../files/access";

export const CLIENT_ADDRESS_HEADER = "x-stowage-client-address";
/** Set by the production server; without it (next dev, tests) the header is never believed. */
const STAMPING_FLAG = "STOWAGE_STAMPS_CLIENT_ADDRESS";
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

/** Replaces any client-sent CLIENT_ADDRESS_HEADER with the address the request really came from. */
export function stampClientAddress(req: IncomingMessage, trust: Env["TRUST_PROXY"]): void {
  process.env[STAMPING_FLAG] = "1";
  const address = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trust);
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  const raw: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() !== CLIENT_ADDRESS_HEADER)
      raw.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw, CLIENT_ADDRESS_HEADER, address);
}

/** The stamped address from a request's headers, or "unknown" where nothing stamps it. */
export function stampedClientAddress(headers: Record<string, unknown> | undefined): string {
  const value = headers?.[CLIENT_ADDRESS_HEADER];
  return process.env[STAMPING_FLAG] === "1" && typeof value === "string" && value ? value : UNKNOWN;
}

/** Where a request came from, for the audit log: its stamped address (null when unknown) and user agent. */
export function requestClient(headers: Headers): ClientInfo {
  const address = stampedClientAddress(Object.fromEntries(headers));
  return { ip: address === UNKNOWN ? null : address, userAgent: headers.get("user-agent")?.slice(0, 500) ?? null };
}
