// WebDAV's door: HTTP Basic with the account's email and an API token or its password, 401 with the
// realm otherwise, the sign-in throttle, and one account's files invisible to another's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { listFiles, listFilesQuery } from "@/lib/files/list";
import { userActor } from "@/lib/files/access";
import { createAppPassword, revokeAppPassword } from "@/lib/auth/app-passwords";
import { startAppServer } from "../app-server";
import { newUser } from "../api";
import type { TestServer } from "../fetch-server";

let server: TestServer;
beforeAll(async () => {
  server = await startAppServer();
});
afterAll(() => server.stop());

const basic = (email: string, secret: string) => "Basic " + Buffer.from(`${email}:${secret}`).toString("base64");
const send = (method: string, path: string, authorization?: string, body?: string) =>
  fetch(`${server.url}${path}`, { method, body, headers: { depth: "1", ...(authorization ? { authorization } : {}) } });

describe("WebDAV sign-in", () => {
  it("answers 401 with the realm without valid credentials, and OPTIONS without any", async () => {
    const alice = await newUser();
    const bob = await newUser();
    for (const authorization of [
      undefined,
      basic(alice.email, "stw_wrong"),
      basic(alice.email, bob.token),
      "Bearer " + alice.token,
    ]) {
      const response = await send("PROPFIND", "/dav/", authorization);
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Basic realm="Stowage"/);
    }
    const options = await send("OPTIONS", "/dav/");
    expect(options.status).toBe(200);
    expect(options.headers.get("dav")).toBe("1, 2");
    expect(options.headers.get("ms-author-via")).toBe("DAV");
    const failures = await db.auditEvent.count({
      where: { action: "auth.sign_in.failed", details: { contains: alice.email } },
    });
    expect(failures).toBeGreaterThanOrEqual(2);
  });

  it("takes the account's password, and throttles guessing", async () => {
    const carol = await newUser();
    await db.user.update({
      where: { id: carol.id },
      data: { passwordHash: await hashPassword("correct horse battery") },
    });
    expect((await send("PROPFIND", "/dav/", basic(carol.email, "correct horse battery"))).status).toBe(207);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await send("PROPFIND", "/dav/", basic(carol.email, `guess ${i}`))).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
  });

  it("shows each account only its own files, and records changes in the audit log", async () => {
    const alice = await newUser();
    const bob = await newUser();
    expect((await send("PUT", "/dav/secret.txt", basic(alice.email, alice.token), "alice's")).status).toBe(201);
    expect((await send("GET", "/dav/secret.txt", basic(bob.email, bob.token))).status).toBe(404);
    expect(await (await send("PROPFIND", "/dav/", basic(bob.email, bob.token))).text()).not.toContain("secret.txt");
    expect((await send("DELETE", "/dav/secret.txt", basic(bob.email, bob.token))).status).toBe(404);
    const upload = await db.auditEvent.findFirst({ where: { actorId: alice.id, action: "file.upload" } });
    expect(JSON.parse(upload!.details!)).toMatchObject({ name: "secret.txt", via: "webdav" });
  });

  it("stores macOS side files but leaves them out of the web UI's listing (WEBDAV_MACOS_FILES=hide)", async () => {
    const dana = await newUser();
    const auth = basic(dana.email, dana.token);
    for (const name of ["photo.jpg", "._photo.jpg", ".DS_Store"]) {
      expect((await send("PUT", `/dav/${name}`, auth, "x")).status).toBe(201);
    }
    expect(await (await send("PROPFIND", "/dav/", auth)).text()).toContain("._photo.jpg");
    const listed = await listFiles(userActor(dana.id), listFilesQuery.parse({}));
    expect(listed.items.map((f) => f.name)).toEqual(["photo.jpg"]);
  });

  it("takes app passwords within their scope, and refuses the bare password once a second factor is on", async () => {
    const erin = await newUser();
    await db.user.update({ where: { id: erin.id }, data: { passwordHash: await hashPassword("erin's password") } });
    const actor = userActor(erin.id);
    const reader = await createAppPassword(actor, { name: "Kodi", scope: "read" });
    const writer = await createAppPassword(actor, { name: "rclone", scope: "write" });
    expect((await send("PUT", "/dav/notes.txt", basic(erin.email, writer.secret), "hello")).status).toBe(201);
    expect((await send("PROPFIND", "/dav/", basic(erin.email, reader.secret))).status).toBe(207);
    expect(await (await send("GET", "/dav/notes.txt", basic(erin.email, reader.secret))).text()).toBe("hello");
    const refused = await send("PUT", "/dav/other.txt", basic(erin.email, reader.secret), "x");
    expect(refused.status).toBe(403);
    expect((await send("DELETE", "/dav/notes.txt", basic(erin.email, reader.secret))).status).toBe(403);
    // Another account's email with this app password, and a revoked one, sign nobody in.
    const frank = await newUser();
    expect((await send("PROPFIND", "/dav/", basic(frank.email, writer.secret))).status).toBe(401);
    await revokeAppPassword(actor, writer.id);
    expect((await send("PROPFIND", "/dav/", basic(erin.email, writer.secret))).status).toBe(401);

    expect((await send("PROPFIND", "/dav/", basic(erin.email, "erin's password"))).status).toBe(207);
    await db.user.update({ where: { id: erin.id }, data: { totpEnabledAt: new Date() } });
    const bare = await send("PROPFIND", "/dav/", basic(erin.email, "erin's password"));
    expect(bare.status).toBe(401);
    expect(await bare.text()).toContain("app password");
    expect((await send("PROPFIND", "/dav/", basic(erin.email, reader.secret))).status).toBe(207);
  });
});
