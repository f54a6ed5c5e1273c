/** Runs a task once a slot is free; see `createLimit`. */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * At most `max` tasks run at once; the others wait in arrival order. A directory walk
 * that starts every readdir at once runs out of file descriptors (EMFILE) on big trees.
 */
export function createLimit(max: number): Limit {
  let running = 0;
  const waiting: Array<() => void> = [];

  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < max) running++;
    // A finishing task hands its slot straight to the next waiter, so `running` stays put.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
