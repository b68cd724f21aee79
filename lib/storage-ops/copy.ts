// Copying one object from a driver to another, for migration and the backup mirror. The bytes
// stream through (S3 targets take large bodies as multipart, one part in memory at a time), an MD5
// is computed on the way over exactly `size` bytes, and the copy is accepted only when the MD5 the
// target reports for what it stored (S3 ETags, the local driver's hash of what it wrote) is the same
// or, when it cannot tell (SSE-KMS), when its size (stat) and the MD5 of its bytes read back are.
import crypto from "node:crypto";
import { IntegrityError, type StorageDriver } from "../storage";

export interface CopyResult {
  bytes: number;
  md5: string;
  /** "store": the target reported the MD5 of what it stored; "readback": the copy was read back and hashed. */
  verifiedBy: "store" | "readback";
}

/** Passes a stream through unchanged (pulled chunk by chunk, nothing queued) while hashing and counting it. */
function hashing(
  body: ReadableStream<Uint8Array>,
  hash: crypto.Hash,
  counter: { bytes: number },
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        hash.update(value);
        counter.bytes += value.byteLength;
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

/** MD5 (hex) and length of the object at `key`, read through. */
export async function hashStored(driver: StorageDriver, key: string): Promise<{ md5: string; bytes: number }> {
  const hash = crypto.createHash("md5");
  const counter = { bytes: 0 };
  const { body } = await driver.read(key);
  await hashing(body, hash, counter).pipeTo(new WritableStream());
  return { md5: hash.digest("hex"), bytes: counter.bytes };
}

/**
 * Copies `key` from `from` to `to` (same key), expecting `size` bytes. Throws IntegrityError when
 * the source does not hold `size` bytes or the copy does not verify; StorageError subclasses when a
 * store fails. A failed copy leaves nothing on the target, or a complete earlier copy of the same key.
 */
export async function copyObject(
  from: StorageDriver,
  to: StorageDriver,
  key: string,
  size: number,
  type = "application/octet-stream",
): Promise<CopyResult> {
  const source = await from.read(key);
  if (source.size !== size) {
    await source.body.cancel().catch(() => {});
    throw new IntegrityError(`The ${from.name} copy of "${key}" has ${source.size} bytes, not the recorded ${size}.`);
  }
  const hash = crypto.createHash("md5");
  const counter = { bytes: 0 };
  const written = await to.write(key, hashing(source.body, hash, counter), size, type);
  const md5 = hash.digest("hex");
  if (counter.bytes !== size) throw IntegrityError.wrongLength(size, counter.bytes);

  // The target's own MD5 of what it stored equals the MD5 of the `size` bytes sent: size and content
  // are verified without another request. Otherwise its size (stat), then its bytes (read back).
  if (written.md5 === md5) return { bytes: size, md5, verifiedBy: "store" };
  const stored = await to.stat(key);
  if (stored.size !== size) {
    throw new IntegrityError(`The ${to.name} copy of "${key}" has ${stored.size} bytes, not ${size}.`);
  }
  const back = await hashStored(to, key);
  if (back.md5 !== md5 || back.bytes !== size) {
    throw new IntegrityError(`The ${to.name} copy of "${key}" does not match the ${from.name} copy (MD5 differs).`);
  }
  return { bytes: size, md5, verifiedBy: "readback" };
}
