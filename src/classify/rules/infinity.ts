import type { Rule } from '../rule.js';
import type { SiteContext } from '../../context/site-context.js';
import { callName } from '../../parse/nodes.js';

/** ExUnit's default time limit for a test. */
const EXUNIT_TIMEOUT_MS = 60_000;

export const infinity: Rule = {
  id: 'infinity',
  verdict: 'legitimate',
  produces: 'infinity',
  summary: 'sleep(:infinity) keeps a process alive, or stands for a handler that hangs',
  explanation:
    'A process that sleeps forever is a stand-in: a registered name, a linked or monitored peer, a supervisor child. ' +
    'Nothing waits on it, so it costs no time and is never flaky. So is a function of a module that sleeps longer than ExUnit ' +
    'lets a test run (60 s): no passing test waits through it, and it stands for one that hangs.',
  example: {
    before: 'pid = spawn(fn -> Process.sleep(:infinity) end)',
    after: 'pid = spawn(fn -> Process.sleep(:infinity) end)  # unchanged: legitimate',
  },
  decide(ctx) {
    // existence's `def check(), do: Process.sleep(999_999_999)`, a health check handed to the
    // watchdog in an MFA tuple and killed after its 10 ms timeout: longer than ExUnit lets a test
    // run, so no test that passes waits through it. In a function of a module, it is a hang.
    // Not a sleep after work of its own (ecto_tablestore's rows written, then 90 s for the search
    // index), nor in a helper a `setup_all` runs: setup_all has no time limit, and the suite waits
    // through it on every run. A stand-in that hangs does nothing first.
    if (typeof ctx.duration === 'number' && ctx.duration >= EXUNIT_TIMEOUT_MS && (ctx.runsIn === 'helper' || ctx.runsIn === 'callback' || ctx.runsIn === 'module') && !workedBefore(ctx) && !runBySetupAll(ctx)) {
      return { category: 'infinity', confidence: 'medium', reason: `sleeps ${ctx.duration} ms, longer than ExUnit lets a test run (${EXUNIT_TIMEOUT_MS} ms by default): no test that passes waits through it, so \`${ctx.defName ?? 'it'}\` stands for one that hangs` };
    }
    if (ctx.duration !== 'infinity') return null;
    // In a callback, or a function handed to code that calls it (broadway's `handle_message`), the
    // sleep stands for a handler that hangs: the test checks a timeout or a shutdown against it.
    const hangs = ctx.runsIn === 'callback' || (ctx.runsIn === 'handed_fn' && (ctx.handedTo !== null || ctx.boundTo !== null));
    const where = ctx.runsIn === 'callback' ? `\`${ctx.defName}\`` : ctx.handedTo ? `the function handed to \`${ctx.handedTo}\`` : `the function bound to \`${ctx.boundTo}\``;
    const reason = hangs ? `sleeps forever: ${where} never returns, as a hung handler would` : 'sleeps forever: keeps this process alive';
    return { category: 'infinity', confidence: 'high', reason };
  },
};

/** Is the helper the sleep is in called, by name, from a `setup_all` of its module (`setup_all do … seed_rows() … end`, `setup_all :seed_rows`)? */
function runBySetupAll(ctx: SiteContext): boolean {
  const name = ctx.defName;
  const block = ctx.unit?.parent;
  if (!name || !block) return false;
  const called = new RegExp(`(?<![\\w.])(?:${name.replace(/[?!]/g, '\\$&')}\\(|:${name.replace(/[?!]/g, '\\$&')}\\b)`);
  return block.namedChildren.some((statement) => callName(statement) === 'setup_all' && called.test(statement.text));
}

/** Does the function do something before the sleep (a statement of its own above it)? */
function workedBefore(ctx: SiteContext): boolean {
  const unit = ctx.unit;
  return !!unit && ctx.before.some((statement) => statement.startIndex >= unit.startIndex && statement.endIndex <= unit.endIndex);
}
