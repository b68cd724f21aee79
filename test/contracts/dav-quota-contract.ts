// WebDAV PUT keeps the quota exact over real HTTP: a known length is reserved first (507 when it
// does not fit), a chunked body reserves as it arrives and stops with 507, an overwrite keeps the
// old bytes as a version counted in full (only the difference with VERSIONS_KEEP=0), and a refused
// or interrupted PUT leaves no file, no bytes and no reservation.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { startAppServer } from "@/test/app-server";
import { newUser } from "@/test/api";
import type { TestServer } from "@/test/fetch-server";

export function davQuotaContract(driver: "local" | "s3") {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(() => server.stop());

  const KiB = 1024;

  async function account(quotaBytes: number) {
    const user = await newUser({ quotaBytes });
    const auth = "Basic " + Buffer.from(`${user.email}:${user.token}`).toString("base64");
    const usage = async () => {
      const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
      const files = await db.file.count({ where: { ownerId: user.id } });
      return {
        used: Number(row.usedBytes),
        reserved: Number(row.reservedBytes),
        files,
        uploads: await db.upload.count({ where: { ownerId: user.id } }),
      };
    };
    return { user, auth, usage };
  }

  /** A PUT over node:http: `chunks` sent one by one, chunked unless `length` is given; `abort` stops after them. */
  function put(
    auth: string,
    path: string,
    chunks: Buffer[],
    { length, abort }: { length?: number; abort?: boolean } = {},
  ) {
    return new Promise<number>((resolve, reject) => {
      const req = http.request(`${server.url}${path}`, {
        method: "PUT",
        headers: { authorization: auth, ...(length === undefined ? {} : { "content-length": String(length) }) },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", (error) => (abort ? resolve(0) : reject(error)));
      for (const chunk of chunks) req.write(chunk);
      if (abort) setTimeout(() => req.destroy(), 200);
      else req.end();
    });
  }

  describe(`WebDAV PUT and the quota (${driver} driver)`, () => {
    it("reserves a declared length first and refuses what does not fit with 507", async () => {
      const { auth, usage } = await account(100 * KiB);
      expect(await put(auth, "/dav/a.bin", [Buffer.alloc(60 * KiB)], { length: 60 * KiB })).toBe(201);
      expect(await put(auth, "/dav/b.bin", [Buffer.alloc(50 * KiB)], { length: 50 * KiB })).toBe(507);
      expect(await usage()).toEqual({ used: 60 * KiB, reserved: 0, files: 1, uploads: 0 });
    });

    it("with versions off (VERSIONS_KEEP=0), counts an overwrite's difference only", async () => {
      process.env.VERSIONS_KEEP = "0";
      resetEnvCache();
      try {
        const { auth, usage } = await account(100 * KiB);
        expect(await put(auth, "/dav/a.bin", [Buffer.alloc(70 * KiB)], { length: 70 * KiB })).toBe(201);
        expect(await put(auth, "/dav/a.bin", [Buffer.alloc(90 * KiB)], { length: 90 * KiB })).toBe(204);
        expect(await usage()).toEqual({ used: 90 * KiB, reserved: 0, files: 1, uploads: 0 });
      } finally {
        delete process.env.VERSIONS_KEEP;
        resetEnvCache();
      }
    });

    it("keeps an overwritten file's bytes as a version, counted in full (507 when they do not fit)", async () => {
      const { user, auth, usage } = await account(100 * KiB);
      expect(await put(auth, "/dav/a.bin", [Buffer.alloc(40 * KiB, 1)], { length: 40 * KiB })).toBe(201);
      const first = await db.file.findFirstOrThrow({ where: { ownerId: user.id } });
      expect(await put(auth, "/dav/a.bin", [Buffer.alloc(50 * KiB, 2)], { length: 50 * KiB })).toBe(204);
      expect(await usage()).toEqual({ used: 90 * KiB, reserved: 0, files: 1, uploads: 0 });
      // The same file (same id: its links and properties stay), its old bytes a version.
      const versions = await db.fileVersion.findMany({ where: { fileId: first.id } });
      expect(versions.map((v) => [Number(v.size), v.storageKey])).toEqual([[40 * KiB, first.storageKey]]);
      expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).versionBytes).toBe(BigInt(40 * KiB));
      // 20 KiB more do not fit beside the 90 KiB kept: nothing changes.
      expect(await put(auth, "/dav/a.bin", [Buffer.alloc(20 * KiB, 3)], { length: 20 * KiB })).toBe(507);
      expect(await usage()).toEqual({ used: 90 * KiB, reserved: 0, files: 1, uploads: 0 });
    });

    it("reserves a chunked body as it arrives and stops with 507, keeping nothing", async () => {
      const { auth, usage } = await account(3 * 1024 * KiB);
      const chunk = Buffer.alloc(256 * KiB, 1);
      expect(await put(auth, "/dav/ok.bin", [chunk, chunk])).toBe(201);
      expect(await usage()).toEqual({ used: 512 * KiB, reserved: 0, files: 1, uploads: 0 });
      const status = await put(
        auth,
        "/dav/big.bin",
        Array.from({ length: 12 }, () => chunk),
      ).catch(() => 507);
      expect(status).toBe(507);
      expect(await usage()).toEqual({ used: 512 * KiB, reserved: 0, files: 1, uploads: 0 });
    });

    it("leaves no file and no reservation when a PUT is interrupted", async () => {
      const { auth, usage } = await account(1024 * KiB);
      await put(auth, "/dav/cut.bin", [Buffer.alloc(10 * KiB)], { length: 100 * KiB, abort: true });
      await expect.poll(usage, { timeout: 10_000 }).toEqual({ used: 0, reserved: 0, files: 0, uploads: 0 });
      await put(auth, "/dav/cut2.bin", [Buffer.alloc(10 * KiB)], { abort: true });
      await expect.poll(usage, { timeout: 10_000 }).toEqual({ used: 0, reserved: 0, files: 0, uploads: 0 });
    });
  });
}
