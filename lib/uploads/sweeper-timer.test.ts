import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb } from "../db";
import { processHolder, releaseLease, takeLease } from "../jobs/lease";
import { SWEEP_LEASE, sweepOnce } from "./sweeper-timer";

afterAll(() => disconnectDb());

describe("the sweeper's turn", () => {
  it("sweeps only while no other process holds the lease, then keeps it for its next ticks", async () => {
    expect(await takeLease(SWEEP_LEASE, "another-process", 60)).toBe(true);
    expect(await sweepOnce(300)).toBe(false);
    await releaseLease(SWEEP_LEASE, "another-process");
    expect(await sweepOnce(300)).toBe(true);
    // Held for the interval: this process sweeps again on its next tick, another one does not.
    expect(await sweepOnce(300)).toBe(true);
    expect(await takeLease(SWEEP_LEASE, "another-process", 60)).toBe(false);
    await releaseLease(SWEEP_LEASE, processHolder);
    expect(await takeLease(SWEEP_LEASE, "another-process", 60)).toBe(true);
  });
});
