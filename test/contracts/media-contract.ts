// Thumbnails and download dispositions against a real store, run by lib/files/media.local.test.ts
// and media.s3.test.ts.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as getThumb, PUT as putThumb } from "@/app/api/files/[id]/thumbnail/handlers";
import { GET as fileRoute, DELETE as deleteFileRoute } from "@/app/api/files/[id]/handlers";
import { GET as listRoute } from "@/app/api/files/handlers";
import { GET as downloadRoute } from "@/app/api/files/[id]/download/handlers";
import { call, newUser, ORIGIN } from "@/test/api";
import { uploadFile } from "@/test/files";
import { signedFetch } from "@/test/signed-fetch";
import { db } from "@/lib/db";
import { getDriver, ObjectNotFoundError } from "@/lib/storage";

type User = Awaited<ReturnType<typeof newUser>>;

const storedOn = async (driver: "local" | "s3", key: string) =>
  getDriver(driver)
    .stat(key)
    .then(
      () => true,
      (e) => (e instanceof ObjectNotFoundError ? false : Promise.reject(e)),
    );

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
      const webp = new Uint8Array(crypto.randomBytes(5000));
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
      const png = new Uint8Array(crypto.randomBytes(300));
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
      expect((await put(user, file.id, new Uint8Array(64 * 1024), "image/webp")).status).toBe(204);
      expect((await put(other, file.id, new Uint8Array(10), "image/webp")).status).toBe(404);
      expect((await fetchThumb(other, file.id)).status).toBe(404);
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
