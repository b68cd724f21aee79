// A large zip streams in flat memory: 288 MiB of stored files (sparse files on the local driver,
// so the test writes nothing to disk and stays fast) go through POST /api/zip while the memory the
// process keeps (after a garbage collection, every 8 MiB read) is sampled.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as zipRoute } from "@/app/api/zip/handlers";
import { newUser, ORIGIN } from "@/test/api";
import { db } from "@/lib/db";
import { memoryInUse } from "@/test/gc";
import { resetEnvCache } from "@/lib/env";
import { localOptionsFromEnv } from "@/lib/storage/local";
import { LocalLayout } from "@/lib/storage/local-fs";

const MiB = 1024 * 1024;
const FILES = 3;
const FILE_SIZE = 96 * MiB;

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  resetEnvCache();
});

describe("zip memory", () => {
  it(`streams ${(FILES * FILE_SIZE) / MiB} MiB with the memory in use growing by less than 64 MiB`, async () => {
    const user = await newUser();
    const layout = new LocalLayout(localOptionsFromEnv().root);
    const ids: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const key = `${user.id}/big-${i}`;
      const file = layout.objectPath(key);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, "");
      fs.truncateSync(file, FILE_SIZE);
      const row = await db.file.create({
        data: {
          ownerId: user.id,
          name: `big-${i}.bin`,
          size: BigInt(FILE_SIZE),
          type: "application/octet-stream",
          storageKey: key,
          driver: "local",
          status: "READY",
        },
      });
      ids.push(row.id);
    }
    const before = memoryInUse();
    const response = await zipRoute(
      new Request(`${ORIGIN}/api/zip`, {
        method: "POST",
        headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
        body: JSON.stringify({ fileIds: ids }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(200);
    let received = 0;
    let sampledAt = 0;
    let peak = before;
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received - sampledAt >= 8 * MiB) {
        sampledAt = received;
        peak = Math.max(peak, memoryInUse());
      }
    }
    expect(received).toBe(Number(response.headers.get("content-length")));
    expect(received).toBeGreaterThan(FILES * FILE_SIZE);
    expect((peak - before) / MiB).toBeLessThan(64);
  });
});
