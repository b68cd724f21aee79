// "Download all" on the public page, with JavaScript: the page first asks the link for the zip
// (`/s/<token>/zip?as=json`), which counts the download (or answers why not, in words), and gets a
// ticket; the zip it then starts with that ticket is not counted again. So a used-up link says so
// instead of saving a broken file, as the single download does. A ticket names the link and the
// folder, and lives as long as a signed download URL.
import crypto from "node:crypto";
import { derivedKey } from "../secret";

export const ZIP_TICKET_SECONDS = 60;

const mac = (shareId: string, folderId: string, expires: number) =>
  crypto
    .createHmac("sha256", derivedKey("share-zip-ticket"))
    .update(`${shareId}\n${folderId}\n${expires}`)
    .digest("base64url");

/** A ticket for one zip of `folderId` ("" = the shared folder) through link `shareId`. */
export function zipTicket(shareId: string, folderId: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + ZIP_TICKET_SECONDS;
  return `${expires}.${mac(shareId, folderId, expires)}`;
}

/** Whether `ticket` was made for this link and folder and has not expired. */
export function ticketValid(ticket: string, shareId: string, folderId: string, now: Date): boolean {
  const [expiresText, given] = ticket.split(".");
  const expires = Number(expiresText);
  if (!given || !Number.isSafeInteger(expires) || expires * 1000 < now.getTime()) return false;
  const [a, b] = [Buffer.from(given), Buffer.from(mac(shareId, folderId, expires))];
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
