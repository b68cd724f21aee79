// Several app processes share one SQLite file (`npm start` runs one per core): the quota and the
// name choice inside the create transaction must stay exact when two processes race.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { newUser } from "@/test/api";
import { db, disconnectDb } from "../db";

const run = promisify(execFile);
const CHILD = path.resolve(import.meta.dirname, "../../test/quota-race-child.ts");

afterAll(() => disconnectDb());

async function side(userId: string, count: number, size: number, startAt: number) {
  const args = [userId, count, size, startAt].map(String);
  const { stdout } = await run(process.execPath, ["--import", "tsx", CHILD, ...args], {
    env: process.env,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as {
    created: number;
    refused: number;
    busy: number;
    errors: string[];
  };
}

describe("quota across processes", () => {
  it("grants exactly the quota when two processes race for it, with every name distinct", async () => {
    const size = 1000;
    const granted = 150;
    const user = await newUser({ quotaBytes: granted * size });
    // Both start at the same moment, once their process is up and connected.
    const startAt = Date.now() + 4000;
    const [a, b] = await Promise.all([side(user.id, 100, size, startAt), side(user.id, 100, size, startAt)]);
    // Never a 500. On a machine too busy to start a transaction within DATABASE_WAIT_SECONDS a few
    // may be refused as busy (503, reserving nothing); the quota stays exact among the others.
    expect([...a.errors, ...b.errors]).toEqual([]);
    const busy = a.busy + b.busy;
    expect(a.created + b.created).toBe(Math.min(granted, 200 - busy));
    expect(a.refused + b.refused).toBe(200 - busy - (a.created + b.created));
    // Both processes got their share: the race really was split across them.
    expect(Math.min(a.created, b.created)).toBeGreaterThan(0);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(Number(row.reservedBytes)).toBe((a.created + b.created) * size);
    const names = (await db.file.findMany({ where: { ownerId: user.id }, select: { name: true } })).map((f) => f.name);
    expect(new Set(names).size).toBe(a.created + b.created);
    if (busy) console.log(`quota race: ${busy} of 200 creates refused as busy (503), the rest exact`);
  }, 60_000);
});
