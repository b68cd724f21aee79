import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalesce } from "./coalesce";

describe("coalesce", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("calls once after a burst settles", () => {
    const fn = vi.fn();
    const call = coalesce(fn, 400, 3_000);
    for (let i = 0; i < 10; i++) {
      call();
      vi.advanceTimersByTime(100);
    }
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(299);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("calls at least every maxWait while the burst goes on", () => {
    const fn = vi.fn();
    const call = coalesce(fn, 400, 1_000);
    for (let t = 0; t < 2_500; t += 50) {
      call();
      vi.advanceTimersByTime(50);
    }
    // Calls at 1,000 and 2,000 ms into the burst, and not yet the final one.
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(400);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it("makes one timer per burst, not one per call", () => {
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const clearTimeoutSpy = vi.spyOn(globalThis, "clearTimeout");
    const call = coalesce(() => undefined, 400, 3_000);
    for (let i = 0; i < 1_000; i++) call();
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
    expect(clearTimeoutSpy).not.toHaveBeenCalled();
  });

  it("cancel drops the pending call", () => {
    const fn = vi.fn();
    const call = coalesce(fn, 400, 3_000);
    call();
    call.cancel();
    vi.advanceTimersByTime(10_000);
    expect(fn).not.toHaveBeenCalled();
    call();
    vi.advanceTimersByTime(400);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
