// Last-use times (API tokens, sessions) are informative: writing them on every request would make
// each authenticated read a write. Each process writes one at most once per interval per key.

/** A gate that answers true when `key`'s last use should be written now. */
export function lastUseGate(intervalMs: number): (key: string, now: number) => boolean {
  const written = new Map<string, number>();
  return (key, now) => {
    if (now - (written.get(key) ?? 0) <= intervalMs) return false;
    if (written.size > 10_000) written.clear(); // bounded; a cleared entry only costs one more write
    written.set(key, now);
    return true;
  };
}
