import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirect, signInUrl } from "./callback";

describe("safeCallbackPath", () => {
  it("keeps same-origin relative paths, with their query and fragment", () => {
    expect(safeCallbackPath("/settings/tokens")).toBe("/settings/tokens");
    expect(safeCallbackPath("/files/abc?sort=size&order=desc#top")).toBe("/files/abc?sort=size&order=desc#top");
    expect(safeCallbackPath("/files/a/../b")).toBe("/files/b");
  });

  it("never sends anyone to another site", () => {
    const offSite = [
      "//evil.example/path",
      "/\\evil.example/path",
      "\\\\evil.example",
      "/\\/evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "https://evil.example/files",
      "http://localhost:3000/files", // absolute, even to this origin: relative paths only
      "javascript:alert(1)",
      "evil.example",
      "///evil.example",
      "/%2F/evil.example",
      "",
      "   /files",
    ];
    for (const raw of offSite) {
      const result = safeCallbackPath(raw);
      expect(result, JSON.stringify(raw)).toMatch(/^\/(?![/\\])/);
      expect(new URL(result, "http://app.example").origin, JSON.stringify(raw)).toBe("http://app.example");
    }
    for (const raw of ["//evil.example/path", "/\\evil.example/path", "https://evil.example/", "/\t/evil.example"]) {
      expect(safeCallbackPath(raw)).toBe("/files");
    }
  });

  it("falls back for non-strings and for the sign-in pages themselves", () => {
    expect(safeCallbackPath(undefined)).toBe("/files");
    expect(safeCallbackPath(["/settings/tokens"])).toBe("/files");
    expect(safeCallbackPath("/signin?callbackUrl=/x")).toBe("/files");
    expect(safeCallbackPath("/signup")).toBe("/files");
    expect(safeCallbackPath("/signinside")).toBe("/signinside");
  });
});

describe("signInUrl", () => {
  it("carries the page asked for, and nothing unsafe", () => {
    expect(signInUrl("/settings/tokens")).toBe("/signin?callbackUrl=%2Fsettings%2Ftokens");
    expect(signInUrl("/files")).toBe("/signin");
    expect(signInUrl(null)).toBe("/signin");
    expect(signInUrl("//evil.example")).toBe("/signin");
  });
});

describe("safeRedirect (next-auth's redirect callback)", () => {
  const base = "http://localhost:3000";
  it("allows this origin only", () => {
    expect(safeRedirect("/signin", base)).toBe(`${base}/signin`);
    expect(safeRedirect(`${base}/settings/tokens`, base)).toBe(`${base}/settings/tokens`);
    expect(safeRedirect("https://evil.example/x", base)).toBe(`${base}/files`);
    expect(safeRedirect("//evil.example/x", base)).toBe(`${base}/files`);
    expect(safeRedirect("/\\evil.example/x", base)).toBe(`${base}/files`);
  });
});
