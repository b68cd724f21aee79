// Reading a small request body whole (JSON, a thumbnail), refused with 413 too_large before it is
// read when Content-Length says it is too long, and as soon as it turns out to be.
import { DomainError } from "../errors";
import { formatBytes } from "../bytes";

export async function readLimitedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new DomainError("too_large", `The request body is larger than ${formatBytes(maxBytes)}.`, { maxBytes });
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
