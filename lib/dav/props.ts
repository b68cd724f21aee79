// Properties: the live ones Stowage computes (RFC 4918 §15) and the dead ones clients store with
// PROPPATCH (DavProperty rows: e.g. Windows' Win32 times, Finder's tags).
import { db } from "../db";
import type { DavLock } from "../generated/prisma/client";
import { DAV_NS, emptyElement, escapeXml } from "./xml";
import { etagOf, type Resource } from "./paths";

/** A property name: namespace URI and local name. */
export interface PropName {
  ns: string;
  name: string;
}

const LIVE = [
  "resourcetype",
  "displayname",
  "getcontentlength",
  "getcontenttype",
  "getlastmodified",
  "creationdate",
  "getetag",
  "supportedlock",
  "lockdiscovery",
] as const;

export const isLive = (p: PropName) => p.ns === DAV_NS && (LIVE as readonly string[]).includes(p.name);
export const deadKey = (p: PropName) => `${p.ns}\n${p.name}`;

/** The DavProperty target of a resource ("file:<id>", "folder:<id>", "root:<ownerId>"). */
export function targetOf(r: Resource, ownerId: string): string {
  if (r.kind === "file") return `file:${r.file.id}`;
  if (r.kind === "folder") return `folder:${r.folder.id}`;
  return `root:${ownerId}`;
}

/** The dead properties of these targets, by target, each by deadKey. */
export async function deadProps(targets: string[]): Promise<Map<string, Map<string, string>>> {
  const rows = targets.length
    ? await db.davProperty.findMany({ where: { target: { in: targets } }, orderBy: { id: "asc" } })
    : [];
  const out = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const props = out.get(row.target) ?? new Map<string, string>();
    props.set(deadKey({ ns: row.namespace, name: row.name }), row.value);
    out.set(row.target, props);
  }
  return out;
}

const LOCK_ENTRY = (scope: string) =>
  `<D:lockentry><D:lockscope><D:${scope}/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>`;

/** One <D:activelock> (LOCK's answer and lockdiscovery). */
export function activeLock(lock: DavLock, href: string): string {
  const seconds = Math.max(0, Math.round((lock.expiresAt.getTime() - Date.now()) / 1000));
  return (
    `<D:activelock><D:locktype><D:write/></D:locktype><D:lockscope><D:${lock.scope}/></D:lockscope>` +
    `<D:depth>${lock.depth === "infinity" ? "infinity" : "0"}</D:depth>${lock.owner ? `<D:owner>${lock.owner}</D:owner>` : ""}` +
    `<D:timeout>Second-${seconds}</D:timeout><D:locktoken><D:href>${escapeXml(lock.token)}</D:href></D:locktoken>` +
    `<D:lockroot><D:href>${escapeXml(href)}</D:href></D:lockroot></D:activelock>`
  );
}

/** A live property's XML, or null when this resource has none of that name. */
export function liveValue(name: string, r: Resource, href: string, locks: DavLock[]): string | null {
  const file = r.kind === "file" ? r.file : null;
  const folder = r.kind === "folder" ? r.folder : null;
  const modified = file?.updatedAt ?? folder?.updatedAt ?? null;
  const created = file?.createdAt ?? folder?.createdAt ?? null;
  switch (name) {
    case "resourcetype":
      return file ? "<D:resourcetype/>" : "<D:resourcetype><D:collection/></D:resourcetype>";
    case "displayname": {
      const shown = r.path.at(-1);
      return shown === undefined ? null : `<D:displayname>${escapeXml(shown)}</D:displayname>`;
    }
    case "getcontentlength":
      return file ? `<D:getcontentlength>${file.size}</D:getcontentlength>` : null;
    case "getcontenttype":
      return file ? `<D:getcontenttype>${escapeXml(file.type)}</D:getcontenttype>` : null;
    case "getlastmodified":
      return modified ? `<D:getlastmodified>${modified.toUTCString()}</D:getlastmodified>` : null;
    case "creationdate":
      return created ? `<D:creationdate>${created.toISOString()}</D:creationdate>` : null;
    case "getetag": {
      const etag = etagOf(r);
      return etag ? `<D:getetag>${escapeXml(etag)}</D:getetag>` : null;
    }
    case "supportedlock":
      return `<D:supportedlock>${LOCK_ENTRY("exclusive")}${LOCK_ENTRY("shared")}</D:supportedlock>`;
    case "lockdiscovery":
      return `<D:lockdiscovery>${locks.map((l) => activeLock(l, href)).join("")}</D:lockdiscovery>`;
  }
  return null;
}

/** What a PROPFIND asks for. */
export type PropRequest =
  { kind: "allprop"; include: PropName[] } | { kind: "propname" } | { kind: "prop"; names: PropName[] };

/** One <D:response> for a resource: its found properties under 200, missing ones under 404. */
export function responseXml(
  request: PropRequest,
  r: Resource,
  href: string,
  locks: DavLock[],
  dead: Map<string, string> | undefined,
): string {
  const found: string[] = [];
  const missing: string[] = [];
  if (request.kind === "propname") {
    for (const name of LIVE) if (liveValue(name, r, href, locks) !== null) found.push(`<D:${name}/>`);
    for (const key of dead?.keys() ?? []) {
      const [ns, name] = key.split("\n") as [string, string];
      found.push(emptyElement(ns, name));
    }
  } else {
    const names =
      request.kind === "allprop"
        ? LIVE.map((name) => ({ ns: DAV_NS, name })) // and every dead one, below
        : request.names;
    for (const p of names) {
      const value = isLive(p) ? liveValue(p.name, r, href, locks) : (dead?.get(deadKey(p)) ?? null);
      if (value !== null) found.push(value);
      else if (request.kind === "prop") missing.push(emptyElement(p.ns, p.name));
    }
    if (request.kind === "allprop") for (const value of dead?.values() ?? []) found.push(value);
  }
  const propstat = (props: string[], status: string) =>
    props.length
      ? `<D:propstat><D:prop>${props.join("")}</D:prop><D:status>HTTP/1.1 ${status}</D:status></D:propstat>`
      : "";
  return (
    `<D:response><D:href>${escapeXml(href)}</D:href>` +
    propstat(found, "200 OK") +
    propstat(missing, "404 Not Found") +
    `</D:response>\n`
  );
}
