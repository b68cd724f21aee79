// The Node ⇄ Fetch conversion the production server's direct path and the tests' server share:
// streamed bodies both ways, several Set-Cookie headers, HEAD without a body, gzip for large JSON
// only, and a handler that throws answering 500 in the error shape.
import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type TestServer } from "@/test/fetch-server";
import { nodeListener } from "./direct";
import { takeNodeBody } from "./node-body";

let server: TestServer;

beforeAll(async () => {
  server = await listen(
    nodeListener(async (request) => {
      const path = new URL(request.url).pathname;
      if (path === "/echo") return new Response(request.body, { headers: { "content-type": "text/plain" } });
      if (path === "/node-body") {
        // Taken as Node's stream (what the blob endpoint does): read whole; the Web stream then refuses.
        const node = takeNodeBody(request)!;
        let bytes = 0;
        for await (const chunk of node) bytes += chunk.byteLength;
        const again = takeNodeBody(request);
        const web = await request.text().then(
          () => "read",
          (error: unknown) => String(error),
        );
        return Response.json({ bytes, again: again === undefined, web });
      }
      if (path === "/web-first") {
        const text = await request.text();
        return Response.json({ length: text.length, node: takeNodeBody(request) === undefined ? "refused" : "taken" });
      }
      if (path === "/big") return Response.json({ items: "x".repeat(5000) });
      if (path === "/small") {
        const body = JSON.stringify({ ok: true });
        return new Response(body, {
          headers: { "content-type": "application/json", "content-length": `${body.length}` },
        });
      }
      if (path === "/sized") {
        const body = JSON.stringify({ items: "z".repeat(5000) });
        return new Response(body, {
          headers: { "content-type": "application/json", "content-length": `${body.length}` },
        });
      }
      if (path === "/cookies") {
        const headers = new Headers();
        headers.append("set-cookie", "a=1; Path=/");
        headers.append("set-cookie", "b=2; Path=/");
        return new Response("ok", { headers });
      }
      throw new Error("secret detail");
    }),
  );
});
afterAll(() => server.stop());

function get(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, { method: init.method ?? "GET", headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

describe("the Node ⇄ Fetch conversion", () => {
  it("streams a request body through to the response", async () => {
    const answer = await get("/echo", { method: "POST", body: "hello ".repeat(10_000) });
    expect(answer.body.toString()).toBe("hello ".repeat(10_000));
  });

  it("hands a handler Node's request stream instead of the Web body, and either way reads the body only once", async () => {
    const taken = JSON.parse((await get("/node-body", { method: "PUT", body: "z".repeat(300_000) })).body.toString());
    expect(taken).toEqual({ bytes: 300_000, again: true, web: expect.stringContaining("already read") });
    const web = JSON.parse((await get("/web-first", { method: "POST", body: "w".repeat(70_000) })).body.toString());
    expect(web).toEqual({ length: 70_000, node: "refused" });
  });

  it("gzips JSON of 1 KiB or more (or of unknown length) for clients that accept it, and nothing else", async () => {
    const big = await get("/big", { headers: { "accept-encoding": "gzip, br" } });
    expect(big.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(zlib.gunzipSync(big.body).toString()).items).toHaveLength(5000);
    expect((await get("/big")).headers["content-encoding"]).toBeUndefined();
    // A known-length answer is written whole (not streamed), gzipped all the same.
    const sized = await get("/sized", { headers: { "accept-encoding": "gzip" } });
    expect(sized.headers["content-encoding"]).toBe("gzip");
    expect(sized.headers["content-length"]).toBeUndefined();
    expect(JSON.parse(zlib.gunzipSync(sized.body).toString()).items).toHaveLength(5000);
    const plain = await get("/sized");
    expect(plain.headers["content-length"]).toBe(String(plain.body.length));
    expect(JSON.parse(plain.body.toString()).items).toHaveLength(5000);
    expect(
      (await get("/small", { headers: { "accept-encoding": "gzip" } })).headers["content-encoding"],
    ).toBeUndefined();
    const echo = await get("/echo", { method: "POST", body: "y".repeat(5000), headers: { "accept-encoding": "gzip" } });
    expect(echo.headers["content-encoding"]).toBeUndefined();
  });

  it("keeps several Set-Cookie headers apart and sends HEAD without a body", async () => {
    expect((await get("/cookies")).headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    const head = await get("/big", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it("answers a handler that throws with 500 in the error shape, without the error's text", async () => {
    const answer = await get("/boom");
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body.toString()).error.code).toBe("internal");
    expect(answer.body.toString()).not.toContain("secret detail");
  });
});
