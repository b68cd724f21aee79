// GET and HEAD of a file over WebDAV: the stored bytes (or a range of them) through the file's
// readable driver, after the same availability rule as downloads.
import type { File } from "../generated/prisma/client";
import { assertAvailable } from "../files/get";
import { readableDriver } from "../storage-ops/mirror";
import type { ByteRange } from "../storage/types";

export async function readFile(file: File, range?: ByteRange) {
  assertAvailable(file);
  const driver = await readableDriver(file);
  return driver.read(file.storageKey, range);
}
