import type { Rule } from '../rule.js';
import { windowDecision } from './window-context.js';

export const ttlContext: Rule = {
  id: 'ttl-context',
  verdict: 'legitimate',
  produces: 'ttl',
  summary: 'waits out a TTL, expiry, lease or idle timeout the test set',
  explanation:
    'To test that a cache entry expires or a lease lapses, time has to pass: the sleep is the point of the test. Recognised by an ' +
    'expiry word in the names (ttl, expires, lease, idle… in allowlist.json, ttl.words) or in what the statement after the sleep ' +
    'calls or sends (`send(pid, {:sweep, 0})`), or an option such as `ttl: 100` set earlier in the test that the sleep outlasts.',
  example: {
    before: 'Cache.put(cache, :k, 1, ttl: 100)\nProcess.sleep(150)\nassert Cache.get(cache, :k) == nil',
    after: '# unchanged: waits out the 100 ms TTL',
  },
  decide: (ctx, signals) => windowDecision(ctx, signals, 'ttl', 'TTL'),
};
