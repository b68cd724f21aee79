// The router on a small table of its own: matching as Next matches, HEAD and OPTIONS, 404 and 405
// in the error shape, security headers on every answer, and no hang when a handler throws or the
// table cannot load.
import { describe, expect, it } from "vitest";
import { createRouter, routeOf, type Handler } from "./router";

const echo =
  (name: string): Handler =>
  async (_request, { params }) =>
    Response.json({ name, params: await params });

const table = [
  routeOf("GET", "/api/files/[id]", echo("file")),
  routeOf("GET", "/api/files/bulk", echo("bulk")),
  routeOf("POST", "/api/files/[id]", echo("post")),
  routeOf("GET", "/api/auth/[...nextauth]", echo("auth"), { nextContext: true }),
  routeOf("GET", "/api/boom", async () => {
    throw new Error("secret detail at /srv/x.ts:1");
  }),
  routeOf("GET", "/s/[token]/zip", echo("zip")),
  routeOf("PROPFIND", "/dav/[...path]", echo("dav")),
];
const router = createRouter(async () => table);
const send = (path: string, method = "GET") => router.dispatch(new Request(`http://localhost${path}`, { method }));

describe("the router", () => {
  it("matches literal segments before parameters, decodes parameters, and collects catch-alls", async () => {
    expect(await (await send("/api/files/bulk")).json()).toEqual({ name: "bulk", params: {} });
    expect(await (await send("/api/files/a%20b")).json()).toEqual({ name: "file", params: { id: "a b" } });
    expect(await (await send("/api/files/x", "POST")).json()).toMatchObject({ name: "post" });
    expect(await (await send("/api/auth/callback/oidc")).json()).toEqual({
      name: "auth",
      params: { nextauth: ["callback", "oidc"] },
    });
  });

  it("takes WebDAV's methods, and a trailing slash only where a catch-all takes it", async () => {
    expect(await (await send("/dav/a/", "PROPFIND")).json()).toEqual({ name: "dav", params: { path: ["a", ""] } });
    expect(await (await send("/dav/", "PROPFIND")).json()).toEqual({ name: "dav", params: { path: [""] } });
    expect((await send("/dav//a", "PROPFIND")).status).toBe(404);
    expect((await send("/dav/a", "MKCOL")).headers.get("allow")).toBe("OPTIONS, PROPFIND");
  });

  it("answers unknown paths 404 and unknown methods 405 with Allow, in the error shape", async () => {
    for (const path of ["/api/nope", "/api/files", "/api/files/x/y", "/api/files/x/", "/api//files"]) {
      const response = await send(path);
      expect(response.status, path).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
    const wrong = await send("/api/files/x", "DELETE");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    expect((await wrong.json()).error.code).toBe("method_not_allowed");
  });

  it("answers HEAD with the GET handler and OPTIONS with Allow", async () => {
    expect((await send("/api/files/x", "HEAD")).status).toBe(200);
    const options = await send("/api/files/bulk", "OPTIONS");
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  it("answers a malformed escape 400 and a throwing handler 500, both in the error shape, with a request id", async () => {
    const malformed = await send("/api/files/%E0%A4%A");
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe("invalid_request");
    const boom = await send("/api/boom");
    expect(boom.status).toBe(500);
    expect(boom.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const text = await boom.text();
    expect(text).toContain('"code":"internal"');
    expect(text).not.toContain("secret detail");
  });

  it("puts the security headers on every answer, share links' own on /s/", async () => {
    for (const response of [await send("/api/files/x"), await send("/api/nope"), await send("/api/boom")]) {
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
    }
    const share = await send("/s/tok/zip");
    expect(share.headers.get("referrer-policy")).toBe("no-referrer");
    expect(share.headers.get("x-robots-tag")).toBe("noindex, nofollow");
  });

  it("answers 500 in the error shape when the table cannot load, and loads it again on the next request", async () => {
    let attempts = 0;
    const flaky = createRouter(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("Cannot find module './broken'");
      return table;
    });
    const first = await flaky.dispatch(new Request("http://localhost/api/files/bulk"));
    expect(first.status).toBe(500);
    expect((await first.json()).error.code).toBe("internal");
    const second = await flaky.dispatch(new Request("http://localhost/api/files/bulk"));
    expect(second.status).toBe(200);
  });

  it("refuses a table that declares a route twice", async () => {
    const twice = createRouter(async () => [table[0]!, table[0]!]);
    expect((await twice.dispatch(new Request("http://localhost/api/files/x"))).status).toBe(500);
  });

  it("says which paths the host may serve directly: table routes that need nothing of Next's request context", async () => {
    const fresh = createRouter(async () => table);
    expect(fresh.servesDirectly("/api/files/x"), "not before the table has loaded").toBe(false);
    await fresh.dispatch(new Request("http://localhost/api/files/x"));
    expect(fresh.servesDirectly("/api/files/x")).toBe(true);
    expect(fresh.servesDirectly("/s/tok/zip")).toBe(true);
    expect(fresh.servesDirectly("/api/auth/session"), "next-auth reads next/headers").toBe(false);
    expect(fresh.servesDirectly("/api/nope")).toBe(false);
    expect(fresh.servesDirectly("/s/tok"), "a page").toBe(false);
  });

  it("keeps Next's order across the index by first two segments (paths starting with a parameter or a catch-all too)", async () => {
    const mixed = createRouter(async () => [
      ...table,
      routeOf("GET", "/api/[section]/bulk", echo("section-bulk")),
      routeOf("GET", "/[any]/files/x", echo("any-files-x")),
      routeOf("GET", "/one", echo("one")),
      routeOf("GET", "/[...all]", echo("all")),
    ]);
    const name = async (path: string) =>
      ((await (await mixed.dispatch(new Request(`http://localhost${path}`))).json()) as { name: string }).name;
    expect(await name("/api/files/bulk")).toBe("bulk");
    expect(await name("/api/other/bulk")).toBe("section-bulk");
    expect(await name("/api/files/x")).toBe("file");
    expect(await name("/zzz/files/x")).toBe("any-files-x");
    expect(await name("/one")).toBe("one");
    expect(await name("/two")).toBe("all");
    expect(await name("/api/nope")).toBe("all");
    expect(await name("/s/tok/zip")).toBe("zip");
  });

  it("matches a path the host asked about once: dispatch() uses servesDirectly()'s match, and matches again without it", async () => {
    const fresh = createRouter(async () => table);
    await fresh.dispatch(new Request("http://localhost/api/files/bulk"));
    expect(fresh.servesDirectly("/api/files/a%20b")).toBe(true);
    const dispatchOf = (path: string, method = "GET") =>
      fresh.dispatch(new Request(`http://localhost${path}`, { method }));
    expect(await (await dispatchOf("/api/files/a%20b")).json()).toEqual({ name: "file", params: { id: "a b" } });
    expect(await (await dispatchOf("/api/files/a%20b", "POST")).json()).toMatchObject({ name: "post" });
    // Many asked about and never dispatched (clients gone) are forgotten, not kept.
    for (let i = 0; i < 500; i++) fresh.servesDirectly(`/api/files/gone${i}`);
    expect(await (await dispatchOf("/api/files/gone499")).json()).toEqual({ name: "file", params: { id: "gone499" } });
  });
});
