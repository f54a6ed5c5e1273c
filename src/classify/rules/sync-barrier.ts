import type { SyntaxNode } from '../../parse/parser.js';
import { binaryParts, callArguments, callName, callNamesIn, enclosingStatement, line, oneLine, statementsOf, squeezed } from '../../parse/nodes.js';
import type { SourceFile } from '../../context/source-file.js';
import { definedFunctions, fileFunctions } from '../signals.js';
import { runsInCallerProcess, SOCKET_WRITES, SPAWNING_CALLS, STANDARD_MODULE } from '../../context/elixir-facts.js';
import { isPlainSleep, ranBefore, setupStatements } from '../../context/site-context.js';
import { estimateDuration } from '../../duration/duration.js';
import { siteOfWait } from '../../sites/find-sites.js';
import type { Decision, Rule } from '../rule.js';
import { actMadeAgain, inTestFlow, keepsSchedule, unrolledRound } from './test-flow.js';
import { shorterHelper } from './remove-after-sync.js';
import { cancelledBeforeItFires } from './wait-for.js';
import { resolvedKeywordTimes } from '../keyword-times.js';
import { aliveChecks, refutedBeforeItCameUp, assertionName, assertionsAfter, deniedCondition, awaitedLater, boundInside, findsByName, givenBySetup, mainCall, comparedWithEarlierRead, heldBetween, historyCheck, idleCheck, lookedUpAgainAfterStop, mentions, messagingBefore, patternBindings, settledStatementsAhead, lastExpectationLine, neverReturningStub, verifiedExpectation, watchedProcess, PLAIN_PROCESSES, spawnBinding } from '../statements.js';
import { asksStarted, callsProcess, CHANNEL_PUSH, readsBesideStarted, deferredStart, effectLine, killedProcess, sendsAMessage, startedModule, startedPid, type StatementEffect } from '../effects.js';
import type { Signals } from '../signals.js';
import type { SiteContext } from '../../context/site-context.js';
import type { ModuleIndex } from '../../project/module-index.js';

/**
 * Which callbacks handle a message: casts go to handle_cast, plain sends to handle_info. Read off
 * the cast or send underneath a project API when known (vintage_net_wifi's `send_message` casts).
 */
export function callbacksFor(effect: { via: string; carrier?: string }): string[] {
  const how = effect.carrier ?? effect.via;
  // A channel test's `push` reaches the channel's handle_in for its event.
  if (how === CHANNEL_PUSH) return ['handle_in'];
  return /send/.test(how) ? ['handle_info'] : /cast/.test(how) ? ['handle_cast'] : ['handle_cast', 'handle_info'];
}

export const syncBarrier: Rule = {
  id: 'sync-barrier',
  verdict: 'problematic',
  produces: 'sync_barrier',
  summary: 'waits for a cast or send to a GenServer to be handled: use :sys.get_state/1 as a barrier',
  explanation:
    ':sys.get_state(pid) is a call the process answers only after handling every message already in its mailbox, and ' +
    'messages from the test to that process arrive in order. So after GenServer.cast(pid, …) or send(pid, …) (or an API ' +
    'such as Counter.incr/1 that casts underneath, found by reading the module), :sys.get_state(pid) returns exactly when the ' +
    'cast has been handled. It does not wait for work that process hands on to others, so it applies only when the next line ' +
    'checks the same process, or reads through the repo or ETS what its handler writes there (review), or, last inside a capture_log, the capture checks what that process logs while handling the message (review: it may hand the message on to a process that logs; safe when nothing reads the capture). Not when the check is that it has died, or that a lookup of its name no longer gives it (`refute pid == Rooms.get_pid(id)`; the barrier would exit with it), nor the state of another process found ' +
    'through it, `get_child_pid!(pipeline, :filter) |> :sys.get_state()`, there or in a function of the test it calls; not when the handle_cast for that message passes work on to other processes or starts an operating-system program (the ladder ' +
    'moves on to wait_for), nor when a process the test spawned earlier sleeps inside (the sleep times the test against that ' +
    'work). Marked review when the API could not be read, and when a check that the process is still alive follows (a crash while handling the message makes the barrier exit too, but one caused later, when work it started ends, comes after the barrier); an API we cannot read counts only when its first argument (the ' +
    'value piped into it, if any) is a variable that could hold a process and the test does not use its answer (compared with something other than :ok, a key read off it: a call the process answers) (not `conn`, `socket`, `changeset`, `opts`, an id ' +
    'or a key and the like, nor a plural such as `nodes`, nor one the project function names for data, ' +
    '`def send(socket, …)`, nor one the test bound to a string, number, list or map, to strings joined with <>, or to a ' +
    'call that returns data such as :erlang.unique_integer(), or to a record a helper creates, `owner = create_user!()`, or to a tuple naming no process that a project helper writes out, `ref = unique_ref()`, or to a value a factory builds, `batch = … |> generate()`, nor one whose fields the test reads, `batch.id`: a map or a struct). Not when the comment above it gives the time to another ' +
    'worker ("give dialyzer time to analyze the file"): the messaged process hands that worker the job. Nor into a server the ' +
    'test has wedged on purpose (a function it handed a stub or an expectation never returns, or the comment above says the ' +
    'server is blocked): the handler never ends, and the barrier would wait for good.',
  example: {
    before: 'GenServer.cast(counter, :increment)\nProcess.sleep(50)\nassert Counter.value(counter) == 1',
    after: 'GenServer.cast(counter, :increment)\n:sys.get_state(counter)\nassert Counter.value(counter) == 1',
  },
  decide(ctx, signals) {
    if (!inTestFlow(ctx) || keepsSchedule(ctx)) return null;
    const previous = messagingBefore(ctx.before, ctx.after[0], (statement) => sendsAMessage(signals.effect(statement)));
    // Nothing messaged before it: no handler for a barrier to wait for (the checks below cost more).
    if (!previous) return null;
    const next = barrierNext(ctx);
    const effect = signals.effect(previous);
    // SimplePool's `kill!(ref, context)`, 3 s, then `wait_for_restart(ref)`, a helper of the test's
    // that tries ten times 5 ms apart and then gives up: the sleep is the time that helper falls
    // short of, which a barrier does not give (`manual`).
    if (shorterHelper(ctx.after[0], ctx.duration, signals)) return null;
    // Last inside `capture_log(fn -> send(conn, event); Process.sleep(100) end)`: what the capture
    // checks is what the messaged process logs while it handles the message (xandra).
    const inCapture = ctx.enclosedBy[0] !== undefined && CAPTURES_LOG.test(ctx.enclosedBy[0]);
    const capture = !next && inCapture ? ctx.enclosedBy[0]! : null;
    // Last in the test, after Mox or Mimic expectations that are checked when it ends (railway_ipc's
    // consumer, sent a delivery whose handle_info calls the mocked processor and then the ack): the
    // barrier waits for the handler, which makes those calls if it makes them itself.
    const mocked = !next && !capture && ctx.after.length === 0 && ctx.atUnitTopLevel ? verifiedExpectation(ctx, signals.modules) : null;
    // Nothing after it for a barrier to come before.
    if (!next && !capture && !mocked) return null;
    // A server the test has wedged on purpose (a stub it calls never returns): the sleep only lets the
    // handler begin, and a barrier would wait for its end, which never comes.
    if (wedgedServer(ctx, signals)) return null;
    // A test named for a cancel of something set to happen later and for an event that must then not
    // come (statifier's `{:cancel, …}` before 60 ms past a 30 ms delay): a barrier lets none of the
    // window pass in which the cancelled event would fire (`manual`).
    if (next && cancelledBeforeItFires(ctx)) return null;
    if (next && effect?.kind !== 'message') return deferredWorkBarrier(ctx, signals, previous, next);
    if (effect?.kind !== 'message') return null;
    // `for {i, producer_pid} <- producers do … cast … end` (sequin): the name is the loop's own, and a
    // barrier on it after the loop would not compile; one process of many would not cover the rest.
    if (boundInside(previous, effect.target)) return null;
    // A process the test names itself: not one an API finds on its own (`GenRpc.abcast(Node.list(), …)`,
    // whose logs come from gen_rpc's own connections).
    // Or one registered under the name of the module the test calls (`DeadPortSweeper.sweep()` casting to `@name __MODULE__`).
    if (capture && !mentions(previous, effect.target) && !callsModule(previous, effect.target, ctx.file)) return null;
    // archethic's LRU cache: a put that crashes the server on purpose, the sleep for its supervisor's
    // restart, then `Process.whereis(server)` and `refute Process.alive?(pid_before_crash)`: the
    // barrier would exit with the crash, and waits for no restart.
    if (restartCheckedAfter(capture ? ctx.site.node : ctx.statement, effect.target, capture !== null)) return null;
    // `refute log =~ "error"` after the capture: the sleep gave unwanted lines, from anywhere, time to come.
    if (capture && refutesTheCapture(ctx.statement)) return null;
    // anubis's `capture_log(fn -> StreamableHTTP.unregister_sse_handler(t, id); Process.sleep(10) end)`
    // as a statement of its own: the capture only keeps the log off the console, and nothing reads it.
    const logRead = capture !== null && !captureChecks(ctx.statement).discarded;
    // The check reads through a store (the repo, ETS) what the handler writes there, not the process itself.
    let store: string | null = null;
    let unchanged: SyntaxNode | null = null;
    let asksState = false;
    let answers = false;
    let actsAfter: SyntaxNode | null = null;
    if (next) {
      // The barrier only covers the process the test messaged: the next line must look at that process,
      // not at what a mock recorded (`assert called(PubSub.broadcast!(…, name))`: wait_for polls that).
      if (historyCheck(next)) return null;
      // Or reads its state itself, through a function of the test's own (prom_ex's `get_timer_ref(SetUp)`).
      // Also by the pid the start bound when the message went to the name given there (anubis's
      // `session = start_supervised!({Session, …, name: session_name})`, a cast to `session_name`,
      // then `:sys.get_state(session)`), or the other way round. (Only for a read of its state: a
      // line that starts a process under that name again looks at another one.)
      const names = [effect.target, ...otherNamesOf(effect.target, ctx.before, ctx, signals.modules)];
      asksState = asksStateOf(next, effect.target, ctx);
      // lasso's `release_subscription(id, key)`, a cast to `via(id)`, then `ensure_subscription(id, key)`,
      // a call to the same: the call is answered after the cast, so it is the barrier already (the
      // test could not write `via(id)`, a private function of the module, anyway).
      if (!asksState && outOfReach(effect.target, previous)) answers = callsProcess(signals.effect(next), effect.target);
      // `state = MonitorApp.state(sname)`, an invalid message sent, the sleep, `assert state ==
      // MonitorApp.state(sname)` (deployex): the check is that handling it changed nothing the
      // module's own read sees, and only once it is handled does that say anything.
      const comparedBefore = (): SyntaxNode | null => (effect.module && callsModule(next, effect.module, ctx.file) ? comparedWithEarlierRead(ctx.before, next) : null);
      // Also through another name of it (jido_harness's worker looked up by `session_id`, then
      // `Session.replay(session_id)`), unless the line starts a process under that name again.
      const startsAgain = callNamesIn(next).some((c) => STARTS.test(c.name));
      const checked = names.some((name, at) => (at === 0 || !startsAgain) && signals.checks(next, name, effect.module));
      if (!asksState && !answers && !checked) {
        store = storeItWrites(next, effect, signals, ctx);
        unchanged = store ? null : comparedBefore();
        // plushie's `send(adapter, {:iostream_bridge, self()})`, the sleep, then bytes written to the
        // socket the adapter reads and an `assert_receive` of what it forwards: the sleep lets the
        // registration be handled before the act that reaches the process another way.
        actsAfter = store || unchanged || !effect.resolved ? null : actsAnotherWay(ctx, effect.target, signals);
        if (!store && !unchanged && !actsAfter) return null;
      } else if (!asksState) unchanged = comparedBefore();
      // `refute Process.alive?(p)` after a cast that makes p stop: a barrier into p exits with it (teiserver).
      // Also a field of it (zen_websocket's `refute Process.alive?(server.pid)` after `Testing.stop_server(server)`,
      // `server` a map of pids): the check is a death there too, and `:sys.get_state(server)` would raise.
      const watched = watchedProcess(next) ?? '';
      if (names.includes(watched) || names.some((name) => watched.startsWith(`${name}.`))) return null;
      // georacer's staging area: `pid = StagingArea.Supervisor.get_pid(id)`, `send(pid, :close)`, 50 ms,
      // then `refute pid == StagingArea.Supervisor.get_pid(id)`: the check is that the name no longer
      // leads to that process, that it is gone, and a barrier into it would exit with it.
      if (names.some((name) => lookedUpAsAnother(next, name))) return null;
      // `get_child_pid!(pipeline, :filter) |> :sys.get_state()`, there or in a function of the test's own
      // it calls: the check reads the state of another process, which may change after the messaged
      // one has handled the message and passed it on (membrane's flow control, child by child).
      if (names.every((name) => readsAnotherState(next, name, ctx.file))) return null;
      // The same call to the same process again, given another value (gristle's `set_throttle(1.0)`,
      // 5 s, `set_throttle(0.0)`): the second comes after the first anyway, sent from the same
      // process; the sleep is how long the first holds, which a barrier would take away.
      if (heldBetween(previous, next)) return null;
      // `Client.reconnect(pid)` right after a start with nothing to reach, then `refute Client.connected?(pid)`:
      // it held before the cast, and a barrier returns before the attempt could fail (manual says so).
      if (refutedBeforeItCameUp(next, ctx.before)) return null;
    }
    // A barrier the test cannot write (`via(id)`, private to the module the API is in), unless the
    // next line is one already: no sync_barrier a person could not make either.
    if (!asksState && !answers && outOfReach(effect.target, previous)) return null;
    // "durable watermark advances only after confirmed persistence" (bedrock): casts, the sleep, then
    // `assert durable_version(server) == nil` and `refute_received {:durable, …}`: the checks held
    // before the sleep, which is the window for work passed on to show up too early; a barrier ends
    // it at once. (A name for what must not happen alone is not enough: after `Handler.feed("unsubscribe")`,
    // `refute :someone in Handler.subscribers()` under "never re-added" asks only the server.)
    if (next && idleCheck(next) && ctx.after.slice(1, 4).some((s) => /^refute_receive/.test(assertionName(s) ?? ''))) return null;
    // term_ui's `Cache.solve`, which casts to `__MODULE__`, in a file whose setup starts the cache as
    // `Cache.start_link(…, name: :test_cache)`: no process is registered under the module's name.
    if (startedUnderAnotherName(effect.target, ctx)) return null;
    // `pid = spawn_link(fn -> receive … end)`: a plain process answers no :sys.get_state/1.
    if (plainProcessStart(effect.target, ctx, signals)) return null;
    // `:sys.suspend(@mut)` before the message (mutex's crossing grant and cancellation): a suspended
    // server answers :sys.get_state at once and handles nothing else, so a barrier waits for nothing.
    if (suspendedBefore(ctx.before, effect.target)) return null;
    // "# Give dialyzer time to analyze the file", after a cast to `server` (elixir-ls): the comment
    // names another worker, which the server hands the job to; a barrier on the server returns early.
    if (namesAnotherWorker(signals.commentAbove(), effect.target)) return null;
    // Work the server passes on to other processes is not covered by the barrier: the ladder moves on.
    // Inside a capture, what the handler logs is what is checked: capture_log flushes Logger before it
    // ends, also when the sleep is not its last line (supavisor's `assert Process.alive?(pid)` after it).
    // A write to a socket or port counts too: the peer answers on its own time, and what its answer sets off comes after the barrier.
    const handsOn = effect.module ? signals.modules.handsWorkOn(effect.module, ctx.file, callbacksFor(effect), effect.message, SOCKET_WRITES, sleptMs(ctx)) : null;
    if (handsOn) return null;
    // robotem's `%{process_runner: pr}`, a pid its setup asked the registry for after registering the
    // process: no start the tool reads says which server answers the message, nor whether its handler
    // hands the work on (there a task, and retries on a timer). The ladder moves on to a poll of the check.
    if (!effect.module && lookedUpInSetup(effect.target, ctx, signals.modules)) return null;
    // poolder's batcher: the cast's handler answers `{:noreply, state, @idle}`, and the flush comes
    // when that idle time runs out; a barrier cancels the timeout and returns before any flush.
    if (effect.module && signals.modules.handlerArmsTimeout(effect.module, ctx.file, callbacksFor(effect), effect.message ?? null) !== null) return null;
    // A handler that may raise or stop on it (`handle_cast({:feed, "boom"}, _), do: raise("boom")`): the barrier would exit with the process.
    if (effect.module && signals.modules.mayStopWhileHandling(effect.module, ctx.file, callbacksFor(effect), effect.message ?? null)) return null;
    // A process the test spawned earlier is busy (`spawn(fn -> … :timer.sleep(100) end)`): the sleep
    // times the test against that work (lets it take a lock, or finish), which no barrier on the server waits for.
    if (busyWorker(ctx.before)) return null;
    // `pid = spawn(fn -> Process.sleep(100) end)` handed to the code under test, then a 250 ms sleep
    // (quickbeam's monitor callbacks): the sleep outlasts that process and waits for its death, and
    // for what the death sets off, which no barrier waits for.
    if (diesWithinTheSleep(ctx)) return null;
    // `assert Process.alive?(pid)` after it: a crash while handling the message makes the barrier
    // exit too, but the sleep may give the process time to fail later (a daemon it started exits:
    // vintage_net), which the barrier returns before. A person tells which.
    const alive = aliveChecks(assertionsAfter(ctx.after)).find((check) => check.pid === effect.target);
    // maracuja's `send :global.whereis_name(@name), :smth`, which the server has no clause for, in
    // "… handles crashes", then the same lookup checked alive: the check is of the replacement, and
    // a barrier on the crashing process exits with it.
    if (alive && lookedUpAgainAfterStop(alive.pid, ctx.after, ctx.before, ctx.test)) return null;
    // Whether it is that process that logs, and not one it hands the message on to, a person tells.
    // Through a store, whether the handler writes what the check reads, a person tells.
    // propcheck's `PingPongMaster.play_ping_pong(:player_73)`, a plain `send` to a name its module
    // registered for `spawn(fn -> ping_pong_player(name) end)`: a bare receive loop, whose catch-all
    // clause a system message kills. Whether the name is a server's, a person tells.
    const bareName = /^:[a-z_]\w*$/.test(effect.target) && /send/i.test(effect.carrier ?? effect.via);
    // `OPQ.enqueue(feeder, job)` casts to whatever process it is handed: when the module the message
    // was traced to has no handler for it, the handler that runs is unread, and so is what it sets
    // off (opq's feeder, a GenStage producer, dispatches the job to a consumer that runs it).
    const module = effect.module;
    const unread = module && callbacksFor(effect).every((callback) => signals.modules.handlesAs(module, callback, ctx.file) === false) ? module : null;
    // term_ui's runtime queues the event in its handle_cast and does the work on a `:render` timer
    // it armed in init/1 and arms again: the barrier returns once the event is queued. Not a timer
    // further off than the sleep, which it cannot be waiting for.
    // Armed only once too (gen_spoxy's tasks executor, made to run its queue a single time), when the
    // sleep outlasts its known time: the barrier returns once the task is queued, before the timer fires.
    const tick = module ? signals.modules.selfTicking(module, ctx.file, true) : null;
    // Not when the test sends the timer's own message (adk's `send(pid, :daily_reset)`): the handler
    // that does the round's work is the one it runs.
    const ownTick = tick !== null && effect.message !== undefined && effect.message !== null && squeezed(effect.message) === squeezed(tick.message);
    // One armed once counts only when its time is known and the sleep outlasts it.
    const dueInSleep = tick !== null && (tick.ms === null || sleptMs(ctx) === undefined ? !tick.once : tick.ms <= sleptMs(ctx)!);
    const ticking = tick && !ownTick && dueInSleep ? tick : null;
    // exampple's component, a `:gen_statem` that arms a keepalive timeout in its ready state: the test
    // disconnects and sleeps past that time to see no ping fire on the closed socket, which a barrier
    // right after the disconnect never lets come.
    const machineTimer = module && !ticking ? signals.modules.statemTimer(module, ctx.file) : null;
    // frayt's `FakeSlack.clear_messages()`, a cast, the sleep, then `assert [] = FakeSlack.get_messages(…)`,
    // a call to the same server: its answer comes after the cast anyway, so the sleep did not wait
    // for that; it may be the window in which nothing more must arrive (a notifier's next round),
    // which the barrier closes. A person tells.
    const window = next && assertionName(next) === 'assert' && idleCheck(next) && callNamesIn(next).some((c) => callsProcess(signals.effect(c.node), effect.target)) ? next : null;
    // imaginative-restoration's watchdog, started with `silence_threshold: 50` in the setup: a heartbeat
    // cast, 80 ms, then `check_now()`, which must find the heartbeat older than the threshold. The
    // sleep may be letting that time pass, which a barrier does not.
    // batteries-included's stale watcher, started with `delay: 100`: a message, 50 ms, another, 20 ms,
    // a check, 50 ms, a third that must find the first one's stamp older than the delay. No sleep
    // outlasts it alone, but together they do, and barriers in their places let no time pass.
    const slept = sleptMs(ctx);
    const together = blockSleptMs(ctx);
    const ran = ranBefore(ctx);
    const outlasted = (slept !== undefined ? outlastedSetting(ran, slept, ctx.file) : null) ?? (together !== undefined && together > (slept ?? 0) ? outlastedSetting(ran, together, ctx.file) : null);
    // serverboards' plugin kept alive past its idle timeout by the same call every 800 ms: the
    // spacing of rounds written out one by one may be the point, and barriers run them back to back.
    const rounds = unrolledRound(ctx, signals);
    // The same API again after it, to the same process with other data (a debouncer's `query(s, "a")`,
    // 30 ms, `query(s, "ab")`): its message comes after the first anyway, so the sleep was not for
    // their order; it spaces them in time, which may be what the test is about (the window a timer
    // the handler arms again measures), and barriers take it away.
    const spaced = rounds ? null : actMadeAgain(ctx);
    // leaky's bucket, `refill: 1, interval: 10` in the setup: `adjust_tokens(@bucket, -2)`, 2 ms, then
    // `assert 2 < Leaky.inspect(@bucket)`. The tokens grow with the clock, and a bound from one side
    // may need the time the sleep let pass, which a barrier does not.
    const [bounded] = next && ONE_SIDED.test(binaryParts(callArguments(next)[0] ?? next)?.op ?? '') && assertionName(next) ? callArguments(next) : [];
    const rate = bounded ? signals.option('rate_window') : null;
    // swim_ex's "# let a protocol period fire so na sends its own probe to x": the author says the
    // sleep lets a timer of the process fire, which comes after the messages a barrier waits for.
    const firing = TIMER_FIRES.exec(signals.commentAbove() ?? '')?.[0] ?? null;
    const safe = !firing && !mocked && !machineTimer && effect.resolved && !alive && !logRead && !store && !unchanged && !bareName && !unread && !ticking && !window && !actsAfter && !outlasted && !rounds && !spaced && !rate;
    const via = effect.direct ? `\`${effect.via}\`` : `\`${effect.via}\` (${effect.resolved ? `a ${/send/i.test(effect.carrier ?? '') || effect.carrier === CHANNEL_PUSH ? 'send' : 'cast'} underneath` : 'may cast'})`;
    return {
      fix: 'sync_barrier',
      safety: safe ? 'safe' : 'review',
      confidence: safe ? 'high' : 'medium',
      reason:
        `waits for ${via} to \`${oneLine(effect.target, 30)}\` (line ${effectLine(effect, previous)}); ` +
        (next
          ? store
            ? `line ${line(next)} reads through ${store} what its handler writes there, and the barrier also waits for the rest of the handler`
            : unchanged
            ? `line ${line(next)} checks that what \`${effect.module}\` reads is as line ${line(unchanged)} found it, which says something only once the message is handled`
            : asksState
              ? `line ${line(next)} asks that process for its state, which is the barrier already: the sleep only goes`
              : answers
              ? `line ${line(next)} calls that process, which answers only after handling the message: the barrier is there already, and the sleep only goes`
              : actsAfter
                ? `line ${line(actsAfter)} then acts another way (\`${oneLine(actsAfter.text, 40)}\`), which that process must meet with the message handled: the barrier waits for that`
                : `line ${line(next)} ${assertionName(next) ? 'checks' : 'uses'} the same process`
          : mocked
            ? `the mock expectations set before it (the last on line ${lastExpectationLine(mocked)}) are checked when the test ends: the barrier waits for the handler, which makes those calls if it makes them itself`
          : logRead
            ? `the \`${capture}\` around it checks what that process logs while handling it`
            : `the \`${capture}\` around it only keeps the log off the console (nothing reads what it captured): the barrier waits in the sleep's place`) +
        (window ? `; line ${line(window)} checks for an idle state through a call that process answers after the message anyway: the sleep may be a window in which nothing more must arrive${asksState || answers ? '' : ', which the barrier closes'}` : '') +
        (alive ? `; line ${line(alive.statement)} checks it is still alive, and a failure after it handled the message (of work it started) would come after the barrier` : '') +
        (bareName ? `; \`${effect.target}\` is a name a plain \`send\` reaches, which may be a bare receive loop that a system message kills rather than a server` : '') +
        (unread ? `; \`${unread}\` does not handle the message itself, so what the process that does sets off is not read` : '') +
        (outlasted ? `; ${outlasted.ms === slept ? 'the sleep outlasts' : `the sleeps of its block add up to ${outlasted.ms} ms, past`} \`${outlasted.text}\` set on line ${line(outlasted.statement)}, which ${outlasted.ms === slept ? 'it' : 'they'} may be waiting out: a barrier lets no time pass` : '') +
        (rate ? `; line ${line(next!)} bounds \`${oneLine(bounded!.text, 30)}\` from one side, and line ${rate.line} sets \`${rate.text}\`: what it reads may grow with the clock, and the bound may need the time the sleep let pass, which a barrier does not` : '') +
        (spaced ? `; line ${line(next ?? spaced)} sends the same process the same kind of message again, which reaches it after the first anyway: the sleep only spaces them in time, which may be what the test needs, and a barrier takes that away` : '') +
        (rounds ? `; line ${line(rounds)} is made again, word for word, a sleep away: rounds of one act spaced by sleeps, whose spacing may be what the test needs, which barriers take away` : '') +
        (firing ? `; the comment above it says it lets a timer run (“${firing}”), which a barrier does not wait for` : '') +
        (machineTimer ? `; \`${module}\` arms a timeout of its own as it handles events (\`${oneLine(machineTimer, 50)}\`): the sleep may be letting it run out, which a barrier does not` : '') +
        (ticking && !ticking.once ? `; the process also works on a timer of its own (\`${oneLine(ticking.message, 20)}\`${ticking.ms !== null ? ` every ${ticking.ms} ms` : ''}, armed in init/1): what the message sets off may wait for its next round, which the barrier does not` : '') +
        (ticking?.once ? `; the process also works on a timer of its own (\`${oneLine(ticking.message, 20)}\`, ${ticking.ms} ms after it starts, armed once in init/1), which the sleep outlasts: what the message sets off may wait for it, which the barrier does not` : ''),
      evidence: next ? [line(previous), line(next)] : [line(previous)],
    };
  },
};

/**
 * `{:ok, pid} = HotContracts.start_link([])` whose init/1 leaves its work to handle_continue or a
 * message to itself (blockscout), the sleep, then `assert Process.alive?(pid)` or a check of what that
 * work writes: the server handles a call only after that work, so `:sys.get_state(pid)` waits for
 * exactly it. Review: what the work sets off elsewhere, or a crash it causes later, comes after the barrier.
 */
function deferredWorkBarrier(ctx: SiteContext, signals: Signals, previous: SyntaxNode, next: SyntaxNode): Decision | null {
  const started = deferredStart(previous, ctx, signals.modules);
  const pid = started && startedPid(previous, ctx, signals.modules);
  if (!started || !pid || historyCheck(next) || busyWorker(ctx.before)) return null;
  // A death (the barrier would exit with it, or not wait for it); another process's state; a call to
  // the server itself that does not already wait for the work (remove's case): its answer comes from elsewhere (a port).
  // A function of its module that only works on a table beside it asks nothing of the server (readsBesideStarted).
  if (watchedProcess(next) !== null || readsAnotherState(next, pid, ctx.file)) return null;
  if (asksStarted(next, { bound: [pid], written: started.written }) && aliveChecks([next]).length === 0 && !readsBesideStarted(next, { bound: [pid], module: started.module }, ctx, signals.modules)) return null;
  if (signals.modules.handsWorkOn(started.module, ctx.file, [started.work.callback], started.work.message, SOCKET_WRITES, sleptMs(ctx))) return null;
  // The work goes on in a message the server sends itself through a function of its own: the barrier
  // may come before it (blockscout's `process_chain_age_check()` casting `:check_completeness`).
  if (signals.modules.messagesItselfThrough(started.module, ctx.file, [started.work.callback], started.work.message)) return null;
  return {
    fix: 'sync_barrier',
    safety: 'review',
    confidence: 'medium',
    reason: `waits for the work \`${started.written}\`'s init/1 left to itself (line ${line(previous)} starts it as \`${pid}\`): the server answers a call only after that work, but what the work sets off elsewhere comes after the barrier`,
    evidence: [line(previous), line(next)],
  };
}

/**
 * The call a setup found the pid `target` names with, when the test takes it from its context: a
 * lookup by name (`Process.whereis(:runner)`, `[{pid, _}] = Registry.lookup(Reg, key)`), or a function
 * of the project's that answers a pid it did not start (`Directory.runner_for(:orders)`, a call to a
 * server that keeps a map of them; `ProcessRegistry.get_pid(mod)`, a read of a table). Nothing read
 * says which server that is. Null for a start, a name that is a module's (`Process.whereis(Cache)`),
 * or a value matched as `{:ok, pid}`, as starts answer.
 */
function lookedUpInSetup(target: string, ctx: SiteContext, modules: ModuleIndex): SyntaxNode | null {
  const given = givenBySetup(target, ctx);
  const call = given?.value.type === 'call' ? given.value : null;
  const name = call && callName(call);
  if (!call || !name || (given!.pattern && given!.pattern.type !== 'identifier' && given!.pattern.type !== 'list')) return null;
  const args = callArguments(call);
  if (findsByName(call)) return /^(?:Process|GenServer)\.whereis$/.test(name) && args[0]?.type === 'alias' ? null : call;
  const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
  if (!remote || STANDARD_MODULE.test(name)) return null;
  const [module, fun] = [ctx.file.resolveAlias(remote[1]!), remote[2]!];
  if (modules.defines(module, fun, ctx.file) !== true || startedModule(name, call, ctx, modules)) return null;
  if (modules.callIn(module, fun, args.length, ctx.file, (called) => STARTS_OR_SPAWNS.test(called)) !== null) return null;
  const effect = modules.effectOf(module, fun, args.map((a) => a.text), ctx.file);
  return effect?.kind === 'async' || effect?.kind === 'message' ? null : call;
}

/** A call in a function's body that starts a process: `start_link`, `start_child`, `spawn`, `Task.start`. */
const STARTS_OR_SPAWNS = /(?:^|\.)(?:start(?:_link|_child)?|spawn\w*)$/;

/** The sleep's length in ms when it is known. */
function sleptMs(ctx: SiteContext): number | undefined {
  return typeof ctx.duration === 'number' ? ctx.duration : undefined;
}

/** Was `target` suspended (`:sys.suspend(target)`) by a statement before the sleep, and not resumed since? `before` is nearest first. */
function suspendedBefore(before: readonly SyntaxNode[], target: string): boolean {
  for (const statement of before) {
    if (!statement.text.includes(':sys.')) continue;
    const call = callNamesIn(statement).find(({ name, node }) => (name === ':sys.suspend' || name === ':sys.resume') && callArguments(node)[0]?.text === target);
    if (call) return call.name === ':sys.suspend';
  }
  return false;
}

/** Is the statement that ends in the capture around `sleep` followed by a refutation (`refute log =~ "error"`)? */
export function refutesTheCapture(sleep: SyntaxNode): boolean {
  return captureChecks(sleep).refuted !== null;
}

/**
 * The first `refute` and the first `assert` on what the `capture_log` around `sleep` captured. Bound
 * to a name (`log = capture_log(…)`), only the statements that read that name count, up to the next
 * capture bound to it (ecto_watch rebinds `log` for each step: a later step's refutes are not this
 * capture's); not bound, the statement holding the capture is its only check. `discarded`: the
 * capture is a statement of its own, its value unused.
 */
export function captureChecks(sleep: SyntaxNode): { refuted: SyntaxNode | null; asserted: SyntaxNode | null; discarded: boolean; next: SyntaxNode | null } {
  const checks = { refuted: null as SyntaxNode | null, asserted: null as SyntaxNode | null, discarded: false, next: null as SyntaxNode | null };
  let capture: SyntaxNode | null = sleep.parent;
  while (capture && !(capture.type === 'call' && CAPTURES_LOG.test(callName(capture) ?? ''))) capture = capture.parent;
  const statement = capture && enclosingStatement(capture);
  if (!statement?.parent) return checks;
  // The statement the test goes on with after the capture (comments passed over).
  const following = statementsOf(statement.parent);
  checks.next = following.slice(following.findIndex((s) => s.id === statement.id) + 1).find((s) => s.type !== 'comment') ?? null;
  // The capture is a statement by itself: what it returns goes nowhere.
  checks.discarded = statement.id === capture!.id;
  const parts = binaryParts(statement);
  const names = parts?.op === '=' ? patternBindings(parts.left) : [];
  const note = (check: SyntaxNode): void => {
    // `assert not log =~ "error"` refutes as `refute log =~ "error"` does (see deniedCondition).
    if (deniedCondition(check)) checks.refuted ??= check;
    else if (assertionName(check) === 'assert') checks.asserted ??= check;
  };
  if (names.length === 0) {
    // `_ = capture_log(fn -> … end)` (cadet's): bound to nothing, read by no one.
    if (parts?.op === '=') checks.discarded = true;
    else note(statement);
    return checks;
  }
  const reads = new RegExp(`(?<![\\w@.:])(?:${names.join('|')})\\b(?![?!:])`);
  const siblings = statementsOf(statement.parent);
  let read = false;
  for (const later of siblings.slice(siblings.findIndex((s) => s.id === statement.id) + 1)) {
    const rebound = binaryParts(later);
    if (rebound?.op === '=' && patternBindings(rebound.left).some((name) => names.includes(name))) break;
    if (!reads.test(later.text)) continue;
    read = true;
    note(later);
  }
  // `log = capture_log(fn -> … end)` and `log` never read again (ehs_enforcement's): as good as discarded.
  checks.discarded = !read;
  return checks;
}

/** Does `statement` call a function of `module` (`DeadPortSweeper.sweep()` under `alias Supavisor.DeadPortSweeper`)? */
function callsModule(statement: SyntaxNode, module: string, file: SourceFile): boolean {
  return /^[A-Z]/.test(module) && callNamesIn(statement).some(({ name }) => {
    const remote = /^([A-Z][\w.]*)\.[a-z_]\w*[?!]?$/.exec(name);
    return remote !== null && file.resolveAlias(remote[1]!) === module;
  });
}

/** A time setting by its name: a threshold, timeout, TTL, delay, window or period, in ms; not a count or a size (`window_size: 10`, `failure_threshold: 3`). */
const TIME_KEY = /^(?!.*(?:size|count|max|min|limit|attempts|retries|failure|success|error|requests|calls)).*(?:threshold|timeout|ttl|delay|window|period|expir|lifetime|idle)/;
/** The words one of TIME_KEY's keys holds: a statement whose text has none sets no time. */
const TIME_WORD = /threshold|timeout|ttl|delay|window|period|expir|lifetime|idle/;

/** A time setting made before the sleep that it outlasts by at most four times, or null. A name the test bound the time to counts as the time. */
function outlastedSetting(ran: readonly SyntaxNode[], slept: number, file: SourceFile): { statement: SyntaxNode; text: string; ms: number } | null {
  for (const statement of ran) {
    // The text test first: most statements name no time setting, and reading their pairs costs more.
    if (!TIME_WORD.test(statement.text)) continue;
    const setting = resolvedKeywordTimes(statement, TIME_KEY, file).find(({ ms }) => ms > 0 && slept >= ms && slept <= ms * 4);
    if (setting) return { statement, text: setting.text, ms: slept };
  }
  return null;
}

/** A comparison that bounds from one side: `<`, `>`, `<=`, `>=`. */
const ONE_SIDED = /^(?:<|>|<=|>=)$/;

/** What the plain sleeps of the sleep's block add up to, this one among them; undefined when one's length is unknown. */
function blockSleptMs(ctx: SiteContext): number | undefined {
  if (!ctx.statement.parent) return sleptMs(ctx);
  let total = 0;
  for (const statement of statementsOf(ctx.statement.parent)) {
    if (!isPlainSleep(statement)) continue;
    const ms = statement.id === ctx.statement.id ? ctx.duration : estimateDuration(callArguments(statement)[0] ?? null, ctx.file);
    if (typeof ms !== 'number') return undefined;
    total += ms;
  }
  return total;
}

/** `capture_log`, written bare or in full: its function's return value is not used, so a barrier may end it. */
const CAPTURES_LOG = /^(?:ExUnit\.CaptureLog\.)?capture_log$/;

/**
 * Does `statement`, or a function of the file it calls with `target`, look into a process's state
 * (`:sys.get_state/1`) through anything but `target` itself (in such a function: the parameter
 * `target` is handed to)?
 */
function readsAnotherState(statement: SyntaxNode, target: string, file: SourceFile): boolean {
  if (readsStateOtherThan(statement, target)) return true;
  const defined = definedFunctions(file);
  for (const { name, node } of callNamesIn(statement)) {
    if (name.includes('.') || !defined.has(name)) continue;
    const args = callArguments(node);
    const at = args.findIndex((a) => a.text === target);
    if (at === -1) continue;
    for (const fn of fileFunctions(file)) {
      if (fn.name !== name) continue;
      const head = callArguments(fn.statement)[0];
      const params = head?.type === 'call' ? callArguments(head) : [];
      if (params.length === args.length && readsStateOtherThan(fn.statement, params[at]!.text)) return true;
    }
  }
  return false;
}

/**
 * Does `statement` look into `target`'s own state (`:sys.get_state(target)`), there or in a function
 * of the file it calls, its parameters read as what it is handed (prom_ex's `get_timer_ref(SetUp)`,
 * whose body pipes `module.__ets_cron_flusher_name__()` into `:sys.get_state`)? That call is
 * answered only after every message sent to `target` before it.
 */
export function readsStateOf(statement: SyntaxNode, target: string, file: SourceFile): boolean {
  if (statesRead(statement).some((state) => squeezed(state) === squeezed(target))) return true;
  const defined = definedFunctions(file);
  return callNamesIn(statement).some(({ name, node }) => {
    if (name.includes('.') || !defined.has(name)) return false;
    const args = callArguments(node).map((a) => a.text);
    return fileFunctions(file).some((fn) => {
      if (fn.name !== name) return false;
      const head = callArguments(fn.statement)[0];
      const params = head?.type === 'call' ? callArguments(head).map((p) => p.text) : [];
      if (params.length !== args.length) return false;
      // Only plain parameters are read as what they are handed (`module`, not `%{pid: pid}`).
      const handed = (text: string) => params.reduce((out, param, at) => (/^[a-z_]\w*$/.test(param) ? out.replace(new RegExp(String.raw`(?<![\w.:@])${param}(?![\w?!])`, 'g'), args[at]!) : out), text);
      return statesRead(fn.statement).some((state) => squeezed(handed(state)) === squeezed(target));
    });
  });
}

/**
 * The processes whose state `node` reads with `:sys.get_state` (or `:sys.get_status`), as written;
 * or replaces, `:sys.replace_state`, a system call answered in the same turn (blackboex's
 * `force_half_open(provider)`, whose body rewrites the breaker's state after five casts to it).
 */
function statesRead(node: SyntaxNode): string[] {
  if (!node.text.includes(':sys.')) return [];
  return callNamesIn(node).flatMap(({ name, node: call }) => {
    const state = name === ':sys.get_state' || name === ':sys.get_status' || name === ':sys.replace_state' ? stateOf(call) : null;
    return state ? [state.text] : [];
  });
}

/** Does `node` hold a `:sys.get_state` of anything but `process`? */
export function readsStateOtherThan(node: SyntaxNode, process: string): boolean {
  return statesRead(node).some((state) => state !== process);
}

/** Writes and reads of an Ecto repo, by name (`Repo.insert!`, `MyApp.Repo.aggregate`). */
const REPO_WRITE = /(?:^|\.)Repo\.(?:insert|insert_all|insert_or_update|update|update_all|delete|delete_all)!?$/;
/** A function of the project's named for a write (`BillingCounts.insert(user, source, attrs)`, `Accounts.create_user`). */
const NAMED_WRITE = /^[A-Z][\w.]*\.(?:insert|create|update|upsert|delete|save)(?:_\w+)?!?$/;
const REPO_READ = /(?:^|\.)Repo\.(?:all|one|get|get_by|aggregate|exists\?|reload)!?$/;
const ETS_WRITE = /^:ets\.(?:insert|insert_new|delete|delete_object|delete_all_objects|match_delete|select_delete|update_counter|update_element|select_replace)$/;
const ETS_READ = /^:ets\.(?:lookup|lookup_element|tab2list|member|match|match_object|select|select_count|info|first|next|foldl|foldr)$/;

/** Stores a handler writes and a check reads outside the process: the repo, ETS tables. */
const STORES = [
  { name: 'the repo', reads: (name: string) => REPO_READ.test(name), writes: (name: string) => REPO_WRITE.test(name) || (NAMED_WRITE.test(name) && !STANDARD_MODULE.test(name)) },
  { name: 'ETS', reads: (name: string) => ETS_READ.test(name), writes: (name: string) => ETS_WRITE.test(name) },
];

/**
 * The store `next` reads what the messaged process's handler writes there (Logflare's billing
 * writer inserts a count, then reports it to Stripe; the test checks `Repo.aggregate(BillingCount,
 * :count)`; phoenix_profiler's `:sweep` empties the server's ETS tables, and the test reads them with
 * `:ets.tab2list`), or null. The write is done when the handler returns, and a barrier also waits for the rest of it.
 */
function storeItWrites(next: SyntaxNode, effect: Extract<StatementEffect, { kind: 'message' }>, signals: Signals, ctx: SiteContext): string | null {
  if (!effect.module) return null;
  const reads = callNamesIn(next).map((c) => c.name);
  const stores = STORES.filter((store) => reads.some(store.reads));
  if (stores.length === 0) return null;
  const written = signals.modules.handlerCalls(effect.module, ctx.file, callbacksFor(effect), effect.message ?? null);
  return stores.find((store) => written.some(store.writes))?.name ?? null;
}

/**
 * Do the statements right after `from` (the sleep's, or the capture's around it) look the name
 * `target` up again and check that the pid it had before is dead? Then the message crashed the
 * server on purpose and the test waits for its restart.
 */
function restartCheckedAfter(from: SyntaxNode, target: string, inCapture: boolean): boolean {
  let statement: SyntaxNode | null = from;
  if (inCapture) {
    let capture: SyntaxNode | null = from;
    while (capture && !(capture.type === 'call' && CAPTURES_LOG.test(callName(capture) ?? ''))) capture = capture.parent;
    statement = capture ? enclosingStatement(capture) : null;
  }
  if (!statement?.parent) return false;
  const siblings = statementsOf(statement.parent);
  const at = siblings.findIndex((s) => s.id === statement!.id);
  const next = siblings.slice(at + 1, at + 5);
  const looksUp = new RegExp(String.raw`\bProcess\.whereis\(\s*${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\s*\)`);
  return next.some((s) => looksUp.test(s.text)) && next.some((s) => /^(?:refute\s*\(?\s*Process\.alive\?|assert\s*\(?\s*(?:not|!)\s*Process\.alive\?)/.test(s.text));
}

/**
 * A function named for finding a process's pid (`StagingArea.Supervisor.get_pid(id)`, `Rooms.pid_for(code)`,
 * `find_pid`); not one for the pid of a role, `host_pid`, which another process may take over.
 */
const PID_GETTER = /(?:^|\.)(?:(?:get|find|lookup|fetch)_)?pid(?:_(?:for|of))?$/;

/**
 * Does `statement` check that a lookup no longer gives `pid`: `refute pid == Lookup.get_pid(id)`,
 * `assert GenServer.whereis(name) != pid`? The lookup finds a process by name (`findsByName`) or is
 * a function named for a pid. Then the process is expected gone, or replaced under its name.
 */
function lookedUpAsAnother(statement: SyntaxNode, pid: string): boolean {
  const assertion = assertionName(statement);
  const parts = assertion === 'assert' || assertion === 'refute' ? binaryParts(callArguments(statement)[0] ?? statement) : null;
  if (!parts) return false;
  const differs = assertion === 'refute' ? parts.op === '==' || parts.op === '===' : parts.op === '!=' || parts.op === '!==';
  const other = parts.left.text.trim() === pid ? parts.right : parts.right.text.trim() === pid ? parts.left : null;
  return differs && other?.type === 'call' && (findsByName(other) || PID_GETTER.test(callName(other) ?? ''));
}

/** The process `:sys.get_state` is asked about: its first argument, or the value piped into it. */
function stateOf(call: SyntaxNode): SyntaxNode | null {
  const [first] = callArguments(call);
  if (first) return first;
  const pipe = call.parent && binaryParts(call.parent);
  return pipe?.op === '|>' && pipe.right.id === call.id ? pipe.left : null;
}

/**
 * The statement before the sleep (nearest first) that spawned a process still busy sleeping in its
 * function, or undefined. Not one killed since (file_system's `new_subscriber`, killed and refuted
 * alive before the sleep): whatever the sleep waits for, it is not that work.
 */
export function busyWorker(before: readonly SyntaxNode[]): SyntaxNode | undefined {
  return before.find((statement, at) => {
    if (!spawnsSleepingWork(statement)) return false;
    const bound = binaryParts(statement);
    const pid = bound?.op === '=' && bound.left.type === 'identifier' ? bound.left.text : null;
    return pid === null || !before.slice(0, at).some((s) => killedProcess(s)?.pid.text === pid);
  });
}

/**
 * The statement before the sleep (nearest first) that spawned work which itself sleeps longer than
 * the sleep does (atomic_semaphore's twenty holders of `:timer.sleep(50)`, then 25 ms and a count of
 * the permits taken): when the sleep ends that work is still going, and a check then samples it
 * mid-way, which a poll would do the first moment it matches. Undefined when there is none.
 */
export function outlastingWorker(ctx: SiteContext): SyntaxNode | undefined {
  const slept = ctx.duration;
  if (typeof slept !== 'number') return undefined;
  const outlasts = (fn: SyntaxNode) =>
    fn.descendantsOfType('call').some((call) => {
      const name = callName(call);
      if (name !== 'Process.sleep' && name !== ':timer.sleep' && name !== ':ct.sleep') return false;
      const held = estimateDuration(siteOfWait(call, ctx.file.source)?.duration ?? null, ctx.file);
      return typeof held === 'number' && held > slept;
    });
  return ctx.before.find((statement) => {
    // Not a task awaited before the sleep (ragistry's `Task.await(task)`): its sleep is over.
    if (spawnsSleepingWork(statement)) return !awaitedLater(statement, ctx.before) && statement.descendantsOfType('anonymous_function').some(outlasts);
    // odd_job's `perform_expensive_jobs(1..10)`, a function of the test's own that hands the pool
    // under test jobs of `Process.sleep(10)` each: the same work, one call away.
    const helper = localHelperOf(statement, ctx.file);
    return helper !== null && helper.text.includes('sleep') && helper.descendantsOfType('anonymous_function').some((fn) => handedToRunElsewhere(fn) && outlasts(fn));
  });
}

/** The definition of the function of the test file that `statement` calls first (a bare name), or null. */
function localHelperOf(statement: SyntaxNode, file: SourceFile): SyntaxNode | null {
  const name = mainCall(statement) && callName(mainCall(statement)!);
  if (!name || !/^[a-z_]\w*[?!]?$/.test(name)) return null;
  return fileFunctions(file).find((f) => f.name === name)?.statement ?? null;
}

/**
 * Is `fn` handed to a call that runs it elsewhere: a spawn or task, or code of the project's (the pool
 * under test); not the standard library's other calls, nor one that runs it in place (`Enum.each`, `capture_log`)?
 */
function handedToRunElsewhere(fn: SyntaxNode): boolean {
  const call = fn.parent?.type === 'arguments' ? fn.parent.parent : null;
  const name = call?.type === 'call' ? callName(call) : null;
  if (!name) return false;
  if (SPAWNING_CALLS.has(name)) return true;
  return !STANDARD_MODULE.test(name) && !runsInCallerProcess(name) && /^(?:[a-z_]\w*|[A-Z][\w.]*\.[a-z_]\w*)[?!]?$/.test(name);
}

/** Does `statement` start a process whose function sleeps a while (simulated work, not a keep-alive)? */
function spawnsSleepingWork(statement: SyntaxNode): boolean {
  if (!statement.text.includes('sleep')) return false;
  return callNamesIn(statement).some(
    ({ name, node }) => SPAWNING_CALLS.has(name) && node.descendantsOfType('anonymous_function').some((fn) => SLEEPS_A_WHILE.test(fn.text) && !onlySleeps(fn)),
  );
}

/** A process the test spawned before the sleep that does nothing but sleep, for less than the sleep does. */
function diesWithinTheSleep(ctx: SiteContext): boolean {
  const slept = ctx.duration;
  if (typeof slept !== 'number') return false;
  // The text test first: most statements before a sleep spawn nothing that sleeps, and naming their calls costs more.
  return ctx.before.some((statement) =>
    MAY_SLEEP.test(statement.text) &&
    callNamesIn(statement).some(({ name, node }) =>
      SPAWNING_CALLS.has(name) &&
      node.descendantsOfType('anonymous_function').some((fn) => {
        const wait = onlyStatement(fn);
        if (!wait || !isPlainSleep(wait)) return false;
        const lifetime = estimateDuration(siteOfWait(wait, ctx.file.source)?.duration ?? null, ctx.file);
        return typeof lifetime === 'number' && lifetime < slept;
      }),
    ),
  );
}

/** A sleep in any of its forms, `receive do after 100 -> :ok end` included. */
const MAY_SLEEP = /sleep|\bafter\b/;

/** `spawn(fn -> :timer.sleep(1000) end)`: a process kept alive to be some live pid, doing no work (poolex). */
function onlySleeps(fn: SyntaxNode): boolean {
  const statement = onlyStatement(fn);
  return !!statement && isPlainSleep(statement);
}

/** The one statement of a one-clause `fn`, or null. */
function onlyStatement(fn: SyntaxNode): SyntaxNode | null {
  const clauses = fn.namedChildren.filter((c) => c.type === 'stab_clause');
  const body = clauses.length === 1 ? clauses[0]!.namedChildren.find((c) => c.type === 'body') : undefined;
  const statements = body ? statementsOf(body) : [];
  return statements.length === 1 ? statements[0]! : null;
}

/** A comment that says the server is stuck in what it is handling: "the GenServer is now blocked", "while the worker is busy". */
const SERVER_STUCK = /\b(?:is|are|now|stays|remains|still)\s+(?:now\s+|still\s+)?(?:blocked|busy|stuck|wedged|hung|hanging)\b/i;
/** The same words undone: "until it is no longer busy", "is not blocked". */
const NOT_STUCK = /\b(?:no\s+longer|not|until|till|unblock\w*)\b[^.]{0,20}?\b(?:blocked|busy|stuck|wedged|hung|hanging)\b/i;

/**
 * What says the test has wedged the server before the sleep: a function handed to a stub or an
 * expectation, in the test or its setup, that never returns (trenino's port `open` stubbed to sleep
 * forever, then a connect cast), or the comment above the sleep saying the server is blocked, busy
 * or stuck. The handler the message starts then never ends, and a barrier into it waits for good.
 */
export function wedgedServer(ctx: SiteContext, signals: Signals): { stub: SyntaxNode } | { said: string } | null {
  const stub = maySetAStubThatHangs(ctx.file) ? neverReturningStub(ranBefore(ctx)) : null;
  if (stub) return { stub };
  const comment = signals.commentAbove();
  const said = comment && !NOT_STUCK.test(comment) ? SERVER_STUCK.exec(comment)?.[0] : undefined;
  return said ? { said } : null;
}

/**
 * Does the file hold the words every stub `neverReturningStub` finds is written with (a `stub` or
 * `expect`, and `:infinity` or a `receive`)? Most files hold no such stub, and the test then need
 * not be read for one. As words: `expected` and `assert_receive` are in most test files.
 */
function maySetAStubThatHangs(file: SourceFile): boolean {
  return file.memo(STUB_WORDS, () => STUB_WORD.test(file.source) && HANGS_WORD.test(file.source));
}

const STUB_WORD = /\b(?:stub|expect)\b/;
const HANGS_WORD = /:infinity|\breceive\b/;

const STUB_WORDS = {};

const SLEEPS_A_WHILE = /\bsleep\b\s*\(?\s*(?!:infinity)[\w@]/;

/** Who a comment says the sleep gives time to: "give dialyzer time to…", "wait for the indexer to…", "let the worker…". */
const GIVES_TIME_TO = /\b(?:give|gives|giving)\s+(?:the\s+|a\s+)?([a-z_]\w*)\s+(?:some\s+|enough\s+|a\s+(?:bit\s+of\s+|little\s+)?)?time\b|\bwait(?:s|ing)?\s+for\s+(?:the\s+)?([a-z_]\w*)\s+to\b|\blet\s+(?:the\s+)?([a-z_]\w*)\s+(?:\w+\s+)?(?:finish|run|work|analy[sz]e|process|complete|catch\s+up)\b/i;
/** Words that name no particular process, and amounts of time ("give more time for all to process", bedrock). */
const ANYONE = /^(it|them|this|that|things|everything|something|server|genserver|process|processes|system|time|us|me|some|enough|all|everyone|messages?|casts?|calls?|requests?|state|more|extra|plenty|ample|additional|sufficient|longer)$/i;

/** A comment that says a timer is to go off: "let a protocol period fire", "for the next tick to run", "the interval elapses". */
const TIMER_FIRES = /\b(?:period|tick|timer|interval|heartbeat|sweep|cycle)s?\b[^.]{0,20}?\b(?:fires?|firing|elapses?|elapse|go(?:es)? off|run|runs|triggers?)\b/i;

/**
 * Does `comment` say the sleep gives time to a worker other than `target` (`dialyzer`, when the
 * test cast to `server`)? Then that worker does the job, and a barrier on `target` does not wait for it.
 */
function namesAnotherWorker(comment: string | null, target: string): boolean {
  const match = comment ? GIVES_TIME_TO.exec(comment) : null;
  const worker = match?.slice(1).find(Boolean)?.toLowerCase();
  if (!worker || ANYONE.test(worker)) return false;
  const names = target.toLowerCase();
  return !names.includes(worker) && !worker.includes(names.replace(/^[^a-z]+/, ''));
}

// Ways a test names a process that are safe to evaluate once more in the barrier.
const NAMEABLE = [
  /^[a-z][\w]*$/, // counter
  /^:[a-z_]\w*$/, // :counter
  /^[a-z]\w*(\.[a-z_]\w*)+$/, // ctx.counter
  /^[a-z]\w*\[[^\[\]\n]+\]$/, // ctx[:counter]
  /^\{\s*:(global|via)\b[^\n]*\}$/, // {:global, :counter}, {:via, Registry, {Reg, id}}
  /^(Process|GenServer)\.whereis\([^()\n]*\)$/, // Process.whereis(Counter)
];

/**
 * Is `target` a call of a function local to the module the API that messaged it is in (lasso's
 * `via(instance_id)`, a `defp`)? The test cannot write it, neither the rewrite nor a person.
 */
export function outOfReach(target: string, previous: SyntaxNode): boolean {
  return /^[a-z_]\w*[?!]?\(/.test(target) && !previous.text.includes(target);
}

/**
 * Can the test write a barrier on `target`: a variable, atom, field or lookup written in the
 * statement that messaged it, or a registered module name (`Tally.Counter`, resolved from an API
 * that casts to __MODULE__)? Not `via(instance_id)`, a private function of the module the API is in.
 */
export function writableTarget(target: string, previous: SyntaxNode): boolean {
  if (/^[A-Z][\w.]*$/.test(target)) return true;
  // A channel test's `push(socket, …)` reaches `socket.channel_pid`, a field the test can write.
  const channel = /^([a-z_]\w*)\.channel_pid$/.exec(target);
  if (channel && new RegExp(`\\b${channel[1]}\\b`).test(previous.text)) return true;
  return NAMEABLE.some((re) => re.test(target)) && previous.text.includes(target);
}

/**
 * The line after the sleep the barrier is for: past lines that only bind what the test holds (vaos'
 * `payload = %{tool_name: "test", …}` between the sleep and `Hooks.run(:post_tool_use, payload)`).
 */
/**
 * A start of `module` in the test before the sleep or in a setup that runs for it (`Cache.start_link(…,
 * name: :test_cache)`, `start_supervised({Cache, name: …})`) that registers it under another name.
 */
function startedUnderAnotherName(module: string, ctx: SiteContext): boolean {
  if (!/^[A-Z][\w.]*$/.test(module)) return false;
  const text = [...ctx.before, ...setupStatements(ctx)].map((statement) => statement.text).join('\n');
  if (!text.includes('name:')) return false;
  for (const match of text.matchAll(NAMED_START)) {
    const [, direct, supervised, name] = match;
    const written = (direct ?? supervised)!;
    if (ctx.file.resolveAlias(written) === module && name !== written && name !== '__MODULE__' && ctx.file.resolveAlias(name!) !== module) return true;
  }
  return false;
}

/** `Mod.start_link(…, name: x)` or `start_supervised({Mod, …, name: x})`: the module as written and the name. */
const NAMED_START = /\b(?:([A-Z][\w.]*)\.start(?:_link)?\([^()]*?|start(?:_link)?_supervised!?\(\s*\{\s*([A-Z][\w.]*)\s*,[^()]*?)\bname:\s*([:\w.@"]+)/g;

/**
 * Does `statement` read the state of the process `target` names, by that name, by an alias the file
 * gives it (`Breaker` for a server registered as `Probe.Breaker`), or by the other one a start before gave it?
 */
export function asksStateOf(statement: SyntaxNode, target: string, ctx: SiteContext): boolean {
  return [target, ...ctx.file.aliasesOf(target), ...otherNamesOf(target, ctx.before)].some((name) => readsStateOf(statement, name, ctx.file));
}

/**
 * The other name of the process `target` names, from a start before it that binds one and registers
 * the other: `session = start_supervised!({Session, …, name: session_name})`, `{:ok, pid} =
 * Worker.start_link(name: :worker)`. Only a variable or an atom on either side.
 */
function otherNamesOf(target: string, before: readonly SyntaxNode[], ctx?: SiteContext, modules?: ModuleIndex): string[] {
  if (!/^(?:[a-z_]\w*|:\w+|[A-Z][\w.]*)$/.test(target)) return [];
  const others: string[] = [];
  for (const statement of before) {
    const parts = binaryParts(statement);
    // async-dataflow's `{:ok, pid} = ChannelMetrics.start_link([])`, whose start registers the
    // server as `name: __MODULE__`: `pid` and `ChannelMetrics` are one process, and the module's
    // API (`ChannelMetrics.get_count()`) asks it by that name.
    const ownName = parts?.op === '=' && ctx && modules ? startedUnderOwnName(parts.right, ctx, modules) : null;
    const pid = ownName ? (parts!.left.type === 'identifier' ? parts!.left.text : /^\{\s*:ok\s*,\s*([a-z_]\w*)\s*\}$/.exec(parts!.left.text)?.[1]) : undefined;
    if (ownName && pid) {
      if (pid === target) others.push(ownName);
      else if (ownName === target) others.push(pid);
      continue;
    }
    if (!/^(?:[a-z_]\w*|:\w+)$/.test(target)) continue;
    // jido_harness's `[{worker, _value}] = Registry.lookup(SessionRegistry, session_id)`: the pid
    // the key names, which the module's API reaches through the registry.
    const lookedUp = parts?.op === '=' && parts.right.type === 'call' && callName(parts.right) === 'Registry.lookup' ? /^\[\s*\{\s*([a-z_]\w*)\s*,[^{}]*\}\s*\]$/.exec(parts.left.text)?.[1] : undefined;
    const key = lookedUp ? callArguments(parts!.right)[1]?.text : undefined;
    if (lookedUp && key && /^[a-z_]\w*$/.test(key)) {
      if (lookedUp === target) others.push(key);
      else if (key === target) others.push(lookedUp);
      continue;
    }
    if (parts?.op !== '=' || !/\bname:/.test(parts.right.text) || !callNamesIn(parts.right).some((c) => STARTS.test(c.name))) continue;
    const bound = parts.left.type === 'identifier' ? parts.left.text : /^\{\s*:ok\s*,\s*([a-z_]\w*)\s*\}$/.exec(parts.left.text)?.[1];
    const named = /(?<![\w:])name:\s*([a-z_]\w*|:\w+)\s*[,})\]]/.exec(parts.right.text)?.[1];
    if (!bound || !named) continue;
    if (named === target) others.push(bound);
    else if (bound === target) others.push(named);
  }
  return others;
}

/** `Mod.start_link(…)` or `start_supervised!(Mod)` / `({Mod, …})` when Mod's `start_link` registers it under its own name: Mod as written. */
function startedUnderOwnName(start: SyntaxNode, ctx: SiteContext, modules: ModuleIndex): string | null {
  const name = callName(start);
  const module = name && /^[A-Z][\w.]*\.start_link$/.test(name) ? name.slice(0, -'.start_link'.length) : name && /^start(?:_link)?_supervised!?$/.test(name) ? /^\{?\s*([A-Z][\w.]*)/.exec(callArguments(start)[0]?.text ?? '')?.[1] : undefined;
  return module && !STANDARD_MODULE.test(module) && modules.registersItself(ctx.file.resolveAlias(module), 'start_link', ctx.file) ? module : null;
}

/** Calls that start a process: `start_supervised!`, `GenServer.start_link`, `Worker.start_link`. */
const STARTS = /^(?:start_supervised!?|start_link_supervised!|(?:[A-Z][\w.]*\.)?start(?:_link)?)$/;

/**
 * The act after the sleep (past lines that only bind what the test holds) that reaches the
 * messaged process some other way than a message of the test's to it, when a check follows it
 * (plushie's `:gen_tcp.send(renderer_socket, payload)`, then `assert_receive {:iostream_data, ^payload}`).
 */
function actsAnotherWay(ctx: SiteContext, target: string, signals: Signals): SyntaxNode | null {
  if (ctx.loops.length > 0) return null;
  // Past bindings of what the test holds, and of values built without acting (`payload = Msgpax.pack!(…)`).
  let skipped = settledStatementsAhead(ctx.after);
  while (skipped < 2 && ctx.after[skipped] && binaryParts(ctx.after[skipped]!)?.op === '=' && assertionName(ctx.after[skipped]!) === null && signals.actingCall(ctx.after[skipped]!) === null && !mentions(ctx.after[skipped]!, target)) skipped++;
  const act = ctx.after[skipped];
  if (!act || act.type !== 'call' || assertionName(act) !== null || isPlainSleep(act) || mentions(act, target) || /:sys\.get_state|\b(?:assert|refute)\w*\b/.test(act.text)) return null;
  // Only a way in to a process that is not a call of the project's (which may do anything):
  // bytes to a socket or port it reads, a close of one (both SOCKET_WRITES), a broadcast it is subscribed to.
  const way = callNamesIn(act).find((c) => SOCKET_WRITES.has(c.name) || ANOTHER_WAY_IN.test(c.name));
  return way && ctx.after.slice(skipped + 1, skipped + 3).some((s) => assertionName(s) !== null) ? act : null;
}

/** Calls that reach a process other than by a message from the test to it. */
const ANOTHER_WAY_IN = /^(?:(?:Phoenix\.)?PubSub\.(?:broadcast|broadcast!|local_broadcast)|Registry\.dispatch|:telemetry\.execute)$/;

export function barrierNext(ctx: SiteContext): SyntaxNode | undefined {
  // Not from inside a loop: the lines after the loop come once, after every round the sleep paces.
  const skipped = ctx.loops.length > 0 ? 0 : settledStatementsAhead(ctx.after);
  const next = ctx.after[skipped];
  // Only for a check or a read bound to a name: past them, a line that acts on the same process
  // (membrane's second `execute_actions(pipeline, …)`) is ordered after the first without a barrier,
  // and the sleep waited for something else (the child the first one notified).
  if (skipped === 0 || !next || assertionName(next) !== null || binaryParts(next)?.op === '=') return next;
  return ctx.after[0];
}

/**
 * The statement that started the process `target` names as a plain one, not an OTP process: it answers
 * no `:sys.get_state/1` (the barrier hangs, then crashes the test), so no barrier can wait on it. Null when none is known.
 */
export function plainProcessStart(target: string, ctx: SiteContext, signals: Signals): SyntaxNode | null {
  // `pid = spawn_link(fn -> receive … end)`, a task too.
  // `pid = Process.whereis(:gossip_node1)` after a setup's `spawn(fn -> Gossip.start(node, view) end)`,
  // whose start registers itself and loops on `receive` (distributed-kv-store): the same, by name.
  return spawnBinding(target, ctx.before)?.statement ?? spawnedByTheProject(target, ctx, signals) ?? registeredByPlainSpawn(target, ctx, signals);
}

/** The statement that bound `target` to what a function of the project answers by spawning a plain process (`pid = TableProcessOne.start()`). */
function spawnedByTheProject(target: string, ctx: SiteContext, signals: Signals): SyntaxNode | null {
  for (const statement of ctx.before) {
    const match = binaryParts(statement);
    if (match?.op !== '=' || !patternBindings(match.left).includes(target)) continue;
    const name = match.right.type === 'call' ? callName(match.right) : null;
    const dot = name ? name.lastIndexOf('.') : -1;
    if (!name || dot <= 0 || !/^[A-Z]/.test(name)) return null;
    return signals.modules.spawnsPlainProcess(ctx.file.resolveAlias(name.slice(0, dot)), name.slice(dot + 1), callArguments(match.right).length, ctx.file) ? statement : null;
  }
  return null;
}

/**
 * Is `target` a name, or a pid the test looked up by one (`pid = Process.whereis(:gossip_node1)`),
 * that a process the test or its setup spawned plainly registers for itself: `spawn(fn ->
 * Process.register(self(), :name); … end)`, or a function of the project's spawned so, directly or
 * inside a fn, that registers its caller and loops on `receive` (distributed-kv-store's
 * `spawn(fn -> Gossip.start(node, view) end)`)? Not a name a start before gives a server (`name: :x`).
 */
function registeredByPlainSpawn(target: string, ctx: SiteContext, signals: Signals): SyntaxNode | null {
  const name = registeredName(target, ctx.before);
  if (!name) return null;
  const ran = ranBefore(ctx);
  if (ran.some((statement) => statement.text.includes(`name: ${name}`))) return null;
  for (const statement of ran) {
    if (!statement.text.includes('spawn')) continue;
    const spawn = callNamesIn(statement).find(({ name: call, node }) => PLAIN_PROCESSES.has(call) && registersItself(node, name, ctx, signals));
    if (spawn) return spawn.node;
  }
  return null;
}

/** Does the plain `spawn` call run a function that registers its process under `name`, or a function of the project's that registers it and loops on `receive`? */
function registersItself(spawn: SyntaxNode, name: string, ctx: SiteContext, signals: Signals): boolean {
  const [first, second, third] = callArguments(spawn);
  const loops = (module: string, fun: string, arity: number) => /^[A-Z]/.test(module) && signals.modules.registersPlainLoop(ctx.file.resolveAlias(module), fun, arity, ctx.file);
  // `spawn(Gossip, :start, [node, view])`
  if (first && second?.type === 'atom' && third?.type === 'list') return loops(first.text, second.text.slice(1), third.namedChildren.length);
  return spawn.descendantsOfType('anonymous_function').some((fn) =>
    callNamesIn(fn).some(({ name: called, node: call }) => {
      const [registered, as] = callArguments(call);
      if (called === 'Process.register') return registered?.text === 'self()' && as?.text === name;
      const dot = called.lastIndexOf('.');
      return dot > 0 && loops(called.slice(0, dot), called.slice(dot + 1), callArguments(call).length);
    }),
  );
}

/** The name `target` is, or was looked up by (`pid = Process.whereis(:worker)`, `before` nearest first): an atom written out. */
function registeredName(target: string, before: readonly SyntaxNode[]): string | null {
  if (/^:\w+$/.test(target)) return target;
  const lookup = (text: string): string | null => /^Process\.whereis\(\s*(:\w+)\s*\)$/.exec(text)?.[1] ?? null;
  if (!/^[a-z_]\w*$/.test(target)) return lookup(target);
  for (const statement of before) {
    const parts = binaryParts(statement);
    if (parts?.op === '=' && patternBindings(parts.left).includes(target)) return lookup(parts.right.text);
  }
  return null;
}
