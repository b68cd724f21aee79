// Real media files for the media queue's tests, made on the spot: images with sharp, a video with
// ffmpeg, PDFs written by hand. Hostile ones too (a decompression bomb's header, a truncated JPEG,
// a thousand-page PDF, a "video" of random bytes, an SVG with a script).
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";

/** 40 × 20 (landscape as stored): left half red, right half blue; EXIF orientation 6 (turn 90° clockwise to view). */
export async function rotatedJpeg(): Promise<Uint8Array> {
  const red = { r: 255, g: 0, b: 0 };
  const half = await sharp({ create: { width: 20, height: 20, channels: 3, background: { r: 0, g: 0, b: 255 } } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 40, height: 20, channels: 3, background: red } })
    .composite([{ input: half, left: 20, top: 0 }])
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: "secret-exif-marker" } } })
    .toBuffer()
    .then((b) => new Uint8Array(b));
}

/**
 * An image of `width` × `height` in `format`: noise (every pixel random, as hard to compress as a
 * photo gets) or smooth (a blurred noise tile scaled up: small files, quick to make).
 */
export async function photo(
  width: number,
  height: number,
  format: "jpeg" | "png" | "webp" | "avif" | "gif" | "tiff",
  texture: "noise" | "smooth" = "noise",
) {
  const [w, h] = texture === "noise" ? [width, height] : [Math.ceil(width / 32), Math.ceil(height / 32)];
  let image = sharp(crypto.randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } });
  if (texture === "smooth") image = sharp(await image.resize(width, height).png().toBuffer());
  return new Uint8Array(await image.toFormat(format).toBuffer());
}

function crc32(bytes: Buffer): number {
  return zlib.crc32(bytes);
}

/** A PNG whose header says 50,000 × 50,000 pixels (its data would inflate to 7.5 GB). */
export async function pngBomb(): Promise<Uint8Array> {
  const png = Buffer.from(
    await sharp({ create: { width: 1, height: 1, channels: 3, background: "#000" } })
      .png()
      .toBuffer(),
  );
  // IHDR's data starts at byte 16 (8 signature + 4 length + 4 type): width, height, then 5 bytes.
  png.writeUInt32BE(50_000, 16);
  png.writeUInt32BE(50_000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
  return new Uint8Array(png);
}

/** A 300 × 200 JPEG cut off halfway. */
export async function truncatedJpeg(): Promise<Uint8Array> {
  const whole = await photo(300, 200, "jpeg");
  return whole.slice(0, Math.floor(whole.byteLength / 2));
}

/** A PDF of `pages` pages (each a coloured box), its cross-reference table computed. */
export function pdf(pages = 1): Uint8Array {
  const objects: string[] = [];
  const content = "0.2 0.4 0.8 rg 20 20 160 220 re f";
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i} 0 R`).join(" ");
  objects[2] = `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`;
  objects[3] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  for (let i = 0; i < pages; i++) {
    objects[4 + i] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 260] /Contents 3 0 R >>";
  }
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (let n = 1; n < objects.length; n++) {
    offsets[n] = out.length;
    out += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let n = 1; n < objects.length; n++) out += `${String(offsets[n]).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** A 2-second 64 × 48 MP4 of ffmpeg's test pattern (needs ffmpeg). */
export function video(): Uint8Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stowage-video-"));
  const out = path.join(dir, "clip.mp4");
  execFileSync("ffmpeg", [
    "-nostdin",
    "-v",
    "error",
    "-f",
    "lavfi",
    "-i",
    "testsrc=size=64x48:rate=10",
    "-t",
    "2",
    "-pix_fmt",
    "yuv420p",
    "-movflags",
    "+faststart",
    out,
  ]);
  const bytes = new Uint8Array(fs.readFileSync(out));
  fs.rmSync(dir, { recursive: true, force: true });
  return bytes;
}

export const SCRIPTED_SVG = new TextEncoder().encode(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
);
