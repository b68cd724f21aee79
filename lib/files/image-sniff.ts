// Whether bytes are the image type they claim, by their header (magic numbers). A thumbnail is
// served inline with its declared type: bytes of any other kind must never be stored as one.
type ImageType = "image/webp" | "image/jpeg" | "image/png";

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  bytes.length >= at + text.length && [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

const SIGNATURES: Record<ImageType, (bytes: Uint8Array) => boolean> = {
  // "\x89PNG\r\n\x1a\n"
  "image/png": (b) => b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v),
  // SOI marker, then the first segment's marker
  "image/jpeg": (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  // "RIFF" <size> "WEBP"
  "image/webp": (b) => ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP"),
};

export function looksLike(type: ImageType, bytes: Uint8Array): boolean {
  return SIGNATURES[type](bytes);
}
