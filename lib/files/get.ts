// One file of the owner's; anyone else's answers 404 exactly like a missing one.
import { z } from "zod";
import { getDriver } from "../storage";
import { safeDisposition } from "../storage/content";
import type { DriverName } from "../storage/types";
import { toFileJson } from "./json";
import { findFile, userActor } from "./access";

/** Signed download URLs are short-lived: long enough to start, too short to pass around. */
const DOWNLOAD_URL_SECONDS = 300;

export const downloadQuery = z.object({ inline: z.enum(["0", "1", "true", "false"]).optional() });

// A trashed file is neither shown nor downloadable here (the access layer's "live" default).
const readyFile = (ownerId: string, id: string) => findFile(userActor(ownerId), id);

export async function getFile(ownerId: string, id: string) {
  return { file: toFileJson(await readyFile(ownerId, id)) };
}

/** A short-lived signed GET; inline only for types that are safe to render (never HTML/SVG/XML). */
export async function downloadUrl(ownerId: string, id: string, inline: boolean): Promise<string> {
  const file = await readyFile(ownerId, id);
  const driver = await getDriver(file.driver as DriverName);
  const signed = await driver.createDownloadUrl({
    key: file.storageKey,
    filename: file.name,
    type: file.type,
    disposition: safeDisposition(inline ? "inline" : "attachment", file.type),
    expiresIn: DOWNLOAD_URL_SECONDS,
  });
  return signed.url;
}
