// What a visitor gets once the gate (visit.ts) has let them through: a signed download, a signed
// inline preview, a folder listing, the start of a text file.
import type { File } from "../generated/prisma/client";
import { db } from "../db";
import { invalid } from "../errors";
import { fileScope, findFile, findFolder, folderScope, type Actor } from "../files/access";
import { assertAvailable } from "../files/get";
import { zipEntries, zipStream } from "../files/zip";
import { ancestries } from "../files/tree";
import { inlineAllowed } from "../storage/content";
import { readableDriver } from "../storage-ops/mirror";
import { admitVisitor, type Admitted, type Visit } from "./visit";

/** Signed URLs handed to visitors live at most this long (API.md: at most 5 minutes). */
export const SHARE_URL_SECONDS = 300;
/** The longest listing the public page shows of one folder. */
export const LISTING_LIMIT = 500;
const TEXT_PREVIEW_BYTES = 64 * 1024;

async function signedUrl(file: File, disposition: "attachment" | "inline"): Promise<string> {
  assertAvailable(file);
  const driver = await readableDriver(file);
  const signed = await driver.createDownloadUrl({
    key: file.storageKey,
    filename: file.name,
    type: file.type,
    disposition,
    expiresIn: SHARE_URL_SECONDS,
  });
  return signed.url;
}

/** Counts one download (every rule of the gate first) and signs an attachment GET. */
export async function shareDownload(visit: Omit<Visit, "purpose">, fileId?: string) {
  const admitted = await admitVisitor({ ...visit, purpose: { kind: "download", fileId } });
  return { url: await signedUrl(admitted.file!, "attachment"), unlock: admitted.unlock };
}

/** Counts one download and streams the shared folder (or a folder inside it) as a zip. */
export async function shareZip(visit: Omit<Visit, "purpose">, folderId?: string) {
  const admitted = await admitVisitor({ ...visit, purpose: { kind: "zip", folderId } });
  const plan = await zipEntries(admitted.actor, { fileIds: [], folderIds: [admitted.folder!.id] });
  return { ...plan, ...zipStream(plan.entries) };
}

/** An inline URL for one previewable file of the link; not a download, so it does not count. */
export async function sharePreviewUrl(visit: Omit<Visit, "purpose">, fileId: string): Promise<string> {
  const { actor } = await admitVisitor({ ...visit, purpose: { kind: "view" } });
  const file = await findFile(actor, fileId);
  if (!inlineAllowed(file.type)) throw invalid("This kind of file has no preview.");
  return signedUrl(file, "inline");
}

/** The folders and files directly inside `folderId` (default: the shared folder), read-only. */
export async function listShared(admitted: Admitted, folderId?: string) {
  if (admitted.target.type !== "folder") throw invalid("Only a folder link has a listing.");
  const actor: Actor = admitted.actor;
  const folder = await findFolder(actor, folderId ?? admitted.target.folder.id);
  const [folders, files] = await Promise.all([
    db.folder.findMany({
      where: { AND: [{ parentId: folder.id }, folderScope(actor)] },
      orderBy: { name: "asc" },
      take: LISTING_LIMIT,
    }),
    db.file.findMany({
      where: { AND: [{ folderId: folder.id }, fileScope(actor)] },
      orderBy: { name: "asc" },
      take: LISTING_LIMIT,
    }),
  ]);
  // The share actor cannot see above its folder, so the path starts at the shared folder.
  const path = (await ancestries(actor, [folder.id])).get(folder.id) ?? [];
  return { folder, path, folders, files };
}

/** The first 64 KiB of a text file, for the page to show (no URL needed, nothing counted). */
export async function textPreview(file: File): Promise<{ text: string; truncated: boolean } | null> {
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
