import { binaryParts, line, oneLine } from '../../parse/nodes.js';
import type { Rule } from '../rule.js';
import { assertionName, mentions, patternBindings } from '../statements.js';
import { inTestFlow } from './test-flow.js';

export const pollWithTimeout: Rule = {
  id: 'poll-with-timeout',
  verdict: 'problematic',
  produces: 'poll_with_timeout',
  summary: 'waits for a value the next lines pattern-match and use: poll until it matches',
  explanation:
    'When the line after a sleep binds a result by pattern matching (`{:ok, job} = Jobs.fetch(id)`) and later lines use it, ' +
    'the wait is multi-step: the value must be read until it has the expected shape. poll_with_timeout(fn -> … :continue … end, ' +
    'timeout, interval) calls the function until it returns something other than :continue, and the test matches that result.',
  example: {
    before: 'Process.sleep(200)\n{:ok, %{state: :done} = job} = Jobs.fetch(id)\nassert job.result == 42',
    after:
      '{:ok, %{state: :done} = job} =\n  poll_with_timeout(fn ->\n    case Jobs.fetch(id) do\n      {:ok, %{state: :done}} = result -> result\n      _ -> :continue\n    end\n  end, 1_000, 10)\nassert job.result == 42',
  },
  decide(ctx) {
    if (!inTestFlow(ctx)) return null;
    const next = ctx.after[0];
    const match = next && binaryParts(next);
    if (!next || match?.op !== '=' || assertionName(next)) return null;
    const bindings = patternBindings(match.left);
    const used = bindings.filter((name) => ctx.after.slice(1).some((s) => mentions(s, name)));
    const refutable = match.left.type !== 'identifier';
    if (!refutable && used.length === 0) return null;
    return {
      fix: 'poll_with_timeout',
      safety: 'review',
      confidence: 'medium',
      reason: `line ${line(next)} matches \`${oneLine(match.left.text, 40)}\` on \`${oneLine(match.right.text, 40)}\`${used.length ? ` and later lines use ${used.map((u) => `\`${u}\``).join(', ')}` : ''}`,
      evidence: [line(next)],
    };
  },
};
