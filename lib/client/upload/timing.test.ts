// The pace of the queue's publications: 10 a second for ordinary lists, fewer for huge ones.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { frameScheduler, publishIntervalMs } from "./timing";

describe("publishIntervalMs", () => {
  it("is 100 ms up to 4,000 rows, then grows with the list up to 250 ms", () => {
    expect(publishIntervalMs(0)).toBe(100);
    expect(publishIntervalMs(4_000)).toBe(100);
    expect(publishIntervalMs(6_000)).toBe(150);
    expect(publishIntervalMs(10_000)).toBe(250);
    expect(publishIntervalMs(100_000)).toBe(250);
  });
});

describe("frameScheduler", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("reads the interval at each publication when given a function", () => {
    let interval = 100;
    const schedule = frameScheduler(() => interval);
    const runs: number[] = [];
    const start = Date.now();
    schedule(() => runs.push(Date.now() - start)); // first: at once
    vi.advanceTimersByTime(0);
    interval = 250;
    schedule(() => runs.push(Date.now() - start));
    vi.advanceTimersByTime(249);
    expect(runs).toEqual([0]);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual([0, 250]);
  });
});
