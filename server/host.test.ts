// The host every request passes through (server/host.ts), over real HTTP with an app that echoes
// what it was given.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, CONTENT_LENGTH_HEADER, REQUEST_ID_HEADER } from "@/lib/http/host-headers";
import { listen, type TestServer } from "@/test/fetch-server";
import { host } from "./host";

let server: TestServer;

beforeAll(async () => {
  server = await listen(
    host(
      (req, res) => {
        if (req.url === "/streamed") {
          // As Next sends a route's response: no Content-Length, the app's length beside it.
          res.setHeader(CONTENT_LENGTH_HEADER, "10");
          res.write("01234");
          res.end("56789");
          return;
        }
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({ address: req.headers[CLIENT_ADDRESS_HEADER], requestId: req.headers[REQUEST_ID_HEADER] }),
        );
      },
      { trustProxy: 0 },
    ),
  );
});
afterAll(() => server.stop());

describe("the host", () => {
  it("stamps the socket's address and a request id, replacing whatever the client claims", async () => {
    const response = await fetch(`${server.url}/echo`, {
      headers: {
        [CLIENT_ADDRESS_HEADER]: "203.0.113.5",
        "x-forwarded-for": "203.0.113.6",
        [REQUEST_ID_HEADER]: "mine",
      },
    });
    const seen = await response.json();
    expect(seen.address).toBe("127.0.0.1");
    expect(seen.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-request-id")).toBe(seen.requestId);
  });

  it("answers a path with a malformed escape 400: the error shape under /api/, a page elsewhere, security headers on both", async () => {
    for (const path of ["/api/blob/%E0%A4%A", "/api/files/%ZZ/download", "/api/files/%ED%A0%80"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(400);
      expect((await response.json()).error.code).toBe("invalid_request");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
    for (const path of ["/s/%E0%A4%A", "/s/%E0%A4%A/zip", "/files/%E0%A4%A", "/set-password/%E0%A4%A"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(400);
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(response.headers.get("content-security-policy")).toBe("default-src 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
    const fine = await fetch(`${server.url}/api/files/abc%20def/download?q=%E0`);
    expect(fine.status).toBe(200);
  });

  it("sends a path with a trailing slash to the one without, query kept", async () => {
    const response = await fetch(`${server.url}/api/me/?a=1`, { redirect: "manual" });
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe("/api/me?a=1");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("passes WebDAV's folder addresses on with their trailing slash", async () => {
    for (const path of ["/dav/", "/dav/photos/"]) {
      const response = await fetch(`${server.url}${path}`, { redirect: "manual" });
      expect(response.status, path).not.toBe(308);
    }
  });

  it("puts back the Content-Length a route answered with", async () => {
    const response = await fetch(`${server.url}/streamed`);
    expect(response.headers.get("content-length")).toBe("10");
    expect(response.headers.has(CONTENT_LENGTH_HEADER)).toBe(false);
    expect(await response.text()).toBe("0123456789");
  });
});
