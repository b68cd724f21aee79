import { afterAll, beforeAll, expect, it } from "vitest";
import { startAppServer } from "../app-server";
import { newUser } from "../api";
import { createApiToken } from "@/lib/auth/tokens";
import type { TestServer } from "../fetch-server";

let server: TestServer;
let auth: string;
beforeAll(async () => {
  server = await startAppServer();
  const user = await newUser();
  const { token } = await createApiToken(user.id, "dav");
  auth = "Basic " + Buffer.from(`${user.email}:${token}`).toString("base64");
});
afterAll(() => server.stop());

const req = (method: string, path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(server.url + path, { ...init, method, headers: { authorization: auth, ...init.headers } });

it("smoke", async () => {
  let r = await req("PROPFIND", "/dav/", { headers: { depth: "1" } });
  console.log(r.status, await r.text());
  r = await req("MKCOL", "/dav/a/");
  console.log("mkcol", r.status, await r.text());
  r = await req("PUT", "/dav/a/x.txt", { body: "hello" });
  console.log("put", r.status, await r.text());
  r = await req("GET", "/dav/a/x.txt");
  console.log("get", r.status, await r.text());
  r = await req("PROPFIND", "/dav/a/", { headers: { depth: "1" } });
  console.log(r.status, await r.text());
  expect(1).toBe(1);
});
