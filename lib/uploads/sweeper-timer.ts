// The in-server sweeper: every SWEEP_INTERVAL_SECONDS (0 turns it off), never two runs at once.
import { env } from "../env";
import { log } from "../log";
import { sweepExpiredUploads } from "./sweep";

let timer: NodeJS.Timeout | undefined;

export function startSweeper(): void {
  const seconds = env().SWEEP_INTERVAL_SECONDS;
  if (timer || seconds === 0) return;
  let running = false;
  timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await sweepExpiredUploads();
    } catch (error) {
      log.warn("sweeper run failed", { error: String(error) });
    } finally {
      running = false;
    }
  }, seconds * 1000);
  timer.unref();
}
