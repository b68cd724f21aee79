// Thumbnails made in the browser right after an upload, so the grid never loads originals:
// at most 256 px on the long side, webp (jpeg where the browser cannot encode webp), <= 64 KiB.
import { putThumbnail } from "@/lib/client/api";

// Not imported from lib/schemas: a value from there would bring zod into the page's bundle.
const THUMBNAIL_MAX_BYTES = 64 * 1024; // the server's limit for PUT /api/files/{id}/thumbnail
const THUMBNAIL_MAX_PX = 256;
const RASTER = /^image\/(jpeg|png|gif|webp|avif|bmp)$/;
/** Bigger images are skipped: decoding them would cost more memory than a thumbnail is worth. */
const MAX_SOURCE_BYTES = 50 * 1024 * 1024;

export function canThumbnail(type: string, size: number): boolean {
  return RASTER.test(type) && size > 0 && size <= MAX_SOURCE_BYTES;
}

/** A small image of `source`, or null when the browser cannot decode it. */
export async function makeThumbnail(source: Blob): Promise<Blob | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(source);
  } catch {
    return null;
  }
  const scale = Math.min(1, THUMBNAIL_MAX_PX / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext("2d")!.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  for (const [type, quality] of [
    ["image/webp", 0.8],
    ["image/webp", 0.5],
    ["image/jpeg", 0.6],
  ] as const) {
    const blob = await canvas.convertToBlob({ type, quality });
    if (blob.type === type && blob.size <= THUMBNAIL_MAX_BYTES) return blob;
  }
  return null;
}

/** Makes and stores the thumbnail of a just-uploaded image; failures only cost the thumbnail. */
export async function storeThumbnail(fileId: string, source: Blob): Promise<boolean> {
  if (!canThumbnail(source.type, source.size)) return false;
  try {
    const image = await makeThumbnail(source);
    if (!image) return false;
    await putThumbnail(fileId, image);
    return true;
  } catch (error) {
    console.warn("Could not store a thumbnail", error);
    return false;
  }
}
