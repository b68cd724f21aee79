// XML for WebDAV: request bodies parsed with fast-xml-parser into elements whose names carry their
// resolved namespace (RFC 4918 compares names by namespace URI, never by prefix), and the few
// helpers that write XML. Answers are written as text, piece by piece (PROPFIND streams them).
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { invalid } from "../errors";

export const DAV_NS = "DAV:";

/** An element: its namespace URI ("" for none), local name, attributes (qualified names), content in order. */
export interface XmlElement {
  ns: string;
  name: string;
  attrs: Record<string, string>;
  /** Attributes' namespaces by qualified name (for writing them back). */
  attrNs: Record<string, string>;
  content: (XmlElement | string)[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true, // also numeric references (&#65536;), which processEntities alone leaves as they are
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type Raw = Record<string, unknown> & { ":@"?: Record<string, string> };

function resolve(raw: Raw, scope: Map<string, string>): XmlElement {
  const attrs = raw[":@"] ?? {};
  const inner = new Map(scope);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "xmlns") inner.set("", value);
    else if (name.startsWith("xmlns:")) {
      // XML Namespaces 1.0 cannot undeclare a prefix.
      if (value === "") throw invalid(`The namespace prefix "${name.slice(6)}" is declared empty.`);
      inner.set(name.slice(6), value);
    }
  }
  const qname = Object.keys(raw).find((k) => k !== ":@")!;
  const [prefix, local] = qname.includes(":")
    ? [qname.slice(0, qname.indexOf(":")), qname.split(":")[1]!]
    : ["", qname];
  const ns = inner.get(prefix);
  if (ns === undefined) throw invalid(`The namespace prefix "${prefix}" is not declared.`);
  const element: XmlElement = { ns, name: local, attrs: {}, attrNs: {}, content: [] };
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "xmlns" || name.startsWith("xmlns:")) continue;
    element.attrs[name] = value;
    const p = name.includes(":") ? name.slice(0, name.indexOf(":")) : "";
    element.attrNs[name] = p === "" ? "" : p === "xml" ? "http://www.w3.org/XML/1998/namespace" : (inner.get(p) ?? "");
  }
  for (const child of (raw[qname] as Raw[]) ?? []) {
    if ("#text" in child) element.content.push(String(child["#text"]));
    else if (!Object.keys(child).some((k) => k.startsWith("?") || k === "#comment"))
      element.content.push(resolve(child, inner));
  }
  return element;
}

/** The document element of `text`, namespaces resolved; 400 when it is not well-formed. Null for an empty body. */
export function parseXml(text: string): XmlElement | null {
  if (!text.trim()) return null;
  // No WebDAV body needs a DTD, and its entities could expand without bound.
  if (/<!DOCTYPE/i.test(text)) throw invalid("The request body must not contain a DOCTYPE.");
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw invalid(`The request body is not well-formed XML: ${valid.err.msg}`);
  const nodes = (parser.parse(text) as Raw[]).filter((n) => !Object.keys(n).some((k) => k.startsWith("?")));
  const root = nodes.find((n) => !("#text" in n) && !("#comment" in n));
  if (!root) throw invalid("The request body holds no XML element.");
  return resolve(
    root,
    new Map([
      ["", ""], // no default namespace: unprefixed names are in none
      ["xml", "http://www.w3.org/XML/1998/namespace"],
    ]),
  );
}

/** The child elements of `element`, optionally only those named `name` in the DAV: namespace. */
export function children(element: XmlElement, name?: string): XmlElement[] {
  return element.content.filter(
    (c): c is XmlElement => typeof c !== "string" && (name === undefined || (c.ns === DAV_NS && c.name === name)),
  );
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** `element` written back as self-contained XML: every element declares its own default namespace. */
export function writeElement(element: XmlElement): string {
  const declared: string[] = [`xmlns="${escapeXml(element.ns)}"`];
  const prefixes = new Map<string, string>();
  for (const [name, value] of Object.entries(element.attrs)) {
    const ns = element.attrNs[name] ?? "";
    const local = name.includes(":") ? name.slice(name.indexOf(":") + 1) : name;
    if (!ns) declared.push(`${local}="${escapeXml(value)}"`);
    else if (name.startsWith("xml:")) declared.push(`${name}="${escapeXml(value)}"`);
    else {
      let p = prefixes.get(ns);
      if (!p) {
        p = `a${prefixes.size}`;
        prefixes.set(ns, p);
        declared.push(`xmlns:${p}="${escapeXml(ns)}"`);
      }
      declared.push(`${p}:${local}="${escapeXml(value)}"`);
    }
  }
  const inner = element.content.map((c) => (typeof c === "string" ? escapeXml(c) : writeElement(c))).join("");
  return `<${element.name} ${declared.join(" ")}>${inner}</${element.name}>`;
}

/** An empty element named by namespace and local name (for propname answers and failed props). */
export function emptyElement(ns: string, name: string): string {
  return `<${name} xmlns="${escapeXml(ns)}"/>`;
}
