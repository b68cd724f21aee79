// One call for a burst of calls: e.g. one cache update for a hundred finished uploads.

export interface Coalesced {
  /** Asks for a call: it happens once the burst settles. O(1), no timer made per call. */
  (): void;
  /** Drops a pending call. */
  cancel(): void;
}

/**
 * Calls `fn` once after a burst of calls settles (`wait` ms without a call), but at least every
 * `maxWait` ms while the burst goes on. One timer per burst: a call during a burst only notes its
 * time, and the timer, when it fires early, waits for the rest (a 10,000-file drop calls this once
 * per finished file; clearing and setting a timer each time was the cost of the old version).
 */
export function coalesce(fn: () => void, wait = 400, maxWait = 3_000, now: () => number = Date.now): Coalesced {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let first = 0;
  let last = 0;
  const fire = () => {
    const due = Math.min(last + wait, first + maxWait);
    const left = due - now();
    if (left > 0) {
      timer = setTimeout(fire, left);
      return;
    }
    timer = null;
    fn();
  };
  const call = (() => {
    last = now();
    if (timer !== null) return;
    first = last;
    timer = setTimeout(fire, wait);
  }) as Coalesced;
  call.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return call;
}
