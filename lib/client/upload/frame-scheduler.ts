// When the queue publishes snapshots: progress events come far more often than a screen can
// show them, so publications are batched to animation frames, about 10 a second at most.

/** Publishes on the next animation frame, at most ~10 times a second; plain timers outside browsers. */
export function frameScheduler(minIntervalMs = 100): (run: () => void) => void {
  let last = 0;
  return (run) => {
    const wait = Math.max(0, last + minIntervalMs - Date.now());
    setTimeout(() => {
      const go = () => {
        last = Date.now();
        run();
      };
      if (typeof requestAnimationFrame === "function" && typeof document !== "undefined" && document.visibilityState === "visible") {
        requestAnimationFrame(go);
      } else {
        go();
      }
    }, wait);
  };
}
