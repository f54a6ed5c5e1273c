import { isPlainSleep } from '../../context/site-context.js';
import { argumentsAsRun, binaryParts, callArguments, callName, callNamesIn, isStatementContainer, line, oneLine, ownerCall, statementsOf, timeoutOption, squeezed } from '../../parse/nodes.js';
import type { SyntaxNode } from '../../parse/parser.js';
import type { Rule } from '../rule.js';
import { fileFunctions, inAnotherTest, type Signals } from '../signals.js';
import { aliveChecks, asksIdle, boundToAStart, deniedCondition, polarCheck, assertedOtherwise, mainCallName, stillAlive, askedByNameBeforeKill, lookedUpBeforeKill, ownMailboxEmpty, asksAboutCreated, assertionName, ASSERTIONS, assertionsAfter, comparedLiteral, comparedWithEarlierRead, COUNT_READ, IDLE_STATE, IDLE_VALUE, joinedChecks, loopedAssertion, changingCalls, mayChange, mentions, readsATable, runsElsewhere, OS_PROCESS, patternBindings, settledStatementsAhead, refutedCall, spawnedStart, sameCallAfterTimeout, repeatedAct, stillRegistered, refutedBeforeItCameUp, verifiedExpectation, watchedProcess, droppedOnItsDeath, presenceOf, countMadeBeforeTheSpawn, timerCancel } from '../statements.js';
import { inTestFlow, keepsSchedule, nextRoundAsks, pacesIterations, pastTheLoop, repeatsOneRound, unrolledRound } from './test-flow.js';
import { ranBefore, setupStatements, type SiteContext } from '../../context/site-context.js';
import { asksStarted, bookkeepingOfTheCall, deferredStart, readsBesideStarted, effectLine, keyOfTheKilled, quotedVia, rowWrittenBefore, startsUnreadInit } from '../effects.js';
import { CAPTURES, STANDARD_MODULE } from '../../context/elixir-facts.js';
import { outlastingWorker, readsStateOtherThan } from './sync-barrier.js';
import { keywordTimes } from '../keyword-times.js';
import { debounceOutlasted } from './immediate-cause.js';
import { shorterWait, WAITS_FOR_A_CYCLE } from './remove-after-sync.js';
import { estimateDuration } from '../../duration/duration.js';
import { ASYNC_WORDS, expectedValue, readBackOfEarlierWrite, writtenKeyPresent } from './written-key.js';

// Conditions that already hold before the wait (still alive, still pending, still locked): the sleep
// is there to give something a chance to go wrong, and waiting for the condition would prove nothing.
// Not `:busy` as a keyword's value, a state the process moves to (finitomata's `current: :busy`).
const STILL_HOLDS = /Task\.yield\([^)]*,\s*0\)|\btry_\w+\(|(?<!\w[?!]?:\s*\[?\s*)(?::locked|:busy)\b|:already_started\b/;

/**
 * A test named for something that must not happen ("does not clear stream when parent updates",
 * "never drops pinned keys", "leaves read pools running when config is unchanged", rihanna's
 * "executes job only once"): what it asserts after the sleep is likely what held before it, and a
 * poll for it would pass at once. Only the name's main clause counts: "pauses demand if output is
 * not linked" denies nothing.
 */
// A verb that keeps something from happening says so too (nerves_gate's "planned Internet changes
// inhibit expected dependency alarms", "singular mode suppresses cluster failure"), and so does an
// act denied its object (gen_durable's "gc: false runs no GC on this node").
// A name that opens with "not" and a gerund (aircloak's "not erroring a query found in connected cloaks") denies the act too.
// So does one that keeps something from an act ("hold stops the dispatcher from sending"), not "keeps
// reading from existing files", whose object is itself the act.
const NAMED_FOR_WHAT_MUST_NOT_HAPPEN = /^\s*not\s+\w+ing\b|\b(?:does not|doesn't|do not|don't|is not|isn't|are not|aren't|never|won't|will not|should not|shouldn't|must not|cannot|can't|(?:only|exactly|just|at most) once|once only|no duplicates?|inhibit(?:s|ed)?|suppress(?:es|ed)?|prevents?|silences?|mutes|(?:runs?|fires?|sends?|emits?|spawns?|schedules?)\s+no|(?:stops?|keeps?|blocks?|bars?)\s+(?!\w+ing\b)[\w\s/.]{1,40}?\s+from\s+\w+ing)\b/i;
/** …or for what must stay as it is ("leaves read pools running", "stays connected", "remains unchanged"). */
// "keeps existing channels on resolver error" (grpc): what was there before must still be there;
// dojo's "surviving peers maintain mesh after peer crash" too, and "terminal rows persist" (gen_durable), not
// "persists the user", a write.
// Not "still completes" (blockscout's "handles parameter overflow and still completes"): that is "all the same".
const NAMED_FOR_WHAT_MUST_STAY = /\b(?:remains?|stays?|persists?(?=\s*(?:$|[;,.)])|\s+(?:across|through|past|beyond|over)\b)|maintains?|preserves?|still(?!\s+(?:completes?|succeeds?|works?|finish(?:es)?)\b)|unchanged|untouched|intact|ignores|(?:leaves|keeps)\b[\w\s]{0,30}?\b(?:running|alive|open|alone|untouched|in place|as (?:the |its |their )?\w+)|(?:keeps|retains)\s+(?:the\s+|its\s+|their\s+)?(?:existing|previous|old|current|last(?:\s+known)?)\b)\b/i;
// "once" opens a clause ("once connected, …") but not in "only once", which is what the test claims.
/** Subordinate words that are prepositions, which may open a phrase inside a name's subject. */
const PREPOSITION = /^(?:after|before|on|with|without|during)$/i;

/** A verb that can follow a subject's prepositional phrase: "… is a no-op", "… leaves target as owner". */
const VERB_AFTER_PHRASE = /\b(?:is|are|does|do|doesn't|don't|has|have|leaves|keeps|stays|remains|retains|never|won't|will|should|shouldn't|must|cannot|can't)\b/i;

const SUBORDINATE = /\b(?:if|when|whenever|unless|after|before|while|(?<!\b(?:only|exactly|just|most) )once(?! only)|until|on|with|without|during|because|since)\b/i;

/**
 * A test named for when periodic work runs ("flushes ETS metrics at the correct interval when the
 * default is used", prom_ex): the sleep may bound that time, which a poll with a timeout several
 * times longer no longer checks.
 */
// A period ("interval", "every 5 seconds": nerves_heart's watchdog pets), or a deadline the work
// must beat (pushex's "the drainer will complete before the shutdown ms if the item in buffer is
// removed": a poll longer than what is left of `shutdown: 3000` passes when the supervisor kills the
// drainer anyway), or a time after which it happens (craf-elixir's "times out after 50ms", then a
// 51 ms sleep: a poll would pass at 500 ms too; elixir-soton-otp's "process is not alive one second
// after sending :stop", media_centarr's "… trigger only one reload after the debounce window").
export const NAMED_FOR_ITS_TIMING = /\b(?:interval|periodic(?:ally)?|on schedule|on time|in time|after (?:the |a |its )?(?:debounce|throttle) (?:window|period|interval|delay)|after (?:\d[\d_]*|an?|one|two|three|five|ten) ?(?:ms|milliseconds?|s|secs?|seconds?|minutes?)|(?:\d[\d_]*|an?|one|two|three|five|ten) ?(?:ms|milliseconds?|secs?|seconds?|minutes?) (?:after|later)|every (?:\d+ ?(?:ms|milliseconds?|s|secs?|seconds?|minutes?)|second|minute|period|interval|tick|cycle)|before (?:the |its |a )?(?:\w+ )?(?:ms|timeout|deadline|shutdown|expir\w*|time ?limit)|within (?:\d|the (?:\w+ )?(?:timeout|deadline|limit)))\b/i;

/** The part of NAMED_FOR_WHAT_MUST_NOT_HAPPEN that denies an event ("does not fire", "never retries"), not a state ("is not"). */
const NAMED_FOR_AN_EVENT_THAT_MUST_NOT_COME = /^\s*not\s+\w+ing\b|\b(?:does not|doesn't|do not|don't|never|won't|will not|should not|shouldn't|must not)\b/i;

export function namedForAnEventThatMustNotCome(test: string | null): boolean {
  return test !== null && NAMED_FOR_AN_EVENT_THAT_MUST_NOT_COME.test(mainClause(test));
}

export function namedForWhatMustNotHappen(test: string | null): boolean {
  return test !== null && (NAMED_FOR_WHAT_MUST_NOT_HAPPEN.test(mainClause(test)) || NAMED_FOR_WHAT_MUST_STAY.test(mainClause(test)));
}

/** A cancel of something set to happen later, in either order: "cancelled before its delay elapses", "a delayed send can be cancelled". */
const CANCEL = /\bcancel(?:s|led|ed|ling|lation)?\b/i;
const LATER = /\b(?:delay(?:ed|s)?|timers?|timeouts?|elapses?|scheduled|deferred|send_after|later)\b/i;

/**
 * statifier's "the send is cancelled before its delay elapses; the event never arrives", with the
 * `<cancel>` (or `{:cancel, …}`) before the sleep: a test named for a cancel of something set to
 * happen later and for an event that must then not come. The sleep is the window in which it would
 * fire had the cancel failed: a barrier or nothing in its place lets no time pass, and the check
 * after it held all along. The cancelling statement before the sleep, or null (a sleep before the
 * cancel waits for something else).
 */
export function cancelledBeforeItFires(ctx: SiteContext): SyntaxNode | null {
  const test = ctx.test;
  if (test === null || !CANCEL.test(test) || !LATER.test(test) || !namedForAnEventThatMustNotCome(test)) return null;
  return ctx.before.find((statement) => CANCEL.test(statement.text)) ?? null;
}

/** A name that says outright that something must stay as it is ("should remain disabled"), not "still sends". */
const NAMED_TO_REMAIN = /\b(?:remains?|stays?|unchanged|untouched|intact)\b/i;

export function namedToRemain(test: string | null): boolean {
  return test !== null && NAMED_TO_REMAIN.test(mainClause(test));
}

/**
 * cortex's gateway health test, its status set back to `:idle` before a lenient checker is started,
 * "# Wait for a health check tick", the sleep, then the status read back: a check of the value an
 * earlier line wrote to the same key before the act (readBackOfEarlierWrite), under a comment that
 * says the sleep waits for a round of periodic work. It held before the sleep, which is the window
 * in which that round would wrongly change it: a poll passes at once, before any round. The write,
 * or null.
 */
export function keptThroughATick(condition: SyntaxNode, ctx: SiteContext, signals: Signals): ReturnType<typeof readBackOfEarlierWrite> {
  return WAITS_FOR_A_CYCLE.test(signals.commentAbove() ?? '') ? readBackOfEarlierWrite(condition, ctx, signals) : null;
}

/** A test named for what must stay as it is: after only synchronous work, its sleep is a window for a change, not a wait. */
export function namedForWhatMustStay(test: string | null): boolean {
  return test !== null && NAMED_FOR_WHAT_MUST_STAY.test(mainClause(test));
}

/**
 * The name without its subordinate clause: before it ("pauses demand" of "pauses demand if output
 * is not linked"), or after the comma that closes one it opens with ("the Cached value is not
 * changed" of "when the message is not valid, the Cached value is not changed", fun_with_flags).
 * A phrase a preposition opens inside the subject ends at the verb that follows it, before any
 * other clause: "repeated start without an intervening stop is a no-op and does not leak the
 * previous refresh timer" (pulsar_ex), "source death after handoff leaves target as owner" (arbor).
 */
function mainClause(test: string): string {
  const clause = SUBORDINATE.exec(test);
  if (!clause) return test;
  const before = test.slice(0, clause.index);
  if (before.trim() !== '' && PREPOSITION.test(clause[0])) {
    const rest = test.slice(clause.index + clause[0].length);
    const next = SUBORDINATE.exec(rest);
    const verb = VERB_AFTER_PHRASE.exec(next ? rest.slice(0, next.index) : rest);
    if (verb) return mainClause(before + rest.slice(verb.index));
  }
  if (before.trim() !== '') return before;
  const comma = test.indexOf(',', clause.index);
  if (comma === -1 && PREPOSITION.test(clause[0])) {
    // No comma closes a phrase the name opens with ("with no steppers the step is skipped and the
    // cell stays dirty", ex_mmo_cluster): the main clause's verb is the first one after it.
    const rest = test.slice(clause.index + clause[0].length);
    const verb = VERB_AFTER_PHRASE.exec(rest);
    return verb ? mainClause(rest.slice(verb.index)) : '';
  }
  return comma === -1 ? '' : mainClause(test.slice(comma + 1));
}

/** A value checked to lie between two bounds: `in 7..10`. */
const COUNT_RANGE = /\bin\s+\d[\d_]*\.\.\d[\d_]*/;

/**
 * Did `condition` hold earlier in the test, so that refuting it waits for a change: asserted as it
 * stands, and not refuted since (`before` is nearest first), a record the test created, or a read
 * bound to a name that was asserted (see `flipped`)?
 */
function heldBefore(condition: SyntaxNode, before: readonly SyntaxNode[]): boolean {
  const lastCheck = before.map(polarCheck).find((check) => check !== null && squeezed(check.condition.text) === squeezed(condition.text));
  return lastCheck?.holds === true || asksAboutCreated(condition, before) || assertedThroughABinding(condition, before);
}

/**
 * Was the read `condition` makes bound to a name earlier in the test and that name asserted to be
 * there (anubis's `handler = StreamableHTTP.get_sse_handler(t, id)`, `assert is_pid(handler)`, then
 * the crash, the sleep, `refute StreamableHTTP.get_sse_handler(t, id)`)? Then a refutation of it
 * did not hold before.
 */
function assertedThroughABinding(condition: SyntaxNode, before: readonly SyntaxNode[]): boolean {
  const read = squeezed(condition.text);
  const names = before.flatMap((statement) => {
    const parts = binaryParts(statement);
    return parts?.op === '=' && parts.left.type === 'identifier' && squeezed(parts.right.text) === read ? [parts.left.text] : [];
  });
  return names.some((name) => before.some((statement) => {
    const [checked] = assertionName(statement) === 'assert' ? callArguments(statement) : [];
    return checked !== undefined && new RegExp(`^(?:${name}|is_\\w+\\(${name}\\)|${name}!==?nil|(?:!|not)is_nil\\(${name}\\))$`).test(squeezed(checked.text));
  }));
}

/** A value an idle system has: `[]`, `0`, `nil`, `false`, `%{}`, `""`. */
/**
 * `assert 0 == Registry.count(reg)` after an assertion earlier in the test found the same read at
 * another literal (multiverses' `assert 1 == @registry.count(reg)`), not idle (`!= nil`), or
 * matching a non-empty pattern: the idle state did not hold before, and the poll waits for the change.
 */
function assertedBusy(condition: SyntaxNode, before: readonly SyntaxNode[]): boolean {
  // joken_jwks's `{:error, :no_signers_fetched} == verify(token)`, then `{:ok, %{}} == verify(token)`:
  // the read was shown to answer another literal, so the later one cannot hold from the start.
  if (assertedOtherwise(condition, before) !== null) return true;
  const read = comparedRead(condition);
  return read !== null && before.some((statement) => {
    const [earlier] = assertionName(statement) === 'assert' ? callArguments(statement) : [];
    const parts = earlier ? binaryParts(earlier) : null;
    // realtime's `assert Registry.whereis_name({Registry, id})`, a shutdown, then `:undefined = Registry.whereis_name(…)`.
    if (!parts) return earlier !== undefined && earlier.type === 'call' && readKey(earlier) === read;
    // `assert [%Message{…}, …] = Server.list(sname, type)`, later `[] = Server.list(sname, type, order: :asc)` (deployex);
    // realtime's `{_, %{conn: _}} = :syn.lookup(Connect, id)`, later `:undefined = :syn.lookup(Connect, id)`.
    if (parts.op === '=') return readKey(parts.right) === read && (BUSY_PATTERN.test(parts.left.text) || (/^\{[\s\S]+\}$/.test(parts.left.text) && !IDLE_STATE.test(`${parts.left.text} = x`)));
    const [same, other] = readKey(parts.left) === read ? [parts.left, parts.right] : [parts.right, parts.left];
    if (readKey(same) !== read) return false;
    // `assert Process.whereis(ItIsMe) != nil`, later `== nil` (vintage_net).
    if (parts.op === '!=' || parts.op === '!==') return IDLE_VALUE.test(other.text);
    if (parts.op !== '==' && parts.op !== '===') return false;
    // lemon's `assert ThreadRegistry.whereis(key) == pid`, `pid` bound to the start: a process, no idle value.
    if (boundToAStart(other.text, before)) return true;
    return /^(?:\d[\d_]*|\[[\s\S]+\]|:\w+|true|".+")$/.test(other.text) && !IDLE_VALUE.test(other.text);
  });
}

/**
 * The statement before the sleep removed what the condition reads, by an argument they share
 * (tv's `App.Controller.stop(id)`, then `{:error, :not_found} == App.Store.get(id)`): "nothing is
 * there" is then the change the poll waits for, not a state that held before the sleep.
 */
function removedJustBefore(condition: SyntaxNode, previous: SyntaxNode | undefined): boolean {
  if (!previous) return false;
  // Or a death was just received (realtime's `assert_receive {:DOWN, _, :process, ^replication_pid, _}`,
  // then `{:error, :not_connected} = Connect.replication_status(id)`): others hear of it on their own time.
  if (assertionName(previous) === 'assert_receive' && /^assert_receive\s*\(?\s*\{\s*:DOWN\b/.test(previous.text)) return true;
  const read = new Set(condition.descendantsOfType(['identifier', 'atom']).map((node) => node.text));
  // Not a stop that returns once the process is gone, and a check of its name (iasc's
  // `GenServer.stop(:server, :normal)`, then `Process.whereis(:server) == nil`): that held when the
  // stop returned, and the sleep is the window in which a supervisor must not start it again.
  const lookedUp = /\bProcess\.whereis\b/.test(condition.text);
  return callNamesIn(previous).some(({ name, node }) => REMOVING.test(name) && !(lookedUp && STOPS_AND_WAITS.test(name)) && callArguments(node).some((arg) => (arg.type === 'identifier' || arg.type === 'atom') && read.has(arg.text)));
}

/**
 * Did `previous` stop a process the condition does not name (mosslet's LiveView, `GenServer.stop(lv.pid)`,
 * then `refute Presence.user_active_on_timeline?(user.id)`)? The stop returns once the process is gone,
 * but a Presence, a Registry or a server that monitors it drops it when the :DOWN comes, on its own
 * time: a refutation about what they keep is the change a poll waits for. A condition that names the
 * stop's process or supervisor asks what the stop itself answers for.
 */
function stoppedElsewhere(previous: SyntaxNode | undefined, condition: SyntaxNode): boolean {
  const stop = previous ? callNamesIn(previous).find(({ name }) => STOPS_AND_WAITS.test(name)) : undefined;
  if (!stop) return false;
  const named = callArguments(stop.node).flatMap((arg) => /^:?[A-Za-z_]\w*/.exec(arg.text) ?? []);
  return !named.some((root) => mentions(condition, root));
}

/** Stops that return once the process has exited. */
const STOPS_AND_WAITS = /^(?:GenServer\.stop|:gen_server\.stop|Agent\.stop|Supervisor\.stop|Supervisor\.terminate_child|DynamicSupervisor\.terminate_child|:proc_lib\.stop)$/;

const REMOVING = /(?:^|\.)(?:stop|shutdown|close|disconnect|leave|delete|remove|kill|unregister|drop|clear|purge|evict|invalidate|expire|cancel|terminate|destroy|revoke|unsubscribe|erase|del)(?:_\w+)?!?$/;

/** A pattern only a non-empty list or map matches: `[%Message{…} | _]`, `[_a, _b]`, `%{id: _}`. */
const BUSY_PATTERN = /^(?:\[\s*\S[\s\S]*\]|%\{\s*\S[\s\S]*\})$/;

/** An idle answer, or an empty one in an `:ok` tuple (`{:ok, []}`, `{:ok, %{}}`). */
const IDLE_ANSWER = new RegExp(String.raw`^(?:${IDLE_VALUE.source.slice(1, -1)}|\{\s*:ok\s*,\s*(?:\[\]|%\{\}|0|nil|"")\s*\})$`);

/** The side of `a == idle`, `idle == a` or `idle = a` that reads, as readKey gives it; null for any other condition. */
function comparedRead(condition: SyntaxNode): string | null {
  const parts = binaryParts(condition);
  if (!parts) return null;
  if (parts.op === '=') return IDLE_ANSWER.test(parts.left.text) ? readKey(parts.right) : null;
  if (parts.op !== '==' && parts.op !== '===') return null;
  if (IDLE_ANSWER.test(parts.right.text)) return readKey(parts.left);
  return IDLE_ANSWER.test(parts.left.text) ? readKey(parts.right) : null;
}

/**
 * What a read asks: a call by its name and first argument (`Server.list(sname, type)` and
 * `Server.list(sname, type, order: :asc)` ask about the same thing), anything else by its text.
 */
function readKey(node: SyntaxNode): string {
  const name = node.type === 'call' ? callName(node) : null;
  const first = name ? callArguments(node)[0] : undefined;
  return name ? `${name}(${first ? squeezed(first.text) : ''})` : squeezed(node.text);
}

export const waitFor: Rule = {
  id: 'wait-for',
  verdict: 'problematic',
  produces: 'wait_for',
  summary: 'waits for observable state, then asserts it: wait_for the condition instead',
  explanation:
    'When the line after a sleep asserts on state that another process changes (a cache size, an ETS row, a database record), ' +
    'past lines that only bind values the test already holds (`dir = Path.join(…)`: the wait goes after them, right before the assertion), ' +
    'wait_for(fn -> condition end, timeout) retries the condition until it holds and moves on at once. The original assertion ' +
    'stays after it, so a failure still reads as ExUnit\'s message. A pattern assertion `assert %{} = expr` that binds nothing ' +
    'becomes match?/2. Not for conditions that already hold before the wait (a process still alive, a task still pending, a client just started refuted `connected?`), ' +
    'nor for a check the test, or the setup before it, already made before the sleep (after a kill, also one that asks a process by its registered name ' +
    'just as a line before the kill did, with other data: the dying process may answer the poll), nor for a call given a `timeout:` of its own, nor for a refutation (`refute x`, `assert not x`, `assert !x`) after only synchronous work or of a call a mock records (`refute called(…)`): there the sleep gives something the chance to happen, and no condition ' +
    'can prove it did not (a stop of a process the refutation does not name is no such work: whoever tracked it, a Presence or a Registry, drops it on its own time). Marked review when the test\'s name says something must not happen or must stay as it is, inside a capture whose output the test reads after it (what others log once the condition holds may miss it), when the check reads back a literal the line before wrote through a call not named as asynchronous, or one an earlier line wrote to the same key through a call the project\'s code answers, before the act (it may hold before the act), or asks whether a key that line handed to a call is there with nothing on it handing work to another process (it may hold at once), or when another test of the file makes the call of that line and this check right after it with no wait (it holds when the call returns), or when the check is a count ' +
    'between two bounds (`in 7..10`: how much happened in the time slept), or a count equal to a cap the test configured (`max_size: 10`) after it handed over more ' +
    'than that (the count sits at the cap before the rest is handled), or when a line after it binds a read of other state that later lines check (the work may write that after what the poll sees). Assertions right after it that ask the same module about another process or node (c1, then c2), that check the same module is idle in another way (`pending_jobs() == []`, then `running_jobs() == []`), or check a death, join the ' +
    'condition. Not for a condition that calls something that looks like it changes state (a write, an insert, a flush): ' +
    'polling would repeat it, and the assertion kept after the wait would run it once more.',
  example: {
    before: 'Cache.put_async(cache, :a, 1)\nProcess.sleep(100)\nassert Cache.size(cache) == 1',
    after: 'Cache.put_async(cache, :a, 1)\nwait_for(fn -> Cache.size(cache) == 1 end, 500)\nassert Cache.size(cache) == 1',
  },
  decide(ctx, signals) {
    if (!inTestFlow(ctx) || pacesIterations(ctx, signals) || keepsSchedule(ctx)) return null;
    // `pins_dir = Path.join(…)` or `assert is_pid(pid)` between the sleep and the check binds or
    // checks nothing the sleep waits for.
    const settled = settledStatementsAhead(ctx.after);
    const after = ctx.after.slice(settled);
    // `for name <- names do assert present?(name) end` (vintage_net): the loop's assertion is the check.
    const looped = loopedAssertion(after[0]);
    const next = looped?.assertion ?? after[0];
    const name = assertionName(next);
    if (!next || !name || !ASSERTIONS.has(name) || name.endsWith('_in_delta')) return null;
    const [condition] = callArguments(next);
    // `refute x`, and `assert not x` or `assert !x` alike: x must not hold (see deniedCondition).
    const denied = deniedCondition(next);
    // (Unless the same read was asserted at another value before the sleep: a door's `:unlocked`,
    // then `:locked` after its timer relocks it, gatekeeper's.)
    if (!condition || !mayChange(condition) || (STILL_HOLDS.test(condition.text) && assertedOtherwise(condition, ctx.before) === null)) return null;
    // we-dle's `assert {:messages, []} = Process.info(self(), :messages)`: the test's own mailbox is
    // empty until something arrives, so a poll of it passes at once; the sleep was the window.
    if (ownMailboxEmpty(condition)) return null;
    // The same call made again after one timed out: it answers at once (see sameCallAfterTimeout).
    if (sameCallAfterTimeout(ctx.before[0], next)) return null;
    // `assert command.name == :node_add_status`, then `assert Command.param!(command, :status) == :done`
    // (grizzly, `command` from a message received before): the checks skipped read fields of a value,
    // and the condition only hands that value to functions, which read it the same way every time.
    if (readsOnlyFieldsRead(condition, ctx.after.slice(0, settled))) return null;
    // Still alive, in this check or one right after it (`assert Process.alive?(pipeline)` after the
    // killed connector's death): that held before the wait, and the sleep gives it time to crash.
    // (Not one the test refuted before the sleep, ex_unit_clustered_case's `refute N.alive?(pid)`
    // after a kill, then `assert N.alive?(pid)`: the sleep waits for the restart, which a poll waits for.)
    const comesBack = aliveChecks(assertionsAfter(after));
    if (comesBack.length > 0 && !comesBack.every(({ pid }) => refutedAliveBefore(ctx.before, pid))) return null;
    // `assert is_pid(Process.whereis(Server))` with nothing stopped before the sleep (exactor's idle
    // timeout test: started, told not to expire, then checked): the name was there all along.
    if (stillRegistered(next, ctx.before)) return null;
    // mqttx's `{:ok, pid} = Client.connect(…)` with no broker, then `refute Client.connected?(pid)`: it
    // was not connected before the attempt either, so a poll passes at once (manual says so).
    if (refutedBeforeItCameUp(next, ctx.before)) return null;
    // The same check before the sleep (in the test, or in the setup that ran before it: fun_with_flags
    // asserts the cached value there, then publishes a message that must not change it), or the same
    // read compared with what it gave then: it already held, and the sleep gives something time to break it.
    // Also per item, in a loop over the same items; the condition a polling helper waited for
    // (`assert eventually(fn -> C end)`); the same match made on what such a helper waited for.
    if (signals.checkedAgain(next) || comparedWithEarlierRead(ctx.before, next)) return null;
    // "# should still be in cache (message was ignored)": the check is that nothing happened.
    if (signals.nothingHappens(next)) return null;
    // `refute called(Store.reload(:x))`: the sleep gives the call its chance; its absence holds at once.
    if (refutedCall(next)) return null;
    // The same request made twice, then a count of one: the first made it, the sleep is the second's window.
    if (!looped && repeatedAct(ctx.before, next)) return null;
    // Each round of the loop the sleep ends asks what the check asks: the rounds need the wait.
    if (nextRoundAsks(ctx, condition)) return null;
    const match = binaryParts(condition);
    const checked = match?.op === '=' ? match.right : condition;
    // A pattern whose bindings later lines use is a multi-step wait: poll_with_timeout's job.
    if (match?.op === '=' && patternBindings(match.left).some((b) => after.slice(1).some((s) => mentions(s, b)))) return null;
    const previous = ctx.before[0];
    // eternal's "starting a table with no link": the sleep is for the spawned process to end, which
    // what it started must outlive; the check of that holds from the start on (manual says so).
    if (previous && spawnedStart(previous)) return null;
    // A count the test's own rounds made before it spawned the work that makes their call again
    // (every slot of a queue taken, then a caller that must block): it held before the sleep, the
    // work's head start, and a poll of it passes at once (manual says so).
    if (countMadeBeforeTheSpawn(condition, ctx.before)) return null;
    const effect = signals.effect(previous);
    // A value the test wrote before the act, read back under "# Wait for a health check tick": it
    // held before the sleep, the window for a round of periodic work to change it (manual says so).
    if (name === 'assert' && effect?.kind !== 'kill' && keptThroughATick(condition, ctx, signals)) return null;
    // A process asked by name before the kill too (elsa's `TestServer.echo(TestServer, …)` after its
    // supervisor is killed): the dying one may answer the poll, and the assertion kept after it exits.
    if (effect?.kind === 'kill' && askedByNameBeforeKill(ctx.before, next)) return null;
    // The killed pid's own lookup, asked only to find a process: the registry still lists the dead one.
    if (effect?.kind === 'kill' && lookedUpBeforeKill(ctx.before, next)) return null;
    // ecto_process_registry's "demonitor -> kill -> register": the key registered with the process
    // killed right before the sleep, then `assert Repo.get_by(Pid, key: "agent")`: the entry was
    // there before the kill, so a check that it is still there holds at once, and the sleep is the
    // window for a wrong delete on the death (manual says so). A check that it is gone waits for
    // the registry to hear of the death, and did not hold before (see `idle`).
    const kept = keyOfTheKilled(condition, ctx.before);
    if (kept && name === 'assert' && presenceOf(condition) !== null) return null;
    // newrelic's sidecar: `NewRelic.start_transaction(…)` lists the test's process in an ETS table
    // before it returns, then a task awaited, the sleep and `assert :ets.member(LookupStore, self())`:
    // the row held before the sleep, the window for a wrong delete (manual says so).
    if (name === 'assert' && rowWrittenBefore(condition, ctx.before, ctx.file, signals.modules)) return null;
    // An OS process exits on the OS's time, even after only synchronous work (`Process.close_stdin(s)`);
    // `refute Process.alive?(pid)` waits for a death, whatever set it off.
    const waitsForAnExit = OS_PROCESS.test(condition.text) || watchedProcess(next) !== null;
    // (Not a registry asked after a process in it ended, `refute Presence.registered?(key)`: the entry goes when the registry hears of the death;
    // nor anything else asked after a stop of a process it does not name, see stoppedElsewhere.)
    if (denied && !waitsForAnExit && (!previous || effect?.kind === 'sync' || /cancel/.test(previous.text)) && !droppedOnItsDeath(previous, [next], ctx.before) && !stoppedElsewhere(previous, denied)) return null;
    // protean's "send_after/3 can be canceled": the timer cancelled, 20 ms, then the state the machine
    // started in: the sleep is the window in which a timer that was not cancelled would fire, and a
    // poll of a state that held all along ends it at once.
    if (timerCancel(previous) || cancelledBeforeItFires(ctx)) return null;
    // The transform folds these into the condition too, so they are polled as well.
    const others = looped ? [] : joinedChecks(next, after.slice(1));
    // apothik's master: `Master.start_node(1)`, whose handle_call lists the node in `started` before it
    // replies and boots it in a task, then a check of `started`: it holds as soon as the call returns,
    // and a poll of it passes at once, before the boot the sleep waited for (manual says so).
    if (bookkeepingOfTheCall(previous, [condition, ...others], ctx, signals.modules)) return null;
    // `refute Process.alive?(caller)`, then `:sys.get_state(pool)` (finch): the pool hears of the death
    // in its own :DOWN, after the process is gone, and a poll for the death returns before that.
    const dead = watchedProcess(next);
    // Or reads a table another process keeps (realtime's tracker: every pid dead, then `:ets.tab2list`
    // of its table empty): the keeper cleans up on its own :DOWN.
    // Or asks another process through the project's API (vsm's `Bulkhead.get_state(bulkhead)`, a call
    // to the pool that monitors the dead client and frees its resource in its own :DOWN).
    const asksAnother = (s: SyntaxNode): boolean => {
      const asked = signals.effect(s);
      return asked?.kind === 'sync' && asked.target !== null && asked.target !== dead;
    };
    // Up to another sleep, which waits for what comes after it (SchedEx's second sleep before its agent's read).
    const soon = after.slice(1, 4);
    const untilSleep = soon.findIndex((s) => isPlainSleep(s));
    const hearsLater = dead ? (untilSleep === -1 ? soon : soon.slice(0, untilSleep)).find((s) => !others.includes(s) && (readsStateOtherThan(s, dead) || readsATable(s) || asksAnother(s))) : undefined;
    // Polling a write repeats it, and the assertion kept after the wait runs it once more.
    if ([checked, ...others].some((node) => signals.actingCall(node))) return null;
    // `assert :ok = rpc(node1, :stop_supervisor, [])` (sagents), `assert :ok = Local.route(signal, …)`
    // (lux): what answers a bare `:ok` is a command, whatever its name, and a poll would give it again.
    // (Not a predicate by its name, testcontainers' `:ok = port_open?("127.0.0.1", 6379)`, which
    // only connects and closes: a readiness check to poll.)
    if (match?.op === '=' && match.left.type === 'atom' && match.left.text === ':ok' && !/\?$/.test(mainCallName(match.right) ?? '')) return null;
    // `Redix.transaction_pipeline(conn, commands, timeout: 10) == {:error, …timeout…}`: the check is
    // how a call behaves within a time limit of its own; every poll would make the call in full.
    if (givenATimeout(checked)) return null;
    // After a start (the synchronous call just before) whose server defers its work (its init/1
    // sends itself the setup, or continues in handle_continue) and a check that does not ask that
    // server, or after the start of a module with no init/1 of its own (telemetry_metrics_prometheus_core's
    // Core.start_link starts another module's server): the check may hold before that work is done
    // (a table the init made), and a poll that passes at once is no wait for it.
    const started = previous && effect?.kind === 'sync' ? previous : null;
    const deferred = started ? deferredStart(started, ctx, signals.modules) : null;
    const unfinished = deferred && (!asksStarted(next, deferred) || readsBesideStarted(next, deferred, ctx, signals.modules)) ? { module: deferred.written, how: 'init/1 leaves work to a message to itself or to handle_continue' } : null;
    // A module whose start_link comes from a `use` too (blockscout's migrations) gives no effect to read.
    const unread = previous && (!effect || effect.kind === 'sync') && !deferred ? startsUnreadInit(previous, ctx, signals.modules) : null;
    const because = effect && effect.kind !== 'sync' && previous ? `after ${effect.kind === 'kill' ? effect.how : quotedVia(effect)} on line ${effectLine(effect, previous)}, ` : '';
    // "Nothing is there" (`list_by_game(id) == []`, `refute Store.get(:k)`) may hold before anything
    // happened: a poll for it can pass at once and prove nothing, so a person looks at it first.
    // Not a refutation of what an assertion earlier in the test found true (vintage_net's `assert
    // File.exists?("testing")`, the interface removed, the sleep, `refute File.exists?("testing")`):
    // it did not hold before, so the poll waits for the change.
    // Nor a refutation of a record the test created (plural's `demo = insert(:demo_project, …)`, the
    // sleep, `refute refetch(demo)`): it was there when the sleep began.
    const flipped = denied !== null && heldBefore(denied, ctx.before);
    // Nor a death (`assert Process.alive?(pid) == false`): once it holds it holds for good, and a poll
    // that passes at once has seen what the sleep waited for.
    const idle = !waitsForAnExit && !kept && ((denied !== null && !flipped) || (name === 'assert' && !denied && asksIdle(condition) && !assertedBusy(condition, ctx.before) && !removedJustBefore(condition, previous)));
    // "ignores connections that are already disconnected" (nerves_hub), then `refute Enum.any?(…)`:
    // the check is that nothing happened, which held before the sleep whatever came before it; the
    // sleep is the window for a wrong change, and a poll would pass at once.
    // So is an idle check in a test named for an event that must not happen (journey's "downstream
    // does not fire when loop fails", then `{:error, :not_set} = Journey.get(execution, :downstream)`);
    // not for what something is not ("a unique integer names a queue, it is not the queue's process").
    if (idle && (namedForWhatMustStay(ctx.test) || namedForAnEventThatMustNotCome(ctx.test))) return null;
    const denies = namedForWhatMustNotHappen(ctx.test);
    // After only synchronous work, a name for what must stay leaves nothing to wait for: the check
    // held when the sleep began, and the sleep is the window for something to break it (logflare's
    // "leaves read pools running when config is unchanged").
    if (effect?.kind === 'sync' && namedForWhatMustStay(ctx.test)) return null;
    const timed = !denies && ctx.test !== null && NAMED_FOR_ITS_TIMING.test(ctx.test);
    // `refute Map.has_key?(to_map(c2), "CRDTa")` joined after a write to c1 that must not reach c2
    // (delta_crdt): a refutation holds from the start, and the poll would end the test's window at once.
    // (Not one of what the test asserted before, as `flipped` reads it: mosslet's three presences,
    // each asserted, then refuted after the stops.)
    const refuted = others.find((later) => deniedCondition(later) !== null && watchedProcess(later) === null && !OS_PROCESS.test(later.text) && !heldBefore(deniedCondition(later)!, ctx.before));
    // `refute_receive _` among the checks after it (teslamate's circuit breaker: no fifth call): the sleep also gave
    // an unwanted message time to arrive, which a wait that ends at once takes away.
    const unwanted = assertionsAfter(after).find((later) => /^refute_receive/.test(assertionName(later) ?? ''));
    // `Agent.get(counter, & &1) in 7..10` (bonny's periodic tasks): a count between two bounds is how
    // much happened in the time slept, and a poll passes the moment it crosses the lower one.
    const ranged = [checked, ...others].find((node) => COUNT_RANGE.test(node.text));
    // ferricstore's `assert connecting_count() <= 2` under `max_connecting: 2`: a bound from above
    // only, which a system where nothing happened meets too; the sleep was a window for a third.
    const asserted = [name === 'assert' ? condition : undefined, ...others.map((later) => (assertionName(later) === 'assert' ? callArguments(later)[0] : undefined))];
    const capped = ranged ? null : (asserted.map((node) => (node ? upperBound(node.text) : null)).find((bound) => bound !== null) ?? null);
    // ex-tackle's "handles messages sequentially": two messages published, the sleep, then
    // `Task.Supervisor.children(sup) |> Enum.count() == 1`, a limit of one handler at a time: the
    // processes alive at an instant, which may pass through that number on the way to another,
    // and the poll ends the moment they equal it, where the sleep let one too many show up.
    // ex-tackle's broken consumer, `retry_limit: 3`, then `MessageTrace.content(…) == "Hi!Hi!Hi!Hi!"`:
    // an exact tally of attempts the file caps, and the sleep also let an attempt too many show up,
    // which a poll that ends at the first match never sees.
    const retries = [checked, ...others].some((node) => EXACT.test(node.text)) ? retryLimit(ctx) : null;
    // loki_logger_handler's capped buffer: `max_buffer_size: 10`, fifteen stores, the sleep, then
    // `count(storage) == 10`: the count sits at the cap before the last stores are handled.
    const pinned = capReached(asserted, ctx);
    // journey's TickOnceDuplicateComputationTest: `Agent.get(counter, & &1) == 1` after the result was
    // awaited. A module or describe about duplicates, and a check that something ran once: the count
    // was 1 before the sleep, which is the window for a second run a poll that passes at once never sees.
    const once = !denies && [checked, ...others].some((node) => COUNT_OF_ONE.test(node.text)) ? aboutDuplicates(ctx) : null;
    // sanbase's "caps the number of tasks started in a single run tick": `:counters.get(starts, 1) == 9`,
    // the cap reached. The count passes through it on the way to more, and the poll ends the moment
    // it matches, where the sleep let one too many show up.
    const cap = !once && ctx.test !== null && NAMED_FOR_A_CAP.test(ctx.test) && [checked, ...others].some((node) => EXACT_COUNT.test(node.text)) ? ctx.test : null;
    // svarm's `assert is_map(Orchestrator.status())` after a sleep past a retry budget: a read whose
    // answer always has that type passes the poll at once, whatever the sleep waited for.
    const typeOnly = others.length === 0 && TYPE_TEST.test(checked.text) ? (TYPE_TEST.exec(checked.text)![1] ?? null) : null;
    // mongodb's "auth connection leak": ten failing connects, a second, then `tcp_count() == 10`
    // through a function of the file that counts `:erlang.ports()`: the same level, read one call down.
    const liveCount = [checked, ...others].map((node) => (EXACT_LITERAL.test(node.text) ? liveLevel(node, ctx.file) : null)).find((level) => level !== null) ?? null;
    // Inside `capture_log(fn -> … end)` (realtime's syn conflict): the poll ends when the condition
    // holds, and lines other processes log about it afterwards may miss the capture the test reads.
    const capture = readCapture(ctx.statement);
    // A value handed to a start whose server writes it later (handle_continue) is no synchronous write: `unfinished` says so.
    const readBack = previous && effect?.kind !== 'message' && effect?.kind !== 'async' && !deferred ? writtenJustBefore(checked, previous) : null;
    // A compaction test's store: the key overwritten through calls the store answers, the compaction
    // cast, the sleep, then the last value read back: it may hold before the act.
    const writtenEarlier = name === 'assert' && !readBack && effect?.kind !== 'kill' ? readBackOfEarlierWrite(condition, ctx, signals) : null;
    // nebulex_local's healthcheck: `cache_put(Cache, 1..4)`, the sleep for the size check's timer,
    // then `Cache.count_all!() == 4`: the count the range makes, which holds when the put returns.
    const counted = name === 'assert' && previous && effect?.kind !== 'message' && effect?.kind !== 'async' ? countedWrite(condition, previous, ctx.before.slice(1)) : null;
    // jido_hive's retry limit: the third fetch received, the poller's last error checked, the sleep,
    // then a count of 3 fetches: it may have held before the sleep, the window for a fourth.
    const received = name === 'assert' && !readBack ? countReceivedBefore(condition, ctx.before, signals) : null;
    // `render(element) =~ to_string(buffer)` (Logflare's dashboard, a random 1–100): a number's digits
    // may be anywhere in the text, an id among them, before anything arrived.
    const digits = [checked, ...others].map(digitsMatched).find((text) => text !== null) ?? null;
    // What the call before the sleep set off is unknown (glific's `APIAuthPlug.renew`, four writes
    // through Pow's cache server), and a line after the polled ones makes the polled read again
    // about something else (`fetch` of the new token after `fetch` of the old): the condition may
    // hold after the first of those writes, and that line needs a later one.
    const goesOn = !effect && previous ? sameReadLater(checked, after.slice(1 + others.length, 4 + others.length)) : null;
    // tv's `LLController.stop(video_uuid)`, the sleep, a check of what its terminate/2 cleared, then
    // `LLController.start(video_uuid, dir)`: the poll may end before the stopped server has exited,
    // and the start would find its name taken.
    const restarted = previous ? startedAgainAfterStop(previous, after.slice(1 + others.length)) : null;
    // shoehorn's `System.cmd(app_path, ["rpc", "IO.puts(:hello)"])` polled, then `assert {applications,
    // 0} = System.cmd(app_path, ["rpc", …])` and checks of `applications`: the same call made again,
    // whose answer the sleep also gave time to be complete, and which the poll does not wait for.
    const rematched = matchedAgainAfter(checked, after.slice(1 + others.length));
    // earss's feed poller: the entry count polled, then `refreshed = Feeds.get_feed(feed.id)` and
    // `assert refreshed.last_fetched_at`, which the work stamps in a later write than the entries:
    // the poll may return between the two, and the checks of the re-fetch fail.
    const refetched = rematched ? null : boundFromOtherState([checked, ...others.map((o) => callArguments(o)[0] ?? o)], after.slice(1 + others.length), signals);
    // membrane_ice_plugin's `File.exists?(@file_path)` polled, then `%{size: size} = File.stat!(@file_path)`
    // and `assert size > 140_000`: a file is there as soon as a writer opens it, and the poll returns
    // before what the later lines read has been written.
    const filled = name === 'assert' ? readsTheFileLater(checked, after.slice(1 + others.length, 4 + others.length)) : null;
    // ramoops_logger's setup `File.touch!(@test_pmsg_file)`, then `assert File.exists?(@test_pmsg_file)`
    // after the sleep: it held from the setup on, and a poll of it waits for nothing.
    if (filled && madeBeforeTheSleep(filled.path, ranBefore(ctx))) return null;
    // archethic's price feed: two mocked providers under `expect(…)`, checked by `verify_on_exit!`
    // in the case template; the poll passes once one has answered, and the test may end before the
    // other's expectation is met, which the sleep gave time to.
    const expectation = verifiedExpectation(ctx, signals.modules);
    // openai-batch-manager's `:ok = Batching.destroy_batch(batch)`, "# Give time for async file
    // deletion to complete", then the batch looked up by id and found gone, where another test of
    // the file makes the same call and the same lookup right after it: the check holds when the call
    // returns, and the poll passes before the deletion the action spawned. (Said once: a count the
    // write makes, or a value it wrote, says so already.)
    const shownAtOnce = previous && !counted && !readBack && (!effect || effect.kind === 'sync') ? checkedAtOnceElsewhere(previous, next, ctx) : null;
    // The sleep ends each round of a loop that makes the same act over and over: the rewrite takes
    // it out of the loop, and the rounds that were spaced in time on purpose run back to back.
    const spaced = pastTheLoop(ctx, after[0]) && repeatsOneRound(ctx.loops[0]) ? ctx.loops[0]! : null;
    // The same, written out round by round (serverboards' `Runner.call(uuid, "dir", [])` every 800 ms).
    const rounds = spaced ? null : unrolledRound(ctx, signals);
    // gen_durable's `insert(Plain, schedule_in: 400)`, 120 ms, `status(id).status == "runnable"`:
    // the act was put off longer than the sleep, so the check may be of what holds until then.
    const putOff = typeof ctx.duration === 'number' ? delayedBeyond(ctx.before, ctx.duration) : null;
    // Work the test spawned that sleeps longer than this sleep is still going when it ends: the
    // check samples it mid-way (a count of permits held), which a poll does the first moment it matches.
    const midway = outlastingWorker(ctx);
    // periodic's `Periodic.repeat(Dummy, 10, offset: 50)`, 65 ms, `Agent.get(:state, & &1) == 2`: work
    // on timers counted exactly at the moment the sleep fixed; a poll stops at the first match, which
    // comes early too when the timers do (an offset ignored).
    const onTimers = effect?.kind === 'async' && TIMER_START.test(effect.why ?? effect.via) && [checked, ...others].some((node) => EXACT_COUNT.test(node.text)) ? effect : null;
    // smppex's "handle_resp with unknown resp": a request, 50 ms, a reply nobody asked for sent,
    // 50 ms, then `[{:init, _, _}, {:sent, _, :ok}] = callbacks.()`. The test let things settle
    // before the act, and the check is the whole history: if the act is to add nothing to it, it
    // matched before the act, and a poll passes at once.
    const settledBefore = previous && match ? settledBeforeTheAct(ctx, match, previous) : null;
    // wraft's `post(conn, …)` to a controller that inserts the record and then `Task.start`s its
    // webhooks, under "# Wait for spawned tasks (webhooks, audit logs) to complete": after work done
    // in the test's own process the check may hold at once, and what the comment says the sleep
    // waits for is work nothing here reads.
    const comment = previous && (!effect || effect.kind === 'sync') ? signals.commentAbove() : null;
    const leftRunning = comment && LEFT_RUNNING.test(comment) ? LEFT_RUNNING.exec(comment)![0] : null;
    // job_queue's "processes 3 at a time": 10 ms, counts, then 50 ms and `assert_receive {:sleep, 0}, 10`
    // for jobs that take 50 ms: the later receives are timed against the sleeps before them, and a
    // poll that ends early leaves the later ones too little time.
    const budget = timedAgainstTheSleeps(ctx);
    // rradz's cache: `Cache.get("test")` under `def get(key, timeout \\ 30_000)`, whose server holds
    // the reply back until the value is there: a round of the poll before that blocks for 30 s.
    const blocking = blockingRead([checked, ...others], ctx, signals);
    // crawly_ui's `{:ok, view, _html} = live(conn, "/jobs/#{id}/items")`, the sleep for the view's
    // refresh timer, then `render(view) =~ "Items"`: the mount's render was thrown away, and the text
    // may be in it already (a heading), so the poll may pass at once.
    const unseenMount = renderedSinceMount([checked, ...others], ctx.before);
    // via's estimation cache: `!is_nil(Cache.get(:attitude_rad))` of a server whose init/1 starts
    // `attitude_rad: %{}`: there from the start, so the poll returns before any value came in.
    const presentFromStart = name === 'assert' ? startedPresent(checked, ctx, signals) : null;
    // riptide's "scheduler retrigger": `schedule_in(…, "retrigger") |> Riptide.mutation!()`, the sleep,
    // then `query_path!(["riptide:scheduler", "retrigger"]) != nil`: the entry the test just wrote is
    // there before the sleep, and the sleep is the window in which the scheduler must not drop it.
    const present = name === 'assert' && previous && effect?.kind !== 'kill' ? writtenKeyPresent(checked, previous, ctx, signals) : null;
    // media_centarr's "five rapid grab events coalesce into one reload": sends to the LiveView, whose
    // handle_info debounces a reload by 500 ms, 600 ms, then the page's header: the text held before
    // the timer fired, so the poll passes before the work the sleep waited for.
    const debounced = effect?.kind === 'message' ? debounceOutlasted(ctx, signals, effect) : null;
    return {
      fix: 'wait_for',
      safety: idle || denies || once || cap || timed || refuted || unwanted || ranged || capped || liveCount || retries || pinned || typeOnly || unfinished || unread || readBack || writtenEarlier || received || counted || capture || digits || hearsLater || goesOn || restarted || rematched || refetched || filled || expectation || shownAtOnce || spaced || putOff || midway || onTimers || settledBefore || rounds || leftRunning || budget || blocking || unseenMount || presentFromStart || present || debounced ? 'review' : 'safe',
      confidence: 'medium',
      reason:
        `polls state: ${because}line ${line(next)} ${name}s \`${oneLine(checked.text, 50)}\`${looped ? ` for each of \`${oneLine(looped.enumerable.text, 20)}\`` : ''}` +
        (idle && !denies ? `; ${name === 'refute' ? 'a refutation' : denied ? 'a negated check' : 'a check for an idle state'} may hold before anything happened, and then the poll passes at once` : '') +
        (present ? `; it asks whether \`${present.key}\` is there, which line ${line(previous!)} handed to \`${present.call}\` in the test's own process: it may be there as soon as that line returns, and then the poll passes at once where the sleep was a window for something to remove it` : '') +
        (presentFromStart ? `; \`${presentFromStart.module}\`'s init/1 starts \`${presentFromStart.key}\` at \`${oneLine(presentFromStart.value, 20)}\`, so the check may hold from the start and the poll return before any value came in` : '') +
        (denies ? `; the test's name (“${oneLine(ctx.test!, 50)}”) says something must not happen, so the condition may hold before the wait` : '') +
        (timed ? `; the test's name (“${oneLine(ctx.test!, 50)}”) speaks of when the work runs, which the sleep may bound and a longer poll would not` : '') +
        (refuted ? `; the refutation on line ${line(refuted)} joins the condition, and it may hold before the wait` : '') +
        (unwanted ? `; line ${line(unwanted)} refutes a message, and the sleep also gave it time to arrive` : '') +
        (unfinished ? `; \`${unfinished.module}\`'s ${unfinished.how}, which the check does not ask about, so it may hold before that work is done` : '') +
        (unread ? `; \`${unread}\` has no init/1 of its own, so what its start leaves running is not read, and the check may hold before that work is done` : '') +
        (readBack ? `; it reads back \`${readBack}\`, which line ${line(previous!)} wrote, and nothing says that write is asynchronous: the check may hold at once, and the sleep may be a window for another writer` : '') +
        (writtenEarlier ? `; it reads back \`${oneLine(writtenEarlier.value, 30)}\`, which \`${writtenEarlier.call}\` on line ${line(writtenEarlier.write)} wrote to the same key before the act on line ${line(previous!)}, through a call the project's code answers, and nothing wrote that key since: the check may hold before the act, and then the poll passes at once, without waiting for that act's work (poll something only that work changes)` : '') +
        (received ? `; line ${line(received)} received \`${comparedLiteral(condition)!.literal}\`, the count the check asks for, and only checks stand between it and the sleep: the count may have held before the sleep, which is then the window for one too many, and a poll of it passes at once` : '') +
        (counted ? `; line ${line(previous!)} hands \`${counted.call}\` the range \`${counted.range}\`: its ${counted.size} items${counted.base ? ` and the ${counted.base.count} line ${line(counted.base.statement)} asserted` : ''} make the ${counted.count} the check asks for, and nothing says that write is asynchronous: the check may hold from the start, and the poll return at once` : '') +
        (ranged ? `; \`${oneLine(COUNT_RANGE.exec(ranged.text)![0], 20)}\` bounds how much happens in the time slept, and a poll passes as soon as the lower bound is reached` : '') +
        (capped ? `; \`${capped}\` only bounds it from above, which holds as well before anything happened, and then the poll passes at once` : '') +
        (typeOnly ? `; \`${typeOnly}\` only asks for a type, which a read may always answer with: the poll may pass at once` : '') +
        (cap ? `; the test's name speaks of a cap (“${oneLine(cap, 50)}”) and the check asks for an exact count: the count passes through it on the way to more, and the poll ends the moment it matches, where the sleep let one too many show up` : '') +
        (once ? `; the ${once.where}'s name (“${oneLine(once.name, 50)}”) speaks of duplicates and the check is a count of one: it held before the sleep, the window for a second run, which a poll that passes at once never sees` : '') +
        (retries ? `; the file caps attempts (\`${retries.text}\` on line ${retries.line}), and the check asks for an exact tally: the poll ends at the first match, where the sleep also let an attempt too many show up` : '') +
        (pinned ? `; \`${pinned.option}\` on line ${pinned.line} caps what the check counts at the ${pinned.cap} it asks for, and ${pinned.made.last ? `lines ${line(pinned.made.statement)} to ${line(pinned.made.last)} hand` : `line ${line(pinned.made.statement)} hands`} over ${pinned.made.count}: the count can reach the cap before the last of them is handled, so the poll may return before the work the sleep waited for is done` : '') +
        (liveCount && !capped && !ranged && !idle ? `; \`${liveCount.via ?? liveCount.listing}\` counts ${liveCount.what} at that instant${liveCount.via ? ` (\`${liveCount.listing}\`)` : ''}, which may pass through the number checked on the way to another: the poll ends the moment they match, where the sleep let one too many show up` : '') +
        (capture ? `; it runs inside \`${capture}\`, and what other processes write once the condition holds may come after the capture ends` : '') +
        (digits ? `; \`=~ ${digits}\` looks for a number's digits in a text, where they may stand before anything arrived (in an id)` : '') +
        (goesOn ? `; line ${line(goesOn.statement)} calls \`${goesOn.call}\` again about something else, and what line ${line(previous!)} set off is not read: the condition may hold before all of it is done` : '') +
        (rematched ? `; line ${line(rematched)} makes the polled call again and later lines check what it binds, which the poll does not wait for` : '') +
        (refetched ? `; line ${line(refetched.statement)} binds what \`${refetched.call}\` reads, other state than the poll's, for later lines to check: the work may write it after what the poll sees, and the poll may return before that` : '') +
        (filled ? `; line ${line(filled.statement)} reads what is in \`${oneLine(filled.path, 30)}\`, and a file exists from the moment a writer opens it: the poll may return before it is written` : '') +
        (restarted ? `; line ${line(restarted.statement)} starts \`${restarted.module}\` again, and the server line ${line(previous!)} stopped may not have exited when the condition holds: its name may still be taken` : '') +
        (hearsLater ? `; line ${line(hearsLater)} reads ${readsATable(hearsLater) ? 'a table another process keeps' : 'the state of another process'}, which hears of the death in its own :DOWN, after the poll has returned` : '') +
        (expectation ? `; line ${line(expectation)} sets a mock expectation that is verified only when the test ends, and the sleep also gave it time to be met: the poll may end first` : '') +
        (onTimers ? `; what line ${line(previous!)} started runs on a timer, and the check asks for an exact count: a poll stops at the first match, where the sleep fixed the moment to count` : '') +
        (midway ? `; the work started on line ${line(midway)} sleeps longer than this sleep, so the check samples it while it runs, which a poll would do the first moment it matches` : '') +
        (putOff ? `; line ${line(putOff.statement)} puts the work off for ${putOff.ms} ms (\`${putOff.option}\`), longer than the sleep: the check may be of what holds until then, which a poll passes at once` : '') +
        (blocking ? `; \`${blocking.call}\` is given no \`${blocking.name}\` and waits up to ${blocking.ms} ms by default: a round of the poll before the answer is there may block that long` : '') +
        (budget ? `; the sleep on line ${line(budget.sleep)} is followed by \`${budget.call}\` on line ${line(budget.receive)}, which waits less than it: the test times its messages against the sleeps before them, and a poll that ends early leaves them less time` : '') +
        (debounced ? `; the handler of that message arms a ${debounced.ms} ms timer (\`${oneLine(debounced.message, 30)}\`) the sleep outlasts, and the check looks for text the test never wrote: it may hold before the timer fires, and then the poll passes at once` : '') +
        (unseenMount ? `; line ${line(unseenMount)} mounted the view and threw its render away, and nothing acted on the view since: the text may be in that render already, and then the poll passes at once` : '') +
        (shownAtOnce ? `; line ${line(shownAtOnce)}, in another test, makes the call of line ${line(previous!)} and this check right after it with no wait: the check holds when that call returns, and the poll may pass at once, before what the sleep waits for` : '') +
        (leftRunning ? `; the comment above it says it waits for ${leftRunning}, and after work done in the test's own process (line ${line(previous!)}) the check may hold at once: the poll would not wait for them` : '') +
        (settledBefore ? `; the check is a whole list, and line ${line(settledBefore)} let things settle before the act on line ${line(previous!)}: if that act is to add nothing, the list matched before it and the poll passes at once` : '') +
        (rounds ? `; line ${line(rounds)} is made again, word for word, a sleep away: rounds of one act spaced by sleeps, whose spacing may be what the test needs, which the rewrite takes away` : '') +
        (spaced ? `; it ends each round of the \`${spaced.call}\` loop on line ${line(spaced.node)}, whose rounds all make the same act: the rewrite runs them back to back, and their spacing may be what the test needs` : ''),
      evidence: [line(next)],
    };
  },
};

/**
 * The mount (`{:ok, view, _html} = live(conn, path)`) of the view a check matches a literal in
 * (`render(view) =~ "Items"`), when it threw its render away and no statement since names the view.
 */
function renderedSinceMount(checks: readonly SyntaxNode[], before: readonly SyntaxNode[]): SyntaxNode | null {
  for (const check of checks) {
    const parts = binaryParts(callArguments(check)[0] ?? check);
    if (parts?.op !== '=~' || parts.right.type !== 'string' || parts.left.type !== 'call' || callName(parts.left) !== 'render') continue;
    const view = callArguments(parts.left)[0]?.text;
    if (!view || !/^[a-z_]\w*$/.test(view)) continue;
    for (const statement of before) {
      const bound = binaryParts(statement);
      const [ok, mounted, rendered] = bound?.op === '=' && bound.left.type === 'tuple' ? bound.left.namedChildren : [];
      const mount = bound?.right.type === 'call' && /^live(?:_isolated)?$/.test(callName(bound.right) ?? '') && ok?.text === ':ok' && mounted?.text === view;
      if (mount) return rendered && /^_\w*$/.test(rendered.text) ? statement : null;
      if (mentions(statement, view)) break;
    }
  }
  return null;
}

/** A keyword that puts work off by a number of milliseconds: `schedule_in: 400`, `delay: 200`, `send_delay_ms: 50`. */
const DELAY_KEY = /^(?:schedule(?:d)?_in|run_in|delay|\w+_delay)(?:_ms)?$/;

/** A call in the polled checks that leaves a timeout of a second or more to its default (`Cache.get(key)` under `timeout \\ 30_000`). */
function blockingRead(checks: readonly SyntaxNode[], ctx: SiteContext, signals: Signals): { call: string; name: string; ms: number } | null {
  for (const check of checks) {
    for (const { name, node } of callNamesIn(check)) {
      const dot = name.lastIndexOf('.');
      if (dot <= 0 || STANDARD_MODULE.test(name)) continue;
      const omitted = signals.modules.omittedTimeout(ctx.file.resolveAlias(name.slice(0, dot)), name.slice(dot + 1), callArguments(node).map((a) => a.text), ctx.file);
      if (omitted && omitted.ms >= 1000) return { call: name, ...omitted };
    }
  }
  return null;
}

/** A later plain sleep of the sleep's block followed by a wait shorter than it (`Process.sleep(50)`, then `assert_receive msg, 10`). */
function timedAgainstTheSleeps(ctx: SiteContext): { sleep: SyntaxNode; receive: SyntaxNode; call: string } | null {
  const block = ctx.statement.parent;
  if (!block) return null;
  const siblings = statementsOf(block);
  for (let i = siblings.findIndex((s) => s.id === ctx.statement.id) + 1; i < siblings.length - 1; i++) {
    const sleep = siblings[i]!;
    if (!isPlainSleep(sleep)) continue;
    const call = shorterWait(siblings[i + 1], estimateDuration(callArguments(sleep)[0] ?? null, ctx.file));
    if (call) return { sleep, receive: siblings[i + 1]!, call };
  }
  return null;
}

/**
 * The same act as `act` in another test of the file, followed at once by the same check as `check`
 * (both written alike, nothing but comments between): the file shows the check holds when the act
 * returns. That other act, or null.
 */
function checkedAtOnceElsewhere(act: SyntaxNode, check: SyntaxNode, ctx: SiteContext): SyntaxNode | null {
  if (ctx.file.source.split(act.text).length < 3) return null;
  const [written, checked] = [squeezed(act.text), squeezed(check.text)];
  const [first, last] = ctx.unit ? [line(ctx.unit), ctx.unit.endPosition.row + 1] : [0, 0];
  for (const other of ctx.file.wholeTree.rootNode.descendantsOfType(act.type)) {
    const at = line(other);
    if ((at >= first && at <= last) || squeezed(other.text) !== written || !other.parent || !isStatementContainer(other.parent) || !inAnotherTest(ctx.file, at)) continue;
    let following = other.nextNamedSibling;
    while (following?.type === 'comment') following = following.nextNamedSibling;
    if (following && squeezed(following.text) === checked) return other;
  }
  return null;
}

/** A comment that says the sleep waits for work left running: "spawned tasks", "background jobs", "async workers". */
const LEFT_RUNNING = /\b(?:spawned|background|async(?:hronous)?)\s+(?:tasks?|jobs?|work(?:ers?)?|process(?:es)?)\b/i;

/** `[a, b]`: a list with no `| tail`, which matches one length only. */
function wholeList(node: SyntaxNode): boolean {
  if (node.type !== 'list' || node.namedChildCount === 0) return false;
  const last = node.lastNamedChild;
  return !(last && binaryParts(last)?.op === '|');
}

/**
 * The plain sleep that comes before `act` in the sleep's block, when the check (`match`) compares
 * with a whole list that names nothing the act names. What the act adds, the list may name (horde's
 * `register(horde, "world", …)`, then `keys(horde, self()) == ["hello", "world"]`): then the poll
 * waits for it. A tuple in the list names it by a variable the act names too (horde's `{^pid, "bar"}`
 * after `pid = self()`), or by all its literals, not by one it shares with every entry: roulette's
 * `[{"t1", "barbuz"}, {"t1", "foobar"}]` after `pub(s2, "t1", "buzfoo")` names the topic, not the message.
 */
function settledBeforeTheAct(ctx: SiteContext, match: { left: SyntaxNode; op: string; right: SyntaxNode }, act: SyntaxNode): SyntaxNode | null {
  const list = match.op === '=' ? match.left : EXACT.test(match.op) ? [match.left, match.right].find(wholeList) : undefined;
  const block = ctx.statement.parent;
  if (!list || !wholeList(list) || !block) return null;
  const named = new Set([...literalsIn(act.text), ...variablesIn(act.text)]);
  const read = list === match.left ? match.right : match.left;
  const namesIt = (item: SyntaxNode) => {
    const [literals, variables] = [literalsIn(item.text), variablesIn(item.text)];
    if (variables.some((token) => named.has(token))) return true;
    return item.type === 'tuple' ? literals.length > 0 && literals.every((token) => named.has(token)) : literals.some((token) => named.has(token));
  };
  if (literalsIn(read.text).some((token) => named.has(token)) || list.namedChildren.some(namesIt)) return null;
  const siblings = statementsOf(block);
  for (let i = siblings.findIndex((s) => s.id === act.id) - 1; i >= 0; i--) if (isPlainSleep(siblings[i]!)) return siblings[i]!;
  return null;
}

/** Strings and atoms (keyword keys as atoms) in code, but for the ones every answer has (`:ok`, `nil`). */
function literalsIn(text: string): string[] {
  const found = text.match(/"(?:[^"\\]|\\.)*"|(?<![\w:]):[a-z_]\w*[?!]?|\b[a-z_]\w*(?=:\s)/g) ?? [];
  return found.map((token) => (/^[a-z_]/.test(token) ? `:${token}` : token)).filter((token) => !COMMON_ATOMS.has(token));
}

const COMMON_ATOMS = new Set([':ok', ':error', ':true', ':false', ':nil']);

/** Variables in code (pinned ones too), not `_`-prefixed ones, calls, fields or keyword keys. */
function variablesIn(text: string): string[] {
  return text.replace(/"(?:[^"\\]|\\.)*"/g, '""').match(/(?<![\w.:@?])[a-z]\w*\b(?![(:?!\w])/g) ?? [];
}

/** The statement before the sleep (nearest first) that puts work off longer than `sleepMs`, with the option and its milliseconds. */
function delayedBeyond(before: readonly SyntaxNode[], sleepMs: number): { statement: SyntaxNode; option: string; ms: number } | null {
  for (const statement of before) {
    const [delay] = keywordTimes(statement.text, DELAY_KEY);
    if (delay && delay.ms > sleepMs) return { statement, option: delay.text, ms: delay.ms };
  }
  return null;
}

/** A check of an answer's type alone: `is_map(Orchestrator.status())`, `is_list(…)` (not `is_pid`, `is_nil`: nil or a pid is a real wait). */
const TYPE_TEST = /^(is_(?:map|list|binary|bitstring|integer|float|number|atom|boolean|tuple|function|struct))\(/;

/** An equality: `==`, `===`, not `!=`, `<=`, `>=`. */
const EXACT = /(?<![!<>=])===?(?!=)/;

/** A start whose work runs on timers it arms: `:timer.send_after`, `Process.send_after`, `:timer.send_interval`. */
const TIMER_START = /\b(?:send_after|send_interval|apply_after|apply_interval)\b/;

/** `counter == 1`, `1 == Agent.get(counter, & &1)`: a count of exactly one. */
const COUNT_OF_ONE = /(?<![!<>=])===?\s*1(?![\d.])|(?<![\w.])1\s*===?(?!=)/;

/** A test named for a cap on how many things happen: "caps the number of tasks", "respect the spawn cap", "at most", "no more than". */
const NAMED_FOR_A_CAP = /\b(?:caps?|capped|capping|at most|no more than)\b/i;

/** A count compared exactly with a number: `:counters.get(c, 1) == 9`, `length(jobs) == 3`, `3 == Agent.get(a, & &1)`. */
const EXACT_COUNT = /(?:(?<![\w.])(?::counters|:atomics|Agent)\.get\(|\b(?:length|map_size|Enum\.count)\(|\w*count\w*\()[^=]*?(?<![!<>=])===?\s*\d|(?<![\w.])\d[\d_]*\s*===?\s*(?::counters|:atomics|Agent)\.get\(/;

/** Words of a module or describe about work that must run once (`TickOnceDuplicateComputationTest`, "idempotency"). */
const DUPLICATES = /duplicat|idempoten|dedup|only[_ ]?once|exactly[_ ]?once|at[_ ]?most[_ ]?once/i;

function aboutDuplicates(ctx: SiteContext): { where: string; name: string } | null {
  if (ctx.describe && DUPLICATES.test(ctx.describe)) return { where: 'describe', name: ctx.describe };
  return ctx.module && DUPLICATES.test(ctx.module) ? { where: 'module', name: ctx.module } : null;
}

/**
 * A limit on attempts set in the file (`retry_limit: 3`, `max_attempts: 5`) for what the test runs,
 * with its line; null when none. Set in a module of the file other than the test's, only when the
 * test or its setup names that module (exkiq's `retries: 1` is RetryableWorker's, not that of the
 * FailingWorker its test runs).
 */
function retryLimit(ctx: SiteContext): { text: string; line: number } | null {
  const seen = [ctx.unit?.text ?? '', ...setupStatements(ctx).map((statement) => statement.text)].join('\n');
  const [first, last] = ctx.unit ? [ctx.unit.startPosition.row + 1, ctx.unit.endPosition.row + 1] : [0, 0];
  for (const hit of ctx.file.source.matchAll(/\b(?:retry_limit|max_retries|max_attempts|retries)\s*:\s*\d[\d_]*/g)) {
    // Not one in another test (pg_registry's `put_meta(scope, :config, %{retries: 3})`, data a test stores).
    const at = ctx.file.lineAt(hit.index);
    if ((at < first || at > last) && inAnotherTest(ctx.file, at)) continue;
    const owner = moduleAround(ctx.file.tree.rootNode.descendantForIndex(hit.index));
    const short = owner?.replace(/^.*\./, '');
    if (!owner || owner === ctx.module || (short && new RegExp(`\\b${short}\\b`).test(seen))) return { text: hit[0], line: ctx.file.lineAt(hit.index) };
  }
  return null;
}

/** The name of the innermost `defmodule` around `node`, as written. */
function moduleAround(node: SyntaxNode): string | null {
  for (let at: SyntaxNode | null = node; at; at = at.parent) {
    if (at.type === 'call' && callName(at) === 'defmodule') return callArguments(at)[0]?.text ?? null;
  }
  return null;
}

/**
 * A key that caps how many things something keeps or lets through: `max_buffer_size`, `max_size`,
 * `queue_limit`, `limit`, `capacity`. Not one of a time (`max_age`, `max_wait_ms`, `time_limit`):
 * a number of milliseconds that equals a count says nothing about it.
 */
const CAP_KEY = /^(?:max|max_\w+|\w+_max|limit|\w+_limit|capacity|\w+_capacity)$/;
const TIME_KEY = /(?:^|_)(?:ms|msec|millis|milliseconds?|us|secs?|seconds?|mins?|minutes?|hours?|days?|time|timeout|age|delay|interval|wait|duration|backoff|ttl|period|lifetime)(?:_|$)/;

/** `key: 10` or `key: @attribute` in code, strings blanked and comments cut. */
const KEY_NUMBER = /(?<![\w.:@])([a-z_]\w*):\s+(\d[\d_]*|@[a-z_]\w*)(?![\w.(])(?!\s*(?:[-+*/]|\.\.))/g;

/** Code without what is in its strings and comments: `"max_size: 10"` and `# max_size: 10` set nothing. */
function codeOf(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/#.*$/gm, '');
}

/**
 * The caps `statement` sets (`max_buffer_size: 10`, `limit: @limit`), also in a module attribute it
 * names that holds its options (`start_supervised({Buffer, @opts})` under `@opts [max_size: 10]`),
 * each as written and with its number.
 */
function capsSet(statement: SyntaxNode, ctx: SiteContext): { text: string; value: number }[] {
  const code = codeOf(statement.text);
  const found: { text: string; value: number }[] = [];
  const read = (text: string) => {
    for (const [whole, key, value] of text.matchAll(KEY_NUMBER)) {
      if (!CAP_KEY.test(key!) || TIME_KEY.test(key!)) continue;
      const number = value!.startsWith('@') ? integerValue(ctx.file.attribute(value!.slice(1), ctx.site.node.startIndex), ctx) : Number(value!.replace(/_/g, ''));
      if (number !== null && number > 0) found.push({ text: whole.replace(/\s+/g, ' '), value: number });
    }
  };
  read(code);
  for (const [, name] of code.matchAll(/@([a-z_]\w*)\b(?!\s*[\w"[({:])/g)) {
    const attribute = ctx.file.attribute(name!, ctx.site.node.startIndex);
    if (attribute && (attribute.type === 'list' || attribute.type === 'keywords' || attribute.type === 'map')) read(codeOf(attribute.text));
  }
  return found;
}

/** An integer written in code: a literal, a module attribute set to one, or a sum, difference or product of those (`@max + 5`). */
function integerValue(node: SyntaxNode | null | undefined, ctx: SiteContext, depth = 0): number | null {
  if (!node || depth > 4) return null;
  if (node.type === 'integer') return /^\d[\d_]*$/.test(node.text) ? Number(node.text.replace(/_/g, '')) : null;
  if (node.type === 'block' && node.namedChildCount === 1) return integerValue(node.namedChild(0), ctx, depth + 1);
  const attribute = node.type === 'unary_operator' && node.text.startsWith('@') ? /^@([a-z_]\w*)$/.exec(node.text) : null;
  if (attribute) return integerValue(ctx.file.attribute(attribute[1]!, ctx.site.node.startIndex), ctx, depth + 1);
  const parts = binaryParts(node);
  if (!parts || !['+', '-', '*'].includes(parts.op)) return null;
  const [left, right] = [integerValue(parts.left, ctx, depth + 1), integerValue(parts.right, ctx, depth + 1)];
  if (left === null || right === null) return null;
  return parts.op === '+' ? left + right : parts.op === '-' ? left - right : left * right;
}

/** How many items a range (`1..15`, `1..(@max + 5)`, a step after `//`) or a list literal with no tail holds; null when not known. */
function itemCount(node: SyntaxNode | undefined, ctx: SiteContext): number | null {
  if (!node) return null;
  if (node.type === 'list') return wholeList(node) || node.namedChildCount === 0 ? node.namedChildCount : null;
  const stepped = binaryParts(node);
  const range = stepped?.op === '//' ? binaryParts(stepped.left) : stepped;
  if (range?.op !== '..') return null;
  const [low, high] = [integerValue(range.left, ctx), integerValue(range.right, ctx)];
  const step = stepped?.op === '//' ? integerValue(stepped.right, ctx) : 1;
  if (low === null || high === null || !step) return null;
  return Math.max(0, Math.floor(Math.abs(high - low) / Math.abs(step)) + 1);
}

/** How many items the test hands over, and the statement that does (the first and last of them, for the same call made over and over). */
interface HandedOver {
  count: number;
  statement: SyntaxNode;
  last?: SyntaxNode;
}

/** Calls that go over what they are handed first, one item at a time. */
const ITERATING = /^(?:Enum|Stream)\.\w+$|^Task\.(?:Supervisor\.)?async_stream(?:_nolink)?$|^Flow\.from_enumerable$/;

/**
 * The most items the test's own statements before the sleep hand over, with the statement that
 * does: a loop over a range or a list it writes out (`for i <- 1..15 do Buffer.push(…) end`,
 * `Enum.each(1..15, …)`), a range handed to a call of the project (`fill(buffer, 1..15)`), or the
 * same call made statement after statement (three `Queue.push(q, …)` in a row). Null when none is seen.
 */
function itemsHandedOver(ctx: SiteContext): HandedOver | null {
  let best: HandedOver | null = null;
  const consider = (count: number | null, statement: SyntaxNode) => {
    if (count !== null && (!best || count > best.count)) best = { count, statement };
  };
  const repeated = new Map<string, SyntaxNode[]>();
  for (const statement of ctx.before) {
    if (statement.type === 'comment' || assertionName(statement) !== null) continue;
    for (const { name, node } of callNamesIn(statement)) {
      if (name === 'for') {
        for (const generator of callArguments(node)) {
          const parts = binaryParts(generator);
          if (parts?.op === '<-') consider(itemCount(parts.right, ctx), statement);
        }
      } else if (ITERATING.test(name)) {
        consider(itemCount(argumentsAsRun(node)[0], ctx), statement);
      } else if (!STANDARD_MODULE.test(name) && !SLEEP_CALL.test(name) && !ASSERTIONS.has(name)) {
        for (const arg of callArguments(node)) if (binaryParts(arg)?.op === '..') consider(itemCount(arg, ctx), statement);
      }
    }
    const called = mainCallName(statement);
    if (called && called !== 'for' && !ITERATING.test(called) && !STANDARD_MODULE.test(called) && !SLEEP_CALL.test(called)) repeated.set(called, [...(repeated.get(called) ?? []), statement]);
  }
  for (const statements of repeated.values()) {
    if (statements.length > (best?.count ?? 0)) best = { count: statements.length, statement: statements[statements.length - 1]!, last: statements[0]! };
  }
  return best;
}

/**
 * The number a check compares a count with for the count to have reached it: `count(b) == 10`,
 * `10 === length(xs)`, `size(q) >= 10`, `10 = Buffer.count(b)`, `length(xs) == @max`; null for any other check.
 */
function countReached(node: SyntaxNode, ctx: SiteContext): number | null {
  const parts = binaryParts(node);
  if (!parts) return null;
  const sides: [SyntaxNode, SyntaxNode][] =
    parts.op === '==' || parts.op === '===' ? [[parts.left, parts.right], [parts.right, parts.left]]
    : parts.op === '>=' ? [[parts.left, parts.right]]
    : parts.op === '<=' || parts.op === '=' ? [[parts.right, parts.left]]
    : [];
  for (const [read, number] of sides) {
    // The number written out, or the module attribute the cap is set from (`== @max_lines`).
    if ((number.type !== 'integer' && !/^@[a-z_]\w*$/.test(number.text)) || integerValue(read, ctx) !== null || !COUNT_READ.test(read.text) || !mayChange(read)) continue;
    const value = integerValue(number, ctx);
    if (value !== null) return value;
  }
  return null;
}

/**
 * ausimian/loki_logger_handler's "drops oldest entries when buffer is full": the storage started
 * with `max_buffer_size: 10`, fifteen entries stored, the sleep, then `mod.count(storage_name) ==
 * 10`. The number checked is the cap the test set, and the test handed over more than it: the
 * count sits at the cap from the tenth store on, so a poll for it may return before the last
 * stores (the drops the test then checks) are handled. The cap as written, its line, and the
 * statement that hands over more; null otherwise. Not when the test hands over exactly the cap's
 * number (the same suite's "fill to exactly max_buffer_size", twenty into twenty): that count is
 * reached only by the last of them.
 */
function capReached(checks: readonly (SyntaxNode | undefined)[], ctx: SiteContext): { option: string; line: number; cap: number; made: HandedOver } | null {
  const reached = checks.flatMap((node) => {
    const number = node ? countReached(node, ctx) : null;
    return number === null ? [] : [number];
  });
  if (reached.length === 0) return null;
  const made = itemsHandedOver(ctx);
  if (!made) return null;
  for (const statement of ranBefore(ctx)) {
    if (statement.type === 'comment') continue;
    const cap = capsSet(statement, ctx).find(({ value }) => reached.includes(value) && made.count > value);
    if (cap) return { option: cap.text, line: line(statement), cap: cap.value, made };
  }
  return null;
}

/**
 * Listings of what is alive or open right now, processes, ports, ETS tables: a count of them is a
 * level that goes up and down as work starts and ends, not a total.
 */
const LIVE_LISTING = /(?<![\w:])(?:Task\.Supervisor\.children|(?:Dynamic)?Supervisor\.(?:which_children|count_children)|Process\.list|Port\.list|:erlang\.(?:processes|ports)|:ets\.all|:erlang\.system_info\(:(?:process|port|ets)_count\))(?!\w)/;
/** A comparison with a literal number: `== 10`, `2 ==` (not `>=` or `!=`). */
const EXACT_LITERAL = /(?<![!<>=])===?\s*\d|\d[\d_]*\s*===?(?!=)/;

/** What a listing lists, for the reason: processes alive, ports open, ETS tables. */
function listedThings(listing: string): string {
  if (/port/i.test(listing)) return 'the ports open';
  if (/ets/.test(listing)) return 'the ETS tables';
  return 'the processes alive';
}

/**
 * The live listing `check` counts: in its own text (`Task.Supervisor.children(sup) |> Enum.count() == 1`),
 * or in the body of a function of the test file it calls by bare name (mongodb's `tcp_count()`,
 * `Enum.count(:erlang.ports(), …)` over the ports named `tcp_inet`). A function of the file that
 * reads anything else (an Agent, a repo) gives none.
 */
function liveLevel(check: SyntaxNode, file: SiteContext['file']): { listing: string; via: string | null; what: string } | null {
  const own = LIVE_LISTING.exec(check.text);
  if (own) return { listing: own[0], via: null, what: listedThings(own[0]) };
  for (const { name, statement } of fileFunctions(file)) {
    if (!new RegExp(`(?<![\\w.:@])${name.replace(/[?!]/g, '\\$&')}\\(`).test(check.text)) continue;
    const inBody = LIVE_LISTING.exec(statement.text);
    if (inBody) return { listing: inBody[0], via: name, what: listedThings(inBody[0]) };
  }
  return null;
}

/** The bound of a condition that caps a value at a literal number (`count() <= 2`, `3 > length(xs)`), as written; null for any other. */
function upperBound(condition: string): string | null {
  const text = condition.trim();
  return /(?<![<|-])<=?\s*[\d_]+$/.exec(text)?.[0] ?? (/^([\d_]+)\s*>=?(?!=)/.test(text) ? /^[\d_]+\s*>=?/.exec(text)![0] : null);
}

/**
 * The next statement, when it asserts a match on a call the condition makes too and binds names
 * that statements after it check; null otherwise.
 */
function matchedAgainAfter(checked: SyntaxNode, later: readonly SyntaxNode[]): SyntaxNode | null {
  const [statement, ...rest] = later;
  if (!statement || assertionName(statement) !== 'assert') return null;
  const match = binaryParts(callArguments(statement)[0] ?? statement);
  if (match?.op !== '=') return null;
  const polled = new Set(callNamesIn(checked).map(({ name }) => name));
  if (!callNamesIn(match.right).some(({ name }) => polled.has(name))) return null;
  const bound = patternBindings(match.left);
  return bound.length > 0 && rest.some((s) => bound.some((name) => mentions(s, name))) ? statement : null;
}

/**
 * The first statement of `later` (before an act, a wait or anything but a check or a binding) that
 * binds what a read of other state answers, when a statement after it uses what it bound: earss's
 * `refreshed = Feeds.get_feed(feed.id)`, then `assert refreshed.last_fetched_at`, after a poll of
 * `Repo.aggregate(from(e in Entry, …), :count)`. A plain check of it would join the poll; a bound
 * one cannot, and it reads state the work may write later than what the poll sees. Not a read of
 * the polled target again (`[delivery] = Repo.all(query)` after `Repo.aggregate(query, :count)`,
 * `Cache.get(c, :a)` after `Cache.size(c)`: the same table or process), nor pure work on values.
 */
function boundFromOtherState(polled: readonly SyntaxNode[], later: readonly SyntaxNode[], signals: Signals): { statement: SyntaxNode; call: string } | null {
  const targets = polled.flatMap((node) => changingCalls(node).map(readTarget));
  const window = later.filter((s) => s.type !== 'comment').slice(0, 3);
  for (const statement of window) {
    const name = assertionName(statement);
    if (isPlainSleep(statement) || (name !== null && !ASSERTIONS.has(name)) || signals.actingCall(statement) !== null) return null;
    const [checked] = name === 'assert' ? callArguments(statement) : [];
    const binding = binaryParts(checked ?? statement);
    if (binding?.op !== '=') {
      if (name === null) return null;
      continue;
    }
    const bound = patternBindings(binding.left);
    const reads = changingCalls(binding.right);
    if (bound.length === 0 || reads.length === 0 || reads.some((read) => targets.some((target) => sameTarget(target, readTarget(read))))) continue;
    if (!checkedLater(bound, later.slice(later.indexOf(statement) + 1), signals)) continue;
    return { statement, call: callName(reads[0]!) ?? oneLine(reads[0]!.text, 30) };
  }
  return null;
}

/**
 * Does a check among `later` read one of `bound`, or what a binding made of it, before an act or a
 * wait? rpg's `scope_pid = …`, `ref = Process.monitor(scope_pid)`, then the kill: what a later step
 * of the test acts on is no check of what the sleep waited for.
 */
function checkedLater(bound: readonly string[], later: readonly SyntaxNode[], signals: Signals): boolean {
  const names = new Set(bound);
  for (const statement of later) {
    if (statement.type === 'comment') continue;
    const name = assertionName(statement);
    if (isPlainSleep(statement) || (name !== null && !ASSERTIONS.has(name)) || signals.actingCall(statement) !== null) return false;
    const uses = [...names].some((b) => mentions(statement, b));
    if (name !== null) {
      if (uses) return true;
      continue;
    }
    const binding = binaryParts(statement);
    if (binding?.op !== '=') return false;
    // `%{last_fetched_at: %DateTime{}} = refreshed`: a match of the value is a check of it.
    if (uses && !mayChange(binding.right) && patternBindings(binding.left).length === 0) return true;
    if (uses) for (const b of patternBindings(binding.left)) names.add(b);
  }
  return false;
}

/**
 * What a read asks about: its module (none for a local function) and its first argument, piped in
 * too; for an RPC or `apply`, those of the function it runs (rpg's `Cluster.rpc_other_node(Process,
 * :whereis, [scope])` asks about `scope`, as the polled `rpc_other_node(pg, :get_members, [scope, …])` does).
 */
function readTarget(call: SyntaxNode): { module: string; first: string } {
  const name = callName(call) ?? '';
  const args = callArguments(call);
  const ran = runsElsewhere(name, call) ? args.findIndex((arg, i) => i > 0 && arg.type === 'atom' && args[i + 1]?.type === 'list') : -1;
  if (ran > 0) return { module: squeezed(args[ran - 1]!.text), first: args[ran + 1]!.namedChildren[0] ? squeezed(args[ran + 1]!.namedChildren[0]!.text) : '' };
  const first = argumentsAsRun(call)[0];
  return { module: name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '', first: first ? squeezed(first.text) : '' };
}

/**
 * Two reads of one thing: the same module and first argument (a query, a table, a process), or the
 * same process or table looked into directly (`:sys.get_state(cache)` after `Cache.size(cache)`).
 * Not the same key through two modules: `Feeds.get_feed(feed_id)` after `Entries.count(feed_id)`
 * reads another table.
 */
function sameTarget(a: { module: string; first: string }, b: { module: string; first: string }): boolean {
  return a.first === b.first && (a.module === b.module || (a.first !== '' && (LOOKS_INTO.test(a.module) || LOOKS_INTO.test(b.module))));
}

/** Modules whose functions look into the process or table they are handed first. */
const LOOKS_INTO = /^(?::sys|:ets|GenServer|Agent|Process)$/;

/** Calls that ask only whether a path is there. */
const PRESENCE = /^File\.(?:exists\?|regular\?|dir\?)$/;
/** Calls that take a path away, which reads nothing in it. */
const REMOVAL = /^File\.(?:rm|rm!|rm_rf|rm_rf!|rmdir|rmdir!)$/;

/**
 * Does the polled condition only ask that a file exists (`File.exists?(path)`) while one of the
 * lines after it reads that path (`File.stat!(path)`, `File.read!(path)`, a helper handed it)?
 * The later line and the path; null when not.
 */
function readsTheFileLater(checked: SyntaxNode, later: readonly SyntaxNode[]): { statement: SyntaxNode; path: string } | null {
  const presence = callNamesIn(checked).find(({ name }) => PRESENCE.test(name));
  const path = presence ? callArguments(presence.node)[0] : undefined;
  if (!path || !/^(?:@?[a-z_]\w*|"[^"#]*")$/.test(path.text)) return null;
  const statement = later.find((s) => mentions(s, path.text) && !callNamesIn(s).some(({ name }) => PRESENCE.test(name) || REMOVAL.test(name)));
  return statement ? { statement, path: path.text } : null;
}

/** Did one of `statements` create the file at `path` (`File.touch!(path)`, `File.write!(path, …)`)? */
function madeBeforeTheSleep(path: string, statements: readonly SyntaxNode[]): boolean {
  return statements.some((statement) => callNamesIn(statement).some(({ name, node }) => /^File\.(?:touch|write|mkdir_p|mkdir|cp)!?$/.test(name) && callArguments(node)[name.startsWith('File.cp') ? 1 : 0]?.text === path));
}

/**
 * A later statement that starts the module whose `stop` the statement before the sleep called
 * (`LLController.stop(id)`, then `LLController.start(id, dir)`), with that module; null when none.
 */
function startedAgainAfterStop(previous: SyntaxNode, later: readonly SyntaxNode[]): { statement: SyntaxNode; module: string } | null {
  const stop = callNamesIn(previous).map(({ name }) => /^([A-Z][\w.]*)\.stop$/.exec(name)?.[1]).find((module) => module !== undefined && !STANDARD_MODULE.test(module));
  if (!stop) return null;
  const statement = later.find((s) => callNamesIn(s).some(({ name }) => name === `${stop}.start` || name === `${stop}.start_link`));
  return statement ? { statement, module: stop } : null;
}

/**
 * The first of `later` that makes a call `checked` polls, a module's function (not the standard
 * library's), with other arguments (glific's `APIAuthPlug.fetch` of the old token polled, then
 * `fetch` of the new one bound), with that call's name.
 */
function sameReadLater(checked: SyntaxNode, later: readonly SyntaxNode[]): { statement: SyntaxNode; call: string } | null {
  const reads = (node: SyntaxNode) => callNamesIn(node).filter(({ name }) => /^[A-Z][\w.]*\.[a-z_]\w*[?!]?$/.test(name) && !STANDARD_MODULE.test(name));
  const polled = reads(checked);
  for (const statement of later) {
    const again = reads(statement).find(({ name, node }) => polled.some((p) => p.name === name && squeezed(p.node.text) !== squeezed(node.text) && sameFunctionNamed(p.node, node)));
    if (again) return { statement, call: again.name };
  }
  return null;
}

/**
 * Do two calls of one function name the same function to run, when they name one by an atom (rpg's
 * `Cluster.rpc_other_node(pg, :get_members, …)` and `Cluster.rpc_other_node(Process, :whereis, …)`
 * run two different functions on the other node)?
 */
function sameFunctionNamed(a: SyntaxNode, b: SyntaxNode): boolean {
  const named = (call: SyntaxNode) => callArguments(call).find((arg) => arg.type === 'atom' && /^:[a-z_]\w*[?!]?$/.test(arg.text))?.text;
  const [x, y] = [named(a), named(b)];
  return x === undefined || y === undefined || x === y;
}

/**
 * Does every call in `condition` that could answer otherwise later take first a variable whose
 * fields the `settled` statements read (`command.name`)? Such a variable holds a map or struct.
 */
function readsOnlyFieldsRead(condition: SyntaxNode, settled: readonly SyntaxNode[]): boolean {
  if (settled.length === 0) return false;
  const fieldsRead = new Set(settled.flatMap((statement) => [...statement.text.matchAll(FIELD_READ)].map((m) => m[1]!)));
  const reads = changingCalls(condition);
  return reads.length > 0 && reads.every((call) => {
    const first = callArguments(call)[0];
    return first?.type === 'identifier' && fieldsRead.has(first.text);
  });
}

/** `command.name`: a variable's field, read without parentheses. */
const FIELD_READ = /(?<![\w.:@])([a-z_]\w*)\.[a-z_]\w*(?![\w?!(])/g;

/** For a text match against a number made text (`=~ to_string(n)`, `=~ "#{n}"`, `=~ Integer.to_string(n)`), that text; else null. */
function digitsMatched(node: SyntaxNode): string | null {
  const match = binaryParts(node);
  const right = match?.op === '=~' ? match.right.text.trim() : '';
  return /^(?:(?:Integer\.|Kernel\.)?to_string\([a-z_]\w*\)|"#\{[a-z_]\w*\}")$/.test(right) ? right : null;
}

/**
 * The capture around `statement` whose output the test goes on to read (`log = capture_log(fn -> … end)`,
 * `assert capture_log(fn -> … end) =~ "…"`), by name; null when there is none, or it only keeps the
 * output quiet (vintage_net's captures, whose result nothing reads).
 */
export function readCapture(statement: SyntaxNode): string | null {
  for (let node = statement.parent; node; node = node.parent) {
    if (node.type !== 'anonymous_function') continue;
    const owner = ownerCall(node);
    const name = owner && callName(owner);
    if (!owner || !name || !CAPTURES.test(name)) continue;
    const use = binaryParts(owner.parent ?? owner);
    const read = (use?.op === '=' && use.right.id === owner.id) || use?.op === '=~' || assertionName(owner.parent?.parent ?? undefined) !== null;
    return read ? name : null;
  }
  return null;
}

/** A sleep's own call: the length it is given is no value written. */
const SLEEP_CALL = /^(?:Process|:timer|:ct)\.sleep$/;


/**
 * The literal a check compares with (`environment_name() == "iso_b"`) when `previous` wrote that
 * same literal through a call whose name does not say it is asynchronous (sentry's
 * `put_test_config(environment_name: "iso_b")`): the check reads back that write. Null otherwise.
 */
function writtenJustBefore(condition: SyntaxNode, previous: SyntaxNode): string | null {
  const comparison = binaryParts(condition);
  if (comparison?.op !== '==' && comparison?.op !== '===') return null;
  // Or the value of a tagged answer (elixir_cache's `{:ok, "original"} === Cache.get("awl_key")` after
  // `Cache.put("awl_key", 2000, "original")`): its string or number, not the tag.
  const literal = [comparison.left, comparison.right].map(expectedValue).find((side) => side !== undefined);
  // The literal as a whole token: the `1` of `:manual_warmer1` is no write of 1 (cachex), nor is
  // the `10` of a `:timer.sleep(10)` in the loop before (mentat).
  // Handed to a call, not compared: neo-scan's `assert 3 == Enum.count(Repo.all(from(Transfer)))`
  // writes no 3 for a later count of 3 to read back.
  const escaped = literal?.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const token = literal ? new RegExp(`(?<![\\w.:])${escaped}(?![\\w.])`) : null;
  // A number inside a string is words, not a value (ex_aliyun_sls's `Logger.info("test 1")`).
  const outsideStrings = (text: string) => (literal?.type === 'string' ? text : text.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
  const calls = callNamesIn(previous);
  if (!token || !calls.some(({ name, node }) => !SLEEP_CALL.test(name) && !ASSERTIONS.has(name) && callArguments(node).some((arg) => token.test(outsideStrings(arg.text))))) return null;
  return calls.some(({ name }) => ASYNC_WORDS.test(name)) ? null : literal!.text;
}

/**
 * jido_hive's poller, which gives up after three misses: the test's fetch bumps a counter and then
 * reports which fetch it was, `assert_receive {:fetched, 3}`, a check of the poller's last error,
 * the sleep, then `Agent.get(counter, & &1) == 3`. The number the count is checked at came in a
 * message before the sleep, with only checks and polls that act on nothing between: the count may
 * have held before the sleep, which is then the window for one too many. That receive; null
 * otherwise. (Right before the sleep, it is read back as a write: see writtenJustBefore.)
 */
function countReceivedBefore(condition: SyntaxNode, before: readonly SyntaxNode[], signals: Signals): SyntaxNode | null {
  const compared = comparedLiteral(condition);
  if (!compared || !/^[1-9][\d_]*$/.test(compared.literal) || !COUNT_READ.test(compared.read)) return null;
  const number = new RegExp(`(?<![\\w.:])${compared.literal}(?![\\w.])`);
  for (const statement of before) {
    if (statement.type === 'comment') continue;
    const name = assertionName(statement);
    const [pattern] = name === 'assert_receive' || name === 'assert_received' ? callArguments(statement) : [];
    // The number as a value of the message, not inside a string of it.
    if (pattern && number.test(pattern.text.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) return statement;
    // A poll of the file's (`eventually(fn -> … end)`) is asked only whether the condition it is handed acts.
    const polled = name === null && signals.pollingHelper(statement) !== null;
    if ((name === null && !polled) || (polled ? callArguments(statement) : [statement]).some((node) => signals.actingCall(node))) return null;
  }
  return null;
}

/**
 * A count compared with a number (`Cache.count_all!() == 4`) that the statement before the sleep
 * makes by itself: it hands a call whose name does not say it is asynchronous a range of integers
 * (`cache_put(Cache, 1..4)`) and something the count reads (`Cache`), and the range's size is that
 * number, or is what it adds to the count the test last asserted (`== 2`, then `7..8` and `== 4`).
 * The call, the range, its size, the count and that earlier assertion; null otherwise.
 */
function countedWrite(condition: SyntaxNode, previous: SyntaxNode, earlier: readonly SyntaxNode[]): { call: string; range: string; size: number; count: number; base: { statement: SyntaxNode; count: number } | null } | null {
  const compared = comparedLiteral(condition);
  if (!compared || !/^\d[\d_]*$/.test(compared.literal) || !COUNT_READ.test(compared.read)) return null;
  const calls = callNamesIn(previous);
  if (calls.some(({ name }) => ASYNC_WORDS.test(name))) return null;
  const readsIt = (arg: SyntaxNode) => ['identifier', 'alias', 'atom'].includes(arg.type) && new RegExp(`(?<![\\w.:@])${arg.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\w)`).test(compared.read);
  const count = Number(compared.literal.replace(/_/g, ''));
  const base = lastAssertedCount(compared.read, earlier);
  for (const { name, node } of calls) {
    const args = callArguments(node);
    const range = args.find((arg) => {
      const parts = binaryParts(arg);
      return parts?.op === '..' && parts.left.type === 'integer' && parts.right.type === 'integer';
    });
    if (!range || SLEEP_CALL.test(name) || ASSERTIONS.has(name) || !args.some(readsIt)) continue;
    const [low, high] = range.text.split('..').map((end) => Number(end.replace(/_/g, '')));
    const size = high! - low! + 1;
    if (size > 0 && (base?.count ?? 0) + size === count) return { call: name, range: squeezed(range.text), size, count, base };
  }
  return null;
}

/** The nearest of `earlier` that asserts `read` equal to a number (`assert Cache.count_all!() == 2`), with that number; null when none does. */
function lastAssertedCount(read: string, earlier: readonly SyntaxNode[]): { statement: SyntaxNode; count: number } | null {
  for (const statement of earlier) {
    const [checked] = assertionName(statement) === 'assert' ? callArguments(statement) : [];
    const compared = checked ? comparedLiteral(checked) : null;
    if (compared?.read === read && /^\d[\d_]*$/.test(compared.literal)) return { statement, count: Number(compared.literal.replace(/_/g, '')) };
  }
  return null;
}

/** Is a call in `node` handed a `timeout:` keyword (the call waits, up to a limit the test set)? */
export function givenATimeout(node: SyntaxNode): boolean {
  if (!node.text.includes('timeout:')) return false;
  return callNamesIn(node).some(({ node: call }) => timeoutOption(call) !== null);
}

/** Did one of the few statements before the sleep refute that `pid` is alive (`refute N.alive?(pid)`)? */
function refutedAliveBefore(before: readonly SyntaxNode[], pid: string): boolean {
  return before.slice(0, 4).some((statement) => stillAlive(deniedCondition(statement) ?? undefined) === pid);
}

/** A check that a read is there: `!is_nil(read)`, `not is_nil(read)`, `read != nil`. */
const PRESENT = /^(?:(?:!|not\s+)\s*is_nil\(([\s\S]+)\)|([\s\S]+?)\s*!==?\s*nil)$/;

/**
 * A presence check of a key read from a server of the project (`Cache.get(:attitude_rad)`) whose
 * init/1 starts that key at a value other than nil: the module, the key and that value, or null.
 */
function startedPresent(condition: SyntaxNode, ctx: SiteContext, signals: Signals): { module: string; key: string; value: string } | null {
  const present = PRESENT.exec(condition.text.trim());
  const read = (present?.[1] ?? present?.[2])?.trim();
  const call = read ? /^([A-Z][\w.]*)\.[a-z_]\w*[?!]?\(\s*(:[a-z_]\w*)\s*\)$/.exec(read) : null;
  if (!call) return null;
  const module = ctx.file.resolveAlias(call[1]!);
  const key = call[2]!.slice(1);
  const value = signals.modules.initialValue(module, key, ctx.file);
  return value !== null && value !== 'nil' ? { module, key, value } : null;
}
