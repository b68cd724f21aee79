// A bare node:http server (no Next) that receives PUT bodies into files the way
// lib/storage/local.ts does (temp file, fsync, rename), with variants of the receive loop, to
// measure what the upload path could do on this machine. Started by bench/experiments/receive-paths.ts.
//   tsx bench/experiments/receiver.ts <port> <dir>
// Paths:
//   /node-pipe         Node stream piped to the file (fs.createWriteStream), fsync: the ceiling
//   /current           Readable.toWeb(req) + LocalDriver.receive()'s loop today: read, md5, await write, repeat
//   /batched-md5       web stream; chunks coalesced to 1 MiB; one write in flight while the next is read; md5
//   /batched           as /batched-md5 without md5
//   /worker-md5        web stream; 1 MiB batches handed (transferred) to a worker thread that does
//                      md5 + write; at most 4 batches queued; the main thread only receives
//   /worker-hash       web stream; 1 MiB batches; a copy goes to a worker that only hashes (md5)
//                      while the main thread writes the batch (one write in flight), as /batched
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Worker } from "node:worker_threads";

const [port = "0", dir = "."] = process.argv.slice(2);
fs.mkdirSync(dir, { recursive: true });
let n = 0;

async function writeAll(fh: fsp.FileHandle, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.byteLength) {
    const { bytesWritten } = await fh.write(data, offset, data.byteLength - offset, null);
    offset += bytesWritten;
  }
}

/** Today's loop in LocalDriver.receive(): one chunk at a time, the write awaited before the next read. */
async function current(body: ReadableStream<Uint8Array>, fh: fsp.FileHandle): Promise<string> {
  const hash = crypto.createHash("md5");
  const reader = body.getReader();
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    hash.update(chunk.value);
    await writeAll(fh, chunk.value);
  }
  return hash.digest("hex");
}

const BATCH = 1024 * 1024;

/** Proposed loop: coalesce into ~1 MiB writes and keep one write in flight while reading on. */
async function batched(body: ReadableStream<Uint8Array>, fh: fsp.FileHandle, md5: boolean): Promise<string> {
  const hash = md5 ? crypto.createHash("md5") : null;
  const reader = body.getReader();
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const data = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await inFlight; // at most one write at a time keeps the file offset order
    inFlight = writeAll(fh, data);
  };
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    hash?.update(chunk.value);
    pending.push(chunk.value);
    pendingBytes += chunk.value.byteLength;
    if (pendingBytes >= BATCH) await flush();
  }
  if (pendingBytes) await flush();
  await inFlight;
  return hash ? hash.digest("hex") : "";
}

// The worker: plain JS (eval), so a bundler has nothing to resolve. Messages: {open: path} ->
// {opened}; ArrayBuffer -> {ack}; {finish: true} -> {md5} after fsync + close.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const crypto = require("node:crypto");
let fd, hash;
parentPort.on("message", (m) => {
  try {
    if (m instanceof ArrayBuffer || ArrayBuffer.isView(m)) {
      const buf = Buffer.from(m instanceof ArrayBuffer ? m : m.buffer, m.byteOffset ?? 0, m.byteLength);
      hash.update(buf);
      if (fd !== undefined) {
        let off = 0;
        while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
      }
      parentPort.postMessage({ ack: true });
    } else if (m.hashOnly) {
      hash = crypto.createHash("md5");
      parentPort.postMessage({ opened: true });
    } else if (m.digest) {
      parentPort.postMessage({ md5: hash.digest("hex") });
    } else if (m.open) {
      fd = fs.openSync(m.open, "wx");
      hash = crypto.createHash("md5");
      parentPort.postMessage({ opened: true });
    } else if (m.finish) {
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      parentPort.postMessage({ md5: hash.digest("hex") });
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
});
`;

async function viaWorker(body: ReadableStream<Uint8Array>, file: string): Promise<string> {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const replies: ((m: any) => void)[] = [];
  let failed: string | undefined;
  worker.on("message", (m) => {
    if (m.error) failed = m.error;
    replies.shift()?.(m);
  });
  const ask = (msg: unknown, transfer: ArrayBuffer[] = []) =>
    new Promise<any>((resolve) => {
      replies.push(resolve);
      worker.postMessage(msg, transfer);
    });
  try {
    await ask({ open: file });
    const reader = body.getReader();
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const inFlight: Promise<unknown>[] = [];
    const flush = async () => {
      const data = Buffer.concat(pending, pendingBytes); // a fresh copy we can hand over
      pending = [];
      pendingBytes = 0;
      const ab = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
      inFlight.push(ask(ab, [ab]));
      if (inFlight.length >= 4) await inFlight.shift();
    };
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      pending.push(chunk.value);
      pendingBytes += chunk.value.byteLength;
      if (pendingBytes >= BATCH) await flush();
    }
    if (pendingBytes) await flush();
    await Promise.all(inFlight);
    const { md5 } = await ask({ finish: true });
    if (failed) throw new Error(failed);
    return md5;
  } finally {
    await worker.terminate();
  }
}

/** Hashing in a worker (on a copy), writing on the main thread's libuv pool, both overlapped with receiving. */
async function workerHash(body: ReadableStream<Uint8Array>, fh: fsp.FileHandle): Promise<string> {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const replies: ((m: any) => void)[] = [];
  worker.on("message", (m) => replies.shift()?.(m));
  const ask = (msg: unknown) =>
    new Promise<any>((resolve) => {
      replies.push(resolve);
      worker.postMessage(msg);
    });
  try {
    await ask({ hashOnly: true });
    const reader = body.getReader();
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    let writing: Promise<void> = Promise.resolve();
    const hashing: Promise<unknown>[] = [];
    const flush = async () => {
      const data = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      hashing.push(ask(data)); // structured clone: the worker gets its own copy
      if (hashing.length >= 4) await hashing.shift();
      await writing;
      writing = writeAll(fh, data);
    };
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      pending.push(chunk.value);
      pendingBytes += chunk.value.byteLength;
      if (pendingBytes >= BATCH) await flush();
    }
    if (pendingBytes) await flush();
    await Promise.all([writing, ...hashing]);
    return (await ask({ digest: true })).md5;
  } finally {
    await worker.terminate();
  }
}

const server = http.createServer(async (req, res) => {
  const mode = (req.url ?? "/").slice(1);
  const tmp = path.join(dir, `recv-${process.pid}-${n++}.tmp`);
  try {
    if (mode === "node-pipe") {
      const out = fs.createWriteStream(tmp, { highWaterMark: BATCH });
      await pipeline(req, out);
      const fh = await fsp.open(tmp, "r+");
      await fh.sync();
      await fh.close();
    } else if (mode === "worker-md5") {
      await viaWorker(Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>, tmp);
    } else {
      const fh = await fsp.open(tmp, "wx");
      const body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
      if (mode === "current") await current(body, fh);
      else if (mode === "batched-md5") await batched(body, fh, true);
      else if (mode === "batched") await batched(body, fh, false);
      else if (mode === "worker-hash") await workerHash(body, fh);
      else throw new Error(`unknown mode ${mode}`);
      await fh.sync();
      await fh.close();
    }
    const final = `${tmp}.done`;
    await fsp.rename(tmp, final);
    res.writeHead(200).end();
    await fsp.rm(final); // after answering: not part of the timed request
  } catch (error) {
    await fsp.rm(tmp, { force: true });
    res.writeHead(500).end(String(error));
  }
});
server.listen(Number(port), "127.0.0.1", () => {
  console.log(`listening ${(server.address() as { port: number }).port}`);
});
