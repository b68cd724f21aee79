// LOCK and UNLOCK (RFC 4918 §9.10–9.11): a new lock from a DAV:lockinfo body, a refresh (no body,
// the lock's token in the If header), or the lock's removal. LOCK on an unused name creates an
// empty file there (RFC 4918 §7.3: lock-null resources are gone).
import { invalid } from "../errors";
import { ownerIdOf, type Actor } from "../files/access";
import { parseIf, submittedTokens } from "./conditions";
import { refreshLock, releaseLock, takeLock, timeoutOf, type DavLock } from "./locks";
import { hrefOf, isCollection, pathKey, type Resource } from "./paths";
import { activeLock } from "./props";
import { DavStatus } from "./status";
import { storeFile } from "./store";
import { children, DAV_NS, writeElement, type XmlElement } from "./xml";

export interface LockAnswer {
  status: 200 | 201;
  lock: DavLock;
  xml: string;
}

function lockinfo(body: XmlElement) {
  if (body.ns !== DAV_NS || body.name !== "lockinfo") throw invalid("A LOCK body must be a DAV:lockinfo element.");
  const scope = children(children(body, "lockscope")[0] ?? body).find((c) => c.ns === DAV_NS)?.name;
  if (scope !== "exclusive" && scope !== "shared") throw invalid("lockscope must be exclusive or shared.");
  const type = children(children(body, "locktype")[0] ?? body).find((c) => c.ns === DAV_NS)?.name;
  if (type !== "write") throw invalid("Only write locks exist.");
  const owner = children(body, "owner")[0];
  const ownerXml = owner
    ? owner.content
        .map((c) => (typeof c === "string" ? c.replace(/[&<>]/g, (x) => `&#${x.charCodeAt(0)};`) : writeElement(c)))
        .join("")
    : null;
  return { scope, owner: ownerXml } as const;
}

export async function lock(actor: Actor, request: Request, r: Resource, body: XmlElement | null): Promise<LockAnswer> {
  const ownerId = ownerIdOf(actor);
  const path = pathKey(r.path);
  const href = hrefOf(r.path, isCollection(r));
  const seconds = timeoutOf(request.headers.get("timeout"));
  const answer = (status: 200 | 201, l: DavLock) => ({
    status,
    lock: l,
    xml: `<?xml version="1.0" encoding="utf-8"?>\n<D:prop xmlns:D="DAV:"><D:lockdiscovery>${activeLock(l, href)}</D:lockdiscovery></D:prop>\n`,
  });
  if (!body) {
    if (r.kind === "missing") throw new DavStatus(404, "Nothing to refresh a lock on here.");
    const submitted = submittedTokens(parseIf(request.headers.get("if")));
    return answer(200, await refreshLock(ownerId, path, submitted, seconds));
  }
  const info = lockinfo(body);
  const depthHeader = (request.headers.get("depth") ?? "infinity").trim().toLowerCase();
  if (depthHeader !== "0" && depthHeader !== "infinity") throw invalid("A LOCK's Depth must be 0 or infinity.");
  if (r.kind === "missing" && r.parentId === undefined) throw new DavStatus(409, "The parent folder does not exist.");
  const taken = await takeLock({
    ownerId,
    path,
    depth: depthHeader,
    scope: info.scope,
    owner: info.owner,
    timeoutSeconds: seconds,
  });
  if (r.kind === "missing") {
    await storeFile(
      actor,
      { folderId: r.parentId!, name: r.path.at(-1)!, replaces: null },
      null,
      0,
      "application/octet-stream",
    ).catch(async (error: unknown) => {
      await releaseLock(ownerId, path, `<${taken.token}>`).catch(() => undefined);
      throw error;
    });
    return answer(201, taken);
  }
  return answer(200, taken);
}

export { releaseLock };
