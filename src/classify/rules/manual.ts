import type { SyntaxNode } from '../../parse/parser.js';
import { binaryParts, callArguments, callName, callNamesIn, line, oneLine, ownerCall } from '../../parse/nodes.js';
import { CAPTURES, MAILBOX_HELPERS, NAME_LOOKUPS, SPAWNING_CALLS, STOPS_THE_NODE } from '../../context/elixir-facts.js';
import type { Rule } from '../rule.js';
import { setupStatements, type SiteContext } from '../../context/site-context.js';
import { windowEnd } from './assert-receive.js';
import { busyWorker, captureChecks, plainProcessStart, wedgedServer } from './sync-barrier.js';
import { messagedTarget } from './monitor-down.js';
import { aliveChecks, joinedChecks, comparesOnlyEarlierValues, idleCheck, LITERAL_VALUE, mentions, askedByNameBeforeKill, lookedUpAgainAfterStop, lookedUpBeforeKill, sameStamps, spawnedStart, verifiedExpectation, lastExpectationLine, ASSERTIONS, assertionName, assertionsAfter, comparedWithEarlierRead, loopedAssertion, consumingCall, containsAsync, heldBetween, madeBefore, waitedTheSameWay, patternBindings, refutedCall, repeatedAct, sameCallAfterTimeout, presenceOf, stillRegistered, refutedBeforeItCameUp, countMadeBeforeTheSpawn, timerCancel, runsElsewhere } from '../statements.js';
import { directlyInLoop, keepsSchedule, nextRoundAsks, pacesSamples, pastTheLoop } from './test-flow.js';
import { definedFunctions, fileFunctions, type Signals } from '../signals.js';
import { OTHER_NODE, settlesBeforeVmRead, shorterHelper, shorterWait, waitingCall } from './remove-after-sync.js';
import { KEEPS_ALIVE, keptAliveToRace } from './spawned-work.js';
import { derivedCheckedLater, readsAgainLater, repeatsEarlierChecks } from './poll-with-timeout.js';
import { cancelledBeforeItFires, keptThroughATick, namedForAnEventThatMustNotCome, namedForWhatMustStay, namedToRemain } from './wait-for.js';
import { bookkeepingOfTheCall, effectLine, keyOfTheKilled, killedByName, killedProcess, quotedVia, startedWithChecked, rowWrittenBefore } from '../effects.js';



/** Helpers that hold a fault while a function runs: `with_broker_down`, `with_latency`, `with_reset_peer`. */
const FAULT_WINDOW = /^(?:[A-Z][\w.]*\.)?with_\w*(?:down|latency|outage|partition|fault|reset|slow|delay|toxic|failure|disconnect|offline)\w*$/;

export const manual: Rule = {
  id: 'manual',
  verdict: 'problematic',
  produces: 'manual',
  summary: 'a fixed wait with no condition the tool can wait on instead',
  explanation:
    'The sleep is in the test\'s flow (or in a helper it calls) but nothing next to it names what it waits for: no assertion ' +
    'follows, or it sits in setup, or in a helper that every caller waits through, or it times a window (messages that must ' +
    'have come and one that must not have, checked when it ends). It is still slow and may be flaky; ' +
    'a person has to find the event it stands for (a message, a :DOWN, a state change) and wait on that.',
  example: {
    before: 'setup do\n  Application.ensure_all_started(:my_app)\n  Process.sleep(500)\n  :ok\nend',
    after: '# no automatic rewrite: wait on the event the 500 ms stands for',
  },
  decide(ctx, signals) {
    // `Logger.flush()` after it only hands on what was logged: what the sleep waits for is still unchecked.
    const next = ctx.after.find((statement) => !LOGGER_FLUSH.test(statement.text));
    const previous = ctx.before[0];
    let reason: string;
    // A window the test's meaning needs (nothing happened, something held on, no message came): its
    // time is not removable, whatever event a person finds for the rest.
    let keepsWait = false;
    const innermost = ctx.enclosedBy[0];
    // hedwig's `capture_and_normalize_io fn -> Writer.puts(pid, msg); Process.sleep(10) end`: a function
    // of the test's own runs it in place, and what it does with what the fn left running is its own;
    // also through a loop inside it (con_cache's `conduct_test(…, fn … -> Enum.each(1..2, fn _ -> …; :timer.sleep(100) end) end)`).
    const local = next ? undefined : ctx.enclosedBy.find((call) => /^[a-z_]\w*[?!]?$/.test(call) && definedFunctions(ctx.file).has(call));
    const schedule = keepsSchedule(ctx);
    if (schedule) {
      reason = `keeps the test's schedule: the comments on its sleeps give the time since it began (“${schedule.said}” on line ${schedule.line}, the sleeps up to it added up), a timeline that other processes or nodes follow on their own clocks, and a wait that ends sooner puts what follows at the wrong time`;
      keepsWait = true;
    } else if (next && STOPS_THE_NODE.test(next.text)) {
      reason = `line ${line(next)} stops the node (\`${oneLine(next.text, 30)}\`): the sleep sets when it goes down, which other nodes or the run may count on, and nothing waits for it to be over`;
      keepsWait = true;
    } else if (!next && innermost && CAPTURES.test(innermost) && !captureChecks(ctx.statement).discarded) {
      // (A capture nobody reads, `_ = capture_log(…)` or bound and never read, only keeps the log quiet: the sleep waits for something else.)
      // websock_adapter's `warnings = capture_log(fn -> …; Process.sleep(500) end)`, then `refute
      // warnings =~ "undef"`: the sleep is the window for a line that must not come.
      // With lines asserted too (ecto_watch), it first waits for those: an event that says they are
      // written wins that time back, whatever the refutations then read.
      const { refuted, asserted } = captureChecks(ctx.statement);
      const windowed = refuted !== null && asserted === null;
      reason = windowed
        ? `last line inside \`${innermost}\`, whose output a refutation checks after it: the sleep is the window for a line that must not come, and no event says none will`
        : asserted
          ? `last line inside \`${innermost}\`: gives other processes time to write the lines asserted on line ${line(asserted)}${refuted ? ` (and refuted on line ${line(refuted)})` : ''}, and nothing says when they have`
          : `last line inside \`${innermost}\`: gives other processes time to write before the capture ends`;
      keepsWait = windowed;
    } else if (!previous && innermost && FAULT_WINDOW.test(innermost)) {
      // kafka_ex's `with_broker_down(broker, fn -> Process.sleep(5_000) end)`: the helper sets a fault
      // up, runs the function, and takes the fault away after it: the sleep is how long it lasts
      // (before the checks made under it, when they follow).
      reason = `${next ? 'first' : 'the only'} line of the function handed to \`${innermost}\`: it is how long what \`${innermost}\` sets up holds${next ? ` before line ${line(next)} checks what happens under it` : ''}, which is what the test runs for; no event marks when that is enough`;
      keepsWait = true;
    } else if (local) {
      const through = local === innermost ? '' : ` (inside \`${innermost}\`)`;
      reason = `last line inside the function handed to \`${local}\`${through}: gives what it started time to finish before \`${local}\` goes on, and nothing says when it has`;
    } else if (!next && innermost === 'on_exit') reason = 'at the end of an `on_exit` callback: waits for whatever the test left running';
    else if (!previous && innermost === 'on_exit') reason = 'at the start of an `on_exit` callback: waits for whatever the test left running before cleaning up';
    else if ((ctx.runsIn === 'spawned' || ctx.runsIn === 'handed_fn') && next && NAME_LOOKUPS.test(next.text)) {
      reason = `line ${line(next)} looks up a registered name: the sleep waits for another process to register it, and no event says when it has`;
    } else if (ctx.runsIn === 'helper') reason = `helper \`${ctx.defName}\` waits ${ctx.site.duration?.type === 'identifier' ? `as long as \`${ctx.site.duration.text}\` says` : 'a fixed time'}; every caller waits through it`;
    else if (ctx.runsIn === 'handed_fn' && ctx.boundTo) reason = `the function bound to \`${ctx.boundTo}\` waits a fixed time; every call of it waits through it`;
    else if (ctx.runsIn === 'module') {
      // multiverses_pubsub's test_helper.exs: `Task.start_link(fn -> System.cmd("epmd", []) end)`, the
      // sleep, `:net_kernel.start(…)`: a head start for what the line before started.
      const started = previous && next ? containsAsync(previous) : null;
      // graph_conn's test_helper.exs: two servers started (their connections made in the
      // background), then 1.9 s before ExUnit runs the tests that need them ready.
      // conejo's test_helper.exs: consumers started, the sleep, then `ExUnit.start()`: what follows only
      // sets ExUnit going, so the sleep is still the last thing before the tests run.
      const beforeTheTests = !next || ctx.after.every(onlyStartsExUnit);
      const lastStart = previous && beforeTheTests ? callNamesIn(previous).find(({ name }) => SETUP_STARTS.test(name) && !name.startsWith('ExUnit.')) : undefined;
      reason = started
        ? `outside any test: gives what \`${started.name}\` started on line ${started.line} a head start before line ${line(next!)}, and no event says when it is ready`
        : lastStart
          ? `outside any test, ${next ? 'last before ExUnit starts' : 'last'}: gives what \`${lastStart.name}\` started on line ${line(lastStart.node)} time to get ready before the tests run, and no event says when it is; no rewrite is written outside a test`
          : 'outside any test, setup or function: nothing before it starts work to wait for, and no rewrite is written there';
    }
    else if (ctx.runsIn === 'setup' && restartedByName(ctx)) {
      const killed = restartedByName(ctx)!;
      reason = `at the end of setup: line ${line(previous!)} stops \`${oneLine(killed.text, 40)}\`, found by its registered name, and the sleep waits for its supervisor to register a replacement under that name; no event says when it has: wait until the name holds a new pid`;
    } else if (ctx.runsIn === 'setup' && !next) reason = 'at the end of setup: waits for something no line names';
    else if (ctx.runsIn === 'spawned' && next && ASSERTIONS.has(assertionName(next) ?? '') && !signals.actingCall(callArguments(next)[0] ?? next)) {
      reason = `waits inside a spawned process before line ${line(next)} checks \`${oneLine(next.text, 40)}\`: no rewrite is written there; wait in that process on the event the sleep stands for`;
    } else if (keptAliveToRace(ctx) && KEEPS_ALIVE.test(signals.commentAbove() ?? '')) {
      reason = 'keeps its process alive for a fixed time while others use it: a race with them; keep it alive until the test says so (`receive do :stop -> :ok end`)';
      // The test does not wait for that process: the sleep costs a run no time.
      keepsWait = true;
    }
    else if (pacesSamples(ctx)) {
      const any = anyOfThem(ctx.loops[0]!.node);
      reason = any
        ? `spaces the samples a \`${ctx.loops[0]!.call}\` loop collects, and \`${any}\` asks only that one of them holds: a \`wait_for\` on the read the loop makes waits for the same, and ends as soon as it holds`
        : `spaces the samples a \`${ctx.loops[0]!.call}\` loop collects: they are checked after it, and polling inside the loop would take them all at once`;
      // Spacing on purpose: no rewrite wins that time back.
      keepsWait = true;
    } else if (!next && directlyInLoop(ctx)) {
      // riemannx's `for _ <- 1..n do … send …; assert …; :timer.sleep(batch_interval() + 100) end`:
      // the next round's lines come after it, not nothing.
      reason = `last in a \`${ctx.loops[0]!.call}\` loop body: waits a fixed time before each next round, and no event says when it may go on`;
    } else if (!next) {
      const async = ctx.before.map(containsAsync).find(Boolean);
      const mocked = verifiedExpectation(ctx, signals.modules);
      // redix_pubsub's "# Let's just ensure no errors happen when we kill the recipient", then a poll,
      // then the sleep: the window in which a process linked to the test may still crash and fail it.
      const survives = mocked ? null : ctx.runsIn === 'test' ? commentBefore(ctx, NOTHING_FAILS) : null;
      reason = mocked
        ? expectationsReason(mocked)
        : survives
          ? `last statement: the window in which what the test started may still fail it (the comment on line ${survives.line} says “${oneLine(survives.text, 50)}”), and no event says nothing will`
          : async ? `last statement: lets \`${async.name}\` (line ${async.line}) finish, but nothing checks it` : quietCapture(innermost, ctx.statement) ?? 'last statement: nothing after it checks anything';
      keepsWait = survives !== null;
    } else if (!previous && (innermost === 'if' || innermost === 'unless') && branchCondition(ctx.statement)) {
      reason = `first in the branch of \`${innermost} ${oneLine(branchCondition(ctx.statement)!, 40)}\`: tries again after a fixed wait, and no event says when the retry would succeed`;
    } else if (!previous && /_received$/.test(assertionName(next) ?? '')) {
      reason = `first statement: line ${line(next)} checks for messages that work started before the test (its setup) sends on its own time`;
    } else if (!previous && directlyInLoop(ctx)) {
      reason = `first in a \`${ctx.loops[0]!.call}\` loop body: waits a fixed time before each \`${oneLine(next.text, 40)}\`, and no event says when it may go on`;
    } else if (settlesBeforeVmRead(next)) {
      reason = `line ${line(next)} reads a figure of the whole VM (\`${oneLine(next.text, 40)}\`): the sleep lets what earlier work left running settle first, and no event says when it has`;
    } else if (!previous) {
      // exq-scheduler's setup starts five schedulers with `start_supervised`, and each test opens with
      // a sleep: it waits for what they do, though no line says what.
      const started = ctx.runsIn === 'test' ? setupStatements(ctx).flatMap((statement) => callNamesIn(statement)).find(({ name }) => SETUP_STARTS.test(name))?.node : undefined;
      reason = started
        ? `first statement: waits for what the setup started (\`${oneLine(started.text, 40)}\` on line ${line(started)}), and no line says what; next is \`${oneLine(next.text, 40)}\``
        : `first statement: nothing before it starts work to wait for; next is \`${oneLine(next.text, 40)}\``;
    }
    else if (spawnedStart(previous)) {
      reason = `line ${line(previous)} spawns a process that only calls \`${spawnedStart(previous)}\` and then ends: the sleep waits for that end, which what it started must outlive, and a check of what it started holds from the start (a poll would pass at once); monitor the spawned process and wait for its :DOWN before the check`;
    } else if (pastTheLoop(ctx, next) && nextRoundAsks(ctx, next)) {
      reason = `last in a loop body: the next round calls \`${nextRoundAsks(ctx, next)}\` again, as line ${line(next)} after the loop does, and needs what the sleep waits for; a wait after the loop comes too late for it, and one inside the round is a choice to make by hand`;
    } else if (pastTheLoop(ctx, next)) {
      reason = `last in a loop body: paces its iterations (\`${oneLine(previous.text, 40)}\` each time), and nothing in the loop checks what it waits for`;
      keepsWait = true;
    } else {
      const assertion = assertionName(next);
      const [checked] = assertion && ASSERTIONS.has(assertion) ? callArguments(next) : [];
      const acting = checked && signals.actingCall(checked);
      // `conn3 = conn(…) |> Router.call(opts)`, `assert %{status: 503} = conn(…) |> …`: the request made.
      const made = binaryParts(checked ?? next);
      // "keeps existing channels on resolver error", after only synchronous work (wait-for and poll-with-timeout stand back).
      const mustStay = signals.effect(previous)?.kind === 'sync' && namedForWhatMustStay(ctx.test);
      // After work we cannot read, only a name that says so outright (not realtime's "no ack still sends message").
      // Or one for what must stay (emerge's "mix listener ignores compiles from the current os
      // process"), then a check for an idle state: it held before the sleep, whatever came before.
      // ex_llm's `received_chunks = receive_all_chunks([])`, a receive loop of the file's, then
      // `assert length(received_chunks) == 4`: the messages the sleep waited for, collected.
      const collected = assertion ? null : collectedMessages(next, ctx.after.slice(1), signals);
      const idleStays = namedForWhatMustStay(ctx.test) && assertionName(next) === 'assert' && idleCheck(next);
      // journey's "downstream does not fire when loop fails", then `{:error, :not_set} = Journey.get(…)`.
      const idleDenied = !idleStays && namedForAnEventThatMustNotCome(ctx.test) && assertionName(next) === 'assert' && idleCheck(next);
      const namedToStay = mustStay || namedToRemain(ctx.test) || idleStays;
      const contended = signals.madeInSpawnedWork(made?.op === '=' ? made.right : (checked ?? next));
      // A read made again counts as the same check only with the same assertions on what it bound (poolex: 2 then 0).
      const nextRead = binaryParts(next);
      const bound = nextRead?.op === '=' ? patternBindings(nextRead.left) : [];
      // allbert's `for child <- [blocked, steered] do assert … end`, the loop made before the act too.
      const looped = assertion ? null : loopedAssertion(next);
      const again = assertion || looped ? signals.checkedAgain(looped?.assertion ?? next) : repeatsEarlierChecks(ctx.before, next, ctx.after.slice(1), bound);
      // kafka_ex's `wait_for_active(cg)` before an outage and again after the sleep: it would return at once.
      const waiting = waitingCall(next);
      // rabbit's `await_consuming(consumer)` after a kill, a poll the start helper ran before it too.
      const polling = waiting ? null : signals.pollingHelper(next);
      const waitedBefore = waiting ? (madeBefore(ctx.before, next) ?? waitedTheSameWay(ctx.before, waiting.node)) : polling ? signals.calledBefore(polling.name) : null;
      const readBefore = assertion ? comparedWithEarlierRead(ctx.before, next) : null;
      // Still alive, in the next check or one of those right after it (a survivor of a kill).
      const [alive] = aliveChecks(assertionsAfter(ctx.after));
      // maracuja's `send :global.whereis_name(@name), :smth` in "… handles crashes": the same lookup, checked alive after the sleep.
      const relooked = alive ? lookedUpAgainAfterStop(alive.pid, ctx.after, ctx.before, ctx.test) : null;
      const registered = stillRegistered(next, ctx.before);
      // mqttx's client, started with no broker, then `refute Client.connected?(pid)`: not up before the attempt either.
      const notYetUp = refutedBeforeItCameUp(next, ctx.before);
      const refuted = refutedCall(next);
      const repeated = assertion ? repeatedAct(ctx.before, next) : null;
      const windowClosed = windowEnd(ctx);
      const busy = busyWorker(ctx.before);
      const shortWait = shorterWait(next, ctx.duration);
      // SimplePool's `wait_for_restart(ref)`, ten tries 5 ms apart, after a 3 s sleep.
      const shortHelper = shortWait ? null : shorterHelper(next, ctx.duration, signals);
      const readAgain = nextRead?.op === '=' ? readsAgainLater(nextRead.right, ctx.after.slice(1)) : null;
      const asserted = assertion === 'assert' ? binaryParts(checked ?? next) : null;
      const derived = nextRead?.op === '=' || asserted?.op === '=' ? derivedCheckedLater(nextRead?.op === '=' ? bound : patternBindings(asserted!.left), ctx.after.slice(1)) : null;
      // `Enum.each(workers, fn w -> assert not Process.alive?(w) end)`, `for pid <- pids, do: refute(Process.alive?(pid))`
      const deaths = !assertion && /\bfn\b|^for\b/.test(next.text) && /Process\.alive\?/.test(next.text);
      const messaged = assertion ? null : messagedTarget(next);
      // pomiet's table, distributed-kv-store's gossip loop: the message before went to the same
      // process, a plain one, which no `:sys.get_state` barrier can wait on.
      const previousMessage = messaged ? signals.effect(previous) : null;
      const plain = previousMessage?.kind === 'message' && previousMessage.target === messaged ? plainProcessStart(messaged, ctx, signals) : null;
      // absinthe_plug's `request = Task.async(fn -> … Absinthe.Plug.call(opts) end)`, the sleep, then
      // `Absinthe.Subscription.publish(…)`: the act needs the task to have subscribed first.
      const previousEffect = signals.effect(previous);
      // Also a server whose init/1 starts a file watcher (volt's `Volt.Watcher.start_link(root: dir)`),
      // then a file written: the watcher must be armed first.
      const acted = !assertion && previousEffect?.kind === 'async' && (SPAWNING_CALLS.has(previousEffect.via) || /\bFileSystem\.start|:fs\.start/.test(previousEffect.why ?? '')) ? firstAct(ctx.after, signals) : null;
      const headStart = acted?.call ?? null;
      // ex_athena's request queue, its slots all taken by the test's own loop, a task that acquires
      // once more, then the count of slots taken: it held before the task ran, and the sleep is its
      // head start.
      const countedBefore = checked && assertion === 'assert' ? countMadeBeforeTheSpawn(checked, ctx.before) : null;
      // Not when the next line acts (nats' `:ok = Gnat.pub(…)` under "consumer must not be stuck"):
      // it checks nothing, and the words are about what the act must still get done.
      const unchanged = assertion || !signals.actingCall(next) ? signals.nothingHappens(next) : null;
      // A value written before the act, read back under "# Wait for a health check tick".
      const tickKept = assertion === 'assert' && checked && signals.effect(previous)?.kind !== 'kill' ? keptThroughATick(checked, ctx, signals) : null;
      // Not a check of its own: the expectations set before it are checked when the test ends.
      const mocked = assertion ? null : verifiedExpectation(ctx, signals.modules);
      const askedBefore = signals.effect(previous)?.kind === 'kill' ? askedByNameBeforeKill(ctx.before, next) : null;
      const lookedUp = signals.effect(previous)?.kind === 'kill' ? lookedUpBeforeKill(ctx.before, next) : null;
      // ecto_process_registry's entry, registered with the process killed before the sleep, then checked still there.
      const kept = assertion === 'assert' && checked && presenceOf(checked) ? keyOfTheKilled(checked, ctx.before) : null;
      // newrelic's sidecar lookup: the row the test's own call put in the table before it returned, checked still there.
      const listed = assertion === 'assert' && checked && !kept ? rowWrittenBefore(checked, ctx.before, ctx.file, signals.modules) : null;
      // apothik's master: a read of the bookkeeping that the call before the sleep wrote before it replied.
      const bookkept = listed || kept ? null : checked && (assertion === 'assert' || assertion === 'refute')
        ? bookkeepingOfTheCall(previous, [checked, ...joinedChecks(next, ctx.after.slice(1))], ctx, signals.modules)
        : nextRead?.op === '=' && !assertion
          ? bookkeepingOfTheCall(previous, assertionsAfter(ctx.after.slice(1)).filter((check) => bound.some((b) => mentions(check, b))), ctx, signals.modules, { pattern: nextRead.left, read: nextRead.right })
          : null;
      // Not two stamps both read before the sleep (`first.inserted_at == second.inserted_at`): that held
      // whatever the sleep was for, and says nothing of it.
      const stampsKept = assertionsAfter(assertion ? ctx.after : ctx.after.slice(1)).find((check) => sameStamps(check) && !comparesOnlyEarlierValues(check, ctx.after));
      // `assert_email_sent(subject: …)` after an email sent from a task (swoosh): a mailbox check that does not wait.
      const helper = next.type === 'call' ? (callName(next) ?? '').replace(/^.*\./, '') : '';
      const mailer = MAILBOX_HELPERS.get(helper);
      // mojito's timed-out `get`, the sleep, the same `get` again: the sleep lets the late answer come.
      const timedOut = sameCallAfterTimeout(previous, next);
      // protean's `Process.cancel_timer(timer)`, 20 ms, then the state the machine started in.
      const cancelled = timerCancel(previous);
      // statifier's `{:cancel, …}`, then a sleep in "… cancelled before its delay elapses; the event never arrives".
      const cancelledByName = cancelled ? null : cancelledBeforeItFires(ctx);
      // gristle's `Realflight.set_throttle(1.0)`, 5 s, `Realflight.set_throttle(0.0)`: the same call given another value.
      const held = !assertion && previous ? heldBetween(previous, next) : null;
      // `state = :sys.get_state(pid)`, then `assert state.interval == 50`, the interval the sweeper was started with.
      const startedWith = nextRead?.op === '=' ? startedStateCheck(nextRead.right, bound, ctx.after.slice(1), ctx, signals) : null;
      // trenino's connect cast into a server whose stubbed port `open` sleeps forever: the sleep lets
      // the handler begin, and only a message from the stub could say when it has.
      const wedged = signals.effect(previous)?.kind === 'message' ? wedgedServer(ctx, signals) : null;
      // repg2's `reset_other_node()`, 1 s, then `assert_group_membership(…)` on both nodes.
      const rejoined = checkAfterRejoin(ctx, next);
      reason = cancelled
        ? `line ${line(previous)} cancels a timer (\`${cancelled}\`): the sleep is the window in which one that was not cancelled would fire, and no event says it never will`
        : cancelledByName
        ? `the cancel on line ${line(cancelledByName)} comes before the sleep, and the test's name says what it cancels was set to happen later and must then not come (“${oneLine(ctx.test ?? '', 60)}”): the sleep is the window in which it would fire had the cancel failed, and no event says it never will`
        : timedOut
        ? `line ${line(previous)} saw \`${timedOut}\` time out, and line ${line(next)} makes it again, which answers at once: the sleep lets the late answer to the first come before the test goes on, and no event says it has`
        : held?.includes(' → ')
        ? `line ${line(next)} undoes what line ${line(previous)} did (\`${held.replace(' → ', '` → `')}\`): the sleep is how long it holds, which is what the test runs for; no event marks when that is enough`
        : held
        ? `line ${line(next)} makes the call of line ${line(previous)} again with another value (\`${held}\`): the sleep is how long the first holds, which is what the test runs for; no event marks when that is enough`
        : waitedBefore
        ? `line ${line(next)} waits again as line ${line(waitedBefore)} did, when what it waits for held: without the sleep it would return at once, before anything had changed; no event says when the change has shown`
        : readAgain
        ? `line ${line(readAgain)} makes the read of line ${line(next)} again for something else, which a poll on the first would not wait for: each needs its own wait`
        : derived && nextRead?.op === '=' && !callNamesIn(nextRead.right).length
        ? `line ${line(next)} only builds a value (\`${oneLine(next.text, 30)}\`), and line ${line(derived.statement)} reads with it what later lines check: no read stands right after the sleep to poll`
        : derived?.read
        ? `line ${line(derived.statement)} binds \`${oneLine(derived.pattern.text, 30)}\` from a read of its own (\`${oneLine(derived.read.text, 30)}\`) made with what line ${line(next)} gave, and later lines check it: a poll on line ${line(next)} would not wait for those checks`
        : derived
        ? `line ${line(derived.statement)} binds \`${oneLine(derived.pattern.text, 30)}\` from what line ${line(next)} read, and later lines check it: a poll on the read would not wait for those checks`
        : windowClosed
        ? `times a window: line ${line(next)} checks a message has come and line ${line(windowClosed)} that another has not, both when the sleep ends; no event marks that moment`
        : shortWait
        ? `line ${line(next)} waits by itself, but for less time than the sleep (ExUnit's 100 ms unless given more): give \`${shortWait}\` a timeout of ${typeof ctx.duration === 'number' ? `at least ${ctx.duration} ms` : 'the sleep\'s length'} and drop the sleep`
        : shortHelper
        ? `line ${line(next)} waits by itself, but for less time than the sleep (\`${shortHelper.name}\` ${shortHelper.how === 'retries' ? 'stops trying after about' : 'waits for a message up to'} ${shortHelper.ms} ms): give it at least ${ctx.duration as number} ms and drop the sleep`
        : plain
        ? `line ${line(previous)} and line ${line(next)} both message \`${oneLine(messaged!, 30)}\`, a plain process spawned on line ${line(plain)} (a bare \`receive\` loop, not an OTP process): it does not answer :sys calls, so no barrier can wait for the first message to be handled, and no event the test sees says when it is`
        : messaged
        ? `line ${line(next)} messages \`${oneLine(messaged, 30)}\`: the sleep gives it time to be there and ready, and no event the test sees says when it is`
        : countedBefore
        ? `line ${line(next)} checks a count that the \`${countedBefore.call}\` rounds on line ${line(countedBefore.loop)} made before line ${line(countedBefore.spawn)} spawned work that makes that call again: it held before the sleep, which gives that work a head start, and a poll of it would pass at once; no event the test sees says when the work has got that far (poll something only that work changes)`
        : headStart && previousEffect?.kind === 'async'
        ? `line ${line(acted!.statement)} acts (\`${headStart}\`) on the work started on line ${effectLine(previousEffect, previous)} by ${quotedVia(previousEffect)}, which has to have got far enough first: the sleep gives it a head start, and no event the test sees says when it has`
        : deaths
        ? `line ${line(next)} checks in a loop that processes have died: each dies on its own time, and no one event covers them all`
        : busy
        ? `times the test against the process spawned on line ${line(busy)}, which sleeps inside: nothing the test can wait on marks how far that work has got`
        : again
        ? `line ${line(next)} checks again what line ${line(again)} checked before the sleep: it gives something time to change it, and no event says when that would be`
        : lookedUp
        ? `line ${line(next)} asks \`${oneLine(lookedUp.lookup, 40)}\` only to find a process, and line ${line(lookedUp.statement)} found the one killed since with the same lookup: a registry lists a dead process until it hears of the death, so a poll passes at once, and no event the test sees says when the replacement is up`
        : kept
        ? `line ${line(next)} checks that \`${oneLine(kept.key, 30)}\`, handed with \`${kept.pid}\` to line ${line(kept.registered)}, is still there after the kill on line ${line(kept.kill)}: it was there before the kill, so a poll would pass at once; the sleep is the window in which a wrong delete on the death would show, and no event says it never will (a \`:sys.get_state\` of the registry after the kill, for review, would let a :DOWN it had been sent be handled first)`
        : listed
        ? `line ${line(next)} checks that a row of \`${oneLine(listed.table, 30)}\` is there, which \`${listed.call}\` on line ${line(listed.statement)} put there in the test's own process before it returned: it held before the sleep, so a poll would pass at once; the sleep is the window in which a wrong delete would show, and no event says it never will`
        : bookkept
        ? `line ${line(next)} reads ${bookkept.fields.map((f) => `\`${f}\``).join(', ')} of the state that \`${bookkept.name}\`'s handle_call, called on line ${line(bookkept.call)}, writes before it replies: the check holds as soon as the call returns, so a poll would pass at once, before the work the sleep waits for${bookkept.handsOn ? ` (its ${bookkept.handsOn})` : ''}; wait for what that work makes instead`
        : askedBefore
        ? `line ${line(next)} asks \`${oneLine(askedBefore.name, 30)}\` by its name, as line ${line(askedBefore.statement)} did before the kill: the dying process may still answer a poll, and no event the test sees says when its replacement is up`
        : readBefore
        ? `line ${line(next)} compares a read with what it gave on line ${line(readBefore)}, before the sleep: it held then, the sleep gives something time to change it, and no event says when that would be`
        : stampsKept
        ? `line ${line(stampsKept)} checks that a timestamp is unchanged: no write happened, which held before the sleep; the sleep gives a wrong one time to happen, and no event says it never will`
        : unchanged
        ? `line ${line(next)} checks that nothing happened${signals.commentAbove() ? '' : ` (“${oneLine(unchanged, 60)}”)`}: it held before the sleep, which gives something the time to change it, and no event says it never will`
        : tickKept
        ? `line ${line(next)} reads back \`${oneLine(tickKept.value, 30)}\`, which \`${tickKept.call}\` on line ${line(tickKept.write)} wrote before the act on line ${line(previous)}: it held before the sleep, the window for the round of periodic work the comment names to change it, so a poll passes at once, before any round, and no event says the round came and left it be`
        : repeated?.signal
        ? `lines ${line(repeated.first)} and ${line(repeated.second)} start the same work twice, and line ${line(repeated.signal)} received word that the first had got going before the second started: the count line ${line(next)} checks held before the sleep, which is the window in which the second would wrongly add to it, and no event says it never will`
        : repeated?.started
        ? `lines ${line(repeated.first)} and ${line(repeated.second)} start two callers of the same work, and line ${line(next)} checks a count of one, which the first makes by itself: a poll stops as soon as it has, while the sleep is the window in which the second would wrongly add to it, and no event says it never will`
        : repeated
        ? `lines ${line(repeated.first)} and ${line(repeated.second)} make the same call twice, and line ${line(next)} checks a count: the first may have reached it already, and the sleep gives the second time to add to it wrongly; no event says it never will`
        : refuted
        ? `line ${line(next)} checks that \`${oneLine(refuted, 40)}\` was never called: the sleep gives it the chance to happen, and no event says it never will`
        : alive && /^(?:Elixir\.)?Process\.whereis\(/.test(alive.pid) && ctx.before.some((s) => /\bProcess\.exit\b|\bstop\b/.test(s.text))
          ? `line ${line(alive.statement)} checks that a process is alive under \`${oneLine(alive.pid, 40)}\` after the stop before the sleep: the dying one may still be registered, and no event the test sees says when its replacement is up`
          : relooked
          ? `line ${line(alive!.statement)} checks that a process is alive under \`${oneLine(alive!.pid, 40)}\`, the lookup line ${line(relooked)} made before a stop or, in a test named for a crash, a message that crashes what it found: the dying one may still be registered, and no event the test sees says when its replacement is up`
          : alive
          ? `line ${line(alive.statement)} checks that \`${oneLine(alive.pid, 30)}\` is still alive: the sleep gives it time to crash, and no event says when it would`
          : registered
          ? `line ${line(next)} checks that \`${oneLine(registered, 30)}\` is still registered, as it was before the sleep: the sleep gives it time to stop, and no event says when it would`
          : notYetUp
          ? `line ${line(next)} refutes \`${notYetUp.predicate}\` of \`${notYetUp.subject}\`, started on line ${line(notYetUp.start)}${notYetUp.told ? ` and told to connect on line ${line(notYetUp.told)}` : ''}: it was not up before that attempt either, so the refutation held from the start and a poll of it would pass at once, before the attempt had time to fail; no event the test sees says it has (wait for the failure itself, a telemetry event or a log line, if the code under test gives one)`
          : acting && (consumingCall(checked!) === acting || signals.importedConsumer(checked!) === acting)
        ? `no condition to wait on: line ${line(next)} asserts what \`${acting}\` reads, which is whatever has arrived by then (a poll would consume it)`
          : acting
        ? `no condition to wait on: line ${line(next)} asserts what \`${acting}\` returns, and that call changes state (a poll would repeat it)`
          : contended
        ? `line ${line(next)} makes again what the work started on line ${contended.line} does (\`${contended.name}\`): it is the act under test, and a poll would repeat it, competing with that work; no event the test sees says when the work has got that far`
          : idleDenied
        ? `the test's name says something must not happen (“${oneLine(ctx.test!, 50)}”): line ${line(next)} checks for an idle state, which held before the sleep, the window for it to happen wrongly, and no event says it never will`
          : namedToStay
        ? `the test's name says something must stay as it is (“${oneLine(ctx.test!, 50)}”): line ${line(next)} checks what ${mustStay ? 'held' : 'may have held'} before the sleep, which is the window for a wrong change, and no event says it never will`
          : mailer?.refutes
        ? `line ${line(next)} checks the mailbox without waiting (\`${helper}\` is ${mailer.is}): the sleep is the time an email had to arrive, and no event says none will`
          : mailer
        ? `line ${line(next)} checks the mailbox without waiting (\`${helper}\` is ${mailer.is}): the sleep gives the email time to arrive; \`assert_receive {:email, email}\` in its place would wait only until it does, with the check then made on \`email\``
          : mocked
        ? expectationsReason(mocked, VERIFY.test(next.text.trim()) ? next : null)
          : HISTORY_CHECKS.test(helper) && signals.modules.usesLibrary('Patch', ctx.file)
        ? `line ${line(next)} reads a mock's call history without waiting (\`${helper}\`, Patch's): the sleep gives the call time to be made; Patch has no waiting form of it, but a patched function that also sends the test a message would let \`assert_receive\` wait only until it is`
          : EXACT_COUNT_CHECKS.test(helper)
        ? `line ${line(next)} counts a mock's calls without waiting (\`${helper}\`): the sleep gives the calls time to be made and one too many time to show; \`:meck.wait/4\` would return at the count, before a call too many could come`
          : HISTORY_CHECKS.test(helper)
        ? `line ${line(next)} reads a mock's call history without waiting (\`${helper}\`): the sleep gives the call time to be made; \`:meck.wait/4\` on the mocked function would wait only until it is`
        : startedWith
        ? `line ${line(startedWith.check)} checks what the server started on line ${line(startedWith.start)} was given, which its init/1 keeps: it held from the start, so a poll would pass at once, and no line checks what the sleep waits for`
        : collected
        ? `line ${line(next)} collects what has reached the test's mailbox by then (\`${collected.helper}\`, a \`receive\` of the test's own), and line ${line(collected.check)} checks it: the sleep gives the messages time to arrive; an \`assert_receive\` of each message expected, in the sleep's place, would wait only until it has`
        : wedged
        ? wedgedReason(wedged)
        : rejoined
        ? rejoinedReason(rejoined, next)
        : `no condition to wait on: line ${line(next)} (\`${oneLine(next.text, 40)}\`) does not assert what the sleep waits for`;
      keepsWait =
        !!waitedBefore || !!timedOut || !!held ||
        (!readAgain && !derived && !shortWait && !shortHelper && !messaged && !headStart && !deaths &&
          (!!windowClosed || (!busy && (!!again || (!askedBefore && (!!kept || !!listed || !!readBefore || !!stampsKept || !!unchanged || !!repeated || !!refuted || !!alive || !!registered || !!notYetUp || (!acting && (mustStay || idleStays || idleDenied || !!mailer?.refutes))))))));
    }
    // What the author wrote about it is the best lead for the person who finds the event to wait on.
    const comment = signals.commentAbove()?.trim();
    if (comment) reason += `; the comment above it says “${oneLine(comment, 60)}”`;
    return { fix: 'manual', confidence: 'low', reason, ...(keepsWait ? { keepsWait } : {}) };
  },
};

const LOGGER_FLUSH = /^Logger\.flush(\(\))?$/;

/** The first check in the assertions after `read` that reads back, from what it bound, what the server was started with (see startedWithChecked), and that start. */
function startedStateCheck(read: SyntaxNode, bound: readonly string[], rest: readonly SyntaxNode[], ctx: SiteContext, signals: Signals): { check: SyntaxNode; start: SyntaxNode } | null {
  for (const check of assertionsAfter(rest)) {
    for (const state of bound) {
      const start = startedWithChecked(check, state, read, ctx, signals.modules);
      if (start) return { check, start };
    }
  }
  return null;
}

/** Words for a test whose check is that nothing goes wrong: "no errors", "doesn't crash", "survives". */
const NOTHING_FAILS = /\b(?:no|without)\s+(?:errors?|crash(?:es)?|exceptions?)\b|\b(?:does(?:n't| not)|won't|will not|should(?:n't| not))\s+(?:crash|blow up|raise|die)\b|\bsurviv/i;

/** The last comment in the sleep's test above it that `pattern` finds, with its line. */
/** How far above the sleep a comment still speaks of it. */
const NEAR_LINES = 12;

function commentBefore(ctx: SiteContext, pattern: RegExp): { text: string; line: number } | null {
  const row = ctx.site.node.startPosition.row;
  // Among the dozen lines above it: one further up speaks of an earlier phase of the test
  // (jido_signal's "Verify client processes are dead but persistent subscriptions survive", 60 lines
  // above "# Give time for signals to be processed"; redix_pubsub's is 8 lines up, past a poll).
  const comments = ctx.unit?.descendantsOfType('comment').filter((c) => c.startPosition.row < row && c.startPosition.row >= row - NEAR_LINES && pattern.test(c.text)) ?? [];
  const last = comments.at(-1);
  return last ? { text: last.text.replace(/^#\s*/, ''), line: line(last) } : null;
}

/** A call in a setup that starts processes or work: a supervised or linked start, a spawn, a task, an application. */
/** `ExUnit.start()`, `ExUnit.configure(exclude: …)`, a Logger call: lines of a test_helper.exs that only set ExUnit going. */
const EXUNIT_GOING = /^(?:ExUnit\.(?:start|configure)|Logger\.\w+)\b/;

function onlyStartsExUnit(statement: SyntaxNode): boolean {
  return EXUNIT_GOING.test(statement.text.trimStart());
}

const SETUP_STARTS = /^(?:start(?:_link)?_supervised!?|[A-Z][\w.]*\.start(?:_link)?|(?:Process\.)?spawn(?:_link)?|Task\.(?:async|start(?:_link)?)|Application\.ensure_all_started)$/;

/** Placebo's and Mock's checks of a mock's call history, which look without waiting: `assert_called(Api.post(…))`. */
const HISTORY_CHECKS = /^(?:assert_called|assert_called_once|assert_called_exactly)$/;
/** History checks that also say no more calls came: `assert_called_exactly(…, 1)`, `assert_called_once`. */
const EXACT_COUNT_CHECKS = /^(?:assert_called_once|assert_called_exactly)$/;

/** Mox's and Mimic's check of the expectations, made on the spot: `verify!()`, `Mox.verify!(Mock)`. */
const VERIFY = /^(?:(?:Mox|Mimic)\.)?verify!\(.*\)$/;

/** `verified`: the line right after the sleep that checks them (elixircd's `verify!()`), else they are checked when the test ends. */
function expectationsReason(expectation: SyntaxNode, verified: SyntaxNode | null = null): string {
  const when = verified ? `which line ${line(verified)} checks without waiting (\`${oneLine(verified.text, 30)}\`)` : 'which are checked only when the test ends';
  return `what it waits for are the mock expectations set before it (the last on line ${lastExpectationLine(expectation)}, \`${oneLine(expectation.text, 40)}\`), ${when}: have the expected function send the test a message, and \`assert_receive\` it in the sleep's place`;
}

/** For a server the test wedged on purpose (wedgedServer): the stub that never returns, or the comment that says so. */
function wedgedReason(wedged: NonNullable<ReturnType<typeof wedgedServer>>): string {
  const mock = 'stub' in wedged ? ownerCall(wedged.stub) : null;
  const what = 'stub' in wedged ? `the function handed to \`${(mock && callName(mock)) ?? 'a mock'}\` on line ${line(wedged.stub)} never returns` : 'the server is stuck in what it handles, as the comment says';
  const who = 'stub' in wedged ? 'that function send the test a message as it begins' : 'what holds it send the test a message as the handler begins';
  return `${what}: the sleep lets a handler begin that never ends, so a barrier into that server would wait for good, and no event the test sees marks the start; have ${who}, and \`assert_receive\` it in the sleep's place`;
}

/** The condition of the `if`/`unless` whose branch (do or else) holds `statement`, or null. */
function branchCondition(statement: SyntaxNode): string | null {
  let block = statement.parent;
  if (block?.type === 'else_block') block = block.parent;
  const branch = block?.type === 'do_block' ? block.parent : null;
  const name = branch ? callName(branch) : null;
  return branch && (name === 'if' || name === 'unless') ? (callArguments(branch)[0]?.text ?? null) : null;
}


/** Reductions that ask whether any element holds: over samples taken in turn, "eventually". */
const ANY_OF = /^Enum\.(?:any\?|member\?|find|find_value)$/;

/**
 * The reduction a pipe hands `loop`'s result to that asks whether any sample holds (k8s's
 * `0..4 |> Enum.map(fn _ -> Process.sleep(50); read() end) |> Enum.map(&(&1 == new)) |> Enum.any?(…)`), or null.
 */
function anyOfThem(loop: SyntaxNode): string | null {
  // Pipes nest to the left: the loop is the right side of the first, each pipe the left of the next.
  for (let node = loop; node.parent?.type === 'binary_operator'; node = node.parent) {
    const pipe = binaryParts(node.parent);
    if (pipe?.op === '=' && pipe.right.id === node.id && pipe.left.type === 'identifier') return anyOfBound(node.parent, pipe.left.text);
    if (pipe?.op !== '|>') return null;
    const name = pipe.left.id === node.id ? callName(pipe.right) : null;
    if (name && ANY_OF.test(name)) return name;
  }
  return null;
}

/** `samples = for … end`, then `assert Enum.any?(samples, …)`: the reduction a later statement hands `bound` to, or null. */
function anyOfBound(binding: SyntaxNode, bound: string): string | null {
  for (let statement = binding.nextNamedSibling; statement; statement = statement.nextNamedSibling) {
    const any = callNamesIn(statement).find(({ name, node }) => ANY_OF.test(name) && callArguments(node)[0]?.text === bound);
    if (any) return any.name;
  }
  return null;
}

/**
 * The first statement of `after` that acts, and its acting call, past statements that only bind
 * what they compute (k8s's watch test: the task started, the sleep, `pid = self()`, `ref =
 * make_ref()`, a map and a config map built, then `K8s.Client.create(cm)`); null when a check or a
 * statement that binds nothing comes first, or nothing acts within a few lines.
 */
function firstAct(after: readonly SyntaxNode[], signals: Signals): { statement: SyntaxNode; call: string } | null {
  for (const statement of after.slice(0, 6)) {
    const call = signals.actingCall(statement);
    if (call) return { statement, call };
    if (assertionName(statement) || binaryParts(statement)?.op !== '=') return null;
  }
  return null;
}

/** `x = helper(…)`, a receive loop of the file's, then an assertion on `x` among the next lines: the helper and that check. */
function collectedMessages(next: SyntaxNode, later: readonly SyntaxNode[], signals: Signals): { helper: string; check: SyntaxNode } | null {
  const bound = binaryParts(next);
  if (bound?.op !== '=' || bound.left.type !== 'identifier') return null;
  const helper = signals.receivingHelper(bound.right);
  const check = helper ? later.slice(0, 3).find((s) => assertionName(s) !== null && mentions(s, bound.left.text)) : undefined;
  return helper && check ? { helper, check } : null;
}

/** The process the statement before the sleep kills by its registered name, when nothing but plain values follow the sleep. */
function restartedByName(ctx: SiteContext): SyntaxNode | null {
  const killed = killedProcess(ctx.before[0]);
  return killed && ctx.after.every((s) => LITERAL_VALUE.test(s.text)) && killedByName(killed.pid, ctx.before) ? killed.pid : null;
}

/**
 * The reason for a sleep that ends the function handed to a capture whose output nothing reads,
 * when the test goes on after it (parent's "handles child start crash": a child that raises in its
 * start, `Process.sleep(100)` last inside `capture_log`, then `assert child_ids(parent) == [:child1]`).
 * "Nothing after it checks anything" would be false: the sleep keeps what other processes log by
 * then inside the capture, out of the run's output, and it may also wait for what the next line reads.
 */
function quietCapture(innermost: string | undefined, sleep: SyntaxNode): string | null {
  if (!innermost || !CAPTURES.test(innermost)) return null;
  const { discarded, next } = captureChecks(sleep);
  if (!discarded || !next) return null;
  return `last line inside \`${innermost}\`, whose output nothing reads: gives other processes time to log inside the capture, out of the run's output, and perhaps to do what line ${line(next)} (\`${oneLine(next.text, 40)}\`) reads after it; nothing says when they are done`;
}

/** A call named for bringing a node back or together again: `reset_other_node()`, `restart_node(n)`, `reconnect_nodes()`. */
const NODE_REJOIN = /^(?:\w+_)?(?:restart|reset|reboot|reconnect|rejoin|connect|heal)_(?:\w+_)?(?:nodes?|cluster|peers?)$/;
const CONNECTS_NODES = /^(?:Node\.connect|:net_kernel\.connect_node)$/;
/** `Application.start(:app)`, also run on another node (`rpc_call_other_node(Application, :start, [:app])`). */
const APP_START = /\bApplication(?:\.|,\s*:)(?:start|ensure_started|ensure_all_started)\b/;
const APP_STOP = /\bApplication(?:\.|,\s*:)stop\b/;

interface Rejoin {
  /** How the node came back: the call, or the application stopped and started again. */
  how: string;
  /** The helper of the test file that makes the check, when it is one. */
  helper: string | null;
  /** The call through which the check asks another node, when it does. */
  remote: string | null;
}

/**
 * A check right after a node came back, in a test that talks to other nodes: a node or its
 * application restarted, or nodes connected again (repg2's `reset_other_node()`, or
 * `Application.stop(:repg2)` then `Application.start(:repg2)`, then 1 s and
 * `assert_group_membership(:test_group, pid, false)`, a helper of the file that asserts on both
 * nodes through `rpc_call_other_node`). The state comes back through an exchange the nodes' own
 * processes run after the restart, which the test neither starts nor hears the end of: the sleep is
 * its time, and the check is what it brings, not something else.
 */
function checkAfterRejoin(ctx: SiteContext, next: SyntaxNode): Rejoin | null {
  const previous = ctx.before[0];
  const how = previous ? rejoinOf(previous, ctx.before.slice(1)) : null;
  if (!how) return null;
  const assertion = assertionName(next);
  const helper = assertion ? null : assertingHelper(next, ctx);
  if (!helper && !(assertion && ASSERTIONS.has(assertion))) return null;
  const checks = [next, ...(helper ? fileFunctions(ctx.file).filter((f) => f.name === helper).map((f) => f.statement) : [])];
  const remote = checks.flatMap((node) => callNamesIn(node)).find(({ name, node }) => runsElsewhere(name, node) && !/apply$/.test(name))?.name ?? null;
  return remote || OTHER_NODE.test(ctx.file.source) ? { how, helper, remote } : null;
}

/** How `statement` brings a node back: a call named for it, a connect, or an application started again after a stop of the same one. */
function rejoinOf(statement: SyntaxNode, earlier: readonly SyntaxNode[]): string | null {
  const call = callNamesIn(statement).find(({ name }) => NODE_REJOIN.test(name.replace(/^.*\./, '')) || CONNECTS_NODES.test(name));
  if (call) return `\`${oneLine(call.node.text, 40)}\` on line ${line(statement)}`;
  if (!APP_START.test(statement.text)) return null;
  const apps = appsNamed(statement.text);
  const stop = earlier.find((s) => APP_STOP.test(s.text) && appsNamed(s.text).some((app) => apps.includes(app)));
  return stop ? `the restart of \`${apps.find((app) => appsNamed(stop.text).includes(app))}\` (stopped on line ${line(stop)}, started again on line ${line(statement)})` : null;
}

/** The atoms a start or stop of an application names, past its function's own name. */
function appsNamed(text: string): string[] {
  return [...text.matchAll(/:[a-z_]\w*/g)].map(([atom]) => atom).filter((atom) => !/^:(?:start|stop|ensure_started|ensure_all_started|ok|permanent|temporary|transient)$/.test(atom));
}

/** The name of the function of the test file that `statement` calls, when its body asserts. */
function assertingHelper(statement: SyntaxNode, ctx: SiteContext): string | null {
  const name = statement.type === 'call' ? callName(statement) : null;
  if (!name || !definedFunctions(ctx.file).has(name)) return null;
  const asserts = fileFunctions(ctx.file).some((f) => f.name === name && callNamesIn(f.statement).some((c) => ASSERTIONS.has(c.name)));
  return asserts ? name : null;
}

function rejoinedReason({ how, helper, remote }: Rejoin, next: SyntaxNode): string {
  const through = remote ? `${helper ? ', on the other node too' : ''} through \`${remote}\`` : '';
  const check = helper ? `(\`${helper}(…)\`, a helper of this file that asserts${through}) checks` : `checks${through}`;
  const poll = helper ? ` (\`wait_for(fn -> ${helper}(…); true end)\`: sleepless does not take a helper's assertions for the condition)` : '';
  return `line ${line(next)} ${check} what the nodes share once they have exchanged their state again after ${how}: the sleep gives that exchange time to run, between the nodes' own processes, and no event the test sees says when it is over; a poll of the check in the sleep's place, retried while it fails, would wait only until it holds${poll}`;
}
