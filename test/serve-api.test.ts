// The production server's direct dispatch of API routes (scripts/serve-api.ts) must pick the route
// file Next would pick, leave to Next what it does not serve, and answer with what Next adds.
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRoutes, apiServer, matchRoute, sendResponse } from "@/scripts/serve-api";
import { API_ROUTES } from "./routes";

const root = path.resolve(import.meta.dirname, "..");
const routes = apiRoutes(path.join(root, "app", "api"));
const fileOf = (pathname: string) => {
  const found = matchRoute(routes, pathname);
  return found && path.relative(path.join(root, "app"), path.dirname(found.route.file));
};

describe("matching a path to its route file", () => {
  it("finds every route of the app's route list at its own file, with its parameters", () => {
    const direct = API_ROUTES.filter((r) => !/\/(auth|blob)\/|\[\.\.\.path\]/.test(r.path));
    expect(direct.length).toBeGreaterThan(40);
    for (const route of direct) {
      const concrete = route.path.replace(/\[(\w+)\]/g, "x-$1");
      const found = matchRoute(routes, concrete);
      expect(fileOf(concrete), concrete).toBe(route.path.slice(1));
      for (const name of route.path.match(/\[(\w+)\]/g) ?? []) {
        const param = name.slice(1, -1);
        expect(found!.params[param]).toBe(`x-${param}`);
      }
    }
  });

  it("prefers a literal segment to a parameter, as Next does", () => {
    expect(fileOf("/api/folders/tree")).toBe("api/folders/tree");
    expect(fileOf("/api/folders/abc")).toBe("api/folders/[id]");
    expect(fileOf("/api/files/bulk")).toBe("api/files/bulk");
    expect(fileOf("/api/admin/usage.csv")).toBe("api/admin/usage.csv");
  });

  it("decodes parameters and leaves next-auth, blob URLs, unknown and trailing-slash paths to Next", () => {
    expect(matchRoute(routes, "/api/files/a%20b")!.params.id).toBe("a b");
    for (const left of ["/api/auth/session", "/api/blob/t", "/api/nope", "/api/me/", "/api/files//restore"])
      expect(matchRoute(routes, left), left).toBeNull();
    expect(() => matchRoute(routes, "/api/files/%E0%A4%A")).toThrow(URIError);
  });
});

describe("serving", () => {
  let server: http.Server;
  let base = "";
  const leftToNext: string[] = [];
  beforeAll(async () => {
    const serveApi = apiServer(root, "http://localhost");
    server = http.createServer((req, res) => {
      void serveApi(req, res).then((served) => {
        if (served) return;
        leftToNext.push(`${req.method} ${req.url}`);
        res.writeHead(599).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, resolve));
    base = `http://localhost:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers a route's method directly, with the headers next.config.js puts on every response", async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect((await res.json()).database.kind).toBeTruthy();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
  });

  it("leaves a method the route file does not export to Next (its 405)", async () => {
    expect((await fetch(`${base}/api/health`, { method: "DELETE" })).status).toBe(599);
    expect(leftToNext).toContain("DELETE /api/health");
  });

  it("answers bad input in the API's error shape", async () => {
    const res = await fetch(`${base}/api/register`, {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_request");
  });
});

describe("writing a Fetch Response to Node", () => {
  async function roundTrip(response: Response, acceptGzip: boolean) {
    const server = http.createServer((req, res) => sendResponse(req, res, response, { compress: true }));
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const port = (server.address() as { port: number }).port;
    try {
      return await new Promise<http.IncomingMessage & { body: Buffer }>((resolve, reject) => {
        http
          .get({ port, headers: acceptGzip ? { "accept-encoding": "gzip" } : {} }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve(Object.assign(res, { body: Buffer.concat(chunks) })));
          })
          .on("error", reject);
      });
    } finally {
      server.close();
    }
  }

  it("keeps several Set-Cookie headers apart", async () => {
    const headers = new Headers();
    headers.append("set-cookie", "a=1; Path=/");
    headers.append("set-cookie", "b=2; Path=/");
    const res = await roundTrip(new Response("ok", { headers }), false);
    expect(res.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
  });

  it("gzips JSON of 1 KiB or more for a client that accepts it, and nothing smaller", async () => {
    const big = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ name: `file-${i}.txt` })) });
    const json = (text: string) =>
      new Response(text, { headers: { "content-type": "application/json", "content-length": String(text.length) } });
    const zipped = await roundTrip(json(big), true);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(zipped.body).toString()).toBe(big);
    expect((await roundTrip(json(big), false)).headers["content-encoding"]).toBeUndefined();
    expect((await roundTrip(json('{"ok":true}'), true)).headers["content-encoding"]).toBeUndefined();
  });
});
