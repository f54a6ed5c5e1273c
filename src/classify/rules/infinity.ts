import type { Rule } from '../rule.js';
import { setupStatements, type SiteContext } from '../../context/site-context.js';
import type { SyntaxNode } from '../../parse/parser.js';
import { LINKED_SPAWNS } from '../../context/elixir-facts.js';
import { binaryParts, callArguments, callName, line, oneLine } from '../../parse/nodes.js';
import { startedWork } from '../statements.js';

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
    'lets a test run (60 s): no passing test waits through it, and it stands for one that hangs. So is a wait last in a test ' +
    'after it started a linked process that exits abnormally (or one that sends the test an exit): it keeps the test alive ' +
    'for that exit to kill it, and is cut short every run.',
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
    // elixir's ExUnit tests: an inner test `spawn_link(fn -> exit(:foo) end)`, then `receive after:
    // (1000 -> :ok)`, last: the wait keeps the test process running so that the linked exit takes it
    // down, which is what the outer test checks. It is cut short every run; nothing waits through it.
    const killer = ctx.duration === 'infinity' ? null : linkedKiller(ctx);
    if (killer) {
      return { category: 'infinity', confidence: 'medium', reason: `last statement, after \`${killer.spawn}\` (line ${killer.line}) whose process ${killer.how}: keeps the test process alive for that exit to take it down, as the test expects; no run waits through it` };
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

/** `Process.flag(:trap_exit, true)`: a linked exit becomes a message, and no longer kills. */
const TRAPS_EXITS = /Process\.flag\(\s*:trap_exit\s*,\s*true\s*\)/;

/**
 * The statement before a test's last wait that starts a process to kill the test: a linked one
 * (`spawn_link`, `Task.start_link`, `Process.spawn(…, [:link])`) whose function always exits with
 * a reason other than `:normal` (`exit(:foo)`, `raise`, `Process.exit(self(), :boom)`), or any one
 * that sends the test process an exit (`Process.exit(parent, :kill)`, `parent = self()` above).
 * Not when the test or its setup traps exits, nor for a worker that ends normally: then the wait
 * lets it finish. Its call, line, and how it exits; or null.
 */
function linkedKiller(ctx: SiteContext): { spawn: string; line: number; how: string } | null {
  if (ctx.runsIn !== 'test' || !ctx.atUnitTopLevel || ctx.after.length > 0) return null;
  if ([...ctx.before, ...setupStatements(ctx)].some((statement) => TRAPS_EXITS.test(statement.text))) return null;
  const testPids = ctx.before.flatMap(boundToSelf);
  for (const statement of ctx.before) {
    const call = startedWork(statement);
    if (!call) continue;
    const linked = startsLinked(call);
    const exit = spawnedStatements(call).find((s) => (linked && endsAbnormally(s)) || exitSentTo(s, testPids));
    if (exit) return { spawn: callName(call)!, line: line(call), how: `runs \`${oneLine(exit.text, 40)}\`` };
  }
  return null;
}

/** Does `call` start its process linked to the caller? */
function startsLinked(call: SyntaxNode): boolean {
  const name = callName(call) ?? '';
  return LINKED_SPAWNS.has(name) || (name === 'Process.spawn' && callArguments(call).some((arg) => arg.type === 'list' && /(?:^|[\s,[]):link\b/.test(arg.text)));
}

/** The statements the function handed to a spawning call always runs: one clause, its top level. */
function spawnedStatements(call: SyntaxNode): SyntaxNode[] {
  const fn = callArguments(call).find((arg) => arg.type === 'anonymous_function');
  const clauses = fn?.namedChildren.filter((c) => c.type === 'stab_clause') ?? [];
  const body = clauses.length === 1 ? clauses[0]!.childForFieldName('right') : null;
  return body?.namedChildren ?? [];
}

/** `exit(:foo)`, `raise "boom"`, `Process.exit(self(), :boom)`: the process ends with a reason other than `:normal`. */
function endsAbnormally(statement: SyntaxNode): boolean {
  const name = statement.type === 'call' ? callName(statement) : null;
  const args = statement.type === 'call' ? callArguments(statement) : [];
  if (name === 'raise' || name === 'Kernel.raise' || name === 'reraise') return true;
  if (name === 'exit' || name === 'Kernel.exit' || name === ':erlang.exit') return args.length === 1 && args[0]!.text !== ':normal';
  return name === 'Process.exit' && args.length === 2 && args[0]!.text === 'self()' && args[1]!.text !== ':normal';
}

/** `Process.exit(parent, :kill)` to the test process (a name bound to `self()`): an exit it does not trap kills it. */
function exitSentTo(statement: SyntaxNode, testPids: readonly string[]): boolean {
  const args = statement.type === 'call' && callName(statement) === 'Process.exit' ? callArguments(statement) : [];
  return args.length === 2 && testPids.includes(args[0]!.text) && args[1]!.text !== ':normal';
}

/** `parent = self()`: the name, or nothing. */
function boundToSelf(statement: SyntaxNode): string[] {
  const parts = binaryParts(statement);
  return parts?.op === '=' && parts.left.type === 'identifier' && parts.right.text === 'self()' ? [parts.left.text] : [];
}
