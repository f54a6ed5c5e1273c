import type { SiteContext } from '../../context/site-context.js';
import { STANDARD_MODULE } from '../../context/elixir-facts.js';
import { binaryParts, callArguments, callName, line, oneLine } from '../../parse/nodes.js';
import { assertionName, patternBindings } from '../statements.js';
import type { Decision, Rule } from '../rule.js';
import { inTestFlow } from './test-flow.js';
import { windowDecision } from './window-context.js';

export const rateWindowContext: Rule = {
  id: 'rate-window-context',
  verdict: 'legitimate',
  produces: 'rate_window',
  summary: 'waits for a rate-limit, throttle, debounce or refill window',
  explanation:
    'A rate limiter, throttle or debouncer is defined by a span of time; to see it reset, the test must let that span pass. ' +
    'Recognised by a rate word in the names (rate limit, throttle, debounce, window… in allowlist.json, rate_window.words) ' +
    'or an option such as `window: 100` set earlier in the test that the sleep outlasts, ' +
    'or a sleep exactly as long as a time the line before took out of what the code under test answered ' +
    '(`{:error, {:not_enough_token, wait}} = take(b)`, then `Process.sleep(wait)`): the wait it said to make.',
  example: {
    before: 'assert {:error, :rate_limited} = Limiter.check(l, :key)\nProcess.sleep(110)\nassert :ok = Limiter.check(l, :key)',
    after: '# unchanged: waits for the 100 ms window to reset',
  },
  decide: (ctx, signals) => windowDecision(ctx, signals, 'rate_window', 'window') ?? waitedAsTold(ctx),
};

/**
 * foretoken's `{:error, {:not_enough_token, dur}} = take("b1")`, then `:timer.sleep(dur)`: the sleep
 * lasts the time the code under test answered the caller must wait (a bucket's refill, a retry
 * after), picked out of its answer on the line before. The time passing is what the test checks,
 * and no event marks its end.
 */
function waitedAsTold(ctx: SiteContext): Decision | null {
  const duration = ctx.site.duration;
  const told = ctx.before[0];
  if (duration?.type !== 'identifier' || !told || !inTestFlow(ctx)) return null;
  // Also inside an assertion: `assert {:error, {:not_enough_token, dur}} = take(b)`.
  const bound = binaryParts(assertionName(told) === 'assert' ? (callArguments(told)[0] ?? told) : told);
  // Out of a tuple or map the answer is matched against, not the whole answer (`ms = delay()`).
  if (bound?.op !== '=' || bound.right.type !== 'call' || (bound.left.type !== 'tuple' && bound.left.type !== 'map')) return null;
  const call = callName(bound.right);
  if (!call || STANDARD_MODULE.test(call) || call.startsWith(':') || !patternBindings(bound.left).includes(duration.text)) return null;
  return {
    category: 'rate_window',
    confidence: 'medium',
    reason: `lasts \`${duration.text}\`, the wait \`${call}\` answered on line ${line(told)} (\`${oneLine(bound.left.text, 40)}\`): the time the code under test says must pass, and no event marks its end`,
    evidence: [line(told)],
  };
}
