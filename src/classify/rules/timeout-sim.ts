import type { Rule } from '../rule.js';
import type { CodeHit, Signals } from '../signals.js';
import type { SiteContext } from '../../context/site-context.js';
import type { SyntaxNode } from '../../parse/parser.js';
import { callArguments, callNamesIn, line } from '../../parse/nodes.js';
import { overrunCall, simulatedWorkPlace } from './simulated-work.js';
import { looksReadOnly, mentions } from '../statements.js';
import { keptAliveOnly } from './spawned-work.js';
import { TIME_NAME } from '../timed-call.js';
import { DIRECT_MESSAGES, STATE_WRITES } from '../../context/elixir-facts.js';

// `field :timeout, :string` (an Absinthe schema) declares a name: no timeout is expected there.
// An error named for a timeout too (hexpm's `code: :dns_resolution_timeout`), or a timeout set by
// name (`Application.put_env(:hexpm, :sso_dns_timeout, 10)`).
const TIMEOUT_CODE = /((?<!\b(?:field|arg|value|enum|object)\s+):timeout\b|\{:error, :timeout\}|:timedout|:\w+_timeout\b(?!:)|\bexit\b.*timeout)/;
/** A timeout given as an option: `read_timeout: 100`, `timeout: 50`. */
const TIMEOUT_OPTION = /(\b\w*timeout:\s*\d[\d_]*)/;
// Words that name a timeout outright; softer ones (slow, delay) need a timeout in the code too.
const TIMEOUT_WORD = /^(time|timeout|timed|deadline)/;

/**
 * A line that expects what it names, not one that refutes it (finch's `refute_receive {…, {:shutdown,
 * :idle_timeout}}`), nor the test's own head (req's `test ":receive_timeout" do`: the name already
 * counts as a name, and the code that expects the timeout is further down).
 */
const expectsIt = (line: string): boolean => !/^\s*refute/.test(line) && !testHead(line) && !answersIt(line);

/**
 * A one-line function whose answer is the timeout (kafee's retry helper gives up with `defp
 * poll_until_offset_tick(_, _, _, 0), do: {:error, :timeout}`): a value it hands back, not one the test expects.
 */
const answersIt = (line: string): boolean => /^\s*defp?\s+[a-z_]\w*[?!]?\s*(?:\(.*\))?\s*,\s*do:/.test(line);

const testHead = (line: string): boolean => /^\s*(?:test|describe|property|feature)\s*\(?\s*"/.test(line);

/**
 * A call of the category's that expects a timeout: `Task.yield(task, 10)` and `Task.yield_many(tasks,
 * 50)` only when given a time of their own; with none (`[_, _] = Task.yield_many([t1, t2])`,
 * nebulex) they collect results, waiting up to five seconds.
 */
const expectsTimeout = (line: string, at: number): boolean => {
  // `refute Task.yield(task, 10)` expects the timeout: nothing back in time.
  if (testHead(line) || answersIt(line)) return false;
  const yielded = /^Task\.yield(?:_many)?\(/.exec(line.slice(at));
  if (!yielded) return true;
  // `task |> Task.yield(10)`: the piped task is the first argument, so any argument is the time.
  const piped = /\|>\s*$/.test(line.slice(0, at));
  return piped ? !/^\s*\)/.test(line.slice(at + yielded[0].length)) : hasSecondArgument(line, at + yielded[0].length);
};

/** Do the arguments opened just before `from` hold a comma at their own depth (a second argument)? */
function hasSecondArgument(line: string, from: number): boolean {
  let depth = 0;
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return false;
      depth--;
    } else if (c === ',' && depth === 0) return true;
  }
  return false;
}

/**
 * The timeout the tests that use a stand-in module expect: a call, a `:timeout`, or an option they
 * give it (thousand_island's `start_handler(Slow, read_timeout: 100)`) when the sleep comes near it
 * (sentry's 100 ms job says nothing of a `timeout: 500` for collecting reports). Null when they
 * expect none; undefined when no test names the module.
 */
function timeoutWhereUsed(signals: Signals, ctx: SiteContext): CodeHit | null | undefined {
  const code = signals.findWhereUsed(TIMEOUT_CODE);
  if (code === undefined) return undefined;
  return signals.callWhereUsed('timeout_sim') ?? code ?? nearTimeout(signals.findWhereUsed(TIMEOUT_OPTION), ctx) ?? null;
}

/**
 * A timeout option found, when the sleep's length is unknown or at least half of it; else null. A
 * length read off a field (`Process.sleep(payload.ms)`) is the one the option's line hands that
 * field, when it does: safe_rpc's `SafeRPC.call(client, :sleep, %{ms: 1_000}, timeout: 5_000)`
 * sleeps 1 s well inside its 5 s, which is a ceiling, not the timeout under test.
 */
function nearTimeout(hit: CodeHit | null | undefined, ctx: SiteContext): CodeHit | null | undefined {
  if (!hit) return hit;
  const field = typeof ctx.duration === 'number' ? null : /\.([a-z_]\w*)$/.exec(ctx.site.duration?.text ?? '')?.[1];
  const handed = field ? new RegExp(String.raw`\b${field}:\s*(\d[\d_]*)\b`).exec(ctx.file.lineText(hit.line)) : null;
  const duration = handed ? Number(handed[1]!.replace(/_/g, '')) : ctx.duration;
  if (typeof duration !== 'number') return hit;
  const ms = Number(/(\d[\d_]*)$/.exec(hit.text)![1]!.replace(/_/g, ''));
  return duration * 2 >= ms ? hit : null;
}

export const timeoutSim: Rule = {
  id: 'timeout-sim',
  verdict: 'legitimate',
  produces: 'timeout_sim',
  summary: 'simulated slow work inside a callback or process so that a timeout fires',
  explanation:
    'A sleep inside a GenServer callback, a spawned function, a task or a mock makes that code slow on purpose, so the test can ' +
    'check what happens when a call times out. It does not delay the test beyond the timeout under test. Recognised by where the ' +
    'sleep runs (not the test process) plus a timeout signal: a name mentioning a timeout or deadline, or catch_exit, Task.yield, ' +
    'a :timeout result in the test; or, in the test process too, by a function handed to a call given a `timeout:` the sleep ' +
    'outlasts (`Repo.transaction(fn -> Process.sleep(1000) end, timeout: 100)`).',
  example: {
    before: 'def handle_call(:slow, _from, state) do\n  Process.sleep(200)\n  {:reply, :ok, state}\nend\n…\nassert {:timeout, _} = catch_exit(GenServer.call(pid, :slow, 50))',
    after: '# unchanged: the sleep makes the 50 ms call time out',
  },
  decide(ctx, signals) {
    const place = simulatedWorkPlace(ctx);
    if (!place) {
      const overrun = overrunCall(ctx);
      if (overrun) return { category: 'timeout_sim', confidence: 'high', reason: `slow work ${overrun.place}: the sleep makes the call overrun its limit`, evidence: [overrun.line] };
      return outlastedTimeout(ctx, signals);
    }
    const word = signals.nameWord('timeout_sim');
    // A callback of a module defined in a test file serves the tests that use it: look for the
    // timeout there, or file-wide when no test names the module.
    const fileWide = (ctx.runsIn === 'callback' || ctx.runsIn === 'helper') && ctx.file.isTestModuleFile;
    const where = fileWide ? 'file' : 'anywhere';
    const usedHit = fileWide ? timeoutWhereUsed(signals, ctx) : undefined;
    // Or a `timeout:` the test gives a call that the sleep comes near (mbta's Lasso handler sleeps
    // 1000 ms, then `Fetch.Worker.fetch_url(pid, timeout: 100, …)`).
    // Not for a process that only sleeps (kazan's stand-in consumer, `spawn(fn -> :timer.sleep(10_000) end)`):
    // it takes part in no request whose `recv_timeout:` could run out on it.
    const optionCounts = !fileWide && !keptAliveOnly(ctx);
    const hit = usedHit !== undefined ? usedHit : (signals.call('timeout_sim', where, expectsTimeout) ?? signals.find(TIMEOUT_CODE, where, expectsIt) ?? (optionCounts ? nearTimeout(signals.find(TIMEOUT_OPTION, where, expectsIt), ctx) : null) ?? null);
    if (word && hit) {
      return { category: 'timeout_sim', confidence: 'high', reason: `slow work ${place}; ${word.where} mentions “${word.word}” and line ${hit.line} expects a timeout (\`${hit.text}\`)`, evidence: [hit.line] };
    }
    if (hit) return { category: 'timeout_sim', confidence: 'medium', reason: `slow work ${place}; line ${hit.line} expects a timeout (\`${hit.text}\`)`, evidence: [hit.line] };
    if (word && word.where !== 'tag' && TIMEOUT_WORD.test(word.word)) {
      return { category: 'timeout_sim', confidence: 'medium', reason: `slow work ${place}; ${word.where} mentions “${word.word}”` };
    }
    return null;
  },
};

/**
 * BlockingQueue's "pop on empty queue can wait beyond GenServer call timeout": `Task.async(fn ->
 * BlockingQueue.pop(pid, 5) end)`, then a 10 ms sleep, then the push the pop waits for. The sleep
 * outlasts a time limit handed to a call still running in a function the test handed off, before
 * the next line gives that call what it waits for, in a test named for a timeout: it lets the limit
 * pass on purpose, which a wait for an event would not.
 */
function outlastedTimeout(ctx: SiteContext, signals: Signals): ReturnType<Rule['decide']> {
  const next = ctx.after[0];
  const word = next ? signals.nameWord('timeout_sim') : null;
  if (!next || !word || word.where !== 'test name' || !TIMEOUT_WORD.test(word.word) || typeof ctx.duration !== 'number') return null;
  // A next line that only checks (`assert Counter.value(agent) == 1`) gives the call nothing: the
  // sleep waits for the work handed off to end.
  if (looksReadOnly(next)) return null;
  for (const statement of ctx.before.slice(0, 3)) {
    for (const { name, node } of callNamesIn(statement)) {
      const args = callArguments(node);
      const [target] = args;
      const limit = args.at(-1);
      if (limit?.type !== 'integer' || args.length < 2 || !inHandedFunction(node, statement) || !lastMayBeALimit(name, args.length, signals)) continue;
      const ms = Number(limit.text.replace(/_/g, ''));
      // Only when the next line is what the call waits on, done to the same process (the push to
      // the queue the pop waits on): newrelic's sleep past a `GenServer.call(…, 50)` in a spawned
      // process waits for the error it leaves to be reported, which the next line waits for itself.
      if (ms > 0 && ms < ctx.duration && (target!.type === 'identifier' || target!.type === 'alias') && mentions(next, target!.text)) {
        return { category: 'timeout_sim', confidence: 'medium', reason: `outlasts the ${ms} ms limit handed to \`${name}\` on line ${line(node)}, which runs on in the function handed off there, before line ${line(next)} gives it what it waits for; ${word.where} mentions “${word.word}”`, evidence: [line(node), line(next)] };
      }
    }
  }
  return null;
}

/**
 * Can the literal last argument of `call` be a time limit? Not the message a send hands over
 * (`send(parent, 1)`), nor the slot, key or amount of a write to a counter or table, which returns at
 * once (resiliency's `:counters.add(counter, 1, 1)` as the last step of work that outlives its caller:
 * slot 1, plus 1; `:ets.update_counter(tab, :k, 1)`), nor what the project's function names otherwise
 * (`incr(agent, by)`).
 */
function lastMayBeALimit(call: string, arity: number, signals: Signals): boolean {
  if (DIRECT_MESSAGES.has(call) || STATE_WRITES.test(call)) return false;
  const parameter = signals.parameterName(call, arity - 1, arity);
  return parameter === null || TIME_NAME.test(parameter);
}

/** Is `node` inside an anonymous function within `statement` (work handed off, not a call the test made and got back)? */
function inHandedFunction(node: SyntaxNode, statement: SyntaxNode): boolean {
  for (let at = node.parent; at && at.id !== statement.id; at = at.parent) if (at.type === 'anonymous_function') return true;
  return false;
}
