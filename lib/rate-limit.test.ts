// The database-backed rate limit shared by every app process.
import { describe, expect, it } from "vitest";
import { db } from "./db";
import { claimAttempt, refundAttempt, retryAfterSeconds } from "./rate-limit";

describe("the rate-limit table", () => {
  it("keeps only live windows: a new counter clears the finished ones", async () => {
    const t0 = new Date("2026-03-01T10:00:00Z");
    const limit = { key: "test:a", max: 2, windowSeconds: 60 };
    expect(await claimAttempt(limit, t0)).toBe(0);
    expect(await claimAttempt(limit, t0)).toBe(0);
    expect(await retryAfterSeconds(limit, new Date(t0.getTime() + 30_000))).toBe(30);
    expect(await retryAfterSeconds(limit, new Date(t0.getTime() + 60_000))).toBe(0);
    await claimAttempt({ ...limit, key: "test:b" }, new Date(t0.getTime() + 61_000));
    expect(await db.rateLimit.findUnique({ where: { key: "test:a" } })).toBeNull();
  });

  it("lets exactly `max` of many simultaneous claims through, and the rest wait", async () => {
    const t0 = new Date("2026-03-01T10:00:00Z");
    const limit = { key: "test:c", max: 10, windowSeconds: 60 };
    const waits = await Promise.all(Array.from({ length: 40 }, () => claimAttempt(limit, t0)));
    expect(waits.filter((w) => w === 0)).toHaveLength(10);
    expect(waits.filter((w) => w === 60)).toHaveLength(30);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: "test:c" } })).count).toBe(10);
    // A refund makes room for one more, within the window only.
    await refundAttempt(limit, t0);
    expect(await claimAttempt(limit, t0)).toBe(0);
    expect(await claimAttempt(limit, t0)).toBe(60);
    expect(await claimAttempt(limit, new Date(t0.getTime() + 60_000))).toBe(0);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: "test:c" } })).count).toBe(1);
  });
});
