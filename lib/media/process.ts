// One media job's work: read the file's bytes from its own store into a private temp folder (on S3,
// from the bucket: the upload landed there directly), render them under the job's limits, store the
// renditions. Transient failures (the store unreachable) throw, for the queue to retry; everything
// about the file itself ends with an outcome.
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import type { File } from "../generated/prisma/client";
import { env } from "../env";
import { getDriver, type DriverName } from "../storage";
import { mediaKind, render } from "./render";
import { storeRenditions } from "./store";
import { mediaTools } from "./tools";

export interface Processed {
  outcome: "ready" | "none" | "changed" | "dropped";
  reason?: string;
}

export async function processFile(file: File): Promise<Processed> {
  if (file.status !== "READY") return { outcome: "dropped", reason: "not ready" };
  const kind = mediaKind(file.type);
  if (!kind) return { outcome: "none", reason: "no rendition for this type" };
  const config = env();
  if (file.size > BigInt(config.MEDIA_MAX_SOURCE_BYTES))
    return { outcome: "none", reason: "larger than MEDIA_MAX_SOURCE_BYTES" };
  const tools = mediaTools();
  if ((kind === "video" && !tools.ffmpeg) || (kind === "pdf" && !tools.pdftoppm)) {
    return { outcome: "none", reason: `no ${kind === "video" ? "ffmpeg" : "pdftoppm"}` };
  }
  const workDir = await fsp.mkdtemp(path.join(os.tmpdir(), "stowage-media-"));
  try {
    const input = path.join(workDir, "source");
    const read = await getDriver(file.driver as DriverName).read(file.storageKey);
    await pipeline(
      Readable.fromWeb(read.body as NodeWebStream<Uint8Array>),
      fs.createWriteStream(input, { mode: 0o600 }),
    );
    const rendered = await render(input, file.type, {
      tools,
      workDir,
      maxPixels: config.MEDIA_MAX_PIXELS,
      limits: { timeoutMs: config.MEDIA_JOB_SECONDS * 1000, memoryBytes: config.MEDIA_JOB_MEMORY },
    });
    if (!rendered.made) return { outcome: "none", reason: rendered.reason };
    const stored = await storeRenditions(file, rendered.thumb, rendered.preview);
    if (stored === "over_quota") return { outcome: "none", reason: "over quota" };
    if (stored === "changed") return { outcome: "changed" };
    return { outcome: "ready" };
  } finally {
    await fsp.rm(workDir, { recursive: true, force: true });
  }
}
