import { calledInFlow, type SiteContext } from '../../context/site-context.js';
import { binaryParts, callArguments, line, oneLine, ownerCall, callName, timeoutOption } from '../../parse/nodes.js';
import { NAME_LOOKUPS } from '../../context/elixir-facts.js';
import { ASSERTIONS, actingCall, assertionName } from '../statements.js';
import type { SyntaxNode } from '../../parse/parser.js';
import { killedProcess } from '../effects.js';

// Module names that say the code is a stand-in for a real dependency.
const FAKE_MODULE = /(Mock|Fake|Stub|Dummy|Slow|Sleep|Test(Server|Worker|Handler|Adapter|Client|Producer|Consumer))/;

// Function names that say the function is a wait: `wait`, `wait_long`, `settle` (a `sleep/1` is more often a job's simulated work).
const WAITING_NAME = /^(wait|settle)(_|$)/;

// The name of a sleep: a `sleep(millis)` that sleeps for what its caller gives it is one (see sleepsAsTold).
const SLEEP_NAME = /^(?:sleep|nap)$/;

// Function names that say the function checks something: `assert_…`, `refute_…`, `verify_…`, a predicate `…?`.
const CHECKING_NAME = /^(assert|refute|verify|expect)_|\?$/;

// Function names that start, stop or reset something: what a test does to a fake, not work it hands it.
const LIFECYCLE_NAME = /^(start|stop|restart|shutdown|reset|clear|close|teardown|clean_?up|flush)(_|$)/;

// Calls that start an operating-system process, which boots on its own time.
const OS_START = /(?::os\.cmd|System\.(?:cmd|shell)|Port\.open|MuonTrap\.cmd)\b/;

/**
 * Where a sleep is simulated work rather than the test waiting: in a spawned process or task, in a
 * function handed to other code (a mock, a callback), in a GenServer callback, or in a fake module's
 * function. Returns a phrase for the reason ("inside `Task.async` (line 12)"), or null in the test's flow.
 */
export function simulatedWorkPlace(ctx: SiteContext): string | null {
  switch (ctx.runsIn) {
    case 'spawned':
    case 'handed_fn':
      // `:timer.sleep(10)`, then `:global.whereis_name(…)`: the task waits for another process to
      // register a name it is about to use (pleroma's uploader), not work of its own taking time.
      if (ctx.after[0] && NAME_LOOKUPS.test(ctx.after[0].text)) return null;
      // `spawn_link(fn -> … Server.unregister(reg, srv); Process.sleep(10); assert 0 == count(reg) … end)`
      // (multiverses): a check after it in the spawned process makes the sleep that process's wait to
      // check; not an act wrapped in an assertion, circuits_uart's `assert :ok = UART.write(uart1, "A")`.
      if (ctx.runsIn === 'spawned' && ctx.after.some(checksState)) return null;
      // Only the stream a helper returns leaves a `Stream.*` call as the one handed the function (see walkUp).
      if (ctx.handedTo?.startsWith('Stream.') && ctx.defName) return `in a step of the lazy stream \`${ctx.defName}\` returns (\`${ctx.handedTo}\`), run only as whatever its callers hand the stream to enumerates it`;
      if (ctx.handedTo) return `inside a function handed to \`${ctx.handedTo}\``;
      if (ctx.boundTo) return calledInFlow(ctx.file, ctx.boundTo) ? null : `inside a function bound to \`${ctx.boundTo}\``;
      return 'inside an anonymous function kept as a value';
    case 'callback':
      return `inside callback \`${ctx.defName}\`${ctx.module ? ` of ${ctx.module}` : ''}`;
    case 'module':
      // Code in a module body that is not the test case (a Plug router's `get "/slow" do`, a fake server),
      // or a route of a test case that is its own router too (quickbeam's fetch test: `use Plug.Router`
      // beside `use ExUnit.Case`, and `get "/slow" do Process.sleep(10_000) … end`).
      return ctx.module && (!ctx.isTestCaseModule || inRoute(ctx)) ? `inside ${ctx.module}, code the test hands requests to` : null;
    case 'helper':
      // Not the test case itself, whatever its name (stripity_stripe's `Stripe.StripeMockTest`, a test of the mock).
      // But not a stand-in's `start`, `stop` or `reset`, which the tests call themselves
      // (logger_papertrail_backend's `MockPapertrailServer.start(port, self())` spawns the server,
      // then sleeps in the caller for it to open its socket); a `start_link` a supervisor runs is its work.
      // Nor a function that kills a process and then sleeps (see waitsForTheKilled): what it does to the
      // process is the test's own act too.
      const ownLifecycle = (LIFECYCLE_NAME.test(ctx.defName ?? '') && !/_link$/.test(ctx.defName ?? '')) || waitsForTheKilled(ctx);
      if (ctx.module && FAKE_MODULE.test(ctx.module) && !ctx.isTestCaseModule && !ownLifecycle) return `inside \`${ctx.defName}\` of stand-in module ${ctx.module}`;
      // `def wait, do: :timer.sleep(@timeout)`, or a sleep after starting an OS process (`:os.cmd('redis-server …')`):
      // the test calls it to wait, whatever module holds it.
      // `consumer(top)` that the tests only ever start with `spawn(fn -> consumer(top) end)`, even one
      // named for waiting (zigler's `wait_200_millis`, which holds a resource in a spawned process).
      if (ctx.helperHandedTo?.how === 'handed') return `inside \`${ctx.defName}\`, which the tests only hand to \`${ctx.helperHandedTo.to}\``;
      if (ctx.helperHandedTo) return `inside \`${ctx.defName}\`, called only in anonymous functions that functions of the file return for other code to run (\`${ctx.helperHandedTo.to}\`'s first)`;
      if (WAITING_NAME.test(ctx.defName ?? '') || sleepsAsTold(ctx) || ctx.before.some((statement) => OS_START.test(statement.text))) return null;
      if (waitsForTheKilled(ctx)) return null;
      // A check the tests call (operately's steps module `assert_no_unread_notifications`, a test
      // server's `received_message?(server, pattern)`): the test waits through it before it looks.
      if (CHECKING_NAME.test(ctx.defName ?? '')) return null;
      // ConnCase's `api_auth_conn`, a TestHelpers function: the test calls it and waits through it.
      if (ctx.isHelperModule) return null;
      // `def stop()` of a fake server: starting, stopping and resetting it is no work handed to it, the
      // tests do it themselves (rollbax's `RollbarAPI.stop/0`, in every on_exit) and wait through it.
      if (ctx.module && !ctx.isTestCaseModule && LIFECYCLE_NAME.test(ctx.defName ?? '')) return null;
      // A private helper of a plain support module, no server, router or callback in it, that nothing
      // hands on (wanderer-kills' `defp setup_new_cache(pid)`, "give cache time to fully initialize",
      // reached from the setup its public function runs): its callers wait through it.
      if (ctx.unit && callName(ctx.unit) === 'defp' && !ctx.file.isTestModuleFile && plainModule(ctx.unit)) return null;
      // A function that asserts after its sleep is a step of a test, which the tests call and wait
      // through (mediasoup's scenario modules in test/integration, `if state == "connecting" do
      // Process.sleep(1000) end`, then `assert "connected" === …`): stand-ins and handlers check nothing.
      // Also one inside a `case` on what came back (ex_mcp's compliance features, `case result do
      // {:error, reason} -> assert reason == :cancelled … end`): still a check of the test's.
      if (ctx.after.some((statement) => ASSERTIONS.has(assertionName(statement) ?? '') || (callName(statement) === 'case' && ASSERTS_INSIDE.test(statement.text)))) return null;
      if (ctx.module && !ctx.isTestCaseModule) return `inside \`${ctx.defName}\` of ${ctx.module}, code the test hands work to`;
      if (ctx.handlerArgument) return `inside \`${ctx.defName}(${ctx.handlerArgument}, …)\`, a handler the server runs`;
      if (ctx.module && !ctx.file.isTestModuleFile && ctx.unit) return `inside \`${ctx.defName}\` of support module ${ctx.module} (line ${line(ctx.unit)})`;
      return null;
    default:
      return null;
  }
}

/**
 * A sleep right after the function kills or stops a process (quillex's `SexySpex.TimeoutPatch.force_stop_application`:
 * `Process.exit(pid, :kill)`, then "wait a bit for cleanup"): it waits for that process to go down,
 * which its callers wait through, not work slowed down on purpose, whatever the module is named for.
 * monitor_down judges it.
 */
function waitsForTheKilled(ctx: SiteContext): boolean {
  return killedProcess(ctx.before[0]) !== null;
}

/** An assertion somewhere in a statement's text. */
const ASSERTS_INSIDE = /\b(?:assert|refute)(?:_receive|_received|_in_delta|_raise)?\b/;

/** Is the module around `unit` only functions: no server, router or stage it runs, no callbacks? */
function plainModule(unit: SyntaxNode): boolean {
  let module: SyntaxNode | null = unit.parent;
  while (module && callName(module) !== 'defmodule') module = module.parent;
  return module !== null && !SERVING_MODULE.test(module.text);
}

const SERVING_MODULE = /\buse\s+(?:GenServer|GenStage|Agent|Supervisor|DynamicSupervisor|Plug\.\w+|Phoenix\.\w+|Broadway|Task)\b|@behaviour\b|\bdefp?\s+(?:init|handle_\w+|call|terminate)\(/;

/** An assertion whose condition only reads (`assert 0 == Registry.count(reg)`), not one around an act. */
function checksState(statement: SyntaxNode): boolean {
  const condition = ASSERTIONS.has(assertionName(statement) ?? '') ? callArguments(statement)[0] : undefined;
  return condition !== undefined && actingCall(condition) === null;
}

/**
 * `Repo.transaction(fn -> Process.sleep(1000) end, timeout: 100)`: a sleep in the function handed
 * to a call that the test gives a time limit the sleep outlasts. It makes that call overrun on
 * purpose, even where the function runs in the test's own process (ecto_sql's "disconnects on
 * transaction timeouts"). The phrase for the reason and the line of the limit, or null.
 */
export function overrunCall(ctx: SiteContext): { place: string; line: number } | null {
  let fn = ctx.site.node.parent;
  while (fn && fn.type !== 'anonymous_function') fn = fn.parent;
  const owner = fn && ownerCall(fn);
  const limit = owner && timeoutOption(owner);
  if (!owner || !limit) return null;
  const ms = limit.type === 'integer' ? Number(limit.text.replace(/_/g, '')) : null;
  if (ms !== null && typeof ctx.duration === 'number' && ctx.duration <= ms) return null;
  return { place: `inside a function handed to \`${callName(owner) ?? oneLine(owner.text, 30)}\`, given \`timeout: ${oneLine(limit.text, 20)}\``, line: line(limit) };
}

/** Is the sleep in a route of a `use Plug.Router` module (`get "/slow" do … end`)? */
function inRoute(ctx: SiteContext): boolean {
  return ctx.enclosedBy.some((name) => ROUTE_VERBS.has(name)) && PLUG_ROUTER.test(ctx.file.source);
}

const ROUTE_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'match']);
const PLUG_ROUTER = /^\s*use\s+Plug\.Router\b/m;

/**
 * A function named for a sleep that sleeps as long as its caller says (mqttex's test tools, `def
 * sleep(millis \\ 1_000)` around a `receive … after millis`): a sleep of the callers', which wait
 * through it. Not exq_limit's fuzzer step `sleep(state, _module)`, a random pause among its commands.
 */
function sleepsAsTold(ctx: SiteContext): boolean {
  if (!SLEEP_NAME.test(ctx.defName ?? '') || !ctx.unit || !ctx.site.duration) return false;
  let head = callArguments(ctx.unit)[0];
  const guard = head && binaryParts(head);
  if (guard?.op === 'when') head = guard.left;
  const params = head?.type === 'call' ? callArguments(head) : [];
  // `millis \\ 1_000`: the name before the default.
  const names = params.map((param) => (binaryParts(param)?.op === '\\\\' ? binaryParts(param)!.left.text : param.text));
  return names.includes(ctx.site.duration.text);
}

