// One file: its JSON and its signed download URL. Another user's answers 404 like a missing one,
// and a trashed file is neither shown nor downloadable here (the access layer's "live" default).
import { z } from "zod";
import { DomainError } from "../errors";
import { safeDisposition } from "../storage/content";
import { readableDriver } from "../storage-ops/mirror";
import { findFile, type Actor } from "./access";
import { presentFile } from "./present";

/** Signed download URLs are short-lived: long enough to start, too short to pass around. */
export const DOWNLOAD_URL_SECONDS = 300;

export const downloadQuery = z.object({ inline: z.enum(["0", "1", "true", "false"]).optional() });

export async function getFile(actor: Actor, id: string) {
  return { file: await presentFile(actor, await findFile(actor, id)) };
}

/**
 * 409 file_unavailable for a file whose stored bytes reconciliation found missing (or of the wrong
 * size): there is nothing right to hand out until they are restored.
 */
export function assertAvailable(file: { missingAt: Date | null }): void {
  if (!file.missingAt) return;
  throw new DomainError(
    "file_unavailable",
    "This file is unavailable: its stored copy is missing or damaged. Ask the administrator to restore it.",
    { missingAt: file.missingAt.toISOString() },
  );
}

/** A short-lived signed GET; inline only for types on the allow-list (never HTML/SVG/XML). */
export async function downloadUrl(actor: Actor, id: string, inline: boolean): Promise<string> {
  const file = await findFile(actor, id);
  assertAvailable(file);
  const driver = await readableDriver(file);
  const signed = await driver.createDownloadUrl({
    key: file.storageKey,
    filename: file.name,
    type: file.type,
    disposition: safeDisposition(inline ? "inline" : "attachment", file.type),
    expiresIn: DOWNLOAD_URL_SECONDS,
  });
  return signed.url;
}
