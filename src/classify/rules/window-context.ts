import type { ContextCategory } from '../../allowlist/allowlist.js';
import { CAPTURES, STANDARD_MODULE, waitingAssertion } from '../../context/elixir-facts.js';
import { isPlainSleep, type SiteContext } from '../../context/site-context.js';
import type { SyntaxNode } from '../../parse/parser.js';
import type { Decision } from '../rule.js';
import type { Signals } from '../signals.js';
import { PERIODIC_KEY, roundAfterACheck, startedModule } from '../effects.js';
import { immediateCause, isWeakName } from './immediate-cause.js';
import { actingCall, ASSERTIONS, assertionName, countedRange, mentions, patternBindings, settledStatementsAhead, watchedProcess } from '../statements.js';
import { binaryParts, callArguments, callName, callNamesIn, line, oneLine, statementsOf } from '../../parse/nodes.js';
import { estimateDuration } from '../../duration/duration.js';
import { inTestFlow, pastTheLoop } from './test-flow.js';
import { namedForWhatMustNotHappen } from './wait-for.js';
import { simulatedWorkPlace } from './simulated-work.js';
import { CLOCK_BINDING, deltaOfTheSleeps, millisecondApart, ORDERING_COMMENT } from './time-measurement.js';

/**
 * Shared by the TTL and rate-window rules: both wait out a span of time the test itself set.
 * Strong evidence: an option set earlier in the test (`ttl: 100`) that the sleep outlasts.
 * Weaker evidence: a vocabulary word in the names; it gives way when the code next to the sleep
 * shows what it really waits for (see immediate-cause.ts).
 */
/** An option that sets when something runs out (not an interval, which work runs on). */
const EXPIRY_OPTION = /timeout|ttl|expir|lease|grace|max_age|lifetime/;

/** How many times longer than an option set above the test a sleep may be and still be waiting it out. */
const AROUND_FACTOR = 10;

export function windowDecision(ctx: SiteContext, signals: Signals, category: ContextCategory, noun: string): Decision | null {
  // Every answer below needs a word in the names or after the sleep, an option, or a duration
  // computed from one: without any, none of the dearer checks need run (most sleeps have none).
  if (!signals.option(category) && !signals.nameWord(category) && !signals.nextWord(category) && !(inTestFlow(ctx) && signals.stretchedOption(category))) return null;
  if (checksForAMessage(ctx, category === 'ttl')) return null;
  // smppex's `time = :erlang.monotonic_time(:millisecond)`, the sleep, `send(esme, {:check_expired_pdus,
  // time + 2050})`: the test hands the process the time it checks against, so the expiry is made,
  // not waited out, whatever the words around it say.
  if (inTestFlow(ctx) && fakesTheClock(ctx)) return null;
  // Last in a test, with nothing after it and nothing the test leaves to check when it ends
  // (poolder's batcher tests end on `Process.sleep(1000)` under `retry: [count: 3, backoff: 1000]`):
  // whatever time it waits out, nothing looks at what happens then.
  if (ctx.runsIn === 'test' && ctx.unitKind === 'test' && ctx.after.length === 0 && ctx.loops.length === 0 && ctx.enclosedBy.length === 0 && !/\bon_exit\b/.test(ctx.unit?.text ?? '')) return null;
  // Right after an `assert_receive` of what the timer set off, in a test named for what must not
  // happen (emerge's "failed watcher compile does not rerender mounted viewports": `debounce_ms:
  // 10`, the compile's message received, then 50 ms): the time has run out, and the sleep is the
  // window for a wrong change.
  // (Unless the comment above it says what it waits out: external_service's "# Let the slow call's
  // slot expire and be taken by someone else", in "a reclaimed slot is not clawed back".)
  if (inTestFlow(ctx) && assertionName(ctx.before[0]) === 'assert_receive' && namedForWhatMustNotHappen(ctx.test) && signals.nameWord(category)?.where !== 'comment') return null;
  // Last inside `capture_log(fn -> … end)`, after an assertion that already saw the time run out
  // (thousand_island's `recv(…) == {:error, :closed}`): it gives others time to log before the
  // capture ends. (Right after the start given the time, chromic_pdf's `init_timeout: 10`, it waits it out.)
  if (inTestFlow(ctx) && ctx.after.length === 0 && CAPTURES.test(ctx.enclosedBy[0] ?? '') && ASSERTIONS.has(assertionName(ctx.before[0]) ?? '')) return null;
  // `assert count in 7..10` right after it: the sleep is the time ticks are counted over, whatever
  // interval was set (time-measurement's call).
  if (inTestFlow(ctx) && countedRange(ctx.after)) return null;
  // "# Wait for at least 2 health check cycles" (realtime's watchdog, given both an interval and a
  // timeout): the comment says it waits for things to happen, not for a time to run out.
  if (COUNTED_OCCURRENCES.test(signals.commentAbove() ?? '')) return null;
  // "# tick to make sure each has a new touch time" (cachex, keys put with `expire: 1` in a loop):
  // the comment says the sleep sets stamps apart, time_measurement's call.
  if (inTestFlow(ctx) && ORDERING_COMMENT.test(signals.commentAbove() ?? '')) return null;
  // `start_request(agent, "req-1", …)`, 1 ms, `start_request(agent, "req-2", …)` (jido_ai's eviction
  // by count, in a test named for evicting): a millisecond only stamps them apart.
  if (millisecondApart(ctx)) return null;
  // `assert ConnectionBackoff.total_retry_time(backoff) >= 50` after a 50 ms sleep (electric, in a
  // module named for backoff): the check measures the time slept, time-measurement's call.
  if (inTestFlow(ctx) && deltaOfTheSleeps(ctx)?.assertion.id === ctx.after[0]?.id && ctx.after[0]) return null;
  // A sleep the test times (inside :timer.tc) is measured, not awaited: time-measurement's call.
  if (ctx.enclosedBy.some((call) => signals.isCall('time_measurement', call))) return null;
  // `:timer.sleep(Config.checksum_wait_timeout() * 2)`: computed to outlast that time (meadow), or
  // `Process.sleep(batch_timeout - 5)` to end just before it (commanded).
  // Only in the test's own flow: slow work in a handler outlasting a client's timeout is timeout_sim's.
  const stretched = inTestFlow(ctx) ? signals.stretchedOption(category) : null;
  // anubis's `task = Task.async(fn -> Client.list_resources(client, timeout: test_timeout) end)`,
  // `Process.sleep(test_timeout * 2)`, `Task.await(task)`: the await returns once the call has timed
  // out, and the sleep only adds time before it.
  const awaited = stretched ? awaitedTaskStart(ctx) : null;
  if (stretched && awaited && mentions(awaited, stretched.name)) return null;
  if (stretched && ctx.site.duration) {
    const computed = stretched.fraction ? `as a part of \`${stretched.name}\`, to look from inside that time` : stretched.shortened ? `to end just before \`${stretched.name}\` runs out` : `to outlast \`${stretched.name}\``;
    return { category, confidence: 'medium', reason: `its duration, \`${oneLine(ctx.site.duration.text, 40)}\`, is computed ${computed}` };
  }
  // The statement after the sleep triggering an expiry outweighs a word further out.
  const named = signals.nameWord(category);
  // Not a noun the check after it reads back (LCRDT's `Counter.request_leases(@foo, 1)`, the sleep,
  // `assert foo_leases(@baz) == 1`: a count of leases handed out, the word's only tie to a time);
  // an act or a state of expiry read back (`Cache.purge(c)`, `assert Cache.expired?(k)`) still counts.
  const nextHit = signals.nextWord(category);
  const readBack = nextHit && category === 'ttl' && assertionName(ctx.after[0]) !== null && !EXPIRY_STATE.test(nextHit.word) && signals.actingCall(ctx.after[0]!) === null;
  const word = named && !isWeakName(named) ? named : ((readBack ? null : nextHit) ?? named);
  // elixir-mllp's `{:error, %Error{reason: :timeout}} = MLLP.Client.send(pid, msg, %{reply_timeout: 1})`
  // right before the sleep: the call was given the time and came back having run it out.
  // A job runner's `perform(job, job_timeout_ms: 20)` that reads the option out of its keyword list
  // and waits at most that long in `Task.yield` itself: the time is over when it returns, too.
  const given = signals.option(category);
  const key = given ? given.text.split(':')[0]! : '';
  // (Nor one handed only to servers that do nothing with time, via's subscriber settings: no time of it runs.)
  const option = given && ((given.scope === 'test' && (ranOutBefore(ctx, given.line, key) || spentByItsCall(ctx, given.line, key, signals) || givenOnlyToTimelessServers(ctx, given.line, key, signals))) || upkeepBeforeAReconnect(given.text, signals)) ? null : given;
  const ms = typeof ctx.duration === 'number' ? ctx.duration : null;
  // Set above the test, an option counts only for a sleep of its order: two seconds after a 50 ms
  // `batch_timeout` in the setup wait for something else. Every sleep outlasts a 0 ms option
  // (`checkout_timeout: 0`, poolex), so that says nothing.
  // A flush interval a hundred times shorter than the sleep (blockscout's `flush_interval: 1`, then
  // 500 ms) flushes at once and keeps flushing: the sleep waits for what the flushed data sets off,
  // not for a time to pass. (A clean-up interval of 1 ms may still be how a test makes entries
  // expire on time: a cache's `cache_cleanup_interval: 1` with buckets that live 60 ms.)
  const firesAtOnce = option?.ms != null && ms !== null && /flush/.test(option.text) && option.ms * 100 <= ms;
  const outlasts = option?.ms != null && option.ms > 0 && ms !== null && ms >= option.ms && !firesAtOnce && (option.scope === 'test' || ms <= option.ms * AROUND_FACTOR);
  // `refute Process.alive?(proc)` right after the sleep waits for proc to exit; an option in the test
  // counts only if it was given to proc itself (`start_link(idle_timeout: 50)` bound to it).
  // ecto_sql's `Sandbox.checkout(TestRepo, ownership_timeout: 200)`, then `Task.start(fn -> …
  // TestRepo.transaction(fn -> Process.sleep(500) end) end)`: slow work in another process that
  // outlasts a timeout, so that it fires, is timeout_sim's; the test waits on the task's `:DOWN`.
  if (option && /timeout/.test(option.text.split(':')[0]!) && (ctx.runsIn === 'spawned' || ctx.runsIn === 'handed_fn')) return null;
  const dying = watchedProcess(ctx.after[0]);
  if (option?.scope === 'test' && dying && !optionConcerns(ctx, option.line, dying)) return null;
  // Set in a describe's setup or elsewhere above the test: still evidence, unless the code next to the sleep explains it.
  // A sleep just past a timeout or TTL set there (adk's circuit breaker, `reset_timeout_ms: 100` in the
  // module's setup, then casts and 110 ms) is measured against it, whatever came before it: the
  // state changes when the clock says so, and nothing marks the moment.
  // (Not before a line that waits by itself, nebulex's `assert_receive {^joined, …}, 5000` for the
  // next periodic join: the sleep only adds time to that wait.)
  const waitsNext = ctx.after[0]?.type === 'call' && waitingAssertion(callName(ctx.after[0])) !== null;
  // A period handed to a server the test has just started, with nothing done to it since, and a sleep
  // of less than two periods: it waits for the first round of its work, which the check after it can
  // be polled for. (Several periods, `interval: 5` and 20 ms before `ticks >= 3`, let rounds add up.)
  if (category === 'rate_window' && option?.scope === 'test' && outlasts && option.ms != null && ms !== null && ms < option.ms * 2 && firstRoundOfItsStart(ctx, signals, option)) return null;
  const justPast = option?.ms != null && ms !== null && outlasts && EXPIRY_OPTION.test(option.text.split(':')[0]!) && ms <= option.ms * 1.5 && !waitsNext;
  if (option && outlasts && option.scope === 'around' && (justPast || !immediateCause(ctx, signals, { word: option.text, where: 'setup' }, category))) {
    return {
      category,
      confidence: 'medium',
      reason: `waits out the ${option.ms} ms ${optionNoun(option.text, noun)} set on line ${option.line} (\`${option.text}\`)${word ? `; ${word.where} mentions “${word.word}”` : ''}`,
      evidence: [option.line],
    };
  }
  if (option && outlasts && option.scope === 'test') {
    return {
      category,
      confidence: word ? 'high' : 'medium',
      reason: `waits out the ${option.ms} ms ${optionNoun(option.text, noun)} set on line ${option.line} (\`${option.text}\`)${word ? `; ${word.where} mentions “${word.word}”` : ''}`,
      evidence: [option.line],
    };
  }
  // lemon's circuit breaker: `recovery_timeout: recovery_timeout` (1000), a failure, 800 ms, another
  // failure, 500 ms, then `assert state.circuit_state == :open`: neither sleep lasts the time alone,
  // together they just outlast it, and the check looks past the first failure's window, which only
  // the second one can have moved on. Barriers in their places would let no time pass.
  const together = option?.scope === 'test' && option.ms != null && option.ms > 0 && ms !== null && ms < option.ms && EXPIRY_OPTION.test(key) && inTestFlow(ctx) ? earlierSleepsReaching(ctx, option.line, key, option.ms, ms) : null;
  if (option && together) {
    const lines = together.join(', ');
    return {
      category,
      confidence: 'medium',
      reason: `with the sleep${together.length > 1 ? 's' : ''} on line${together.length > 1 ? 's' : ''} ${lines}, outlasts the ${option.ms} ms ${optionNoun(option.text, noun)} set on line ${option.line} (\`${option.text}\`), which neither lasts alone`,
      evidence: [option.line, ...together],
    };
  }
  // musebms's `create_session(…, expires_after: 0)`, a 1000 ms sleep, then the purge of expired
  // sessions: an expiry of now, kept to the second (`session_expires < now`, both truncated), which
  // only a clock moved on into the next second has passed. Whole seconds, set in the test.
  if (category === 'ttl' && option?.ms === 0 && option.scope === 'test' && EXPIRY_OPTION.test(option.text.split(':')[0]!) && ms !== null && ms >= 1000 && ms % 1000 === 0) {
    return { category, confidence: 'medium', reason: `\`${option.text}\` on line ${option.line} expires at once, and a time kept to the second has passed only once the clock moves into the next: the ${ms} ms sleep is that move`, evidence: [option.line] };
  }
  // `for _ <- 1..6 do :gen_tcp.send(client, "ping"); Process.sleep(50) end` after `read_timeout: 100`
  // (thousand_island): each round stays inside the timeout the test set, and together they outlast
  // it; the test checks that the activity keeps the timer from firing, which no event marks.
  const rounds = ctx.loops[0]?.iterations ?? null;
  if (category === 'ttl' && option?.ms != null && option.scope === 'test' && /timeout/.test(option.text) && ms !== null && ms < option.ms && rounds !== null && rounds * ms > option.ms && inTestFlow(ctx) && pastTheLoop(ctx, ctx.after[0])) {
    return { category, confidence: 'medium', reason: `each of its ${rounds} rounds of ${ms} ms stays inside the ${option.ms} ms timeout set on line ${option.line} (\`${option.text}\`), and together they outlast it: the activity keeps the timer from firing`, evidence: [option.line] };
  }
  if (!word) return null;
  // kayrock's chaos tests: `session_timeout: 500`, the proxy cut, 1000 ms (the timeout waited out),
  // the proxy back, then 20 ms before a retried call. A sleep shorter than the option, after one in
  // the test that alone outlasted it, waits for something else: neither word nor option speaks for it.
  if (category === 'ttl' && option?.ms != null && ms !== null && ms < option.ms && outlastedEarlier(ctx, option, option.ms, ms)) return null;
  // poolgirl's "pool overflow ttl workers": `new_pool_with_overflow_ttl(1, 1, 1000)`, a checkin (a cast
  // that arms the reap timer), 100 ms, a checkin, 100 ms, then 850 ms and the reaped worker checked.
  // The last sleep falls short of the time and counts on the two before it: as barriers they end
  // the wait 200 ms early. A short sleep a later one needs to reach the time is part of that wait.
  const counting = category === 'ttl' && option?.scope === 'test' && option.ms != null && ms !== null && ms < option.ms && (named?.where === 'test name' || named?.where === 'describe') && inTestFlow(ctx)
    ? laterSleepCountingOn(ctx, signals, ms, option.ms, option.line)
    : null;
  if (option && counting) {
    return { category, confidence: 'medium', reason: `part of the wait for the ${option.ms} ms set on line ${option.line} (\`${oneLine(option.text, 40)}\`): the sleep on line ${line(counting)}, shorter than that, counts on this one to reach it`, evidence: [option.line, line(counting)] };
  }
  // Right after an `assert_receive` (frayt's trace of the `:warn_driver` timer message reaching the
  // notifier, in a test named for "15 idle minutes"): the wait for the time is over, and the sleep
  // waits for what handling the message does. A word alone says nothing more.
  // (A duration computed from the time is more than a word, newrelic's `Process.sleep(@test_backoff * 2)`,
  // and so is the author's comment, external_service's "# Let the slow call's slot expire".)
  if (inTestFlow(ctx) && assertionName(ctx.before[0]) === 'assert_receive' && !(option && outlasts) && word.where !== 'duration' && word.where !== 'comment') return null;
  // `OPQ.init(interval: 10)`, a 5 ms sleep, then a count, in a test named for its rate: the sleep
  // samples inside the window the test set, where a poll could step over the state it looks for (opq).
  const window = category === 'rate_window' && option?.scope === 'test' ? option.ms : null;
  const testNamed = word === named && (word.where === 'test name' || word.where === 'describe');
  if (option && window != null && ms !== null && ms < window && testNamed && inTestFlow(ctx)) {
    // `for _ <- 1..5 do … :timer.sleep(200) end` against a 1000 ms window (keila's refill): the
    // rounds add up to the window, which the check after the loop reads.
    const spans = rounds !== null && rounds * ms >= window;
    const how = spans ? `its ${rounds} rounds of ${ms} ms wait out the ${option.ms} ms window` : `samples inside the ${option.ms} ms window`;
    return { category, confidence: 'medium', reason: `${how} set on line ${option.line} (\`${option.text}\`); ${word.where} mentions “${word.word}”`, evidence: [option.line] };
  }
  if (immediateCause(ctx, signals, word, category)) return null;
  // An expiry set as a time from now, ten times longer than the sleep (ex_aws's credentials that
  // expire an hour from now, 100 ms sleeps in "caches the credentials until TTL"): the sleep waits
  // nothing of it out. (A sleep well inside a `ttl: 1000` may be the test's look before expiry.)
  if (option?.ms != null && ms !== null && ms * 10 < option.ms && FROM_NOW.test(option.text)) return null;
  // Nor one ten times longer when the sleep comes right after a read and outlasts a round of a server
  // the test or its setup started (nebulex_local's stale locks, `lock_timeout: :timer.seconds(30)` on
  // each, the cleaner's `cleanup_interval: 100`, then 200 ms): it waits for that round, none of the option's time.
  if (option?.ms != null && ms !== null && ms * 10 < option.ms && roundAfterACheck(ctx, signals.modules)) return null;
  if (option) {
    return { category, confidence: 'medium', reason: `${word.where} mentions “${word.word}” and line ${option.line} sets \`${option.text}\``, evidence: [option.line] };
  }
  // Inside a function handed to a task or other code, a name alone says less than where the sleep
  // runs: that is work taking its time (poolex's "add_idle_workers!" describe, memcachex's module).
  // So does a callback or a handler of code the test hands work to (nerves_hub_link's
  // `IdleTimeoutPlug.call/2`, which sleeps past the client's idle timeout: "idle" names the timeout
  // the sleep makes fire).
  if (ctx.runsIn === 'spawned' || ctx.runsIn === 'handed_fn' || ((ctx.runsIn === 'callback' || ctx.runsIn === 'helper' || ctx.runsIn === 'module') && simulatedWorkPlace(ctx) !== null)) return null;
  // "purge/1 removes the snapshot" (finitomata), with `ETS.purge(name)` called after the sleep: the
  // name speaks of the function the test calls, by hand, once the sleep is over, not of a time it waits out.
  // So does one the test called just before it with no time (tmp_kpiconnect's "… once an auction
  // has expired", `Auctions.expire_auction(auction)`, then the sleep: the state is made, not waited for).
  // (Not a name that says the test throttles or debounces: buffy's "throttles handle_throttle/1", two
  // hundred `throttle(:testing)` calls, then the sleep: the call opens the window the sleep waits out.
  // A bare "throttle" may name the function, its "calls handle_throttle/1".)
  const opensTheWindow = category === 'rate_window' && /^(?:debounc|throttl)(?:es|ed|ing)$/i.test(word.word);
  if (word.where === 'test name' && (callsNamed(ctx.after, word.word) || (!opensTheWindow && callsNamed(ctx.before.slice(0, 2), word.word, { untimed: true })))) return null;
  // batteries-included's "processes stale resource issue through complete happy path", "stale" a
  // kind of resource, and "# Give the worker a moment to stop cleanly" above the sleep: the author
  // says what it waits for, an event, and a word of the name says no more than that.
  // (Not a comment that speaks of the expiry itself, realtime's "# token expires in between joins so it
  // needs to be handled by the channel".)
  if ((word.where === 'test name' || word.where === 'describe') && COMMENT_NAMES_AN_EVENT.test(signals.commentAbove() ?? '') && signals.commentWord(category) === null) return null;
  return { category, confidence: isWeakName(word) ? 'low' : 'medium', reason: `${word.where} mentions “${word.word}”` };
}

/**
 * ex_health's `ExHealth.start(:normal, interval_ms: interval_ms, module: FakeTestBad)`, then
 * `Process.sleep(interval_ms)` and `%ExHealth.Status{result: %{msg: :unhealthy}} = ExHealth.status()`;
 * ebisu's ticker worker started with `[interval: 100]`, 150 ms, then a count of the rows it inserts:
 * the option is how often the server the test started works on its own, and no statement since
 * called that server or its module, so no window of a limiter was opened. The sleep waits for the
 * first round of that work, an event, not for a time to run out (exactly one interval is a race with
 * that round). Not in a test whose names speak of a rate, a throttle or a debounce, and only before a
 * check that reads.
 */
function firstRoundOfItsStart(ctx: SiteContext, signals: Signals, option: { text: string; line: number }): boolean {
  if (!inTestFlow(ctx) || signals.nameWord('rate_window') !== null) return false;
  if (!PERIODIC_KEY.test(option.text.split(':')[0]!.trim())) return false;
  const at = ctx.before.findIndex((statement) => line(statement) <= option.line && option.line <= statement.endPosition.row + 1);
  if (at < 0) return false;
  const start = ctx.before[at]!;
  const started = callNamesIn(start)
    .filter(({ node }) => node.text.includes(option.text))
    .map(({ name, node }) => startedModule(name, node, ctx, signals.modules))
    .find((found) => found !== null);
  const next = ctx.after[0];
  if (!started || !next || !readsOnly(next, started.written)) return false;
  const match = binaryParts(start);
  const bound = match?.op === '=' ? patternBindings(match.left) : [];
  // Nothing between the start and the sleep asks the server or its module (a throttle's first call
  // opens the window a sleep then waits out).
  return ctx.before.slice(0, at).every((statement) => !bound.some((name) => mentions(statement, name)) && !callNamesIn(statement).some(({ name }) => name.startsWith(`${started.written}.`)));
}

/**
 * A check that only reads: an assertion whose calls do nothing (`assert Repo.aggregate(T, :count) > 0`),
 * or a match on what a function of the started module answers (`%Status{} = ExHealth.status()`).
 * Not `{:ok, view, _html} = live(conn)`, a mount that passes at once whatever the server did.
 */
function readsOnly(statement: SyntaxNode, written: string): boolean {
  const asserted = ASSERTIONS.has(assertionName(statement) ?? '');
  const [checked] = asserted ? callArguments(statement) : [statement];
  const match = checked && binaryParts(checked);
  if (!checked) return false;
  if (!asserted && (match?.op !== '=' || !callNamesIn(match.right).some(({ name }) => name.startsWith(`${written}.`)))) return false;
  return actingCall(match?.op === '=' ? match.right : checked) === null;
}

/**
 * Did the last sleep before this one in its block, after the option was set, alone last at least
 * its time, with nothing since setting that option again (which would start the time over)? Not when
 * this sleep and later ones add up to it again, nor after a shorter sleep: they step through a time
 * started anew (a second member joined, looked at before its session lapses and after).
 */
function outlastedEarlier(ctx: SiteContext, option: { text: string; line: number }, optionMs: number, ms: number): boolean {
  const siblings = ctx.statement.parent ? statementsOf(ctx.statement.parent) : [];
  const since = siblings.slice(0, siblings.findIndex((s) => s.id === ctx.statement.id));
  const key = `${option.text.split(':')[0]}:`;
  for (let at = since.length - 1; at >= 0 && line(since[at]!) > option.line; at--) {
    const statement = since[at]!;
    if (statement.text.includes(key)) return false;
    if (!isPlainSleep(statement)) continue;
    const slept = estimateDuration(callArguments(statement)[0] ?? null, ctx.file);
    return typeof slept === 'number' && slept >= optionMs && laterSleepOutlasting(ctx, siblings, ms, optionMs) === null;
  }
  return false;
}

/**
 * The lines of the plain sleeps before this one in its block, since the option on `optionLine` was
 * set, when with this one they add up to at least `optionMs`, the earlier ones falling short of it
 * by themselves (nothing setting the option again in between). Null otherwise.
 */
function earlierSleepsReaching(ctx: SiteContext, optionLine: number, key: string, optionMs: number, ms: number): number[] | null {
  if (!ctx.atUnitTopLevel || !ctx.statement.parent) return null;
  const siblings = statementsOf(ctx.statement.parent);
  const since = siblings.slice(0, siblings.findIndex((s) => s.id === ctx.statement.id)).filter((s) => line(s) > optionLine);
  let earlier = 0;
  const lines: number[] = [];
  for (const statement of since) {
    if (statement.text.includes(`${key}:`)) return null;
    if (!isPlainSleep(statement)) continue;
    const slept = estimateDuration(callArguments(statement)[0] ?? null, ctx.file);
    if (typeof slept !== 'number') return null;
    earlier += slept;
    lines.push(line(statement));
  }
  return lines.length > 0 && earlier < optionMs && earlier + ms >= optionMs ? lines : null;
}

/** A sleep after this one in its block that, with it, lasts at least `timerMs`: the one that waits the timer out. */
export function laterSleepOutlasting(ctx: SiteContext, siblings: readonly SyntaxNode[], ms: number, timerMs: number): SyntaxNode | null {
  let total = ms;
  for (const statement of siblings.slice(siblings.findIndex((s) => s.id === ctx.statement.id) + 1)) {
    if (!isPlainSleep(statement)) continue;
    const slept = estimateDuration(callArguments(statement)[0] ?? null, ctx.file);
    if (typeof slept !== 'number') return null;
    total += slept;
    if (total >= timerMs) return statement;
  }
  return null;
}

/**
 * A later sleep in the block, after no act of its own (the line before it is synchronous), before a
 * check, that waits out the rest of `timerMs`: the sleeps after this one up to it fall short of the
 * time, and with this one and those before it since the time was set (`setLine`) reach it. The
 * nearest sleeps that reach the time are the ones the later sleep surely counts on.
 */
function laterSleepCountingOn(ctx: SiteContext, signals: Signals, ms: number, timerMs: number, setLine: number): SyntaxNode | null {
  const siblings = ctx.statement.parent ? statementsOf(ctx.statement.parent).filter((s) => s.type !== 'comment') : [];
  const at = siblings.findIndex((s) => s.id === ctx.statement.id);
  const slept = (statement: SyntaxNode) => (isPlainSleep(statement) ? estimateDuration(callArguments(statement)[0] ?? null, ctx.file) : 0);
  let since = ms;
  for (const statement of siblings.slice(0, at)) {
    const time = line(statement) > setLine ? slept(statement) : 0;
    if (typeof time !== 'number') return null;
    since += time;
  }
  let after = 0;
  for (let i = at + 1; i < siblings.length; i++) {
    const time = slept(siblings[i]!);
    if (typeof time !== 'number') return null;
    if (time === 0) continue;
    after += time;
    if (after >= timerMs) return null;
    const previous = siblings[i - 1]!;
    if (since + after >= timerMs && !isPlainSleep(previous) && (signals.effect(previous)?.kind ?? 'sync') === 'sync' && assertionName(siblings[i + 1])) return siblings[i]!;
  }
  return null;
}

/** An option that times how a connection is kept up or made again: `keep_alive_timeout`, `heartbeat_timeout`, `backoff`, `reconnect_…`, `retry_…`. */
const CONNECTION_UPKEEP = /^(?:\w+_)?(?:keep_?alive|heartbeat|ping|backoff|reconnect|retry)(?:_\w+)?$/;
/** A comment that names a (re)connect as what the sleep waits for: "give enough time for the client to reconnect". */
const AWAITS_A_CONNECT = /\bto\s+(?:re)?connect\b|\b(?:wait|sleep)\w*\s+for\s+(?:the\s+|a\s+)?reconnect(?:ion)?\b/i;

/**
 * etcdex's reconnect tests: the client started with `backoff:` and `keep_alive_timeout:` of 500 ms,
 * the server stopped and started again, then seconds under a comment that gives the client time to
 * reconnect, and a read. How long a ping may go unanswered, or how long to pause between attempts,
 * is no window the sleep waits out: the reconnect is an event a poll can see, as after a `reconnect_delay:`.
 */
function upkeepBeforeAReconnect(option: string, signals: Signals): boolean {
  return CONNECTION_UPKEEP.test(option.split(':')[0]!.trim()) && AWAITS_A_CONNECT.test(signals.commentAbove() ?? '');
}

/** A comment that names the event a sleep waits for: "a moment to stop cleanly", "for the job to finish". */
const COMMENT_NAMES_AN_EVENT = /\bto\s+(?:stop|finish|complete|start|process|shut\s*down|crash|restart|register|terminate|exit|die|settle|handle|flush|deliver|connect|reconnect|boot|initiali[sz]e|be\s+(?:processed|handled|stopped|started|delivered|registered|flushed))\b/i;


/**
 * Does a statement after the sleep hand on a clock read from before it moved on by a literal (`time +
 * 2050`)? Past later sleeps too: they wait out no more of the faked time than this one.
 */
function fakesTheClock(ctx: SiteContext): boolean {
  const ahead = ctx.after;
  if (ahead.length === 0) return false;
  return ctx.before.some((statement) => {
    const name = CLOCK_BINDING.exec(statement.text)?.[1];
    const moved = name ? new RegExp(`(?<![\\w.])${name}\\s*\\+\\s*\\d`) : null;
    return !!moved && ahead.some((later) => moved.test(later.text));
  });
}

/**
 * Did a statement shortly before the sleep match a timeout out of the call given the time on
 * `optionLine` (`{:error, %{reason: :timeout}} = Client.send(…, %{reply_timeout: 1})`, in a
 * `capture_log` too)? Then that time is over when the call returns.
 */
function ranOutBefore(ctx: SiteContext, optionLine: number, key: string): boolean {
  return ctx.before.slice(0, 3).some((statement) => ranOutIn(statement, optionLine, key));
}

/**
 * Was the `…timeout` option on `optionLine` handed to a project function that spends it itself (a
 * runner that reads `Keyword.get(opts, :job_timeout_ms, …)` and waits at most that long for its job
 * in `Task.yield` or a `receive … after`)? Then that time is over when the call returns.
 */
function spentByItsCall(ctx: SiteContext, optionLine: number, key: string, signals: Signals): boolean {
  if (!/timeout/.test(key)) return false;
  const statement = ctx.before.find((s) => s.startPosition.row + 1 <= optionLine && optionLine <= s.endPosition.row + 1);
  const givenThere = (arg: SyntaxNode) => arg.type === 'keywords' && arg.namedChildren.some((pair) => line(pair) === optionLine && pair.childForFieldName('key')?.text.replace(/:\s*$/, '') === key);
  return !!statement && callNamesIn(statement).some(({ name, node }) => callArguments(node).some(givenThere) && signals.modules.waitsOutParameter(name, key, ctx.file));
}

/**
 * Does the option on `optionLine` go only to servers of the project that do nothing with time?
 * via's subscriber settings, `slow = [name: "slow", interval: 200]`, handed to `Sub.start_link(slow)`,
 * whose init keeps them, and read back as `slow[:interval]` for `Sub.join(…)`, whose handler
 * registers it as a value: no timer of that interval runs anywhere, and the sleep as long as it
 * waits for the casts. Every call the option's list reaches (itself, or the name it is bound to)
 * must be a start or a function of such a module; one the project does not define, or any other
 * call, keeps the option.
 */
function givenOnlyToTimelessServers(ctx: SiteContext, optionLine: number, key: string, signals: Signals): boolean {
  const unit = ctx.unit;
  const pair = unit?.descendantsOfType('pair').find((p) => line(p) === optionLine && p.childForFieldName('key')?.text.replace(/:\s*$/, '').trim() === key);
  if (!unit || !pair) return false;
  // Up through the list (and a child spec's tuple) the pair is written in.
  let holder: SyntaxNode = pair;
  while (holder.parent && OPTION_HOLDERS.has(holder.parent.type)) holder = holder.parent;
  const parent = holder.parent;
  let reached: SyntaxNode[];
  if (parent?.type === 'arguments' && parent.parent?.type === 'call') reached = [parent.parent];
  else {
    const bound = parent ? binaryParts(parent) : null;
    if (bound?.op !== '=' || bound.right.id !== holder.id || bound.left.type !== 'identifier') return false;
    const name = bound.left.text;
    const uses = unit.descendantsOfType('identifier').filter((id) => id.text === name && id.id !== bound.left.id && line(id) > optionLine);
    const calls = uses.map(enclosingCall);
    if (calls.some((call) => call === null)) return false;
    reached = calls as SyntaxNode[];
  }
  return reached.length > 0 && reached.every((call) => {
    const name = callName(call) ?? '';
    const module = startedModule(name, call, ctx)?.module ?? (/^([A-Z][\w.]*)\.[a-z_]\w*[?!]?$/.exec(name) ? ctx.file.resolveAlias(name.replace(/\.[^.]+$/, '')) : null);
    return module !== null && !STANDARD_MODULE.test(module) && signals.modules.keepsNoTime(module, ctx.file);
  });
}

/** What an option is written in on its way to a call: its keyword list, a list, a child spec's tuple. */
const OPTION_HOLDERS = new Set(['keywords', 'list', 'tuple']);

/** The nearest call `node` is an argument of, or null when none is before the unit ends. */
function enclosingCall(node: SyntaxNode): SyntaxNode | null {
  for (let up = node.parent; up; up = up.parent) {
    if (up.type === 'call') return up;
    if (up.type === 'do_block' || up.type === 'stab_clause' || up.type === 'anonymous_function') return null;
  }
  return null;
}

/**
 * Does `statement` match or compare a timeout out of the call on `callLine` (`{:error, :timeout} =
 * Client.send(…, timeout: 1)`, wormhole's `assert Wormhole.capture(…, timeout: 100) == {:error, {:timeout, 100}}`)?
 * Given the option's `key`, a `…timeout` one, any error counts: elixir-mllp's `{:error, _} =
 * MLLP.Client.send(pid, msg, %{reply_timeout: 1})` came back with its wait over, whatever the
 * error was (a `ttl:` or an `expiry:` arms a time that runs on after the call; a timeout does not).
 */
export function ranOutIn(statement: SyntaxNode, callLine: number, key = ''): boolean {
  const anyError = /timeout/.test(key);
  if (!statement.text.includes(':timeout') && !(anyError && statement.text.includes(':error'))) return false;
  const outcome = anyError ? /:timeout\b|^\{\s*:error\b/ : /:timeout\b/;
  const spans = (node: SyntaxNode) => node.startPosition.row + 1 <= callLine && callLine <= node.endPosition.row + 1;
  return [statement, ...statement.descendantsOfType('binary_operator')].some((node) => {
    const parts = binaryParts(node);
    if (parts?.op === '=') return outcome.test(parts.left.text) && spans(parts.right);
    if (parts?.op !== '==' && parts?.op !== '===') return false;
    return [[parts.left, parts.right], [parts.right, parts.left]].some(([value, call]) => outcome.test(value!.text) && value!.type !== 'call' && call!.type === 'call' && spans(call!));
  });
}

/** Words for the end of a lifetime, as a check reads it back: expired, stale, evicted, purged, reaped, swept. */
const EXPIRY_STATE = /^(?:expir|stale|evict|outdated|purg|reap|swe)/i;

/**
 * The statement before the sleep that started the task the line after it awaits (`task =
 * Task.async(fn -> … end)`, then `Task.await(task)`), or null. A timeout given to a call inside
 * that task has run out once the await returns.
 */
export function awaitedTaskStart(ctx: SiteContext): SyntaxNode | null {
  const awaited = ctx.after[0] ? callNamesIn(ctx.after[0]).find((c) => TASK_AWAITS.test(c.name)) : undefined;
  const task = awaited ? callArguments(awaited.node)[0]?.text : undefined;
  if (!task || !/^[a-z_]\w*$/.test(task)) return null;
  return ctx.before.find((statement) => {
    const parts = binaryParts(statement);
    return parts?.op === '=' && parts.left.text === task && callNamesIn(parts.right).some((c) => TASK_STARTS.test(c.name));
  }) ?? null;
}

const TASK_AWAITS = /^Task\.(?:await|yield)$/;
const TASK_STARTS = /^Task\.(?:Supervisor\.)?async(?:_nolink)?$/;

/**
 * Does one of `statements` call a function whose name starts with `word`'s stem (`purge` →
 * `ETS.purge(name)`, `expired` → `Auctions.expire_auction(auction)`)? `untimed`: handed no number,
 * which could be the time it sets (`Cache.expire(key, 100)`).
 */
function callsNamed(statements: readonly SyntaxNode[], word: string, options: { untimed?: boolean } = {}): boolean {
  const stem = stemOf(word);
  if (!stem || word.length < 4) return false;
  // A function called with its arguments, not a field read (`entry.idle_time` in "idle_time is logged").
  return statements.some(
    (statement) =>
      statement.text.toLowerCase().includes(stem) &&
      callNamesIn(statement).some(
        ({ name, node }) => /^(?:[A-Z][\w.]*\.)?[a-z_]\w*[?!]?$/.test(name) && node.text.includes('(') && name.replace(/^.*\./, '').toLowerCase().startsWith(stem) && !(options.untimed && /(?<![\w.])\d/.test(node.text)),
      ),
  );
}

/** The letters of a word without an ending (`expired` → `expir`, `purges` → `purg`), lower case; at least three. */
function stemOf(word: string): string | undefined {
  const letters = /^[a-z_]+/i.exec(word)?.[0].toLowerCase();
  const stem = letters?.replace(/(?:ed|es|ing|s|e)$/, '');
  return stem && stem.length >= 3 ? stem : letters;
}

/**
 * `assert_received %Transaction{}` right after it (logflare's broadcaster, `interval: 100` set
 * above; an expiry notice after a TTL, or `waitingToo`, an `assert_receive` of it): what it waits
 * for is a message, whatever time was set, and assert_receive waits for exactly that.
 */
export function checksForAMessage(ctx: SiteContext, waitingToo = false): boolean {
  // For a timeout, also one that waits (cizen's `Event.new(…, %Request{timeout: 50})`, 50 ms, then
  // `assert_receive %Event{body: %Request.Timeout{}}`): the receive waits for the timer's message
  // itself. (A periodic tick's is another matter: bb's loop sleeps twenty periods as an overrunning
  // handler, and the tick it then receives measures that.)
  // Not when a message must not have come yet (`refute_received %{tick: 7}`): the sleep times that window.
  // Past lines that only bind what the test holds (cizen's `request_id = request.id`).
  // Most sleeps have no such check after them, and the lines after them say so before any statement is walked.
  if (!inTestFlow(ctx) || !linesAfterMention(ctx, 'assert_receive')) return false;
  const name = assertionName(ctx.after[settledStatementsAhead(ctx.after)]);
  return (name === 'assert_received' || (waitingToo && name === 'assert_receive')) && !ctx.after.some((s) => /^refute_receive/.test(assertionName(s) ?? ''));
}

/** Do the lines of the statements after the sleep, in its block, hold `text`? */
function linesAfterMention(ctx: SiteContext, text: string): boolean {
  const last = ctx.after.at(-1);
  if (!last) return false;
  for (let row = ctx.after[0]!.startPosition.row + 1; row <= last.endPosition.row + 1; row++) if (ctx.file.lineText(row).includes(text)) return true;
  return false;
}

/** Does the statement of the test that sets the option on `line` name `process` (start it, bind it, hand it the option)? */
function optionConcerns(ctx: SiteContext, line: number, process: string): boolean {
  const statement = ctx.before.find((s) => s.startPosition.row + 1 <= line && line <= s.endPosition.row + 1);
  return !statement || mentions(statement, process);
}

/** A number of things that happen: "at least 2 health check cycles", "a few ticks", "three rounds". */
// Intervals only as a least count (raft_fleet's "Wait for at least 1 interval of adjuster"): an
// exact number of them is a window things are counted over (zen_monitor's "Wait for 10 intervals",
// then a count of the :DOWNs between bounds).
export const COUNTED_OCCURRENCES =
  /\b(?:at\s+least|a\s+few|several|\d+|two|three|four|five)\s+(?:[a-z_-]+\s+){0,3}?(?:cycles?|ticks?|rounds?|iterations?|heartbeats?|beats|polls)\b|\b(?:at\s+least|a\s+few|several)\s+(?:\d+\s+|one\s+|two\s+)?(?:[a-z_-]+\s+){0,3}?intervals?\b/i;

/** A clock reading plus an amount: `System.os_time(:second) + 3600`. */
const FROM_NOW = /(?:System|:os|:erlang)\.\w*time\([^()]*\)\s*\+/;

/** What an option's time is, by its key: a timeout, the interval of a periodic sweep, or the category's own noun. */
function optionNoun(option: string, noun: string): string {
  const key = option.split(':')[0]!;
  return /timeout/.test(key) ? 'timeout' : /interval|period/.test(key) ? 'interval' : /gap/.test(key) ? 'time gap' : /lockout/.test(key) ? 'lockout' : noun;
}
