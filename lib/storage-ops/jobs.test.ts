// STORAGE_FALLBACK_RETURN=auto: files that fell back to the local disk while the bucket was down go
// to the bucket from the sweeper once it answers, in one process at a time (a lease).
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getDriver, newStorageKey } from "@/lib/storage";
import { sweepExpiredUploads } from "@/lib/uploads/sweep";
import { newUser } from "@/test/api";
import { useS3Storage } from "@/test/s3-storage";
import { hashStored } from "./copy";
import { returnFallenBackFiles } from "./jobs";
import { withLease } from "@/lib/jobs/lease";

useS3Storage({ STORAGE_FALLBACK: "local", STORAGE_FALLBACK_RETURN: "auto" });

/** A READY file whose bytes went to the local disk (as uploads do while the bucket is down). */
async function fellBack(ownerId: string, i: number) {
  const bytes = crypto.randomBytes(500 + i * 300);
  const key = newStorageKey(ownerId);
  await getDriver("local").write(key, new Blob([bytes]).stream(), bytes.byteLength);
  await db.file.create({
    data: {
      ownerId,
      name: `f${i}.bin`,
      size: bytes.byteLength,
      type: "text/plain",
      storageKey: key,
      driver: "local",
      status: "READY",
    },
  });
  return { key, md5: crypto.createHash("md5").update(bytes).digest("hex") };
}

describe("return of fallen-back files", () => {
  let ownerId: string;
  beforeAll(async () => {
    ownerId = (await newUser()).id;
  });

  it("waits while another process holds the lease, then the sweeper moves them to the bucket", async () => {
    const files = await Promise.all([0, 1, 2, 3, 4].map((i) => fellBack(ownerId, i)));
    await withLease("storage-fallback-return", { seconds: 60, holder: "another-process", release: true }, async () => {
      expect(await returnFallenBackFiles()).toBeNull(); // someone else is at it
    });
    expect(await db.file.count({ where: { driver: "local" } })).toBe(5);

    await sweepExpiredUploads();
    expect(await db.file.count({ where: { driver: "s3" } })).toBe(5);
    for (const f of files) expect((await hashStored(getDriver("s3"), f.key)).md5).toBe(f.md5);
    expect(await returnFallenBackFiles()).toMatchObject({ planned: { files: 0 }, moved: 0 });
  });
});
