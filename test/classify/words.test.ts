// The vocabulary matcher: the first entry (in the order written) that matches anywhere wins, at its
// first place; star entries match word prefixes; multi-word entries match runs of words.
import { describe, expect, it } from 'vitest';
import { compileWords, words } from '../../src/classify/words.js';

describe('compileWords', () => {
  const match = compileWords(['rate limit*', 'ttl', 'expir*', 'idle']);

  it('returns the words of the first entry that matches, not the first word that matches', () => {
    expect(match(words('idle entry expires after ttl'))).toBe('ttl');
    expect(match(words('idle entry expires'))).toBe('expires');
    expect(match(words('the RateLimiter limits, ttl'))).toBe('rate limiter');
  });

  it('takes an entry at its first place', () => {
    expect(match(words('expiry then expired'))).toBe('expiry');
  });

  it('matches nothing without a whole run', () => {
    expect(match(words('rate window'))).toBeNull();
    expect(match([])).toBeNull();
    expect(compileWords(undefined)(['ttl'])).toBeNull();
  });

  it('matches function names from their start only, when asked to', () => {
    const poller = compileWords(['poll*', 'wait for*'], { fromStart: true });
    expect(poller(words('poll_until_ready'))).toBe('poll');
    expect(poller(words('wait_for_flush'))).toBe('wait for');
    expect(poller(words('user_metrics_poller'))).toBeNull();
    expect(compileWords(['poll*'])(words('user_metrics_poller'))).toBe('poller');
  });
});
