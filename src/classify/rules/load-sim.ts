import type { Rule } from '../rule.js';
import type { SyntaxNode } from '../../parse/parser.js';
import { callArguments, callName, line, oneLine } from '../../parse/nodes.js';
import { fixedOutcome, mainCall } from '../statements.js';
import { immediateCause, isWeakName } from './immediate-cause.js';
import { inTestFlow, staggersStarts } from './test-flow.js';
import { ownTags, ranBefore, type SiteContext } from '../../context/site-context.js';

/** A length drawn at random: `Enum.random(10..200)`, `10..200 |> Enum.random()`, `:rand.uniform(n)`. */
const RANDOM_LENGTH = /\bEnum\.random\b|:rand\.uniform\b/;

export const loadSim: Rule = {
  id: 'load-sim',
  verdict: 'legitimate',
  produces: 'load_sim',
  summary: 'simulated work in a load, stress or benchmark test',
  explanation:
    'Load and stress tests pace their work on purpose: the sleeps shape the load. Recognised by a load/stress/benchmark word ' +
    'in the test, describe or module name, or a tag such as @tag :load (allowlist.json, load_sim); the bare word load in a module ' +
    'or file name, or in a comment, does not count (LoadTest is as often the tests of a loader; "wait for the page to load"). ' +
    'A sleep in the test\'s own ' +
    'flow right after a cast or a kill is still judged by what it waits for, and one outside any loop there needs the word in the test\'s own name or a tag. ' +
    'Also a sleep that staggers the work a loop starts and collects (`task = Task.async(…)`, the sleep, `task`, then the tasks awaited): each runs on while the next waits. ' +
    'And a sleep that is all its test does (a value such as `nil` may follow): a test slow on purpose, for the tool that watches the suite run (a formatter, a watcher, `--slowest`).',
  example: {
    before: '@tag :load\ntest "handles 500 concurrent clients" do\n  for _ <- 1..500, do: Process.sleep(1)',
    after: '# unchanged: the load test paces its clients',
  },
  decide(ctx, signals) {
    // mix-test.watch's `test "A dot after #{delay} ms" do :timer.sleep(unquote(delay)); nil end`:
    // tests that exist to take their time, so that the watcher's output comes in over time.
    if (allTheTestDoes(ctx)) {
      return { category: 'load_sim', confidence: 'medium', reason: 'the sleep is all the test does: a test slow on purpose, for whatever watches the suite run (a formatter, a watcher, `--slowest`)' };
    }
    // Ace's "handles request with split start-line": `:ssl.send(socket, part_1)`, the sleep, then
    // `:ssl.send(socket, part_2)`: the sleep makes the server read the request in two parts.
    const split = inTestFlow(ctx) ? splitSend(ctx.before[0], ctx.after[0]) : null;
    if (split) {
      return { category: 'load_sim', confidence: 'medium', reason: `lines ${line(ctx.before[0]!)} and ${line(ctx.after[0]!)} send on \`${split}\`: the sleep splits what the peer reads into two parts, as a slow client would`, evidence: [line(ctx.before[0]!), line(ctx.after[0]!)] };
    }
    // membrane_portaudio_plugin's twenty restarts in `Task.async_stream(…, max_concurrency: 4)`, each
    // `:timer.sleep(Enum.random(10..200))` between two plays: a random length waits for no event; it
    // varies how the concurrent work interleaves.
    const random = (ctx.runsIn === 'spawned' || ctx.runsIn === 'handed_fn') && RANDOM_LENGTH.test(ctx.site.duration?.text ?? '');
    if (random) {
      return { category: 'load_sim', confidence: 'medium', reason: `its length is random (\`${oneLine(ctx.site.duration!.text, 30)}\`) in work run concurrently: jitter that varies how the work interleaves, waiting for no event` };
    }
    const started = staggersStarts(ctx);
    if (started !== null) {
      return { category: 'load_sim', confidence: 'medium', reason: `staggers the work the loop starts (line ${started}): each runs on while the next iteration waits, and the sleep sets how far apart they begin`, evidence: [started] };
    }
    const hit = signals.tag('load_sim') ?? signals.nameWord('load_sim');
    // A file name alone (load_balancer_test.exs) says little; the process the sleep runs in says more.
    if (!hit || (hit.where === 'file name' && ctx.runsIn !== 'test')) return null;
    // `load` alone in a module or file name names a feature as often as a kind of test (Ash's LoadTest
    // tests loading relationships), and in a comment it is mostly a page or data loading.
    // So does a function's name (claude_agent_sdk's stand-in storage `def load`, slow on purpose).
    if ((hit.where === 'module' || hit.where === 'file name' || hit.where === 'comment' || hit.where === 'function name') && hit.word === 'load') return null;
    // ex-watchman's "benchmark code execution": `Watchman.benchmark(…)`, `use Watchman.Benchmark`,
    // `@benchmark key: …` make the word the API under test, and the test's own sleep waits for what it reports.
    if (ctx.unitKind === 'test' && namesTheApi(ctx, hit.word)) return null;
    if (immediateCause(ctx, signals, hit)) return null;
    // Load is paced in loops and in the work handed out; a describe or module about stress says
    // little of a sleep in the test's own flow outside any loop (kafka_ex's waits for recovery
    // "under network stress").
    // So does a tag the whole module or describe is given (safe_rpc's `@moduletag :stress` over a
    // sleep that waits for a server to listen): only a test's own tag speaks for its own flow.
    const broadTag = hit.where === 'tag' && !ownTags(ctx).some((tag) => tag.includes(hit.word));
    if ((isWeakName(hit) || broadTag) && inTestFlow(ctx) && ctx.loops.length === 0) return null;
    // ash_reports' "… accurate under concurrent load": `Metrics.reset()`, 10 ms, then the tasks that
    // make the load. Before any work is under way the sleep paces nothing; a name says no more.
    if (hit.where !== 'tag' && inTestFlow(ctx) && ctx.loops.length === 0 && !ranBefore(ctx).some((statement) => STARTS_WORK.test(statement.text))) return null;
    // After the test has awaited the tasks that made the load (jido_signal's "high-load" test:
    // `Enum.each(publish_tasks, &Task.await(&1, 10_000))`, then 2 s "for all signals to be
    // delivered" and an exact count): the load is over, and the sleep waits for what it set off.
    if (inTestFlow(ctx) && ctx.loops.length === 0 && ctx.before.slice(0, 3).some((s) => AWAITS_TASKS.test(s.text))) return null;
    return { category: 'load_sim', confidence: hit.where === 'tag' ? 'high' : 'medium', reason: `${hit.where} marks a load test (“${hit.word}”)` };
  },
};

/** Is `word` a function, module or attribute of the code the test's module uses (`.benchmark(`, `use Watchman.Benchmark`, `@benchmark`)? */
function namesTheApi(ctx: SiteContext, word: string): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  const module = word[0]!.toUpperCase() + word.slice(1);
  let scope: SyntaxNode | null = ctx.unit;
  while (scope && callName(scope) !== 'defmodule') scope = scope.parent;
  return new RegExp(`\\.${word}!?\\(|^\\s*(?:use|import|alias)\\s+[A-Z][\\w.]*\\.${module}\\b|^\\s*@${word}\\s`, 'm').test((scope ?? ctx.unit)?.text ?? '');
}

/** The test's first statement, with at most plain values (`nil`, `:ok`) or assertions of them (`refute false`) after it. */
function allTheTestDoes(ctx: SiteContext): boolean {
  return ctx.runsIn === 'test' && ctx.atUnitTopLevel && ctx.before.length === 0 && ctx.after.every(fixedOutcome);
}

/** A write to a socket: `:gen_tcp.send`, `:ssl.send`, `:socket.send`, a library's `Socket.send`, `transport.send`, bandit's `Transport.send`. */
const SOCKET_SEND = /^(?::gen_tcp|:ssl|:socket|(?:[A-Z][\w.]*\.)?(?:Socket|Transport)|transport)\.send$/;

/** The socket both statements write to (`:ok = :ssl.send(socket, part_1)`, then `part_2`), or null. */
function splitSend(previous: SyntaxNode | undefined, next: SyntaxNode | undefined): string | null {
  const socket = (statement: SyntaxNode | undefined): string | null => {
    // A statement whose text says no `send` makes none: no call need be looked for.
    const call = statement?.text.includes('send') ? mainCall(statement) : null;
    return call && SOCKET_SEND.test(callName(call) ?? '') ? (callArguments(call)[0]?.text ?? null) : null;
  };
  const first = socket(previous);
  return first !== null && first === socket(next) ? first : null;
}

/** A statement that sets work going: tasks, spawns, streams run concurrently, a load tool's run. */
const STARTS_WORK = /\bTask\.|\bspawn(?:_link|_monitor)?\b|\basync\b|\bFlow\.|\bBenchee\.run\b|\bcast\(/;

/** A statement that waits for tasks: `Task.await(t)`, `Enum.each(tasks, &Task.await(&1, 10_000))`, `Task.await_many(ts)`, `Task.yield_many(ts)`. */
const AWAITS_TASKS = /\bTask\.(?:await|await_many|yield_many)\b/;
