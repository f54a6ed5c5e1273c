import { isPlainSleep, type SiteContext } from '../../context/site-context.js';
import { STANDARD_MODULE } from '../../context/elixir-facts.js';
import { binaryParts, callArguments, callName, callNamesIn, line, oneLine, statementsOf } from '../../parse/nodes.js';
import { assertionName, deniedCondition, mainCall, mentions, patternBindings } from '../statements.js';
import { moduleOfTarget, type StatementEffect } from '../effects.js';
import { keywordTimes } from '../keyword-times.js';
import type { SyntaxNode } from '../../parse/parser.js';
import { estimateDuration } from '../../duration/duration.js';
import { writtenTimes } from '../../duration/written-times.js';
import type { Decision, Rule } from '../rule.js';
import type { Signals } from '../signals.js';
import { timedCall, unitOf } from '../timed-call.js';
import { words } from '../words.js';
import { inTestFlow } from './test-flow.js';
import { CLOCK_BINDING, datesOrdered, orderedStamps } from './time-measurement.js';
import { callbacksFor } from './sync-barrier.js';
import { awaitedTaskStart, checksForAMessage, COUNTED_OCCURRENCES, laterSleepOutlasting, ranOutIn, windowDecision } from './window-context.js';

export const ttlContext: Rule = {
  id: 'ttl-context',
  verdict: 'legitimate',
  produces: 'ttl',
  summary: 'waits out a TTL, expiry, lease or idle timeout the test set',
  explanation:
    'To test that a cache entry expires or a lease lapses, time has to pass: the sleep is the point of the test. Recognised by an ' +
    'expiry word in the names (ttl, expires, lease, idle… in allowlist.json, ttl.words) or in what the statement after the sleep ' +
    'calls or sends (`send(pid, {:sweep, 0})`), or an option such as `ttl: 100` set earlier in the test that the sleep outlasts (not one given to a start the test ended before the sleep), ' +
    'or a time a call in the test was given under a name that says it expires something (`open_temporary(uri, 100)` into its `timeout`), ' +
    'or the lifetime a function the test calls stamps on what it answers (`expires_at = System.system_time(:millisecond) + 200`) when it asks again after the sleep, ' +
    'or that the test hands a store as an argument (`Ets.write(t, :k, v, expires_in(20))`) when it asks the store again, ' +
    'or a comment right above it that names a timer and its time, which the sleep outlasts by little ("# Wait for watchdog timer to expire (50 ms)", ' +
    'a timeout set in config; not a timer the process started just before arms to start its work), or a one-shot timer a module the test just called arms for itself, which the comment or test name names ' +
    '(`Process.send_after(self(), :linger_expired, @linger)`), or one the handler of the message just sent arms, itself or through a function of its module ' +
    '(`{:out_of_bounds_timeout, player}` after `@grace_ms`), whose message says something runs out, or an age handed to the clean-up after it (`expire_snapshots(catalog, 1_000)`), or the same condition asserted just before the sleep and refuted just after it (`assert os_process_alive?(os_pid)`, the sleep, ' +
    '`refute os_process_alive?(os_pid)`) with no work set off elsewhere: the sleep waits out the time it had left. A message checked ' +
    'right after it with assert_received is assert_receive\'s to wait for, "stale" beside a cache or a regression in a name is a copy out of date (quillex\'s "stale RootScene cache"), not an entry that aged out, and "idle state" in a name is a state, not a timeout, as is "idle" when a check after the sleep matches the state `:idle` (`assert {:idle, _} = :sys.get_state(pid)`).',
  example: {
    before: 'Cache.put(cache, :k, 1, ttl: 100)\nProcess.sleep(150)\nassert Cache.get(cache, :k) == nil',
    after: '# unchanged: waits out the 100 ms TTL',
  },
  decide: (ctx, signals) =>
    remainingTimeWaitedOut(ctx) ?? serverTimeoutWaitedOut(ctx, signals) ?? handlerTimeoutWaitedOut(ctx, signals) ?? handlerTimerWaitedOut(ctx, signals) ?? stateTimeoutWaitedOut(ctx, signals) ?? (namesAnIdleState(ctx, signals) || namesAStaleCopy(ctx, signals) || touchStampsTheTime(ctx, signals) || touchIsAGesture(ctx, signals) ? null : windowDecision(ctx, signals, 'ttl', 'TTL')) ?? ageThresholdOutlasted(ctx, signals) ?? armedTimerOutlasted(ctx, signals) ?? timerWaitedOut(ctx, signals) ?? commentedTimer(ctx, signals) ?? handedTimeOutlasted(ctx) ?? conditionRunsOut(ctx, signals) ?? stampLifetimeOutlasted(ctx, signals) ?? datedAheadWaitedOut(ctx),
};

/**
 * gen_server_virtual_time's `{:ok, server} = TestServer.start_link(mode: :with_timeout)` in the
 * setup, whose init/1 answers `{:ok, state, 100}`, then 150 ms and `GenServer.call(server,
 * :get_state)` with nothing sent to it before: the sleep waits out the server's own timeout, which
 * any message would cancel, a poll's call or a barrier's `:sys.get_state` as much as another.
 */
function serverTimeoutWaitedOut(ctx: SiteContext, signals: Signals): Decision | null {
  const slept = ctx.duration;
  const next = ctx.after[0];
  if (!inTestFlow(ctx) || typeof slept !== 'number' || !next) return null;
  // Only what the next line hands a variable first can ask the server the test started.
  if (!/\(\s*[a-z_]\w*\s*[,)]/.test(next.text)) return null;
  for (const { node } of callNamesIn(next)) {
    const target = callArguments(node)[0];
    // Nothing sent to it since it started (the start that binds it, `{:ok, server} = …start_link()`, sends nothing).
    const startedHere = (statement: SyntaxNode) => {
      const bound = binaryParts(statement);
      return bound?.op === '=' && patternBindings(bound.left).includes(target!.text);
    };
    if (target?.type !== 'identifier' || ctx.before.some((statement) => mentions(statement, target.text) && !startedHere(statement))) continue;
    // The start in the test itself names the module; else the file's first start of that name (a setup's).
    const start = ctx.before.find(startedHere);
    const written = start ? STARTED_MODULE.exec(start.text)?.slice(1).find(Boolean) : undefined;
    const module = written && !STANDARD_MODULE.test(written) ? ctx.file.resolveAlias(written) : moduleOfTarget(target.text, ctx);
    const timeout = module ? signals.modules.idleTimeout(module, ctx.file) : null;
    const loop = timeout ? null : spawnedLoopTimeout(start, ctx, signals);
    const armed = timeout ?? loop;
    if (!armed || armed.ms <= 0 || slept < armed.ms || slept > armed.ms * 10) continue;
    return {
      category: 'ttl',
      confidence: 'medium',
      reason: loop
        ? `outlasts the ${loop.ms} ms idle timeout of the receive loop \`${loop.start}\` spawns (\`${oneLine(loop.text, 40)}\`), which ends it only if nothing is sent to \`${target.text}\` meanwhile: no barrier or poll can stand in for that time`
        : `waits out the ${armed.ms} ms timeout \`${module}\` arms when it starts (\`${oneLine(armed.text, 40)}\`), which any message to \`${target.text}\` would cancel, a poll's or a barrier's too`,
    };
  }
  return null;
}

/**
 * craft-elixir's `{:ok, pid} = Echo.start_link()`, a function of the project that spawns
 * `keep_receiving/0`, a receive loop that exits `after @receive_timeout` (50) with no message: the
 * plain-process twin of init/1's `{:ok, state, 100}`. The start's call, resolved, and that timeout.
 */
function spawnedLoopTimeout(start: SyntaxNode | undefined, ctx: SiteContext, signals: Signals): { ms: number; text: string; start: string } | null {
  const call = start ? binaryParts(start)?.right : undefined;
  const name = call?.type === 'call' ? callName(call) : null;
  const parts = name ? /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name) : null;
  if (!parts || STANDARD_MODULE.test(parts[1]!)) return null;
  const module = ctx.file.resolveAlias(parts[1]!);
  const timeout = signals.modules.spawnedLoopTimeout(module, parts[2]!, callArguments(call!).length, ctx.file);
  return timeout ? { ...timeout, start: name! } : null;
}

/** A sleep of known length in the test's flow right after a message to a module the project defines: its handler is what the sleep may outlast. */
function messageSentJustBefore(ctx: SiteContext, signals: Signals): { slept: number; effect: Extract<StatementEffect, { kind: 'message' }> & { module: string } } | null {
  const slept = ctx.duration;
  const previous = ctx.before[0];
  if (!inTestFlow(ctx) || typeof slept !== 'number' || !previous) return null;
  const effect = signals.effect(previous);
  return effect?.kind === 'message' && effect.module ? { slept, effect: { ...effect, module: effect.module } } : null;
}

/**
 * poolder's batcher: `Buffer.add(pid, :a)`, a cast whose handler answers `{:noreply, state, @idle}`,
 * then a sleep past that time and a check of what the timeout flushed. Any message cancels the
 * timeout, a poll's call or a barrier's `:sys.get_state` as much as another: only the time waits it out.
 */
function handlerTimeoutWaitedOut(ctx: SiteContext, signals: Signals): Decision | null {
  const sent = messageSentJustBefore(ctx, signals);
  if (!sent) return null;
  const { slept, effect } = sent;
  const armed = signals.modules.handlerArmsTimeout(effect.module, ctx.file, callbacksFor(effect), effect.message ?? null);
  if (!armed?.ms || slept < armed.ms || slept > armed.ms * 10) return null;
  return {
    category: 'ttl',
    confidence: 'medium',
    reason: `outlasts the ${armed.ms} ms timeout \`${effect.module}\` arms as it handles that message (\`${oneLine(armed.text, 40)}\`): any message would cancel it, a poll's or a barrier's too`,
  };
}

/**
 * bezgelor's duel manager: `DuelManager.update_position(guid, far)`, a cast whose handler calls
 * `check_boundary`, which arms `Process.send_after(self(), {:out_of_bounds_timeout, …},
 * @out_of_bounds_grace_ms)` (5000 ms), back inside, then 6000 ms and `assert in_duel?(guid)`: the
 * sleep waits out a time the message's handler set running, in it or a function of its module it
 * calls, and the check is of what its running out does (or must not do). A barrier returns before
 * it fires, and a poll of a check that held before passes at once. Only a timer whose message says
 * something runs out: one that starts work (`:flush`) is work a poll waits for.
 */
function handlerTimerWaitedOut(ctx: SiteContext, signals: Signals): Decision | null {
  const sent = messageSentJustBefore(ctx, signals);
  if (!sent) return null;
  const { slept, effect } = sent;
  const timers = signals.modules.handlerTimers(effect.module, effect.message ?? null, ctx.file, callbacksFor(effect));
  const timer = timers.find(({ message, ms }) => ms > 0 && slept >= ms && slept <= ms * 10 && EXPIRING_MESSAGE.test(messageAtom(message)));
  if (!timer) return null;
  return {
    category: 'ttl',
    confidence: 'medium',
    reason: `outlasts the ${timer.ms} ms timer \`${effect.module}\` arms as it handles that message (\`${oneLine(timer.message, 40)}\`), whose message says something runs out: the sleep waits it out, and a barrier returns before it fires`,
  };
}

/**
 * genstatem_training's door lock: each digit cast to it re-arms `{:state_timeout, @finish_timeout,
 * :reset}`, and the test sleeps past that time before the last digit: it waits out the machine's
 * own timeout, which a barrier or a poll would not (the last digit would come in time).
 */
function stateTimeoutWaitedOut(ctx: SiteContext, signals: Signals): Decision | null {
  const slept = ctx.duration;
  const call = ctx.before[0] ? mainCall(ctx.before[0]) : null;
  const name = call ? callName(call) : null;
  if (!inTestFlow(ctx) || typeof slept !== 'number' || !name || !/(?:^|\.)(?:cast|call|send)$/.test(name)) return null;
  const target = callArguments(call!)[0];
  const module = target ? moduleOfTarget(target.text, ctx) : undefined;
  const timeout = module ? signals.modules.stateTimeout(module, ctx.file) : null;
  if (!timeout || timeout.ms <= 0 || slept < timeout.ms || slept > timeout.ms * 10) return null;
  return {
    category: 'ttl',
    confidence: 'medium',
    reason: `outlasts the ${timeout.ms} ms timeout \`${module}\` arms as it handles what it is sent (\`${oneLine(timeout.text, 50)}\`): the machine acts when that time runs out, which a barrier or a poll would not wait for`,
  };
}

/** A function named for clearing out what has grown old: `expire_snapshots`, `purge_older_than`, `evict_stale`, `cleanup`, `sweep`, `gc`. */
const AGE_CLEANUP = /(?:^|_)(?:expire|expires|expired|purge|evict|prune|cleanup|clean_up|sweep|gc|reap|older_than|stale)(?:_|[?!]?$)/;
/** A bare `expire` sets an expiry (`Cachex.expire(cache, key, 1000)`, Redis's EXPIRE): it starts a time, it waits none out. */
const SETS_EXPIRY = /^p?expire(?:_?at|_in|_after)?$/;
/** Names of the age such a clean-up is handed: `older_than_ms`, `max_age`, `ttl`, `age_seconds`. */
const AGE_NAME = /(?:^|_)(?:older|age|ttl|expir\w*|lifetime|grace|cutoff|ms|millis|seconds?|secs?)(?:_|$)/;

/**
 * smolquery's DuckLake catalog: segments dropped, 1100 ms, then `Catalog.expire_snapshots(catalog,
 * 1_000)` (its parameter `older_than_ms`): the call after the sleep clears out what is older than
 * the age it is handed, and the sleep ages what the test made past it. Only time does that; no
 * event marks it, and a poll of the clean-up would run it early.
 */
function ageThresholdOutlasted(ctx: SiteContext, signals: Signals): Decision | null {
  const ms = ctx.duration;
  const next = ctx.after[0];
  if (typeof ms !== 'number' || !next || !inTestFlow(ctx)) return null;
  for (const { name, node } of callNamesIn(next)) {
    const fun = name.slice(name.lastIndexOf('.') + 1);
    if (STANDARD_MODULE.test(name) || !AGE_CLEANUP.test(fun) || SETS_EXPIRY.test(fun)) continue;
    const age = ageHanded(name, node, ctx, signals);
    if (!age || age.ms <= 0 || ms < age.ms || ms > age.ms * 10) continue;
    return { category: 'ttl', confidence: 'medium', reason: `line ${line(next)} has \`${name}\` clear out what is older than ${age.ms} ms (${age.text}), and the sleep ages what the test made past that`, evidence: [line(next)] };
  }
  return null;
}

/**
 * The age a clean-up call is handed: a keyword that names one (`older_than: 1_000`, `max_age: 1000`),
 * or its last argument after at most the thing it clears (`expire_snapshots(catalog, 1_000)`),
 * whose parameter, when the project defines the function, must name an age (`older_than_ms`), not
 * a count (`prune(log, 100)` into `keep`).
 */
function ageHanded(call: string, node: SyntaxNode, ctx: SiteContext, signals: Signals): { ms: number; text: string } | null {
  const args = callArguments(node);
  const last = args[args.length - 1];
  if (!last) return null;
  if (last.type === 'keywords') {
    for (const pair of last.namedChildren) {
      const key = pair.childForFieldName('key')?.text.replace(/:\s*$/, '') ?? '';
      const value = pair.childForFieldName('value');
      if (AGE_NAME.test(key) && value?.type === 'integer') return { ms: Number(value.text.replace(/_/g, '')) * unitOf(key), text: `\`${oneLine(pair.text, 30)}\`` };
    }
    return null;
  }
  // Piped in, the thing cleared is the first argument (`catalog |> Catalog.expire_snapshots(1_000)`).
  const piped = node.parent?.type === 'binary_operator' && binaryParts(node.parent)?.op === '|>' && binaryParts(node.parent)?.right.id === node.id ? 1 : 0;
  if (args.length + piped > 2 || (args.length === 2 && args[0]!.type !== 'identifier')) return null;
  const parameter = signals.parameterName(call, args.length - 1 + piped, args.length + piped);
  if (parameter !== null && !AGE_NAME.test(parameter)) return null;
  const written = last.type === 'integer' ? Number(last.text.replace(/_/g, '')) * unitOf(parameter ?? '') : estimateDuration(last, ctx.file);
  return typeof written === 'number' ? { ms: written, text: `\`${oneLine(last.text, 30)}\`${parameter ? `, its \`${parameter}\`` : ''}` } : null;
}

/** A timer's message that says something runs out: `:linger_expired`, `:idle_timeout`, `:lease_lapsed`. */
const EXPIRING_MESSAGE = /expir|linger|timeout|timed_out|idle|ttl|lease|lapse|grace|stale|evict/;
/** The atom a timer's message starts with: `:linger_expired`, `{:out_of_bounds_timeout, id}`'s `out_of_bounds_timeout`; '' when none. */
function messageAtom(message: string): string {
  return /^\{?\s*:(\w+)/.exec(message)?.[1] ?? '';
}

/** Words of a message that name no timer: `:close_after_linger`'s "after". */
const LINKING_WORD = /^(?:after|before|then|with|from|when|send)$/;
/** What a comment or a test name says of a time running out: "expires", "past the linger", "elapsed". */
const RUN_OUT = /\b(?:expir\w*|past|elaps\w*|lapse[sd]?|runs? out|ran out)\b/i;

/**
 * audioproxy's probe coordinator: a probe, "# Past the coordinator's linger.", 1500 ms, a second
 * probe that must start anew. The coordinator arms `Process.send_after(self(), :linger_expired,
 * @linger)` (1000 ms) as the verdict comes in, and stops when it fires. A one-shot timer of a
 * module the statement before the sleep drives, which the sleep outlasts and the comment or the
 * test's name speaks of (its message's words, or its running out): the sleep waits it out.
 */
function armedTimerOutlasted(ctx: SiteContext, signals: Signals): Decision | null {
  const ms = ctx.duration;
  const previous = ctx.before[0];
  if (typeof ms !== 'number' || !previous || !inTestFlow(ctx)) return null;
  const spoken = [signals.commentAbove(), ctx.test].filter((text) => text).join(' ');
  if (!spoken) return null;
  const tokens = words(spoken);
  for (const module of signals.modulesCalled(previous)) {
    for (const timer of signals.modules.oneShotTimers(module, ctx.file)) {
      if (timer.ms <= 0 || ms < timer.ms || ms > timer.ms * 10) continue;
      const atom = messageAtom(timer.message);
      // A timer whose message says something runs out (`:linger_expired`), named in the comment or
      // test name; one that only starts work (gen_spoxy's `:import_queued`) is work to wait for.
      const named = EXPIRING_MESSAGE.test(atom) ? words(atom).find((word) => word.length >= 4 && !LINKING_WORD.test(word) && tokens.some((token) => token.startsWith(word))) : undefined;
      const said = named ?? RUN_OUT.exec(spoken)?.[0];
      if (!said) continue;
      return { category: 'ttl', confidence: 'medium', reason: `outlasts the ${timer.ms} ms timer \`${module}\` arms for \`${oneLine(timer.message, 30)}\`, which ${named ? 'the comment or test name names' : 'the comment or test name says runs out'} (“${said}”)` };
    }
  }
  return null;
}

/** The module a start runs: `GenServer.start_link(Mod, …)`, `start_supervised!({Mod, …})`, `Mod.start_link(…)`. */
const STARTED_MODULE = /(?:GenServer\.start(?:_link)?\(\s*|start_(?:link_)?supervised!?\(\s*\{?\s*)([A-Z][\w.]*)|([A-Z][\w.]*)\.start(?:_link)?\(/;

/** What is left of a timer: `Process.read_timer(ref)`, `:erlang.read_timer(ref)`. */
const TIMER_LEFT = /\b(?:Process|:erlang)\.read_timer\(\s*([^()]*?)\s*\)/;

/**
 * `:timer.sleep(Process.read_timer(timer1) + 100)` (antikythera's log writer): the sleep is as long as
 * what is left of a timer, so it waits that timer out, whatever its length; no event but the timer's
 * own message ends it.
 */
function remainingTimeWaitedOut(ctx: SiteContext): Decision | null {
  const left = ctx.site.duration ? TIMER_LEFT.exec(ctx.site.duration.text) : null;
  if (!left) return null;
  return { category: 'ttl', confidence: 'high', reason: `its length is what is left of the timer \`${oneLine(left[1]!, 30)}\` (\`${oneLine(left[0], 40)}\`): it waits that timer out` };
}

/** An option that names a time the code waits before it acts or gives up: `attach_wait_ms:`, `idle_timeout:`, `grace_period_ms:`. */
const WAITING_OPTION = /(?:timeout|ttl|wait|delay|expiry|expires?|expiration|idle|grace|grace_period|lifetime|max_age|linger)(?:_ms|_msec|_millis|_seconds|_secs|_s)?$/;

/**
 * `start_supervised!({SubscriptionRegistry, attach_wait_ms: @attach_wait_ms})` in the setup, then
 * `Process.sleep(@attach_wait_ms * 2)` (hologram's "# Outlast the window so the stale timer fires"):
 * the sleep's length is computed from a module attribute the file hands the code as a waiting time,
 * and outlasts it. It waits that time out.
 */
function handedTimeOutlasted(ctx: SiteContext): Decision | null {
  const handed = handedTimeBehind(ctx, WAITING_OPTION);
  if (!handed) return null;
  return { category: 'ttl', confidence: 'medium', reason: `outlasts the ${handed.ms} ms of \`${handed.option}\`, which line ${handed.line} hands the code under test: the sleep's length is computed from it`, evidence: [handed.line] };
}

/**
 * A time the sleep's length is computed from and outlasts, handed somewhere in the file to the code
 * under test under an option `name` matches: `attach_wait_ms: @attach_wait_ms`, then
 * `Process.sleep(@attach_wait_ms * 2)`. Through other attributes too: grpc's `@wait
 * @resolve_interval + 30`, its sleeps `Process.sleep(@wait)`, and `resolve_interval:
 * @resolve_interval` handed to the connect that starts the resolver's timer.
 */
export function handedTimeBehind(ctx: SiteContext, name: RegExp): { option: string; ms: number; line: number } | null {
  const ms = ctx.duration;
  const expression = ctx.site.duration;
  if (typeof ms !== 'number' || !expression || expression.type === 'integer' || !expression.text.includes('@')) return null;
  for (const attribute of attributesBehind(expression.text, ctx)) {
    const value = ctx.file.attribute(attribute, ctx.site.node.startIndex)?.text ?? '';
    if (!/^\d[\d_]*$/.test(value) || ms < Number(value.replace(/_/g, ''))) continue;
    // The attribute itself, not an expression of it (swim_ex's `suspicion_timeout: @t * 3` is no `@t`).
    const handed = new RegExp(`(?<![\\w@:])([a-z_]\\w*):\\s*@${attribute}\\b(?!\\s*[-+*/])`, 'g');
    for (const match of ctx.file.withoutComments.matchAll(handed)) {
      if (name.test(match[1]!)) return { option: match[0], ms: Number(value.replace(/_/g, '')), line: ctx.file.lineAt(match.index!) };
    }
  }
  return null;
}

/** The attributes `text` names, and those their values name in turn (`@wait` → `@resolve_interval`). */
function attributesBehind(text: string, ctx: SiteContext, seen = new Set<string>()): Set<string> {
  for (const [, name] of text.matchAll(/@([a-z_]\w*)/g)) {
    if (seen.has(name!)) continue;
    seen.add(name!);
    const value = ctx.file.attribute(name!, ctx.site.node.startIndex)?.text;
    if (value?.includes('@')) attributesBehind(value, ctx, seen);
  }
  return seen;
}

/**
 * nano_global_cache's `{:ok, token1, _} = TestCache.fetch(:github)`, whose fetcher stamps the token
 * `System.system_time(:millisecond) + 200`, then 250 ms and the same fetch, which must bring a new
 * token: the sleep outlasts (by at most three times) the lifetime the project's function stamps on
 * what it answers, and the test asks it again or looks at what it answered. So when the lifetime is
 * handed in instead: plug_attack's `Ets.write(table, :foo, true, expires_in(20))`, its test file's
 * `expires_in(ms)` answering the clock plus `ms`, then 30 ms and `Ets.read(table, :foo, now())`, a
 * call of the same module after the sleep asking the store again. Not when the test reads the clock
 * itself before the sleep and again after it: that measures the time (`time_measurement`).
 */
function stampLifetimeOutlasted(ctx: SiteContext, signals: Signals): Decision | null {
  const ms = ctx.duration;
  if (!inTestFlow(ctx) || typeof ms !== 'number' || ctx.after.length === 0 || measuresAround(ctx)) return null;
  const outlasts = (lifetime: { ms: number } | null) => !!lifetime && lifetime.ms > 0 && ms >= lifetime.ms && ms <= lifetime.ms * 3;
  for (const statement of ctx.before) {
    const call = mainCall(statement);
    const name = call ? callName(call) : null;
    if (!name) continue;
    // Both findings below need a later statement that asks the same store or reads what it
    // answered: looked for first, because reading the project's function costs far more.
    const bound = binaryParts(statement)?.op === '=' ? patternBindings(binaryParts(statement)!.left) : [];
    if (!ctx.after.some((later) => asksTheSameStore(later, name) || bound.some((held) => mentions(later, held)))) continue;
    const lifetime = signals.stampLifetime(call!);
    if (!outlasts(lifetime)) {
      const handed = lifetimeHanded(call!, signals);
      const again = handed && outlasts(handed.lifetime) ? ctx.after.find((later) => asksTheSameStore(later, name)) : undefined;
      if (!again) continue;
      return {
        category: 'ttl',
        confidence: 'medium',
        reason: `line ${line(statement)} hands \`${name}\` a time ${handed!.lifetime.ms} ms ahead of the clock (\`${oneLine(handed!.argument.text, 40)}\`), the sleep outlasts that lifetime, and line ${line(again)} asks the store again`,
        evidence: [line(statement), line(again)],
      };
    }
    // After the sleep the test asks again, or looks at what it was answered (`assert Credentials.expired?(creds)`).
    const asks = (later: SyntaxNode) => callNamesIn(later).some((c) => c.name === name);
    const again = ctx.after.find((later) => asks(later) || bound.some((held) => mentions(later, held)));
    if (!again) continue;
    return {
      category: 'ttl',
      confidence: 'medium',
      reason: `line ${line(statement)}'s \`${name}\` stamps what it answers ${lifetime!.ms} ms ahead of the clock (\`${oneLine(lifetime!.text, 50)}\`), the sleep outlasts that lifetime, and line ${line(again)} ${asks(again) ? 'asks again' : 'looks at what it answered'}`,
      evidence: [line(statement), line(again)],
    };
  }
  return null;
}

/**
 * An argument of `call`, a call of the project's (a store, not an assertion: arbor's `assert
 * eventually(fn -> … end, 1_000)` hands a poll its deadline), that is a call stamping a lifetime
 * (`expires_in(20)`), and that lifetime.
 */
function lifetimeHanded(call: SyntaxNode, signals: Signals): { argument: SyntaxNode; lifetime: { ms: number; text: string } } | null {
  const store = callName(call) ?? '';
  if (assertionName(call) || store.startsWith(':') || STANDARD_MODULE.test(store)) return null;
  for (const argument of callArguments(call)) {
    const lifetime = argument.type === 'call' ? signals.stampLifetime(argument) : null;
    if (lifetime) return { argument, lifetime };
  }
  return null;
}

/** Does `later` call `store` again, or another function of its module (`Ets.read` after `Ets.write`)? */
function asksTheSameStore(later: SyntaxNode, store: string): boolean {
  const dot = store.lastIndexOf('.');
  const owner = dot === -1 ? null : store.slice(0, dot + 1);
  // Either call is written with the store's module (or bare name) in it: without it in the text, listing the calls is not needed.
  if (!later.text.includes(dot === -1 ? store : store.slice(0, dot))) return false;
  return callNamesIn(later).some((c) => c.name === store || (!!owner && c.name.startsWith(owner) && !c.name.slice(owner.length).includes('.')));
}

/** Does the test bind a clock reading before the sleep and use it after (`started = System.monotonic_time(…)`, the sleep, `… - started`)? */
function measuresAround(ctx: SiteContext): boolean {
  return ctx.before.some((statement) => {
    const name = CLOCK_BINDING.exec(statement.text)?.[1];
    return !!name && ctx.after.some((later) => mentions(later, name));
  });
}

/** A time a little ahead of now: `Timex.shift(seconds: 1)`, `DateTime.add(now, 2, :second)`, `… |> DateTime.add(500, :millisecond)`. */
const SHIFTED_AHEAD = /\bTimex\.shift\([^()]*?\b(milliseconds|seconds|minutes):\s*(\d[\d_]*)\s*\)|\b(?:Naive)?DateTime\.add\((?:[^(),]+(?:\([^()]*\))?,\s*)?(\d[\d_]*)\s*(?:,\s*:(millisecond|second|minute))?\s*\)/;
const UNIT_MS: Record<string, number> = { millisecond: 1, milliseconds: 1, second: 1000, seconds: 1000, minute: 60_000, minutes: 60_000 };

/**
 * `not_after = DateTime.utc_now() |> Timex.shift(seconds: 1)`, a certificate built with it, then
 * `:timer.sleep(2_000)` (nerves_hub's "expired signer"): a time set a little ahead of now, which the
 * sleep outlasts by little, is what it waits out, whatever else the test dated back.
 */
function datedAheadWaitedOut(ctx: SiteContext): Decision | null {
  const ms = ctx.duration;
  if (!inTestFlow(ctx) || typeof ms !== 'number') return null;
  for (const statement of ctx.before) {
    const shift = statement.text.includes('shift') || statement.text.includes('.add(') ? SHIFTED_AHEAD.exec(statement.text) : null;
    if (!shift) continue;
    const amount = Number((shift[2] ?? shift[3])!.replace(/_/g, ''));
    const aheadMs = amount * UNIT_MS[shift[1] ?? shift[4] ?? 'second']!;
    if (aheadMs > 0 && ms >= aheadMs && ms <= aheadMs * 3) {
      return { category: 'ttl', confidence: 'medium', reason: `line ${line(statement)} sets a time ${aheadMs} ms ahead of now (\`${oneLine(shift[0], 40)}\`), which the sleep outlasts`, evidence: [line(statement)] };
    }
  }
  return null;
}

/** A timer, or its time running out, in a comment: "watchdog timer to expire", "hold time (50 ms) to pass". */
const TIMER_WORDS = /\b(?:timer|timeout|time-out|hold time|expir\w*|elaps\w*|to pass|runs? out)\b/i;
/** A comment that means the sleep to outlast its timer by far: "well past", "long after". */
const WELL_PAST = /\b(?:well|long|way|comfortably)\s+(?:past|beyond|after|over)\b/i;
/** A time the comment guesses work needs: "2ms is enough time for …", "100 ms should be plenty". */
const ENOUGH_FOR_WORK = /^\d[\d_]*\s*\w+\s+(?:is|are|should be|will be|ought to be)\s+(?:enough|plenty|sufficient)\b/i;

/**
 * "# Wait for watchdog timer to expire (50 ms)", then `Process.sleep(60)` (vintage_net's power
 * manager, whose timeout is set in config/config.exs): the comment right above names a timer and
 * its time, and the sleep outlasts it by little. It waits the timer out; what follows checks what
 * the timer did, or that it did nothing wrong, which no event marks.
 */
function commentedTimer(ctx: SiteContext, signals: Signals): Decision | null {
  const ms = ctx.duration;
  const comment = inTestFlow(ctx) && typeof ms === 'number' ? signals.commentAbove() : null;
  const time = comment && TIMER_WORDS.test(comment) ? writtenTimes(comment)[0] : undefined;
  if (!time && comment && typeof ms === 'number') return commentedTimeout(ctx, comment, ms);
  if (!time || typeof ms !== 'number') return null;
  // teiserver's "we are going to assume that 2ms is enough time for the party to be restored and then
  // timeout": the time is a guess at how long work takes, not a timer's.
  if (ENOUGH_FOR_WORK.test(comment!.slice(time.index))) return null;
  const timerMs = time.ms;
  // "# Wait well past the 1ms GenServer idle timeout" (thousand_island): the author means it to outlast it by far.
  if (timerMs <= 0 || ms < timerMs || (ms > timerMs * 3 && !WELL_PAST.test(comment!))) return null;
  if (startArmsWorkTimer(ctx, signals, timerMs)) return null;
  return { category: 'ttl', confidence: 'medium', reason: `the comment above it names a ${timerMs} ms timer, which the sleep outlasts (“${oneLine(comment!, 60)}”)` };
}

/** A timer's message that says something is cleared by age: `:sweep`, `:purge_expired`, `:reap`, `:cleanup`. */
const CLEARING_MESSAGE = /sweep|purge|reap|clean|prune|evict|gc\b/;

/**
 * aprs_me's `{:ok, _} = LeaderElection.start_link([])`, "# Wait for election (100ms timer +
 * processing)", 150 ms: the start on the line before arms, in init/1, a timer of the comment's time
 * whose message starts work (`:attempt_election`), not one that says something runs out. The sleep
 * waits for that work, which a poll can see done, not for a TTL.
 */
function startArmsWorkTimer(ctx: SiteContext, signals: Signals, timerMs: number): boolean {
  const written = ctx.before[0] ? STARTED_MODULE.exec(ctx.before[0].text)?.slice(1).find(Boolean) : undefined;
  if (!written || STANDARD_MODULE.test(written)) return false;
  return signals.modules.initTimers(ctx.file.resolveAlias(written), ctx.file).some(({ message, ms }) => {
    const atom = messageAtom(message);
    return ms === timerMs && atom !== '' && !EXPIRING_MESSAGE.test(atom) && !CLEARING_MESSAGE.test(atom);
  });
}

/** "# Wait for timeout", "# Wait for the open -> half-open timeout.", "# Wait for recovery period": a comment that says the sleep waits a timeout out. */
const WAITS_FOR_A_TIMEOUT = /\b(?:wait|sleep|let)\w*\b[^.]{0,40}?\b(?:time-?out|(?:recovery|cool-?down|reset|open)\s+period)\b/i;

/** A timeout set as a keyword in the test: `timeout: 100`, `reset_timeout: 50`, in a keyword list bound first too. */
const TIMEOUT_KEY = /timeout/;

/**
 * httpower's `config = [enabled: true, failure_threshold: 2, timeout: 100]` handed to the breaker's
 * calls, then "# Wait for timeout" and 150 ms: the comment says the sleep waits out a timeout and the
 * test sets one it outlasts by little. What follows is what the breaker does once it has run out.
 */
function commentedTimeout(ctx: SiteContext, comment: string, ms: number): Decision | null {
  if (!WAITS_FOR_A_TIMEOUT.test(comment)) return null;
  for (const statement of ctx.before) {
    const [timeout] = keywordTimes(statement.text, TIMEOUT_KEY);
    if (!timeout || timeout.ms <= 0 || ms < timeout.ms || ms > timeout.ms * 3) continue;
    return { category: 'ttl', confidence: 'medium', reason: `the comment above it says it waits for a timeout, and line ${line(statement)} sets \`${timeout.text}\`, which the sleep outlasts`, evidence: [line(statement)] };
  }
  return null;
}

/**
 * "crashing inclusion should return server back into idle state" (grizzly): the name's "idle" is a
 * state the server is in, not an idle timeout; with no TTL option in sight, it says nothing of the sleep.
 * So too when the test's checks after the sleep match or compare the state `:idle` (coffee_time's
 * :gen_statem power manager, "we return to idle after the active duration", then
 * `assert {:idle, %{active_timer: nil}} = get_state(context, PowerManager)`).
 */
function namesAnIdleState(ctx: SiteContext, signals: Signals): boolean {
  const named = signals.nameWord('ttl');
  if (named?.word !== 'idle' || signals.option('ttl') !== null) return false;
  return /\bidle\s+(?:state|status|mode)\b/i.test(ctx.test ?? '') || ctx.after.some(checksIdleState);
}

/** `assert {:idle, _} = :sys.get_state(pid)`, `assert Server.state(pid) == :idle`: `:idle` as a value checked, not a message received. */
function checksIdleState(statement: SyntaxNode): boolean {
  const name = assertionName(statement);
  return (name === 'assert' || name === 'refute') && IDLE_ATOM.test(statement.text);
}

const IDLE_ATOM = /(?<![\w:]):idle\b/;

/** A touch: `Device.touch(pid)`, `touch_activity`, "touching a key". */
const TOUCH = /^touch/;
/** A stamp of when something was last seen or used, in a name: "updates last_seen timestamp", "last_seen_time". */
const STAMP_NAMED = /\btime ?stamps?\b|\blast[_ ](?:seen|active|activity|access\w*|used|updated|modified)/i;

/**
 * serviceradar's "updates last_seen timestamp", `Device.touch(pid)` after the sleep and
 * `assert DateTime.after?(after_touch, before)` (rubber_duck's `touch_activity` too): a touch that
 * stamps the time, not one that keeps an entry alive. When the touch is all the expiry words say and
 * the test sets no TTL, a name or comment that speaks of a timestamp, or a check after it that orders
 * two times (not expiries), says the sleep sets them apart: time_measurement's call. A cache entry
 * touched under a TTL the test set keeps its option.
 */
function touchStampsTheTime(ctx: SiteContext, signals: Signals): boolean {
  const hits = [signals.nameWord('ttl'), signals.nextWord('ttl')].filter((hit) => hit !== null);
  if (hits.length === 0 || !hits.every((hit) => TOUCH.test(hit.word))) return false;
  if (signals.option('ttl') !== null || signals.stretchedOption('ttl') !== null) return false;
  if ([ctx.test, ctx.describe, signals.commentAbove()].some((name) => STAMP_NAMED.test(name ?? ''))) return true;
  return inTestFlow(ctx) && ctx.after.some((statement) => (datesOrdered(statement) || orderedStamps([statement]) !== null) && !EXPIRY_NAME.test(statement.text));
}

/** A touch event a page handles: "touch events", `touchstart`, "touch gesture". */
const TOUCH_EVENT = /\btouch[ _-]?(?:events?|gestures?|start|end|move|cancel)\b/i;

/**
 * sensocto's Wallaby features, "controls respond to touch events" and `simulate_touch_drag`, whose
 * `execute_script` dispatches `TouchEvent`s: a touch in a page is a gesture, and the sleep after it
 * waits for the page's script and the LiveView, no TTL. When the touch is all the expiry words say
 * and the test sets no TTL, a file that drives a browser, or a name that speaks of touch events,
 * says so.
 */
function touchIsAGesture(ctx: SiteContext, signals: Signals): boolean {
  const hits = [signals.nameWord('ttl'), signals.nextWord('ttl')].filter((hit) => hit !== null);
  if (hits.length === 0 || !hits.every((hit) => TOUCH.test(hit.word))) return false;
  if (signals.option('ttl') !== null || signals.stretchedOption('ttl') !== null) return false;
  return [ctx.test, ctx.describe, ctx.defName, signals.commentAbove()].some((name) => TOUCH_EVENT.test(name ?? '')) || signals.drivesABrowser();
}

/**
 * What a stale value was kept in: "stale RootScene cache", "cached flag". Not the verb, "caches a
 * stale entry", which may keep it for a time; nor "regression" alone: arbor's "security regression:
 * stale foreign PID is reclaimable" waits for a lock file to age.
 */
const HELD_COPY = /\bcached?\b/i;

/**
 * quillex's "Ctrl+W on file-backed buffer with stale RootScene cache": a scene kept a copy of the
 * buffer's dirty flag that missed an update, a bug the test pins, and its sleeps wait for key
 * presses to be handled. "stale" there names a copy out of date, not an entry that aged out. When
 * "stale" is all the expiry words say and the test sets no TTL, a test's or describe's name that
 * speaks of a cache or a regression says so ("evicts stale cache entries" keeps its "evicts").
 */
function namesAStaleCopy(ctx: SiteContext, signals: Signals): boolean {
  const hits = [signals.nameWord('ttl'), signals.nextWord('ttl')].filter((hit) => hit !== null);
  if (hits.length === 0 || !hits.every((hit) => hit.word === 'stale') || signals.otherNameWord('ttl', 'stale') !== null) return false;
  if (signals.option('ttl') !== null || signals.stretchedOption('ttl') !== null) return false;
  return [ctx.test, ctx.describe].some((name) => HELD_COPY.test(name ?? ''));
}

/**
 * `assert os_process_alive?(os_pid)`, the sleep, `refute os_process_alive?(os_pid)` (nerves' delayed
 * SIGKILL): the same condition held just before the sleep and must not after it, so the sleep waits
 * out the time it had left, which a wait for the change would not bound (a kill that came late would
 * pass it). Not when the test set off the change itself (`Process.exit(caller, :shutdown)`, then
 * `assert saturated?`, the sleep, `refute saturated?`): that is work to wait for.
 */
function conditionRunsOut(ctx: SiteContext, signals: Signals): Decision | null {
  const [previous] = ctx.before;
  const [next] = ctx.after;
  if (!inTestFlow(ctx) || !previous || !next) return null;
  const held = sameConditionFlipped(previous, next);
  if (held === null || ctx.before.some((statement) => (signals.effect(statement)?.kind ?? 'sync') !== 'sync')) return null;
  return {
    category: 'ttl',
    confidence: 'medium',
    reason: `line ${line(previous)} checks \`${oneLine(held, 40)}\` holds and line ${line(next)} that it no longer does: the sleep waits out the time it had left`,
    evidence: [line(previous), line(next)],
  };
}

/**
 * What `previous` asserts and `next` denies: `assert C` then `refute C`, or a pair of the suite's
 * own assertions about one thing in opposite states (muontrap's `assert_os_pid_running(os_pid)`
 * then `assert_os_pid_exited(os_pid)`). The condition's text, or null.
 */
function sameConditionFlipped(previous: SyntaxNode, next: SyntaxNode): string | null {
  const held = callArguments(previous);
  const gone = callArguments(next);
  if (held.length !== 1 || gone.length !== 1) return null;
  // `assert C`, then `refute C` or `assert not C` (see deniedCondition).
  const denied = assertionName(previous) === 'assert' ? deniedCondition(next) : null;
  if (denied && held[0]!.text === denied.text) return denied.text;
  if (held[0]!.text !== gone[0]!.text) return null;
  const before = STATE_ASSERTION.exec(callName(previous) ?? '');
  const after = STATE_ASSERTION.exec(callName(next) ?? '');
  if (!before || !after || before[1] !== after[1]) return null;
  const opposite = (LIVE.test(before[2]!) && GONE.test(after[2]!)) || (before[2] === after[2] && before[0]!.startsWith('assert') && after[0]!.startsWith('refute'));
  return opposite ? `${callName(previous)}(${held[0]!.text})` : null;
}

/** `assert_os_pid_running`, `refute_port_open`: a helper asserting what state something is in. */
const STATE_ASSERTION = /^(?:assert|refute)_(\w+?)_(running|alive|open|up|started|present|exited|dead|closed|down|stopped|gone|killed)$/;
const LIVE = /^(?:running|alive|open|up|started|present)$/;
const GONE = /^(?:exited|dead|closed|down|stopped|gone|killed)$/;

/** Calls that block until an answer comes, whose `timeout` bounds that wait: `await_exit`, `request`, `Redix.command`. */
const BLOCKING_CALL = /(^|\.)(await|wait|call|request|command|recv|receive|get|fetch|read|query|run|exec)\w*$/;

/** Function names that start a timer over: `timer_restart`, `reset`, `renew_lease`, `touch`. */
const RENEWAL = /(?:^|_)(?:restart|reset|renew|touch|refresh|extend)(?:_|$)/;

/** Are `a` and `b` functions of the same module (`KeepAlive.init`, `KeepAlive.timer_restart`)? */
function sameModule(a: string, b: string): boolean {
  const dot = a.lastIndexOf('.');
  return dot > 0 && a.slice(0, dot) === b.slice(0, b.lastIndexOf('.'));
}

/** Names of a time after which something closes or expires (not a retry delay or a poll interval). */
const EXPIRY_NAME = /timeout|ttl|expir|lifetime|max_age|grace|idle|deadline|max_duration/;

/**
 * `Document.Store.open_temporary(uri, 100)` (its parameter is `timeout`), then a sleep of 101: the
 * call set a timer the sleep outlasts, and the test checks what the timer did. Several sleeps may
 * add up to it: open it, 75 ms, open it again, 75 ms, `assert open?`, 50 ms, `refute open?` (expert's
 * timeline: the second sleep outlasts the first timer, the third the second one).
 */
function timerWaitedOut(ctx: SiteContext, signals: Signals): Decision | null {
  const ms = ctx.duration;
  if (typeof ms !== 'number' || !inTestFlow(ctx) || checksForAMessage(ctx, true)) return null;
  // "# Let the engine run a few schedule cycles after the rollback" (deployex): the comment says it
  // waits for things to happen, not for the time a call was given to run out.
  if (COUNTED_OCCURRENCES.test(signals.commentAbove() ?? '')) return null;
  let waited = ms;
  const sleeps: number[] = [];
  // ctx.before leaves the other sleeps out: here they count.
  const siblings = ctx.statement.parent ? statementsOf(ctx.statement.parent) : [];
  const earlier = siblings.slice(0, siblings.findIndex((s) => s.id === ctx.statement.id)).reverse().filter((s) => s.type !== 'comment');
  const nearby = earlier.slice(0, 8 + (earlier.length - ctx.before.length));
  // The timer is set shortly before the sleep (`open_temporary(uri, 100)`, then the sleep): a few statements back at most.
  for (const statement of nearby) {
    if (isPlainSleep(statement)) {
      const slept = estimateDuration(callArguments(statement)[0] ?? null, ctx.file);
      // A sleep of unknown length leaves the total unknown: only the sleep's own time counts then.
      waited += typeof slept === 'number' ? slept : Number.NaN;
      sleeps.push(line(statement));
      continue;
    }
    // The sleep alone outlasts the timer, or with the sleeps since it was set.
    const alone = timedCall([statement], ms, signals);
    // Open it, 75 ms, open it again: the sleep ends inside the timer, just before the same call renews
    // it; the sleeps after it then show the timer was reset (a renewal that did nothing fails there).
    // Or a call of the same module named for a restart (grizzly's `KeepAlive.init(1, 500)`, 300 ms, then
    // `KeepAlive.timer_restart(ka)`): without the sleep the restart would come at once and prove nothing.
    const renews = alone && ms < alone.ms && sleeps.length === 0 && ctx.after[0] && callNamesIn(ctx.after[0]).some((c) =>
      (EXPIRY_NAME.test(alone.name) && c.name === alone.call) || ((EXPIRY_NAME.test(alone.name) || /interval/.test(alone.name)) && sameModule(c.name, alone.call) && RENEWAL.test(c.name.replace(/^.*\./, ''))));
    if (alone && renews) {
      return { category: 'ttl', confidence: 'medium', reason: `ends inside the ${alone.ms} ms \`${alone.call}\` was given on line ${alone.line} (its \`${alone.name}\`), just before line ${line(ctx.after[0]!)} renews it`, evidence: [alone.line, line(ctx.after[0]!)] };
    }
    // `Redis.setex("key", 1, "value")`, 500 ms, `assert get("key") == "value"`, 600 ms, `assert … nil`
    // (ehealth's casher): the first sleep ends inside the TTL, and the check after it is the TTL's lower
    // bound; the later sleep waits it out. A poll for the first check would pass at once.
    const later = alone && ms < alone.ms && sleeps.length === 0 && EXPIRY_NAME.test(alone.name) && assertionName(ctx.after[0]) ? laterSleepOutlasting(ctx, siblings, ms, alone.ms) : null;
    if (alone && later) {
      return { category: 'ttl', confidence: 'medium', reason: `ends inside the ${alone.ms} ms \`${alone.call}\` was given on line ${alone.line} (its \`${alone.name}\`): line ${line(ctx.after[0]!)} checks what must still hold before it runs out, and the sleep on line ${line(later)} waits it out`, evidence: [alone.line, line(ctx.after[0]!), line(later)] };
    }
    const summed = sleeps.length > 0 && !Number.isNaN(waited) ? timedCall([statement], waited, signals) : null;
    for (const [timed, total] of [[alone, ms], [summed, waited]] as const) {
      if (!timed || total < timed.ms || !EXPIRY_NAME.test(timed.name)) continue;
      // The earlier sleeps had outlasted it already (ex_resilience's 70 ms past a 50 ms `reset_timeout`,
      // the half-open state checked, a call, then 10 ms): this one waits for something else.
      if (total !== ms && total - ms >= timed.ms) continue;
      // The call came back having run its time out (`{:error, %{reason: :timeout}} = Client.send(…)`).
      if (ranOutIn(statement, timed.line, timed.name)) continue;
      // A call that waits for its answer spends its timeout inside the call: `Process.await_exit(s, 100)`.
      if (/timeout/.test(timed.name) && (BLOCKING_CALL.test(timed.call) || signals.modules.waitsOutParameter(timed.call, timed.name, ctx.file))) continue;
      // A helper that polls until a condition holds spends its time, a deadline too, inside the call,
      // over when it returns (zaq's `wait_until_running(finder, "sleep_step", 1_000)` into `deadline_ms`).
      if (signals.pollingHelper(statement)?.name === timed.call) continue;
      // The standard library's `timeout` is how long that call may wait, over when it returns
      // (pulsar_ex's `Task.async_stream(1..1000, …, timeout: 30_000) |> Enum.to_list()`): no timer of it runs on.
      if (/timeout/.test(timed.name) && STANDARD_MODULE.test(timed.call)) continue;
      // Or inside a task the line after the sleep awaits: the await returns once that time is out.
      if (/timeout/.test(timed.name) && awaitedTaskStart(ctx)?.id === statement.id) continue;
      const also = total === ms ? '' : `with the sleep${sleeps.length > 1 ? 's' : ''} on line${sleeps.length > 1 ? 's' : ''} ${[...sleeps].reverse().join(', ')}, `;
      return { category: 'ttl', confidence: 'medium', reason: `${also}waits out the ${timed.ms} ms \`${timed.call}\` was given on line ${timed.line} (its \`${timed.name}\`)`, evidence: [timed.line] };
    }
    // Only a timer the sleeps since an earlier one did not outlast lets the search go on to that one.
    if ((alone || summed) && nearby.every((s) => !isPlainSleep(s))) return null;
  }
  return null;
}
