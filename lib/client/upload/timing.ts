// Time in the upload engine: waits a cancel cuts short, backoff between tries, the pace of
// snapshot publications, and transfer speeds.
import { abortError } from "@/lib/client/http";

/** Waits `ms`, rejecting with an AbortError as soon as `signal` fires. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

export interface BackoffOptions {
  /** Delay before the first retry, before jitter. */
  baseMs?: number;
  /** Cap on the delay, before jitter. */
  maxMs?: number;
  /** A number in [0, 1); injectable for tests. */
  random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": retry n waits between half and all of
 * min(maxMs, baseMs * 2^(n-1)), so clients that failed together do not retry together.
 */
export function backoffDelay(
  retry: number,
  { baseMs = 500, maxMs = 15_000, random = Math.random }: BackoffOptions = {},
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

// Progress events come far more often than a screen can show them, so the queue's publications
// are batched to animation frames, about 10 a second at most.

/**
 * Time between publications for a list of `rows` uploads: 100 ms (10 a second) up to 4,000 rows,
 * then longer in proportion, up to 250 ms at 10,000. Each publication costs the page work in
 * proportion to the list (a new snapshot, the panel's order and groups), so a 10,000-file drop
 * publishes 4 times a second instead of 10: still live, and its commits take a smaller share.
 */
export function publishIntervalMs(rows: number): number {
  return Math.min(250, Math.max(100, Math.round(rows / 40)));
}

/**
 * Publishes on the next animation frame, at most once per `minIntervalMs` (a number, or read
 * at each publication); plain timers outside browsers.
 */
export function frameScheduler(minIntervalMs: number | (() => number) = 100): (run: () => void) => void {
  let last = 0;
  return (run) => {
    const interval = typeof minIntervalMs === "function" ? minIntervalMs() : minIntervalMs;
    const wait = Math.max(0, last + interval - Date.now());
    setTimeout(() => {
      const go = () => {
        last = Date.now();
        run();
      };
      if (
        typeof requestAnimationFrame === "function" &&
        typeof document !== "undefined" &&
        document.visibilityState === "visible"
      ) {
        requestAnimationFrame(go);
      } else {
        go();
      }
    }, wait);
  };
}

/**
 * Transfer speed as an exponential moving average with a time constant (default 3 s):
 * a sample's weight depends on how much time it covers, not on how often progress events fire.
 */
export class SpeedMeter {
  private rate = 0;
  private hasRate = false;
  private lastTime: number | undefined;
  private lastBytes = 0;

  constructor(
    private readonly tauMs = 3_000,
    /** Samples closer together than this are merged into the next one (events can fire every ms). */
    private readonly minIntervalMs = 250,
  ) {}

  /** Records that `bytes` (a running total) had been sent at time `now` (ms). */
  sample(bytes: number, now: number): void {
    if (this.lastTime === undefined) {
      this.lastTime = now;
      this.lastBytes = bytes;
      return;
    }
    const dt = now - this.lastTime;
    if (dt < this.minIntervalMs) return;
    const instant = (Math.max(0, bytes - this.lastBytes) * 1000) / dt;
    const alpha = 1 - Math.exp(-dt / this.tauMs);
    this.rate = this.hasRate ? this.rate + alpha * (instant - this.rate) : instant;
    this.hasRate = true;
    this.lastTime = now;
    this.lastBytes = bytes;
  }

  /** Bytes per second; 0 until two samples far enough apart were seen. */
  get bytesPerSecond(): number {
    return this.rate;
  }

  reset(): void {
    this.rate = 0;
    this.hasRate = false;
    this.lastTime = undefined;
    this.lastBytes = 0;
  }
}

/** Seconds left at `bytesPerSecond`, or null when the speed is unknown. */
export function estimateSecondsLeft(remainingBytes: number, bytesPerSecond: number): number | null {
  if (remainingBytes <= 0) return 0;
  if (!(bytesPerSecond > 1)) return null;
  return remainingBytes / bytesPerSecond;
}
