// PROPFIND: the properties of a resource (Depth 0) and of its children (Depth 1), streamed as the
// rows are read page by page, so a folder of any size is answered without building the whole
// answer in memory. Depth infinity is refused (RFC 4918 §9.1: propfind-finite-depth).
import { db } from "../db";
import type { File, Folder } from "../generated/prisma/client";
import { fileScope, folderScope, ownerIdOf, type Actor } from "../files/access";
import { invalid } from "../errors";
import { covering, liveLocks } from "./locks";
import { folderIdOf, hrefOf, isCollection, pathKey, type Resource } from "./paths";
import { deadProps, responseXml, targetOf, type PropName, type PropRequest } from "./props";
import { DavStatus } from "./status";
import { children, DAV_NS, type XmlElement } from "./xml";

const PAGE = 500;

/** What the body asks for (none: allprop). */
export function propRequestOf(body: XmlElement | null): PropRequest {
  if (!body) return { kind: "allprop", include: [] };
  if (body.ns !== DAV_NS || body.name !== "propfind") throw invalid("A PROPFIND body must be a DAV:propfind element.");
  const names = (el: XmlElement): PropName[] => children(el).map((c) => ({ ns: c.ns, name: c.name }));
  const [first] = children(body).filter((c) => c.ns === DAV_NS);
  if (!first || first.name === "allprop") {
    const include = children(body, "include")[0];
    return { kind: "allprop", include: include ? names(include) : [] };
  }
  if (first.name === "propname") return { kind: "propname" };
  if (first.name === "prop") return { kind: "prop", names: names(first) };
  throw invalid(`A PROPFIND body cannot hold DAV:${first.name}.`);
}

/** The Depth header of a PROPFIND: 0 or 1 (the default, infinity, is refused). */
export function propfindDepth(header: string | null): 0 | 1 {
  const depth = (header ?? "infinity").trim().toLowerCase();
  if (depth === "0") return 0;
  if (depth === "1") return 1;
  if (depth === "infinity")
    throw new DavStatus(
      403,
      "PROPFIND with Depth: infinity is not supported; use Depth 0 or 1.",
      "propfind-finite-depth",
    );
  throw invalid("Depth must be 0, 1 or infinity.");
}

async function* pages<T extends { id: string }>(read: (after: string | undefined) => Promise<T[]>) {
  let after: string | undefined;
  for (;;) {
    const rows = await read(after);
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.id;
  }
}

/** The multistatus answer, as a stream of UTF-8 text. */
export async function propfind(actor: Actor, r: Resource, depth: 0 | 1, request: PropRequest) {
  const ownerId = ownerIdOf(actor);
  const locks = await liveLocks(ownerId);
  const needsDead = request.kind !== "prop" || request.names.some((p) => p.ns !== DAV_NS);
  const dead = async (targets: string[]) => (needsDead ? deadProps(targets) : new Map<string, Map<string, string>>());
  const one = (res: Resource, href: string, props: Map<string, Map<string, string>>) =>
    responseXml(request, res, href, covering(locks, pathKey(res.path)), props.get(targetOf(res, ownerId)));
  const encoder = new TextEncoder();

  async function* parts(): AsyncGenerator<string> {
    yield `<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:">\n`;
    yield one(r, hrefOf(r.path, isCollection(r)), await dead([targetOf(r, ownerId)]));
    if (depth === 1 && isCollection(r)) {
      const parentId = folderIdOf(r);
      const after = (id: string | undefined) => (id ? { id: { gt: id } } : {});
      const folders = pages<Folder>((id) =>
        db.folder.findMany({
          where: { AND: [folderScope(actor), { parentId }, after(id)] },
          orderBy: { id: "asc" },
          take: PAGE,
        }),
      );
      for await (const page of folders) {
        const props = await dead(page.map((f) => `folder:${f.id}`));
        yield page
          .map((folder) => {
            const path = [...r.path, folder.name];
            return one({ kind: "folder", path, folder }, hrefOf(path, true), props);
          })
          .join("");
      }
      const files = pages<File>((id) =>
        db.file.findMany({
          where: { AND: [fileScope(actor), { folderId: parentId }, after(id)] },
          orderBy: { id: "asc" },
          take: PAGE,
        }),
      );
      for await (const page of files) {
        const props = await dead(page.map((f) => `file:${f.id}`));
        yield page
          .map((file) => {
            const path = [...r.path, file.name];
            return one({ kind: "file", path, file }, hrefOf(path, false), props);
          })
          .join("");
      }
    }
    yield `</D:multistatus>\n`;
  }

  const source = parts();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await source.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}
