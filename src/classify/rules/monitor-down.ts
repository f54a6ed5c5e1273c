import type { SyntaxNode } from '../../parse/parser.js';
import { argumentsAsRun, binaryParts, callArguments, callName, callNamesIn, enclosingStatement, line, oneLine, ownerCall, statementsOf } from '../../parse/nodes.js';
import type { Rule } from '../rule.js';
import { aliveChecks, assertionName, assertionsAfter, callsRegisteredModule, checkedBefore, endedSpawn, LITERAL_VALUE, looksReadOnly, mainCall, mayChange, mentions, patternBindings, readsARegistry, spawnedAs, stillAlive, watchedProcess } from '../statements.js';
import { CAPTURES, DIRECT_MESSAGES, STANDARD_MODULE } from '../../context/elixir-facts.js';
import { captureChecks } from './sync-barrier.js';
import type { Signals } from '../signals.js';
import { isPlainSleep, type SiteContext } from '../../context/site-context.js';
import { answeredWorker, killedByName, killedProcess, startedTrappingExits } from '../effects.js';
import { inTestFlow, keepsSchedule } from './test-flow.js';
import { ranBefore } from '../../context/site-context.js';
import { readsStateOtherThan } from './sync-barrier.js';
import { NAMED_FOR_ITS_TIMING } from './wait-for.js';

// Checks that only pass once a Registry cleaned up after the process, a supervisor counted its
// children again or a table's keeper dropped its rows (realtime's subscription manager, on its own
// :DOWN): asynchronous after ours, they are wait_for's job.
const CLEANUP_CHECK = /Registry\.(lookup|keys|count)|which_children|count_children|:ets\.(lookup|tab2list|info|member|select|match_object)\b/;
// A restarted process looked up by its registered name: monitor_down plus a wait for the new pid.
const RESTART_CHECK = /Process\.whereis\(|GenServer\.whereis\(/;

/**
 * Is `next` an assertion on state that others keep after the death? After `:kill` no terminate/2
 * runs, so whatever changes (a member list, a table) is changed by the processes that watched it:
 * any read-only check. After a gentler stop the process may clean up itself before its :DOWN, so
 * only a look into another process (`:sys.get_state(manager)`) counts.
 */
function asksAnotherAfterDeath(next: SyntaxNode, killed: { pid: SyntaxNode; how: string }, later: readonly SyntaxNode[]): boolean {
  const name = assertionName(next);
  let [condition] = name === 'assert' || name === 'refute' ? callArguments(next) : [];
  // `debug_info = DebugInfo.get(pool)`, then assertions on what it bound: that read is what they check (poolex).
  const match = name ? null : binaryParts(next);
  if (match?.op === '=' && match.right.type === 'call' && later.some((s) => assertionName(s) !== null && patternBindings(match.left).some((b) => mentions(s, b)))) {
    condition = match.right;
  }
  if (!condition || !mayChange(condition) || !looksReadOnly(condition) || RESTART_CHECK.test(next.text)) return false;
  // Still alive, that other one: it has the sleep to crash in, the manual rule says.
  if (name === 'assert' && stillAlive(condition)) return true;
  // A call to the dead process itself (`catch_exit(Worker.ping(pid))`) is answered once it is gone.
  if (/:kill\b/.test(killed.how)) return !callNamesIn(condition).some(({ node }) => callArguments(node)[0]?.text === killed.pid.text);
  return /:sys\.get_(state|status)\(/.test(condition.text) && !mentions(next, killed.pid.text);
}

/**
 * The project function `statement` calls that asks a server handling `{:DOWN, …}` itself (a
 * `GenServer.call` to it), or null. Not the killed process's own server (nerves_time kills
 * `Process.whereis(NervesTime.Ntpd)` and asks `NervesTime.Ntpd`: its restart, which monitor_down waits for).
 */
export function askedKeeperOfDeaths(statement: SyntaxNode, killed: string, ctx: SiteContext, signals: Signals): string | null {
  for (const { name, node } of callNamesIn(statement)) {
    const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
    if (!remote || STANDARD_MODULE.test(remote[1]!)) continue;
    const module = ctx.file.resolveAlias(remote[1]!);
    const effect = signals.modules.effectOf(module, remote[2]!, callArguments(node).map((a) => a.text), ctx.file);
    if (effect?.kind !== 'sync' || !/^(?:GenServer\.call|:gen_server\.call)$/.test(effect.via)) continue;
    const server = effect.target && /^[A-Z]/.test(effect.target) ? ctx.file.resolveAlias(effect.target) : module;
    if (killed.includes(remote[1]!) || killed.includes(server)) continue;
    if (signals.modules.handlesDeaths(server, ctx.file)) return name;
  }
  return null;
}

/**
 * Does `next` bind something that a check right after compares with the killed process, or with
 * another process bound before the sleep (`refute old == new`): a lookup of a restarted one?
 */
function looksUpReplacement(next: SyntaxNode, later: readonly SyntaxNode[], killed: string, before: readonly SyntaxNode[]): boolean {
  const match = binaryParts(next);
  if (match?.op !== '=' || match.right.type !== 'call') return false;
  const bound = patternBindings(match.left);
  // walex: the test crashed one server and checks that another, restarted with it, has a new pid.
  const earlier = before.flatMap((statement) => {
    const binding = binaryParts(statement);
    return binding?.op === '=' ? patternBindings(binding.left) : [];
  });
  return later.some((statement) => assertionName(statement) !== null && bound.some((name) => mentions(statement, name)) && (statement.text.includes(killed) || earlier.some((name) => mentions(statement, name))));
}

/**
 * Is `statement` a send, cast or call to a process other than `killed`, by a name that may not be
 * registered yet (`send(:job6, :stop)`)? Not to a pid the test holds in a variable (cog's
 * `send(pid, :crash)` to an executor it spawned earlier): that process was there all along.
 */
function messagesAnother(statement: SyntaxNode, killed: string): boolean {
  const target = messagedTarget(statement);
  return target !== null && target !== killed && !/^[a-z_]\w*$/.test(target);
}

/** The process a plain send, cast or call statement goes to (`send(:job6, :stop)` → `:job6`), not the test itself. */
export function messagedTarget(statement: SyntaxNode): string | null {
  const call = mainCall(statement);
  const name = call ? callName(call) : null;
  if (!call || !name || !MESSAGING.has(name)) return null;
  const target = callArguments(call)[0]?.text;
  return target && target !== 'self()' ? target : null;
}

const MESSAGING = new Set([...DIRECT_MESSAGES, 'GenServer.call', ':gen_server.call']);

/** Does `statement` ask whether some process other than `killed` is alive? */
function othersAlive(statement: SyntaxNode, killed: string): boolean {
  if (!statement.text.includes('alive?')) return false;
  return callNamesIn(statement).some(({ name, node }) => /^(Elixir\.)?Process\.alive\?$/.test(name) && callArguments(node)[0]?.text !== killed);
}

/**
 * A comment that says the death is to be noticed by another process: "recognized as unresponsive by
 * the leader", "for the cluster to detect it". Not a supervisor's: its restart is looked up after
 * the :DOWN (RESTART_CHECK), which the rewrite waits for too.
 */
const NOTICED_BY_ANOTHER = /\b(?:recogni[sz]ed|noticed|detected|marked)\b.*\bby\b|\bto (?:notice|detect|recogni[sz]e|realize|realise)\b/i;

export const monitorDown: Rule = {
  id: 'monitor-down',
  verdict: 'problematic',
  produces: 'monitor_down',
  summary: 'waits for a killed or stopped process to die: monitor it and assert the :DOWN',
  explanation:
    'Process.exit/2 (with :normal only to a server the test started with start_link and whose init/1 traps exits: a process that does not trap exits drops it), or a message that makes a process stop, returns before the process is gone. Monitoring the process and ' +
    'asserting the {:DOWN, ref, :process, pid, reason} message waits exactly as long as needed; a monitor set up after the ' +
    'process died still delivers :DOWN (reason :noproc). When the next line checks a linked process instead, that one is ' +
    'monitored. When it looks the process up again by name (a supervisor restarts it), the rewrite also waits for the new pid; ' +
    'when it checks that a Registry entry is gone or counts a supervisor\'s children, that happens after the :DOWN, ' +
    'asynchronously, so the sleep is left to wait_for. Not when nothing follows it and the killed process is a ' +
    'supervisor: its :DOWN comes while its children still shut down under names the next start takes again.',
  example: {
    before: 'Process.exit(pid, :kill)\nProcess.sleep(100)\nrefute Process.alive?(pid)',
    after: 'ref = Process.monitor(pid)\nProcess.exit(pid, :kill)\nassert_receive {:DOWN, ^ref, :process, ^pid, _}, 500\nrefute Process.alive?(pid)',
  },
  decide(ctx, signals) {
    // Also in a helper of the test's (jido_run's `ensure_orchestrator_started`: kill the old one,
    // sleep, start a new one under the name): for review, every test that calls it runs the rewrite.
    const inHelper = ctx.runsIn === 'helper';
    if ((!inTestFlow(ctx) && !inHelper) || keepsSchedule(ctx)) return null;
    // Not a helper that goes round again after the sleep (rabbitmq's `exhaust_restarts(sup)`, which
    // kills the worker each round until the supervisor gives up): the next round needs the restart.
    if (inHelper && ctx.defName && ctx.after[0] && new RegExp(`(?<![\\w.:])${ctx.defName.replace(/[?!]/g, '\\$&')}\\(`).test(ctx.after[0].text)) return null;
    const previous = ctx.before[0];
    // `dead_pid = spawn(fn -> :ok end)` (jido_signal, realtime): a process that ends at once, which the
    // lines after need dead; its :DOWN says when it is, a monitor set after it ended included.
    const ended = previous ? endedSpawn(previous) : null;
    if (ended && ctx.after.some((statement) => mentions(statement, ended))) {
      return { fix: 'monitor_down', safety: inHelper ? 'review' : 'safe', confidence: 'high', reason: `waits for \`${ended}\` to end: the process spawned on line ${line(previous!)} returns at once`, evidence: [line(previous!)] };
    }
    // `{:ok, _pid} = Notifier.notify(event)`, a function of the project whose body ends in
    // `Task.Supervisor.start_child(sup, fn -> … end)`: the one task doing the work the lines after
    // look for, which ends when it is done. Its :DOWN says when (the rewrite names a pid the test
    // ignores); not when a line after uses the pid for anything but a check that it is gone.
    const worker = previous ? answeredWorker(previous, ctx, signals.modules) : null;
    if (worker && (worker.pid.text.startsWith('_') || ctx.after.every((statement) => !mentions(statement, worker.pid.text) || watchedProcess(statement) === worker.pid.text))) {
      return { fix: 'monitor_down', safety: inHelper ? 'review' : 'safe', confidence: 'high', reason: `waits for the work of \`${worker.call}\` on line ${line(previous!)}: it answers the process it starts for that work (\`${worker.start}\`), which ends when the work is done`, evidence: [line(previous!)] };
    }
    // Directly (`Process.exit(pid, :kill)`, `send(pid, :stop)`), or through a function of the
    // project that does (pinchflat's `FileFollowerServer.stop(pid)` casts `:stop`).
    const stopped = signals.effect(previous);
    const killed = killedProcess(previous, (target) => startedTrappingExits(target, ctx, signals.modules)) ?? (stopped?.kind === 'kill' ? { pid: stopped.pid, how: stopped.how } : null);
    if (!previous || !killed) return null;
    // In a helper, only a process it holds in a variable (jido_run's `pid` from `Process.whereis`): a
    // module's supervised server killed by its name (geolix's `DatabaseSupervisor |> Process.whereis()
    // |> Process.exit(:kill)`) is restarted by its supervisor, which is what the sleep waits for.
    if (inHelper && killed.pid.type !== 'identifier') return null;
    // The same at the end of a setup (ex-tackle's `setup_all`: `Process.whereis(Tackle.Connection)
    // |> Process.exit(:kill)`, then the sleep, at most a plain `:ok` after it): the tests call the
    // server by that name, so the sleep waits for its replacement, which comes after our :DOWN.
    if (ctx.runsIn === 'setup' && ctx.after.every((s) => LITERAL_VALUE.test(s.text)) && killedByName(killed.pid, ctx.before)) return null;
    const next = ctx.after[0];
    // sworm's `on_exit(fn -> Process.exit(pid, :kill); Process.sleep(200) end)` after `{:ok, pid} =
    // Sworm.start_link(name)`, a supervisor over named children that trap exits: its :DOWN comes
    // while they still shut down under names the next setup registers again, which it would fail on.
    if (!next && startedSupervisor(killed.pid.text, [...ranBefore(ctx), ...beforeOnExit(ctx)], ctx, signals)) return null;
    // rabbit's `await_consuming(consumer)` after killing the consumer's channel, a poll that its
    // start helper already ran: the :DOWN comes first, the consumer hears of the death after, and the
    // poll returns at once on the state from before.
    const polls = next ? signals.pollingHelper(next) : null;
    if (polls && signals.calledBefore(polls.name) !== null) return null;
    // "# wait until the killed process is recognized as unresponsive by the consensus leader"
    // (raft_fleet): the comment says the sleep waits for another process to notice the death, on
    // its own time (a failure detector, a heartbeat); our :DOWN comes at once, before that.
    const comment = signals.commentAbove() ?? '';
    if (NOTICED_BY_ANOTHER.test(comment) && !/supervisor/i.test(comment)) return null;
    // Last inside a `capture_log` whose log is checked (ALF's `kill(pid)`, `=~ "is :DOWN with reason:
    // killed"`): the line is written by a process that hears of the death on its own time, after our :DOWN.
    if (!next && CAPTURES.test(ctx.enclosedBy[0] ?? '') && !captureChecks(ctx.statement).discarded) return null;
    const watched = watchedProcess(next);
    if (next && !watched && CLEANUP_CHECK.test(next.text)) return null;
    // The next line asks another process how it took the death (`:sys.get_state(s.pid)` after killing the
    // pipe's owner): that process hears of it on its own time, before or after our :DOWN. wait_for polls it.
    if (next && !watched && asksAnotherAfterDeath(next, killed, ctx.after.slice(1, 4))) return null;
    // `assert {:error, :unknown_token} = Tokens.process_for_token(token)` (cog): a call to a server
    // that monitors the dead process and cleans up in its own :DOWN, which may come after ours.
    if (next && !watched && askedKeeperOfDeaths(next, killed.pid.text, ctx, signals)) return null;
    // `Enum.each(workers, fn w -> assert not Process.alive?(w) end)`: other processes, dying of the
    // link after our :DOWN; a monitor of the killed one does not wait for them.
    if (next && !watched && othersAlive(next, killed.pid.text)) return null;
    // `{:ok, chan2} = get_channel(name)`, then `refute chan1.pid == chan2.pid`: it waits for the replacement.
    if (next && !watched && !RESTART_CHECK.test(next.text) && looksUpReplacement(next, ctx.after.slice(1, 4), killed.pid.text, ctx.before)) return null;
    // `send(:job5, :stop)`, the sleep, `send(:job6, :stop)`: it waits for job6 to be there to send to.
    if (next && !watched && messagesAnother(next, killed.pid.text)) return null;
    // `assert Process.alive?(pipeline)` among the checks: the sleep gives another process time to crash
    // of the death, and the :DOWN of a kill comes at once, before that one has done anything (membrane).
    if (aliveChecks(assertionsAfter(ctx.after)).some(({ pid }) => pid !== killed.pid.text)) return null;
    // Killed by its registered name, then the same checks as before the kill (property_table's "the
    // properties didn't get lost" after crashing the table's updater): they held at the :DOWN too;
    // what the sleep gave time for is the restart, which a monitor of the old pid does not wait for.
    if (next && !watched && /\bwhereis\b/.test(killed.pid.text) && checkedBefore(ranBefore(ctx), next)) return null;
    // elixir-omg's `on_exit`: `Process.exit(alarm_process, :cleanup)`, then the same for
    // `statsd_monitor`, then the sleep: it waits for both, whose names the next setup registers again.
    const alsoKilled = killedProcess(ctx.before[1], (target) => startedTrappingExits(target, ctx, signals.modules));
    const second = alsoKilled && alsoKilled.pid.type === 'identifier' && killed.pid.type === 'identifier' && alsoKilled.pid.text !== killed.pid.text && (!watched || watched === killed.pid.text || watched === alsoKilled.pid.text) ? alsoKilled : null;
    const pid = second ? killed.pid.text : (watched ?? killed.pid.text);
    const sameProcess = pid === killed.pid.text;
    const reason =
      `waits for a killed process: ${killed.how} on line ${line(previous)} stops \`${oneLine(killed.pid.text, 40)}\`${sameProcess ? '' : `; line ${line(next!)} checks that \`${pid}\`, which goes down with it, is gone`}` +
      (second ? `, and line ${line(ctx.before[1]!)} stops \`${second.pid.text}\`: the rewrite waits for both` : '');
    // `Process.exit(Process.whereis(NervesTime.Ntpd), :oops)`, then `NervesTime.Ntpd.clean_start?()`:
    // the call goes to the name, so the sleep waited for the supervisor's replacement.
    const api = next && !watched ? callsRegisteredModule(next, killed.pid.text) : null;
    if (api) {
      return { fix: 'monitor_down', safety: 'review', confidence: 'medium', reason: `${reason}; line ${line(next!)} then calls \`${api}\`, whose functions go to the process registered under that name: the restarted one, which needs a wait for the new pid too`, evidence: [line(previous), line(next!)] };
    }
    // Only a lookup of the name the killed process had (phoenix_gen_api kills a spawned channel, then
    // checks that `Process.whereis(PhoenixGenApi.RelayServer)` is still there: nothing restarted).
    if (next && !watched && RESTART_CHECK.test(next.text) && looksUpTheKilled(next, killed.pid, ctx.before)) {
      return { fix: 'monitor_down', safety: 'review', confidence: 'medium', reason: `${reason}; line ${line(next)} then looks up the restarted process, which needs a wait for the new pid too`, evidence: [line(previous), line(next)] };
    }
    // `:sys.get_state(pool)` a line or two on (finch), or a registry (elsa's
    // `Elsa.Registry.whereis_name(…)`): its keeper hears of the death in its own :DOWN, which may
    // come after ours. (An ETS table the dead process owned went with it.)
    // Only a check among those right after the death's: after another act (a new start) the table
    // holds what that act put there.
    const run = assertionsAfter(ctx.after);
    const act = run.findIndex((check) => signals.actingCall(check) !== null);
    const checks = act === -1 ? run : run.slice(0, act);
    const hearsLater = ctx.after.slice(1, 4).find((s) => readsStateOtherThan(s, pid) || (checks.includes(s) && readsARegistry(s)));
    // pony_express's "self-heals": the kill, the sleep, `refute Process.alive?(client_pid)`, then
    // `PubSub.broadcast(…)` that reaches the test only through the restarted client: an act right
    // after the death's check may need what the sleep also gave time for, the replacement.
    // (Not a start of a new one, bedrock's `start_demux(…)` after killing the old: the name it takes
    // is free once the process is gone, which the :DOWN says.)
    // Nor after killing a process the test spawned itself (the sample app's `spawn(fn -> … end)`
    // subscriber): nothing restarts it.
    const drivenAgain = hearsLater || spawnedAs(pid, ranBefore(ctx)) !== null
      ? undefined
      : ctx.after.slice(next && watched ? 1 : 0, 3).find((s) => {
          const acts = assertionName(s) === null && !isPlainSleep(s) && !mentions(s, pid) ? signals.actingCall(s) : null;
          return acts !== null && !/(?:^|[._])start/.test(acts);
        });
    // mesh's `assert {:ok, ^actor_pid, _} = ActorTable.get(key)` made before the kill and again after
    // the death's check ("ActorTable still has stale entry (lazy cleanup)"): it held all along, and the
    // sleep was also the window for a cleanup that must not come, which our :DOWN comes before. (Not a
    // check of plain values, `assert value == %{}`, which nothing can change.)
    const checkedAgain = hearsLater || drivenAgain ? undefined : checks.find((check) => watchedProcess(check) === null && mayChange(callArguments(check)[0] ?? check) && checkedBefore(ranBefore(ctx), check) !== null);
    // elixir-soton-otp's "process is not alive one second after sending :stop": the sleep is the
    // deadline under test, which a :DOWN awaited five times as long no longer checks.
    const timed = ctx.test !== null && NAMED_FOR_ITS_TIMING.test(ctx.test);
    return {
      fix: 'monitor_down',
      safety: watched && sameProcess && killed.pid.type === 'identifier' && !hearsLater && !drivenAgain && !checkedAgain && !timed && !inHelper && !second ? 'safe' : 'review',
      confidence: watched ? 'high' : 'medium',
      reason: hearsLater
        ? `${reason}; line ${line(hearsLater)} reads ${readsARegistry(hearsLater) ? 'a registry another process keeps' : 'the state of another process'}, which hears of the death in its own :DOWN, maybe after ours`
        : drivenAgain
          ? `${reason}; line ${line(drivenAgain)} then acts (\`${oneLine(drivenAgain.text, 40)}\`), which may need what the sleep also gave time for, such as a restart, and the :DOWN comes before that`
          : checkedAgain
            ? `${reason}; line ${line(checkedAgain)} checks again what held before the death, and the sleep was also the window for a wrong change to it, which the :DOWN comes before`
            : timed
              ? `${reason}; the test's name (“${oneLine(ctx.test!, 50)}”) speaks of when the process ends, which the sleep may bound and a longer wait for the :DOWN would not`
            : !watched && next && !inHelper && !second
              ? `${reason}; line ${line(next)} checks something other than the death (\`${oneLine(next.text, 40)}\`), which another process may change only after the :DOWN`
              : reason,
      evidence: next && watched ? [line(previous), line(next)] : [line(previous)],
    };
  },
};

/**
 * Does `next` look up (`Process.whereis(Name)`) the name the killed process went by: the kill names
 * it (`Process.exit(Process.whereis(Name), …)`), or the statement that bound the killed pid does
 * (`pid = Process.whereis(Name)`, `{:ok, pid} = Server.start_link(name: Name)`)?
 */
function looksUpTheKilled(next: SyntaxNode, pid: SyntaxNode, before: readonly SyntaxNode[]): boolean {
  const looked = /(?:Process|GenServer)\.whereis\(\s*([\w.:]+)/.exec(next.text)?.[1];
  if (!looked) return false;
  const named = (text: string) => new RegExp(`(?<![\\w.])${looked.replace(/[.]/g, '\\.')}(?![\\w.])`).test(text);
  if (named(pid.text)) return true;
  const binding = pid.type === 'identifier' ? before.find((statement) => { const parts = binaryParts(statement); return parts?.op === '=' && patternBindings(parts.left).includes(pid.text); }) : undefined;
  return binding !== undefined && named(binding.text);
}

/**
 * What ran before the `on_exit` callback the sleep is in was registered, nearest first (sworm's
 * helper: `{:ok, pid} = Sworm.start_link(name)`, then `on_exit(fn -> … end)`); none outside one.
 */
function beforeOnExit(ctx: SiteContext): SyntaxNode[] {
  let fn = ctx.site.node.parent;
  while (fn && fn.type !== 'anonymous_function') fn = fn.parent;
  const owner = fn ? ownerCall(fn) : null;
  if (!owner || !/(?:^|\.)on_exit$/.test(callName(owner) ?? '')) return [];
  const statement = enclosingStatement(owner);
  const siblings = statement.parent ? statementsOf(statement.parent) : [];
  return siblings.slice(0, siblings.findIndex((s) => s.id === statement.id)).reverse();
}

/** Was `pid` bound, among `statements`, to the start of a project module's supervisor (`{:ok, pid} = Tree.start_link(:tree_a)`)? */
function startedSupervisor(pid: string, statements: readonly SyntaxNode[], ctx: SiteContext, signals: Signals): boolean {
  const binding = statements.find((statement) => { const parts = binaryParts(statement); return parts?.op === '=' && patternBindings(parts.left).includes(pid); });
  const call = binding ? binaryParts(binding)!.right : null;
  const start = call?.type === 'call' ? /^([A-Z][\w.]*)\.(start\w*)$/.exec(callName(call) ?? '') : null;
  return !!start && !STANDARD_MODULE.test(start[1]!) && signals.modules.startsSupervisor(ctx.file.resolveAlias(start[1]!), start[2]!, argumentsAsRun(call!).length, ctx.file);
}
