import { afterEach, describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/uploads/handlers";
import { POST as partsRoute } from "@/app/api/uploads/[id]/parts/handlers";
import { call, newUser } from "@/test/api";
import { resetEnvCache } from "@/lib/env";
import { usageOf } from "@/lib/quota";
import { planParts } from "./rules";

const MiB = 1024 * 1024;

afterEach(() => {
  delete process.env.MAX_FILE_BYTES;
  delete process.env.BLOCKED_TYPES;
  resetEnvCache();
});

describe("POST /api/uploads validation", () => {
  it.each([
    [{ name: "", size: 1, type: "text/plain" }, "empty name"],
    [{ name: "   ", size: 1, type: "text/plain" }, "blank name"],
    [{ name: "a/b.txt", size: 1, type: "text/plain" }, "slash"],
    [{ name: "a\\b.txt", size: 1, type: "text/plain" }, "backslash"],
    [{ name: "a\u0000b", size: 1, type: "text/plain" }, "NUL"],
    [{ name: "line\nbreak", size: 1, type: "text/plain" }, "control character"],
    [{ name: "x".repeat(256), size: 1, type: "text/plain" }, "too long"],
    [{ name: "a.txt", size: -5, type: "text/plain" }, "negative size"],
    [{ name: "a.txt", size: 1.5, type: "text/plain" }, "fractional size"],
    [{ name: "a.txt", size: "12", type: "text/plain" }, "size as a string"],
    [{ name: "a.txt", size: 1, type: "not a mime" }, "bad type"],
    [{ size: 1, type: "text/plain" }, "missing name"],
  ] as [Record<string, unknown>, string][])(
    "answers 400 invalid_request for %j (%s) and reserves nothing",
    async (body) => {
      const user = await newUser();
      const res = await call(createRoute, { method: "POST", token: user.token, body });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("invalid_request");
      expect((await usageOf(user.id)).reservedBytes).toBe(0);
    },
  );

  it("trims names and answers 413 too_large above MAX_FILE_BYTES", async () => {
    process.env.MAX_FILE_BYTES = "1MiB";
    resetEnvCache();
    const user = await newUser();
    const res = await call(createRoute, {
      method: "POST",
      token: user.token,
      body: { name: "big.iso", size: MiB + 1, type: "application/octet-stream" },
    });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("too_large");
    const ok = await call(createRoute, {
      method: "POST",
      token: user.token,
      body: { name: "  notes.txt  ", size: 10, type: "text/plain" },
    });
    expect(ok.status).toBe(201);
  });

  it("answers 415 for a blocked type, wildcards included", async () => {
    process.env.BLOCKED_TYPES = "application/x-msdownload, video/*";
    resetEnvCache();
    const user = await newUser();
    for (const type of ["application/x-msdownload", "video/mp4"]) {
      const res = await call(createRoute, { method: "POST", token: user.token, body: { name: "x", size: 10, type } });
      expect(res.status).toBe(415);
      expect(res.json.error.code).toBe("unsupported_type");
    }
    expect(
      (await call(createRoute, { method: "POST", token: user.token, body: { name: "x", size: 10, type: "image/png" } }))
        .status,
    ).toBe(201);
  });

  it("numbers a name already used in the folder like a desktop OS", async () => {
    const user = await newUser();
    const names = [];
    for (let i = 0; i < 3; i++) {
      const res = await call(createRoute, {
        method: "POST",
        token: user.token,
        body: { name: "photo.jpg", size: 10, type: "image/jpeg" },
      });
      names.push(
        (await import("@/lib/db")).db.file.findUniqueOrThrow({ where: { id: res.json.fileId } }).then((f) => f.name),
      );
    }
    expect(await Promise.all(names)).toEqual(["photo.jpg", "photo (1).jpg", "photo (2).jpg"]);
  });

  it("answers 404 for another user's folder and 401 without a caller", async () => {
    const user = await newUser();
    expect(
      (
        await call(createRoute, {
          method: "POST",
          token: user.token,
          body: { name: "x", size: 1, type: "text/plain", folderId: "nope" },
        })
      ).status,
    ).toBe(404);
    expect((await call(createRoute, { method: "POST", body: { name: "x", size: 1, type: "text/plain" } })).status).toBe(
      401,
    );
  });

  it("refuses part numbers outside the plan and parts of a single-PUT upload", async () => {
    const user = await newUser();
    const single = await call(createRoute, {
      method: "POST",
      token: user.token,
      body: { name: "s", size: 10, type: "text/plain" },
    });
    const res = await call(partsRoute, {
      method: "POST",
      token: user.token,
      params: { id: single.json.uploadId },
      body: { partNumbers: [1] },
    });
    expect(res.status).toBe(400);
  });
});

describe("multipart plan", () => {
  it("uses equal parts of at least 8 MiB and never more than 10,000 of them", () => {
    expect(planParts(65 * MiB)).toEqual({ partSize: 8 * MiB, partCount: 9 });
    expect(planParts(512 * MiB - 1)).toEqual({ partSize: 8 * MiB, partCount: 64 });
    // From 512 MiB on, 16 MiB parts: half the requests, checks and syncs per byte (issue 24).
    expect(planParts(512 * MiB)).toEqual({ partSize: 16 * MiB, partCount: 32 });
    expect(planParts(1024 * MiB)).toEqual({ partSize: 16 * MiB, partCount: 64 });
    const huge = planParts(5 * 1024 ** 4);
    expect(huge.partCount).toBeLessThanOrEqual(10_000);
    expect(huge.partSize % MiB).toBe(0);
    expect(huge.partSize * huge.partCount).toBeGreaterThanOrEqual(5 * 1024 ** 4);
  });

  it("keeps every request body under Cloudflare's 100 MB limit by default, for files up to 950,000 MiB", async () => {
    // docs/DEPLOY.md ("Cloudflare") quotes these numbers.
    const { parseEnv } = await import("@/lib/env");
    const CLOUDFLARE_LIMIT = 100_000_000;
    expect(parseEnv({}).MULTIPART_THRESHOLD).toBe(64 * MiB); // a single PUT: 67.1 MB at most
    expect(planParts(64 * MiB + 1).partSize).toBe(8 * MiB);
    expect(planParts(950_000 * MiB).partSize).toBe(95 * MiB);
    expect(95 * MiB).toBeLessThan(CLOUDFLARE_LIMIT);
    expect(planParts(950_000 * MiB + 1).partSize).toBeGreaterThan(CLOUDFLARE_LIMIT);
  });
});

describe("upload lifecycle edges", () => {
  it("a storage configuration error on create reserves nothing", async () => {
    const user = await newUser();
    process.env.STORAGE_DRIVER = "s3"; // and no S3_BUCKET
    resetEnvCache();
    const { resetStorageForTests } = await import("@/lib/storage");
    resetStorageForTests();
    try {
      const res = await call(createRoute, {
        method: "POST",
        token: user.token,
        body: { name: "x", size: 100, type: "text/plain" },
      });
      expect(res.status).toBe(503);
      expect(await usageOf(user.id)).toMatchObject({ reservedBytes: 0 });
    } finally {
      delete process.env.STORAGE_DRIVER;
      resetEnvCache();
      resetStorageForTests();
    }
  });

  it("the sweeper ends every expired upload, however many batches they take", async () => {
    const user = await newUser();
    const { db } = await import("@/lib/db");
    const { sweepExpiredUploads } = await import("./sweep");
    for (let i = 0; i < 230; i++) {
      await call(createRoute, {
        method: "POST",
        token: user.token,
        body: { name: `e${i}`, size: 1, type: "text/plain" },
      });
    }
    await db.upload.updateMany({ where: { ownerId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const result = await sweepExpiredUploads();
    expect(result).toEqual({ aborted: 230, failed: 0, purged: 0 });
    expect(await db.upload.count({ where: { ownerId: user.id } })).toBe(0);
    expect(await usageOf(user.id)).toMatchObject({ reservedBytes: 0 });
  });
});
