// PROPPATCH: sets and removes dead properties, all or nothing (RFC 4918 §9.2). Live properties in
// the DAV: namespace are protected (403; the others then fail with 424). getlastmodified is not
// settable: Stowage keeps its own modification time.
import { db } from "../db";
import { invalid } from "../errors";
import { ownerIdOf, type Actor } from "../files/access";
import { hrefOf, isCollection, type Resource } from "./paths";
import { deadKey, targetOf, type PropName } from "./props";
import { children, DAV_NS, emptyElement, escapeXml, writeElement, type XmlElement } from "./xml";

const MAX_VALUE_CHARS = 64 * 1024;
const MAX_PROPS_PER_RESOURCE = 256;

interface Instruction {
  op: "set" | "remove";
  prop: PropName;
  value: string;
}

function instructionsOf(body: XmlElement | null): Instruction[] {
  if (!body || body.ns !== DAV_NS || body.name !== "propertyupdate")
    throw invalid("A PROPPATCH body must be a DAV:propertyupdate element.");
  const out: Instruction[] = [];
  for (const step of children(body)) {
    if (step.ns !== DAV_NS || (step.name !== "set" && step.name !== "remove")) continue;
    for (const prop of children(step, "prop")) {
      for (const el of children(prop)) {
        out.push({ op: step.name, prop: { ns: el.ns, name: el.name }, value: writeElement(el) });
      }
    }
  }
  if (!out.length) throw invalid("The PROPPATCH body changes no property.");
  return out;
}

/** Applies the body's instructions and answers the multistatus XML. */
export async function proppatch(actor: Actor, r: Resource, body: XmlElement | null): Promise<string> {
  const ownerId = ownerIdOf(actor);
  const instructions = instructionsOf(body);
  const target = targetOf(r, ownerId);
  const failed = new Map<string, number>();
  for (const i of instructions) {
    if (i.prop.ns === DAV_NS) failed.set(deadKey(i.prop), 403);
    else if (i.value.length > MAX_VALUE_CHARS) failed.set(deadKey(i.prop), 507);
  }
  if (!failed.size) {
    await db.$transaction(async (tx) => {
      const link = r.kind === "file" ? { fileId: r.file.id } : r.kind === "folder" ? { folderId: r.folder.id } : {};
      for (const i of instructions) {
        const where = { target_namespace_name: { target, namespace: i.prop.ns, name: i.prop.name } };
        if (i.op === "remove")
          await tx.davProperty.deleteMany({ where: { target, namespace: i.prop.ns, name: i.prop.name } });
        else {
          await tx.davProperty.upsert({
            where,
            create: { ownerId, target, namespace: i.prop.ns, name: i.prop.name, value: i.value, ...link },
            update: { value: i.value },
          });
        }
      }
      if ((await tx.davProperty.count({ where: { target } })) > MAX_PROPS_PER_RESOURCE) {
        throw invalid(`A resource can hold at most ${MAX_PROPS_PER_RESOURCE} properties.`);
      }
    });
  }
  const byStatus = new Map<number, string[]>();
  for (const i of instructions) {
    const status = failed.size ? (failed.get(deadKey(i.prop)) ?? 424) : 200;
    byStatus.set(status, [...(byStatus.get(status) ?? []), emptyElement(i.prop.ns, i.prop.name)]);
  }
  const text: Record<number, string> = {
    200: "OK",
    403: "Forbidden",
    424: "Failed Dependency",
    507: "Insufficient Storage",
  };
  const propstats = [...byStatus]
    .map(
      ([status, props]) =>
        `<D:propstat><D:prop>${props.join("")}</D:prop><D:status>HTTP/1.1 ${status} ${text[status]}</D:status></D:propstat>`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:"><D:response>` +
    `<D:href>${escapeXml(hrefOf(r.path, isCollection(r)))}</D:href>${propstats}</D:response></D:multistatus>\n`
  );
}
