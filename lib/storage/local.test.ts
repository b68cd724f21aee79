// The local driver: the shared contract over real HTTP and real disk, plus what only it does
// (temp files, multipart written in place, key safety, memory use while streaming).
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { startBlobServer, type BlobTestServer } from "@/test/blob-http-server";
import { bytesOf, driverContract, send, streamOf } from "@/test/contracts/driver-contract";
import { IntegrityError, InvalidKeyError, ObjectNotFoundError, UploadNotFoundError } from "./errors";
import { getDriver, resetStorageForTests } from "./index";
import { newStorageKey } from "./keys";
import type { LocalDriver } from "./local";

let server: BlobTestServer;
let root: string;

beforeAll(async () => {
  server = await startBlobServer();
  process.env.APP_URL = server.url;
  delete process.env.STORAGE_DRIVER;
  delete process.env.S3_BUCKET;
  resetEnvCache();
  resetStorageForTests();
  root = (getDriver("local") as LocalDriver).root;
});

afterAll(async () => {
  await server?.stop();
});

const local = () => getDriver("local") as LocalDriver;

driverContract({ label: "local", driver: local, appUrls: true });

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe("local driver", () => {
  it("keeps files under STORAGE_LOCAL_DIR at the key's path", async () => {
    expect(root).toBe(path.resolve(process.env.STORAGE_LOCAL_DIR!));
    const k = newStorageKey("owner1");
    await local().write(k, streamOf("on disk"), 7);
    expect(fs.readFileSync(path.join(root, ...k.split("/")), "utf8")).toBe("on disk");
  });

  it("leaves no temp file behind after a refused body", async () => {
    const before = filesUnder(path.join(root, ".tmp")).length;
    await expect(local().write(newStorageKey("owner1"), streamOf("too", "long"), 3)).rejects.toBeInstanceOf(
      IntegrityError,
    );
    await expect(local().write(newStorageKey("owner1"), streamOf("short"), 30)).rejects.toBeInstanceOf(IntegrityError);
    const broken = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(10));
        c.error(new Error("connection reset"));
      },
    });
    await expect(local().write(newStorageKey("owner1"), broken, 30)).rejects.toMatchObject({ name: "IntegrityError" });
    expect(filesUnder(path.join(root, ".tmp")).length).toBe(before);
  });

  it("rejects unsafe keys before touching the disk", async () => {
    for (const bad of ["../escape", "/abs/path", "a/../../b", "a//b", ".tmp/x", "a/.multipart", "a/b c", "a\\b", ""]) {
      await expect(local().write(bad, streamOf("x"), 1)).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(local().stat(bad)).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(
        local().createUploadUrl({ key: bad, size: 1, type: "text/plain", expiresIn: 60 }),
      ).rejects.toBeInstanceOf(InvalidKeyError);
    }
    expect(fs.existsSync(path.join(root, "..", "escape"))).toBe(false);
  });

  it("keeps stored objects, parts and their folders private to the server's account, whatever the umask", async () => {
    const previous = process.umask(0o022);
    try {
      const mode = (file: string) => fs.statSync(file).mode & 0o777;
      const single = newStorageKey("private-owner");
      await local().write(single, streamOf("secret"), 6);
      const k = newStorageKey("private-owner");
      const { uploadId } = await local().createMultipart({ key: k, type: "text/plain", partSize: 3 });
      const { etag } = await local().putPart({ key: k, uploadId, partNumber: 1, body: streamOf("abc"), size: 3 });
      const staged = filesUnder(path.join(root, ".multipart", uploadId));
      expect(staged.length).toBeGreaterThan(0);
      for (const file of staged) expect(mode(file), file).toBe(0o600);
      expect(mode(path.join(root, ".multipart", uploadId))).toBe(0o700);
      await local().completeMultipart({ key: k, uploadId, parts: [{ partNumber: 1, etag }] });
      for (const key of [single, k]) expect(mode(path.join(root, ...key.split("/"))), key).toBe(0o600);
      expect(mode(path.dirname(path.join(root, ...single.split("/"))))).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });

  it("does not list temp or staging files", async () => {
    const k = newStorageKey("hidden");
    const { uploadId } = await local().createMultipart({ key: k, type: "text/plain", partSize: 3 });
    await local().putPart({ key: k, uploadId, partNumber: 1, body: streamOf("abc"), size: 3 });
    const keys: string[] = [];
    for await (const o of local().list("")) keys.push(o.key);
    expect(keys.some((key) => key.startsWith("."))).toBe(false);
    await local().abortMultipart({ key: k, uploadId });
  });

  it("removes the staging folder on complete and abort; a finished upload is gone", async () => {
    const d = local();
    const k = newStorageKey("owner2");
    const { uploadId } = await d.createMultipart({ key: k, type: "text/plain", partSize: 3 });
    const staging = path.join(root, ".multipart", uploadId);
    expect(fs.existsSync(staging)).toBe(true);
    const { etag } = await d.putPart({ key: k, uploadId, partNumber: 1, body: streamOf("abc"), size: 3 });
    await d.completeMultipart({ key: k, uploadId, parts: [{ partNumber: 1, etag }] });
    expect(fs.existsSync(staging)).toBe(false);
    await expect(d.completeMultipart({ key: k, uploadId, parts: [{ partNumber: 1, etag }] })).rejects.toBeInstanceOf(
      UploadNotFoundError,
    );

    const second = await d.createMultipart({ key: k, type: "text/plain", partSize: 3 });
    await d.putPart({ key: k, uploadId: second.uploadId, partNumber: 1, body: streamOf("x"), size: 1 });
    await d.abortMultipart({ key: k, uploadId: second.uploadId });
    expect(fs.existsSync(path.join(root, ".multipart", second.uploadId))).toBe(false);
    const signed = await d.signPart({ key: k, uploadId: second.uploadId, partNumber: 2, size: 1, expiresIn: 60 });
    const res = await send(signed, "y");
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
  });

  it("checks part ETags, order and presence on complete", async () => {
    const d = local();
    const k = newStorageKey("owner3");
    const { uploadId } = await d.createMultipart({ key: k, type: "text/plain", partSize: 3 });
    const one = await d.putPart({ key: k, uploadId, partNumber: 1, body: streamOf("aaa"), size: 3 });
    const two = await d.putPart({ key: k, uploadId, partNumber: 2, body: streamOf("bbb"), size: 3 });
    const bad = '"00000000000000000000000000000000"';
    await expect(
      d.completeMultipart({ key: k, uploadId, parts: [{ partNumber: 1, etag: bad }] }),
    ).rejects.toBeInstanceOf(IntegrityError);
    await expect(
      d.completeMultipart({
        key: k,
        uploadId,
        parts: [
          { partNumber: 2, ...two },
          { partNumber: 1, ...one },
        ],
      }),
    ).rejects.toBeInstanceOf(IntegrityError);
    await expect(d.completeMultipart({ key: k, uploadId, parts: [] })).rejects.toBeInstanceOf(IntegrityError);
    await expect(
      d.completeMultipart({ key: "other/key", uploadId, parts: [{ partNumber: 1, ...one }] }),
    ).rejects.toBeInstanceOf(UploadNotFoundError);
    // A part uploaded again replaces the earlier one; the old ETag no longer completes.
    const again = await d.putPart({ key: k, uploadId, partNumber: 2, body: streamOf("BBB"), size: 3 });
    await expect(
      d.completeMultipart({
        key: k,
        uploadId,
        parts: [
          { partNumber: 1, ...one },
          { partNumber: 2, ...two },
        ],
      }),
    ).rejects.toBeInstanceOf(IntegrityError);
    // Unquoted ETags are accepted.
    await d.completeMultipart({
      key: k,
      uploadId,
      parts: [
        { partNumber: 1, etag: one.etag.replace(/"/g, "") },
        { partNumber: 2, etag: again.etag },
      ],
    });
    expect((await bytesOf((await d.read(k)).body)).toString()).toBe("aaaBBB");
  });

  it("writes parts straight into one file, in any order, and completes by renaming it (no second copy)", async () => {
    const d = local();
    const k = newStorageKey("in-place");
    const partSize = 64 * 1024;
    const chunks = [crypto.randomBytes(partSize), crypto.randomBytes(partSize), crypto.randomBytes(1000)];
    const { uploadId } = await d.createMultipart({ key: k, type: "application/zip", partSize });
    const parts = [];
    for (const i of [2, 0, 1]) {
      const { etag } = await d.putPart({
        key: k,
        uploadId,
        partNumber: i + 1,
        body: streamOf(chunks[i]!),
        size: chunks[i]!.length,
      });
      parts[i] = { partNumber: i + 1, etag };
    }
    const data = path.join(root, ".multipart", uploadId, "data");
    const inode = fs.statSync(data).ino;
    await d.completeMultipart({ key: k, uploadId, parts });
    const stored = path.join(root, ...k.split("/"));
    expect(fs.statSync(stored).ino).toBe(inode);
    expect(fs.readFileSync(stored).equals(Buffer.concat(chunks))).toBe(true);
  });

  it("takes a part sent again: only the latest write's ETag completes, and its bytes are the ones kept", async () => {
    const d = local();
    const k = newStorageKey("resent");
    const { uploadId } = await d.createMultipart({ key: k, type: "text/plain", partSize: 3 });
    const stale = await d.putPart({ key: k, uploadId, partNumber: 1, body: streamOf("aaa"), size: 3 });
    const first = await d.putPart({ key: k, uploadId, partNumber: 1, body: streamOf("aaa"), size: 3 });
    expect(first.etag).not.toBe(stale.etag); // an ETag is a receipt for one write, not a digest of its bytes
    const two = await d.putPart({ key: k, uploadId, partNumber: 2, body: streamOf("bb"), size: 2 });
    const twoAgain = await d.putPart({ key: k, uploadId, partNumber: 2, body: streamOf("cc"), size: 2 });
    const list = (etag: string) => [
      { partNumber: 1, ...first },
      { partNumber: 2, etag },
    ];
    await expect(d.completeMultipart({ key: k, uploadId, parts: list(two.etag) })).rejects.toBeInstanceOf(
      IntegrityError,
    );
    await expect(
      d.completeMultipart({
        key: k,
        uploadId,
        parts: [
          { partNumber: 1, ...stale },
          { partNumber: 2, ...twoAgain },
        ],
      }),
    ).rejects.toBeInstanceOf(IntegrityError);
    await d.completeMultipart({ key: k, uploadId, parts: list(twoAgain.etag) });
    expect((await bytesOf((await d.read(k)).body)).toString()).toBe("aaacc");
  });

  it("refuses a list whose ETags do not match what was written, a gap, or a short part before the last", async () => {
    const d = local();
    const k = newStorageKey("wrong-list");
    const { uploadId } = await d.createMultipart({ key: k, type: "text/plain", partSize: 3 });
    const one = await d.putPart({ key: k, uploadId, partNumber: 1, body: streamOf("aaa"), size: 3 });
    const two = await d.putPart({ key: k, uploadId, partNumber: 2, body: streamOf("bb"), size: 2 });
    const three = await d.putPart({ key: k, uploadId, partNumber: 3, body: streamOf("c"), size: 1 });
    const refused = (parts: { partNumber: number; etag: string }[]) =>
      expect(d.completeMultipart({ key: k, uploadId, parts })).rejects.toBeInstanceOf(IntegrityError);
    await refused([
      { partNumber: 1, etag: two.etag },
      { partNumber: 2, etag: one.etag },
    ]);
    await refused([
      { partNumber: 1, ...one },
      { partNumber: 3, ...three },
    ]);
    await refused([
      { partNumber: 1, ...one },
      { partNumber: 2, ...two },
      { partNumber: 3, ...three },
    ]);
    // Refusals change nothing: the right list still completes (and drops part 3's byte).
    await d.completeMultipart({
      key: k,
      uploadId,
      parts: [
        { partNumber: 1, ...one },
        { partNumber: 2, ...two },
      ],
    });
    expect((await bytesOf((await d.read(k)).body)).toString()).toBe("aaabb");
  });

  it("records no ETag for a part written twice at once (its bytes may be mixed); sent again alone, it completes", async () => {
    const d = local();
    const k = newStorageKey("twice");
    const { uploadId } = await d.createMultipart({ key: k, type: "text/plain", partSize: 4 });
    let resume!: () => void;
    const slow = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode("aa"));
      },
      pull(c) {
        return new Promise<void>((resolve) => {
          resume = () => {
            c.enqueue(new TextEncoder().encode("aa"));
            c.close();
            resolve();
          };
        });
      },
    });
    const first = d.putPart({ key: k, uploadId, partNumber: 1, body: slow, size: 4 });
    await vi.waitFor(() => expect(resume).toBeTypeOf("function"));
    await expect(
      d.putPart({ key: k, uploadId, partNumber: 1, body: streamOf("bbbb"), size: 4 }),
    ).rejects.toBeInstanceOf(IntegrityError);
    resume();
    await expect(first).rejects.toBeInstanceOf(IntegrityError);
    // Neither write left a receipt for part 1, so no ETag can complete the upload with its mixed bytes.
    const receipts = () =>
      fs.readdirSync(path.join(root, ".multipart", uploadId)).filter((n) => /^0*1\.[0-9a-f]{32}$/.test(n));
    expect(receipts()).toEqual([]);
    const again = await d.putPart({ key: k, uploadId, partNumber: 1, body: streamOf("cccc"), size: 4 });
    expect(receipts()).toEqual([expect.stringContaining(again.etag.replace(/"/g, ""))]);
    await d.completeMultipart({ key: k, uploadId, parts: [{ partNumber: 1, ...again }] });
    expect((await bytesOf((await d.read(k)).body)).toString()).toBe("cccc");
  });

  it("prunes the emptied owner folder on delete", async () => {
    const k = newStorageKey("prune-me");
    await local().write(k, streamOf("x"), 1);
    await local().delete(k);
    expect(fs.existsSync(path.join(root, "prune-me"))).toBe(false);
    expect(fs.existsSync(root)).toBe(true);
    await expect(local().stat(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it("retries the rename when a concurrent delete prunes the owner folder first", async () => {
    const k = newStorageKey("race");
    const rename = fs.promises.rename;
    const spy = vi.spyOn(fs.promises, "rename").mockImplementationOnce(async (from, to) => {
      fs.rmSync(path.join(root, "race"), { recursive: true, force: true }); // what delete()'s pruning does
      return rename(from, to);
    });
    let calls: number;
    try {
      await local().write(k, streamOf("b"), 1);
    } finally {
      calls = spy.mock.calls.length;
      spy.mockRestore();
    }
    expect(calls).toBe(2); // refused once (folder gone), then retried
    expect(fs.readFileSync(path.join(root, ...k.split("/")), "utf8")).toBe("b");
  });

  it("writes a part's bytes exactly at its offset, whatever the chunk sizes (thousands of tiny chunks, one large)", async () => {
    const k = newStorageKey("chunks");
    const partSize = 3 * 1024 * 1024;
    const { uploadId } = await local().createMultipart({ key: k, type: "application/octet-stream", partSize });
    const parts = [crypto.randomBytes(partSize), crypto.randomBytes(1234)];
    // Part 1 arrives as 3,000 chunks of 1-97 bytes (more chunks than one write gathers), then the rest at once.
    async function* trickle(bytes: Buffer) {
      let at = 0;
      for (let i = 0; i < 3000; i++) {
        const n = 1 + (i % 97);
        yield bytes.subarray(at, at + n);
        at += n;
      }
      yield bytes.subarray(at);
    }
    const etags: { partNumber: number; etag: string }[] = [];
    for (const [i, bytes] of parts.entries()) {
      const body = i === 0 ? trickle(bytes) : streamOf(bytes);
      const { etag } = await local().putPart({ key: k, uploadId, partNumber: i + 1, body, size: bytes.length });
      etags.push({ partNumber: i + 1, etag });
    }
    await local().completeMultipart({ key: k, uploadId, parts: etags });
    const stored = fs.readFileSync(path.join(local().root, ...k.split("/")));
    expect(stored.equals(Buffer.concat(parts))).toBe(true);
    await local().delete(k);
  });

  it("over HTTP, a part cut off mid-body keeps no record and leaves the other parts' bytes alone; sent again, it completes", async () => {
    // The blob endpoint reads Node's request stream here (lib/http/node-body.ts): its errors must
    // refuse the part as the Web stream's did.
    const k = newStorageKey("cut");
    const partSize = 1024 * 1024;
    const { uploadId } = await local().createMultipart({ key: k, type: "application/octet-stream", partSize });
    const parts = [crypto.randomBytes(partSize), crypto.randomBytes(partSize), crypto.randomBytes(4321)];
    const sign = (n: number) =>
      local().signPart({ key: k, uploadId, partNumber: n, size: parts[n - 1]!.length, expiresIn: 60 });
    const put = async (n: number) => (await send(await sign(n), parts[n - 1]!)).headers.get("etag")!;
    const etags = [await put(1), "", await put(3)];

    // Part 2: the declared length, half of it sent, then the connection is dropped.
    const signed = await sign(2);
    const staging = path.join(root, ".multipart", uploadId);
    await new Promise<void>((resolve) => {
      const req = http.request(signed.url, {
        method: "PUT",
        headers: { ...signed.headers, "content-length": String(partSize) },
      });
      req.on("error", () => resolve());
      req.write(crypto.randomBytes(partSize / 2), () => {
        // Destroyed once the server holds the part's marker: it was receiving when the client vanished.
        void vi
          .waitFor(() => expect(fs.readdirSync(staging).some((n) => n.endsWith(".writing"))).toBe(true), {
            timeout: 10_000,
          })
          .then(() => req.destroy());
      });
    });
    await vi.waitFor(() => expect(fs.readdirSync(staging).some((n) => n.endsWith(".writing"))).toBe(false), {
      timeout: 10_000,
    });
    expect(fs.readdirSync(staging).filter((n) => n.startsWith("00002."))).toEqual([]);
    const listed = (etag2: string) => [1, 2, 3].map((n) => ({ partNumber: n, etag: n === 2 ? etag2 : etags[n - 1]! }));
    await expect(local().completeMultipart({ key: k, uploadId, parts: listed(`"${"0".repeat(32)}"`) })).rejects.toThrow(
      IntegrityError,
    );

    etags[1] = await put(2);
    await local().completeMultipart({ key: k, uploadId, parts: listed(etags[1]) });
    expect(fs.readFileSync(path.join(root, ...k.split("/"))).equals(Buffer.concat(parts))).toBe(true);
    await local().delete(k);
  });

  it("streams a 50 MiB body to disk without holding it in memory", async () => {
    const size = 50 * 1024 * 1024;
    const chunk = crypto.randomBytes(256 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= size) return c.close();
        const n = Math.min(chunk.length, size - sent);
        sent += n;
        c.enqueue(chunk.subarray(0, n)); // the same memory again and again
      },
    });
    global.gc?.();
    const before = process.memoryUsage();
    let peak = 0;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
    }, 5);
    const k = newStorageKey("big");
    try {
      await local().write(k, body, size);
    } finally {
      clearInterval(timer);
    }
    expect((await local().stat(k)).size).toBe(size);
    // Loose: the body is 50 MiB; streaming keeps the growth to a few MiB of buffers and garbage.
    expect(peak).toBeLessThan(25 * 1024 * 1024);
    await local().delete(k);
  });
});
