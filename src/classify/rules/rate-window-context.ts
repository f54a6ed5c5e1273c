import type { Rule } from '../rule.js';
import { windowDecision } from './window-context.js';

export const rateWindowContext: Rule = {
  id: 'rate-window-context',
  verdict: 'legitimate',
  produces: 'rate_window',
  summary: 'waits for a rate-limit, throttle, debounce or refill window',
  explanation:
    'A rate limiter, throttle or debouncer is defined by a span of time; to see it reset, the test must let that span pass. ' +
    'Recognised by a rate word in the names (rate limit, throttle, debounce, window… in allowlist.json, rate_window.words) ' +
    'or an option such as `window: 100` set earlier in the test that the sleep outlasts.',
  example: {
    before: 'assert {:error, :rate_limited} = Limiter.check(l, :key)\nProcess.sleep(110)\nassert :ok = Limiter.check(l, :key)',
    after: '# unchanged: waits for the 100 ms window to reset',
  },
  decide: (ctx, signals) => windowDecision(ctx, signals, 'rate_window', 'window'),
};
