// Signed tokens for app-served storage URLs (`/api/blob/<token>`): the local driver's uploads
// and downloads, and the S3 driver's relay mode. Like Rails Active Storage's Disk service, the
// token binds everything the request may do — driver, operation, key, exact size, type,
// disposition and file name, multipart upload id and part number — and its expiry, with an
// HMAC-SHA256 under a key derived from the app secret for this purpose only.
//
// Format: base64url(JSON payload) "." base64url(HMAC-SHA256(key, first part)).
import crypto from "node:crypto";
import { z } from "zod";
import { derivedKey } from "../secret";
import type { DriverName, SignedRequest } from "./types";

/** At most this many files travel in one group PUT (its token stays a few KiB: it lists every key). */
export const MAX_GROUP_FILES = 64;

const payloadSchema = z.discriminatedUnion("op", [
  z.object({
    v: z.literal(1),
    op: z.literal("put"),
    d: z.enum(["local", "s3"]),
    k: z.string(),
    s: z.number().int().nonnegative(),
    t: z.string(),
    e: z.number().int(),
  }),
  z.object({
    v: z.literal(1),
    op: z.literal("part"),
    d: z.enum(["local", "s3"]),
    k: z.string(),
    s: z.number().int().nonnegative(),
    u: z.string(),
    p: z.number().int().min(1).max(10_000),
    e: z.number().int(),
  }),
  z.object({
    v: z.literal(1),
    op: z.literal("group"),
    d: z.literal("local"),
    // The members' keys share one owner folder: the prefix once, then each key's last segment.
    p: z.string(),
    k: z.array(z.string()).min(1).max(MAX_GROUP_FILES),
    s: z.array(z.number().int().nonnegative()).min(1).max(MAX_GROUP_FILES),
    e: z.number().int(),
  }),
  z.object({
    v: z.literal(1),
    op: z.literal("get"),
    d: z.enum(["local", "s3"]),
    k: z.string(),
    t: z.string(),
    cd: z.enum(["attachment", "inline"]),
    fn: z.string(),
    sc: z.string().max(500).optional(),
    e: z.number().int(),
  }),
]);

type RawPayload = z.infer<typeof payloadSchema>;

/** What an upload of a whole object may do. */
export interface PutGrant {
  op: "put";
  driver: DriverName;
  key: string;
  size: number;
  type: string;
  expiresAt: Date;
}

/** What an upload of one multipart part may do. */
export interface PartGrant {
  op: "part";
  driver: DriverName;
  key: string;
  size: number;
  uploadId: string;
  partNumber: number;
  expiresAt: Date;
}

/**
 * What one PUT carrying several small files may do (the local driver): its body is the members'
 * bytes one after another, exactly `sizes[i]` bytes for `keys[i]`, in this order.
 */
export interface GroupGrant {
  op: "group";
  driver: "local";
  keys: string[];
  sizes: number[];
  expiresAt: Date;
}

/** What a download may do. */
export interface GetGrant {
  op: "get";
  driver: DriverName;
  key: string;
  type: string;
  disposition: "attachment" | "inline";
  filename: string;
  /** Who handed the URL out (a share link): the blob endpoint asks whether that still holds. */
  scope?: string;
  expiresAt: Date;
}

export type UrlGrant = PutGrant | PartGrant | GetGrant | GroupGrant;
export type UrlGrantInput =
  | Omit<PutGrant, "expiresAt">
  | Omit<PartGrant, "expiresAt">
  | Omit<GetGrant, "expiresAt">
  | Omit<GroupGrant, "expiresAt">;

/** The keys' common folder ("owner/") and each key's remainder; throws when they do not share one. */
function splitGroupKeys(keys: string[]): { prefix: string; rest: string[] } {
  const first = keys[0] ?? "";
  const prefix = first.slice(0, first.lastIndexOf("/") + 1);
  if (keys.length === 0 || keys.length > MAX_GROUP_FILES || !keys.every((k) => k.startsWith(prefix)))
    throw new Error(`A group holds 1 to ${MAX_GROUP_FILES} keys of one folder.`);
  return { prefix, rest: keys.map((k) => k.slice(prefix.length)) };
}

export type VerifyResult =
  { ok: true; grant: UrlGrant } | { ok: false; reason: "malformed" | "bad_signature" | "expired"; expiresAt?: Date };

function hmac(data: string): Buffer {
  return crypto.createHmac("sha256", derivedKey("storage-url")).update(data).digest();
}

/** Signs a grant valid for `expiresIn` seconds from `now`. */
export function signUrlToken(
  grant: UrlGrantInput,
  expiresIn: number,
  now: number = Date.now(),
): { token: string; expiresAt: Date } {
  const e = Math.floor(now / 1000) + Math.max(1, Math.floor(expiresIn));
  let raw: RawPayload;
  switch (grant.op) {
    case "put":
      raw = { v: 1, op: "put", d: grant.driver, k: grant.key, s: grant.size, t: grant.type, e };
      break;
    case "part":
      raw = {
        v: 1,
        op: "part",
        d: grant.driver,
        k: grant.key,
        s: grant.size,
        u: grant.uploadId,
        p: grant.partNumber,
        e,
      };
      break;
    case "group": {
      if (grant.sizes.length !== grant.keys.length) throw new Error("A group needs one size per key.");
      const { prefix, rest } = splitGroupKeys(grant.keys);
      raw = { v: 1, op: "group", d: grant.driver, p: prefix, k: rest, s: grant.sizes, e };
      break;
    }
    case "get":
      raw = {
        v: 1,
        op: "get",
        d: grant.driver,
        k: grant.key,
        t: grant.type,
        cd: grant.disposition,
        fn: grant.filename,
        ...(grant.scope !== undefined ? { sc: grant.scope } : {}),
        e,
      };
      break;
  }
  const body = Buffer.from(JSON.stringify(raw), "utf8").toString("base64url");
  return { token: `${body}.${hmac(body).toString("base64url")}`, expiresAt: new Date(e * 1000) };
}

/** Checks the signature (in constant time), then the shape, then the expiry. */
export function verifyUrlToken(token: string, now: number = Date.now()): VerifyResult {
  if (typeof token !== "string" || token.length > 8192) return { ok: false, reason: "malformed" };
  const dot = token.indexOf(".");
  if (dot <= 0 || dot !== token.lastIndexOf(".")) return { ok: false, reason: "malformed" };
  const body = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  if (!/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]{43}$/.test(signature))
    return { ok: false, reason: "malformed" };
  // Compare the canonical encodings, so no second spelling of a signature (base64 padding bits) verifies.
  const given = Buffer.from(signature, "utf8");
  const expected = Buffer.from(hmac(body).toString("base64url"), "utf8");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { ok: false, reason: "bad_signature" };
  }
  let raw: RawPayload;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
    if (!parsed.success) return { ok: false, reason: "malformed" };
    raw = parsed.data;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const expiresAt = new Date(raw.e * 1000);
  if (now >= raw.e * 1000) return { ok: false, reason: "expired", expiresAt };
  switch (raw.op) {
    case "put":
      return { ok: true, grant: { op: "put", driver: raw.d, key: raw.k, size: raw.s, type: raw.t, expiresAt } };
    case "part":
      return {
        ok: true,
        grant: { op: "part", driver: raw.d, key: raw.k, size: raw.s, uploadId: raw.u, partNumber: raw.p, expiresAt },
      };
    case "group":
      if (raw.k.length !== raw.s.length) return { ok: false, reason: "malformed" };
      return {
        ok: true,
        grant: { op: "group", driver: raw.d, keys: raw.k.map((k) => raw.p + k), sizes: raw.s, expiresAt },
      };
    case "get":
      return {
        ok: true,
        grant: {
          op: "get",
          driver: raw.d,
          key: raw.k,
          type: raw.t,
          disposition: raw.cd,
          filename: raw.fn,
          ...(raw.sc !== undefined ? { scope: raw.sc } : {}),
          expiresAt,
        },
      };
  }
}

/** The path every app-served storage URL lives under. */
export const BLOB_PATH = "/api/blob/";

/** `${APP_URL}/api/blob/<token>` */
export function blobUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, "")}${BLOB_PATH}${token}`;
}

/** The token in an app-served storage URL, or null when the URL is not one. */
export function tokenFromBlobUrl(url: string): string | null {
  const { pathname } = new URL(url);
  const at = pathname.indexOf(BLOB_PATH);
  if (at === -1) return null;
  const token = pathname.slice(at + BLOB_PATH.length);
  return token.length > 0 && !token.includes("/") ? decodeURIComponent(token) : null;
}

/**
 * Signs the requests a driver hands out as URLs at the app's own blob route: every URL of the
 * local driver, and the S3 driver's in relay mode. The token binds all the request may do, so the
 * route needs no session (see lib/http/blob-endpoint.ts).
 */
export class AppUrlSigner {
  constructor(
    private readonly appUrl: string,
    private readonly driver: DriverName,
  ) {}

  /** A PUT of exactly `size` bytes of `type`; the client must send that Content-Type. */
  upload(o: { key: string; size: number; type: string }, expiresIn: number): SignedRequest {
    const { token, expiresAt } = signUrlToken(
      { op: "put", driver: this.driver, key: o.key, size: o.size, type: o.type },
      expiresIn,
    );
    return { method: "PUT", url: blobUrl(this.appUrl, token), headers: { "Content-Type": o.type }, expiresAt };
  }

  /** A PUT of exactly `size` bytes as one part of a multipart upload. */
  part(o: { key: string; size: number; uploadId: string; partNumber: number }, expiresIn: number): SignedRequest {
    const { token, expiresAt } = signUrlToken(
      { op: "part", driver: this.driver, key: o.key, size: o.size, uploadId: o.uploadId, partNumber: o.partNumber },
      expiresIn,
    );
    return { method: "PUT", url: blobUrl(this.appUrl, token), headers: {}, expiresAt };
  }

  /** One PUT of the members' bytes concatenated in order, split by the signed sizes (local driver only). */
  group(o: { keys: string[]; sizes: number[] }, expiresIn: number): SignedRequest {
    if (this.driver !== "local") throw new Error("Group uploads are the local driver's.");
    const { token, expiresAt } = signUrlToken({ op: "group", driver: "local", ...o }, expiresIn);
    return {
      method: "PUT",
      url: blobUrl(this.appUrl, token),
      headers: { "Content-Type": "application/octet-stream" },
      expiresAt,
    };
  }

  /** A GET answering with this type, disposition and file name (already made safe by the caller). */
  download(
    o: { key: string; type: string; disposition: "attachment" | "inline"; filename: string; scope?: string },
    expiresIn: number,
  ): SignedRequest {
    const { token, expiresAt } = signUrlToken({ op: "get", driver: this.driver, ...o }, expiresIn);
    return { method: "GET", url: blobUrl(this.appUrl, token), headers: {}, expiresAt };
  }
}
