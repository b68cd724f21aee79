// The in-server sweeper: shortly after start (what a crash left is cleared soon after the restart),
// then every SWEEP_INTERVAL_SECONDS (0 turns it off). Every process starts the
// timer, but a run first takes the "sweep" lease for one interval (lib/jobs/lease.ts), so across
// all processes and instances on one database it runs once per interval, one run at a time.
// instrumentation.ts starts it and stops it on shutdown (lib/lifecycle.ts); its state exists once
// per process (lib/per-process.ts).
import { env } from "../env";
import { log } from "../log";
import { perProcess } from "../per-process";
import { processHolder, releaseLease, withLease } from "../jobs/lease";
import { sweepExpiredUploads } from "./sweep";

export const SWEEP_LEASE = "sweep";

/** The first sweep waits this long after start, so it does not compete with the server starting up. */
export const FIRST_SWEEP_DELAY_MS = 5_000;

interface SweeperState {
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

const state: SweeperState = perProcess("sweeper", () => {
  log.debug("instance created", { instance: "sweeper" });
  return {};
});

/**
 * Leases last at least this long, however short the interval: the holder takes its own lease again
 * on each tick, so it still sweeps every interval, while a slow run under load never outlives its
 * lease; if the holder dies, another process takes over after this long.
 */
const MIN_LEASE_SECONDS = 60;

/** One sweep if this process can take (or already has) the lease. */
export async function sweepOnce(intervalSeconds: number): Promise<boolean> {
  const startedAt = new Date();
  const seconds = Math.max(intervalSeconds, MIN_LEASE_SECONDS);
  const outcome = await withLease(SWEEP_LEASE, { seconds }, () => sweepExpiredUploads());
  if (outcome.ran) {
    log.debug("sweep run", { holder: processHolder, startedAt, ms: Date.now() - startedAt.getTime() });
  }
  return outcome.ran;
}

export function startSweeper(): void {
  const seconds = env().SWEEP_INTERVAL_SECONDS;
  if (state.timer || seconds === 0) return;
  const tick = () => {
    if (state.running) return;
    state.running = sweepOnce(seconds)
      .then(() => undefined)
      .catch((error: unknown) => log.warn("sweeper run failed", { error: String(error) }))
      .finally(() => (state.running = undefined));
  };
  setTimeout(() => state.timer && tick(), Math.min(FIRST_SWEEP_DELAY_MS, seconds * 1000)).unref();
  state.timer = setInterval(tick, seconds * 1000);
  state.timer.unref();
}

/** Stops the timer, waits for a run in progress to finish and hands the lease on (graceful shutdown). */
export async function stopSweeper(): Promise<void> {
  const started = state.timer !== undefined;
  clearInterval(state.timer);
  state.timer = undefined;
  await state.running;
  if (started) await releaseLease(SWEEP_LEASE, processHolder).catch(() => undefined);
}
