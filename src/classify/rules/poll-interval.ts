import type { Rule } from '../rule.js';
import { assertionName, mentions } from '../statements.js';
import type { SyntaxNode } from '../../parse/parser.js';
import { binaryParts, callArguments, callName, callNamesIn, codeText, ownerCall, statementsOf } from '../../parse/nodes.js';
import { functionName, type SiteContext } from '../../context/site-context.js';

// What lets a clause that calls itself stop as soon as its condition holds: a branch, or a rescue.
const DECIDES = /\b(if|unless|case|cond|with|receive|rescue|catch|try)\b|&&|\|\||\bwhen\b/;

/** A clause guard that compares counters with numbers only (`when remaining_count > 0 do`). */
const COUNTING_GUARD = /\bwhen\s+\w+\s*(?:===?|!==?|>=?|<=?)\s*\d[\d_]*(?:\s+(?:and|or)\s+\w+\s*(?:===?|!==?|>=?|<=?)\s*\d[\d_]*)*\s+do\b/g;

// Loops that stop as soon as a condition holds: a sleep inside them is the pause between checks.
export const HALTING_LOOPS = new Set(['Enum.reduce_while', 'Enum.flat_map_reduce', 'Enum.find', 'Enum.find_value', 'Enum.any?', 'Enum.all?', 'Enum.take_while', 'Stream.repeatedly', 'Stream.iterate', 'Stream.take_while', 'Stream.cycle', 'Stream.interval', 'Stream.unfold']);

// Something in the helper that checks or repeats: a branch or a loop (recursion is checked apart).
const RETRIES = /\b(if|unless|case|cond|with|receive|for)\b|\b(Enum|Stream)\.\w+|reduce_while/;

export const pollInterval: Rule = {
  id: 'poll-interval',
  verdict: 'legitimate',
  produces: 'poll_interval',
  summary: 'the pause between checks inside a polling helper or loop',
  explanation:
    'A helper such as wait_until/2 or eventually/1 calls a condition, sleeps a little and tries again until the condition holds ' +
    'or a deadline passes. The sleep is the poll interval: the helper returns as soon as the condition is true, so it is not a fixed wait. ' +
    'Recognised by the helper name (allowlist.json, poll_interval.functions), by a function that calls itself, by a halting loop ' +
    '(Enum.reduce_while, Enum.find, Stream.repeatedly…), or, for a function that only sleeps, by the project\'s own loop it is handed to ' +
    '(`while(pred, fn -> Process.sleep(50) end)`, which calls itself again on what pred answers).',
  example: {
    before: 'defp eventually(fun, tries \\\\ 50) do\n  if fun.(), do: :ok, else: (Process.sleep(10); eventually(fun, tries - 1))\nend',
    after: '# unchanged: the 10 ms is the interval between checks',
  },
  decide(ctx, signals) {
    const named = signals.functionName('poll_interval');
    // A helper named wait_for_x whose body is only the sleep is a fixed wait in disguise, not a poller.
    // (Read only for a helper so named: the text of a whole test is long.)
    const body = named ? (ctx.unit?.text.replace(ctx.site.node.text, '') ?? '') : '';
    // Asked only in a function: blanking a whole test's comments walks all of it.
    const recursive = ctx.defName !== null && timesCalled(ctx.defName, ctx) > 1;
    // In a branch that does not go round again (`:ok -> … Process.sleep(5000) …`): a settling wait once
    // the condition held, not the interval between tries.
    if (recursive && settlesInBranch(ctx.site.node, ctx.unit, ctx.defName!)) return null;
    // `Enum.find_value(1..100, fn _ -> if ready?() do Process.sleep(10); true else … end end)`: the
    // branch that stops the loop waits once more, to settle (task_bunny).
    const loop = ctx.enclosedBy.find((name) => HALTING_LOOPS.has(name));
    if (loop && (endsTheLoop(ctx.site.node, loop) || cutByCount(ctx.site.node, loop))) return null;
    // `Enum.any?(1..10, fn _ -> Process.sleep(100); assert … = State.fetch!(…) end)` (ae_mdw): an
    // assertion's value is truthy or it raises, so the loop never goes round on a false condition.
    if (loop && VALUE_DECIDES.has(loop) && assertsLast(ctx.site.node, loop)) return null;
    // Right after a kill (rabbitmq's `Process.exit(pid, :foo); :timer.sleep(5000); force_vhost_failure(…)`):
    // each round waits for what the kill sets off, a restart, not for the next look.
    const previous = ctx.before[0];
    if (previous && previous.text.includes('exit') && signals.effect(previous)?.kind === 'kill') return null;
    // Not recursive, the helper repeats only in its loops: a sleep outside them (after the loop,
    // `:timer.sleep(20)` "for the last message") is a fixed wait its callers sit through.
    const callsItself = selfCalling(ctx.unit, ctx.unitKind === 'def' ? ctx.defName : null);
    const partner = ctx.unitKind === 'def' ? loopPartner(ctx.unit, ctx.defName) : null;
    // ex_mmo_cluster's `poll = fn poll -> case resolve(…) do {:ok, _} = ok -> ok; :error -> … Process.sleep(10); poll.(poll) end end`:
    // an anonymous function that calls itself through its argument, until a branch stops it.
    const closure = selfCallingClosure(ctx.site.node);
    const inLoop = recursive || callsItself || partner !== null || closure !== null || ctx.loops.length > 0 || ctx.enclosedBy.some((name) => LOOPING.test(name));
    if (named && RETRIES.test(body) && !inLoop) return null;
    if (named && (RETRIES.test(body) || recursive)) {
      return { category: 'poll_interval', confidence: 'high', reason: `interval inside polling helper \`${named}\`` };
    }
    // `assertion.(); :timer.sleep(10); repeatedly(assertion, retries - 1)`: nothing in the clause
    // decides to stop early, so every call sleeps all its rounds (appsignal's "keeps holding" helper).
    // journey's `defp keep_advancing(execution, n) when n > 0 do :timer.sleep(1000); … |> keep_advancing(n - 1) end`:
    // a guard that only counts rounds decides nothing either.
    // But when each round runs a check it is handed (`assertion.()`), the helper checks that the
    // condition keeps holding over its rounds, and the sleep is the interval between the looks.
    if (callsItself && !DECIDES.test(ctx.unit!.text.replace(COUNTING_GUARD, ' do'))) {
      const check = handedCheck(ctx.unit!, ctx.defName!);
      return check ? { category: 'poll_interval', confidence: 'medium', reason: `interval inside \`${ctx.defName}\`, which runs \`${check}\` it is handed each round: a check that the condition keeps holding` } : null;
    }
    if (callsItself) return { category: 'poll_interval', confidence: 'medium', reason: `interval inside \`${ctx.defName}\`, which calls itself until done` };
    if (closure && DECIDES.test(closure.fn.text)) return { category: 'poll_interval', confidence: 'medium', reason: `interval inside a function that calls itself through its argument (\`${closure.param}.(${closure.param})\`) until done` };
    // citrine's `while(fn -> length(Scheduler.list_jobs()) == 0 end, fn -> Process.sleep(50) end)`: a
    // sleep that is all of a function handed to a loop of the project's, one that runs it and calls
    // itself again on what the other function it is handed answers (not one that runs it once, or n times).
    const handed = wholeHandedFunction(ctx);
    const condition = handed ? signals.loopCondition(handed.call, handed.position, handed.arity) : null;
    if (handed && condition) return { category: 'poll_interval', confidence: 'medium', reason: `interval inside \`${handed.call}\`, which runs the function it is handed and goes round again on what \`${condition}\`, also handed to it, answers` };
    if (partner) return { category: 'poll_interval', confidence: 'medium', reason: `interval inside \`${ctx.defName}\`, which loops through \`${partner}\` until done` };
    if (loop) return { category: 'poll_interval', confidence: 'medium', reason: `interval inside a \`${loop}\` loop that stops when its condition holds` };
    // vibe's `defp eventually(fun) do fun.() rescue ExUnit.AssertionError -> Process.sleep(20); fun.() end`:
    // the sleep runs only once a try has failed, before the next.
    if (ctx.unitKind === 'def' && retriedAfterRescue(ctx.site.node, ctx.unit, ctx.defName)) {
      return { category: 'poll_interval', confidence: 'medium', reason: `interval inside \`${ctx.defName}\`, which tries again when a try raises` };
    }
    // gcp_grpc_pubsub's `pull_attempt`, the step `Enum.reduce_while(1..n, [], &pull_attempt(…))` is
    // handed: `{:ok, []} -> :timer.sleep(500); {:cont, acc}`, and `{:halt, all}` once messages came.
    if (ctx.unitKind === 'def' && continuesAfter(ctx) && /\{\s*:halt\b/.test(ctx.unit!.text)) {
      return { category: 'poll_interval', confidence: 'medium', reason: `interval inside \`${ctx.defName}\`, a step of a reduce_while that goes on with \`{:cont, …}\` until it halts` };
    }
    // `Stream.repeatedly(read) |> Stream.take_while(&(&1 == :rebalancing)) |> Enum.each(fn _ -> Process.sleep(5) end)`
    // (realtime's muster): the stream ends when its condition fails, and the each only paces it.
    const halting = ctx.loops[0] ? haltingStreamBefore(ctx.loops[0].node) : null;
    if (halting) return { category: 'poll_interval', confidence: 'medium', reason: `interval between the reads of a \`${halting}\` stream that ends when its condition fails` };
    return null;
  },
};

/**
 * The parameter of `fun` that its clause calls as a function (`assertion.()`, appsignal's
 * `repeatedly(assertion, retries)`), or null: a check the caller hands in, run every round.
 */
function handedCheck(unit: SyntaxNode, fun: string): string | null {
  const head = callArguments(unit)[0];
  const params = head?.type === 'call' && callName(head) === fun ? callArguments(head).filter((p) => p.type === 'identifier').map((p) => p.text) : [];
  return params.find((param) => new RegExp(String.raw`(?<![\w.])${param}\.\(`).test(unit.text)) ?? null;
}

/** The call the sleep is handed to as the one statement of an anonymous function, with its place among the call's arguments. */
function wholeHandedFunction(ctx: SiteContext): { call: string; position: number; arity: number } | null {
  const body = ctx.statement.parent;
  const fn = body?.parent?.parent;
  if (!ctx.statementIsTheWait || body?.type !== 'body' || fn?.type !== 'anonymous_function' || fn.namedChildren.length !== 1 || statementsOf(body).length !== 1) return null;
  const owner = ownerCall(fn);
  const call = owner ? callName(owner) : null;
  if (!owner || !call) return null;
  // Piped into the call, the function is one place further on (as helperRunsInPlace counts).
  const pipe = owner.parent?.type === 'binary_operator' ? binaryParts(owner.parent) : null;
  const piped = pipe?.op === '|>' && pipe.right.id === owner.id ? 1 : 0;
  const args = callArguments(owner);
  return { call, position: args.findIndex((a) => a.id === fn.id) + piped, arity: args.length + piped };
}

/** Is the sleep followed, last in its block, by `{:cont, …}`: the step of a reduce_while going round again? */
function continuesAfter(ctx: SiteContext): boolean {
  const last = ctx.after.at(-1);
  return !!last && last.parent?.id === ctx.statement.parent?.id && last.type === 'tuple' && last.namedChildren[0]?.text === ':cont';
}

// Calls whose function argument runs again and again: the helper's loops.
const LOOPING = /^(Enum|Stream)\.|reduce_while|^Task\.async_stream$/;

/**
 * Is `sleep` in a branch, inside the function handed to halting loop `loop`, that stops the loop: one
 * whose value is `{:halt, …}` (reduce_while), or a truthy literal (`true`, `:ok`) or the value its if
 * found (find and find_value)?
 */
function endsTheLoop(sleep: SyntaxNode, loop: string): boolean {
  let branch: SyntaxNode | null = null;
  for (let node = sleep.parent; node; node = node.parent) {
    if (node.type === 'anonymous_function') {
      if (!branch || callName(ownerCall(node) ?? node) !== loop) return false;
      const body = branch.type === 'stab_clause' ? branch.namedChildren.find((c) => c.type === 'body') : branch;
      // An if's do_block holds its else_block after the statements of the first branch.
      const last = body?.namedChildren.filter((c) => !c.type.endsWith('_block') && c.type !== 'comment').pop()?.text ?? '';
      if (/reduce/.test(loop)) return /^\{\s*:halt\b/.test(last);
      // `if pid = Process.whereis(name) do … pid`: the value the if found, truthy there.
      const found = branch.type === 'do_block' ? binaryParts(callArguments(branch.parent!)[0] ?? branch) : null;
      return /^(true|:(?!nil\b|false\b)\w+|\d[\d_]*)$/.test(last) || (found?.op === '=' && found.left.text === last);
    }
    const branching = (node.type === 'stab_clause' && node.parent?.type !== 'anonymous_function') || node.type === 'else_block' || (node.type === 'do_block' && callName(node.parent!) === 'if');
    if (!branch && branching) branch = node;
  }
  return false;
}

/** Endless streams: what ends them is what the pipeline takes from them. */
const ENDLESS_STREAMS = new Set(['Stream.repeatedly', 'Stream.iterate', 'Stream.cycle', 'Stream.interval']);
/** What takes a count of a stream's elements, whatever they hold. */
const TAKES_A_COUNT = /^(?:Enum|Stream)\.take$/;

/**
 * Is the endless stream the sleep is in cut only by a count, `|> Enum.take(20)`, with nothing in the
 * pipeline that stops on a condition? Its rounds all run (CaptainFact's `Stream.repeatedly(fn -> sleep;
 * Task.async(…) end) |> Enum.take(nb_threads)`, spacing out requests): no poll.
 */
function cutByCount(sleep: SyntaxNode, loop: string): boolean {
  if (!ENDLESS_STREAMS.has(loop)) return false;
  let fn: SyntaxNode | null = sleep.parent;
  while (fn && !(fn.type === 'anonymous_function' && callName(ownerCall(fn) ?? fn) === loop)) fn = fn.parent;
  const stream = fn && ownerCall(fn);
  if (!stream) return false;
  let counted = false;
  for (let node = stream.parent; node && binaryParts(node)?.op === '|>'; node = node.parent) {
    const right = binaryParts(node)!.right;
    const name = right.type === 'call' ? callName(right) : null;
    if (name && TAKES_A_COUNT.test(name)) counted = true;
    else if (name && (HALTING_LOOPS.has(name) || HALTING_STREAM.test(name))) return false;
  }
  return counted;
}

/** Streams that end on a condition, piped into the loop that holds a sleep. */
const HALTING_STREAM = /\b(Stream\.take_while|Stream\.transform|Stream\.unfold|Stream\.resource)\b/;

/** The halting stream call piped into `loop` (the loop is the pipe's right side), or null. */
function haltingStreamBefore(loop: SyntaxNode): string | null {
  const pipe = loop.parent ? binaryParts(loop.parent) : null;
  if (pipe?.op !== '|>' || pipe.right.id !== loop.id) return null;
  return HALTING_STREAM.exec(pipe.left.text)?.[1] ?? null;
}

/** Halting loops that go round again on what their function returns. */
const VALUE_DECIDES = new Set(['Enum.find', 'Enum.find_value', 'Enum.any?', 'Enum.all?', 'Enum.take_while', 'Stream.take_while']);

/** Is the last statement of the function handed to `loop`, around `sleep`, an assertion (assert, refute, assert_receive…)? */
function assertsLast(sleep: SyntaxNode, loop: string): boolean {
  for (let node = sleep.parent; node; node = node.parent) {
    if (node.type !== 'anonymous_function') continue;
    if (callName(ownerCall(node) ?? node) !== loop) return false;
    const clauses = node.namedChildren.filter((c) => c.type === 'stab_clause');
    const body = clauses.length === 1 ? clauses[0]!.namedChildren.find((c) => c.type === 'body') : undefined;
    const last = body?.namedChildren.filter((c) => c.type !== 'comment').pop();
    return assertionName(last) !== null;
  }
  return false;
}

/** The anonymous function around `node` that calls itself through its first parameter (`fn poll -> … poll.(poll) end`), with that name. */
function selfCallingClosure(node: SyntaxNode): { fn: SyntaxNode; param: string } | null {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    if (n.type !== 'anonymous_function') continue;
    const param = n.namedChildren[0]?.childForFieldName('left')?.namedChildren[0];
    if (param?.type === 'identifier' && n.text.includes(`${param.text}.(${param.text}`)) return { fn: n, param: param.text };
  }
  return null;
}

/** Does the body of def `unit` (never its head: `def query(n), do: Process.sleep(n)`) call `defName`? */
function selfCalling(unit: SyntaxNode | null, defName: string | null): boolean {
  if (!unit || !defName) return false;
  const doBlock = unit.namedChildren.find((c) => c.type === 'do_block');
  const bodies = doBlock ? [doBlock] : callArguments(unit).slice(1);
  const callsItself = callOf(defName);
  return bodies.some((body) => mentions(body, defName) && callsItself.test(codeText(body)));
}

/**
 * How often the unit around the sleep calls `name`, the sleep left out. The name as a whole word:
 * horde's `await_replication` calls `do_await_replication(…)`, not itself. In code only: `# Allow
 * refresh to complete` above the sleep is no call of `refresh`.
 */
function timesCalled(name: string, ctx: SiteContext): number {
  return ctx.unit ? (codeText(ctx.unit).replace(ctx.site.node.text, '').match(callOf(name, 'g'))?.length ?? 0) : 0;
}

/**
 * A call of function `name` by itself: `name(…)`, or `name arg, …` without parentheses (singyeong's
 * `wait_for_activation node, tries_remaining - 1`); not `name do` or `name when …` of a head.
 */
function callOf(name: string, flags = ''): RegExp {
  return new RegExp(`(?<![\\w.:])${name.replace(/[?!]/g, '\\$&')}(?:\\(|[ \\t]+(?!do\\b|when\\b)(?=[\\w@:"'\\[{%&^-]))`, flags);
}

const STATEMENT_BLOCKS = new Set(['body', 'do_block', 'else_block', 'source']);
const ALTERNATIVES = new Set(['stab_clause', 'else_block', 'do_block']);
const HANDLERS = new Set(['else_block', 'catch_block', 'rescue_block']);

/**
 * Is `sleep` inside a case/cond/with clause or if branch of `unit` from which the function never
 * calls `defName` again: not in the branch, nor after the branching call in the blocks around it?
 */
function settlesInBranch(sleep: SyntaxNode, unit: SyntaxNode | null, defName: string): boolean {
  const again = callOf(defName);
  let branch: SyntaxNode | null = null;
  for (let node = sleep.parent; node && node.id !== unit?.id; node = node.parent) {
    if (!branch && (node.type === 'stab_clause' || node.type === 'else_block' || (node.type === 'do_block' && callName(node.parent!) === 'if'))) {
      // An if's do_block holds its else_block too, which is the other branch, not this one's (kafka_ex's
      // `if active?(pid) do Process.sleep(500); :ok else … do_wait_for_active(…) end`).
      const own = node.type === 'do_block' ? node.namedChildren.filter((c) => c.type !== 'else_block') : [node];
      if (own.some((part) => again.test(codeText(part)))) return false;
      branch = node;
    }
    // What runs after the branching construct, in each block of statements around it, may go round
    // again (the other clauses of a case are alternatives, not what follows).
    const statement = node.parent !== null && STATEMENT_BLOCKS.has(node.parent.type) && !ALTERNATIVES.has(node.type);
    // A do_block's else, catch and rescue blocks come after its statements, but run instead of them.
    if (branch && statement) for (let next = node.nextNamedSibling; next; next = next.nextNamedSibling) if (!HANDLERS.has(next.type) && again.test(codeText(next))) return false;
  }
  return branch !== null;
}

/**
 * A function of the same module that `defName` calls and that calls `defName` back: the two make one
 * loop (farmbot's `check_on_mbox` sleeps and calls `wait`, whose clauses call `check_on_mbox` again).
 */
function loopPartner(unit: SyntaxNode | null, defName: string | null): string | null {
  const module = unit?.parent;
  if (!unit || !defName || !module) return null;
  const called = new Set(callNamesIn(unit).map((c) => c.name).filter((name) => name !== defName && !name.includes('.')));
  if (called.size === 0) return null;
  const callsBack = callOf(defName);
  for (const statement of module.namedChildren) {
    const kind = callName(statement);
    if (kind !== 'def' && kind !== 'defp') continue;
    const name = functionName(statement);
    if (name && called.has(name) && callsBack.test(codeText(statement))) return name;
  }
  return null;
}

/**
 * Is the sleep in a `rescue` clause of the function, followed there by another try: a call of a
 * function it was handed (`fun.()`) or of itself?
 */
function retriedAfterRescue(sleep: SyntaxNode, unit: SyntaxNode | null, defName: string | null): boolean {
  let clause: SyntaxNode | null = null;
  for (let node = sleep.parent; node && node.id !== unit?.id; node = node.parent) {
    if (node.type === 'stab_clause' && !clause) clause = node;
    if (node.type === 'rescue_block') {
      const body = clause?.namedChildren.find((child) => child.type === 'body');
      const after = body ? body.namedChildren.filter((s) => s.startIndex >= sleep.endIndex) : [];
      return after.some((s) => /\b[a-z_]\w*\.\(/.test(s.text) || (defName !== null && callOf(defName).test(codeText(s))));
    }
  }
  return false;
}
