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

  it('does not count a match inside a phrase it is told to pass over, wherever that phrase starts', () => {
    const rate = compileWords(['rate', 'rate limit*'], { except: ['exchange rate*', 'frame rate'] });
    expect(rate(words('get_coin_exchange_rate'))).toBeNull();
    expect(rate(words('ExchangeRates are cached'))).toBeNull();
    expect(rate(words('frame rate drops'))).toBeNull();
    // Outside the phrase, or past its end, the word still counts.
    expect(rate(words('exchange rate at the rate limit'))).toBe('rate');
    expect(rate(words('exchange rate limiter'))).toBe('rate limiter');
    expect(rate(words('rate of exchange'))).toBe('rate');
  });

  it('matches function names from their start only, when asked to', () => {
    const poller = compileWords(['poll*', 'wait for*'], { fromStart: true });
    expect(poller(words('poll_until_ready'))).toBe('poll');
    expect(poller(words('wait_for_flush'))).toBe('wait for');
    expect(poller(words('user_metrics_poller'))).toBeNull();
    expect(compileWords(['poll*'])(words('user_metrics_poller'))).toBe('poller');
  });
});
