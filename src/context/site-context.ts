// Everything the classification rules may look at for one site, gathered in one upward walk
// from the sleep to the file's root: enclosing test/describe/setup/def/module, the process it
// runs in, loops around it, tags, and the statements before and after it in its block.
import type { SyntaxNode } from '../parse/parser.js';
import {
  attributeCall,
  binaryParts,
  callArguments,
  callName,
  callNamesIn,
  definitionHead,
  definingStatements,
  doBlockOf,
  enclosingStatement,
  line,
  ownerCall,
  statementsOf,
  stringLiteral,
  unaryParts,
} from '../parse/nodes.js';
import { siteOfWait, type Site } from '../sites/find-sites.js';
import { estimateDuration, type Duration, type DurationScope } from '../duration/duration.js';
import type { SourceFile } from './source-file.js';
import { DEFINING_CALLS, GENSERVER_CALLBACKS, LOOP_CALLS, SPAWNING_CALLS, SPEX_MODULE, SPEX_STEPS, SPEX_TEST, STANDARD_MODULE, TEST_MACROS, consumedWhereMade, runsInCallerProcess } from './elixir-facts.js';

/** Where the sleep executes, which decides whose time it wastes. */
export type RunsIn =
  | 'test' // the test process, in a test body
  | 'setup' // the test process, in setup / setup_all
  | 'spawned' // a process or task the test starts
  | 'handed_fn' // an anonymous function handed to code that may run it anywhere (a mock, a callback)
  | 'callback' // a GenServer (or similar) callback defined in test code
  | 'helper' // a named function body in test code or test/support
  | 'module'; // anywhere else (module body, script)

export interface Loop {
  node: SyntaxNode;
  call: string;
  /** Iterations when the loop runs over a literal range or list, else null. */
  iterations: number | null;
}

export interface SiteContext {
  file: SourceFile;
  site: Site;
  line: number;
  duration: Duration;
  module: string | null;
  describe: string | null;
  test: string | null;
  /** The `test`/`setup`/`def` call whose body holds the site, for searching the surrounding code. */
  unit: SyntaxNode | null;
  unitKind: 'test' | 'setup' | 'def' | null;
  defName: string | null;
  tags: string[];
  runsIn: RunsIn;
  /** The call an anonymous function around the sleep is handed to (`Task.async`, `expect`). */
  handedTo: string | null;
  /** The variable such a function is bound to instead (`slow_job = fn -> … end`), when no call takes it. */
  boundTo: string | null;
  loops: Loop[];
  /** Calls whose anonymous-function argument or do-block holds the sleep, innermost first (`:timer.tc`, `Enum.each`, `Tracer.with_span`). */
  enclosedBy: string[];
  /** The sleep's own statement and its neighbours in the same block (comments excluded). */
  statement: SyntaxNode;
  /**
   * Is the statement nothing but the wait, so that a rewrite may replace it whole: the sleep itself,
   * or a task that only sleeps, awaited at once (not `:ok = Process.sleep(10)`).
   */
  statementIsTheWait: boolean;
  before: SyntaxNode[]; // nearest first
  after: SyntaxNode[]; // nearest first
  /** Whether the sleep's statement sits directly in the test/setup body rather than in a nested block. */
  atUnitTopLevel: boolean;
  /**
   * The SexySpex step (`when_`, `then_`, …) whose block holds the sleep's statement: its statements
   * are the test's, but each step's body is a function of its own, and what it binds no other step sees.
   */
  spexStep: string | null;
  /** Whether the enclosing module is an ExUnit case (`use ExUnit.Case`, `use MyApp.DataCase`…). */
  isTestCaseModule: boolean;
  /**
   * Whether the enclosing module holds helpers that tests call themselves: a case template
   * (`use ExUnit.CaseTemplate`, as MyAppWeb.ConnCase) or a module named for it (`TestHelpers`, `Fixtures`).
   */
  isHelperModule: boolean;
  /** For a def whose first parameter names a request or connection (`conn`, `socket`, `req`): its name. */
  handlerArgument: string | null;
  /**
   * For a helper in a test file: the call every use of it in the file hands it to, when none runs
   * it in the test's own flow (`spawn(fn -> consumer(top) end)`, `Task.async_stream(1..4, &sleep/1)`),
   * or the function that returns the anonymous functions it is called in (sage's fixtures build
   * the callbacks the tests hand the library: `def transaction(effect), do: fn … -> random_sleep(); … end`).
   */
  helperHandedTo: HandedTo | null;
}

/** Where a helper's uses hand it: `to` a call (`how: 'handed'`), or in the functions `to` returns. */
export interface HandedTo {
  to: string;
  how: 'handed' | 'returned';
}

/**
 * Does the project's function `call` run the function given as its argument `position` in the
 * caller's process (`capture_log_in_tmp(ctx.test, fn -> … end)`)? Asked of the module index. Null
 * when `call` is a library's the file imports or names qualified, whose body is not read.
 */
export type RunsInCaller = (call: string, position: number, arity: number) => boolean | null;

/** `durations`: where the attributes a sleep's length names are read (the file's own, by default). */
export function buildContext(file: SourceFile, site: Site, runsInCaller?: RunsInCaller, durations: DurationScope = file): SiteContext {
  // `fn -> :timer.sleep(50) end |> Task.async() |> Task.await()`: a task that only sleeps, awaited at
  // once, is the test's own sleep in disguise (mbta/dotcom): its statement is the whole expression.
  const task = sleepingTask(enclosingStatement(site.node));
  const statement = task ?? enclosingStatement(site.node);
  const container = statement.parent;
  // In a SexySpex step (`when_ "…" do … end`), the test's statements are those of all its steps, in order.
  const spex = container ? spexTestOfStep(container) : null;
  const siblings = spex ? spexStatements(spex) : container ? statementsOf(container) : [statement];
  const index = siblings.findIndex((s) => s.id === statement.id);
  const context: SiteContext = {
    file,
    site,
    line: line(site.node),
    duration: estimateDuration(site.duration, durations),
    module: null,
    describe: null,
    test: null,
    unit: null,
    unitKind: null,
    defName: null,
    tags: [],
    runsIn: 'module',
    handedTo: null,
    boundTo: null,
    loops: [],
    enclosedBy: [],
    statement,
    statementIsTheWait: task !== null || statement.id === site.node.id || matchesOk(statement, site.node),
    // Another sleep right before this one is part of the same wait: look past it to what started it.
    // `on_exit(fn -> … end)` only registers what runs when the test ends: the flow goes on past it
    // (hammer's and ALF's setups start a server, sleep, register the clean-up, then check), and
    // nothing in it has run yet (event_bus's setup registers its clean-up first, then seeds state).
    before: siblings.slice(0, Math.max(index, 0)).reverse().filter((s) => !isPlainSleep(s) && !ON_EXIT.test(s.text)),
    after: siblings.slice(index + 1).filter((s) => !ON_EXIT.test(s.text)),
    atUnitTopLevel: false,
    spexStep: spex ? callName(container!.parent!) : null,
    isTestCaseModule: false,
    isHelperModule: false,
    handlerArgument: null,
    helperHandedTo: null,
  };
  // First in a `try do` block, it runs right after the statement before the `try` (blockscout's
  // `{:ok, pid} = Server.start_link([])`, then `try do Process.sleep(200) … after … end`).
  if (context.before.length === 0) context.before = beforeTry(container);
  // `Node.spawn(node, Process, :sleep, [5000])`: the sleep runs in the process that call starts,
  // which does nothing else; the test's statements around it are not that process's.
  if (site.runBy) {
    context.handedTo = site.runBy;
    context.before = [];
    context.after = [];
  }
  walkUp(context, site.node, runsInCaller, site.runBy ? 'spawned' : undefined);
  // A private helper's uses are all in its file, whatever module holds it (sage's support module
  // Sage.Fixtures and its `defp random_sleep`); a public one of a support module's may run anywhere.
  const privateHelper = context.unit !== null && callName(context.unit) === 'defp';
  if (context.runsIn === 'helper' && context.defName && (context.isTestCaseModule || privateHelper)) {
    const handed = helperHandedTo(file, context.defName, runsInCaller);
    // Outside a test module, only callbacks built for the tests to hand on: a support module's own
    // `Task.async(&check/0)` under `Task.yield(task, timeout)` (commanded-extreme-adapter's wait for
    // the event store) is its deadline on a poll the tests sit through.
    // Nor is a plain spawn nothing waits for (smppex's support server, `spawn_link(fn -> listen(…) end)`).
    context.helperHandedTo = context.isTestCaseModule || handed?.how === 'returned' || (handed?.how === 'handed' && FIRE_AND_FORGET.has(handed.to)) ? handed : null;
  }
  context.atUnitTopLevel = container !== null && (container.parent?.id === context.unit?.id || (spex !== null && spex.id === context.unit?.id));
  // Last in a loop body (`for … do send(pid, :x); Process.sleep(10) end`): what it waits for is
  // checked after the loop.
  const innermost = context.loops[0];
  if (context.after.length === 0 && innermost) {
    const loopStatement = enclosingStatement(innermost.node);
    const outer = loopStatement.parent ? statementsOf(loopStatement.parent) : [];
    context.after = outer.slice(outer.findIndex((s) => s.id === loopStatement.id) + 1);
  }
  // The whole of a branch (Helix's `if System.get_env("HELIX_TEST_ENV") == "jenkins" do
  // :timer.sleep(500) end`, a `case` clause): the test goes on after the conditional, and came to it
  // from the statements before it. (First in a branch that goes on, it comes before a retry.)
  const branch = site.runBy || innermost || context.after.length > 0 ? null : branchStatement(container);
  if (branch?.parent) {
    const outer = statementsOf(branch.parent);
    const at = outer.findIndex((s) => s.id === branch.id);
    context.after = outer.slice(at + 1).filter((s) => !ON_EXIT.test(s.text));
    if (context.before.length === 0) context.before = outer.slice(0, Math.max(at, 0)).reverse().filter((s) => !isPlainSleep(s) && !ON_EXIT.test(s.text));
  }
  return context;
}

/** The `if`, `unless`, `case` or `cond` statement whose branch `block` is, or null. */
function branchStatement(block: SyntaxNode | null): SyntaxNode | null {
  if (!block) return null;
  // `if … do … else … end`: the do block, or the else block, of the call.
  const direct = block.type === 'do_block' || block.type === 'else_block' ? block.parent : null;
  if (direct && /^(?:if|unless)$/.test(callName(direct) ?? '')) return enclosingStatement(direct);
  // A clause of `case` or `cond` (not of an anonymous function or a receive).
  const clause = block.type === 'body' && block.parent?.type === 'stab_clause' ? block.parent.parent : null;
  const call = clause?.type === 'do_block' ? clause.parent : null;
  if (call && /^(?:case|cond)$/.test(callName(call) ?? '')) return enclosingStatement(call);
  return null;
}

/** When `block` is the body of a `try` written as a statement, the statements before that `try`, nearest first; else none. */
function beforeTry(block: SyntaxNode | null): SyntaxNode[] {
  const tried = block?.type === 'do_block' ? block.parent : null;
  const outer = tried?.parent;
  if (!tried || !outer || callName(tried) !== 'try') return [];
  const siblings = statementsOf(outer);
  const index = siblings.findIndex((s) => s.id === tried.id);
  return index < 0 ? [] : siblings.slice(0, index).reverse().filter((s) => !isPlainSleep(s));
}

// A statement that is only a wait: `Process.sleep(10)`, `:timer.sleep(5)`, `:ct.sleep(5)`, `sleep(5)`,
// `T.sleep(5)`, `5 |> Process.sleep()`, or `receive do after 10 -> :ok end`.
const PLAIN_SLEEP =
  /^(?:(?:(?:Elixir\.)?Process|:timer|:ct|[A-Z]\w*)\.sleep\b|sleep[ (]|[\w@.()]+\s*\|>\s*(?:(?:Process|:timer|:ct)\.)?sleep\(|receive\s*(?:do\s*(?:#[^\n]*\s*)*after\b|\(?\s*after:))/;

/** A `receive` whose block opens with an atom clause: `receive do :nevergonnahappen -> :ok after ms -> :ok end`. */
const ATOM_CLAUSE_RECEIVE = /^receive\s*(?:\(\s*\)\s*)?do\s*(?:#[^\n]*\s*)*:\w+\s*(?:#[^\n]*\s*)*->/;

export function isPlainSleep(statement: SyntaxNode): boolean {
  if (PLAIN_SLEEP.test(statement.text)) return true;
  // Whether its clause can never match is the site finder's question (sites/never-matching.ts), asked
  // of the whole file: the root spans every byte, the tests a report parse left out included.
  if (!ATOM_CLAUSE_RECEIVE.test(statement.text)) return false;
  const site = siteOfWait(statement, statement.tree.rootNode.text);
  return site?.node.startIndex === statement.startIndex && site.node.endIndex === statement.endIndex;
}

/** `setup` or `setup_all` blocks in the file (a look at the text before any tree is walked). */
const SETUP = /^[ \t]*setup(_all)?\b/m;

/** The statements of the `setup`/`setup_all` blocks around the site's test or function (its describe's and its module's), last first. */
export function setupStatements(ctx: SiteContext): SyntaxNode[] {
  if (!SETUP.test(ctx.file.source)) return [];
  const found: SyntaxNode[] = [];
  for (let block = ctx.unit?.parent; block; block = block.parent) {
    if (block.type !== 'do_block') continue;
    for (const statement of block.namedChildren) {
      const name = callName(statement);
      if (name !== 'setup' && name !== 'setup_all') continue;
      // `setup do … end`, or `setup :start_watchdog` / `setup [:a, :b]`, functions of the module
      // (coffee_time's `defp setup_watchdog(params)`, which starts the server the tests sleep against).
      const bodies = doBlockOf(statement) ? [doBlockOf(statement)!] : namedSetups(statement, ctx.unit!);
      for (const body of bodies) found.push(...body.namedChildren.filter((s) => !isPlainSleep(s)));
    }
  }
  return found.reverse();
}

/** The bodies of the module's functions a `setup :name` or `setup [:a, :b]` names, in order. */
function namedSetups(setup: SyntaxNode, unit: SyntaxNode): SyntaxNode[] {
  const [argument] = callArguments(setup);
  const atoms = argument?.type === 'atom' ? [argument] : argument?.type === 'list' ? argument.namedChildren.filter((c) => c.type === 'atom') : [];
  if (atoms.length === 0) return [];
  let module: SyntaxNode | null = unit.parent;
  while (module && !(module.type === 'call' && callName(module) === 'defmodule')) module = module.parent;
  const body = module && doBlockOf(module);
  if (!body) return [];
  const definitions = definingStatements(body).filter((d) => /^defp?$/.test(callName(d) ?? ''));
  return atoms.flatMap((atom) => {
    const wanted = atom.text.slice(1);
    return definitions.filter((d) => functionName(d) === wanted).flatMap((d) => doBlockOf(d) ?? []);
  });
}

/** What ran before a test's sleep, nearest first: the statements above it, then its setup's. Else only those above it. */
export function ranBefore(ctx: SiteContext): SyntaxNode[] {
  return ctx.unitKind === 'test' ? [...ctx.before, ...setupStatements(ctx)] : ctx.before;
}

function walkUp(context: SiteContext, start: SyntaxNode, runsInCaller?: RunsInCaller, decided?: RunsIn): void {
  let runsInDecided = decided !== undefined;
  if (decided) context.runsIn = decided;
  // Past a function another process or other code runs, a loop around it paces the handing on, not
  // the sleep: gtimer's `Enum.map(1..2000, fn i -> spawn(fn -> …; Process.sleep(2000) end) end)`
  // keeps each child alive, it does not space the spawns.
  let handedOn = decided === 'spawned';
  const decide = (value: RunsIn) => {
    if (!runsInDecided) {
      context.runsIn = value;
      runsInDecided = true;
      handedOn = value === 'spawned' || value === 'handed_fn';
    }
  };
  for (let child = start, node = start.parent; node; child = node, node = node.parent) {
    if (node.type === 'anonymous_function') {
      const owner = ownerCall(node);
      const name = owner ? callName(owner) : null;
      const consumer = name?.startsWith('Stream.') ? streamConsumer(owner!) : null;
      if (name) context.enclosedBy.push(name);
      // on_exit callbacks run after the test, in another process, but the test run waits for them.
      if (name === 'on_exit') decide('setup');
      // `Task.async(fn -> … end) |> Task.await()` runs checks after the sleep while the test waits for it:
      // the sleep is the test's own. Last in the task, it is the task's work taking its time.
      else if (name && /^Task\.(Supervisor\.)?async$/.test(name) && (context.after.some((s) => ASSERTS.test(s.text)) || !within(context.statement, node)) && awaitOf(asyncExpression(node, owner!)) !== null) continue;
      else if (name && SPAWNING_CALLS.has(name)) {
        if (!runsInDecided) context.handedTo = name;
        decide('spawned');
      } else if (consumer) {
        // llm_proxy's `Stream.resource(…, fn :silent -> Process.sleep(45); … end, …)` handed to
        // `Heartbeat.wrap(10)`: the stream is a stand-in for slow input, consumed by that code
        // (in a task of its own there), not the test's own flow.
        if (!runsInDecided) context.handedTo = consumer;
        decide('handed_fn');
      } else if (name?.startsWith('Stream.') && streamReturnedBy(context.file, owner!)) {
        // Strom's test helpers return such a stream, `build_list_stream(list, sleep)` a
        // `Stream.resource` whose step sleeps before each element: calling one runs no step; they
        // run as whatever its callers hand the stream to (a GenMix process there) enumerates it.
        if (!runsInDecided) context.handedTo = name;
        decide('handed_fn');
      } else if (name && runsInCallerProcess(name)) {
        if (LOOP_CALLS.has(name) && !handedOn) context.loops.push({ node: owner!, call: name, iterations: literalCount(callArguments(owner!)[0]) });
      } else if (name && runsInCaller && helperRunsInPlace(owner!, name, node, runsInCaller)) {
        // The sleep is still the test's own, unless all the function does is sleep and then give a
        // value (simpler_cache's `get_or_store(key, fn -> Process.sleep(t); @final_value end, ttl)`):
        // a slow computation the code under test waits for, stand-in work.
        // (Not in an assertion helper's operation, ex_mcp's `assert_performance(fn -> Process.sleep(10);
        // :completed end, max_time: 100)`: that helper checks how long it takes, time_measurement's.)
        if (sleepsThenGives(context, node) && !/^(?:assert|refute)_/.test(name.replace(/^.*\./, ''))) {
          if (!runsInDecided) context.handedTo = name;
          decide('handed_fn');
        }
      } else if (name && runsInCaller && helperRunsInPlace(owner!, name, node, runsInCaller) === null && givenTheTestsOwnChecks(context, owner!, node, name)) {
        // Runs in place, the test's own flow: nothing to decide here.
      } else if (!name && runOnceInPlace(node)) {
        // gen_spoxy's `fun = fn -> … end`, then `capture_log(fun)`: bound to a name first, but run
        // once, here, as `capture_log(fn -> … end)` would be.
        context.enclosedBy.push(runOnceInPlace(node)!);
      } else {
        if (!runsInDecided) {
          context.handedTo = name;
          context.boundTo = name ? null : boundVariable(node);
        }
        decide('handed_fn');
      }
      continue;
    }
    // `handle_stream = &Stream.map(&1, fn evt -> … end)`: a capture makes a function of the call, run
    // later by whoever is handed it (k8s's watch tests hand it to a task), not now by this flow.
    if (node.type === 'unary_operator' && unaryParts(node)?.op === '&' && unaryParts(node)!.operand.type === 'call') {
      if (!runsInDecided) {
        const owner = ownerCall(node);
        context.handedTo = owner ? callName(owner) : null;
        context.boundTo = owner ? null : boundVariable(node);
      }
      decide('handed_fn');
      continue;
    }
    if (node.type !== 'call') continue;
    const name = callName(node);
    if (name === 'for' && !handedOn && (child.type === 'do_block' || child.type === 'arguments')) {
      const generator = callArguments(node).map(binaryParts).find((p) => p?.op === '<-');
      context.loops.push({ node, call: 'for', iterations: literalCount(generator?.right) });
    }
    if (child.type !== 'do_block' && child.type !== 'arguments') continue;
    // `test_with_mock "…"`, `property "…"`, `feature "…"` are tests too; ExSpec's `context "…"` is a describe.
    const kind = name && isTestCall(node, name) ? 'test' : name === 'context' && callArguments(node)[0]?.type === 'string' ? 'describe' : name && definesFunction(node, name) ? 'def' : name;
    switch (kind) {
      case 'test': {
        const test = ownerFacts(context.file, node, 'test');
        context.test ??= test.name;
        context.unit ??= node;
        context.unitKind ??= 'test';
        context.tags.push(...test.tags);
        decide('test');
        break;
      }
      case 'setup':
      case 'setup_all':
        context.unit ??= node;
        context.unitKind ??= 'setup';
        decide('setup');
        break;
      case 'describe': {
        const describe = ownerFacts(context.file, node, kind);
        context.describe ??= describe.name;
        context.tags.push(...describe.tags);
        break;
      }
      case 'def':
      case 'defp':
      case 'defmacro':
      case 'defmacrop': {
        const defName = functionName(node);
        if (context.defName === null) {
          const handler = handlerArgument(node);
          context.handlerArgument = handler && defName && calledInFile(context.file, defName) ? null : handler;
        }
        context.defName ??= defName;
        context.unit ??= node;
        context.unitKind ??= 'def';
        decide(defName && GENSERVER_CALLBACKS.has(defName) ? 'callback' : 'helper');
        break;
      }
      case 'defmodule': {
        const module = ownerFacts(context.file, node, kind);
        if (context.module === null) {
          context.isTestCaseModule = module.usesCaseTemplate;
          context.isHelperModule = module.definesCaseTemplate || HELPER_MODULE.test(module.name ?? '');
        }
        context.module ??= module.name;
        context.tags.push(...module.tags);
        break;
      }
      default:
        // A SexySpex step is part of the test's body, no block around it.
        if (name && SPEX_STEPS.has(name) && child.type === 'do_block' && spexTestOfStep(child)) break;
        // A block handed as `do: …` counts as one written `do … end` (elixometer's `timed("k", do: :timer.sleep(1))`).
        if (name && (child.type === 'do_block' || (child.type === 'arguments' && inDoKeyword(start, child)))) context.enclosedBy.push(name);
    }
  }
}

/** Does `node` sit in the `do:` pair of the keyword list `args` ends with? */
function inDoKeyword(node: SyntaxNode, args: SyntaxNode): boolean {
  const keywords = args.lastNamedChild;
  if (keywords?.type !== 'keywords' || node.startIndex < keywords.startIndex || node.endIndex > keywords.endIndex) return false;
  return keywords.namedChildren.some((pair) => pair.childForFieldName('key')?.text.trim() === 'do:' && node.startIndex >= pair.startIndex && node.endIndex <= pair.endIndex);
}

/** A test's head at the start of its line: `test "…"`, `property "…"`, `feature "…"`, ExSpec's `it "…"`. */
const TEST_HEAD = /^[ \t]*(?:test|property|feature|it)\s*\(?\s*"/gm;

/**
 * How many times a default run runs the sleep's unit: a `setup` block runs before each test of its
 * describe, or of its module when it sits outside any describe (next-ls's 50 ms in a module of two
 * tests costs 100 ms); anything else, `setup_all` included, once. Tests are counted in the source
 * text, which the report's parse may have left out of the tree.
 */
export function runsPerSuite(ctx: SiteContext): number {
  const unit = ctx.unit;
  if (ctx.unitKind !== 'setup' || !unit || callName(unit) !== 'setup') return 1;
  for (let node = unit.parent; node; node = node.parent) {
    if (node.type !== 'call') continue;
    const name = callName(node);
    if (name !== 'describe' && name !== 'defmodule') continue;
    const tests = ctx.file.source.slice(node.startIndex, node.endIndex).match(TEST_HEAD)?.length ?? 0;
    return Math.max(1, tests);
  }
  return 1;
}

/** What a test, describe or module tells every site inside it. */
interface OwnerFacts {
  name: string | null;
  tags: string[];
  usesCaseTemplate: boolean;
  definesCaseTemplate: boolean;
}

/**
 * Module names that say they hold helpers the tests call: `ConnCase`, `TestHelpers`, `AccountsFixtures`,
 * `Factory`, `TeiserverTestLib`, appsignal's `AppsignalTest.Utils`; as the last part of the name, or one before it
 * (astarte's `Astarte.Helpers.Policy`).
 */
// Also a `Setup` module (hermes's `Hermes.MCP.Setup`, whose functions the tests run as `setup :initialized_client`).
const HELPER_MODULE = /(Case|Helpers?|Fixtures|Factory|TestUtils?|Test\.Utils?|TestLib|TestSupport|Assertions|Setup)(?:$|\.)/;

const OWNERS = {};

/** Read once per file, by node id: a file's sites mostly share their test, describe and module. */
function ownerFacts(file: SourceFile, node: SyntaxNode, kind: 'test' | 'describe' | 'defmodule'): OwnerFacts {
  const known = file.memo(OWNERS, () => new Map<number, OwnerFacts>());
  let facts = known.get(node.id);
  if (!facts) known.set(node.id, (facts = readOwner(node, kind)));
  return facts;
}

function readOwner(node: SyntaxNode, kind: 'test' | 'describe' | 'defmodule'): OwnerFacts {
  const [first] = callArguments(node);
  switch (kind) {
    case 'test':
      return { name: stringLiteral(first), tags: tagsBefore(node, ['tag']), usesCaseTemplate: false, definesCaseTemplate: false };
    case 'describe':
      return { name: stringLiteral(first), tags: tagsInside(node, 'describetag'), usesCaseTemplate: false, definesCaseTemplate: false };
    case 'defmodule':
      return { name: first?.text ?? null, tags: tagsInside(node, 'moduletag'), ...caseUses(node) };
  }
}

/** `fn -> Process.sleep(t); value end`: the sleep is the function's first statement, and a plain value its only other one. */
function sleepsThenGives(context: SiteContext, fn: SyntaxNode): boolean {
  const body = context.statement.parent;
  return body?.type === 'body' && body.parent?.parent?.id === fn.id && context.before.length === 0 && context.after.length === 1 && isPlainSleep(context.statement) && plainValue(context.after[0]!);
}

/** A literal, a variable, a module attribute, or a tuple or list of them: a value given back, no work. */
function plainValue(node: SyntaxNode): boolean {
  switch (node.type) {
    case 'atom':
    case 'integer':
    case 'float':
    case 'string':
    case 'charlist':
    case 'boolean':
    case 'nil':
    case 'identifier':
      return true;
    case 'unary_operator':
      return /^@[a-z_]\w*$/.test(node.text);
    case 'tuple':
    case 'list':
      return node.namedChildren.every(plainValue);
    default:
      return false;
  }
}

/** `owner` (`name`) is a helper of the project's that calls `fn`, one of its arguments, in place; null when it is a library's. */
function helperRunsInPlace(owner: SyntaxNode, name: string, fn: SyntaxNode, runsInCaller: RunsInCaller): boolean | null {
  const args = callArguments(owner);
  // Piped into (sanbase's `prepare_mock2(…) |> Sanbase.Mock.run_with_mocks(fn -> … end)`), the call
  // takes the piped value first: the function is one place further on, of one argument more.
  const pipe = owner.parent?.type === 'binary_operator' ? binaryParts(owner.parent) : null;
  const piped = pipe?.op === '|>' && pipe.right.id === owner.id ? 1 : 0;
  return runsInCaller(name, args.findIndex((a) => a.id === fn.id) + piped, args.length + piped);
}

const ASSERTS = /^(assert|refute)/;

/**
 * Is `fn` the last argument of a library's call and the sleep in it followed by the test's own
 * checks? ReqCassette's `with_cassette("name", opts, fn plug -> …; Process.sleep(200); assert … end)`
 * wraps a test's whole body, asserts and all, and calls it right there; a mock's function (Mox's
 * `expect(Api, :fetch, fn _ -> Process.sleep(200); {:ok, 1} end)`) answers for the code under test
 * and checks nothing after its sleep. Named qualified, the call is any dependency's, a mock's
 * `Mox.expect` as much as a pool's `with_channel`: the function must show that it is the test's own.
 */
function givenTheTestsOwnChecks(context: SiteContext, owner: SyntaxNode, fn: SyntaxNode, name: string): boolean {
  if (callArguments(owner).at(-1)?.id !== fn.id) return false;
  if (name.includes('.')) return checksAsTheTest(fn, context.site.node);
  return context.after.some((s) => ASSERTS.test(s.text));
}

const MAILBOX_READS = /^(?:assert|refute)_received?$/;

/**
 * Does `fn` check around the sleep in it as the test itself would: read the test's own mailbox
 * before the sleep (`assert_receive`, `refute_received`), or assert both before and after it?
 * A pool's `ExRabbitPool.with_channel(pool, fn {:ok, channel} -> … end)` lends the test a channel
 * and runs its body, where the test casts to a poller, receives the error it sends back, sleeps,
 * then refutes that the poller is alive; a mock's reply may check what it is given before its sleep,
 * but reads no mailbox of the test's and has nothing left to check once it has taken its time.
 */
function checksAsTheTest(fn: SyntaxNode, sleep: SyntaxNode): boolean {
  const checks = callNamesIn(fn).filter(({ name }) => ASSERTS.test(name));
  const before = checks.filter(({ node }) => node.endIndex <= sleep.startIndex);
  return before.some(({ name }) => MAILBOX_READS.test(name)) || (before.length > 0 && checks.some(({ node }) => node.startIndex >= sleep.endIndex));
}

/**
 * The statement `Task.await(Task.async(fn -> sleep end))` (or the same piped) when `sleep` is the
 * function's only statement and the statement is nothing but the await: its value goes nowhere.
 */
function sleepingTask(sleep: SyntaxNode): SyntaxNode | null {
  const body = sleep.parent;
  const clause = body?.parent;
  const fn = clause?.parent;
  if (body?.type !== 'body' || clause?.type !== 'stab_clause' || fn?.type !== 'anonymous_function') return null;
  if (fn.namedChildren.length !== 1 || statementsOf(body).length !== 1) return null;
  const owner = ownerCall(fn);
  if (!owner || !/^Task\.(Supervisor\.)?async$/.test(callName(owner) ?? '')) return null;
  const expression = asyncExpression(fn, owner);
  const awaited = awaitOf(expression);
  if (!awaited) return null;
  // `Task.await(…, 10)`: a time limit of its own, shorter than the sleep as a rule (`catch_exit(…)`
  // around it): the test times the task out, which is no sleep of its own.
  const limit = awaitTimeout(awaited);
  if (limit && limit.text !== ':infinity') return null;
  const statement = enclosingStatement(expression);
  // Only the await, or the pipe into it: `:ok = Task.await(…)` uses what the task returned, and
  // `assert catch_exit(… |> Task.await())` checks how it ended.
  return statement.id === awaited.id ? statement : null;
}

/** The time limit an await is given: `Task.await(task, 10)`, `task |> Task.await(10)`. */
function awaitTimeout(awaited: SyntaxNode): SyntaxNode | null {
  const pipe = binaryParts(awaited);
  if (pipe?.op === '|>') return callArguments(pipe.right)[0] ?? null;
  return callArguments(awaited)[1] ?? null;
}

/** The task expression a function is handed to: `Task.async(fn)`, or `fn |> Task.async()` when piped in. */
function asyncExpression(fn: SyntaxNode, owner: SyntaxNode): SyntaxNode {
  const pipe = owner.parent && binaryParts(owner.parent);
  return pipe?.op === '|>' && pipe.right.id === owner.id && pipe.left.id === fn.id ? owner.parent! : owner;
}

/** Does `outer` span `node`? */
function within(node: SyntaxNode, outer: SyntaxNode): boolean {
  return node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;
}

/**
 * The await of the task `Task.async(…)` starts when it is in the same expression: the pipe
 * `… |> Task.await()`, or the call `Task.await(Task.async(…))`. Null when there is none.
 */
function awaitOf(asyncCall: SyntaxNode): SyntaxNode | null {
  const parent = asyncCall.parent;
  const pipe = parent && binaryParts(parent);
  if (pipe?.op === '|>' && pipe.left.id === asyncCall.id) return /^Task\.await$/.test(callName(pipe.right) ?? '') ? parent : null;
  const outer = parent?.type === 'arguments' ? parent.parent : null;
  return outer && /^Task\.await$/.test(callName(outer) ?? '') ? outer : null;
}

const ON_EXIT = /^on_exit\b/;

/** Starts of a process nothing waits for: no task to await, no answer to read. */
const FIRE_AND_FORGET = new Set(['spawn', 'spawn_link', 'Process.spawn', 'Kernel.spawn', 'Kernel.spawn_link']);

const HANDED_HELPERS = {};

/** helperHandedTo's answer per function name, once per file: the file's other sites ask again. */
function helperHandedTo(file: SourceFile, name: string, runsInCaller?: RunsInCaller): HandedTo | null {
  const known = file.memo(HANDED_HELPERS, () => new Map<string, HandedTo | null>());
  if (!known.has(name)) known.set(name, readHelperHandedTo(file, name, runsInCaller));
  return known.get(name)!;
}

/** The uses of helper `name` across the whole file (tests the report parse left out included). */
function readHelperHandedTo(file: SourceFile, name: string, runsInCaller?: RunsInCaller, depth = 0): HandedTo | null {
  const root = file.wholeTree.rootNode;
  const escaped = name.replace(/[?!]/g, '\\$&');
  let handedTo: HandedTo | null = null;
  for (const use of helperUses(file, name)) {
    const where = useHandedTo(use, runsInCaller);
    if (where === 'definition') continue;
    if (where === null) {
      // Called in the flow of another private function of the file that itself only runs handed
      // on (smppex's support server: `wait_for_shutdown()` at the end of `listen/2`, which only
      // `spawn_link(fn -> listen(…) end)` calls): it runs where that one does.
      const outer = depth < 2 ? enclosingPrivateFunction(use) : null;
      const through = outer && outer !== name ? readHelperHandedTo(file, outer, runsInCaller, depth + 1) : null;
      if (!through) return null;
      handedTo ??= through;
      continue;
    }
    handedTo ??= where;
  }
  // chaperon's `Session.async({__MODULE__, :async_fun}, [500], :async_name)`: a module and function
  // named in a tuple, handed to a call that runs it (here in a task); `apply` runs it in place.
  for (const { index } of file.source.matchAll(new RegExp(`(?<=\\{\\s*(?:__MODULE__|[A-Z][\\w.]*)\\s*,\\s*):${escaped}(?![\\w?!])`, 'g'))) {
    const tuple = root.descendantForIndex(index).parent;
    const owner = tuple?.type === 'tuple' && tuple.parent?.type === 'arguments' ? tuple.parent.parent : null;
    const ownerName = owner ? callName(owner) : null;
    if (!ownerName || ownerName === 'apply' || ownerName === 'Kernel.apply' || runsInCallerProcess(ownerName)) return null;
    handedTo ??= { to: ownerName, how: 'handed' };
  }
  return handedTo;
}

/** `name(…)`, `name arg`, `&name/1`: each use of helper `name` in the whole file, as the identifier naming it, its own heads included. */
function helperUses(file: SourceFile, name: string): SyntaxNode[] {
  const root = file.wholeTree.rootNode;
  const escaped = name.replace(/[?!]/g, '\\$&');
  return [...file.source.matchAll(new RegExp(`(?<![\\w.:@])${escaped}(?=[(/ ])`, 'g'))]
    .map(({ index }) => root.descendantForIndex(index))
    .filter((use) => use.type === 'identifier' && use.text === name);
}

/** The name of the `defp` whose body holds `node`, or null (in a `def`, a test or nowhere). */
function enclosingPrivateFunction(node: SyntaxNode): string | null {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type !== 'call') continue;
    const called = callName(at);
    if (called && definesFunction(at, called)) return called === 'defp' ? functionName(at) : null;
    if (called && (isTestCall(at, called) || called === 'setup' || called === 'setup_all')) return null;
  }
  return null;
}

const CALLED_IN_FLOW = {};

/**
 * Is the function bound to `name` (`stop_buffering = fn -> … end`) called in the flow of a test,
 * setup or function anywhere in the file (`stop_buffering.()`, perhaps from a setup's context)? Its
 * sleep is then that caller's wait, not work handed on (expert's proxy tests).
 */
export function calledInFlow(file: SourceFile, name: string): boolean {
  const known = file.memo(CALLED_IN_FLOW, () => new Map<string, boolean>());
  if (!known.has(name)) {
    const root = file.wholeTree.rootNode;
    const uses = [...file.source.matchAll(new RegExp(`(?<![\\w.:@])${name}(?=\\.\\()`, 'g'))].map(({ index }) => root.descendantForIndex(index));
    // Or handed whole to a call that runs it in the caller: es's `fun = fn -> … :timer.sleep(100) end`,
    // then `assert capture_log(fun) =~ "nacking"`.
    const handed = () =>
      [...file.source.matchAll(new RegExp(`(?<![\\w.:@&])${name}(?=\\s*[,)])`, 'g'))]
        .map(({ index }) => root.descendantForIndex(index))
        .some((use) => use.type === 'identifier' && use.text === name && ranInPlaceBy(use) && !insideItsOwnBinding(use, name) && useHandedTo(use) === null);
    known.set(name, uses.some((use) => use.type === 'identifier' && use.text === name && !insideItsOwnBinding(use, name) && useHandedTo(use) === null) || handed());
  }
  return known.get(name)!;
}

/** Is `use` an argument of a call that runs the function it is handed in the caller (`capture_log(fun)`)? */
function ranInPlaceBy(use: SyntaxNode): boolean {
  const call = use.parent?.type === 'arguments' ? use.parent.parent : null;
  const name = call?.type === 'call' ? callName(call) : null;
  return name !== null && name !== 'for' && runsInCallerProcess(name);
}

/**
 * Is `use` inside the function bound to `name` itself (tapper's `sender = fn spans ->
 * Process.sleep(50); sender.(spans) end`, which wraps an earlier `sender`)? That call is no call of
 * the new function in a test's flow.
 */
function insideItsOwnBinding(use: SyntaxNode, name: string): boolean {
  for (let node = use.parent; node; node = node.parent) {
    const bound = node.type === 'binary_operator' ? binaryParts(node) : null;
    if (bound?.op === '=' && bound.left.type === 'identifier' && bound.left.text === name && use.startIndex >= bound.right.startIndex) return true;
  }
  return false;
}

/**
 * Where one use of a helper runs it: 'definition' for its own `def` head, the call it is handed to
 * (inside an anonymous function or a capture given to `spawn`, a mock, a library), or null when it
 * runs in the flow of a test, setup or function (directly, or in `Enum.map` and the like).
 */
function useHandedTo(use: SyntaxNode, runsInCaller?: RunsInCaller): HandedTo | null | 'definition' {
  for (let child = use, node = use.parent; node; child = node, node = node.parent) {
    if (node.type === 'anonymous_function' || (node.type === 'unary_operator' && node.text.startsWith('&'))) {
      const owner = (node.type === 'anonymous_function' ? ownerCall(node) : node.parent?.type === 'arguments' ? node.parent.parent : null) ?? callHandedData(node);
      const ownerName = owner ? callName(owner) : null;
      if (!owner && node.type === 'anonymous_function') {
        const returnedBy = returnedFrom(node);
        return returnedBy ? { to: returnedBy, how: 'returned' } : null;
      }
      if (!owner || !ownerName || ownerName === 'on_exit') return null;
      if (SPAWNING_CALLS.has(ownerName)) return { to: ownerName, how: 'handed' };
      if (runsInCallerProcess(ownerName) || (runsInCaller && helperRunsInPlace(owner, ownerName, node, runsInCaller))) continue;
      return { to: ownerName, how: 'handed' };
    }
    if (node.type !== 'call' || child.type === 'do_block') {
      // In a function's body: its own recursive call (mutex's `locker_loop`, which loops by calling
      // itself) says nothing of where the helper runs; any other call runs in that function's flow.
      if (node.type === 'call' && definesFunction(node, callName(node) ?? '')) return functionName(node) === use.text ? 'definition' : null;
      continue;
    }
    const called = callName(node);
    if (called && definesFunction(node, called)) {
      // The head of its own definition (`def name(args)`, `defp name(args) when …`), or a call of
      // itself in a body in keyword form: neither says where the helper runs.
      const head = callArguments(node)[0];
      const own = head && use.startIndex >= head.startIndex && use.endIndex <= head.endIndex;
      return own || functionName(node) === use.text ? 'definition' : null;
    }
    if (called && (isTestCall(node, called) || called === 'setup' || called === 'setup_all')) return null;
  }
  return null;
}


/** Data that holds a function without running it: a list, tuple or map, their entries and keywords. */
const DATA_HOLDERS = new Set(['list', 'tuple', 'map', 'map_content', 'keywords', 'pair']);

/**
 * The call a function is handed to inside data, its argument (serverboards'
 * `Task.async(Cache, :get, [id, &wait_1_sec/0, [ttl: 100]])`, aircloak's
 * `property_fun(%{"col1" => fn -> slow(counter) end})`): the code that gets the data runs it. Null
 * when no call gets the data as it is.
 */
function callHandedData(fn: SyntaxNode): SyntaxNode | null {
  let node = fn.parent;
  let held = false;
  while (node && (DATA_HOLDERS.has(node.type) || (node.type === 'binary_operator' && binaryParts(node)?.op === '=>'))) {
    held ||= node.type !== 'keywords' && node.type !== 'pair';
    node = node.parent;
  }
  return held && node?.type === 'arguments' && node.parent?.type === 'call' ? node.parent : null;
}

/**
 * The function `fn` is the value of: its last statement is the anonymous function itself (`def
 * transaction(effect) do test_pid = self(); fn _, _ -> … end end`, or `do: fn … end`). Its caller
 * gets the function to hand on; nothing here runs it.
 */
function returnedFrom(fn: SyntaxNode): string | null {
  let node = fn.parent;
  // `do: fn … end`: keywords, a pair, the arguments of the `def`.
  if (node?.type === 'pair' && node.parent?.type === 'keywords' && node.parent.parent?.type === 'arguments') {
    const def = node.parent.parent.parent;
    return def && def.type === 'call' && /^defp?$/.test(callName(def) ?? '') ? functionName(def) : null;
  }
  if (node?.type !== 'do_block' || node.lastNamedChild?.id !== fn.id) return null;
  node = node.parent;
  return node && node.type === 'call' && /^defp?$/.test(callName(node) ?? '') ? functionName(node) : null;
}

/** `def…` macros that define no function of that name: modules, protocols, structs, delegations, guards. */
const NOT_FUNCTIONS = new Set(['defmodule', 'defimpl', 'defprotocol', 'defstruct', 'defexception', 'defdelegate', 'defoverridable', 'defguard', 'defguardp', 'defrecord', 'defrecordp']);

/**
 * Does `call` (named `name`) define a function: `def`, `defp`, `defmacro`, or a library's macro that
 * does it the same way, a name and its arguments, then a body (memoize's `defmemo waiter_config()
 * do … end`, whose sleep is that function's slow computation, not code in the module's body)?
 */
export function definesFunction(call: SyntaxNode, name: string): boolean {
  if (DEFINING_CALLS.has(name)) return true;
  if (!name.startsWith('def') || NOT_FUNCTIONS.has(name) || !/^def[a-z_]+$/.test(name)) return false;
  return functionName(call) !== null;
}

/**
 * A project's or library's own test macro, given the test's name: `…_test` (`thrift_test "handles
 * oneway", ctx do`) or `test_…` (FakeServer's `test_with_server "…" do`, rig's proxy tests).
 */
const CUSTOM_TEST = /^(?:[a-z]\w*_test|test_\w+)$/;

/** Does `call` define a test: ExUnit's `test`, another library's (TEST_MACROS, ExSpec's `it`), or the project's own? */
export function isTestCall(call: SyntaxNode, name: string | null = callName(call)): boolean {
  if (!name) return false;
  // ExSpec's `it "…" do`: a test, when it is given its name.
  if (TEST_MACROS.has(name) || ((CUSTOM_TEST.test(name) || name === 'it') && callArguments(call)[0]?.type === 'string')) return true;
  return name === SPEX_TEST && callArguments(call)[0]?.type === 'string' && usesSpex(call);
}

/** Is `node` in a module that uses or imports SexySpex (`use SexySpex`), whose `spex "…" do` is a test? */
function usesSpex(node: SyntaxNode): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type !== 'call' || callName(at) !== 'defmodule') continue;
    for (let s = doBlockOf(at)?.firstNamedChild ?? null; s; s = s.nextNamedSibling) {
      const name = callName(s);
      if ((name === 'use' || name === 'import') && SPEX_MODULE.test(callArguments(s)[0]?.text ?? '')) return true;
    }
    return false;
  }
  return false;
}

/** When `block` is the do-block of a SexySpex step (`scenario`, `given_`, …) nested only in steps of a `spex` test: that test. */
function spexTestOfStep(block: SyntaxNode): SyntaxNode | null {
  for (let at: SyntaxNode | null = block; at?.type === 'do_block'; at = at.parent?.parent ?? null) {
    const call = at.parent;
    const name = call?.type === 'call' ? callName(call) : null;
    if (!name || !SPEX_STEPS.has(name)) return name && at !== block && isTestCall(call!, name) && name === SPEX_TEST ? call : null;
  }
  return null;
}

/**
 * The statements of a `spex` test in the order they run: each step's own in its place, steps in
 * steps too. A step's closing `{:ok, context}` (or `:ok`) only hands the context on to the next step:
 * no work, left out (quillex's `when_` sends keys, sleeps and returns it; its `then_` asserts).
 */
function spexStatements(spex: SyntaxNode): SyntaxNode[] {
  const flatten = (block: SyntaxNode, step: boolean): SyntaxNode[] => {
    const statements = statementsOf(block);
    const last = statements.at(-1);
    const own = step && last && plainValue(last) ? statements.slice(0, -1) : statements;
    return own.flatMap((s) => {
      const body = SPEX_STEPS.has(callName(s) ?? '') ? doBlockOf(s) : null;
      return body ? flatten(body, true) : [s];
    });
  };
  const body = doBlockOf(spex);
  return body ? flatten(body, false) : [];
}

/** `name` in `name = fn -> … end`, the match that binds the function to a variable. */
/**
 * The call that runs a function bound to a variable, when the only later use of the variable in its
 * block is as an argument of one call that runs it once in the caller (`capture_log(fun)`, a
 * transaction); null otherwise (handed on, called twice, or run by a loop).
 */
function runOnceInPlace(fn: SyntaxNode): string | null {
  const name = boundVariable(fn);
  const binding = fn.parent!;
  if (!name || !binding.parent) return null;
  const mentions = new RegExp(String.raw`(?<![\w@.:])${name}(?![\w?!:])`, 'g');
  let user: string | null = null;
  for (let later = binding.nextNamedSibling; later; later = later.nextNamedSibling) {
    const count = later.text.match(mentions)?.length ?? 0;
    if (count === 0) continue;
    if (count > 1 || user !== null) return null;
    const use = later.descendantsOfType('identifier').find((id) => id.text === name);
    const call = use?.parent?.type === 'arguments' ? use.parent.parent : null;
    const caller = call ? callName(call) : null;
    if (!caller || !runsInCallerProcess(caller) || LOOP_CALLS.has(caller)) return null;
    user = caller;
  }
  return user;
}

function boundVariable(fn: SyntaxNode): string | null {
  const match = fn.parent && binaryParts(fn.parent);
  return match?.op === '=' && match.right.id === fn.id && match.left.type === 'identifier' ? match.left.text : null;
}

/**
 * `usesCaseTemplate`: `use ExUnit.Case` or a project case template (`use MyApp.DataCase`) in the
 * module body, or tests of its own whatever it uses (raft_fleet's `use TestCaseTemplate`, defined
 * in test_helper.exs); `definesCaseTemplate`: `use ExUnit.CaseTemplate`, the module is one.
 */
function caseUses(defmodule: SyntaxNode): { usesCaseTemplate: boolean; definesCaseTemplate: boolean } {
  const block = defmodule.namedChildren.find((c) => c.type === 'do_block');
  // Sibling by sibling: the `use` is near the top, and the rest of the body need not be materialised.
  for (let s = block?.firstNamedChild ?? null; s; s = s.nextNamedSibling) {
    if (callName(s) !== 'use') continue;
    const used = callArguments(s)[0]?.text ?? '';
    if (used === 'ExUnit.CaseTemplate') return { usesCaseTemplate: false, definesCaseTemplate: true };
    // `use SexySpex` brings ExUnit.Case in.
    if (SPEX_MODULE.test(used)) return { usesCaseTemplate: true, definesCaseTemplate: false };
    if (/Case\b/.test(used)) return { usesCaseTemplate: true, definesCaseTemplate: false };
  }
  // From the text: the report parse leaves out the tests that hold no sleep.
  return { usesCaseTemplate: OWN_TESTS.test(defmodule.text), definesCaseTemplate: false };
}

/** A test written in a module, at the start of its line. */
const OWN_TESTS = /^[ \t]*(?:test|property)[ \t(]+"/m;

// First parameters that say a function is a request handler run by a server, not by the test.
const HANDLER_ARGUMENTS = /^_?(conn|socket|req|request|frame|stream|ws)$/;

/**
 * Does the file call `name` itself (`start_blocked_stream(socket, context)` in a test)? Then it is
 * the test's helper, whatever its first parameter: a server runs a handler by a route or a plug,
 * never by a call in the tests.
 */
function calledInFile(file: SourceFile, name: string): boolean {
  if (!/^[a-z_]\w*[?!]?$/.test(name)) return false;
  const escaped = name.replace(/[?!]/g, '\\$&');
  return new RegExp(`(?<!\\bdefp?\\s+)(?<![\\w.&:])${escaped}\\s*\\(`).test(file.withoutComments);
}

function handlerArgument(defCall: SyntaxNode): string | null {
  let head = callArguments(defCall)[0];
  const guard = head && binaryParts(head);
  if (guard?.op === 'when') head = guard.left;
  const first = head?.type === 'call' ? callArguments(head)[0] : undefined;
  return first && HANDLER_ARGUMENTS.test(first.text) ? first.text : null;
}

/** The first parameter of a :gen_statem state function: the event type. */
const EVENT_TYPE = /^(?:\{:call,|\{:timeout,|:(?:cast|info|internal|timeout|state_timeout|enter)$)/;

/**
 * Is the `def` a :gen_statem state function (`def idle({:call, from}, :health_check, data)`)? Its
 * name is a state's, which says nothing of what a sleep inside it is for (realtime's `idle`).
 */
export function isStateFunction(defCall: SyntaxNode): boolean {
  let head = callArguments(defCall)[0];
  const guard = head && binaryParts(head);
  if (guard?.op === 'when') head = guard.left;
  const params = head?.type === 'call' ? callArguments(head) : [];
  return params.length === 3 && EVENT_TYPE.test(params[0]!.text);
}

/** The name a `def`/`defp` statement defines (`name` in `def name(args) when guard`). */
export function functionName(defCall: SyntaxNode): string | null {
  const head = definitionHead(defCall);
  if (!head) return null;
  if (head.type === 'identifier') return head.text;
  if (head.type === 'call') return callName(head);
  return null;
}

/** Iterations of a literal `1..5`, `1..5//2` or `[a, b, c]`; null when not literal. */
function literalCount(node: SyntaxNode | undefined | null): number | null {
  if (!node) return null;
  if (node.type === 'list') return node.namedChildren.length;
  const range = binaryParts(node);
  if (range?.op === '..' && range.left.type === 'integer' && range.right.type === 'integer') {
    return Math.abs(Number(range.right.text.replace(/_/g, '')) - Number(range.left.text.replace(/_/g, ''))) + 1;
  }
  return null;
}

/** The tags the test itself is given (`@tag :load` right above it), not its describe's or module's. */
export function ownTags(ctx: SiteContext): string[] {
  return ctx.unit && ctx.unitKind === 'test' ? tagsBefore(ctx.unit, ['tag']) : [];
}

/** `@tag …` statements immediately above a test. */
function tagsBefore(test: SyntaxNode, names: string[]): string[] {
  const tags: string[] = [];
  for (let s = test.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (s.type === 'comment') continue;
    const tag = attributeCall(s);
    if (!tag || !names.includes(tag.name)) break;
    tags.push(withoutStrings(tag.value));
  }
  return tags;
}

/**
 * A tag's text less its strings: `@tag with_sql: ["INSERT INTO items VALUES (gen_random_uuid(), …)"]`
 * hands the test data, and the words in it (uuid) say nothing of what the test is about.
 */
function withoutStrings(tag: string): string {
  return tag.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
}

/** `@describetag` / `@moduletag` statements in a describe or module body. */
function tagsInside(owner: SyntaxNode, name: string): string[] {
  // Most modules and describes set none: the text says so without materialising every statement.
  if (!owner.text.includes(name)) return [];
  const block = owner.namedChildren.find((c) => c.type === 'do_block');
  if (!block) return [];
  return block.namedChildren.flatMap((s) => {
    const tag = attributeCall(s);
    return tag?.name === name ? [withoutStrings(tag.value)] : [];
  });
}

/**
 * `:ok = Process.sleep(100)` (Ace's tests), `_ = Process.sleep(100)` (elixir-omg's, for dialyzer's
 * unmatched returns): a match on what a sleep always returns, or one that throws it away, so the
 * statement is the wait, and a rewrite replaces all of it.
 */
function matchesOk(statement: SyntaxNode, sleep: SyntaxNode): boolean {
  const match = binaryParts(statement);
  return match?.op === '=' && /^(?::ok|_\w*)$/.test(match.left.text) && match.right.id === sleep.id;
}

/**
 * The function of the file that returns the lazy stream `stream` (a `Stream.*` call) builds: its
 * last expression, perhaps piped on through more `Stream` steps. Null when it is not returned so,
 * or when a use of that function in the file enumerates the stream right where it is called
 * (`spaced(items) |> Enum.to_list()`): that caller sits through every step.
 */
function streamReturnedBy(file: SourceFile, stream: SyntaxNode): string | null {
  let top = stream;
  for (let parent = top.parent; parent && binaryParts(parent)?.op === '|>'; parent = top.parent) {
    const pipe = binaryParts(parent)!;
    if (pipe.left.id === top.id && !callName(pipe.right)?.startsWith('Stream.')) break;
    top = parent;
  }
  const helper = returnedFrom(top);
  if (!helper) return null;
  return helperUses(file, helper).some((use) => consumedWhereMade(use.parent?.type === 'call' ? use.parent : use)) ? null : helper;
}

/**
 * The project's call a lazy stream built by `stream` (a `Stream.*` call) is handed to, in the same
 * pipeline (`Stream.resource(…) |> Heartbeat.wrap(10)`) or through the name it is bound to, later
 * in the same block (`stream = Stream.resource(…)`, then `stream |> Heartbeat.wrap(10)`); null when
 * only the standard library, or nothing, consumes it.
 */
function streamConsumer(stream: SyntaxNode): string | null {
  const projectCall = (node: SyntaxNode): string | null => {
    const name = node.type === 'call' ? callName(node) : null;
    return name && /^[A-Z][\w.]*\.[a-z_]\w*[?!]?$/.test(name) && !STANDARD_MODULE.test(name) ? name : null;
  };
  // Up the pipeline the stream is the left of.
  let top = stream;
  for (let node = stream.parent; node && binaryParts(node)?.op === '|>'; node = node.parent) {
    const consumer = projectCall(binaryParts(node)!.right);
    if (consumer) return consumer;
    top = node;
  }
  const statement = enclosingStatement(top);
  const bound = binaryParts(statement);
  if (bound?.op !== '=' || bound.left.type !== 'identifier' || bound.right.id !== top.id) return null;
  const name = bound.left.text;
  const uses = new RegExp(`(?<![\\w.:@])${name}(?![\\w?!])`);
  for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (!uses.test(next.text)) continue;
    for (const call of [next, ...next.descendantsOfType('call')]) {
      const consumer = projectCall(call);
      const parts = call.parent ? binaryParts(call.parent) : null;
      const piped = parts?.op === '|>' && parts.right.id === call.id && parts.left.text === name;
      if (consumer && (piped || callArguments(call).some((arg) => arg.text === name))) return consumer;
    }
  }
  return null;
}
