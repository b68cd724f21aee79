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
