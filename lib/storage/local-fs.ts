// Small file-system helpers of the local driver: nothing here knows keys or uploads.
import fsp from "node:fs/promises";
import { IntegrityError } from "./errors";

const READ_CHUNK = 256 * 1024;

export async function isFile(file: string): Promise<boolean> {
  try {
    return (await fsp.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Writes all of `data` at the file's position (fh.write may write less than asked). */
export async function writeAll(fh: fsp.FileHandle, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.byteLength) {
    const { bytesWritten } = await fh.write(data, offset, data.byteLength - offset, null);
    offset += bytesWritten;
  }
}

/** A pull-based web stream of bytes start..end (inclusive) of an open file; closes the handle. */
export function fileStream(fh: fsp.FileHandle, start: number, end: number): ReadableStream<Uint8Array> {
  let position = start;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await fh.close().catch(() => {});
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const length = Math.min(READ_CHUNK, end + 1 - position);
        if (length <= 0) {
          await close();
          controller.close();
          return;
        }
        try {
          const buffer = new Uint8Array(length);
          const { bytesRead } = await fh.read(buffer, 0, length, position);
          if (bytesRead === 0) {
            // The file shrank under us (it cannot normally: writes rename new files into place).
            await close();
            controller.error(new IntegrityError("The stored file ended before its recorded size."));
            return;
          }
          position += bytesRead;
          controller.enqueue(bytesRead === length ? buffer : buffer.subarray(0, bytesRead));
        } catch (err) {
          await close();
          controller.error(err);
        }
      },
      async cancel() {
        await close();
      },
    },
    { highWaterMark: 0 },
  );
}
