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
export function backoffDelay(retry: number, { baseMs = 500, maxMs = 15_000, random = Math.random }: BackoffOptions = {}): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
