// Content-Type and Content-Disposition rules shared by both drivers, so a download looks the
// same whichever store holds the bytes.

const TOKEN = "[A-Za-z0-9!#$&^_.+-]+";
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(\\s*;\\s*${TOKEN}=(?:${TOKEN}|"[^"\\\\\\r\\n]*"))*$`);

export const DEFAULT_TYPE = "application/octet-stream";

/** `type` when it is a well-formed media type (lower-cased type/subtype), else application/octet-stream. */
export function normalizeContentType(type: string | undefined | null): string {
  const trimmed = (type ?? "").trim();
  if (trimmed.length === 0 || trimmed.length > 200 || !MEDIA_TYPE.test(trimmed)) return DEFAULT_TYPE;
  const semi = trimmed.indexOf(";");
  return semi === -1 ? trimmed.toLowerCase() : trimmed.slice(0, semi).toLowerCase() + trimmed.slice(semi);
}

/** The `type/subtype` part, lower case. */
export function essence(type: string): string {
  return type.split(";")[0].trim().toLowerCase();
}

/** Raster images browsers render (never SVG, which can carry script). */
const INLINE_IMAGES = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/apng",
  "image/bmp",
  "image/x-icon",
  "image/vnd.microsoft.icon",
]);
/** Plain text kinds (never HTML, XML, JavaScript or anything a browser would run). */
const INLINE_TEXT = new Set(["text/plain", "text/csv", "text/markdown", "text/tab-separated-values"]);

/**
 * Whether a type may be shown inline (in the browser) rather than downloaded. An allow-list:
 * raster images, PDF, audio, video and plain text. HTML, SVG, any XML, JavaScript and unknown
 * types are always attachments, so an uploaded file can never run script in the app's origin.
 */
export function inlineAllowed(type: string): boolean {
  const t = essence(type);
  if (/(^|[/+.-])(x?html|svg|xml|xsl|xslt|javascript|ecmascript|jscript)($|[+.;-])/.test(t)) return false;
  const [major] = t.split("/");
  if (major === "audio" || major === "video") return true;
  return INLINE_IMAGES.has(t) || INLINE_TEXT.has(t) || t === "application/pdf";
}

/** The disposition actually used: "inline" is downgraded to "attachment" for unsafe types. */
export function safeDisposition(disposition: "attachment" | "inline", type: string): "attachment" | "inline" {
  return disposition === "inline" && inlineAllowed(type) ? "inline" : "attachment";
}

/** A display name without control characters or path separators, never empty. */
export function cleanFilename(filename: string): string {
  const cleaned = filename.replace(/[\u0000-\u001f\u007f/\\]/g, "_").trim();
  return (cleaned || "download").slice(0, 255);
}

function asciiFallback(filename: string): string {
  return filename
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // strip combining accents: "é" -> "e"
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%;]/g, "_");
}

/** RFC 8187 / 5987 value-chars: encodeURIComponent plus the few it leaves alone. */
function encodeExtValue(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment; filename="ascii fallback"; filename*=UTF-8''<percent-encoded>` (RFC 6266), which
 * every current browser understands; old ones use the ASCII fallback.
 */
export function contentDisposition(disposition: "attachment" | "inline", filename: string): string {
  const name = cleanFilename(filename);
  return `${disposition}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
