import type { SyntaxNode } from '../../parse/parser.js';
import { binaryParts, callArguments, callName, line, oneLine, squeezed } from '../../parse/nodes.js';
import type { Rule } from '../rule.js';
import { actingCall, ASSERTIONS, assertedOtherwise, assertionName, assertionsAfter, checkedBefore, comparesOnlyEarlierValues, idleCheck, lookedUpAgainAfterStop, looksReadOnly, mainCallName, matchedBefore, mayChange, mentions, ownMailboxEmpty, patternBindings, readsAnotherModule, sameCallAfterTimeout, sameStamps, stillAlive } from '../statements.js';
import { givenATimeout, namedForWhatMustNotHappen, namedForWhatMustStay } from './wait-for.js';
import { inTestFlow, keepsSchedule, nextRoundAsks, pacesIterations, pacesSamples } from './test-flow.js';
import { isPlainSleep } from '../../context/site-context.js';
import { bookkeepingOfTheCall, startedWithChecked } from '../effects.js';

/** A test named for a process that must not crash: "doesn't crash runtime", "without crashing". */
const DOES_NOT_CRASH = /\b(?:does(?:n't| not)|won't|will not|should(?:n't| not)|must not)\s+(?:crash|blow up|die)\b|\b(?:no|without)\s+crash(?:es|ing)?\b/i;

export const pollWithTimeout: Rule = {
  id: 'poll-with-timeout',
  verdict: 'problematic',
  produces: 'poll_with_timeout',
  summary: 'waits for a value the next lines pattern-match and use: poll until it matches',
  explanation:
    'When the line after a sleep binds a result by pattern matching (`{:ok, job} = Jobs.fetch(id)`, or an assertion whose pattern ' +
    'binds variables later lines use), or checks it in a case/with with assertions inside, the wait is multi-step: the value ' +
    'must be read until it has the expected shape. poll_with_timeout(fn -> … :continue … end, timeout, interval) calls the ' +
    'function until it returns something other than :continue, and the test matches that result. Only for reads: polling a call ' +
    'that changes state would repeat the change.',
  example: {
    before: 'Process.sleep(200)\n{:ok, %{state: :done} = job} = Jobs.fetch(id)\nassert job.result == 42',
    after:
      '{:ok, %{state: :done} = job} =\n  poll_with_timeout(fn ->\n    result = Jobs.fetch(id)\n    if match?({:ok, %{state: :done}}, result), do: result, else: :continue\n  end, 1_000, 10)\nassert job.result == 42',
  },
  decide(ctx, signals) {
    // A message known to be sent (a cast traced through the project's code), work started, a kill: not a guess.
    const actsForCertain = (statement: SyntaxNode): boolean => {
      const effect = signals.effect(statement);
      return effect !== null && effect !== undefined && (effect.kind === 'message' ? effect.resolved : effect.kind !== 'sync');
    };
    if (!inTestFlow(ctx) || pacesSamples(ctx) || pacesIterations(ctx, signals) || keepsSchedule(ctx)) return null;
    const next = ctx.after[0];
    // Each round of the loop the sleep ends asks what the line after the loop asks (see nextRoundAsks).
    if (!next || nextRoundAsks(ctx, next)) return null;
    const name = assertionName(next);
    // case Jobs.fetch(id) do … assert … end / with {:ok, job} <- Jobs.fetch(id) do … end
    const block = next.type === 'call' ? callName(next) : null;
    if ((block === 'case' || block === 'with') && /\b(assert|refute|flunk)\b/.test(next.text)) {
      const [subject] = callArguments(next);
      if (subject && mayChange(subject) && !signals.actingCall(subject)) {
        return { fix: 'poll_with_timeout', safety: 'review', confidence: 'medium', reason: `line ${line(next)} checks \`${oneLine(subject.text, 40)}\` in a \`${block}\` with assertions inside`, evidence: [line(next)] };
      }
      return null;
    }
    const condition = name && ASSERTIONS.has(name) ? callArguments(next)[0] : next;
    const match = condition && binaryParts(condition);
    if (match?.op !== '=' || (name && !ASSERTIONS.has(name))) return null;
    if (!mayChange(match.right) || signals.actingCall(match.right)) return null;
    // The test's own mailbox matched empty (we-dle): it holds until something arrives (see wait-for.ts).
    if (ownMailboxEmpty(condition!)) return null;
    if (sameCallAfterTimeout(ctx.before[0], next)) return null;
    // `images = Enum.map(1..3, fn _ -> assert_receive {:dkr, img}; img end)` (plural): a receive takes
    // the messages out of the mailbox, so a second round cannot read them again.
    if (RECEIVES.test(match.right.text)) return null;
    // `ShardServer.pull(server, from, timeout: 100, limit: 3)` (bedrock's long poll): a call with a
    // time limit of its own waits by itself, and every round of a poll would wait it out again.
    if (givenATimeout(match.right)) return null;
    const bindings = patternBindings(match.left);
    const used = bindings.filter((b) => ctx.after.slice(1).some((s) => mentions(s, b)));
    if (name && used.length === 0) return null;
    // `:ok = TerminalLoop.input(loop, "/model")` (vibe), `:ok = Approval.deny(server, id)` (adk): what
    // answers a bare `:ok` is a command, and a poll of it would give it again until it does, at once.
    if (match.left.type === 'atom' && match.left.text === ':ok') return null;
    // "unhandled promise rejection doesn't crash runtime" (quickbeam), then `{:ok, 42} = eval(rt, "42")`:
    // the read shows the process still answers, which held before the sleep; the sleep is the window for a crash.
    // (Not "float field survives write/query cycle" (influx): what survives there is data. Nor a read
    // that binds what later lines check, electric's "GET … doesn't crash irrecoverably": the request
    // that works again is what the sleep waits for.)
    if (ctx.test !== null && DOES_NOT_CRASH.test(ctx.test) && bindings.length === 0) return null;
    // elixir-todo's `new_worker = :gproc.whereis_name(key)` after the worker found by that lookup was
    // killed: its alive check waits for the replacement, which the first rounds may not find yet.
    const replaced = match.left.type === 'identifier' ? lookedUpAgainAfterStop(match.left.text, ctx.after, ctx.before, ctx.test) : null;
    if (!name && match.left.type === 'identifier' && !checkedRightAfter(ctx.after[1], match.left.text, match.right, replaced !== null)) return null;
    // `%Book{honeydew_ocr_lock: lock} = Repo.get_by(Book, keys)`, then `assert_receive …`, then
    // `assert is_nil(lock)`: a map or struct of plain variables matches whatever the read returns,
    // and with no assertion on them right after it to fold in, the poll would return at once.
    if (onlyVariables(match.left) && !foldable(ctx.after.slice(1)).some((s) => bindings.some((b) => mentions(s, b)))) return null;
    // The same match, and the assertions on what it binds, made before the sleep: they held then, so
    // a poll would pass at once (elixometer's "does not reset" counter); the sleep gives something
    // time to break them.
    if (repeatsEarlierChecks(ctx.before, next, ctx.after.slice(1), bindings) !== null) return null;
    // "# Status should remain cancelled": the check is that nothing happened, so it held before the sleep.
    if (signals.nothingHappens(next)) return null;
    // "keeps existing channels on resolver error" (grpc), after only synchronous work: the check held
    // when the sleep began, which is the window for a wrong change (as for wait_for).
    if (signals.effect(ctx.before[0])?.kind === 'sync' && namedForWhatMustStay(ctx.test)) return null;
    // `assert reloaded.updated_at == tenant.updated_at` among them: no write happened, which held before the sleep.
    // (Not two stamps both read before the sleep: that comparison held whatever the sleep was for.)
    if (assertionsAfter(ctx.after.slice(1)).some((check) => sameStamps(check) && !comparesOnlyEarlierValues(check, ctx.after))) return null;
    // `new_events = find_child_pid(sup, Events)`, checks, then `new_publisher = find_child_pid(other_sup, Publisher)`:
    // the same read of something else, which a poll on the first would not wait for (walex's two restarts).
    if (readsAgainLater(match.right, ctx.after.slice(1))) return null;
    // `bot_text = first_player(game).editor_text`, then assertions on it: checks of what the read
    // returned that a poll would not fold in, and would return before (codebattle's typing bot).
    if (derivedCheckedLater(bindings, ctx.after.slice(1))) return null;
    // `traces = gather()`, then `assert length(traces) == 0` (newrelic's "Doesn't report an error if the
    // handler is not installed"): as for wait_for, a check for nothing may hold before anything happened.
    // Only for a plain variable, and when every check folded in is one: a pattern (`[a, b] = …`), or a
    // check for something beside them, is still waited for.
    const folded = foldable(ctx.after.slice(1)).filter((s) => bindings.some((b) => mentions(s, b)));
    // `candidates = WorldManager.get_candidates(id)`, then `assert is_list(candidates)` (elixir-chatbot):
    // the read answers a list from the start, so a poll on its shape returns at once, and the lines
    // after it run before the work the sleep waited for.
    if (folded.length > 0 && folded.every(checksOnlyAType)) return null;
    // bullmq's scheduler removed, the sleep, `final_count = Agent.get(counter, & &1)`, then `assert
    // final_count <= 3` (or `count_after <= count_before + 1`): a cap from above, which a system where
    // nothing happened meets at once; the sleep is the window for one too many.
    if (folded.length > 0 && folded.every((check) => capsFromAbove(check, bindings))) return null;
    // `more = BrodApi.generate_list(topic, 20)`, then `assert :ok = AsyncWorker.queue(pid, more)` (kafee):
    // an act written as an assertion, a cast underneath. Folded in, every round would act again.
    if (folded.some(actsForCertain)) return null;
    // `state = :sys.get_state(pid)`, then `assert state.interval == 50`, the interval the test started
    // the sweeper with: it held from init/1 on, so a poll passes at once, before any round of work.
    if (folded.length > 0 && folded.every((check) => bindings.some((b) => startedWithChecked(check, b, match.right, ctx, signals.modules) !== null))) return null;
    // term_ui's `assert state.dirty == true`, the act, the sleep, then `assert state.dirty == false`:
    // the idle value did not hold before, so the poll waits for the change.
    const idle = match.left.type === 'identifier' && folded.length > 0 && folded.every(idleCheck) && !folded.some((check) => assertedOtherwise(callArguments(check)[0] ?? check, ctx.before) !== null) ? folded[0] : undefined;
    if (idle && namedForWhatMustStay(ctx.test)) return null;
    // apothik's `stats = Master.cluster_stats()`, then `assert stats.started == [1]`, after a call whose
    // handle_call wrote `started` before it replied: the poll passes at once (see wait-for; manual says so).
    if (bookkeepingOfTheCall(ctx.before[0], folded, ctx, signals.modules, { pattern: match.left, read: match.right })) return null;
    const denies = namedForWhatMustNotHappen(ctx.test);
    return {
      fix: 'poll_with_timeout',
      safety: 'review',
      confidence: 'medium',
      reason:
        `line ${line(next)} matches \`${oneLine(match.left.text, 40)}\` on \`${oneLine(match.right.text, 40)}\`${used.length ? ` and later lines use ${used.map((u) => `\`${u}\``).join(', ')}` : ''}` +
        (denies ? `; the test's name (“${oneLine(ctx.test!, 50)}”) says something must not happen, so the condition may hold before the wait` : '') +
        (idle && !denies ? `; line ${line(idle)} checks for an idle state, which may hold before anything happened, and then the poll passes at once` : '') +
        (replaced ? `; line ${line(replaced)} made the same lookup, and the process it found was stopped or crashed since: the alive check waits for the one registered in its place` : ''),
      evidence: [line(next)],
    };
  },
};

/** `assert x <= 3`, `assert x < before + 1`, `assert 3 >= x`: one of `names` capped from above, and nothing else asked. */
function capsFromAbove(check: SyntaxNode, names: readonly string[]): boolean {
  const condition = assertionName(check) === 'assert' ? callArguments(check)[0] : undefined;
  const parts = condition ? binaryParts(condition) : null;
  if (!parts) return false;
  if (parts.op === '<=' || parts.op === '<') return names.includes(parts.left.text);
  return (parts.op === '>=' || parts.op === '>') && names.includes(parts.right.text);
}

/** A type a value has or not (`is_list(x)`); not `is_nil`, `is_pid` and the like, which tell whether something is there yet. */
const TYPE_GUARD = /^is_(?:list|map|binary|bitstring|float|integer|number|atom|tuple|boolean|struct|function)\(\s*[a-z_]\w*(?:\s*,[^()]*)?\)$/;

/** `assert is_list(candidates)`, `assert is_map(m) and is_binary(s)`: a check of the value's type only. */
function checksOnlyAType(check: SyntaxNode): boolean {
  const condition = assertionName(check) === 'assert' ? callArguments(check)[0]?.text.trim() : undefined;
  return condition !== undefined && condition.split(/\s+(?:and|&&)\s+/).every((part) => TYPE_GUARD.test(part));
}

/** Receiving, which takes a message out of the mailbox: a poll cannot repeat it. */
const RECEIVES = /\b(?:assert_receive|assert_received|receive)\b/;

/** The `assert`s and `refute`s right after the match, which the transform folds into the poll (an `assert_receive` ends them). */
function foldable(after: readonly SyntaxNode[]): SyntaxNode[] {
  const end = after.findIndex((s) => !ASSERTIONS.has(assertionName(s) ?? ''));
  return after.slice(0, end === -1 ? after.length : end);
}

/** A map or struct pattern whose values are all plain variables (`%Book{lock: lock, private: _}`): it asks nothing of the value. */
function onlyVariables(pattern: SyntaxNode): boolean {
  const map = pattern.type === 'map' ? pattern : null;
  if (!map) return false;
  // map > map_content > keywords > pair: the pairs of this map, not of maps inside it.
  const pairs = map.descendantsOfType('pair').filter((pair) => pair.parent?.parent?.parent?.id === map.id);
  return pairs.length > 0 && pairs.every((pair) => pair.childForFieldName('value')?.type === 'identifier');
}

/**
 * A value bound from what the read bound (`bindings`) that later assertions check, before any other
 * sleep and before the test acts again: checks a poll on the read does not fold in. Either in an
 * assertion right after it (`assert response = json_response(request, 200)`, then
 * `assert response["count"] == "3"`: the poll would wait only for a 200), or, after those, read
 * through another module (`bot_text = Helpers.first_player(game).editor_text`, then
 * `assert bot_text != ""`: a second read, which the poll does not repeat). Not
 * `Jason.decode!(conn.resp_body)` or `[event] = events`, which only unpack the value polled for, nor
 * an action on it (`conn = put(conn, path(id))`).
 */
export function derivedCheckedLater(bindings: readonly string[], rest: readonly SyntaxNode[]): { statement: SyntaxNode; pattern: SyntaxNode; read: SyntaxNode | null } | null {
  const checks = assertionsAfter(rest).length;
  // What the read gave, and what was picked out of it since (scenic's `{SceneRef, {:graph, dyn_0_ref,
  // nil}} = get_in(min_graph, [4, :data])`, then `Tables.get_scene_pid(dyn_0_ref)`).
  const tracked = [...bindings];
  for (const [i, statement] of rest.entries()) {
    if (isPlainSleep(statement)) return null;
    const inCheck = i < checks;
    const binding = inCheck ? (assertionName(statement) === 'assert' ? binaryParts(callArguments(statement)[0] ?? statement) : null) : assertionName(statement) ? null : binaryParts(statement);
    if (binding?.op !== '=' || !tracked.some((b) => mentions(binding.right, b)) || !looksReadOnly(binding.right)) continue;
    // A second read goes to another module (`TournamentUserResult.get_leaderboard(t.id)`); a local
    // helper of the test (`get_matches(tournament, "playing")`) mostly picks the value apart.
    if (!inCheck && !readsAnotherModule(binding.right)) {
      tracked.push(...patternBindings(binding.left));
      continue;
    }
    const later = rest.slice(i + 1);
    const acts = later.findIndex((s) => !looksReadOnly(s));
    const derived = patternBindings(binding.left);
    if (later.slice(0, acts === -1 ? later.length : acts).some((s) => assertionName(s) !== null && derived.some((d) => mentions(s, d)))) {
      return { statement, pattern: binding.left, read: asksAProcessTracked(binding.right, tracked) ? binding.right : null };
    }
  }
  return null;
}

/** Calls that ask the process named by their first argument for what it holds. */
const PROCESS_READS = new Set(['GenServer.call', ':gen_server.call', 'Agent.get', ':sys.get_state', ':sys.get_status']);

/**
 * `:sys.get_state(sidecar)`, `GenServer.call(pid, :stats)` with `sidecar` or `pid` bound from the
 * read before (newrelic's `sidecar = Process.get(:nr_tx_sidecar)`): a read of its own made with
 * that value, not a value picked out of it (`:queue.len(state.log_buffer)`).
 */
function asksAProcessTracked(read: SyntaxNode, tracked: readonly string[]): boolean {
  const name = read.type === 'call' ? callName(read) : null;
  const [process] = name && PROCESS_READS.has(name) ? callArguments(read) : [];
  return process?.type === 'identifier' && tracked.includes(process.text);
}

/** What names the thing a read asks about: a variable, or an atom or number as a key (not a string: a query's SQL, a subject to publish to). */
const SUBJECT = new Set(['identifier', 'atom', 'integer']);

/**
 * A later binding, before any other sleep, from the same function as `read` asked of something
 * else: a variable or a literal in the place of another (`find_child_pid(events_sup, …)`, then
 * `find_child_pid(replication_sup, …)`; `:sys.get_state(producer)`, then `:sys.get_state(consumer)`;
 * `get_shard_server(server, shard_a)`, then `get_shard_server(server, shard_b)`; `shard(router, :a)`, then `shard(router, :b)`).
 */
export function readsAgainLater(read: SyntaxNode, later: readonly SyntaxNode[]): SyntaxNode | null {
  const name = read.type === 'call' ? callName(read) : null;
  const args = read.type === 'call' ? callArguments(read) : [];
  if (!name || args.length === 0 || !looksReadOnly(read)) return null;
  for (const statement of later) {
    if (isPlainSleep(statement)) return null;
    const binding = binaryParts(statement);
    const others = binding?.op === '=' && binding.right.type === 'call' && callName(binding.right) === name ? callArguments(binding.right) : null;
    // Another variable or literal in the place of one (`shard(router, :b)` after `shard(router, :a)`, bedrock).
    if (others?.length === args.length && args.some((arg, at) => SUBJECT.has(arg.type) && others[at]!.type === arg.type && others[at]!.text !== arg.text)) return statement;
  }
  return null;
}

/**
 * The same match made before the sleep, and the same assertions on what it binds: all held then.
 * The earlier match, or null. Also under other names (pidro's `{:ok, disconnected_room} =
 * RoomManager.get_room(code)` and its check before the sleep, `{:ok, final_room} = …` and the same
 * check of `final_room` after it).
 */
export function repeatsEarlierChecks(before: readonly SyntaxNode[], next: SyntaxNode, rest: readonly SyntaxNode[], bindings: readonly string[]): SyntaxNode | null {
  const folded = assertionsAfter(rest).filter((s) => bindings.some((b) => mentions(s, b)));
  // bb's `robot = Runtime.get_robot(R)` read again, its field bound to `new_effort` and that checked
  // against 20.0 where the first read's was 10.0: what it bound is checked through other names,
  // which this does not follow, so it is no repeat it can vouch for.
  if (!assertionName(next) && folded.length === 0 && rest.some((s) => bindings.some((b) => mentions(s, b)))) return null;
  const earlier = assertionName(next) ? checkedBefore(before, next) : matchedBefore(before, next);
  if (earlier && folded.every((assertion) => checkedBefore(before, assertion) !== null)) return earlier;
  return renamedRepeat(before, next, folded);
}

/** The nearest earlier match of the same read whose pattern and checks are `next`'s and `folded`'s but for the names bound. */
function renamedRepeat(before: readonly SyntaxNode[], next: SyntaxNode, folded: readonly SyntaxNode[]): SyntaxNode | null {
  const now = binaryParts(next);
  if (now?.op !== '=' || folded.length === 0 || !looksReadOnly(now.right)) return null;
  const at = before.findIndex((statement) => binaryParts(statement)?.op === '=' && squeezed(binaryParts(statement)!.right.text) === squeezed(now.right.text));
  const earlier = at === -1 ? undefined : before[at];
  const then = earlier ? binaryParts(earlier)! : null;
  if (!earlier || !then) return null;
  // Only checks that read between that read and the sleep (not antikythera's `assert register_job(…)
  // == :ok` of a new job, nor vintage_net's `PMControl.power_on(…)`): after an act, the same read may
  // answer about something new.
  if (before.slice(0, at).some((statement) => statement.type !== 'comment' && (assertionName(statement) === null || actingCall(statement) !== null))) return null;
  const [names, old] = [patternBindings(now.left), patternBindings(then.left)];
  if (names.length === 0 || names.length !== old.length) return null;
  const renamed = (text: string) => squeezed(names.reduce((t, name, i) => t.replace(new RegExp(`(?<![\\w^])${name}(?!\\w)`, 'g'), old[i]!), text));
  if (renamed(now.left.text) !== squeezed(then.left.text)) return null;
  const checksThen = new Set(before.filter((statement) => assertionName(statement) !== null).map((statement) => squeezed(statement.text)));
  return folded.every((assertion) => checksThen.has(renamed(assertion.text))) ? earlier : null;
}

/** Reads that return a list: `Repo.all(q)`, `Accounts.list_users()`, `:ets.tab2list(t)`, `Map.keys(m)`. */
const LIST_READ = /(?:^|[.:_])(?:all|list|tab2list|to_list|keys|values)$|(?:^|\.)list_\w+$/;

/**
 * `job = Jobs.fetch(id)` always matches: polling it means polling until the assertion right after,
 * on what it bound, holds (what the transform folds in: an assert or refute that only reads; not
 * assert_in_delta). Without one there is nothing to wait for.
 */
function checkedRightAfter(statement: SyntaxNode | undefined, variable: string, read: SyntaxNode, replaced: boolean): boolean {
  const name = statement && assertionName(statement);
  const [checked] = name ? callArguments(statement!) : [];
  // `assert Process.alive?(child_pid)` holds at once: polling for it would prove nothing. Not for a
  // lookup made again after the process it found then was stopped: that one is a new process.
  if (name === 'assert' && stillAlive(checked) && !replaced) return false;
  // `instances = Repo.all(q)`, then `assert(instances)` (blockscout): a list is never nil or false, so
  // that holds at once too, and a poll would end before the changes the later lines check.
  if (name === 'assert' && checked?.text === variable && LIST_READ.test(mainCallName(read) ?? '')) return false;
  return (name === 'assert' || name === 'refute') && !variable.startsWith('_') && mentions(statement!, variable) && looksReadOnly(statement!);
}

