// monitor_down: a sleep that waits for a killed or stopped process to die becomes a monitor and an
// assertion on its :DOWN message.
//   Process.exit(pid, :kill)        →   ref = Process.monitor(pid)
//   Process.sleep(100)                  Process.exit(pid, :kill)
//   refute Process.alive?(pid)          assert_receive {:DOWN, ^ref, :process, ^pid, _}, 500
//                                       refute Process.alive?(pid)
// A process named by an expression is bound to a variable first (`pid = Process.whereis(Worker)`),
// so the monitor, the kill and the :DOWN pattern all name the same pid. When the test then checks
// that a supervisor restarted the process, that is asynchronous too and gets a wait_for.
import type { SyntaxNode } from '../src/parse/parser.js';
import { binaryParts, callArguments, callName, unaryParts } from '../src/parse/nodes.js';
import type { TransformApi, TransformFile, TransformMeta } from '../src/transform/api.js';
import { allOf, assertionCondition, type Condition } from '../src/transform/conditions.js';
import { bindingText, callText, columnAt, fitsAt, fnFirstCall } from '../src/transform/layout.js';
import { endsSetup, insertStatementsBefore, rewriteStatement } from '../src/transform/statement-edits.js';
import { callsRegisteredModule, endedSpawn } from '../src/classify/statements.js';
import { killedProcess } from '../src/classify/effects.js';

export const meta: TransformMeta = {
  fix: 'monitor_down',
  description: 'monitor the process before it is stopped and assert its :DOWN message instead of sleeping',
  // The rule decides: safe for a plain pid checked with Process.alive?, review otherwise.
  safety: 'safe',
};

/** Calls that make the process in their first argument exit, and return before it is gone. */
const STOPPING_CALLS = new Set([
  'Process.exit',
  ':erlang.exit',
  'Kernel.exit',
  'send',
  'Kernel.send',
  'Process.send',
  ':erlang.send',
  'GenServer.cast',
  ':gen_server.cast',
  // `GenServer.call(pid, :stop)`: the reply comes before the server has exited.
  'GenServer.call',
  ':gen_server.call',
  'GenServer.stop',
  ':gen_server.stop',
  'Agent.stop',
]);

/** Calls that branch on what they are given, expecting any answer. */
const BRANCHING = new Set(['if', 'unless', 'case', 'cond', 'with']);

/** What a test checks after a process died that happens asynchronously after the :DOWN. */
const RESTART_CHECK = /\b(Registry\.lookup|Registry\.keys|Supervisor\.which_children|Supervisor\.count_children|DynamicSupervisor\.which_children|DynamicSupervisor\.count_children|GenServer\.whereis)\b/;

export default function transform(file: TransformFile, api: TransformApi) {
  const site = api.site;
  if (!site) return api.bail('monitor_down fixes one site at a time');
  const { source } = file;
  const { statement, before, after } = site.ctx;
  const stop = before[0];
  // `dead_pid = spawn(fn -> :ok end)`: the monitor comes after the spawn (a :DOWN comes for a process
  // already gone too), then the wait for it. The same for the task a function of the project starts
  // for its work and answers (`{:ok, _pid} = Notifier.notify(event)`), under a name of its own
  // when the test ignores it (`_pid` becomes `pid`).
  const ended = stop ? endedSpawn(stop) : null;
  const worker = stop && !ended ? (api.answeredWorker?.(stop) ?? null) : null;
  if (ended || worker) {
    const pid = ended ?? (worker!.text.startsWith('_') ? api.freshName(worker!.text.replace(/^_+/, '') || 'pid') : worker!.text);
    const ref = api.freshName('ref');
    const column = columnAt(source, statement.startIndex);
    const down = callText('assert_receive', [`{:DOWN, ^${ref}, :process, ^${pid}, _}`, api.timeoutText()], false, column);
    const statements = [`${ref} = Process.monitor(${pid})`, down];
    if (endsSetup(statement)) statements.push(':ok');
    if (!rewriteStatement(api.edit, source, statement, statements)) return api.bail('the sleep shares its line with other code');
    if (worker && pid !== worker.text) api.edit.replace(worker, pid);
    return undefined;
  }
  // Or a function of the project that stops the process it is handed first (`Follower.stop(pid)`,
  // which casts `:stop`): the rule found the stop underneath.
  const call = stop ? (stoppingCall(stop) ?? projectStop(stop)) : null;
  if (!stop || !call) return api.bail('the statement before the sleep does not stop a process named in its first argument');
  const killed = callArguments(call)[0];
  if (!killed || /^self(\(\))?$/.test(killed.text)) return api.bail('the stopped process is the test process itself');
  // `refute Process.alive?(linked)` right after: the process that must be gone is the linked one.
  const watched = deathCheckTarget(after[0]);
  // Two processes stopped one after the other, both held in variables (elixir-omg's `on_exit`):
  // the sleep waited for both, so the rewrite monitors both, whichever of them a check looks at.
  const first = alsoStopped(before[1], killed);
  const covered = first && (!watched || sameProcess(killed, watched) || sameProcess(first, watched)) ? first : null;
  const monitored = watched && !covered && !sameProcess(killed, watched) ? watched : killed;
  if (monitored.text.includes('\n')) return api.bail('the process is named by a multi-line expression');

  const bind = pidBinding(monitored);
  if ('reason' in bind) return api.bail(bind.reason);
  const pid = bind.expression === null ? monitored.text : api.freshName('pid');
  const ref = api.freshName('ref');
  const timeout = api.timeoutText();

  const registeredAs = registeredName(monitored, site.ctx.unit);
  const waits = restartWait(source, after, covered ? [monitored.text, covered.text, pid] : [monitored.text, pid], registeredAs, timeout, columnAt(source, statement.startIndex));
  if ('reason' in waits) return api.bail(waits.reason);
  const down = callText('assert_receive', [`{:DOWN, ^${ref}, :process, ^${pid}, _}`, timeout], false, columnAt(source, statement.startIndex));
  const firstRef = covered ? api.freshName(`${ref}_${covered.text}`) : null;
  const firstDown = covered ? [callText('assert_receive', [`{:DOWN, ^${firstRef}, :process, ^${covered.text}, _}`, timeout], false, columnAt(source, statement.startIndex))] : [];
  const statements = [...firstDown, down, ...waits.statements];
  // A setup block's last value is its result: the sleep returned :ok, so the rewrite does too.
  if (endsSetup(statement)) statements.push(':ok');

  const monitor = bind.expression === null ? [] : [bindingText(pid, bind.expression, columnAt(source, stop.startIndex))];
  monitor.push(`${ref} = Process.monitor(${pid})`);
  if (!rewriteStatement(api.edit, source, statement, statements)) return api.bail('the sleep shares its line with other code');
  if (!insertStatementsBefore(api.edit, source, stop, monitor)) return api.bail('the statement that stops the process shares its line with other code');
  if (covered && !insertStatementsBefore(api.edit, source, before[1]!, [`${firstRef} = Process.monitor(${covered.text})`])) return api.bail('the statement that stops the first process shares its line with other code');
  // The kill names the process the way the monitor does, so both surely mean the same pid.
  if (bind.expression !== null && monitored === killed) api.edit.replace(killed, pid);
  if (waits.statements.length > 0) api.useHelper('wait_for');
  return undefined;
}

/** The process the statement before the stop stops too, when a variable holds it and it is not the one stopped after it. */
function alsoStopped(statement: SyntaxNode | undefined, killed: SyntaxNode): SyntaxNode | null {
  // Stopped as the rule reads it: a kill or exit signal, a stop message or request (not any send).
  const target = killedProcess(statement)?.pid;
  return target?.type === 'identifier' && killed.type === 'identifier' && !target.text.startsWith('_') && target.text !== killed.text ? target : null;
}

/** `pid` and `pid`, or `Process.whereis(Worker)` and `Worker` (either way round, or GenServer.whereis). */
function sameProcess(killed: SyntaxNode, watched: SyntaxNode): boolean {
  return sameName(killed.text, watched.text);
}

function sameName(x: string, y: string): boolean {
  const [a, b] = [x, y].map((t) => t.replace(/\s+/g, '')) as [string, string];
  const lookups = (name: string) => [`Process.whereis(${name})`, `GenServer.whereis(${name})`];
  return a === b || lookups(b).includes(a) || lookups(a).includes(b);
}

/**
 * The process a death check right after the sleep looks at: `refute Process.alive?(x)`,
 * `assert Process.alive?(x) == false`, `assert !Process.alive?(x)`, `refute Process.whereis(X)`.
 */
function deathCheckTarget(statement: SyntaxNode | undefined): SyntaxNode | null {
  const name = statement ? callName(statement) : null;
  if (!statement || (name !== 'assert' && name !== 'refute')) return null;
  let checked = callArguments(statement)[0];
  let negated = name === 'refute';
  const comparison = checked && binaryParts(checked);
  if (comparison && (comparison.op === '==' || comparison.op === '===') && comparison.right.text === 'false') {
    checked = comparison.left;
    negated = !negated;
  }
  const unary = checked && unaryParts(checked);
  if (unary && (unary.op === '!' || unary.op === 'not')) {
    checked = unary.operand;
    negated = !negated;
  }
  if (!negated || checked?.type !== 'call') return null;
  const called = callName(checked);
  return called === 'Process.alive?' || called === 'Process.whereis' ? (callArguments(checked)[0] ?? null) : null;
}

/** `Process.exit(pid, :kill)`, `send(pid, :stop)`, `x = GenServer.cast(pid, :crash)` — not the pipe form. */
function stoppingCall(statement: SyntaxNode): SyntaxNode | null {
  const node = calledIn(statement);
  return node.type === 'call' && STOPPING_CALLS.has(callName(node) ?? '') ? node : null;
}

/** `Follower.stop(pid)`, `:ok = Follower.stop(pid)`: a call of a module's function, handed the process first. */
function projectStop(statement: SyntaxNode): SyntaxNode | null {
  const node = calledIn(statement);
  return node.type === 'call' && /^[A-Z][\w.]*\.[a-z_]\w*[?!]?$/.test(callName(node) ?? '') && callArguments(node).length > 0 ? node : null;
}

/** The call a statement makes, past a match and an assertion around it: `assert :ok = StreamableHTTP.shutdown(t)` (anubis). */
function calledIn(statement: SyntaxNode): SyntaxNode {
  const asserted = callName(statement) === 'assert' && callArguments(statement).length === 1 ? callArguments(statement)[0]! : statement;
  const match = binaryParts(asserted);
  return match?.op === '=' ? match.right : asserted;
}

/**
 * How to get a pid variable for the stopped process: a variable is used as it is; a registered
 * name is looked up; any other expression is evaluated once, before the monitor.
 */
function pidBinding(target: SyntaxNode): { expression: string | null } | { reason: string } {
  switch (target.type) {
    case 'identifier':
      return target.text.startsWith('_') ? { reason: 'the stopped process is an underscored variable' } : { expression: null };
    case 'alias':
    case 'atom':
      return { expression: `Process.whereis(${target.text})` };
    case 'tuple':
      // {:global, name} / {:via, Registry, {Reg, key}}
      return /^\{\s*:(global|via)\b/.test(target.text) ? { expression: `GenServer.whereis(${target.text})` } : { reason: 'the stopped process is named by a tuple that is not {:global, _} or {:via, _, _}' };
    case 'call':
    case 'access_call':
      return { expression: target.text };
    default:
      return { reason: `the stopped process is named by a ${target.type.replace(/_/g, ' ')}` };
  }
}

/**
 * What to wait for after the :DOWN when the next statements check a restart or a cleanup:
 * `new_pid = Process.whereis(Worker)` → the name points at a new process;
 * `assert Registry.lookup(Reg, key) == []` → that assertion's condition.
 */
function restartWait(source: string, after: readonly SyntaxNode[], names: readonly string[], registeredAs: string | null, timeout: string, column: number): { statements: string[] } | { reason: string } {
  for (const [index, statement] of after.slice(0, 2).entries()) {
    const name = callName(statement);
    const assertion = name === 'assert' || name === 'refute';
    // `refute Process.alive?(pid)`: the :DOWN already guarantees it.
    const dies = assertion ? deathCheckTarget(statement) : null;
    if (dies && names.some((name) => sameName(name, dies.text))) continue;
    // Only the name the stopped process had, when the test says which (codex_sdk's `if pid =
    // Process.whereis(Pool)`, then a look at the top supervisor's name: not a restart of the pool).
    // Nor a lookup a branch only tests (`if Process.whereis(:top) && is_nil(Process.whereis(Pool))`):
    // either answer is expected there.
    const branches = BRANCHING.has(name ?? '');
    const whereis = branches ? undefined : statement.descendantsOfType('call').find((c) => callName(c) === 'Process.whereis' && (registeredAs === null || callArguments(c)[0]?.text === registeredAs));
    const [lookedUp] = whereis ? callArguments(whereis) : [];
    // Or a call of the module whose registered server was killed (`NervesTime.Ntpd.clean_start?()`
    // after `Process.exit(Process.whereis(NervesTime.Ntpd), …)`): it goes to the restarted one.
    const api = lookedUp ? null : callsRegisteredModule(statement, names[0]!);
    const registered = lookedUp?.text ?? api;
    if (registered && !registered.includes('\n')) {
      // `refute Process.whereis(Worker)`: a name is unregistered before the :DOWN is sent.
      if (lookedUp && assertion && expectsNil(statement)) continue;
      const lookup = `Process.whereis(${registered})`;
      const pid = names[names.length - 1];
      // Inside `fn ->` the condition starts 4 columns in; mix format breaks a list that does not fit.
      const flat = `${lookup} not in [nil, ${pid}]`;
      const condition = fitsAt(column + 4, flat) ? flat : `${lookup} not in [\n  nil,\n  ${pid}\n]`;
      return { statements: [fnFirstCall('wait_for', condition, [timeout], column)] };
    }
    const restarted = RESTART_CHECK.test(statement.text) || otherProcessAlive(statement, names);
    if (!restarted) return { statements: [] };
    if (!assertion) return { reason: `line ${statement.startPosition.row + 1} reads a restart or cleanup without asserting it: no condition to wait for` };
    // The deaths of other processes checked one after the other (pushex's two transports linked to
    // the killed tracker) each come on their own time: the wait is for all of them.
    const checks = [statement];
    for (const more of after.slice(index + 1)) {
      if (callName(more) !== 'refute' && callName(more) !== 'assert') break;
      if (!deathCheckTarget(more) || !otherProcessAlive(more, names)) break;
      checks.push(more);
    }
    const conditions: Condition[] = [];
    for (const check of checks) {
      const result = assertionCondition(source, check);
      if ('reason' in result) return { reason: `cannot wait for the restart check on line ${check.startPosition.row + 1}: ${result.reason}` };
      conditions.push(result.condition);
    }
    return { statements: [fnFirstCall('wait_for', allOf(conditions), [timeout], column)] };
  }
  return { statements: [] };
}

/**
 * Does the assertion expect the name to be gone? `refute Process.whereis(W)`,
 * `assert Process.whereis(W) == nil`, `assert is_nil(Process.whereis(W))`.
 */
function expectsNil(statement: SyntaxNode): boolean {
  const text = statement.text;
  const nil = /(==|===)\s*nil\b|\bnil\s*(==|===)|\bis_nil\(|(!|\bnot\s+)Process\.whereis\(/.test(text);
  return callName(statement) === 'refute' ? !nil : nil;
}

/**
 * Does the assertion expect another process to be dead too (`refute Process.alive?(linked)`)? Its
 * exit follows the :DOWN on its own time. One expected alive (`assert Process.alive?(pipeline)`,
 * the survivor) already is: waiting for it would prove nothing.
 */
function otherProcessAlive(statement: SyntaxNode, names: readonly string[]): boolean {
  const expectsDead = callName(statement) === 'refute' || /==\s*false\b/.test(statement.text);
  return expectsDead && statement.descendantsOfType('call').some((c) => callName(c) === 'Process.alive?' && !names.some((name) => sameName(name, callArguments(c)[0]?.text ?? '')));
}

/**
 * The name the stopped process was registered under, when the test says: `Process.whereis(Pool)`
 * itself, or the variable bound to it in the unit (`if pid = Process.whereis(Pool) do`). Null when unknown.
 */
function registeredName(stopped: SyntaxNode, unit: SyntaxNode | null): string | null {
  if (stopped.type === 'call' && callName(stopped) === 'Process.whereis') return callArguments(stopped)[0]?.text ?? null;
  if (stopped.type !== 'identifier' || !unit) return null;
  return new RegExp(`(?<![\\w.:@])${stopped.text}\\s*=\\s*Process\\.whereis\\(\\s*([^()\\s]+)\\s*\\)`).exec(unit.text)?.[1] ?? null;
}
