// What the project's own modules do when a test calls them: `Counter.incr(pid)` is a cast to pid,
// `Inventory.stock(sku)` is a GenServer.call, `Dispatcher`'s handle_cast hands work to other
// processes. Rules ask this to tell a cast wrapper from a synchronous API, and whether a helper the
// test hands a function to runs it in place. Modules are looked up in the test file itself first,
// then in the lib/, test/support/ and test_helper.exs of the project and the Mix projects under it,
// found with a text search and parsed only when asked about: a scan that never asks costs nothing.
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha1Hex } from '../sha1.js';
import { splitTopLevel } from '../parse/split-top-level.js';
import { excludedTagsIn, type ExcludedTag } from './excluded-tags.js';
import type { SyntaxNode } from '../parse/parser.js';
import { collectAttributes, type SourceFile } from '../context/source-file.js';
import { lineDirectives } from '../context/line-directives.js';
import { testModuleAround } from '../helpers/imports.js';
import { parseElixir } from '../parse/parser.js';
import { estimateDuration } from '../duration/duration.js';
import { argumentsAsRun, asksForAReply, binaryParts, callArguments, callName, callNamesIn as calls, definingStatements, definitionHead, doBlockOf, oneLine, ownerCall, squeezed, statementsOf, untypedParameter } from '../parse/nodes.js';
import { answeredByHandler, ASYNC_CALLS, clockAheadMs, DATABASE_DRIVER, DEFINING_CALLS, NOT_A_PROCESS, OS_PROCESS_STARTS, READ_NAME, SPAWNING_CALLS, STANDARD_MODULE, STATE_WRITES, SYNC_CALLS, TARGETED_SYNC, consumedTaskStream, runsInCallerProcess, transactionWrite } from '../context/elixir-facts.js';

export type Effect =
  /** Messages a process and returns at once; `target` is the process as the caller would write it. */
  | { kind: 'message'; target: string; via: string; message: string | null }
  /** Waits for the work: a GenServer.call, Agent.get/update, an ETS write… */
  | {
      kind: 'sync';
      target: string | null;
      via: string;
      message?: string | null;
      /** Beside the synchronous work, a call of another module of the project that messages a process or starts work: mentat's `put` may cast `Janitor.reclaim`. */
      handsOff?: string | null;
      /**
       * The module whose function makes the call, where its handle_call is looked for: stage3_queue's
       * `Broker.enqueue` hands on to `Queue.enqueue`, whose `GenServer.call(pid, …)` goes to Queue's server.
       */
      server?: string;
    }
  /** Starts work elsewhere (spawn, Task.start) without a process the test can name; `why`, when `via` does not say it. */
  | { kind: 'async'; via: string; why?: string };

/** What a server's reply is, read as its state: the whole state, one field, or a map of keys that each carry a field. */
export type StateView = { of: 'state' } | { of: 'field'; field: string } | { of: 'map'; keys: ReadonlyMap<string, string> };

const MESSAGE_CALLS: Record<string, number> = { 'GenServer.cast': 0, 'GenStage.cast': 0, send: 0, 'Kernel.send': 0, 'Process.send': 0, 'Agent.cast': 0, ':gen_server.cast': 0, ':gen_statem.cast': 0, 'GenStateMachine.cast': 0 };
/** Where a Mix project's modules live (never the rest of its test tree, unless its mix.exs says so: sourceDirs), in each of mixProjects(root). */
const SOURCE_DIRS = ['lib', 'test/support'];
const TEST_HELPER = 'test/test_helper.exs';
/**
 * A call effectOf does not follow: into another module of the project (`Counter.Server.bump(pid)`),
 * or through a variable (`transport.send(socket, data)`; `state.count`, a field, is no call).
 */
function unfollowed(name: string, node: SyntaxNode): boolean {
  // A database driver's query answers when the database has done the work (walex's `update_user(pid)`
  // helper, one `Postgrex.query!(pid, …)`): nothing is left running.
  if (/^[A-Z][\w.]*\.[a-z_]\w*[?!]?$/.test(name)) return !STANDARD_MODULE.test(name) && !DATABASE_DRIVER.test(name);
  return /^[a-z_]\w*\.[a-z_]\w*[?!]?$/.test(name) && node.namedChildren.some((c) => c.type === 'arguments');
}
const MAX_FILES = 5_000;
/** A sleep written as a call: `Process.sleep(300)`, `:timer.sleep(wait)`. */
const SLEEP_CALL = /^(?:Process|:timer|:ct)\.sleep$/;
/** Calls that wait for tasks: `Task.await`, `Task.await_many`, `Task.yield`, `Task.yield_many`. */
const AWAITS = /^Task\.(?:await|yield)(?:_many)?$/;
/** A Task among a supervisor's children: `{Task, fn -> … end}`, `start: {Task, :start_link, […]}` (not Task.Supervisor). */
const TASK_CHILD = /\{\s*Task\s*,/;

interface ModuleDef {
  name: string;
  body: SyntaxNode;
  /** Its def/defp clauses by function name, in source order (read on the first question). */
  clauses?: Map<string, Clause[]>;
  /** The attributes its `__using__` (or a case template's `using`) defines in the modules that use it. */
  usingAttributes?: Map<string, SyntaxNode>;
  /** Its own attributes (`@name __MODULE__`), read on the first question. */
  attributes?: Map<string, SyntaxNode>;
  /** The modules the `quote` of its `__using__` or `using` imports, read on the first question. */
  usingImports?: string[];
  /** Its own aliases, short name to module (`alias Snakepit.Logger, as: SLog`), read on the first question. */
  aliases?: Map<string, string>;
  /** The one-shot timers it arms for itself (oneShotTimers), read on the first question. */
  oneShotTimers?: { message: string; ms: number }[];
}

/** `SLog.with_level` inside a module that says `alias Snakepit.Logger, as: SLog`: `Snakepit.Logger.with_level`; `SLog` alone: `Snakepit.Logger`. */
function resolvedIn(def: ModuleDef, name: string): string {
  const dot = name.indexOf('.');
  if (dot === -1) return /^[A-Z]\w*$/.test(name) ? resolvedIn(def, `${name}.`).slice(0, -1) : name;
  if (!def.aliases) {
    def.aliases = new Map();
    for (const [, module, as] of def.body.text.matchAll(/^[ \t]*alias\s+([A-Z][\w.]*)(?:\s*,\s*as:\s*([A-Z]\w*))?[ \t]*$/gm)) def.aliases.set(as ?? module!.slice(module!.lastIndexOf('.') + 1), module!);
  }
  const full = def.aliases.get(name.slice(0, dot));
  return full ? `${full}${name.slice(dot)}` : name;
}

const IN_FILE_MODULES = {};
const DEFINING_MODULES = {};
const IMPORTED_MODULES = {};

const USE_DIRECTIVE = /[ \t]*use\s+([A-Z][\w.]*)/y;
const IMPORT_OR_USE_DIRECTIVE = /[ \t]*(?:import|use)\s+([A-Z][\w.]*)/y;

/** The modules a file uses (`use MyApp.NodeCase`), aliases resolved. */
function usedModuleNames(file: SourceFile): string[] {
  const names = new Set<string>();
  for (const match of lineDirectives(file.withoutComments, ['use'], USE_DIRECTIVE)) names.add(file.resolveAlias(match[1]!));
  return [...names];
}

/**
 * `@name value` in the `quote` of a module's `defmacro __using__` or of ExUnit.CaseTemplate's
 * `using`; a value `unquote(@name)` is read back in the module's own attributes.
 */
function usingAttributes(def: ModuleDef): Map<string, SyntaxNode> {
  if (def.usingAttributes) return def.usingAttributes;
  const found = new Map<string, SyntaxNode>();
  let own: Map<string, SyntaxNode> | undefined;
  for (const statement of def.body.namedChildren) {
    const kind = callName(statement);
    const isUsing = kind === 'using' || (kind === 'defmacro' && /^__using__\b/.test(callArguments(statement)[0]?.text ?? ''));
    if (!isUsing) continue;
    for (const quote of statement.descendantsOfType('call')) {
      const block = callName(quote) === 'quote' ? doBlockOf(quote) : null;
      if (!block) continue;
      for (const [name, value] of collectAttributes(block)) {
        const unquoted = callName(value) === 'unquote' ? /^@([a-z_]\w*)$/.exec(callArguments(value)[0]?.text ?? '')?.[1] : undefined;
        const resolved = unquoted ? (own ??= collectAttributes(def.body)).get(unquoted) : value;
        if (resolved && !found.has(name)) found.set(name, resolved);
      }
    }
  }
  return (def.usingAttributes = found);
}

/**
 * The modules the `quote` of a module's `__using__` (or a case template's `using`) imports: `import
 * MyApp.Setup`. With `which`, also those of the function of that name, which Phoenix's web module
 * quotes for `use MyAppWeb, :live_view` (its `__using__` does `apply(__MODULE__, which, [])`).
 */
function usingImports(def: ModuleDef, which?: string): string[] {
  if (which) return [...usingImports(def), ...functionClauses(def, which).flatMap((clause) => importsIn(clause.body))];
  if (def.usingImports) return def.usingImports;
  const names: string[] = (def.usingImports = []);
  for (const statement of def.body.namedChildren) {
    const kind = callName(statement);
    const isUsing = kind === 'using' || (kind === 'defmacro' && /^__using__\b/.test(callArguments(statement)[0]?.text ?? ''));
    if (isUsing) names.push(...importsIn(statement));
  }
  return names;
}

/** The modules `import`ed anywhere under `node`, as written. */
function importsIn(node: SyntaxNode): string[] {
  return node.descendantsOfType('call').flatMap((call) => {
    const [module] = callName(call) === 'import' ? callArguments(call) : [];
    return module?.type === 'alias' ? [module.text] : [];
  });
}

/** The modules a file imports or uses (`import Helpers`, `use MyApp.Case`), aliases resolved. */
function importedModuleNames(file: SourceFile): string[] {
  const names = new Set<string>();
  for (const match of lineDirectives(file.withoutComments, ['import', 'use'], IMPORT_OR_USE_DIRECTIVE)) names.add(file.resolveAlias(match[1]!));
  return [...names];
}

/**
 * One question a file's answers depended on, for the result cache (cache/result-cache.ts): which
 * project file defined `module` (null: none did) and the hash of the text that was read from it.
 */
export type ModuleDependency = [module: string, file: string | null, hash: string | null];

/** A dependency on the project's telemetry handlers: the key, with a stamp of the attaching files in place of a file. */
const TELEMETRY_KEY = 'telemetry:';

/** Do the events an attach names (`[:app, :x]`, or a list of them for attach_many) include `wanted`? Not written out: yes. */
function attachedTo(events: SyntaxNode, attach: string, wanted: string): boolean {
  if (events.type !== 'list') return true;
  const names = attach === ':telemetry.attach_many' ? events.namedChildren : [events];
  return names.some((name) => name.type !== 'list' || squeezed(name.text) === wanted);
}

/** A dependency on the project's LiveView event handlers: the key, with a stamp of the handling files in place of a file. */
const LIVE_EVENTS_KEY = 'live_events:';

/** A dependency on the project's subscribers to mnesia's events: the key, with a stamp of the subscribing files in place of a file. */
const MNESIA_EVENTS_KEY = 'mnesia_events:';

/** A LiveView or LiveComponent: `use Phoenix.LiveView`, or through the app's web module, `use MyAppWeb, :live_view`. */
const LIVE_MODULE = /^[ \t]*use\s+(?:Phoenix\.Live(?:View|Component)\b|[A-Z][\w.]*\s*,\s*:live_(?:view|component)\b)/m;

/** Plain sends, written out: `send(pid, msg)`, to the process itself with `send(self(), msg)`. */
const SELF_SENDS = new Set(['send', 'Kernel.send', 'Process.send']);

/**
 * What a LiveView hands on beside plain messages: work it starts (`start_async`, `assign_async`),
 * an update to a component, which comes to the process as a message of its own, and timers.
 */
const LIVE_VIEW_ASYNC = new Set(['start_async', 'assign_async', 'stream_async', 'Phoenix.LiveView.start_async', 'Phoenix.LiveView.assign_async', 'send_update', 'send_update_after', 'Phoenix.LiveView.send_update', 'Phoenix.LiveView.send_update_after', 'Process.send_after', ':timer.send_after']);

/** A dependency on the test_helper.exs over a directory, rather than on a module: the key's prefix. */
const TEST_HELPER_KEY = 'test_helper:';
/** The same for the mix.exs over a directory. */
const MIX_KEY = 'mix:';

/** Modules defined in the file itself (every site of a file asks again). */
function modulesOfFile(file: SourceFile): ModuleDef[] {
  return file.memo(IN_FILE_MODULES, () => modulesIn(file.tree.rootNode));
}

/** Calls that end the process running them. */
const STOPPING_CALL = /^(?:Kernel\.)?(?:raise|reraise|exit|throw)$/;

/** A `use` of anything but GenServer, which may bring callbacks that tick (keepsNoTime). */
const USES_MORE_THAN_A_SERVER = /(?<![\w.])use\s+(?!GenServer\b)[A-Z:]/;
/** Code that arms a timer, reads a clock, sleeps, waits in a receive, times out or starts work (keepsNoTime). */
const DEALS_IN_TIME =
  /send_after|send_interval|apply_after|apply_interval|start_timer|:timer\.|\breceive\b|Process\.sleep|\b(?:monotonic|system|os)_time\b|:os\.timestamp|utc_now|(?<![\w.])now\(|:calendar\.|\b(?:Date|DateTime|NaiveDateTime|Time)\.|\btimeout\b|:hibernate|:continue|\bspawn|Task\.|:gen_statem|:erlang\.(?!element|term_to_binary|binary_to_term)/;
/** The callbacks a GenServer runs in its own process (keepsNoTime). */
const SERVER_CALLBACKS = new Set(['init', 'handle_call', 'handle_cast', 'handle_info', 'handle_continue', 'terminate', 'code_change', 'format_status']);
/** What in an init/1 gives a new process work or messages of its own. */
const NOT_QUIET = /:continue|:hibernate|send_after|:timer\.|open|subscribe|monitor|link|attach|join|register|send|cast|spawn|Task\.|start|\.\(/;

export class ModuleIndex {
  private locations?: Map<string, string>;
  private parsed = new Map<string, ModuleDef[]>();
  /** sha1 of each project file's text as this run read it (the parse and the cache check agree). */
  private hashes = new Map<string, string>();
  /** A short module name → the one full name ending in it (null: none or several). */
  private shortNames = new Map<string, string | null>();
  private recording: Map<string, ModuleDependency> | null = null;
  /** The test_helper.exs found at or above each directory asked about (null: none). */
  private helperAt = new Map<string, string | null>();
  /** The mix.exs found at or above each directory asked about (null: none). */
  private mixAt = new Map<string, string | null>();
  private excluded = new Map<string, ExcludedTag[]>();
  /** Project files that attach telemetry handlers (`:telemetry.attach`), found by the same text search. */
  private attachers: string[] = [];
  /** Project files that handle LiveView events (`handle_event(`), found by the same text search. */
  private eventHandlers: string[] = [];
  /** Project files that subscribe to mnesia's events (`:mnesia.subscribe`), found by the same text search. */
  private mnesiaSubscribers: string[] = [];

  constructor(private readonly root: string) {}

  /**
   * The effect of calling `module.fun(args…)` (arguments as source text), resolved into the function's
   * body and through local calls (`def increment(c), do: add(c, 1)`) a few levels deep.
   */
  effectOf(module: string, fun: string, args: readonly string[], local?: SourceFile, depth = 0): Effect | null {
    const def = this.module(module, local);
    if (!def || depth > 3) return null;
    const clause = clauseTaken(clausesTaking(def, fun, args.length), args);
    if (!clause) {
      // ex_unit_cluster's facade: `defdelegate get_nodes(cluster), to: Manager`, a GenServer.call there.
      const delegate = delegateOf(def, fun, args.length);
      return delegate ? this.effectOf(delegate.to.replace(/^__MODULE__/, module), delegate.as, args, local, depth + 1) : null;
    }
    const values = assignArguments(clause.params, args);
    const bindText = (text: string): string => {
      if (text === '__MODULE__') return module;
      // `GenServer.cast(@name, :sweep)` under `@name __MODULE__` (supavisor's sweeper): the attribute's value.
      const attribute = /^@([a-z_]\w*)$/.exec(text)?.[1];
      if (attribute) return (def.attributes ??= collectAttributes(def.body)).get(attribute)?.text.replace(/__MODULE__/g, module) ?? text;
      const index = clause.params.findIndex((p) => p.name === text);
      return index === -1 ? text : (values[index]?.replace('__MODULE__', module) ?? text);
    };
    // `{:feed, bytes}` sent by `feed(bytes)` called as `feed("boom")`: `{:feed, "boom"}`.
    const bindWords = (text: string | null): string | null =>
      text &&
      text.replace(/(?<![\w:^.@])[a-z_]\w*(?![\w?!:(])/g, (word) => {
        const index = clause.params.findIndex((p) => p.name === word);
        return index === -1 ? word : (values[index] ?? word);
      });
    const bind = (node: SyntaxNode | undefined): string | null => {
      if (!node) return null;
      // `via(id)`, a function of the module naming the process (lasso's): the caller's id in it, so
      // that two calls name the same process only when they are handed the same id.
      if (node.type === 'call' && /^[a-z_]\w*[?!]?\(/.test(node.text)) return bindWords(node.text);
      const bound = bindText(node.text);
      if (node.type !== 'identifier' || bound !== node.text || clause.params.some((p) => p.name === node.text)) return bound;
      // jido_code's `ProcessRegistry.cast(type, id, msg)`: `case lookup(type, id) do {:ok, pid} ->
      // GenServer.cast(pid, msg)`: the process is the one that lookup finds, named as `via(id)` is.
      const lookup = lookedUpAs(clause.body, node.text);
      return lookup ? bindWords(lookup) : null;
    };
    const bodyCalls = callsIn(clause);
    for (const { name, node } of bodyCalls) {
      // A send from a process the function spawns comes later, from that process, not from the
      // caller (a close that `spawn`s the notice to the router): the start below is what it does.
      if (name in MESSAGE_CALLS && !inHandedOnFunction(node, clause.body) && !onlyForItself(node, clause.body)) {
        const callArgs = callArguments(node);
        const target = bind(callArgs[MESSAGE_CALLS[name]!]);
        const message = bindWords(callArgs[MESSAGE_CALLS[name]! + 1]?.text ?? null);
        if (target && target !== 'self()') return { kind: 'message', target, via: name, message };
      }
    }
    // A local helper that messages a process (ae_mdw's `subscribe` writes ETS, and its `maybe_monitor(pid)`
    // casts to the server): the message outweighs the synchronous work beside it.
    for (const { name, node } of bodyCalls) {
      if ((name === fun && argumentsAsRun(node).length === args.length) || name.includes('.') || name === 'def' || name === 'defp') continue;
      // Only a helper that messages itself is followed here: the rest are followed below, after the sync calls.
      if (!functionClauses(def, name).some((c) => callsIn(c).some((call) => call.name in MESSAGE_CALLS))) continue;
      const effect = this.effectOf(module, name, argumentsAsRun(node).map((a) => bindText(a.text)), local, depth + 1);
      if (effect?.kind === 'message') return effect;
    }
    // frayt's `UnacceptedMatchNotifier.new(match, 100, 300)`, `GenServer.start_link(__MODULE__, …)`
    // whose init/1 arms its first timer: the start returns before the work it set going.
    // Or a supervisor's (conn_grpc's `Supervisor.start_link(__MODULE__, opts, …)`, whose init/1 has a `{Task, fn -> … end}` child).
    const start = bodyCalls.find(({ name }) => /^(?:GenServer|Supervisor)\.start(?:_link)?$/.test(name));
    const startedHere = start && bindText(callArguments(start.node)[0]?.text ?? '') === module ? this.initStartsAsyncWork(module, local) : null;
    if (startedHere) return { kind: 'async', via: `${module}.init/1`, why: `its init/1 calls \`${startedHere}\`` };
    // periodic's `repeat(task, 10, offset: 50)`: `DynamicSupervisor.start_child(__MODULE__, {Periodic.Runner, …})`,
    // a child whose init/1 arms its first timer: the start returns before any of the work it set going.
    const child = bodyCalls.find(({ name }) => /^(?:DynamicSupervisor|Supervisor)\.start_child$/.test(name));
    // Or a spec bound first, under the module's alias (elixoids' `child_spec = {GameServer, …}`, then `start_child(__MODULE__, child_spec)`).
    const spec = child ? callArguments(child.node)[1] : undefined;
    const specText = spec?.type === 'identifier' ? boundIn(clause.body, spec.text) : spec?.text;
    const childModule = CHILD_MODULE.exec(specText ?? '')?.[1];
    const childWork = childModule ? this.initStartsAsyncWork(resolvedIn(def, bindText(childModule)), local) : null;
    if (childModule && childWork) return { kind: 'async', via: `${bindText(childModule)}.init/1`, why: `it starts \`${bindText(childModule)}\` under a supervisor, and its init/1 calls \`${childWork}\`` };
    for (const { name, node } of bodyCalls) {
      if (TARGETED_SYNC.has(name)) {
        const callArgs = argumentsAsRun(node);
        // The request a GenServer.call makes picks the handle_call clause that answers it.
        const message = answeredByHandler(name) ? bindWords(callArgs[1]?.text ?? null) : null;
        return { kind: 'sync', target: bind(callArgs[0]), via: name, message, server: def.name, handsOff: this.handsOffElsewhere(module, bodyCalls, bindText, local, depth) };
      }
      if (SYNC_CALLS.has(name) || name.startsWith(':ets.')) return { kind: 'sync', target: null, via: name, handsOff: this.handsOffElsewhere(module, bodyCalls, bindText, local, depth) };
      // A table module's `add`, `Memento.transaction(fn -> … Memento.Query.write(record) end)`:
      // committed when it returns, unless a process subscribed to mnesia's events is told of it.
      if (transactionWrite(name, node)) return { kind: 'sync', target: null, via: name, handsOff: this.mnesiaSubscriber(local) ?? this.handsOffElsewhere(module, bodyCalls, bindText, local, depth) };
    }
    // A process it starts says more about what to wait for than a log line before it.
    // A task stream consumed right there (`|> Stream.run()`) has finished its tasks when the body returns.
    const handedOn = bodyCalls.find(({ name, node }) => SPAWNING_CALLS.has(name) && !consumedTaskStream(name, node)) ?? bodyCalls.find(({ name }) => ASYNC_CALLS.has(name));
    if (handedOn) return { kind: 'async', via: handedOn.name };
    const consumed = bodyCalls.find(({ name, node }) => consumedTaskStream(name, node));
    if (consumed) return { kind: 'sync', target: null, via: consumed.name };
    // A local helper does the work: follow it with the arguments as this clause sees them. The
    // first whose work is synchronous answers, unless a later one hands work on (ALF's
    // `Builder.build`: `start_producer` starts a stage, `do_build_pipeline` subscribes the rest
    // with `GenStage.async_subscribe`).
    let first: Effect | null = null;
    for (const { name, node } of bodyCalls) {
      // Itself at the same arity is recursion; another arity is another function (frayt's
      // `get_messages(channel)`, which filters what `get_messages()` calls for).
      if ((name === fun && argumentsAsRun(node).length === args.length) || name === 'def' || name === 'defp') continue;
      // Or a function of another module of the project named for messaging that casts or sends
      // itself (jido_code's `cast_state` hands the message to `ProcessRegistry.cast(:state, id,
      // message)`); not any function that does so on the way (sentry's transport records a rate
      // limit as it posts, which is not what a test of the limit waits for).
      const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
      // Whatever its name, a call a macro quotes is what the caller runs (exampple's
      // `client_received(chunk)`, quoting `DummyTcpClient.received(unquote(chunk))`, a cast).
      const messaging = (found: RegExpExecArray) => inQuote(node, clause.body) || (MESSAGING_NAME.test(found[2]!) && this.messagesDirectly(found[1]!, found[2]!, callArguments(node).length, local));
      if (name.includes('.') && (!remote || STANDARD_MODULE.test(name) || remote[1] === module || !messaging(remote))) continue;
      const effect = remote
        ? this.effectOf(remote[1]!, remote[2]!, callArguments(node).map((a) => bindWords(a.text) ?? a.text), local, depth + 1)
        : this.effectOf(module, name, argumentsAsRun(node).map((a) => bindText(a.text)), local, depth + 1);
      if (!effect) continue;
      if (effect.kind !== 'sync') return effect;
      // Through another module only its own message or call to a process is taken: what a start
      // there leaves running (SchedEx's `run_in` starts a runner whose timer does the work) is not read far enough.
      if (!first && (!remote || effect.target !== null)) first = effect;
    }
    // Or hands one of them to a loop as a capture (`Enum.reduce(effects, timers, &apply_effect/2)`):
    // the loop calls it in place, as `fn e, acc -> apply_effect(e, acc) end` would.
    for (const captured of capturedOwn(def, clause)) {
      const effect = this.effectOf(module, captured.name, captured.args, local, depth + 1);
      if (effect && effect.kind !== 'sync') return effect;
    }
    return first && !first.handsOff ? { ...first, handsOff: this.handsOffElsewhere(module, bodyCalls, bindText, local, depth) } : first;
  }

  /**
   * Does `module.fun` (given `args`) change state when called: write an Agent's, a table's or the
   * process dictionary, or call a server whose `handle_call` clause for that request answers with
   * another state than it got (elixirconf_workshop's `deposit(n)`, a `GenServer.call` whose handler
   * runs `State.deposit(n)`, an `Agent.update`)? Followed through `defdelegate`, the module's own
   * functions and other modules of the project, a few levels deep. The write it found, or null.
   */
  writesState(module: string, fun: string, args: readonly string[], local?: SourceFile, depth = 0, takesOnly = false): string | null {
    // Asked for the same calls by every rule that checks a condition: read each once per file.
    const key = `${module}\u0000${fun}\u0000${args.join('\u0001')}\u0000${depth}\u0000${takesOnly}`;
    const known = local ? local.memo(WRITES_STATE, () => new Map<string, string | null>()) : null;
    const cached = known?.get(key);
    if (cached !== undefined) return cached;
    const found = this.readWritesState(module, fun, args, local, depth, takesOnly);
    known?.set(key, found);
    return found;
  }

  /**
   * `writesState` for a function named as a getter (`fetch`, `get_job`), whose name is taken at its
   * word unless the server's answer takes something away from its state: elixir-queue's
   * `Queue.fetch()`, whose `handle_call(:fetch, _, queue)` answers with `Tuple.delete_at(queue, 0)`,
   * a dequeue. (A getter that only counts its hits in its state, ashfolio's cache, still reads.)
   */
  takesFromState(module: string, fun: string, args: readonly string[], local?: SourceFile): string | null {
    return this.writesState(module, fun, args, local, 0, true);
  }

  private readWritesState(module: string, fun: string, args: readonly string[], local: SourceFile | undefined, depth: number, takesOnly: boolean): string | null {
    const def = this.module(module, local);
    if (!def || depth > 3) return null;
    const clauses = clausesTaking(def, fun, args.length);
    if (clauses.length === 0) {
      const delegate = delegateOf(def, fun, args.length);
      return delegate ? this.writesState(delegate.to.replace(/^__MODULE__/, module), delegate.as, args, local, depth + 1, takesOnly) : null;
    }
    for (const clause of clauses) {
      const values = assignArguments(clause.params, args);
      const bound = (text: string): string => {
        const index = clause.params.findIndex((p) => p.name === text);
        return (index === -1 ? text : (values[index] ?? text)).replace(/^__MODULE__$/, module);
      };
      for (const { name, node } of callsIn(clause)) {
        if (!takesOnly && (STATE_WRITES.test(name) || databaseWrite(name, node))) return name;
        const callArgs = callArguments(node);
        if (name === 'GenServer.call' || name === ':gen_server.call') {
          // chat's upload broker pipes its server in, `__MODULE__ |> GenServer.call({:get, key})`: the request
          // is still the second argument as run (read as written, no request, and its dropping clause answered too).
          const [to, request] = argumentsAsRun(node);
          const server = bound(to?.text ?? '');
          // A request handed in by the caller is the one it built (lemon's store, `put(…)` handing
          // `{:generic_put, table, key, value}` to `safe_store_call(server, request, …)`).
          const message = request ? bound(request.text) : null;
          const target = /^[A-Z][\w.]*$/.test(server) ? server : module;
          const changed = this.handlerChangesState(target, message, local, depth, takesOnly);
          if (changed) return changed;
          continue;
        }
        const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
        if (remote && !STANDARD_MODULE.test(name)) {
          const found = this.writesState(resolvedIn(def, remote[1]!.replace(/^__MODULE__/, module)), remote[2]!, callArgs.map((a) => a.text), local, depth + 1, takesOnly || READ_NAME.test(remote[2]!));
          if (found) return found;
        } else if (/^[a-z_]\w*[?!]?$/.test(name) && name !== fun && functionClauses(def, name).length > 0) {
          const found = this.writesState(module, name, callArgs.map((a) => bound(a.text)), local, depth + 1, takesOnly || READ_NAME.test(name));
          if (found) return found;
        }
      }
    }
    return null;
  }

  /** Does the `handle_call` clause of `module` that answers `message` answer with another state than it got, or write one? */
  private handlerChangesState(module: string, message: string | null, local: SourceFile | undefined, depth: number, takesOnly: boolean): string | null {
    const def = this.module(module, local);
    if (!def) return null;
    for (const { clause } of handlerClauses(def, ['handle_call'], message)) {
      if (takesOnly && emptiesWhatItAnswers(clause.body)) return `${module}'s handle_call`;
      if (takesOnly && !callsIn(clause).some(({ name }) => TAKES_AWAY.test(name))) continue;
      const state = stateName(clause);
      // Any of its answers, in a `case` or `with` too (cortex's mailbox, `{:reply, {:ok, m}, %{state | messages: rest}}`
      // in one branch of `:queue.out`, a read that takes the message away).
      const answers = clause.body.descendantsOfType('tuple').filter((tuple) => tuple.namedChildren[0]?.text === ':reply' && tuple.namedChildren.length === 3);
      if (state && answers.some((tuple) => tuple.namedChildren[2]!.text !== state)) return `${module}'s handle_call`;
      for (const { name, node } of callsIn(clause)) {
        if (!takesOnly && (STATE_WRITES.test(name) || databaseWrite(name, node))) return name;
        const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
        const found = remote && !STANDARD_MODULE.test(name) ? this.writesState(resolvedIn(def, remote[1]!), remote[2]!, callArguments(node).map((a) => a.text), local, depth + 1, takesOnly || READ_NAME.test(remote[2]!)) : null;
        if (found) return found;
      }
    }
    return null;
  }

  /**
   * The fields of its state that `module`'s handle_call answering `message` writes into the state it
   * replies with (apothik's master, `{:reply, :ok, %{state | started: [node | started]}}`, also
   * `Map.put(state, :started, …)` or a name bound to either in the clause), leaving out any that a
   * handle_cast, handle_info or handle_continue of the module writes too, itself or through the
   * module's own functions: bookkeeping that holds when the call returns, which nothing asynchronous
   * changes afterwards. Empty when there is none.
   */
  fieldsSetBeforeReply(module: string, message: string | null, local?: SourceFile): string[] {
    const def = this.module(module, local);
    if (!def) return [];
    const set = new Set<string>();
    for (const { clause } of handlerClauses(def, ['handle_call'], message)) {
      for (const tuple of clause.body.descendantsOfType('tuple')) {
        if (tuple.namedChildren.length !== 3 || tuple.namedChildren[0]!.text !== ':reply') continue;
        for (const field of updatedFields(tuple.namedChildren[2]!, clause.body)) set.add(field);
      }
    }
    if (set.size === 0) return [];
    const later = new Set<string>();
    const seen = new Set<string>();
    const visit = (clause: Clause, levels: number): void => {
      for (const map of clause.body.descendantsOfType(['map', 'call'])) for (const field of updatedFields(map, null)) later.add(field);
      if (levels === 0) return;
      for (const name of ownCallees(def, clause)) {
        if (seen.has(name)) continue;
        seen.add(name);
        for (const callee of functionClauses(def, name)) visit(callee, levels - 1);
      }
    };
    for (const callback of ASYNC_CALLBACKS) for (const clause of functionClauses(def, callback)) visit(clause, HELPER_DEPTH);
    return [...set].filter((field) => !later.has(field));
  }

  /**
   * What `module`'s handle_call answering `message` replies with, read as its state: the state itself
   * (`{:reply, state, state}`), one field of it (`state.started`, or a name the state's pattern binds
   * to a field), or a map whose keys carry fields (apothik's `:stats`, `%{nodes: nodes, started:
   * started, …}`, both bound by `%{nodes: nodes, started: started} = state`; keys that carry anything
   * else are left out). Null when a reply is something else, or the clauses answer differently.
   */
  stateAnswered(module: string, message: string | null, local?: SourceFile): StateView | null {
    const def = this.module(module, local);
    if (!def) return null;
    let view: StateView | null = null;
    for (const { clause } of handlerClauses(def, ['handle_call'], message)) {
      const state = stateName(clause);
      const bound = fieldsBoundByState(clause);
      const fieldOf = (node: SyntaxNode): string | null => {
        if (node.type === 'identifier') return bound.get(node.text) ?? null;
        const dot = node.type === 'call' && !node.namedChildren.some((c) => c.type === 'arguments') ? node.childForFieldName('target') : null;
        return dot?.type === 'dot' && dot.childForFieldName('left')?.text === state ? (dot.childForFieldName('right')?.text ?? null) : null;
      };
      for (const tuple of clause.body.descendantsOfType('tuple')) {
        if (tuple.namedChildren.length !== 3 || tuple.namedChildren[0]!.text !== ':reply') continue;
        const answer = tuple.namedChildren[1]!;
        let here: StateView | null = null;
        if (state && answer.text === state) here = { of: 'state' };
        else if (fieldOf(answer)) here = { of: 'field', field: fieldOf(answer)! };
        else if (answer.type === 'map' && !answer.namedChildren.some((c) => c.type === 'struct')) {
          const keys = new Map<string, string>();
          for (const pair of answer.descendantsOfType('pair')) {
            const [key, value] = pair.namedChildren;
            const field = pair.parent?.parent?.parent?.id === answer.id && key && value ? fieldOf(value) : null;
            if (field) keys.set(key!.text.replace(/:\s*$/, ''), field);
          }
          if (keys.size > 0) here = { of: 'map', keys };
        }
        if (!here || (view && !sameView(view, here))) return null;
        view = here;
      }
    }
    return view;
  }

  /**
   * Does `module.fun(args…)` put the row `key` into the ETS table `table` before it returns, in the
   * caller's own process: `:ets.insert(table, {key, …})` (or `insert_new`) in its body, or in a
   * function of the module or of another module of the project that it calls, arguments bound, a
   * few levels deep? newrelic's `start_transaction` reaches `Sidecar.track`, whose
   * `store_sidecar(self(), sidecar)` inserts `{pid, sidecar}` into `__MODULE__.LookupStore`. Not a
   * write in a function handed to a spawn or a task, nor one a handler makes: those come later,
   * from another process. `table` and `args` as the caller wrote them, its aliases resolved.
   */
  insertsRow(module: string, fun: string, args: readonly string[], table: string, key: string, local?: SourceFile, depth = 0, seen = new Set<string>()): boolean {
    // Each function, handed the same arguments at the same depth, is read once per question.
    const asked = `${depth}:${module}.${fun}(${args.join('\u0001')})`;
    if (depth > 4 || seen.has(asked)) return false;
    seen.add(asked);
    const def = this.module(module, local);
    if (!def) return false;
    const clauses = clausesTaking(def, fun, args.length);
    if (clauses.length === 0) {
      const delegate = delegateOf(def, fun, args.length);
      return !!delegate && this.insertsRow(delegate.to.replace(/^__MODULE__/, module), delegate.as, args, table, key, local, depth + 1, seen);
    }
    for (const clause of clauses) {
      const values = assignArguments(clause.params, args);
      // A clause for another literal (`start_transaction(:web, path)` called with `:other`) is not run.
      if (clause.params.some((p, i) => LITERAL.test(p.pattern) && LITERAL.test(values[i] ?? '') && p.pattern !== values[i])) continue;
      const bound = (node: SyntaxNode): string => {
        const text = squeezed(node.text);
        const index = clause.params.findIndex((p) => p.name === text);
        if (index !== -1) return values[index] ?? text;
        const attribute = /^@([a-z_]\w*)$/.exec(text)?.[1];
        const value = attribute ? ((def.attributes ??= collectAttributes(def.body)).get(attribute)?.text ?? text) : text;
        const named = value.replace(/^__MODULE__(?=\.|$)/, module);
        return /^[A-Z][\w.]*$/.test(named) ? resolvedIn(def, named) : named;
      };
      for (const { name, node } of callsIn(clause)) {
        if (inHandedOnFunction(node, clause.body)) continue;
        const callArgs = callArguments(node);
        if (name === ':ets.insert' || name === ':ets.insert_new') {
          const row = callArgs[1]?.type === 'tuple' ? callArgs[1].namedChildren[0] : undefined;
          if (callArgs[0] && row && bound(callArgs[0]) === table && bound(row) === key) return true;
          continue;
        }
        const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
        const handed = callArgs.map(bound);
        if (remote && !STANDARD_MODULE.test(name) && this.insertsRow(resolvedIn(def, remote[1]!.replace(/^__MODULE__$/, module)), remote[2]!, handed, table, key, local, depth + 1, seen)) return true;
        if (!remote && /^[a-z_]\w*[?!]?$/.test(name) && !(name === fun && handed.length === args.length) && this.insertsRow(module, name, handed, table, key, local, depth + 1, seen)) return true;
      }
    }
    return false;
  }

  /** Does a clause of `module.fun/arity` cast, send or call a process itself (not through further calls)? */
  private messagesDirectly(module: string, fun: string, arity: number, local?: SourceFile): boolean {
    const def = this.module(module, local);
    return !!def && clausesTaking(def, fun, arity).some((clause) => callsIn(clause).some(({ name }) => name in MESSAGE_CALLS || TARGETED_SYNC.has(name)));
  }

  /**
   * How long `module.fun(args…)` sleeps before anything else, when its body starts with a sleep of a
   * number, given or a parameter's default (newrelic's `def gather_harvest(harvester, wait \\ 300) do
   * Process.sleep(wait); …`): the caller's read comes at least that long after the call. Null otherwise.
   */
  sleepsFirst(module: string, fun: string, args: readonly string[], local?: SourceFile): number | null {
    const def = this.module(module, local);
    const clause = def ? clausesTaking(def, fun, args.length)[0] : undefined;
    const block = clause ? doBlockOf(clause.body) : null;
    const first = block ? statementsOf(block)[0] : undefined;
    const slept = first && SLEEP_CALL.test(callName(first) ?? '') ? callArguments(first)[0] : undefined;
    if (!clause || !slept) return null;
    const index = clause.params.findIndex((p) => p.name === slept.text);
    const value = index === -1 ? slept.text : assignArguments(clause.params, args)[index];
    return value && /^\d[\d_]*$/.test(value) ? Number(value.replace(/_/g, '')) : null;
  }

  /**
   * The time a call leaves to a default it does not give: `Cache.get("test")` under `def get(key,
   * timeout \\ 30_000)` (rradz's cache, whose server holds the reply back until the value comes,
   * for up to that long). A parameter named for a timeout, its default a number; null otherwise.
   */
  omittedTimeout(module: string, fun: string, args: readonly string[], local?: SourceFile): { name: string; ms: number } | null {
    const def = this.module(module, local);
    const clause = def ? clausesTaking(def, fun, args.length)[0] : undefined;
    if (!clause) return null;
    const values = assignArguments(clause.params, args);
    for (let i = 0; i < clause.params.length; i++) {
      const param = clause.params[i]!;
      if (param.default === undefined || values[i] !== param.default || !/timeout/.test(param.name ?? '')) continue;
      if (/^\d[\d_]*$/.test(param.default)) return { name: param.name!, ms: Number(param.default.replace(/_/g, '')) };
    }
    return null;
  }

  /**
   * Does `module.fun/arity` poll in the caller's process: it, or a function of its module it calls
   * (two deep), sleeps and calls itself again (lasso's `assert_circuit_breaker_state`, whose
   * `do_assert_circuit_breaker_state` reads the state, sleeps 50 ms and tries again until a deadline),
   * or waits in a `receive` (anubis's `get_request_id`)?
   */
  pollsInPlace(module: string | null, fun: string, arity: number, local: SourceFile): 'retries' | 'receives' | null {
    // A bare name: the file's own function, or one a module it imports or uses defines (hermes's
    // `get_request_id`, from `import Hermes.MCP.Setup`).
    const defs = module ? [this.module(module, local)] : this.definingModules(local);
    const def = defs.find((d) => d && clausesTaking(d, fun, arity).length > 0);
    return def ? pollsIn(def, clausesTaking(def, fun, arity), fun, 0) : null;
  }

  /**
   * How long `module.fun(args…)` keeps trying at most when it counts its tries down: it sleeps a
   * number of milliseconds and calls itself again with a parameter less one (a restart helper's
   * `wait_until_up(key, tries \\ 10)`, 5 ms a try, gives up after about 50 ms), the tries and the
   * sleep read as the call gives them or as the head's defaults: the tries times the longest sleep.
   * Or, for one that keeps to a deadline it sets from a time it is given (quillex's
   * `wait_for_tab(label, timeout \\ 3000)`, `System.monotonic_time(:millisecond) + timeout`), that time.
   * Null for a helper that counts nothing down and sets no such deadline, or a time not a number.
   */
  retryBudget(module: string | null, fun: string, args: readonly string[], local: SourceFile): number | null {
    const defs = module ? [this.module(module, local)] : this.definingModules(local);
    const def = defs.find((d) => d && clausesTaking(d, fun, args.length).length > 0);
    for (const clause of def ? clausesTaking(def, fun, args.length) : []) {
      const found = callsIn(clause);
      const deadline = deadlineAsCalled(clause, args);
      if (deadline !== null) return deadline;
      const again = found.find(({ name }) => name === fun || name === `__MODULE__.${fun}`);
      const sleeps = found.filter(({ name }) => SLEEP_CALL.test(name)).map(({ node }) => timeAsCalled(clause, callArguments(node)[0]?.text ?? '', args));
      if (!again || sleeps.length === 0 || !sleeps.every((ms) => /^\d[\d_]*$/.test(ms))) continue;
      const counted = callArguments(again.node).findIndex((arg, i) => {
        const less = binaryParts(arg);
        return less?.op === '-' && less.right.text === '1' && less.left.text === clause.params[i]?.name;
      });
      const tries = counted === -1 ? undefined : assignArguments(clause.params, args)[counted];
      if (!tries || !/^\d[\d_]*$/.test(tries)) return null;
      return Number(tries.replace(/_/g, '')) * Math.max(...sleeps.map((ms) => Number(ms.replace(/_/g, ''))));
    }
    return null;
  }

  /**
   * How long `module.fun/arity` waits for a message, found as pollsInPlace finds its `receive`s: the
   * longest literal `after` among them, Infinity for one with no `after`; null when one waits a time
   * that is not a literal, or none is found. potterhat's `assert_telemetry/1`, `after 100`. Given the
   * call's `args`, a time its own clauses take from a parameter or an option is read as called too:
   * space_ex's `Stream.receive_next(stream)`, `after timeout` with `timeout = Keyword.get(opts, :timeout, 5000)`.
   */
  receiveLimit(module: string | null, fun: string, arity: number, local: SourceFile, args?: readonly string[]): number | null {
    const defs = module ? [this.module(module, local)] : this.definingModules(local);
    const def = defs.find((d) => d && clausesTaking(d, fun, arity).length > 0);
    if (!def) return null;
    let longest = -1;
    const visit = (clauses: Clause[], name: string, depth: number): boolean => {
      for (const clause of clauses) {
        if (asksForAReply(clause.body)) continue;
        for (const { name: called, node } of callsIn(clause)) {
          if (called === 'receive' && waitsForAMessage(node)) {
            const time = afterOf(node);
            const ms = time !== null && depth === 0 && args ? timeAsCalled(clause, time, args) : time;
            if (ms === null) longest = Infinity;
            else if (/^\d[\d_]*$/.test(ms)) longest = Math.max(longest, Number(ms.replace(/_/g, '')));
            else return false;
          } else if (depth === 0 && called !== name && /^[a-z_]\w*[?!]?$/.test(called) && !visit(functionClauses(def, called), called, 1)) return false;
        }
      }
      return true;
    };
    return visit(clausesTaking(def, fun, arity), fun, 0) && longest >= 0 ? longest : null;
  }

  /**
   * Does `module.fun/arity`, or a function of its module it calls, empty the mailbox of what is there
   * already (a `receive … after 0`)? space_ex's `Stream.receive_latest`, which waits for one result,
   * then keeps taking them until none is left: what it answers depends on how many have come by then.
   */
  drainsMailbox(module: string | null, fun: string, arity: number, local: SourceFile): boolean {
    const defs = module ? [this.module(module, local)] : this.definingModules(local);
    const def = defs.find((d) => d && clausesTaking(d, fun, arity).length > 0);
    const drains = (clauses: Clause[]): boolean => clauses.some((clause) => callsIn(clause).some(({ name, node }) => name === 'receive' && afterOf(node) !== null && !waitsForAMessage(node)));
    if (!def) return false;
    const clauses = clausesTaking(def, fun, arity);
    return drains(clauses) || clauses.some((clause) => callsIn(clause).some(({ name }) => name !== fun && /^[a-z_]\w*[?!]?$/.test(name) && drains(functionClauses(def, name))));
  }

  /**
   * Does `module.fun/arity` answer a plain process it spawns (pomiet's `TableProcessOne.start/0`,
   * `spawn(__MODULE__, :ping, [])`): its body ends in `spawn`, `spawn_link` or `Process.spawn`?
   * Such a process answers no `:sys.get_state/1`.
   */
  spawnsPlainProcess(module: string, fun: string, arity: number, local: SourceFile): boolean {
    const def = this.module(module, local);
    if (!def) return false;
    return clausesTaking(def, fun, arity).some((clause) => {
      const [, ...keywords] = callArguments(clause.body);
      const block = doBlockOf(clause.body);
      const last = block ? statementsOf(block).at(-1) : keywords.at(-1)?.namedChildren.at(-1)?.childForFieldName('value');
      const call = last?.type === 'call' ? callName(last) : null;
      return call !== null && PLAIN_SPAWNS.has(call);
    });
  }

  /**
   * Does `module.fun/arity`, run in the process that calls it, register that process by hand and
   * loop on `receive` there, within two calls of its module's own (distributed-kv-store's
   * `Gossip.start/2`: `Process.register(self(), …)`, then a `loop` that receives and calls itself)?
   * Spawned plainly, that is a bare receive loop, which answers no `:sys.get_state/1`. Not one
   * that enters an OTP loop (`:gen_server.enter_loop`) or hands its loop's `{:system, …}` messages
   * to `:sys.handle_system_msg`: those answer.
   */
  registersPlainLoop(module: string, fun: string, arity: number, local: SourceFile): boolean {
    const def = this.module(module, local);
    const clauses = def ? clausesTaking(def, fun, arity) : [];
    const registersSelf = clauses.some((clause) => callsIn(clause).some(({ name, node }) => name === 'Process.register' && callArguments(node)[0]?.text === 'self()'));
    return registersSelf && callFound(def!, clauses, (name) => name === 'receive', 2) !== null && callFound(def!, clauses, (name) => OTP_LOOP.test(name), 2) === null;
  }

  /**
   * The call that `accepts` which `module.fun/arity` makes, in its own clauses or in a function of its
   * module they call by bare name (delux's `FakeLEDs.read_pattern(0)`, whose private `binread/1` calls
   * `IO.binread`); `module` null: a bare-named function of a module the file imports or uses (angen's
   * `listen(socket)`, from its case template, calls `:ssl.recv(socket, 0, timeout)`). Null when none.
   */
  callIn(module: string | null, fun: string, arity: number, local: SourceFile, accepts: (name: string) => boolean): string | null {
    const defs = module ? [this.module(module, local)] : this.definingModules(local);
    for (const def of defs) {
      const found = def ? callFound(def, clausesTaking(def, fun, arity), accepts, 1) : null;
      if (found) return found;
    }
    return null;
  }

  /**
   * Does the module define `fun` itself (`handle_call`, `init`)? Null when the module is not the
   * project's. `Horde.Registry` has no handle_call (its server is RegistryImpl), a Bonny controller
   * no init (`use Bonny.Controller` brings one): what those do, we have not read.
   */
  defines(module: string, fun: string, local?: SourceFile): boolean | null {
    const def = this.module(module, local);
    return def ? functionClauses(def, fun).length > 0 : null;
  }

  /** Does the module handle what `callback` would (`handle_cast`), itself or as a gen_statem's `handle_event/4`? Null when unread. */
  handlesAs(module: string, callback: string, local?: SourceFile): boolean | null {
    const def = this.module(module, local);
    return def ? handlerClauses(def, [callback], null).length > 0 : null;
  }

  /**
   * Does the work `init/1` left for later (`work`) call a function of a module held in a variable
   * (phoenix_client's `handle_info(:connect, …)` runs `transport.open(url, opts)`, which starts a
   * websocket client that connects on its own time; `state.id`, a field, is no call)? What that
   * starts is not read, so the server's next answer says nothing of it.
   */
  deferredWorkCallsUnread(module: string, local: SourceFile | undefined, work: DeferredWork): boolean {
    const def = this.module(module, local);
    return !!def && handlerClauses(def, [work.callback], work.message).some(({ clause }) => callsIn(clause).some(({ name, node }) => /^[a-z_]\w*\.[a-z_]\w*[?!]?$/.test(name) && node.namedChildren.some((c) => c.type === 'arguments')));
  }

  /**
   * The start of a process of its own by which the work init/1 left for later (`work`) gets done, in
   * the handler or in functions of its module it calls, two deep: a stream consumer's handle_continue
   * goes through two helpers of its own to a `Task.start` that reads the stream and sends each change
   * back to the server, whose handle_info writes it. The server answers its next call once that
   * process is started, before anything it sends back is handled. The start's name, or null.
   */
  deferredWorkSpawns(module: string, local: SourceFile | undefined, work: DeferredWork): string | null {
    const def = this.module(module, local);
    const clauses = def ? handlerClauses(def, [work.callback], work.message).map(({ clause }) => clause) : [];
    return def ? callFound(def, clauses, (name) => SPAWNS.has(name), HELPER_DEPTH) : null;
  }

  /**
   * Does the module handle `{:DOWN, …}` in a `handle_info` clause: a server that monitors other
   * processes and acts when they die (cog's token service deletes the dead executor's tokens)?
   */
  handlesDeaths(module: string, local?: SourceFile): boolean {
    const def = this.module(module, local);
    return !!def && functionClauses(def, 'handle_info').some((clause) => /^\{\s*:DOWN\b/.test(clause.params[0]?.pattern ?? ''));
  }

  /**
   * The module that handles `{:DOWN, …}` (see handlesDeaths) behind `module.fun` at `arity`: the
   * module itself, or one a function of the project's that it calls leads to, a couple of calls down
   * (etcdex's `EtcdEx.watch(conn, pid, key)` is `EtcdEx.Connection.watch`, whose server monitors each
   * watching process and drops its watches when it dies). Null when none does.
   */
  deathKeeperBehind(module: string, fun: string, arity: number, local?: SourceFile, depth = 0): string | null {
    if (this.handlesDeaths(module, local)) return module;
    const def = depth < 2 ? this.module(module, local) : undefined;
    if (!def) return null;
    for (const clause of clausesTaking(def, fun, arity)) {
      for (const { name, node } of callsIn(clause)) {
        const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
        const own = !remote && /^[a-z_]\w*[?!]?$/.test(name) && name !== fun && functionClauses(def, name).length > 0;
        if ((!remote || STANDARD_MODULE.test(name)) && !own) continue;
        const keeper = remote ? this.deathKeeperBehind(resolvedIn(def, remote[1]!), remote[2]!, callArguments(node).length, local, depth + 1) : this.deathKeeperBehind(module, name, callArguments(node).length, local, depth + 1);
        if (keeper) return keeper;
      }
    }
    return null;
  }

  /**
   * Does the module's `fun` (its `start_link`) answer what the server start answers, `{:ok, pid}`:
   * every clause ends in `GenServer.start_link(…)` or the like, not in a struct around the pid
   * (ex_cmd's `{:ok, %Process{pid: pid}}`)? False when it is not defined here (a `use` brings it).
   */
  startAnswersPid(module: string, fun: string, local?: SourceFile): boolean {
    const def = this.module(module, local);
    const clauses = def ? functionClauses(def, fun) : [];
    return clauses.length > 0 && clauses.every((clause) => {
      const last = lastExpression(clause);
      const pipe = last && binaryParts(last);
      const call = pipe?.op === '|>' ? pipe.right : last;
      return call !== undefined && SERVER_START.test(callName(call) ?? '');
    });
  }

  /**
   * The start that `module.fun/arity` answers in every clause, when it starts a task or a plain
   * process handed a function that does its work there and ends (a notifier's `def
   * notify(event)` whose body is `Task.Supervisor.start_child(sup, fn -> send_mail(event) end)`):
   * the pid it answers is the one process doing the work, gone once the work is done. Null when a
   * clause ends in anything else, or its work waits for a message, goes round again, or hands some
   * on (a cast, a send, another start), there or in the functions it calls.
   */
  answeredWorker(module: string, fun: string, arity: number, local?: SourceFile): string | null {
    const def = this.module(module, local);
    const starts = (def ? clausesTaking(def, fun, arity) : []).map((clause) => {
      const last = lastExpression(clause);
      const start = last?.type === 'call' ? callName(last) : null;
      const work = start && SPAWNS.has(start) ? callArguments(last!).find((arg) => arg.type === 'anonymous_function') : undefined;
      return work && this.workEnds(def!, module, calls(work), local) ? start : null;
    });
    return starts.length > 0 && starts.every((start) => start !== null && start === starts[0]) ? starts[0]! : null;
  }

  /** Do `called`, the calls of a function a process is started with in `def`, do their work in it and end: no receive, no loop, nothing handed on? */
  private workEnds(def: ModuleDef, module: string, called: readonly { name: string; node: SyntaxNode }[], local: SourceFile | undefined): boolean {
    if (called.some(({ name }) => name === 'receive' || ASYNC_CALLS.has(name) || SPAWNING_CALLS.has(name) || OS_PROCESS_STARTS.has(name) || SUPERVISED_START.test(name))) return false;
    const own = called.filter(({ name }) => /^[a-z_]\w*[?!]?$/.test(name) && !DEFINING_CALLS.has(name) && functionClauses(def, name).length > 0);
    if (own.some(({ name }) => callFound(def, functionClauses(def, name), (found) => found === 'receive' || found === name, 1) !== null)) return false;
    return this.handsOffElsewhere(module, called, (text) => text, local, 0) === null;
  }

  /**
   * Does the module's `fun/arity` start the module's own server, in every clause
   * (`GenServer.start_link(__MODULE__, …)`, whatever else the body does around it)? Then a call of it
   * is that start under another name (cympho's `Orchestrator.start_and_run(issue, agent_id)`, a
   * `case` on the start), and what init/1 leaves to the process follows it. Not a start in a
   * function the body hands on (a task's): the caller does not wait for that one.
   */
  startsOwnServer(module: string, fun: string, arity: number, local?: SourceFile): boolean {
    const def = this.module(module, local);
    const clauses = def ? clausesTaking(def, fun, arity) : [];
    return clauses.length > 0 && clauses.every((clause) => callsIn(clause).some(({ name, node }) => {
      const first = callArguments(node)[0]?.text ?? '';
      return /^GenServer\.start(?:_link)?$/.test(name) && (first === '__MODULE__' || resolvedIn(def!, first) === module) && !inHandedOnFunction(node, clause.body);
    }));
  }

  /**
   * The module whose process a bare-named function of the file, or of a module it imports or uses,
   * starts and answers, in every clause: its last expression a start (`start_supervised!({Mod,
   * opts})`, `start_supervised!(Mod)`, `Mod.start_link(…)`, `GenServer.start_link(Mod, …)`), or the
   * variable a start bound before it (`{:ok, pid} = Mod.start_link(…)`, then `pid`). Resolved where
   * the function is defined (nerves_photos' `defp make_compositor(port, opts)` ending in
   * `start_supervised!({FrameCompositor, …})`). Null when none, or when clauses disagree.
   */
  startedThrough(fun: string, arity: number, local: SourceFile): string | null {
    for (const def of this.definingModules(local)) {
      const clauses = def ? clausesTaking(def, fun, arity) : [];
      if (clauses.length === 0) continue;
      const written = new Set(clauses.map((clause) => moduleAnswered(clause)));
      const [module] = written;
      if (written.size !== 1 || !module || STANDARD_MODULE.test(module)) return null;
      return modulesOfFile(local).includes(def!) ? local.resolveAlias(module) : resolvedIn(def!, module);
    }
    return null;
  }

  /**
   * Does the module's `fun/arity` start a supervisor: `Supervisor.start_link` (or DynamicSupervisor's)
   * in a clause, or a child spec written `type: :supervisor`, there or a couple of calls down, through
   * a `defdelegate` or the project's own functions (sworm's `Sworm.start_link(name)`, delegated to a
   * `start_link` that applies the start of its child spec, `%{start: {Sworm.Supervisor, …}, type: :supervisor}`)?
   */
  startsSupervisor(module: string, fun: string, arity: number, local?: SourceFile, depth = 0): boolean {
    const def = depth < 3 ? this.module(module, local) : undefined;
    if (!def) return false;
    const delegate = delegateOf(def, fun, arity);
    if (delegate) return this.startsSupervisor(delegate.to === '__MODULE__' ? module : resolvedIn(def, delegate.to), delegate.as, arity, local, depth + 1);
    return clausesTaking(def, fun, arity).some((clause) => SUPERVISOR_TYPE.test(clause.body.text) || callsIn(clause).some(({ name, node }) => {
      if (SUPERVISOR_START.test(name)) return true;
      const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
      if (remote) return !STANDARD_MODULE.test(name) && this.startsSupervisor(resolvedIn(def, remote[1]!), remote[2]!, callArguments(node).length, local, depth + 1);
      return /^[a-z_]\w*[?!]?$/.test(name) && name !== fun && this.startsSupervisor(module, name, callArguments(node).length, local, depth + 1);
    }));
  }

  /**
   * Does the module's `fun` (its `start_link`) start the server under the module's own name
   * (`GenServer.start_link(__MODULE__, %{}, name: __MODULE__)`)? Then the pid it answers and the
   * module's name are one process, and the module's API reaches it by that name.
   */
  registersItself(module: string, fun: string, local?: SourceFile): boolean {
    const def = this.module(module, local);
    const clauses = def ? functionClauses(def, fun) : [];
    return clauses.length > 0 && clauses.every((clause) => /\bname:\s*__MODULE__\b/.test(clause.body.text) && callsIn(clause).some(({ name }) => SERVER_START.test(name)));
  }

  /**
   * Is the module an Agent started by its own `start_link`/`start` (`Agent.start_link(fn -> [] end,
   * name: __MODULE__)`)? It has no init/1, and needs none: the start returns once the function ran.
   */
  startsAnAgent(module: string, local?: SourceFile): boolean {
    const def = this.module(module, local);
    if (!def) return false;
    return ['start_link', 'start'].some((fun) => functionClauses(def, fun).some((clause) => callsIn(clause).some(({ name }) => /^Agent\.start(_link)?$/.test(name))));
  }

  /**
   * The calls the module's handler of `message` makes (among `callbacks`), and those of the module's
   * own functions it calls, one level down: what handling the message does, by name.
   */
  handlerCalls(module: string, local: SourceFile | undefined, callbacks: readonly string[], message: string | null): string[] {
    const def = this.module(module, local);
    if (!def) return [];
    const names: string[] = [];
    for (const { callback, clause } of handlerClauses(def, callbacks, message)) {
      for (const { name } of callsIn(clause)) {
        names.push(name);
        if (/^[a-z_]\w*[?!]?$/.test(name) && name !== callback) names.push(...functionClauses(def, name).flatMap(callsIn).map((call) => call.name));
      }
    }
    return names;
  }

  /**
   * Does the module's handle_cast/handle_info (or the callbacks named) hand work on to other processes
   * (or make one of the calls `also` names)? With `beyondMs`, a timer the handler sets for its own
   * process further off than that (realtime_signs' `Process.send_after(self(), :update, 60_000)`,
   * against a 50 ms sleep) is none: nothing a sleep that short waits for.
   */
  handsWorkOn(module: string, local?: SourceFile, callbacks: readonly string[] = ['handle_cast', 'handle_info'], message: string | null = null, also?: ReadonlySet<string>, beyondMs?: number): string | null {
    const def = this.module(module, local);
    if (!def) return null;
    const producer = isProducer(def);
    for (const { callback, clause } of handlerClauses(def, callbacks, message)) {
      // A GenStage producer dispatches the events its handler returns to its consumers, which work
      // on them in their own processes (opq's feeder: `handle_cast({:enqueue, item}, …)` returns
      // `{:noreply, events, state}`, and a consumer supervisor starts a worker for each).
      if (producer && !KEEPS_EVENTS.test(lastExpression(clause)?.text ?? '')) return `${callback} returns events for its consumers (a GenStage producer)`;
      // `{:reply, :ok, state, {:continue, :roots_list_changed}}` (hermes's add_root): the
      // handle_continue it names runs right after, and starts a task there.
      // In any branch of its answer too (stage3_queue's enqueue: `if room do … {:reply, {:ok, id}, state, {:continue, :run_queue}} else … end`).
      const nexts = callback !== 'handle_continue' ? [...(lastExpression(clause)?.text ?? '').matchAll(CONTINUE)].map((m) => m[1]!) : [];
      const continued = nexts.map((next) => this.handsWorkOn(module, local, ['handle_continue'], next, also, beyondMs)).find((found) => found !== null);
      if (continued) return `${callback} continues in ${continued.replace(/^handle_continue /, 'handle_continue, which ')}`;
      // staxx's `handle_cast({:send_file, …})`: `self_pid = self()`, then a stream whose step is
      // `&send_data(self_pid, &1)`, a cast to that pid: the work goes on in messages to itself,
      // which come after any barrier already waiting in its mailbox.
      const selves = new Set(['self()', ...[...clause.body.text.matchAll(/\b([a-z_]\w*)\s*=\s*self\(\)/g)].map((m) => m[1]!)]);
      const itself = callsIn(clause).find(({ name, node }) => messagesItself(def, name, node, selves));
      if (itself) return `${callback} messages itself (\`${itself.name}\`), and goes on in that message`;
      const handedOn = this.handedOnBy(def, module, callback, clause, callsIn(clause), local, also, beyondMs);
      if (handedOn) return handedOn;
    }
    return null;
  }

  /** The first of `calls`, made by `callback`'s `clause` of `def` (asked about as `module`), that hands work on, said as handsWorkOn says it; null when none does. */
  private handedOnBy(def: ModuleDef, module: string, callback: string, clause: Clause, calls: readonly { name: string; node: SyntaxNode }[], local: SourceFile | undefined, also?: ReadonlySet<string>, beyondMs?: number): string | null {
    for (const { name, node } of calls) {
      if (beyondMs !== undefined && distantSelfTimer(name, node, beyondMs, def)) continue;
      // A timer whose firing leaves the server as it was is no work a barrier skips (timerLeavesServerAsItWas).
      const direct = beyondMs !== undefined && SELF_TIMERS.test(name) ? selfTimer(name, node, undefined, def) : null;
      if (direct && this.timerLeavesServerAsItWas(def, module, direct.message, local, also)) continue;
      // telemetry_ui's write buffer flushes when full, then re-arms its periodic flush timer:
      // the timer it runs on anyway, not this message's work handed on (a barrier still waits
      // for the flush; the rule says the process also works on a timer of its own).
      if (SELF_TIMERS.test(name) && this.rearmsOwnTick(module, node, local)) continue;
      if (ASYNC_CALLS.has(name) || SPAWNING_CALLS.has(name) || also?.has(name) || OS_PROCESS_STARTS.has(name) || SUPERVISED_START.test(name)) return `${callback} calls \`${name}\``;
      // Into the module's own functions only for an OS program's start or a spawn (slack-clone's
      // upload processor: `handle_cast` → `start_job`, which `spawn_link`s the work): following them
      // for every message took correct barriers away (electric, membrane, supavisor).
      // Or starts a supervisor's children (lux's `handle_call({:run_objective, …})` → `start_objective_execution`,
      // which starts an execution supervisor and the objective under it: they work on after the reply).
      const started = /^[a-z_]\w*[?!]?$/.test(name) ? functionClauses(def, name).flatMap(callsIn).find((call) => OS_PROCESS_STARTS.has(call.name) || SPAWNS.has(call.name) || SUPERVISED_START.test(call.name)) : undefined;
      if (started) return `${callback} calls \`${name}\`, which calls \`${started.name}\``;
      // Or arms the process a timer there (bezgelor's duel manager: `handle_cast({:update_position, …})`
      // → `check_boundary`, which arms the out-of-bounds grace timer), as if the handler armed it itself.
      // Only asked with a sleep to outlast (a barrier's question): whether a call is done when it
      // returns keeps reading the handler alone.
      const armed = beyondMs !== undefined && /^[a-z_]\w*[?!]?$/.test(name) && name !== callback ? this.timerArmedThrough(def, module, name, node, local, beyondMs, also) : null;
      if (armed) return `${callback} calls \`${name}\`, which arms a timer (\`${armed}\`)`;
      // Or writes to a socket (redis_client_ex's `handle_call({:ssubscribe, …})` → `maybe_send_ssubscribe`
      // → `:gen_tcp.send`, the server's confirmation thrown away when it comes): the reply comes
      // before the peer has acted. Not a write whose answer the function reads itself (`:gen_tcp.recv`).
      // Only when the clause answers at once, its `from` ignored: one that keeps it replies later,
      // once the peer has answered (redis_client_ex's `handle_call({:command, args}, from, …)`).
      const repliesNow = callback !== 'handle_call' || /^_/.test(clause.params[1]?.pattern ?? '_');
      const written = also && repliesNow && /^[a-z_]\w*[?!]?$/.test(name) && name !== callback ? ownWrite(def, name, also, 2) : null;
      if (written) return `${callback} calls \`${name}\`, which calls \`${written}\``;
      const remote = /^([A-Z][\w.]*)\.(\w+[?!]?)$/.exec(name);
      if (remote && remote[1] !== module) {
        const effect = this.effectOf(remote[1]!, remote[2]!, callArguments(node).map((a) => a.text), local);
        if (effect?.kind === 'message' || effect?.kind === 'async') return `${callback} calls \`${name}\``;
      }
      // Through the module's own functions, only another module's API that casts or starts work
      // (bedrock's Demux: `handle_cast({:push, …})` → `do_push` → `route_to_shard` →
      // `ShardServer.push`, a cast to the shard's server): a plain `send` there is often a reply.
      const further = /^[a-z_]\w*[?!]?$/.test(name) && name !== callback ? this.remoteHandOn(def, name, local, HAND_ON_LEVELS) : null;
      if (further) return `${callback} calls \`${name}\`, which calls \`${further}\``;
    }
    return null;
  }

  /**
   * Does every clause of `module.fun` at that arity only build a value, calling nothing (dudle's
   * `Prompt.new(type, submitter, data)`, a `%__MODULE__{…}` literal)? Such a call starts no work.
   * False when the module or function is unread.
   */
  buildsOnlyAValue(module: string, fun: string, arity: number, local?: SourceFile): boolean {
    const def = this.module(module, local);
    const clauses = def ? clausesTaking(def, fun, arity) : [];
    return clauses.length > 0 && clauses.every((clause) => callsIn(clause).length === 0);
  }

  /**
   * What a gen_statem's `{:call, from}` handler for `message` leaves running once it has replied:
   * a state, event or generic timeout it arms (`{:state_timeout, 500, :expire}`) or an event it
   * postpones, which the machine acts on later, on its own time; or work a `{:next_event, :internal, …}`
   * it queues hands on (a spawn, a send elsewhere), as handsWorkOn reads it. The internal events run
   * before the machine handles its next call, so what they do to its own state needs no wait
   * (dudle's game server: `[{:reply, from, :ok}, {:next_event, :internal, :add_submissions_to_round}]`).
   * Null when it leaves nothing.
   */
  statemCallKeepsWorking(module: string, local: SourceFile | undefined, message: string | null, also?: ReadonlySet<string>): string | null {
    const def = this.module(module, local);
    if (!def) return null;
    const seen = new Set<string>();
    const read = (callback: string, event: string | null, depth: number): string | null => {
      for (const { clause } of handlerClauses(def, [callback], event)) {
        // A state entered with state enter calls runs its `:enter` clause before the next event: what it arms counts.
        const text = [clause, ...enteredStateClauses(def, clause)].map((c) => c.body.text).join('\n');
        const armed = ARMED_STATEM_TIMEOUT.exec(text)?.[0] ?? (POSTPONE.test(text) ? ':postpone' : null);
        if (armed) return `${callback === 'handle_call' ? 'handler' : `internal event ${event}`} arms \`${oneLine(armed, 40)}\`, which the machine acts on after it has replied`;
        if (callback !== 'handle_call') {
          const handedOn = this.handedOnBy(def, module, 'handle_event(:internal, …)', clause, callsIn(clause), local, also);
          if (handedOn) return handedOn;
        }
        if (depth >= HAND_ON_LEVELS) continue;
        for (const next of [...text.matchAll(NEXT_INTERNAL)].map((m) => m[1]!)) {
          if (seen.has(next)) continue;
          seen.add(next);
          const found = read('handle_internal', next, depth + 1);
          if (found) return found;
        }
      }
      return null;
    };
    return read('handle_call', message, 0);
  }

  /**
   * The function of the module's own where reading the `handle_call` clause that answers `message`
   * stops: handsWorkOn follows its own functions HAND_ON_LEVELS calls down, and this one is a call
   * further (quanta's actor: `handle_call({:message, …})` → `dispatch_with_backpressure` →
   * `dispatch_message` → `process_effects`, which hands the effects to an executor that arms the
   * actor's timers). What it does is unread, so the call is not known to leave nothing running. Null
   * when the clause's own functions end within those levels.
   */
  handlerReadPast(module: string, local: SourceFile | undefined, message: string | null): string | null {
    const def = this.module(module, local);
    if (!def) return null;
    // The handler calling itself again (a clause that re-handles the request) is no step down.
    const seen = new Set(['handle_call']);
    for (const { clause } of handlerClauses(def, ['handle_call'], message)) {
      for (const name of ownCallees(def, clause)) {
        const past = ownFunctionPast(def, name, HAND_ON_LEVELS, seen);
        if (past) return past;
      }
    }
    return null;
  }

  /**
   * The request of another process's that answers the call for `message`, when the `handle_call`
   * clause taking it keeps its `from` and answers `{:noreply, …}`, and a clause handling another
   * call or cast replies with `GenServer.reply` (a gate's `handle_call({:await, key}, from, …)`,
   * answered when some task asks it to `{:open, key}`): the call returns once that process has
   * asked, whatever it does next. That request's pattern, or null.
   */
  answeredOnAnothersRequest(module: string, local: SourceFile | undefined, message: string | null): string | null {
    const def = this.module(module, local);
    if (!def) return null;
    const waiting = handlerClauses(def, ['handle_call'], message).filter(({ clause }) => keepsCaller(clause));
    if (waiting.length === 0) return null;
    const others = handlerClauses(def, ['handle_call', 'handle_cast'], null).filter(({ clause }) => !waiting.some((w) => w.clause === clause));
    const releasing = others.find(({ clause }) => callFound(def, [clause], (name) => LATER_REPLIES.test(name), 1) !== null);
    return releasing?.clause.params[0]?.pattern ?? null;
  }

  /**
   * What a LiveView's handle_event/3 for `event` (`"generate"`) leaves to its own process: the
   * messages it sends itself (`send(self(), {:do_generate, id})`), when that is all it hands on
   * and the module's own handle_info takes each without handing anything on, in every LiveView
   * of the test file and the project that handles the event (mindwendel's AI buttons, whose
   * handler sends itself the work so the click renders "Generating ideas..." first). The module and
   * messages, or null when no LiveView handles the event or one leaves other work running.
   */
  eventLeftToItself(event: string, local?: SourceFile): { module: string; messages: string[] } | null {
    this.locations ??= this.scanSources();
    // The answer depends on every file that handles events, and on which files do.
    this.recording?.set(LIVE_EVENTS_KEY, [LIVE_EVENTS_KEY, this.eventStamp(), null]);
    const views = [...(local ? modulesOfFile(local) : []), ...this.eventHandlers.flatMap((file) => this.modulesOfPath(file))].filter((def) => LIVE_MODULE.test(def.body.text));
    let found: { module: string; messages: string[] } | null = null;
    for (const def of views) {
      const clauses = functionClauses(def, 'handle_event').filter((clause) => clause.params.length === 3 && clause.params[0]!.pattern === event);
      if (clauses.length === 0) continue;
      const messages: string[] = [];
      for (const clause of clauses) {
        const calls = callsIn(clause);
        const sends = calls.filter(({ name, node }) => SELF_SENDS.has(name) && callArguments(node)[0]?.text === 'self()');
        const rest = calls.filter((call) => !sends.includes(call));
        if (rest.some(({ name, node }) => messagesItself(def, name, node, new Set(['self()'])))) return null;
        if (this.handedOnBy(def, def.name, 'handle_event', clause, rest, local, LIVE_VIEW_ASYNC)) return null;
        for (const { node } of sends) {
          const message = callArguments(node)[1]?.text;
          if (!message) return null;
          messages.push(message);
        }
      }
      // Each handled here, by a handler that leaves nothing running: a LiveComponent's message goes to the LiveView around it.
      const handled = messages.every((message) => handlerClauses(def, ['handle_info'], message).length > 0 && this.handsWorkOn(def.name, local, ['handle_info'], message, LIVE_VIEW_ASYNC) === null);
      if (messages.length === 0 || !handled) return null;
      found ??= { module: def.name, messages };
    }
    return found;
  }

  /** The files that handle LiveView events and the hashes of their texts, as one string. */
  private eventStamp(): string {
    this.locations ??= this.scanSources();
    return sha1Hex(this.eventHandlers.map((file) => `${file}\u0000${this.hashOf(file)}`).join('\n'));
  }

  /**
   * The message of a timer the module's own function `name`, called as `call`, arms for the process
   * (in it or in a function of the module it calls): handedOnBy's direct `Process.send_after`, one or
   * two calls down. Not one further off than `beyondMs`, nor one already running before the message
   * came, which it only pushes out: the module's tick, or a deadline init/1 arms too (slippi_chat's
   * idle timer, which a touch cancels and arms again); nor one whose firing leaves the server as it
   * was (timerLeavesServerAsItWas). Null when none.
   */
  private timerArmedThrough(def: ModuleDef, module: string, name: string, call: SyntaxNode, local: SourceFile | undefined, beyondMs: number, also?: ReadonlySet<string>): string | null {
    const args = callArguments(call).map((a) => a.text);
    const clauses = clausesTaking(def, name, args.length);
    if (clauses.length === 0) return null;
    const running = [this.selfTicking(module, local), ...this.initTimers(module, local)].flatMap((timer) => (timer ? [squeezed(timer.message)] : []));
    const armed = armedTimers(def, clauses, 1, args).find((timer) => (timer.ms === null || timer.ms <= beyondMs) && !running.includes(squeezed(timer.message)) && !this.timerLeavesServerAsItWas(def, module, timer.message, local, also));
    return armed ? armed.message : null;
  }

  /**
   * Does the module's handle_info for a timer's `message` leave the server as it was: each clause
   * answers `{:noreply, state}` with the state it got, writes no table, Agent or database (writesState,
   * through the functions it calls), and hands nothing on? arbor's skill library: its scan arms
   * `{:sync_to_store_attempt, 1}` after a configured delay, whose handler copies the table into a
   * store and answers the state unchanged. Whenever it fires, a check of what the server holds reads
   * the same: the sleep waited for nothing the barrier skips. A timer with no handler is not one.
   */
  private timerLeavesServerAsItWas(def: ModuleDef, module: string, message: string, local: SourceFile | undefined, also?: ReadonlySet<string>): boolean {
    const handlers = handlerClauses(def, ['handle_info'], message);
    return (
      handlers.length > 0 &&
      handlers.every(({ clause }) => answersStateAsGot(clause) && !this.clauseWritesState(def, module, clause, local)) &&
      this.handsWorkOn(module, local, ['handle_info'], message, also) === null
    );
  }

  /** A write of state by `clause` of `def`, itself or through the functions it calls (as writesState reads them), or null. */
  private clauseWritesState(def: ModuleDef, module: string, clause: Clause, local: SourceFile | undefined): string | null {
    for (const { name, node } of callsIn(clause)) {
      if (STATE_WRITES.test(name) || databaseWrite(name, node)) return name;
      const args = callArguments(node).map((a) => a.text);
      const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
      const found = remote && !STANDARD_MODULE.test(name) ? this.writesState(resolvedIn(def, remote[1]!.replace(/^__MODULE__/, module)), remote[2]!, args, local, 1) : /^[a-z_]\w*[?!]?$/.test(name) && functionClauses(def, name).length > 0 ? this.writesState(module, name, args, local, 1) : null;
      if (found) return found;
    }
    return null;
  }

  /** Is the timer `call` arms the one the module ticks on (`Process.send_after(self(), :flush, …)` when init/1 arms `:flush` and its handler again)? */
  private rearmsOwnTick(module: string, call: SyntaxNode, local?: SourceFile): boolean {
    // Read as the call orders its arguments: `:erlang.send_after(t, self(), msg)` puts the time first.
    const armed = selfTimer(callName(call) ?? '', call);
    if (!armed) return false;
    const tick = this.selfTicking(module, local);
    return tick !== null && squeezed(tick.message) === squeezed(armed.message);
  }

  /** A call of another project module's function that messages a process or starts work, made by `fun` of `def` or the module's functions it calls, `levels` deep. */
  private remoteHandOn(def: ModuleDef, fun: string, local: SourceFile | undefined, levels: number, seen = new Set<string>()): string | null {
    if (levels === 0 || seen.has(fun)) return null;
    seen.add(fun);
    for (const clause of functionClauses(def, fun)) {
      for (const { name, node } of callsIn(clause)) {
        const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
        if (remote && remote[1] !== def.name && !STANDARD_MODULE.test(name)) {
          const effect = this.effectOf(remote[1]!, remote[2]!, callArguments(node).map((a) => a.text), local);
          if (effect?.kind === 'message' || effect?.kind === 'async') return name;
        } else if (/^[a-z_]\w*[?!]?$/.test(name) && !DEFINING_CALLS.has(name)) {
          const deeper = this.remoteHandOn(def, name, local, levels - 1, seen);
          if (deeper) return deeper;
        }
      }
      for (const captured of capturedOwn(def, clause)) {
        const deeper = this.remoteHandOn(def, captured.name, local, levels - 1, seen);
        if (deeper) return deeper;
      }
    }
    return null;
  }

  /**
   * Beside the synchronous work in `calls`, the first that hands work on: a call that starts it
   * (`Task.start`, `GenStage.async_subscribe`), or a function of this module or another of the
   * project's that does, a few levels down (mentat's `put` inserts, then, when the table is full,
   * `Janitor.reclaim(janitor(cache), count)` casts; ALF's `Builder.build` starts each stage, then
   * subscribes it with `GenStage.async_subscribe`). Null when none does.
   */
  private handsOffElsewhere(module: string, calls: readonly { name: string; node: SyntaxNode }[], bindText: (text: string) => string, local: SourceFile | undefined, depth: number): string | null {
    if (depth > 2) return null;
    // A task the function awaits itself (`Task.async` twice, then `Task.yield_many`) is done when it returns.
    const awaits = calls.some(({ name }) => AWAITS.test(name));
    for (const { name } of calls) {
      if (ASYNC_CALLS.has(name) && !(awaits && /\basync/.test(name))) return name;
    }
    for (const { name, node } of calls) {
      const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(name);
      const own = /^[a-z_]\w*[?!]?$/.test(name) && !DEFINING_CALLS.has(name);
      if ((!remote || STANDARD_MODULE.test(name)) && !own) continue;
      const effect = remote ? this.effectOf(remote[1]!, remote[2]!, callArguments(node).map((a) => bindText(a.text)), local, depth + 1) : this.effectOf(module, name, callArguments(node).map((a) => bindText(a.text)), local, depth + 1);
      if (effect?.kind === 'message' || effect?.kind === 'async') return name;
      if (effect?.kind === 'sync' && effect.handsOff) return name;
    }
    return null;
  }

  /**
   * Does the handler go on, through a function of its module, to message the process itself
   * (blockscout's `handle_continue` calls `process_chain_age_check()`, which does
   * `GenServer.cast(__MODULE__, :check_completeness)`)? That message comes after a barrier that
   * was already waiting. The local function's name and the call, or null. Two levels deep.
   */
  messagesItselfThrough(module: string, local: SourceFile | undefined, callbacks: readonly string[], message: string | null): string | null {
    const def = this.module(module, local);
    if (!def) return null;
    const seen = new Set<string>();
    const visit = (clauses: readonly { body: SyntaxNode }[], depth: number, via: string | null): string | null => {
      for (const clause of clauses) {
        for (const { name, node } of callsIn(clause as Parameters<typeof callsIn>[0])) {
          if (via && SELF_MESSAGES.has(name) && SELF_TARGET.test(callArguments(node)[0]?.text ?? '')) return `\`${via}\` calls \`${name}\``;
          if (depth < 2 && /^[a-z_]\w*[?!]?$/.test(name) && !seen.has(name)) {
            seen.add(name);
            const found = visit(functionClauses(def, name), depth + 1, via ?? name);
            if (found) return found;
          }
        }
      }
      return null;
    };
    return visit(handlerClauses(def, callbacks, message).map(({ clause }) => clause), 0, null);
  }

  /**
   * Does the handler of `message` answer with a gen_server timeout (`{:noreply, s, @idle}`,
   * poolder's batcher)? Its text, or null. Any message cancels that timeout, a barrier's too, and
   * what runs when it runs out (a flush) comes after the barrier. Likewise a gen_statem handler's
   * timeout action (`{:state_timeout, 50, :reset}`), which fires on the machine's own time.
   */
  handlerArmsTimeout(module: string, local: SourceFile | undefined, callbacks: readonly string[], message: string | null): { text: string; ms: number | null } | null {
    const def = this.module(module, local);
    if (!def) return null;
    for (const { clause } of handlerClauses(def, callbacks, message)) {
      // Or a gen_statem's timeout action (the door lock's `{:state_timeout, @finish_timeout, :reset}`).
      const armed = HANDLER_TIMEOUT.exec(clause.body.text) ?? ARMED_STATEM_TIMEOUT.exec(clause.body.text);
      if (!armed) continue;
      const value = armed[1]!.startsWith('@') ? (def.attributes ??= collectAttributes(def.body)).get(armed[1]!.slice(1))?.text : armed[1];
      return { text: armed[0], ms: value && /^\d[\d_]*$/.test(value) ? Number(value.replace(/_/g, '')) : null };
    }
    return null;
  }

  /**
   * May the handler of `message` stop the process: raise, exit or throw, or answer `{:stop, …}`
   * (every clause whose message could be this one counts)? A `:sys.get_state/1` barrier into it
   * would then exit with it.
   */
  mayStopWhileHandling(module: string, local: SourceFile | undefined, callbacks: readonly string[], message: string | null): boolean {
    const def = this.module(module, local);
    if (!def) return false;
    return handlerClauses(def, callbacks, message).some(({ clause }) => callsIn(clause).some(({ name }) => STOPPING_CALL.test(name)) || /\{\s*:stop\b/.test(clause.body.text));
  }

  /**
   * Does the module handle `message` in one of `callbacks` with a clause that neither stops nor
   * raises (vaos-ledger's `handle_cast({:crash, …}, state)`, which records the crash)? False when
   * no clause matches or the module is not the project's.
   */
  handlesWithoutStopping(module: string, local: SourceFile | undefined, callbacks: readonly string[], message: string | null): boolean {
    const def = this.module(module, local);
    return !!def && handlerClauses(def, callbacks, message).length > 0 && !this.mayStopWhileHandling(module, local, callbacks, message);
  }

  /**
   * The gen_server timeout the module's `init/1` returns (`{:ok, state, 100}`, or after
   * `{:continue, …}` its handle_continue's `{:noreply, state, 100}`): ms, and the tuple as written.
   * Any message the process gets before it runs out cancels it. Null when none returns a literal one.
   */
  idleTimeout(module: string, local?: SourceFile): { ms: number; text: string } | null {
    const def = this.module(module, local);
    if (!def) return null;
    for (const clause of [...functionClauses(def, 'init'), ...functionClauses(def, 'handle_continue')]) {
      const hit = IDLE_TIMEOUT_TUPLE.exec(clause.body.text);
      if (hit) return { ms: Number(hit[1]!.replace(/_/g, '')), text: hit[0] };
    }
    return null;
  }

  /**
   * The idle timeout of the receive loop `module.fun/arity` spawns (craft-elixir's `Echo.start_link/0`,
   * `spawn_link(Craft.Echo, :keep_receiving, [])`, whose `receive` calls `keep_receiving()` again on
   * each message and ends, `after @receive_timeout -> exit(:normal)`, when none comes): ms and the
   * after-clause as written. Like init/1's `{:ok, state, 100}`, any message restarts it. Null when the
   * spawned function is no loop of the module, or its after-clause loops on (a wait for a reply).
   */
  spawnedLoopTimeout(module: string, fun: string, arity: number, local?: SourceFile): { ms: number; text: string } | null {
    const def = this.module(module, local);
    if (!def) return null;
    for (const clause of clausesTaking(def, fun, arity)) {
      for (const { name, node } of callsIn(clause)) {
        const loop = PLAIN_SPAWNS.has(name) ? spawnedFunction(def, module, node) : null;
        const timeout = loop ? loopIdleTimeout(def, loop) : null;
        if (timeout) return timeout;
      }
    }
    return null;
  }

  /**
   * The timeout a `:gen_statem` arms as an action of its handlers (genstatem_training's door lock:
   * `{:keep_state, data, [{:state_timeout, @finish_timeout, :reset}]}`), a state, event or generic
   * timeout: its time in ms and the action as written. Null when it arms none with a time we can read.
   */
  stateTimeout(module: string, local?: SourceFile): { ms: number; text: string } | null {
    const def = this.module(module, local);
    if (!def) return null;
    for (const hit of def.body.text.matchAll(STATEM_TIMEOUT)) {
      const value = hit[1]!.startsWith('@') ? (def.attributes ??= collectAttributes(def.body)).get(hit[1]!.slice(1))?.text : hit[1];
      if (value && /^\d[\d_]*$/.test(value)) return { ms: Number(value.replace(/_/g, '')), text: hit[0] };
    }
    return null;
  }

  /**
   * The value `module`'s init/1 gives `key` in the state it starts with (`{:ok, %{attitude: %{}}}`
   * gives `%{}` for `attitude`), or null when it does not say.
   */
  initialValue(module: string, key: string, local?: SourceFile): string | null {
    const def = this.module(module, local);
    if (!def) return null;
    const pair = new RegExp(`(?<![\\w:])${key}:\\s*(%\\{\\}|\\[\\]|[^,\\n}]+?)\\s*[,}\\n]`);
    for (const clause of functionClauses(def, 'init')) {
      for (const tuple of clause.body.descendantsOfType('tuple')) {
        if (tuple.namedChildren[0]?.text !== ':ok') continue;
        const value = pair.exec(tuple.namedChildren[1]?.text ?? '')?.[1];
        if (value) return value.trim();
      }
    }
    return null;
  }

  /**
   * A `:gen_statem` timeout `module` arms as it handles events, whatever its time (exampple's
   * component, `{{:timeout, :ping}, ping, :send_ping}` with `ping` from the config): its text, or null.
   */
  statemTimer(module: string, local?: SourceFile): string | null {
    const def = this.module(module, local);
    return def ? (ANY_STATEM_TIMEOUT.exec(def.body.text)?.[0] ?? null) : null;
  }

  /**
   * The one-shot timers the module arms for itself anywhere, a handler included (audioproxy's probe
   * coordinator: `Process.send_after(self(), :linger_expired, @linger)` as the verdict comes in,
   * then `{:stop, :normal, state}` when it fires), with their message and time in ms. A timer whose
   * handler arms one again is a tick, not a time that runs out: left out.
   */
  oneShotTimers(module: string, local?: SourceFile): { message: string; ms: number }[] {
    const def = this.module(module, local);
    if (!def) return [];
    // Asked for nearly every sleep after a call into the module: its clauses are walked once.
    if (def.oneShotTimers) return def.oneShotTimers;
    def.clauses ??= clausesByName(def.body);
    const found: { message: string; ms: number }[] = (def.oneShotTimers = []);
    for (const clause of [...def.clauses.values()].flat()) {
      for (const { name, node } of callsIn(clause)) {
        // `:erlang.start_timer(t, self(), msg)` arrives as `{:timeout, ref, msg}`: its handler is that tuple's.
        const args = callArguments(node);
        const started = name === ':erlang.start_timer' && OWN_PID.test(args[1]?.text ?? '') && args[2] ? { message: args[2].text, ms: moduleDuration(args[0]!, def) } : null;
        const timer = started ?? selfTimer(name, node, undefined, def);
        if (!timer || timer.ms === null || ('repeats' in timer && timer.repeats)) continue;
        const handled = started ? `{:timeout, _, ${timer.message}}` : timer.message;
        if (handlerClauses(def, ['handle_info'], handled).some((handler) => callsIn(handler.clause).some((c) => selfTimer(c.name, c.node) !== null))) continue;
        found.push({ message: timer.message, ms: timer.ms });
      }
    }
    return found;
  }

  /**
   * The one-shot timers the module's handle_info of `message` arms for its own process, in the clause
   * or through a function it calls, of its module or one the module imports, with the time as the
   * handler hands it over: media_centarr's LiveViews debounce reloads through a helper their web
   * module imports, `debounce(socket, :reload_timer, :reload_upcoming, 500)`, which cancels the last
   * timer and does `Process.send_after(self(), message, delay_ms)`. Of other `callbacks` too: a cast's
   * handle_cast (bezgelor's duel manager arms its out-of-bounds grace timer in `check_boundary`).
   */
  handlerTimers(module: string, message: string | null, local?: SourceFile, callbacks: readonly string[] = ['handle_info']): { message: string; ms: number }[] {
    const def = this.module(module, local);
    if (!def) return [];
    const imported = () => this.importedBy(def, local);
    const clauses = handlerClauses(def, callbacks, message).map(({ clause }) => clause);
    return armedTimers(def, clauses, 0, [], false, imported).flatMap((timer) => (timer.ms !== null && !timer.repeats ? [{ message: timer.message, ms: timer.ms }] : []));
  }

  /** The modules `def` imports, itself or through the `quote` a module it uses gives it (`use MyAppWeb, :live_view`). */
  private importedBy(def: ModuleDef, local?: SourceFile): ModuleDef[] {
    const names = new Set<string>();
    for (const [, kind, module, which] of def.body.text.matchAll(/^[ \t]*(import|use)\s+([A-Z][\w.]*)(?:\s*,\s*:([a-z_]\w*))?/gm)) {
      const name = resolvedIn(def, module!);
      if (kind === 'import') names.add(name);
      const used = kind === 'use' ? this.module(name, local) : null;
      if (used) for (const found of usingImports(used, which)) names.add(resolvedIn(used, found));
    }
    return [...names].flatMap((name) => this.module(name, local) ?? []);
  }

  /**
   * A timer the server arms for itself in `init/1` (or functions of its module it calls, two deep) and
   * arms again when it fires (term_ui's runtime: `schedule_render(interval)`, `Process.send_after(self(),
   * :render, interval)`, and `handle_info(:render, …)` does the queued work and schedules the next):
   * its message and time in ms (null when not a literal). Null when it arms none, or only once, unless
   * `once` asks for a timer armed only once too (gen_spoxy's tasks executor, made to run its queue a
   * single time: the queued work still waits for that timer), then marked `once`.
   */
  selfTicking(module: string, local?: SourceFile, once = false): { message: string; ms: number | null; once?: boolean } | null {
    const def = this.module(module, local);
    if (!def) return null;
    const armed = armedTimers(def, functionClauses(def, 'init'), 0, [], true);
    for (const timer of armed) {
      // Repeating: `:timer.send_interval`, or a handler of its message that arms a timer again.
      if (timer.repeats || handlerClauses(def, ['handle_info'], timer.message).some(({ clause }) => armedTimers(def, [clause], 0).length > 0)) return { message: timer.message, ms: timer.ms };
    }
    const first = once ? armed[0] : undefined;
    return first ? { message: first.message, ms: first.ms, once: true } : null;
  }

  /**
   * The timers init/1 arms for the process itself, in any branch, or functions of its module it calls
   * (two deep): aprs_me's leader election, `Process.send_after(self(), :attempt_election, 100)` when
   * clustering is off. Their message and time in ms (null when not a literal).
   */
  initTimers(module: string, local?: SourceFile): { message: string; ms: number | null }[] {
    const def = this.module(module, local);
    return def ? armedTimers(def, functionClauses(def, 'init'), 0) : [];
  }

  /**
   * An `init/1` that always starts work it does not wait for (a Task, a timer, a spawn). Work started
   * only in some branches (`case opts[:load]`) is not counted: we cannot tell which branch runs.
   * handle_continue and messages to self need no mention: they run before any later call is handled.
   * A server of another module that reports back on its own time counts too (startsReporter);
   * `reporters` false looks no further down than that server's own init/1.
   */
  initStartsAsyncWork(module: string, local?: SourceFile, childSpec = '', reporters = true): string | null {
    const def = this.module(module, local);
    if (!def) return null;
    const starts = (name: string, node: SyntaxNode) =>
      SPAWNING_CALLS.has(name) || INIT_TIMERS.test(name) || name.startsWith('Task.') || FILE_WATCHERS.has(name) || this.opensPort(name, local) || (reporters && this.startsReporter(def, name, node, local));
    // ex_scheduler's `{:ok, jobs |> new_state() |> schedule_next_job()}`: the module's own
    // function that init/1 calls arms the timer (`Process.send_after(self(), :work, ms)`).
    const startedByHelper = (clause: Clause, depth: number, seen: Set<string>): string | null => {
      for (const { name, node } of callsIn(clause)) {
        // init/1's own calls are read above, with the branch its child spec takes.
        if (depth > 0 && starts(name, node)) return name;
        if (depth >= HELPER_DEPTH || name.includes('.') || seen.has(name)) continue;
        seen.add(name);
        for (const helper of functionClauses(def, name)) {
          const found = startedByHelper(helper, depth + 1, seen);
          if (found) return found;
        }
      }
      return null;
    };
    for (const clause of functionClauses(def, 'init')) {
      for (const { name, node } of callsIn(clause)) {
        if (starts(name, node) && branchTaken(node, clause.body, childSpec)) return name;
      }
      const helped = startedByHelper(clause, 0, new Set(['init']));
      if (helped) return helped;
      // A supervisor's `{Task, fun}` or `%{start: {Task, :start_link, …}}` child (spawn's actor
      // registration): Task.start_link returns at once, and the supervisor is up before the work is done.
      if (TASK_CHILD.test(clause.body.text)) return 'Task.start_link';
      // Or a child module of the project's that is a Task (ecto_watch's `{WatcherTriggerValidator,
      // nil}`, a `use Task` module whose start_link is `Task.start_link(__MODULE__, :run, …)`).
      const taskChild = this.taskChildOf(clause, def.name, local);
      if (taskChild) return `${taskChild}.start_link`;
    }
    return null;
  }

  /** A module named where a child list names its children (`{Mod, arg}`, `[Mod, …]`) that is a Task. */
  private taskChildOf(clause: Clause, self: string, local?: SourceFile): string | null {
    for (const match of clause.body.text.matchAll(/[[{,]\s*([A-Z]\w*(?:\.[A-Z]\w*)*)(?![\w.(])/g)) {
      const name = match[1]!;
      if (name === self || STANDARD_MODULE.test(name)) continue;
      const child = this.module(name, local);
      if (child && isTaskModule(child)) return name;
    }
    return null;
  }

  /**
   * Does `call`, made by the init/1 of `starter` (or a helper of it), start a server of another module
   * of the project that reports back to the starter on its own time: its init/1 leaves it work (a
   * message to itself, a timer, a task), and it calls a function of the starter that casts or sends
   * (elixoids' game, whose asteroids cast their positions to it on every tick)? The starter's state
   * fills after its own start has returned.
   */
  private startsReporter(starter: ModuleDef, name: string, call: SyntaxNode, local?: SourceFile): boolean {
    const written = startedChild(name, call);
    const child = written ? this.module(resolvedIn(starter, written), local) : null;
    if (!child || child.name === starter.name) return false;
    return this.reportsTo(child, starter, local) && (this.deferredWork(child.name, local) !== null || this.initStartsAsyncWork(child.name, local, '', false) !== null || this.initMessagesItselfThroughUse(child, local));
  }

  /** Does a function of `child` call one of `starter`'s that messages (`Game.update_rock(game, …)`, a cast)? */
  private reportsTo(child: ModuleDef, starter: ModuleDef, local?: SourceFile): boolean {
    return calls(child.body).some(({ name, node }) => {
      const remote = /^([A-Z][\w.]*)\.([a-z_]\w*[?!]?)$/.exec(resolvedIn(child, name));
      return remote?.[1] === starter.name && this.effectOf(starter.name, remote[2]!, callArguments(node).map((a) => a.text), local)?.kind === 'message';
    });
  }

  /**
   * Does the init/1 of `def` call a function that a module of the project it `use`s defines in its
   * `__using__` quote, and that sends the process a message or arms it a timer (elixoids' heartbeat:
   * `start_heartbeat`, a `Process.send(self(), :tick, [])` the asteroid's init/1 calls)?
   */
  private initMessagesItselfThroughUse(def: ModuleDef, local?: SourceFile): boolean {
    const used = [...def.body.text.matchAll(/^[ \t]*use\s+([A-Z][\w.]*)/gm)].map((m) => this.module(resolvedIn(def, m[1]!), local)).filter((m): m is ModuleDef => m !== null && !STANDARD_MODULE.test(m.name));
    if (used.length === 0) return false;
    const brought = (name: string) => (/^[a-z_]\w*[?!]?$/.test(name) && functionClauses(def, name).length === 0 ? used.flatMap((using) => usingClauses(using, name)) : []);
    return functionClauses(def, 'init').some((clause) => callsIn(clause).some(({ name }) => brought(name).some(messagesItselfLater)));
  }

  /** Does the module's init/1 trap exits (`Process.flag(:trap_exit, true)`)? */
  initTrapsExits(module: string, local?: SourceFile): boolean {
    const def = this.module(module, local);
    return !!def && functionClauses(def, 'init').some((clause) => /Process\.flag\(\s*:trap_exit\s*,\s*true\s*\)/.test(clause.body.text));
  }

  /** Does the module's init/1 open a port to an operating-system program (see opensPort)? */
  initOpensPort(module: string, local?: SourceFile): boolean {
    const def = this.module(module, local);
    return !!def && functionClauses(def, 'init').some((clause) => callsIn(clause).some(({ name }) => this.opensPort(name, local)));
  }

  /**
   * Does `call` start an operating-system program and return while it boots: `Port.open`, or a
   * function of the project's that calls it (chromic_pdf's `ChromeRunner.port_open`, in the init of
   * a server that runs Chrome for the tests)?
   */
  private opensPort(call: string, local?: SourceFile): boolean {
    if (OPENS_PORT.has(call)) return true;
    const remote = /^([A-Z][\w.]*)\.(\w+[?!]?)$/.exec(call);
    if (!remote || STANDARD_MODULE.test(remote[1]!)) return false;
    const def = this.module(local ? local.resolveAlias(remote[1]!) : remote[1]!, local);
    return !!def && functionClauses(def, remote[2]!).some((clause) => callsIn(clause).some(({ name }) => OPENS_PORT.has(name)));
  }

  /**
   * An `init/1` that returns before its work is done, leaving it to the process itself: a
   * `{:continue, …}` result or a message to itself, in a branch the child spec takes (see
   * initStartsAsyncWork). A later call to that process is handled after it; nothing else waits for it.
   */
  initDefersWork(module: string, local?: SourceFile, childSpec = ''): boolean {
    return this.deferredWork(module, local, childSpec) !== null;
  }

  /**
   * The work `initDefersWork` finds: the callback that does it and the message it is handed
   * (`{:ok, s, {:continue, :load}}` → handle_continue with `:load`; `send(self(), {:setup, opts})` →
   * handle_info with `{:setup, opts}`, a cast → handle_cast). Null when init/1 defers none.
   */
  deferredWork(module: string, local?: SourceFile, childSpec = ''): DeferredWork | null {
    const def = this.module(module, local);
    if (!def) return null;
    for (const clause of functionClauses(def, 'init')) {
      const at = /\{\s*:continue\s*,\s*/.exec(clause.body.text);
      const continued = at ? clause.body.descendantForIndex(clause.body.startIndex + at.index) : null;
      if (at && continued && branchTaken(continued, clause.body, childSpec, true)) {
        const message = clause.body.descendantForIndex(clause.body.startIndex + at.index + at[0].length);
        return { callback: 'handle_continue', message: message.type === 'atom' ? message.text : null };
      }
      const helped = this.continuedThroughHelper(def, clause, local);
      if (helped) return { callback: 'handle_continue', message: helped.message };
      for (const { name, node } of callsIn(clause)) {
        const [to, message] = callArguments(node);
        if (TO_ITSELF.has(name) && to && this.namesItself(def, to.text, local) && branchTaken(node, clause.body, childSpec, true)) {
          return { callback: name === 'GenServer.cast' ? 'handle_cast' : 'handle_info', message: message?.text ?? null };
        }
      }
    }
    return null;
  }

  /**
   * The continue an init/1 clause answers through a helper, of its module or one it imports, whose
   * answer is `{:ok, state, {:continue, step}}` for a parameter `step`: a server whose init/1 ends in
   * `state |> ok_continue(:start_stream)`, from a module of small GenServer answers it imports. The
   * message the call hands it (null when not an atom), or null for no such call.
   */
  private continuedThroughHelper(def: ModuleDef, clause: Clause, local?: SourceFile): { message: string | null } | null {
    const last = lastExpression(clause);
    const pipe = last && binaryParts(last);
    const call = pipe?.op === '|>' ? pipe.right : last;
    const name = call?.type === 'call' ? callName(call) : null;
    if (!call || !name || !/^[a-z_]\w*$/.test(name)) return null;
    const args = argumentsAsRun(call);
    for (const helper of [def, ...this.importedBy(def, local)]) {
      for (const candidate of clausesTaking(helper, name, args.length)) {
        const step = /^\{\s*:ok\s*,[^{}]*,\s*\{\s*:continue\s*,\s*([a-z_]\w*)\s*\}\s*\}$/.exec(lastExpression(candidate)?.text ?? '')?.[1];
        const at = step ? candidate.params.findIndex((param) => param.name === step) : -1;
        if (at >= 0) return { message: args[at]?.type === 'atom' ? args[at]!.text : null };
      }
    }
    return null;
  }

  /**
   * Does `target`, written in the module, name its own process: `self()`, or `__MODULE__` (or the
   * module's name) when its start registers it so? Registered before init/1 runs, so a cast there from
   * init/1 is one to itself (tic_tac_toe_checker's `GenServer.cast(TicTacToeChecker, {:launch, …})`).
   */
  private namesItself(def: ModuleDef, target: string, local?: SourceFile): boolean {
    if (target === 'self()') return true;
    if (target !== '__MODULE__' && resolvedIn(def, target) !== def.name) return false;
    return ['start_link', 'start'].some((fun) => this.registersItself(def.name, fun, local));
  }

  /**
   * Does the module's `init/1` leave the new process with nothing to do until someone calls or
   * messages it? Read, and it starts no work (initStartsAsyncWork), defers none (initDefersWork),
   * and subscribes, monitors or attaches to nothing that could send it messages.
   */
  initIsQuiet(module: string, local?: SourceFile): boolean {
    const def = this.module(module, local);
    if (!def || this.defines(module, 'init', local) !== true) return false;
    if (this.initStartsAsyncWork(module, local) !== null || this.initDefersWork(module, local)) return false;
    // Read as text, every branch counts: `{:ok, state, {:continue, nil}}` in an `if`, a timeout of
    // 0, an `active: true` socket opened (libcluster's gossip) all give it something to do.
    return functionClauses(def, 'init').every((clause) => !NOT_QUIET.test(clause.body.text) && !/\{\s*:ok\s*,[^{}]*,\s*(?:\d|:hibernate|\{)/.test(clause.body.text));
  }

  /**
   * Is the module a server that does nothing with time, so that a time it is handed is data to it
   * (via's test subscriber, started with `[name: "slow", interval: 200]`, whose init keeps the list
   * and whose one handler registers a value in a Registry)? Its init leaves it idle (initIsQuiet), it
   * uses nothing but GenServer, and none of its code arms a timer, reads a clock, sleeps, receives,
   * answers a callback timeout or starts work; and its callbacks, with the functions of its own they
   * call, call nothing out of the standard library, where a time could be spent. (Its client
   * functions may: via's `via_tuple(name)` asks a library for a registered name.)
   */
  keepsNoTime(module: string, local?: SourceFile): boolean {
    const def = this.module(module, local);
    if (!def || !this.initIsQuiet(module, local)) return false;
    if (USES_MORE_THAN_A_SERVER.test(def.body.text) || DEALS_IN_TIME.test(def.body.text)) return false;
    def.clauses ??= clausesByName(def.body);
    // The callbacks, then the functions of the module they call, each once.
    const pending = [...def.clauses.keys()].filter((name) => SERVER_CALLBACKS.has(name));
    const seen = new Set(pending);
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      for (const call of functionClauses(def, name).flatMap(callsIn)) {
        if (/^(?:[A-Z]|:)/.test(call.name) && !STANDARD_MODULE.test(call.name) && !/^:(?:ets|maps|lists|proplists)\./.test(call.name)) return false;
        if (def.clauses.has(call.name) && !seen.has(call.name)) {
          seen.add(call.name);
          pending.push(call.name);
        }
      }
    }
    return true;
  }

  /**
   * Does the project's function `call` (`Helpers.in_tmp`, or a bare name defined in the file or in a
   * module it imports or uses) run the function it is given as argument `position` in the caller's
   * process? Yes when its body calls the parameter (`fun.()`), or hands it to a call that runs it in
   * place (`File.cd!(path, fun)`, `capture_log(fn -> fun.() end)`) or to another such function of
   * the project, a few levels deep. Never when any use of it is in a spawned process or unknown code.
   */
  runsArgumentInCaller(call: string, position: number, arity: number, local: SourceFile, depth = 0): boolean {
    if (position < 0 || depth > 3) return false;
    const found = this.parameterOf(call, position, arity, local);
    return !!found && this.callsHere(found.clause, found.fun, found.name, found.def, local, depth);
  }

  /**
   * Is the bare name `fun` only a library's that the file imports (`import ReqCassette`, then
   * `with_cassette(…)`): no module of the project's the file sees defines it, and a module the
   * project does not hold is imported? Its body is not ours to read.
   */
  fromLibraryImport(fun: string, arity: number, local: SourceFile): boolean {
    if (!/^[a-z_]\w*[?!]?$/.test(fun) || this.definingModules(local).some((def) => def && clausesTaking(def, fun, arity).length > 0)) return false;
    return local.importsFor(fun, arity).some((module) => !STANDARD_MODULE.test(module) && this.module(module, local) === null);
  }

  /**
   * Is `call` written qualified into a library's module (`ExRabbitPool.with_channel(pool, fn … end)`,
   * a dependency the tests borrow a channel from): an Elixir alias of no module the project holds,
   * not one of Elixir's own? Its body is not ours to read either.
   */
  fromLibraryModule(call: string, local: SourceFile): boolean {
    const dot = call.lastIndexOf('.');
    if (dot === -1 || !/^[A-Z]/.test(call)) return false;
    const module = local.resolveAlias(call.slice(0, dot));
    return !STANDARD_MODULE.test(module) && this.module(module, local) === null;
  }

  /**
   * Does the project's function `call` time the function it is given as argument `position`: call
   * it (`metric_fn.()`) between two clock reads, or hand it to one that times (`:timer.tc(fun)`)?
   * jido_eval's `TimingMiddleware.call(metric_fn, …)` reads `System.monotonic_time()` around it.
   */
  timesArgument(call: string, position: number, arity: number, local: SourceFile, isTimer: (name: string) => boolean): boolean {
    const found = this.parameterOf(call, position, arity, local);
    if (!found) return false;
    const made = callsIn(found.clause);
    if (made.some(({ name, node }) => isTimer(name) && callArguments(node).some((a) => a.text === found.name))) return true;
    const calledHere = new RegExp(String.raw`(?<![\w.])${found.name.replace(/[?!]/g, '\\$&')}\.\(`).test(found.clause.body.text);
    return calledHere && made.filter(({ name }) => isTimer(name)).length >= 2;
  }

  /**
   * Does the project's function `call` (`Connection.send_message`) spend the time it is given in
   * parameter `param` itself: a `receive … after param`, or a call or await given it as its limit?
   * archethic's `send_message(key, msg, timeout)` casts, then waits in `receive … after timeout`: the
   * time is over when it returns, and a sleep after it waits for something else. So for an option of
   * that name the function reads out of its keyword list (spendsTime).
   */
  waitsOutParameter(call: string, param: string, local: SourceFile): boolean {
    const dot = call.lastIndexOf('.');
    const fun = call.slice(dot + 1);
    const defs = dot === -1 ? this.definingModules(local) : [this.module(local.resolveAlias(call.slice(0, dot)), local)];
    return defs.some((def) => !!def && functionClauses(def, fun).some((clause) => spendsTime(clause, param)));
  }

  /**
   * What the project's function `call` of no arguments returns, when it is a number written out:
   * plausible's `def wait_time_ms, do: 250` in test/support, imported by the file. Only literals
   * and arithmetic on them: an attribute there is the other module's, not the file's.
   */
  constantOf(call: string, local: SourceFile): SyntaxNode | undefined {
    const value = this.zeroArityValue(call, local);
    return value && /^[\d_\s+*()-]+$/.test(value.text) ? value : undefined;
  }

  /**
   * Does the project's function `call` of no arguments answer a constant: a module attribute, an
   * atom, a number, a plain string (ex_mmo_cluster's `def reason_attribute_write, do:
   * @reason_attribute_write`)? A read, whatever verb its name holds.
   */
  answersConstant(call: string, local: SourceFile): boolean {
    const value = this.zeroArityValue(call, local);
    return !!value && /^(?:@[a-z_]\w*|:[a-z_]\w*[?!]?|"[^"\\#]*"|-?[\d_]+(?:\.[\d_]+)?|true|false|nil)$/.test(value.text.trim());
  }

  /**
   * What the project's function `call` answers, given `arity` arguments, when each clause it may run
   * is one expression other than a call, or one call of another clause of the module's own
   * (SimplePool's test helper `def unique_ref(), do: unique_ref(:one)`, whose clauses each write out
   * an entity's `{:ref, Entity, "test_…"}`): those expressions. Null when any clause does more, or calls out.
   */
  writtenAnswers(call: string, arity: number, local: SourceFile): SyntaxNode[] | null {
    const dot = call.lastIndexOf('.');
    const fun = call.slice(dot + 1);
    const defs = dot === -1 ? this.definingModules(local) : [this.module(local.resolveAlias(call.slice(0, dot)), local)];
    const def = defs.find((d) => d && clausesTaking(d, fun, arity).length > 0);
    return def ? answersOfClauses(def, fun, arity, 2) : null;
  }

  /**
   * The lifetime the project's function `call` stamps on what it answers: a clock reading plus a
   * constant (clockAheadMs) in the expression its body ends with, written there or bound to a name
   * first (nano_global_cache's test fetcher, `expires_at = System.system_time(:millisecond) + 200`,
   * then `{:ok, token, expires_at}`). A function a DSL builds out of one the module hands it
   * (`cache :github do fetch fn -> … end end`, called as `TestCache.fetch(:github)`) is read in that
   * function, the one under the block the call's atom names when a block does.
   */
  stampLifetime(call: string, args: readonly string[], local: SourceFile): { ms: number; text: string } | null {
    const dot = call.lastIndexOf('.');
    const fun = call.slice(dot + 1);
    const defs = dot === -1 ? this.definingModules(local) : [this.module(local.resolveAlias(call.slice(0, dot)), local)];
    for (const def of defs) {
      if (!def) continue;
      // `def issue(:slack)` stamps no lifetime for `issue(:github)`.
      const clauses = clausesTaking(def, fun, args.length).filter((clause) => !patternRefuses(clause.params[0]?.pattern, args[0]));
      const bodies =
        clauses.length > 0
          ? clauses.map((clause) => ({ statements: clauseStatements(clause.body), numbers: numbersHanded(clause, args) }))
          : dot === -1
            ? []
            : handedFunctionBodies(def, fun, args[0]).map((statements) => ({ statements, numbers: new Map<string, string>() }));
      for (const { statements, numbers } of bodies) {
        const stamp = stampedAhead(statements, numbers);
        if (stamp) return stamp;
      }
    }
    return null;
  }

  /** The one expression the one clause of no arguments of `call` returns, when the function is that short. */
  private zeroArityValue(call: string, local: SourceFile): SyntaxNode | undefined {
    const dot = call.lastIndexOf('.');
    const fun = call.slice(dot + 1);
    const defs = dot === -1 ? this.definingModules(local) : [this.module(local.resolveAlias(call.slice(0, dot)), local)];
    for (const def of defs) {
      const clauses = def ? functionClauses(def, fun).filter((clause) => clause.params.length === 0) : [];
      const value = clauses.length === 1 ? onlyExpression(clauses[0]!) : undefined;
      if (value) return value;
    }
    return undefined;
  }

  /**
   * loomkin's `defp send_to_agent(pid, msg) do send(pid, msg) end`, a function of the test file's
   * module that `call` is in, whose one clause is nothing but a cast or send: that message, the
   * caller's arguments bound. Null for any other function: one that does more around the message
   * is not read as one.
   */
  wrappedMessage(fun: string, args: readonly string[], call: SyntaxNode, local: SourceFile): Extract<Effect, { kind: 'message' }> | null {
    // The innermost module around the call: a nested one comes after the module it is in.
    const def = modulesOfFile(local).filter((m) => m.body.startIndex <= call.startIndex && call.endIndex <= m.body.endIndex).pop();
    const clauses = def ? clausesTaking(def, fun, args.length) : [];
    const only = clauses.length === 1 ? onlyExpression(clauses[0]!) : undefined;
    if (only?.type !== 'call' || !((callName(only) ?? '') in MESSAGE_CALLS)) return null;
    const effect = this.effectOf(def!.name, fun, args, local);
    return effect?.kind === 'message' ? effect : null;
  }

  /** The name of the parameter of the project's function `call` that argument `position` of `arity` lands in. */
  parameterName(call: string, position: number, arity: number, local: SourceFile): string | null {
    return this.parameterOf(call, position, arity, local)?.name ?? null;
  }

  /**
   * The other function parameter the project's function `call` loops on when handed a function as
   * argument `position`: its clause runs that function, calls itself again, and branches on a call of
   * the other (citrine's test helper `while(pred, func)`: `if pred.() do func.(); while(…) end`).
   * Null for a helper that runs it once, or a set number of times (`repeat(n, fun)`).
   */
  loopCondition(call: string, position: number, arity: number, local: SourceFile): string | null {
    const found = this.parameterOf(call, position, arity, local);
    if (!found || !calledAsFunction(found.name).test(found.clause.body.text)) return null;
    const made = callsIn(found.clause);
    const again = made.filter(({ name, node }) => name === found.fun && callArguments(node).length === arity).map(({ node }) => node);
    // `if ready?.() do fun.() else wait(ready?, fun) end` runs it once the loop is over: no round of it.
    if (runsWhereItStops(found.clause.body, found.name, again)) return null;
    for (const { name, node } of made) {
      const conditions = BRANCHES.has(name) ? branchConditions(name, node) : [];
      const within = again.some((call) => call.startIndex > node.startIndex && call.endIndex <= node.endIndex && !conditions.some((c) => call.startIndex >= c.startIndex && call.endIndex <= c.endIndex));
      if (!within) continue;
      const other = found.clause.params.find((p) => p.name !== found.name && /^[a-z]\w*[?!]?$/.test(p.name) && conditions.some((c) => calledAsFunction(p.name).test(c.text)));
      if (other) return other.name;
    }
    return null;
  }

  /** `Module.fun` (aliases resolved) or a bare `fun` from the file's view: the clause and parameter argument `position` lands in. */
  private parameterOf(call: string, position: number, arity: number, local: SourceFile): { def: ModuleDef; fun: string; clause: Clause; name: string } | null {
    const dot = call.lastIndexOf('.');
    const fun = call.slice(dot + 1);
    const defs = dot === -1 ? this.definingModules(local) : [this.module(local.resolveAlias(call.slice(0, dot)), local)];
    for (const def of defs) {
      const param = def && parameterFor(def, fun, position, arity);
      if (param) return { def: def!, fun, ...param };
    }
    return null;
  }

  /**
   * Does the file `use` the library `library` (`use Patch`), itself or through a case template of
   * the project's that uses it in its body (kafee's `Kafee.KafkaCase`)?
   */
  usesLibrary(library: string, local: SourceFile): boolean {
    return this.saysOrTemplateSays(new RegExp(`^\\s*use\\s+${library.replace(/\./g, '\\.')}\\b`, 'm'), local);
  }

  /**
   * Does the file, or a case template of the project's it uses, say `pattern`? archethic's
   * `use ArchethicCase`, whose `setup :verify_on_exit!` checks every test's Mox expectations.
   */
  saysOrTemplateSays(pattern: RegExp, local: SourceFile): boolean {
    if (pattern.test(local.withoutComments)) return true;
    return usedModuleNames(local).some((used) => {
      if (STANDARD_MODULE.test(used)) return false;
      const def = this.module(used, local);
      return !!def && pattern.test(def.body.text);
    });
  }

  /**
   * `@name` as a case template the file uses defines it for its tests (phoenix_pubsub's NodeCase:
   * `@permdown unquote(@permdown)` in its `__using__`), or undefined.
   */
  templateAttribute(name: string, local: SourceFile): SyntaxNode | undefined {
    for (const used of usedModuleNames(local)) {
      if (STANDARD_MODULE.test(used)) continue;
      const def = this.module(used, local);
      const value = def && usingAttributes(def).get(name);
      if (value) return value;
    }
    return undefined;
  }

  /**
   * The message a handler the project attached to telemetry `event` (its source text, `[:app, :x,
   * :done]`) sends when `:telemetry.execute` runs it: lasso's error store attaches
   * `&__MODULE__.handle_telemetry_event/4` in its init/1, and the handler only does
   * `GenServer.cast(__MODULE__, {:record, metadata})`. An attach whose events are not written out
   * counts for every event. A server defined in the test file counts as one of the project's (not
   * an attach in a test module: its handler runs in the test). Null when no such handler messages anyone.
   */
  telemetryMessage(event: string, local?: SourceFile): { module: string; target: string; carrier: string; message: string | null } | null {
    this.locations ??= this.scanSources();
    // The answer depends on every attaching file, and on which files attach.
    this.recording?.set(TELEMETRY_KEY, [TELEMETRY_KEY, this.telemetryStamp(), null]);
    const wanted = squeezed(event);
    const inFile = local ? modulesOfFile(local) : [];
    for (const def of [...inFile, ...this.attachers.flatMap((file) => this.modulesOfPath(file))]) {
      for (const attach of calls(def.body).filter(({ name }) => name === ':telemetry.attach' || name === ':telemetry.attach_many')) {
        if (inFile.includes(def) && testModuleAround(attach.node)) continue;
        const [, written, named] = callArguments(attach.node);
        if (!written || !named) continue;
        for (const [events, handler] of attachedHandlers(attach.node, written, named)) {
          if (!attachedTo(events, attach.name, wanted)) continue;
          const sent = this.handlerMessage(def, handler, local);
          if (sent) return sent;
        }
      }
    }
    return null;
  }

  /** The files that attach telemetry handlers and the hashes of their texts, as one string. */
  private telemetryStamp(): string {
    this.locations ??= this.scanSources();
    return sha1Hex(this.attachers.map((file) => `${file}\u0000${this.hashOf(file)}`).join('\n'));
  }

  /**
   * A module, of the test file or the project, that subscribes to mnesia's events (a change log
   * whose init/1 calls `:mnesia.subscribe({:table, Tab, :simple})`): mnesia tells it of a committed
   * write in a message, handled on its own time. Its name, or null when none does.
   */
  mnesiaSubscriber(local?: SourceFile): string | null {
    this.locations ??= this.scanSources();
    // The answer depends on every subscribing file, and on which files subscribe.
    this.recording?.set(MNESIA_EVENTS_KEY, [MNESIA_EVENTS_KEY, this.mnesiaStamp(), null]);
    const modules = [...(local ? modulesOfFile(local) : []), ...this.mnesiaSubscribers.flatMap((file) => this.modulesOfPath(file))];
    return modules.find((def) => calls(def.body).some(({ name }) => name === ':mnesia.subscribe'))?.name ?? null;
  }

  /** The files that subscribe to mnesia's events and the hashes of their texts, as one string. */
  private mnesiaStamp(): string {
    this.locations ??= this.scanSources();
    return sha1Hex(this.mnesiaSubscribers.map((file) => `${file}\u0000${this.hashOf(file)}`).join('\n'));
  }

  /** The first message a telemetry handler sends (`&__MODULE__.fun/4`, `&Mod.fun/4`, `fn … end`), its target as the module names it. */
  private handlerMessage(def: ModuleDef, handler: SyntaxNode, local?: SourceFile): { module: string; target: string; carrier: string; message: string | null } | null {
    const captured = /^&\s*(?:(__MODULE__|[A-Z][\w.]*)\.)?([a-z_]\w*[?!]?)\/(\d)$/.exec(handler.text);
    const owner = captured?.[1] && captured[1] !== '__MODULE__' ? this.module(captured[1], local) : def;
    const bodies = captured ? (owner ? clausesTaking(owner, captured[2]!, Number(captured[3])).flatMap(callsIn) : []) : handler.type === 'anonymous_function' ? calls(handler) : [];
    const home = captured ? owner : def;
    for (const { name, node } of bodies) {
      if (!(name in MESSAGE_CALLS)) continue;
      const [target, message] = callArguments(node);
      if (!target || !home) continue;
      return { module: home.name, target: target.text === '__MODULE__' ? home.name : target.text, carrier: name, message: message?.text ?? null };
    }
    // Or through a function of its module that casts: loomkin's metrics server, whose handlers hand
    // each update to private helpers that cast it to the server. Its parameters as they are named.
    if (!captured || !owner) return null;
    const [, , fun, arity] = captured;
    const own = clausesTaking(owner, fun!, Number(arity))[0];
    const through = own ? this.effectOf(owner.name, fun!, own.params.map((p) => p.pattern), local) : null;
    return through?.kind === 'message' ? { module: owner.name, target: through.target, carrier: through.via, message: through.message } : null;
  }

  /**
   * The plain sends (`send(pid, msg)`) in the bodies of `modules` and of the file's own modules
   * whose message a mailbox `pattern` may match: the same leading atom and, for tuples, the same
   * size and no literal that differs (expirable_store's stub, `send(pid, {:fetch, :local_eager,
   * node()})`, for `{:fetch, :local_eager, _}`). Where a message the test receives may come from.
   */
  sendsMatching(modules: readonly string[], pattern: string, local: SourceFile): SyntaxNode[] {
    const key = leadingAtom(pattern);
    if (!key) return [];
    const seen = new Set<number>();
    const found: SyntaxNode[] = [];
    for (const def of [...modulesOfFile(local), ...modules.map((name) => this.module(name, local))]) {
      if (!def || !def.body.text.includes(key)) continue;
      for (const { name, node } of calls(def.body)) {
        const message = SELF_SENDS.has(name) ? callArguments(node)[1]?.text : undefined;
        if (!message || seen.has(node.id) || leadingAtom(message) !== key || literalsDiffer(message, pattern) || tupleElements(message)?.length !== tupleElements(pattern)?.length) continue;
        seen.add(node.id);
        found.push(node);
      }
    }
    return found;
  }

  /**
   * Could `module.fun`, called with `arity` arguments, message its first argument, when effectOf
   * found no message? Yes for a function we cannot read, or one whose body calls code we do not
   * follow (another module's function, `transport.send(…)` on a variable). No when its first
   * parameter is a pattern no pid matches (`{:client, socket}`) or is named for data (bandit's
   * `SimpleHTTP1Client.send(socket, verb, …)`), or when we read all it does.
   */
  mayMessageFirstArgument(module: string, fun: string, arity: number, local?: SourceFile): boolean {
    const def = this.module(module, local);
    const clauses = def ? clausesTaking(def, fun, arity) : [];
    if (clauses.length === 0) return true;
    const mayBeProcess = (name: string | undefined) => name === undefined || (!name.startsWith('\u0000') && !NOT_A_PROCESS.test(name));
    return clauses.some((clause) => mayBeProcess(clause.params[0]?.name) && callsIn(clause).some(({ name, node }) => unfollowed(name, node)));
  }

  /** Where a bare function name may come from: the file's own modules, then those it imports or uses. */
  private definingModules(local: SourceFile): (ModuleDef | null)[] {
    // Once per file: every site asks again (the first asking records the dependencies).
    return local.memo(DEFINING_MODULES, () => this.findDefiningModules(local));
  }

  private findDefiningModules(local: SourceFile): (ModuleDef | null)[] {
    const imported = local.memo(IMPORTED_MODULES, () => importedModuleNames(local));
    const defs = imported.map((name) => this.module(name, local));
    // And what a case template it uses imports into it (hermes's `use Hermes.MCP.Case`, whose
    // `using` block does `import Hermes.MCP.Setup`).
    const templated = defs.flatMap((def) => (def ? usingImports(def) : [])).filter((name) => !imported.includes(name));
    return [...modulesOfFile(local), ...defs, ...templated.map((name) => this.module(name, local))];
  }

  /**
   * Every use of parameter `param` in the body of a clause of `fun` runs it in the caller, and
   * there is one. A use we cannot follow (stored in a map, returned) counts as running elsewhere.
   */
  private callsHere(clause: Clause, fun: string, param: string, def: ModuleDef, local: SourceFile, depth: number): boolean {
    const head = callArguments(clause.body)[0];
    let found = false;
    const stack = [clause.body];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.id === head?.id) continue;
      for (const child of node.namedChildren) stack.push(child);
      if (node.type !== 'identifier' || node.text !== param) continue;
      const here = this.useRunsHere(node, clause.body, fun, clause.params.length, def, local, depth);
      if (here === false) return false;
      if (here) found = true;
    }
    return found;
  }

  /** true: this use runs the function here; false: elsewhere, or we cannot tell; null: it only passes it back to `fun/arity` (a recursive call). */
  private useRunsHere(use: SyntaxNode, body: SyntaxNode, fun: string, arity: number, def: ModuleDef, local: SourceFile, depth: number): boolean | null {
    // In a macro's quote, `unquote(block)` stands where the caller's function goes.
    while (use.parent?.type === 'arguments' && use.parent.parent && callName(use.parent.parent) === 'unquote') use = use.parent.parent;
    const parent = use.parent!;
    // `fun |> capture_io() |> strip_ansi()` (hedwig's helper): piped in, it is the call's first argument.
    const pipe = parent.type === 'binary_operator' ? binaryParts(parent) : null;
    const piped = pipe?.op === '|>' && pipe.left.id === use.id && pipe.right.type === 'call' ? pipe.right : null;
    let runs: boolean;
    if (parent.type === 'dot' && parent.parent?.type === 'call' && !parent.childForFieldName('right')) runs = true;
    else if ((parent.type === 'arguments' && parent.parent?.type === 'call') || piped) {
      const call = piped ?? parent.parent!;
      const name = callName(call);
      const args = piped ? [use, ...callArguments(call)] : callArguments(call);
      const position = args.findIndex((a) => a.id === use.id);
      if (!name || SPAWNING_CALLS.has(name)) return false;
      // `with_db(fun), do: with_db(":memory:", fun)`: another arity is another function, followed as any other.
      // (Not ExUnit's own written out, `ExUnit.CaptureLog.capture_log(fun)` in a helper of that name:
      // callName gives it the bare name, but a qualified call is never the local function.)
      if (name === fun && args.length === arity && call.childForFieldName('target')?.type !== 'dot') return null;
      // `__MODULE__.in_fixture(…)` and, in a quote, `unquote(__MODULE__).in_fixture(…)` call this module.
      const own = /^(?:__MODULE__|unquote\(__MODULE__\))\.(.+)$/.exec(name)?.[1];
      runs =
        runsInCallerProcess(name) ||
        (own || !name.includes('.')
          ? this.localRunsArgument(def, own ?? name, position, args.length, local, depth + 1)
          : this.runsArgumentInCaller(resolvedIn(def, name), position, args.length, local, depth + 1));
    } else return false;
    // Inside `fn -> … end` in the body: only a function run in place keeps it here, Elixir's or the
    // project's own (rabbitmq's `with_channel` calls `fun.(chan)` inside the function it hands `with_connection`).
    for (let node: SyntaxNode | null = parent.parent; node && node.id !== body.id; node = node.parent) {
      if (node.type !== 'anonymous_function') continue;
      const owner = ownerCall(node);
      const name = owner ? callName(owner) : null;
      if (!name || !(runsInCallerProcess(name) || this.ownerRunsInPlace(owner!, name, node, def, local, depth))) return false;
    }
    return runs;
  }

  /** Does the project's function `name`, called as `owner`, run the function `fn` it is handed in the caller's process? */
  private ownerRunsInPlace(owner: SyntaxNode, name: string, fn: SyntaxNode, def: ModuleDef, local: SourceFile, depth: number): boolean {
    if (depth > 3) return false;
    const args = callArguments(owner);
    const position = args.findIndex((a) => a.id === fn.id);
    const own = /^(?:__MODULE__|unquote\(__MODULE__\))\.(.+)$/.exec(name)?.[1];
    return own || !name.includes('.') ? this.localRunsArgument(def, own ?? name, position, args.length, local, depth + 1) : this.runsArgumentInCaller(resolvedIn(def, name), position, args.length, local, depth + 1);
  }

  /** A bare call inside a module's function: that module's own function first, then the file's view. */
  private localRunsArgument(def: ModuleDef, fun: string, position: number, arity: number, local: SourceFile, depth: number): boolean {
    const param = parameterFor(def, fun, position, arity);
    if (param) return depth <= 3 && this.callsHere(param.clause, fun, param.name, def, local, depth);
    return this.runsArgumentInCaller(fun, position, arity, local, depth);
  }

  /**
   * Notes every lookup outside the asking file from now until the returned function is called,
   * which gives them back. A new recording replaces one that was never stopped (a file that threw).
   */
  recordDependencies(): () => ModuleDependency[] {
    const recording = new Map<string, ModuleDependency>();
    this.recording = recording;
    return () => {
      this.recording = null;
      return [...recording.values()];
    };
  }

  /** Would each lookup give the same answer today: the same file, with the same text? */
  unchanged(dependencies: readonly ModuleDependency[]): boolean {
    return dependencies.every(([module, file, hash]) => (module === TELEMETRY_KEY ? this.telemetryStamp() === file : module === LIVE_EVENTS_KEY ? this.eventStamp() === file : module === MNESIA_EVENTS_KEY ? this.mnesiaStamp() === file : this.fileFor(module) === file && (file === null || this.hashOf(file) === hash)));
  }

  private fileFor(key: string): string | null {
    if (key.startsWith(TEST_HELPER_KEY)) return this.testHelperFrom(key.slice(TEST_HELPER_KEY.length));
    if (key.startsWith(MIX_KEY)) return this.nearestFrom(key.slice(MIX_KEY.length), 'mix.exs', this.mixAt);
    return this.findFile(key);
  }

  /**
   * Does a plain `mix test` run the tests of this file (relative to the root)? ExUnit loads the
   * files under test/ that match its test pattern, `*_test.exs` unless the project's mix.exs sets
   * `test_pattern`: a `test/matchers.exs` full of tests (hound's) never runs. Yes when in doubt (a
   * mix.exs that sets a pattern, or none found). Recorded as a dependency on that mix.exs.
   */
  runByMixTest(rel: string): boolean {
    if (rel.endsWith('_test.exs')) return true;
    const dir = dirname(join(this.root, rel));
    const file = this.nearestFrom(dir, 'mix.exs', this.mixAt);
    this.recording?.set(`${MIX_KEY}${dir}`, [`${MIX_KEY}${dir}`, file, file === null ? null : this.hashOf(file)]);
    return file === null || /\btest_pattern\b/.test(this.read(file) ?? 'test_pattern');
  }

  /**
   * The OTP application the project over a test file (relative to the root) defines: the `app:` its
   * nearest mix.exs names (`app: :roger`), or null. Recorded as a dependency on that mix.exs.
   */
  ownApplication(rel: string): string | null {
    const dir = dirname(join(this.root, rel));
    const file = this.nearestFrom(dir, 'mix.exs', this.mixAt);
    this.recording?.set(`${MIX_KEY}${dir}`, [`${MIX_KEY}${dir}`, file, file === null ? null : this.hashOf(file)]);
    return file === null ? null : (/\bapp:\s*:(\w+)/.exec(this.read(file) ?? '')?.[1] ?? null);
  }

  /**
   * The tags the test_helper.exs over a test file (relative to the root) leaves out of a plain
   * `mix test`: the nearest one above it, within the project. Recorded as a dependency, so a cached
   * answer goes stale when that file changes.
   */
  excludedTags(rel: string): ExcludedTag[] {
    const dir = dirname(join(this.root, rel));
    const file = this.testHelperFrom(dir);
    this.recording?.set(`${TEST_HELPER_KEY}${dir}`, [`${TEST_HELPER_KEY}${dir}`, file, file === null ? null : this.hashOf(file)]);
    if (file === null) return [];
    let tags = this.excluded.get(file);
    if (!tags) this.excluded.set(file, (tags = excludedTagsIn(this.read(file) ?? '')));
    return tags;
  }

  /** The nearest test_helper.exs at or above `dir`, no higher than the root. */
  private testHelperFrom(dir: string): string | null {
    return this.nearestFrom(dir, 'test_helper.exs', this.helperAt);
  }

  /** The nearest file named `name` at or above `dir`, no higher than the root; `seen` keeps the answers. */
  private nearestFrom(dir: string, name: string, seen: Map<string, string | null>): string | null {
    let found = seen.get(dir);
    if (found !== undefined) return found;
    const here = join(dir, name);
    const parent = dirname(dir);
    found = existsSync(here) ? here : dir === this.root || parent === dir || !dir.startsWith(this.root) ? null : this.nearestFrom(parent, name, seen);
    seen.set(dir, found);
    return found;
  }

  private module(name: string, local?: SourceFile): ModuleDef | null {
    const inFile = local ? modulesOfFile(local).find((m) => m.name === name || m.name.endsWith(`.${name}`)) : undefined;
    if (inFile) return inFile;
    const file = this.findFile(name);
    if (!file) {
      this.recording?.set(name, [name, null, null]);
      return null;
    }
    const defs = this.modulesOfPath(file);
    this.recording?.set(name, [name, file, this.hashOf(file)]);
    const def = defs.find((m) => m.name === name) ?? defs.find((m) => m.name.endsWith(`.${name}`)) ?? null;
    // A module found by the end of its name, which the file aliases under another name
    // (circuits_sim's `alias CircuitsSim.Device.SGP30, as: SGP30Sim`): the bare `SGP30` there is
    // another module, the dependency the simulator stands in for.
    if (def && def.name !== name && local && local.aliasesOf(def.name).some((short) => short !== name)) return null;
    return def;
  }

  /** The modules a project file defines, parsed once. */
  private modulesOfPath(file: string): ModuleDef[] {
    let defs = this.parsed.get(file);
    if (!defs) {
      const text = this.read(file);
      try {
        defs = text === null ? [] : modulesIn(parseElixir(text).rootNode);
      } catch {
        defs = [];
      }
      this.parsed.set(file, defs);
    }
    return defs;
  }

  /** A project file's text, null when it cannot be read; its hash is kept for the cache ('' for unreadable). */
  private read(file: string): string | null {
    let text: string | null = null;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // Counted as defining no modules.
    }
    this.hashes.set(file, text === null ? '' : sha1Hex(text));
    return text;
  }

  private hashOf(file: string): string {
    if (!this.hashes.has(file)) this.read(file);
    return this.hashes.get(file)!;
  }

  /**
   * The file defining `module`. A name no module has exactly may be a short one an alias made
   * where we do not look (`TestUtils`, aliased to `Logflare.TestUtils` in a case template's
   * `using` block): the one module whose name ends in it, if only one does.
   */
  private findFile(module: string): string | null {
    this.locations ??= this.scanSources();
    const file = this.locations.get(module);
    if (file !== undefined) return file;
    let short = this.shortNames.get(module);
    if (short === undefined) {
      const matches = [...this.locations.keys()].filter((name) => name.endsWith(`.${module}`));
      short = matches.length === 1 ? matches[0]! : null;
      this.shortNames.set(module, short);
    }
    return short === null ? null : this.locations.get(short)!;
  }

  /** module name → file, from a text search of the project's sources (no parsing). */
  private scanSources(): Map<string, string> {
    const map = new Map<string, string>();
    let budget = MAX_FILES;
    const walk = (dir: string, depth: number) => {
      if (depth > 8 || budget <= 0) return;
      for (const entry of entriesOf(dir)) {
        if (entry.name === 'deps' || entry.name === '_build' || entry.name.startsWith('.')) continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path, depth + 1);
        else if (entry.isFile() && entry.name.endsWith('.ex') && budget-- > 0) note(path);
      }
    };
    const note = (path: string) => {
      let text: string;
      try {
        if (statSync(path).size > 1_000_000) return;
        text = readFileSync(path, 'utf8');
      } catch {
        return;
      }
      for (const name of definedModules(text)) if (!map.has(name)) map.set(name, path);
      if (text.includes(':telemetry.attach')) this.attachers.push(path);
      if (text.includes('handle_event(')) this.eventHandlers.push(path);
      if (text.includes(':mnesia.subscribe')) this.mnesiaSubscribers.push(path);
    };
    for (const root of mixProjects(this.root)) {
      // elixirc_paths may list a file as well as directories (que's "test/support.ex").
      for (const dir of sourceDirs(root)) (dir.endsWith('.ex') ? note : (path: string) => walk(path, 0))(join(root, dir));
      // Helper modules are often defined right in the test helper.
      if (existsSync(join(root, TEST_HELPER))) note(join(root, TEST_HELPER));
    }
    return map;
  }
}

/**
 * Where a Mix project compiles its modules for the tests: lib/ and test/support/, and what its
 * mix.exs lists in `elixirc_paths(:test)` (chromic_pdf's `["lib", "test"]` reaches the servers in
 * test/integration/support/ that the tests start), or a single file there (que's "test/support.ex"),
 * inside the project.
 */
function sourceDirs(root: string): string[] {
  let mix: string;
  try {
    mix = readFileSync(join(root, 'mix.exs'), 'utf8');
  } catch {
    return SOURCE_DIRS;
  }
  const listed = TEST_PATHS.exec(mix)?.[1] ?? '';
  const dirs = [...listed.matchAll(/"([^"\\]+)"/g)].map((m) => m[1]!.replace(/\/+$/, '')).filter((dir) => !dir.split('/').includes('..') && !dir.startsWith('/'));
  return [...new Set([...SOURCE_DIRS, ...dirs])];
}

/** The list `elixirc_paths(:test)` returns in a mix.exs: `defp elixirc_paths(:test), do: ["lib", "test/support"]`. */
const TEST_PATHS = /defp?\s+elixirc_paths\(\s*:test\s*\)\s*(?:,\s*do:|do)\s*\[([^\]]*)\]/;

/** A directory's entries; none when it cannot be read (missing, or no permission). */
function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Directories never searched for Mix projects: dependencies, build output, and the trees a project's own lib/ and test/ hold. */
const NOT_PROJECTS = new Set(['deps', '_build', 'node_modules', 'lib', 'test', 'priv', 'assets']);

/**
 * The root and every Mix project below it, a few levels down: an umbrella's apps/*, and the
 * sibling projects of a repository that holds several (grpc/, grpc_server/, each with a mix.exs).
 * Its modules are looked up in each one's lib/, test/support/ and test/test_helper.exs.
 */
function mixProjects(root: string): string[] {
  const projects = [root];
  const apps = join(root, 'apps');
  const visit = (dir: string, depth: number) => {
    for (const entry of entriesOf(dir)) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || NOT_PROJECTS.has(entry.name)) continue;
      const path = join(dir, entry.name);
      // An umbrella's apps count even before their mix.exs is written.
      if (existsSync(join(path, 'mix.exs')) || dir === apps) projects.push(path);
      if (depth < 3) visit(path, depth + 1);
    }
  };
  visit(root, 1);
  return projects;
}

const BRANCHES = new Set(['case', 'if', 'unless', 'cond', 'with']);

/** Calls that start an operating-system program and return at once, while it boots. */
const OPENS_PORT = new Set(['Port.open', ':erlang.open_port']);

/** Timers a process arms to message itself later. */
// Old code writes `self` bare (poolgirl's `:erlang.send_after(overflow_ttl, self, {:reap_worker, pid})`).
const OWN_PID = /^self(?:\(\))?$/;
const SELF_TIMERS = /^(?:Process\.send_after|:erlang\.send_after)$/;

/** A callback's answer that arms the gen_server timeout: `{:ok, state, 100}`, `{:noreply, %{s | x: 1}, 1_000}`. */
/** A `:gen_statem` timeout action: `{:state_timeout, 2_000, :reset}`, `{:timeout, @idle, :idle}`, `{{:timeout, :hold}, 500, nil}`. */
const STATEM_TIMEOUT = /\{\s*(?::state_timeout|:timeout|\{\s*:timeout\s*,[^{}]*\})\s*,\s*(\d[\d_]*|@[a-z_]\w*)\s*,[^{}]*\}/g;
/** The same, its time anything but `:cancel` or `:infinity`: `{{:timeout, :ping}, data.ping, :send_ping}`. */
const ANY_STATEM_TIMEOUT = /\{\s*(?::state_timeout|\{\s*:timeout\s*,[^{}]*\})\s*,\s*(?!:cancel\b|:infinity\b)[^,{}]+,[^{}]*\}/;
/** A handler's answer with a timeout: `{:noreply, state, 200}`, `{:noreply, s, @idle}`, `{:reply, r, s, timeout}` (not `:hibernate` or `:infinity`). */
const HANDLER_TIMEOUT = /\{\s*:(?:noreply\s*,[^{}]*(?:\{[^{}]*\}[^{}]*)*|reply\s*,[^{}]*(?:\{[^{}]*\}[^{}]*)*,[^{}]*(?:\{[^{}]*\}[^{}]*)*),\s*(?!:hibernate\b|:infinity\b)(\d[\d_]*|@[a-z_]\w*|[a-z_]\w*timeout\w*)\s*\}/;
const IDLE_TIMEOUT_TUPLE = /\{\s*:(?:ok|noreply)\s*,[^{}]*(?:\{[^{}]*\}[^{}]*)*,\s*(\d[\d_]*)\s*\}/;

/**
 * File watchers: an operating-system watcher behind a port (inotifywait, fsevents) that arms its
 * watches on its own time after the start returns (volt's `Volt.Watcher.init/1` starts one per
 * directory, and its tests sleep before they write).
 */
const FILE_WATCHERS = new Set(['FileSystem.start_link', 'FileSystem.start', ':fs.start_link', ':fs.start_looper']);

/**
 * Does code at `node` run for this child spec? Unconditional code does. Code in a
 * `case opts[:load] do :task -> … end` clause does when the spec says `load: :task`, and so does
 * code under a variable read from the options first (teslamate's `check_after = opts[:check_after]
 * || …`, then `case check_after do 0 -> …`, for `check_after: 0`), or by the option's default when
 * the spec leaves it out; with `catchAll`, a catch-all clause after literal ones when none of them is
 * that value (caseClauseTaken); any other branch is unknown, and counted as not taken.
 */
function branchTaken(node: SyntaxNode, within: SyntaxNode, childSpec: string, catchAll = false): boolean {
  let clause: SyntaxNode | null = null;
  for (let n = node.parent; n && n.id !== within.id; n = n.parent) {
    if (n.type === 'stab_clause') clause = n;
    if (n.type !== 'call' || !BRANCHES.has(callName(n) ?? '')) continue;
    const subject = callArguments(n)[0];
    const key = subject && optionKey(subjectRead(subject, within));
    const pattern = clause?.childForFieldName('left')?.text;
    if (callName(n) === 'if' || callName(n) === 'unless') {
      if (!ifTaken(n, within, childSpec)) return false;
      clause = null;
      continue;
    }
    if (callName(n) !== 'case' || !key || !pattern || !clause) return false;
    if (!caseClauseTaken(clause, pattern, optionValue(subjectRead(subject, within), key, childSpec), catchAll)) return false;
    clause = null;
  }
  return true;
}

/** What a branch's subject reads: the expression, or what a variable of it was bound to first. */
function subjectRead(subject: SyntaxNode, within: SyntaxNode): string {
  return subject.type === 'identifier' ? (boundIn(within, subject.text) ?? '') : subject.text;
}

const LITERAL_PATTERN = /^(?::\w+|\d[\d_]*|true|false|nil)$/;

/**
 * Does the `case` clause `clause`, whose pattern is `pattern`, take the option's `value`? A literal
 * pattern when it is that value; with `catchAll`, a catch-all (`_`, `_mode`, `other`) when every
 * clause before it is a literal and none is that value (an `init/1` whose `case opts[:fill] do :now
 * -> … ; _ -> {:ok, s, {:continue, :fill}} end` continues for a spec that leaves `fill:` out); a
 * guard listing literals (guardedLiterals) when the value is among them and no clause before takes
 * it. Unknown (a value that is no literal, any other guard or pattern): not taken. Only deferredWork asks about
 * catch-alls: a timer a catch-all arms (teslamate's `ms -> Process.send_after(self(), :restock,
 * ms)`) would count as work started whatever its delay, which initStartsAsyncWork does not weigh.
 */
function caseClauseTaken(clause: SyntaxNode, pattern: string, value: string, catchAll: boolean): boolean {
  if (!LITERAL_PATTERN.test(value)) return false;
  if (LITERAL_PATTERN.test(pattern)) return pattern === value;
  // As literal clauses, so for timers too: the guard names every value the clause takes.
  const guarded = guardedLiterals(pattern);
  if (guarded) return guarded.includes(value) && noEarlierClauseTakes(clause, value);
  if (!catchAll || !/^_?[a-z_]\w*$/.test(pattern)) return false;
  return noEarlierClauseTakes(clause, value);
}

/**
 * Does no clause before `clause` take `value`, each known not to: a literal that is another value,
 * or a guard listing others (guardedLiterals)? Any other earlier pattern may take it: false.
 */
function noEarlierClauseTakes(clause: SyntaxNode, value: string): boolean {
  const before = clause.parent?.namedChildren.filter((c) => c.type === 'stab_clause' && c.startIndex < clause.startIndex) ?? [];
  return before.every((c) => {
    const earlier = c.childForFieldName('left')?.text ?? '';
    const listed = LITERAL_PATTERN.test(earlier) ? [earlier] : guardedLiterals(earlier);
    return !!listed && !listed.includes(value);
  });
}

/**
 * The literals a guarded clause takes, when its guard lists them: `mode when mode in [:lazy,
 * :background]`, `mode when mode == :lazy`. Null for any other pattern or guard (`is_atom(mode)`,
 * `mode in @modes`, a guard joined with `and`): which values it takes is not read.
 */
function guardedLiterals(pattern: string): string[] | null {
  const guard = /^([a-z_]\w*)\s+when\s+\1\s+(?:in\s+\[([^[\]]*)\]|===?\s*(\S+))$/.exec(pattern.trim());
  if (!guard) return null;
  const values = guard[3] !== undefined ? [guard[3]] : guard[2]!.split(',').map((v) => v.trim());
  return values.every((v) => LITERAL_PATTERN.test(v)) ? values : null;
}

/**
 * The value the option `key` has for this child spec, as text: what the spec gives it, or else the
 * default the read names (`opts[:x] || 5`, `Keyword.get(opts, :x, 5)`), or `nil`.
 */
function optionValue(read: string, key: string, childSpec: string): string {
  const given = new RegExp(`\\b${key}:\\s*([^,\\]}\\s]+)`).exec(childSpec)?.[1];
  return given ?? /(?:\|\||,)\s*([^,)\s]+)\s*\)?\s*$/.exec(read)?.[1] ?? 'nil';
}

/**
 * Does the `if` (or `unless`) `branch` run its `do` for this child spec? On an option (`if interval =
 * opts[:check_interval]`, `if autorun` after `autorun = Keyword.get(opts, :autorun, true)`), as the
 * spec or else the default sets it; on anything else (`if Application.get_env(:app, :boot, true)`),
 * it may: counted as taken. Code in its `else` is read as taken too.
 */
function ifTaken(branch: SyntaxNode, within: SyntaxNode, childSpec: string): boolean {
  const condition = callArguments(branch)[0];
  if (!condition) return true;
  const assigned = binaryParts(condition);
  const read = assigned?.op === '=' ? assigned.right.text : condition.type === 'identifier' ? (boundIn(within, condition.text) ?? '') : condition.text;
  const key = optionKey(read);
  if (!key) return true;
  const value = optionValue(read, key, childSpec);
  const truthy = value !== 'nil' && value !== 'false';
  return callName(branch) === 'if' ? truthy : !truthy;
}

/** The option key an expression reads first: `opts[:load]`, `Keyword.get(opts, :load, …)`, `Keyword.fetch!(opts, :load)`, with `|| default` too. */
function optionKey(expression: string): string | null {
  const key = /^\w+\[:(\w+)\](?:\s*\|\||$)|^Keyword\.(?:get|fetch!)\(\w+, :(\w+)/.exec(expression);
  return key ? (key[1] ?? key[2])! : null;
}

/** What `name = …` binds it to among the top statements of a function clause, as text, or null. */
function boundIn(clause: SyntaxNode, name: string): string | null {
  return boundValueIn(clause, name)?.text ?? null;
}

/** The same, the value itself. */
function boundValueIn(clause: SyntaxNode, name: string): SyntaxNode | null {
  const block = doBlockOf(clause);
  for (const statement of block ? statementsOf(block) : []) {
    const bound = binaryParts(statement);
    if (bound?.op === '=' && bound.left.text === name) return bound.right;
  }
  return null;
}

/**
 * The events and handler of each attach a telemetry attach stands for: its own arguments, or, inside
 * a `for` whose generator takes them from tuples, those of each tuple in the list it walks, written
 * there or bound in the function first (loomkin's metrics server lists its handlers as `{id, event,
 * capture}` tuples and attaches each in a loop, from a private function its init/1 calls).
 */
function attachedHandlers(attach: SyntaxNode, events: SyntaxNode, handler: SyntaxNode): [SyntaxNode, SyntaxNode][] {
  const walked = handler.type === 'identifier' ? generatorBinding(attach, handler.text) : null;
  if (!walked) return [[events, handler]];
  const names = walked.pattern.namedChildren.map((element) => element.text);
  const at = (tuple: SyntaxNode, node: SyntaxNode) => (node.type === 'identifier' && names.includes(node.text) ? tuple.namedChildren[names.indexOf(node.text)] : node);
  return walked.list.namedChildren
    .filter((tuple) => tuple.type === 'tuple' && tuple.namedChildren.length === names.length)
    .map((tuple) => [at(tuple, events)!, at(tuple, handler)!]);
}

/**
 * The `for` around `node`, in its function, whose generator takes `name` from a tuple (`{id, event,
 * fun} <- handlers`), with the list it walks: written in the generator, or bound to its name among
 * the function's statements.
 */
function generatorBinding(node: SyntaxNode, name: string): { pattern: SyntaxNode; list: SyntaxNode } | null {
  for (let up = node.parent; up; up = up.parent) {
    if (up.type !== 'call') continue;
    const called = callName(up);
    if (called && DEFINING_CALLS.has(called)) return null;
    if (called !== 'for') continue;
    const generator = callArguments(up).map(binaryParts).find((parts) => parts?.op === '<-' && parts.left.type === 'tuple' && parts.left.namedChildren.some((element) => element.text === name));
    if (!generator) continue;
    let list: SyntaxNode | null = generator.right;
    if (list.type === 'identifier') {
      let definition: SyntaxNode | null = up.parent;
      while (definition && !(definition.type === 'call' && DEFINING_CALLS.has(callName(definition) ?? ''))) definition = definition.parent;
      list = definition ? boundValueIn(definition, list.text) : null;
    }
    return list?.type === 'list' ? { pattern: generator.left, list } : null;
  }
  return null;
}

/**
 * The modules a source defines, by a text search: nested ones under their full name too, found by
 * their indentation (que's `defmodule Helpers do` inside `defmodule Que.Test.Meta do` is
 * `Que.Test.Meta.Helpers`), and under the name written, as before.
 */
function definedModules(text: string): string[] {
  const names: string[] = [];
  const open: { indent: number; name: string }[] = [];
  // Not an example in a heredoc (vsm's `@moduledoc` showing `defmodule VsmPhoenix.System3.Control do`):
  // the text search would take that file for the module's.
  const code = text.includes('"""') || text.includes("'''") ? text.replace(/"""[\s\S]*?"""|'''[\s\S]*?'''/g, '""') : text;
  for (const match of code.matchAll(/^([ \t]*)defmodule\s+([A-Z][\w.]*)\s+do\b/gm)) {
    const indent = match[1]!.length;
    while (open.length > 0 && open.at(-1)!.indent >= indent) open.pop();
    const written = match[2]!;
    const full = open.length > 0 ? `${open.at(-1)!.name}.${written}` : written;
    open.push({ indent, name: full });
    names.push(full);
    if (full !== written) names.push(written);
  }
  return names;
}

function modulesIn(root: SyntaxNode): ModuleDef[] {
  const found: ModuleDef[] = [];
  const visit = (container: SyntaxNode, prefix: string) => {
    for (const statement of container.namedChildren) {
      const kind = callName(statement);
      // A module for an optional dependency: `if Code.ensure_loaded?(Redix) do defmodule … end end`.
      if (kind === 'if' || kind === 'unless') {
        const block = doBlockOf(statement);
        if (block?.text.includes('defmodule')) visit(block, prefix);
        continue;
      }
      if (statement.type === 'else_block') visit(statement, prefix);
      if (kind !== 'defmodule') continue;
      const alias = callArguments(statement)[0]?.text;
      const block = doBlockOf(statement);
      if (!alias || !block) continue;
      // Nested, `defmodule Helpers.App` inside `defmodule Que.Test.Meta` is `Que.Test.Meta.Helpers.App`.
      const name = prefix ? `${prefix}.${alias}` : alias;
      found.push({ name, body: block });
      // Nested modules are rare: a body whose text names none is not gone through statement by statement.
      if (block.text.includes('defmodule')) visit(block, name);
    }
  };
  visit(root, '');
  return found;
}

/** Ways an init/1 messages its own process. */
/** Starts of a process that answer `{:ok, pid}`. */
const SERVER_START = /^(?:GenServer|GenStage|Agent|Supervisor|:gen_server|:gen_statem|GenStateMachine)\.start(?:_link)?$/;
/** A supervisor's start, and a child spec that says it starts one. */
const SUPERVISOR_START = /^(?:Supervisor|DynamicSupervisor|:supervisor)\.start_link$/;
const SUPERVISOR_TYPE = /\btype:\s*:supervisor\b/;

/** Work init/1 left to the process itself: the callback that does it and the message it is handed, when it can be read. */
export interface DeferredWork {
  callback: 'handle_continue' | 'handle_info' | 'handle_cast';
  message: string | null;
}

const TO_ITSELF = new Set(['send', 'Kernel.send', 'Process.send', 'GenServer.cast']);

/**
 * Timer calls that go on acting after init/1 returns: a message later (`Process.send_after`, the
 * runtime's `:erlang.send_after` and `:erlang.start_timer`), or a function run later in a process of
 * the timer server's (gyulhap's game server, `:timer.apply_interval(1000, Timer, :tick, [])`).
 */
const INIT_TIMERS = /^(?:Process\.send_after|:timer\.(?:send|apply)_(?:after|interval)|:erlang\.(?:send_after|start_timer))$/;

/** How many of a module's own functions deep init/1's work is followed (init calls a helper that calls another). */
const HELPER_DEPTH = 2;

interface Clause {
  params: { name: string; default?: string; pattern: string }[];
  body: SyntaxNode;
  /** The calls in its body (read on the first question). */
  calls?: { name: string; node: SyntaxNode }[];
}

/** The callbacks a server runs on its own time, after the call that set them off has returned. */
const ASYNC_CALLBACKS = ['handle_cast', 'handle_info', 'handle_continue'] as const;

/** Does every answer of a handle_info/handle_cast `clause` hand back the state it got (`{:noreply, state}`), and none stop? */
function answersStateAsGot(clause: Clause): boolean {
  const state = stateName(clause);
  const answers = clause.body.descendantsOfType('tuple').filter((tuple) => /^:(?:noreply|stop)$/.test(tuple.namedChildren[0]?.text ?? ''));
  return state !== undefined && answers.length > 0 && answers.every((tuple) => tuple.namedChildren[0]!.text === ':noreply' && tuple.namedChildren.length === 2 && tuple.namedChildren[1]!.text === state);
}

/** The state as a callback's clause names it: `state`, or the name bound beside a pattern (`%{table: table} = state`). */
function stateName(clause: Clause): string | undefined {
  const pattern = clause.params.at(-1)?.pattern ?? '';
  return /^([a-z]\w*)$/.exec(pattern)?.[1] ?? /=\s*([a-z]\w*)$/.exec(pattern)?.[1] ?? /^([a-z]\w*)\s*=/.exec(pattern)?.[1];
}

/** The names the state's pattern binds to its fields, name → field: `%{nodes: nodes, started: s} = state` gives nodes → nodes, s → started. */
function fieldsBoundByState(clause: Clause): Map<string, string> {
  const head = definitionHead(clause.body);
  const last = head?.type === 'call' ? callArguments(head).at(-1) : undefined;
  const parts = last ? binaryParts(untypedParameter(last)) : null;
  const pattern = parts?.op === '=' ? (parts.left.type === 'map' ? parts.left : parts.right) : last ? untypedParameter(last) : null;
  const bound = new Map<string, string>();
  if (pattern?.type !== 'map') return bound;
  for (const pair of pattern.descendantsOfType('pair')) {
    const [key, value] = pair.namedChildren;
    if (pair.parent?.parent?.parent?.id === pattern.id && key && value?.type === 'identifier') bound.set(value.text, key.text.replace(/:\s*$/, ''));
  }
  return bound;
}

/** Do two replies answer the same part of the state? */
function sameView(a: StateView, b: StateView): boolean {
  if (a.of === 'field' && b.of === 'field') return a.field === b.field;
  if (a.of === 'map' && b.of === 'map') return a.keys.size === b.keys.size && [...a.keys].every(([key, field]) => b.keys.get(key) === field);
  return a.of === b.of;
}

/**
 * The fields `node` writes into a state: a map update (`%{state | a: 1, b: 2}`, `%Mod{state | a: 1}`),
 * `Map.put(state, :a, …)`, or, inside `body`, a name bound to one of those. Empty for anything else.
 */
function updatedFields(node: SyntaxNode, body: SyntaxNode | null): string[] {
  if (node.type === 'map') {
    const update = node.namedChildren.find((c) => c.type === 'map_content')?.namedChildren.map(binaryParts).find((parts) => parts?.op === '|');
    return update ? update.right.descendantsOfType('pair').filter((pair) => pair.parent?.id === update.right.id).map((pair) => pair.namedChildren[0]!.text.replace(/:\s*$/, '')) : [];
  }
  if (node.type === 'call' && /^Map\.put$/.test(callName(node) ?? '')) {
    const key = argumentsAsRun(node)[1];
    return key?.type === 'atom' ? [key.text.slice(1)] : [];
  }
  if (node.type === 'identifier' && body) {
    const binding = body.descendantsOfType('binary_operator').map(binaryParts).find((parts) => parts?.op === '=' && parts.left.text === node.text);
    return binding ? updatedFields(binding.right, null) : [];
  }
  return [];
}

/**
 * The clauses of `callbacks` that may handle `message` (all of them when it is unknown). A clause
 * whose literals differ from the message's (`…, true, _meta}` for `…, true, false, %{}}`) handles another.
 */
function handlerClauses(def: ModuleDef, callbacks: readonly string[], message: string | null): { callback: string; clause: Clause }[] {
  const handles = (pattern: string | null) => sameMessage(message, pattern) && !literalsDiffer(message, pattern);
  return callbacks.flatMap((callback) => [
    ...functionClauses(def, callback)
      .filter((clause) => handles(clause.params[0]?.pattern ?? null))
      .map((clause) => ({ callback, clause })),
    // A gen_statem's `handle_event(:info, msg, state, data)` (archethic's connection) handles what
    // handle_info would; `:cast` and `{:call, from}` likewise.
    ...(EVENT_TYPE[callback]
      ? functionClauses(def, 'handle_event')
          .filter((clause) => EVENT_TYPE[callback]!.test(clause.params[0]?.pattern ?? '') && handles(clause.params[1]?.pattern ?? null))
          .map((clause) => ({ callback, clause }))
      : []),
    // Or a state function's (`def idle({:call, from}, msg, data)`), in a machine of that callback mode.
    ...(EVENT_TYPE[callback]
      ? stateFunctionClauses(def)
          .filter((clause) => EVENT_TYPE[callback]!.test(clause.params[0]?.pattern ?? '') && handles(clause.params[1]?.pattern ?? null))
          .map((clause) => ({ callback, clause }))
      : []),
  ]);
}

/** The callbacks of an OTP behaviour taking three arguments, never a gen_statem's state functions. */
const OTP_CALLBACKS = /^(?:init|terminate|code_change|format_status|handle_\w+|callback_mode|child_spec|start_link|start)$/;

/**
 * A gen_statem's callback mode (`def callback_mode, do: [:state_functions, :state_enter]`, or a
 * `use GenStateMachine` whose default is `:state_functions`): does it call a function named for each
 * state, and does it run that state's `:enter` clause on entry? Null when the module is no state machine.
 */
function statemMode(def: ModuleDef): { stateFunctions: boolean; stateEnter: boolean } | null {
  const modeOf = (text: string) => ({ stateFunctions: /:state_functions\b/.test(text), stateEnter: /:state_enter\b/.test(text) });
  const defined = definingStatements(def.body).find((statement) => DEFINING_CALLS.has(callName(statement) ?? '') && /^callback_mode\b/.test(definitionHead(statement)?.text ?? ''));
  if (defined) return modeOf(defined.text);
  const used = definingStatements(def.body).find((statement) => callName(statement) === 'use' && callArguments(statement)[0]?.text === 'GenStateMachine');
  if (!used) return null;
  return /callback_mode:/.test(used.text) ? modeOf(used.text) : { stateFunctions: true, stateEnter: false };
}

/**
 * The state functions of a machine in `:state_functions` mode: the public three-argument clauses
 * named for a state (`def idle(:cast, msg, data)`), which handle what handle_event/4's clauses would.
 */
function stateFunctionClauses(def: ModuleDef): Clause[] {
  if (!statemMode(def)?.stateFunctions) return [];
  def.clauses ??= clausesByName(def.body);
  return [...def.clauses].filter(([name]) => !OTP_CALLBACKS.test(name)).flatMap(([, clauses]) => clauses.filter((clause) => clause.params.length === 3));
}

/**
 * The `:enter` clauses a machine with state enter calls runs when `clause` moves it to another
 * state (`{:next_state, :armed, data, …}`): the state function's `armed(:enter, _old, data)`, or
 * `handle_event(:enter, _old, :armed, data)`. What they arm, the call set off too.
 */
function enteredStateClauses(def: ModuleDef, clause: Clause): Clause[] {
  if (!statemMode(def)?.stateEnter) return [];
  const states = [...clause.body.text.matchAll(/\{\s*:next_state\s*,\s*:(\w+)\s*,/g)].map((m) => m[1]!);
  return states.flatMap((state) => [
    ...functionClauses(def, state).filter((c) => c.params.length === 3 && c.params[0]!.pattern === ':enter'),
    ...functionClauses(def, 'handle_event').filter((c) => c.params[0]?.pattern === ':enter' && (c.params[2]?.pattern === `:${state}` || /^_/.test(c.params[2]?.pattern ?? ''))),
  ]);
}

/** The event type a gen_statem's `handle_event/4` gets for what each GenServer callback handles. */
const EVENT_TYPE: Readonly<Record<string, RegExp>> = { handle_info: /^:info$/, handle_cast: /^:cast$/, handle_call: /^\{\s*:call\s*,/, handle_internal: /^:internal$/ };

/** The clauses of `fun` that `arity` arguments can call: enough parameters, defaults filling the rest. */
/** `defdelegate fun(a, b), to: Other, as: :other_name` of `def` at that arity: where the call goes. */
function delegateOf(def: ModuleDef, fun: string, arity: number): { to: string; as: string } | null {
  for (const statement of definingStatements(def.body)) {
    if (callName(statement) !== 'defdelegate') continue;
    const [head, options] = callArguments(statement);
    const params = head?.type === 'call' ? callArguments(head) : [];
    const required = params.filter((p) => binaryParts(p)?.op !== '\\\\').length;
    if (head?.type !== 'call' || callName(head) !== fun || arity < required || arity > params.length || options?.type !== 'keywords') continue;
    const option = (key: string) => options.namedChildren.find((pair) => pair.childForFieldName('key')?.text.replace(/:\s*$/, '') === key)?.childForFieldName('value')?.text;
    const to = option('to');
    if (!to || !/^(?:__MODULE__|[A-Z][\w.]*)$/.test(to)) return null;
    return { to, as: option('as')?.replace(/^:/, '') ?? fun };
  }
  return null;
}

/**
 * The clause a call with `args` runs: the first, past one that takes `nil` where the caller hands
 * something else (loomkin's metrics helper for a session, which returns `:ok` for a missing id and
 * casts in its next clause): the fallback for a missing value says nothing of what a call with a real one does.
 * Past one whose patterns cannot take the arguments either: commanded's test calls
 * `Handler.handle_info({:events, recorded}, state)` directly, and the first clause, `handle_info(:reset,
 * state)`, resubscribes and arms a retry timer that the events clause never does.
 */
function clauseTaken(clauses: readonly Clause[], args: readonly string[]): Clause | undefined {
  const takes = (clause: Clause) => !clause.params.some((p, at) => (p.pattern === 'nil' && args[at] !== undefined && args[at] !== 'nil') || patternRefuses(p.pattern, args[at]));
  return clauses.find(takes) ?? clauses[0];
}

function clausesTaking(def: ModuleDef, fun: string, arity: number): Clause[] {
  return functionClauses(def, fun).filter((c) => c.params.length >= arity && c.params.filter((p) => p.default === undefined).length <= arity);
}

/** Socket reads that wait for the peer's answer: a function that makes one has its request answered. */
const SOCKET_READS = new Set([':gen_tcp.recv', ':ssl.recv', ':socket.recv', ':gen_udp.recv']);

/** One of `writes` made by `fun` of `def` or the module's functions it calls, `levels` deep, with no socket read beside it. */
function ownWrite(def: ModuleDef, fun: string, writes: ReadonlySet<string>, levels: number, seen = new Set<string>()): string | null {
  if (levels === 0 || seen.has(fun)) return null;
  seen.add(fun);
  for (const clause of functionClauses(def, fun)) {
    const calls = callsIn(clause);
    if (calls.some((call) => SOCKET_READS.has(call.name))) continue;
    const direct = calls.find((call) => writes.has(call.name));
    if (direct) return direct.name;
    for (const { name } of calls) {
      const deeper = /^[a-z_]\w*[?!]?$/.test(name) ? ownWrite(def, name, writes, levels - 1, seen) : null;
      if (deeper) return deeper;
    }
  }
  return null;
}

/** The one expression a clause's body is, `do: value` or a `do` block of one statement; undefined when it has more. */
function onlyExpression(clause: Clause): SyntaxNode | undefined {
  const [, options] = callArguments(clause.body);
  const block = doBlockOf(clause.body);
  const body = block ? statementsOf(block) : [];
  return options?.type === 'keywords' ? options.namedChildren.find((pair) => pair.childForFieldName('key')?.text.replace(/:\s*$/, '') === 'do')?.childForFieldName('value') ?? undefined : body.length === 1 ? body[0] : undefined;
}

/** The statements of a `def`'s body, `do: value` or a `do` block. */
function clauseStatements(definition: SyntaxNode): SyntaxNode[] {
  const [, options] = callArguments(definition);
  const value = options?.type === 'keywords' ? options.namedChildren.find((pair) => pair.childForFieldName('key')?.text.replace(/:\s*$/, '') === 'do')?.childForFieldName('value') : null;
  if (value) return [value];
  const block = doBlockOf(definition);
  return block ? statementsOf(block) : [];
}

/**
 * The bodies of the functions `def` hands a call named `fun` (a DSL entry, `fetch fn -> … end`);
 * when the caller's first argument is an atom some block around such a call names (`cache :github
 * do`), only those under that block.
 */
function handedFunctionBodies(def: ModuleDef, fun: string, first: string | undefined): SyntaxNode[][] {
  const entries = def.body.descendantsOfType('call').filter((call) => callName(call) === fun && callArguments(call)[0]?.type === 'anonymous_function');
  const named = (call: SyntaxNode) => {
    for (let up = call.parent; up && up.id !== def.body.id; up = up.parent) if (up.type === 'call' && callArguments(up)[0]?.text === first) return true;
    return false;
  };
  const chosen = first?.startsWith(':') && entries.some(named) ? entries.filter(named) : entries;
  return chosen.map((call) => {
    const body = callArguments(call)[0]!.namedChildren.find((c) => c.type === 'stab_clause')?.childForFieldName('right');
    return body ? statementsOf(body) : [];
  });
}

/**
 * Can a parameter's pattern not take the argument handed it, both as written? Two different literals
 * (`:slack` for `:github`), terms of different kinds (an atom for a tuple), or tuples told apart by
 * their leading atom or a literal inside (`{:reset, _}` for `{:events, events}`). A name, a call or
 * anything else that may be any value is taken.
 */
function patternRefuses(pattern: string | undefined, arg: string | undefined): boolean {
  if (!pattern || !arg) return false;
  const [kindOfPattern, kindOfArg] = [termKind(pattern), termKind(arg)];
  if (kindOfPattern === null || kindOfArg === null) return false;
  if (kindOfPattern !== kindOfArg) return true;
  if (LITERAL.test(pattern.trim()) && LITERAL.test(arg.trim())) return pattern.trim() !== arg.trim();
  return !sameMessage(arg, pattern) || literalsDiffer(arg, pattern);
}

/**
 * A clock reading plus a constant in the last of `statements`, written there or in a binding before it
 * of a name it uses. The constant may be a parameter the caller hands a number (`numbers`): plug_attack's
 * test helper `defp expires_in(ms), do: System.system_time(:millisecond) + ms`, called `expires_in(20)`.
 */
function stampedAhead(statements: readonly SyntaxNode[], numbers: ReadonlyMap<string, string>): { ms: number; text: string } | null {
  const last = statements[statements.length - 1];
  if (!last) return null;
  const ahead = (node: SyntaxNode) => (node.type === 'binary_operator' || node.type === 'call' ? clockAheadMs(withNumbers(node.text, numbers)) : null);
  const written = [last, ...last.descendantsOfType(['binary_operator', 'call'])].find((node) => ahead(node) !== null);
  if (written) return { ms: ahead(written)!, text: written.text };
  // arbor's `deadline = System.monotonic_time(:millisecond) + timeout_ms`, then `do_eventually(predicate, deadline)`:
  // a deadline handed to a loop of the module's own, which answers something else.
  if (last.type === 'call' && /^[a-z_]\w*[?!]?$/.test(callName(last) ?? '')) return null;
  for (const statement of statements.slice(0, -1)) {
    const bound = binaryParts(statement);
    const ms = bound?.op === '=' && bound.left.type === 'identifier' ? ahead(bound.right) : null;
    if (ms !== null && new RegExp(`(?<![\\w@:.])${bound!.left.text}(?![\\w?!:])`).test(last.text)) return { ms, text: bound!.right.text };
  }
  return null;
}

/** The parameters of `clause` (plain names) the caller hands a written number: `ms` → `20` for `expires_in(20)`. */
function numbersHanded(clause: Clause, args: readonly string[]): Map<string, string> {
  const numbers = new Map<string, string>();
  clause.params.forEach((param, i) => {
    if (/^[a-z_]\w*$/.test(param.pattern) && /^\d[\d_]*$/.test(args[i]?.trim() ?? '')) numbers.set(param.pattern, args[i]!.trim());
  });
  return numbers;
}

/** `text` with each of the names in `numbers` written as the number it stands for. */
function withNumbers(text: string, numbers: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [name, value] of numbers) out = out.replace(new RegExp(`(?<![\\w@:.])${name}(?![\\w?!:])`, 'g'), value);
  return out;
}

/** The expressions the clauses of `fun/arity` answer, through calls of the module's own clauses `levels` deep; null when one does more. */
function answersOfClauses(def: ModuleDef, fun: string, arity: number, levels: number): SyntaxNode[] | null {
  const out: SyntaxNode[] = [];
  for (const clause of clausesTaking(def, fun, arity)) {
    const value = onlyExpression(clause);
    const called = value?.type === 'call' ? callName(value) : null;
    const inner = called && levels > 0 && /^[a-z_]\w*[?!]?$/.test(called) ? answersOfClauses(def, called, callArguments(value!).length, levels - 1) : null;
    if (!value || (value.type === 'call' && !inner?.length)) return null;
    out.push(...(inner ?? [value]));
  }
  return out;
}

function functionClauses(def: ModuleDef, fun: string): Clause[] {
  def.clauses ??= clausesByName(def.body);
  return def.clauses.get(fun) ?? [];
}

function clausesByName(moduleBody: SyntaxNode): Map<string, Clause[]> {
  const byName = new Map<string, Clause[]>();
  const defaultsOf = new Map<string, Clause['params']>();
  for (const statement of definingStatements(moduleBody)) {
    const kind = callName(statement);
    // Macros too: a case template's `in_fixture(dir, name, fn -> … end)` is often one, quoting a call of its function.
    if (!DEFINING_CALLS.has(kind ?? '')) continue;
    const head = definitionHead(statement);
    if (!head) continue;
    const name = head.type === 'call' ? callName(head) : head.text;
    if (name === null) continue;
    const params = head.type === 'call' ? callArguments(head).map(param) : [];
    // `def deliver(email, config \\ [])` with no body declares the defaults of the clauses below
    // it (pleroma's Mailer): they take them, and the head itself does nothing.
    if (!hasBody(statement)) {
      if (params.some((p) => p.default !== undefined)) defaultsOf.set(`${name}/${params.length}`, params);
      continue;
    }
    const defaults = defaultsOf.get(`${name}/${params.length}`);
    if (defaults) params.forEach((p, i) => (p.default ??= defaults[i]!.default));
    let clauses = byName.get(name);
    if (!clauses) byName.set(name, (clauses = []));
    clauses.push({ params, body: statement });
  }
  return byName;
}

/**
 * Is `node` in the branch of an `if` whose condition asks whether the caller is the process itself
 * (gemini_ex's `if session == self() do GenServer.cast(session, …) else GenServer.call(session, …)
 * end`)? A test never takes it: the cast there is the process's own, not the caller's.
 */
function onlyForItself(node: SyntaxNode, body: SyntaxNode): boolean {
  let inElse = false;
  for (let at = node.parent; at && at.id !== body.id; at = at.parent) {
    // The `else` of such an `if` is the branch everyone else takes.
    if (at.type === 'else_block') inElse = true;
    if (at.type !== 'do_block' || callName(at.parent!) !== 'if') continue;
    const condition = callArguments(at.parent!)[0];
    if (!inElse && condition && /(?:==|===)\s*self\(\)|self\(\)\s*(?:==|===)/.test(condition.text)) return true;
    inElse = false;
  }
  return false;
}

/** Is `node` inside an anonymous function, within `body`, that a spawn or an async start runs in another process? */
function inHandedOnFunction(node: SyntaxNode, body: SyntaxNode): boolean {
  for (let at = node.parent; at && at.id !== body.id; at = at.parent) {
    if (at.type !== 'anonymous_function') continue;
    const owner = ownerCall(at);
    const name = owner ? callName(owner) : null;
    if (name && (SPAWNING_CALLS.has(name) || ASYNC_CALLS.has(name))) return true;
  }
  return false;
}

/** `name.(`: a call of the function a variable holds. */
function calledAsFunction(name: string): RegExp {
  return new RegExp(String.raw`(?<![\w.])${name.replace(/[?!]/g, '\\$&')}\.\(`);
}

/**
 * Is a call `param.(…)` in `body` inside a branch (a case or cond clause, an if's `do` or `else`)
 * that holds none of the calls `again`: run where the loop stops, not each round?
 */
function runsWhereItStops(body: SyntaxNode, param: string, again: SyntaxNode[]): boolean {
  const holdsAgain = (parts: SyntaxNode[]) => again.some((call) => parts.some((p) => call.startIndex >= p.startIndex && call.endIndex <= p.endIndex));
  const stack = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    stack.push(...node.namedChildren);
    const dot = node.parent;
    if (node.type !== 'identifier' || node.text !== param || dot?.type !== 'dot' || dot.parent?.type !== 'call' || dot.childForFieldName('right')) continue;
    for (let up: SyntaxNode | null = dot.parent; up && up.id !== body.id; up = up.parent) {
      const branching = up.type === 'do_block' || up.type === 'pair' ? callName((up.type === 'pair' ? up.parent?.parent?.parent : up.parent) ?? up) : null;
      const alternative = up.type === 'stab_clause' || up.type === 'else_block' || (branching !== null && BRANCHES.has(branching));
      // An if's do_block holds its else_block too, the other branch.
      if (alternative && !holdsAgain(up.type === 'do_block' ? up.namedChildren.filter((c) => c.type !== 'else_block') : [up])) return true;
    }
  }
  return false;
}

/** What a branching call decides on: the subject of an if, unless or case (a with's first clause), the left side of each cond clause. */
function branchConditions(name: string, node: SyntaxNode): SyntaxNode[] {
  if (name !== 'cond') return callArguments(node).slice(0, 1);
  const clauses = doBlockOf(node)?.namedChildren.filter((c) => c.type === 'stab_clause') ?? [];
  return clauses.flatMap((c) => c.childForFieldName('left') ?? []);
}

/** The calls a clause makes: in its body (`do: …` or `do … end`), never its head (`def send(socket, data)` is no send). */
function callsIn(clause: Clause): { name: string; node: SyntaxNode }[] {
  if (!clause.calls) {
    const [, ...keywords] = callArguments(clause.body);
    const block = doBlockOf(clause.body);
    clause.calls = [...keywords, ...(block ? [block] : [])].flatMap((part) => calls(part));
  }
  return clause.calls;
}

/** The calls that answer a caller whose request was left with `{:noreply, …}`. */
const LATER_REPLIES = /^(?:GenServer|:gen_server)\.reply$/;

/** Does a `handle_call` clause keep its caller to answer later: `from` named and used, and `{:noreply, …}` in its answer? */
function keepsCaller(clause: Clause): boolean {
  const from = clause.params[1]?.pattern ?? '_';
  return /^[a-z]\w*$/.test(from) && /\{\s*:noreply\b/.test(clause.body.text) && new RegExp(`(?<![\\w.:])${from}\\b(?!:)`).test(doBlockOf(clause.body)?.text ?? callArguments(clause.body).slice(1).map((part) => part.text).join(' '));
}

/** How many levels of the module's own functions handsWorkOn reads below a handler for another module's API that hands work on. */
const HAND_ON_LEVELS = 2;

/**
 * The module's own functions `clause` hands a loop as captures (`Enum.reduce(effects, timers,
 * &apply_effect/2)`), each with what the loop passes it (`&1`, `&2`): not one stored or run
 * elsewhere (`:telemetry.attach(…, &handle_event/4, nil)`), only one handed to a call that runs it in place.
 */
function capturedOwn(def: ModuleDef, clause: Clause): { name: string; args: string[] }[] {
  if (!clause.body.text.includes('&')) return [];
  return clause.body.descendantsOfType('unary_operator').flatMap((node) => {
    const captured = CAPTURED.exec(node.text);
    const owner = node.parent?.type === 'arguments' ? node.parent.parent : null;
    const own = captured && (captured[1] === undefined || captured[1] === '__MODULE__');
    if (!own || !owner || !runsInCallerProcess(callName(owner) ?? '') || functionClauses(def, captured[2]!).length === 0) return [];
    return [{ name: captured[2]!, args: Array.from({ length: Number(captured[3]) }, (_, i) => `&${i + 1}`) }];
  });
}

/** The module's own functions `clause` calls by bare name or hands a loop as captures. */
function ownCallees(def: ModuleDef, clause: Clause): string[] {
  const called = callsIn(clause).filter(({ name }) => /^[a-z_]\w*[?!]?$/.test(name) && !DEFINING_CALLS.has(name) && functionClauses(def, name).length > 0);
  return [...new Set([...called.map(({ name }) => name), ...capturedOwn(def, clause).map(({ name }) => name)])];
}

/** The first of the module's own functions that `fun` reaches `levels` calls down and not sooner (see handlerReadPast), or null. */
function ownFunctionPast(def: ModuleDef, fun: string, levels: number, seen = new Set<string>()): string | null {
  if (seen.has(fun)) return null;
  seen.add(fun);
  if (levels === 0) return fun;
  for (const clause of functionClauses(def, fun)) {
    for (const name of ownCallees(def, clause)) {
      const past = ownFunctionPast(def, name, levels - 1, seen);
      if (past) return past;
    }
  }
  return null;
}

/** The first call `accepts` in `clauses`, or in the functions of `def` they call by bare name, `depth` levels down. */
function callFound(def: ModuleDef, clauses: Clause[], accepts: (name: string) => boolean, depth: number): string | null {
  for (const clause of clauses) {
    for (const { name } of callsIn(clause)) {
      if (accepts(name)) return name;
      const inner = depth > 0 && /^[a-z_]\w*[?!]?$/.test(name) ? callFound(def, functionClauses(def, name), accepts, depth - 1) : null;
      if (inner) return inner;
    }
  }
  return null;
}

/** Do `clauses` of `fun` sleep and call `fun` again, or call a function of `def` that does? */
function pollsIn(def: ModuleDef, clauses: Clause[], fun: string, depth: number): 'retries' | 'receives' | null {
  for (const clause of clauses) {
    const found = callsIn(clause);
    if (found.some(({ name }) => SLEEP_CALL.test(name)) && found.some(({ name }) => name === fun || name === `__MODULE__.${fun}`)) return 'retries';
    // Or waits for a message (anubis's `get_request_id`, a `receive` with `after remaining`): a
    // `receive` whose `after` is not a literal 0, in the function or one it calls. Not further off:
    // realtime's `lookup_or_start_connection` → `get_status` → `wait_for_connection`, a wait in one
    // branch, for a connection, not for the registry the sleep lets catch up.
    // (Not the reply to a request it just sent with `self()`, ex-esdb's `get_collected_events(collector)`:
    // that is a read of what another process holds, answered at once, not a wait for the events.)
    if (depth <= 1 && !asksForAReply(clause.body) && found.some(({ name, node }) => name === 'receive' && waitsForAMessage(node))) return 'receives';
    if (depth >= 2) continue;
    for (const { name } of found) {
      const local = name.replace(/^__MODULE__\./, '');
      const how = local !== fun && /^[a-z_]\w*[?!]?$/.test(local) ? pollsIn(def, functionClauses(def, local), local, depth + 1) : null;
      if (how) return how;
    }
  }
  return null;
}

/**
 * The local call whose answer binds `name` in `body`: `case lookup(type, id) do {:ok, pid} -> …`
 * or `{:ok, pid} = lookup(type, id)` gives `lookup(type, id)`. Only a call of the module's own
 * (lowercase, no module): what names the process there is out of the test's reach, as `via(id)` is.
 */
function lookedUpAs(body: SyntaxNode, name: string): string | null {
  const binds = (pattern: SyntaxNode | undefined): boolean => !!pattern && patternNames(pattern).includes(name);
  for (const node of body.descendantsOfType(['call', 'binary_operator'])) {
    if (node.type === 'call' && callName(node) === 'case') {
      const [head] = callArguments(node);
      const block = doBlockOf(node);
      const clauses = block?.namedChildren.filter((c) => c.type === 'stab_clause') ?? [];
      if (head?.type === 'call' && LOCAL_CALL.test(head.text) && clauses.some((c) => binds(c.namedChildren.find((x) => x.type === 'arguments')))) return head.text;
    } else if (node.type === 'binary_operator') {
      const parts = binaryParts(node);
      // Or a clause of a `with` (stage3_queue's `with {:ok, pid} <- find_queue(topic) do GenServer.call(pid, …)`).
      if ((parts?.op === '=' || parts?.op === '<-') && parts.right.type === 'call' && LOCAL_CALL.test(parts.right.text) && binds(parts.left)) return parts.right.text;
    }
  }
  return null;
}

const LOCAL_CALL = /^[a-z_]\w*[?!]?\(/;

/** The variable names a pattern binds (`{:ok, pid}` → pid; not pinned ones, nor `_`-prefixed). */
function patternNames(pattern: SyntaxNode): string[] {
  return pattern.descendantsOfType('identifier').filter((id) => !id.text.startsWith('_') && id.parent?.type !== 'unary_operator' && id.parent?.type !== 'dot').map((id) => id.text);
}

/** A function named for messaging a process: `cast`, `call`, `send_message`, `notify`, `publish`, `dispatch`. */
const MESSAGING_NAME = /^(?:cast|call|send|notify|publish|broadcast|dispatch|push|emit|enqueue)(?:_\w+)?$|_(?:cast|call|send|notify|async)$/;

/** Does a `receive` block wait: no `after`, or one whose time is not a literal 0? */
/** Is `node` inside a `quote` within `body` (code a macro hands its caller)? */
function inQuote(node: SyntaxNode, body: SyntaxNode): boolean {
  for (let at = node.parent; at && at.id !== body.id; at = at.parent) if (at.type === 'call' && callName(at) === 'quote') return true;
  return false;
}

/**
 * A `receive`'s `after` time as `clause` is called with `args`: a parameter's value, handed or its
 * default, or a variable bound from an option the call does not give (`Keyword.get(opts, :timeout,
 * 5000)`, `opts[:timeout] || 5000`) as its default. The text otherwise.
 */
/** A clock read in milliseconds: `System.monotonic_time(:millisecond)`, `:erlang.monotonic_time(:millisecond)`. */
const MS_CLOCK = /^(?:System\.(?:monotonic|system|os)_time|:erlang\.(?:monotonic|system)_time)$/;

/**
 * The deadline a clause of a polling helper sets, `System.monotonic_time(:millisecond) + timeout`:
 * the time added to the clock, read as the call gives it (or the head's default), in milliseconds;
 * null when it sets none or the time is not a number.
 */
function deadlineAsCalled(clause: Clause, args: readonly string[]): number | null {
  for (const { name, node } of callsIn(clause)) {
    const unit = callArguments(node)[0]?.text;
    const sum = node.parent ? binaryParts(node.parent) : null;
    if (!MS_CLOCK.test(name) || !/^:milli_?seconds?$/.test(unit ?? '') || sum?.op !== '+') continue;
    const time = timeAsCalled(clause, (sum.left.id === node.id ? sum.right : sum.left).text, args);
    return /^\d[\d_]*$/.test(time) ? Number(time.replace(/_/g, '')) : null;
  }
  return null;
}

function timeAsCalled(clause: Clause, time: string, args: readonly string[]): string {
  const index = clause.params.findIndex((p) => p.name === time);
  if (index !== -1) return assignArguments(clause.params, args)[index] ?? time;
  const read = boundIn(clause.body, time);
  const key = read ? optionKey(read) : null;
  if (!key || args.some((arg) => new RegExp(`\\b${key}:`).test(arg))) return time;
  return /(?:\|\||,)\s*(\d[\d_]*)\s*\)?\s*$/.exec(read!)?.[1] ?? time;
}

/** `&loop/0`, `&__MODULE__.loop/1`, `&Mod.loop/0`: a captured function, its module as written, name and arity. */
const CAPTURED = /^&(?:(__MODULE__|[A-Z][\w.]*)\.)?([a-z_]\w*[?!]?)\/(\d+)$/;

/**
 * The function of `def` (named `module`) a spawn runs: `spawn_link(Craft.Echo, :keep_receiving, [])`,
 * `spawn(__MODULE__, :loop, [state])`, `spawn_link(fn -> loop() end)`, `spawn_link(&loop/0)`. Null for another module's.
 */
function spawnedFunction(def: ModuleDef, module: string, spawn: SyntaxNode): { name: string; arity: number } | null {
  const args = callArguments(spawn);
  const own = (written: string | undefined) => written === undefined || written === '__MODULE__' || resolvedIn(def, written) === module;
  const [first, second, third] = args;
  if (second?.type === 'atom' && third?.type === 'list') return own(first?.text) ? { name: second.text.slice(1), arity: third.namedChildren.length } : null;
  const captured = first ? CAPTURED.exec(first.text) : null;
  if (captured) return own(captured[1]) ? { name: captured[2]!, arity: Number(captured[3]) } : null;
  const body = first?.type === 'anonymous_function' ? first.namedChildren.find((c) => c.type === 'stab_clause')?.childForFieldName('right') : null;
  const only = body?.namedChildren.length === 1 ? body.namedChildren[0] : null;
  const name = only?.type === 'call' ? callName(only) : null;
  return name && /^[a-z_]\w*[?!]?$/.test(name) ? { name, arity: callArguments(only!).length } : null;
}

/**
 * The idle timeout of `loop`'s `receive`: its messages call `loop` again, and its `after T` (T a
 * number or an attribute of the module) calls no function of the module, so the process ends when T
 * passes with nothing sent to it. Not a `receive … after` that waits for a reply and loops on.
 */
function loopIdleTimeout(def: ModuleDef, loop: { name: string; arity: number }): { ms: number; text: string } | null {
  const again = (node: SyntaxNode | null | undefined) => !!node && calls(node).some(({ name }) => name === loop.name);
  for (const clause of clausesTaking(def, loop.name, loop.arity)) {
    for (const { name, node } of callsIn(clause)) {
      const block = name === 'receive' ? doBlockOf(node) : null;
      const after = block?.namedChildren.find((c) => c.type === 'after_block')?.namedChildren.find((c) => c.type === 'stab_clause');
      const time = after?.namedChildren.find((c) => c.type === 'arguments')?.text;
      if (!after || !time || !block!.namedChildren.some((c) => c.type === 'stab_clause' && again(c.childForFieldName('right')))) continue;
      const ends = !calls(after).some(({ name: called }) => called === loop.name || functionClauses(def, called).length > 0);
      const value = time.startsWith('@') ? (def.attributes ??= collectAttributes(def.body)).get(time.slice(1))?.text : time;
      if (ends && value && /^\d[\d_]*$/.test(value)) return { ms: Number(value.replace(/_/g, '')), text: `after ${after.text}` };
    }
  }
  return null;
}

/** Calls that wait at most the time given as their last argument: `GenServer.call(pid, msg, timeout)`, `Task.yield(task, timeout)`. */
const LIMITED_WAITS = /^(?:GenServer|GenStateMachine|:gen_statem|:gen_server|Task)\.(?:call|await|yield)$/;

/**
 * Does `clause` wait, in its own process, for as long as the time it is handed under `name`: a
 * `receive … after` or a limited wait given a parameter of that name, or an option of that name read
 * out of its keyword list, in place or bound first (a job runner's `timeout_ms = Keyword.get(opts,
 * :job_timeout_ms, @default_timeout_ms)`, then `Task.yield(task, timeout_ms)`, killing the job when
 * it answers `nil`). Not a wait in a process it starts: a watchdog spawned to wait the time out while
 * the call returns at once leaves the time running after it.
 */
function spendsTime(clause: Clause, name: string): boolean {
  const parameter = clause.params.some((p) => p.name === name);
  const holds = (limit: string) => (parameter && limit === name) || optionKey(limit) === name || (/^[a-z_]\w*$/.test(limit) && optionKey(boundIn(clause.body, limit) ?? '') === name);
  return callsIn(clause).some(({ name: called, node }) => {
    const args = callArguments(node);
    const limit = called === 'receive' ? afterOf(node) : LIMITED_WAITS.test(called) && args.length >= 2 ? args.at(-1)!.text : null;
    return limit !== null && holds(limit.trim()) && !inHandedOnFunction(node, clause.body);
  });
}

/** The text of a `receive`'s `after` time, null when it has no `after`. */
function afterOf(receive: SyntaxNode): string | null {
  const after = doBlockOf(receive)?.namedChildren.find((child) => child.type === 'after_block');
  return after?.namedChildren.find((child) => child.type === 'stab_clause')?.namedChildren.find((child) => child.type === 'arguments')?.text ?? null;
}

function waitsForAMessage(receive: SyntaxNode): boolean {
  const block = doBlockOf(receive);
  const after = block?.namedChildren.find((child) => child.type === 'after_block');
  const time = after?.namedChildren.find((child) => child.type === 'stab_clause')?.namedChildren.find((child) => child.type === 'arguments');
  return !!block && (!after || (time !== undefined && !/^0+$/.test(time.text.replace(/_/g, ''))));
}

/** A start under a supervisor, or of one (`DynamicSupervisor.start_child`, the project's `ExecutionEngine.Supervisor.start_link`): processes that work on by themselves. */
/** The module of a child spec: `{Periodic.Runner, args}`, `Periodic.Runner`, `{__MODULE__.Worker, …}`. */
const CHILD_MODULE = /^\{?\s*((?:[A-Z]\w*|__MODULE__)(?:\.[A-Z]\w*)*)\b/;

/** The module whose server `call` starts, as written: `Rock.start_link(…)`, `GenServer.start_link(Rock, …)`, `DynamicSupervisor.start_child(sup, {Rock, …})`. */
function startedChild(name: string, call: SyntaxNode): string | null {
  const [first, second] = callArguments(call);
  const written = /^GenServer\.start(?:_link)?$/.test(name) ? (first?.type === 'alias' ? first.text : null) : /^(?:DynamicSupervisor|Supervisor)\.start_child$/.test(name) ? (CHILD_MODULE.exec(second?.text ?? '')?.[1] ?? null) : (/^([A-Z][\w.]*)\.start(?:_link)?$/.exec(name)?.[1] ?? null);
  return written && written !== '__MODULE__' && !STANDARD_MODULE.test(written) ? written : null;
}

/** Does the clause send the process a message or arm it a timer: `send(self(), :tick)`, `Process.send_after(self(), :tick, 16)`? */
function messagesItselfLater(clause: Clause): boolean {
  return callsIn(clause).some(({ name, node }) => (TO_ITSELF.has(name) && callArguments(node)[0]?.text === 'self()') || selfTimer(name, node) !== null);
}

/** The clauses of `fun` that the `quote` of `def`'s `__using__` defines in the modules that use it. */
function usingClauses(def: ModuleDef, fun: string): Clause[] {
  for (const statement of def.body.namedChildren) {
    if (callName(statement) !== 'defmacro' || !/^__using__\b/.test(callArguments(statement)[0]?.text ?? '')) continue;
    for (const quote of statement.descendantsOfType('call')) {
      const block = callName(quote) === 'quote' ? doBlockOf(quote) : null;
      const clauses = block ? clausesByName(block).get(fun) : undefined;
      if (clauses) return clauses;
    }
  }
  return [];
}

/**
 * Does the call message the process it runs in: `send(self(), …)`, `GenServer.cast(pid, …)` with
 * `pid` one of `selves`, or a function of the module that casts to the argument given it there
 * (`send_data(self_pid, chunk)` → `GenServer.cast(pid, {:send_data, data})`)?
 */
function messagesItself(def: ModuleDef, name: string, node: SyntaxNode, selves: ReadonlySet<string>): boolean {
  const args = callArguments(node);
  if (name in MESSAGE_CALLS) return selves.has(args[MESSAGE_CALLS[name]!]?.text ?? '');
  if (!/^[a-z_]\w*[?!]?$/.test(name)) return false;
  const given = args.findIndex((arg) => selves.has(arg.text));
  if (given === -1) return false;
  return functionClauses(def, name).some((clause) => {
    const param = clause.params[given]?.name;
    return !!param && callsIn(clause).some((call) => call.name in MESSAGE_CALLS && callArguments(call.node)[MESSAGE_CALLS[call.name]!]?.text === param);
  });
}

/** Calls that take something out of a collection: a state answered with one of these is smaller than it was. */
const TAKES_AWAY = /^(?:Tuple\.delete_at|List\.(?:delete|delete_at|pop_at)|Enum\.(?:drop|split|take)|tl|Map\.(?:delete|pop|drop)|Keyword\.(?:delete|pop|drop)|MapSet\.delete|:queue\.(?:out|out_r|drop|drop_r|split))$/;

/** A state that sets a field to an empty value: `%{state | messages: []}`, `:queue.new()`, `%{}`. */
const EMPTIED_FIELD = /%\{\s*[a-z_]\w*\s*\|[^}]*?\b([a-z_]\w*):\s*(?:\[\]|%\{\}|""|0|nil|(?::queue|MapSet|Map)\.new\(\))\s*(?:[,}])/;

/**
 * Does a handler answer with a field of its state and empty that field in the state it keeps?
 * gelfx's test TCP server, `{:reply, :queue.to_list(state.messages), %{state | messages: :queue.new()}}`:
 * each read hands the messages over and takes them away.
 */
function emptiesWhatItAnswers(body: SyntaxNode): boolean {
  return body.descendantsOfType('tuple').some((tuple) => {
    const [tag, reply, kept] = tuple.namedChildren;
    if (tag?.text !== ':reply' || !reply || !kept || tuple.namedChildren.length !== 3) return false;
    const field = EMPTIED_FIELD.exec(kept.text)?.[1];
    return !!field && new RegExp(`\\b${field}\\b`).test(reply.text);
  });
}

/** SourceFile.memo key of writesState's answers. */
const WRITES_STATE = {};

/** Ecto's writes, through the project's repo: `Repo.update_all(q, set: …)`, `MyApp.Repo.insert!(changeset)`. */
const REPO_WRITES = /(?:^|\.)Repo\.(?:insert|update|delete|insert_all|update_all|delete_all|insert_or_update)!?$/;
/** A call that runs SQL given as text: `Postgrex.query!(conn, sql, params)`, `Repo.query(sql)`, `:epgsql.squery(c, sql)`. */
const SQL_CALL = /(?:^|\.)(?:query!?|squery|equery|execute!?)$/;
const SQL_WRITE = /^(?:~[sS])?"{1,3}\s*(?:INSERT|UPDATE|DELETE|MERGE|UPSERT|REPLACE)\b/i;

/**
 * A write to a database the call makes (backy's `handle_call(:reserve, …)`, whose `Postgrex.query`
 * runs `UPDATE jobs SET status = 'reserved' … RETURNING id`): every poll of it would change the
 * rows it reads. The call's name, or null.
 */
function databaseWrite(name: string, node: SyntaxNode): string | null {
  if (REPO_WRITES.test(name)) return name;
  return SQL_CALL.test(name) && callArguments(node).some((arg) => SQL_WRITE.test(arg.text)) ? name : null;
}

const SUPERVISED_START = /(?:^|\.)(?:DynamicSupervisor\.start_child|Supervisor\.start_child|Supervisor\.start_link)$/;

/** Calls that start a plain process, one that answers no system messages unless it is written to. */
const PLAIN_SPAWNS = new Set(['spawn', 'spawn_link', 'Process.spawn', 'Kernel.spawn', 'Kernel.spawn_link']);

/** Calls by which a hand-started process answers system messages: it turns into a server in place, or its loop hands them to :sys. */
const OTP_LOOP = /^(?::gen_server|:gen_statem)\.enter_loop$|^:sys\.handle_system_msg$/;

/** Calls that start a process that works on by itself. */
const SPAWNS = new Set(['spawn', 'spawn_link', 'Process.spawn', 'Kernel.spawn', 'Kernel.spawn_link', 'Task.start', 'Task.start_link', 'Task.Supervisor.start_child']);

/** A handler's answer that continues: `{:reply, :ok, state, {:continue, :notify}}`, the term it continues with (each, in a branching answer). */
/** A gen_statem action queueing an internal event, run before the next external one: `{:next_event, :internal, :broadcast}`. */
const NEXT_INTERNAL = /\{\s*:next_event\s*,\s*:internal\s*,\s*([^{}]+?)\s*\}/g;
/** A gen_statem timeout action that fires later: state, event or generic (`{:timeout, 100, :idle}`, `{{:timeout, :hold}, 500, nil}`), not `:cancel`/`:infinity`, nor an update. */
const ARMED_STATEM_TIMEOUT = /\{\s*(?::state_timeout|:timeout|\{\s*:timeout\s*,[^{}]*\})\s*,\s*(?!:cancel\b|:infinity\b|:update\b)([^,{}]+?)\s*,[^{}]*\}/;
/** A gen_statem action keeping the event for the next state change: `:postpone`, `{:postpone, true}`. */
const POSTPONE = /(?<![\w:]):postpone\b(?!\s*,\s*false)/;
const CONTINUE = /\{\s*:continue\s*,\s*([^{}]+?)\s*\}\s*\}/g;

/** A handler's answer that dispatches nothing: `{:noreply, [], state}`, `{:reply, r, [], state}`, a stop. */
const KEEPS_EVENTS = /^\{\s*(?::noreply\s*,\s*\[\s*\]|:reply\s*,[^,]+,\s*\[\s*\]|:stop\b)/;

/**
 * `use Task`, or a start_link that is `Task.start_link(…)`: its work runs on after the start returns.
 * (The module's statements are looked at, not its whole text, which would be built for the question.)
 */
function isTaskModule(def: ModuleDef): boolean {
  const usesTask = def.body.namedChildren.some((statement) => statement.type === 'call' && callName(statement) === 'use' && callArguments(statement)[0]?.text === 'Task');
  return usesTask || functionClauses(def, 'start_link').some((clause) => callsIn(clause).some(({ name }) => name === 'Task.start_link' || name === 'Task.start'));
}

/** Is `def` a GenStage producer: an `init/1` that answers `{:producer, …}` or `{:producer_consumer, …}`? (Only init's text is read: the module's whole text would be built on every question.) */
function isProducer(def: ModuleDef): boolean {
  return functionClauses(def, 'init').some((clause) => /\{\s*:producer(?:_consumer)?\s*,/.test(clause.body.text));
}

/** The module a clause's last expression starts, as written: a start, or a variable a start bound before it. */
function moduleAnswered(clause: Clause): string | null {
  let last = lastExpression(clause);
  if (last?.type === 'identifier') {
    const name = last.text;
    const block = doBlockOf(clause.body);
    const binding = block ? statementsOf(block).map((s) => binaryParts(s)).find((m) => m?.op === '=' && (m.left.text === name || (m.left.type === 'tuple' && m.left.namedChildren[0]?.text === ':ok' && m.left.namedChildren[1]?.text === name))) : undefined;
    last = binding?.right;
  }
  const pipe = last && binaryParts(last);
  const call = pipe?.op === '|>' ? pipe.right : last;
  const name = call?.type === 'call' ? callName(call) : null;
  if (!call || !name) return null;
  const [first] = pipe?.op === '|>' ? [pipe.left] : callArguments(call);
  if (/^start(?:_link)?_supervised!?$/.test(name)) {
    const spec = first?.type === 'tuple' ? first.namedChildren[0] : first;
    return spec?.type === 'alias' ? spec.text : null;
  }
  if (/^GenServer\.start(?:_link)?$/.test(name)) return first?.type === 'alias' ? first.text : null;
  return /^([A-Z][\w.]*)\.start(?:_link)?$/.exec(name)?.[1] ?? null;
}

/** What a clause answers: the last statement of its `do … end`, or its `do:` value. */
function lastExpression(clause: Clause): SyntaxNode | undefined {
  const block = doBlockOf(clause.body);
  if (block) return statementsOf(block).at(-1);
  const keywords = callArguments(clause.body).at(-1);
  const pair = keywords?.type === 'keywords' ? keywords.namedChildren.find((p) => /^do:/.test(p.text)) : undefined;
  return pair?.childForFieldName('value') ?? undefined;
}

/** Does a `def` have a body, `do … end` or `do: …`? A bare head only declares defaults. */
function hasBody(definition: SyntaxNode): boolean {
  return definition.namedChildren.some((child) => child.type === 'do_block') || /\bdo:/.test(callArguments(definition).at(-1)?.text ?? '');
}

function param(node: SyntaxNode): { name: string; default?: string; pattern: string } {
  const withDefault = binaryParts(node);
  if (withDefault?.op === '\\\\') {
    const left = untypedParameter(withDefault.left);
    return { name: left.text, default: withDefault.right.text, pattern: left.text };
  }
  const untyped = untypedParameter(node);
  return { name: untyped.type === 'identifier' ? untyped.text : `\u0000${untyped.text}`, pattern: untyped.text };
}

/** The parameter of `fun`'s first clause that fits `arity` arguments which gets argument `position`. */
function parameterFor(def: ModuleDef, fun: string, position: number, arity: number): { clause: Clause; name: string } | null {
  const clause = clausesTaking(def, fun, arity)[0];
  if (!clause) return null;
  // Markers no default's source text can equal.
  const index = assignArguments(clause.params, Array.from({ length: arity }, (_, i) => `\u0000${i}`)).indexOf(`\u0000${position}`);
  return index === -1 ? null : { clause, name: clause.params[index]!.name };
}

/**
 * Which value each parameter gets for a call with fewer arguments than parameters: as in Elixir,
 * the leftmost defaulted parameters take arguments first, the rest keep their defaults.
 * `def put(cache \\ __MODULE__, key, value)` called as `put(:a, 1)` → [__MODULE__, :a, 1].
 */
function assignArguments(params: readonly { default?: string }[], args: readonly string[]): (string | undefined)[] {
  let defaultsGivenArgs = args.length - params.filter((p) => p.default === undefined).length;
  let next = 0;
  return params.map((p) => {
    if (p.default !== undefined && defaultsGivenArgs-- <= 0) return p.default;
    return args[next++];
  });
}

/**
 * Do a message and a clause's pattern, both tuples of one size, hold at some place different
 * literals (`{:feed, "unsubscribe"}` against `{:feed, "boom"}`) or terms of different kinds (lemon's
 * `{:file_event, self(), :stop}` against `{:file_event, _pid, {path, events}}`: an atom is no tuple)?
 * Then that clause does not handle it.
 */
function literalsDiffer(message: string | null, pattern: string | null): boolean {
  // A channel's `handle_in("typing", …)` does not handle the event "mark_read": two bare literals.
  if (message && pattern && LITERAL.test(message.trim()) && LITERAL.test(pattern.trim())) return message.trim() !== pattern.trim();
  const a = message && tupleElements(message);
  const b = pattern && tupleElements(pattern);
  if (!a || !b || a.length !== b.length) return false;
  return a.some((x, i) => {
    const [kindOfX, kindOfY] = [termKind(x), termKind(b[i]!)];
    return kindOfX !== null && kindOfY !== null && (kindOfX !== kindOfY || (LITERAL.test(x) && LITERAL.test(b[i]!) && x !== b[i]));
  });
}

const LITERAL = /^(?:"[^"#]*"|:\w+|-?\d[\d_]*|true|false|nil)$/;

/** What kind of term a message part or a pattern part is when its text says so; null for a name, a call or anything that may be any. */
function termKind(text: string): 'atom' | 'number' | 'string' | 'tuple' | 'list' | 'map' | null {
  const t = text.trim();
  if (/^(?::\w+[?!]?|true|false|nil)$/.test(t)) return 'atom';
  if (/^-?\d[\d_]*(?:\.\d+)?$/.test(t)) return 'number';
  if (/^"/.test(t)) return 'string';
  if (/^\{/.test(t)) return 'tuple';
  if (/^\[/.test(t)) return 'list';
  if (/^%(?:[A-Z][\w.]*)?\{/.test(t)) return 'map';
  return null;
}

/** The top-level elements of a tuple's text (`{:feed, "boom"}` → [`:feed`, `"boom"`]), or null for anything else. */
function tupleElements(text: string): string[] | null {
  const inner = /^\{([\s\S]*)\}$/.exec(text.trim())?.[1];
  return inner === undefined ? null : splitTopLevel(inner);
}

/** `:incr` and `{:put, k, v}` are told apart by their leading atom; anything else may match. */
function sameMessage(message: string | null, pattern: string | null): boolean {
  const a = leadingAtom(message);
  const b = leadingAtom(pattern);
  return a === null || b === null || a === b;
}

/** The atom a message opens with, bare or as a tuple's first element (`{:feed, bytes}` → `:feed`), or null. */
export function leadingAtom(text: string | null): string | null {
  return text ? (/^\{?\s*(:\w+[?!]?)/.exec(text)?.[1] ?? null) : null;
}

/**
 * The default a variable of `body` is bound to when no option is given: `interval =
 * Keyword.get(opts, :sweep_interval, @default_sweep_interval)` → the attribute's literal (sample_app's
 * cache sweeps every 1000 ms), `opts[:x] || 50` → 50. Null when it is no such binding.
 */
function defaultOf(body: SyntaxNode, name: string, def: ModuleDef): string | null {
  if (!/^[a-z_]\w*$/.test(name) || !body.text.includes(`${name} =`)) return null;
  for (const node of body.descendantsOfType('binary_operator')) {
    const parts = binaryParts(node);
    if (parts?.op !== '=' || parts.left.text !== name) continue;
    const right = parts.right;
    const fallback = right.type === 'call' && /^Keyword\.get$/.test(callName(right) ?? '') ? callArguments(right)[2] : binaryParts(right)?.op === '||' ? binaryParts(right)!.right : undefined;
    const text = fallback?.text;
    const attribute = text ? /^@([a-z_]\w*)$/.exec(text)?.[1] : undefined;
    const value = attribute ? (def.attributes ??= collectAttributes(def.body)).get(attribute)?.text : text;
    return value && /^\d[\d_]*$/.test(value) ? value : null;
  }
  return null;
}

/** Is `node` inside an `if`, `unless`, `case` or `cond` within `body`? */
function inBranch(node: SyntaxNode, body: SyntaxNode): boolean {
  for (let up = node.parent; up && up.id !== body.id; up = up.parent) {
    if (up.type === 'call' && /^(?:if|unless|case|cond|with)$/.test(callName(up) ?? '')) return true;
  }
  return false;
}

/**
 * The timers `clauses` of `def` arm for their own process, or functions of the module they call (two
 * deep), with the time as the caller gave it (`schedule_render(16)` → `Process.send_after(self(),
 * :render, interval)`); `everyRun` leaves out what only a branch of the clauses arms. `imported`
 * gives the modules to look a bare name up in that `def` does not define.
 */
function armedTimers(def: ModuleDef, clauses: Clause[], depth: number, given: readonly string[] = [], everyRun = false, imported?: () => ModuleDef[]): { message: string; ms: number | null; repeats?: boolean }[] {
  return clauses.flatMap((clause) => {
    const values = assignArguments(clause.params, given);
    const valueOf = (text: string) => values[clause.params.findIndex((p) => p.name === text)] ?? defaultOf(clause.body, text, def) ?? text;
    return callsIn(clause).flatMap(({ name, node }) => {
      // Armed in every run of init/1, not in a branch (cache's `if interval = opts[:check_interval], do: …`).
      if (everyRun && depth === 0 && inBranch(node, clause.body)) return [];
      const timer = selfTimer(name, node, valueOf, def);
      // The message as the caller gave it too (`debounce(socket, :reload_timer, :reload, 500)` arms `:reload`).
      if (timer) return [{ ...timer, message: valueOf(timer.message) }];
      if (depth >= 2 || !/^[a-z_]\w*[?!]?$/.test(name) || DEFINING_CALLS.has(name)) return [];
      // `socket |> debounce(:reload_timer, :reload, 500)`: the piped value is the first argument.
      const piped = node.parent?.type === 'binary_operator' && node.parent.childForFieldName('operator')?.text === '|>' && node.parent.childForFieldName('right')?.id === node.id;
      const args = [...(piped ? [node.parent!.childForFieldName('left')!.text] : []), ...callArguments(node).map((a) => valueOf(a.text))];
      const own = clausesTaking(def, name, args.length);
      const helper = own.length > 0 ? def : imported?.().find((other) => clausesTaking(other, name, args.length).length > 0);
      return helper ? armedTimers(helper, clausesTaking(helper, name, args.length), depth + 1, args, everyRun, imported) : [];
    });
  });
}

/** A timer set for the process itself: `Process.send_after(self(), msg, t)`, `:erlang.send_after(t, self(), msg)`, `:timer.send_after(t, msg)`, `:timer.send_interval(t, msg)`. */
function selfTimer(name: string, call: SyntaxNode, valueOf: (text: string) => string = (text) => text, def?: ModuleDef): { message: string; ms: number | null; repeats?: boolean } | null {
  const args = callArguments(call);
  const ms = (node: SyntaxNode | undefined) => {
    const text = node ? valueOf(node.text) : '';
    if (/^\d[\d_]*$/.test(text)) return Number(text.replace(/_/g, ''));
    if (!node || !def) return null;
    // Written as the module's attribute or arithmetic on it, `60 * 1000`, or handed one by the
    // caller, `schedule_render(@render_interval)`.
    const attribute = /^@([a-z_]\w*)$/.exec(text)?.[1];
    const written = attribute ? (def.attributes ??= collectAttributes(def.body)).get(attribute) : text === node.text ? node : undefined;
    return written ? moduleDuration(written, def) : null;
  };
  if (name === 'Process.send_after' && OWN_PID.test(args[0]?.text ?? '') && args[1]) return { message: args[1].text, ms: ms(args[2]) };
  if (name === ':erlang.send_after' && OWN_PID.test(args[1]?.text ?? '') && args[2]) return { message: args[2].text, ms: ms(args[0]) };
  if (name === ':timer.send_after' && args.length === 2 && args[1]) return { message: args[1].text, ms: ms(args[0]) };
  if (name === ':timer.send_after' && OWN_PID.test(args[1]?.text ?? '') && args[2]) return { message: args[2].text, ms: ms(args[0]) };
  if (name === ':timer.send_interval' && args.length === 2 && args[1]) return { message: args[1].text, ms: ms(args[0]), repeats: true };
  if (name === ':timer.send_interval' && OWN_PID.test(args[1]?.text ?? '') && args[2]) return { message: args[2].text, ms: ms(args[0]), repeats: true };
  return null;
}

function distantSelfTimer(name: string, call: SyntaxNode, ms: number, def: ModuleDef): boolean {
  if (!SELF_TIMERS.test(name)) return false;
  // Its time where the call puts it (`:erlang.send_after(t, self(), msg)` first); also an attribute of
  // the module's (plausible's session store re-arms its garbage collection every
  // `@garbage_collect_interval_milliseconds 60 * 1000`).
  const due = selfTimer(name, call, undefined, def)?.ms ?? null;
  return due !== null && due > ms;
}

/** A time written in module `def`, its own attributes read: `@garbage_collect_interval_milliseconds`. */
function moduleDuration(node: SyntaxNode, def: ModuleDef): number | null {
  const due = estimateDuration(node, { attribute: (attribute) => (def.attributes ??= collectAttributes(def.body)).get(attribute) });
  return typeof due === 'number' ? due : null;
}

/** Calls that message a process at once, their target first (a timer's message comes when it is due). */
const SELF_MESSAGES = new Set(['GenServer.cast', 'send', 'Kernel.send', 'Process.send']);
/** The process itself: `self()`, `__MODULE__`. */
const SELF_TARGET = /^(?:self\(\)|__MODULE__)$/;
