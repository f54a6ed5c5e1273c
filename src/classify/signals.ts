// Evidence about one site, asked for by the rules and computed on demand: which vocabulary words
// its names carry, which options and calls its test body holds, with the line each was seen on.
import { definesFunction, functionName, isPlainSleep, isStateFunction, isTestCall, ranBefore, type SiteContext } from '../context/site-context.js';
import { asksForAReply, attributeCall, binaryParts, callArguments, callName, definingStatements, doBlockOf, enclosingStatement, line as lineOf, oneLine, statementsOf, squeezed } from '../parse/nodes.js';
import type { ContextCategory, SiteEntry } from '../allowlist/allowlist.js';
import { inlineAllowFor, type InlineAllow } from '../allowlist/inline.js';
import type { ModuleIndex } from '../project/module-index.js';
import type { SyntaxNode } from '../parse/parser.js';
import { checksProcess, effectOf, type StatementEffect } from './effects.js';
import type { SourceFile } from '../context/source-file.js';
import { estimateDuration } from '../duration/duration.js';
import { hasOptions, namesOption, optionMatch, type CompiledContext, type VocabularyIndex } from './vocabulary-index.js';
import { words } from './words.js';
import { actingCall, assertionName, AWAITED, awaitedLater, callNamesIn, checkedBefore, consumingName, inHistoryCheck, READ_NAME, stoppedStarts } from './statements.js';
import { ASYNC_CALLS, clockAheadMs, DIRECT_MESSAGES, SPAWNING_CALLS, STANDARD_MODULE, TASK_STREAMS } from '../context/elixir-facts.js';

export interface NameHit {
  word: string;
  /** "test name", "describe", "module", "tag", "function name", "file name", "duration", "comment" or "next statement". */
  where: string;
}

export interface CodeHit {
  text: string;
  line: number;
  /** For options: the milliseconds the option sets, when it is a literal. */
  ms?: number | null;
  /** Where it was seen: the test itself, or earlier in its describe or module (a setup, an attribute). */
  scope?: 'test' | 'around';
}

/** Lines of the unit before or after the sleep, the whole unit, or the whole file. */
type Where = 'before' | 'after' | 'anywhere' | 'file';

/** Where the file's tests and other blocks start (see BLOCK_HEAD), read once per file. */
function blockMarks(file: SourceFile): { at: number; test: boolean }[] {
  return file.memo(BLOCK_MARKS, () => [...file.withoutComments.matchAll(BLOCK_HEAD)].map((m) => ({ at: m.index!, test: m[1] !== undefined })));
}

const BLOCK_MARKS = {};

/** Where a test starts, on its own line (`test "…"`, ExSpec's `it "…"`: group 1), or another block does (`defmodule`, `describe`, `setup`, `def`). */
const BLOCK_HEAD = /^[ \t]*(?:(test|it|property|feature)\s*\(?\s*"|(?:defmodule|describe|setup|setup_all|defp?|defmacrop?)\b)/gm;

interface BodyLine {
  line: number;
  text: string;
}

/** A function's name as a bare call writes it: `client_received`, `ready?`. */
const BARE_NAME = /^[a-z_]\w*[?!]?$/;


/** Does a function's body take messages off the mailbox (`receive do … end`)? */
function receivesIn(definition: SyntaxNode): boolean {
  return definition.text.includes('receive') && callNamesIn(definition).some(({ name }) => name === 'receive');
}

/** The time of a `receive`'s `after` clause as written (`1000`, `timeout`), or null. */
function afterTime(receive: SyntaxNode): string | null {
  const after = doBlockOf(receive)?.namedChildren.find((child) => child.type === 'after_block');
  const clause = after?.namedChildren.find((child) => child.type === 'stab_clause');
  return clause?.namedChildren.find((child) => child.type === 'arguments')?.text.trim() ?? null;
}

/** The literal default a head of `clauses` gives parameter `name` (`timeout \\ 1000`): its value and the parameter's position, or null. */
function parameterDefault(clauses: readonly { statement: SyntaxNode }[], name: string): { ms: number; position: number } | null {
  for (const { statement } of clauses) {
    const params = callArguments(callArguments(statement)[0] ?? statement);
    const position = params.findIndex((param) => { const parts = binaryParts(param); return parts?.op === '\\\\' && parts.left.text === name; });
    const value = position === -1 ? null : binaryParts(params[position]!)!.right.text;
    if (value && /^\d[\d_]*$/.test(value)) return { ms: Number(value.replace(/_/g, '')), position };
  }
  return null;
}

/**
 * The name of a helper whose polling is for what the sleep waited for: a check, a wait or a read, `assert_breaker_state`,
 * `wait_until_ready`, `eventually`, hermes's `get_request_id`, which sleeps and reads the client's
 * state until the request is there.
 */
/** ExUnit's own checks, which match that pattern and poll nothing. */
const EXUNIT_CHECKS = new Set(['assert', 'refute', 'assert_in_delta', 'refute_in_delta', 'assert_raise', 'assert_received', 'refute_received', 'assert_receive', 'refute_receive']);

const POLLING_HELPER_NAME = /^(?:assert|refute|wait|await|poll|eventually|until|expect|check|verify|get|fetch|find|read|lookup)(?:_|$)/;

/** Words any sleep's length may be named by: the duration itself, or its unit. */
const DURATION_ITSELF = /^(?:duration|(?:milli|micro|nano)?seconds?|ms)$/;

/** Whether the file's code keeps a bucket company (see `inCompany`), read once per file. */
const BUCKET_COMPANY = {};

/** The words of a rate limiter, as `words` splits a file (`RateLimitLeakyBucket`, `refill_rate`, `check_rate`). */
const RATE_LIMIT_WORD = /^(?:rate|limit(?:s|er|ers|ed|ing)?|refill\w*|leaky|throttl\w*|quotas?)$/;

/** Whether the file's code keeps a refill company (see `inCompany`), read once per file. */
const REFILL_COMPANY = {};

/** Whether the file's code keeps a burst company (see `inCompany`), read once per file. */
const BURST_COMPANY = {};

/**
 * The words only a limiter speaks of, as `words` splits a file (`RateLimiter`, `check_rate`,
 * `LeakyBucket`): not the refill itself, which the test's name puts in the file's text, nor a bare
 * `limit`, a page's size (`limit: 100`) as often as a limiter's.
 */
const LIMITER_WORD = /^(?:rate|limiters?|leaky|throttl\w*|quotas?)$/;

export class Signals {
  private namesCache?: { where: string; tokens: string[] }[];
  private sleepsComment?: string | null;
  private linesCache?: BodyLine[];
  private spawnedCache?: { text: string; line: number }[];

  private inline?: InlineAllow | null;
  /** Answers per category that several rules ask for (the TTL and rate-window rules ask each twice). */
  private readonly byCategory = new Map<string, unknown>();

  constructor(
    readonly ctx: SiteContext,
    private readonly vocabulary: VocabularyIndex,
    private readonly identity: { fingerprint: string; call: string },
    private readonly userSites: readonly SiteEntry[],
    readonly modules: ModuleIndex,
  ) {}

  private perCategory<T>(question: string, category: ContextCategory, find: () => T): T {
    const key = `${question} ${category}`;
    if (this.byCategory.has(key)) return this.byCategory.get(key) as T;
    const answer = find();
    this.byCategory.set(key, answer);
    return answer;
  }

  /**
   * What a statement does to other processes. Kept per file: several rules ask about the same
   * neighbours, and the sites of one test share them. The answer depends on the file and the
   * project's modules only, not on the site.
   */
  effect(statement: SyntaxNode | undefined): StatementEffect | null {
    if (!statement) return null;
    const effects = fileEffects(this.ctx.file);
    let effect = effects.get(statement.id);
    if (effect === undefined) effects.set(statement.id, (effect = effectOf(statement, this.ctx, this.modules)));
    return effect;
  }

  /** The name of the parameter a project function (`Store.open(uri, timeout \\ 5000)`) gives argument `position`. */
  parameterName(call: string, position: number, arity: number): string | null {
    return this.modules.parameterName(call, position, arity, this.ctx.file);
  }

  /**
   * The lifetime the project function `call` makes (`TestCache.fetch(:github)`) stamps on what it
   * answers, a clock reading plus a constant (ModuleIndex.stampLifetime); null for the standard library's calls.
   */
  stampLifetime(call: SyntaxNode): { ms: number; text: string } | null {
    const name = callName(call);
    if (!name || name.startsWith(':') || STANDARD_MODULE.test(name)) return null;
    return this.modules.stampLifetime(name, callArguments(call).map((arg) => arg.text), this.ctx.file);
  }

  /** The function parameter a project function (`while(pred, func)`) loops on when handed a function at `position` (see ModuleIndex.loopCondition). */
  loopCondition(call: string, position: number, arity: number): string | null {
    return this.modules.loopCondition(call, position, arity, this.ctx.file);
  }

  /**
   * What `node` calls that changes state: a call it makes itself (statements.ts, actingCall), or one
   * in the body of a function of this file that it calls by name (supavisor's `single_connection(opts)`
   * wraps `start_supervised`, so every poll of it would open another connection). The call's name, or null.
   */
  actingCall(node: SyntaxNode): string | null {
    // A function of the project's with no arguments that answers a constant reads, whatever its name.
    const own = actingCall(node, (name, call) => callArguments(call).length === 0 && /^[A-Z]/.test(name) && this.modules.answersConstant(name, this.ctx.file));
    if (own) return own;
    const contended = this.madeInSpawnedWork(node);
    if (contended) return contended.name;
    // A function of the project's that messages a process or starts work elsewhere, under a name
    // that does not say so (blockscout's `Fetcher.task(state)` runs a catch-up pass through
    // `Task.Supervisor.async_stream`): every poll would do that again.
    for (const { name, node: call } of callNamesIn(node)) {
      const dot = name.lastIndexOf('.');
      const args = callArguments(call).map((a) => a.text);
      // A bare name from a project module the file imports too (exampple's `client_received(chunk)`,
      // a macro of its ConnCase's client that casts the bytes in).
      const imported = dot === -1 && BARE_NAME.test(name) ? this.ctx.file.importsFor(name, args.length).find((m) => this.modules.defines(m, name, this.ctx.file) === true) : undefined;
      if ((dot <= 0 && !imported) || STANDARD_MODULE.test(name) || inHistoryCheck(call, node)) continue;
      const [module, fun] = imported ? [imported, name] : [this.ctx.file.resolveAlias(name.slice(0, dot)), name.slice(dot + 1)];
      const effect = this.modules.effectOf(module, fun, args, this.ctx.file);
      // A pass through a task stream it waits for is synchronous, but each poll would run it again.
      if (effect && (effect.kind !== 'sync' || TASK_STREAMS.has(effect.via))) return name;
      // Or a write under a name that does not say so (elixirconf_workshop's `deposit(1)`, through a
      // server's handle_call into `Agent.update`; `learn(:bob, :lfe)`): a poll would make it again.
      // A getter's name is taken at its word (ashfolio's `PerformanceCache.get` counts its hits in its
      // state) unless its server answers with less than it had (elixir-queue's `Queue.fetch()`, a dequeue).
      if (READ_NAME.test(fun) ? this.modules.takesFromState(module, fun, args, this.ctx.file) : this.modules.writesState(module, fun, args, this.ctx.file)) return name;
    }
    // Or is handed a function the test bound before, which acts (ex_llm's `Test.with_cache(key,
    // opts, fun)`, `fun` counting each miss with `:counters.add`): a poll would run it again.
    const handed = this.handedActingFunction(node);
    if (handed) return handed;
    // Or, imported from a case template or a support module, takes what it reads off a socket (angen's
    // `listen(socket1)` calls `:ssl.recv`): a failed poll throws away what it read, and the kept
    // assertion then sees the next thing, or nothing.
    const consumer = this.importedConsumer(node);
    if (consumer) return consumer;
    // Or takes messages off the test's mailbox (autonomous-opponent's `collect_ordered_events(3)`, a
    // `receive … after`): each failed poll throws away what it took.
    // A predicate by its name only looks, whatever it calls to do so (testcontainers' `port_open?`
    // connects and closes again).
    return this.reachedFileFunctions(node).find((fn) => (!fn.name.endsWith('?') && actingCall(fn.statement) !== null) || receivesIn(fn.statement))?.name ?? null;
  }

  /**
   * A function of the project's `node` calls, bare-named from a case template or support module it
   * imports, or by module, whose body takes what it reads off a socket or a device (angen's `listen`,
   * delux's `FakeLEDs.read_pattern(0)` through `IO.binread`); null when none.
   */
  importedConsumer(node: SyntaxNode): string | null {
    for (const { name, node: call } of callNamesIn(node)) {
      if (inHistoryCheck(call, node)) continue;
      const dot = name.lastIndexOf('.');
      if (dot !== -1 && (dot === 0 || !/^[A-Z]/.test(name))) continue;
      // As aliased: space_ex's tests `alias SpaceEx.Stream`, whose `Stream` is the project's.
      const module = dot === -1 ? null : this.ctx.file.resolveAlias(name.slice(0, dot));
      if (module && STANDARD_MODULE.test(module)) continue;
      if (this.modules.callIn(module, name.slice(dot + 1), callArguments(call).length, this.ctx.file, consumingName)) return name;
      // Or waits for a message on the caller's mailbox (space_ex's `Stream.receive_latest(stream)`):
      // a failed poll has taken one off, and the next try sees what came after it.
      if (this.modules.pollsInPlace(module, name.slice(dot + 1), callArguments(call).length, this.ctx.file) === 'receives') return name;
    }
    return null;
  }

  /** A function of this file `node` calls that takes messages off the mailbox (`receive … after`), itself or a few levels down; null when none. */
  receivingHelper(node: SyntaxNode): string | null {
    // Not one that asks another process for what it holds and takes the reply (a read, answered at once).
    return this.reachedFileFunctions(node).find((fn) => receivesIn(fn.statement) && !asksForAReply(fn.statement))?.name ?? null;
  }

  /**
   * A function of this file that `node` calls (or one it reaches) whose `receive` waits for its next
   * message at least `ms` before it gives up: an `after` of a number, or of a parameter whose default
   * is one (nerves_hub_link_avm's `collect_statuses(timeout \\ 1000)`, which keeps receiving until a
   * second goes by with nothing). Its name and that time, or null.
   */
  receiveWaitsAtLeast(node: SyntaxNode, ms: number): { name: string; ms: number } | null {
    const reached = this.reachedFileFunctions(node);
    for (const fn of reached) {
      if (!receivesIn(fn.statement)) continue;
      for (const receive of callNamesIn(fn.statement).filter((c) => c.name === 'receive')) {
        const time = afterTime(receive.node);
        const literal = time && /^\d[\d_]*$/.test(time) ? Number(time.replace(/_/g, '')) : null;
        const waits = literal ?? (time && /^[a-z_]\w*$/.test(time) ? this.parameterAsCalled(node, reached.filter((other) => other.name === fn.name), time) : null);
        if (waits !== null && waits >= ms) return { name: reached[0]!.name, ms: waits };
      }
    }
    // Or a function of the project's that waits so for one message (space_ex's `Stream.receive_next(stream)`,
    // up to 5 s by default). Not one that then takes all that is there (its `receive_latest`): what
    // it answers depends on how many had come, which the sleep let arrive.
    for (const { name, node: call } of callNamesIn(node)) {
      const dot = name.lastIndexOf('.');
      if (dot <= 0 || !/^[A-Z]/.test(name)) continue;
      const [module, fun, args] = [this.ctx.file.resolveAlias(name.slice(0, dot)), name.slice(dot + 1), callArguments(call).map((a) => a.text)];
      if (STANDARD_MODULE.test(module) || this.modules.pollsInPlace(module, fun, args.length, this.ctx.file) !== 'receives' || this.modules.drainsMailbox(module, fun, args.length, this.ctx.file)) continue;
      const waits = this.modules.receiveLimit(module, fun, args.length, this.ctx.file, args);
      if (waits !== null && waits >= ms) return { name, ms: waits };
    }
    return null;
  }

  /** The call in `node` handed a variable the test bound, before the sleep, to a function whose body acts; null when none. */
  private handedActingFunction(node: SyntaxNode): string | null {
    if (!node.text.includes('(')) return null;
    for (const { name, node: call } of callNamesIn(node)) {
      for (const arg of callArguments(call)) {
        if (arg.type !== 'identifier') continue;
        const binding = this.ctx.before.find((statement) => {
          const parts = binaryParts(statement);
          return parts?.op === '=' && parts.left.text === arg.text && parts.right.type === 'anonymous_function';
        });
        if (binding && actingCall(binding) !== null) return name;
      }
    }
    return null;
  }

  /**
   * electric's admission control: two `Task.async(fn -> conn("GET", "/v1/shape?…&live") |>
   * Router.call(opts) end)`, the sleep, then the same request, expected to be turned away. What the
   * tasks started before the sleep do, made again, is the act under test, not a read: a poll would
   * make it again and again, taking what the tasks compete for. Its first call's name and the line
   * of the statement that started the work, or null.
   */
  madeInSpawnedWork(node: SyntaxNode): { name: string; line: number } | null {
    const spawned = this.spawnedBefore();
    if (spawned.length === 0) return null;
    const made = squeezed(node.text);
    if (made.length < 12 || !node.text.includes('(')) return null;
    // `self()` is another process in the spawned function; Erlang's tables and the like are read
    // the same by everyone (newrelic's `:ets.member(LookupStore, self())` in both); a start or a
    // spawn made again is an act of its own, not a request competing with the work.
    const calls = callNamesIn(node);
    // A predicate by Elixir's convention asks and changes nothing (exile's `os_process_alive?(os_pid)`,
    // asserted in the spawned function, refuted by the test): asked again, it competes with no one.
    if (made.includes('self()') || calls.every((c) => c.name.startsWith(':') || c.name.endsWith('?')) || calls.some((c) => ASYNC_CALLS.has(c.name) || SPAWNING_CALLS.has(c.name) || /(?:^|\.)start/.test(c.name))) return null;
    const found = spawned.find((work) => work.text.includes(made));
    if (!found) return null;
    // The call the pipeline ends in (`Router.call`), not the first one that builds its input (`conn`).
    const pipe = binaryParts(node);
    const name = (pipe?.op === '|>' ? callName(pipe.right) : null) ?? calls[0]?.name;
    return name ? { name, line: found.line } : null;
  }

  /**
   * The statements before the sleep that start work in a function and do not await it, their text
   * without whitespace. Nor is it awaited later before the sleep by the name it was bound to
   * (rabbit's `task = Task.async(fn -> … end)`, then `Task.await(task)`): that work is over.
   */
  private spawnedBefore(): { text: string; line: number }[] {
    const before = this.ctx.before;
    this.spawnedCache ??= before
      .filter((statement) => statement.text.includes('fn') && !AWAITED.test(statement.text) && callNamesIn(statement).some((c) => ASYNC_CALLS.has(c.name) || SPAWNING_CALLS.has(c.name)) && !awaitedLater(statement, before))
      .map((statement) => ({ text: squeezed(statement.text), line: lineOf(statement) }));
    return this.spawnedCache;
  }

  /**
   * A function of this file that `statement` calls by name and whose body messages a process or
   * starts one (realtime's `trigger_flush(scope)`: `Enum.each(shards, &Kernel.send(&1, :flush_vacant))`):
   * its name and the call that hands the work on, or null.
   */
  localHandOff(statement: SyntaxNode): { helper: string; via: string } | null {
    for (const fn of this.calledFileFunctions(statement)) {
      // A message to the test itself (`send(self(), …)`) hands nothing on.
      const via = callNamesIn(fn.statement).find((c) => (DIRECT_MESSAGES.has(c.name) || ASYNC_CALLS.has(c.name) || SPAWNING_CALLS.has(c.name)) && callArguments(c.node)[0]?.text !== 'self()');
      if (via) return { helper: fn.name, via: via.name };
    }
    // Or through a function of the project that casts or sends, read as the call in the test would
    // be (sensocto's `set_attention(id, :high)`, which calls `AttentionTracker.register_focus`, a
    // `GenServer.cast`): one level down, the same hand-off.
    for (const fn of this.calledFileFunctions(statement)) {
      const effect = effectOf(fn.statement, this.ctx, this.modules);
      if ((effect?.kind === 'message' && effect.resolved && !effect.direct) || effect?.kind === 'async') return { helper: fn.name, via: effect.via };
    }
    return null;
  }

  /** Does the sleep's file drive a browser with Wallaby or Hound, itself or through the case template it uses? */
  drivesABrowser(): boolean {
    const file = this.ctx.file;
    return /\b(?:Wallaby|Hound)\b/.test(file.source) || ['Wallaby.Feature', 'Wallaby.DSL', 'Hound.Helpers'].some((library) => this.modules.usesLibrary(library, file));
  }

  /**
   * A function of this file that `statement` calls by name and that sleeps a literal time itself
   * before it does anything that acts (nerves_ssh's `ssh_connect(opts)`: options built,
   * `Process.sleep(200)`, then the connection), or through one more such function it calls first
   * (`ssh_run(cmd)`, whose `with` starts with `ssh_connect(options)`): its name, the function that
   * sleeps when that is another, and the time; or a function of another module of the project whose
   * body starts with a sleep (newrelic's `TestHelper.gather_harvest(harvester)`, `wait \\ 300`); or null.
   */
  sleepAhead(statement: SyntaxNode, depth = 0): { helper: string; via?: string; ms: number } | null {
    for (const { name, node } of callNamesIn(statement)) {
      const dot = name.lastIndexOf('.');
      if (dot <= 0 || !/^[A-Z]/.test(name) || STANDARD_MODULE.test(name)) continue;
      const ms = this.modules.sleepsFirst(this.ctx.file.resolveAlias(name.slice(0, dot)), name.slice(dot + 1), callArguments(node).map((a) => a.text), this.ctx.file);
      if (ms !== null) return { helper: name, ms };
    }
    for (const fn of this.calledFileFunctions(statement)) {
      const body = doBlockOf(fn.statement);
      for (const step of body ? statementsOf(body) : []) {
        const ms = isPlainSleep(step) ? /\((\d[\d_]*)\)\s*$/.exec(step.text)?.[1] : undefined;
        if (ms) return { helper: fn.name, ms: Number(ms.replace(/_/g, '')) };
        // Or a parameter's default the call leaves (reaxive's `assert process_leak?(all_procs)` under
        // `def process_leak?(initial, delay \\ 100)`, whose body opens with `:timer.sleep(delay)`).
        const defaulted = isPlainSleep(step) ? this.defaultSleep(fn, statement) : null;
        if (defaulted !== null) return { helper: fn.name, ms: defaulted };
        const deeper = depth === 0 ? this.sleepAhead(step, 1) : null;
        if (deeper && deeper.helper !== fn.name) return { helper: fn.name, via: deeper.helper, ms: deeper.ms };
        if (actingCall(step) !== null) break;
      }
    }
    return null;
  }

  /** The time `fn`, a function of this file that `statement` calls, sleeps first, read as the call gives its arguments; or null. */
  private defaultSleep(fn: { name: string; statement: SyntaxNode }, statement: SyntaxNode): number | null {
    let module: SyntaxNode | null = fn.statement.parent;
    while (module && !(module.type === 'call' && callName(module) === 'defmodule')) module = module.parent;
    const owner = module ? callArguments(module)[0]?.text : undefined;
    const call = owner ? callNamesIn(statement).find((c) => c.name === fn.name) : undefined;
    return call ? this.modules.sleepsFirst(owner!, fn.name, callArguments(call.node).map((a) => a.text), this.ctx.file) : null;
  }

  /**
   * A function of the project or of this file that `statement` calls and that polls in place
   * (sleeps and tries again: lasso's `CircuitBreakerHelper.assert_circuit_breaker_state`) or waits
   * for a message (anubis's `get_request_id`): its name, which it does, and for how long, when known.
   */
  pollingHelper(statement: SyntaxNode): { name: string; how: 'retries' | 'receives'; limit: number | null } | null {
    for (const { name, node } of callNamesIn(statement)) {
      // Named for checking or waiting: supavisor's `start_postgres_container(16)` also polls, but for
      // the container it starts, not for what the sleep before it waited for.
      if (!POLLING_HELPER_NAME.test(name.slice(name.lastIndexOf('.') + 1)) || EXUNIT_CHECKS.has(name)) continue;
      const arity = callArguments(node).length;
      const dot = name.lastIndexOf('.');
      const bare = dot === -1 && /^[a-z_]\w*[?!]?$/.test(name);
      if (!bare && (dot <= 0 || !/^[A-Z]/.test(name) || STANDARD_MODULE.test(name))) continue;
      const module = bare ? null : this.ctx.file.resolveAlias(name.slice(0, dot));
      const fun = bare ? name : name.slice(dot + 1);
      const how = this.modules.pollsInPlace(module, fun, arity, this.ctx.file);
      if (!how) continue;
      // Its own time: the longest `after` of its receives, or, for one that counts its tries down,
      // the tries times its sleep (a restart helper's `tries \\ 10`, 5 ms apart).
      const limit = how === 'receives' ? this.modules.receiveLimit(module, fun, arity, this.ctx.file) : this.modules.retryBudget(module, fun, callArguments(node).map((a) => a.text), this.ctx.file);
      return { name, how, limit };
    }
    return null;
  }

  /**
   * What parameter `name` of the functions `clauses` holds when `node` calls them: the number handed
   * at its position, else the head's default when nothing is handed there; null when not a number.
   */
  private parameterAsCalled(node: SyntaxNode, clauses: readonly { name: string; statement: SyntaxNode }[], name: string): number | null {
    const fallback = parameterDefault(clauses, name);
    if (!fallback) return null;
    const call = callNamesIn(node).find((c) => c.name === clauses[0]?.name);
    const handed = call ? callArguments(call.node)[fallback.position] : undefined;
    if (!handed) return fallback.ms;
    return /^\d[\d_]*$/.test(handed.text) ? Number(handed.text.replace(/_/g, '')) : null;
  }

  /**
   * The statement that ran before the sleep (above it, or in its setup) and calls `name`, itself or
   * through the file's functions it calls, or null. rabbit's `start_consumer(meta)` polls with
   * `await_consuming(consumer)` before it returns: that state held before the test went on.
   */
  calledBefore(name: string): SyntaxNode | null {
    const calls = (node: SyntaxNode) => callNamesIn(node).some((c) => c.name === name);
    return ranBefore(this.ctx).find((statement) => calls(statement) || this.reachedFileFunctions(statement).some((fn) => calls(fn.statement))) ?? null;
  }

  /**
   * The assertion before the sleep that matched the pattern `check` matches to what a polling helper
   * of this file waited for, when that helper polls the read `check` makes, handed the same
   * arguments first: `assert [_a, _b] = await_task_ids!(ws, run, 2)`, which reads `task_ids(ws,
   * run)` until two are there, then, after the sleep, `assert [_a, _b] = task_ids(ws, run)`. The
   * check held when the sleep began, which is the window for a third to show. Not past a statement
   * that makes that read itself.
   */
  awaitedBefore(check: SyntaxNode): SyntaxNode | null {
    const match = assertedMatch(check);
    const read = match?.right.type === 'call' ? callName(match.right) : null;
    if (!match || !read) return null;
    const args = callArguments(match.right).map((arg) => squeezed(arg.text));
    for (const statement of ranBefore(this.ctx)) {
      if (callNamesIn(statement).some(({ name }) => name === read)) return null;
      const earlier = assertedMatch(statement);
      if (earlier?.right.type !== 'call' || unpinned(earlier.left) !== unpinned(match.left)) continue;
      const handed = callArguments(earlier.right).map((arg) => squeezed(arg.text));
      if (handed.length < args.length || args.some((arg, at) => handed[at] !== arg)) continue;
      const helper = this.pollingHelper(earlier.right);
      const polls = helper && this.reachedFileFunctions(earlier.right).some((fn) => fn.name === helper.name && callNamesIn(fn.statement).some(({ name }) => name === read));
      if (polls) return statement;
    }
    return null;
  }

  /**
   * The statement before the sleep (above it, or in its setup) that already made the check `check`
   * makes, with nothing since that could have broken it (statements.ts, checkedBefore): word for
   * word, per item in a loop over the same items, as the condition a polling helper of the project
   * waited for (pokex's `assert eventually(fn -> InputGate.state().focus_ok == true end)`), with
   * calls between that the project's code shows leave what it reads as it was (roulette's
   * `Session1.unsub(s1, "t1")`); or the same match on what such a helper waited for (awaitedBefore).
   * The check held when the sleep began: a poll of it passes at once.
   */
  checkedAgain(check: SyntaxNode): SyntaxNode | null {
    const known = { polled: (statement: SyntaxNode) => this.polledCondition(statement), leavesState: (call: { module: string; fun: string; args: string[] }) => this.leavesState(call) };
    return checkedBefore(ranBefore(this.ctx), check, known) ?? this.awaitedBefore(check);
  }

  /** `eventually(fn -> C end)`, alone or asserted, when `eventually` polls in place: C, the condition it waited for. */
  private polledCondition(statement: SyntaxNode): SyntaxNode | null {
    const call = assertionName(statement) === 'assert' ? callArguments(statement)[0] : statement;
    if (call?.type !== 'call' || !this.pollingHelper(call)) return null;
    const fn = callArguments(call).find((arg) => arg.type === 'anonymous_function');
    const clauses = fn ? fn.namedChildren.filter((c) => c.type === 'stab_clause') : [];
    // One clause that takes nothing, one expression.
    const body = clauses.length === 1 && !clauses[0]!.childForFieldName('left') ? clauses[0]!.childForFieldName('right') : null;
    const only = body ? statementsOf(body) : [];
    return only.length === 1 ? only[0]! : null;
  }

  /**
   * Does the project's code show that `module.fun(args…)` leaves the state it is about as it was:
   * a function of the project that writes nothing, not even through a server whose handle_call
   * answers with the state it got, and hands nothing to another process? Unread code says no.
   */
  private leavesState(call: { module: string; fun: string; args: string[] }): boolean {
    if (!/^[A-Z]/.test(call.module) || STANDARD_MODULE.test(`${call.module}.${call.fun}`)) return false;
    const module = this.ctx.file.resolveAlias(call.module);
    if (this.modules.defines(module, call.fun, this.ctx.file) !== true) return false;
    const effect = this.modules.effectOf(module, call.fun, call.args, this.ctx.file);
    if (effect && (effect.kind !== 'sync' || effect.handsOff)) return false;
    return this.modules.writesState(module, call.fun, call.args, this.ctx.file) === null;
  }

  /**
   * The project modules `statement` calls into, itself or through a function of this file it calls
   * (audioproxy's `probe(dir, name)`, which calls `ProbeCoordinator.probe(…)`), aliases resolved.
   */
  modulesCalled(statement: SyntaxNode): string[] {
    const modules = new Set<string>();
    for (const node of [statement, ...this.calledFileFunctions(statement).map((fn) => fn.statement)]) {
      for (const { name } of callNamesIn(node)) {
        const dot = name.lastIndexOf('.');
        if (dot > 0 && /^[A-Z]/.test(name) && !STANDARD_MODULE.test(name)) modules.add(this.ctx.file.resolveAlias(name.slice(0, dot)));
      }
    }
    return [...modules];
  }

  /** The clauses of the functions of this file that `node` calls by name, in the order it calls them. */
  private calledFileFunctions(node: SyntaxNode): { name: string; statement: SyntaxNode }[] {
    const defined = definedFunctions(this.ctx.file);
    const local = callNamesIn(node).filter(({ name }) => defined.has(name));
    if (local.length === 0) return [];
    const functions = fileFunctions(this.ctx.file);
    return local.flatMap(({ name }) => functions.filter((fn) => fn.name === name));
  }

  /**
   * The functions of this file that `node` calls, and those they call, a few levels down
   * (ex_mmo_cluster's `collect_snapshots_for_ms(100)` hands on to `collect_until_deadline`, a
   * receive loop), each under the name `node` calls.
   */
  private reachedFileFunctions(node: SyntaxNode): { name: string; statement: SyntaxNode }[] {
    const called = this.calledFileFunctions(node);
    if (called.length === 0) return [];
    const defined = definedFunctions(this.ctx.file);
    const functions = fileFunctions(this.ctx.file);
    const found: { name: string; statement: SyntaxNode }[] = [];
    for (const name of new Set(called.map((fn) => fn.name))) {
      const seen = new Set([name]);
      let level = functions.filter((fn) => fn.name === name);
      for (let depth = 0; level.length > 0 && depth < 3; depth++) {
        found.push(...level.map((fn) => ({ name, statement: fn.statement })));
        const next = level.flatMap((fn) => callNamesIn(fn.statement).filter((c) => defined.has(c.name) && !seen.has(c.name)).map((c) => c.name));
        for (const callee of next) seen.add(callee);
        level = functions.filter((fn) => next.includes(fn.name));
      }
    }
    return found;
  }

  checks(statement: SyntaxNode, target: string, module?: string): boolean {
    return checksProcess(statement, target, this.ctx, this.modules, module);
  }

  inlineAllow(): InlineAllow | null {
    if (this.inline === undefined) this.inline = inlineAllowFor(this.ctx.file, this.ctx.line);
    return this.inline;
  }

  /** The project's allowlist entry for this site: by fingerprint, or by file + call (+ test). */
  allowlistEntry(): SiteEntry | null {
    const { ctx, identity } = this;
    return (
      this.userSites.find(
        (e) =>
          e.fingerprint === identity.fingerprint ||
          (e.file === ctx.file.rel && e.call !== undefined && oneLine(e.call) === identity.call && (e.test === undefined || e.test === ctx.test)),
      ) ?? null
    );
  }

  /** A vocabulary word of `category` in the names around the site (test, describe, module, tags, file). */
  nameWord(category: ContextCategory): NameHit | null {
    return this.perCategory('nameWord', category, () => this.findNameWord(category));
  }

  private findNameWord(category: ContextCategory): NameHit | null {
    const { words: matcher, tags } = this.vocabulary[category];
    for (const { where, tokens } of this.names()) {
      const word = where === 'tag' ? (tags(tokens) ?? matcher(tokens)) : matcher(tokens);
      if (word && this.inCompany(category, word)) return { word, where };
    }
    return null;
  }

  /**
   * A vocabulary word of `category` in the names once `word` (one word, as a hit gives it) is left
   * out of them: whether the names say more of that category than `word` alone ("evicts stale cache
   * entries" still says "evicts" without its "stale").
   */
  otherNameWord(category: ContextCategory, word: string): NameHit | null {
    const { words: matcher, tags } = this.vocabulary[category];
    for (const { where, tokens } of this.names()) {
      const rest = tokens.filter((token) => token !== word);
      const other = where === 'tag' ? (tags(rest) ?? matcher(rest)) : matcher(rest);
      if (other && this.inCompany(category, other)) return { word: other, where };
    }
    return null;
  }

  /**
   * A bucket is a rate limiter's only beside what a limiter speaks of (a token or leaky bucket, a
   * refill, a rate, a limit, a throttle) in the file's code: alone it is any group of things, a
   * DHT's bucket of nodes (dht's `BucketClusterManager`, waiting for a Raft cluster to form).
   * So is a refill, beside a rate, a limiter, a throttle, a quota or a token bucket: alone it is a
   * freed slot filled again from a queue ("slow pipeline refill respects a stricter global capacity
   * limit", where at most two tasks may run and none is rate-limited).
   * So is a burst, beside what a limiter speaks of: alone it is a burst of messages sent at once
   * (parrot_platform's "handles burst of incoming messages", twenty UDP packets, then 50 ms for the
   * transport to take them before `assert Process.alive?(pid)`), a load, not a bucket's allowance.
   */
  private inCompany(category: ContextCategory, word: string): boolean {
    if (category !== 'rate_window') return true;
    if (word === 'bucket') return this.ctx.file.memo(BUCKET_COMPANY, () => this.codeSpeaksOf(RATE_LIMIT_WORD));
    if (word.startsWith('refill')) return this.ctx.file.memo(REFILL_COMPANY, () => this.codeSpeaksOf(LIMITER_WORD));
    if (word === 'burst') return this.ctx.file.memo(BURST_COMPANY, () => this.codeSpeaksOf(RATE_LIMIT_WORD));
    return true;
  }

  /** Whether the file's code, comments aside, holds a word `limiter` matches or a token bucket. */
  private codeSpeaksOf(limiter: RegExp): boolean {
    return words(this.ctx.file.withoutComments).some((token, at, tokens) => limiter.test(token) || (token === 'token' && tokens[at + 1] === 'bucket'));
  }

  /** A vocabulary word of `category` in the comment above the sleep, or null. */
  commentWord(category: ContextCategory): string | null {
    const comment = this.names().find(({ where }) => where === 'comment');
    const word = comment ? this.vocabulary[category].words(comment.tokens) : null;
    return word && this.inCompany(category, word) ? word : null;
  }

  /**
   * A vocabulary word of `category` in what the statement right after the sleep calls or sends, on
   * its first line: what the test does once the time has passed (`send(pid, {:sweep, 0})`,
   * `Cache.purge(c)`). Variables and keyword keys do not count: `Cache.put(k, v, ttl: 100)` sets a
   * TTL, it does not wait one out.
   */
  nextWord(category: ContextCategory): NameHit | null {
    return this.perCategory('nextWord', category, () => this.findNextWord(category));
  }

  private findNextWord(category: ContextCategory): NameHit | null {
    const firstLine = this.ctx.after[0]?.text.split('\n', 1)[0];
    // Elixir's own calls name no expiry of the project's (File.touch/1 is no session touch), and the
    // module is what the test is about, not what it does now (`RateLimiter.check`): the function's own name counts.
    // In an assertion an atom is a value compared (`assert status() == :idle`), not a message sent.
    const pattern = assertionName(this.ctx.after[0]) ? CALLED : CALLED_OR_SENT;
    const named = firstLine
      ?.match(pattern)
      ?.filter((name) => !STANDARD_MODULE.test(name))
      .map((name) => name.replace(/^.*\./, ''))
      .join(' ');
    const word = named ? this.vocabulary[category].words(meaningful(words(named))) : null;
    return word && this.inCompany(category, word) ? { word, where: 'next statement' } : null;
  }

  /** A vocabulary word of `category` in the sleep's own duration expression (`@debounce * 3`). */
  durationWord(category: ContextCategory): string | null {
    const duration = this.ctx.site.duration?.text;
    return duration ? this.vocabulary[category].words(words(duration)) : null;
  }

  /** An ExUnit tag in `category`'s tag list (`@tag :load`). */
  tag(category: ContextCategory): NameHit | null {
    for (const { where, tokens } of this.names()) {
      if (where !== 'tag') continue;
      const word = this.vocabulary[category].tags(tokens);
      if (word) return { word, where };
    }
    return null;
  }

  /** The enclosing function's name, when it is one of `category`'s function names (`wait_until`). */
  functionName(category: ContextCategory): string | null {
    const name = this.ctx.defName;
    return name && this.vocabulary[category].functions(words(name)) ? name : null;
  }

  /**
   * The option of `category` the sleep's own duration is computed from: stretched to outlast it
   * (`Config.checksum_wait_timeout() * 2`, `@ttl + 10`), it waits that time out on purpose; cut just
   * short of it (`batch_timeout - 5`), it looks at the moment before that time runs out (commanded:
   * then `refute_receive :flush_batch_timeout, 20` checks that a cancelled timer stays quiet).
   */
  stretchedOption(category: ContextCategory): { name: string; shortened: boolean; fraction?: boolean } | null {
    const duration = this.ctx.site.duration;
    // `div(@idle_timeout_ms, 2)` three times over (slippi_chat's half-timeouts around a reset of the
    // inactivity timer): the test steps through that time part by part, looking from inside it.
    // (One part alone, then a check, may only be a wait that happens to be sized so: not here.)
    const halved = duration && callName(duration) === 'div' ? callArguments(duration) : null;
    const steps = halved ? (this.ctx.unit?.text.split(duration!.text).length ?? 1) - 1 : 0;
    if (halved?.length === 2 && steps >= 2 && halved[1]!.type === 'integer' && Number(halved[1]!.text.replace(/_/g, '')) > 1) {
      const name = /(?:^@|\.|^)([a-z_]\w*)(?:\(\))?$/.exec(halved[0]!.text)?.[1];
      return name && namesOption(name, this.vocabulary[category]) ? { name, shortened: false, fraction: true } : null;
    }
    const parts = duration ? binaryParts(duration) : null;
    if (!parts || (parts.op !== '*' && parts.op !== '+' && parts.op !== '-')) return null;
    for (const [side, other] of [[parts.left, parts.right], [parts.right, parts.left]] as const) {
      // Times a whole number of at least 1, plus something, or less a few milliseconds.
      const count = other.type === 'integer' ? Number(other.text.replace(/_/g, '')) : NaN;
      if (parts.op === '*' && !(count >= 1)) continue;
      if (parts.op === '-' && !(side === parts.left && count > 0)) continue;
      const name = /(?:^@|\.|^)([a-z_]\w*)(?:\(\))?$/.exec(side.text)?.[1];
      if (name && namesOption(name, this.vocabulary[category])) return { name, shortened: parts.op === '-' };
    }
    return null;
  }

  /**
   * A keyword option of `category` (`ttl: 100`) set before the sleep: in the test itself first, then
   * earlier in the file (a describe's setup, `setup_with_cache(ttl: 50)`, a module attribute).
   * Also a call named after the category with a duration (`Cache.expire(:a, 1000)`).
   */
  option(category: ContextCategory): CodeHit | null {
    return this.perCategory('option', category, () => this.findOption(category));
  }

  private findOption(category: ContextCategory): CodeHit | null {
    const context = this.vocabulary[category];
    const unit = this.ctx.unit;
    if (!hasOptions(context) || !unit) return null;
    const lines = optionLines(this.ctx.file);
    const first = lineOf(unit);
    // Of several in the test (`rate_limit_per_minute: 9`, `rate_limit_per_second: 5`), the one the sleep waits out.
    const sleepMs = typeof this.ctx.duration === 'number' ? this.ctx.duration : null;
    // The test's own lines after its first, before the sleep; then up to 400 lines above the test.
    // A sleep in a function handed to a task takes no option from another such function
    // (memcachex: `ttl: 1` in the function beside it, not in its own).
    const handed = this.ctx.runsIn === 'spawned' || this.ctx.runsIn === 'handed_fn';
    const others = handed ? otherFunctionRows(unit, this.ctx.site.node) : [];
    // Nor from a start whose process the test ended before the sleep (cortex's first health checker,
    // `heartbeat_timeout_ms: 100`, stopped before a lenient one is started): no timer of it runs on.
    const ended = stoppedStarts(this.ctx.before).map((start) => [lineOf(start), start.endPosition.row + 1] as const);
    const left: (readonly [number, number])[] = [...others, ...ended];
    const outsideOthers = left.length > 0 ? (line: number) => !left.some(([start, end]) => line >= start && line <= end) : undefined;
    const own = lines.first(context, first + 1, this.ctx.line - 1, true, sleepMs, outsideOthers);
    if (own) return { text: own.text, line: own.line, ms: own.ms ?? this.boundMs(own.text, own.line), scope: 'test' };
    // `@tag span_storage: [cleanup_interval: 100]` right above the test sets options for it alone (sentry).
    const tagsFrom = firstTagLine(unit);
    const tagged = tagsFrom !== null ? lines.first(context, tagsFrom, first - 1, false, sleepMs) : null;
    if (tagged) return { text: tagged.text, line: tagged.line, ms: tagged.ms, scope: 'test' };
    // Above the test, outside other tests: its describe's code (a setup) first, then the module's
    // (a setup, an attribute, a helper), never another describe's, whose setup runs only for its
    // own tests; else in a helper the test calls. Up to 400 lines above.
    const file = this.ctx.file;
    const top = Math.max(1, first - 401);
    const describe = enclosingDescribe(unit);
    const describeLine = describe ? lineOf(describe) : first;
    // Of several there, the one the sleep outlasts (ockam's setup makes a lease manager with `ttl: 60 * 60`
    // and a short-lived one with `ttl: 1`, which a 2 s sleep waits out).
    // A sleep in a function takes no option from another function's head (memoize's `defmemo
    // has_expire(pid), expires_in: 100 do` above `defmemo waiter_config() do … end`) or body
    // (redis_mutex's `expiry: 200` in `two_threads_lock`, above `two_threads_one_loses_lock`): those
    // are its own. A test calling that function is another matter.
    const ownDefinition = this.ctx.unitKind === 'def';
    const inDescribe = describe && lines.first(context, Math.max(top, describeLine + 1), first - 1, false, sleepMs, (line) => !inAnotherTest(file, line), true);
    const around =
      inDescribe ||
      lines.first(
        context,
        top,
        describeLine - 1,
        false,
        sleepMs,
        (line) => !inAnotherTest(file, line) && !inADescribe(file, line) && !inAnotherModule(file, line, unit) && !(ownDefinition && inAnotherDefinition(file, line, unit)),
        true,
      ) ||
      this.helperOption(context);
    return around && { text: around.text, line: around.line, ms: around.ms, scope: 'around' };
  }

  /**
   * The time an option on `line` names by something else than a literal, resolved as a sleep's
   * duration is: a variable the test bound first (thousand_island's `read_timeout = 100`, then
   * `start_handler(H, read_timeout: read_timeout)`; lemon's `recovery_timeout = 1_000`), an
   * attribute, simple arithmetic on those. Null when it cannot be told.
   */
  private boundMs(option: string, line: number): number | null {
    const key = option.split(':')[0]!.trim();
    const pair = this.ctx.unit?.descendantsOfType('pair').find((p) => lineOf(p) === line && p.childForFieldName('key')?.text.replace(/:\s*$/, '') === key);
    const ms = estimateDuration(pair?.childForFieldName('value') ?? null, this.ctx.file);
    return typeof ms === 'number' ? ms : null;
  }

  /**
   * An option of `category` anywhere in the file, the sleep's own test and other modules included
   * (`poll_rate: 100` given to a PromEx plugin in a module the setup starts): for an option that
   * matters to whatever the file runs, not to one test (a poller's rate, realtime's metrics).
   */
  optionInFile(category: ContextCategory): CodeHit | null {
    const context = this.vocabulary[category];
    if (!hasOptions(context)) return null;
    const sleepMs = typeof this.ctx.duration === 'number' ? this.ctx.duration : null;
    const hit = optionLines(this.ctx.file).first(context, 1, this.ctx.file.lineCount, false, sleepMs);
    return hit && { text: hit.text, line: hit.line, ms: hit.ms, scope: 'around' };
  }

  /**
   * An option in a function of this file that the test calls before the sleep, its attributes
   * included: nebulex's `update_with_opts`, under `@decorate cache_put(…, opts: [ttl: 1000])`.
   */
  private helperOption(context: CompiledContext): (OptionHit & { line: number }) | null {
    // Most tests call no function their file defines: a look at the text settles it, no tree walked.
    const defined = definedFunctions(this.ctx.file);
    const called = new Set<string>();
    for (const statement of this.ctx.before) {
      for (const [, name] of statement.text.matchAll(LOCAL_CALL)) if (defined.has(name!)) called.add(name!);
    }
    if (called.size === 0) return null;
    return helperOptions(this.ctx.file, context).find(({ name }) => called.has(name))?.hit ?? null;
  }

  /** A call of `category` (`:timer.tc`) in the unit, before and/or after the sleep. */
  call(category: ContextCategory, where: Where, accept?: (line: string, at: number, row: number) => boolean): CodeHit | null {
    const pattern = this.vocabulary[category].callPattern;
    return pattern ? this.find(pattern, where, accept) : null;
  }

  /** Is `name` one of `category`'s calls (`:timer.tc` for time_measurement)? */
  isCall(category: ContextCategory, name: string): boolean {
    return this.vocabulary[category].calls.includes(name);
  }

  /**
   * The first match of `pattern` (its first group, else the whole match) in the unit's lines; with
   * `accept`, the first on a line it accepts at the match's index (and the line's number).
   */
  find(pattern: RegExp, where: Where, accept?: (line: string, at: number, row: number) => boolean): CodeHit | null {
    if (where === 'file') {
      const text = this.ctx.file.withoutComments;
      const all = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      for (const match of text.matchAll(all)) {
        const start = text.lastIndexOf('\n', match.index - 1) + 1;
        const end = text.indexOf('\n', match.index);
        const line = this.ctx.file.lineAt(match.index);
        if (accept && !accept(text.slice(start, end === -1 ? text.length : end), match.index - start, line)) continue;
        return { text: match[1] ?? match[0], line };
      }
      return null;
    }
    const lines = where === 'before' ? this.linesBefore() : where === 'after' ? this.linesAfter() : this.lines();
    for (const { line, text } of lines) {
      const match = pattern.exec(text);
      if (match && (!accept || accept(text, match.index, line))) return { text: match[1] ?? match[0], line };
    }
    return null;
  }

  /**
   * For code of a module defined in a test file (a callback, a helper): the first match of
   * `pattern` in the tests that use that module, the test it is defined in, or the tests whose
   * text names it (jido's stand-in actions, thousand_island's handlers: a `:timeout` another
   * test expects of another module says nothing of this one). Undefined when no test names it:
   * it may be reached through a helper, and then the whole file counts.
   */
  findWhereUsed(pattern: RegExp): CodeHit | null | undefined {
    const file = this.ctx.file;
    let holder: SyntaxNode | null = this.ctx.site.node.parent;
    while (holder && !(holder.type === 'call' && isTestCall(holder))) holder = holder.parent;
    const regions: [number, number][] = holder ? [[holder.startIndex, holder.endIndex]] : [];
    const name = this.ctx.module?.replace(/^.*\./, '');
    if (!holder && name) {
      const text = file.withoutComments;
      // A test runs from its head to the next head or definition (a module defined between two tests is neither's).
      const marks = blockMarks(file);
      marks.forEach((mark, i) => {
        const end = marks[i + 1]?.at ?? text.length;
        if (mark.test && new RegExp(String.raw`\b${name}\b`).test(text.slice(mark.at, end))) regions.push([mark.at, end]);
      });
    }
    if (regions.length === 0) return undefined;
    for (const [start, end] of regions) {
      const match = pattern.exec(file.withoutComments.slice(start, end));
      if (match) return { text: match[1] ?? match[0], line: file.source.slice(0, start + match.index).split('\n').length };
    }
    return null;
  }

  /** `findWhereUsed` for a call of `category`. */
  callWhereUsed(category: ContextCategory): CodeHit | null | undefined {
    const pattern = this.vocabulary[category].callPattern;
    return pattern ? this.findWhereUsed(pattern) : undefined;
  }

  /** Lines of the enclosing test/setup/def, comments stripped. */
  lines(): BodyLine[] {
    if (this.linesCache) return this.linesCache;
    const unit = this.ctx.unit;
    if (!unit) return (this.linesCache = []);
    const first = lineOf(unit);
    this.linesCache = unit.text.split('\n').map((text, i) => ({ line: first + i, text: text.replace(/#.*$/, '') }));
    return this.linesCache;
  }

  linesBefore(): BodyLine[] {
    return this.lines().filter((l) => l.line < this.ctx.line);
  }

  linesAfter(): BodyLine[] {
    const end = this.ctx.site.node.endPosition.row + 1;
    return this.lines().filter((l) => l.line > end);
  }

  /** The comment block right above the sleep and a trailing comment on its line (`# let TTLs clear`). */
  commentAbove(): string | null {
    const file = this.ctx.file;
    // In reading order: the block above, top line first, then the trailing comment.
    const parts: string[] = [];
    // One blank line between the comment and the sleep leaves it the sleep's (`# time for pipeline to play`).
    const below = this.ctx.line > 1 && file.lineText(this.ctx.line - 1).trim() === '' ? this.ctx.line - 1 : this.ctx.line;
    for (let line = below - 1; line > 0 && line >= below - 4; line--) {
      const comment = /^\s*#(?!\s*(sleepless:|expect:))(.*)$/.exec(file.lineText(line));
      if (!comment) break;
      parts.unshift(comment[2]!);
    }
    const trailing = /#(?!\s*(?:sleepless:|expect:))(.*)$/.exec(file.lineText(this.ctx.line).slice(this.ctx.site.node.endPosition.column));
    if (trailing) parts.push(trailing[1]!);
    return parts.length > 0 ? parts.join(' ') : null;
  }

  /**
   * The comment above the statement that holds the sleep's loop, when the sleep opens that loop's
   * body (pulsar's "these go a millisecond apart" over `for … do Process.sleep(2); send(…) end`): what
   * the author says of the loop is said of the pause each round begins with. Null otherwise.
   */
  commentAboveLoop(): string | null {
    const loop = this.ctx.loops[0];
    if (!loop || this.ctx.before.some((statement) => statement.parent?.id === this.ctx.statement.parent?.id)) return null;
    const holder = enclosingStatement(loop.node);
    const file = this.ctx.file;
    const parts: string[] = [];
    for (let line = holder.startPosition.row; line > 0 && line >= holder.startPosition.row - 5; line--) {
      const comment = /^\s*#(?!\s*(sleepless:|expect:))(.*)$/.exec(file.lineText(line));
      if (!comment) break;
      parts.unshift(comment[2]!);
    }
    return parts.length > 0 ? parts.join(' ') : null;
  }

  /**
   * What the comments around the sleep say the check after it is for, when they say nothing should
   * have happened: "# Character should still be in cache (message was ignored)", "# Status should
   * remain cancelled", "assert it stayed gone". The quoted comment, or null. A poll for such a state passes at once.
   */
  nothingHappens(next: SyntaxNode | undefined): string | null {
    const between: string[] = [];
    for (let line = this.ctx.line + 1; next && line < next.startPosition.row + 1; line++) {
      const comment = /^\s*#(.*)$/.exec(this.ctx.file.lineText(line));
      if (comment) between.push(comment[1]!);
    }
    // Or the message of the check itself: queuetopia's `assert TestRepo.get(Job, id), "Job should
    // still exist before initial delay"`.
    const message = next && /^(?:assert|refute)$/.test(callName(next) ?? '') ? callArguments(next)[1] : undefined;
    if (message?.type === 'string') between.push(message.text.slice(1, -1));
    const said = [this.commentAbove() ?? this.paragraphHeading() ?? '', ...between].join(' ');
    // riverside's "check if total connection remains, but current connection is decremented": the
    // checks after it also look for a change.
    return UNCHANGED.test(said) && !CHANGES_TOO.test(said) ? said.trim() : null;
  }

  /**
   * The comment that opens the run of lines the sleep is in, a few statements up with no blank line
   * between (toniq's "# Jobs are not taken over while :other_vm is still reporting in", then three
   * `add_job`s and the sleep), or null.
   */
  private paragraphHeading(): string | null {
    const file = this.ctx.file;
    const parts: string[] = [];
    for (let line = this.ctx.line - 1; line > 0 && line >= this.ctx.line - 8; line--) {
      const text = file.lineText(line);
      if (text.trim() === '') break;
      const comment = /^\s*#(?!\s*(sleepless:|expect:))(.*)$/.exec(text);
      if (comment) parts.unshift(comment[2]!);
      else if (parts.length > 0) break;
    }
    return parts.length > 0 ? parts.join(' ') : null;
  }

  /** Failing that, the nearest comment earlier in its test that speaks of its sleeps (`# The sleeps are to ensure records get different timestamps`). */
  commentOnTheSleeps(): string | null {
    if (this.sleepsComment === undefined) this.sleepsComment = this.earlierComment(/\bsleeps?\b/i);
    return this.sleepsComment;
  }

  /** The nearest comment above the sleep in its test that `pattern` finds (its text after `#`), or null. */
  earlierComment(pattern: RegExp): string | null {
    const first = this.ctx.unit ? lineOf(this.ctx.unit) : this.ctx.line;
    for (let line = this.ctx.line - 1; line > first; line--) {
      const comment = /^\s*#(.*)$/.exec(this.ctx.file.lineText(line));
      if (comment && pattern.test(comment[1]!)) return comment[1]!;
    }
    return null;
  }

  private names(): { where: string; tokens: string[] }[] {
    if (this.namesCache) return this.namesCache;
    const { ctx } = this;
    const entries: [string, string | null][] = [
      ['test name', withoutLongNames(ctx.test)],
      ['describe', withoutLongNames(ctx.describe)],
      ['function name', ctx.unitKind === 'def' && ctx.unit && isStateFunction(ctx.unit) ? null : ctx.defName],
      // `@tag timeout: 60_000` is ExUnit's per-test time limit, not a hint about the code under test.
      ...ctx.tags.filter((t) => !/^timeout:/.test(t)).map((t): [string, string] => ['tag', tagWithoutData(t)]),
      // `to_timeout(second: 5)` converts a duration; it names no timeout the test expects.
      ['duration', ctx.site.duration?.text.replace(/\b(?:Kernel\.)?to_timeout\b/g, '') ?? null],
      ['comment', this.commentAbove()],
      // Says what the sleeps are for in so many words: what the code next to one does cannot overrule it.
      [SLEEPS_COMMENT, this.commentAbove() === null ? this.commentOnTheSleeps() : null],
      ['module', ctx.module],
      ['file name', ctx.file.rel.split('/').pop() ?? null],
    ];
    // Every sleep's duration is a duration, in some unit: `@sleep_duration` (SchedEx) or a mock's
    // `Process.sleep(milliseconds)` (elixir-omg) says nothing of measuring time.
    // A namespace of one word names the project (smartcitiesdata's `Reaper` app): it says nothing
    // of what a test in it waits for, wherever it is repeated (`reaper_test.exs`, "reaper starts…").
    const project = projectWord(ctx.module);
    this.namesCache = entries
      .filter((e): e is [string, string] => !!e[1])
      .map(([where, text]) => ({
        where,
        tokens: meaningful(words(withoutEventRetries(text))).filter((token) => token !== project && !(where === 'duration' && DURATION_ITSELF.test(token))),
      }));
    return this.namesCache;
  }
}

/**
 * A test's or describe's name without the long snake_case names in it: realtime's "metric
 * realtime_tenants_broadcast_from_database_latency_inserted_at exists after check" names a metric,
 * and its "inserted at" says nothing of what the test waits for. Six words or more make a name;
 * finch's "reports conn_max_idle_time_exceeded" still speaks.
 */
function withoutLongNames(name: string | null): string | null {
  return name && name.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+){5,}\b/g, ' ');
}

/** The match an `assert pattern = expression` makes, or null. */
function assertedMatch(statement: SyntaxNode): { left: SyntaxNode; right: SyntaxNode } | null {
  const match = assertionName(statement) === 'assert' ? binaryParts(callArguments(statement)[0] ?? statement) : null;
  return match?.op === '=' ? match : null;
}

/** A pattern's text without its pins and layout: `[^id]` and `[id]` match the same. */
function unpinned(pattern: SyntaxNode): string {
  return squeezed(pattern.text.replace(/\^/g, ''));
}

/**
 * "retry after" in prose before anything but a time, a window or a limit: "allows retry after queue
 * creation" is a retry once the queue is there, an event, not a Retry-After wait. Written as the
 * header or a field (`Retry-After`, `retry_after`), or before "the window", "a delay", "100 ms", it
 * stays one.
 */
const RETRY_AFTER_EVENT = /\b(retry)\s+after\s+(?!(?:(?:a|an|the|its|their|some)\s+)?(?:\d|(?:rate|limit\w*|window\w*|time|delay\w*|period\w*|interval\w*|duration|wait\w*|backoff|cool\s?downs?|(?:milli)?seconds?|ms|minutes?|hours?)\b))/gi;

/** `text` with "after" dropped from each "retry after" that speaks of an event (see RETRY_AFTER_EVENT). */
function withoutEventRetries(text: string): string {
  return text.replace(RETRY_AFTER_EVENT, '$1 ');
}

/**
 * Words before `rate` that make it how often something happens or how often it goes well
 * ("# Enough time for the poll rate to be triggered", realtime's metrics), not a rate limit.
 */
const COUNTED_RATE = new Set(['poll', 'polling', 'sample', 'sampling', 'frame', 'bit', 'baud', 'refresh', 'tick', 'error', 'success', 'failure', 'hit', 'miss', 'conversion', 'heart']);

/**
 * Words around `window` that make it a browser's or a screen's (wallaby's `window_handles(session)`;
 * quillex's "App Launch & Basic UI - Window Resize", a Scenic app's window resized), not a span of
 * time. Not "closes" or "opens" after it: a rate window closes and opens again too.
 */
const SCREEN_WINDOW_AFTER = new Set(['handle', 'handles', 'size', 'position', 'title', 'focus', 'frame', 'resize', 'resizes', 'resized', 'resizing', 'maximize', 'maximized', 'minimize', 'minimized', 'pane', 'panes', 'manager']);
const SCREEN_WINDOW_BEFORE = new Set(['browser', 'new', 'close', 'current', 'switch', 'focus', 'focused', 'active', 'popup', 'modal', 'resize', 'resized', 'maximize', 'maximized', 'minimize', 'minimized', 'open', 'main', 'parent', 'child']);

/**
 * Words that make `window` a count of messages in flight, a protocol's flow control (off_broadway_emqtt's
 * "broker respects max_inflight and does not send beyond the window"), not a span of time.
 */
const COUNT_WINDOW_BEFORE = new Set(['receive', 'send', 'tcp', 'flow', 'congestion', 'inflight', 'flight', 'credit']);
const IN_FLIGHT = new Set(['inflight', 'flight', 'unacked', 'credit', 'credits']);

/** The tokens that mean what the vocabulary means by them: not the rate of "poll rate", nor the window of "window handles" or of "max_inflight". */
function meaningful(tokens: string[]): string[] {
  const inFlight = tokens.some((token) => IN_FLIGHT.has(token));
  return tokens.filter(
    (token, i, all) =>
      !(token === 'rate' && COUNTED_RATE.has(all[i - 1] ?? '')) &&
      !(token === 'window' && (inFlight || SCREEN_WINDOW_AFTER.has(all[i + 1] ?? '') || SCREEN_WINDOW_BEFORE.has(all[i - 1] ?? '') || COUNT_WINDOW_BEFORE.has(all[i - 1] ?? ''))),
  );
}

/** The first segment of a nested module name when it is a single word (`Reaper.ProbeTest` → reaper). */
function projectWord(module: string | null): string | null {
  const dot = module?.indexOf('.') ?? -1;
  if (!module || dot <= 0) return null;
  const tokens = words(module.slice(0, dot));
  return tokens.length === 1 ? tokens[0]! : null;
}

const EFFECTS = {};
/** Call names (`Cache.purge(`) and atoms (`:sweep`); call names only. */
const CALLED_OR_SENT = /[A-Za-z_][\w.]*[?!]?(?=\()|(?<![\w:]):[a-z_]\w*/g;
const CALLED = /[A-Za-z_][\w.]*[?!]?(?=\()/g;

/** What each statement of the file does, by node id (a file is classified with one project's module index). */
function fileEffects(file: SourceFile): Map<number, StatementEffect | null> {
  return file.memo(EFFECTS, () => new Map<number, StatementEffect | null>());
}

interface OptionHit {
  text: string;
  ms: number | null;
}

// A call with a literal duration last (`Cache.expire(:a, 1000)`, `wait(x, :timer.seconds(1))`), and
// what every such line holds even before comments are cut and strings blanked: a cheap first test.
// A rate limiter's check or hit given its bucket, then the window, then the limit (`ExRated.check_rate(id, 1000, 2)`).
const RATE_CHECK = /\b([A-Za-z_][\w.]*\.)?(check_rate(?:_inc)?|hit|inspect_bucket)\(\s*[^,()]+,\s*([\d_]+|:timer\.\w+\(\d+\))\s*,[^()]*\)/;
const CALL_WITH_DURATION = /\b([A-Za-z_][\w.]*\.)?([a-z_]\w*)\([^()]*?,\s*([\d_]+|:timer\.\w+\(\d+\))\s*\)/;
// `Application.put_env(:app, :key, value)`, the value up to the call's end: group 1 the key, group 2 the value.
const PUT_ENV_SETTING = /\bApplication\.put_env\(\s*[^,()]+,\s*:([a-z_]\w*)\s*,\s*([^,()\n]+|:timer\.\w+\(\d[\d_]*\))\s*\)/;
const DURATION_ARGUMENT = /,\s*(?:[\d_]|:timer\.)/;
const STRING_LITERAL = /"(?:[^"\\\\]|\\\\.)*"/g;
/** `use`, `import`, `require` and `alias` lines. */
const DIRECTIVE = /^\s*(use|import|require|alias)\s/;

/** A helper that polls until a condition holds, whose options (`interval:`, `timeout:`) say how it polls. */
const POLLING_CALL = /^(?:[A-Z][\w.]*\.)?(?:assert_eventually|refute_eventually|eventually|wait_for\w*|wait_until\w*|poll_with_timeout|poll_until\w*|retry_until\w*|repeat_until\w*)$/;

/** Where a name word came from when a comment in the test states what its sleeps are for. */
export const SLEEPS_COMMENT = 'a comment on its sleeps';

/** What every option pattern needs: `name:` and a blank. */
const COLON_SPACE = /:\s/;

/**
 * The option each line of a file sets, per vocabulary category, read once per line: every site in
 * a file searches the same few hundred lines above its test. Lines are read as the search always
 * read them: a test's own lines as `unit.text` splits them (a \r before the \n kept), lines above
 * the test as `lineText` gives them.
 */
class OptionLines {
  private readonly hits = new Map<CompiledContext, (OptionHit | null | undefined)[]>();
  /** Per line: does it pass optionHit's first, category-free test (asked once, not per category)? 0 not yet asked, 1 no, 2 yes. */
  private candidates?: Uint8Array;
  /** Per line: is its option given to a polling helper (givenToAPoll)? 0 not yet asked, 1 no, 2 yes. */
  private polled?: Uint8Array;

  constructor(private readonly file: SourceFile) {}

  /**
   * The first line in `from`..`to` (inclusive) that sets an option of `context`. Given a sleep's
   * `sleepMs`, the option with the longest time that sleep outlasts comes first, when there is one.
   * `outsideTests`: `accept` turns down every line in another test, so the lines of the tests the
   * tree left out (most of a file, in a report) need not be read at all.
   */
  first(context: CompiledContext, from: number, to: number, ownLines: boolean, sleepMs: number | null, accept?: (line: number) => boolean, outsideTests = false): (OptionHit & { line: number }) | null {
    let byLine = this.hits.get(context);
    if (!byLine) this.hits.set(context, (byLine = new Array<undefined>(this.file.lineCount + 1).fill(undefined)));
    let first: (OptionHit & { line: number }) | null = null;
    let outlasted: (OptionHit & { line: number }) | null = null;
    const leftOut = outsideTests ? this.file.linesLeftOut : NO_LINES;
    let span = 0;
    for (let line = from; line <= to; line++) {
      while (span < leftOut.length && leftOut[span + 1]! < line) span += 2;
      if (span < leftOut.length && leftOut[span]! <= line) {
        line = leftOut[span + 1]!;
        continue;
      }
      if (!this.candidate(line)) continue;
      const raw = this.file.rawLine(line);
      let hit: OptionHit | null | undefined;
      // Only a line ending in \r reads differently in the two ways; it is rare enough to go uncached.
      if (ownLines && raw !== this.file.lineText(line)) hit = attributeValued(optionHit(this.file.lineWithoutComment(line, raw), context), this.file);
      else {
        hit = byLine[line];
        if (hit === undefined) hit = byLine[line] = attributeValued(optionHit(this.file.lineWithoutComment(line), context), this.file);
      }
      if (!hit || (accept && !accept(line)) || this.givenToAPoll(line, hit.text)) continue;
      if (sleepMs === null) return { ...hit, line };
      hit = inTheUnitTheSleepFits(hit, sleepMs);
      first ??= { ...hit, line };
      if (hit.ms != null && sleepMs >= hit.ms && (outlasted === null || hit.ms > outlasted.ms!)) outlasted = { ...hit, line };
    }
    return outlasted ?? first;
  }

  /**
   * Is the option `hit` on `line` given to a polling helper (snakepit's `assert_eventually(fn -> …
   * end, timeout: 1_000, interval: 10)`)? It sets how that poll runs, not a time the code under
   * test keeps. Asked of the tree, where the line is in it; once per line.
   */
  private givenToAPoll(line: number, hit: string): boolean {
    const polled = (this.polled ??= new Uint8Array(this.file.lineCount + 2));
    if (polled[line] === 0) {
      const at = this.file.rawLine(line).indexOf(`${hit.split(':')[0]}:`);
      let given = false;
      for (let node: SyntaxNode | null = at === -1 ? null : this.file.tree.rootNode.descendantForIndex(this.file.lineOffset(line) + at); node && node.type !== 'do_block'; node = node.parent) {
        if (node.type === 'call' && POLLING_CALL.test(callName(node) ?? '')) given = true;
      }
      polled[line] = given ? 2 : 1;
    }
    return polled[line] === 2;
  }

  /**
   * Whether a line could set an option or hold a duration call. Tested on the raw line, which
   * holds the line as `lineText` gives it: a line that fails here fails optionHit either way.
   */
  private candidate(line: number): boolean {
    const candidates = (this.candidates ??= new Uint8Array(this.file.lineCount + 2));
    if (candidates[line] === 0) {
      const raw = this.file.rawLine(line);
      // `use AssertEventually, interval: 1` configures a library for the module, not a time the test waits out.
      candidates[line] = (COLON_SPACE.test(raw) || DURATION_ARGUMENT.test(raw) || STRING_KEY.test(raw)) && !DIRECTIVE.test(raw) ? 2 : 1;
    }
    return candidates[line] === 2;
  }
}

const NO_LINES = new Int32Array(0);
const OPTION_LINES = {};
const HELPER_OPTIONS = {};
const DEFINED = {};
// Croma's `defun`, `defunp` and `defunpt` define functions too (tamagohan's raft).
const DEF_AT = /def(?:p|un|unp|unpt)?[ \t]+([a-z_]\w*[?!]?)/y;
/** A call by bare name (`remember(:b, 2)`), not `Mod.fun(`, `:erl.fun(` or `@attr(`. */
const LOCAL_CALL = /(?<![\w.:@])([a-z_]\w*[?!]?)\(/g;

/** The names of the functions a file defines (`def`/`defp`, Croma's `defun`s), read from its text once. */
export function definedFunctions(file: SourceFile): Set<string> {
  return file.memo(DEFINED, () => {
    // indexOf jumps between the few `def`s of a file; a regex would try every position.
    const names = new Set<string>();
    const { source } = file;
    for (let at = source.indexOf('def'); at !== -1; at = source.indexOf('def', at + 3)) {
      if (at > 0 && /\w/.test(source[at - 1]!)) continue;
      DEF_AT.lastIndex = at;
      const name = DEF_AT.exec(source)?.[1];
      if (name) names.add(name);
    }
    return names;
  });
}

/** The module-level functions of a file that set an option of `context` (their first), read once per file. */
function helperOptions(file: SourceFile, context: CompiledContext): { name: string; hit: OptionHit & { line: number } }[] {
  const byContext = file.memo(HELPER_OPTIONS, () => new Map<CompiledContext, { name: string; hit: OptionHit & { line: number } }[]>());
  let found = byContext.get(context);
  if (found) return found;
  found = [];
  const lines = optionLines(file);
  for (const { name, statement } of fileFunctions(file)) {
    let from = lineOf(statement);
    while (from > 1 && /^\s*@/.test(file.rawLine(from - 1))) from--;
    const hit = lines.first(context, from, statement.endPosition.row + 1, false, null);
    if (hit) found.push({ name, hit });
  }
  byContext.set(context, found);
  return found;
}

/** Statements that define a function, not a macro: `def`, `defp`, and Croma's typed `defun`s (tamagohan's raft). */
const FUNCTION_DEFINITIONS = new Set(['def', 'defp', 'defun', 'defunp', 'defunpt']);

/** The `def`/`defp` statements of the file's modules (those in describes too), with their names; read once per file. */
export function fileFunctions(file: SourceFile): { name: string; statement: SyntaxNode }[] {
  return file.memo(FUNCTIONS, () =>
    file.tree.rootNode.namedChildren.flatMap((module) => {
      const body = callName(module) === 'defmodule' ? doBlockOf(module) : null;
      return (body ? definingStatements(body) : []).flatMap((statement) => {
        const kind = callName(statement);
        const name = kind && FUNCTION_DEFINITIONS.has(kind) ? functionName(statement) : null;
        return name ? [{ name, statement }] : [];
      });
    }),
  );
}

const FUNCTIONS = {};

/**
 * Is `line` (1-based) inside a test or its `@tag`s: one the tree holds, or one the report parse left
 * out (then no statement covers the line, only the block around the gap)?
 */
/** The line of the first of the `@tag`s right above `unit` (comments between them passed over), or null when it has none. */
function firstTagLine(unit: SyntaxNode): number | null {
  let first: number | null = null;
  for (let s = unit.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (s.type === 'comment') continue;
    if (attributeCall(s)?.name !== 'tag') break;
    first = lineOf(s);
  }
  return first;
}

/** Is `line` (1-based) inside a test (or its `@tag`s)? Callers ask it of lines outside their own test. */
export function inAnotherTest(file: SourceFile, line: number): boolean {
  // Asked again by every later site of the file: 0 not yet asked, 1 no, 2 yes.
  const known = file.memo(IN_TEST, () => new Uint8Array(file.lineCount + 2));
  if (known[line] === 0) known[line] = readInTest(file, line) ? 2 : 1;
  return known[line] === 2;
}

const IN_TEST = {};

/**
 * Is `line` inside a module other than the test's own that the test never names? prom_ex's
 * `ManualPromExSetUp` sets `ets_flush_interval: 2_500` for the tests that start it, not for the
 * test beside them that starts `DefaultPromExSetUp`.
 */
function inAnotherModule(file: SourceFile, line: number, unit: SyntaxNode): boolean {
  for (let at: SyntaxNode | null = nodeStartingLine(file, line); at; at = at.parent) {
    if (at.type !== 'call' || callName(at) !== 'defmodule') continue;
    if (at.startIndex <= unit.startIndex && unit.endIndex <= at.endIndex) return false;
    const name = callArguments(at)[0]?.text.split('.').pop();
    return !!name && !unit.text.includes(name);
  }
  return false;
}

/** Is `line` inside a describe block (one the sleep is not in: the search stops above its own)? */
function inADescribe(file: SourceFile, line: number): boolean {
  const known = file.memo(IN_DESCRIBE, () => new Uint8Array(file.lineCount + 2));
  if (known[line] === 0) known[line] = enclosingDescribe(nodeStartingLine(file, line)) ? 2 : 1;
  return known[line] === 2;
}

const IN_DESCRIBE = {};

function enclosingDescribe(node: SyntaxNode | null): SyntaxNode | null {
  for (let at = node?.parent ?? null; at; at = at.parent) if (at.type === 'call' && callName(at) === 'describe') return at;
  return null;
}

/** The smallest node at the first non-blank character of `line`. */
/** Is `line` in a function definition other than `unit`, its head or its body, one that opens a block (`defmemo has_expire(pid), expires_in: 100 do`)? */
function inAnotherDefinition(file: SourceFile, line: number, unit: SyntaxNode): boolean {
  for (let at: SyntaxNode | null = nodeStartingLine(file, line); at; at = at.parent) {
    if (at.type !== 'call' || at.id === unit.id) continue;
    const name = callName(at);
    if (name && definesFunction(at, name) && at.namedChildren.some((child) => child.type === 'do_block')) return true;
  }
  return false;
}

function nodeStartingLine(file: SourceFile, line: number): SyntaxNode {
  const text = file.rawLine(line);
  return file.tree.rootNode.descendantForIndex(file.lineOffset(line) + (text.length - text.trimStart().length));
}

function readInTest(file: SourceFile, line: number): boolean {
  let node: SyntaxNode | null = nodeStartingLine(file, line);
  if (node.type === 'do_block' || node.type === 'source') return true;
  for (; node; node = node.parent) {
    if (node.type === 'call' && isTestCall(node)) return true;
    // A `@tag` belongs to the test below it (the report parse leaves it out with that test).
    if (node.type === 'unary_operator' && /^@tag\b/.test(node.text)) return true;
  }
  return false;
}

function optionLines(file: SourceFile): OptionLines {
  return file.memo(OPTION_LINES, () => new OptionLines(file));
}

/**
 * `ttl: 100` on a line, else a duration call named after the category; the option comes first.
 * `text` comes with its comment cut (`lineWithoutComment`: a `#` in a string is no comment), and
 * string literals are blanked here (`"ttl: 5"` names no option). Blanking never makes a match, so
 * a line that does not match as it comes is passed over without it.
 */
function optionHit(text: string, context: CompiledContext): OptionHit | null {
  const keyed = stringKeyOption(text, context);
  if (keyed) return keyed;
  // The long option alternation is tried at every position: only on lines with a colon and a
  // blank, where an option could start (about one line in four).
  if (!(COLON_SPACE.test(text) && optionMatch(text, context)) && !DURATION_ARGUMENT.test(text)) return null;
  const code = text.replace(STRING_LITERAL, '""');
  const match = optionMatch(code, context);
  if (match) {
    // The last option of a head that opens a block, `defmemo has_expire(pid), expires_in: 100 do`.
    const value = match[2]!.trim().replace(/\s+do$/, '');
    return { text: `${match[1]}: ${value}`, ms: keyedMs(match[1]!, value) };
  }
  // `Application.put_env(:logflare_logger_backend, :flush_interval, 900)`: a key and its value set
  // for the application, read as the option they are.
  const setting = PUT_ENV_SETTING.exec(code);
  const set = setting ? optionMatch(`${setting[1]}: ${setting[2]}`, context) : null;
  if (set) return { text: `${set[1]}: ${set[2]!.trim()}`, ms: windowOfKey(set[1]!) ?? (IN_SECONDS.test(set[1]!) ? secondsMs(set[2]!) : literalMs(set[2]!)) };
  // ExRated's and Hammer's `check_rate(id, 1000, 2)`: the window comes before the limit, last.
  const limited = RATE_CHECK.exec(code);
  if (limited && context.words(words(limited[2]!))) return { text: asWritten(text, RATE_CHECK, limited), ms: literalMs(limited[3]!) };
  const call = CALL_WITH_DURATION.exec(code);
  // `events_per_second_rate(id, 100)` is handed a count: the window is the second its name gives.
  // A number under 10 is no window a test sleeps past (adk's `KeyPool.record_rate_limited(pool, 1)`,
  // a key's index): an index, a count or a flag.
  const ms = call && context.words(words(call[2]!)) ? (windowOfKey(call[2]!) ?? literalMs(call[3]!)) : null;
  if (call && ms !== null && (ms >= 10 || windowOfKey(call[2]!) !== null)) return { text: asWritten(text, CALL_WITH_DURATION, call), ms };
  return null;
}

/** The milliseconds `value` sets under `key`: seconds, hertz or a window by the key's name, else a literal time. */
function keyedMs(key: string, value: string): number | null {
  return windowOfKey(key) ?? (IN_SECONDS.test(key) ? secondsMs(value) : IN_HERTZ.test(key) ? periodMs(value) : literalMs(value));
}

/**
 * `session_timeout: @session_timeout_ms`, the attribute set to `500` in the module (kayrock's chaos
 * tests keep their times in attributes): the option's time is the attribute's literal, read as that
 * literal written in its place would be.
 */
function attributeValued(hit: OptionHit | null, file: SourceFile): OptionHit | null {
  const written = hit?.ms === null ? /^([a-z_]\w*):\s*@([a-z_]\w*)$/.exec(hit.text) : null;
  const value = written ? file.attribute(written[2]!)?.text : undefined;
  const ms = value ? keyedMs(written![1]!, value) : null;
  return ms === null ? hit : { ...hit!, ms };
}

/**
 * A string key of a map that names an option, camelCase read as snake_case: helios's stream
 * metadata `%{"$maxAge" => 2}` (seconds), then a 3 s sleep before the events are checked gone.
 */
function stringKeyOption(text: string, context: CompiledContext): OptionHit | null {
  const keyed = text.includes('=>') ? STRING_KEY.exec(text) : null;
  if (!keyed) return null;
  const key = keyed[1]!.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const match = optionMatch(`${key}: ${keyed[2]!.trim()}`, context);
  if (!match) return null;
  // A map with string keys is a payload as an API writes it (OAuth's `"expires_in" => 7200`, an event
  // store's `"$maxAge" => 2`): its times are seconds unless the key says milliseconds.
  return { text: keyed[0], ms: windowOfKey(match[1]!) ?? (/(?:_ms|_millis(?:econds)?)$/.test(match[1]!) ? literalMs(match[2]!) : secondsMs(match[2]!)) };
}

/** `"$maxAge" => 2`, `"ttl" => 100`: a string key (a `$` before it allowed) and a number. */
const STRING_KEY = /"\$?([a-zA-Z_]\w*)"\s*=>\s*(\d[\d_.]*)\s*(?=[,}\]]|$)/;

/** The call `pattern` found in the cleaned line, quoted from the line as written (its strings whole), when the same call is found there. */
function asWritten(text: string, pattern: RegExp, found: RegExpExecArray): string {
  const written = pattern.exec(text);
  return written && written[2] === found[2] ? written[0] : found[0];
}

const MS_PER: Record<string, number> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000 };

/** `rate_limit_per_second: 5` counts requests; the window it sets is the unit its key (or function) names. */
function windowOfKey(key: string): number | null {
  const unit = /_per_(second|minute|hour)(?![a-z])/.exec(key)?.[1];
  return unit ? MS_PER[unit]! : null;
}

/** Keys whose number is a rate in hertz: led_blinker's PWM `frequency: 1`, whose period is 1000 ms. */
const IN_HERTZ = /^(?:frequency|\w+_frequency|hz|\w+_hz)$/;

/** `frequency: 2` → 500 ms, the period; null for what is not a positive number. */
function periodMs(text: string): number | null {
  const hz = Number(text.trim().replace(/_/g, ''));
  return hz > 0 ? Math.round(1000 / hz) : null;
}

/**
 * Keys whose number counts seconds: Phoenix.Token's and Plug's `max_age`, `reset_seconds`, `timeout_secs`,
 * and OAuth's `expires_in` (rubber_duck's contexts, `DateTime.add(now, expires_in, :second)`).
 */
const IN_SECONDS = /^(?:max_age|expires_in|\w*_seconds?|\w*_secs?)$/;
/** Keys some libraries count in milliseconds all the same: memoize's `expires_in: 100`, then a 120 ms sleep. */
const SECONDS_OR_MILLISECONDS = /^expires_in$/;

/**
 * `hit` read in milliseconds when its key may count either, and only so read is it a time the sleep
 * outlasts (memoize's `expires_in: 100` before 120 ms); else as its key says.
 */
function inTheUnitTheSleepFits(hit: OptionHit, sleepMs: number): OptionHit {
  const [, key, value] = /^(\w+):\s*(.*)$/.exec(hit.text) ?? [];
  if (!key || !SECONDS_OR_MILLISECONDS.test(key) || hit.ms == null || sleepMs >= hit.ms) return hit;
  const ms = literalMs(value!);
  return ms !== null && sleepMs >= ms ? { ...hit, ms } : hit;
}

/** `max_age: 0.1` → 100 ms; `max_age: 100` → 100 s. */
function secondsMs(text: string): number | null {
  const trimmed = text.trim().replace(/_/g, '');
  return /^\d+(?:\.\d+)?$/.test(trimmed) ? Math.round(Number(trimmed) * 1000) : null;
}

function literalMs(text: string): number | null {
  const trimmed = text.trim().replace(/_/g, '');
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const timer = /^:timer\.(second|minute|hour)s\((\d+)\)$/.exec(trimmed);
  if (timer) return Number(timer[2]) * MS_PER[timer[1]!]!;
  // Guardian's and Joken's `ttl: {1, :second}`.
  const tuple = /^\{\s*(\d+)\s*,\s*:(millisecond|second|minute|hour)s?\s*\}$/.exec(trimmed);
  if (tuple) return Number(tuple[1]) * MS_PER[tuple[2]!]!;
  // An expiry as a time from now (ex_aws's `expiration: System.os_time(:second) + 3600`): what is left of it.
  return clockAheadMs(text);
}

/** Words that say a check is that nothing changed, or that something should not happen ("# adding this link shouldn't trigger logging", fishjam's "# doesn't remove recordings if room exists"): a state that held before the sleep. */
// "Only the new notification remains" (blockscout) says the others went: a change, not nothing.
/** A comment that, beside what stays, names a change the checks look for: "…, but X is decremented". */
const CHANGES_TOO = /\bbut\b[^.]*\b(?:(?:de|in)cremented|changed|updated|removed|deleted|cleared|reset|dropped|increased|decreased|gone)\b/i;

// Not "still" before an arrival (xqlite's "The live listener must still get its event despite the dead one",
// loki_logger_handler's "must still deliver subsequent events"), nor before work done (resiliency's
// "# Function still executed to completion" after its caller gave up): that is an event to wait for.
// So is a record the code makes in the background, on a path that fails too (a request log's "the
// failed request should still be logged", "still be recorded", "still be written").
// "# A few dispatch rounds: nothing may send it" forbids as "must not be sent" does, with the subject turned round.
const UNCHANGED = /\b(still(?!\s+(?:gets?|receives?|arrives?|delivers?|be\s+(?:delivered|sent|received|logged|recorded|written|stored|saved)|fires?|sends?|emits?|executed|ran|completed?|completes|finish(?:ed|es))\b)|(?<!\bonly\b[^.]{0,40})remains?|stay(?:s|ed)?|keeps? (?:\w+ )?(?:dead|alive|running|stopped|gone|down|empty|closed)|no more \w+ (?:should|must|will|may|can)|unchanged|untouched|intact|no-?op|to not (?:run|happen|fire|trigger)|nothing (?:changes|changed|happens|happened|(?:may|must|should|shall) (?:be |get |have )?\w+)|absence|(?:erroneously|incorrectly|wrongly|accidentally)\)? (?:spawned|started|sent|inserted|created|scheduled)|should(?:'ve| have) (?:lived|survived|stayed alive)|not (?:be |get |been )?(?:removed|deleted|changed|cancell?ed|called|sent|applied|processed|expired|touched)|(?:shouldn't|should not|must not|mustn't|won't|will not|should never|must never) (?:be |get |have )?\w+|(?:ensure|make sure|verify|check|confirm)\b[^.]{0,40}\b(?:doesn't|does not|don't|do not|didn't|did not|never|isn't|is not|aren't|are not) (?:be |get |have )?\w+|(?:ensure|make sure|verify|check|confirm)(?: that)? (?:no|nothing|none)\b|(?:doesn't|does not|don't|do not|didn't|did not) (?:remove|delete|clear|drop|purge|evict|expire|kill|stop|overwrite|touch)\b)\b/i;

/** The 1-based first and last rows of the anonymous functions in `unit` that do not hold `sleep`. */
function otherFunctionRows(unit: SyntaxNode, sleep: SyntaxNode): [number, number][] {
  return unit
    .descendantsOfType('anonymous_function')
    .filter((fn) => !(fn.startIndex <= sleep.startIndex && sleep.endIndex <= fn.endIndex))
    .map((fn) => [fn.startPosition.row + 1, fn.endPosition.row + 1]);
}

/**
 * A tag as far as it names something: a key whose value is a list, map or tuple keeps only the key.
 * helen's `@tag init_add: [sensor_group: [name: [rc: :expired, temp_f: 0]]]` is fixture data, and
 * `:expired` in it says nothing of what the sleep waits for.
 */
function tagWithoutData(tag: string): string {
  const keyed = /^\s*(\w+):\s*(?:\[|%\{|\{|%[A-Z])/.exec(tag);
  return keyed ? keyed[1]! : tag;
}
