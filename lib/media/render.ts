// Makes a file's renditions from its bytes in a temp file: which decoder a type goes to, and the
// child processes that decode it under the job's limits (limited-run.ts). Images go straight to
// the image decoder (server/media-decoder.mjs, sharp); a video's frame (ffmpeg) and a PDF's first
// page (pdftoppm) are first drawn into a PNG, then go the same way. Every failure of the input
// (undecodable, too many pixels, too slow, not what it claims) ends as `none`: no thumbnail.
import fs from "node:fs/promises";
import path from "node:path";
import { runLimited, type Limits } from "./limited-run";
import type { MediaTools } from "./tools";

export type MediaKind = "image" | "video" | "pdf";

/** The kind of rendition a type gets, or null (an icon). SVG is never rendered: it may carry scripts or fetch things. */
export function mediaKind(type: string): MediaKind | null {
  const essence = type.split(";")[0]!.trim().toLowerCase();
  if (essence === "image/svg+xml") return null;
  if (essence.startsWith("image/")) return "image";
  if (essence.startsWith("video/")) return "video";
  if (essence === "application/pdf") return "pdf";
  return null;
}

export type Rendered =
  { made: true; thumb: Buffer; preview: Buffer; width: number; height: number } | { made: false; reason: string };

export interface RenderOptions {
  tools: MediaTools;
  limits: Limits;
  maxPixels: number;
  /** A folder of this job's own (removed by the caller). */
  workDir: string;
}

const DECODER = path.join(process.cwd(), "server", "media-decoder.mjs");
const PREVIEW_PX = 2048;

/** Environment that keeps the decoder's address space small enough for its limit (glibc arenas, libvips threads). */
const DECODER_ENV = { MALLOC_ARENA_MAX: "2", VIPS_CONCURRENCY: "1" };

async function decodeImage(input: string, o: RenderOptions): Promise<Rendered> {
  const run = await runLimited(
    o.tools.prlimit,
    o.limits,
    process.execPath,
    [DECODER, input, o.workDir, String(o.maxPixels)],
    DECODER_ENV,
  );
  if (run.timedOut) return { made: false, reason: "decoding took too long" };
  const line = run.stdout.trim().split("\n").at(-1) ?? "";
  let answer: { none?: string; width?: number; height?: number } = {};
  try {
    answer = JSON.parse(line) as typeof answer;
  } catch {
    return {
      made: false,
      reason: `the decoder ended without an answer (${run.signal ?? run.code}): ${run.stderr.slice(-200)}`,
    };
  }
  if (answer.none !== undefined) return { made: false, reason: answer.none };
  const [thumb, preview] = await Promise.all([
    fs.readFile(path.join(o.workDir, "thumb.webp")),
    fs.readFile(path.join(o.workDir, "preview.webp")),
  ]);
  return { made: true, thumb, preview, width: answer.width ?? 0, height: answer.height ?? 0 };
}

/** A PNG of a video's frame: one second in (past a black first frame), else the first frame of a short clip. */
async function videoFrame(input: string, o: RenderOptions): Promise<string | null> {
  const out = path.join(o.workDir, "frame.png");
  const scale = `scale='min(${PREVIEW_PX},iw)':'min(${PREVIEW_PX},ih)':force_original_aspect_ratio=decrease`;
  for (const seek of [["-ss", "1"], []]) {
    const run = await runLimited(o.tools.prlimit, o.limits, o.tools.ffmpeg!, [
      "-nostdin",
      "-hide_banner",
      "-v",
      "error",
      "-y",
      ...seek,
      "-i",
      input,
      "-map",
      "0:v:0",
      "-frames:v",
      "1",
      "-vf",
      scale,
      "-f",
      "image2",
      "-c:v",
      "png",
      out,
    ]);
    if (run.timedOut) return null;
    if (run.code === 0 && (await fs.stat(out).catch(() => null))?.size) return out;
  }
  return null;
}

/** A PNG of a PDF's first page, at most PREVIEW_PX on its longer side (only page 1 is drawn, however many there are). */
async function pdfPage(input: string, o: RenderOptions): Promise<string | null> {
  const prefix = path.join(o.workDir, "page");
  const run = await runLimited(o.tools.prlimit, o.limits, o.tools.pdftoppm!, [
    "-f",
    "1",
    "-l",
    "1",
    "-singlefile",
    "-png",
    "-scale-to",
    String(PREVIEW_PX),
    input,
    prefix,
  ]);
  if (run.code !== 0) return null;
  return (await fs.stat(`${prefix}.png`).catch(() => null))?.size ? `${prefix}.png` : null;
}

/** The renditions of the file of `type` whose bytes are at `input`. */
export async function render(input: string, type: string, o: RenderOptions): Promise<Rendered> {
  const kind = mediaKind(type);
  if (kind === "image") return decodeImage(input, o);
  if (kind === "video") {
    if (!o.tools.ffmpeg) return { made: false, reason: "ffmpeg is not installed" };
    const frame = await videoFrame(input, o);
    return frame ? decodeImage(frame, o) : { made: false, reason: "no video frame could be decoded" };
  }
  if (kind === "pdf") {
    if (!o.tools.pdftoppm) return { made: false, reason: "pdftoppm is not installed" };
    const page = await pdfPage(input, o);
    return page ? decodeImage(page, o) : { made: false, reason: "the first page could not be drawn" };
  }
  return { made: false, reason: `${type} has no rendition` };
}
