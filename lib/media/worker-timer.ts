// The media workers of this process: MEDIA_WORKERS loops that claim and run due jobs (queue.ts),
// started by instrumentation.ts next to the sweeper and stopped on shutdown. Idle loops look for
// due jobs every POLL_MS, and every DISCOVER_MS one of them queues files that arrived through a door
// that did not queue them. Completing an upload wakes them at once (`wakeMedia`), so a new photo's
// thumbnail does not wait for the next poll. Decoding runs in child processes (render.ts): a worker
// here only waits, so jobs never block requests.
import { env } from "../env";
import { log } from "../log";
import { perProcess } from "../per-process";
import { claimJob, discoverFiles, runJob } from "./queue";
import { mediaTools } from "./tools";

const POLL_MS = 2_000;
const DISCOVER_MS = 30_000;

interface WorkerState {
  running: boolean;
  loops: Promise<void>[];
  wake: Array<() => void>;
  lastDiscovery: number;
}

const state: WorkerState = perProcess("media workers", () => ({
  running: false,
  loops: [],
  wake: [],
  lastDiscovery: 0,
}));

function idle(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, POLL_MS);
    timer.unref();
    function done() {
      clearTimeout(timer);
      state.wake = state.wake.filter((w) => w !== done);
      resolve();
    }
    state.wake.push(done);
  });
}

async function loop(): Promise<void> {
  while (state.running) {
    try {
      if (Date.now() - state.lastDiscovery > DISCOVER_MS) {
        state.lastDiscovery = Date.now();
        await discoverFiles();
      }
      const job = await claimJob();
      if (job) await runJob(job);
      else await idle();
    } catch (error) {
      log.warn("media worker", { error: String(error) });
      await idle();
    }
  }
}

export function startMediaWorkers(): void {
  const workers = env().MEDIA_WORKERS;
  if (state.running || workers === 0) return;
  mediaTools(); // probed now, at start-up, and logged
  state.running = true;
  state.lastDiscovery = Date.now() - DISCOVER_MS + 5_000; // first look 5 s after start
  state.loops = Array.from({ length: workers }, () => loop());
}

/** Wakes idle workers of this process (a file was just queued). */
export function wakeMedia(): void {
  for (const wake of [...state.wake]) wake();
}

/** Stops claiming; waits for the jobs in progress (each is bounded by MEDIA_JOB_SECONDS). */
export async function stopMediaWorkers(): Promise<void> {
  state.running = false;
  wakeMedia();
  await Promise.all(state.loops);
  state.loops = [];
}
