import type { Loop, SiteContext } from '../../context/site-context.js';
import type { Signals } from '../signals.js';
import type { SyntaxNode } from '../../parse/parser.js';
import { binaryParts, callArguments, callName, callNamesIn, doBlockOf, line, squeezed, statementsOf } from '../../parse/nodes.js';
import type { SourceFile } from '../../context/source-file.js';
import { estimateDuration } from '../../duration/duration.js';
import { writtenTimes } from '../../duration/written-times.js';
import { isPlainSleep } from '../../context/site-context.js';
import { SPAWNING_CALLS } from '../../context/elixir-facts.js';
import { ASSERTIONS, isPureCall, mainCall } from '../statements.js';

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

/**
 * A sleep that ends a loop body whose statements before it make a call that `check`, after the
 * loop, makes too (peeper's restart loop: each round asks the worker, kills it and sleeps, and the
 * next round asks the restarted one): every round but the last needs the wait, and one moved after
 * the loop comes too late for them. The call, or null.
 */
export function nextRoundAsks(ctx: SiteContext, check: SyntaxNode): string | null {
  if (!pastTheLoop(ctx, ctx.after[0]) || ctx.loops[0]?.iterations === 1) return null;
  // What the check reads, not the assertion around it (`assert`, `refute` are in every round too).
  const asked = new Set(callNamesIn(check).flatMap(({ name }) => (isPureCall(name) || ASSERTIONS.has(name) ? [] : [name])));
  for (const statement of ctx.before) {
    const again = callNamesIn(statement).find(({ name }) => asked.has(name));
    if (again) return again.name;
  }
  return null;
}

/**
 * A sleep that ends a loop body whose statements before it start nothing that runs on
 * (`:ok = update_characters(map.id)`, assertions): no work of the iteration is left for the sleep
 * to wait out, so it spaces the iterations in time on purpose (wanderer's "resilient to processing
 * delays"). A wait after the loop would run them back to back.
 */
export function pacesIterations(ctx: SiteContext, signals: Signals): boolean {
  if (!pastTheLoop(ctx, ctx.after[0])) return false;
  return ctx.before.every((statement) => {
    const effect = signals.effect(statement);
    return !effect || effect.kind === 'sync';
  });
}

/**
 * A loop whose rounds are all the same act: its generator or its function's parameter is ignored
 * (`for _ <- 1..10`, `Enum.each(1..5, fn _ -> … end)`). Doing the same thing again and again a sleep
 * apart is done for the spacing (gen_durable's ten publishes "so the later ones certainly hit a live
 * subscription"); a wait after the loop would run the rounds back to back.
 */
export function repeatsOneRound(loop: Loop | undefined): boolean {
  if (!loop) return false;
  if (loop.call === 'for') {
    const generators = callArguments(loop.node).map(binaryParts).filter((p) => p?.op === '<-');
    return generators.length === 1 && ignored(generators[0]!.left);
  }
  const fn = callArguments(loop.node).find((arg) => arg.type === 'anonymous_function');
  const clauses = fn?.namedChildren.filter((c) => c.type === 'stab_clause') ?? [];
  if (clauses.length !== 1) return false;
  const params = clauses[0]!.childForFieldName('left')?.namedChildren ?? [];
  return params.length === 1 && ignored(params[0]!);
}

/**
 * The same rounds written out one by one: the statement before the sleep is made again, word for
 * word, right after it or right before the sleep before it (serverboards' "keep using":
 * `Runner.call(uuid, "dir", [])`, 800 ms, the same call, 800 ms, the same call, 800 ms, a plugin
 * that stops after a second without use). The act, or null.
 */
export function unrolledRound(ctx: SiteContext, signals: Signals): SyntaxNode | null {
  const block = ctx.statement.parent;
  if (!block) return null;
  const siblings = statementsOf(block);
  const at = siblings.findIndex((s) => s.id === ctx.statement.id);
  const act = siblings[at - 1];
  if (!act || isPlainSleep(act)) return null;
  const again = (s: SyntaxNode | undefined) => s !== undefined && !isPlainSleep(s) && squeezed(s.text) === squeezed(act.text);
  const sleepBefore = siblings[at - 2];
  return again(siblings[at + 1]) || (sleepBefore !== undefined && isPlainSleep(sleepBefore) && again(actBeforeItsWait(siblings, at - 3, signals))) ? act : null;
}

/**
 * The statement at `from` or, past the polls right before it, the one they wait after: lemon's
 * first `record_failure(provider)`, then `assert wait_until(fn -> … :open end, 200)` before the
 * 800 ms. A round may end in a wait for what its act set off; the act is still the round's.
 */
function actBeforeItsWait(siblings: readonly SyntaxNode[], from: number, signals: Signals): SyntaxNode | undefined {
  let at = from;
  while (at > 0 && signals.pollingHelper(siblings[at]!) !== null) at--;
  return siblings[at];
}

/**
 * The act before the sleep made again right after it with other data: the same function, handed the
 * same first argument (phoenix_session_process's `dispatch(id, "search-users", "a")`, 10 ms, the
 * same with "ab", in a test of its debounce). A message the second call sends reaches the process
 * after the first's anyway, so the sleep cannot be for their order: it spaces them in time. The
 * act, or null.
 */
export function actMadeAgain(ctx: SiteContext): SyntaxNode | null {
  const [act, again] = [ctx.before[0], ctx.after[0]];
  const first = act && mainCall(act);
  const second = again && mainCall(again);
  if (!first || !second || first.text === second.text) return null;
  const name = callName(first);
  if (!name || !addressesAProcess(name) || callName(second) !== name) return null;
  const [a, b] = [callArguments(first)[0], callArguments(second)[0]];
  return a && b && /^(?:identifier|atom|alias|call|dot|module_attribute|unary_operator)$/.test(a.type) && squeezed(a.text) === squeezed(b.text) ? act : null;
}

/**
 * A module's function (`Search.query`, `GenServer.cast`), or the Kernel's bare `send`: a progress
 * sent to a LiveView, then 200 ms later a result, each re-arming the 250 ms refresh its handlers
 * debounce (serviceradar's agent releases page). Another bare name is a helper of the test's own,
 * which may not message anything.
 */
function addressesAProcess(name: string): boolean {
  return name === 'send' || /^[A-Z][\w.]*\.[a-z_]\w*[!]?$/.test(name);
}

/** `_` or `_round`: a variable the code says it does not use. */
function ignored(pattern: SyntaxNode): boolean {
  return pattern.type === 'identifier' && pattern.text.startsWith('_');
}

/** Loops whose body's last value is collected into their result (a stream's, by what takes from it: `|> Enum.take(20)`). */
const COLLECTING = new Set(['for', 'Enum.map', 'Enum.flat_map', 'Stream.map', 'Stream.repeatedly']);

/**
 * `0..4 |> Enum.map(fn _ -> Process.sleep(50); {:ok, t} = read(pid); t end)`: the sleep spaces the
 * samples a loop collects, which are checked after it (k8s's token refresh). Polling the read
 * inside the body would take every sample at once.
 */
export function pacesSamples(ctx: SiteContext): boolean {
  const loop = ctx.loops[0];
  if (!loop || !COLLECTING.has(loop.call) || !valueUsed(loop.node)) return false;
  const block = ctx.statement.parent;
  const last = block?.namedChildren.filter((c) => c.type !== 'comment').at(-1);
  return last !== undefined && last.id !== ctx.statement.id && /^(identifier|tuple|list|map|dot|call)$/.test(last.type) && !/^(assert|refute)/.test(last.text);
}

/**
 * `for b <- 0..3 do task = Task.async(fn -> start_browser(b) end); Process.sleep(10_000); task end
 * |> Task.await_many()`, or `Process.sleep(500); Task.async(…)` as the body's value (membrane's
 * users joining a room one by one): the loop collects work it started, which runs on while the next
 * iteration waits, so the sleep sets how far apart each starts. The line that starts it, or null.
 */
export function staggersStarts(ctx: SiteContext): number | null {
  const loop = ctx.loops[0];
  if (!inTestFlow(ctx) || !loop || !COLLECTING.has(loop.call) || !valueUsed(loop.node)) return null;
  const last = ctx.after.at(-1);
  if (!last) return null;
  // Started after the sleep, as the body's value: `Process.sleep(500); Task.async(fn -> … end)`.
  if (last.type === 'call' && startsAProcess(last)) return last.startPosition.row + 1;
  // Started before it, bound, and the binding is the body's value.
  const started = ctx.after.length === 1 && last.type === 'identifier' ? ctx.before.find(startsAProcess) : undefined;
  const bound = started && binaryParts(started);
  return bound?.op === '=' && bound.left.text === last.text ? started!.startPosition.row + 1 : null;
}

/**
 * Is `statement`'s value a task or process it starts itself (`Task.async`, `spawn`)? Not a call that
 * starts something deeper down and returns an answer: realtime's rate-limit loop collects what each
 * `Connect.lookup_or_start_connection` answered, samples of the limiter's window.
 */
function startsAProcess(statement: SyntaxNode): boolean {
  const call = mainCall(statement);
  const name = call && callName(call);
  return !!name && (SPAWNING_CALLS.has(name) || name.startsWith('Task.Supervisor.'));
}

/** Statement lists: an expression directly in one is a statement, its value thrown away. */
const STATEMENT_LISTS = new Set(['do_block', 'body', 'block', 'source', 'else_block', 'after_block', 'rescue_block', 'catch_block']);

/**
 * Does something take the loop's value (a binding, an assertion, a pipe into more work)? A `for`
 * that is a statement of its own only repeats its body (membrane's rounds of actions and checks).
 */
function valueUsed(loop: SyntaxNode): boolean {
  let node = loop;
  for (let pipe = node.parent && binaryParts(node.parent); pipe?.op === '|>' && pipe.right.id === node.id; pipe = node.parent && binaryParts(node.parent)) node = node.parent!;
  return node.parent !== null && !STATEMENT_LISTS.has(node.parent.type);
}

/** Kinds of node between a loop's call and the statements of its body (`fn x -> … end`, `do … end`). */
const LOOP_BODY_PARTS = new Set(['body', 'stab_clause', 'anonymous_function', 'arguments', 'do_block']);

/** Is the sleep's statement one of the statements of its innermost loop's body (not inside an `if` there)? */
export function directlyInLoop(ctx: SiteContext): boolean {
  const loop = ctx.loops[0];
  let node = ctx.statement.parent;
  while (node && loop && node.id !== loop.node.id && LOOP_BODY_PARTS.has(node.type)) node = node.parent;
  return !!loop && node?.id === loop.node.id;
}

/** Per file: each test's clock marks (by the test node's id). */
const SCHEDULES = {};

/** A sleep whose comment gives the time slept since the test began: its line and that time as written. */
export interface ClockMark {
  line: number;
  said: string;
}

/**
 * gen_serverring's multi-node suites: `:ct.sleep(5_000) # 10 sec`, `:ct.sleep(5_000) # 15 sec`.
 * Comments on a test's sleeps give the time since it started, the sleeps before them added up:
 * the test keeps a schedule that something else follows on its own clock (other nodes crash, join
 * and gossip at set times), and each sleep brings the test to its next mark. Any wait that ends
 * sooner squeezes the timeline together and puts what follows at the wrong time. Two such marks
 * say it (the first sleep's own length proves nothing); only the sleeps at the test's top level
 * are on the clock. The first mark, or null.
 */
export function keepsSchedule(ctx: SiteContext): ClockMark | null {
  const unit = ctx.unit;
  if (ctx.unitKind !== 'test' || !ctx.atUnitTopLevel || !unit) return null;
  const known = ctx.file.memo(SCHEDULES, () => new Map<number, ClockMark | null>());
  let mark = known.get(unit.id);
  if (mark === undefined) {
    const marks = twoWaitsWritten(unit, ctx.file) ? clockMarks(unit, ctx.file) : [];
    known.set(unit.id, (mark = marks.length >= 2 ? marks[0]! : null));
  }
  return mark;
}

/** What every plain sleep's text holds: `Process.sleep(…)`, `receive do … after … end` (not `assert_receive`). */
const WAIT_WORD = /\b(?:sleep|receive)/g;

/**
 * Do the test's lines hold two waits or more? A schedule needs two marks, so fewer settle it
 * before any statement of the test is walked (most tests sleep once).
 */
function twoWaitsWritten(unit: SyntaxNode, file: SourceFile): boolean {
  let waits = 0;
  for (let row = unit.startPosition.row + 1; row <= unit.endPosition.row + 1 && waits < 2; row++) waits += file.lineText(row).match(WAIT_WORD)?.length ?? 0;
  return waits >= 2;
}

/** The test's sleeps whose comment gives the time slept so far (more than their own length). */
function clockMarks(unit: SyntaxNode, file: SourceFile): ClockMark[] {
  const body = doBlockOf(unit);
  const marks: ClockMark[] = [];
  let slept = 0;
  for (const statement of body ? statementsOf(body) : []) {
    if (!isPlainSleep(statement)) continue;
    const ms = estimateDuration(callArguments(statement)[0] ?? null, file);
    // Past a sleep of unknown length the clock is lost.
    if (typeof ms !== 'number') break;
    slept += ms;
    const said = ms < slept ? writtenTimes(commentsOn(statement, file)).find((time) => Math.abs(time.ms - slept) <= Math.max(1, slept * 0.02)) : undefined;
    if (said) marks.push({ line: line(statement), said: said.text });
  }
  return marks;
}

/** The comment at the end of a statement's last line, and a comment line right above it. */
function commentsOn(statement: SyntaxNode, file: SourceFile): string {
  const { row, column } = statement.endPosition;
  const trailing = /^\s*#(.*)$/.exec(file.lineText(row + 1).slice(column))?.[1] ?? '';
  const above = statement.startPosition.row > 0 ? (/^\s*#(.*)$/.exec(file.lineText(statement.startPosition.row))?.[1] ?? '') : '';
  return `${above}\n${trailing}`;
}
