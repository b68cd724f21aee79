// The server's own work per part of a multipart upload on the local driver, through the blob route
// and the real books (issue 24, item 3): SQL statements counted on SQLite at better-sqlite3's
// statements, file-system calls at node:fs/promises and the FileHandle (the body's writes aside).
// Each part costs one statement (its upload open and its owner active, asked before the body) and
// six counted file-system calls (the marker, a listing, open, datasync, the rename that records the
// part, a listing; the handle's close is an own property of each handle, not counted). On main
// before this: two statements and eight counted calls (meta.json read, a second file written for the
// record, the marker removed with rm), several of them more system calls each. A regression fails here.
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUT } from "@/app/api/blob/[token]/handlers";
import { newUser } from "@/test/api";
import { resetEnvCache } from "@/lib/env";
import { userActor } from "@/lib/files/access";
import { dbKind } from "@/lib/db";
import { completeUpload, createUpload, signParts } from "@/lib/uploads";

const MiB = 1024 * 1024;
const counted = { statements: 0, fs: 0 };
const restores: (() => void)[] = [];

/** Counts every call of `names` on `target` into counted[into]. */
function count(target: Record<string, unknown>, names: string[], into: keyof typeof counted) {
  for (const name of names) {
    const original = target[name] as (...args: unknown[]) => unknown;
    target[name] = function (this: unknown, ...args: unknown[]) {
      counted[into]++;
      return original.apply(this, args);
    };
    restores.push(() => (target[name] = original));
  }
}

beforeAll(async () => {
  process.env.STORAGE_DRIVER = "local";
  process.env.MULTIPART_THRESHOLD = "16MiB";
  resetEnvCache();
  const statement = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1")) as Record<string, unknown>;
  count(statement, ["run", "all", "get", "iterate"], "statements");
  const probe = await fsp.open(path.join(os.tmpdir(), `part-work-${process.pid}`), "w");
  const handle = Object.getPrototypeOf(probe) as Record<string, unknown>;
  await probe.close();
  await fsp.rm(path.join(os.tmpdir(), `part-work-${process.pid}`));
  const fsCalls = Object.keys(fsp).filter((name) => typeof (fsp as Record<string, unknown>)[name] === "function");
  count(fsp as unknown as Record<string, unknown>, fsCalls, "fs");
  // Every FileHandle call but the body's writes (those the bare receiver makes too).
  const handleCalls = Object.getOwnPropertyNames(handle).filter(
    (name) => name !== "constructor" && !["write", "writev", "fd"].includes(name) && typeof handle[name] === "function",
  );
  count(handle, handleCalls, "fs");
});
afterAll(() => restores.forEach((restore) => restore()));

async function putPart(url: string, headers: Record<string, string> | undefined, bytes: Uint8Array<ArrayBuffer>) {
  const token = new URL(url).pathname.split("/").pop()!;
  const request = new Request(url, {
    method: "PUT",
    headers: { ...headers, "content-length": String(bytes.byteLength) },
    body: new Blob([bytes as Uint8Array<ArrayBuffer>]).stream(),
    duplex: "half",
  } as RequestInit);
  const response = await PUT(request, { params: Promise.resolve({ token }) });
  expect(response.status).toBe(200);
  return response.headers.get("etag")!;
}

describe.runIf(dbKind() === "sqlite")("work per part (local driver)", () => {
  it("one statement and six counted file-system calls per part, from the second part on; the upload completes", async () => {
    const user = await newUser();
    const actor = userActor(user.id);
    const size = 16 * MiB + 1000;
    const created = await createUpload(actor, { name: "big.bin", size, type: "application/octet-stream" });
    if (!("multipart" in created)) throw new Error("expected a multipart upload");
    const { partSize, partCount } = created.multipart;
    const { parts: signed } = await signParts(actor, created.uploadId, [1, 2, 3].slice(0, partCount));
    const parts: { partNumber: number; etag: string }[] = [];
    const work: { statements: number; fs: number }[] = [];
    for (const { partNumber, url, headers } of signed) {
      const bytes = new Uint8Array(partNumber < partCount ? partSize : size - partSize * (partCount - 1));
      const before = { ...counted };
      parts.push({ partNumber, etag: await putPart(url, headers, bytes.fill(partNumber)) });
      work.push({ statements: counted.statements - before.statements, fs: counted.fs - before.fs });
    }
    // Part 1 also reads the upload's meta.json once (then cached for the process).
    expect(work[0]).toEqual({ statements: 1, fs: expect.any(Number) });
    expect(work[0]!.fs).toBe(7);
    for (const later of work.slice(1)) expect(later).toEqual({ statements: 1, fs: 6 });
    const { file } = (await completeUpload(actor, created.uploadId, parts)) as { file: { size: number } };
    expect(file.size).toBe(size);
  });
});
