// The in-server sweeper: shortly after start (what a crash left is cleared soon after the restart),
// then every SWEEP_INTERVAL_SECONDS (0 turns it off), never two runs at once.
import { env } from "../env";
import { log } from "../log";
import { sweepExpiredUploads } from "./sweep";

/** The first sweep waits this long after start, so it does not compete with the server starting up. */
export const FIRST_SWEEP_DELAY_MS = 5_000;

let timer: NodeJS.Timeout | undefined;

export function startSweeper(): void {
  const seconds = env().SWEEP_INTERVAL_SECONDS;
  if (timer || seconds === 0) return;
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      await sweepExpiredUploads();
    } catch (error) {
      log.warn("sweeper run failed", { error: String(error) });
    } finally {
      running = false;
    }
  };
  setTimeout(sweep, Math.min(FIRST_SWEEP_DELAY_MS, seconds * 1000)).unref();
  timer = setInterval(sweep, seconds * 1000);
  timer.unref();
}
