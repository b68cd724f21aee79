// What a visitor gets once the gate (visit.ts) has let them through: a signed download, a signed
// inline preview, a folder listing, a zip, the start of a text file.
import type { File } from "../generated/prisma/client";
import { db } from "../db";
import { invalid } from "../errors";
import { fileScope, findFolder, folderScope, type Actor } from "../files/access";
import { assertAvailable } from "../files/get";
import { zipStream } from "../files/zip";
import { ancestries } from "../files/tree";
import { inlineAllowed } from "../storage/content";
import { readableDriver } from "../storage-ops/mirror";
import { shareScope } from "./grants";
import { admitVisitor, type Admitted, type Visit } from "./visit";
import { zipTicket } from "./zip-ticket";

/**
 * How long a signed URL handed to a visitor lives. A download is one GET the browser starts at
 * once, so a minute is plenty. A preview's media player comes back for more ranges while it plays
 * and seeks, so it gets API.md's 5 minutes. App-served URLs (local driver, S3 relay mode) end the
 * moment the link is revoked or the file trashed (grants.ts); a bucket's presigned URL cannot be
 * ended early, so this is the longest it outlives a revoke.
 */
export const SHARE_DOWNLOAD_URL_SECONDS = 60;
export const SHARE_PREVIEW_URL_SECONDS = 300;
/** The longest listing the public page shows of one folder. */
export const LISTING_LIMIT = 500;
const TEXT_PREVIEW_BYTES = 64 * 1024;

async function signedUrl(share: { id: string }, file: File, disposition: "attachment" | "inline"): Promise<string> {
  assertAvailable(file);
  const driver = await readableDriver(file);
  const signed = await driver.createDownloadUrl({
    key: file.storageKey,
    filename: file.name,
    type: file.type,
    disposition,
    expiresIn: disposition === "inline" ? SHARE_PREVIEW_URL_SECONDS : SHARE_DOWNLOAD_URL_SECONDS,
    scope: shareScope(share.id, file.id),
  });
  return signed.url;
}

/**
 * Counts one download (every rule of the gate first) and signs an attachment GET. `downloadsLeft`
 * is what the link has left after this one (null: no limit), at most: others may download meanwhile.
 */
export async function shareDownload(visit: Omit<Visit, "purpose">, fileId?: string) {
  const admitted = await admitVisitor({ ...visit, purpose: { kind: "download", fileId } });
  const { maxDownloads, downloadCount } = admitted.share; // read before this download was taken
  return {
    url: await signedUrl(admitted.share, admitted.file!, "attachment"),
    unlock: admitted.unlock,
    downloadsLeft: maxDownloads === null ? null : Math.max(0, maxDownloads - downloadCount - 1),
  };
}

/**
 * Counts one download (none with a ticket: it was counted when the ticket was made) and streams the
 * shared folder (or a folder inside it) as a zip.
 */
export async function shareZip(visit: Omit<Visit, "purpose">, folderId?: string, ticket?: string) {
  const { zip } = await admitVisitor({ ...visit, purpose: { kind: "zip", folderId, ticket } });
  return { ...zip!, ...zipStream(zip!.entries) };
}

/** Counts one download of the zip (every rule first) and answers a ticket to fetch it with (zip-ticket.ts). */
export async function shareZipTicket(visit: Omit<Visit, "purpose">, folderId?: string) {
  const admitted = await admitVisitor({ ...visit, purpose: { kind: "zip", folderId } });
  const { maxDownloads, downloadCount } = admitted.share; // read before this download was taken
  return {
    ticket: zipTicket(admitted.share.id, folderId ?? "", visit.now),
    unlock: admitted.unlock,
    downloadsLeft: maxDownloads === null ? null : Math.max(0, maxDownloads - downloadCount - 1),
  };
}

/**
 * An inline URL for one previewable file of the link. It hands out the original bytes, so on a
 * link with a download limit it counts as one download (the gate decides); without one it is free.
 */
export async function sharePreviewUrl(visit: Omit<Visit, "purpose">, fileId: string): Promise<string> {
  const admitted = await admitVisitor({ ...visit, purpose: { kind: "preview", fileId } });
  return signedUrl(admitted.share, admitted.file!, "inline");
}

/** The folders and files directly inside `folderId` (default: the shared folder), read-only. */
export async function listShared(admitted: Admitted, folderId?: string) {
  if (admitted.target.type !== "folder") throw invalid("Only a folder link has a listing.");
  const actor: Actor = admitted.actor;
  const folder = await findFolder(actor, folderId ?? admitted.target.folder.id);
  const [folders, files] = await Promise.all([
    db.folder.findMany({
      where: { AND: [{ parentId: folder.id }, folderScope(actor)] },
      orderBy: [{ sortName: "asc" }, { id: "asc" }],
      take: LISTING_LIMIT,
    }),
    db.file.findMany({
      where: { AND: [{ folderId: folder.id }, fileScope(actor)] },
      orderBy: [{ sortName: "asc" }, { id: "asc" }],
      take: LISTING_LIMIT,
    }),
  ]);
  // The share actor cannot see above its folder, so the path starts at the shared folder.
  const path = (await ancestries(actor, [folder.id])).get(folder.id) ?? [];
  return { folder, path, folders, files };
}

/**
 * The first 64 KiB of a file link's text file, for the page to show (no URL, nothing counted), or
 * null. A link with a download limit shows none: for a small file that would be all its bytes,
 * uncounted; its visitors preview through the counted door instead.
 */
export async function textPreview(admitted: Admitted): Promise<{ text: string; truncated: boolean } | null> {
  if (admitted.target.type !== "file" || admitted.share.maxDownloads !== null) return null;
  const file = admitted.target.file;
  if (file.missingAt) return null; // its bytes are gone: nothing to read
  if (!file.type.startsWith("text/") && file.type !== "application/json") return null;
  if (!inlineAllowed(file.type)) return null;
  const size = Number(file.size);
  if (size === 0) return { text: "", truncated: false };
  const end = Math.min(size, TEXT_PREVIEW_BYTES) - 1;
  const { body } = await (await readableDriver(file)).read(file.storageKey, { start: 0, end });
  const bytes = new Uint8Array(await new Response(body).arrayBuffer());
  return { text: new TextDecoder("utf-8", { fatal: false }).decode(bytes), truncated: size > TEXT_PREVIEW_BYTES };
}
