// Bad input of every shape gets a 4xx in the error shape: never a 500, never a stack trace.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as createUpload } from "../uploads/handlers";
import { POST as signParts } from "../uploads/[id]/parts/handlers";
import { POST as complete } from "../uploads/[id]/complete/handlers";
import { DELETE as abort } from "../uploads/[id]/handlers";
import { GET as listFiles } from "../files/handlers";
import { GET as download } from "../files/[id]/download/handlers";
import { PATCH as adminPatch } from "../admin/users/[id]/handlers";
import { POST as register } from "../register/handlers";
import { POST as createToken } from "../tokens/handlers";
import { POST as createFolder } from "../folders/handlers";
import { GET as authGet } from "../auth/[...nextauth]/handlers";
import { MAX_JSON_BYTES } from "@/lib/http/route";
import { call, newUser, ORIGIN, readReply, type Reply } from "@/test/api";

/** next-auth's handler wants a NextRequest (it reads `nextUrl`), as Next gives it. */
async function nextAuthGet(path: string) {
  const nextauth = path.replace("/api/auth/", "").split("/");
  return readReply(await authGet(new NextRequest(`${ORIGIN}${path}`), { params: Promise.resolve({ nextauth }) }));
}

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("bad input", () => {
  it("answers 4xx in the error shape for every malformed request", async () => {
    const user = await newUser();
    const admin = await newUser({ role: "ADMIN" });
    const upload = (
      await call(createUpload, {
        method: "POST",
        token: user.token,
        body: { name: "a.bin", size: 10, type: "application/octet-stream" },
      })
    ).json;
    const cases: [string, Promise<Reply>][] = [
      ["upload: null body", call(createUpload, { method: "POST", token: user.token, body: "null" })],
      ["upload: array body", call(createUpload, { method: "POST", token: user.token, body: "[]" })],
      // Found by the fuzz: an id holding a lone surrogate reached the database and failed there (a 500).
      ["download: lone surrogate id", call(download, { token: user.token, params: { id: "\uD800" } })],
      ["abort: lone surrogate id", call(abort, { method: "DELETE", token: user.token, params: { id: "x\uDFFF" } })],
      // Found by the fuzz on PostgreSQL, whose text cannot hold NUL: a 500 there, refused on both databases now.
      ["download: NUL in the id", call(download, { token: user.token, params: { id: "\u0000" } })],
      [
        "upload: NUL in the name",
        call(createUpload, {
          method: "POST",
          token: user.token,
          body: '{"name":"a\\u0000.txt","size":1,"type":"text/plain"}',
        }),
      ],
      // Found by the fuzz: nesting this deep overflowed the parser's stack (a 500).
      [
        "folder: body nested 100,000 deep",
        call(createFolder, { method: "POST", token: user.token, body: "[".repeat(100_000) + "]".repeat(100_000) }),
      ],
      [
        "upload: huge size",
        call(createUpload, { method: "POST", token: user.token, body: { name: "x", size: 1e300, type: "text/plain" } }),
      ],
      [
        "upload: numeric folderId",
        call(createUpload, {
          method: "POST",
          token: user.token,
          body: { name: "x", size: 1, type: "text/plain", folderId: 123 },
        }),
      ],
      // Issue 12 finding 11: a right-to-left override makes "a\u202Etxt.exe" read as "aexe.txt".
      [
        "upload: bidi override in the name",
        call(createUpload, {
          method: "POST",
          token: user.token,
          body: { name: "invoice\u202Efdp.exe", size: 1, type: "text/plain" },
        }),
      ],
      [
        "folder: bidi isolate in the name",
        call(createFolder, { method: "POST", token: user.token, body: { name: "photos\u2067x" } }),
      ],
      [
        "upload: name object",
        call(createUpload, {
          method: "POST",
          token: user.token,
          body: { name: { a: 1 }, size: 1, type: "text/plain" },
        }),
      ],
      [
        "parts: strings",
        call(signParts, {
          method: "POST",
          token: user.token,
          params: { id: upload.uploadId },
          body: { partNumbers: ["1"] },
        }),
      ],
      [
        "parts: empty",
        call(signParts, {
          method: "POST",
          token: user.token,
          params: { id: upload.uploadId },
          body: { partNumbers: [] },
        }),
      ],
      [
        "parts: unknown upload",
        call(signParts, {
          method: "POST",
          token: user.token,
          params: { id: "x".repeat(5000) },
          body: { partNumbers: [1] },
        }),
      ],
      [
        "complete: etag object",
        call(complete, {
          method: "POST",
          token: user.token,
          params: { id: upload.uploadId },
          body: { parts: [{ partNumber: 1, etag: {} }] },
        }),
      ],
      [
        "complete: parts not array",
        call(complete, { method: "POST", token: user.token, params: { id: upload.uploadId }, body: { parts: "all" } }),
      ],
      ["abort: unknown", call(abort, { method: "DELETE", token: user.token, params: { id: "nope" } })],
      ["list: limit text", call(listFiles, { token: user.token, path: "/api/files?limit=abc" })],
      [
        "list: cursor of wrong type",
        call(listFiles, { token: user.token, path: `/api/files?sort=size&cursor=${cursor(["name", "id"])}` }),
      ],
      [
        "list: cursor not JSON",
        call(listFiles, { token: user.token, path: `/api/files?cursor=${Buffer.from("{{").toString("base64url")}` }),
      ],
      [
        "list: cursor wrong shape",
        call(listFiles, { token: user.token, path: `/api/files?sort=createdAt&cursor=${cursor({ a: 1 })}` }),
      ],
      ["download: unknown", call(download, { token: user.token, params: { id: "nope" } })],
      ["download: pending file", call(download, { token: user.token, params: { id: upload.fileId } })],
      [
        "admin: quota text",
        call(adminPatch, {
          method: "PATCH",
          token: admin.token,
          params: { id: user.id },
          body: { quotaBytes: "lots" },
        }),
      ],
      [
        "admin: unknown field",
        call(adminPatch, { method: "PATCH", token: admin.token, params: { id: user.id }, body: { isRoot: true } }),
      ],
      [
        "admin: fractional quota",
        call(adminPatch, { method: "PATCH", token: admin.token, params: { id: user.id }, body: { quotaBytes: 1.5 } }),
      ],
      [
        "register: long email",
        call(register, { method: "POST", body: { email: `${"a".repeat(300)}@example.com`, password: "password123" } }),
      ],
      [
        "register: password number",
        call(register, { method: "POST", body: { email: "n@example.com", password: 12345678 } }),
      ],
      ["token: long name", call(createToken, { method: "POST", token: user.token, body: { name: "x".repeat(101) } })],
      // Lone UTF-16 surrogates: JSON can spell them, Unicode text (names, headers, the database) cannot hold them.
      [
        "upload: lone surrogate name",
        call(createUpload, {
          method: "POST",
          token: user.token,
          body: '{"name":"a\\ud800.txt","size":1,"type":"text/plain"}',
        }),
      ],
      [
        "upload: lone low surrogate",
        call(createUpload, {
          method: "POST",
          token: user.token,
          body: '{"name":"\\udc00","size":1,"type":"text/plain"}',
        }),
      ],
      [
        "token: lone surrogate name",
        call(createToken, { method: "POST", token: user.token, body: '{"name":"\\ud83d"}' }),
      ],
      [
        "register: lone surrogate name",
        call(register, { method: "POST", body: '{"email":"s@example.com","password":"password123","name":"\\udfff"}' }),
      ],
      [
        "register: lone surrogate key",
        call(register, { method: "POST", body: '{"email":"k@example.com","password":"password123","\\ud800":1}' }),
      ],
      // Cursors whose values no file can have.
      [
        "list: size cursor 1e30",
        call(listFiles, { token: user.token, path: `/api/files?sort=size&cursor=${cursor([1e30, "x"])}` }),
      ],
      [
        "list: negative size cursor",
        call(listFiles, { token: user.token, path: `/api/files?sort=size&cursor=${cursor([-1, "x"])}` }),
      ],
      [
        "list: date cursor year 275760",
        call(listFiles, {
          token: user.token,
          path: `/api/files?sort=createdAt&cursor=${cursor(["+275760-09-13T00:00:00.000Z", "x"])}`,
        }),
      ],
      [
        "list: date cursor year 10000",
        call(listFiles, {
          token: user.token,
          path: `/api/files?sort=createdAt&order=desc&cursor=${cursor(["+010000-01-01T00:00:00.000Z", "x"])}`,
        }),
      ],
      ["next-auth: GET credentials callback", nextAuthGet("/api/auth/callback/credentials")],
    ];
    const results = await Promise.all(cases.map(async ([label, pending]) => [label, await pending] as const));
    // Every case that answered 5xx, named at once (not only the first).
    expect(results.filter(([, res]) => res.status >= 500).map(([label]) => label)).toEqual([]);
    for (const [label, res] of results) {
      expect(res.status, `${label}: ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${label}: ${res.text}`).toBeLessThan(500);
      expect(res.json?.error, label).toEqual(
        expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
      );
      expect(res.text, label).not.toMatch(/\bat .+:\d+:\d+/);
    }
  });

  it("refuses JSON bodies over 1 MiB with 413 too_large, by Content-Length or while reading", async () => {
    const big = JSON.stringify({ email: "big@example.com", password: "x".repeat(MAX_JSON_BYTES), name: "big" });
    const declared = await call(register, { method: "POST", body: big });
    expect(declared.status).toBe(413);
    expect(declared.json.error.code).toBe("too_large");

    // No Content-Length (chunked): counted while reading, and reading stops at the cap.
    let pulled = 0;
    const chunk = new TextEncoder().encode(`{"pad":"${"y".repeat(64 * 1024)}`);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(`${ORIGIN}/api/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    const streamed = await register(request, { params: Promise.resolve({}) });
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.code).toBe("too_large");
    expect(pulled).toBeLessThan(MAX_JSON_BYTES + 4 * chunk.byteLength);

    // Just under the cap is read as usual (the unknown field is ignored).
    const fits = await call(register, {
      method: "POST",
      body: { email: "fits@example.com", password: "p".repeat(1000), pad: "z".repeat(MAX_JSON_BYTES - 2000) },
    });
    expect(fits.status).toBe(201);
  });

  it("names the failing field of a 400 in `field`", async () => {
    const email = await call(register, { method: "POST", body: { email: "not-an-email", password: "password123" } });
    expect(email.json.error).toMatchObject({
      code: "invalid_request",
      field: "email",
      message: "Enter a valid email address.",
    });
    const password = await call(register, { method: "POST", body: { email: "f@example.com", password: "short" } });
    expect(password.json.error).toMatchObject({ field: "password", message: "Use at least 8 characters." });
    const user = await newUser();
    const nested = await call(createUpload, {
      method: "POST",
      token: user.token,
      body: { name: "", size: 1, type: "text/plain" },
    });
    expect(nested.json.error).toMatchObject({ code: "invalid_request", field: "name" });
    await call(register, { method: "POST", body: { email: "taken@example.com", password: "password123" } });
    const taken = await call(register, {
      method: "POST",
      body: { email: "taken@example.com", password: "password123" },
    });
    expect(taken.status).toBe(409);
    expect(taken.json.error).toMatchObject({ code: "conflict", field: "email" });
  });
});
