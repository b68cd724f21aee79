// SQL statements per small upload (create + complete), per file and in batches, counted on SQLite at
// better-sqlite3's statements: fewer statements is what makes the batch path cheaper (issue 24),
// and the single-file path must not grow (issue 17).
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newUser } from "@/test/api";
import { resetEnvCache } from "@/lib/env";
import { userActor } from "@/lib/files/access";
import { dbKind } from "@/lib/db";
import { getDriver } from "@/lib/storage";
import { completeUpload, completeUploadBatch, createUpload, createUploadBatch } from "@/lib/uploads";

let executed = 0;
const proto = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1")) as Record<string, unknown>;
const originals = new Map<string, unknown>();

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  resetEnvCache();
  for (const name of ["run", "all", "get", "iterate"]) {
    const original = proto[name] as (...args: unknown[]) => unknown;
    originals.set(name, original);
    proto[name] = function (this: unknown, ...args: unknown[]) {
      executed++;
      return original.apply(this, args);
    };
  }
});
afterAll(() => {
  for (const [name, original] of originals) proto[name] = original;
});

async function store(key: string) {
  const driver = await getDriver();
  const stream = new Blob([new Uint8Array(10)]).stream();
  await driver.write(key, stream, 10);
}

const keyOf = async (fileId: string) =>
  (await (await import("@/lib/db")).db.file.findUniqueOrThrow({ where: { id: fileId } })).storageKey;

describe.runIf(dbKind() === "sqlite")("statements per small upload", () => {
  it("the batch path sends a fraction of the per-file path's statements", async () => {
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

    const inputs = Array.from({ length: N }, (_, i) => ({
      name: `b${i}.bin`,
      size: 10,
      type: "application/octet-stream",
    }));
    const before = executed;
    const created = await createUploadBatch(actor, inputs);
    const afterCreate = executed;
    const ids = created.map((c) => (c.ok ? c.target.uploadId : ""));
    for (const c of created) if (c.ok) await store(await keyOf(c.target.fileId));
    const beforeComplete = executed;
    const done = await completeUploadBatch(actor, ids);
    const batchTotal = afterCreate - before + (executed - beforeComplete);
    expect(done.every((d) => d.ok)).toBe(true);

    console.log(
      `statements per file: per-file path ${perFile}, batch of ${N} ${(batchTotal / N).toFixed(2)} (${batchTotal} in all)`,
    );
    expect(batchTotal / N).toBeLessThan(1);
    expect(batchTotal).toBeLessThan(perFile * 2);
  });
});
