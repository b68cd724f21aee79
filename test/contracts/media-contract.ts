// Thumbnails and download dispositions against a real store, run by lib/files/media.local.test.ts
// and media.s3.test.ts.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { GET as getThumb, PUT as putThumb } from "@/app/api/files/[id]/thumbnail/handlers";
import { GET as fileRoute, DELETE as deleteFileRoute } from "@/app/api/files/[id]/handlers";
import { GET as listRoute } from "@/app/api/files/handlers";
import { GET as downloadRoute } from "@/app/api/files/[id]/download/handlers";
import { call, newUser, ORIGIN } from "@/test/api";
import { uploadFile } from "@/test/files";
import { signedFetch } from "@/test/signed-fetch";
import { db } from "@/lib/db";
import { getDriver } from "@/lib/storage";
import { storedOn } from "@/test/files";
import { usageOf } from "@/lib/quota";

type User = Awaited<ReturnType<typeof newUser>>;

const HEADERS: Record<string, number[]> = {
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  "image/jpeg": [0xff, 0xd8, 0xff, 0xe0],
  "image/webp": [...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WEBPVP8 ")],
};

/**
 * `size` bytes of a real (tiny) image of `type`, padded with zeros after its end (the server
 * decodes the header); below a real image's size, only its header, the rest random.
 */
async function image(type: string, size: number): Promise<Uint8Array> {
  const format = type.split("/")[1] as "png" | "jpeg" | "webp";
  const real = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#3366cc" } })
    .toFormat(format)
    .toBuffer();
  const bytes = size <= real.byteLength ? new Uint8Array(crypto.randomBytes(size)) : new Uint8Array(size);
  if (size > real.byteLength) bytes.set(real);
  else bytes.set(HEADERS[type]!.slice(0, size));
  return bytes;
}

/** The thumbnail objects stored for a file (its key is gone once the row is: keep it from before). */
const keys = new Map<string, string>();
async function thumbnailsOf(driver: "local" | "s3", fileId: string): Promise<string[]> {
  const row = await db.file.findUnique({ where: { id: fileId } });
  if (row) keys.set(fileId, row.storageKey);
  const found: string[] = [];
  for await (const object of getDriver(driver).list(`${keys.get(fileId)}.thumb`)) found.push(object.key);
  return found;
}

async function put(user: User, id: string, bytes: Uint8Array, type: string) {
  const request = new Request(`${ORIGIN}/api/files/${id}/thumbnail`, {
    method: "PUT",
    headers: { authorization: `Bearer ${user.token}`, "content-type": type },
    body: bytes as BodyInit,
  });
  const response = await putThumb(request, { params: Promise.resolve({ id }) });
  return { status: response.status, json: response.status === 204 ? null : await response.json() };
}

async function fetchThumb(user: User, id: string) {
  const redirect = await call(getThumb, { token: user.token, params: { id } });
  if (redirect.status !== 302) return { status: redirect.status, redirect };
  const response = await signedFetch(redirect.headers.get("location")!);
  return { status: response.status, redirect, response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

export function mediaContract(driverName: "local" | "s3") {
  describe(`thumbnails and downloads on the ${driverName} driver`, () => {
    it("stores a thumbnail through the file's driver, serves it inline, replaces it and deletes it with the file", async () => {
      const user = await newUser();
      const file = await uploadFile(user, "photo.jpg", new Uint8Array(crypto.randomBytes(2000)), {
        type: "image/jpeg",
      });
      expect((await fetchThumb(user, file.id)).status).toBe(404);
      const webp = await image("image/webp", 5000);
      expect((await put(user, file.id, webp, "image/webp")).status).toBe(204);
      expect((await call(fileRoute, { token: user.token, params: { id: file.id } })).json.file.hasThumbnail).toBe(true);
      expect((await call(listRoute, { token: user.token })).json.items[0]).toMatchObject({
        id: file.id,
        hasThumbnail: true,
      });
      const got = await fetchThumb(user, file.id);
      expect(got.status).toBe(200);
      expect(got.redirect.headers.get("x-content-type-options")).toBe("nosniff");
      expect(got.redirect.headers.get("cache-control")).toBe("private, max-age=240");
      expect(got.response!.headers.get("content-type")).toBe("image/webp");
      expect(got.response!.headers.get("content-disposition")).toMatch(/^inline;/);
      expect(Buffer.from(got.bytes!).equals(Buffer.from(webp))).toBe(true);

      const first = (await db.file.findUniqueOrThrow({ where: { id: file.id } })).thumbnailKey!;
      expect(first.startsWith((await db.file.findUniqueOrThrow({ where: { id: file.id } })).storageKey)).toBe(true);
      const png = await image("image/png", 300);
      expect((await put(user, file.id, png, "image/png")).status).toBe(204);
      const second = (await db.file.findUniqueOrThrow({ where: { id: file.id } })).thumbnailKey!;
      expect(await storedOn(driverName, first)).toBe(false);
      expect(Buffer.from((await fetchThumb(user, file.id)).bytes!).equals(Buffer.from(png))).toBe(true);

      await call(deleteFileRoute, {
        method: "DELETE",
        token: user.token,
        params: { id: file.id },
        path: "/x?permanent=1",
      });
      expect(await storedOn(driverName, second)).toBe(false);
    });

    it("refuses other image types (415), more than 64 KiB (413), an empty body (400) and other users (404)", async () => {
      const user = await newUser();
      const other = await newUser();
      const file = await uploadFile(user, "a.png", new Uint8Array(10), { type: "image/png" });
      expect((await put(user, file.id, new Uint8Array(10), "image/svg+xml")).status).toBe(415);
      expect((await put(user, file.id, new Uint8Array(10), "image/gif")).status).toBe(415);
      const big = await put(user, file.id, new Uint8Array(64 * 1024 + 1), "image/webp");
      expect(big.status).toBe(413);
      expect(big.json.error.code).toBe("too_large");
      expect((await put(user, file.id, new Uint8Array(0), "image/webp")).status).toBe(400);
      expect((await put(user, file.id, await image("image/webp", 64 * 1024), "image/webp")).status).toBe(204);
      expect((await put(other, file.id, await image("image/webp", 20), "image/webp")).status).toBe(404);
      expect((await fetchThumb(other, file.id)).status).toBe(404);
    });

    it("refuses bytes that are not the image they claim (415), storing nothing", async () => {
      const user = await newUser();
      const file = await uploadFile(user, "a.txt", new Uint8Array(0), { type: "text/plain" });
      const text = new TextEncoder().encode("definitely not an image, just some text ".repeat(20));
      for (const type of ["image/png", "image/jpeg", "image/webp"]) {
        const refused = await put(user, file.id, text, type);
        expect(refused.status).toBe(415);
        expect(refused.json.error.code).toBe("unsupported_type");
      }
      // A PNG header under a WebP label is not a WebP either.
      expect((await put(user, file.id, await image("image/png", 100), "image/webp")).status).toBe(415);
      // A header that is right, on bytes that do not decode as that image.
      const fake = new Uint8Array(crypto.randomBytes(3000));
      fake.set(HEADERS["image/png"]!);
      expect((await put(user, file.id, fake, "image/png")).status).toBe(415);
      // A real image, but no thumbnail: 1000 × 1000 pixels.
      const huge = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: "#fff" } })
        .png()
        .toBuffer();
      const tooBig = await put(user, file.id, new Uint8Array(huge), "image/png");
      expect(tooBig.status).toBe(400);
      expect(tooBig.json.error.message).toMatch(/512/);
      expect(await thumbnailsOf(driverName, file.id)).toEqual([]);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 0 });
    });

    it("count towards the owner's usage: at its quota an account stores none, however many empty files it has", async () => {
      const user = await newUser({ quotaBytes: 2000 });
      await uploadFile(user, "full.bin", new Uint8Array(2000));
      const empties: { id: string }[] = [];
      for (let i = 0; i < 4; i++) empties.push(await uploadFile(user, `empty${i}.png`, new Uint8Array(0)));
      for (const empty of empties) {
        const refused = await put(user, empty.id, await image("image/png", 64 * 1024), "image/png");
        expect(refused.status).toBe(413);
        expect(refused.json.error).toMatchObject({ code: "quota_exceeded", remainingBytes: 0 });
        expect(await thumbnailsOf(driverName, empty.id)).toEqual([]);
      }
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 2000, fileCount: 5 });
    });

    it("are booked and freed exactly: stored, replaced (one per file, also when two PUTs race) and deleted with the file", async () => {
      const user = await newUser({ quotaBytes: 100_000 });
      const files: { id: string }[] = [];
      for (let i = 0; i < 3; i++) files.push(await uploadFile(user, `e${i}.jpg`, new Uint8Array(0)));
      for (const file of files)
        expect((await put(user, file.id, await image("image/jpeg", 4096), "image/jpeg")).status).toBe(204);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 3 * 4096, fileCount: 3 });
      // A smaller one replaces it: the difference is given back, the old image deleted.
      expect((await put(user, files[0]!.id, await image("image/webp", 1000), "image/webp")).status).toBe(204);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 2 * 4096 + 1000 });
      expect(await thumbnailsOf(driverName, files[0]!.id)).toHaveLength(1);
      // Racing PUTs on one file: one image is kept and counted, the others' bytes are gone.
      const raced = await Promise.all(
        [2000, 3000, 5000].map(async (n) => put(user, files[1]!.id, await image("image/png", n), "image/png")),
      );
      expect(raced.filter((r) => r.status === 204).length).toBeGreaterThanOrEqual(1);
      expect(raced.every((r) => r.status === 204 || r.status === 409)).toBe(true);
      const kept = await db.file.findUniqueOrThrow({ where: { id: files[1]!.id } });
      expect(await thumbnailsOf(driverName, files[1]!.id)).toEqual([kept.thumbnailKey]);
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 4096 + 1000 + kept.thumbnailBytes! });
      for (const file of files)
        await call(deleteFileRoute, {
          method: "DELETE",
          token: user.token,
          params: { id: file.id },
          path: "/x?permanent=1",
        });
      expect(await usageOf(user.id)).toMatchObject({ usedBytes: 0, fileCount: 0 });
      for (const file of files) expect(await thumbnailsOf(driverName, file.id)).toEqual([]);
    });

    it("serves inline only the allow-list; HTML, SVG, XML and unknown types download as attachments", async () => {
      const user = await newUser();
      const cases: [string, string, "inline" | "attachment"][] = [
        ["p.png", "image/png", "inline"],
        ["d.pdf", "application/pdf", "inline"],
        ["v.mp4", "video/mp4", "inline"],
        ["t.txt", "text/plain", "inline"],
        ["x.html", "text/html", "attachment"],
        ["i.svg", "image/svg+xml", "attachment"],
        ["f.xml", "application/xml", "attachment"],
        ["u.bin", "application/x-unknown", "attachment"],
      ];
      for (const [name, type, expected] of cases) {
        const file = await uploadFile(user, name, new Uint8Array(crypto.randomBytes(20)), { type });
        const redirect = await call(downloadRoute, { token: user.token, params: { id: file.id }, path: `/x?inline=1` });
        expect(redirect.headers.get("x-content-type-options")).toBe("nosniff");
        const response = await signedFetch(redirect.headers.get("location")!);
        expect(response.headers.get("content-disposition")!.split(";")[0], type).toBe(expected);
        expect(response.headers.get("content-disposition")).toContain(`filename*=UTF-8''${name}`);
        if (driverName === "local") expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      }
    });
  });
}
