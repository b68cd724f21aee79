// Stream helpers: bodies are counted as they pass, never collected in memory.
import { IntegrityError } from "./errors";
import type { ByteSource } from "./types";

/** `body` as a Web stream (the S3 SDK's path); an async iterable is wrapped, a stream passed as it is. */
export function asWebStream(body: ByteSource): ReadableStream<Uint8Array> {
  return body instanceof ReadableStream ? body : (ReadableStream as unknown as WebStreamFrom).from(body);
}
type WebStreamFrom = { from(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> };

/**
 * Passes `body` through unchanged when it has exactly `size` bytes. When more arrive it errors
 * with IntegrityError("too_large") *before* handing on the chunk that completes `size` bytes —
 * it first makes sure the source has ended — so a consumer that stops at `size` bytes (an HTTP
 * request with that Content-Length) never sees a complete body that was in fact too long.
 * When fewer arrive it errors with IntegrityError("too_short") at the end.
 */
export function exactLength(body: ByteSource, size: number): ReadableStream<Uint8Array> {
  const reader = asWebStream(body).getReader();
  let received = 0;
  const fail = async (controller: ReadableStreamDefaultController<Uint8Array>, error: Error) => {
    controller.error(error);
    await reader.cancel(error).catch(() => {});
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (cause) {
          controller.error(
            new IntegrityError(`The upload was interrupted after ${received} of ${size} bytes.`, {
              cause,
              reason: "too_short",
            }),
          );
          return;
        }
        if (chunk.done) {
          if (received === size) controller.close();
          else controller.error(IntegrityError.wrongLength(size, received));
          return;
        }
        const value = chunk.value;
        if (value.byteLength === 0) return;
        received += value.byteLength;
        if (received > size) return fail(controller, IntegrityError.wrongLength(size, received));
        if (received === size) {
          // Hold the last chunk until the source proves it has nothing more.
          for (;;) {
            let next: ReadableStreamReadResult<Uint8Array>;
            try {
              next = await reader.read();
            } catch (cause) {
              controller.error(
                new IntegrityError(`The upload was interrupted after ${received} bytes.`, {
                  cause,
                  reason: "mismatch",
                }),
              );
              return;
            }
            if (next.done) break;
            if (next.value.byteLength > 0)
              return fail(controller, IntegrityError.wrongLength(size, received + next.value.byteLength));
          }
          controller.enqueue(value);
          controller.close();
          return;
        }
        controller.enqueue(value);
      },
      async cancel(reason) {
        await reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}

/** An empty stream (for a body of 0 bytes sent without one). */
export function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({ start: (c) => c.close() });
}

/**
 * Reads exactly `size` bytes from `reader` into one buffer (for one multipart part of a relayed
 * body). Returns fewer bytes only when the stream ends first. `leftover` carries bytes read past
 * the part boundary to the next call.
 */
export async function readChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  size: number,
  leftover: { bytes: Uint8Array | null },
): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  let filled = 0;
  if (leftover.bytes) {
    const take = Math.min(size, leftover.bytes.byteLength);
    out.set(leftover.bytes.subarray(0, take), 0);
    filled = take;
    leftover.bytes = take < leftover.bytes.byteLength ? leftover.bytes.subarray(take) : null;
  }
  while (filled < size) {
    const { done, value } = await reader.read();
    if (done) break;
    const take = Math.min(size - filled, value.byteLength);
    out.set(value.subarray(0, take), filled);
    filled += take;
    if (take < value.byteLength) leftover.bytes = value.subarray(take);
  }
  return filled === size ? out : out.subarray(0, filled);
}
