// Slows password guessing. Failures are counted per (email, address) and per email: 10 from
// one address, or 100 from everywhere, within 15 minutes lock that email for the rest of the
// window. Per address first, so a stranger cannot lock someone out with 10 bad passwords.
// In memory: one app instance is the common case, and a restart forgetting it is acceptable.
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FROM_ONE_ADDRESS = 10;
const MAX_FROM_EVERYWHERE = 100;
const MAX_TRACKED = 20_000;

const failures = new Map<string, { count: number; since: number }>();

function current(key: string, now: number) {
  const entry = failures.get(key);
  return entry && now - entry.since <= WINDOW_MS ? entry : undefined;
}

function waitFor(key: string, limit: number, now: number): number {
  const entry = current(key, now);
  return entry && entry.count >= limit ? Math.ceil((entry.since + WINDOW_MS - now) / 1000) : 0;
}

function bump(key: string, now: number): void {
  if (failures.size >= MAX_TRACKED) {
    for (const [k, v] of failures) if (now - v.since > WINDOW_MS) failures.delete(k);
    if (failures.size >= MAX_TRACKED) failures.delete(failures.keys().next().value!);
  }
  const entry = current(key, now);
  failures.set(key, entry ? { count: entry.count + 1, since: entry.since } : { count: 1, since: now });
}

/** Seconds until this email may try again from this address, or 0 when it may try now. */
export function retryAfter(email: string, address: string, now = Date.now()): number {
  return Math.max(waitFor(`${email}\n${address}`, MAX_FROM_ONE_ADDRESS, now), waitFor(email, MAX_FROM_EVERYWHERE, now));
}

export function recordFailure(email: string, address: string, now = Date.now()): void {
  bump(`${email}\n${address}`, now);
  bump(email, now);
}

export function clearFailures(email: string, address: string): void {
  failures.delete(`${email}\n${address}`);
}
