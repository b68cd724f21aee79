// The contract every storage driver keeps, run by lib/storage/local.test.ts and s3.test.ts
// (presigned and relay mode). Signed URLs are used with plain fetch, the way a browser would: for
// S3 they go straight to the S3 server, for app-served URLs to a small HTTP server running the
// blob route.
import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { IntegrityError, InvalidRangeError, ObjectNotFoundError } from "@/lib/storage/errors";
import { newStorageKey } from "@/lib/storage/keys";
import type { SignedRequest, StorageDriver } from "@/lib/storage/types";

export interface ContractOptions {
  /** Label in test names. */
  label: string;
  driver: () => StorageDriver;
  /** Whether the driver's URLs point at the app (`/api/blob/`) rather than at the bucket. */
  appUrls: boolean;
}

const enc = new TextEncoder();

export function streamOf(...chunks: (Uint8Array | string)[]): ReadableStream<Uint8Array> {
  const queue = chunks.map((c) => (typeof c === "string" ? enc.encode(c) : c));
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

export async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return Buffer.concat(parts);
}

export function send(
  signed: SignedRequest,
  body?: Uint8Array | string,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  return fetch(signed.url, {
    method: signed.method,
    headers: { ...signed.headers, ...extraHeaders },
    body: body as BodyInit | undefined,
  });
}

/** Signs with the clock `seconds` in the past, so a URL valid for less than that is already expired. */
export async function signedInThePast<T>(seconds: number, sign: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() - seconds * 1000);
  try {
    return await sign();
  } finally {
    vi.useRealTimers();
  }
}

/** Changes one character of the URL's signature (the local token's HMAC, or X-Amz-Signature). */
export function tamper(url: string): string {
  const u = new URL(url);
  const sig = u.searchParams.get("X-Amz-Signature");
  if (sig) {
    u.searchParams.set("X-Amz-Signature", (sig[0] === "a" ? "b" : "a") + sig.slice(1));
    return u.toString();
  }
  // The first character of the token's signature (every bit of it counts, unlike the last one's).
  const dot = u.pathname.lastIndexOf(".");
  const c = u.pathname[dot + 1];
  u.pathname = u.pathname.slice(0, dot + 1) + (c === "A" ? "B" : "A") + u.pathname.slice(dot + 2);
  return u.toString();
}

export function driverContract({ label, driver, appUrls }: ContractOptions): void {
  const key = () => newStorageKey("contract");

  describe(`storage contract: ${label}`, () => {
    it("writes, stats and reads whole and by range", async () => {
      const d = driver();
      const k = key();
      await d.write(k, streamOf("hello ", "world"), 11, "text/plain");
      const info = await d.stat(k);
      expect(info).toMatchObject({ key: k, size: 11 });
      const whole = await d.read(k);
      expect(whole.size).toBe(11);
      expect((await bytesOf(whole.body)).toString()).toBe("hello world");
      const part = await d.read(k, { start: 6, end: 9 });
      expect(part.size).toBe(11);
      expect(part.range).toEqual({ start: 6, end: 9 });
      expect((await bytesOf(part.body)).toString()).toBe("worl");
      const tail = await d.read(k, { start: 6, end: 1000 });
      expect(tail.range).toEqual({ start: 6, end: 10 });
      expect((await bytesOf(tail.body)).toString()).toBe("world");
      await expect(d.read(k, { start: 11, end: 20 })).rejects.toBeInstanceOf(InvalidRangeError);
    });

    it("tells many objects' sizes in key order, null for the ones not stored", async () => {
      const d = driver();
      const [a, missing, b] = [key(), key(), key()];
      await d.write(a, streamOf("hello"), 5);
      await d.write(b, streamOf(), 0);
      expect(await d.sizes([a, missing, b, a])).toEqual([5, null, 0, 5]);
      expect(await d.sizes([])).toEqual([]);
    });

    it("writes an empty object", async () => {
      const d = driver();
      const k = key();
      await d.write(k, streamOf(), 0);
      expect((await d.stat(k)).size).toBe(0);
      expect((await bytesOf((await d.read(k)).body)).length).toBe(0);
    });

    it("refuses a body of the wrong length and keeps nothing", async () => {
      const d = driver();
      const short = key();
      await expect(d.write(short, streamOf("abc"), 4)).rejects.toBeInstanceOf(IntegrityError);
      await expect(d.stat(short)).rejects.toBeInstanceOf(ObjectNotFoundError);
      const long = key();
      await expect(d.write(long, streamOf("ab", "cde"), 4)).rejects.toMatchObject({
        name: "IntegrityError",
        reason: "too_large",
      });
      await expect(d.stat(long)).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it("replaces an object written twice", async () => {
      const d = driver();
      const k = key();
      await d.write(k, streamOf("first"), 5);
      await d.write(k, streamOf("second!"), 7);
      expect((await bytesOf((await d.read(k)).body)).toString()).toBe("second!");
    });

    it("honours a signed PUT URL with fetch", async () => {
      const d = driver();
      const k = key();
      const body = crypto.randomBytes(70_000);
      const signed = await d.createUploadUrl({ key: k, size: body.length, type: "application/pdf", expiresIn: 60 });
      expect(signed.method).toBe("PUT");
      expect(signed.headers["Content-Type"]).toBe("application/pdf");
      expect(signed.url.includes("/api/blob/")).toBe(appUrls);
      expect(signed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
      const res = await send(signed, body);
      expect(res.status).toBe(200);
      expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
      expect((await d.stat(k)).size).toBe(body.length);
      expect((await bytesOf((await d.read(k)).body)).equals(body)).toBe(true);
    });

    it("signs many PUTs at once, each for its own key, size and type", async () => {
      const d = driver();
      const [a, b] = [key(), key()];
      const [toA, toB] = await d.createUploadUrls([
        { key: a, size: 3, type: "text/plain", expiresIn: 60 },
        { key: b, size: 5, type: "image/png", expiresIn: 60 },
      ]);
      expect(toB!.headers["Content-Type"]).toBe("image/png");
      expect((await send(toA!, Buffer.from("abc"))).status).toBe(200);
      expect((await send(toB!, Buffer.from("abc"))).status).toBeGreaterThanOrEqual(400); // b was signed for 5 bytes
      expect((await send(toB!, Buffer.from("abcde"))).status).toBe(200);
      expect(await d.sizes([a, b])).toEqual([3, 5]);
      expect(await d.createUploadUrls([])).toEqual([]);
    });

    it("refuses a signed PUT with a body of another length, keeping nothing", async () => {
      const d = driver();
      for (const length of [9, 11]) {
        const k = key();
        const signed = await d.createUploadUrl({ key: k, size: 10, type: "text/plain", expiresIn: 60 });
        const res = await send(signed, "x".repeat(length));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        await expect(d.stat(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
      }
    });

    it("refuses a signed PUT with another Content-Type", async () => {
      const d = driver();
      const k = key();
      const signed = await d.createUploadUrl({ key: k, size: 3, type: "text/plain", expiresIn: 60 });
      const res = await send(signed, "abc", { "Content-Type": "text/html" });
      expect(res.status).toBe(403);
      await expect(d.stat(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it("refuses an expired signed PUT", async () => {
      const d = driver();
      const k = key();
      const signed = await signedInThePast(3600, () =>
        d.createUploadUrl({ key: k, size: 3, type: "text/plain", expiresIn: 60 }),
      );
      const res = await send(signed, "abc");
      expect([403, 410]).toContain(res.status);
      await expect(d.stat(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it("refuses a tampered signed PUT", async () => {
      const d = driver();
      const k = key();
      const signed = await d.createUploadUrl({ key: k, size: 3, type: "text/plain", expiresIn: 60 });
      const res = await send({ ...signed, url: tamper(signed.url) }, "abc");
      expect(res.status).toBe(403);
      await expect(d.stat(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it("honours a signed GET with the file name, type and disposition", async () => {
      const d = driver();
      const k = key();
      await d.write(k, streamOf("%PDF-1.7 fake"), 13, "application/pdf");
      const signed = await d.createDownloadUrl({
        key: k,
        filename: "Résumé 2026 (final).pdf",
        type: "application/pdf",
        disposition: "attachment",
        expiresIn: 60,
      });
      expect(signed.method).toBe("GET");
      const res = await fetch(signed.url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      const cd = res.headers.get("content-disposition")!;
      expect(cd).toMatch(/^attachment; filename="Resume 2026 \(final\)\.pdf"; /);
      expect(cd).toContain("filename*=UTF-8''R%C3%A9sum%C3%A9%202026%20%28final%29.pdf");
      expect(await res.text()).toBe("%PDF-1.7 fake");

      const ranged = await fetch(signed.url, { headers: { Range: "bytes=1-3" } });
      expect(ranged.status).toBe(206);
      expect(ranged.headers.get("content-range")).toBe("bytes 1-3/13");
      expect(await ranged.text()).toBe("PDF");
    });

    it("serves a safe type inline, but never HTML or SVG", async () => {
      const d = driver();
      const k = key();
      await d.write(k, streamOf("<svg onload=alert(1)>"), 21);
      const png = await fetch(
        (
          await d.createDownloadUrl({
            key: k,
            filename: "a.png",
            type: "image/png",
            disposition: "inline",
            expiresIn: 60,
          })
        ).url,
      );
      expect(png.headers.get("content-disposition")).toMatch(/^inline; /);
      await png.arrayBuffer();
      for (const type of ["text/html", "image/svg+xml", "application/xhtml+xml", "text/xml"]) {
        const signed = await d.createDownloadUrl({ key: k, filename: "x", type, disposition: "inline", expiresIn: 60 });
        const res = await fetch(signed.url);
        expect(res.headers.get("content-disposition")).toMatch(/^attachment; /);
        await res.arrayBuffer();
      }
    });

    it("refuses an expired or tampered signed GET", async () => {
      const d = driver();
      const k = key();
      await d.write(k, streamOf("secret"), 6);
      const expired = await signedInThePast(3600, () =>
        d.createDownloadUrl({
          key: k,
          filename: "s.txt",
          type: "text/plain",
          disposition: "attachment",
          expiresIn: 60,
        }),
      );
      const late = await fetch(expired.url);
      expect([403, 410]).toContain(late.status);
      expect(await late.text()).not.toContain("secret");
      const fresh = await d.createDownloadUrl({
        key: k,
        filename: "s.txt",
        type: "text/plain",
        disposition: "attachment",
        expiresIn: 60,
      });
      const forged = await fetch(tamper(fresh.url));
      expect(forged.status).toBe(403);
      expect(await forged.text()).not.toContain("secret");
    });

    it("deletes idempotently; a missing object is ObjectNotFoundError", async () => {
      const d = driver();
      const k = key();
      await d.write(k, streamOf("bye"), 3);
      await d.delete(k);
      await d.delete(k);
      await expect(d.stat(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(d.read(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
      const url = await d.createDownloadUrl({
        key: k,
        filename: "x",
        type: "text/plain",
        disposition: "attachment",
        expiresIn: 60,
      });
      const res = await fetch(url.url);
      expect(res.status).toBe(404);
      await res.arrayBuffer();
    });

    it("lists by prefix", async () => {
      const d = driver();
      const owner = `lister${crypto.randomBytes(4).toString("hex")}`;
      const mine = [newStorageKey(owner), newStorageKey(owner), newStorageKey(owner)];
      const other = newStorageKey(`${owner}x`);
      for (const k of [...mine, other]) await d.write(k, streamOf("12345"), 5);
      const listed: { key: string; size: number }[] = [];
      for await (const o of d.list(`${owner}/`)) listed.push({ key: o.key, size: o.size });
      expect(listed.map((o) => o.key).sort()).toEqual([...mine].sort());
      expect(listed.every((o) => o.size === 5)).toBe(true);
      const byStem: string[] = [];
      for await (const o of d.list(owner)) byStem.push(o.key);
      expect(byStem.sort()).toEqual([...mine, other].sort());
      const none: string[] = [];
      for await (const o of d.list("nobody-here/")) none.push(o.key);
      expect(none).toEqual([]);
    });

    it("uploads in parts with signed URLs and joins them in order", async () => {
      const d = driver();
      const k = key();
      const chunks = [crypto.randomBytes(64 * 1024), crypto.randomBytes(64 * 1024), crypto.randomBytes(1000)];
      const { uploadId } = await d.createMultipart({ key: k, type: "application/zip", partSize: 64 * 1024 });
      expect(uploadId).toBeTruthy();
      const parts = [];
      // Upload out of order, as parallel browsers do.
      for (const i of [2, 0, 1]) {
        const signed = await d.signPart({ key: k, uploadId, partNumber: i + 1, size: chunks[i].length, expiresIn: 60 });
        expect(signed.method).toBe("PUT");
        expect(signed.url.includes("/api/blob/")).toBe(appUrls);
        const res = await send(signed, chunks[i]);
        expect(res.status).toBe(200);
        const etag = res.headers.get("etag");
        // Opaque to clients: S3 answers the part's MD5, the local driver a random receipt for the write.
        expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
        parts[i] = { partNumber: i + 1, etag: etag! };
      }
      await expect(d.stat(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
      await d.completeMultipart({ key: k, uploadId, parts });
      const all = Buffer.concat(chunks);
      expect((await d.stat(k)).size).toBe(all.length);
      expect((await bytesOf((await d.read(k)).body)).equals(all)).toBe(true);
    });

    it("refuses a part of the wrong length", async () => {
      const d = driver();
      const k = key();
      const { uploadId } = await d.createMultipart({ key: k, type: "application/octet-stream", partSize: 100 });
      const signed = await d.signPart({ key: k, uploadId, partNumber: 1, size: 100, expiresIn: 60 });
      const res = await send(signed, crypto.randomBytes(99));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      await d.abortMultipart({ key: k, uploadId });
    });

    it("aborts a multipart upload (twice is fine) and stores nothing", async () => {
      const d = driver();
      const k = key();
      const { uploadId } = await d.createMultipart({ key: k, type: "application/octet-stream", partSize: 100 });
      const signed = await d.signPart({ key: k, uploadId, partNumber: 1, size: 5, expiresIn: 60 });
      expect((await send(signed, "12345")).status).toBe(200);
      await d.abortMultipart({ key: k, uploadId });
      await d.abortMultipart({ key: k, uploadId });
      await expect(d.stat(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it("reports itself healthy", async () => {
      const report = await driver().check();
      expect(report).toMatchObject({ driver: driver().name, ok: true });
    });
  });
}
