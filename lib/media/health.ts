// /api/health's media section: which kinds of file get renditions on this server (the decoders
// found at start-up) and the queue's backlog.
import { db } from "../db";
import { mediaTools } from "./tools";
import { MAX_ATTEMPTS } from "./queue";

export interface MediaStatus {
  /** Images always (sharp, bundled libvips); video posters with ffmpeg; PDF first pages with pdftoppm. */
  images: true;
  video: boolean;
  pdf: boolean;
  /** Whether each job's decoder runs under an address-space limit (util-linux prlimit). */
  memoryLimit: boolean;
  versions: Record<string, string>;
  /** Jobs waiting or running; how many of them failed at least once; the oldest one's age. */
  backlog: number;
  retrying: number;
  oldestQueuedAt: Date | null;
  maxAttempts: number;
}

export async function mediaHealth(): Promise<MediaStatus> {
  const tools = mediaTools();
  const [backlog, retrying, oldest] = await Promise.all([
    db.mediaJob.count(),
    db.mediaJob.count({ where: { lastError: { not: null } } }),
    db.mediaJob.findFirst({ orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  const sharp = (await import("sharp")).default;
  return {
    images: true,
    video: tools.ffmpeg !== null,
    pdf: tools.pdftoppm !== null,
    memoryLimit: tools.prlimit !== null,
    versions: { libvips: sharp.versions.vips, ...tools.versions },
    backlog,
    retrying,
    oldestQueuedAt: oldest?.createdAt ?? null,
    maxAttempts: MAX_ATTEMPTS,
  };
}
