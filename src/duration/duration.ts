// Estimates how long a sleep waits, in milliseconds, from the expression it is given.
// Known: integer literals (`1_000`), `:infinity`, `:timer.seconds/minutes/hours/hms`, `:ct.sleep`'s `{:seconds, 5}`, `to_timeout`, Membrane.Time's units, module
// attributes defined in the file, variables bound earlier in the block, a helper parameter's default no call
// overrides, a function of no arguments that answers a number, and + - * div on those.
// Anything else (a function call, a random delay) is unknown: null.
import type { SyntaxNode } from '../parse/parser.js';
import { binaryParts, callArguments, callName, isStatementContainer, unaryParts } from '../parse/nodes.js';

export type Duration = number | 'infinity' | null;

export interface DurationScope {
  /** Module attribute values by name, as expressions. */
  attribute(name: string): SyntaxNode | undefined;
  /** The value a function of no arguments returns, when it is a number written out (`def wait_time_ms, do: 250`). */
  constant?(call: string): SyntaxNode | undefined;
}

const TIMER_UNITS: Record<string, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000 };

export function estimateDuration(node: SyntaxNode | null, scope: DurationScope, depth = 0): Duration {
  if (!node || depth > 20) return null;
  switch (node.type) {
    case 'integer':
      return parseInteger(node.text);
    case 'atom':
      return node.text === ':infinity' ? 'infinity' : null;
    case 'block': {
      const inner = node.namedChildren.filter((c) => c.type !== 'comment');
      return inner.length === 1 ? estimateDuration(inner[0]!, scope, depth + 1) : null;
    }
    case 'identifier':
      return estimateDuration(boundEarlier(node) ?? defaultNeverOverridden(node), scope, depth + 1);
    case 'unary_operator': {
      const unary = unaryParts(node);
      if (unary?.op === '@' && unary.operand.type === 'identifier') {
        return estimateDuration(scope.attribute(unary.operand.text) ?? null, scope, depth + 1);
      }
      return null;
    }
    case 'binary_operator':
      return arithmetic(node, scope, depth);
    case 'tuple':
      return commonTestTime(node, scope, depth);
    case 'call':
      return fieldAccess(node, scope, depth) ?? timerCall(node, scope, depth);
    default:
      return null;
  }
}

/**
 * `@conf.election_timeout` or `config.interval`: the one `election_timeout:` key written in the
 * attribute's or variable's value (rafted_value's `@conf RaftedValue.make_config(JustAnInt,
 * [heartbeat_timeout: 100, election_timeout: 500])`), as a map, keywords or a call's options. Null
 * when it is not a field read, or the key is written twice or not at all.
 */
function fieldAccess(node: SyntaxNode, scope: DurationScope, depth: number): Duration {
  const target = node.childForFieldName('target');
  if (target?.type !== 'dot' || node.namedChildren.some((c) => c.type === 'arguments')) return null;
  const left = target.childForFieldName('left');
  const field = target.childForFieldName('right');
  if (!left || field?.type !== 'identifier') return null;
  const unary = left.type === 'unary_operator' ? unaryParts(left) : null;
  const value = unary ? (unary.op === '@' && unary.operand.type === 'identifier' ? scope.attribute(unary.operand.text) : undefined) : left.type === 'identifier' ? boundEarlier(left) : undefined;
  if (!value) return null;
  const key = `${field.text}:`;
  const found: SyntaxNode[] = [];
  const stack = [value];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'pair' && current.childForFieldName('key')?.text.replace(/\s+$/, '') === key) found.push(current);
    stack.push(...current.namedChildren);
  }
  return found.length === 1 ? estimateDuration(found[0]!.childForFieldName('value'), scope, depth + 1) : null;
}

/** Milliseconds per unit of the tagged times Common Test's sleep takes. */
const COMMON_TEST_UNITS: Record<string, number> = { ':hours': 3_600_000, ':minutes': 60_000, ':seconds': 1000 };

/**
 * `{:seconds, 5}` handed to `:ct.sleep`, which takes hours, minutes or seconds tagged so besides
 * milliseconds (gen_serverring's gossip waits). Anywhere else a tuple is no length of time.
 */
function commonTestTime(tuple: SyntaxNode, scope: DurationScope, depth: number): Duration {
  const call = tuple.parent?.type === 'arguments' ? tuple.parent.parent : null;
  if (!call || callName(call) !== ':ct.sleep') return null;
  const [unit, amount, ...rest] = tuple.namedChildren.filter((c) => c.type !== 'comment');
  const perUnit = unit ? COMMON_TEST_UNITS[unit.text] : undefined;
  const count = estimateDuration(amount ?? null, scope, depth + 1);
  return perUnit !== undefined && rest.length === 0 && typeof count === 'number' ? count * perUnit : null;
}

function parseInteger(text: string): number | null {
  const clean = text.replace(/_/g, '');
  const value = /^0x/i.test(clean) ? parseInt(clean.slice(2), 16) : Number(clean);
  return Number.isFinite(value) ? value : null;
}

function arithmetic(node: SyntaxNode, scope: DurationScope, depth: number): Duration {
  const parts = binaryParts(node);
  if (!parts) return null;
  // `Time.seconds(2) |> Time.as_milliseconds(:round)`: the call, handed the left side first.
  if (parts.op === '|>') return parts.right.type === 'call' ? timerCall(parts.right, scope, depth, parts.left) : null;
  const a = estimateDuration(parts.left, scope, depth + 1);
  const b = estimateDuration(parts.right, scope, depth + 1);
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  switch (parts.op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    default:
      return null;
  }
}

// Membrane's time (`Membrane.Time.seconds(1)`, `Time.milliseconds(20)` under `alias Membrane.Time`;
// Elixir's own Time has no such functions) counts nanoseconds; a duration here counts milliseconds.
const MEMBRANE_TIME = /^(?:Membrane\.)?Time\./;
const MEMBRANE_UNITS: Record<string, number> = { hours: 3_600_000, hour: 3_600_000, minutes: 60_000, minute: 60_000, seconds: 1000, second: 1000, milliseconds: 1, millisecond: 1 };
const MEMBRANE_TO_MS = /^(?:Membrane\.)?Time\.(?:as_milliseconds|to_milliseconds|round_to_milliseconds)$/;

/** Milliseconds per unit of Elixir 1.17's `to_timeout/1` keywords (`to_timeout(minute: 1, second: 30)`). */
const TO_TIMEOUT_UNITS: Record<string, number> = { week: 604_800_000, day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000, millisecond: 1 };

/** A call's duration; `piped` is the value a pipe hands it as its first argument. */
function timerCall(node: SyntaxNode, scope: DurationScope, depth: number, piped?: SyntaxNode): Duration {
  const name = callName(node);
  const given = piped ? [piped, ...callArguments(node)] : callArguments(node);
  // `Process.sleep(wait_time_ms())`, a helper of the project's that only answers a number.
  const constant = name && given.length === 0 ? scope.constant?.(name) : undefined;
  if (constant) return estimateDuration(constant, scope, depth + 1);
  if (name === 'to_timeout' || name === 'Kernel.to_timeout') return toTimeout(given, scope, depth);
  // `Membrane.Time.as_milliseconds(cleanup_after, :round)`: the time it is handed, which is counted in ms here.
  if (name && MEMBRANE_TO_MS.test(name)) return estimateDuration(given[0] ?? null, scope, depth + 1);
  const args = given.map((a) => estimateDuration(a, scope, depth + 1));
  const numbers = args.filter((a): a is number => typeof a === 'number');
  if (numbers.length !== args.length) return null;
  if (name?.startsWith(':timer.')) {
    const unit = TIMER_UNITS[name.slice(':timer.'.length)];
    if (unit && numbers.length === 1) return numbers[0]! * unit;
    if (name === ':timer.hms' && numbers.length === 3) {
      return numbers[0]! * 3_600_000 + numbers[1]! * 60_000 + numbers[2]! * 1000;
    }
    return null;
  }
  const membraneUnit = name ? MEMBRANE_UNITS[name.replace(MEMBRANE_TIME, '')] : undefined;
  if (name && MEMBRANE_TIME.test(name) && membraneUnit !== undefined) {
    if (numbers.length === 1) return numbers[0]! * membraneUnit;
    if (numbers.length === 0 && !/s$/.test(name)) return membraneUnit;
    return null;
  }
  if ((name === 'div' || name === 'Kernel.div') && numbers.length === 2 && numbers[1] !== 0) {
    return Math.trunc(numbers[0]! / numbers[1]!);
  }
  if ((name === 'round' || name === 'trunc') && numbers.length === 1) return Math.round(numbers[0]!);
  return null;
}

/** `to_timeout(second: 5)`, `to_timeout([minute: 1, second: 30])`, `to_timeout(1_000)`. */
function toTimeout(args: readonly SyntaxNode[], scope: DurationScope, depth: number): Duration {
  if (args.length !== 1) return null;
  const [arg] = args;
  if (arg!.type !== 'keywords' && arg!.type !== 'list') return estimateDuration(arg!, scope, depth + 1);
  const pairs = arg!.type === 'list' ? arg!.namedChildren.flatMap((c) => (c.type === 'keywords' ? c.namedChildren : [c])) : arg!.namedChildren;
  let total = 0;
  for (const pair of pairs) {
    const [key, value] = pair.type === 'pair' ? pair.namedChildren : [];
    const unit = key ? TO_TIMEOUT_UNITS[key.text.replace(/:\s*$/, '')] : undefined;
    const amount = value ? estimateDuration(value, scope, depth + 1) : null;
    if (unit === undefined || typeof amount !== 'number') return null;
    total += amount * unit;
  }
  return pairs.length > 0 ? total : null;
}

/**
 * The default of the enclosing private function's parameter `identifier` names, when no call of
 * that function in the file hands it that argument: stripity_stripe's `defp delay(time \\ 100), do:
 * Process.sleep(time)`, called as `delay()`. Null otherwise.
 */
function defaultNeverOverridden(identifier: SyntaxNode): SyntaxNode | null {
  // Only a private function: a public one's callers may be in other files (bonfire's support helper
  // `delay_ms \\ 10`, which every test calls with 5).
  let def: SyntaxNode | null = identifier.parent;
  while (def && !(def.type === 'call' && /^defp?$/.test(callName(def) ?? ''))) def = def.parent;
  if (!def || callName(def) !== 'defp') return null;
  const head = callArguments(def)[0];
  const fun = head?.type === 'call' ? callName(head) : null;
  if (!head || !fun) return null;
  const params = callArguments(head);
  const position = params.findIndex((p) => {
    const parts = binaryParts(p);
    return parts?.op === '\\\\' && parts.left.type === 'identifier' && parts.left.text === identifier.text;
  });
  if (position === -1) return null;
  // Every call of the function in the file leaves that argument to its default. Read from the
  // text: the report parse leaves out tests without a sleep, and those may call it.
  const text = identifier.tree.rootNode.text;
  const calls = new RegExp(String.raw`(?<![\w.:])${fun.replace(/[?!]/g, '\\$&')}\(`, 'g');
  for (const match of text.matchAll(calls)) {
    if (match.index === head.startIndex - identifier.tree.rootNode.startIndex) continue;
    if (argumentCount(text, match.index + match[0].length) > position) return null;
  }
  return binaryParts(params[position]!)!.right;
}

/** How many arguments the call whose `(` ends at `from` is given, counting top-level commas. */
function argumentCount(text: string, from: number): number {
  let depth = 0;
  let count = 0;
  for (let at = from; at < text.length; at++) {
    const c = text[at]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return count + (text.slice(from, at).trim() === '' ? 0 : 1);
      depth--;
    } else if (c === ',' && depth === 0) count++;
  }
  return Infinity;
}

/** The right-hand side of the nearest earlier `name = expr` in an enclosing block. */
export function boundEarlier(identifier: SyntaxNode): SyntaxNode | null {
  const name = identifier.text;
  for (let child = identifier, parent = identifier.parent; parent; child = parent, parent = parent.parent) {
    if (!isStatementContainer(parent)) continue;
    for (let s = child.previousNamedSibling; s; s = s.previousNamedSibling) {
      const match = binaryParts(s);
      if (match?.op === '=' && match.left.type === 'identifier' && match.left.text === name) return match.right;
    }
  }
  return null;
}
