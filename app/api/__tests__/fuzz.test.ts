// Malformed requests across every route of the one route list (test/routes.ts), generated with
// fast-check: bodies of the wrong types, huge, deeply nested, with lone surrogates and bidi
// controls; ids with malformed escapes, path traversal, great length; odd query strings; odd
// content types, cookies and credentials. Not one may answer 5xx; every JSON 4xx is in the
// error shape; afterwards the app still answers and its memory stayed bounded.
import fc from "fast-check";
import { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { describe, expect, it } from "vitest";
import { POST as createFolder } from "@/app/api/folders/handlers";
import { POST as createShare } from "@/app/api/files/[id]/shares/handlers";
import { POST as createUpload } from "@/app/api/uploads/handlers";
import { GET as me } from "@/app/api/me/handlers";
import { GET as health } from "@/app/api/health/handlers";
import { createAppPassword } from "@/lib/auth/app-passwords";
import { userActor } from "@/lib/files/access";
import { createApiToken } from "@/lib/auth/tokens";
import { startSession } from "@/lib/auth/sessions";
import { call, newUser, ORIGIN, sessionCookie } from "@/test/api";
import { createRequest } from "@/lib/requests/manage";
import { uploadFile } from "@/test/files";
import { API_ROUTES, urlPath, type ApiRoute, type Victim } from "@/test/routes";

const RUNS = 1200;
// next-auth's handler runs only inside a Next server (test/routes.ts); e2e/security.spec.ts probes it over HTTP.
const ROUTES = API_ROUTES.filter((route) => !route.needsNextServer);

/** Text that has broken servers before: escapes, traversal, controls, surrogates, bidi, length. */
const nasty = fc.oneof(
  fc.constantFrom(
    "%E0%A4%A",
    "%",
    "%%",
    "%00",
    "../../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "..\\..\\windows",
    "\u0000",
    "\uD800",
    "\uDFFFx",
    "a\u202Etxt.exe",
    "\u2066\u2069",
    "🙂".repeat(300),
    "x".repeat(5000),
    "",
    " ",
    "null",
    "undefined",
    '[1e30,"x"]',
    "constructor",
    "__proto__",
    "NaN",
    "-1",
    "1e309",
    "+275760-09-13T00:00:00.000Z",
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);

const scalar = fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map(String));

const nested = fc.integer({ min: 50, max: 5000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth));

/** A body: raw text, or JSON of the route's own body with fields replaced, or anything at all. */
function bodyFor(route: ApiRoute, victim: Victim) {
  const valid = route.body?.(victim);
  const fields = valid && typeof valid === "object" ? Object.keys(valid) : ["name", "id"];
  return fc.oneof(
    fc.constant(undefined),
    nasty,
    nested,
    fc.constantFrom("{", '{"a":', "[", "\uFEFF{}", '{"name":"\\ud800"}', '{"__proto__":{"x":1}}'),
    fc
      .record(Object.fromEntries(fields.map((f) => [f, fc.oneof(scalar, fc.array(scalar, { maxLength: 5 }))])), {
        requiredKeys: [],
      })
      .map((value) => JSON.stringify(value)),
    fc.anything({ maxDepth: 4 }).map((value) => {
      try {
        return JSON.stringify(value) ?? "null";
      } catch {
        return "null";
      }
    }),
    fc.integer({ min: 1, max: 3 }).map((mib) => JSON.stringify({ name: "x".repeat(mib * 512 * 1024) })),
  );
}

const queryArb = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        "cursor",
        "sort",
        "order",
        "limit",
        "folderId",
        "q",
        "permanent",
        "inline",
        "file",
        "action",
        "from",
        "to",
        "person",
        "target",
      ),
      nasty,
    ),
    { maxLength: 4 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&"));

const contentType = fc.constantFrom(
  undefined,
  "application/json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "image/webp",
  "application/json; charset=utf-16",
  "\u00ff/\u00ff",
);

type Caller = "user" | "admin" | "none" | "bad-token" | "bad-cookie";

describe("fuzz", () => {
  it(`answers ${RUNS} malformed requests across every route without a 5xx, in the error shape`, async () => {
    const user = await newUser();
    const admin = await newUser({ role: "ADMIN" });
    const file = await uploadFile(user, "mine.txt", new TextEncoder().encode("fuzz"));
    await uploadFile(user, "mine.txt", new TextEncoder().encode("fuzz again"), { replace: true });
    const version = await db.fileVersion.findFirstOrThrow({ where: { fileId: file.id } });
    const folder = await call(createFolder, { method: "POST", token: user.token, body: { name: "Mine" } });
    const share = await call(createShare, { method: "POST", token: user.token, params: { id: file.id }, body: {} });
    const upload = await call(createUpload, {
      method: "POST",
      token: user.token,
      body: { name: "half.bin", size: 10, type: "application/octet-stream" },
    });
    // The fuzz may revoke these (a token, a session); its own credential stays.
    const spare = await createApiToken(user.id, "spare");
    const spareSession = await startSession(user.id);
    const spareAppPassword = await createAppPassword(userActor(user.id), { name: "spare", scope: "read" });
    // The user's folder shared with the admin, and a group: the fuzz changes and removes them too.
    const group = await db.group.create({
      data: { name: `fuzz ${user.id}`, members: { create: { userId: user.id } } },
    });
    const grant = await db.grant.create({
      data: { ownerId: user.id, folderId: folder.json.folder.id, userId: admin.id, role: "VIEWER" },
    });
    await db.user.update({ where: { id: admin.id }, data: { mayHoldGrants: true } }); // as createGrant does
    const own: Victim = {
      appPasswordId: spareAppPassword.id,
      passkeyId: "no-such-passkey",
      fileId: file.id,
      folderId: folder.json.folder.id,
      grantId: grant.id,
      groupId: group.id,
      sessionId: spareSession.sid,
      shareId: share.json.share.id,
      tokenId: spare.id,
      uploadId: upload.json.uploadId,
      userId: user.id,
      versionId: version.id,
      requestId: (await createRequest(userActor(user.id), folder.json.folder.id, { expiresIn: 3600 })).request.id,
    };
    const cookies = { user: await sessionCookie(user.id) };
    const before = process.memoryUsage().rss;
    const started = Date.now();

    const caseArb = fc.integer({ min: 0, max: ROUTES.length - 1 }).chain((index) => {
      const route = ROUTES[index]!;
      const paramNames = [...route.path.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);
      return fc.record({
        route: fc.constant(route),
        params: fc.record(
          Object.fromEntries(
            paramNames.map((name) => [
              name,
              route.path.includes("[...")
                ? fc.array(nasty, { minLength: 1, maxLength: 3 })
                : fc.oneof(nasty, fc.constantFrom(...Object.values(own))),
            ]),
          ),
        ),
        query: queryArb,
        body: bodyFor(route, own),
        contentType,
        caller: fc.constantFrom<Caller>("user", "user", "user", "admin", "none", "bad-token", "bad-cookie"),
        cookie: fc.oneof(
          fc.constant(undefined),
          nasty.map((v) => `next-auth.session-token=${v}`),
        ),
      });
    });

    let count = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        count += 1;
        const headers = new Headers();
        if (c.contentType) headers.set("content-type", c.contentType);
        if (c.caller === "user") headers.set("authorization", `Bearer ${user.token}`);
        if (c.caller === "admin") headers.set("authorization", `Bearer ${admin.token}`);
        if (c.caller === "bad-token") headers.set("authorization", "Bearer stw_not-a-real-token");
        if (c.caller === "bad-cookie") headers.set("cookie", `${cookies.user.slice(0, -5)}AAAAA`);
        else if (c.cookie) headers.set("cookie", c.cookie.replace(/[^\t\x20-\x7e\x80-\xff]/g, "?"));
        const path = `${urlPath(c.route, c.params)}${c.query ? `?${c.query}` : ""}`;
        const hasBody = !["GET", "HEAD"].includes(c.route.method) && c.body !== undefined;
        let request: NextRequest;
        try {
          request = new NextRequest(`${ORIGIN}${path}`, {
            method: c.route.method,
            headers,
            body: hasBody ? (c.body as string) : undefined,
          });
        } catch {
          return; // a URL no client can send (the WHATWG parser refuses it)
        }
        const response = await c.route.handler(request, { params: Promise.resolve(c.params) });
        const text = c.route.method === "HEAD" ? "" : await response.text();
        const where = `${c.route.method} ${path.slice(0, 200)} (${c.caller}) -> ${response.status} ${text.slice(0, 300)}`;
        expect(response.status, where).toBeLessThan(500);
        const json = (response.headers.get("content-type") ?? "").includes("application/json");
        if (response.status >= 400 && json && c.route.method !== "HEAD") {
          const json = JSON.parse(text);
          expect(typeof json.error?.code, where).toBe("string");
          expect(typeof json.error?.message, where).toBe("string");
          expect(text, where).not.toMatch(/\n\s+at |node_modules/);
        }
      }),
      { numRuns: RUNS },
    );
    expect(count).toBeGreaterThanOrEqual(RUNS);

    // Still healthy: a normal request is answered as before, and memory did not run away.
    expect((await call(me, { token: user.token })).status).toBe(200);
    expect((await health()).status).toBe(200);
    const grownMiB = (process.memoryUsage().rss - before) / 1024 / 1024;
    expect(grownMiB).toBeLessThan(300);
    console.info(`fuzz: ${count} requests in ${Date.now() - started} ms, rss +${grownMiB.toFixed(0)} MiB`);
  }, 120_000);
});
