import type { SiteContext } from '../../context/site-context.js';

/** The fix ladder applies to sleeps in the test process's own flow: a test body or a setup block. */
export function inTestFlow(ctx: SiteContext): boolean {
  return ctx.runsIn === 'test' || ctx.runsIn === 'setup';
}

/**
 * Is `next` (a statement after the sleep) past the end of the loop body the sleep is in? Then the
 * sleep paces the loop's iterations, and `next` runs once, after all of them.
 */
export function pastTheLoop(ctx: SiteContext, next: { parent: { id: number } | null } | undefined): boolean {
  return next !== undefined && ctx.loops.length > 0 && next.parent?.id !== ctx.statement.parent?.id;
}
