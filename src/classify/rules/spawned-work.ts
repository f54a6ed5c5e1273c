import type { SyntaxNode } from '../../parse/parser.js';
import { callNamesIn, doBlockOf } from '../../parse/nodes.js';
import type { Rule } from '../rule.js';
import type { SiteContext } from '../../context/site-context.js';
import { simulatedWorkPlace } from './simulated-work.js';

/** A comment that says the sleep keeps its process alive: "keep proc alive", "stay alive until …". */
export const KEEPS_ALIVE = /\b(?:keep|keeps|keeping|stay|stays)\b[\w\s]{0,20}?\balive\b/i;

// Calls that start a bare process, whose function's only job may be to be alive.
const SPAWNS = /^(?:(?:Process|Node|:erlang)\.)?spawn(?:_link|_monitor)?$/;

export const spawnedWork: Rule = {
  id: 'spawned-work',
  verdict: 'legitimate',
  produces: 'spawned_work',
  summary: 'simulated work inside a spawned process, task, callback or mock',
  explanation:
    'A sleep that runs in a process or function the test hands off (spawn, Task.async, Agent, a GenServer callback, a mock ' +
    'implementation) stands for work that takes time. The test itself does not wait on it, so it is not a flaky wait; ' +
    'whatever waits for that work is judged on its own.',
  example: {
    before: 'task = Task.async(fn -> Process.sleep(20); :done end)\nassert Task.await(task) == :done',
    after: '# unchanged: the sleep is the task\'s simulated work',
  },
  decide(ctx, signals) {
    const place = simulatedWorkPlace(ctx);
    // "# keep proc alive" (opentelemetry's process propagator): the process sleeps only to be there
    // while another reads from it, a race against that read, not work taking its time. (Not when the
    // sleep is all it does, kubemq's "# Spawn a process that stays alive long enough to be cancelled"
    // over `spawn(fn -> Process.sleep(10_000) end)`: a stand-in pid, whatever the comment says.)
    if (!place || (keptAliveToRace(ctx) && KEEPS_ALIVE.test(signals.commentAbove() ?? ''))) return null;
    // `spawn(fn -> Process.sleep(5_000) end)`: a process that does nothing but exist, a stand-in pid
    // (sequin's fake connection), not work; a task's lone sleep is still work somebody awaits.
    // `spawn(fn -> receive do _ -> Process.sleep(10_000) end end)` (bedrock's unresponsive coordinator):
    // it takes a message, then answers nothing, a stand-in that keeps its caller waiting.
    if (ctx.handedTo && SPAWNS.test(ctx.handedTo) && ctx.enclosedBy[0] === 'receive') {
      return { category: 'spawned_work', confidence: 'medium', reason: `takes a message and then answers nothing while it sleeps, ${place}: a stand-in that keeps its caller waiting; not the test's own wait` };
    }
    if (keptAliveOnly(ctx)) {
      // kitto's `spawn(fn -> receive do after 1 -> send(conn.owner, …) end end)`: the `after` clause
      // acts once the time is up, a hand-written `Process.send_after`, not a process kept alive.
      const delayed = ctx.site.form === 'receive_after' ? afterClauseCall(ctx.site.node) : null;
      if (delayed) return { category: 'spawned_work', confidence: 'medium', reason: `waits, then its \`after\` clause calls \`${delayed}\`, ${place}: a delayed act, as \`Process.send_after\` would make; not the test's own wait` };
      return { category: 'spawned_work', confidence: 'medium', reason: `keeps a process alive and does nothing else, ${place}; not the test's own wait` };
    }
    return { category: 'spawned_work', confidence: 'medium', reason: `simulated work ${place}, not the test's own wait` };
  },
};

/** A sleep that is all a spawned process does (`spawn(fn -> Process.sleep(5_000) end)`): a stand-in pid. */
export function keptAliveOnly(ctx: SiteContext): boolean {
  return !!ctx.handedTo && SPAWNS.test(ctx.handedTo) && ctx.before.length === 0 && ctx.after.length === 0;
}

/** A sleep in a spawned process that does more than sleep: kept alive for others to use, a race with them. */
export function keptAliveToRace(ctx: SiteContext): boolean {
  return ctx.runsIn === 'spawned' && (ctx.before.length > 0 || ctx.after.length > 0);
}

/** The first call the `after` clause of a `receive … after N -> … end` makes, or null when it only returns a value. */
function afterClauseCall(receive: SyntaxNode): string | null {
  const block = doBlockOf(receive);
  const clause = block?.namedChildren.find((c) => c.type === 'after_block')?.namedChildren.find((c) => c.type === 'stab_clause');
  const body = clause?.childForFieldName('right');
  return body ? (callNamesIn(body)[0]?.name ?? null) : null;
}
