import { binaryParts, callName, callNamesIn, line } from '../../parse/nodes.js';
import type { SyntaxNode } from '../../parse/parser.js';
import { CAPTURES, STANDARD_MODULE } from '../../context/elixir-facts.js';
import type { SiteContext } from '../../context/site-context.js';
import { SLEEPS_COMMENT, type NameHit, type Signals } from '../signals.js';
import type { ContextCategory } from '../../allowlist/allowlist.js';
import { MAILBOX_ASSERTIONS, assertionName, parkedCheck } from '../statements.js';
import { actMadeAgain, inTestFlow } from './test-flow.js';
import { quotedVia } from '../effects.js';
import { callbacksFor } from './sync-barrier.js';

/**
 * A word in the test's own name, its tags, the sleep's duration or the statement the sleep leads to
 * is strong evidence; one further out (describe, module, file, a comment) is weak.
 */
export function isWeakName(hit: NameHit): boolean {
  return hit.where !== 'test name' && hit.where !== 'tag' && hit.where !== 'duration' && hit.where !== 'next statement' && hit.where !== SLEEPS_COMMENT;
}

/**
 * What the sleep plainly waits for, when the code next to it says so: a message the next line checks,
 * or a cast, send, kill or spawn just before it (and, for weak evidence, even a synchronous call
 * just before it). Such a cause outweighs a word in a name: in a TTL suite, a sleep right after a
 * cast waits for the cast, not for a TTL. Returns a phrase for the reason, or null.
 */
/**
 * A comment that says the sleep waits for work elsewhere: "X is async", "make sure the server
 * processed our request", "wait for consumer to be ready", "wait for remaining messages to be
 * consumed", "sleep until all jobs are processed", "let the connection process apply it", "let the
 * telemetry → Scope cast settle", "give the read process time to run", sanbase's "give the async tracking task time to insert", redis_client_ex's "give the push invalidation a moment to arrive", bullmq's "small delay to ensure QueueEvents is listening", websockex_nova's "Make sure it's initialized properly first", "wait briefly for the eviction to complete", "wait for the table to be created", a server's `handle_continue`.
 */
export const WAITS_FOR_WORK = /\b(is|are) (an )?async(hronous)?\b|\b(?:ensure|make sure)\b[^.]{0,40}(?:\b(?:is|are)|'s|'re) (?:properly |fully )?(?:listening|subscribed|connected|ready|running|started|registered|joined|up|initiali[sz]ed)\b|\bhandle_continue\b|\blet (?:the |a |an )?[\w ]{0,30}?\b(?:apply|handle|process) (?:it|them|this|that|the)\b|\blet\b[^.]{0,60}\bsettle\b|\bgive\b[^.]{0,40}\b(?:time|a (?:moment|second|chance|little|bit)) to (?:run|process|finish|complete|catch up|start|handle|analy[sz]e|insert|write|persist|save|store|flush|deliver|arrive|propagate|sync|update|record)\b|\bmake sure\b[^.]*\bprocessed\b|\b(?:wait|sleep)(s|ing)? (?:\w+ly )?(for|until)\b[^.]*\b(complete|completes|finish|finishes|(?:be|is|are|get|gets) (?:processed|handled|done|finished|completed|consumed|delivered|received|created|started|initiali[sz]ed|loaded|set up)|be ready|is ready|are ready|join|joined|connect|connected|be registered)\b|\b(?:wait|sleep)(?:s|ing)? for (?:the |all |any )?(?:processing|propagation|delivery)\b|\b(?:wait|sleep)(?:s|ing)? for (?:the |a |an |its |their )?(?:\w+ )?(?:restart|reconnect|recovery|respawn|reboot)s?\b/i;

/**
 * A time shifted into the past: `Timex.shift(now, hours: -50)`, `DateTime.add(now, -3600)`, piped
 * `now |> DateTime.add(-1860, :second)`, `Timex.subtract(now, …)`, or a clock reading less an
 * amount (sentry's `System.system_time(:second) - 6 * 60`, `… - :timer.minutes(31)`).
 */
const BACKDATED =
  /\b(?:Timex\.shift|(?:Naive)?DateTime\.(?:add|shift)|Date\.(?:add|shift))\((?:[^()]*(?:\([^()]*\))?[^()]*,)?\s*(?:\w+:\s*)?-\s*\d|\b(?:Timex|(?:Naive)?DateTime|Date)\.(?:subtract|diff_back)\(|\b(?:System\.(?:system_time|os_time|monotonic_time)|:os\.system_time|:erlang\.(?:system_time|monotonic_time))\([^()]*\)\s*-\s*(?:\d|\(|:timer\.|@)/;

/** The line of the first statement of the test, up to the sleep, that dates a time back; null when none does. */
function backdatedBefore(ctx: SiteContext): number | null {
  const near = ctx.before.find((statement) => BACKDATED.test(statement.text));
  if (near) return line(near);
  const unit = ctx.unit;
  if (!unit || ctx.atUnitTopLevel) return null;
  const text = ctx.file.source.slice(unit.startIndex, ctx.statement.startIndex);
  const match = BACKDATED.exec(text);
  return match ? unit.startPosition.row + 1 + countNewlines(text.slice(0, match.index)) : null;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** A stop that waits for the server to terminate: `GenServer.stop`, `Supervisor.stop`, `stop_supervised`, a module's `stop` read as synchronous. */
const STOPS_A_SERVER = /^(?:GenServer\.stop|:gen_server\.stop|Supervisor\.stop|DynamicSupervisor\.stop|stop_supervised!?|[A-Z][\w.]*\.stop)$/;

/** A verb that names starting or connecting something, as a whole word of a function's name: `lookup_or_start_connection`, `connect`, `spawn_worker`. */
const STARTING_VERB = /(?:^|_)(?:start|restart|spawn|launch|connect|reconnect|boot)(?:_|$)/;

/**
 * The call of the project's (not the standard library's) that `statement` makes under a starting
 * verb, remote or a function of the test's own that the verb leads (off_broadway_emqtt's
 * `start_broadway(client_id, topic, qos)`; not ExUnit's `start_supervised`), or null.
 */
function startsByName(statement: SyntaxNode): string | null {
  const call = callNamesIn(statement).find(
    ({ name }) =>
      /^[A-Z][\w.]*\.[a-z_]\w*[?!]?$/.test(name)
        ? !STANDARD_MODULE.test(name) && STARTING_VERB.test(name.replace(/^.*\./, ''))
        : LEADING_STARTING_VERB.test(name) && !EXUNIT_STARTS.test(name),
  );
  return call?.name ?? null;
}

/** A function of the test's own that a starting verb leads (`start_broadway`), not one that names a start as a thing (`mark_start`). */
const LEADING_STARTING_VERB = /^(?:start|restart|spawn|launch|connect|reconnect|boot)(?:_\w*)?[?!]?$/;

/** ExUnit's own starts, which return once the process is up. */
const EXUNIT_STARTS = /^start_(?:link_)?supervised!?$/;

export function immediateCause(ctx: SiteContext, signals: Signals, hit: NameHit, category?: ContextCategory): string | null {
  const weak = isWeakName(hit);
  // "observe_duration is async. let's make sure gen_server processed our request": the comment
  // right above says it waits for work, whatever a name says; in a helper of the test's too
  // (bandit's "let the connection process apply it", in a describe about flow-control windows).
  const comment = hit.where === 'comment' ? null : signals.commentAbove();
  if (comment && WAITS_FOR_WORK.test(comment) && (inTestFlow(ctx) || ctx.runsIn === 'helper')) return 'the comment above it says it waits for work to be done';
  if (!inTestFlow(ctx)) return null;
  // "returns error when last block is stale" after `insert(:block, timestamp: Timex.shift(now, hours: -50))`
  // (blockscout): the test makes its data old by dating it back, and the name's word says nothing of the sleep.
  // Also from outside the block the sleep is in (blockscout's "returns :ok when chain is older than
  // 30 days" dates a block back, then sleeps inside `capture_log(fn -> … try do … end)`).
  const backdated = hit.where === 'test name' || hit.where === 'describe' ? backdatedBefore(ctx) : null;
  if (backdated !== null) return `line ${backdated} dates its data back: the age the ${hit.where} speaks of is made, not waited for`;
  // "allow any (incorrectly) spawned insert to run before asserting absence": the check is that
  // nothing happened, which a word further out (a describe about stale connections) does not explain.
  // (Not a debounce's or a throttle's: that nothing ran yet is what its window is for, ex_inngest's
  // "# check that there are still no function runs" in a module about debouncing.)
  const holdsBack = category === 'rate_window' && /^(?:debounc|throttl)/i.test(hit.word);
  if (weak && !holdsBack && signals.nothingHappens(ctx.after[0])) return 'the comments say the check is that nothing happened';
  // Last inside `capture_log(fn -> … end)`: it gives others time to log before the capture ends
  // (thousand_island's "timeout fires based on client inactivity" tests), whatever a name says.
  const innermost = ctx.enclosedBy[0];
  if (ctx.after.length === 0 && innermost && CAPTURES.test(innermost)) return `it is the last line inside \`${innermost}\``;
  const next = ctx.after[0];
  const mailbox = assertionName(next);
  if (next && mailbox && MAILBOX_ASSERTIONS.has(mailbox)) return `line ${line(next)} checks the mailbox`;
  // connection's "init {:backoff, timeout, state, :hibernate}": 100 ms, then `assert Process.info(pid,
  // :current_function) === {…, {:erlang, :hibernate, 3}}` inside a 150 ms backoff. The check is that
  // the process has parked, which it does as soon as it is idle; a window running out wakes a
  // process, it never parks one. (Not against an option the sleep outlasts: that is more than a word.)
  const parked = hit.where === 'setup' ? null : parkedCheck(next);
  if (next && parked) return `line ${line(next)} checks that \`${parked}\` has gone idle, which it does by itself, not when a time runs out`;
  const previous = ctx.before[0];
  const effect = signals.effect(previous);
  if (!previous) return null;
  if (!effect) {
    // A helper of the test's own that messages or starts a process (realtime's `trigger_flush(scope)`
    // in a describe about cooldowns, the cooldown long over): the sleep waits for that work. Only
    // against a word further out: zen_monitor's "down messages are throttled" spawns a killer through
    // `stop_processes(targets)`, then counts what arrives in ten intervals.
    const handOff = weak ? signals.localHandOff(previous) : null;
    if (handOff) return `line ${line(previous)} hands work to another process (\`${handOff.helper}\`, which calls \`${handOff.via}\`)`;
    // A call of the project's we could not follow, named for starting something (realtime's
    // `Connect.lookup_or_start_connection(id)` in a module named for its janitor): the sleep waits
    // for what it started, whatever a word further out says.
    const starter = weak ? startsByName(previous) : null;
    return starter ? `line ${line(previous)} calls \`${starter}\`, named for starting work elsewhere` : null;
  }
  if (effect.kind === 'kill') return `line ${line(previous)} kills a process`;
  // The same act again right after it, in a test of a debounce or a throttle (phoenix_session_process's
  // dispatches 10 ms apart): the sleep spaces the acts inside the window, which is what is tested.
  if (holdsBack && actMadeAgain(ctx)) return null;
  // A server stopped right before it (redis_server_wrapper's `Server.stop(server)`, a `GenServer.stop`,
  // in "forcola server reaps redis-server when GenServer stops"): the stop returns once the server is
  // gone, and the sleep waits for what that sets off, an OS process it ran exiting.
  if (effect.kind === 'sync' && STOPS_A_SERVER.test(effect.via)) return `line ${line(previous)} stops a server (\`${effect.via}\`)`;
  // A sleep whose own duration names the window (`@debounce * 3`) after a cast whose handler sets a
  // timer: the timer is what it waits out.
  if (category && signals.durationWord(category) && effect.kind === 'message' && effect.module) {
    const handsOn = signals.modules.handsWorkOn(effect.module, ctx.file, callbacksFor(effect), effect.message ?? null);
    if (/send_after|:timer\./.test(handsOn ?? '')) return null;
  }
  // Or one just past the timer the handler arms, through a function of its own or a helper
  // (media_centarr's "five rapid broadcasts trigger only one reload after the debounce window": a
  // send to the LiveView, whose handle_info does `debounce(socket, :reload_timer, :reload, 500)`, then
  // 600 ms), before a check for text the test never made (the page's header): it held before the
  // timer fired, so what the test checks is that the window went by cleanly, not the reload.
  if (category === 'rate_window' && effect.kind === 'message' && debounceOutlasted(ctx, signals, effect)) return null;
  // An API we could not read (`Cachex.put(cache, …)`) may or may not cast: too little to outweigh a name.
  if (effect.kind === 'message' && !effect.resolved) return null;
  if (effect.kind === 'message' || effect.kind === 'async') return `line ${line(previous)} hands work to another process (${quotedVia(effect)})`;
  if (weak && effect.kind === 'sync') return `line ${line(previous)} is synchronous (\`${effect.via}\`)`;
  return null;
}

/**
 * The timer the handler of a message the test sent arms for its own process, when the sleep outlasts
 * it by half its time at most and the assertion after it looks only for literal text no line of the
 * test before the sleep wrote; null otherwise. Text the test made first ("Newly Started Movie",
 * created before the send) is what the reload brings, and a poll for it waits for the reload.
 */
export function debounceOutlasted(ctx: SiteContext, signals: Signals, effect: { target: string; module?: string; message?: string | null }): { message: string; ms: number } | null {
  const ms = ctx.duration;
  const check = ctx.after[0];
  const module = effect.module ?? mountedLiveView(ctx, effect.target);
  if (!module || typeof ms !== 'number' || !check || assertionName(check) !== 'assert') return null;
  const texts = check.descendantsOfType('string').map((node) => /^"([^"#\\]+)"$/.exec(node.text)?.[1]);
  if (texts.length === 0 || texts.some((text) => !text || ctx.before.some((statement) => statement.text.includes(text)))) return null;
  return signals.modules.handlerTimers(module, effect.message ?? null, ctx.file).find((timer) => timer.ms > 0 && ms >= timer.ms && ms <= timer.ms * 1.5) ?? null;
}

/**
 * `view.pid` of a view the test mounted (`{:ok, view, _html} = live(conn, "/upcoming")`): the LiveView
 * the test module is named for (`UpcomingLiveTest`, `UpcomingLive`), which the project may define.
 */
function mountedLiveView(ctx: SiteContext, target: string): string | null {
  const view = /^([a-z_]\w*)\.pid$/.exec(target)?.[1];
  const named = ctx.module && /\wTest$/.test(ctx.module) ? ctx.module.slice(0, -'Test'.length) : null;
  if (!view || !named) return null;
  const mounted = ctx.before.some((statement) => {
    const bound = binaryParts(statement);
    return bound?.op === '=' && bound.right.type === 'call' && /^live(?:_isolated)?$/.test(callName(bound.right) ?? '') && bound.left.type === 'tuple' && bound.left.namedChildren[1]?.text === view;
  });
  return mounted ? named : null;
}
