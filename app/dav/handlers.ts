// WebDAV (RFC 4918, classes 1 and 2) at /dav/: the signed-in account's folders and files, served
// by the same router as the API (app/routes.ts) and reaching the same services (lib/dav/, which
// uses lib/files/ and the quota) with the same Actor. Each method: resolve the address, check the
// If header and locks for changes (lib/dav/guard.ts), call one service, answer.
import { readBody } from "@/lib/http/route";
import { davOptions, davRoute, type DavContext } from "@/lib/http/dav-route";
import { parseRange } from "@/lib/http/blob-endpoint";
import { bytesResponse } from "@/lib/http/respond";
import { normalizeContentType } from "@/lib/storage/content";
import { InvalidRangeError } from "@/lib/storage/errors";
import type { ByteSource } from "@/lib/storage/types";
import { invalid } from "@/lib/errors";
import { guard } from "@/lib/dav/guard";
import { lock as takeOrRefresh, releaseLock } from "@/lib/dav/lock";
import { mkcol, remove, transfer } from "@/lib/dav/ops";
import { etagOf, namesOf, pathKey, resolve, type Resource } from "@/lib/dav/paths";
import { propfind, propfindDepth, propRequestOf } from "@/lib/dav/propfind";
import { proppatch } from "@/lib/dav/proppatch";
import { readFile } from "@/lib/dav/read";
import { DavStatus } from "@/lib/dav/status";
import { storeFile } from "@/lib/dav/store";
import { parseXml } from "@/lib/dav/xml";
import { ownerIdOf } from "@/lib/files/access";
import { env } from "@/lib/env";

const MAX_XML_BYTES = 1024 * 1024;
const XML = { "content-type": "application/xml; charset=utf-8" };
const here = ({ actor, names }: DavContext) => resolve(actor, names);
const xmlBody = async (request: Request) => parseXml(await readBody(request, MAX_XML_BYTES));

export const OPTIONS = davOptions(
  "OPTIONS, GET, HEAD, PUT, DELETE, MKCOL, PROPFIND, PROPPATCH, COPY, MOVE, LOCK, UNLOCK",
);

export const PROPFIND = davRoute(async (ctx) => {
  const r = await here(ctx);
  if (r.kind === "missing") throw new DavStatus(404, "Nothing here.");
  const depth = propfindDepth(ctx.request.headers.get("depth"));
  const body = await propfind(ctx.actor, r, depth, propRequestOf(await xmlBody(ctx.request)));
  return new Response(body, { status: 207, headers: XML });
});

function fileHeaders(r: Extract<Resource, { kind: "file" }>): Record<string, string> {
  return {
    "content-type": r.file.type,
    etag: etagOf(r)!,
    "last-modified": r.file.updatedAt.toUTCString(),
    "accept-ranges": "bytes",
    "cache-control": "private, no-cache",
  };
}

export const GET = davRoute(async (ctx) => {
  const r = await here(ctx);
  if (r.kind === "missing") throw new DavStatus(404, "Nothing here.");
  if (r.kind !== "file") {
    return new Response("This is a WebDAV folder: open it with a WebDAV client.\n", {
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const headers = fileHeaders(r);
  const inm = ctx.request.headers.get("if-none-match");
  if (inm && inm.split(",").some((t) => t.trim() === headers.etag || t.trim() === "*")) {
    return new Response(null, { status: 304, headers: { etag: headers.etag! } });
  }
  const size = Number(r.file.size);
  const ifRange = ctx.request.headers.get("if-range");
  const parsed = !ifRange || ifRange === headers.etag ? parseRange(ctx.request.headers.get("range"), size) : null;
  if (parsed === "unsatisfiable") throw new DavStatus(416, new InvalidRangeError(size).message);
  if (ctx.request.method === "HEAD") {
    return new Response(null, { headers: { ...headers, "content-length": String(size) } });
  }
  return bytesResponse(await readFile(r.file, parsed ?? undefined), headers);
});

export const HEAD = GET;

export const PUT = davRoute(async (ctx) => {
  const r = await here(ctx);
  if (r.kind === "root" || r.kind === "folder") throw new DavStatus(405, "A folder cannot be written to.");
  if (r.kind === "missing" && r.parentId === undefined) throw new DavStatus(409, "The parent folder does not exist.");
  const name = r.path.at(-1)!;
  if (env().WEBDAV_MACOS_FILES === "refuse" && (name.startsWith("._") || name === ".DS_Store")) {
    throw new DavStatus(403, "macOS side files (._*, .DS_Store) are not stored here.");
  }
  await guard(ctx.actor, ctx.request, r, [{ path: r.path, member: r.kind === "missing" }]);
  const header = ctx.request.headers.get("content-length");
  if (header !== null && !/^\d+$/.test(header.trim())) throw invalid("Content-Length is not a number.");
  const length = header === null ? null : Number(header);
  const folderId = r.kind === "file" ? r.file.folderId : r.parentId!;
  const type = normalizeContentType(ctx.request.headers.get("content-type"));
  const file = await storeFile(
    ctx.actor,
    { folderId, name, replaces: r.kind === "file" ? r.file : null },
    ctx.request.body as ByteSource | null,
    length,
    type,
  );
  const etag = etagOf({ kind: "file", path: r.path, file })!;
  return new Response(null, { status: r.kind === "file" ? 204 : 201, headers: { etag } });
});

export const DELETE = davRoute(async (ctx) => {
  const r = await here(ctx);
  await guard(ctx.actor, ctx.request, r, [{ path: r.path, below: true, member: true }]);
  await remove(ctx.actor, r);
  return new Response(null, { status: 204 });
});

export const MKCOL = davRoute(async (ctx) => {
  if ((await readBody(ctx.request, MAX_XML_BYTES)).length > 0) throw new DavStatus(415, "MKCOL takes no body.");
  const r = await here(ctx);
  await guard(ctx.actor, ctx.request, r, [{ path: r.path, member: true }]);
  await mkcol(ctx.actor, r);
  return new Response(null, { status: 201 });
});

/** The Destination header's names, or 502 when it points outside this server's /dav/ (RFC 4918 §9.8.5). */
function destinationOf(request: Request): string[] {
  const header = request.headers.get("destination");
  if (!header) throw invalid("A Destination header is required.");
  let url: URL;
  try {
    url = new URL(header, request.url);
  } catch {
    throw invalid("The Destination header is not a URL.");
  }
  const self = new URL(request.url);
  if (url.host !== self.host && url.host !== request.headers.get("host")) {
    throw new DavStatus(502, "The destination is on another server.");
  }
  if (url.pathname !== "/dav" && !url.pathname.startsWith("/dav/"))
    throw new DavStatus(502, "The destination is outside /dav/.");
  return namesOf(url.pathname);
}

function transferHandler(op: "move" | "copy") {
  return davRoute(async (ctx) => {
    const src = await here(ctx);
    const dest = await resolve(ctx.actor, destinationOf(ctx.request));
    const overwrite = (ctx.request.headers.get("overwrite") ?? "T").trim().toUpperCase() !== "F";
    const depth = (ctx.request.headers.get("depth") ?? "infinity").trim().toLowerCase() === "0" ? "0" : "infinity";
    const changes = [{ path: dest.path, below: true, member: true }];
    if (op === "move") changes.push({ path: src.path, below: true, member: true });
    await guard(ctx.actor, ctx.request, src, changes);
    const { existed } = await transfer(ctx.actor, op, src, dest, { overwrite, depth });
    return new Response(null, { status: existed ? 204 : 201 });
  });
}

export const COPY = transferHandler("copy");
export const MOVE = transferHandler("move");

export const PROPPATCH = davRoute(async (ctx) => {
  const r = await here(ctx);
  if (r.kind === "missing") throw new DavStatus(404, "Nothing here.");
  await guard(ctx.actor, ctx.request, r, [{ path: r.path }]);
  return new Response(await proppatch(ctx.actor, r, await xmlBody(ctx.request)), { status: 207, headers: XML });
});

export const LOCK = davRoute(async (ctx) => {
  const r = await here(ctx);
  const body = await xmlBody(ctx.request);
  // A new lock on a locked resource conflicts (423, below); a refresh names its token in If.
  if (body) await guard(ctx.actor, ctx.request, r, []);
  const answer = await takeOrRefresh(ctx.actor, ctx.request, r, body);
  return new Response(answer.xml, {
    status: answer.status,
    headers: { ...XML, "lock-token": `<${answer.lock.token}>` },
  });
});

export const UNLOCK = davRoute(async (ctx) => {
  const r = await here(ctx);
  await releaseLock(ownerIdOf(ctx.actor), pathKey(r.path), ctx.request.headers.get("lock-token"));
  return new Response(null, { status: 204 });
});
