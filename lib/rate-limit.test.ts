// The database-backed rate limit shared by every app process.
import { describe, expect, it } from "vitest";
import { db } from "./db";
import { countAttempt, retryAfterSeconds } from "./rate-limit";

describe("the rate-limit table", () => {
  it("keeps only live windows: a new counter clears the finished ones", async () => {
    const t0 = new Date("2026-03-01T10:00:00Z");
    const limit = { key: "test:a", max: 2, windowSeconds: 60 };
    await countAttempt(limit, t0);
    await countAttempt(limit, t0);
    expect(await retryAfterSeconds(limit, new Date(t0.getTime() + 30_000))).toBe(30);
    expect(await retryAfterSeconds(limit, new Date(t0.getTime() + 60_000))).toBe(0);
    await countAttempt({ ...limit, key: "test:b" }, new Date(t0.getTime() + 61_000));
    expect(await db.rateLimit.findUnique({ where: { key: "test:a" } })).toBeNull();
    // Parallel attempts from several processes' worth of callers are all counted.
    await Promise.all(Array.from({ length: 12 }, () => countAttempt({ ...limit, key: "test:c" }, t0)));
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: "test:c" } })).count).toBe(12);
  });
});
