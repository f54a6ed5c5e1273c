// Questions rules ask about the statements next to a sleep: what call a statement makes,
import { setupStatements, type SiteContext } from '../context/site-context.js';
// whether it is synchronous, asynchronous, an assertion, and which names it mentions.
import type { SyntaxNode } from '../parse/parser.js';
import type { ModuleIndex } from '../project/module-index.js';
import { argumentsAsRun, binaryParts, callArguments, callName, callNamesIn, doBlockOf, inFunction, line, squeezed, statementsOf, unaryParts } from '../parse/nodes.js';

export { callNamesIn };
import { ASYNC_CALLS, CANCELS_A_TIMER, DIRECT_MESSAGES, GENSERVER_CALLBACKS, READ_NAME, SPAWNING_CALLS, SYNC_CALLS } from '../context/elixir-facts.js';

/** The call a statement is about: `x = call(...)`, `call(...) |> f()` → the first call in the flow. */
export function mainCall(statement: SyntaxNode): SyntaxNode | null {
  let node: SyntaxNode | null = statement;
  for (let guard = 0; node && guard < 10; guard++) {
    if (node.type === 'call') return node;
    const parts = binaryParts(node);
    if (parts?.op === '=') node = parts.right;
    else if (parts?.op === '|>') node = parts.left.type === 'call' ? parts.left : parts.right;
    else return null;
  }
  return null;
}

export function mainCallName(statement: SyntaxNode): string | null {
  const call = mainCall(statement);
  return call ? callName(call) : null;
}

/** A statement that makes a synchronous call (`x = GenServer.call(…)`, `assert Agent.get(…) == 1`) and nothing asynchronous. */
export function isSyncStatement(statement: SyntaxNode): boolean {
  return callNamesIn(statement).some((c) => SYNC_CALLS.has(c.name)) && !containsAsync(statement);
}

export function containsAsync(node: SyntaxNode): { name: string; line: number } | null {
  const hit = callNamesIn(node).find((c) => ASYNC_CALLS.has(c.name));
  return hit ? { name: hit.name, line: line(hit.node) } : null;
}

export const ASSERTIONS = new Set(['assert', 'refute', 'assert_in_delta', 'refute_in_delta']);
export const MAILBOX_ASSERTIONS = new Set(['assert_received', 'refute_received', 'assert_receive', 'refute_receive']);

export function assertionName(statement: SyntaxNode | undefined): string | null {
  if (!statement) return null;
  const name = statement.type === 'call' ? callName(statement) : null;
  return name && (ASSERTIONS.has(name) || MAILBOX_ASSERTIONS.has(name)) ? name : null;
}

/**
 * `for name <- names do assert C end` (or `for name <- names, do: assert C`): one generator, no
 * filter, and one assert or refute as its whole body. Its parts, or null.
 */
export function loopedAssertion(statement: SyntaxNode | undefined): { pattern: SyntaxNode; enumerable: SyntaxNode; assertion: SyntaxNode } | null {
  if (statement?.type !== 'call' || callName(statement) !== 'for') return null;
  const args = callArguments(statement);
  const keywords = args[args.length - 1]?.type === 'keywords' ? args[args.length - 1]! : null;
  const generators = keywords ? args.slice(0, -1) : args;
  const generator = generators.length === 1 ? binaryParts(generators[0]!) : null;
  if (generator?.op !== '<-') return null;
  let body: SyntaxNode[];
  if (keywords) {
    const pairs = keywords.namedChildren;
    const value = pairs.length === 1 && pairs[0]!.childForFieldName('key')?.text.trim() === 'do:' ? pairs[0]!.childForFieldName('value') : null;
    body = value ? [value] : [];
  } else {
    const block = statement.namedChildren.find((c) => c.type === 'do_block');
    body = block ? block.namedChildren.filter((c) => c.type !== 'comment') : [];
  }
  const name = body.length === 1 ? assertionName(body[0]) : null;
  return name === 'assert' || name === 'refute' ? { pattern: generator.left, enumerable: generator.right, assertion: body[0]! } : null;
}

/** Identifiers a pattern binds (not pinned, not underscored): `{:ok, %{id: id}}` → id. */
export function patternBindings(pattern: SyntaxNode): string[] {
  const names = new Set<string>();
  const stack = [pattern];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'unary_operator' && node.text.startsWith('^')) continue;
    if (node.type === 'identifier' && !node.text.startsWith('_') && node.parent?.type !== 'call') names.add(node.text);
    if (node.type === 'call') continue; // function calls in patterns are guards/literals, not bindings
    for (const child of node.namedChildren) stack.push(child);
  }
  return [...names];
}

/**
 * Does `statement` bind `name` for its own inner code only: a comprehension's generator
 * (`for {i, producer_pid} <- producers do … end`) or an anonymous function's parameter
 * (`Enum.each(pids, fn pid -> … end)`)? Such a name is gone, or another value, after the statement.
 */
export function boundInside(statement: SyntaxNode, name: string): boolean {
  if (!statement.text.includes(name)) return false;
  // Each node with whether it lies in a block of its own (a `for`'s or `fn`'s body, a branch): a
  // match there binds for that block only (quickbeam's `runtimes = for i <- 1..3 do {:ok, rt} =
  // QuickBEAM.start(); …; {i, rt} end`: no `rt` after it).
  const stack: [SyntaxNode, boolean][] = [[statement, false]];
  while (stack.length > 0) {
    const [node, scoped] = stack.pop()!;
    const parts = node.type === 'binary_operator' ? binaryParts(node) : null;
    if (parts?.op === '<-' && patternBindings(parts.left).includes(name)) return true;
    if (scoped && parts?.op === '=' && patternBindings(parts.left).includes(name)) return true;
    if (node.type === 'stab_clause' && node.parent?.type === 'anonymous_function') {
      const params = node.namedChildren.find((child) => child.type === 'arguments');
      if (params && params.namedChildren.some((param) => patternBindings(param).includes(name))) return true;
    }
    const inner = scoped || node.type === 'do_block' || node.type === 'stab_clause';
    for (const child of node.namedChildren) stack.push([child, inner]);
  }
  return false;
}

/** Does `node` mention `name` as a whole identifier or alias? A keyword key (`owner: nil`) names no variable. */
export function mentions(node: SyntaxNode, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.:@])${escaped}(?![\\w?!]|:\\s)`).test(node.text);
}

/** The first argument of a call statement: the process a cast, send or exit goes to. */
export function firstArgument(call: SyntaxNode): SyntaxNode | null {
  return callArguments(call)[0] ?? null;
}

/** Names a process can be named by in a test: a variable, a registered module or atom. */
export function isNameableProcess(node: SyntaxNode | null): boolean {
  if (!node) return false;
  if (node.text === 'self()' || node.text === 'self') return false;
  return node.type === 'identifier' || node.type === 'alias' || node.type === 'atom' || node.type === 'call' || node.type === 'dot';
}

/**
 * Calls whose names say they change state: a condition built on them would act, not observe. A verb
 * made a participle or a noun (`inserted_at`, `list_subscribers`, `state.runner`) names a value.
 * The acts of a social app count whole-word only (bonfire's `Boosts.boost(me, post)`; not `likes_count`).
 * A poll acts: it makes an attempt (ex_waiter's `poll_once(poller)` moves its checker on); so does
 * what is forced (super_cache's `HealthMonitor.force_check()` runs a health check).
 * A run is a noun too (ex_inngest's `DevServer.run_ids(event_id)` and `fn_run(id)` read a dev server's runs).
 * A store acts first in a name or after another verb (limiter's `get_and_store`, which adds an increment each
 * call; ConCache's `get_or_store`); the store as a thing reads (`session_store`, `get_store`, `store_pid`).
 */
const MUTATING = /(^|\.|(?<!(?:^|\.)(?:get|fetch|find|read|lookup|list|load|show|count))_)(put|insert|upsert|update|delete|remove|pop|push|send|cast|start|stop|terminate|kill|(?<!catch_)exit(?![a-z_])|incr|decr|increment|decrement|inc(?![a-z])|dec(?![a-z])|touch(?![a-z])|hit(?![a-z_])|check_rate|add(?!ress|ition)|append|reset|clear|flush|take|dequeue|enqueue|publish|deliver(?![yi])|pub(?!\w)|produce(?!r)|broadcast|emit|notify|poll(?:_once)?(?![a-z_])|force(?=_)|(?<!(?:fn|dry|last|current|latest|job|workflow|test)_)run(?!ner|ning|s(?![a-z])|_(?:ids?|status|state|count|info)(?![a-z]))|perform|execute|process(?!es|ed|_(?:for|of)_)|consume|commit|write|create|save|register|subscribe|join(?!ed)|leave|n?ack(?![a-z])|acquire|release|(un)?lock(?!ed)|cancel(?!led)|close(?![ds])|(dis)?connect(?!ed|ion|ing)|schedule(?!d)|trigger|dispatch|check(out|in(?!g))|configure(?!d)|set(?![a-z])|setopts?(?![a-z])|open(?![a-z?])|exec(?![a-z])|request(?![a-z])|(?<=^|\.|_(?:and|or)_)store(?![a-z]|_(?:dir|path|root|pid|name|url|impl|config|module)(?![a-z]))|recycle|refresh|renew(?!al)|revoke|invalidate|regenerate|reissue|restart|rotate|evict|expire(?![ds])|suspend|resume|pause|drain|unregister|unsubscribe|rollback|migrate|revert|undo|drop(?!ped)|truncate|purge|destroy|erase|wipe|obliterate|nuke|clean(?=(?:_?up)?!?$)|discard|prune|restore|recover(?!y|ies|able)|replay|reconcile|press(?![a-z_])|click(?:_button|_link)?(?![a-z_])|fill_in(?![a-z_])|archive|rename|upload|approve|reject|deny|grant|decline|complete|end(?=_)(?!_(?:time|date|at|of|point|offset|index|pos|ts|ms|key|id)(?![a-z]))|finish|ping(?![a-z])|interrupt|shutdown|abort|halt|prepare|boost(?![a-z_])|(?:un)?(?:like|follow|bookmark)(?![a-z_])|react(?![a-z_])|vote(?![a-z_])|spend|withdraw|deposit(?!s)|refund|submit|(?:dis)?arm(?![a-z_])|pay(?![a-z_])|mint(?![a-z_])|charge(?![a-z_])|deploy(?!ments?)|forward(?!ing)|promote|demote|replace(?!ment)|transfer(?!s_)|step_down|provision(?!s|ing)|(?:un)?install(?!ation))(?!e?d(?![a-z])|e?rs?(?![a-z]))/;

/** Verbs that act only at the start of a name (phoenix_kit's `record_validation`, coherence's `track_login`), or after another verb (arbor's `check_and_record`): `get_record` reads. */
const RECORDING = /^(?:record|track)(?:_|$)|_and_(?:record|track)(?:_|$)/;

/** Calls that hand a server a message to act on, second: `GenServer.call(pid, {:push, x})`, rafted_value's `RaftedValue.command(leader, :inc)`. */
const MESSAGE_CALL = /^(?:GenServer\.call|:gen_server\.call|:gen_statem\.call|(?:[A-Z][\w.]*|:\w+)\.command)$/;
/**
 * Does a message (an atom, or a tuple that opens with one) name a change: `:inc`, `{:put, k, v}`?
 * An atom ending in `?` asks, as a function so named does: a cron server's `GenServer.call(pid,
 * :shutdown?)` answers whether it is shut down, whatever verb its name holds.
 */
function actingMessage(message: string): boolean {
  const word = /^\{?\s*:(\w+)(?![\w?])/.exec(message)?.[1];
  return !!word && (/^(?:inc|dec)$/.test(word) || MUTATING.test(`.${word}`));
}

/** Reads that take what they return off a port, socket or pipe (`UART.read(uart)`, `:gen_tcp.recv`, baud's `Baud.readall(pid)`, which empties its buffer): a file's contents stay. */
// An await takes its answer off the mailbox (jido_action's `Exec.await(ref, 200)`): a poll would consume it.
// A device's reads move its position on (delux's fake LEDs read through `IO.binread(handle, :eof)`).
// A table's or a query's read looks records up and leaves them there, as a file's does: Ash's
// `Ash.read!(Post)`, `:mnesia.read(tab, key)` in a transaction, robotem's `Memento.Query.read(Table, key)`.
const CONSUMING = /(^|[._])recv(?![a-z])|^(?!(?:File|Ash|Memento\.Query|:mnesia)\.):?(\w+\.)*(?:bin)?read(?:_?all|_available|_line|_bytes)?!?$|^(?:[A-Z][\w.]*\.)?(?:gets|getn)$|^(?:[A-Z][\w.]*\.)?await(?:_\w+)?!?$/;

/** Does the name say the call takes what it returns off a port, socket, pipe or mailbox (`:gen_tcp.recv`, `UART.read`)? */
export function consumingName(name: string): boolean {
  return CONSUMING.test(name);
}

/** The first call in `node` that takes what it returns off a port, socket or pipe (`Process.read(s)`), or null. */
export function consumingCall(node: SyntaxNode): string | null {
  return callNamesIn(node).find((c) => CONSUMING.test(c.name))?.name ?? null;
}

/**
 * A check of an operating-system process (`os_process_alive?(os_pid)`, `assert_os_pid_exited(os_pid)`):
 * it exits on the OS's time, whatever the test did synchronously before.
 */
export const OS_PROCESS = /\bos_pid\b|\bos_process\w*/;

/** Phoenix.ConnTest's and HTTP clients' writing requests, by their whole name (`get_post!` reads). */
const HTTP_WRITE = /(^|\.)(post|patch)!?$/;

/** A request path whose last segment is an action (`conn(:get, "/spiders/TestSpider/stop")`): the request acts, whatever its method. */
const ACTION_PATH = /"\/(?:[^"\s]*\/)?(?:stop|start|schedule|cancel|delete|create|reset|restart|run|publish|send|close|kill|shutdown|pause|resume|enqueue|retry)(?:[?"]|\/")/;

/**
 * SQL that writes, in a string handed to a query (`P.query(pid, "NOTIFY channel", [])`): `NOTIFY`
 * with its channel, not a function named notify (deployex's `Webhook.notify("crash_restart", …)`).
 */
const WRITING_SQL = /\b(insert\s+into|delete\s+from|update\s+\S+\s+set|truncate|drop\s+table|create\s+table|alter\s+table)\b|\bnotify\s+["'\w]/i;

/**
 * Functions whose result depends on their arguments alone (`hd(x)`, `Map.get(m, :k)`, `Enum.count(list)`;
 * Plug's return a new conn: `put_req_header`; Path's work on the text of a path, except `Path.wildcard`,
 * which lists the disk; a module's `new`, by convention a struct built from the arguments,
 * jido_signal's `Signal.new(type, data)`: nothing another process does changes it).
 */
const PURE = /^(hd|tl|length|match\?|elem|map_size|tuple_size|abs|round|trunc|div|rem|max|min|is_\w+|to_string|inspect|get_in|put_in|update_in|pop_in|get_and_update_in|self|node|(?:Phoenix\.ConnTest\.)?(?:json_response|html_response|text_response|response|response_content_type|redirected_to|redirected_params)|(Enum|Map|List|Keyword|String|Tuple|Integer|Float|MapSet|Access|Jason|Poison|JSON|URI|Plug\.Conn|Plug\.Test)\.\w+[?!]?|Path\.(?!wildcard$)\w+|[A-Z][\w.]*\.new!?)$/;

/** A call that computes on data (`length`, `Enum.map`, a struct's `new`): it reads no process or table. */
export function isPureCall(name: string): boolean {
  return PURE.test(name);
}
/**
 * A ping asks a peer to answer (finch's `Pool.ping(pool)` sends a frame and waits for the reply):
 * it acts. A node's ping only checks that the node is there, and a poll may repeat it.
 */
const NODE_PING = /^(?:Node|:net_adm)\.ping$/;
/** A call into a module: `Cache.size`, `:ets.lookup`. */
const REMOTE = /^(?:[A-Z][\w.]*|:\w+)\.\w/;

export function looksReadOnly(node: SyntaxNode): boolean {
  return actingCall(node) === null;
}

const SLEEPS = new Set(['Process.sleep', ':timer.sleep', ':ct.sleep']);

/**
 * The statement whose message a sleep waits to be handled: the one just before it, or, past a check
 * that it has not been handled yet (pow: `EtsCache.put(config, …)` casts, `assert EtsCache.get(config,
 * "key") == :not_found`, the sleep), the statement before that check, when that one messages a process.
 */
export function messagingBefore(before: readonly SyntaxNode[], next: SyntaxNode | undefined, messages: (statement: SyntaxNode) => boolean): SyntaxNode | undefined {
  const [previous, earlier] = before;
  const notYet = previous && earlier && next && ASSERTIONS.has(assertionName(previous) ?? '') && actingCall(previous) === null && !messages(previous) && sameRead(previous, next);
  return notYet && messages(earlier) ? earlier : previous;
}

/** Do two checks make the same read (`EtsCache.get(config, "key")` in both)? */
function sameRead(a: SyntaxNode, b: SyntaxNode): boolean {
  const read = (node: SyntaxNode) => new Set(callNamesIn(node).map((c) => c.name).filter((name) => !ASSERTIONS.has(name)));
  const second = read(b);
  return [...read(a)].some((name) => second.has(name));
}

/** Calls that insert a record: ExMachina's `insert`, `*_fixture` (phx.gen), `create_*`, `Repo.insert`, Ash's `Ash.create` (never :ets). */
export const MAY_CREATE = /insert|_fixture|create|save_|record/;
// Not a participle (elixir-omg's `TestHelper.create_encoded(…)`, `create_signed`, `create_recovered`):
// those build a value in memory, with no time stored.
// A module's `record` too (phoenix_gen_api's `ConfigFailed.record(config, reason, …)`, stamped with the time it is made).
export const CREATES_RECORD = /^(?:(?:[A-Z]\w*\.)*Repo\.)?insert!?$|^(?:[A-Z][\w.]*\.)?(?:\w+_fixture|create_(?!\w*ed!?$)\w+|insert_\w+|save_\w+)!?$|^Ash\.create!?$|^[A-Z][\w.]*\.record!?$/;

/**
 * Does `condition` ask about a record the test created before the sleep (`demo = insert(:demo_project,
 * …)`, then `refetch(demo)` or `Repo.get(Demo, demo.id)`)? It existed then, so a refutation of it
 * cannot hold before the work the sleep waits for has run.
 */
export function asksAboutCreated(condition: SyntaxNode, before: readonly SyntaxNode[]): boolean {
  for (const statement of before) {
    if (!MAY_CREATE.test(statement.text)) continue;
    const match = binaryParts(statement);
    if (match?.op !== '=' || !callNamesIn(match.right).some((c) => CREATES_RECORD.test(c.name))) continue;
    if (patternBindings(match.left).some((name) => mentions(condition, name))) return true;
  }
  return false;
}

/** A name for a number it reads: ferricstore's `ConnectionPool.connecting_count(pool)`, `queue_size`, `retry_total`. */
const COUNTING = /_(?:count|size|length|total)$/;

/** A timer's cancel asked for by name: `Scheduler.cancel_timer(s, :tick)`, `{:cancel_timer, name}`, `"cancel_timer:tick"`. */
const NAMES_A_TIMER_CANCEL = /\bcancel_timers?\b/;

/**
 * The call in `statement` that cancels a timer: the VM's own (protean's `Process.cancel_timer(timer)`),
 * or one whose name or a literal it is handed asks for it (quanta's `Server.send_message(pid,
 * make_envelope("cancel_timer:tick"))`, an actor told to cancel a timer it armed). Null for none.
 */
export function timerCancel(statement: SyntaxNode | undefined): string | null {
  if (!statement || !/cancel/.test(statement.text)) return null;
  const calls = callNamesIn(statement);
  const named = calls.find(({ name }) => CANCELS_A_TIMER.test(name) || NAMES_A_TIMER_CANCEL.test(name));
  if (named) return named.name;
  // Asked for in what it is handed: the call the statement makes is the one that cancels.
  const asked = calls.some(({ node }) => callArguments(node).some((arg) => LITERAL_TYPES.has(arg.type) && NAMES_A_TIMER_CANCEL.test(arg.text)));
  return asked ? (mainCallName(statement) ?? null) : null;
}

const LITERAL_TYPES = new Set(['atom', 'string', 'tuple']);

/**
 * The function both statements call, when it is a module's function given the same arguments but
 * for numbers or booleans (gristle's `Realflight.set_throttle(1.0)`, then `set_throttle(0.0)`): a
 * value set, then set back. Null otherwise: another atom or string names something else (membrane's
 * `notify_child(pipeline, :filter, …)` then `:sink`, boombox's two pages).
 */
export function heldBetween(previous: SyntaxNode, next: SyntaxNode): string | null {
  const first = mainCall(previous);
  const second = mainCall(next);
  const undone = first && second ? undoneBy(first, second) : null;
  if (undone) return undone;
  const name = first && second ? callName(first) : null;
  if (!first || !second || !name || !/^[A-Z][\w.]*\.[a-z_]\w*[?!]?$/.test(name) || callName(second) !== name || first.text === second.text) return null;
  const [a, b] = [callArguments(first), callArguments(second)];
  if (a.length === 0 || a.length !== b.length) return null;
  // Also a binary of numbers (midi_synth's note on, `<<0x90, 60, 127>>`, then its note off, `<<0x80, 60, 127>>`).
  const value = (node: SyntaxNode) => /^(?:integer|float|boolean)$/.test(node.type) || (node.type === 'unary_operator' && /^-\s*\d/.test(node.text)) || NUMBER_BINARY.test(node.text);
  return a.every((arg, i) => arg.text === b[i]!.text || (value(arg) && value(b[i]!))) ? name : null;
}

/** A binary written as numbers: `<<0x90, 60, 127>>`. */
const NUMBER_BINARY = /^<<\s*(?:0x[\da-fA-F]+|\d+)(?:\s*,\s*(?:0x[\da-fA-F]+|\d+))*\s*>>$/;

/**
 * memcachex's `down("memcache")`, the sleep, `up("memcache")` (Toxiproxy): a call and the one that
 * undoes it, given the same arguments: the sleep is how long the first holds. `down → up`, or null.
 */
function undoneBy(first: SyntaxNode, second: SyntaxNode): string | null {
  const [a, b] = [callName(first), callName(second)];
  if (!a || !b || callArguments(first).map((arg) => arg.text).join(',') !== callArguments(second).map((arg) => arg.text).join(',')) return null;
  const [pa, fa] = [a.slice(0, a.lastIndexOf('.') + 1), a.slice(a.lastIndexOf('.') + 1)];
  const [pb, fb] = [b.slice(0, b.lastIndexOf('.') + 1), b.slice(b.lastIndexOf('.') + 1)];
  return pa === pb && UNDOES.some(([done, undo]) => fa === done && fb === undo) ? `${a} → ${fb}` : null;
}

/** A function and the one that undoes it: an outage and its end, a pause and its resumption. */
const UNDOES: readonly (readonly [string, string])[] = [
  ['down', 'up'], ['disable', 'enable'], ['pause', 'resume'], ['suspend', 'resume'], ['block', 'unblock'],
  ['partition', 'heal'], ['cut', 'restore'], ['disconnect', 'reconnect'], ['take_down', 'bring_up'], ['stop_proxy', 'start_proxy'],
];

/** The first call in `node` that looks like it changes state (`Process.write`), or null when it only reads. */
export function actingCall(node: SyntaxNode, reads?: (name: string, call: SyntaxNode) => boolean): string | null {
  // A name ending in `?` is a predicate by Elixir's convention (`os_process_alive?`, `connected?`).
  // A field's name says nothing of what the code does (`debug_info.failed_to_start_workers_count`).
  const acting = callNamesIn(node).find(
    (c) =>
      fieldOwner(c.node) === null &&
      // Starting processes, or sleeping (tarearbol's `Task.async_stream(&Full.asynch/1) |> tap(fn _ ->
      // Process.sleep(1_000) end)`): every poll would start them, and wait, again. `Agent.get` only
      // runs its function in the agent, to read.
      (ASYNC_CALLS.has(c.name) || (SPAWNING_CALLS.has(c.name) && c.name !== 'Agent.get') || SLEEPS.has(c.name) ||
        namesAnAct(c.name) ||
        runsAFunction(c.name, c.node) ||
        controllerAction(c.name, c.node) ||
        remoteActs(c.name, c.node)) &&
      !inHistoryCheck(c.node, node) &&
      !reads?.(c.name, c.node),
  );
  if (acting) {
    // Named by what the RPC runs (`EKV.put`), not by the RPC (`TestCluster.rpc!`).
    const remote = remotelyCalled(acting.node);
    return remote !== null && remoteActs(acting.name, acting.node) && !namesAnAct(acting.name) ? remote : acting.name;
  }
  const told = callNamesIn(node).find((c) => MESSAGE_CALL.test(c.name) && actingMessage(callArguments(c.node)[1]?.text ?? '') && !inHistoryCheck(c.node, node));
  if (told) return told.name;
  if (!node.text.includes('"') || !(WRITING_SQL.test(node.text) || ACTION_PATH.test(node.text) || actingMethod(node.text))) return null;
  // The innermost call that is handed the SQL or the path (`P.query`, `conn`); not one a mock's
  // history check describes (deployex's `called(Webhook.notify("crash_restart", …))`).
  return callNamesIn(node).filter((c) => (WRITING_SQL.test(c.node.text) || ACTION_PATH.test(c.node.text) || actingMethod(c.node.text)) && !inHistoryCheck(c.node, node)).pop()?.name ?? null;
}

/** A JSON-RPC method named in a string, `"private/unsubscribe"`, `"public/unsubscribe_all"`. */
const RPC_METHOD = /"[a-z][\w.-]*\/([a-z]\w*)"/g;

/** Does `text` hand a call an RPC method whose name acts (deribit_ex's `json_rpc(conn, "private/unsubscribe", …)`)? */
function actingMethod(text: string): boolean {
  for (const [, method] of text.matchAll(RPC_METHOD)) if (namesAnAct(method!)) return true;
  return false;
}

/** Does a call's name say it changes state or takes what it reads (`Cache.put`, `record_visit`, `:gen_tcp.recv`)? */
function namesAnAct(name: string): boolean {
  if (name === '' || name.endsWith('?') || PURE.test(name) || NODE_PING.test(name) || COUNTING.test(name)) return false;
  return MUTATING.test(name.replace(/^.*\./, '.')) || RECORDING.test(name.replace(/^.*\./, '')) || CONSUMING.test(name) || HTTP_WRITE.test(name) || STARTS_WHAT_IS_NOT.test(name);
}

/** `Application.ensure_all_started(:app)`: named with a participle, it starts what is not running (super_cache). */
const STARTS_WHAT_IS_NOT = /(?:^|\.)ensure_(?:all_)?started$/;

/**
 * The function an RPC or `apply` runs, named by module and atom among the call's arguments:
 * `:erpc.call(node, EKV, :put, [name, k, v])`, ekv's `TestCluster.rpc!(node, EKV, :put, args)`,
 * `apply(Cache, :put, [k, v])`, as `EKV.put`. Null when no module, atom and list follow each other.
 */
export function remotelyCalled(call: SyntaxNode): string | null {
  const args = callArguments(call);
  for (let i = 0; i + 2 < args.length; i++) {
    const [module, fun, list] = [args[i]!, args[i + 1]!, args[i + 2]!];
    if ((module.type === 'alias' || (module.type === 'atom' && /^:[a-z]/.test(module.text))) && fun.type === 'atom' && /^:[a-z_]\w*[?!]?$/.test(fun.text) && list.type === 'list') {
      return `${module.text}.${fun.text.slice(1)}`;
    }
  }
  return null;
}

/** A call that runs a function on another node: `:rpc.call`, `:erpc.call`, `:rpc.block_call`, ekv's `TestCluster.rpc!`. */
const RPC = /^:(?:peer|rpc|erpc)\.\w+$|(?:^|[._])rpc(?:$|[_!])/;

/**
 * Does `name` run a function elsewhere, on another node or through `apply`, named by module, atom and
 * arguments? With `call`, also a module's `call` or `cast` written that way (runsOnNode).
 */
export function runsElsewhere(name: string, call?: SyntaxNode): boolean {
  return RPC.test(name) || /^(?:Kernel\.)?apply$/.test(name) || (call !== undefined && runsOnNode(name, call));
}

/**
 * ExUnit.ClusteredCase's `Cluster.call(node, Hub, :push, [pid, x])`: a module's `call` or `cast`
 * handed a target, then a module, a function's name and its arguments, as `:erpc.call` is. Whatever
 * the module is called, it runs the function on the node it names first (piped in too), which is no process.
 */
export function runsOnNode(name: string, call: SyntaxNode): boolean {
  const args = argumentsAsRun(call);
  return /^[A-Z][\w.]*\.(?:call|cast)$/.test(name) && (args.length === 4 || args.length === 5) && args[1]!.type === 'alias' && remotelyCalled(call) === `${args[1]!.text}.${args[2]!.text.slice(1)}`;
}

/**
 * Does the function an RPC or `apply` runs name an act (`:erpc.call(node, EKV, :put, …)`)? A module's
 * `new` too when it runs on another node: a struct built from the arguments needs no node, so it
 * makes what it names there (CarpinchoMQ's `:rpc.call(node1, Queue, :new, [:cola1, …])` starts a
 * queue and its replica under the cluster's supervisor, again on every round of a poll).
 */
function remoteActs(name: string, call: SyntaxNode): boolean {
  const remote = remotelyCalled(call);
  return remote !== null && (namesAnAct(remote) || (RPC.test(name) && /^[A-Z][\w.]*\.new!?$/.test(remote)));
}

/**
 * A controller's action called by hand, `driver_photos(conn, %{"id" => id, …})` (frayt imports its
 * admin controller): a local call handed the conn and a map of params runs the request, an upload
 * there. Plug's own functions on a conn take no map of params.
 */
function controllerAction(name: string, call: SyntaxNode): boolean {
  if (name.includes('.')) return false;
  const args = callArguments(call);
  return args.length === 2 && args[0]!.text === 'conn' && args[1]!.type === 'map';
}

/**
 * A module's `call` handed a function to run (vsm's and lasso's `CircuitBreaker.call(breaker, fn ->
 * … end)`): it runs the function through the breaker, an act a poll would repeat. Not OTP's calls.
 */
function runsAFunction(name: string, call: SyntaxNode): boolean {
  return /^[A-Z][\w.]*\.call$/.test(name) && !/^(?:GenServer|Agent|GenStage|Registry)\./.test(name) && callArguments(call).some((a) => a.type === 'anonymous_function' || (a.type === 'unary_operator' && a.text.startsWith('&')));
}

/**
 * Is `call` (inside `within`) a mock's history check, `called(PubSub.broadcast!(…))`, or the pattern
 * of one: read from a record, never run?
 */
export function inHistoryCheck(call: SyntaxNode, within: SyntaxNode): boolean {
  if (!within.text.includes('called')) return false;
  for (let n: SyntaxNode | null = call; n && n.id !== within.parent?.id; n = n.parent) {
    if (n.type === 'call' && CALL_HISTORY.test(n.text)) return true;
  }
  return false;
}

/**
 * Could `node` give another value if computed again later? Only through a call, named or anonymous
 * (`Cache.size(c)`, `Cache.size`, `fun.()`): literals, variables, operators, the fields of a bound
 * value (`state.count`, `hd(flow.nodes).actions`), pure functions of those (`length(list)`) and
 * the test's own `self()` and `node()` stay as they are, so a wait for them can only time out.
 */
export function mayChange(node: SyntaxNode): boolean {
  // `Process.whereis(Bridge) != nil || true` (jido_messaging): true whatever the call answers.
  const parts = binaryParts(node);
  if ((parts?.op === '||' || parts?.op === 'or') && parts.right.text === 'true') return false;
  return changingCalls(node, 1).length > 0;
}

/**
 * Reads of what the running system was built or started with (an application's `vsn`, the OTP
 * release): opentelemetry_tesla's `{:ok, vsn} = :application.get_key(:opentelemetry_tesla, :vsn)`
 * answers the same for the whole run, so no wait is for it.
 */
const FIXED_FOR_THE_RUN = /^(?::application\.get_key|Application\.spec|Application\.app_dir|:code\.priv_dir|:code\.lib_dir|System\.version|System\.otp_release)$/;

/**
 * The keys of `:erlang.system_info` the VM was built or started with (`:otp_release`, `:schedulers`,
 * `:wordsize`). Its live counts (`:process_count`, `:port_count`, `:ets_count`) move as work starts
 * and ends, and a test can change settings (`:schedulers_online`): a check of those after a sleep is
 * a wait like any other read's. `:atom_count` only grows, and a test compares it with a count taken
 * before to show that nothing leaked: polled, that check would pass at once, so it counts as fixed.
 */
const FIXED_SYSTEM_INFO = /^:(?:otp_release|version|system_version|system_architecture|machine|wordsize|schedulers|dirty_cpu_schedulers|dirty_io_schedulers|logical_processors|threads|thread_pool_size|smp_support|build_type|emu_type|emu_flavor|compat_rel|driver_version|nif_version|debug_compiled|c_compiler_used|time_warp_mode|process_limit|port_limit|ets_limit|atom_limit|atom_count)$/;

/** Is `call` a read of what the running system was built or started with (FIXED_FOR_THE_RUN, FIXED_SYSTEM_INFO)? */
function fixedForTheRun(call: SyntaxNode): boolean {
  const name = callName(call) ?? '';
  if (FIXED_FOR_THE_RUN.test(name)) return true;
  const [key, ...rest] = callArguments(call);
  return name === ':erlang.system_info' && rest.length === 0 && key?.type === 'atom' && FIXED_SYSTEM_INFO.test(key.text);
}

/** The calls in `node` that could answer otherwise later (mayChange's reason to say yes), outermost first; at most `limit`. */
export function changingCalls(node: SyntaxNode, limit = Infinity): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const visit = (n: SyntaxNode): void => {
    if (n.type === 'call') {
      // A field of a value: it changes only if the value does.
      const owner = fieldOwner(n);
      if (owner) return visit(owner);
      if (!PURE.test(callName(n) ?? '') && !fixedForTheRun(n)) found.push(n);
    }
    for (const child of n.namedChildren) {
      if (found.length >= limit) return;
      visit(child);
    }
  };
  visit(node);
  return found;
}

/** Does `node` call a function of another module that could answer otherwise later (`Helpers.first_player(game)`, not `Enum.map`)? */
export function readsAnotherModule(node: SyntaxNode): boolean {
  return callNamesIn(node).some(({ name, node: call }) => REMOTE.test(name) && !PURE.test(name) && fieldOwner(call) === null);
}

/** For a field of a value (`state.count`, `hd(flow.nodes).actions`: no parentheses, not a module's function), the value; else null. */
export function fieldOwner(call: SyntaxNode): SyntaxNode | null {
  const target = call.childForFieldName('target');
  const owner = target?.type === 'dot' ? target.childForFieldName('left') : null;
  const hasArguments = call.namedChildren.some((c) => c.type === 'arguments');
  return owner && !hasArguments && owner.type !== 'alias' && owner.type !== 'atom' ? owner : null;
}

/**
 * The reads a poll makes and, for each, the keys of its answer it looks at (null: the whole answer):
 * `Mod.stats().started` and `Mod.stats()[:started]` look at `started`, `%{started: [1]} = Mod.state()`
 * at `started`, `Mod.started() == [1]` at the whole answer. `polled` are the expressions the poll
 * checks; `bound`, a read the poll binds to a pattern (`stats = Mod.stats()`), whose names `polled`
 * looks into the same way (`stats.started`). Null when the poll reads nothing.
 */
export function answerKeysRead(polled: readonly SyntaxNode[], bound?: { pattern: SyntaxNode; read: SyntaxNode }): { read: SyntaxNode; keys: (string | null)[] }[] | null {
  // An assertion polled is its condition.
  const conditions = polled.map((node) => (ASSERTIONS.has(assertionName(node) ?? '') ? (callArguments(node)[0] ?? node) : node));
  const reads = conditions.flatMap((node) => changingCalls(node)).map((read) => ({ read, keys: keysLookedAt(read) }));
  if (!bound) return reads.length > 0 ? reads : null;
  const names = bound.pattern.type === 'identifier' ? [bound.pattern.text] : [];
  const keys: (string | null)[] = bound.pattern.type === 'map' ? [...(mapFields(bound.pattern)?.keys() ?? [null])] : names.length > 0 ? [] : [null];
  // A use that does not look into the name (`Enum.count(stats)`) reads the whole answer.
  for (const node of conditions) for (const use of node.descendantsOfType('identifier').filter((id) => names.includes(id.text) && !fieldName(id))) keys.push(keyOf(use));
  return keys.length > 0 ? [...reads, { read: bound.read, keys }] : null;
}

/** The keys of `read`'s answer the expression around it looks at (see answerKeysRead). */
function keysLookedAt(read: SyntaxNode): (string | null)[] {
  const parts = read.parent?.type === 'binary_operator' ? binaryParts(read.parent) : null;
  if (parts?.op === '=' && parts.right.id === read.id && parts.left.type === 'map') return [...(mapFields(parts.left)?.keys() ?? [null])];
  return [keyOf(read)];
}

/** The `key` of `value.key`: a field's name, not a value. */
function fieldName(id: SyntaxNode): boolean {
  return id.parent?.type === 'dot' && id.parent.childForFieldName('right')?.id === id.id;
}

/** The key `value.key` or `value[:key]` looks up in `value`; null when `value` is not looked into so. */
function keyOf(value: SyntaxNode): string | null {
  const around = value.parent;
  // `value.key` is a call whose target is a dot with `value` on its left.
  const access = around?.type === 'dot' ? around.parent : null;
  if (access?.type === 'call' && fieldOwner(access)?.id === value.id) return around!.childForFieldName('right')?.text ?? null;
  const key = around?.type === 'access_call' && around.childForFieldName('target')?.id === value.id ? around.childForFieldName('key') : null;
  return key?.type === 'atom' ? key.text.slice(1) : null;
}

/** `c1` in `DeltaCrdt.merge(c1, …)`, `ctx.c2` in `DeltaCrdt.to_map(ctx.c2)`: a process held in a variable, by module. */
function processArguments(statement: SyntaxNode): Map<string, string> {
  const byModule = new Map<string, string>();
  for (const { name, node } of callNamesIn(statement)) {
    // A module's functions, or one function of the test's own (`workers_for(@node1)`), by name.
    const module = /^([A-Z][\w.]*)\.[a-z_]\w*[?!]?$/.exec(name)?.[1] ?? (LOCAL_CALL.test(name) && !NOT_A_READ.has(name) ? `${name}/` : undefined);
    const first = callArguments(node)[0];
    if (module && first && PROCESS_ARGUMENT.test(first.text)) byModule.set(module, first.text);
  }
  return byModule;
}

const LOCAL_CALL = /^[a-z_]\w*[?!]?$/;
/** Local calls that are no question to a process: ExUnit's and the language's own. */
const NOT_A_READ = new Set([...ASSERTIONS, 'length', 'map_size', 'tuple_size', 'hd', 'tl', 'elem', 'is_nil', 'is_pid', 'match?', 'to_string', 'inspect', 'send', 'self']);
/** What names a process, node or server: `c1`, `ctx.ref`, `@node1`, `:n2`. */
const PROCESS_ARGUMENT = /^(?:@?[a-z_]\w*(?:\.[a-z_]\w*)?|:[a-z_]\w*)$/;

/**
 * `later` asks a module `earlier` called (or a function of the test's own) about another process,
 * node or server (`merge(c1, …)`, then `to_map(c2)`; `workers_for(@node1)`, then `workers_for(@node2)`).
 */
export function asksAnotherProcess(earlier: SyntaxNode, later: SyntaxNode): boolean {
  if (asksAnotherNode(earlier, later)) return true;
  const written = processArguments(earlier);
  if (written.size === 0) return false;
  return [...processArguments(later)].some(([module, process]) => written.has(module) && written.get(module) !== process);
}

/** Erlang's calls that run `module.function(args)` on another node: `:peer.call(peer, :syn, :lookup, [k])`. */
const REMOTE_CALL = /^:(?:peer|rpc|erpc)\.(?:call|block_call)$/;

/**
 * The functions a statement calls, each with the node it runs on: `:syn.lookup` on `peer_pid` for
 * `:peer.call(peer_pid, :syn, :lookup, […])`, on `""` (this node) for `:syn.lookup(…)`.
 */
function callsByNode(statement: SyntaxNode): Map<string, string> {
  const byFunction = new Map<string, string>();
  for (const { name, node } of callNamesIn(statement)) {
    const args = callArguments(node);
    if (REMOTE_CALL.test(name) && args.length >= 3 && args[1]!.type !== 'identifier' && args[2]!.type === 'atom') {
      byFunction.set(`${args[1]!.text.replace(/^Elixir\./, '')}.${args[2]!.text.slice(1)}`, args[0]!.text);
    } else if (/\.[a-z_]\w*[?!]?$/.test(name)) byFunction.set(name, '');
  }
  return byFunction;
}

/**
 * `later` asks what `earlier` asked of another node (realtime's "both nodes agree":
 * `:peer.call(peer_pid, :syn, :lookup, [Connect, id])`, then `:syn.lookup(Connect, id)`).
 */
function asksAnotherNode(earlier: SyntaxNode, later: SyntaxNode): boolean {
  if (!/\b(?:peer|rpc|erpc)\./.test(earlier.text + later.text)) return false;
  const asked = callsByNode(earlier);
  return [...callsByNode(later)].some(([fn, node]) => asked.has(fn) && asked.get(fn) !== node);
}

/**
 * Does `later`, an assertion right after the one a wait polls, belong in the wait's condition? When
 * it asks the same of another process or node, or asks the same function about something else, or
 * checks a death: waiting for the first alone says nothing of those, which the same event or the
 * same timers bring about (the loser of a name conflict is killed; `call_count(…, :power_off)`
 * follows `call_count(…, :start_powering_off)` once a hold time has passed). The assertions right
 * after `first` (in `rest`, the statements after it) that join, up to the first that does not: one
 * past it may hold only after it ran (blockscout flushes a :DOWN with a direct `handle_info` call,
 * then checks `Process.info(self(), :messages)`, which the first check found holding the :DOWN).
 */
export function joinedChecks(first: SyntaxNode, rest: readonly SyntaxNode[]): SyntaxNode[] {
  const checks = assertionsAfter(rest);
  const bound = new Set(boundByAssertion(first));
  // Functions the wait already polls: asked again about something else, they are no new risk.
  const polled = new Set(callNamesIn(first).map(({ name }) => name));
  // connection's `Process.info(pid, :current_function)` for a hibernating server, then
  // `Connection.call(pid, :state)`: polled together, the call wakes the process it watches.
  const observed = runStateRead(first);
  // The read the wait polls, as written: archethic's `:sys.get_state(pid)` matched again two
  // checks on, after `get_availability_timer(key, true)`, which resets what it reads.
  const reads = callNamesIn(first)
    .filter(({ node }) => callArguments(node).length > 0)
    .map(({ node }) => squeezed(node.text));
  let end = 0;
  // Where the run ends when only checks that cannot change come after the last that joined.
  let lastJoined = 0;
  for (; end < checks.length; end++) {
    const later = checks[end]!;
    // eternal's `assert(is_pid(heir))` between `owner != Eternal.owner(tab)` and `heir !=
    // Eternal.heir(tab)`: it holds or fails the same at any time, so it neither joins the wait by
    // itself nor ends the run of checks that do (polled alongside them, it costs nothing).
    if (unchangingCheck(later)) continue;
    if (observed && mentions(later, observed) && runStateRead(later) !== observed) break;
    // A check between two reads of what the wait polls may be what changes it: polled, it would
    // act before the read after it, and that read would find the state moved on.
    if (!reads.some((read) => squeezed(later.text).includes(read)) && checks.slice(end + 1).some((after) => reads.some((read) => squeezed(after.text).includes(read)))) break;
    if (!joinsTheWait(first, later) && !readsAlongside(later, bound, polled)) break;
    // shoehorn's `assert {applications, 0} = System.cmd(…)`, then `assert applications =~ "shoehorn"`:
    // joined, the match would be polled and the checks of what it binds not.
    const binds = boundByAssertion(later);
    if (binds.length > 0 && rest.slice(rest.indexOf(later) + 1).some((statement) => binds.some((name) => mentions(statement, name)))) break;
    for (const name of boundByAssertion(later)) bound.add(name);
    for (const { name } of callNamesIn(later)) polled.add(name);
    lastJoined = end + 1;
  }
  return checks.slice(0, lastJoined);
}

/** A plain `assert`/`refute` of values only (`is_pid(heir)`, `length(list) == 3`): nothing it asks can answer otherwise later. */
function unchangingCheck(check: SyntaxNode): boolean {
  const name = assertionName(check);
  const [condition] = callArguments(check);
  return (name === 'assert' || name === 'refute') && condition !== undefined && boundByAssertion(check).length === 0 && !mayChange(condition) && actingCall(condition) === null;
}

/** `Process.info(pid, :current_function)`, `:status`, `:message_queue_len`…: what a process is doing at that instant. */
const RUN_STATE = /\bProcess\.info\(\s*(@?[a-z_][\w.]*)\s*,\s*(?:\[\s*)?:(?:current_function|current_location|current_stacktrace|status|message_queue_len|messages|reductions|heap_size|total_heap_size|memory|garbage_collection)\b/;

/**
 * The process whose run state `statement` reads (hibernating, waiting, its mailbox), or null. A
 * reply says nothing of it (`{:reply, n, n + 1, :hibernate}` hibernates after replying), and any
 * message to the process changes it.
 */
export function runStateRead(statement: SyntaxNode | undefined): string | null {
  return statement ? (RUN_STATE.exec(statement.text)?.[1] ?? null) : null;
}

/** A run state that says the process is idle: hibernating, or waiting in its receive. */
const PARKED = /\{\s*:erlang\s*,\s*:hibernate\s*,\s*3\s*\}|\{\s*:status\s*,\s*:waiting\s*\}/;

/**
 * The process `statement` asserts is parked (`assert Process.info(pid, :current_function) ===
 * {:current_function, {:erlang, :hibernate, 3}}`, `assert Process.info(pid, :status) == {:status,
 * :waiting}`), or null. A process parks by itself once it has nothing left to do, and stays so until
 * a message or a timer wakes it. Not a refute: a timer firing is what ends a park.
 */
export function parkedCheck(statement: SyntaxNode | undefined): string | null {
  if (assertionName(statement) !== 'assert') return null;
  const process = runStateRead(statement);
  return process && PARKED.test(statement!.text) ? process : null;
}

/**
 * Any other plain check that reads state through another module, or through a function the wait
 * already polls, and could answer otherwise later (nerves_time's `assert
 * NervesTime.Ntpd.clean_start?()`, true from the server's start, then `assert
 * NervesTime.synchronized?()`, which the sleep waits for): the sleep gave the whole run of checks
 * its time, and a wait for the first alone may end before the rest hold. Not one that acts (a poll
 * would repeat it), waits on the mailbox, binds, or uses what an earlier check bound (a condition
 * polled in a function cannot see it).
 */
function readsAlongside(later: SyntaxNode, bound: ReadonlySet<string>, polled: ReadonlySet<string>): boolean {
  if (!ASSERTIONS.has(assertionName(later) ?? '')) return false;
  const [condition] = callArguments(later);
  if (!condition || condition.text.includes('fn') || !mayChange(condition) || actingCall(condition) !== null) return false;
  for (const name of bound) if (mentions(condition, name)) return false;
  // A match that binds (`assert {_, %{refs: refs}} = :sys.get_state(pool)`, finch) holds for most
  // answers: the checks of what it bound come after it, and a poll of the match waits for none of them.
  if (boundByAssertion(later).length > 0) return false;
  // `assert :ok = Antenna.event(…)` (antenna): a call that answers `:ok` is an act by its answer,
  // whatever its name; polled, it would publish again and again.
  if (OK_ANSWER.test(condition.text)) return false;
  // Only reads through another module's functions: a function of the test's own may wait or act
  // (realtime's `assert_replication_status(id)`), a callback called by hand acts (blockscout's
  // `handle_info(message, state)`), and a check that waits by itself comes after the first has held.
  // One the wait already polls may be asked again (swarm's `whereis_name(@node1, {:worker, 2})`).
  // A bare predicate only asks, by Elixir's convention: drab's `element_enabled?(start_waiter)`,
  // Hound's, after the page's text, both set by the same handler.
  return callNamesIn(condition).every(
    ({ name }) => PURE.test(name) || polled.has(name) || PREDICATE.test(name) || (REMOTE.test(name) && !SELF_WAITING.test(name.replace(/^.*\./, '')) && !GENSERVER_CALLBACKS.has(name.replace(/^.*\./, ''))),
  );
}

/** A function of one bare name that asks: `element_enabled?`, `visible?`. */
const PREDICATE = /^[a-z_]\w*\?$/;

/** A condition that expects `:ok` of a call: `:ok = X.f(…)`, `X.f(…) == :ok`. */
const OK_ANSWER = /^:ok\s*={1,3}|={2,3}\s*:ok$/;

/** Function names that say the function waits or checks on its own: `assert_…`, `wait_…`, `await…`, `eventually`, `poll…`. */
const SELF_WAITING = /^(?:assert_|refute_|wait|await|eventually|poll)/;

/** The variables an assertion's pattern binds: `assert {:ok, job} = Queue.peek(q)` binds `job`. */
function boundByAssertion(statement: SyntaxNode): string[] {
  const [condition] = callArguments(statement);
  const match = condition ? binaryParts(condition) : null;
  return match?.op === '=' ? patternBindings(match.left) : [];
}

function joinsTheWait(first: SyntaxNode, later: SyntaxNode): boolean {
  return asksAnotherProcess(first, later) || asksTheSameFunction(first, later) || bothIdleInOneModule(first, later) || watchedProcess(later) !== null || osProcessGone(later);
}

/**
 * `refute os_process_alive?(os_pid)` (ex_cmd, after `refute Process.alive?(s.pid)`): an OS process's
 * death, which comes on the OS's time, often well after that of the Elixir process that ran it.
 */
function osProcessGone(statement: SyntaxNode): boolean {
  return OS_PROCESS.test(deniedCondition(statement)?.text ?? '');
}

/** A condition an idle system meets: empty, zero, nil, false, absent (`== []`, `is_nil(…)`, `Enum.empty?(…)`, `match?([], …)`, `== {:error, :not_set}`). */
// Not negated: keila's `assert not is_nil(campaign.sent_at)` waits for a value to appear.
// Also in an `{:ok, …}` match (quickbeam's `assert {:ok, false} = QuickBEAM.eval(rt, "downFired")`).
// An answer that nothing is there (journey's `Journey.get(execution, :send_reminder) == {:error, :not_set}`,
// conn_grpc's `{:error, :not_connected}`, `Map.fetch` or `:ets` lookups' `:error`/`:undefined`) is idle
// too: nothing computed or connected yet meets it.
const EMPTY = String.raw`(?:\[\]|0|nil|false|%\{\}|"")`;
const ABSENT = String.raw`(?::error|:undefined|\{\s*:error\s*,\s*:(?:not_\w+|notfound|enoent|none|no_\w+)\s*\})`;
/** A value an idle system answers with, the whole of a literal: `[]`, `0`, `nil`, `:error`, `{:error, :not_found}`. */
export const IDLE_VALUE = new RegExp(String.raw`^(?:${EMPTY}|${ABSENT})$`);
export const IDLE_STATE = new RegExp(
  String.raw`(?:===?)\s*(?:${EMPTY}|${ABSENT})\s*$|^(?:${EMPTY}|${ABSENT}|\{\s*:ok\s*,\s*${EMPTY}\s*\})\s*(?:===?|=(?!=))|(?<!\bnot\s+|!\s*)(?:\bis_nil\(|\bEnum\.empty\?\(|\bmatch\?\(\s*${EMPTY}\s*,)`,
);

/**
 * A check that nothing is there: `assert` of an empty or zero value (`length(traces) == 0`, `events
 * == []`, `durable_version(server) == nil`), or a `refute` of anything but one (`refute
 * is_nil(address.contract_code)` asks for something to be there).
 */
/**
 * Does `condition` ask for an idle state? `Enum.empty?(list) === false` asks the opposite of what
 * its left side does (tyrone's posts: the list is not empty).
 */
export function asksIdle(condition: SyntaxNode | undefined): boolean {
  if (!condition) return false;
  const parts = binaryParts(condition);
  if (parts && (parts.op === '==' || parts.op === '===') && (parts.right.text === 'false' || parts.left.text === 'false')) {
    return !IDLE_STATE.test((parts.right.text === 'false' ? parts.left : parts.right).text);
  }
  return IDLE_STATE.test(condition.text);
}

export function idleCheck(statement: SyntaxNode): boolean {
  const denied = deniedCondition(statement);
  if (denied) return !asksIdle(denied);
  return assertionName(statement) === 'assert' && asksIdle(callArguments(statement)[0]);
}

/**
 * An `assert`'s or `refute`'s condition with the negations in front of it taken off (`not x`, `!x`,
 * `!(x)`), and whether it must hold: `assert x` and `assert !!x` say x holds; `refute x`, `assert not
 * x` and `assert !x` that it does not. Null for any other statement. Not a comparison: `assert x != y`
 * asks that x moved away from y, `assert not_found?(x)` calls a function.
 */
export function polarCheck(statement: SyntaxNode | undefined): { condition: SyntaxNode; holds: boolean } | null {
  const name = assertionName(statement);
  let [condition] = name === 'assert' || name === 'refute' ? callArguments(statement!) : [];
  if (!condition) return null;
  let holds = name === 'assert';
  for (let operand = negatedOperand(condition); operand; operand = negatedOperand(condition)) {
    condition = operand;
    holds = !holds;
  }
  return { condition, holds };
}

/** What `not x`, `!x` or `!(x)` negates, or null. */
function negatedOperand(node: SyntaxNode): SyntaxNode | null {
  const unary = unaryParts(node);
  if (!unary || (unary.op !== '!' && unary.op !== 'not')) return null;
  let operand = unary.operand;
  while (operand.type === 'block' && operand.namedChildCount === 1) operand = operand.namedChildren[0]!;
  return operand;
}

/**
 * What a negative check says does not hold, or null: `refute x`, `assert not x`, `assert !x` → x.
 * The one place a check is told to be negative, "it did not happen": a sleep before one is the
 * window for something that must not come, and a poll of it passes at once (peluquero's message
 * published to a queue nobody binds, then `assert not Enum.member?(Bucket.state(), data)`). Not an
 * assert's negation of a check that nothing is there (keila's `assert not is_nil(campaign.sent_at)`,
 * `assert !Enum.empty?(xs)`): that asks for something to be there. A refute counts as it stands
 * (`refute is_nil(x)` too), unless it refutes a negation. Nor `assert x == false`, which asksIdle
 * already reads as a check for an idle state, nor `assert x != y` (see polarCheck).
 */
export function deniedCondition(statement: SyntaxNode | undefined): SyntaxNode | null {
  const polar = polarCheck(statement);
  if (!polar || polar.holds) return null;
  return assertionName(statement) === 'refute' || !asksIdle(polar.condition) ? polar.condition : null;
}

/**
 * Two checks that one module is idle in two ways (commanded-scheduler's `Jobs.pending_jobs(now) ==
 * []`, then `Jobs.running_jobs() == []`): the first may hold from the start, and the second is the
 * one the sleep waits for.
 */
function bothIdleInOneModule(first: SyntaxNode, later: SyntaxNode): boolean {
  const idle = (statement: SyntaxNode) => assertionName(statement) === 'assert' && asksIdle(callArguments(statement)[0]);
  if (!idle(first) || !idle(later)) return false;
  const moduleOf = (name: string) => name.slice(0, name.lastIndexOf('.'));
  const modules = new Set(moduleFunctionsCalled(first).map(moduleOf));
  return moduleFunctionsCalled(later).some((name) => modules.has(moduleOf(name)));
}

/** Do both statements call one function of a module (not a pure one of the standard library's)? */
function asksTheSameFunction(first: SyntaxNode, later: SyntaxNode): boolean {
  const asked = new Set(moduleFunctionsCalled(first));
  return asked.size > 0 && moduleFunctionsCalled(later).some((name) => asked.has(name));
}

/** The functions of modules `statement` calls, the standard library's pure ones left out (`Exq.enqueue`, `:ets.lookup`). */
export function moduleFunctionsCalled(statement: SyntaxNode): string[] {
  return callNamesIn(statement).flatMap(({ name }) => (REMOTE.test(name) && !PURE.test(name) ? [name] : []));
}

/**
 * An earlier assertion in the test that makes the same check as `check`, if any, with nothing
 * between them that looked at the same read otherwise or changed it through the same module and
 * argument: the condition held before the sleep (whatever else ran since, a kill, a call), so a
 * poll for it would pass at once; the sleep gives something time to break it. `before` is nearest first.
 */
export function checkedBefore(before: readonly SyntaxNode[], check: SyntaxNode, known: KnownOfEarlierStatements = {}): SyntaxNode | null {
  return sameCheckBefore(before, check, (statement) => assertionName(statement) !== null, known);
}

/**
 * What the project's code says of the statements before a check, beyond their text (Signals knows;
 * see Signals.checkedAgain): the condition a polling helper was handed to wait for (pokex's `assert
 * eventually(fn -> InputGate.state().focus_ok == true end)`), and whether a call leaves the state it
 * names as it was (roulette's `Session1.unsub(s1, "t1")`, a server call whose handler answers with
 * the state it got).
 */
export interface KnownOfEarlierStatements {
  polled?: (statement: SyntaxNode) => SyntaxNode | null;
  leavesState?: (call: { module: string; fun: string; args: string[] }) => boolean;
}

/**
 * `assert TelemetryProcessor.buffer_size(:log) == initial_size` after `initial_size =
 * TelemetryProcessor.buffer_size(:log)`: the check compares a read with what the same read gave
 * earlier in the test, so it held before the sleep (sentry's "still at initial size"). The
 * statement that bound the earlier value, or null. `before` is nearest first.
 */
export function comparedWithEarlierRead(before: readonly SyntaxNode[], check: SyntaxNode, ops: ReadonlySet<string> = EQUAL): SyntaxNode | null {
  const name = assertionName(check);
  const compared = name === 'assert' ? binaryParts(callArguments(check)[0] ?? check) : null;
  // `assert {:ok, ^date} = HydratingCache.get(pid)` after `{:ok, date} = HydratingCache.get(pid)`
  // (archethic's "same value until next refresh"): the read matched again to what it bound.
  if (compared?.op === '=' && ops === EQUAL && compared.right.type === 'call' && compared.left.text.includes('^')) {
    const unpinned = squeezed(compared.left.text.replace(/\^/g, ''));
    return before.find((statement) => {
      const bound = binaryParts(statement);
      return bound?.op === '=' && squeezed(bound.left.text) === unpinned && squeezed(bound.right.text) === squeezed(compared.right.text);
    }) ?? null;
  }
  if (!compared || !ops.has(compared.op)) return null;
  for (const [read, value] of [[compared.left, compared.right], [compared.right, compared.left]] as const) {
    // The value may be the pattern the read was matched to (honeydew's `[worker] = workers(queue)`,
    // then `assert [worker] == workers(queue)`).
    // A pipeline reads too: wraft's `count_before = Instance |> Repo.all() |> length()`, then
    // `assert count_before == Instance |> Repo.all() |> length()` after an update.
    if (!COMPARABLE_PATTERN.has(value.type) || !(read.type === 'call' || binaryParts(read)?.op === '|>') || patternBindings(value).length === 0) continue;
    // `Enum.count(Process.list()) == starting_processes`: a leak check. What the test did since
    // started processes (or ports, tables) that end on their own time; the sleep waits for the
    // count to come back down (benchee), not for something to break it.
    if (VM_WIDE_COUNT.test(read.text)) continue;
    const binding = before.find((statement) => {
      const bound = binaryParts(statement);
      return bound?.op === '=' && squeezed(bound.left.text) === squeezed(value.text);
    });
    if (!binding || squeezed(binaryParts(binding)!.right.text) !== squeezed(read.text)) continue;
    // `assert handler_count() == original_count + 1` since (toolshed): the read was checked to have
    // moved on, and the sleep waits for it to come back, which a poll can wait for.
    const since = before.slice(0, before.indexOf(binding));
    if (since.some((statement) => assertionName(statement) !== null && squeezed(statement.text).includes(squeezed(read.text)))) continue;
    return binding;
  }
  return null;
}

const COMPARABLE_PATTERN = new Set(['identifier', 'list', 'tuple']);
/**
 * `assert reloaded.updated_at == tenant.updated_at`: two timestamps asserted the same, which says no
 * write happened (realtime's reconciler "does nothing for a tenant already on GCM"). It held before
 * the sleep, and the sleep is the window for a wrong write, not a wait.
 */
export function sameStamps(statement: SyntaxNode): boolean {
  if (!statement.text.includes('_at')) return false;
  const compared = assertionName(statement) === 'assert' ? binaryParts(callArguments(statement)[0] ?? statement) : null;
  return !!compared && (compared.op === '==' || compared.op === '===') && [compared.left, compared.right].every((side) => /\b(?:updated|inserted)_at\b/.test(side.text));
}

/** A variable, or a field of one: `first`, `first.inserted_at`, `entry.meta.at`. */
const HELD_VALUE = /^[a-z_]\w*(?:\.[a-z_]\w*)*$/;

/**
 * An assertion that compares only values the test held before the sleep: a cache read twice, then
 * cleared, a second slept, a third read, and `assert first.inserted_at == second.inserted_at` ahead
 * of `assert first.inserted_at != third.inserted_at`. Nothing bound after the sleep goes into it,
 * and a value does not change, so it comes out the same with or without the sleep: it says nothing
 * about what the sleep is for, and the check to judge is a later one.
 */
export function comparesOnlyEarlierValues(check: SyntaxNode, after: readonly SyntaxNode[]): boolean {
  const name = assertionName(check);
  const compared = name === 'assert' || name === 'refute' ? binaryParts(callArguments(check)[0] ?? check) : null;
  if (!compared || !(EQUAL.has(compared.op) || MOVED_ON.has(compared.op))) return false;
  const sides = [compared.left.text, compared.right.text];
  if (!sides.every((side) => HELD_VALUE.test(side) || LITERAL_VALUE.test(side))) return false;
  const variables = sides.filter((side) => !LITERAL_VALUE.test(side)).map((side) => side.split('.')[0]!);
  if (variables.length === 0) return false;
  const upTo = after.indexOf(check);
  const rebound = new Set((upTo === -1 ? after : after.slice(0, upTo)).flatMap(boundAtTopLevel));
  return variables.every((variable) => !rebound.has(variable));
}

/** The names a statement binds for the lines after it: `third = Cache.get(k)`, `assert {:ok, job} = Queue.peek(q)`. */
function boundAtTopLevel(statement: SyntaxNode): string[] {
  const match = binaryParts(statement);
  return match?.op === '=' ? patternBindings(match.left) : boundByAssertion(statement);
}

/** A statement or expression that is only a value: `nil`, `:ok`, `true`, `1`, `"done"`. */
export const LITERAL_VALUE = /^(?:nil|true|false|:\w+|-?\d+|"[^"#\\]*")$/;

/** `assert true`, `refute(false)`, `assert false`: an assertion of a plain value, which no wait can turn. */
const LITERAL_ASSERTION = /^(?:assert|refute)(?:\s+|\s*\(\s*)(?:nil|true|false|:\w+|-?\d+)\s*\)?$/;

/**
 * A statement whose outcome is fixed whatever ran before it: a plain value (`nil`, `:ok`) or an
 * assertion of one. ExUnit's own tests of its "slowest" report define tests that sleep and then
 * `refute false` (or `assert false`, a failure the report must show): nothing after the sleep reads anything.
 */
export function fixedOutcome(statement: SyntaxNode): boolean {
  return LITERAL_VALUE.test(statement.text) || LITERAL_ASSERTION.test(statement.text);
}

/** `text` without its whitespace: two statements that differ only in layout compare equal. */

const EQUAL: ReadonlySet<string> = new Set(['==', '===']);
/** A read found to have moved on from what it gave earlier (`updated_at(id) > last`). */
export const MOVED_ON: ReadonlySet<string> = new Set(['>', '<', '>=', '<=', '!=', '!==']);

/** Reads of what the whole VM holds: its processes, ports, tables, registered names. */
const VM_WIDE_COUNT = /\b(?:Process\.(?:list|registered)|Port\.list|:erlang\.(?:processes|ports)|:ets\.all)\(\)|:erlang\.system_info\(:(?:process|port|ets)_count\)/;

/**
 * The same for a plain match (`{:ok, [value: val]} = :exometer.get_value(name, :value)`): an
 * earlier statement that made it, which held then, with nothing between that read or changed it
 * otherwise. Polling it again would pass at once.
 */
export function matchedBefore(before: readonly SyntaxNode[], match: SyntaxNode): SyntaxNode | null {
  // `ref = push(socket, "start", %{})` twice is an action made twice, not a check made again.
  const parts = binaryParts(match);
  if (parts?.op !== '=' || !looksReadOnly(parts.right)) return null;
  return sameCheckBefore(before, match, (statement) => assertionName(statement) === null && binaryParts(statement)?.op === '=');
}

/** `_result = Cache.get_count()`: a value bound to an underscored name, which nothing reads. */
function discardsValue(statement: SyntaxNode): boolean {
  const binding = binaryParts(statement);
  return binding?.op === '=' && binding.left.type === 'identifier' && binding.left.text.startsWith('_');
}

function sameCheckBefore(before: readonly SyntaxNode[], check: SyntaxNode, isCheck: (statement: SyntaxNode) => boolean, known: KnownOfEarlierStatements = {}): SyntaxNode | null {
  const checked = unpinnedMatch(check);
  const subject = subjectOf(check);
  const reads = subject ? moduleCalls(subject) : [];
  const asserted = assertionName(check) === 'assert' ? callArguments(check)[0] : undefined;
  const loop = enclosingLoop(check);
  for (const statement of before) {
    // The same text, or the same match but for pins (`{pid, _} = :syn.lookup(…)`, then `{^pid, _} = :syn.lookup(…)`).
    if (isCheck(statement) && (statement.text === check.text || (checked !== null && unpinnedMatch(statement) === checked) || weakerMatch(statement, check) || sameRenderMatch(statement, check, before) || sameCheckThroughName(statement, check, before))) return statement;
    // The same check per item, in a loop over the same items (allbert's `for child <- [blocked,
    // steered] do assert Enum.count(…) == 1 … end` before the wake, and again after the sleep).
    if (loop && sameLoopMakesIt(statement, loop, check)) return statement;
    // The condition a polling helper waited for (`assert eventually(fn -> C end)`), then `assert C`.
    const polled = asserted && known.polled ? known.polled(statement) : null;
    if (polled && squeezed(polled.text) === squeezed(asserted!.text)) return statement;
    if (!subject) continue;
    // A variable the check reads bound anew between (connection's second `{:ok, pid} =
    // Connection.start_link(…)` before `Process.info(pid, …)`): the earlier check was about another process.
    const rebinding = binaryParts(statement);
    if (rebinding?.op === '=' && patternBindings(rebinding.left).some((name) => mentions(subject, name))) return null;
    // The same read made again for its effect, its value thrown away (blockscout's `_updated_value =
    // BlocksCount.get_count()`, which may start a refresh): nothing looked at it otherwise.
    if (discardsValue(statement)) continue;
    // Closer to the sleep, the same read looked at otherwise (`refute alive?(id)`, `get(k) == "value"`,
    // `length(all(owner)) == 1`, `%{workers: n} = count_children(sup)`): it may not have held in
    // between, and a poll waits for it to come back.
    if (subject.type === 'identifier' ? mentions(statement, subject.text) : statement.text.includes(subject.text)) return null;
    // Or changed by a call to the same module about the same thing (`Store.put(:k, 1)` before `Store.exists?(:k)`);
    // a read that names nothing reads all of the module's state, which any other of its calls may
    // change (circuits_gpio's `GPIO.open(…)` in a spawned process before `GPIO.backend_info().pins_open == 0`).
    // A check that only reads changes nothing (property_table's checks of three properties, then the same three again),
    // nor does a read bound to a name (redis_client_ex's `info = Pool.info(pool)` between two pings of the pool).
    // Not one the project's code shows leaves that state as it was (roulette's `Session1.unsub(s1,
    // "t1")` between two `Session1.stack(s1) == […]`): it cannot have broken the check before the sleep.
    const sameModule = reads.some((read) => statement.text.includes(read.module)) && !((isCheck(statement) || bindsACall(statement)) && looksReadOnly(statement));
    const changes = (call: { module: string; fun: string; args: string[] }) => reads.some((read) => read.module === call.module && (read.args.length === 0 ? call.fun !== read.fun : read.args.some((a) => call.args.includes(a)))) && !known.leavesState?.(call);
    if (sameModule && moduleCalls(statement).some(changes)) return null;
  }
  return null;
}

/**
 * Is `statement` a loop over the same items as `loop`, the one `check` stands in (`for child <-
 * [blocked, steered]`, or `Enum.each(children, fn child -> … end)`, written alike), that only
 * checks, `check` word for word among them? Then each item's check held before the sleep.
 */
function sameLoopMakesIt(statement: SyntaxNode, loop: LoopOver, check: SyntaxNode): boolean {
  const earlier = loopOver(statement);
  if (!earlier || squeezed(earlier.items) !== squeezed(loop.items) || earlier.item !== loop.item) return false;
  const written = squeezed(check.text);
  return earlier.body.every((s) => assertionName(s) !== null) && earlier.body.some((s) => squeezed(s.text) === written);
}

/** The loop whose body `check` is a statement of, as loopOver reads it; null when it stands in none. */
function enclosingLoop(check: SyntaxNode): LoopOver | null {
  for (let node = check.parent; node; node = node.parent) {
    if (node.type !== 'call') continue;
    const loop = loopOver(node);
    if (loop) return loop.body.some((s) => s.id === check.id) ? loop : null;
  }
  return null;
}

interface LoopOver {
  items: string;
  item: string;
  body: SyntaxNode[];
}

/** `for item <- items do … end` (one generator, no filter) or `Enum.each(items, fn item -> … end)`: what it runs over, its name for each, and its body's statements. */
function loopOver(node: SyntaxNode): LoopOver | null {
  if (node.type !== 'call') return null;
  const name = callName(node);
  const args = callArguments(node);
  if (name === 'for') {
    // `for child <- children, do: assert …` too.
    const pairs = args[args.length - 1]?.type === 'keywords' ? args[args.length - 1]!.namedChildren : null;
    const inline = pairs?.length === 1 && pairs[0]!.childForFieldName('key')?.text.trim() === 'do:' ? pairs[0]!.childForFieldName('value') : null;
    const generator = args.length === (pairs ? 2 : 1) ? binaryParts(args[0]!) : null;
    const block = pairs ? null : doBlockOf(node);
    const body = inline ? [inline] : block ? statementsOf(block) : null;
    return generator?.op === '<-' && body ? { items: generator.right.text, item: generator.left.text, body } : null;
  }
  if (name !== 'Enum.each' || args.length !== 2 || args[1]!.type !== 'anonymous_function') return null;
  const clauses = args[1]!.namedChildren.filter((c) => c.type === 'stab_clause');
  const head = clauses.length === 1 ? clauses[0]!.childForFieldName('left') : null;
  const body = clauses.length === 1 ? clauses[0]!.childForFieldName('right') : null;
  return head && body ? { items: args[0]!.text, item: head.text, body: statementsOf(body) } : null;
}

/**
 * `snapshot = Snapshot.current()`, `assert snapshot.seq == 1`, and later `assert
 * Snapshot.current().seq == 1` (citadel's "re-sending the current policy publishes nothing"): the
 * same check, made earlier through a name bound to the same read. `before` is nearest first.
 */
function sameCheckThroughName(statement: SyntaxNode, check: SyntaxNode, before: readonly SyntaxNode[]): boolean {
  for (const earlier of before.slice(before.indexOf(statement) + 1)) {
    const bound = binaryParts(earlier);
    if (bound?.op !== '=' || bound.left.type !== 'identifier' || bound.right.type !== 'call' || !check.text.includes(bound.right.text)) continue;
    if (squeezed(check.text.split(bound.right.text).join(bound.left.text)) === squeezed(statement.text)) return true;
  }
  return false;
}

/**
 * `info = Pool.info(pool)`: a call named for what it reads, its answer matched to a pattern. Not
 * any call that names no act: rpg's `{:ok, _} = Cluster.rpc_other_node(pg, :start, [scope])`
 * restarts what the check reads.
 */
function bindsACall(statement: SyntaxNode): boolean {
  const bound = binaryParts(statement);
  const name = bound?.op === '=' && bound.right.type === 'call' ? callName(bound.right) : null;
  return !!name && READ_NAME.test(name.replace(/^.*\./, ''));
}

/** Function names that say they read (elixir-facts.ts): here too, for the rules. */
export { READ_NAME };

/** What an assert or refute reads: the left side of a comparison or match, else its whole condition; what a plain match reads. */
function subjectOf(assertion: SyntaxNode): SyntaxNode | null {
  const name = assertionName(assertion);
  if (name === null) {
    const match = binaryParts(assertion);
    return match?.op === '=' ? match.right : null;
  }
  if (name !== 'assert' && name !== 'refute') return null;
  const [condition] = callArguments(assertion);
  if (!condition) return null;
  const parts = binaryParts(condition);
  // The side that reads, whichever it is: geolix writes the expected value first, `assert nil == lookup(ip)`.
  if (parts && COMPARISON.has(parts.op)) return !mayChange(parts.left) && mayChange(parts.right) ? parts.right : parts.left;
  if (parts?.op === '=') return parts.right;
  return condition;
}

/** The remote calls in `node` (`Store.put(:k, 1)`) as their module, function and argument texts. */
function moduleCalls(node: SyntaxNode): { module: string; fun: string; args: string[] }[] {
  return callNamesIn(node).flatMap(({ name, node: call }) => {
    const dot = name.lastIndexOf('.');
    return dot > 0 ? [{ module: name.slice(0, dot), fun: name.slice(dot + 1), args: callArguments(call).map((a) => a.text) }] : [];
  });
}

const COMPARISON = new Set(['==', '===', '!=', '!==', '<', '>', '<=', '>=', '=~', 'in']);

/** The same act made twice before a sleep: `started` when both run it in a new process, `signal` the `assert_receive` between those starts, if any. */
export interface RepeatedAct {
  first: SyntaxNode;
  second: SyntaxNode;
  started: boolean;
  signal?: SyntaxNode;
}

/**
 * The two statements right before the sleep when they are the same call made twice (ex_aws's
 * `assert ExAws.request(op, config) == @response`, twice) and the check after the sleep compares
 * a read with one (`assert CacheAdapter.get_count() == 1`): the count the test wants may have been
 * reached by the first call, and the sleep is the window in which the second would wrongly add to
 * it. Also the same work started twice in a task or a spawn, back to back or with an
 * `assert_receive` between the two starts (see startedAgain). Null otherwise.
 */
export function repeatedAct(before: readonly SyntaxNode[], check: SyntaxNode | undefined): RepeatedAct | null {
  const [second, previous] = before;
  if (!second || !check) return null;
  const same: RepeatedAct | null =
    startedAgain(second, before.slice(1)) ?? (previous && previous.text === second.text && callNamesIn(previous).length > 0 ? { first: previous, second, started: false } : null);
  if (!same) return null;
  const condition = ASSERTIONS.has(assertionName(check) ?? '') ? callArguments(check)[0] : undefined;
  const parts = condition ? binaryParts(condition) : null;
  if (!parts || (parts.op !== '==' && parts.op !== '===')) return null;
  // A count of one after two calls: only one did anything (realtime's two fake byte counts, then `== 20`, add up).
  return [parts.left, parts.right].some((side) => side.text === '1') && [parts.left, parts.right].some((side) => side.type === 'call') ? same : null;
}

/**
 * Two callers of the same work in new processes, `first = Task.async(fn -> Client.connect(…) end)`
 * then `second = Task.async(fn -> Client.connect(…) end)`: back to back (the bound names differ, the
 * work does not), or past `assert_receive`s of the message the first sends once it has got going
 * (favn's session pool), which that nearest receive then names. `second` is the later start, and
 * `earlier` the statements before it, nearest first; null when the statement past the receives
 * starts other work, or none.
 */
function startedAgain(second: SyntaxNode, earlier: readonly SyntaxNode[]): RepeatedAct | null {
  const work = startedWork(second);
  const received = earlier.findIndex((statement) => assertionName(statement) !== 'assert_receive');
  const first = received >= 0 ? earlier[received] : undefined;
  const again = first ? startedWork(first) : null;
  if (!first || !work || !again || squeezed(work.text) !== squeezed(again.text)) return null;
  return received > 0 ? { first, second, started: true, signal: earlier[0] } : { first, second, started: true };
}

/** The call that runs a function in a new process, `Task.async(fn -> … end)` or `spawn(fn -> … end)`, bound to a name or not; null for any other statement. */
export function startedWork(statement: SyntaxNode): SyntaxNode | null {
  const bound = binaryParts(statement);
  const call = bound?.op === '=' ? bound.right : statement;
  return call.type === 'call' && SPAWNING_CALLS.has(callName(call) ?? '') && callArguments(call).some((arg) => arg.type === 'anonymous_function') ? call : null;
}

/**
 * A mock's call history (Mock's `called(Store.reload(:x))` or `called Store.reload(:x)`,
 * `:meck.called(M, :f, args)`, Stubr's `Stubr.called?(stub, :f)`, `called_once?`, piped or not):
 * once true, it stays true.
 */
const CALL_HISTORY = /^(?:Mock\.)?called(?:\(|[ \t]+\S)|^:meck\.called\(|^(?:[\w.]+\s*\|>\s*)?Stubr\.called\w*\?\(/;

/** The call-history check an assert or refute makes (`called(Store.reload(:x))`), or null. */
export function historyCheck(check: SyntaxNode | undefined): SyntaxNode | null {
  if (!check?.text.includes('called')) return null;
  const name = assertionName(check);
  if (name !== 'assert' && name !== 'refute') return null;
  const [condition] = callArguments(check!);
  return condition && CALL_HISTORY.test(condition.text) ? condition : null;
}

/**
 * The call `check` refutes ever happened (`refute called(Store.reload(:x))` or `assert !called(…)`
 * → `Store.reload(:x)`), or null. A sleep before such a refute gives the call the chance to happen: a poll for its absence
 * would pass at once and prove nothing.
 */
export function refutedCall(check: SyntaxNode): string | null {
  const denied = deniedCondition(check);
  const condition = denied && CALL_HISTORY.test(denied.text) ? denied : null;
  if (!condition) return null;
  // Mock's argument is the call itself; meck's and Stubr's name the module, or stub, and function.
  const piped = condition.type === 'binary_operator' ? condition.childForFieldName('right') : null;
  const [first, fun] = piped ? [condition.childForFieldName('left'), ...callArguments(piped)] : callArguments(condition);
  if (!first) return condition.text;
  const named = condition.text.startsWith(':meck') || (piped ?? condition).text.startsWith('Stubr.');
  return named && fun?.type === 'atom' ? `${first.text}.${fun.text.slice(1)}` : first.text;
}

// `Process.alive?(pid)` (or `== true`), `Process.whereis(Name) == pid` (still the process bound
// before), or a library's own `alive?` of what it runs (porcelain's `Proc.alive?(proc)`, true from
// the spawn on), or `Process.info(pid)` (frayt: nil once it is gone). Not `Process.whereis(Name)`
// alone: a name may be waiting to come up.
const STILL_ALIVE = /^(?:(?:(?:Elixir\.)?Process|[A-Z][\w.]*)\.alive\?\(([^()]*(?:\([^()]*\))?[^()]*)\)(?:\s*==\s*true)?|(?:Elixir\.)?Process\.whereis\(([^()]+)\)\s*===?\s*(?!nil\b)[a-z_]\w*|(?:Elixir\.)?Process\.info\(([^(),]+)\)(?:\s*!==?\s*nil)?)$/;

/** `X |> Process.alive?()`: the process piped in, then the check. */
const PIPED_INTO_ALIVE = /^([^|]+?)\s*\|>\s*((?:Elixir\.)?Process\.alive\?)\(\s*\)$/;

/**
 * The process an asserted condition says is still alive (`Process.alive?(pid)` → `pid`), or null:
 * such a check already holds before the wait, and the sleep gives the process time to crash.
 */
export function stillAlive(condition: SyntaxNode | undefined): string | null {
  // Piped, gen_amqp's `Process.whereis(ConnHub) |> Process.alive?()`, as if written nested.
  const text = condition?.text.replace(PIPED_INTO_ALIVE, '$2($1)');
  const match = text ? STILL_ALIVE.exec(text) : null;
  if (!match) return null;
  // `Pool.alive?()`: the module asks about its own registered process.
  if (match[1] !== undefined && match[1].trim() === '') return text!.slice(0, text!.indexOf('.alive?'));
  return match[1] ?? match[2] ?? match[3]?.trim() ?? null;
}

/** A name looked up and found: `is_pid(Process.whereis(Server))`, `Process.whereis(Server) != nil`, `Process.whereis(Server)`. */
const REGISTERED = /^(?:is_pid\(\s*(?:Elixir\.)?Process\.whereis\(([^()]+)\)\s*\)|(?:Elixir\.)?Process\.whereis\(([^()]+)\)(?:\s*!==?\s*nil)?)$/;
/** Words of a statement that may stop a process; its name is then registered again only on a restart. */
const MAY_STOP = /\b(?:stop|stop_supervised!?|terminate_child|exit|kill)\b/;

/**
 * The name `statement` asserts is registered (`assert is_pid(Process.whereis(Server))`) when
 * nothing in `before` may have stopped it (exactor's idle-timeout test: started, told not to
 * expire, then checked): it was registered all along, and the sleep gives the server time to stop.
 * After a stop or a kill the check waits for a restart, and this is null.
 */
export function stillRegistered(statement: SyntaxNode | undefined, before: readonly SyntaxNode[]): string | null {
  const [condition] = statement && assertionName(statement) === 'assert' ? callArguments(statement) : [];
  const match = condition ? REGISTERED.exec(condition.text) : null;
  if (!match || before.some((s) => MAY_STOP.test(s.text))) return null;
  return match[1] ?? match[2] ?? null;
}

/** Asks whether a process has come up: `connected?`, `ready?`, `online?`, `up?` (also `broker_connected?`). */
const READINESS = /^(?:\w+_)?(?:connected|ready|online)\?$|^up\?$/;
/** Starts a process that connects, or tells one to: `Client.connect(opts)`, `Conn.start_link(…)`, `start_supervised!(…)`, `Client.reconnect(pid)`. */
const STARTS_OR_CONNECTS = /(?:^|\.)(?:start(?:_link)?|start_supervised!?|start_child|connect|reconnect)$/;
/** Tells a running process to connect: `Client.connect(pid)`, `:ok = Conn.reconnect(conn)`. */
const TELLS_TO_CONNECT = /(?:^|\.)(?:re)?connect$/;

/**
 * A refutation of a readiness predicate (`refute Client.connected?(pid)`, `assert not Conn.ready?(c)`)
 * of a process the statement before the sleep started, or told to connect right after its start,
 * with only checks of other things between (mqttx's `{:ok, pid} = Client.connect(host: "localhost")`
 * with no broker, "# Give it a moment to attempt connection", then `refute Client.connected?(pid)`):
 * the process was not up before the attempt either, so the refutation held from the start and a poll
 * of it passes at once, giving the attempt no time to fail. The predicate, the subject, the start and
 * the statement that told it to connect (if not the start), or null. After a disconnect, a stop of a broker, or anything else that may have let it come up, null.
 * `before` is nearest first.
 */
export function refutedBeforeItCameUp(statement: SyntaxNode | undefined, before: readonly SyntaxNode[]): { predicate: string; subject: string; start: SyntaxNode; told: SyntaxNode | null } | null {
  const denied = deniedCondition(statement);
  const predicate = denied?.type === 'call' ? callName(denied) : null;
  const [subject] = denied && predicate && READINESS.test(predicate.replace(/^.*\./, '')) ? callArguments(denied) : [];
  if (!predicate || subject?.type !== 'identifier') return null;
  // `assert is_pid(pid)` between says nothing of whether it came up; a check of the predicate would.
  const acts = before.filter((s) => !(assertionName(s) === 'assert' || assertionName(s) === 'refute') || s.text.includes(predicate));
  const startsIt = (s: SyntaxNode | undefined): boolean => {
    const bound = s ? binaryParts(s) : null;
    return bound?.op === '=' && bound.right.type === 'call' && STARTS_OR_CONNECTS.test(callName(bound.right) ?? '') && patternBindings(bound.left).includes(subject.text);
  };
  const told = (s: SyntaxNode | undefined): boolean => {
    const call = s ? mainCall(s) : null;
    return !!call && TELLS_TO_CONNECT.test(callName(call) ?? '') && callArguments(call)[0]?.text === subject.text;
  };
  if (startsIt(acts[0])) return { predicate, subject: subject.text, start: acts[0]!, told: null };
  return told(acts[0]) && startsIt(acts[1]) ? { predicate, subject: subject.text, start: acts[1]!, told: acts[0]! } : null;
}

/**
 * After a kill, a check that calls a process by its registered name the way a statement before the
 * kill did (elsa: `assert "hello" == TestServer.echo(TestServer, "hello")`, the supervisor killed,
 * the sleep, `assert "hello again" == TestServer.echo(TestServer, …)`): the process answered then,
 * and a dying one may answer a poll before its replacement is up, after which the call exits with
 * :noproc. The earlier statement and the name, or null. `before` is nearest first, the kill first.
 */
export function askedByNameBeforeKill(before: readonly SyntaxNode[], check: SyntaxNode): { statement: SyntaxNode; name: string } | null {
  const byName = callNamesIn(check).flatMap(({ name, node }) => {
    const [first] = callArguments(node);
    return first && (first.type === 'alias' || first.type === 'atom') ? [{ name, process: first.text }] : [];
  });
  if (byName.length === 0) return null;
  // The same assertion but for its data (`"hello"`, then `"hello again"`): one that expects a change
  // (`[{^pid, _}] = Registry.lookup(…)`, then `… == []`) waits for something the kill sets off.
  const shape = literalsMasked(check.text);
  for (const statement of before.slice(1)) {
    if (literalsMasked(statement.text) !== shape) continue;
    const asked = callNamesIn(statement).find(({ name, node }) => byName.some((b) => b.name === name && callArguments(node)[0]?.text === b.process));
    if (asked) return { statement, name: callArguments(asked.node)[0]!.text };
  }
  return null;
}

/**
 * A check that the test's own mailbox is empty (we-dle's `assert {:messages, []} =
 * Process.info(self(), :messages)`, a queue length of 0): it holds until something arrives, so a
 * poll of it passes at once, and the sleep before it was the window for a wrong message.
 */
export function ownMailboxEmpty(condition: SyntaxNode): boolean {
  return OWN_MAILBOX.test(condition.text) && EMPTY_MAILBOX.test(condition.text);
}

const OWN_MAILBOX = /(?:Process\.info|:erlang\.process_info)\(\s*self\(\)\s*,\s*:message(?:s|_queue_len)\s*\)/;
/** What an empty mailbox answers: `[]`, `{:messages, []}`, a length of 0. */
const EMPTY_MAILBOX = /\[\s*\]|(?:==|===)\s*0\b|\b0\s*(?:==|===)|:message_queue_len\s*,\s*0\s*\}/;

/**
 * After a kill of a pid the test looked up (`room_pid = Room.whereis("room-1")`, then
 * `Process.exit(room_pid, :kill)`), a check that the same lookup finds a process
 * (`assert is_pid(Room.whereis("room-1"))`, `… != nil`): it found the killed one before, and a
 * registry lists a dead pid until it hears of the death, so a poll passes at once, before the
 * replacement is up (async-dataflow's channel, looked up in `:pg`). The binding and the lookup, or
 * null. `before` is nearest first, the kill first.
 */
export function lookedUpBeforeKill(before: readonly SyntaxNode[], check: SyntaxNode): { statement: SyntaxNode; lookup: string } | null {
  const [condition] = assertionName(check) === 'assert' ? callArguments(check) : [];
  const lookup = condition ? presenceOf(condition) : null;
  const killed = before[0] ? KILL.exec(before[0].text)?.[1] : undefined;
  if (!lookup || lookup.type !== 'call' || !killed) return null;
  const statement = before.slice(1).find((s) => {
    const bound = binaryParts(s);
    return bound?.op === '=' && bound.left.text === killed && squeezed(bound.right.text) === squeezed(lookup.text);
  });
  return statement ? { statement, lookup: lookup.text } : null;
}

const KILL = /^\s*Process\.exit\(\s*([a-z_]\w*)\s*,/;

/** A call that finds a process by its name: `Process.whereis(X)`, `:global.whereis_name(n)`, `:gproc.where(k)`, `Registry.lookup(r, k)`. */
const NAME_LOOKUP = /^[\w.:]*(?:whereis(?:_name)?|\.where|lookup)\(/;

/** Does `call` find a process by its name (`Process.whereis(X)`, `Registry.lookup(r, k)`, `Room.whereis(id)`)? */
export function findsByName(call: SyntaxNode): boolean {
  return NAME_LOOKUP.test(squeezed(call.text));
}

/** A test named for a crash the code under test gets over ("hosting wrapper handles crashes", "Db Worker Recovery"). */
const NAMED_FOR_A_CRASH = /\bcrash(?:es|ed)?\b|\brestart(?:s|ed)?\b|\brecover(?:s|y|ed)?\b/i;
/** …but not one that says none must come ("doesn't crash", "without crashing"). */
const NO_CRASH = /\b(?:does(?:n't| not)|won't|will not|should(?:n't| not)|must not|never|no|without)\s+(?:\w+\s+)?crash/i;

/**
 * The statement before the sleep whose lookup of a name an alive check after it makes again, when
 * the process found then was stopped since (killed, exited, or sent a message in a test named for a
 * crash): the check is of whatever holds the name now, the replacement its supervisor starts, and
 * the sleep waits for that (elixir-todo's `worker = :gproc.whereis_name(key)`, the kill, then
 * `new_worker = :gproc.whereis_name(key)` and `assert Process.alive?(new_worker)`; maracuja's
 * `send :global.whereis_name(@name), :smth` in "… handles crashes", then `assert
 * Process.alive?(:global.whereis_name(@name))`). Null for a pid bound before the sleep, or a lookup
 * made again of a process nothing stopped: it is still alive, which held before the sleep.
 * `pid` is the process the check asks about; `before` is nearest first.
 */
export function lookedUpAgainAfterStop(pid: string, after: readonly SyntaxNode[], before: readonly SyntaxNode[], test: string | null): SyntaxNode | null {
  // The lookup in the check itself, or bound to `pid` after the sleep (`new_worker = …`).
  const bound = after.map((s) => binaryParts(s)).find((parts) => parts?.op === '=' && parts.left.type === 'identifier' && parts.left.text === pid);
  const lookup = squeezed(bound ? bound.right.text : pid);
  if (!NAME_LOOKUP.test(lookup)) return null;
  const at = before.findIndex((s) => squeezed(s.text).includes(lookup));
  if (at === -1) return null;
  const earlier = before[at]!;
  const held = binaryParts(earlier);
  const names = held?.op === '=' && squeezed(held.right.text) === lookup ? patternBindings(held.left) : [];
  const crashNamed = test !== null && NAMED_FOR_A_CRASH.test(test) && !NO_CRASH.test(test);
  const stops = before.slice(0, at + 1).some((s) => {
    if (assertionName(s) !== null) return false;
    const target = callNamesIn(s).find(({ name, node }) => {
      const first = callArguments(node)[0];
      return (MAY_STOP.test(name) || DIRECT_MESSAGES.has(name)) && first !== undefined && (squeezed(first.text) === lookup || names.includes(first.text));
    });
    return target !== undefined && (MAY_STOP.test(target.name) || MAY_STOP.test(s.text) || crashNamed);
  });
  return stops ? earlier : null;
}

/**
 * What the setup hands the test under the context key the test binds `name` to, with the pattern
 * that took it when the setup bound it first: after `setup do …; {:ok, hook: Directory.deliverer_for(:orders)} end`,
 * `test "…", %{hook: hook}` holds that call's answer; after one ending in `{:ok, runner: pid}`, the
 * right side of `pid = ProcessRegistry.get_pid(mod)` above it. `ctx.hook` and `ctx[:hook]` read the
 * same key. Null when `name` is no key of the test's context, or the test binds it anew.
 */
export function givenBySetup(name: string, ctx: SiteContext): { value: SyntaxNode; pattern: SyntaxNode | null } | null {
  if (ctx.unitKind !== 'test' || !ctx.unit) return null;
  const key = contextKey(name, callArguments(ctx.unit)[1]);
  const rebinds = (statement: SyntaxNode) => binaryParts(statement)?.op === '=' && patternBindings(binaryParts(statement)!.left).includes(key!.variable);
  if (!key || ctx.before.some(rebinds)) return null;
  // The setup's value is its last statement: a tuple, map or keyword list (in a named setup's function
  // too). The describe's setup runs after the module's, and comes after it here.
  let holder: SyntaxNode | null = null;
  let value: SyntaxNode | null = null;
  for (const statement of setupStatements(ctx)) {
    if (!RETURNED.has(statement.type) || !statement.parent || statementsOf(statement.parent).at(-1)?.id !== statement.id) continue;
    const pair = statement.descendantsOfType('pair').find((p) => p.childForFieldName('key')?.text.replace(/:\s*$/, '') === key.key && handedWhole(p, statement));
    if (pair?.childForFieldName('value')) [holder, value] = [statement, pair.childForFieldName('value')];
  }
  if (!holder || !value) return null;
  if (value.type !== 'identifier') return { value, pattern: null };
  const earlier = statementsOf(holder.parent!).filter((s) => s.endIndex <= holder!.startIndex).reverse();
  const bound = earlier.map((s) => binaryParts(s)).find((parts) => parts?.op === '=' && patternBindings(parts.left).includes(value!.text));
  return bound ? { value: bound.right, pattern: bound.left } : null;
}

/** A setup's last statement that hands the test values: `{:ok, key: v}`, `%{key: v}`, `[key: v]`. */
const RETURNED = new Set(['tuple', 'map', 'list']);

/** Is `pair` one of the keys `returned` hands the test, not one inside a value (`conn: build_conn(hook: h)`)? */
function handedWhole(pair: SyntaxNode, returned: SyntaxNode): boolean {
  for (let node = pair.parent; node && node.id !== returned.id; node = node.parent) {
    if (node.type !== 'keywords' && node.type !== 'map_content' && node.type !== 'map') return false;
  }
  return true;
}

/**
 * The key of the test's context `name` reads, from the test's second argument: bound by its map
 * pattern (`%{hook: hook}`), or read off it (`ctx.hook`, `ctx[:hook]`), with the variable that holds it.
 */
function contextKey(name: string, context: SyntaxNode | undefined): { key: string; variable: string } | null {
  if (!context) return null;
  if (context.type === 'identifier') {
    const read = new RegExp(String.raw`^${context.text}(?:\.([a-z_]\w*)|\[\s*:([a-z_]\w*)\s*\])$`).exec(name);
    return read ? { key: (read[1] ?? read[2])!, variable: context.text } : null;
  }
  const pattern = context.type === 'binary_operator' && binaryParts(context)?.op === '=' ? binaryParts(context)!.left : context;
  if (pattern.type !== 'map') return null;
  const pair = pattern.descendantsOfType('pair').find((p) => p.parent?.parent?.parent?.id === pattern.id && p.childForFieldName('value')?.text === name);
  const key = pair?.childForFieldName('key')?.text.replace(/:\s*$/, '');
  return key ? { key, variable: name } : null;
}

/** Ends spawned work in the statement that started it: `|> Task.await()`, `Task.async_stream(…) |> Enum.to_list()`. */
export const AWAITED = /\b(?:await|await_many|yield|yield_many|to_list|run)\b/;

/**
 * Is the task `statement` binds awaited later in `before`, by the name it was bound to (rabbit's
 * `task = Task.async(fn -> … end)`, then `Task.await(task)`)? That work is over. `before` is nearest first.
 */
export function awaitedLater(statement: SyntaxNode, before: readonly SyntaxNode[]): boolean {
  const bound = binaryParts(statement);
  const names = bound?.op === '=' ? patternBindings(bound.left) : [];
  // What comes later in the test is earlier in the list.
  const later = before.slice(0, before.indexOf(statement));
  return names.some((name) => later.some((s) => AWAITED.test(s.text) && /\bTask\./.test(s.text) && mentions(s, name)));
}

/** A start the test makes itself: `Warden.start_link(…)`, ExUnit's `start_supervised!`, a supervisor's `start_child`. */
const STARTS = /^(?:[A-Z][\w.]*|:\w+)\.start(?:_link)?$|^start_supervised!?$|^(?:Dynamic)?Supervisor\.start_child$/;
/** A start whose process a supervisor owns, and restarts after a plain stop or an exit with the same options. */
const SUPERVISED_START = /^start_supervised!?$|\.start_child$/;
/** Ends a process nothing restarts: `GenServer.stop(pid)`, a module's own `Warden.stop(pid)`, `Process.exit(pid, :shutdown)`. */
const ENDS_ITS_PROCESS = /^(?:[A-Z][\w.]*|:gen_server|:gen_statem|:proc_lib)\.stop$|^Process\.exit$/;
/** Takes a child from its supervisor for good: `stop_supervised!(Warden)`, `DynamicSupervisor.terminate_child(sup, pid)`. */
const REMOVES_THE_CHILD = /^stop_supervised!?$|^(?:Dynamic)?Supervisor\.terminate_child$/;

/**
 * The starts in `before` (nearest first) whose process a later statement of `before` ended for good
 * (cortex's gateway health test: `{:ok, health} = Health.start_link(…, heartbeat_timeout_ms: 100)`,
 * then `GenServer.stop(health)` before a second, lenient start): the options they were given govern
 * nothing after that. A plain start ended by a stop or an exit (not `:normal`, which a process that
 * traps no exits ignores); a supervised one only when taken from its supervisor (`stop_supervised!`,
 * `terminate_child`), since a plain stop of it has the supervisor start it again with the same options.
 */
export function stoppedStarts(before: readonly SyntaxNode[]): SyntaxNode[] {
  if (!before.some((statement) => /\b(?:stop\w*|exit|terminate_child)\b/.test(statement.text))) return [];
  return before.filter((statement, at) => {
    const bound = binaryParts(statement);
    const start = bound?.op === '=' ? bound.right : statement;
    const name = start.type === 'call' ? callName(start) : null;
    if (!name || !STARTS.test(name)) return false;
    const handles = bound?.op === '=' ? patternBindings(bound.left).filter((handle) => !handle.startsWith('_')) : [];
    const registered = /\bname:\s*(:\w+|[A-Z][\w.]*)/.exec(start.text)?.[1];
    if (registered) handles.push(registered);
    const supervised = SUPERVISED_START.test(name);
    const child = supervised ? childId(start, name) : null;
    // What comes later in the test is earlier in the list.
    return before.slice(0, at).some((later) =>
      callNamesIn(later).some(({ name: stop, node }) => {
        const args = callArguments(node);
        if (supervised) return REMOVES_THE_CHILD.test(stop) && args.some((arg) => arg.text === child || handles.includes(arg.text));
        return ENDS_ITS_PROCESS.test(stop) && handles.includes(args[0]?.text ?? '') && !(stop === 'Process.exit' && args[1]?.text === ':normal');
      }),
    );
  });
}

/**
 * Is `name` a handle a statement of `before` bound to what a start answered (`{:ok, pid} =
 * DynamicSupervisor.start_child(sup, spec)`, `pid = start_supervised!(Worker)`)? Then it holds a
 * process, and a read once compared equal to it answered no idle value.
 */
export function boundToAStart(name: string, before: readonly SyntaxNode[]): boolean {
  return /^[a-z_]\w*$/.test(name) && before.some((statement) => {
    const bound = binaryParts(statement);
    return bound?.op === '=' && bound.right.type === 'call' && STARTS.test(callName(bound.right) ?? '') && patternBindings(bound.left).includes(name);
  });
}

/** The id of the child a supervised start adds: an `id:` given, else the module of its spec (`{Warden, opts}`, `Warden`, `Warden.child_spec(…)`). */
function childId(start: SyntaxNode, name: string): string | null {
  const given = /\bid:\s*(:\w+|[A-Z][\w.]*)/.exec(start.text)?.[1];
  if (given) return given;
  const spec = callArguments(start)[name.endsWith('start_child') ? 1 : 0];
  const head = spec?.type === 'tuple' ? spec.namedChildren[0] : spec;
  return /^[A-Z][\w.]*/.exec(head?.text ?? '')?.[0].replace(/\.child_spec$/, '') ?? null;
}

/** Calls that return once a process is gone, before others hear of it: an awaited or shut-down task, a stop, a supervisor's terminated child. */
const ENDS_A_PROCESS = /\bTask\.(?:await|await_many|yield|yield_many|shutdown)\b|\b(?:GenServer|Agent|Supervisor|:gen_server|:gen_statem|:proc_lib)\.stop\b|\bstop_supervised!?|\bterminate_child\b/;
/** What asks a registry whom it lists: `lookup`, `whereis_name`, `get_members`, `count`, `keys`, `registered?`. */
const LISTS = /^(?:lookup\w*|whereis\w*|where|\w*members|count\w*|keys|\w*registered\?)$/;

/**
 * A check among `checks` that a registry no longer lists a process, right after `previous` ended it
 * (ragistry's `Task.await(task)` of a task whose function called `Ragistry.register(name, "key1", …)`,
 * then `assert [] = Ragistry.lookup(name, "key1")`): the call returns once the process is gone, but a
 * registry keyed by pid drops its entry when its monitor's :DOWN (or its link's :EXIT) comes, on its
 * own time; so do OTP's Registry, :pg and :global. Only when the test put a process there: a function
 * it handed a task or a spawn calls that module for more than a lookup, or a start names a process
 * `{:via, M, …}` (`{:global, …}`), or the ended process came from a start through that module's own
 * API (see startedThrough). The check, or null. `before` is nearest first.
 */
export function droppedOnItsDeath(previous: SyntaxNode | undefined, checks: readonly SyntaxNode[], before: readonly SyntaxNode[]): SyntaxNode | null {
  if (!previous || !ENDS_A_PROCESS.test(previous.text)) return null;
  const ended = endedHandles(previous);
  const lists = (name: string, lookup: SyntaxNode) => {
    const registry = name.slice(0, Math.max(0, name.lastIndexOf('.')));
    if (!LISTS.test(name.slice(name.lastIndexOf('.') + 1))) return false;
    return registeredIn(registry, before) || startedThrough(registry, ended, before) || listedBefore(lookup, ended, before);
  };
  return checks.find((check) => idleCheck(check) && callNamesIn(callArguments(check)[0] ?? check).some(({ name, node }) => lists(name, node))) ?? null;
}

/** Did a statement of `before` put a process other than the test's in `registry` (see droppedOnItsDeath)? */
function registeredIn(registry: string, before: readonly SyntaxNode[]): boolean {
  if (!registry) return false;
  const named = registry === ':global' ? /\{\s*:global\s*,/ : new RegExp(String.raw`\{\s*:via\s*,\s*${registry.replace(/[.]/g, '\\.')}\s*,`);
  // A call the test makes itself (`Registry.register(…)` as a statement) lists the test's process, which does not die.
  const calls = (fn: SyntaxNode) => callNamesIn(fn).some(({ name }) => name.startsWith(`${registry}.`) && !LISTS.test(name.slice(registry.length + 1)));
  return before.some((statement) => named.test(statement.text) || statement.descendantsOfType('anonymous_function').some(calls));
}

/**
 * Did a statement of `before` start, through `registry`'s own API, the process `previous` ended?
 * distributed_supervisor's `{:ok, pid, child_name} = DistributedSupervisor.start_child(name, {MyGS,
 * name: ChildName5})`, then `DistributedSupervisor.terminate_child(name, pid)` and `assert :undefined
 * == DistributedSupervisor.whereis(name, child_name)`: a module that starts children under names and
 * answers whom it lists keeps them in a registry (there `:pg`), which drops the dead child on its own
 * time. Not a start through another module (`DynamicSupervisor.start_child`), which lists it nowhere
 * we know of.
 */
function startedThrough(registry: string, ended: ReadonlySet<string>, before: readonly SyntaxNode[]): boolean {
  if (!/^[A-Z][\w.]*$/.test(registry)) return false;
  return before.some((statement) => {
    const bound = binaryParts(statement);
    if (bound?.op !== '=' || bound.right.type !== 'call') return false;
    const start = callName(bound.right) ?? '';
    return start.startsWith(`${registry}.start`) && patternBindings(bound.left).some((handle) => ended.has(handle));
  });
}

/**
 * Did a statement of `before` see the same lookup (the same call, the same arguments) answer the
 * process `previous` ended? lemon's `assert ThreadRegistry.whereis(key) == pid`, then
 * `DynamicSupervisor.terminate_child(ThreadWorkerSupervisor, pid)` and `assert
 * ThreadRegistry.whereis(key) == nil`: a wrapper over a registry that listed the process, which
 * drops it when it hears of the death (OTP's `Registry.lookup` answers a dead pid until then).
 */
function listedBefore(lookup: SyntaxNode, ended: ReadonlySet<string>, before: readonly SyntaxNode[]): boolean {
  const handles = [...ended].filter((handle) => /^[a-z_]\w*$/.test(handle));
  if (handles.length === 0) return false;
  const named = new RegExp(String.raw`(?<![\w.])\^?(?:${handles.join('|')})\b(?!\.)`);
  return before.some((statement) => named.test(statement.text) && callNamesIn(statement).some(({ node }) => node.text === lookup.text));
}

/** What names the process the calls in `previous` end: a `terminate_child`'s last argument (`pid`, not `sup`), another's first (`Task.await(task)`). */
function endedHandles(previous: SyntaxNode): Set<string> {
  return new Set(
    callNamesIn(previous)
      .filter(({ name }) => ENDS_A_PROCESS.test(name))
      .map(({ name, node }) => {
        const args = callArguments(node);
        return (name.endsWith('terminate_child') ? args[args.length - 1] : args[0])?.text ?? '';
      })
      .filter((handle) => handle !== ''),
  );
}

/** What a check asks only to be there: `is_pid(x)`, `x != nil` (or another idle value, `x != []`), `not is_nil(x)`, `x` itself. */
export function presenceOf(condition: SyntaxNode): SyntaxNode | null {
  const parts = binaryParts(condition);
  if (parts && (parts.op === '!=' || parts.op === '!==')) return IDLE_VALUE.test(parts.right.text) ? parts.left : IDLE_VALUE.test(parts.left.text) ? parts.right : null;
  const negated = unaryParts(condition);
  if (negated && (negated.op === '!' || negated.op === 'not')) return callName(negated.operand) === 'is_nil' ? (callArguments(negated.operand)[0] ?? null) : null;
  const name = callName(condition);
  if (name === 'is_pid') return callArguments(condition)[0] ?? null;
  return condition.type === 'call' && !binaryParts(condition) ? condition : null;
}

/**
 * The module whose registered server `target` names (`Process.whereis(NervesTime.Ntpd)`), when
 * `statement` calls a function of that module (`NervesTime.Ntpd.clean_start?()`): by Elixir's
 * `name: __MODULE__` convention its API talks to the process under that name, after a kill the
 * supervisor's replacement. Null otherwise.
 */
export function callsRegisteredModule(statement: SyntaxNode | undefined, target: string): string | null {
  const registered = /^(?:Process|GenServer)\.whereis\(\s*([A-Z][\w.]*)\s*\)$/.exec(target.trim())?.[1];
  if (!statement || !registered || !statement.text.includes(`${registered}.`)) return null;
  const called = callNamesIn(statement).some(({ name }) => name.startsWith(`${registered}.`) && /^[a-z_]\w*[?!]?$/.test(name.slice(registered.length + 1)));
  return called ? registered : null;
}

/** `text` with its strings and numbers blanked and its whitespace dropped: the shape of a statement. */
function literalsMasked(text: string): string {
  return squeezed(text.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\b\d[\d_]*(?:\.\d+)?\b/g, '0'));
}

// `refute Process.alive?(x)`, `assert Process.alive?(x) == false`, `refute Process.whereis(:name)`,
// and by what the VM knows of it: `assert is_nil(Process.info(pid))` (pinchflat), `assert
// Process.info(pid) == nil`, `refute Process.info(pid)`, `assert !Process.alive?(pid)`.
const OPEN = String.raw`(?:\s+|\s*\(\s*)(?:Elixir\.)?`;
const DEATH_CHECKS = [
  new RegExp(String.raw`refute${OPEN}Process\.alive\?\(([^)]*)\)`),
  new RegExp(String.raw`assert${OPEN}Process\.alive\?\(([^)]*)\)\s*===?\s*false`),
  // elsa's `assert false == Process.alive?(pid)`.
  new RegExp(String.raw`assert${OPEN}false\s*===?\s*Process\.alive\?\(([^)]*)\)`),
  new RegExp(String.raw`refute${OPEN}Process\.whereis\(([^)]*)\)`),
  // These only as the statement itself: inside a loop's function they check every one of many.
  new RegExp(String.raw`^assert(?:\s+|\s*\(\s*)(?:is_nil\(\s*(?:Elixir\.)?Process\.info\(([^,)]*)\)\s*\)|(?:Elixir\.)?Process\.info\(([^,)]*)\)\s*==\s*nil|(?:!\s*|not\s+)(?:Elixir\.)?Process\.alive\?\(([^)]*)\))`),
  new RegExp(String.raw`^refute${OPEN}Process\.info\(([^,)]*)\)`),
];

/** The process a death check looks at (`refute Process.alive?(child)` → child), or null. */
export function watchedProcess(statement: SyntaxNode | undefined): string | null {
  if (!statement || !statement.text.includes('Process.')) return null;
  for (const check of DEATH_CHECKS) {
    const match = check.exec(statement.text);
    const pid = match?.slice(1).find((group) => group !== undefined);
    if (pid !== undefined) return pid.trim();
  }
  return null;
}

/** The assertions among `statements` that a process is still alive (`assert Process.alive?(pid)`), each with its process. */
export function aliveChecks(statements: readonly SyntaxNode[]): { statement: SyntaxNode; pid: string }[] {
  return statements.flatMap((statement) => {
    const pid = assertionName(statement) === 'assert' ? stillAlive(callArguments(statement)[0]) : null;
    return pid === null ? [] : [{ statement, pid }];
  });
}

/** `assert pattern = expr` with the pins taken out of the pattern (`{^pid, _}` → `{pid, _}`), or null for any other statement. */
function unpinnedMatch(statement: SyntaxNode): string | null {
  if (assertionName(statement) !== 'assert') return null;
  const match = binaryParts(callArguments(statement)[0] ?? statement);
  return match?.op === '=' ? `${match.left.text.replace(/\^\s*/g, '').replace(/\s+/g, ' ')} = ${match.right.text}` : null;
}

/**
 * `assert render_click(view, "shutdown", …) =~ "Node shutdown initiated"`, then `assert render(view) =~
 * "Node shutdown initiated"` (logflare): the same text found in what two renders of one LiveView
 * gave. It held already when the sleep began.
 */
function sameRenderMatch(earlier: SyntaxNode, later: SyntaxNode, before: readonly SyntaxNode[]): boolean {
  if (assertionName(earlier) !== 'assert' || assertionName(later) !== 'assert') return false;
  const first = binaryParts(callArguments(earlier)[0] ?? earlier);
  const second = binaryParts(callArguments(later)[0] ?? later);
  if (first?.op !== '=~' || second?.op !== '=~' || first.right.text !== second.right.text) return false;
  const view = (read: SyntaxNode): string | null => {
    if (read.type === 'call' && /^render(?:_\w+)?$/.test(callName(read) ?? '')) return callArguments(read)[0]?.text ?? null;
    // panic's `{:ok, view, html} = live(conn, ~p"/admin")`, then `assert html =~ "Admin"`: the mount's render.
    return read.type === 'identifier' ? mountedView(before, read.text) : null;
  };
  const a = view(first.left);
  return a !== null && a === view(second.left);
}

/** The view `{:ok, view, html} = live(conn, path)` mounted, when `html` is the render it bound. */
function mountedView(before: readonly SyntaxNode[], html: string): string | null {
  for (const statement of before) {
    const bound = binaryParts(statement);
    if (bound?.op !== '=' || bound.right.type !== 'call' || !/^live(?:_isolated)?$/.test(callName(bound.right) ?? '')) continue;
    const [ok, view, rendered] = bound.left.type === 'tuple' ? bound.left.namedChildren : [];
    if (ok?.text === ':ok' && view?.type === 'identifier' && rendered?.text === html) return view.text;
  }
  return null;
}

/**
 * `assert [%{id: 1, name: "alice"}] = Chat.messages(:lobby)`, then the same read matched against a
 * pattern that asks less (`[%{name: "alice"}]`, fields dropped): whatever matched the first matches
 * the second, so it held already (codebattle).
 */
function weakerMatch(earlier: SyntaxNode, later: SyntaxNode): boolean {
  // Both asserted, or both plain matches (elixir_nsq's `[info1, info2] = conn_info(c)`, then `[_info1, _info2] = …`).
  const kind = assertionName(earlier);
  if (kind !== assertionName(later) || (kind !== 'assert' && kind !== null)) return false;
  const first = binaryParts(kind ? (callArguments(earlier)[0] ?? earlier) : earlier);
  const second = binaryParts(kind ? (callArguments(later)[0] ?? later) : later);
  return first?.op === '=' && second?.op === '=' && first.right.text === second.right.text && implies(first.left, second.left);
}

/** Does every value that matches pattern `strong` match pattern `weak` too? Only what can be told from their shapes. */
function implies(strong: SyntaxNode, weak: SyntaxNode): boolean {
  // `_`, `_name` or a fresh variable matches anything (`^pinned` is no identifier).
  if (weak.type === 'identifier') return true;
  if (strong.text === weak.text) return true;
  if (strong.type !== weak.type) return false;
  if (weak.type === 'list' || weak.type === 'tuple') {
    const a = strong.namedChildren.filter((c) => c.type !== 'comment');
    const b = weak.namedChildren.filter((c) => c.type !== 'comment');
    return a.length === b.length && a.every((node, i) => implies(node, b[i]!));
  }
  if (weak.type !== 'map') return false;
  // `%Struct{…}` asks for the struct; `%{…}` does not.
  const struct = (map: SyntaxNode) => map.namedChildren.find((c) => c.type === 'struct')?.text ?? null;
  if (struct(weak) !== null && struct(weak) !== struct(strong)) return false;
  const strongFields = mapFields(strong);
  const weakFields = mapFields(weak);
  if (!strongFields || !weakFields) return false;
  return [...weakFields].every(([key, value]) => strongFields.has(key) && implies(strongFields.get(key)!, value));
}

/** A map pattern's fields by key text (`id` for `id: 1`, `"k"` for `"k" => v`), or null for a shape not read here. */
export function mapFields(map: SyntaxNode): Map<string, SyntaxNode> | null {
  const fields = new Map<string, SyntaxNode>();
  const content = map.namedChildren.find((c) => c.type === 'map_content');
  for (const entry of content?.namedChildren ?? []) {
    if (entry.type === 'keywords') {
      for (const pair of entry.namedChildren) {
        const [key, value] = pair.namedChildren;
        if (pair.type !== 'pair' || !key || !value) return null;
        fields.set(key.text.replace(/:\s*$/, ''), value);
      }
    } else {
      const arrow = binaryParts(entry);
      if (arrow?.op !== '=>') return null;
      fields.set(arrow.left.text, arrow.right);
    }
  }
  return fields;
}

/** The assertions right after the sleep, up to the first statement that is not one. */
/**
 * How many statements at the start of `after` only bind values worked out from what the test
 * already holds (`pins_dir = Path.join([root_dir, "pins", "1"])`, `first_action =
 * hd(hd(flow.nodes).actions)`), or check such values (horde's `assert is_pid(pid)` of the pid a
 * register returned): nothing a sleep waits for can change them, so what it waits for is checked
 * by the statement after them.
 */
export function settledStatementsAhead(after: readonly SyntaxNode[]): number {
  let count = 0;
  for (const statement of after) {
    const name = assertionName(statement);
    if (name) {
      const args = callArguments(statement);
      if ((name !== 'assert' && name !== 'refute') || args.length === 0 || args.some(mayChange)) break;
    } else if (!BARE_BARRIER.test(statement.text)) {
      const match = binaryParts(statement);
      if (match?.op !== '=' || patternBindings(match.left).length === 0 || mayChange(match.right)) break;
    }
    count++;
  }
  return count;
}

/**
 * `:sys.get_state(manager)` with its answer thrown away (skitter's, after the sleep, before the
 * check): a barrier the author added, which waits for the process's mailbox and checks nothing.
 */
const BARE_BARRIER = /^(?:_\w*\s*=\s*)?:sys\.get_state\([^()]*\)$/;

/**
 * mojito's `assert {:error, %{reason: :timeout}} = get("/wait?d=10", timeout: 1)`, the sleep, then
 * `assert {:ok, _} = get("?name=Alice")`: the statement before the sleep saw a call time out, and
 * `next` makes the same call again. The sleep lets the late answer to the first come (and be
 * ignored); the second call would answer at once, so a poll of it waits for nothing. The call's name, or null.
 */
export function sameCallAfterTimeout(previous: SyntaxNode | undefined, next: SyntaxNode | undefined): string | null {
  if (!previous || !next || !TIMED_OUT.test(previous.text) || (!assertionName(previous) && !binaryParts(previous))) return null;
  const calls = new Set(callNamesIn(previous).map((c) => c.name).filter((name) => !ASSERTIONS.has(name) && name !== 'catch_exit'));
  return callNamesIn(next).find((c) => calls.has(c.name))?.name ?? null;
}

const TIMED_OUT = /:timeout\b|\bcatch_exit\b/;

export function assertionsAfter(after: readonly SyntaxNode[]): SyntaxNode[] {
  // Past lines that only print or take a mock down (ex-esdb's `:meck.unload(:khepri)` between the
  // polled check and `assert Process.alive?(pid)`): they change nothing the checks look at.
  const checks: SyntaxNode[] = [];
  for (const statement of after) {
    if (assertionName(statement)) checks.push(statement);
    else if (!INERT.test(mainCallName(statement) ?? '')) break;
  }
  return checks;
}

/** Calls that print or take a mock down. */
const INERT = /^(?::meck\.(?:unload|reset)|IO\.(?:puts|inspect|write)|Logger\.(?:debug|info|warning|warn|error))$/;

/**
 * The variable bound to a process spawned to end at once, `dead_pid = spawn(fn -> :ok end)`: its
 * function returns a literal. Null for anything else.
 */
export function endedSpawn(statement: SyntaxNode): string | null {
  if (!/spawn|Task\.start/.test(statement.text)) return null;
  const binding = binaryParts(statement);
  if (binding?.op !== '=' || binding.right.type !== 'call') return null;
  // `{:ok, dead_pid} = Task.start(fn -> :ok end)` (jido_signal's setup): the task's pid.
  const name = callName(binding.right) ?? '';
  const bound = SPAWNS.has(name) ? binding.left : name === 'Task.start' ? okPid(binding.left) : null;
  if (bound?.type !== 'identifier' || bound.text.startsWith('_')) return null;
  const args = callArguments(binding.right);
  const clauses = args.length === 1 && args[0]!.type === 'anonymous_function' ? args[0]!.namedChildren : [];
  const body = clauses.length === 1 ? clauses[0]!.childForFieldName('right') : null;
  return body && body.namedChildren.length === 1 && LITERAL_VALUE.test(body.namedChildren[0]!.text) ? bound.text : null;
}

/**
 * `spawn(fn -> Eternal.start(:unlinked, [], quiet: true) end)`, unbound: a process whose whole work
 * is a start that returns at once, after which it ends. The start's call name, or null. What it
 * started is there before the process ends, which is what a test of a start without a link waits
 * for (the started process must outlive it).
 */
export function spawnedStart(statement: SyntaxNode): string | null {
  if (statement.type !== 'call' || !SPAWNS.has(callName(statement) ?? '')) return null;
  const args = callArguments(statement);
  const clauses = args.length === 1 && args[0]!.type === 'anonymous_function' ? args[0]!.namedChildren : [];
  const body = clauses.length === 1 ? clauses[0]!.childForFieldName('right') : null;
  const only = body && body.namedChildren.length === 1 ? body.namedChildren[0]! : null;
  const call = only ? (binaryParts(only)?.op === '=' ? binaryParts(only)!.right : only) : null;
  const name = call?.type === 'call' ? callName(call) : null;
  return name && /(?:^|\.)start(?:_link)?$/.test(name) ? name : null;
}

/**
 * ex_athena's request queue, whose every slot the test takes itself (`for _ <- 1..max, do: :ok =
 * Queue.acquire(:llm)`), then a task that makes the same acquire and must block, the sleep, and
 * `Queue.depth(:llm) == max`: the count checked is the one the test's own rounds made before the
 * work was spawned, and it says nothing of what that work has done (a caller parked on a full
 * queue adds no slot). It held before the sleep, so a poll of it passes at once, and the sleep is
 * the work's head start. The loop, its call and the statement that spawns the work, or null.
 */
export function countMadeBeforeTheSpawn(condition: SyntaxNode, before: readonly SyntaxNode[]): { loop: SyntaxNode; call: string; spawn: SyntaxNode } | null {
  const [spawn, ...earlier] = before;
  const parts = binaryParts(condition);
  if (!spawn || (parts?.op !== '==' && parts?.op !== '===') || !callNamesIn(spawn).some((c) => SPAWNING_CALLS.has(c.name))) return null;
  const spawned = squeezed(spawn.text);
  for (const loop of earlier) {
    const rounds = roundsOfOneCall(loop);
    if (!rounds || !spawned.includes(squeezed(rounds.call.text))) continue;
    const module = rounds.name.slice(0, rounds.name.lastIndexOf('.'));
    for (const [read, count] of [[parts.left, parts.right], [parts.right, parts.left]] as const) {
      const readName = read.type === 'call' ? callName(read) : null;
      if (readName?.slice(0, readName.lastIndexOf('.')) === module && rounds.counts(count)) return { loop, call: rounds.name, spawn };
    }
  }
  return null;
}

/**
 * `for _ <- 1..max, do: :ok = Queue.acquire(:llm)` (or with a do block): one generator over a
 * range, whose body calls one module's function. That call, its name, and whether a value is the
 * number of rounds (`max` for `1..max`, `3` for `1..3`); null for any other statement.
 */
function roundsOfOneCall(statement: SyntaxNode): { call: SyntaxNode; name: string; counts: (value: SyntaxNode) => boolean } | null {
  if (statement.type !== 'call' || callName(statement) !== 'for') return null;
  const [first, ...rest] = callArguments(statement);
  const generator = first ? binaryParts(first) : null;
  const range = generator?.op === '<-' ? binaryParts(generator.right) : null;
  if (range?.op !== '..' || rest.some((arg) => arg.type !== 'keywords')) return null;
  const calls = callNamesIn(statement).filter(({ name }) => name !== 'for' && /^[A-Z][\w.]*\.[a-z_]\w*[?!]?$/.test(name));
  if (calls.length !== 1) return null;
  const [low, high] = [range.left, range.right];
  const integer = (node: SyntaxNode) => (node.type === 'integer' ? Number(node.text.replace(/_/g, '')) : null);
  const size = integer(low) !== null && integer(high) !== null ? integer(high)! - integer(low)! + 1 : null;
  const counts = (value: SyntaxNode) => (integer(low) === 1 && squeezed(value.text) === squeezed(high.text)) || (size !== null && integer(value) === size);
  return { call: calls[0]!.node, name: calls[0]!.name, counts };
}

/** The `pid` of a `{:ok, pid}` pattern. */
export function okPid(pattern: SyntaxNode): SyntaxNode | null {
  const [tag, pid] = pattern.type === 'tuple' ? pattern.namedChildren : [];
  return pattern.namedChildren.length === 2 && tag?.text === ':ok' ? (pid ?? null) : null;
}

const SPAWNS = new Set(['spawn', 'Kernel.spawn', 'Process.spawn']);

/** Processes that do not answer system messages: :sys.get_state/1 on them would hang, then crash. */
export const PLAIN_PROCESSES = new Set(['spawn', 'spawn_link', 'spawn_monitor', 'Process.spawn', 'Node.spawn', 'Node.spawn_link', ':proc_lib.spawn', ':proc_lib.spawn_link']);

/** The spawning call `target` was bound from earlier in the block (`before`, nearest first), if it is a plain process or a task. */
export function spawnedAs(target: string, before: readonly SyntaxNode[]): string | null {
  return spawnBinding(target, before)?.how ?? null;
}

/** The statement that bound `target` to a plain process or a task (`pid = spawn(…)`), and the call, or null. */
export function spawnBinding(target: string, before: readonly SyntaxNode[]): { statement: SyntaxNode; how: string } | null {
  for (const statement of before) {
    const match = binaryParts(statement);
    if (match?.op !== '=' || !patternBindings(match.left).includes(target)) continue;
    const name = match.right.type === 'call' ? callName(match.right) : null;
    return name && (PLAIN_PROCESSES.has(name) || name.startsWith('Task.')) ? { statement, how: name } : null;
  }
  return null;
}

/**
 * The first check of `after`, when it asserts that a value lies in a range of integers that starts
 * above zero (bonny's `assert Agent.get(agent, & &1) in 7..10` after a task ticking every 5 ms ran
 * for 50): some happened, and not too many for the time slept. A poll would pass at the lower
 * bound, and the upper one would check nothing.
 */
export function countedRange(after: readonly SyntaxNode[]): { statement: SyntaxNode; range: string } | null {
  return rangeIn(after[0]) ?? boundedFromBothSides(after);
}

/**
 * SchedEx's repeating job: `calls = TestCallee.clear(agent)`, then `assert length(calls) >= 2` and
 * `assert length(calls) <= 4`: a count bounded from below and above by the assertions right after
 * the sleep (past one line that binds what they read), the range written as two checks.
 */
function boundedFromBothSides(after: readonly SyntaxNode[]): { statement: SyntaxNode; range: string } | null {
  const first = after[0];
  if (!first) return null;
  const bounds = new Map<string, { low?: number; high?: number }>();
  const checks = binaryParts(first)?.op === '=' && !assertionName(first) ? after.slice(1, 3) : after.slice(0, 2);
  for (const statement of checks) {
    if (assertionName(statement) !== 'assert') return null;
    const parts = binaryParts(callArguments(statement)[0] ?? statement);
    if (!parts) return null;
    const [read, op, value] = parts.right.type === 'integer' ? [parts.left, parts.op, parts.right] : parts.left.type === 'integer' ? [parts.right, FLIPPED[parts.op], parts.left] : [null, undefined, null];
    if (!read || !op || !value || !COUNT_READ.test(read.text)) return null;
    const n = Number(value.text.replace(/_/g, ''));
    const bound = bounds.get(read.text) ?? {};
    if (op === '>=' || op === '>') bound.low = op === '>' ? n + 1 : n;
    else if (op === '<=' || op === '<') bound.high = op === '<' ? n - 1 : n;
    else return null;
    bounds.set(read.text, bound);
  }
  for (const { low, high } of bounds.values()) {
    if (low !== undefined && high !== undefined && low >= 1 && high > low) return { statement: checks[checks.length - 1]!, range: `${low}..${high}` };
  }
  return null;
}

/** The comparison as read from the other side: `2 <= n` is `n >= 2`. */
const FLIPPED: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** `assert count in 7..10`. */
function rangeIn(statement: SyntaxNode | undefined): { statement: SyntaxNode; range: string } | null {
  // Most checks hold no range of integers: their text says so before any node is walked.
  if (!statement || !RANGE_TEXT.test(statement.text) || assertionName(statement) !== 'assert') return null;
  const [checked] = callArguments(statement);
  const membership = checked && binaryParts(checked);
  const range = membership?.op === 'in' ? binaryParts(membership.right) : null;
  if (range?.op !== '..' || range.left.type !== 'integer' || range.right.type !== 'integer') return null;
  // A count, by what reads it: not `Pool.checkout() in 1..4`, a worker's number (kafka_ex).
  if (!COUNT_READ.test(membership!.left.text)) return null;
  const low = Number(range.left.text.replace(/_/g, ''));
  const high = Number(range.right.text.replace(/_/g, ''));
  return low >= 1 && high > low ? { statement, range: membership!.right.text } : null;
}

const RANGE_TEXT = /\bin\s+\d[\d_]*\s*\.\./;

/** Reads of a count: by name, an Agent's state, or a counter. */
export const COUNT_READ = /count|tick|calls|times|runs|hits|length|size|total|\bAgent\.get\b|:(?:counters|atomics)\.get/i;

/** The statement among `before` written the same as `statement`, whitespace aside (the same wait made again), or null. */
export function madeBefore(before: readonly SyntaxNode[], statement: SyntaxNode): SyntaxNode | null {
  const text = squeezed(statement.text);
  return before.find((earlier) => squeezed(earlier.text) === text) ?? null;
}

/**
 * The statement before that makes the waiting call `wait` with the same arguments, its options
 * aside: kafka_ex's `wait_for_active(cg_pid, timeout: 30_000)` before an outage and `timeout:
 * 45_000` after it wait for the same state, which held before.
 */
export function waitedTheSameWay(before: readonly SyntaxNode[], wait: SyntaxNode): SyntaxNode | null {
  const name = callName(wait);
  const given = (call: SyntaxNode) => callArguments(call).filter((arg) => arg.type !== 'keywords').map((arg) => squeezed(arg.text)).join(',');
  const args = given(wait);
  return before.find((earlier) => earlier.text.includes(name?.replace(/^.*\./, '') ?? '\u0000') && callNamesIn(earlier).some((c) => c.name === name && given(c.node) === args)) ?? null;
}

/**
 * Reads of a registry some process keeps and cleans up when others die: OTP's `Registry` and
 * registries named like it (Horde's, elsa's `Elsa.Registry.whereis_name`), `:pg`, `:syn`, `:global`.
 */
const REGISTRY_READ = /^(?:(?:[A-Z]\w*\.)*Registry\.(?:lookup|keys|values|count\w*|select|match|whereis_name)|:pg\.get_(?:local_)?members|:syn\.lookup|:global\.whereis_name)$/;
/** Reads of an ETS table, which may be one such a process keeps. */
const ETS_READ = /^:ets\.(?:lookup|lookup_element|tab2list|member|match|match_object|select|select_count|info)$/;

export function readsARegistry(statement: SyntaxNode): boolean {
  return callNamesIn(statement).some(({ name }) => REGISTRY_READ.test(name));
}

export function readsATable(statement: SyntaxNode): boolean {
  return callNamesIn(statement).some(({ name }) => REGISTRY_READ.test(name) || ETS_READ.test(name));
}

/**
 * faktory_worker's heartbeat test: `expect(SocketMock, :send, fn _, "BEAT " <> _ -> :ok end)` and
 * more, a start, then the sleep and a stop, in a module with `setup :verify_on_exit!`. Mox (and
 * Mimic) check those expectations when the test ends: they are the condition the sleep gives the
 * server time to meet. The nearest such `expect` before the sleep, when the file verifies them;
 * or a Bypass expectation, which `Bypass.open` has checked on exit.
 */
export function verifiedExpectation(ctx: SiteContext, modules: ModuleIndex): SyntaxNode | null {
  // Most files set no expectation: the text says so before any template is read.
  if (!ctx.file.source.includes('expect')) return null;
  const mocks = modules.saysOrTemplateSays(VERIFIES, ctx.file);
  // slack_logger_backend's `Bypass.expect(bypass, fn conn -> … end)`: `Bypass.open` registers a check,
  // run when the test ends, that the expected request came.
  const bypass = ctx.file.source.includes('Bypass.expect') && modules.saysOrTemplateSays(BYPASS_OPENS, ctx.file);
  if (!mocks && !bypass) return null;
  // In the test, also above the capture_log the sleep is in, or in its setup (mixpanel_api_ex's
  // describe sets `expect(HTTPMock, :get, …)` for each test).
  const candidates = [...ctx.before, ...unitStatementsBefore(ctx), ...(ctx.unitKind === 'test' ? setupStatements(ctx) : [])];
  return candidates.find((statement) => {
    // Also piped, as Mimic's examples write it: `System |> expect(:halt, 1, fn 0 -> :ok end)`, and
    // chained, `Application |> expect(:stop, …) |> expect(:start, …)` (elixircd).
    if (bypass && statement.type === 'call' && BYPASS_EXPECTATION.test(callName(statement) ?? '')) return true;
    if (!mocks) return false;
    let pipe = binaryParts(statement);
    if (pipe?.op !== '|>') return statement.type === 'call' && EXPECTATION.test(callName(statement) ?? '') && callArguments(statement)[0]?.type === 'alias';
    if (pipe.right.type !== 'call' || !EXPECTATION.test(callName(pipe.right) ?? '')) return false;
    while (pipe?.op === '|>' && pipe.left.type === 'binary_operator') {
      const inner = binaryParts(pipe.left);
      if (inner?.op !== '|>' || inner.right.type !== 'call' || !MOCK_STEP.test(callName(inner.right) ?? '')) return false;
      pipe = inner;
    }
    return pipe?.left.type === 'alias';
  }) ?? null;
}

/**
 * The line of the last expectation in what verifiedExpectation found: a chain's last step
 * (`Mock |> expect(:process, …) |> expect(:ack, …)`), else the statement's own line.
 */
export function lastExpectationLine(expectation: SyntaxNode): number {
  const pipe = binaryParts(expectation);
  return line(pipe?.op === '|>' ? pipe.right : expectation);
}

/** For a sleep inside a block of its unit (a function `capture_log` runs), the unit's own statements before that block, nearest first. */
function unitStatementsBefore(ctx: SiteContext): SyntaxNode[] {
  const body = ctx.atUnitTopLevel || !ctx.unit ? null : doBlockOf(ctx.unit);
  if (!body) return [];
  const top = statementsOf(body);
  const at = top.findIndex((s) => s.startIndex <= ctx.statement.startIndex && ctx.statement.endIndex <= s.endIndex);
  return at > 0 ? top.slice(0, at).reverse() : [];
}

/**
 * trenino's serial tests hand Mimic's `stub` a function for the port's `open` that sleeps forever,
 * then cast a connect whose handler opens the port: the server that runs the stub is stuck in it. The
 * function handed to a stub or an expectation (Mox's, Mimic's, meck's) in `statements` that never
 * returns: it sleeps `:infinity`, or waits in a `receive` with no `after` (a gate only the test opens),
 * itself and not in a function it hands on (a spawned stand-in process). Null when there is none.
 */
export function neverReturningStub(statements: readonly SyntaxNode[]): SyntaxNode | null {
  for (const statement of statements) {
    if (!/\b(?:stub|expect)\b/.test(statement.text) || !/:infinity|\breceive\b/.test(statement.text)) continue;
    for (const { name, node } of callNamesIn(statement)) {
      if (!MOCK_STEP.test(name) && name !== ':meck.expect') continue;
      const hangs = callArguments(node).find((fn) => fn.type === 'anonymous_function' && callNamesIn(fn).some(({ name: called, node: call }) => !inFunction(call, fn) && blocksForever(called, call)));
      if (hangs) return hangs;
    }
  }
  return null;
}

/** `Process.sleep(:infinity)`, or a `receive` that no time limit ends (no `after`, or `after :infinity`). */
function blocksForever(name: string, call: SyntaxNode): boolean {
  if (SLEEPS.has(name)) return callArguments(call)[0]?.text === ':infinity';
  if (name !== 'receive') return false;
  const after = doBlockOf(call)?.namedChildren.find((child) => child.type === 'after_block');
  const time = after?.namedChildren.find((child) => child.type === 'stab_clause')?.namedChildren.find((child) => child.type === 'arguments');
  return !after || time?.text.trim() === ':infinity';
}

const EXPECTATION = /^(?:(?:Mox|Mimic)\.)?expect$/;
/** What a chain of expectations may pipe through on the way: more of them, or stubs. */
const MOCK_STEP = /^(?:(?:Mox|Mimic)\.)?(?:expect|stub)$/;
/** Mox's and Mimic's checks of the expectations, in the file or in the case template it uses. */
const VERIFIES = /\bverify(?:_on_exit)?!/;
/** Bypass's expectations (at least one request, or exactly one), checked on exit once `Bypass.open` ran in the test's process. */
const BYPASS_EXPECTATION = /^Bypass\.expect(?:_once)?$/;
const BYPASS_OPENS = /\bBypass\.open\b/;

/** A literal written as is: a number, an atom, a string, `nil`, `true`, `false`, `[]`, `%{}`, or a tuple of those (`{:ok, %{}}`). */
const SIMPLE_LITERAL = String.raw`(?:-?\d[\d_.]*|:\w+|"[^"#]*"|nil|true|false|\[\]|%\{\})`;
const PLAIN_LITERAL = new RegExp(String.raw`^(?:${SIMPLE_LITERAL}|\{\s*${SIMPLE_LITERAL}(?:\s*,\s*${SIMPLE_LITERAL})*\s*\})$`);

/** `read == literal` (either way round): the read and the literal, without blanks; null for any other condition. */
export function comparedLiteral(condition: SyntaxNode): { read: string; literal: string } | null {
  const parts = binaryParts(condition);
  if (!parts || (parts.op !== '==' && parts.op !== '===')) return null;
  const [literal, read] = PLAIN_LITERAL.test(parts.left.text) ? [parts.left, parts.right] : PLAIN_LITERAL.test(parts.right.text) ? [parts.right, parts.left] : [null, null];
  return literal && read && !PLAIN_LITERAL.test(read.text) ? { read: squeezed(read.text), literal: squeezed(literal.text) } : null;
}

/**
 * `literal = read`, the literal as the pattern (`{:ok, :running} = Manager.status(id)`): a match on
 * a literal asks the same as `==`. The read and the literal, without blanks; null otherwise.
 */
function matchedLiteral(condition: SyntaxNode): { read: string; literal: string } | null {
  const parts = binaryParts(condition);
  if (parts?.op !== '=' || !PLAIN_LITERAL.test(parts.left.text) || PLAIN_LITERAL.test(parts.right.text)) return null;
  return { read: squeezed(parts.right.text), literal: squeezed(parts.left.text) };
}

/** The read an assertion's condition compares with a literal, by `==` or as a match on it. */
function literalOf(condition: SyntaxNode): { read: string; literal: string } | null {
  return comparedLiteral(condition) ?? matchedLiteral(condition);
}

/**
 * An `assert` in `before` of the same read as `condition` equal to another literal (a door's
 * `state(lock) == :unlocked`, then the sleep and `state(lock) == :locked`; nurvus's
 * `assert {:ok, :running} = get_process_status(id)`, then `{:ok, :stopped}`): the condition did
 * not hold then, so a poll for it waits for a change.
 */
export function assertedOtherwise(condition: SyntaxNode, before: readonly SyntaxNode[]): SyntaxNode | null {
  const now = literalOf(condition);
  if (!now) return null;
  return (
    before.find((statement) => {
      if (assertionName(statement) !== 'assert') return false;
      const condition = callArguments(statement)[0] ?? statement;
      const then = literalOf(condition);
      return (!!then && then.read === now.read && then.literal !== now.literal) || boundExcludes(condition, now);
    }) ?? null
  );
}

/**
 * Does `condition`, a bound on the same read (`count >= 1`), rule out the literal `now` asks for
 * (`count == 0`, extty's processes left after a stop)?
 */
function boundExcludes(condition: SyntaxNode, now: { read: string; literal: string }): boolean {
  const parts = binaryParts(condition);
  const value = Number(now.literal.replace(/_/g, ''));
  if (!parts || !/^-?\d[\d_]*$/.test(now.literal) || squeezed(parts.left.text) !== now.read || !/^-?\d[\d_]*$/.test(parts.right.text)) return false;
  const bound = Number(parts.right.text.replace(/_/g, ''));
  switch (parts.op) {
    case '>=': return value < bound;
    case '>': return value <= bound;
    case '<=': return value > bound;
    case '<': return value >= bound;
    case '!=':
    case '!==': return value === bound;
    default: return false;
  }
}
