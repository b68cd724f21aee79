import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db";
import { releaseLease, takeLease, withLease } from "./lease";

afterAll(() => disconnectDb());

describe("job leases", () => {
  it("go to one holder at a time until they expire, and back to whoever asks after that", async () => {
    const now = new Date("2026-11-30T10:00:00Z");
    expect(await takeLease("a", "one", 60, now)).toBe(true);
    expect(await takeLease("a", "two", 60, new Date(now.getTime() + 59_000))).toBe(false);
    // The holder extends its own lease.
    expect(await takeLease("a", "one", 60, new Date(now.getTime() + 30_000))).toBe(true);
    expect(await takeLease("a", "two", 60, new Date(now.getTime() + 89_000))).toBe(false);
    expect(await takeLease("a", "two", 60, new Date(now.getTime() + 90_000))).toBe(true);
    expect(await db.jobLease.findUnique({ where: { name: "a" } })).toMatchObject({ holder: "two" });
    // Another name is another lease.
    expect(await takeLease("b", "one", 60, now)).toBe(true);
  });

  it("are given to exactly one of many holders asking at once", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => takeLease("race", `holder-${i}`, 60)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("run a job only where taken; released ones are free again at once", async () => {
    let runs = 0;
    const first = await withLease("job", { seconds: 60, holder: "x", release: true }, async () => {
      // While it runs, nobody else gets it.
      expect(await withLease("job", { seconds: 60, holder: "y" }, async () => runs++)).toEqual({ ran: false });
      return ++runs;
    });
    expect(first).toEqual({ ran: true, result: 1 });
    expect(await withLease("job", { seconds: 60, holder: "y" }, async () => ++runs)).toEqual({ ran: true, result: 2 });
    // Kept (not released): "x" must wait for the lease to expire.
    expect(await withLease("job", { seconds: 60, holder: "x" }, async () => ++runs)).toEqual({ ran: false });
    await releaseLease("job", "y");
    expect(await takeLease("job", "x", 60)).toBe(true);
  });
});
