import type { Rule } from '../rule.js';

export const infinity: Rule = {
  id: 'infinity',
  verdict: 'legitimate',
  produces: 'infinity',
  summary: 'sleep(:infinity) keeps a process alive',
  explanation:
    'A process that sleeps forever is a stand-in: a registered name, a linked or monitored peer, a supervisor child. ' +
    'Nothing waits on it, so it costs no time and is never flaky.',
  example: {
    before: 'pid = spawn(fn -> Process.sleep(:infinity) end)',
    after: 'pid = spawn(fn -> Process.sleep(:infinity) end)  # unchanged: legitimate',
  },
  decide(ctx) {
    if (ctx.duration !== 'infinity') return null;
    return { category: 'infinity', confidence: 'high', reason: 'sleeps forever: keeps this process alive' };
  },
};
