import { binaryParts, callArguments, line, oneLine } from '../../parse/nodes.js';
import type { Rule } from '../rule.js';
import { ASSERTIONS, assertionName, looksReadOnly } from '../statements.js';
import { inTestFlow } from './test-flow.js';
import { messagedProcess } from './sync-barrier.js';

export const waitFor: Rule = {
  id: 'wait-for',
  verdict: 'problematic',
  produces: 'wait_for',
  summary: 'waits for observable state, then asserts it: wait_for the condition instead',
  explanation:
    'When the line after a sleep asserts on state that another process changes (a cache size, an ETS row, a database record), ' +
    'wait_for(fn -> condition end, timeout) retries the condition until it holds and moves on at once. The original assertion ' +
    'stays after it, so a failure still reads as ExUnit\'s message. A pattern assertion `assert %{} = expr` becomes ' +
    'match?/2. Safe when the condition only reads; review when it calls something that looks like it changes state.',
  example: {
    before: 'Cache.put_async(cache, :a, 1)\nProcess.sleep(100)\nassert Cache.size(cache) == 1',
    after: 'Cache.put_async(cache, :a, 1)\nwait_for(fn -> Cache.size(cache) == 1 end, 500)\nassert Cache.size(cache) == 1',
  },
  decide(ctx) {
    if (!inTestFlow(ctx)) return null;
    const next = ctx.after[0];
    const name = assertionName(next);
    if (!next || !name || !ASSERTIONS.has(name) || name.endsWith('_in_delta')) return null;
    const [condition] = callArguments(next);
    if (!condition) return null;
    const match = binaryParts(condition);
    const checked = match?.op === '=' ? match.right : condition;
    const readOnly = looksReadOnly(checked);
    const handedOff = messagedProcess(ctx.before[0]);
    const because = handedOff ? `after \`${handedOff.call}\` on line ${line(ctx.before[0]!)}, ` : '';
    return {
      fix: 'wait_for',
      safety: readOnly ? 'safe' : 'review',
      confidence: 'medium',
      reason: `polls state: ${because}line ${line(next)} asserts \`${oneLine(checked.text, 50)}\``,
      evidence: [line(next)],
    };
  },
};
