import type { SyntaxNode } from '../../parse/parser.js';
import { argumentsAsRun, binaryParts, callArguments, callName, callNamesIn, doBlockOf, inFunction, line, oneLine, ownerCall, squeezed, statementsOf } from '../../parse/nodes.js';
import type { Rule } from '../rule.js';
import { definedFunctions, fileFunctions, type Signals } from '../signals.js';
import type { SourceFile } from '../../context/source-file.js';
import { leadingAtom, type ModuleIndex } from '../../project/module-index.js';
import { actingCall, aliveChecks, isPureCall, assertedOtherwise, droppedOnItsDeath, heldBetween, mainCall, mainCallName, ASSERTIONS, asksAnotherProcess, assertionName, consumingCall, fixedOutcome, madeBefore, mayChange, mentions, waitedTheSameWay, OS_PROCESS, polarCheck, patternBindings, runStateRead, spawnBinding, watchedProcess } from '../statements.js';
import { deferredStart, effectLine, killedProcess, roundAfterACheck, startedModule, startsUnreadInit, type StatementEffect } from '../effects.js';
import { callbacksFor, plainProcessStart } from './sync-barrier.js';
import type { SiteContext } from '../../context/site-context.js';
import { inTestFlow, keepsSchedule, pastTheLoop, unrolledRound } from './test-flow.js';
import { WAITS_FOR_WORK } from './immediate-cause.js';
import { timedCall } from '../timed-call.js';
import { cancelledBeforeItFires, namedForWhatMustNotHappen, namedForWhatMustStay } from './wait-for.js';
import { handedTimeBehind } from './ttl-context.js';
import { HALTING_LOOPS } from './poll-interval.js';
import { readsAClock } from './time-measurement.js';
import { isPlainSleep, setupStatements } from '../../context/site-context.js';
import { CAPTURES, RECEIVE_TIMEOUT_MS, runsInCallerProcess, SPAWNING_CALLS, STANDARD_MODULE, STOPS_THE_NODE, VM_WIDE_READS, WAIT_TIMEOUT_POSITION, waitingAssertion } from '../../context/elixir-facts.js';

// Next statements that wait by themselves: a sleep before them only adds time.
const WAITING_NEXT = /^(assert_receive|refute_receive|(?:assert|refute)_(?:push|reply|broadcast)\b|wait_for|wait_until|eventually|assert_eventually|refute_eventually|poll_with_timeout|Task\.await)/;

/**
 * Calls that stop a process and return once it is gone: `GenServer.stop`, ExUnit's
 * `stop_supervised`, a project's `stop_session(id)` (jido_code). (`terminate_child` asks the
 * supervisor, whose own state is then up to date.)
 */
const STOPS = /(^|\.)(stop(?:_\w+)?!?)$/;

/** A comment that waits for a round of periodic work: "wait for at least one tick cycle", "wait for the next poll", "for probes to fire". */
export const WAITS_FOR_A_CYCLE = /\b(?:wait|sleep)(?:s|ing)? for\b[^.]{0,40}\b(?:(?:tick|cycle|round|poll|heartbeat)s?|to fire)\b/i;

/** A keyword option that sets a periodic timer: `interval: 10`, `flush_interval: 1`, `sweep_period: 50`, `poll_rate: 100`, owl's `refresh_every: @tick_period_ms`. */
const PERIODIC_OPTION = /(?<![\w@:])\w*(?:interval|period|poll_rate|_every)(?:_ms)?:\s/;
/** A keyword option that sets a retry timer: `subscribe_retry_ms: 10`, `retry_interval: 50`, `reconnect_after: 100`. */
const RETRY_OPTION = /(?<![\w@:])\w*(?:retry_\w*(?:ms|interval|after|delay|backoff)|reconnect_\w*(?:ms|interval|after|delay))\w*:\s*\d/;
/** The name of such an option. */
const PERIODIC_NAME = /(?:interval|period|poll_rate|_every)(?:_ms)?$/;

/** A `{:via, Module, term}` name in a registry other than OTP's `Registry` (Horde.Registry, :swarm, :syn). */
const OTHER_REGISTRY = /\{:via,\s*(?!Registry\s*,)(?:[A-Z][\w.]*|:\w+)\s*,/;

/** Calls that run code on another node of a cluster. */
export const OTHER_NODE = /:(?:e?rpc|peer)\.(?:call|block_call|multicall|cast)\b|\bNode\.spawn/;

/**
 * Does `statement` ask another node, itself or through a function of the test file it calls? repg2's
 * `assert_group_membership(:g, pid, false)` asserts on the other node through `:rpc.call` in its
 * body: after the application's restart, what it reads there comes back through the nodes'
 * exchange, which the start does not wait for.
 */
export function asksAnotherNode(statement: SyntaxNode, file: SourceFile): boolean {
  if (OTHER_NODE.test(statement.text)) return true;
  const local = new Set(callNamesIn(statement).map(({ name }) => name).filter((name) => definedFunctions(file).has(name)));
  return local.size > 0 && fileFunctions(file).some(({ name, statement: body }) => local.has(name) && OTHER_NODE.test(body.text));
}
/** A word every such call's source holds (`Task.await` may be written `Task .await`). */
const MAY_WAIT = /receive|_push|_reply|_broadcast|wait_for|wait_until|eventually|poll_with_timeout|await|wait:/;

/** A read told to wait for a value newer than one it names (journey's `Journey.get(execution, :history, wait: {:newer_than, rev})`, `wait: :newer`); not `wait: :any`, which an earlier value already meets. */
const WAITS_FOR_NEWER = /(?:^|[\s,\[])wait:\s*(?::newer\b|\{\s*:newer(?:_than)?\s*,)/;

/** Lookups of Wallaby's and Hound's that retry until the element is there (not `refute_has`, which passes at once when it is absent). */
const BROWSER_LOOKUP = /^(?:(?:Wallaby\.Browser\.)?(?:assert_has|find)|(?:Hound\.Helpers\.Page\.)?find_element)$/;
/** How long Wallaby's lookups retry by default (its `max_wait_time`), about what Hound's five retries take too. */
const BROWSER_WAIT_MS = 3000;
/** PhoenixTest's `assert_has`, which PhoenixTest.Playwright retries through Playwright until its `timeout` (2 s by default). */
const PLAYWRIGHT_LOOKUP = /^(?:PhoenixTest\.)?assert_has$/;
const PLAYWRIGHT_WAIT_MS = 2000;

/**
 * The browser lookup `statement` makes first, in a file that drives a browser with Wallaby or
 * Hound, or with PhoenixTest.Playwright, when the sleep is no longer than the lookup retries; or null.
 */
function browserLookup(statement: SyntaxNode, ctx: SiteContext, signals: Signals): string | null {
  if (typeof ctx.duration !== 'number' || !/\b(?:assert_has|find)/.test(statement.text)) return null;
  const calls = callNamesIn(statement);
  const call = calls.find((c) => BROWSER_LOOKUP.test(c.name));
  const drives = call && ctx.duration <= BROWSER_WAIT_MS && signals.drivesABrowser();
  if (drives) return call.name;
  // dannote's phoenix_replay: `use PhoenixTest.Playwright.Case`, then `assert_has(conn, "#player")`.
  const playwright = calls.find((c) => PLAYWRIGHT_LOOKUP.test(c.name));
  return playwright && ctx.duration <= PLAYWRIGHT_WAIT_MS && signals.modules.saysOrTemplateSays(/\bPhoenixTest\.Playwright\b/, ctx.file) ? playwright.name : null;
}

export const removeAfterSync: Rule = {
  id: 'remove-after-sync',
  verdict: 'problematic',
  produces: 'remove',
  summary: 'the sleep follows only synchronous work, or comes before a line that waits by itself: it guards nothing',
  explanation:
    'GenServer.call, GenServer.stop, Agent.update, Task.await, start_supervised! and similar calls return after their work is done ' +
    '(a project API is looked into: Inventory.stock/1 that does a GenServer.call counts, when its module answers the call in a handle_call the tool can read). When everything before a sleep in the ' +
    'test is such a call and nothing asynchronous (a cast, a send, Process.exit, Task.start, spawn) has started, the sleep waits ' +
    'for nothing. A sleep right before a polling helper (eventually/wait_for; also past a line or two that only compute a value, `tab = Path.basename(path)`), or before a receive with no after clause, only adds time too. ' +
    'So does one between a LiveView event whose handle_event only sends the view\'s own process a message (its handle_info leaving nothing running) and a render(view) or has_element? of that view: ' +
    'LiveViewTest pings the view before it reads, and the ping waits behind the message. ' +
    'So does one between two messages the test sends the same process itself: they reach it in the order they were sent (not when a clock or timer may make their spacing matter). Not when the assertions after ' +
    'it ask the same module about another process (a write to c1, a read of c2: they sync on their own), nor when a call before ' +
    'it was given a time of the sleep\'s size, named as one by its parameter, keyword or a neighbouring atom ' +
    '(`Store.open_temporary(uri, 100)` into `timeout`, then 101 ms: a timer it set), nor when the lines ' +
    'after it ask another node (:erpc/:rpc/:peer), themselves or through a function of the test file (repg2\'s `assert_group_membership`), nor when they read off a pipe or socket (`Process.read(s)`: it returns what has ' +
    'arrived by then) or look at an operating-system process (`os_process_alive?(os_pid)`), nor after starting a server whose init/1 leaves its work to handle_continue ' +
    '(or a message to itself) when the checks after it ask something other than that server, or when that work starts a task or a spawn of its own (what it sends back is handled after a read of the server), nor after starting a project module with no init/1 of its own (a library\'s `use` brings it: what it leaves running is not read), nor after starting one whose init/1 starts work that runs on (a Task, a timer, a spawn, a port; a supervisor\'s `{Task, fun}` child, started itself or among the children of Supervisor.start_link), nor inside capture_log with nothing ' +
    'checked after it in the block (the processes it started log on their own time), nor when the checks compare a value read just ' +
    'before it with the same read after it (a wait for the value to move on), nor for a death checked after a call to another ' +
    'process, nor for anything but that process\'s own death after a stop (others hear of the exit on their own time), nor for a registry asked to list no more a process the test put there and just awaited or terminated (it drops the entry on the :DOWN), nor for the last line of an on_exit callback, ' +
    'nor when the file gives a poller a rate the sleep outlasts (`poll_rate: 100`: it waits for the next poll), nor right after a check that only reads when a server the test or its setup started works on an interval the sleep outlasts (`cleanup_interval: 100` to its start, or a timer its init/1 arms again and again). A line that waits by itself counts only when it waits at least as long ' +
    '(an assert_receive with ExUnit\'s 100 ms after a 1 s sleep does not, nor a helper that gives up after ten tries 5 ms apart, or at a deadline of `timeout` ms it is handed, shorter than the sleep) and for work started before the sleep (not ' +
    '`Task.async(…) |> Task.await()`). As a test\'s first statement, not when its setup started work of its own. Marked review: ' +
    'code behind a synchronous call can still start asynchronous work of its own.',
  example: {
    before: ':ok = GenServer.call(server, {:put, :a, 1})\nProcess.sleep(100)\nassert GenServer.call(server, {:get, :a}) == 1',
    after: ':ok = GenServer.call(server, {:put, :a, 1})\nassert GenServer.call(server, {:get, :a}) == 1',
  },
  decide(ctx, signals) {
    if (!inTestFlow(ctx) || keepsSchedule(ctx)) return null;
    const next = ctx.after[0];
    // gen_serverring's crasher node: `Demo.get(ring)`, 5 s, `:erlang.halt()`. The sleep sets when the
    // node goes down, which the other nodes' tests count on: nothing waits for it to be over.
    if (next && STOPS_THE_NODE.test(next.text)) return null;
    // Last in a loop body, the line after the loop waits once, not between the iterations the sleep
    // paces (mentat's puts, each needing its own millisecond for eviction by age).
    const afterTheLoop = pastTheLoop(ctx, next);
    if (next && !afterTheLoop && isPlainSleep(next)) {
      return { fix: 'remove', safety: 'review', confidence: 'medium', reason: `another sleep follows on line ${line(next)}: this one only adds to it`, evidence: [line(next)] };
    }
    // `Process.sleep(25)`, then `ssh_run(cmd)`, whose first act comes after a `Process.sleep(200)` of its own (nerves_ssh).
    const ahead = next && !afterTheLoop && typeof ctx.duration === 'number' ? signals.sleepAhead(next) : null;
    if (ahead && ahead.ms >= (ctx.duration as number)) {
      return { fix: 'remove', safety: 'review', confidence: 'medium', reason: `line ${line(next!)} calls \`${ahead.helper}\`, which ${ahead.via ? `calls \`${ahead.via}\`, which ` : ''}sleeps ${ahead.ms} ms itself before it acts: this one only adds to it`, evidence: [line(next!)] };
    }
    // The line that may wait by itself: the next one, or the first past lines that only compute a
    // value (quillex's `tab_name = Path.basename(file)`, then `SemanticHelpers.wait_for_tab(tab_name, 3000)`).
    const between = next && !afterTheLoop ? linesBetween(ctx.after, signals) : null;
    const waiter = between ? between.waiter : next;
    const past = between ? betweenNote(between) : '';
    // Only a statement whose text names a waiting call can make one: most are never walked.
    // By the function's own name too: `ConsumerGroupHelpers.wait_for_active(pid)`.
    const waits = waiter && !afterTheLoop ? waitingCall(waiter) : undefined;
    // `Task.async(…) |> Task.await()` waits for a task it starts itself, not for anything before the sleep.
    const awaitsItsOwn = waits && /^Task\.(await|yield)/.test(waits.name) && callNamesIn(waiter!).some((c) => /^Task\.(Supervisor\.)?async/.test(c.name));
    // `Enum.each(refs, &assert_receive({:DOWN, ^&1, …}))` after a 1 s sleep: ExUnit's 100 ms alone would be less time.
    // So would SimplePool's `wait_for_restart(ref)` after 3 s: ten tries 5 ms apart, then it gives up.
    const shorter = waits && (waitsLessThanTheSleep(waits.node, ctx.duration) || shorterHelper(waiter, ctx.duration, signals) !== null);
    // `assert {:ok, :active} = wait_for_active(cg, timeout: 30_000)` before a broker outage and again
    // after it (kafka_ex's chaos tests): the condition held before, so the wait returns at once, and
    // the sleep is what lets the disruption show first.
    // Not a read told to wait past the revision it names (journey's `wait: {:newer_than, rev}`): what held then does not end it.
    const waitedBefore = waits && !waitsForNewer(waits.node) && (madeBefore(ctx.before, waiter!) ?? waitedTheSameWay(ctx.before, waits.node)) !== null;
    if (waiter && waits && !awaitsItsOwn && !shorter && !waitedBefore && !assertionName(waiter)?.endsWith('_receive')) {
      return { fix: 'remove', safety: 'review', confidence: 'medium', reason: `line ${line(waiter)} waits by itself (\`${waits.name}\`)${past}: the sleep only adds time`, evidence: [line(waiter)] };
    }
    // drab's `find_element(:id, "page_loaded_indicator")` (Hound's), Wallaby's `assert_has(session,
    // css(".flash", text: "Saved"))`: a browser driver's lookup retries until the element shows,
    // for up to its own time (Wallaby's 3 s): a shorter sleep before it only adds time.
    const looksUp = next && !afterTheLoop ? browserLookup(next, ctx, signals) : null;
    if (next && looksUp) {
      return { fix: 'remove', safety: 'review', confidence: 'medium', reason: `line ${line(next)} waits by itself (\`${looksUp}\`, the browser driver's, tries again until the element shows): the sleep only adds time`, evidence: [line(next)] };
    }
    // lasso's `CircuitBreakerHelper.assert_circuit_breaker_state(id, :open)`, which reads the state,
    // sleeps 50 ms and tries again until a deadline: a poll written as a helper of the project's.
    // (Not one the next line only spawns, sanbase's `spawn(fn -> … CacheProvider.get_or_store(…) … end)`:
    // it polls in that process, and the test goes on at once; the sleep gave the first caller its head start.)
    const spawnsIt = waiter ? SPAWNING_CALLS.has(mainCallName(waiter) ?? '') : false;
    const polls = waiter && !afterTheLoop && !waits && !spawnsIt && !isPlainSleep(waiter) && /[a-z]\(/.test(waiter.text) ? (runsFirst(waiter).map((part) => signals.pollingHelper(part)).find((found) => found !== null) ?? null) : null;
    // Not in a test named for what must not happen or must stay ("does not open shared circuit"): a
    // poll for a state that already holds returns at once, and the sleep was the window. Nor after
    // the same poll ran before the sleep, in the test, its setup or a helper they call (rabbit's
    // `start_consumer` awaits consuming; after a kill, that poll returns on the state from before).
    // Nor a wait for a message shorter than the sleep (potterhat's `assert_telemetry`, `after 100`,
    // after a second's sleep): without the sleep the work has that much less time.
    const waitsLess = polls?.limit != null && typeof ctx.duration === 'number' && polls.limit < ctx.duration;
    if (waiter && polls && !waitsLess && signals.calledBefore(polls.name) === null && !namedForWhatMustNotHappen(ctx.test) && !namedForWhatMustStay(ctx.test)) {
      return { fix: 'remove', safety: 'review', confidence: 'medium', reason: `line ${line(waiter)} waits by itself (\`${polls.name}\` ${polls.how === 'retries' ? 'sleeps and tries again' : 'waits for a message'})${past}: the sleep only adds time`, evidence: [line(waiter)] };
    }
    // nerves_hub_link_avm's `statuses = collect_statuses()`, a receive loop of the file's that keeps
    // taking messages until a second goes by with none: it waits by itself longer than the sleep.
    const collects = next && !afterTheLoop && !waits && !polls && typeof ctx.duration === 'number' && next.text.includes('(') ? signals.receiveWaitsAtLeast(next, ctx.duration) : null;
    if (next && collects && !namedForWhatMustNotHappen(ctx.test) && !namedForWhatMustStay(ctx.test)) {
      return { fix: 'remove', safety: 'review', confidence: 'medium', reason: `line ${line(next)} waits by itself (\`${collects.name}\` waits up to ${collects.ms} ms for a message): the sleep only adds time`, evidence: [line(next)] };
    }
    // `receive do {:subscribe, …} -> … end` with no `after`: it blocks until the message comes (kaffe).
    const receives = next && !afterTheLoop && next.text.includes('receive') ? blockingReceive(next, typeof ctx.duration === 'number' ? ctx.duration : null) : null;
    if (next && receives) {
      const how = receives === 'outlasts' ? 'a `receive` whose `after` is no shorter than the sleep' : 'a `receive` with no `after`';
      return { fix: 'remove', safety: 'review', confidence: 'medium', reason: `line ${line(next)} waits by itself (${how}): the sleep only adds time`, evidence: [line(next)] };
    }
    // `Enum.find(1..200, fn _ -> … Process.sleep(1) … end)`: a poll written out in place.
    const loop = next && /sleep/.test(next.text) ? pollingLoop(next) : null;
    if (next && loop) {
      return { fix: 'remove', safety: 'review', confidence: 'medium', reason: `line ${line(next)} waits by itself (a \`${loop}\` loop that sleeps between checks): the sleep only adds time`, evidence: [line(next)] };
    }
    const previous = ctx.before[0];
    const early = next && !afterTheLoop ? sendsToStarted(ctx, next, signals) : null;
    if (early) {
      return {
        fix: 'remove',
        safety: 'review',
        confidence: 'medium',
        reason: `line ${line(next!)} sends to \`${early.target}\`, which line ${line(early.start)} started: the process is there from then on, and the message waits in its mailbox until it takes it`,
        evidence: [line(early.start), line(next!)],
      };
    }
    const resent = next && !afterTheLoop ? sentAgainInOrder(ctx, signals) : null;
    if (resent) {
      return {
        fix: 'remove',
        safety: 'review',
        confidence: 'medium',
        reason: `line ${line(previous!)} and line ${line(resent.second)} both message \`${oneLine(resent.target, 30)}\` from the test's own process: one sender's messages reach a process in the order they were sent, so it has handled the first before it takes the second, and the sleep does not order them`,
        evidence: [line(previous!), line(resent.second)],
      };
    }
    // mindwendel's AI buttons: a click whose handler sends its own process the work, then `render(view)`.
    const rendered = next && !afterTheLoop ? renderedPastItsOwnMessage(ctx, next, signals) : null;
    if (rendered) {
      return {
        fix: 'remove',
        safety: 'review',
        confidence: 'medium',
        reason: `line ${line(next!)} reads the view with \`${rendered.read}\`, which pings the view's process first: the ping waits behind \`${rendered.message}\`, which \`${rendered.module}\` sent itself on the ${rendered.event} event of line ${line(rendered.act)}, and whose handle_info leaves nothing running`,
        evidence: [line(rendered.act), line(next!)],
      };
    }
    const pending = pendingWork(ctx.before, signals);
    if (pending) return null;
    // mob's `assert Task.await(task) == :done`, the sleep, then `refute Map.has_key?(subs, task.pid)`:
    // the await returns with the task's answer, before the task has exited and before a server that
    // monitors it has handled its :DOWN.
    const awaitedTask = previous ? /\bTask\.await\(\s*([a-z_]\w*)/.exec(previous.text)?.[1] : undefined;
    if (awaitedTask && ctx.after.slice(0, 3).some((statement) => new RegExp(`\\b${awaitedTask}\\.pid\\b`).test(statement.text))) return null;
    // etcdex's task that hands `self()` to `EtcdEx.watch(conn, self(), "foo")` and answers `self()`:
    // `pid = Task.await(task)`, then `assert [] = EtcdEx.list_watches(conn, pid)`. The connection
    // monitors each watcher and drops its watches on the :DOWN, which comes after the await returned.
    if (previous && askedAfterItsDeath(previous, checking(ctx.after), ctx, signals)) return null;
    // ragistry's task that registered a key, awaited, then `assert [] = Ragistry.lookup(name, "key1")`: the
    // registry drops the dead task's entry on its monitor's :DOWN, after the await returns (OTP's
    // Registry, :pg, :global alike; a stop's checks are left below). wait_for polls the lookup: safe
    // when the test saw the entry listed first (ragistry's, so `== []` cannot hold before the death), else review.
    if (droppedOnItsDeath(previous, checking(ctx.after), ctx.before)) return null;
    // koenighotze's `catch_exit(kill_server(:hammertime))`: the call came back by exiting, its server
    // stopped (or it timed out), and what follows a stop, a supervisor's restart, runs on.
    if (previous && callName(previous) === 'catch_exit') return null;
    // `Task.await(task)` of a task that started linked processes: they die after the task, on their
    // own time, and free their names then (delta_crdt's rehydration test restarts one by name).
    if (previous && /^Task\.(await|yield)/.test(callNamesIn(previous)[0]?.name ?? '') && ctx.before.some(startsLinkedInTask)) return null;
    // After starting a module whose init/1 we have not read (`use Bonny.Controller` brings it,
    // blockscout's migrations get theirs from `use FillingMigration`, which works through
    // handle_continue): the start returning says nothing of the work it leaves running.
    if (previous && startsUnreadInit(previous, ctx, signals.modules)) return null;
    // "# Wait for all releases to complete": the author says work started earlier is still going on.
    // Unless the next line asks the server that work is in (toniq's "# wait for init to complete"
    // before a call to the server whose init/1 sent itself the work): the call waits for it.
    const waitedOnByNext = (): boolean => {
      const deferred = next && !afterTheLoop ? deferredStart(previous!, ctx, signals.modules) : null;
      return !!deferred && askedAfterStart(next!, previous!, deferred, ctx, signals.modules) !== null;
    };
    // "# Wait for at least one tick cycle to fire probes" (lasso's probe coordinator, started two lines up):
    // periodic work the test started is what the sleep waits for.
    // Not "# Give terminate callback time to run" after `GenServer.stop(pid, :normal)` (vaos'
    // checkpoint): the stop returns once terminate/2 has run, the work the comment names.
    const comment = signals.commentAbove() ?? '';
    const terminated = !!previous && /terminate/i.test(comment) && STOPS.test(callNamesIn(previous)[0]?.name ?? '');
    if (previous && (WAITS_FOR_WORK.test(comment) || WAITS_FOR_A_CYCLE.test(comment)) && !terminated && !waitedOnByNext()) return null;
    // "# wait for initial measurement" after starting a dependency's server (circuits_sim's `BMP3XX`,
    // whose first measurement is a message it sends itself): what its start leaves running is not read.
    if (previous && /^\s*wait\b/i.test(signals.commentAbove() ?? '') && startsModuleOutsideProject(previous, ctx, signals)) return null;
    // Last in an on_exit callback: it waits for whatever the test left running, not for the lines above it.
    if (!next && ctx.enclosedBy.includes('on_exit')) return null;
    // What a call did on this node is done; the lines after ask other nodes, which catch up on their own.
    if (ctx.after.some((statement) => asksAnotherNode(statement, ctx.file))) return null;
    // `before = :erlang.memory(:total)` (exile's leak test): the sleep lets the whole VM settle
    // first, processes of earlier tests included, not the lines above it.
    if (settlesBeforeVmRead(next)) return null;
    // `assert Process.info(pid, :current_function) == {…, {:erlang, :hibernate, 3}}` after a call
    // whose handler answers `{:reply, n, n + 1, :hibernate}`: the server hibernates after replying.
    if (runStateRead(next)) return null;
    // bullmq's `for i <- 1..num_jobs do Queue.add(…); Process.sleep(10) end` under "# Small delay between
    // adds to test blocking wake-up behavior": the author spaces the rounds on purpose.
    if (ctx.loops.length > 0 && SPACES_ROUNDS.test(signals.commentAbove() ?? '')) return null;
    if (!previous) {
      if (!ctx.atUnitTopLevel || ctx.runsIn !== 'test' || !next || !ctx.statementIsTheWait) return null;
      // `:timer.sleep(unquote(delay))`, then `nil` (mix-test.watch's tests that take their time on
      // purpose), or `refute false` (ExUnit's tests of its slowest-tests report): the sleep is all
      // the test does, and removing it leaves nothing to run.
      if (ctx.after.every(fixedOutcome)) return null;
      // First in a test whose setup started work of its own (peers, a poller, a task, a server whose
      // init comes from a library's `use`): it waits for that.
      const setup = setupStatements(ctx);
      // (crypto-rates' `PeriodicalRunner.start_link(job, 20)`, whose init/1 casts itself the first round.)
      if (pendingWork(setup, signals) || setup.some((statement) => startsUnreadInit(statement, ctx, signals.modules) || deferredStart(statement, ctx, signals.modules))) return null;
      // Messages the test checks for were sent by something running already (meadow's ticking server).
      if (ctx.after.some((statement) => /_received$/.test(assertionName(statement) ?? ''))) return null;
      // "# let's wait for all discovery rounds" (mana, rounds its setup_all's server schedules), "# we
      // need to recognize the deposit on the childchain first" (elixir-omg): the author says what the
      // sleep is for, something already running; a sleep that opens a test with no such word is the stray.
      if (signals.commentAbove()) return null;
      // `@tag fixtures: [:alice_deposits, …]` (ExUnitFixtures, elixir-omg): fixtures the test asks for
      // by tag make deposits on a chain and start servers, in a setup the tool does not see.
      if (ctx.tags.some((tag) => /^fixtures:/.test(tag.trim()))) return null;
      return { fix: 'remove', safety: 'review', confidence: 'low', reason: 'first statement of the test: nothing before it started work to wait for' };
    }
    const effect = signals.effect(previous);
    if (effect?.kind !== 'sync' || effect.unseenHandler) return null;
    // A start given a periodic timer (blockscout's `[flush_interval: 1]` to a supervisor of buffered
    // tasks): the process it starts works on that timer after the start returns.
    if (/start/.test(effect.via) && PERIODIC_OPTION.test(previous.text)) return null;
    // Right after a check that only reads, a server started further up, in the test or its setup,
    // that works on a timer the sleep outlasts (nebulex_local's lock cleaner): the sleep waits for its round.
    if (roundAfterACheck(ctx, signals.modules)) return null;
    // Or an earlier start in the test given a retry timer (vaos' `subscribe_retry_ms: 10`, then the
    // bus it subscribes to started, then the sleep): the retry that finds the bus comes on that timer.
    if (ctx.before.slice(1).some((statement) => /\bstart/.test(statement.text) && RETRY_OPTION.test(statement.text))) return null;
    // `Process.sleep(@wait)`, `@wait @resolve_interval + 30`, and `resolve_interval: @resolve_interval`
    // handed to the connect that starts grpc's DNS resolver: the sleep is sized to outlast the timer's
    // first tick, which the synchronous call before it set and did not wait for.
    if (handedTimeBehind(ctx, PERIODIC_NAME)) return null;
    // "leaves read pools running when config is unchanged" (logflare): the check after it is that
    // nothing changed, and the sleep is the window in which a wrong change, made elsewhere on its own
    // time, would show.
    if (next && namedForWhatMustStay(ctx.test)) return null;
    // "the send is cancelled before its delay elapses; the event never arrives" (statifier): the
    // sleep is the window in which the cancelled send would fire (wait-for's cancelledBeforeItFires).
    if (next && cancelledBeforeItFires(ctx)) return null;
    // `assert_received {:changed, :k}` after a call to another process: that process, or one it told,
    // may send it after replying; assert_receive waits for it either way. (After `send(self(), …)` or
    // `:telemetry.execute`, work done in the test's own process, the message is already there.)
    if (next && effect.target !== null && /_received$/.test(assertionName(next) ?? '')) return null;
    // `Agent.start_link(fn -> 0 end, name: {:via, Horde.Registry, {horde, "k"}})`: a registry other
    // than OTP's may record the name after the start returns (horde's lookup table fills on a later
    // message between its replicas), and the lines after look the process up by that name.
    if (/start/.test(effect.via) && ctx.before.some((statement) => OTHER_REGISTRY.test(statement.text))) return null;
    // `Store.open_temporary(uri, 100)`, then a sleep of 101: the call set a timer that the sleep waits out.
    const ms = ctx.duration;
    if (typeof ms === 'number' && timedCall(ctx.before, ms, signals)) return null;
    // `poll_rate: 100` given to a poller the file starts (realtime's PromEx plugin, in a module of its
    // own above the tests): a sleep that outlasts it waits for the next poll, which the check reads.
    const poll = signals.optionInFile('poll_interval');
    if (poll?.ms && typeof ms === 'number' && ms >= poll.ms) return null;
    // realtime's setup: `Application.put_env(:realtime, :measure_traffic_interval_in_ms, 10)`: every
    // socket measures its traffic on that timer, and a sleep that outlasts it waits for the next tick.
    const setting = periodicSetting(ctx.file);
    if (setting !== null && typeof ms === 'number' && ms >= setting) return null;
    // A server that finishes booting in handle_continue has done so for calls to it, not for checks of anything else.
    const deferred = deferredStart(previous, ctx, signals.modules);
    // Nothing after it: the sleep lets handle_continue run (and fail the test if it crashes).
    if (deferred && !next) return null;
    // Work left for later that starts other work (phoenix_client's `:connect` opens a websocket
    // client through `transport.open`): the server answers before that work is done.
    if (deferred && signals.modules.deferredWorkCallsUnread(deferred.module, ctx.file, deferred.work)) return null;
    // Or hands it to a process of its own (a handle_continue that starts a task, which sends what it
    // reads back to the server as messages): the server answers once the task is started, before
    // its handle_info has taken what came back.
    if (deferred && signals.modules.deferredWorkSpawns(deferred.module, ctx.file, deferred.work)) return null;
    // `{:ok, pid} = Manager.start_link(config)`, then `GenServer.stop(pid)` (deployex, inside a
    // capture_log): the server takes no message before that work is done, the stop's included.
    const asked = deferred && next && !afterTheLoop ? askedAfterStart(next, previous, deferred, ctx, signals.modules) : null;
    if (asked) {
      return { fix: 'remove', safety: 'review', confidence: 'medium', reason: `line ${line(next!)} calls the server line ${line(previous)} started (\`${asked}\`), which it answers only after the work its init/1 left for later: it waits by itself`, evidence: [line(previous), line(next!)] };
    }
    const checks = checking(ctx.after);
    // midi_synth's note on, the sleep, the same call with the note off (gristle's throttle, a
    // Toxiproxy outage and its end): the sleep is how long the first holds, whatever it returned.
    if (next && heldBetween(previous, next)) return null;
    // roger's "automatic restart after supervisor stop": `assert !has_test_app(NodeInfo.running_partitions())`,
    // then the 4 s sleep, then `assert has_test_app(NodeInfo.running_partitions())`: a check made
    // before the sleep, now expected the other way, needs something to change on its own time.
    if (checks.some((statement) => flippedSince(statement, ctx.before))) return null;
    // `scheduled_at = Manager.next_run_at(b)`, then `assert Manager.next_run_at(b) > scheduled_at`: a wait for the value to move on.
    if (checks.some((statement) => comparesWithSnapshot(previous, statement))) return null;
    // `assert Process.alive?(pid)` among the checks: the sleep gives it time to crash, and removing it makes the check vacuous.
    // Unless the test started that process from a module whose init/1 it has read and that leaves it
    // nothing to do (skate's stores: `{:ok, initial_state}`): no code of it can run, and the check holds for good.
    if (aliveChecks(checks).some(({ pid }) => !startedQuiet(pid, ctx, signals))) return null;
    // A death checked after a call to some other process: that call returning says nothing of the exit.
    const dying = checks.map(watchedProcess).find((pid) => pid !== null);
    if (dying && dying !== effect.target) return null;
    // After a stop, whatever else is checked is how others took the exit (a monitor marks the node
    // dead, a Registry drops the entry): they hear of it on their own time.
    // (Not when the comment above says the sleep is for terminate/2, which the stop waits for.)
    if (STOPS.test(effect.via) && !terminated && checks.some((statement) => watchedProcess(statement) === null)) return null;
    // `stop_supervised!(TestInetChrome)`, whose init opened a port to Chrome: the server is gone, the
    // program it ran exits on its own time (and frees its port for the next start).
    if (STOPS.test(effect.via) && stopsAPortOwner(previous, ctx, signals)) return null;
    // Inside capture_log with nothing checked after it: what the capture collects, others write on their own time.
    if (checks.length === 0 && ctx.enclosedBy.some((call) => CAPTURES.test(call))) return null;
    // Only a call to that server made first waits out its handle_continue for the checks after it: one
    // further down (elsa's `start_child(:pm, …)` after `Agent.get(:agent1)`) comes too late for the first.
    // With no assertion after it, the first line after it stands for the checks (scenic matches
    // `[{…}] = DynamicSupervisor.which_children(dyn_sup)`, filled by the viewport's delayed init).
    const firstCheck = checks[0] ?? next;
    // By a function of its module only when that function calls the server (arbor's `SkillLibrary.get`
    // reads the ETS table the deferred scan fills, and the server's queue orders nothing for it).
    if (deferred && firstCheck && (deferred.bound.every((name) => !mentions(firstCheck, name)) && askedThroughItsModule(firstCheck, previous, deferred, ctx, signals.modules) === null)) return null;
    // A call that returns when one process is done says nothing of another: `DeltaCrdt.merge(c1, …)`,
    // then reads and assertions of c2, waits for the two to sync.
    if (checks.some((statement) => asksAnotherProcess(previous, statement))) return null;
    // A read off a pipe or socket returns what has arrived by then (the sleep lets more arrive);
    // an OS process exits on the OS's time.
    if (checks.some((statement) => consumingCall(statement) || OS_PROCESS.test(statement.text))) return null;
    // conn_grpc's `Pool.start_link(…, on_connect: fn -> send(test_pid, :user_on_connect) end)`, then
    // `assert_received :user_on_connect`: the start returning says nothing of when the callback it was
    // handed runs (its channels connect in handle_continue), and the mailbox check does not wait.
    if (messagingCallback(previous) && checks.some((statement) => /^(?:assert|refute)_received$/.test(assertionName(statement) ?? ''))) return null;
    // term_ui's `FramerateLimiter.mark_dirty(limiter)`, a call that only sets a flag, and a render
    // tick the server armed in init/1: the work comes on the next tick, which the call does not wait for.
    const api = /^([A-Z][\w.]*)\.[a-z_]\w*[?!]?$/.exec(effect.via);
    const tick = api ? signals.modules.selfTicking(ctx.file.resolveAlias(api[1]!), ctx.file) : null;
    if (tick && (tick.ms === null || typeof ctx.duration !== 'number' || tick.ms <= ctx.duration)) return null;
    return {
      fix: 'remove',
      safety: 'review',
      confidence: 'medium',
      reason: `follows only synchronous work: \`${effect.via}\` on line ${effectLine(effect, previous)} returns when it is done`,
      evidence: [line(previous)],
    };
  },
};

/** LiveViewTest's calls that send a view an event and answer with its render; the binding an element names the event by. */
const VIEW_EVENT = /^(?:Phoenix\.LiveViewTest\.)?render_(click|submit|change|keydown|keyup|blur|focus|hook)$/;
/** LiveViewTest's reads of a view that ping its process before they answer (not `page_title`, which the proxy keeps). */
const VIEW_READ = /^(?:Phoenix\.LiveViewTest\.)?(?:render|has_element\?)$/;

/**
 * The view and event of a LiveViewTest event in `statement`: `render_click(view, "generate", %{})`,
 * or `view |> element("button[phx-click='generate']") |> render_click()` (the event read off the
 * selector's binding). Null when it names no view or no event.
 */
function viewEvent(statement: SyntaxNode): { view: string; event: string } | null {
  const call = callNamesIn(statement).find(({ name }) => VIEW_EVENT.test(name));
  if (!call) return null;
  const [target, event] = argumentsAsRun(call.node);
  if (target?.type === 'identifier') {
    const named = event?.type === 'atom' ? `"${event.text.slice(1)}"` : event?.type === 'string' && !event.text.includes('#{') ? event.text : null;
    return named ? { view: target.text, event: named } : null;
  }
  const [view, selector] = target ? elementArguments(target) : [];
  const binding = VIEW_EVENT.exec(call.name)![1]!;
  const name = selector?.type === 'string' ? new RegExp(`\\[phx-${binding}=(["']?)([\\w.:-]+)\\1\\]`).exec(selector.text)?.[2] : undefined;
  return view?.type === 'identifier' && name ? { view: view.text, event: `"${name}"` } : null;
}

/** The arguments of `element(view, selector)`, written so or piped (`view |> element(selector)`); none for anything else. */
function elementArguments(node: SyntaxNode): readonly SyntaxNode[] {
  const pipe = binaryParts(node);
  const call = pipe?.op === '|>' ? pipe.right : node;
  return call.type === 'call' && callName(call) === 'element' ? argumentsAsRun(call) : [];
}

/** The view a LiveViewTest read is of: `render(view)`, `has_element?(view, "#x")`, `view |> element("#x") |> render()`. */
function viewRead(call: SyntaxNode): string | null {
  const [target] = argumentsAsRun(call);
  const view = target?.type === 'identifier' ? target : target ? elementArguments(target)[0] : undefined;
  return view?.type === 'identifier' ? view.text : null;
}

/**
 * mindwendel's AI buttons: `view |> element("button[phx-click='generate_ai_ideas']") |> render_click()`
 * (past checks of what it rendered), the sleep, then `html = render(view)`. The LiveView's
 * handle_event only sends itself `{:do_generate_ai_ideas, id}`, and its handle_info does the work.
 * LiveViewTest's `render` and `has_element?` ping the view's process before they answer, and the ping
 * is queued behind that message: the render already shows what the handler did. Only when every
 * LiveView that handles the event was read so, and nothing else before the sleep still runs.
 */
function renderedPastItsOwnMessage(ctx: SiteContext, next: SyntaxNode, signals: Signals): { act: SyntaxNode; read: string; module: string; message: string; event: string } | null {
  if (!/\brender_/.test(ctx.file.source)) return null;
  const at = ctx.before.findIndex((statement) => !assertionName(statement) || callNamesIn(callArguments(statement)[0] ?? statement).length > 0);
  const act = ctx.before[at];
  const sent = act ? viewEvent(act) : null;
  if (!act || !sent) return null;
  const read = callNamesIn(next).find(({ name, node }) => VIEW_READ.test(name) && viewRead(node) === sent.view);
  if (!read || callNamesIn(next).some(({ name }) => VIEW_EVENT.test(name))) return null;
  // An earlier sleep in the test is no work still running.
  if (pendingWork(ctx.before.slice(at + 1).filter((statement) => !isPlainSleep(statement)), signals)) return null;
  const left = signals.modules.eventLeftToItself(sent.event, ctx.file);
  return left ? { act, read: read.name, module: left.module, message: left.messages.join('`, `'), event: sent.event } : null;
}

/** Does `statement` hand a call an anonymous function that sends a message (`fn -> send(test_pid, :connected) end`)? */
function messagingCallback(statement: SyntaxNode): boolean {
  return statement.text.includes('fn') && statement.descendantsOfType('anonymous_function').some((fn) => callNamesIn(fn).some((c) => c.name === 'send' || c.name === 'Kernel.send'));
}

/** A comment that says a loop's sleep spaces its rounds: "delay between adds", "keep them apart", "stagger". */
const SPACES_ROUNDS = /\bbetween\b|\bapart\b|\bspac(?:e|es|ed|ing)\b|\bstagger/i;

/** Calls a server answers in turn, after whatever it was doing: a stop, a call, a look at its state. */
const ASKS_SERVER = /^(?:GenServer\.(?:stop|call)|:sys\.get_(?:state|status))$/;

/** The call in `statement` that asks the server `previous` started (askedItself, askedThroughItsModule), or null. */
function askedAfterStart(statement: SyntaxNode, previous: SyntaxNode, deferred: { bound: string[]; module: string }, ctx: SiteContext, modules: ModuleIndex): string | null {
  return askedItself(statement, deferred.bound) ?? askedThroughItsModule(statement, previous, deferred, ctx, modules);
}

/** The call `statement` makes, by itself, to one of the processes in `bound` (`GenServer.stop(pid)`), if any. */
function askedItself(statement: SyntaxNode, bound: readonly string[]): string | null {
  const name = callName(statement);
  return name && ASKS_SERVER.test(name) && bound.includes(callArguments(statement)[0]?.text ?? '') ? name : null;
}

/**
 * `Toniq.Keepalive.identifier(:test_keepalive)` after `Toniq.Keepalive.start_link(:test_keepalive)`
 * (toniq): a function of the started module whose body asks the server (a `GenServer.call`) that
 * the start bound or named with the same first argument. Its name, or null.
 */
function askedThroughItsModule(statement: SyntaxNode, previous: SyntaxNode, deferred: { bound: string[]; module: string }, ctx: SiteContext, modules: ModuleIndex): string | null {
  const [checked] = assertionName(statement) ? callArguments(statement) : [statement];
  const parts = checked && binaryParts(checked);
  const call = parts?.op === '=' ? parts.right : checked;
  const name = call?.type === 'call' ? callName(call) : null;
  const remote = name ? /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name) : null;
  if (!remote || ctx.file.resolveAlias(remote[1]!) !== deferred.module) return null;
  const effect = modules.effectOf(deferred.module, remote[2]!, callArguments(call!).map((a) => a.text), ctx.file);
  if (effect?.kind !== 'sync' || !ASKS_SERVER.test(effect.via) || !effect.target) return null;
  const start = callNamesIn(previous).find(({ name: started, node }) => startedModule(started, node, ctx, modules)?.module === deferred.module);
  // The name the start gave: its first argument (`Keepalive.start_link(:test_keepalive)`), or a `name:`
  // option in it or in a child spec (`start_supervised!({Inventory, name: :cont, …})`).
  const first = start ? callArguments(start.node)[0]?.text : undefined;
  const named = first !== undefined && /^:\w+$/.test(first) ? first : start ? /\bname:\s*(:\w+)/.exec(start.node.text)?.[1] : undefined;
  return deferred.bound.includes(effect.target) || (named !== undefined && named === effect.target) ? name : null;
}

/**
 * Would an assert_receive/refute_receive alone wait less than the sleep did (its timeout, or
 * ExUnit's default, below the sleep's duration)? Then deleting the sleep shortens the wait.
 */
/** The waiting assertion `statement` is (`assert_reply(ref, :ok)`), when its timeout is shorter than the sleep. */
export function shorterWait(statement: SyntaxNode | undefined, sleep: SiteContext['duration']): string | null {
  // Also inside it: `images = Enum.map(1..3, fn _ -> assert_receive {:dkr, img}; img end)` (plural).
  const call = statement?.type === 'call' && waitingAssertion(callName(statement)) ? statement : statement ? callNamesIn(statement).find((c) => waitingAssertion(c.name))?.node : undefined;
  return call && waitsLessThanTheSleep(call, sleep) ? callName(call) : null;
}

function waitsLessThanTheSleep(call: SyntaxNode, sleep: SiteContext['duration']): boolean {
  const kind = waitingAssertion(callName(call));
  if (!kind || typeof sleep !== 'number') return false;
  const timeout = callArguments(call)[WAIT_TIMEOUT_POSITION[kind]!];
  const ms = timeout === undefined ? RECEIVE_TIMEOUT_MS : /^\d[\d_]*$/.test(timeout.text) ? Number(timeout.text.replace(/_/g, '')) : null;
  return ms !== null && ms < sleep;
}

/**
 * A helper of the project's that `statement` runs first and that waits by itself, but for less time
 * than the sleep: SimplePool's `wait_for_restart(ref, attempts \\ 10)`, ten tries 5 ms apart after
 * a 3 s sleep, which then hands back the error it last saw; potterhat's `assert_telemetry`, `after
 * 100`, after a second. Its name, how it waits and for how long, or null.
 */
export function shorterHelper(statement: SyntaxNode | undefined, sleep: SiteContext['duration'], signals: Signals): { name: string; how: 'retries' | 'receives'; ms: number } | null {
  if (!statement || typeof sleep !== 'number') return null;
  const helper = runsFirst(statement).map((part) => signals.pollingHelper(part)).find((found) => found !== null);
  return helper?.limit != null && helper.limit < sleep ? { name: helper.name, how: helper.how, ms: helper.limit } : null;
}

/**
 * Does `check` call again what `previous` read into a variable, and compare with that variable?
 * `scheduled_at = Manager.next_run_at(b)` … `assert Manager.next_run_at(b) > scheduled_at`.
 */
function comparesWithSnapshot(previous: SyntaxNode, check: SyntaxNode): boolean {
  const match = binaryParts(previous);
  if (match?.op !== '=' || match.left.type !== 'identifier' || match.right.type !== 'call') return false;
  const read = callNamesIn(match.right)[0]?.name;
  return !!read && mentions(check, match.left.text) && callNamesIn(check).some((c) => c.name === read);
}

/** The halting loop (`Enum.find`, `Enum.reduce_while`…) that `statement` runs with a sleep between its checks, if any. */
function pollingLoop(statement: SyntaxNode): string | null {
  const loop = callNamesIn(statement).find((c) => HALTING_LOOPS.has(c.name) && !inFunction(c.node, statement));
  return loop && callNamesIn(loop.node).some((c) => isPlainSleep(c.node)) ? loop.name : null;
}

/** A `receive … end` with no `after` that `statement` runs in the test's own process (directly, or in `Enum.reduce`'s function)? */
function blockingReceive(statement: SyntaxNode, sleptMs: number | null): 'blocks' | 'outlasts' | null {
  for (const { name, node } of callNamesIn(statement)) {
    const block = name === 'receive' ? doBlockOf(node) : null;
    if (!block) continue;
    // An `after` of a number at least the sleep's waits as long by itself (enchufeweb's `receive do
    // msg -> assert msg == … after 100 -> assert false end` after a 100 ms sleep).
    const after = block.namedChildren.find((c) => c.type === 'after_block');
    const limit = after?.namedChildren.find((c) => c.type === 'stab_clause')?.namedChildren.find((c) => c.type === 'arguments')?.text.trim();
    if (after && !(limit && /^\d[\d_]*$/.test(limit) && sleptMs !== null && Number(limit.replace(/_/g, '')) >= sleptMs)) continue;
    // A clause that then checks state (wormhole's `{:worker_pid, pid} -> refute Process.alive?(pid)`,
    // the message sent long before): the sleep was for that state, which the receive does not wait for.
    if (node.descendantsOfType('call').some((call) => ASSERTIONS.has(assertionName(call) ?? '') && mayChange(callArguments(call)[0] ?? call))) continue;
    // protein's `try do Process.exit(server_pid, :shutdown); receive do {:EXIT, _, _} -> :ok end … end`
    // after "# wait for server to start processing": the receive waits for the exit its own block
    // sends, which comes whatever the sleep gave time for (a head start for a call in flight).
    if (killedFirst(node, statement)) continue;
    let inPlace = true;
    for (let n = node.parent; n && n.id !== statement.id; n = n.parent) {
      const owner = n.type === 'anonymous_function' ? ownerCall(n) : null;
      if (n.type === 'anonymous_function' && !runsInCallerProcess((owner && callName(owner)) ?? '')) inPlace = false;
    }
    if (inPlace) return after ? 'outlasts' : 'blocks';
  }
  return null;
}

/** Is there a kill before `receive` in the blocks around it, inside `statement`? */
function killedFirst(receive: SyntaxNode, statement: SyntaxNode): boolean {
  for (let node: SyntaxNode | null = receive; node && node.id !== statement.id; node = node.parent) {
    for (let earlier = node.previousNamedSibling; earlier; earlier = earlier.previousNamedSibling) if (killedProcess(earlier)) return true;
  }
  return false;
}

/**
 * Is `node` inside a function `statement` hands to a new process (sanbase's `spawn(fn -> …
 * CacheProvider.get_or_store(…) end)`)? It waits there, not in the test.
 */
function inSpawnedFunction(node: SyntaxNode, statement: SyntaxNode): boolean {
  for (let n = node.parent; n && n.id !== statement.id; n = n.parent) {
    if (n.type !== 'anonymous_function') continue;
    const holder = n.parent?.type === 'arguments' ? n.parent.parent : null;
    if (holder && SPAWNING_CALLS.has(callName(holder) ?? '')) return true;
  }
  return false;
}


/**
 * The statements after the sleep that check what it waited for: the assertions right after it, with
 * the reads that feed them (`{:ok, signals} = UART.signals(uart2)`, then `assert signals.cts`); none
 * when no assertion follows.
 */
function checking(after: readonly SyntaxNode[]): readonly SyntaxNode[] {
  const first = after.findIndex((statement) => assertionName(statement));
  if (first === -1) return [];
  const end = after.findIndex((statement, i) => i > first && !assertionName(statement));
  return after.slice(0, end === -1 ? after.length : end);
}

/**
 * Does a check hand a project function the pid an awaited task answered with (`pid =
 * Task.await(task)` of a task whose function ends in `self()`), when that task had handed `self()`
 * to a function of the project's behind which a server handles `{:DOWN, …}`? That server hears of
 * the task's end on its own time, after the await has returned the answer.
 */
function askedAfterItsDeath(previous: SyntaxNode, checks: readonly SyntaxNode[], ctx: SiteContext, signals: Signals): boolean {
  const match = binaryParts(previous);
  const awaited = match?.op === '=' && match.left.type === 'identifier' && match.right.type === 'call' && /^Task\.(?:await|yield)$/.test(callName(match.right) ?? '') ? callArguments(match.right)[0] : undefined;
  const started = awaited?.type === 'identifier' ? spawnBinding(awaited.text, ctx.before) : null;
  const fn = started?.statement.descendantsOfType('anonymous_function')[0];
  const body = fn?.namedChildren.find((c) => c.type === 'stab_clause')?.childForFieldName('right');
  if (!body || statementsOf(body).at(-1)?.text !== 'self()') return false;
  const kept = callNamesIn(body).some(({ name, node }) => {
    const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
    const args = callArguments(node);
    return !!remote && !STANDARD_MODULE.test(name) && args.some((arg) => arg.text === 'self()') && signals.modules.deathKeeperBehind(ctx.file.resolveAlias(remote[1]!), remote[2]!, args.length, ctx.file) !== null;
  });
  const pid = match!.left.text;
  return kept && checks.some((check) => callNamesIn(check).some(({ name, node }) => /^[A-Z][\w.]*\.[a-z_]/.test(name) && !STANDARD_MODULE.test(name) && callArguments(node).some((arg) => arg.text === pid)));
}

/** Does `statement` start a task whose function starts a linked process (`Task.async(fn -> X.start_link(…) end)`)? */
function startsLinkedInTask(statement: SyntaxNode): boolean {
  if (!statement.text.includes('start_link')) return false;
  return callNamesIn(statement).some(({ name, node }) => /^Task\.(Supervisor\.)?(async|start)/.test(name) && /\bstart_link\b/.test(node.text));
}

/** Does `statement` stop, by its module's name, a server whose init/1 opened a port to a program? */
function stopsAPortOwner(statement: SyntaxNode, ctx: SiteContext, signals: Signals): boolean {
  return callNamesIn(statement).some(({ name, node }) => {
    const [child] = STOPS.test(name) ? callArguments(node) : [];
    return child?.type === 'alias' && signals.modules.initOpensPort(ctx.file.resolveAlias(child.text), ctx.file);
  });
}

/** Was `pid` bound, earlier in the test, to a process started from a module whose init leaves it idle? */
function startedQuiet(pid: string, ctx: SiteContext, signals: Signals): boolean {
  for (const statement of ctx.before) {
    const match = binaryParts(statement);
    if (match?.op !== '=' || !patternBindings(match.left).includes(pid)) continue;
    const call = match.right.type === 'call' ? match.right : null;
    const started = call ? startedModule(callName(call) ?? '', call, ctx) : null;
    return started !== null && signals.modules.initIsQuiet(started.module, ctx.file);
  }
  return false;
}

/** The first earlier statement that started work the sleep could be waiting for, skipping tasks already awaited. */
function pendingWork(before: readonly SyntaxNode[], signals: Signals): SyntaxNode | null {
  let awaited = false;
  // Processes a synchronous call asked after the statements still to come (`before` runs back from
  // the sleep): a cast or send to one of them was handled before that call was answered.
  const answered = new Set<string>();
  for (const statement of before) {
    if (/\bTask\.(await|yield|await_many)\b/.test(statement.text)) awaited = true;
    const effect = signals.effect(statement);
    if (effect?.kind === 'sync' && effect.target && !effect.unseenHandler) answered.add(effect.target);
    if (assertionName(statement) && !/_receive/.test(assertionName(statement)!)) {
      if (effect && effect.kind !== 'sync' && !handledBefore(effect, answered, signals)) return statement;
      const matched = assertedMatch(statement);
      if (!effect && matched && unknownCall(matched, signals)) return statement;
      continue;
    }
    if (!effect || effect.kind === 'sync') {
      if (!effect && unknownCall(statement, signals)) return statement;
      continue;
    }
    if (effect.kind === 'async' && awaited && /Task\.async/.test(`${effect.via} ${effect.why ?? ''}`)) continue;
    if (handledBefore(effect, answered, signals)) continue;
    return statement;
  }
  return null;
}

/**
 * Was a message to a process of the project's handled before a later call to the same process was
 * answered (rig's `handle_join_api(proxy, …)`, a cast, then `get_api(proxy, …)`, a call)? A process
 * takes its messages in order; only when its handler leaves no work running elsewhere.
 */
function handledBefore(effect: StatementEffect, answered: ReadonlySet<string>, signals: Signals): boolean {
  if (effect.kind !== 'message' || !effect.resolved || !effect.module || !answered.has(effect.target)) return false;
  return !signals.modules.handsWorkOn(effect.module, signals.ctx.file, callbacksFor(effect), effect.message ?? null);
}

/**
 * The process a plain `send` right after the sleep goes to, when the test started it with a spawn or
 * a task (hologram's `pid = spawn(fn -> stream(conn) end)`, or `task = Task.async(…)` and then
 * `task.pid`) and nothing else before the sleep is still running: the process is there from its
 * start on, so the sleep only delays the send. Not for a name, which a process registers on its own time.
 */
function sendsToStarted(ctx: SiteContext, next: SyntaxNode, signals: Signals): { target: string; start: SyntaxNode } | null {
  const name = next.type === 'call' ? callName(next) : null;
  if (name !== 'send' && name !== 'Process.send') return null;
  const target = callArguments(next)[0]?.text ?? '';
  const variable = target.replace(/\.pid$/, '');
  if (!/^[a-z_]\w*$/.test(variable)) return null;
  const spawned = spawnBinding(variable, ctx.before);
  if (!spawned || (target !== variable && !spawned.how.startsWith('Task.'))) return null;
  const start = spawned.statement;
  if (pendingWork(ctx.before.filter((statement) => statement !== start), signals)) return null;
  return { target, start };
}

/**
 * The message the test sends after the sleep to the process it messaged right before it, from its own
 * process both times, with only values built between (ex_fix's session tests: a logon frame, 20 ms, an
 * order frame, both through a transport helper handed the same session name, which it turns into the
 * name the session's server registered): the second reaches that process after the first anyway, so
 * the sleep does not order them.
 * Not when the sleep may be spacing them in time instead: its length named, not a number; the two
 * calls only setting a value and setting it back, or made word for word again; a clock read in them;
 * a process whose handler of the first reads the clock, arms a timer or starts a process (or, not
 * read, a plain `receive` loop, or one sent two kinds of message); and not when anything else
 * before the sleep still runs. A message from a task the test started (`Task.start(fn -> send(…)
 * end)`) is another sender's, and not one of these.
 */
function sentAgainInOrder(ctx: SiteContext, signals: Signals): { second: SyntaxNode; target: string } | null {
  const previous = ctx.before[0];
  const first = signals.effect(previous);
  if (!previous || typeof ctx.duration !== 'number' || first?.kind !== 'message' || !first.resolved) return null;
  const second = ctx.after.find((statement) => !onlyBuildsAValue(statement));
  const then = second ? signals.effect(second) : null;
  if (!second || then?.kind !== 'message' || !then.resolved || then.target !== first.target || then.module !== first.module) return null;
  // A target that a helper builds from what it is handed (`:"session_#{name}"`): the same one only when
  // both calls are the same function handed the same first argument.
  if (!(first.direct && then.direct) && !sameFirstArgument(previous, second)) return null;
  if (heldBetween(previous, second) || unrolledRound(ctx, signals) || plainProcessStart(first.target, ctx, signals)) return null;
  if ([previous, second].some((statement) => stampsTheTime(statement, ctx, signals))) return null;
  if (pendingWork(ctx.before.slice(1), signals)) return null;
  const callbacks = callbacksFor(first);
  const handled = first.module !== undefined && callbacks.some((callback) => signals.modules.handlesAs(first.module!, callback, ctx.file) === true);
  if (handled) return handlerKeepsTime(first.module!, callbacks, first.message ?? null, ctx, signals) ? null : { second, target: first.target };
  const kind = leadingAtom(first.message ?? null);
  return kind !== null && kind === leadingAtom(then.message ?? null) ? { second, target: first.target } : null;
}

/** How many lines that only compute or read may come between a sleep and a line that waits by itself. */
const BETWEEN_REACH = 2;

/**
 * The lines right after a sleep, before one that may wait, that only compute a value (`tab_name = Path.basename(file)`, pure
 * calls only) or make a read whose value nothing after uses (`IO.inspect(Tabs.labels())`), and the
 * first line past them, which may wait by itself; null when there are none or too many. Not past
 * an assertion (it checks before the wait), a block (`case`, `if`), a line that acts (a send, a
 * cast: the wait then waits for what it set off), nor a read kept for later (a snapshot the
 * wait's result is compared with: without the sleep it is taken before the work is done).
 */
function linesBetween(after: readonly SyntaxNode[], signals: Signals): { lines: SyntaxNode[]; reads: boolean; waiter: SyntaxNode } | null {
  const mayWait = (statement: SyntaxNode) => waitingCall(statement) !== undefined || signals.pollingHelper(statement) !== null;
  let reads = false;
  for (let at = 0; at < after.length && at <= BETWEEN_REACH; at++) {
    const how = mayWait(after[at]!) ? null : lineBetween(after[at]!, after.slice(at + 1), signals);
    if (how === null) return at === 0 ? null : { lines: after.slice(0, at), reads, waiter: after[at]! };
    reads ||= how === 'reads';
  }
  return null;
}

/** What a line between a sleep and a wait does, when it is one that may stand there: computes, or reads for nothing `later` uses. */
function lineBetween(statement: SyntaxNode, later: readonly SyntaxNode[], signals: Signals): 'computes' | 'reads' | null {
  if (assertionName(statement) || isPlainSleep(statement) || statement.type === 'comment') return null;
  const parts = binaryParts(statement);
  const value = parts?.op === '=' ? parts.right : statement;
  if (value.type === 'call' && doBlockOf(value)) return null;
  const calls = callNamesIn(value);
  if (calls.every(({ name }) => isPureCall(name))) return 'computes';
  // A read bound to a plain name nothing after it uses, or to none: what it read cannot matter.
  // Acting is looked for in the file's and the project's functions it calls too (a `type_text(…)`
  // of the test's own that sends keys).
  const bound = parts?.op === '=' ? (parts.left.type === 'identifier' ? [parts.left.text] : null) : [];
  const unused = bound !== null && bound.every((name) => !later.some((statement) => mentions(statement, name)));
  return unused && !calls.some(({ name }) => BRANCHING.has(name)) && signals.actingCall(value) === null ? 'reads' : null;
}

/** `, past line 177, which only computes a value`: what the lines between a sleep and its wait do. */
function betweenNote(between: { lines: SyntaxNode[]; reads: boolean }): string {
  const one = between.lines.length === 1;
  const where = one ? `line ${line(between.lines[0]!)}, which` : `lines ${line(between.lines[0]!)}–${line(between.lines[between.lines.length - 1]!)}, which`;
  const does = between.reads ? `${one ? 'reads' : 'read'} what nothing after uses` : one ? 'computes a value' : 'compute values';
  return `, past ${where} only ${does}`;
}

/** `frame = {:order, 12}`, `msg = %Frame{seq: 2}`: a binding of a value that calls nothing. */
function onlyBuildsAValue(statement: SyntaxNode): boolean {
  const parts = binaryParts(statement);
  return parts?.op === '=' && callNamesIn(parts.right).length === 0;
}

/** Do both statements call the same function, handed the same first argument? */
function sameFirstArgument(a: SyntaxNode, b: SyntaxNode): boolean {
  const [first, second] = [mainCall(a), mainCall(b)];
  const [x, y] = [first && callArguments(first)[0], second && callArguments(second)[0]];
  return !!first && !!second && callName(first) === callName(second) && !!x && !!y && squeezed(x.text) === squeezed(y.text);
}

/**
 * Does `statement` read the clock, itself or in the project's function it calls (loomkin's
 * `AuditLog.log_command(…)`, which stamps the entry with `DateTime.utc_now()` before it casts)?
 */
function stampsTheTime(statement: SyntaxNode, ctx: SiteContext, signals: Signals): boolean {
  return callNamesIn(statement).some(({ name, node }) => {
    if (readsAClock(name, signals)) return true;
    const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
    return remote !== null && signals.modules.callIn(ctx.file.resolveAlias(remote[1]!), remote[2]!, callArguments(node).length, ctx.file, (called) => readsAClock(called, signals)) !== null;
  });
}

/** Calls that arm a timer. */
const TIMER_ARMS = /^(?:Process|:erlang|:timer)\.(?:send_after|send_interval|apply_after|apply_interval)$/;

/** Does the module's handler of `message` read the clock, arm a timer (a call's or a gen_server timeout) or start a process? */
function handlerKeepsTime(module: string, callbacks: readonly string[], message: string | null, ctx: SiteContext, signals: Signals): boolean {
  if (signals.modules.handlerArmsTimeout(module, ctx.file, callbacks, message) !== null) return true;
  return signals.modules.handlerCalls(module, ctx.file, callbacks, message).some((name) => readsAClock(name, signals) || TIMER_ARMS.test(name) || SPAWNING_CALLS.has(name) || name.startsWith('Task.'));
}

/** Does `statement` start a server of a module the project does not define (a dependency's)? */
function startsModuleOutsideProject(statement: SyntaxNode, ctx: SiteContext, signals: Signals): boolean {
  return callNamesIn(statement).some(({ name, node }) => {
    const started = startedModule(name, node, ctx);
    return started !== null && !STANDARD_MODULE.test(started.module) && signals.modules.defines(started.module, 'init', ctx.file) === null;
  });
}

/**
 * What `assert pattern = value` matches, a call that runs as it would on a line of its own: minga's
 * `assert :ok = API.message(text, editor)` broadcasts through `Registry.dispatch` further down than
 * the project's code is read, and is as unknown as `:ok = API.message(text, editor)`. Null for other
 * assertions, which compare what they read.
 */
function assertedMatch(statement: SyntaxNode): SyntaxNode | null {
  const parts = assertionName(statement) === 'assert' ? binaryParts(callArguments(statement)[0] ?? statement) : null;
  return parts?.op === '=' ? parts.right : null;
}

/** A call we know nothing about (not ours, not Elixir's): it may start anything. */
/** A PubSub subscription of the caller (`Phoenix.PubSub.subscribe`, an endpoint's `subscribe`): registered before it returns, nothing left running. */
const SUBSCRIBES = /^(?:Phoenix\.PubSub|(?:[A-Z]\w*\.)*\w*Endpoint)\.(?:un)?subscribe$/;

function unknownCall(statement: SyntaxNode, signals: Signals): boolean {
  return callNamesIn(statement).some((c) => /^[A-Z:]/.test(c.name) && !buildsAValue(c.name, c.node, signals) && !SUBSCRIBES.test(c.name) && !/^(Enum|Map|List|Keyword|String|Kernel|Integer|Atom|Tuple|MapSet|Process\.(whereis|alive\?|monitor|flag|info)|System|DateTime|NaiveDateTime|Date|Time|:erlang\.(system_time|monotonic_time|make_ref|unique_integer)|:telemetry\.(attach|attach_many|detach)|:ets\.|Access|Path|Jason|URI|Base)\b/.test(c.name));
}

/** A call of a project function that only builds a value (`Prompt.new(:text, "p1", "hi")`, a struct literal): no work to wait for. */
function buildsAValue(name: string, call: SyntaxNode, signals: Signals): boolean {
  const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
  return !!remote && !STANDARD_MODULE.test(name) && signals.modules.buildsOnlyAValue(signals.ctx.file.resolveAlias(remote[1]!), remote[2]!, argumentsAsRun(call).length, signals.ctx.file);
}

/** The call in `statement` that waits by itself (`assert_receive`, `wait_for`, `ConsumerGroupHelpers.wait_for_active`), if any. */
export function waitingCall(statement: SyntaxNode): { name: string; node: SyntaxNode } | undefined {
  if (!MAY_WAIT.test(statement.text)) return undefined;
  // Of a `case`, `with` or `if`, only its head runs first: a wait in a branch comes after that, and
  // after whatever the head does (ex_llm's `case cancel_run(…) do {:ok, _} -> … wait_for_run_completion(…)`).
  return runsFirst(statement)
    .flatMap((part) => callNamesIn(part))
    .find((c) => (WAITING_NEXT.test(c.name) || WAITING_NEXT.test(c.name.replace(/^.*\./, '')) || waitsForNewer(c.node)) && !/_received$/.test(c.name) && !actsBefore(c.node, statement) && !inSpawnedFunction(c.node, statement));
}

function waitsForNewer(call: SyntaxNode): boolean {
  return callArguments(call).some((arg) => arg.type === 'keywords' && WAITS_FOR_NEWER.test(arg.text));
}

/**
 * Does a statement that acts come before `wait` in a block inside `statement`? erps's `capture_log(fn ->
 * Process.exit(server, :kill); assert_receive {:DOWN, …} end)`: the kill comes first, and the
 * receive waits for what it set off, not for what the sleep gave time to.
 */
function actsBefore(wait: SyntaxNode, statement: SyntaxNode): boolean {
  for (let node = wait; node.id !== statement.id && node.parent; node = node.parent) {
    if (node.parent.type !== 'body' && node.parent.type !== 'do_block') continue;
    for (let earlier = node.previousNamedSibling; earlier; earlier = earlier.previousNamedSibling) {
      if (earlier.type !== 'comment' && actingCall(earlier) !== null) return true;
    }
  }
  return false;
}

const BRANCHING = new Set(['case', 'with', 'if', 'unless', 'cond']);

/** What of `statement` runs before any branch: the head of a `case`, `with` or `if`, else all of it. */
function runsFirst(statement: SyntaxNode): readonly SyntaxNode[] {
  return BRANCHING.has(callName(statement) ?? '') ? callArguments(statement) : [statement];
}

/**
 * A periodic time the file sets through the application environment or a persistent term
 * (`Application.put_env(:app, :flush_interval_ms, 10)`, `:persistent_term.put({M, :tick_interval}, 10)`),
 * in milliseconds: the shortest, or null.
 */
function periodicSetting(file: SiteContext['file']): number | null {
  return file.memo(PERIODIC_SETTINGS, () => {
    if (!file.source.includes('put')) return null;
    let shortest: number | null = null;
    for (const [, name, value] of file.withoutComments.matchAll(PERIODIC_SETTING)) {
      const ms = Number(value!.replace(/_/g, '')) * (/(?:^|_)(?:s|secs?|seconds?)$/.test(name!) ? 1000 : 1);
      if (ms > 0 && (shortest === null || ms < shortest)) shortest = ms;
    }
    return shortest;
  });
}

const PERIODIC_SETTINGS = {};
const PERIODIC_SETTING = /(?:Application\.put_env|:persistent_term\.put)\([^()]*?:(\w*(?:interval|period|tick)\w*)\}?\s*,\s*(\d[\d_]*)\s*\)/g;

/** Is `next` a read of a figure of the whole VM (`before = :erlang.memory(:total)`), not a check of one? */
export function settlesBeforeVmRead(next: SyntaxNode | undefined): boolean {
  return !!next && !ASSERTIONS.has(assertionName(next) ?? '') && VM_WIDE_READS.test(next.text);
}

/** Does `statement` assert the other way what an assertion in `before` (the lines before the sleep) asserted? */
function flippedSince(statement: SyntaxNode, before: readonly SyntaxNode[]): boolean {
  const now = polarCheck(statement);
  return (
    (!!now &&
      before.some((earlier) => {
        const then = polarCheck(earlier);
        return !!then && squeezed(then.condition.text) === squeezed(now.condition.text) && then.holds !== now.holds;
      })) ||
    // Or the same read asserted equal to another literal (a cleaner's `assert 5 == Store.count()`,
    // the sleep, `assert 0 == Store.count()`): the value must move on its own time.
    (assertionName(statement) === 'assert' && assertedOtherwise(callArguments(statement)[0] ?? statement, before) !== null)
  );
}

