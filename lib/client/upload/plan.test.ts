import { describe, expect, it } from "vitest";
import { planParts } from "./plan";
import { backoffDelay, estimateSecondsLeft, SpeedMeter } from "./timing";

describe("planParts", () => {
  it("gives every part partSize bytes except a shorter last one", () => {
    const parts = planParts(25, 10, 3);
    expect(parts).toEqual([
      { partNumber: 1, start: 0, end: 10 },
      { partNumber: 2, start: 10, end: 20 },
      { partNumber: 3, start: 20, end: 25 },
    ]);
  });

  it("covers every byte exactly once for an exact multiple", () => {
    const parts = planParts(30, 10, 3);
    expect(parts.at(-1)).toEqual({ partNumber: 3, start: 20, end: 30 });
    expect(parts.reduce((sum, p) => sum + (p.end - p.start), 0)).toBe(30);
  });

  it("handles a large file without rounding trouble", () => {
    const size = 5 * 1024 ** 3 + 123; // 5 GiB and a bit
    const partSize = 64 * 1024 ** 2;
    const parts = planParts(size, partSize, Math.ceil(size / partSize));
    expect(parts).toHaveLength(81);
    expect(parts.at(-1)!.end).toBe(size);
    expect(parts.at(-1)!.end - parts.at(-1)!.start).toBe(123);
  });

  it("gives an empty file one empty part", () => {
    expect(planParts(0, 10, 1)).toEqual([{ partNumber: 1, start: 0, end: 0 }]);
  });

  it("refuses figures that do not describe the file", () => {
    expect(() => planParts(25, 10, 2)).toThrow(RangeError);
    expect(() => planParts(25, 10, 4)).toThrow(RangeError);
    expect(() => planParts(25, 0, 1)).toThrow(RangeError);
  });
});

describe("backoffDelay", () => {
  it("doubles per retry, stays within [half, full] of the ceiling, and is capped", () => {
    const low = (n: number) => backoffDelay(n, { baseMs: 100, maxMs: 1_000, random: () => 0 });
    const high = (n: number) => backoffDelay(n, { baseMs: 100, maxMs: 1_000, random: () => 0.999999 });
    expect([1, 2, 3, 4].map(low)).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map(high)).toEqual([100, 200, 400, 800]);
    expect(low(10)).toBe(500);
    expect(high(10)).toBe(1_000);
  });
});

describe("SpeedMeter", () => {
  it("converges to a steady rate and follows a change smoothly", () => {
    const meter = new SpeedMeter(3_000, 250);
    let bytes = 0;
    for (let t = 0; t <= 10_000; t += 500) {
      meter.sample(bytes, t);
      bytes += 500_000; // 1 MB/s
    }
    expect(meter.bytesPerSecond).toBeCloseTo(1_000_000, -3);
    // The connection stalls: one second later the estimate drops, but not to zero at once.
    meter.sample(bytes, 11_000);
    meter.sample(bytes, 12_000);
    expect(meter.bytesPerSecond).toBeLessThan(1_000_000);
    expect(meter.bytesPerSecond).toBeGreaterThan(300_000);
  });

  it("ignores samples closer together than the minimum interval", () => {
    const meter = new SpeedMeter(3_000, 250);
    meter.sample(0, 0);
    meter.sample(1_000_000, 1); // a burst 1 ms later would read as 1 GB/s
    expect(meter.bytesPerSecond).toBe(0);
    meter.sample(1_000_000, 1_000);
    expect(meter.bytesPerSecond).toBe(1_000_000);
  });

  it("estimates time left only with a known speed", () => {
    expect(estimateSecondsLeft(10_000_000, 1_000_000)).toBe(10);
    expect(estimateSecondsLeft(10_000_000, 0)).toBeNull();
    expect(estimateSecondsLeft(0, 0)).toBe(0);
  });
});
