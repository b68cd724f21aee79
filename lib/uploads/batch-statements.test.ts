// SQL statements per small upload (create + complete), per file and in batches, counted on SQLite at
// better-sqlite3's statements: fewer statements is what makes the batch path cheaper (issue 24),
// and the single-file path must not grow (issue 17). And the query plans Prisma compiles for a
// batch once its queries are warm: none (its createMany plans were compiled anew every batch,
// ≈ 1.2 ms of CPU a file; the rows are now raw INSERTs, lib/db/insert-rows.ts).
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newUser } from "@/test/api";
import { resetEnvCache } from "@/lib/env";
import { userActor } from "@/lib/files/access";
import { dbKind } from "@/lib/db";
import { getDriver } from "@/lib/storage";
import { completeUpload, completeUploadBatch, createUpload, createUploadBatch } from "@/lib/uploads";

let executed = 0;
let compiled = 0;
const proto = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1")) as Record<string, unknown>;
const originals = new Map<string, unknown>();

beforeAll(async () => {
  process.env.STORAGE_DRIVER = "local";
  resetEnvCache();
  // Prisma's Wasm query compiler (the SQLite one: this file runs on SQLite), as the client loads it.
  const runtime = "@prisma/client/runtime/query_compiler_fast_bg.sqlite.mjs";
  const { QueryCompiler } = (await import(/* @vite-ignore */ runtime)) as {
    QueryCompiler: { prototype: Record<string, unknown> };
  };
  for (const name of ["compile", "compileBatch"]) {
    const original = QueryCompiler.prototype[name] as (...args: unknown[]) => unknown;
    originalCompiles.set(name, original);
    QueryCompiler.prototype[name] = function (this: unknown, ...args: unknown[]) {
      compiled++;
      return original.apply(this, args);
    };
  }
  compilerProto = QueryCompiler.prototype;
  for (const name of ["run", "all", "get", "iterate"]) {
    const original = proto[name] as (...args: unknown[]) => unknown;
    originals.set(name, original);
    proto[name] = function (this: unknown, ...args: unknown[]) {
      executed++;
      return original.apply(this, args);
    };
  }
});
const originalCompiles = new Map<string, unknown>();
let compilerProto: Record<string, unknown> | undefined;
afterAll(() => {
  for (const [name, original] of originals) proto[name] = original;
  for (const [name, original] of originalCompiles) compilerProto![name] = original;
});

/** One batch of `n` small files created, stored and completed; its statements and compiled plans. */
async function batchOf(actor: ReturnType<typeof userActor>, n: number, prefix: string, folderId?: string) {
  const inputs = Array.from({ length: n }, (_, i) => ({
    name: `${prefix}${i}.bin`,
    size: 10,
    type: "application/octet-stream",
    folderId,
  }));
  const [statementsBefore, compiledBefore] = [executed, compiled];
  const created = await createUploadBatch(actor, inputs);
  const [create, compiledInCreate] = [executed - statementsBefore, compiled - compiledBefore];
  const ids = created.map((c) => (c.ok ? c.target.uploadId : ""));
  for (const c of created) if (c.ok) await store(c.key);
  const [completeBefore, compiledBeforeComplete] = [executed, compiled];
  const done = await completeUploadBatch(actor, ids);
  expect(done.every((d) => d.ok)).toBe(true);
  return {
    create,
    complete: executed - completeBefore,
    compiled: compiledInCreate + compiled - compiledBeforeComplete,
  };
}

async function store(key: string) {
  const driver = await getDriver();
  const stream = new Blob([new Uint8Array(10)]).stream();
  await driver.write(key, stream, 10);
}

const keyOf = async (fileId: string) =>
  (await (await import("@/lib/db")).db.file.findUniqueOrThrow({ where: { id: fileId } })).storageKey;

describe.runIf(dbKind() === "sqlite")("statements per small upload", () => {
  it("the batch path sends a fraction of the per-file path's statements and compiles no plan once warm", async () => {
    const user = await newUser();
    const actor = userActor(user.id);
    const N = 50;

    let perFile = 0;
    for (let i = 0; i < 5; i++) {
      const before = executed;
      const created = await createUpload(actor, { name: `s${i}.bin`, size: 10, type: "application/octet-stream" });
      const mid = executed;
      await store(await keyOf(created.fileId));
      const after = executed;
      await completeUpload(actor, created.uploadId);
      perFile = mid - before + (executed - after);
    }

    const first = await batchOf(actor, N, "b");
    const batchTotal = first.create + first.complete;
    console.log(
      `statements per file: per-file path ${perFile}, batch of ${N} ${(batchTotal / N).toFixed(2)} (create ${first.create}, complete ${first.complete})`,
    );
    // Today's counts (fail when they grow): create = reserve, free names, File rows, Upload rows;
    // complete = sessions, their files, claim, READY, the owner's books, audit rows.
    expect(first.create).toBeLessThanOrEqual(4);
    expect(first.complete).toBeLessThanOrEqual(6);
    expect(batchTotal).toBeLessThan(perFile * 2);

    // A second batch of another size, into a folder: the same statements, and no plan compiled
    // (Prisma caches its plans by the query's shape; createMany's it never caches).
    const folder = await (await import("@/lib/db")).db.folder.create({ data: { ownerId: user.id, name: "in" } });
    await batchOf(actor, 3, "w", folder.id);
    const second = await batchOf(actor, 37, "c", folder.id);
    expect(second.create).toBeLessThanOrEqual(5); // + the folder's check
    expect(second.complete).toBeLessThanOrEqual(6);
    expect(second.compiled).toBe(0);
  });
});
