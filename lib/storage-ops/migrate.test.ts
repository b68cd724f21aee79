// Live migration local → S3 → local of two hundred files (some large enough for multipart, with
// the threshold lowered) while a loop downloads them and renames some: every download succeeds
// with every byte intact, usage counters do not move, an upload completing mid-migration stays
// consistent, and once the grace period is over only the live copies are left.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/uploads/handlers";
import { POST as completeRoute } from "@/app/api/uploads/[id]/complete/handlers";
import { GET as versionDownloadRoute } from "@/app/api/files/[id]/versions/[versionId]/download/handlers";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getDriver, resetStorageForTests, type ObjectInfo } from "@/lib/storage";
import { s3SettingsFromEnv } from "@/lib/storage/s3-config";
import { S3Driver } from "@/lib/storage/s3";
import { runDueCleanups } from "@/lib/uploads/cleanup";
import { call, newUser } from "@/test/api";
import { downloadBytes, uploadFile } from "@/test/files";
import { useS3Storage } from "@/test/s3-storage";
import { signedFetch } from "@/test/signed-fetch";
import { migrateFiles } from "./migrate";
import { SOURCE_GRACE_MS } from "./switch";

useS3Storage({ STORAGE_DRIVER: "local" });
const MULTIPART_ABOVE = 256 * 1024;
beforeAll(() => {
  // write() goes multipart above 256 KiB here (100 MiB in production), so a few files take several parts.
  const s3 = new S3Driver(s3SettingsFromEnv(), { appUrl: env().APP_URL, multipartWriteThreshold: MULTIPART_ABOVE });
  resetStorageForTests({ s3 });
});

type User = Awaited<ReturnType<typeof newUser>>;
const expected = new Map<string, { user: User; bytes: Uint8Array }>();
/** Older versions' bytes by version id (a few files were replaced twice). */
const olderVersions = new Map<string, { user: User; fileId: string; bytes: Uint8Array }>();
let users: User[] = [];

function sizeFor(i: number): number {
  if (i % 60 === 7) return 1024 * 1024 * 2 + 12_345; // multipart: three 1 MiB parts
  if (i % 25 === 3) return MULTIPART_ABOVE + 1 + i * 97; // multipart: one part
  if (i % 50 === 11) return 0;
  return 1 + ((i * 7919) % 40_000);
}

async function objects(driver: "local" | "s3"): Promise<ObjectInfo[]> {
  const all: ObjectInfo[] = [];
  for await (const info of getDriver(driver).list("")) all.push(info);
  return all;
}

/** An older version's bytes, following its signed download redirect. */
async function versionBytes(user: User, fileId: string, versionId: string) {
  const answer = await call(versionDownloadRoute, { token: user.token, params: { id: fileId, versionId } });
  expect(answer.status).toBe(302);
  return new Uint8Array(await (await signedFetch(answer.headers.get("location")!)).arrayBuffer());
}

/** Every older version is on `driver` and downloads byte for byte. */
async function checkVersions(driver: "local" | "s3") {
  expect(olderVersions.size).toBe(10);
  for (const [id, { user, fileId, bytes }] of olderVersions) {
    expect((await db.fileVersion.findUniqueOrThrow({ where: { id } })).driver).toBe(driver);
    expect(Buffer.compare(await versionBytes(user, fileId, id), bytes), id).toBe(0);
  }
}

async function usage() {
  return db.user.findMany({
    where: { id: { in: users.map((u) => u.id) } },
    select: { id: true, usedBytes: true, reservedBytes: true, fileCount: true },
    orderBy: { id: "asc" },
  });
}

/** Downloads random files (and renames some) until stopped; counts downloads and mismatches. */
function downloadLoop() {
  let running = true;
  const stats = { downloads: 0, failures: [] as string[] };
  const ids = [...expected.keys()];
  const loop = async (seed: number) => {
    for (let n = seed; running; n += 7) {
      const id = ids[(n * 31) % ids.length]!;
      const { user, bytes } = expected.get(id)!;
      try {
        const got = await downloadBytes(user, id);
        if (got.response.status !== 200 || Buffer.compare(got.bytes, bytes) !== 0) {
          stats.failures.push(`${id}: status ${got.response.status}, ${got.bytes.byteLength} bytes`);
        }
      } catch (error) {
        stats.failures.push(`${id}: ${String(error)}`);
      }
      stats.downloads++;
      // A rename changes the row but not its bytes: the switch must still succeed.
      if (n % 5 === 0) await db.file.update({ where: { id }, data: { name: `renamed-${n}.bin` } });
    }
  };
  const done = Promise.all([loop(1), loop(2)]);
  return {
    stats,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

describe("live migration", () => {
  beforeAll(async () => {
    users = [await newUser(), await newUser()];
    const indexes = Array.from({ length: 200 }, (_, i) => i);
    for (let i = 0; i < indexes.length; i += 10) {
      await Promise.all(
        indexes.slice(i, i + 10).map(async (n) => {
          const user = users[n % 2]!;
          const bytes = new Uint8Array(crypto.randomBytes(sizeFor(n)));
          let file = await uploadFile(user, `file-${n}.bin`, bytes);
          expected.set(file.id, { user, bytes });
          if (n % 40 !== 5) return;
          // Replaced twice: two older versions whose bytes must move with the file.
          const contents = [bytes];
          for (const size of [300, 4000]) {
            const newer = new Uint8Array(crypto.randomBytes(size));
            file = await uploadFile(user, `file-${n}.bin`, newer, { replace: true });
            expected.set(file.id, { user, bytes: newer });
            contents.push(newer);
          }
          const older = await db.fileVersion.findMany({ where: { fileId: file.id }, orderBy: { replacedAt: "asc" } });
          expect(older).toHaveLength(2);
          older.forEach((v, k) => olderVersions.set(v.id, { user, fileId: file.id, bytes: contents[k]! }));
        }),
      );
    }
  }, 120_000);

  afterAll(() => resetStorageForTests());

  it("moves every file to S3 and back while downloads keep working, byte for byte", async () => {
    const before = await usage();
    const loop = downloadLoop();

    // Two uploads signed for the local disk before the migration: one completes while it runs, the
    // other stays unfinished throughout (PENDING rows are not moved: their bytes are still arriving).
    const startUpload = async (bytes: Uint8Array) => {
      const created = await call(createRoute, {
        method: "POST",
        token: users[0]!.token,
        body: { name: "late.bin", size: bytes.byteLength, type: "application/octet-stream", folderId: null },
      });
      await signedFetch(created.json.url, { method: "PUT", body: bytes, headers: created.json.headers });
      const id: string = created.json.uploadId;
      return () => call(completeRoute, { method: "POST", token: users[0]!.token, params: { id }, body: {} });
    };
    const late = new Uint8Array(crypto.randomBytes(5000));
    const later = new Uint8Array(crypto.randomBytes(7000));
    const completeLate = await startUpload(late);
    const completeLater = await startUpload(later);
    let completed: ReturnType<typeof completeLate> | undefined;

    const toS3 = await migrateFiles({ to: "s3", concurrency: 4, onFile: () => void (completed ??= completeLate()) });
    const lateFile = (await completed!).json.file;
    expect(toS3).toMatchObject({ from: "local", to: "s3", changed: 0, failed: 0 });
    expect(toS3.versions).toMatchObject({ planned: { versions: 10 }, moved: 10, changed: 0, failed: 0 });
    expect(toS3.planned.files).toBe(expected.size);
    // The late one is READY on one driver or the other, and downloads whole either way.
    expect([expected.size, expected.size + 1]).toContain(toS3.moved);
    expect(Buffer.compare((await downloadBytes(users[0]!, lateFile.id)).bytes, late)).toBe(0);
    expected.set(lateFile.id, { user: users[0]!, bytes: late });

    const laterRow = await db.file.findFirstOrThrow({ where: { status: "PENDING" } });
    expect(laterRow.driver).toBe("local");
    const laterFile = (await completeLater()).json.file;
    expected.set(laterFile.id, { user: users[0]!, bytes: later });
    // A later run moves whatever the first one left: the upload that finished after it.
    expect(await migrateFiles({ to: "s3" })).toMatchObject({ moved: expected.size - toS3.moved, failed: 0 });
    expect(await db.file.count({ where: { driver: "s3", status: "READY" } })).toBe(expected.size);
    await checkVersions("s3");

    const back = await migrateFiles({ to: "local", concurrency: 3 });
    expect(back).toMatchObject({ from: "s3", to: "local", moved: expected.size, changed: 0, failed: 0 });
    expect(back.versions).toMatchObject({ moved: 10, failed: 0 });
    await checkVersions("local");
    await loop.stop();

    expect(loop.stats.failures).toEqual([]);
    expect(loop.stats.downloads).toBeGreaterThan(50);
    const after = await usage();
    const lateOwner = after.find((u) => u.id === users[0]!.id)!;
    lateOwner.usedBytes -= BigInt(late.byteLength + later.byteLength); // the two late uploads are the only change
    lateOwner.fileCount -= 2;
    expect(after).toEqual(before);

    for (const [id, { user, bytes }] of expected) {
      expect(Buffer.compare((await downloadBytes(user, id)).bytes, bytes), id).toBe(0);
    }

    // Within the grace period the old copies are still there; after it only the live ones are left.
    expect((await objects("s3")).length).toBe(expected.size + olderVersions.size);
    await runDueCleanups(new Date(Date.now() + SOURCE_GRACE_MS + 60_000));
    expect(await objects("s3")).toEqual([]);
    const local = await objects("local");
    const keys = [
      ...(await db.file.findMany({ select: { storageKey: true } })),
      ...(await db.fileVersion.findMany({ select: { storageKey: true } })),
    ];
    expect(local.map((o) => o.key).sort()).toEqual(keys.map((k) => k.storageKey).sort());
    await checkVersions("local");
    expect(await db.storageCleanup.count()).toBe(0);
  }, 180_000);

  it("with --dry-run only counts what would move", async () => {
    const plan = await migrateFiles({ to: "s3", dryRun: true, userEmail: users[1]!.email });
    expect(plan.planned.files).toBe([...expected.values()].filter((e) => e.user.id === users[1]!.id).length);
    expect(plan.moved).toBe(0);
    expect(plan.versions.planned.versions).toBe(
      [...olderVersions.values()].filter((v) => v.user.id === users[1]!.id).length,
    );
    expect(plan.versions.moved).toBe(0);
    expect(await db.file.count({ where: { driver: "s3" } })).toBe(0);
  });
});
