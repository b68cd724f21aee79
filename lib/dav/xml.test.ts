// The WebDAV XML reader: names by namespace URI, not prefix; malformed bodies, undeclared or empty
// prefixes and DTDs refused (400); dead property values written back self-contained.
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { parseXml, writeElement, children } from "./xml";
import { parseIf, submittedTokens } from "./conditions";

const refused = (text: string) => {
  try {
    parseXml(text);
  } catch (error) {
    return error instanceof DomainError && error.code === "invalid_request";
  }
  return false;
};

describe("WebDAV XML", () => {
  it("resolves namespaces whatever the prefixes, and writes values back self-contained", () => {
    const root = parseXml(
      `<?xml version="1.0"?><x:propfind xmlns:x="DAV:"><x:prop><y:a xmlns:y="urn:y" xml:lang="en">1 &amp; &#65536;<b/></y:a></x:prop></x:propfind>`,
    )!;
    expect([root.ns, root.name]).toEqual(["DAV:", "propfind"]);
    const [prop] = children(root, "prop");
    const [a] = children(prop!);
    expect([a!.ns, a!.name]).toEqual(["urn:y", "a"]);
    expect(writeElement(a!)).toBe(`<a xmlns="urn:y" xml:lang="en">1 &amp; \u{10000}<b xmlns=""></b></a>`);
  });

  it("refuses malformed XML, undeclared or empty prefixes and DTDs", () => {
    expect(refused("<a><b></a>")).toBe(true);
    expect(refused(`<D:propfind xmlns:D="DAV:"><z:x/></D:propfind>`)).toBe(true);
    expect(refused(`<D:propfind xmlns:D="DAV:"><z:x xmlns:z=""/></D:propfind>`)).toBe(true);
    expect(refused(`<!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>`)).toBe(true);
    expect(parseXml("  ")).toBeNull();
  });

  it("reads If headers: tagged and untagged lists, Not, ETags; refuses junk", () => {
    const lists = parseIf(`<http://h/dav/a> (<opaquelocktoken:1> ["e1"]) (Not <DAV:no-lock>)`);
    expect(lists).toEqual([
      {
        tag: "/dav/a",
        conditions: [
          { not: false, token: "opaquelocktoken:1" },
          { not: false, etag: '"e1"' },
        ],
      },
      { tag: "/dav/a", conditions: [{ not: true, token: "DAV:no-lock" }] },
    ]);
    expect([...submittedTokens(lists)]).toEqual(["opaquelocktoken:1"]);
    expect(() => parseIf("(<unclosed")).toThrow(DomainError);
    expect(() => parseIf("junk")).toThrow(DomainError);
  });
});
