// The media queue's image decoder, run as a child process per job (lib/media/render.ts) under an
// address-space limit and a deadline, so a hostile or huge image can cost only this process:
//   node server/media-decoder.mjs <input file> <output folder> <max input pixels>
// Writes preview.webp (at most 2048 px) and thumb.webp (at most 256 px, at most 64 KiB) to the
// output folder, upright (EXIF orientation applied) and without metadata (sharp drops EXIF, XMP
// and ICC unless asked to keep them), and prints one JSON line: {width, height, format} or
// {none: reason}. Plain JavaScript: it runs as it is in development, tests and production.
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

sharp.cache(false);
sharp.concurrency(1);

/** Formats decoded (sharp's bundled libvips; "heif" covers AVIF, not HEVC-coded HEIC). SVG never: it may reference anything. */
const DECODED = new Set(["jpeg", "png", "webp", "gif", "tiff", "heif"]);
const THUMB_PX = 256;
const PREVIEW_PX = 2048;
const THUMB_MAX_BYTES = 64 * 1024;

const [input, outDir, maxPixels] = process.argv.slice(2);
const open = () =>
  // failOn "warning": a truncated or corrupt image is refused rather than rendered half grey.
  sharp(input, { limitInputPixels: Number(maxPixels), failOn: "warning", animated: false, sequentialRead: true });

function answer(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

try {
  const meta = await open().metadata();
  if (!DECODED.has(meta.format)) {
    answer({ none: `format ${meta.format} is not rendered` });
  } else {
    const preview = await open()
      .rotate()
      .resize(PREVIEW_PX, PREVIEW_PX, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    await fs.writeFile(path.join(outDir, "preview.webp"), preview.data);
    let thumb;
    for (const quality of [70, 50, 30]) {
      thumb = await sharp(preview.data)
        .resize(THUMB_PX, THUMB_PX, { fit: "inside", withoutEnlargement: true })
        .webp({ quality })
        .toBuffer();
      if (thumb.byteLength <= THUMB_MAX_BYTES) break;
    }
    await fs.writeFile(path.join(outDir, "thumb.webp"), thumb);
    answer({ width: preview.info.width, height: preview.info.height, format: meta.format });
  }
} catch (error) {
  answer({ none: String(error?.message ?? error).slice(0, 300) });
}
