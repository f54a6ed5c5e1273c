import { describe, expect, it } from 'vitest';
import { createLimit } from '../../src/discover/limit.js';

/** A promise the test settles by hand: no timers. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (err: Error) => void } {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every already-settled promise run its continuations. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createLimit', () => {
  it('never runs more than max tasks at once and starts waiters in arrival order', async () => {
    const limit = createLimit(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const done = gates.map((gate, i) =>
      limit(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );

    await flush();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    gates[3]!.resolve();
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3]);
  });

  it('frees the slot of a task that fails', async () => {
    const limit = createLimit(1);
    const gate = deferred();
    const failing = limit(() => gate.promise);
    const next = limit(async () => 'ran');
    gate.reject(new Error('boom'));
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
