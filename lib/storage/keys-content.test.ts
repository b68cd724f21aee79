// Keys, content types and dispositions: the small rules both drivers share.
import { describe, expect, it } from "vitest";
import { contentDisposition, inlineAllowed, normalizeContentType, safeDisposition } from "./content";
import { InvalidKeyError } from "./errors";
import { assertValidKey, assertValidPrefix, keyProblem, newStorageKey } from "./keys";

describe("storage keys", () => {
  it("are <ownerId>/<random url-safe id> and never carry a file name", () => {
    const keys = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const key = newStorageKey("cm1abcdef0001");
      expect(key).toMatch(/^cm1abcdef0001\/[A-Za-z0-9_-]{22}$/);
      keys.add(key);
    }
    expect(keys.size).toBe(200);
    // The API has no way to pass a name in, and ids are random: nothing of "report.pdf" leaks.
    expect(newStorageKey.length).toBe(1);
    expect([...keys].some((k) => k.includes(".pdf") || k.includes("report"))).toBe(false);
  });

  it("refuse owner ids that are not a safe path segment", () => {
    for (const bad of ["", "../x", "a/b", ".hidden", "a b"]) expect(() => newStorageKey(bad)).toThrow(InvalidKeyError);
  });

  it("validate before any driver touches disk or network", () => {
    for (const good of ["u1/abc", "u1/a.b-c_d", "A/B/C"]) expect(keyProblem(good)).toBeNull();
    const bad = [
      "",
      "/abs",
      "a/",
      "a//b",
      "..",
      "a/../b",
      "a/./b",
      ".tmp/x",
      "a/.x",
      "a b",
      "a\\b",
      "é/x",
      "a/b?c",
      "a".repeat(513),
    ];
    for (const key of bad) {
      expect(keyProblem(key), key).not.toBeNull();
      expect(() => assertValidKey(key)).toThrow(InvalidKeyError);
    }
  });

  it("accept prefixes ending at or inside a segment", () => {
    for (const good of ["", "u1/", "u1", "u1/ab"]) expect(() => assertValidPrefix(good)).not.toThrow();
    for (const bad of ["/", "../", "/u1", "u1//", ".tmp/"])
      expect(() => assertValidPrefix(bad)).toThrow(InvalidKeyError);
  });
});

describe("content types", () => {
  it("normalizes well-formed types and replaces junk with application/octet-stream", () => {
    expect(normalizeContentType("Image/PNG")).toBe("image/png");
    expect(normalizeContentType("text/plain; charset=UTF-8")).toBe("text/plain; charset=UTF-8");
    for (const junk of [undefined, null, "", "text", "text/plain\r\nX-Evil: 1", "a/b; c", "x".repeat(300)]) {
      expect(normalizeContentType(junk)).toBe("application/octet-stream");
    }
  });

  it("allows inline only for raster images, PDF, audio, video and plain text", () => {
    for (const ok of [
      "image/png",
      "image/jpeg",
      "image/gif",
      "image/webp",
      "IMAGE/AVIF",
      "video/mp4",
      "video/webm",
      "audio/mpeg",
      "application/pdf",
      "text/plain",
      "text/csv",
      "text/markdown",
      "text/plain; charset=utf-8",
    ]) {
      expect(inlineAllowed(ok), ok).toBe(true);
    }
    for (const bad of [
      "text/html",
      "TEXT/HTML; charset=utf-8",
      "application/xhtml+xml",
      "image/svg+xml",
      "text/xml",
      "application/xml",
      "application/rss+xml",
      "text/javascript",
      "application/javascript",
      "text/xsl",
      "application/octet-stream",
      "application/x-shockwave-flash",
      "multipart/x-mixed-replace",
      // Not on the allow-list: unknown or not plain text.
      "application/json",
      "text/css",
      "text/vtt",
      "text/cache-manifest",
      "image/x-unknown",
      "image/heic",
      "application/x-whatever",
      "font/woff2",
    ]) {
      expect(inlineAllowed(bad), bad).toBe(false);
    }
    expect(safeDisposition("inline", "text/html")).toBe("attachment");
    expect(safeDisposition("inline", "image/svg+xml")).toBe("attachment");
    expect(safeDisposition("inline", "image/png")).toBe("inline");
    expect(safeDisposition("attachment", "image/png")).toBe("attachment");
  });
});

describe("Content-Disposition", () => {
  it("has an ASCII fallback and an RFC 8187 UTF-8 name", () => {
    expect(contentDisposition("attachment", "report.pdf")).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
    expect(contentDisposition("attachment", "Résumé (v2).pdf")).toBe(
      `attachment; filename="Resume (v2).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%28v2%29.pdf`,
    );
    expect(contentDisposition("inline", "日本語.txt")).toBe(
      `inline; filename="___.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.txt`,
    );
  });

  it("cannot be broken out of by quotes, newlines or path separators", () => {
    const cd = contentDisposition("attachment", 'a"b\\c\r\nSet-Cookie: x=1/../d.txt');
    expect(cd).not.toMatch(/[\r\n]/);
    expect(cd).toMatch(/^attachment; filename="a_b_c__Set-Cookie: x=1_.._d.txt"; filename\*=UTF-8''/);
    expect(contentDisposition("attachment", "")).toContain(`filename="download"`);
  });
});
