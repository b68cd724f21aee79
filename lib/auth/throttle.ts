// Slows password guessing: after 10 failed sign-ins for one email within 15 minutes, further
// attempts are refused until the window passes. In memory: one app instance is the common
// case; the limit resets on restart, which is acceptable for this purpose.
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 10;
const MAX_TRACKED = 10_000;

const failures = new Map<string, { count: number; since: number }>();

function entry(key: string, now: number) {
  const current = failures.get(key);
  if (!current || now - current.since > WINDOW_MS) return undefined;
  return current;
}

/** Seconds until `key` may try again, or 0 when it may try now. */
export function retryAfter(key: string, now = Date.now()): number {
  const current = entry(key, now);
  return current && current.count >= MAX_FAILURES ? Math.ceil((current.since + WINDOW_MS - now) / 1000) : 0;
}

export function recordFailure(key: string, now = Date.now()): void {
  if (failures.size >= MAX_TRACKED) {
    for (const [k, v] of failures) if (now - v.since > WINDOW_MS) failures.delete(k);
    if (failures.size >= MAX_TRACKED) failures.delete(failures.keys().next().value!);
  }
  const current = entry(key, now);
  failures.set(key, current ? { count: current.count + 1, since: current.since } : { count: 1, since: now });
}

export function clearFailures(key: string): void {
  failures.delete(key);
}
