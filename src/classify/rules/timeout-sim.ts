import type { Rule } from '../rule.js';
import { simulatedWorkPlace } from './simulated-work.js';

export const timeoutSim: Rule = {
  id: 'timeout-sim',
  verdict: 'legitimate',
  produces: 'timeout_sim',
  summary: 'simulated slow work inside a callback or process so that a timeout fires',
  explanation:
    'A sleep inside a GenServer callback, a spawned function, a task or a mock makes that code slow on purpose, so the test can ' +
    'check what happens when a call times out. It does not delay the test beyond the timeout under test. Recognised by where the ' +
    'sleep runs (not the test process) plus a timeout signal: a name mentioning timeout/slow/deadline, catch_exit, Task.yield, ' +
    'or a :timeout result in the test.',
  example: {
    before: 'def handle_call(:slow, _from, state) do\n  Process.sleep(200)\n  {:reply, :ok, state}\nend\n…\nassert {:timeout, _} = catch_exit(GenServer.call(pid, :slow, 50))',
    after: '# unchanged: the sleep makes the 50 ms call time out',
  },
  decide(ctx, signals) {
    const place = simulatedWorkPlace(ctx);
    if (!place) return null;
    const word = signals.nameWord('timeout_sim');
    const call = signals.call('timeout_sim', 'anywhere');
    const atom = signals.find(/(:timeout\b|timeout:|\{:error, :timeout\}|:timedout)/, 'anywhere');
    if (word && (call || atom)) {
      const hit = (call ?? atom)!;
      return { category: 'timeout_sim', confidence: 'high', reason: `slow work ${place}; ${word.where} mentions “${word.word}” and line ${hit.line} expects a timeout (\`${hit.text}\`)`, evidence: [hit.line] };
    }
    if (word) return { category: 'timeout_sim', confidence: 'medium', reason: `slow work ${place}; ${word.where} mentions “${word.word}”` };
    const hit = call ?? atom;
    if (hit) return { category: 'timeout_sim', confidence: 'medium', reason: `slow work ${place}; line ${hit.line} expects a timeout (\`${hit.text}\`)`, evidence: [hit.line] };
    return null;
  },
};
