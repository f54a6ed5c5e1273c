import { line, oneLine } from '../../parse/nodes.js';
import type { Rule } from '../rule.js';
import { assertionName } from '../statements.js';
import { inTestFlow } from './test-flow.js';

export const assertReceive: Rule = {
  id: 'assert-receive',
  verdict: 'problematic',
  produces: 'assert_receive',
  summary: 'sleep, then assert_received: let assert_receive wait for the message',
  explanation:
    'assert_received checks the mailbox without waiting, so a sleep before it guesses how long the message takes. ' +
    'assert_receive waits up to its timeout and returns as soon as the message arrives. refute_received after a sleep ' +
    'becomes refute_receive with the same duration, since a refutation must wait its full time. A sleep before an ' +
    'assert_receive/refute_receive is merged into its timeout.',
  example: {
    before: 'Notifier.publish(n, :created)\nProcess.sleep(100)\nassert_received {:event, :created}',
    after: 'Notifier.publish(n, :created)\nassert_receive {:event, :created}, 500',
  },
  decide(ctx) {
    if (!inTestFlow(ctx)) return null;
    const next = ctx.after[0];
    const name = assertionName(next);
    if (!next || !name || !/_receive/.test(name)) return null;
    const what = oneLine(next.text, 60);
    const reason =
      name === 'assert_received'
        ? `next line (${line(next)}) checks the mailbox without waiting: \`${what}\``
        : name === 'refute_received'
          ? `next line (${line(next)}) refutes a message without waiting: \`${what}\`; refute_receive waits the same time`
          : `next line (${line(next)}) already waits: \`${what}\``;
    return { fix: 'assert_receive', safety: 'safe', confidence: 'high', reason, evidence: [line(next)] };
  },
};
