// What Elixir and OTP calls do to the test's flow of time (DESIGN.md "Elixir behaviour the
// rewrites rely on"). Facts about the language, not vocabulary a user tunes: that lives in
// allowlist.json.
import type { SyntaxNode } from '../parse/parser.js';
import { argumentsAsRun, binaryParts, callName, callNamesIn } from '../parse/nodes.js';

/** Calls that return only after the work they start is done: a sleep after them guards nothing. */
export const SYNC_CALLS = new Set([
  'GenServer.call',
  // A gen_statem's call returns once the machine has replied: `{:next_event, :internal, …}` actions
  // run before it handles the next call, but timeouts it arms fire later (see statemCallKeepsWorking).
  'GenStateMachine.call',
  ':gen_statem.call',
  'GenServer.stop',
  'GenServer.start',
  'GenServer.start_link',
  'Agent.get',
  'Agent.update',
  'Agent.get_and_update',
  'Agent.stop',
  'Agent.start_link',
  'Agent.start',
  'Task.await',
  'Task.await_many',
  'Task.yield',
  'Task.yield_many',
  'Task.Supervisor.terminate_child',
  'Supervisor.terminate_child',
  'Supervisor.restart_child',
  'Supervisor.start_child',
  'Supervisor.delete_child',
  'Supervisor.stop',
  'DynamicSupervisor.start_child',
  'DynamicSupervisor.terminate_child',
  'DynamicSupervisor.stop',
  // OTP's own servers: started once their init has run, which starts nothing else.
  'Registry.start_link',
  'Supervisor.start_link',
  'DynamicSupervisor.start_link',
  'Task.Supervisor.start_link',
  'Registry.register',
  'Registry.unregister',
  'start_supervised!',
  'start_supervised',
  'start_link_supervised!',
  'stop_supervised',
  'stop_supervised!',
  ':sys.get_state',
  ':sys.replace_state',
  ':sys.suspend',
  ':sys.resume',
  ':ets.insert',
  ':ets.delete',
  ':ets.new',
  'Application.put_env',
  // Setters of the VM's own tables and of the application controller: done when they return
  // (nerves_ssh resets its env with `put_all_env` and then waits for nothing).
  'Application.put_all_env',
  'Application.delete_env',
  'System.put_env',
  'System.delete_env',
  'Process.put',
  'Process.delete',
  'Process.register',
  'Process.unregister',
  ':persistent_term.put',
  ':persistent_term.erase',
  'Logger.configure',
  'Application.ensure_all_started',
  'Application.stop',
  'Application.start',
  // Swoosh runs the adapter in the caller: its test adapter has put `{:email, email}` in the test's
  // mailbox when `deliver` returns (pleroma's Mailer.deliver, then `assert_email_sent`).
  'Swoosh.Mailer.deliver',
  'Swoosh.Mailer.deliver!',
  'Swoosh.Mailer.deliver_many',
  // HTTP servers whose start returns once the listening socket is bound and accepting (Bandit and
  // Plug.Cowboy start their acceptors under ThousandIsland's or Ranch's supervisor before they
  // return): lather's tests start Bandit, then sleep 50 ms before the first request.
  'Bandit.start_link',
  'ThousandIsland.start_link',
  'Plug.Cowboy.http',
  'Plug.Cowboy.https',
  ':cowboy.start_clear',
  ':cowboy.start_tls',
  ':ranch.start_listener',
]);

/** Mnesia's transactions, called plainly or through Memento. */
const MNESIA_TRANSACTION = /^(?::mnesia\.(?:sync_)?transaction|Memento\.transaction!?)$/;
/** Writes and deletes inside one: `:mnesia.write(row)`, Memento's `Query.write(record)`, `Query.delete_record(record)`. */
const MNESIA_WRITE = /^(?::mnesia\.(?:s_)?(?:write|delete|delete_object)|(?:Memento\.)?Query\.(?:write|delete|delete_record))$/;

/**
 * A transaction whose function writes or deletes a record: `Memento.transaction(fn -> … Memento.Query.write(record) end)`
 * in a table module's `add`, `:mnesia.transaction(fn -> :mnesia.write(row) end)`. It runs the
 * function in the caller and returns once the transaction has committed, so a read after it finds
 * the write, with nothing handed to another process (a process subscribed to the table's events
 * hears of it later, which the caller checks for).
 */
export function transactionWrite(name: string, call: SyntaxNode): boolean {
  if (!MNESIA_TRANSACTION.test(name)) return false;
  const fn = argumentsAsRun(call)[0];
  return fn?.type === 'anonymous_function' && callNamesIn(fn).some((inner) => MNESIA_WRITE.test(inner.name));
}

/** Calls that write state a later read sees: an Agent's, a table's, the process dictionary, counters. */
export const STATE_WRITES = /^(?:Agent\.(?:update|get_and_update|cast)|:ets\.(?:insert|insert_new|delete|delete_object|delete_all_objects|update_counter|update_element|take)|:dets\.(?:insert|delete)|Process\.put|:persistent_term\.(?:put|erase)|:counters\.(?:add|sub|put)|:atomics\.(?:add|sub|put|exchange|compare_exchange|add_get|sub_get))$/;

/** Calls that send their second argument to the process in their first, as the test writes them. */
export const DIRECT_MESSAGES = new Set(['GenServer.cast', 'GenStage.cast', 'send', 'Kernel.send', 'Process.send', 'Agent.cast', ':gen_server.cast', ':erlang.send', 'GenStateMachine.cast', ':gen_statem.cast']);

/**
 * Writes to a socket or a port, and closing one: the peer at the other end reacts on its own time
 * (vintage_net_wifi's mock writes a line to wpa_supplicant's socket, and another process logs what
 * comes back; elixir_raft's transport closes its socket, and the peer's transport hears `:tcp_closed`).
 */
export const SOCKET_WRITES = new Set([':gen_udp.send', ':gen_tcp.send', ':ssl.send', ':socket.send', ':socket.sendto', 'Port.command', ':erlang.port_command', ':gen_tcp.close', ':ssl.close', ':socket.close']);

/**
 * Starts of an operating-system process that runs on after the call returns (vintage_net's handler
 * starts `MuonTrap.Daemon.start_link("echo", …)`, and the test waits for the program to exit).
 */
export const OS_PROCESS_STARTS = new Set(['MuonTrap.Daemon.start_link', 'MuonTrap.Daemon.start', 'Port.open', ':erlang.open_port']);

/** Calls that hand work to another process and return before it is done. */
export const ASYNC_CALLS = new Set([
  'GenServer.cast',
  'GenStage.cast',
  'send',
  'Kernel.send',
  'Process.send',
  'Process.send_after',
  'Process.exit',
  'Process.unlink',
  'Task.start',
  'Task.async',
  'Task.start_link',
  'Task.Supervisor.start_child',
  'Task.Supervisor.async_nolink',
  'Task.Supervisor.async',
  'spawn',
  'spawn_link',
  'spawn_monitor',
  'Process.spawn',
  'Node.spawn',
  'Phoenix.PubSub.broadcast',
  'Phoenix.PubSub.broadcast!',
  'Phoenix.PubSub.local_broadcast',
  'Phoenix.PubSub.broadcast_from',
  'Endpoint.broadcast',
  'Registry.dispatch',
  ':gen_server.cast',
  'GenStateMachine.cast',
  ':gen_statem.cast',
  ':gen_event.notify',
  ':erlang.send',
  // The subscription is a message the consumer sends on its own time (ALF's Builder.build wires
  // its stages this way). `GenStage.sync_subscribe` waits for it, but not for what it sets off:
  // the consumer asks for demand, and the producer's events reach it later (batch_stage's sink,
  // fed through a middle stage: a barrier on the sink waits for none of them).
  'GenStage.async_subscribe',
  'GenStage.async_resubscribe',
  'GenStage.sync_subscribe',
  'GenStage.sync_resubscribe',
  // Redix's pub/sub answers `{:ok, ref}` at once, and Redis confirms the subscription in a
  // `{:redix_pubsub, …, :subscribed, …}` message later (phoenix_pubsub_redis_z's subscribe).
  'Redix.PubSub.subscribe',
  'Redix.PubSub.psubscribe',
  'Redix.PubSub.unsubscribe',
  'Redix.PubSub.punsubscribe',
]);

/** ExUnit's capture helpers, however they are called (`capture_log`, `ExUnit.CaptureLog.with_log`). */
/** Calls that find a process by the name it registered: `nil`/`:undefined` until it has. */
export const NAME_LOOKUPS = /(?:^|[^\w.:])(?:Process\.whereis|GenServer\.whereis|:global\.whereis_name|Registry\.lookup|:syn\.lookup|:pg\.get_members)\b/;

export const CAPTURES = /(^|\.)(capture_log|capture_io|with_log|with_io)$/;

/** Macros that define a test: ExUnit's `test`, Mock's `test_with_mock`, StreamData's `property`, Wallaby's `feature`. */
export const TEST_MACROS = new Set(['test', 'test_with_mock', 'property', 'feature']);

/**
 * SexySpex, a BDD layer on ExUnit (`use SexySpex`; earlier releases were `Spex`): `spex "…" do` is a
 * test, and the `scenario`, `given_`, `when_`, `then_` and `and_` blocks in it run their bodies in
 * the test process, one after the other, as the test's own statements. The same words mean other
 * things elsewhere (Cucumber-style libraries make functions of them), so only in a module that uses
 * or imports such a module.
 */
export const SPEX_MODULE = /^(?:[A-Z]\w*\.)*(?:SexySpex|Spex)(?:\.[A-Z]\w*)*$/;
export const SPEX_TEST = 'spex';
export const SPEX_STEPS = new Set(['scenario', 'given_', 'when_', 'then_', 'and_']);

/**
 * Synchronous calls to the process given first: they return once that process has done the work
 * (`GenServer.call`, `Agent.update`) or is gone (`GenServer.stop`, `Agent.stop`, which is
 * `GenServer.stop` underneath).
 */
export const TARGETED_SYNC = new Set([
  'GenServer.call',
  ':gen_server.call',
  'GenStateMachine.call',
  ':gen_statem.call',
  'Agent.get',
  'Agent.update',
  'Agent.get_and_update',
  ':sys.get_state',
  ':sys.get_status',
  'GenServer.stop',
  ':gen_server.stop',
  'Agent.stop',
  'Supervisor.stop',
  'DynamicSupervisor.stop',
]);

/** Calls that stop or kill a process without waiting for it to be gone. */
/** A gen_statem's call (Elixir's GenStateMachine wraps `:gen_statem`): answered by `handle_event({:call, from}, …)`. */
export const STATEM_CALLS = new Set(['GenStateMachine.call', ':gen_statem.call']);

/** Calls answered by a `handle_call` clause, or a gen_statem's `{:call, from}` event, that a project API's request picks. */
export function answeredByHandler(via: string): boolean {
  return via === 'GenServer.call' || STATEM_CALLS.has(via);
}

export const KILL_CALLS = new Set(['Process.exit', ':erlang.exit', 'Kernel.exit']);

/** Calls that stop a process and wait for it: the process is gone when they return. */
export const SYNC_STOP_CALLS = new Set([
  'GenServer.stop',
  'Agent.stop',
  'Supervisor.stop',
  'DynamicSupervisor.stop',
  'Supervisor.terminate_child',
  'DynamicSupervisor.terminate_child',
  'Task.Supervisor.terminate_child',
  'stop_supervised',
  'stop_supervised!',
  ':gen_server.stop',
]);

/**
 * Calls that run the given function in a new process linked to the caller: an exit of that process
 * for any reason but `:normal` takes the caller down with it (unless the caller traps exits).
 * `Process.spawn(fn, [:link])` links too, by its option.
 */
export const LINKED_SPAWNS = new Set(['spawn_link', 'Kernel.spawn_link', 'Node.spawn_link', ':proc_lib.spawn_link', 'Task.start_link', 'Task.async']);

/** Calls that run the given function in a new process. */
export const SPAWNING_CALLS = new Set([
  'spawn',
  'spawn_link',
  'spawn_monitor',
  'Process.spawn',
  'Node.spawn',
  'Node.spawn_link',
  ':proc_lib.spawn',
  ':proc_lib.spawn_link',
  'Task.async',
  'Task.start',
  'Task.start_link',
  'Task.async_stream',
  'Task.Supervisor.async',
  'Task.Supervisor.async_nolink',
  'Task.Supervisor.start_child',
  'Task.Supervisor.async_stream',
  'Task.Supervisor.async_stream_nolink',
  'Agent.start',
  'Agent.start_link',
  'Agent.update',
  'Agent.get',
  'Agent.get_and_update',
  'Agent.cast',
  'start_supervised!',
  'start_supervised',
]);

/** Modules whose higher-order functions run the given function in the caller's process. */
const SAME_PROCESS_MODULES = ['Enum.', 'Stream.', 'Map.', 'List.', 'Keyword.', 'Kernel.', 'ExUnit.CaptureLog.', 'ExUnit.CaptureIO.'];
const SAME_PROCESS_CALLS = new Set([
  'for',
  ':telemetry.span',
  ':timer.tc',
  'capture_log',
  'capture_io',
  'with_log',
  'with_io',
  'assert_raise',
  'catch_exit',
  'catch_throw',
  'catch_error',
  'then',
  'tap',
  'File.cd!',
  'apply',
  ':lists.foreach',
  ':lists.map',
  'Repo.transaction',
  'Ecto.Multi.run',
  // Hound's second browser session: `in_browser_session(:other, fn -> … end)` switches the session
  // the test drives, runs the function in place and switches back (tmp_kpiconnect's bidders).
  'in_browser_session',
  'Hound.Helpers.Session.in_browser_session',
  // Mock's macros run their block in place, with the modules patched (sanbase's
  // `run_with_mocks(mocks, fun)`, `… |> with_mocks(do: fun.())`, which its tests wrap their body in).
  'with_mock',
  'with_mocks',
  // PhoenixTest's `unwrap(session, fn … end)` hands the function the driver's handles in the
  // test's own process (bemeda_personal's browser helpers pace form fills inside it).
  'unwrap',
  'PhoenixTest.unwrap',
]);

export function runsInCallerProcess(callName: string): boolean {
  // A transaction runs its function in the caller: Ecto's `Repo.transaction`, Mnesia's
  // `:mnesia.transaction`, elixircd's `Memento.transaction!`.
  return SAME_PROCESS_CALLS.has(callName) || SAME_PROCESS_MODULES.some((m) => callName.startsWith(m)) || /\.(?:sync_)?transaction!?$/.test(callName);
}

/** Loops that repeat the sleep: `Enum.each(1..5, …)`, `for x <- 1..5`. */
export const LOOP_CALLS = new Set([
  'for',
  'Enum.each',
  'Enum.map',
  'Enum.flat_map',
  'Enum.reduce',
  'Enum.reduce_while',
  'Enum.with_index',
  'Enum.filter',
  'Enum.find',
  'Enum.take_while',
  'Stream.repeatedly',
  'Stream.iterate',
  'Stream.cycle',
  'Stream.map',
  'Stream.each',
  'Stream.take_while',
]);

export const GENSERVER_CALLBACKS = new Set([
  'init',
  'handle_call',
  'handle_cast',
  'handle_info',
  'handle_continue',
  'terminate',
  'code_change',
  'handle_event',
  'handle_demand',
  'handle_events',
  'handle_message',
  'handle_batch',
  'handle_in',
  'handle_out',
  'handle_params',
  'mount',
  'perform',
]);

/** Variables that by their name hold data, not a process: a Plug conn, a socket, a changeset, options, an id, a key… */
export const NOT_A_PROCESS = /^_?(conn|socket|changeset|params|attrs|opts|options|config|user|query|ctx|context|state|data|acc|req|request|resp|response|token|session|assigns|multi|struct|map|list|item|entry|event|message|msg|payload|body|headers|args|host|email|(\w+_)?(id|ids|uuid|key|path|url|uri)|\w*(?:num|number|height|index|total|amount))\d*$/;

/**
 * Database drivers: a query is answered once the database has run it, with no cast underneath to a
 * process of the test's (a barrier on the connection waits for nothing: supavisor's `P.query!(origin,
 * "SELECT pg_terminate_backend…")`). Nor is it plainly synchronous: what the write sets off
 * elsewhere (replication, a trigger, a NOTIFY: electric's shapes) is not over when it returns.
 */
export const DATABASE_DRIVER = /^(Postgrex|MyXQL|Exqlite|Mssqlex|Tds|DBConnection)(\.|$)/;

/**
 * Data frameworks whose functions take records, changesets and queries, never a process of the
 * test's (huddlz's `huddl |> Ash.reload!() |> Ash.Changeset.for_update(…) |> Ash.update!()`, where
 * `:sys.get_state(huddl)` would crash on a struct).
 */
export const DATA_FRAMEWORK = /^(Ash|Ecto)(\.|$)/;

/**
 * Browser drivers: their calls go to a WebDriver over HTTP and take elements, sessions and queries,
 * never a process of the test's (live_svelte's `Wallaby.Element.click(first_client_btn)`, a
 * `%Wallaby.Element{}`, which a barrier would exit on).
 */
export const BROWSER_DRIVER = /^(Wallaby|Hound)(\.|$)/;

/** Elixir's own modules: calls into them are known, and never a project's cast wrapper. */
export const STANDARD_MODULE = /^(Enum|Stream|Map|MapSet|List|Keyword|String|Kernel|Integer|Float|Atom|Tuple|Process|System|Task|Agent|GenServer|Supervisor|DynamicSupervisor|Registry|Node|Port|File|Path|IO|Access|Range|Date|DateTime|NaiveDateTime|Time|Calendar|Logger|Application|Code|Module|Function|Base|URI|Regex|Bitwise|ExUnit)(\.|$)/;

/**
 * Assertions that wait for a message, by name (Phoenix.ChannelTest's may be written qualified), and
 * where each takes its timeout: assert_push(event, payload, timeout), assert_reply(ref, status,
 * payload, timeout). Phoenix's wait as assert_receive does, ExUnit's 100 ms unless told otherwise.
 */
export const WAIT_TIMEOUT_POSITION: Readonly<Record<string, number>> = {
  assert_receive: 1,
  refute_receive: 1,
  assert_push: 2,
  refute_push: 2,
  assert_broadcast: 2,
  refute_broadcast: 2,
  assert_reply: 3,
  refute_reply: 3,
};

/** `Phoenix.ChannelTest.assert_push` → `assert_push`: the name WAIT_TIMEOUT_POSITION knows it by. */
export function waitingAssertion(name: string | null): string | null {
  const short = name?.replace(/^.*\./, '') ?? '';
  return short in WAIT_TIMEOUT_POSITION ? short : null;
}

/** ExUnit's default assert_receive/refute_receive timeout, which Phoenix's channel assertions use too. */
export const RECEIVE_TIMEOUT_MS = 100;

/**
 * Libraries' checks of the test's own mailbox that do not wait (Swoosh.TestAssertions), by name,
 * with what each is underneath.
 */
export const MAILBOX_HELPERS: ReadonlyMap<string, { is: string; refutes: boolean }> = new Map([
  ['assert_email_sent', { is: "Swoosh's `assert_received {:email, …}`", refutes: false }],
  ['assert_email_not_sent', { is: "Swoosh's `refute_received {:email, …}`", refutes: true }],
  ['assert_no_email_sent', { is: "Swoosh's `refute_received {:email, _}`", refutes: true }],
  ['refute_email_sent', { is: "Swoosh's `refute_received {:email, …}`", refutes: true }],
]);

/** Streams that run their function in tasks, one per element, as the stream is consumed. */
export const TASK_STREAMS = new Set(['Task.async_stream', 'Task.Supervisor.async_stream', 'Task.Supervisor.async_stream_nolink']);

/**
 * Is `call` (named `name`) a task stream consumed where it is made: piped on into `Stream.run()` or
 * an `Enum` function, or handed to one (`Enum.to_list(Task.async_stream(…))`)? Consuming it waits
 * for every task (glific's `Task.Supervisor.async_stream_nolink(…) |> Stream.run()`): the work is
 * done when the statement returns.
 */
export function consumedTaskStream(name: string, call: SyntaxNode): boolean {
  return TASK_STREAMS.has(name) && consumedWhereMade(call);
}

/**
 * Is the enumerable `call` returns consumed where it is made: piped on into `Stream.run()` or an
 * `Enum` function, further down its pipeline too, or handed to one (`Enum.to_list(spaced(list))`)?
 */
export function consumedWhereMade(call: SyntaxNode): boolean {
  let node = call;
  for (let parent = node.parent; parent; node = parent, parent = node.parent) {
    const pipe = binaryParts(parent);
    // `orders |> Task.async_stream(f)`: the pipe's value is the stream; what it is piped into decides.
    if (pipe?.op === '|>' && pipe.right.id === node.id) continue;
    if (pipe?.op === '|>' && pipe.left.id === node.id) {
      if (CONSUMES.test(callName(pipe.right) ?? '')) return true;
      continue;
    }
    if (parent.type === 'arguments' && parent.parent?.type === 'call') return CONSUMES.test(callName(parent.parent) ?? '');
    return false;
  }
  return false;
}

const CONSUMES = /^(?:Stream\.run|Enum\.\w+)$/;

/**
 * Figures of the whole node, which every process moves, earlier tests' included: memory, process
 * and port counts, the lists behind them. A sleep before one of these is read settles the VM.
 */
export const VM_WIDE_READS = /(?:^|[^\w.:])(?::erlang\.(?:memory|system_info|statistics|processes|ports)|Process\.list|Port\.list|:ets\.all)\b/;

/** The calls that define a function rather than call one, Croma's typed `defun`s among them (tamagohan's raft). */
export const DEFINING_CALLS = new Set(['def', 'defp', 'defmacro', 'defmacrop', 'defun', 'defunp', 'defunpt']);

/** Calls that stop the whole node, the test run with it: `:erlang.halt()`, `System.stop(0)`, `:init.stop()`. */
export const STOPS_THE_NODE = /^(?::erlang\.halt|System\.(?:halt|stop)|:init\.stop)\b/;

/** The VM's own cancels of a timer: they return once it is cancelled, so nothing is left to wait for. */
export const CANCELS_A_TIMER = /^(?:Process\.cancel_timer|:erlang\.cancel_timer|:timer\.cancel)$/;

/**
 * Function names that say they read: `info`, `get_state`, `list_jobs`, `stats`, `pending_count`; a
 * lookup of a process, `whereis_leader` (raft_fleet's, which keeps the leader it finds in an ETS cache).
 */
export const READ_NAME = /^(?:info|get(?:_\w+)?|fetch(?:_\w+)?|list(?:_\w+)?|lookup|whereis(?:_\w+)?|read(?:_\w+)?|peek|stats?|status|state|size|count|all|members|which_\w+|\w+_(?:info|count|size|stats?|status|state))$/;

/** Milliseconds in each unit a clock reads in or a time is added in. */
const CLOCK_UNIT_MS: Readonly<Record<string, number>> = { microsecond: 0.001, millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000 };
/** A clock read in a unit it names: `System.system_time(:millisecond)`, `:os.system_time(:second)`. */
const CLOCK_IN_UNIT = String.raw`(?:System\.(?:system_time|monotonic_time|os_time)|:os\.system_time|:erlang\.(?:system_time|monotonic_time))\(\s*:(microsecond|millisecond|second)s?\s*\)`;
/** That read plus a constant: `… + 200`, `… + :timer.hours(1)` (a count of the clock's own unit). */
const CLOCK_PLUS = new RegExp(String.raw`^${CLOCK_IN_UNIT}\s*\+\s*(?:(\d[\d_]*)|:timer\.(second|minute|hour)s\((\d[\d_]*)\))$`);
/** Now as a date moved on: `DateTime.utc_now() |> DateTime.add(60, :second)`, `DateTime.add(DateTime.utc_now(), 2)`. */
const NOW_ADDED = /^(?:(?:Naive)?DateTime\.utc_now\(\)\s*\|>\s*(?:Naive)?DateTime\.add\(\s*|(?:Naive)?DateTime\.add\(\s*(?:Naive)?DateTime\.utc_now\(\)\s*,\s*)(\d[\d_]*)\s*(?:,\s*:(millisecond|second|minute|hour)s?\s*)?\)$/;

/**
 * How far ahead of now an expression reads the clock, in milliseconds: a clock reading plus a
 * constant (`System.system_time(:millisecond) + 200`, ex_aws's `System.os_time(:second) + 3600`,
 * `DateTime.utc_now() |> DateTime.add(60, :second)`), the lifetime of whatever it stamps. Null for a
 * plain reading (`System.system_time(:millisecond)`), a native-unit one or anything else.
 */
export function clockAheadMs(text: string): number | null {
  const trimmed = text.trim();
  const plus = CLOCK_PLUS.exec(trimmed);
  if (plus) {
    const count = plus[2] ? Number(plus[2].replace(/_/g, '')) : Number(plus[4]!.replace(/_/g, '')) * CLOCK_UNIT_MS[plus[3]!]!;
    return count * CLOCK_UNIT_MS[plus[1]!]!;
  }
  const added = NOW_ADDED.exec(trimmed);
  return added ? Number(added[1]!.replace(/_/g, '')) * CLOCK_UNIT_MS[added[2] ?? 'second']! : null;
}
