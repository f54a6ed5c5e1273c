import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventLoopTurns } from '../../src/scan/turn.js';

describe('eventLoopTurns', () => {
  afterEach(() => vi.restoreAllMocks());

  it('yields to the event loop only once 20 ms have passed since the last turn', async () => {
    let now = 1_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const turn = eventLoopTurns();
    now += 20;
    expect(turn()).toBeUndefined();
    now += 1;
    const yielded = turn();
    expect(yielded).toBeInstanceOf(Promise);
    await expect(yielded).resolves.toBeUndefined();
    // The clock restarts at the turn.
    now += 20;
    expect(turn()).toBeUndefined();
  });
});
