// The backup mirror with S3 as the primary store and the local disk as the mirror: a completed
// upload is queued and copied (verified), a new thumbnail follows, a failing copy backs off,
// /api/health shows the backlog, a permanent delete removes both copies, and with the S3 server
// stopped downloads are signed from the mirror.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { GET as healthRoute } from "@/app/api/health/handlers";
import { db } from "@/lib/db";
import { userActor } from "@/lib/files/access";
import { putThumbnail } from "@/lib/files/thumbnails";
import { deleteFileForever } from "@/lib/files/trash";
import { getDriver, ObjectNotFoundError, resetStorageForTests } from "@/lib/storage";
import { call, newUser } from "@/test/api";
import { downloadBytes, uploadFile } from "@/test/files";
import { useS3Storage } from "@/test/s3-storage";
import { hashStored } from "./copy";
import { forgetDriverHealth, runMirrorJobs } from "./mirror";

const s3 = useS3Storage({ STORAGE_MIRROR: "local" });

const md5 = (bytes: Uint8Array) => crypto.createHash("md5").update(bytes).digest("hex");
const gone = (driver: "local" | "s3", key: string) =>
  expect(getDriver(driver).stat(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
const mirrorHealth = async () => (await call(healthRoute)).json.mirror;

describe("backup mirror (S3 primary, local mirror)", () => {
  let user: Awaited<ReturnType<typeof newUser>>;
  beforeAll(async () => {
    user = await newUser();
  });

  it("copies each completed file to the mirror and verifies it; a new thumbnail follows", async () => {
    const bytes = new Uint8Array(crypto.randomBytes(70_000));
    const file = await uploadFile(user, "report.pdf", bytes, { type: "application/pdf" });
    const row = await db.file.findUniqueOrThrow({ where: { id: file.id }, include: { mirrorJob: true } });
    expect(row).toMatchObject({ driver: "s3", mirroredAt: null });
    expect(row.mirrorJob).not.toBeNull();
    expect(await mirrorHealth()).toMatchObject({ driver: "local", backlog: 1, failing: 0 });

    expect(await runMirrorJobs()).toEqual({ copied: 1, failed: 0, dropped: 0 });
    expect((await db.file.findUniqueOrThrow({ where: { id: file.id } })).mirroredAt).not.toBeNull();
    expect(await hashStored(getDriver("local"), row.storageKey)).toEqual({ md5: md5(bytes), bytes: bytes.byteLength });
    expect(await mirrorHealth()).toMatchObject({ backlog: 0, oldestQueuedAt: null });

    // A real WebP (the server decodes its header).
    const image = new Uint8Array(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: "#abc" } })
        .webp()
        .toBuffer(),
    );
    await putThumbnail(userActor(user.id), file.id, { type: "image/webp", bytes: image });
    expect(await runMirrorJobs()).toEqual({ copied: 1, failed: 0, dropped: 0 });
    const thumb = (await db.file.findUniqueOrThrow({ where: { id: file.id } })).thumbnailKey!;
    expect((await hashStored(getDriver("local"), thumb)).md5).toBe(md5(image));

    // Permanent delete: both copies of the file and of its thumbnail.
    await deleteFileForever(userActor(user.id), file.id);
    for (const key of [row.storageKey, thumb]) {
      await gone("s3", key);
      await gone("local", key);
    }
  });

  it("retries a failing copy with backoff and reports it in /api/health", async () => {
    const file = await uploadFile(user, "lost.bin", new Uint8Array(crypto.randomBytes(1000)));
    const { storageKey } = await db.file.findUniqueOrThrow({ where: { id: file.id } });
    await getDriver("s3").delete(storageKey); // the primary lost it: the copy cannot succeed
    const before = Date.now();
    expect(await runMirrorJobs()).toEqual({ copied: 0, failed: 1, dropped: 0 });
    const job = await db.mirrorJob.findUniqueOrThrow({ where: { fileId: file.id } });
    expect(job.attempts).toBe(1);
    expect(job.lastError).toMatch(/No stored object/);
    expect(job.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 30_000);
    expect(await runMirrorJobs()).toEqual({ copied: 0, failed: 0, dropped: 0 }); // not due yet
    expect(await mirrorHealth()).toMatchObject({ backlog: 1, failing: 1 });
    await db.file.delete({ where: { id: file.id } });
  });

  it("signs downloads from the mirror while the S3 server is down", async () => {
    const bytes = new Uint8Array(crypto.randomBytes(20_000));
    const file = await uploadFile(user, "notes.txt", bytes, { type: "text/plain" });
    await runMirrorJobs();
    expect(Buffer.compare((await downloadBytes(user, file.id)).bytes, bytes)).toBe(0);

    await s3.server().stop();
    forgetDriverHealth();
    resetStorageForTests(); // no cached "bucket is fine" answer
    const { response, bytes: got } = await downloadBytes(user, file.id);
    expect(response.status).toBe(200);
    expect(Buffer.compare(got, bytes)).toBe(0);
  });
});
