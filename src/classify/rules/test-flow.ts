import type { SiteContext } from '../../context/site-context.js';

/** The fix ladder applies to sleeps in the test process's own flow: a test body or a setup block. */
export function inTestFlow(ctx: SiteContext): boolean {
  return ctx.runsIn === 'test' || ctx.runsIn === 'setup';
}
