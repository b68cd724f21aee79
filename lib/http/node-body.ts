// A request body the host received from node:http, offered two ways: as the Fetch Request's Web
// stream (what handlers read by default), or as the Node stream itself to a handler that moves
// many bytes (the blob endpoint's PUTs). Turning every socket-sized chunk into a Web stream chunk
// cost about 0.9 s of CPU per GiB (measured before issue 17, whose direct path brought it back).
// The Web stream is lazy (nothing is read until a handler reads it), so a handler can still take
// the Node stream instead; whichever is read first is the only way the body can be read.
import type { Readable } from "node:stream";

// Symbol.for: the host (dist/server) and Next's build each compile this module; a request made by
// one is read by the other.
const NODE_BODY = Symbol.for("stowage.nodeBody");

interface Source {
  node: Readable;
  /** "web": the Web stream has been read; "node": a handler took the Node stream. */
  taken: "web" | "node" | null;
}

type WithSource = { [NODE_BODY]?: Source };

/** A Web stream of `node`'s bytes that reads nothing until it is read. */
export function lazyBody(node: Readable): { body: ReadableStream<Uint8Array>; source: Source } {
  const source: Source = { node, taken: null };
  let chunks: AsyncIterator<Buffer> | undefined;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!chunks) {
          if (source.taken === "node") throw new TypeError("The request body was already read.");
          source.taken = "web";
          chunks = node[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
        }
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      },
      async cancel() {
        if (chunks) await chunks.return?.();
        else node.destroy();
      },
    },
    { highWaterMark: 0 }, // pull only when read: an unread body stays in the socket
  );
  return { body, source };
}

/** Marks `request` as carrying `source` (made by lazyBody for its body). */
export function attachNodeBody(request: Request, source: Source): Request {
  (request as WithSource)[NODE_BODY] = source;
  return request;
}

/**
 * The request's body as Node's stream, when the host made the request and no one has read its
 * Web stream; from then on the Web stream refuses to be read. Undefined otherwise: read request.body.
 */
export function takeNodeBody(request: Request): AsyncIterable<Uint8Array> | undefined {
  const source = (request as WithSource)[NODE_BODY];
  if (!source || source.taken !== null || request.bodyUsed) return undefined;
  source.taken = "node";
  return source.node;
}
