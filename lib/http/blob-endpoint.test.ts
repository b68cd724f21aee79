// What /api/blob/<token> answers, case by case, called directly (no HTTP server): the token
// checks, the body checks, Range, the download headers, and how storage failures map.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { handleBlobRequest, parseRange } from "./blob-endpoint";
import { bytesOf, signedInThePast, streamOf } from "@/test/contracts/driver-contract";
import { InsufficientStorageError, StorageUnavailableError } from "../storage/errors";
import { getDriver, resetStorageForTests } from "../storage";
import { newStorageKey } from "../storage/keys";
import type { LocalDriver } from "../storage/local";
import type { SignedRequest } from "../storage/types";
import { signUrlToken, tokenFromBlobUrl } from "../storage/url-token";

beforeAll(() => {
  process.env.APP_URL = "http://app.test";
  delete process.env.STORAGE_DRIVER;
  delete process.env.S3_BUCKET;
  resetEnvCache();
  resetStorageForTests();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const local = () => getDriver("local") as LocalDriver;

function call(
  signed: Pick<SignedRequest, "url">,
  init: { method?: string; body?: BodyInit | null; headers?: Record<string, string> } = {},
): Promise<Response> {
  const request = new Request(signed.url, { duplex: "half", ...init } as RequestInit);
  return handleBlobRequest(request, tokenFromBlobUrl(signed.url)!);
}

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, ...body.error };
}

const put = (key: string, size: number, type = "text/plain") =>
  local().createUploadUrl({ key, size, type, expiresIn: 60 });
const exists = (key: string) => fs.existsSync(path.join(local().root, ...key.split("/")));

describe("blob endpoint: tokens and methods", () => {
  it("403 forbidden for a tampered or junk token", async () => {
    const signed = await put(newStorageKey("o"), 3);
    const token = tokenFromBlobUrl(signed.url)!;
    const dot = token.indexOf(".");
    const forged = token.slice(0, dot + 1) + (token[dot + 1] === "A" ? "B" : "A") + token.slice(dot + 2);
    for (const t of [forged, "junk", "a.b"]) {
      const res = await handleBlobRequest(
        new Request(`http://app.test/api/blob/${t}`, { method: "PUT", body: "abc", duplex: "half" } as RequestInit),
        t,
      );
      expect(await errorOf(res)).toMatchObject({ status: 403, code: "forbidden" });
    }
  });

  it("403 forbidden for an expired token, as S3 answers, so clients ask for a fresh URL", async () => {
    const signed = await signedInThePast(120, () => put(newStorageKey("o"), 3));
    expect(await errorOf(await call(signed, { method: "PUT", body: "abc" }))).toMatchObject({
      status: 403,
      code: "forbidden",
      message: expect.stringContaining("expired"),
    });
  });

  it("refuses a PUT the app's policy says can no longer be written, and keeps nothing", async () => {
    const key = newStorageKey("o");
    const signed = await put(key, 3);
    const request = new Request(signed.url, {
      method: "PUT",
      body: "abc",
      headers: { "content-type": "text/plain" },
      duplex: "half",
    } as RequestInit);
    const res = await handleBlobRequest(request, tokenFromBlobUrl(signed.url)!, { canWrite: async (k) => k !== key });
    expect(await errorOf(res)).toMatchObject({ status: 403, code: "forbidden" });
    expect(exists(key)).toBe(false);
  });

  it("403 forbidden for a method the token is not for", async () => {
    const key = newStorageKey("o");
    const upload = await put(key, 3);
    const res = await call(upload, { method: "GET" });
    expect(res.headers.get("allow")).toBe("PUT, OPTIONS");
    expect(await errorOf(res)).toMatchObject({ status: 403, code: "forbidden" });
    await local().write(key, streamOf("abc"), 3);
    const download = await local().createDownloadUrl({
      key,
      filename: "a",
      type: "text/plain",
      disposition: "attachment",
      expiresIn: 60,
    });
    for (const method of ["PUT", "DELETE", "POST"]) {
      expect(await errorOf(await call(download, { method, body: method === "DELETE" ? null : "abc" }))).toMatchObject({
        status: 403,
        code: "forbidden",
      });
    }
    expect((await bytesOf((await local().read(key)).body)).toString()).toBe("abc");
  });

  it("answers OPTIONS with the allowed methods", async () => {
    const res = await call(await put(newStorageKey("o"), 3), { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("allow")).toBe("PUT, OPTIONS");
  });
});

describe("blob endpoint: uploads", () => {
  it("400 for a Content-Length other than signed, before reading the body", async () => {
    const key = newStorageKey("o");
    const res = await call(await put(key, 3), {
      method: "PUT",
      body: "abcd",
      headers: { "content-length": "4", "content-type": "text/plain" },
    });
    expect(await errorOf(res)).toMatchObject({
      status: 400,
      code: "invalid_request",
      message: expect.stringContaining("Content-Length must be 3"),
    });
    expect(exists(key)).toBe(false);
  });

  it("400 for a missing body", async () => {
    const key = newStorageKey("o");
    const res = await call(await put(key, 3), { method: "PUT", headers: { "content-type": "text/plain" } });
    expect(await errorOf(res)).toMatchObject({ status: 400, code: "invalid_request" });
    expect(exists(key)).toBe(false);
  });

  it("413 too_large for a streamed body longer than signed (no Content-Length), keeping nothing", async () => {
    const key = newStorageKey("o");
    const res = await call(await put(key, 5), {
      method: "PUT",
      body: streamOf("abc", "def"),
      headers: { "content-type": "text/plain" },
    });
    expect(await errorOf(res)).toMatchObject({ status: 413, code: "too_large" });
    expect(exists(key)).toBe(false);
  });

  it("400 for a streamed body shorter than signed, keeping nothing", async () => {
    const key = newStorageKey("o");
    const res = await call(await put(key, 10), {
      method: "PUT",
      body: streamOf("abc"),
      headers: { "content-type": "text/plain" },
    });
    expect(await errorOf(res)).toMatchObject({ status: 400, code: "invalid_request" });
    expect(exists(key)).toBe(false);
  });

  it("403 for another Content-Type than signed", async () => {
    const key = newStorageKey("o");
    const res = await call(await put(key, 3, "image/png"), {
      method: "PUT",
      body: "abc",
      headers: { "content-type": "text/html" },
    });
    expect(await errorOf(res)).toMatchObject({
      status: 403,
      code: "forbidden",
      message: expect.stringContaining("image/png"),
    });
    expect(exists(key)).toBe(false);
  });

  it("accepts a zero-byte upload without a body", async () => {
    const key = newStorageKey("o");
    const res = await call(await put(key, 0, "application/octet-stream"), { method: "PUT" });
    expect(res.status).toBe(200);
    expect((await local().stat(key)).size).toBe(0);
  });

  it("answers a part upload with its ETag, which completes the upload", async () => {
    const key = newStorageKey("o");
    const { uploadId } = await local().createMultipart({ key, type: "text/plain", partSize: 3 });
    const res = await call(await local().signPart({ key, uploadId, partNumber: 1, size: 3, expiresIn: 60 }), {
      method: "PUT",
      body: "abc",
    });
    expect(res.status).toBe(200);
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    await local().completeMultipart({ key, uploadId, parts: [{ partNumber: 1, etag }] });
    expect((await bytesOf((await local().read(key)).body)).toString()).toBe("abc");
  });

  it("404 for a part of an unknown multipart upload", async () => {
    const key = newStorageKey("o");
    const { token } = signUrlToken(
      { op: "part", driver: "local", key, size: 3, uploadId: "AAAAAAAAAAAAAAAAAAAAAA", partNumber: 1 },
      60,
    );
    const res = await call({ url: `http://app.test/api/blob/${token}` }, { method: "PUT", body: "abc" });
    expect(await errorOf(res)).toMatchObject({ status: 404, code: "not_found" });
  });

  it("507 insufficient_storage when the disk is full", async () => {
    vi.spyOn(local(), "putObject").mockRejectedValue(new InsufficientStorageError("disk full"));
    const res = await call(await put(newStorageKey("o"), 3), {
      method: "PUT",
      body: "abc",
      headers: { "content-type": "text/plain" },
    });
    expect(await errorOf(res)).toMatchObject({ status: 507, code: "insufficient_storage" });
  });

  it("503 storage_unavailable when the store is down, without internals", async () => {
    vi.spyOn(local(), "putObject").mockRejectedValue(
      new StorageUnavailableError("Cannot reach http://10.0.0.1:9000 (ECONNREFUSED)"),
    );
    const res = await call(await put(newStorageKey("o"), 3), {
      method: "PUT",
      body: "abc",
      headers: { "content-type": "text/plain" },
    });
    const err = await errorOf(res);
    expect(err).toMatchObject({ status: 503, code: "storage_unavailable" });
    expect(err.message).not.toContain("10.0.0.1");
  });
});

describe("blob endpoint: downloads", () => {
  let key: string;
  beforeAll(async () => {
    key = newStorageKey("dl");
    await local().write(key, streamOf("0123456789"), 10);
  });
  const get = (type = "text/plain", disposition: "inline" | "attachment" = "attachment") =>
    local().createDownloadUrl({ key, filename: "digits.txt", type, disposition, expiresIn: 60 });

  it("streams the object with safe headers", async () => {
    const res = await call(await get());
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "text/plain",
      "content-length": "10",
      "content-disposition": `attachment; filename="digits.txt"; filename*=UTF-8''digits.txt`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-transform",
      "accept-ranges": "bytes",
    });
    expect(await res.text()).toBe("0123456789");
  });

  it("sandboxes inline content and forces HTML to attachment even with a hand-made token", async () => {
    const inline = await call(await get("image/png", "inline"));
    expect(inline.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(inline.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    await inline.arrayBuffer();
    const { token } = signUrlToken(
      { op: "get", driver: "local", key, type: "text/html", disposition: "inline", filename: "x.html" },
      60,
    );
    const html = await call({ url: `http://app.test/api/blob/${token}` });
    expect(html.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect(html.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    await html.arrayBuffer();
  });

  it("serves byte ranges with 206 and Content-Range", async () => {
    const cases: [string, string, string][] = [
      ["bytes=2-4", "bytes 2-4/10", "234"],
      ["bytes=7-", "bytes 7-9/10", "789"],
      ["bytes=-3", "bytes 7-9/10", "789"],
      ["bytes=8-100", "bytes 8-9/10", "89"],
    ];
    for (const [range, contentRange, body] of cases) {
      const res = await call(await get(), { headers: { range } });
      expect(res.status, range).toBe(206);
      expect(res.headers.get("content-range")).toBe(contentRange);
      expect(res.headers.get("content-length")).toBe(String(body.length));
      expect(await res.text()).toBe(body);
    }
  });

  it("416 for a range outside the object; ignores malformed and multi-ranges", async () => {
    const res = await call(await get(), { headers: { range: "bytes=10-20" } });
    expect(res.headers.get("content-range")).toBe("bytes */10");
    expect(await errorOf(res)).toMatchObject({ status: 416, code: "range_not_satisfiable" });
    for (const range of ["bytes=0-1,4-5", "items=1-2", "bytes=5-2"]) {
      const whole = await call(await get(), { headers: { range } });
      expect(whole.status, range).toBe(200);
      expect(await whole.text()).toBe("0123456789");
    }
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await call(await get(), { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe("10");
    expect(await res.text()).toBe("");
  });

  it("404 not_found for a missing object", async () => {
    const gone = await local().createDownloadUrl({
      key: newStorageKey("dl"),
      filename: "x",
      type: "text/plain",
      disposition: "attachment",
      expiresIn: 60,
    });
    expect(await errorOf(await call(gone))).toMatchObject({ status: 404, code: "not_found" });
  });

  it("parses ranges like RFC 9110", () => {
    expect(parseRange(null, 10)).toBeNull();
    expect(parseRange("bytes=0-0", 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange("bytes=-20", 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange("bytes=-0", 10)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-", 0)).toBe("unsatisfiable");
    expect(parseRange("bytes=-", 10)).toBeNull();
  });
});
