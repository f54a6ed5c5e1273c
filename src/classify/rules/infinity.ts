import type { Rule } from '../rule.js';

export const infinity: Rule = {
  id: 'infinity',
  verdict: 'legitimate',
  produces: 'infinity',
  summary: 'sleep(:infinity) keeps a process alive, or stands for a handler that hangs',
  explanation:
    'A process that sleeps forever is a stand-in: a registered name, a linked or monitored peer, a supervisor child. ' +
    'Nothing waits on it, so it costs no time and is never flaky.',
  example: {
    before: 'pid = spawn(fn -> Process.sleep(:infinity) end)',
    after: 'pid = spawn(fn -> Process.sleep(:infinity) end)  # unchanged: legitimate',
  },
  decide(ctx) {
    if (ctx.duration !== 'infinity') return null;
    // In a callback, or a function handed to code that calls it (broadway's `handle_message`), the
    // sleep stands for a handler that hangs: the test checks a timeout or a shutdown against it.
    const hangs = ctx.runsIn === 'callback' || (ctx.runsIn === 'handed_fn' && (ctx.handedTo !== null || ctx.boundTo !== null));
    const where = ctx.runsIn === 'callback' ? `\`${ctx.defName}\`` : ctx.handedTo ? `the function handed to \`${ctx.handedTo}\`` : `the function bound to \`${ctx.boundTo}\``;
    const reason = hangs ? `sleeps forever: ${where} never returns, as a hung handler would` : 'sleeps forever: keeps this process alive';
    return { category: 'infinity', confidence: 'high', reason };
  },
};
