// One way to serve a request (issue 17), checked on the compiled production server (`npm start`'s
// dist/server/main.mjs) against the tests' server (test/app-server.ts: the same host and router
// without Next), both on one data folder and database:
// - every route of the table, signed out and as another user, the fuzz's malformed inputs, and a
//   blob GET and PUT get the same status, error code and security headers from both;
// - each stateful module of the app exists once per serving process (their "instance created"
//   debug lines, per pid), however many of Next's layers (pages, routes, instrumentation) use it.
// No browser.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { userWithToken, type BenchUser } from "../bench/auth";
import { migrateDatabase, throwawayServerEnv } from "../scripts/throwaway-server";
import { spawnAppServer } from "../test/app-server-process";
import { NEEDS, urlPath, type Victim } from "../test/route-needs";
import { freshDataDir, startApp, type AppProcess } from "./support/app-process";

const BASE_PORT = Number(process.env.E2E_PORT ?? 3210) + 4;
const SECRET = "e2e-secret-0123456789-0123456789-0123456789";
/** Routes whose answer counts the caller's wrong attempts (password change, second factor). */
const COUNTS_ATTEMPTS = /^\/api\/me\/(password|two-factor)/;
const SECURITY_HEADERS = ["x-content-type-options", "x-frame-options", "referrer-policy", "x-robots-tag"];

test.beforeEach(() => {
  test.skip(test.info().project.name !== "local", "one run is enough: no browser, no storage driver of its own");
});

/** The table's routes, read from app/routes.ts (importing it would load the app into the test runner). */
function declaredRoutes(): { method: string; path: string }[] {
  const source = fs.readFileSync(path.join("app", "routes.ts"), "utf8");
  return [...source.matchAll(/routeOf\("(\w+)", "([^"]+)"/g)].map((m) => ({ method: m[1]!, path: m[2]! }));
}

/** A request without connection reuse, so the cluster hands each one to any worker. */
function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }),
      );
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

type Answer = Awaited<ReturnType<typeof send>>;

/** What must agree between the two servers. */
function observable(answer: Answer) {
  let code: unknown;
  try {
    code = JSON.parse(answer.text)?.error?.code;
  } catch {
    code = undefined;
  }
  const headers = Object.fromEntries(SECURITY_HEADERS.map((name) => [name, answer.headers[name]]));
  return { status: answer.status, code, headers };
}

function startTestServer(dataDir: string, port: number): Promise<ChildProcess> {
  return spawnAppServer(
    throwawayServerEnv(dataDir, port, { AUTH_SECRET: SECRET, LOG_LEVEL: "warn", SWEEP_INTERVAL_SECONDS: "0" }),
  );
}

async function upload(base: string, user: BenchUser, name: string, bytes: Buffer) {
  const auth = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
  const created = JSON.parse(
    (
      await send(`${base}/api/uploads`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ name, size: bytes.length, type: "text/plain" }),
      })
    ).text,
  );
  const put = await send(created.url, { method: "PUT", headers: created.headers, body: bytes });
  expect(put.status).toBeLessThan(300);
  const done = await send(`${base}/api/uploads/${created.uploadId}/complete`, {
    method: "POST",
    headers: auth,
    body: "{}",
  });
  expect(done.status).toBe(200);
  return JSON.parse(done.text).file as { id: string };
}

test("npm start and the test server give the same answers", async () => {
  test.setTimeout(240_000);
  const dataDir = freshDataDir("one-way");
  let production: AppProcess | undefined;
  let tests: ChildProcess | undefined;
  try {
    migrateDatabase(throwawayServerEnv(dataDir, 0));
    production = await startApp(dataDir, BASE_PORT, { AUTH_SECRET: SECRET, WEB_CONCURRENCY: "1" });
    tests = await startTestServer(dataDir, BASE_PORT + 1);
    const servers = [production.url, `http://localhost:${BASE_PORT + 1}`];
    const owner = await userWithToken(production.url);
    const stranger = await userWithToken(production.url);
    const auth = (user: BenchUser) => ({ authorization: `Bearer ${user.token}`, "content-type": "application/json" });
    const file = await upload(production.url, owner, "private.txt", Buffer.from("the owner's bytes"));
    const post = (p: string, body: unknown) =>
      send(`${production!.url}${p}`, { method: "POST", headers: auth(owner), body: JSON.stringify(body) });
    const folder = JSON.parse((await post("/api/folders", { name: "Private" })).text).folder;
    const share = JSON.parse((await post(`/api/files/${file.id}/shares`, {})).text).share;
    const pending = JSON.parse((await post("/api/uploads", { name: "half.bin", size: 10, type: "text/plain" })).text);
    const tokens = JSON.parse((await send(`${production.url}/api/tokens`, { headers: auth(owner) })).text);
    // The owner's sign-in session (userWithToken signs in with the form before making its token).
    const sessions = JSON.parse((await send(`${production.url}/api/me/sessions`, { headers: auth(owner) })).text);
    const appPassword = JSON.parse((await post("/api/me/app-passwords", { name: "laptop", scope: "read" })).text);
    const victim: Victim = {
      appPasswordId: appPassword.id,
      // A passkey needs an authenticator to exist: both servers answer a missing one alike.
      passkeyId: "no-such-passkey",
      fileId: file.id,
      folderId: folder.id,
      grantId: "no-such-grant",
      groupId: "no-such-group",
      sessionId: sessions.items[0].id,
      shareId: share.id,
      tokenId: tokens.items[0].id,
      uploadId: pending.uploadId,
      userId: "someone-else",
      // A version's routes change things (restore, delete): both servers answer the same 404.
      versionId: "no-such-version",
      requestId: "no-such-request",
    };

    const compare = async (label: string, p: string, init: Parameters<typeof send>[1] = {}) => {
      const [a, b] = await Promise.all(servers.map((base) => send(`${base}${p}`, init)));
      expect(observable(b!), `${label}: the test server answers as npm start does`).toEqual(observable(a!));
      return a!;
    };

    const routes = declaredRoutes();
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (key === "POST /api/register" || route.path.startsWith("/api/auth/")) continue; // not repeatable; needs Next
      const needs = NEEDS[key] ?? {};
      const query = needs.query?.(victim);
      const target = `${urlPath(route, needs.params?.(victim) ?? {})}${query ? `?${query}` : ""}`;
      const body = needs.body?.(victim);
      const init = (headers: Record<string, string>) => ({
        method: route.method,
        headers: { ...headers, "content-type": needs.contentType ?? "application/json" },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      await compare(`${key} signed out`, target, init({}));
      if (!COUNTS_ATTEMPTS.test(route.path)) {
        await compare(`${key} as another user`, target, init({ authorization: `Bearer ${stranger.token}` }));
        continue;
      }
      // Its throttle counts the caller's wrong attempts in the shared database: a caller per server,
      // so that one server's attempts do not spend the other's.
      const answers = await Promise.all(
        servers.map(async (base) => {
          const caller = await userWithToken(production!.url);
          return send(`${base}${target}`, init({ authorization: `Bearer ${caller.token}` }));
        }),
      );
      expect(observable(answers[1]!), `${key} as another user`).toEqual(observable(answers[0]!));
    }

    // The fuzz's kinds of malformed input.
    const malformed: [string, string, Parameters<typeof send>[1]][] = [
      ["a malformed escape", "/api/files/%E0%A4%A", {}],
      ["a malformed escape in a share link", "/s/%E0%A4%A/zip", {}],
      ["an unknown path", "/api/no/such/thing", {}],
      ["an unknown method", "/api/me", { method: "PUT", headers: auth(stranger) }],
      // Next's route handlers cannot take such a method: npm start must hand it to the router itself.
      ["a method no route handler can take", "/api/me", { method: "PROPFIND", headers: auth(stranger) }],
      ["a trailing slash", "/api/me/", { headers: auth(stranger) }],
      ["invalid JSON", "/api/folders", { method: "POST", headers: auth(stranger), body: "{" }],
      ["a lone surrogate", "/api/folders", { method: "POST", headers: auth(stranger), body: '{"name":"\\ud800"}' }],
      ["deep nesting", "/api/folders", { method: "POST", headers: auth(stranger), body: "[".repeat(100) }],
      ["a body over 1 MiB", "/api/folders", { method: "POST", headers: auth(stranger), body: "x".repeat(1_100_000) }],
      ["NUL in a query", "/api/files?q=a%00b", { headers: auth(stranger) }],
      ["a wrong type of id", "/api/files/%20", { headers: auth(stranger) }],
    ];
    for (const [label, p, init] of malformed) await compare(label, p, init);

    // A blob GET (the owner's download) and PUTs with a wrong size and a made-up token.
    const download = await send(`${production.url}/api/files/${file.id}/download`, { headers: auth(owner) });
    const blobPath = new URL(download.headers.location!).pathname;
    const blob = await compare("a blob GET", blobPath);
    expect(blob.text).toBe("the owner's bytes");
    const lengths = await Promise.all(
      servers.map(async (base) => (await send(`${base}${blobPath}`)).headers["content-length"]),
    );
    expect(lengths).toEqual(["17", "17"]);
    const putPath = new URL(pending.url).pathname;
    await compare("a blob PUT of the wrong size", putPath, {
      method: "PUT",
      headers: pending.headers,
      body: "too long!!!",
    });
    await compare("a blob PUT with a made-up token", "/api/blob/not-a-token", { method: "PUT", body: "x" });
  } finally {
    tests?.kill("SIGTERM");
    await production?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("each stateful module of the app exists once per serving process", async () => {
  test.setTimeout(180_000);
  const dataDir = freshDataDir("instances");
  let app: AppProcess | undefined;
  try {
    migrateDatabase(throwawayServerEnv(dataDir, 0));
    app = await startApp(dataDir, BASE_PORT + 2, {
      LOG_LEVEL: "debug",
      WEB_CONCURRENCY: "2",
      SWEEP_INTERVAL_SECONDS: "1",
    });
    const user = await userWithToken(app.url);
    const INSTANCES = ["prisma client", "request context", "lease holder", "sweeper"];
    const counts = () => {
      const seen = new Map<number, Map<string, number>>();
      for (const line of app!.logLines()) {
        if (line.msg !== "instance created") continue;
        const perPid = seen.get(line.pid as number) ?? new Map<string, number>();
        perPid.set(line.instance as string, (perPid.get(line.instance as string) ?? 0) + 1);
        seen.set(line.pid as number, perPid);
      }
      return seen;
    };
    // Pages (server components), the API (route handlers), share links and the sweeper
    // (instrumentation) each use the database, in every worker, until both have made all four.
    await expect
      .poll(
        async () => {
          for (const p of ["/signin", "/s/no-such-link", "/api/me", "/files"]) {
            await send(`${app!.url}${p}`, { headers: { authorization: `Bearer ${user.token}` } });
          }
          const seen = counts();
          return [...seen.values()].filter((perPid) => INSTANCES.every((name) => perPid.has(name))).length;
        },
        { timeout: 90_000, intervals: [250] },
      )
      .toBe(2);
    const starting = app.logLines().find((line) => line.msg === "starting")!;
    const seen = counts();
    expect(seen.has(starting.pid as number), "the primary process never loads the app").toBe(false);
    expect(seen.size).toBe(2);
    for (const [pid, perPid] of seen) {
      expect(Object.fromEntries(perPid), `process ${pid}`).toEqual(Object.fromEntries(INSTANCES.map((n) => [n, 1])));
    }
  } finally {
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
