import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { getDriver } from "@/lib/storage";
import { newUser } from "@/test/api";
import { uploadFile } from "@/test/files";
import { reconcileContract } from "@/test/contracts/reconcile-contract";

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  process.env.MULTIPART_THRESHOLD = "1MiB";
  resetEnvCache();
});

reconcileContract("local");

describe("npm run storage:reconcile", () => {
  it("prints one parseable JSON report on stdout (logs go to stderr) and exits 1 when something is wrong", async () => {
    const user = await newUser();
    const file = await uploadFile(user, "gone.txt", new Uint8Array(12));
    const { storageKey } = await db.file.findUniqueOrThrow({ where: { id: file.id } });
    await getDriver("local").delete(storageKey);

    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/storage-reconcile.ts", "--json", "--driver", "local", "--fix"],
      { env: { ...process.env, LOG_LEVEL: "info" }, encoding: "utf8", timeout: 60_000 },
    );
    expect(child.status, child.stderr).toBe(1);
    const { reports } = JSON.parse(child.stdout);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      driver: "local",
      fixed: true,
      counts: { missing: 1 },
      fixes: { markedMissing: 1 },
    });
    // The one structured line per object acted on, on stderr.
    const acted = child.stderr
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line))
      .filter((line) => line.msg === "reconcile" && line.op === "markMissing");
    expect(acted).toEqual([expect.objectContaining({ fileId: file.id, key: storageKey, outcome: "ok" })]);
  });
});
