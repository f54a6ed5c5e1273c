// What a statement next to a sleep does to other processes: kills one, messages one without
// waiting (a cast, a send, a cast wrapper like Counter.incr/1), starts work elsewhere, or waits
// for the work it asks for. The project's own modules are looked into (ModuleIndex) to tell
// `Counter.incr(pid)` (a cast) from `Inventory.stock(sku)` (a call).
import type { SyntaxNode } from '../parse/parser.js';
import { argumentsAsRun, binaryParts, callArguments, callName, callNamesIn, inFunction, isInsideText, line, oneLine, squeezed } from '../parse/nodes.js';
import { ranBefore, type SiteContext } from '../context/site-context.js';
import { answeredByHandler, ASYNC_CALLS, BROWSER_DRIVER, DATA_FRAMEWORK, DATABASE_DRIVER, DIRECT_MESSAGES, KILL_CALLS, NOT_A_PROCESS, SOCKET_WRITES, SPAWNING_CALLS, STANDARD_MODULE, STATEM_CALLS, SYNC_CALLS, TARGETED_SYNC, consumedTaskStream, runsInCallerProcess, transactionWrite } from '../context/elixir-facts.js';
import type { DeferredWork, ModuleIndex, StateView } from '../project/module-index.js';
import { actingCall, answerKeysRead, ASSERTIONS, assertionName, CREATES_RECORD, fieldOwner, mainCall, mentions, okPid, patternBindings, presenceOf, runsOnNode, watchedProcess, comparedLiteral, LITERAL_VALUE } from './statements.js';
import type { SourceFile } from '../context/source-file.js';
import { keywordTimes } from './keyword-times.js';
import { boundEarlier } from '../duration/duration.js';

export type StatementEffect = (
  | { kind: 'kill'; pid: SyntaxNode; how: string }
  /**
   * `direct`: a cast/send the test wrote itself; else an API that casts (resolved) or may (unresolved).
   * `carrier`: the cast or send underneath a project API (`GenServer.cast` under `Mock.send_message`): which callback handles it.
   */
  | { kind: 'message'; target: string; via: string; direct: boolean; resolved: boolean; module?: string; message?: string | null; carrier?: string }
  /** `why`: how a call of the project's starts that work (`its handle_call calls `Task.start``); `calls`: the call its code hands the work on with, when read there (`send`). */
  | { kind: 'async'; via: string; why?: string; calls?: string }
  /** `unseenHandler`: a project API whose GenServer.call goes to a server module we did not read (its handle_call is elsewhere), or that also calls another module's function that hands work on. */
  | { kind: 'sync'; target: string | null; via: string; unseenHandler?: boolean }
) & {
  /** The call it came from, for the line a reason cites: a statement may run over several lines (`fn -> … end |> Task.async()`). */
  at?: SyntaxNode;
};

/** Work that lands in the test's own mailbox or runs in the caller before returning. */
const SELF_SYNC = new Set([':telemetry.execute', 'Logger.flush']);
const RANK = { kill: 4, message: 3, async: 2, sync: 1 } as const;

// A message or cast that asks a process to end: `send(pid, :stop)`, `GenServer.cast(pid, {:crash, …})`.
const STOP_MESSAGE = /^[{:]*:?(stop|shutdown|exit|kill|crash|die|terminate|boom|raise|quit|halt)/;

const STOP_SENDERS = new Set(['send', 'GenServer.cast', 'Process.send']);

// A call that asks the server to stop (`GenServer.call(pid, :stop)`): its handler returns
// `{:stop, reason, reply, state}`, and the server exits only after the reply is on its way.
const STOP_CALLERS = new Set(['GenServer.call', ':gen_server.call']);
const STOP_REQUEST = /^(?::(?:stop|shutdown|terminate|quit)|\{\s*:(?:stop|shutdown|terminate|quit)\s*[,}])(?![\w?!])/;

/**
 * The module and function a call names, its module's alias resolved (`Counter.add` → `Tally.Counter`,
 * `add`), or for an unqualified call the project module the test imports it from, the first imported
 * one that defines it (rig's `import RigInboundGateway.Proxy, only: [handle_join_api: 3]`, then
 * `handle_join_api(proxy, id, api)`). Null for a local call or an anonymous one.
 */
function calledFunction(name: string, arity: number, ctx: SiteContext, index: ModuleIndex): { module: string; fun: string } | null {
  const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
  if (remote) return { module: ctx.file.resolveAlias(remote[1]!), fun: remote[2]! };
  if (!/^[a-z_]\w*[?!]?$/.test(name)) return null;
  const module = ctx.file.importsFor(name, arity).find((imported) => index.defines(imported, name, ctx.file) === true);
  return module ? { module, fun: name } : null;
}

/**
 * The statement that makes a process exit without waiting for it, and the process. An exit with
 * reason :normal stops only a process that traps exits and takes it from its parent (a GenServer
 * the test started with start_link): `trapsExits` says which; without it, none does.
 */
export function killedProcess(statement: SyntaxNode | undefined, trapsExits?: (target: string) => boolean): { pid: SyntaxNode; how: string } | null {
  if (!statement) return null;
  // `Process.whereis(MixProject.Some) |> Process.exit(:kill)`: the kill is the pipe's last call.
  const pipe = binaryParts(statement);
  const call = pipe?.op === '|>' && pipe.right.type === 'call' && KILL_CALLS.has(callName(pipe.right) ?? '') ? pipe.right : mainCall(statement);
  const name = call ? callName(call) : null;
  // Most statements call neither: their arguments need not be read.
  if (!call || !name || !(KILL_CALLS.has(name) || STOP_SENDERS.has(name) || STOP_CALLERS.has(name))) return null;
  const [target, message] = argumentsAsRun(call);
  if (!target || target.text === 'self()') return null;
  // An exit signal with reason :normal is dropped by a process that does not trap exits (farmbot's
  // `Process.exit(pid, :normal)` to a GenServer): nothing says it stops anything.
  if (KILL_CALLS.has(name) && message) return message.text === ':normal' && !trapsExits?.(target.text) ? null : { pid: target, how: `\`${name}(…, ${oneLine(message.text, 20)})\`` };
  if (message && (STOP_SENDERS.has(name) ? STOP_MESSAGE : STOP_REQUEST).test(message.text)) {
    return { pid: target, how: `\`${name}(…, ${oneLine(message.text, 20)})\`` };
  }
  return null;
}

/**
 * A process killed by its registered name (`Process.whereis(Conn) |> Process.exit(:kill)`, a module
 * or atom, or a variable bound to `Process.whereis(…)` in `before`): what the lines after it reach
 * through the name is its supervisor's replacement, not the process that died.
 */
export function killedByName(pid: SyntaxNode, before: readonly SyntaxNode[]): boolean {
  if (pid.type === 'alias' || pid.type === 'atom') return true;
  if (pid.type !== 'identifier') return /\bwhereis\b/.test(pid.text);
  const bound = new RegExp(`^${pid.text}\\s*=\\s*(?:Process|GenServer)\\.whereis\\(`);
  return before.some((statement) => bound.test(statement.text));
}

/**
 * The kill right before the sleep, past checks that the process died (`Process.exit(agent, :kill)`,
 * then `refute Process.alive?(agent)`), of a process the test handed, with a key that `condition`
 * names too, to a call before it: a registration, ecto_process_registry's
 * `register_name({registry, "agent"}, agent)` and later `Repo.get_by(Pid, key: "agent")`. The entry
 * was there when the sleep began, and it goes only if the registry hears of the death. The
 * registering statement, the kill, the key and the process; null otherwise. `before` is nearest first.
 */
export function keyOfTheKilled(condition: SyntaxNode, before: readonly SyntaxNode[]): { registered: SyntaxNode; kill: SyntaxNode; key: string; pid: string } | null {
  const statements = before.filter((statement) => statement.type !== 'comment');
  const at = statements.findIndex((statement) => watchedProcess(statement) === null);
  const kill = statements[at];
  // `assert Process.exit(agent, :kill)`: the kill inside its assertion.
  const act = kill && assertionName(kill) === 'assert' ? callArguments(kill)[0] : kill;
  const killed = act ? killedProcess(act) : null;
  const pid = killed?.pid.type === 'identifier' ? killed.pid.text : null;
  if (!pid || statements.slice(0, at).some((statement) => watchedProcess(statement) !== pid)) return null;
  const keys = new Set(literalKeys(condition));
  if (keys.size === 0) return null;
  for (const statement of statements.slice(at + 1)) {
    for (const { node } of callNamesIn(statement)) {
      const args = callArguments(node);
      if (inFunction(node, statement) || !args.some((arg) => arg.type === 'identifier' && arg.text === pid)) continue;
      // A string before an atom, which is more often a tag or a table's name (`{:pool, "agent"}`).
      const shared = args.flatMap(literalKeys).filter((literal) => keys.has(literal));
      const key = shared.find((literal) => literal.startsWith('"')) ?? shared[0];
      if (key) return { registered: statement, kill: kill!, key, pid };
    }
  }
  return null;
}

/**
 * A check that a row is in an ETS table (`:ets.member(:owners, self())`, `:ets.lookup(T, key) != []`)
 * after a statement of the test that called a function of the project which put that very row
 * there before it returned, in the test's own process (newrelic's `NewRelic.start_transaction`,
 * whose sidecar is listed under `self()` in `Sidecar.LookupStore` on the way): the row was there
 * before the sleep, so a poll of it passes at once, and the sleep is the window in which a wrong
 * delete would show. That statement, the call and the table as the check names it; null otherwise.
 * `before` is nearest first.
 */
export function rowWrittenBefore(condition: SyntaxNode, before: readonly SyntaxNode[], file: SourceFile, modules: ModuleIndex): { statement: SyntaxNode; call: string; table: string } | null {
  const read = presenceOf(condition);
  const [table, key] = read?.type === 'call' && /^:ets\.(?:member|lookup)$/.test(callName(read) ?? '') ? callArguments(read) : [];
  if (!table || !key) return null;
  const resolved = (node: SyntaxNode) => (/^[A-Z][\w.]*$/.test(node.text) ? file.resolveAlias(node.text) : squeezed(node.text));
  // The earliest first: a getter that lists what it finds unlisted (newrelic's `get_transaction`)
  // writes nothing after the call that listed it.
  for (const statement of [...before].reverse()) {
    for (const { name, node } of callNamesIn(statement)) {
      const dot = name.lastIndexOf('.');
      // A call inside `fn -> … end` may run in another process (a task's), later.
      if (dot <= 0 || !/^[A-Z]/.test(name) || STANDARD_MODULE.test(name) || (node.id !== statement.id && inFunction(node, statement))) continue;
      if (modules.insertsRow(file.resolveAlias(name.slice(0, dot)), name.slice(dot + 1), callArguments(node).map(resolved), resolved(table), resolved(key), file)) return { statement, call: name, table: table.text };
    }
  }
  return null;
}

/**
 * A poll of bookkeeping: every read it makes (see answerKeysRead) asks the server that the call
 * right before the sleep went to, through the server's read functions or `:sys.get_state`, for
 * fields that the call's handle_call writes into the state it replies with, and that nothing
 * asynchronous writes (see fieldsSetBeforeReply). apothik's `Master.start_node(1)`, whose handler
 * starts the node's boot in a task and lists the node in `started` before it replies, then
 * `stats = Master.cluster_stats()` and `assert stats.started == [1]`: the check holds as soon as the
 * call returns, so a poll passes at once, before the work the sleep waited for. The call, the
 * fields and the work its handler hands on (`its handle_call calls …`, when read); null otherwise.
 */
export function bookkeepingOfTheCall(
  previous: SyntaxNode | undefined,
  polled: readonly SyntaxNode[],
  ctx: SiteContext,
  index: ModuleIndex,
  bound?: { pattern: SyntaxNode; read: SyntaxNode },
): { call: SyntaxNode; name: string; fields: string[]; handsOn: string | null } | null {
  if (!previous) return null;
  const reads = answerKeysRead(polled, bound);
  if (!reads) return null;
  for (const { name, node } of callNamesIn(previous)) {
    if (node.id !== previous.id && inFunction(node, previous)) continue;
    const act = serverRequest(node, ctx, index);
    const set = act ? index.fieldsSetBeforeReply(act.server, act.message, ctx.file) : [];
    if (!act || set.length === 0) continue;
    const fields = new Set<string>();
    for (const { read, keys } of reads) {
      const view = stateViewOf(read, act, ctx, index);
      for (const key of keys) {
        const field = view ? fieldLookedAt(view, key) : null;
        if (!field || !set.includes(field)) return null;
        fields.add(field);
      }
    }
    return { call: node, name, fields: [...fields], handsOn: index.handsWorkOn(act.server, ctx.file, ['handle_call'], act.message) };
  }
  return null;
}

/** The request a call of the project's makes, followed into its body as effectOf follows it: a `GenServer.call`, its server, the process it names and its message. */
function serverRequest(call: SyntaxNode, ctx: SiteContext, index: ModuleIndex): { server: string; target: string | null; message: string | null } | null {
  const name = callName(call);
  const args = argumentsAsRun(call);
  const called = name && !STANDARD_MODULE.test(name) ? calledFunction(name, args.length, ctx, index) : null;
  const effect = called ? index.effectOf(called.module, called.fun, args.map((a) => a.text), ctx.file) : null;
  if (effect?.kind !== 'sync' || !answeredByHandler(effect.via)) return null;
  return { server: answeringServer(effect.target, effect.server ?? called!.module, ctx, index), target: effect.target, message: effect.message ?? null };
}

/** What `read` answers of the state of the server `act` called: the whole state for `:sys.get_state` of that server, or what its read function's handle_call replies with. */
function stateViewOf(read: SyntaxNode, act: { server: string; target: string | null }, ctx: SiteContext, index: ModuleIndex): StateView | null {
  const name = callName(read);
  if (name === ':sys.get_state') {
    const [target] = callArguments(read);
    const named = target?.type === 'alias' ? ctx.file.resolveAlias(target.text) : target?.text;
    return named !== undefined && (named === act.server || named === act.target) ? { of: 'state' } : null;
  }
  const request = serverRequest(read, ctx, index);
  if (!request || request.server !== act.server || request.target !== act.target) return null;
  return index.stateAnswered(request.server, request.message, ctx.file);
}

/** The state's field `key` of an answer read as `view` looks at (null: the whole answer). */
function fieldLookedAt(view: StateView, key: string | null): string | null {
  if (view.of === 'field') return view.field;
  if (key === null) return null;
  return view.of === 'state' ? key : (view.keys.get(key) ?? null);
}

/** The strings and atoms in `node` that can name a key: `"agent"`, `:pool`; not `:ok`, `:error`, nor a string built with `#{…}`. */
function literalKeys(node: SyntaxNode): string[] {
  return [node, ...node.descendantsOfType(['string', 'atom'])]
    .filter((literal) => (literal.type === 'string' && !literal.text.includes('#{')) || (literal.type === 'atom' && !/^:(?:ok|error)$/.test(literal.text)))
    .map((literal) => literal.text);
}

/** A message the project's code was read to send (not an API only guessed to cast): what a barrier can follow past a check. */
export function sendsAMessage(effect: StatementEffect | null): boolean {
  return effect?.kind === 'message' && effect.resolved;
}

/** The line where the call an effect came from is written (its statement's first line when not known). */
export function effectLine(effect: StatementEffect, statement: SyntaxNode): number {
  return line(effect.at ?? statement);
}

/** The call an effect came from, quoted, with how it starts work elsewhere when that is not plain: "`Jobs.enqueue` (its handle_call calls `Task.start`)". */
export function quotedVia(effect: Exclude<StatementEffect, { kind: 'kill' }>): string {
  return effect.kind === 'async' && effect.why ? `\`${effect.via}\` (${effect.why})` : `\`${effect.via}\``;
}

export function effectOf(statement: SyntaxNode | undefined, ctx: SiteContext, index: ModuleIndex): StatementEffect | null {
  if (!statement) return null;
  const killed = killedProcess(statement, (target) => startedTrappingExits(target, ctx, index));
  if (killed) return { kind: 'kill', pid: killed.pid, how: killed.how };
  let best: StatementEffect | null = null;
  for (const { name, node } of callsRunBy(statement)) {
    const effect = callEffect(name, node, ctx, index);
    if (effect && (!best || RANK[effect.kind] > RANK[best.kind])) best = { ...effect, at: node };
  }
  if (best?.kind === 'sync' && best.at && gaveUpOnHandedWork(best.at, statement)) {
    return { kind: 'async', via: best.via, why: 'the test caught its exit: it gave up waiting, and the function it was handed runs on', at: best.at };
  }
  return best;
}

/**
 * resiliency's `assert catch_exit(SingleFlight.flight(server, key, fn -> … end, 50))`: a call handed
 * its work as a function, whose exit the test catches. The call gave up waiting, not the work: the
 * function runs on wherever the call handed it.
 */
function gaveUpOnHandedWork(call: SyntaxNode, statement: SyntaxNode): boolean {
  if (!callArguments(call).some((arg) => arg.type === 'anonymous_function')) return false;
  for (let up = call.parent; up && up.id !== statement.parent?.id; up = up.parent) if (up.type === 'call' && callName(up) === 'catch_exit') return true;
  return false;
}

/** A function named for work it leaves to be done later: `perform_later`, `deliver_later`, `run_in_background`. */
const DEFERRED_BY_NAME = /(?:^|_)(?:later|in_background|deferred)[!?]?$/;

const AWAITS_TASKS = new Set(['Task.await', 'Task.await_many', 'Task.yield', 'Task.yield_many']);

/** A call whose name says it hands its work on: `produce_async`, `async_send`, `GenServer.cast`, `send`. */
const SAYS_ASYNC = /(?:^|[._])(?:\w+_async|async_\w+|cast|send)$/;

/**
 * A call in the function of the nearest `Task.async` before the sleep that messages a process or
 * hands work on (`Client.produce_async(rec)`, a cast), or null: what the tasks did is not done when
 * they are.
 */
function awaitedTasksHandOn(ctx: SiteContext, index: ModuleIndex): string | null {
  const started = ctx.before.find((statement) => statement.text.includes('Task.async'));
  if (!started) return null;
  for (const { name, node } of callNamesIn(started)) {
    if (name !== 'Task.async' && name !== 'Task.Supervisor.async') continue;
    for (const fn of node.descendantsOfType('anonymous_function')) {
      for (const inner of callNamesIn(fn)) {
        // By name only (`produce_async`, a cast, a send): a pool's `checkin`, a cast underneath, in a
        // load test's burst of tasks is part of the load, not work the sleep waits for.
        if (!SAYS_ASYNC.test(inner.name)) continue;
        const effect = callEffect(inner.name, inner.node, ctx, index);
        if (effect?.kind === 'message' || effect?.kind === 'async') return inner.name;
      }
    }
  }
  return null;
}

/** A keyword that asks a call to do its work elsewhere and return at once: `asynchronous?: true`, `async: true`. */
const RUN_ASYNC_OPTION = /\b(?:async|asynchronous)\??:\s*true\b/;

function callEffect(name: string, call: SyntaxNode, ctx: SiteContext, index: ModuleIndex): StatementEffect | null {
  const args = argumentsAsRun(call);
  // membrane's `Testing.Pipeline.terminate(pipeline, asynchronous?: true)`: a task it starts sends the
  // message, so no barrier from the test orders after it; the work runs on elsewhere.
  const last = args[args.length - 1];
  if (last?.type === 'keywords' && RUN_ASYNC_OPTION.test(last.text) && !STANDARD_MODULE.test(name)) return { kind: 'async', via: name, why: `given \`${oneLine(RUN_ASYNC_OPTION.exec(last.text)![0], 30)}\`` };
  const [first] = args;
  const target = first?.text ?? '';
  // lasso's error store: the handler its init/1 attached only casts to the store, so the execute
  // returns before the work is done. (A handler of the test's own runs in the test and is done.)
  const handed = name === ':telemetry.execute' ? index.telemetryMessage(target, ctx.file) : null;
  if (handed) return { kind: 'message', target: handed.target, via: name, direct: false, resolved: true, module: handed.module, message: handed.message, carrier: handed.carrier };
  // klife's `Task.await_many(tasks)` of tasks that each call `produce_async`: awaiting them says only
  // that the work was handed on, not that it is done.
  if (AWAITS_TASKS.has(name)) {
    const handedOn = awaitedTasksHandOn(ctx, index);
    if (handedOn) return { kind: 'async', via: handedOn, why: `the tasks \`${name}\` awaits call \`${handedOn}\`, which hands its work on` };
  }
  if (SELF_SYNC.has(name)) return { kind: 'sync', target: null, via: name };
  if (DIRECT_MESSAGES.has(name)) {
    if (target === 'self()') return { kind: 'sync', target: null, via: `${name}(self(), …)` };
    const message = args[1]?.text ?? null;
    return first ? { kind: 'message', target, via: name, direct: true, resolved: true, module: moduleOfTarget(target, ctx, index), message } : null;
  }
  // `Supervisor.start_link([{App.System, …}], …)` starts each child the way start_supervised! starts one.
  const children = name === 'Supervisor.start_link' && first?.type === 'list' ? first.namedChildren : name === 'start_supervised!' || name === 'start_supervised' || name === 'start_link_supervised!' ? [first] : null;
  if (children) {
    for (const child of children) {
      const module = childModule(child);
      const starts = module ? index.initStartsAsyncWork(ctx.file.resolveAlias(module), ctx.file, startSpecText(child!)) : null;
      if (starts) return { kind: 'async', via: `${module}.init/1`, why: `it calls \`${starts}\`` };
    }
    return { kind: 'sync', target: null, via: name };
  }
  // roger's `:ok = Application.start(:roger)`: the project's own application, whose servers' init/1
  // (a timeout of 0, a connection made on the first message) leave work running that is not read.
  if (/^Application\.(?:start|ensure_started|ensure_all_started)$/.test(name) && first?.type === 'atom' && first.text.slice(1) === index.ownApplication(ctx.file.rel)) {
    return { kind: 'async', via: name, why: 'it starts the project\'s own application, whose servers may leave work running' };
  }
  // ex_scheduler's `GenServer.start_link(Worker, config)`, whose init/1 arms a timer for the first
  // job: the start returns before the work it set going.
  if (/^GenServer\.start(?:_link)?$/.test(name) && first?.type === 'alias') {
    const handed = initArgument(name, call);
    const starts = index.initStartsAsyncWork(ctx.file.resolveAlias(first.text), ctx.file, handed ? startSpecText(handed) : '');
    if (starts) return { kind: 'async', via: `${first.text}.init/1`, why: `it calls \`${starts}\`` };
  }
  if (TARGETED_SYNC.has(name)) return { kind: 'sync', target: target || null, via: name };
  // `Cluster.call(node, Hub, :push, [pid, x])` runs `Hub.push` on `node`: no message to a process
  // named `node`; what the function does there is not followed, as for `:erpc.call`.
  if (runsOnNode(name, call)) return null;
  const { module, fun } = calledFunction(name, args.length, ctx, index) ?? {};
  // Known by its full name when its module is aliased (`alias Postgrex, as: P`, then `P.query!`).
  const known = module ? `${module}.${fun}` : name;
  if (SYNC_CALLS.has(known) || name.startsWith(':ets.')) return { kind: 'sync', target: null, via: name };
  // `{:atomic, :ok} = :mnesia.transaction(fn -> :mnesia.write(row) end)`: committed when it returns.
  if (transactionWrite(name, call)) return index.mnesiaSubscriber(ctx.file) ? { kind: 'sync', target: null, via: name, unseenHandler: true } : { kind: 'sync', target: null, via: name };
  if (consumedTaskStream(known, call)) return { kind: 'sync', target: null, via: name };
  if (SPAWNING_CALLS.has(known) || ASYNC_CALLS.has(known)) return { kind: 'async', via: name };
  const pushed = channelPush(name, args, ctx);
  if (pushed) return pushed;
  if (!module && /^[a-z_]\w*[?!]?$/.test(name)) return wrappedMessageEffect(name, call, args, ctx, index);
  if (!fun || !module) return null;
  const effect = index.effectOf(module, fun, args.map((a) => a.text), ctx.file);
  // pinchflat's `FileFollowerServer.stop(pid)`, which is `GenServer.cast(process, :stop)`: a stop
  // through a function of the project, for the process it was handed first (where the monitor_down
  // transform looks for it).
  // Not a message only named like one (vaos-ledger's `report_crash`, `GenServer.cast(server, {:crash, …})`
  // to a `handle_cast` that records it): the handler the project wrote neither stops nor raises.
  const recorded = (message: string | null, via: string): boolean => index.handlesWithoutStopping(module, ctx.file, [via === 'GenServer.cast' ? 'handle_cast' : 'handle_info'], message);
  const stopped = effect?.kind === 'message' && STOP_SENDERS.has(effect.via) && STOP_MESSAGE.test(effect.message ?? '') && args[0]?.text === effect.target && !recorded(effect.message, effect.via) ? args[0] : undefined;
  if (stopped && effect?.kind === 'message') return { kind: 'kill', pid: stopped, how: `\`${name}\` (it calls \`${effect.via}(…, ${oneLine(effect.message!, 20)})\`)` };
  if (effect?.kind === 'message') {
    return { kind: 'message', target: effect.target, via: name, direct: false, resolved: true, module: moduleOfTarget(effect.target, ctx, index) ?? module, message: effect.message, carrier: effect.via };
  }
  // elixir-queue's `Queue.perform_later(job)`: it only stores the job, and an event loop the
  // application started runs it; the name says so, whatever the stored part looks like.
  if (effect?.kind === 'sync' && DEFERRED_BY_NAME.test(fun)) return { kind: 'async', via: name, why: 'its name says the work is done later' };
  if (effect?.kind === 'sync') {
    // A call whose handler starts work elsewhere (enqueue → a worker) returns before that work is done.
    // (The module that made the call, when the API hands on to another's: stage3_queue's `Broker.enqueue`.)
    const server = answeringServer(effect.target, effect.server ?? module, ctx, index);
    // Only the clause that answers this request: nerves_time's `handle_call(:clean_start?, …)` replies,
    // though its `{:subscribe, pid}` clause sends a snapshot.
    // A write to a port or socket counts too: the reply comes before the program or peer answers
    // (hermes's STDIO transport, `Port.command(port, message)` to `cat`, whose echo comes later).
    // A gen_statem may reply and then act on: a timeout it arms, an event it postpones, or what an
    // internal event it queues hands on.
    const handsOn = answeredByHandler(effect.via)
      ? (index.handsWorkOn(server, ctx.file, ['handle_call'], effect.message ?? null, SOCKET_WRITES) ?? (STATEM_CALLS.has(effect.via) ? index.statemCallKeepsWorking(server, ctx.file, effect.message ?? null, SOCKET_WRITES) : null))
      : null;
    if (handsOn) return { kind: 'async', via: name, why: `its ${handsOn}` };
    // A call to a server whose handler is in a module we did not follow: it returns, but what it set off is unknown.
    // Or one that also calls another module's function that hands work on (mentat's `put`, whose
    // `Janitor.reclaim` casts when the table is full): what that set off is unknown to the remove rule.
    // Or whose clause goes on through the module's own functions further than that reading follows
    // (quanta's actor, whose timers are armed four calls below its handle_call): what lies there is unread.
    // Or whose clause keeps `from` and is answered with `GenServer.reply` on another process's request
    // (a gate's `await`, released by a task's `open`): the call returns when that process asks, not when its work is done.
    const message = effect.message ?? null;
    const unseen = (answeredByHandler(effect.via) && (index.handlesAs(server, 'handle_call', ctx.file) === false || index.handlerReadPast(server, ctx.file, message) !== null || index.answeredOnAnothersRequest(server, ctx.file, message) !== null)) || !!effect.handsOff;
    return unseen ? { kind: 'sync', target: effect.target, via: name, unseenHandler: true } : { kind: 'sync', target: effect.target, via: name };
  }
  if (effect?.kind === 'async') return { kind: 'async', via: name, why: effect.why ?? `it calls \`${effect.via}\``, calls: effect.via };
  // Unknown API taking a process first (`Worker.poke(pid)`): it may be a cast underneath. One of the
  // project's we have read whole and found no message in is not unknown.
  if (first?.type === 'identifier' && !STANDARD_MODULE.test(module) && !DATABASE_DRIVER.test(module) && !BROWSER_DRIVER.test(module) && !DATA_FRAMEWORK.test(module) && !ACCESSOR.test(fun) && !NOT_A_PROCESS.test(target) && !boundToData(target, ctx, index) && !fieldsRead(target, ctx) && !(PLURAL.test(target) && !moduleOfTarget(target, ctx)) && !answers(call) && !threadsItsArgument(call, target) && index.mayMessageFirstArgument(module, fun, args.length, ctx.file)) {
    // quickbeam's `QuickBEAM.stop(rt)`, a facade over `GenServer.stop`: a stop whether it casts or
    // waits, so a barrier into the process could find it gone; its :DOWN says when it is.
    if (STOPPING_FUNCTION.test(fun)) return { kind: 'kill', pid: first, how: `\`${name}\`` };
    // poolder's `WillyWonkaFactory.cast(milton, :crash)`: a message that says the process ends.
    const ending = args.slice(1).find((arg) => arg.type === 'atom' && ENDING_MESSAGE.test(arg.text));
    if (ending) return { kind: 'kill', pid: first, how: `\`${name}(…, ${ending.text})\`` };
    return { kind: 'message', target, via: name, direct: false, resolved: false };
  }
  return null;
}

/**
 * The module whose handle_call answers a project API's `GenServer.call` to `target`: the module the
 * target names (a server registered as `name: __MODULE__`), else `caller`, the module that makes the
 * call. Also `caller` for a name no module we read goes by, when `caller` is a server itself: a gate
 * the test registered under a name of its own, `Gate.await(MachineGate, :third)`, is a `Gate`.
 */
function answeringServer(target: string | null, caller: string, ctx: SiteContext, index: ModuleIndex): string {
  const named = target && /^[A-Z]/.test(target) ? ctx.file.resolveAlias(target) : null;
  if (!named) return (target && startedServer(target, caller, ctx, index)) ?? caller;
  return index.handlesAs(named, 'handle_call', ctx.file) === null && index.handlesAs(caller, 'handle_call', ctx.file) === true ? caller : named;
}

/**
 * The server the test started as `target` (`{:ok, pid} = GameServer.start_link(…)`), when the API
 * that calls it lives in a client module answering no calls itself (dudle's `GameClient`, whose
 * `submit_prompt(pid, prompt)` calls the `GameServer` machine): that server's handlers answer.
 */
function startedServer(target: string, caller: string, ctx: SiteContext, index: ModuleIndex): string | null {
  if (index.handlesAs(caller, 'handle_call', ctx.file) !== false) return null;
  const started = moduleOfTarget(target, ctx, index);
  return started && index.handlesAs(started, 'handle_call', ctx.file) === true ? started : null;
}

/**
 * Phoenix.ChannelTest's `push(socket, "mark_read", payload)` in a file that joins a channel: a plain
 * `send` of the event to `socket.channel_pid`, the channel's own server, whose `handle_in` for that
 * event handles it in order. The channel module is the one the file joins (`subscribe_and_join(socket,
 * RoomChannel, topic)`), when it joins only one. Not a `push` the file defines itself.
 */
function channelPush(name: string, args: readonly SyntaxNode[], ctx: SiteContext): StatementEffect | null {
  const [socket, event] = args;
  if (!/^(?:Phoenix\.ChannelTest\.)?push$/.test(name) || args.length !== 3 || socket?.type !== 'identifier' || event?.type !== 'string' || event.text.includes('#{')) return null;
  const source = ctx.file.withoutComments;
  if (!JOINS_CHANNEL.test(source) || /\bdefp?\s+push\b/.test(source)) return null;
  const joined = new Set([...source.matchAll(JOINED_CHANNEL)].map((m) => m[1]!));
  const module = joined.size === 1 ? ctx.file.resolveAlias([...joined][0]!) : undefined;
  return { kind: 'message', target: `${socket.text}.channel_pid`, via: name, direct: false, resolved: true, module, message: event.text, carrier: CHANNEL_PUSH };
}

/** The carrier of a channel test's `push`: handled by the channel's `handle_in` (callbacksFor). */
export const CHANNEL_PUSH = 'Phoenix.ChannelTest.push';

/** A channel test: the file joins a channel through Phoenix.ChannelTest. */
const JOINS_CHANNEL = /\b(?:subscribe_and_join!?|join)\(/;

/** The channel module a join names: `subscribe_and_join(socket, RoomChannel, "room:lobby")`, also piped. */
const JOINED_CHANNEL = /\b(?:subscribe_and_join!?|join)\((?:\s*[a-z_]\w*\s*,)?\s*([A-Z][\w.]*)\s*,/g;

/**
 * A helper of the test file's own that is nothing but a send or a cast (loomkin's `send_to_agent(pid,
 * msg)`, `send(pid, msg)` in a `defp`): the message as if the test wrote it inline, its process found
 * the same way; a message that asks the process to stop is a kill, as that send would be.
 */
function wrappedMessageEffect(name: string, call: SyntaxNode, args: readonly SyntaxNode[], ctx: SiteContext, index: ModuleIndex): StatementEffect | null {
  const wrapped = index.wrappedMessage(name, args.map((a) => a.text), call, ctx.file);
  if (!wrapped) return null;
  const pid = args.find((arg) => arg.text === wrapped.target);
  if (pid && STOP_SENDERS.has(wrapped.via) && STOP_MESSAGE.test(wrapped.message ?? '')) return { kind: 'kill', pid, how: `\`${name}\` (it calls \`${wrapped.via}(…, ${oneLine(wrapped.message!, 20)})\`)` };
  return { kind: 'message', target: wrapped.target, via: name, direct: false, resolved: true, module: moduleOfTarget(wrapped.target, ctx, index), message: wrapped.message, carrier: wrapped.via };
}

/**
 * The calls a statement makes when it runs: the bodies of anonymous functions count only when the
 * call they are handed to runs them on the spot (`Enum.each(…, fn -> … end)`), not when they are
 * stored for later (`:telemetry.attach(…, fn … end)`) or run elsewhere (`Task.start`, itself the effect).
 */
export function callsRunBy(statement: SyntaxNode): { name: string; node: SyntaxNode }[] {
  const out: { name: string; node: SyntaxNode }[] = [];
  const visit = (node: SyntaxNode, owner: string | null) => {
    if (node.type === 'anonymous_function' && !(owner && runsInCallerProcess(owner))) return;
    let name = owner;
    if (node.type === 'call') {
      const called = callName(node);
      if (called) out.push({ name: called, node });
      name = called;
    }
    for (const child of node.namedChildren) visit(child, node.type === 'call' ? name : owner);
  };
  visit(statement, null);
  return out;
}

/** Literals a variable may be bound to that are data, never a process: `host = "domain.local"`. */
const DATA_LITERALS = new Set(['string', 'charlist', 'integer', 'float', 'list', 'map', 'sigil', 'binary', 'boolean', 'nil']);
/** Operators whose result is data: strings joined (`"#{inspect(ref)}" <> "actor"`, spawn's actor names), lists, numbers. */
const DATA_OPERATORS = new Set(['<>', '++', '--', '+', '-', '*', '/']);

/**
 * Function names that read a value off their argument (`Paths.project_id(project)`, `Routes.user_path(conn, …)`,
 * a registry's `get_pid(process_module)`, the pid it keeps under that key),
 * predicates, which by Elixir's convention only ask (`ExternalService.saturated?(service)`), and names
 * for waiting, which wait (elixir-omg's `IntegrationTest.wait_for_block_fetch(blknum, timeout)`): no message.
 */
const ACCESSOR = /(^|_)(id|ids|pid|path|url|uri|name|key|keys|count|size|format|encode|decode)$|^(to|from|parse|format|encode|decode)_|\?$|^(?:a?wait|poll)(?:_|$)/;

/** Calls whose result is data, never a process: `queue = :erlang.unique_integer`, `name = inspect(ref)`. */
const DATA_CALL = /^(?::erlang\.unique_integer|System\.unique_integer|make_ref|:erlang\.make_ref|inspect|to_string|(?:Integer|Atom|String|Enum|Map|List|Keyword|MapSet|Base|Jason|DateTime|NaiveDateTime|Date|Time|UUID|Ecto\.UUID|:crypto)\.\w+[?!]?)$/;

/** A process's name in a helper that creates it: `create_worker`, `insert_server`. */
const NAMES_A_PROCESS = /(?:server|worker|process|pid|supervisor|agent|pool|runtime|client|conn|connection|socket|channel|peer|node|actor|listener|consumer|producer|session)s?!?$/;

/**
 * Is what `name` returns data: a call above, or a record the test creates (jido_managed_agents'
 * `owner = Helpers.create_user!()`, an Ash record that a barrier `:sys.get_state(owner)` would exit on)?
 */
function isDataCall(name: string): boolean {
  return DATA_CALL.test(name) || ((CREATES_RECORD.test(name) || BUILDS_DATA.test(name)) && !NAMES_A_PROCESS.test(name));
}

/** Factories that build a value without a process: ExMachina's `build(:invoice)` and `params_for`, Ash's generator, `generate(invoice())`. */
const BUILDS_DATA = /^(?:(?:[A-Z]\w*\.)*\w*Factory\.)?(?:build|params_for|string_params_for)!?$|^(?:Ash\.Generator\.)?generate!?$|^struct!?$/;

/**
 * Does the test use what `call` returns as an answer: compares it with something other than `:ok`,
 * reads a field or key of it, or pipes it on (rafted_value's `RaftedValue.query(leader, :get) ==
 * {:ok, 1}`, `RaftedValue.status(leader)[:unresponsive_followers]`)? A cast returns `:ok` and
 * nothing else, so such a call is one the process answers.
 */
function answers(call: SyntaxNode): boolean {
  const parent = call.parent;
  if (!parent) return false;
  if (parent.type === 'access_call') return true;
  if (parent.type === 'dot' && parent.firstNamedChild?.id === call.id) return true;
  const parts = parent.type === 'binary_operator' ? binaryParts(parent) : null;
  if (!parts) return false;
  if (parts.op === '|>') return parts.left.id === call.id;
  if (!['==', '===', '!=', '!==', '=', '=~'].includes(parts.op)) return false;
  const other = parts.left.id === call.id ? parts.right : parts.left;
  return other.text !== ':ok' && other.type !== 'identifier' && !other.text.startsWith('_');
}

/**
 * `recorder = TWCCRecorder.record_packet(recorder, seq_no)`: the call's result is bound to the
 * variable it was handed first, as a data structure is threaded through functions that return it
 * updated (ex_webrtc's recorder, ex_ice's agent). A pid is never replaced by what a cast returns.
 */
function threadsItsArgument(call: SyntaxNode, target: string): boolean {
  const parts = call.parent?.type === 'binary_operator' ? binaryParts(call.parent) : null;
  return parts?.op === '=' && parts.right.id === call.id && parts.left.type === 'identifier' && parts.left.text === target;
}

/** Phoenix.ChannelTest calls that return a socket struct (`socket/3`, `join/3`, `subscribe_and_join/3`, `connect/2`). */
const CHANNEL_SOCKET = /^(?:Phoenix\.ChannelTest\.)?(?:socket|join|subscribe_and_join!?|connect)$/;

/** A plural name (`nodes`, `pids`, `workers`) holds several things, not a process, unless the test bound it to one it started. */
const PLURAL = /^[a-z_]\w*[^isu_]s$/;

/** Tuples that name a process: `{:via, Registry, {Names, id}}`, `{:global, name}`. */
const PROCESS_NAME_TUPLE = /^\{\s*:(?:via|global)\s*,/;

/** Is `value`, as written, data: a literal, a tuple that names no process, or an operator's result? */
function writtenData(value: SyntaxNode): boolean {
  return DATA_LITERALS.has(value.type) || (value.type === 'tuple' && !PROCESS_NAME_TUPLE.test(value.text)) || DATA_OPERATORS.has(binaryParts(value)?.op ?? '');
}

/**
 * Is `name` bound, earlier in the test, to data: a literal (`host = "domain.local"`), a call that
 * returns data, or a helper of the project's that writes data out (SimplePool's
 * `ref = TestHelpers.unique_ref()`, an entity's `{:ref, Entity, "test_…"}`, which
 * `:sys.get_state(ref)` would exit on at once)?
 */
function boundToData(name: string, ctx: SiteContext, index: ModuleIndex): boolean {
  for (const statement of ctx.before) {
    const match = binaryParts(statement);
    // `{:ok, _, socket} = subscribe_and_join(socket, GameChannel, topic)`: a %Phoenix.Socket{}, whose process is its channel_pid.
    if (match?.op === '=' && match.right.type === 'call' && CHANNEL_SOCKET.test(callName(match.right) ?? '') && patternBindings(match.left).includes(name)) return true;
    if (match?.op === '=' && match.left.type === 'identifier' && match.left.text === name) {
      const made = lastPiped(match.right);
      if (made.type !== 'call') return DATA_LITERALS.has(made.type) || DATA_OPERATORS.has(binaryParts(made)?.op ?? '');
      const called = callName(made) ?? '';
      return isDataCall(called) || (made.id === match.right.id && !!index.writtenAnswers(called, argumentsAsRun(made).length, ctx.file)?.every(writtenData));
    }
  }
  return false;
}

/** The call a pipe ends in, what the value comes out of (`seeded_invoice(…) |> generate()`); `value` itself when it is no pipe. */
function lastPiped(value: SyntaxNode): SyntaxNode {
  const parts = binaryParts(value);
  return parts?.op === '|>' ? parts.right : value;
}

/**
 * Does the test read fields of `name` (`batch.id`, no parentheses: not a module's function)? Then it
 * holds a map or a struct (openai-batch-manager's generated batch, handed to an Ash code interface's
 * `destroy_batch(batch)` and looked up again by `batch.id`), which names no process:
 * `:sys.get_state(batch)` would exit at once.
 */
function fieldsRead(name: string, ctx: SiteContext): boolean {
  const body = ctx.unit ?? ctx.statement;
  return body.text.includes(`${name}.`) && body.descendantsOfType('call').some((call) => {
    const owner = fieldOwner(call);
    return owner?.type === 'identifier' && owner.text === name;
  });
}

/**
 * The module whose process `call` starts (`start_supervised!({Counter, …})`, `Counter.start_link(…)`,
 * `GenServer.start_link(Counter, …)`): as written, and resolved. Null for any other call.
 * With `modules`, also a function of the project's under another name that starts its module's own
 * server (cympho's `Orchestrator.start_and_run(issue, agent_id)`).
 */
export function startedModule(name: string, call: SyntaxNode, ctx: SiteContext, modules?: ModuleIndex): { written: string; module: string } | null {
  // `{BMP3XX, opts} |> start_supervised!()` (circuits_sim): the piped value is the first argument.
  const args = argumentsAsRun(call);
  const [first] = args;
  let written: string | null = null;
  if (name === 'start_supervised!' || name === 'start_supervised' || name === 'start_link_supervised!') written = childModule(first);
  else if (/^GenServer\.start(_link)?$/.test(name)) written = first?.type === 'alias' ? first.text : null;
  else written = /^([A-Z][\w.]*)\.start(_link)?$/.exec(name)?.[1] ?? null;
  const remote = !written && modules ? /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name) : null;
  if (remote && modules!.startsOwnServer(ctx.file.resolveAlias(remote[1]!), remote[2]!, args.length, ctx.file)) written = remote[1]!;
  const module = written && ctx.file.resolveAlias(written);
  return written && module && !STANDARD_MODULE.test(module) ? { written, module } : null;
}

/**
 * A process `previous` started whose init/1 left its work to handle_continue or a message to itself
 * (Exile's `Process.start_link(~w(cat))`): done for calls to that process, not for anything else.
 * `bound`: the variables the start binds (`{:ok, s}`); `written`: its module as the test writes it.
 */
export function deferredStart(previous: SyntaxNode, ctx: SiteContext, modules: ModuleIndex): { bound: string[]; written: string; module: string; work: DeferredWork } | null {
  for (const { name, node } of callNamesIn(previous)) {
    const started = startedModule(name, node, ctx, modules);
    const spec = initArgument(name, node);
    const work = started && modules.deferredWork(started.module, ctx.file, spec ? startSpecText(spec) : '');
    if (!started || !work) continue;
    const [asserted] = assertionName(previous) ? callArguments(previous) : [previous];
    const match = asserted && binaryParts(asserted);
    return { bound: match?.op === '=' ? patternBindings(match.left) : [], ...started, work };
  }
  return null;
}

/**
 * The variable `statement` binds to the pid of a server it starts itself: `pid = start_supervised!(…)`,
 * `{:ok, pid} = GenServer.start_link(M, …)`, or `{:ok, pid} = M.start_link(…)` when M's start_link
 * answers what the server start answers (not ex_cmd's `{:ok, %Process{}}`). Not a name it ignores
 * (`_pid`), nor a start inside a function it hands on (a task's). Null when none.
 */
export function startedPid(statement: SyntaxNode, ctx: SiteContext, modules: ModuleIndex): string | null {
  const match = binaryParts(statement);
  const call = match?.op === '=' && match.right.type === 'call' ? match.right : null;
  const name = call && callName(call);
  if (!call || !name) return null;
  const supervised = /^start(?:_link)?_supervised!$/.test(name);
  const pattern = supervised ? match!.left : match!.left.type === 'tuple' && match!.left.namedChildren[0]?.text === ':ok' ? match!.left.namedChildren[1] : undefined;
  if (pattern?.type !== 'identifier' || !/^[a-z]\w*$/.test(pattern.text)) return null;
  if (supervised || /^GenServer\.start(_link)?$/.test(name)) return pattern.text;
  const started = startedModule(name, call, ctx);
  return started && modules.startAnswersPid(started.module, name.slice(name.lastIndexOf('.') + 1), ctx.file) ? pattern.text : null;
}

/**
 * The pattern `statement` binds to the process a function of the project started to do its work and
 * answered (`{:ok, _pid} = Notifier.notify(event)`, whose body ends in `Task.Supervisor.start_child(sup,
 * fn -> … end)`; `pid = Pinger.ping(host)` over a `spawn`), with the call and the start: that process
 * ends when its work is done. The pattern may be one the test ignores (`_pid`, `_`). Null otherwise.
 */
export function answeredWorker(statement: SyntaxNode, ctx: SiteContext, modules: ModuleIndex): { pid: SyntaxNode; call: string; start: string } | null {
  const match = binaryParts(statement);
  const call = match?.op === '=' && match.right.type === 'call' ? match.right : null;
  const name = call ? callName(call) : null;
  const called = name ? calledFunction(name, callArguments(call!).length, ctx, modules) : null;
  const start = called && !STANDARD_MODULE.test(called.module) ? modules.answeredWorker(called.module, called.fun, callArguments(call!).length, ctx.file) : null;
  const pid = start ? (start.startsWith('Task.') ? okPid(match!.left) : match!.left) : null;
  return pid?.type === 'identifier' ? { pid, call: name!, start: start! } : null;
}

/**
 * The start whose option a check of the server's state reads back, or null: `state =
 * :sys.get_state(pid)`, then `assert state.interval == 50`, where `pid = start_supervised!({Sweeper,
 * name: …, interval_ms: 50})` and the module's init/1 keeps a value it was given under `interval`
 * (`{:ok, %{interval: interval}}`, not a literal of its own), with no line since the start naming
 * `pid`. The check held from init/1 on: a poll of it passes at once, whatever the sleep waited for.
 */
export function startedWithChecked(check: SyntaxNode, state: string, read: SyntaxNode, ctx: SiteContext, modules: ModuleIndex): SyntaxNode | null {
  const [target] = read.type === 'call' && callName(read) === ':sys.get_state' ? callArguments(read) : [];
  const [condition] = assertionName(check) === 'assert' ? callArguments(check) : [];
  const compared = condition ? comparedLiteral(condition) : null;
  const field = compared?.read.startsWith(`${state}.`) ? compared.read.slice(state.length + 1) : null;
  if (target?.type !== 'identifier' || !field || !/^[a-z_]\w*$/.test(field)) return null;
  const at = ctx.before.findIndex((statement) => startedPid(statement, ctx, modules) === target.text);
  if (at === -1 || ctx.before.slice(0, at).some((statement) => mentions(statement, target.text))) return null;
  const start = ctx.before[at]!;
  for (const { name, node } of callNamesIn(start)) {
    const started = startedModule(name, node, ctx);
    const given = node.descendantsOfType('pair').some((pair) => squeezed(pair.childForFieldName('value')?.text ?? '') === compared!.literal);
    const kept = started && given ? modules.initialValue(started.module, field, ctx.file) : null;
    if (kept !== null && !LITERAL_VALUE.test(kept)) return start;
  }
  return null;
}

/**
 * Does `effect`, a statement's, wait for an answer from the process `target` names, written the same
 * way (`InstanceSubscriptionManager.ensure_subscription(id, key)`, a `GenServer.call(via(id), …)`,
 * after a cast to `via(id)`)? That process answers only after the messages already in its mailbox.
 */
export function callsProcess(effect: StatementEffect | null, target: string): boolean {
  return effect?.kind === 'sync' && effect.target !== null && squeezed(effect.target) === squeezed(target);
}

/**
 * The process a `:sys.get_state/1` barrier after `statement` goes to: the one it messages, or the
 * server it starts whose init/1 left work to itself. Null when neither.
 */
export function barrierTarget(statement: SyntaxNode, ctx: SiteContext, modules: ModuleIndex): string | null {
  const effect = effectOf(statement, ctx, modules);
  if (effect?.kind === 'message') return effect.target;
  return deferredStart(statement, ctx, modules) ? startedPid(statement, ctx, modules) : null;
}

/**
 * Was `target` bound, earlier in the test, to a server the test started linked to itself
 * (`{:ok, pid} = Registry.start_link(…)`, not `start_supervised!`, whose parent is the supervisor)
 * from a module whose init/1 traps exits? An exit with reason :normal from the test, its parent,
 * then stops it, after terminate/2.
 */
export function startedTrappingExits(target: string, ctx: SiteContext, modules: ModuleIndex): boolean {
  for (const statement of ctx.before) {
    const match = binaryParts(statement);
    if (match?.op !== '=' || !patternBindings(match.left).includes(target)) continue;
    const call = match.right.type === 'call' ? match.right : null;
    const name = call ? callName(call) : null;
    const started = call && name && /start_link$/.test(name) && !/supervised/.test(name) ? startedModule(name, call, ctx) : null;
    return started !== null && modules.initTrapsExits(started.module, ctx.file);
  }
  return false;
}

/** The project module `statement` starts, as written, when it has no init/1 of its own (one a `use` brings, or another module's server it starts; not an Agent, which needs none). */
export function startsUnreadInit(statement: SyntaxNode, ctx: SiteContext, modules: ModuleIndex): string | null {
  for (const { name, node } of callNamesIn(statement)) {
    const started = startedModule(name, node, ctx);
    if (started !== null && modules.defines(started.module, 'init', ctx.file) === false && !modules.startsAnAgent(started.module, ctx.file)) return started.written;
  }
  return null;
}

/** An option that sets how often a server works on its own: `cleanup_interval: 100`, `sweep_period_ms: 50`. */
export const PERIODIC_KEY = /(?:interval|period)(?:_ms)?$/;

/**
 * Right after an assertion that only reads, a periodic round of a server the test or its setup
 * started, which the sleep outlasts: an option that sets it, handed to the start (nebulex_local's
 * lock cleaner, `cleanup_interval: 100` in the describe's setup, then `assert :ets.info(table,
 * :size) == 0` and 200 ms), or a timer its module's init/1 arms and arms again. A read is no work
 * the sleep could follow: it waits for that round. (After an act, sample_app's `Cache.put` or
 * cachex's put with a TTL, a sweeper ticking meanwhile is no sign of what the sleep is for.) Its text, or null.
 */
export function roundAfterACheck(ctx: SiteContext, modules: ModuleIndex): string | null {
  const slept = ctx.duration;
  const previous = ctx.before[0];
  if (typeof slept !== 'number' || !previous || !ASSERTIONS.has(assertionName(previous) ?? '')) return null;
  // Of `assert [lock(key: k)] = :ets.lookup(table, k)`, only the right side runs: a record macro in the pattern acts on nothing.
  const [asserted] = callArguments(previous);
  const match = asserted && binaryParts(asserted);
  if (!asserted || actingCall(match?.op === '=' ? match.right : asserted) !== null) return null;
  for (const statement of ranBefore(ctx)) {
    if (!statement.text.includes('start')) continue;
    for (const { name, node } of callNamesIn(statement)) {
      const started = startedModule(name, node, ctx);
      if (!started) continue;
      const option = keywordTimes(node.text, PERIODIC_KEY).find(({ ms }) => ms > 0 && ms <= slept);
      if (option) return option.text;
      const tick = modules.selfTicking(started.module, ctx.file);
      if (tick?.ms && tick.ms <= slept) return `${tick.ms} ms \`${tick.message}\``;
    }
  }
  return null;
}

/** Does `assertion` ask the started process: name a variable bound to it, or call its module's API? */
export function asksStarted(assertion: SyntaxNode, started: { bound: string[]; written: string }): boolean {
  return started.bound.some((name) => mentions(assertion, name)) || callNamesIn(assertion).some((c) => c.name.startsWith(`${started.written}.`));
}

/**
 * `assertion` reads what a started server's deferred work wrote through functions of its module that
 * never reach the server: each works on a table beside it (`Cache.get(:warm, :a)` over an
 * `:ets.lookup`, `Limiter.hit(table, key)` over `:ets.update_counter`), and it names none of the pids
 * the start bound. asksStarted counts such a call as asking the server; the server's mailbox orders
 * nothing for it, so it may run before the work. A function that asks a process, hands work on, or
 * whose work the index cannot read is not one.
 */
export function readsBesideStarted(assertion: SyntaxNode, started: { bound: string[]; module: string }, ctx: SiteContext, modules: ModuleIndex): boolean {
  if (started.bound.some((name) => mentions(assertion, name))) return false;
  const own = callNamesIn(assertion).flatMap(({ name, node }) => {
    const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
    return remote && ctx.file.resolveAlias(remote[1]!) === started.module ? [{ fun: remote[2]!, node }] : [];
  });
  return (
    own.length > 0 &&
    own.every(({ fun, node }) => {
      const effect = modules.effectOf(started.module, fun, callArguments(node).map((a) => a.text), ctx.file);
      return effect?.kind === 'sync' && effect.target === null && !effect.handsOff;
    })
  );
}

/** `Counter`, `{Counter, opts}`, `%{start: {Counter, …}}` → Counter. */
function childModule(spec: SyntaxNode | undefined): string | null {
  if (!spec) return null;
  if (spec.type === 'alias') return spec.text;
  if (spec.type === 'tuple') return spec.namedChildren[0]?.type === 'alias' ? spec.namedChildren[0].text : null;
  const match = /start:\s*\{\s*([A-Z][\w.]*)/.exec(spec.text);
  return match?.[1] ?? null;
}

/**
 * What a start hands the server's init/1 (its child spec, read by childModule's caller, or its
 * options): the second argument of `GenServer.start_link(Shelf, opts)` / `GenServer.start`, whose
 * first names the module; the first of any other start (`start_supervised!({Shelf, opts})`,
 * `Shelf.start_link(opts)`).
 */
function initArgument(name: string, call: SyntaxNode): SyntaxNode | undefined {
  const args = argumentsAsRun(call);
  return /^GenServer\.start(?:_link)?$/.test(name) ? args[1] : args[0];
}

/**
 * A start's child spec or options as text, with options the test bound to a name earlier written
 * out (`opts = [async_load: true]`, then `start_supervised({Catalog, opts})` reads as `{Catalog,
 * [async_load: true]}`), so the init/1 branch they pick is read (branchTaken). As written when the
 * options are not all known (a value from the test's context, a call's answer).
 */
function startSpecText(spec: SyntaxNode): string {
  const [module, options] = spec.type === 'tuple' ? spec.namedChildren : [];
  if (module && options && spec.namedChildren.length === 2) {
    const bound = keywordsBound(options);
    return bound === null ? spec.text : `{${module.text}, [${bound}]}`;
  }
  const bound = spec.type === 'identifier' || spec.type === 'call' || spec.type === 'binary_operator' ? keywordsBound(spec) : null;
  return bound === null ? spec.text : `[${bound}]`;
}

/**
 * The entries of the keyword list `node` stands for, as text, read through the test's earlier
 * bindings: a literal list, a name bound to one, `Keyword.put`/`Keyword.merge` of such, or `++`.
 * Written in the order `Keyword.get` looks (the first entry for a key wins), so a put or merged-in
 * value comes first. Null when any part is not known.
 */
function keywordsBound(node: SyntaxNode, depth = 0): string | null {
  if (depth > 6) return null;
  // Written bare as a call's last argument: `Keyword.merge(opts, mode: :background)`.
  if (node.type === 'keywords') return node.text;
  if (node.type === 'list') return node.namedChildren.every((c) => c.type === 'keywords') ? node.namedChildren.map((c) => c.text).join(', ') : null;
  if (node.type === 'identifier') {
    const value = boundEarlier(node);
    return value ? keywordsBound(value, depth + 1) : null;
  }
  const parts = node.type === 'binary_operator' ? binaryParts(node) : null;
  if (parts?.op === '|>') return parts.right.type === 'call' ? keywordsBound(parts.right, depth) : null;
  const joined = (...lists: (string | null)[]) => (lists.some((l) => l === null) ? null : lists.filter((l) => l !== '').join(', '));
  if (parts?.op === '++') return joined(keywordsBound(parts.left, depth + 1), keywordsBound(parts.right, depth + 1));
  if (node.type !== 'call') return null;
  const [list, key, value] = argumentsAsRun(node);
  const name = callName(node);
  if (name === 'Keyword.merge' && list && key && !value) return joined(keywordsBound(key, depth + 1), keywordsBound(list, depth + 1));
  if ((name !== 'Keyword.put' && name !== 'Keyword.put_new') || !list || key?.type !== 'atom' || !value) return null;
  const entry = `${key.text.slice(1)}: ${value.text}`;
  return name === 'Keyword.put' ? joined(entry, keywordsBound(list, depth + 1)) : joined(keywordsBound(list, depth + 1), entry);
}

/**
 * The module whose process a target is: a registered module name (`GenServer.cast(Counter, …)`), or
 * a variable the file binds to a started process (`dispatcher = start_supervised!({Dispatcher, …})`,
 * `{:ok, pid} = Counter.start_link(…)`).
 */
export function moduleOfTarget(target: string, ctx: SiteContext, index?: ModuleIndex): string | undefined {
  if (/^[A-Z][\w.]*$/.test(target)) return ctx.file.resolveAlias(target);
  if (/^:[a-z_]\w*$/.test(target)) return moduleStartedAs(target, ctx);
  if (!/^[a-z_]\w*$/.test(target)) return undefined;
  // The start in the sleep's own test first: two tests may bind `consumer` to different modules.
  const pattern = startPattern(target);
  const own = ctx.before.find((statement) => statement.text.includes(target) && pattern.test(statement.text));
  if (own) return moduleBoundBy(pattern.exec(own.text), ctx);
  // Or a function of the file's, or of its case template's, that makes the start (nerves_photos'
  // `compositor = make_compositor(port)`, a `defp` ending in `start_supervised!({FrameCompositor, …})`):
  // the module is read as when the start is written in the test.
  const helper = index ? ctx.before.map((statement) => startedThroughHelper(statement, target, ctx, index)).find(Boolean) : undefined;
  if (helper) return helper;
  // Asked for the same names over and over, of the same file: each answer is a search of its whole text.
  const known = ctx.file.memo(STARTED_BY_NAME, () => new Map<string, string | undefined>());
  if (!known.has(target)) known.set(target, moduleBoundBy(pattern.exec(ctx.file.source), ctx));
  return known.get(target);
}

/** The module `statement`, `target = helper(…)` or `{:ok, target} = helper(…)`, starts through a bare-named function. */
function startedThroughHelper(statement: SyntaxNode, target: string, ctx: SiteContext, index: ModuleIndex): string | undefined {
  const match = binaryParts(statement);
  if (match?.op !== '=' || match.right.type !== 'call') return undefined;
  const bound = match.left.type === 'tuple' && match.left.namedChildren[0]?.text === ':ok' ? match.left.namedChildren[1] : match.left;
  const name = callName(match.right);
  if (bound?.text !== target || !name || !/^[a-z_]\w*[?!]?$/.test(name)) return undefined;
  return index.startedThrough(name, callArguments(match.right).length, ctx.file) ?? undefined;
}

const STARTED_BY_NAME = {};
const START_PATTERNS = new Map<string, RegExp>();

/**
 * The module a start hands the atom `name` to (orbit's `start_supervised!({PollingServer,
 * server_name: :vehicle_positions_test, …})`, whose start registers under it): a send to that
 * name reaches that module's process. The first such start in the file; undefined when none.
 */
function moduleStartedAs(name: string, ctx: SiteContext): string | undefined {
  const text = ctx.file.withoutComments;
  const root = ctx.file.tree.rootNode;
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
    const atom = root.descendantForIndex(at);
    if (atom.type !== 'atom' || atom.text !== name) continue;
    for (let node = atom.parent; node && node.type !== 'do_block'; node = node.parent) {
      if (node.type !== 'call' || !/^start(?:_link)?_supervised!?$/.test(callName(node) ?? '')) continue;
      const [spec] = callArguments(node);
      const module = spec?.type === 'tuple' && spec.namedChildren[0]?.type === 'alias' ? spec.namedChildren[0].text : undefined;
      return module && !STANDARD_MODULE.test(module) ? ctx.file.resolveAlias(module) : undefined;
    }
  }
  return undefined;
}

/** A start that binds `target`, capturing the module it starts. */
function startPattern(target: string): RegExp {
  let pattern = START_PATTERNS.get(target);
  if (!pattern) {
    pattern = new RegExp(
      // `GenServer.start_link(Counter, …)` before `Counter.start_link(…)`: the module it starts is its argument.
      // `pid = Process.whereis(Server)`: a server registered under its module's name (phoenix_profiler).
      `\\b${target}\\s*=\\s*(?:start_(?:link_)?supervised!?\\(\\s*\\{?\\s*|(?:Elixir\\.)?Process\\.whereis\\(\\s*)([A-Z][\\w.]*)|\\{:ok,\\s*${target}\\}\\s*=\\s*(?:start_supervised\\(\\s*\\{?\\s*([A-Z][\\w.]*)|GenServer\\.start(?:_link)?\\(\\s*([A-Z][\\w.]*)|([A-Z][\\w.]*)\\.start(?:_link)?\\()`,
    );
    START_PATTERNS.set(target, pattern);
  }
  return pattern;
}

function moduleBoundBy(started: RegExpExecArray | null, ctx: SiteContext): string | undefined {
  const module = started?.slice(1).find(Boolean);
  return module && !STANDARD_MODULE.test(module) ? ctx.file.resolveAlias(module) : undefined;
}

/** Does `statement` look at process `target`: mention it, or call an API that calls it? */
/** A function of an unread API named for stopping the process it is handed. */
const STOPPING_FUNCTION = /^stop$/;
/** A message, handed whole to an API that may pass it on, that says the process ends. */
const ENDING_MESSAGE = /^:(?:stop|shutdown|exit|kill|crash|die|terminate|quit|halt)$/;

/** A registered name as an argument: a module attribute or an atom. */
const NAME_ARGUMENT = /^(?:@[a-z_]\w*|:[a-z_]\w*)$/;

export function checksProcess(statement: SyntaxNode, target: string, ctx: SiteContext, index: ModuleIndex, module?: string): boolean {
  const escaped = target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A mention inside a string ("#{u_id}:#{name}") uses the value as text, not the process; a statement
  // without a string or sigil need not be walked to know.
  const mention = new RegExp(`(?<![\\w.:@])${escaped}(?![\\w?!])`, 'g');
  const mayBeText = /["'~]/.test(statement.text);
  // `{:ok, pid} = start_link()` binds the name to a new process: no look at the one messaged (`^pid` is).
  const match = binaryParts(statement);
  const bound = match?.op === '=' ? match.left : null;
  for (const { index } of statement.text.matchAll(mention)) {
    const at = statement.startIndex + index;
    if (bound && at < bound.endIndex && statement.text[index - 1] !== '^') continue;
    if (!mayBeText || !isInsideText(statement.descendantForIndex(at))) return true;
  }
  const resolvedTarget = /^[A-Z]/.test(target) ? ctx.file.resolveAlias(target) : target;
  return callNamesIn(statement).some(({ name, node }) => {
    const args = argumentsAsRun(node).map((a) => a.text);
    const called = calledFunction(name, args.length, ctx, index);
    if (!called) return false;
    // Reading the server's own module (Cache.size/0 over its ETS table) after a cast to that server:
    // by its registered name, or, for a pid the test bound to a start of that module, handed that pid
    // or only names (oban_met's `send(pid, {:notification, …})`, then `Examiner.all_checks(@name)`).
    if (module && called.module === module && (/^[A-Z]/.test(target) || args.includes(target) || (args.length > 0 && args.every((arg) => NAME_ARGUMENT.test(arg))))) return true;
    const effect = index.effectOf(called.module, called.fun, args, ctx.file);
    return effect?.kind === 'sync' && effect.target !== null && (effect.target === target || effect.target === resolvedTarget);
  });
}

