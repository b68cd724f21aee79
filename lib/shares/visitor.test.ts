// The visitor gate's harder rules: passwords and their rate limit, folder links reaching only
// their subtree, previews that count nothing, and tokens a database copy cannot produce.
import crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as unlockRoute } from "@/app/s/[token]/handlers/unlock";
import * as previewRoute from "@/app/s/[token]/handlers/preview";
import { PATCH as patchRoute } from "@/app/api/shares/[id]/handlers";
import { POST as downloadPost } from "@/app/s/[token]/handlers/download";
import { db } from "@/lib/db";
import { userActor } from "@/lib/files/access";
import { deleteFolderForever, restoreFolder, trashFolder } from "@/lib/files/trash";
import * as zipRoute from "@/app/s/[token]/handlers/zip";
import { call, dispatch, newUser, ORIGIN } from "@/test/api";
import { folder, share, storedFile, visit } from "@/test/shares";
import { admitVisitor } from "./visit";
import { listShared } from "./download";
import { hashToken, shareToken, signedShareId } from "./tokens";

afterEach(() => {
  vi.useRealTimers();
});

const client = { ip: "203.0.113.50", userAgent: "t" };

describe("passwords", () => {
  it("asks for the password (403), refuses a wrong one (403), opens with the right one (302), by JSON or form", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const link = await share(user, { file: file.id }, { password: "open sesame" });
    expect(link.hasPassword).toBe(true);
    const missing = await visit(link.token);
    expect(missing.status).toBe(403);
    expect(missing.json.error).toMatchObject({ code: "forbidden", passwordRequired: true });
    expect((await visit(link.token, { password: "wrong", ip: "10.0.0.1" })).status).toBe(403);
    const right = await visit(link.token, { password: "open sesame", ip: "10.0.0.1" });
    expect(right.status).toBe(302);
    expect(right.headers.get("set-cookie")).toContain(`Path=/s/${link.token}`);
    // A plain HTML form (JavaScript off): the right password downloads, a wrong one returns to the page.
    expect((await visit(link.token, { password: "open sesame", form: true, ip: "10.0.0.2" })).status).toBe(302);
    const wrongForm = await visit(link.token, { password: "nope", form: true, ip: "10.0.0.2" });
    expect(wrongForm.status).toBe(303);
    expect(wrongForm.headers.get("location")).toBe(`/s/${link.token}?error=forbidden`);
    expect((await db.share.findUniqueOrThrow({ where: { id: link.id } })).downloadCount).toBe(2);
  });

  it("refuses malformed and oversized password bodies with 4xx, counting nothing", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const link = await share(user, { file: file.id }, { password: "pw" });
    const post = (body: string, type = "application/json") =>
      downloadPost(
        new Request(`${ORIGIN}/s/${link.token}/download`, { method: "POST", headers: { "content-type": type }, body }),
        { params: Promise.resolve({ token: link.token }) },
      );
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify({ password: 5 }))).status).toBe(400);
    expect((await post(JSON.stringify({ password: "x".repeat(2 * 1024 * 1024) }))).status).toBe(413);
    // A browser form is sent back to the page, which says what went wrong.
    const form = await post(`password=${"x".repeat(20_000)}`, "application/x-www-form-urlencoded");
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe(`/s/${link.token}?error=too_large`);
    expect((await db.share.findUniqueOrThrow({ where: { id: link.id } })).downloadCount).toBe(0);
  });

  it("the unlock cookie opens the link without the password, until the password changes", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const link = await share(user, { file: file.id }, { password: "pw-one" });
    const request = new Request(`${ORIGIN}/s/${link.token}/unlock`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-stowage-client-address": "10.1.1.1",
        accept: "text/html",
      },
      body: new URLSearchParams({ password: "pw-one" }),
    });
    const unlocked = await unlockRoute(request, { params: Promise.resolve({ token: link.token }) });
    expect(unlocked.status).toBe(303);
    expect(unlocked.headers.get("location")).toBe(`/s/${link.token}`);
    const cookie = unlocked.headers.get("set-cookie")!.split(";")[0];
    expect((await db.share.findUniqueOrThrow({ where: { id: link.id } })).downloadCount).toBe(0);
    expect((await visit(link.token, { cookie })).status).toBe(302);
    await call(patchRoute, {
      method: "PATCH",
      token: user.token,
      params: { id: link.id },
      body: { password: "pw-two" },
    });
    expect((await visit(link.token, { cookie })).status).toBe(403);
  });

  it("wrong passwords are limited per link and address: the 11th try answers 429 with Retry-After, even with the right password", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const link = await share(user, { file: file.id }, { password: "right" });
    for (let i = 0; i < 10; i++)
      expect((await visit(link.token, { password: `wrong${i}`, ip: "198.51.100.99" })).status).toBe(403);
    const limited = await visit(link.token, { password: "right", ip: "198.51.100.99" });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    expect(limited.json.error.message).toBe("Too many wrong passwords for this link. Try again in 15 minutes.");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Another client is not held back by this one's guesses.
    expect((await visit(link.token, { password: "right", ip: "198.51.100.100" })).status).toBe(302);
    // Nor are the same client's other links: guesses on one link never lock another.
    const other = await share(user, { file: file.id }, { password: "x" });
    expect((await visit(other.token, { password: "x", ip: "198.51.100.99" })).status).toBe(302);
  });

  it("three wrong on one link and seven on another lock neither (the issue's report)", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const [a, b] = [
      await share(user, { file: file.id }, { password: "pa" }),
      await share(user, { file: file.id }, { password: "pb" }),
    ];
    for (let i = 0; i < 3; i++)
      expect((await visit(a.token, { password: "no", ip: "198.51.100.61" })).status).toBe(403);
    for (let i = 0; i < 7; i++)
      expect((await visit(b.token, { password: "no", ip: "198.51.100.61" })).status).toBe(403);
    expect((await visit(a.token, { password: "pa", ip: "198.51.100.61" })).status).toBe(302);
    expect((await visit(b.token, { password: "pb", ip: "198.51.100.61" })).status).toBe(302);
  });

  it("wrong passwords are limited per link from everywhere, in the database, and the window ends", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const link = await share(user, { file: file.id }, { password: "right" });
    const start = Date.now();
    const attempt = (ip: string, password: string, at: number) =>
      admitVisitor({
        token: link.token,
        purpose: { kind: "view" },
        now: new Date(at),
        client: { ip, userAgent: null },
        password,
      });
    for (let i = 0; i < 20; i++)
      await expect(attempt(`192.0.2.${i}`, "bad", start)).rejects.toMatchObject({ code: "forbidden" });
    await expect(attempt("192.0.2.200", "right", start + 1000)).rejects.toMatchObject({
      code: "rate_limited",
      details: { retryAfterSeconds: 899 },
    });
    expect(await db.rateLimit.findUnique({ where: { key: `share-password:link:${link.id}` } })).toMatchObject({
      count: 20,
    });
    await expect(attempt("192.0.2.200", "right", start + 15 * 60_000 + 1)).resolves.toMatchObject({
      share: { id: link.id },
    });
  });

  /** One password attempt through the gate, answered as "open" or the error's code. */
  const guess = (token: string, password: string, ip: string | null) =>
    admitVisitor({ token, purpose: { kind: "view" }, now: new Date(), client: { ip, userAgent: "t" }, password }).then(
      () => "open",
      (error: { code: string }) => error.code,
    );
  const tally = (codes: string[]) =>
    Object.fromEntries(["forbidden", "rate_limited"].map((c) => [c, codes.filter((x) => x === c).length]));

  it("takes a guess from the limit before checking it: of 40 simultaneous guesses from one client, 10 are checked", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const link = await share(user, { file: file.id }, { password: "right" });
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => guess(link.token, `wrong${i}`, "198.51.100.7")),
    );
    expect(tally(burst)).toEqual({ forbidden: 10, rate_limited: 30 });
    expect(await guess(link.token, "right", "198.51.100.7")).toBe("rate_limited");
    // Every refusal is in the audit log, with why (never the password).
    const events = await db.auditEvent.findMany({ where: { action: "share.password.failed", target: link.id } });
    const reasons = events.map((e) => JSON.parse(e.details!) as { reason: string; via: string });
    expect(reasons.filter((r) => r.reason === "wrong_password")).toHaveLength(10);
    expect(reasons.filter((r) => r.reason === "throttled")).toHaveLength(31);
    expect(reasons.every((r) => r.via === `share:${link.id}`)).toBe(true);
    expect(events.every((e) => e.ip === "198.51.100.7" && !/wrong\d/.test(e.details!))).toBe(true);
  });

  it("of 80 simultaneous guesses from 80 addresses, the link's 20 are checked; the right password sent last is refused", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const link = await share(user, { file: file.id }, { password: "right" });
    const burst = await Promise.all(
      Array.from({ length: 80 }, (_, i) => guess(link.token, `wrong${i}`, `100.64.7.${i}`)),
    );
    expect(tally(burst)).toEqual({ forbidden: 20, rate_limited: 60 });
    expect(await guess(link.token, "right", "100.64.7.200")).toBe("rate_limited");
    // The refused clients got their attempt back: the link's limit, not theirs, held them.
    const clients = (await db.rateLimit.findMany()).filter((r) =>
      r.key.startsWith(`share-password:client:${link.id}:100.64.7.`),
    );
    expect(clients.map((r) => r.count).sort()).toEqual([...Array(20).fill(1), ...Array(61).fill(0)].sort());
  });

  it("a right password is not a guess: it gives its attempt back", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const link = await share(user, { file: file.id }, { password: "right" });
    for (let i = 0; i < 12; i++) expect(await guess(link.token, "right", "198.51.100.8")).toBe("open");
    expect(await guess(link.token, "wrong", "198.51.100.8")).toBe("forbidden");
  });

  it("without a reported address, guesses count against the link only (nobody locks out everyone)", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const [guessed, other] = [
      await share(user, { file: file.id }, { password: "a" }),
      await share(user, { file: file.id }, { password: "b" }),
    ];
    const attempt = (token: string, password: string) =>
      admitVisitor({
        token,
        purpose: { kind: "view" },
        now: new Date(),
        client: { ip: null, userAgent: null },
        password,
      });
    for (let i = 0; i < 20; i++)
      await expect(attempt(guessed.token, "bad")).rejects.toMatchObject({ code: "forbidden" });
    await expect(attempt(guessed.token, "a")).rejects.toMatchObject({ code: "rate_limited" });
    await expect(attempt(other.token, "b")).resolves.toMatchObject({ share: { id: other.id } });
  });
});

describe("folder links", () => {
  async function tree() {
    const user = await newUser();
    const shared = await folder(user, "Shared");
    const sub = await folder(user, "Sub", shared.id);
    const outside = await folder(user, "Outside");
    const files = {
      top: await storedFile(user, "top.txt", { folderId: shared.id }),
      deep: await storedFile(user, "deep.txt", { folderId: sub.id }),
      outside: await storedFile(user, "outside.txt", { folderId: outside.id }),
      root: await storedFile(user, "root.txt"),
    };
    const link = await share(user, { folder: shared.id });
    return { user, shared, sub, outside, files, link };
  }

  it("lists the folder and its subfolders read-only; each file downloads and counts one", async () => {
    const { shared, sub, files, link } = await tree();
    const admitted = await admitVisitor({ token: link.token, purpose: { kind: "view" }, now: new Date(), client });
    const top = await listShared(admitted);
    expect(top.folders.map((f) => f.name)).toEqual(["Sub"]);
    expect(top.files.map((f) => f.name)).toEqual(["top.txt"]);
    expect(top.path).toEqual([{ id: shared.id, name: "Shared" }]);
    const inner = await listShared(admitted, sub.id);
    expect(inner.files.map((f) => f.name)).toEqual(["deep.txt"]);
    expect(inner.path.map((p) => p.name)).toEqual(["Shared", "Sub"]);
    expect((await visit(link.token, { file: files.deep.id })).status).toBe(302);
    expect((await visit(link.token, { file: files.top.id })).status).toBe(302);
    expect((await visit(link.token)).status).toBe(400);
    expect((await db.share.findUniqueOrThrow({ where: { id: link.id } })).downloadCount).toBe(2);
  });

  it("reaches nothing outside the folder: other folders' and users' ids answer 404 and count nothing", async () => {
    const { outside, files, link } = await tree();
    const stranger = await newUser();
    const theirs = await storedFile(stranger, "theirs.txt");
    for (const id of [files.outside.id, files.root.id, theirs.id, "made-up"]) {
      expect((await visit(link.token, { file: id })).status).toBe(404);
    }
    const admitted = await admitVisitor({ token: link.token, purpose: { kind: "view" }, now: new Date(), client });
    await expect(listShared(admitted, outside.id)).rejects.toMatchObject({ code: "not_found" });
    const preview = await call(previewRoute.GET as never, {
      path: `/s/${link.token}/preview?file=${files.outside.id}`,
      params: { token: link.token },
    });
    expect(preview.status).toBe(404);
    expect((await db.share.findUniqueOrThrow({ where: { id: link.id } })).downloadCount).toBe(0);
  });

  it("a trashed subfolder drops out; the trashed shared folder answers 410 until restored", async () => {
    const { user, shared, sub, files, link } = await tree();
    const owner = userActor(user.id);
    await trashFolder(owner, sub.id);
    expect((await visit(link.token, { file: files.deep.id })).status).toBe(404);
    await trashFolder(owner, shared.id);
    expect((await visit(link.token, { file: files.top.id })).status).toBe(410);
    await restoreFolder(owner, shared.id);
    expect((await visit(link.token, { file: files.top.id })).status).toBe(302);
    await deleteFolderForever(owner, shared.id);
    expect((await visit(link.token, { file: files.top.id })).status).toBe(410);
  });
});

describe("Download all", () => {
  const zip = (token: string, folder?: string) =>
    call(zipRoute.GET as never, {
      path: `/s/${token}/zip${folder ? `?folder=${folder}` : ""}`,
      params: { token },
      headers: { "x-stowage-client-address": "203.0.113.9" },
    });

  it("streams the folder's live subtree as a zip and counts one download", async () => {
    const user = await newUser();
    const shared = await folder(user, "Album");
    const sub = await folder(user, "Extra", shared.id);
    const a = await storedFile(user, "a.txt", { folderId: shared.id });
    await storedFile(user, "b.txt", { folderId: sub.id });
    await storedFile(user, "elsewhere.txt");
    const link = await share(user, { folder: shared.id }, { maxDownloads: 2 });
    const res = await zip(link.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toContain("Album.zip");
    expect(res.headers.get("x-robots-tag")).toContain("noindex");
    expect(res.text).toContain("Album/a.txt");
    expect(res.text).toContain("Album/Extra/b.txt");
    expect(res.text).not.toContain("elsewhere.txt");
    expect(Number(res.headers.get("content-length"))).toBeGreaterThan(a.bytes.byteLength);
    const inner = await zip(link.token, sub.id);
    expect(inner.text).toContain("Extra/b.txt");
    expect(inner.text).not.toContain("a.txt");
    expect((await zip(link.token)).status).toBe(410);
    expect(await db.shareDownload.count({ where: { shareId: link.id, fileId: null } })).toBe(2);
  });

  it("counts nothing for a folder outside the link or a file link", async () => {
    const user = await newUser();
    const shared = await folder(user, "In");
    const outside = await folder(user, "Out");
    const file = await storedFile(user, "f.txt");
    const folderLink = await share(user, { folder: shared.id });
    const fileLink = await share(user, { file: file.id });
    expect((await zip(folderLink.token, outside.id)).status).toBe(404);
    expect((await zip(fileLink.token)).status).toBe(400);
    expect(
      await db.share.aggregate({ where: { id: { in: [folderLink.id, fileLink.id] } }, _sum: { downloadCount: true } }),
    ).toMatchObject({ _sum: { downloadCount: 0 } });
  });
});

describe("previews", () => {
  const preview = (token: string, id: string) =>
    call(previewRoute.GET as never, { path: `/s/${token}/preview?file=${id}`, params: { token } });

  it("redirect to a short inline URL for safe types, count nothing without a limit, and refuse unsafe types", async () => {
    const user = await newUser();
    const image = await storedFile(user, "cat.png", { type: "image/png" });
    const page = await storedFile(user, "page.html", { type: "text/html" });
    const link = await share(user, { file: image.id });
    for (let i = 0; i < 3; i++) {
      const res = await preview(link.token, image.id);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBeTruthy();
    }
    expect((await preview(link.token, page.id)).status).toBe(404);
    const htmlLink = await share(user, { file: page.id }, { maxDownloads: 1 });
    expect((await preview(htmlLink.token, page.id)).status).toBe(400);
    const rows = await db.share.findMany({ where: { id: { in: [link.id, htmlLink.id] } } });
    expect(rows.map((r) => r.downloadCount)).toEqual([0, 0]);
  });

  it("answer HEAD with 405 on the counting doors (zip, preview), using up nothing", async () => {
    const user = await newUser();
    const shared = await folder(user, "Checked");
    await storedFile(user, "a.txt", { folderId: shared.id });
    const link = await share(user, { folder: shared.id }, { maxDownloads: 1 });
    // Through the router, which would derive HEAD from GET for a route that does not answer it.
    for (const door of ["zip", "preview"]) {
      const res = await dispatch({ method: "HEAD", path: `/s/${link.token}/${door}` });
      expect(res.status, door).toBe(405);
      expect(res.headers.get("allow")).toBe("GET");
    }
    expect((await db.share.findUniqueOrThrow({ where: { id: link.id } })).downloadCount).toBe(0);
  });
});

describe("tokens", () => {
  it("are long and URL-safe, stored only as a hash, and cannot be made from a database copy", async () => {
    const user = await newUser();
    const file = await storedFile(user, "a.bin");
    const link = await share(user, { file: file.id });
    expect(link.token).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(link.token.split(".")[1].length).toBeGreaterThanOrEqual(22);
    const row = await db.share.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.tokenHash).toBe(hashToken(link.token));
    expect(JSON.stringify(row)).not.toContain(link.token.split(".")[1]);
    // Everything in the row, used as a token, opens nothing.
    for (const guess of [row.tokenHash, row.id, `${row.id}.${row.tokenHash.slice(0, 32)}`])
      expect((await visit(guess)).status).toBe(404);
    // Another server's secret (what an attacker with only the database would have to guess) gives another token.
    const otherKey = crypto.randomBytes(32);
    const forged = shareToken(row.id, otherKey);
    expect(forged).not.toBe(link.token);
    expect((await visit(forged)).status).toBe(404);
    expect(signedShareId(link.token)).toBe(row.id);
    expect(signedShareId(link.token, otherKey)).toBeNull();
    // The owner can copy the same link again later.
    expect(shareToken(row.id)).toBe(link.token);
  });
});
