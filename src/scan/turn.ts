// Scans read and parse synchronously (see read-source.ts), so the loops let the event loop turn
// now and then: for the progress bar, for a worker to hear of new files, and for the binding's
// finalizers, which free the trees no longer used (a loop that never yields keeps every tree it
// ever parsed). Date.now, not performance.now: the latter loads perf_hooks on every run.
const TURN_MS = 20;

/** Returns a function to await between files: it yields once TURN_MS have passed since the last turn. */
export function eventLoopTurns(): () => Promise<void> | undefined {
  let last = Date.now();
  return () => {
    const now = Date.now();
    if (now - last <= TURN_MS) return undefined;
    last = now;
    return new Promise<void>((resolve) => setImmediate(resolve));
  };
}
