import { line } from '../../parse/nodes.js';
import type { Rule } from '../rule.js';
import { assertionName, containsAsync, isSyncStatement, mainCallName } from '../statements.js';
import { inTestFlow } from './test-flow.js';

export const removeAfterSync: Rule = {
  id: 'remove-after-sync',
  verdict: 'problematic',
  produces: 'remove',
  summary: 'the sleep follows only synchronous work: it guards nothing',
  explanation:
    'GenServer.call, GenServer.stop, Agent.update, Task.await, start_supervised! and similar calls return after their work is done. ' +
    'When everything before a sleep in the test is such a call and nothing asynchronous (a cast, a send, Process.exit, Task.start, ' +
    'spawn) has started, the sleep waits for nothing and can be deleted. Marked review: code behind a synchronous call can still ' +
    'start asynchronous work of its own.',
  example: {
    before: ':ok = GenServer.call(server, {:put, :a, 1})\nProcess.sleep(100)\nassert GenServer.call(server, {:get, :a}) == 1',
    after: ':ok = GenServer.call(server, {:put, :a, 1})\nassert GenServer.call(server, {:get, :a}) == 1',
  },
  decide(ctx, signals) {
    if (!inTestFlow(ctx)) return null;
    const previous = ctx.before[0];
    if (!previous || !isSyncStatement(previous)) return null;
    // Anything asynchronous earlier in the test (even nested) may be what the sleep waits for.
    for (const statement of ctx.before) {
      if (assertionName(statement)) continue;
      const async = containsAsync(statement);
      if (async) return null;
    }
    const earlierAsync = signals.findCall(['GenServer.cast', 'send', 'Process.send', 'Process.send_after', 'Process.exit', 'Task.start', 'Task.async', 'spawn', 'spawn_link', 'Phoenix.PubSub.broadcast'], 'before');
    if (earlierAsync) return null;
    return {
      fix: 'remove',
      safety: 'review',
      confidence: 'medium',
      reason: `follows only synchronous work: \`${mainCallName(previous)}\` on line ${line(previous)} returns when it is done`,
      evidence: [line(previous)],
    };
  },
};
