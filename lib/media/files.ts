// The media queue as the API sees it: a file's preview (a signed inline GET, like its thumbnail)
// and re-processing (an admin queues one file again; `npm run media:reprocess` queues them all).
import { db } from "../db";
import { notFound } from "../errors";
import { audit, findFile, type Actor } from "../files/access";
import { DOWNLOAD_URL_SECONDS } from "../files/get";
import { toFileJson } from "../files/json";
import { readableDriver } from "../storage-ops/mirror";
import { enqueueMedia } from "./queue";
import { wakeMedia } from "./worker-timer";

/** GET /api/files/{id}/preview: a short-lived signed GET of the large preview, inline; 404 when there is none. */
export async function previewUrl(actor: Actor, id: string): Promise<string> {
  const file = await findFile(actor, id);
  if (!file.previewKey) throw notFound("Preview");
  const signed = await (
    await readableDriver(file)
  ).createDownloadUrl({
    key: file.previewKey,
    filename: `${file.name}.preview.webp`,
    type: "image/webp",
    disposition: "inline",
    expiresIn: DOWNLOAD_URL_SECONDS,
  });
  return signed.url;
}

/** POST /api/admin/files/{id}/media: queues a READY file's renditions again (any owner's; audited). */
export async function reprocessFile(actor: Actor, id: string) {
  const file = await db.$transaction(async (tx) => {
    const found = await findFile(actor, id, "any", tx);
    if (found.status !== "READY") throw notFound("File");
    await enqueueMedia(tx, found);
    await audit(tx, actor, "file.media_reprocess", found.id, { name: found.name });
    return tx.file.findUniqueOrThrow({ where: { id: found.id } });
  });
  wakeMedia();
  return { file: toFileJson(file) };
}

/** `npm run media:reprocess`: queues every READY file again, in id pages; returns how many. */
export async function reprocessAll(onPage?: (queued: number) => void): Promise<number> {
  let after: string | undefined;
  let queued = 0;
  for (;;) {
    const page = await db.file.findMany({
      where: { status: "READY", ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      select: { id: true, type: true },
      take: 500,
    });
    for (const file of page) await enqueueMedia(db, file);
    queued += page.length;
    onPage?.(queued);
    if (page.length < 500) return queued;
    after = page.at(-1)!.id;
  }
}
