// The media queue against a real store, run by lib/media/media-queue.local.test.ts and
// media-queue.s3.test.ts: files uploaded through the API get a thumbnail and a preview made on
// the server, read from the file's own store, stored next to it, counted and deleted with it.
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { GET as getThumb } from "@/app/api/files/[id]/thumbnail/handlers";
import { GET as getPreview } from "@/app/api/files/[id]/preview/handlers";
import { GET as fileRoute, DELETE as deleteFileRoute } from "@/app/api/files/[id]/handlers";
import { call, newUser } from "@/test/api";
import { storedOn, uploadFile } from "@/test/files";
import { signedFetch } from "@/test/signed-fetch";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { forgetPerProcess } from "@/lib/per-process";
import { usageOf } from "@/lib/quota";
import { drainMedia } from "@/lib/media/queue";
import { migrateFiles } from "@/lib/storage-ops/migrate";
import { reconcile } from "@/lib/storage-ops/reconcile";
import { mediaTools } from "@/lib/media/tools";
import { photo, pdf, pngBomb, rotatedJpeg, SCRIPTED_SVG, truncatedJpeg, video } from "@/test/media-fixtures";

type User = Awaited<ReturnType<typeof newUser>>;

async function fetchImage(user: User, handler: typeof getThumb, id: string) {
  const redirect = await call(handler, { token: user.token, params: { id } });
  if (redirect.status !== 302) return { status: redirect.status };
  const response = await signedFetch(redirect.headers.get("location")!);
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    bytes,
    meta: await sharp(bytes).metadata(),
  };
}

/** The colour at (x, y) of an image, as [r, g, b]. */
async function pixel(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

const mediaOf = async (user: User, id: string) =>
  (await call(fileRoute, { token: user.token, params: { id } })).json.file as {
    media: string | null;
    hasThumbnail: boolean;
    hasPreview: boolean;
  };

/**
 * `decoders`: also the cases that only exercise the decoders (formats, hostile files, missing
 * tools), which no store changes: one driver runs them.
 */
export function mediaQueueContract(driverName: "local" | "s3", { decoders = true, migration = false } = {}) {
  const decoderIt: typeof it = decoders ? it : ((() => undefined) as unknown as typeof it);
  describe(`server-made thumbnails and previews on the ${driverName} driver`, () => {
    it("a rotated JPEG uploaded through the API comes out upright, without its metadata, counted and deleted with the file", async () => {
      const user = await newUser();
      const jpeg = await rotatedJpeg();
      const file = await uploadFile(user, "camera.jpg", jpeg, { type: "image/jpeg" });
      expect(await mediaOf(user, file.id)).toMatchObject({ media: "queued", hasThumbnail: false, hasPreview: false });
      expect(await drainMedia()).toBe(1);
      expect(await mediaOf(user, file.id)).toMatchObject({ media: "ready", hasThumbnail: true, hasPreview: true });

      for (const handler of [getThumb, getPreview]) {
        const image = await fetchImage(user, handler, file.id);
        expect(image).toMatchObject({ status: 200, type: "image/webp" });
        // Stored 40 × 20 with orientation 6: upright it is 20 wide, 40 tall, red on top.
        expect(image.meta).toMatchObject({ format: "webp", width: 20, height: 40 });
        expect(image.meta!.exif).toBeUndefined();
        expect(image.meta!.orientation).toBeUndefined();
        expect(image.bytes!.includes("secret-exif-marker")).toBe(false);
        const [top, bottom] = [await pixel(image.bytes!, 10, 5), await pixel(image.bytes!, 10, 35)];
        expect(top[0]).toBeGreaterThan(200);
        expect(top[2]).toBeLessThan(60);
        expect(bottom[2]).toBeGreaterThan(200);
        expect(bottom[0]).toBeLessThan(60);
      }

      const row = await db.file.findUniqueOrThrow({ where: { id: file.id } });
      expect(row.previewKey!.startsWith(`${row.storageKey}.preview.`)).toBe(true);
      expect(await usageOf(user.id)).toMatchObject({
        usedBytes: jpeg.byteLength + row.thumbnailBytes! + row.previewBytes!,
      });
      await call(deleteFileRoute, {
        method: "DELETE",
        token: user.token,
        params: { id: file.id },
        path: "/x?permanent=1",
      });
      expect(await storedOn(driverName, row.thumbnailKey!)).toBe(false);
      expect(await storedOn(driverName, row.previewKey!)).toBe(false);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 0, fileCount: 0 });
    });

    if (migration) {
      it("renditions are known to reconciliation and follow a migration to the other store", async () => {
        const user = await newUser();
        const file = await uploadFile(user, "moved.jpg", await rotatedJpeg(), { type: "image/jpeg" });
        await drainMedia();
        const row = await db.file.findUniqueOrThrow({ where: { id: file.id } });
        const report = await reconcile({ driver: driverName });
        expect(report.counts).toMatchObject({ orphans: 0, missing: 0 });
        const to = driverName === "s3" ? "local" : "s3";
        expect(await migrateFiles({ to, userEmail: user.email })).toMatchObject({ moved: 1, failed: 0 });
        for (const key of [row.thumbnailKey!, row.previewKey!]) expect(await storedOn(to, key)).toBe(true);
        expect((await fetchImage(user, getPreview, file.id)).meta).toMatchObject({ width: 20, height: 40 });
        expect((await reconcile({ driver: to })).counts).toMatchObject({ orphans: 0, missing: 0 });
      });
    }

    decoderIt(
      "a large photo gets a 2048 px preview and a 256 px thumbnail of at most 64 KiB; PNG, WebP, AVIF, GIF and TIFF decode",
      async () => {
        const user = await newUser();
        const big = await uploadFile(user, "big.jpg", await photo(2400, 1800, "jpeg", "smooth"), {
          type: "image/jpeg",
        });
        const others = [];
        for (const format of ["png", "webp", "avif", "gif", "tiff"] as const) {
          others.push(await uploadFile(user, `p.${format}`, await photo(64, 48, format), { type: `image/${format}` }));
        }
        await drainMedia();
        const preview = await fetchImage(user, getPreview, big.id);
        const thumb = await fetchImage(user, getThumb, big.id);
        expect(preview.meta).toMatchObject({ width: 2048, height: 1536 });
        expect(preview.bytes!.byteLength).toBeLessThan(1024 ** 2);
        expect(thumb.meta).toMatchObject({ width: 256, height: 192 });
        expect(thumb.bytes!.byteLength).toBeLessThanOrEqual(64 * 1024);
        for (const other of others) {
          expect(await mediaOf(user, other.id)).toMatchObject({ media: "ready", hasThumbnail: true });
          expect((await fetchImage(user, getThumb, other.id)).meta).toMatchObject({ width: 64, height: 48 });
        }
      },
    );

    it("a video gets a poster frame (ffmpeg) and a PDF its first page (pdftoppm), a thousand pages or one", async () => {
      expect(mediaTools()).toMatchObject({ ffmpeg: expect.any(String), pdftoppm: expect.any(String) });
      const user = await newUser();
      const clip = await uploadFile(user, "clip.mp4", video(), { type: "video/mp4" });
      const doc = await uploadFile(user, "doc.pdf", pdf(1), { type: "application/pdf" });
      const long = await uploadFile(user, "long.pdf", pdf(1000), { type: "application/pdf" });
      const started = performance.now();
      await drainMedia();
      expect(performance.now() - started).toBeLessThan(30_000);
      expect((await fetchImage(user, getThumb, clip.id)).meta).toMatchObject({ width: 64, height: 48 });
      for (const id of [doc.id, long.id]) {
        // 200 × 260 points: drawn 2048 px tall.
        expect((await fetchImage(user, getPreview, id)).meta).toMatchObject({ width: 1576, height: 2048 });
        const thumb = await fetchImage(user, getThumb, id);
        expect(thumb.meta).toMatchObject({ width: 197, height: 256 });
        // The page's blue box, not a blank page.
        expect((await pixel(thumb.bytes!, 98, 128))[2]).toBeGreaterThan(150);
      }
    });

    decoderIt("hostile files end as no thumbnail, quickly, and the next file's job still runs", async () => {
      const user = await newUser();
      const hostile = [
        await uploadFile(user, "bomb.png", await pngBomb(), { type: "image/png" }),
        await uploadFile(user, "cut.jpg", await truncatedJpeg(), { type: "image/jpeg" }),
        await uploadFile(user, "fake.mp4", new Uint8Array(crypto.getRandomValues(new Uint8Array(20_000))), {
          type: "video/mp4",
        }),
        await uploadFile(user, "script.svg", SCRIPTED_SVG, { type: "image/svg+xml" }),
        await uploadFile(user, "fake.pdf", new TextEncoder().encode("%PDF-1.4 not really"), {
          type: "application/pdf",
        }),
      ];
      const fine = await uploadFile(user, "fine.png", await photo(32, 32, "png"), { type: "image/png" });
      const started = performance.now();
      await drainMedia();
      expect(performance.now() - started).toBeLessThan(30_000);
      for (const file of hostile) {
        expect(await mediaOf(user, file.id)).toMatchObject({ media: "none", hasThumbnail: false, hasPreview: false });
      }
      expect(await mediaOf(user, fine.id)).toMatchObject({ media: "ready", hasThumbnail: true });
      expect(await db.mediaJob.count({ where: { file: { ownerId: user.id } } })).toBe(0);
      expect(await usageOf(user.id)).not.toMatchObject({ usedBytes: 0 });
    });

    decoderIt("without ffmpeg or pdftoppm, videos and PDFs keep their icon, with no error", async () => {
      const saved = { ffmpeg: process.env.MEDIA_FFMPEG, pdftoppm: process.env.MEDIA_PDFTOPPM };
      process.env.MEDIA_FFMPEG = "none";
      process.env.MEDIA_PDFTOPPM = "/nonexistent/pdftoppm";
      resetEnvCache();
      forgetPerProcess("media tools");
      try {
        expect(mediaTools()).toMatchObject({ ffmpeg: null, pdftoppm: null });
        const user = await newUser();
        const clip = await uploadFile(user, "clip.mp4", video(), { type: "video/mp4" });
        const doc = await uploadFile(user, "doc.pdf", pdf(1), { type: "application/pdf" });
        await drainMedia();
        for (const id of [clip.id, doc.id])
          expect(await mediaOf(user, id)).toMatchObject({ media: "none", hasThumbnail: false });
      } finally {
        for (const [name, value] of [
          ["MEDIA_FFMPEG", saved.ffmpeg],
          ["MEDIA_PDFTOPPM", saved.pdftoppm],
        ] as const) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
        resetEnvCache();
        forgetPerProcess("media tools");
      }
    });
  });
}
