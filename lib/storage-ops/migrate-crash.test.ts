// Crash consistency of `npm run storage:migrate`: the command runs in a child process and is killed
// with SIGKILL at several points (mid-copy, between a verified copy and its switch, after a few
// switches), then run again to the end. Nothing is lost, no file is moved twice, and once the grace
// period is over the only objects left are the live copies.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getDriver, newStorageKey, type ObjectInfo } from "@/lib/storage";
import { runDueCleanups } from "@/lib/uploads/cleanup";
import { newUser } from "@/test/api";
import { useS3Storage } from "@/test/s3-storage";
import { hashStored } from "./copy";
import { SOURCE_GRACE_MS } from "./switch";

useS3Storage({ STORAGE_DRIVER: "local" });

type Line = { msg?: string; op?: string; driver?: string; outcome?: string; fileId?: string };

/** Runs the CLI until it exits, or SIGKILLs it once `killWhen` has held for a line of its log. */
function runMigrate(killWhen?: (line: Line, seen: Line[]) => boolean) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/storage-migrate.ts", "--to", "s3"], {
    env: { ...process.env, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const seen: Line[] = [];
  let partial = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop()!;
    for (const text of lines) {
      let line: Line;
      try {
        line = JSON.parse(text);
      } catch {
        continue; // the summary
      }
      seen.push(line);
      if (killWhen?.(line, seen) && child.exitCode === null) child.kill("SIGKILL");
    }
  });
  return new Promise<{ code: number | null; signal: string | null; seen: Line[]; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, seen, stderr })),
  );
}

const count = (seen: Line[], test: (l: Line) => boolean) => seen.filter(test).length;
const s3Write = (l: Line) => l.msg === "storage" && l.op === "write" && l.driver === "s3";
const moved = (l: Line) => l.msg === "storage-ops" && l.op === "migrate" && l.outcome === "moved";

async function objects(driver: "local" | "s3"): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of getDriver(driver).list("") as AsyncIterable<ObjectInfo>) keys.push(info.key);
  return keys.sort();
}

describe("storage:migrate killed with SIGKILL", () => {
  const md5 = new Map<string, string>();

  beforeAll(async () => {
    const user = await newUser();
    for (let i = 0; i < 80; i++) {
      const bytes = crypto.randomBytes(1000 + ((i * 7919) % 60_000));
      const key = newStorageKey(user.id);
      await getDriver("local").write(key, new Blob([bytes]).stream(), bytes.byteLength);
      await db.file.create({
        data: {
          ownerId: user.id,
          name: `f${i}.bin`,
          size: bytes.byteLength,
          type: "application/octet-stream",
          storageKey: key,
          driver: "local",
          status: "READY",
        },
      });
      md5.set(key, crypto.createHash("md5").update(bytes).digest("hex"));
    }
  });

  it("completes on a rerun with nothing lost, nothing moved twice and no orphan after the grace period", async () => {
    const runs = [
      // between a verified copy and the switch of the third file
      await runMigrate((l, seen) => s3Write(l) && count(seen, s3Write) === 3),
      // mid-copy: as soon as a source read starts
      await runMigrate((l) => l.msg === "storage" && l.op === "read" && l.driver === "local"),
      // after some switches
      await runMigrate((l, seen) => moved(l) && count(seen, moved) === 10),
    ];
    for (const run of runs) expect(run.signal, run.stderr).toBe("SIGKILL");
    expect(await db.file.count({ where: { driver: "s3" } })).toBeGreaterThan(0);
    expect(await db.file.count({ where: { driver: "local" } })).toBeGreaterThan(0);

    const last = await runMigrate();
    expect(last.code, last.stderr).toBe(0);

    const movedIds = [...runs, last].flatMap((r) => r.seen.filter(moved).map((l) => l.fileId!));
    expect(new Set(movedIds).size).toBe(movedIds.length);
    const files = await db.file.findMany();
    expect(files.every((f) => f.driver === "s3")).toBe(true);
    for (const file of files)
      expect((await hashStored(getDriver("s3"), file.storageKey)).md5).toBe(md5.get(file.storageKey));

    await runDueCleanups(new Date(Date.now() + SOURCE_GRACE_MS + 60_000));
    expect(await objects("local")).toEqual([]);
    expect(await objects("s3")).toEqual([...md5.keys()].sort());
  }, 120_000);
});
