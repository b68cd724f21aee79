// Which decoders this process has, found once at start-up (the server's instrumentation asks
// first) and reported by /api/health: sharp (always: an npm dependency bundling libvips), ffmpeg
// for video posters and poppler's pdftoppm for PDF first pages (Debian packages, optional), and
// util-linux's prlimit for the per-job memory limit. A missing tool only means that kind of file
// keeps its icon.
import { spawnSync } from "node:child_process";
import { env } from "../env";
import { log } from "../log";
import { perProcess } from "../per-process";

export interface MediaTools {
  /** The command to run, or null when it is not installed (or turned off with "none"). */
  ffmpeg: string | null;
  pdftoppm: string | null;
  prlimit: string | null;
  /** Versions, for /api/health. */
  versions: { ffmpeg?: string; pdftoppm?: string; libvips?: string };
}

/** The first line a tool prints about its version, or null when it cannot run. */
function probe(command: string, args: string[]): string | null {
  if (!command || command === "none") return null;
  const run = spawnSync(command, args, { encoding: "utf8", timeout: 10_000 });
  if (run.error || (run.status !== 0 && run.status !== 99)) return null; // pdftoppm -v exits 0 or 99 by version
  return (
    `${run.stdout}${run.stderr}`
      .split("\n")
      .find((line) => line.trim())
      ?.trim() ?? command
  );
}

export function detectTools(config = env()): MediaTools {
  const ffmpeg = probe(config.MEDIA_FFMPEG, ["-hide_banner", "-version"]);
  const pdftoppm = probe(config.MEDIA_PDFTOPPM, ["-v"]);
  const prlimit = probe("prlimit", ["--version"]);
  return {
    ffmpeg: ffmpeg ? config.MEDIA_FFMPEG : null,
    pdftoppm: pdftoppm ? config.MEDIA_PDFTOPPM : null,
    prlimit: prlimit ? "prlimit" : null,
    versions: {
      ...(ffmpeg ? { ffmpeg: ffmpeg.replace(/ Copyright.*/, "") } : {}),
      ...(pdftoppm ? { pdftoppm } : {}),
    },
  };
}

/** This process's tools, probed on first use. */
export function mediaTools(): MediaTools {
  return perProcess("media tools", () => {
    const tools = detectTools();
    log.info("media tools", { ffmpeg: tools.ffmpeg, pdftoppm: tools.pdftoppm, prlimit: tools.prlimit });
    return tools;
  });
}
