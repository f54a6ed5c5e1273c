// A call the test gave a time of about the sleep's size: `Document.Store.open_temporary(uri, 100)`,
// then `Process.sleep(101)`. The call set a timer, and the sleep may be waiting it out. The
// remove rule leaves such a sleep alone; the TTL rule calls it legitimate when the time's name
// says it expires something and the sleep outlasts it.
import type { SyntaxNode } from '../parse/parser.js';
import { callArguments, callNamesIn, line } from '../parse/nodes.js';
import type { Signals } from './signals.js';

export interface TimedCall {
  call: string;
  line: number;
  /** What names the number a time: the parameter, the keyword or the atom next to it. */
  name: string;
  ms: number;
}

/** Names that say a number is a time: `timeout`, `ttl_ms`, `:flush_stall_grace_period`. */
export const TIME_NAME = /timeout|ttl|interval|_ms\b|^ms$|delay|period|expir|lifetime|duration|grace|max_age|backoff/;

/** The first call in `statements` (nearest first) given a time of the sleep's size (ofSleepSize). */
export function timedCall(statements: readonly SyntaxNode[], sleepMs: number, signals: Signals): TimedCall | null {
  for (const statement of statements) {
    // Most statements hold no number of the sleep's size: their text says so before any node is walked.
    if (!holdsSleepSized(statement.text, sleepMs)) continue;
    for (const { name, node } of callNamesIn(statement)) {
      const timed = timedArgument(name, node, sleepMs, signals);
      if (timed) return { call: name, line: line(node), ...timed };
    }
  }
  return null;
}

/**
 * A literal argument of the sleep's size whose parameter (`open_temporary(uri, timeout)`), keyword
 * (`timeout: 100`) or neighbouring atom (`put(id, :grace_period, 20)`) names a time. A number that is
 * only a value (`put(c, :k, 42)`) is not one.
 */
function timedArgument(call: string, node: SyntaxNode, sleepMs: number, signals: Signals): { name: string; ms: number } | null {
  const args = callArguments(node);
  for (const [position, arg] of args.entries()) {
    const keywords = keywordsOf(arg);
    if (keywords) {
      const timed = timedKeyword(keywords, sleepMs, 0);
      if (timed) return timed;
      continue;
    }
    if (arg.type !== 'integer') continue;
    const atom = args.map(optionName).find((other) => other !== null && TIME_NAME.test(other)) ?? null;
    // Asked only when the number could be of the sleep's size in some unit: a module is read for it.
    const fits = sleepSized(arg, sleepMs) !== null || sleepSized(arg, sleepMs, 1_000) !== null;
    const parameter = atom || !fits ? null : signals.parameterName(call, position, args.length);
    const name = atom ?? (parameter && TIME_NAME.test(parameter) ? parameter : null);
    const ms = name ? sleepSized(arg, sleepMs, unitOf(name)) : null;
    if (name && ms !== null) return { name, ms };
  }
  return null;
}

/**
 * What names an option beside a value: an atom (`:grace_period`), or a call with no arguments that
 * hands out the option's code, as Erlang-generated option tables do (fdb's
 * `Transaction.set_option(t, transaction_option_timeout(), 1)`): its function's name. Else null.
 */
function optionName(node: SyntaxNode): string | null {
  if (node.type === 'atom') return node.text;
  if (node.type !== 'call' || callArguments(node).length > 0) return null;
  return callNamesIn(node)[0]?.name.replace(/^.*\./, '') ?? null;
}

/** Keywords, or a map or list of them (adk's `Budget.start_link(%{max_duration_ms: 1})`), or null. */
function keywordsOf(node: SyntaxNode | null): SyntaxNode | null {
  if (!node) return null;
  if (node.type === 'keywords') return node;
  if (node.type === 'map') return node.namedChildren.find((c) => c.type === 'map_content')?.namedChildren.find((c) => c.type === 'keywords') ?? null;
  if (node.type === 'list') return node.namedChildren.find((c) => c.type === 'keywords') ?? null;
  return null;
}

/** Options nested this deep are still the call's (normandy's `%{circuit_breaker_options: [timeout: 50]}`). */
const NESTED_OPTIONS_DEPTH = 2;

/** A key that names a time, given a literal of the sleep's size, in `keywords` or in options under one of its keys. */
function timedKeyword(keywords: SyntaxNode, sleepMs: number, depth: number): { name: string; ms: number } | null {
  for (const pair of keywords.namedChildren) {
    const key = pair.childForFieldName('key')?.text.replace(/:\s*$/, '') ?? '';
    const value = pair.childForFieldName('value');
    const ms = TIME_NAME.test(key) ? sleepSized(value, sleepMs, unitOf(key)) : null;
    if (ms !== null) return { name: key, ms };
    const nested = depth < NESTED_OPTIONS_DEPTH ? keywordsOf(value) : null;
    const inner = nested ? timedKeyword(nested, sleepMs, depth + 1) : null;
    if (inner) return inner;
  }
  return null;
}

/** Milliseconds in one of what a name counts: `ttl_seconds`, `expire_secs` in seconds, `*_minutes`; else milliseconds. */
export function unitOf(name: string): number {
  if (/(?:^|_)(?:seconds?|secs?|s)$/.test(name.replace(/^:/, ''))) return 1_000;
  if (/(?:^|_)(?:minutes?|mins?)$/.test(name.replace(/^:/, ''))) return 60_000;
  return 1;
}

const INTEGER = /(?<![\w.])\d[\d_]*(?![\w.])/g;

/** Does `text` hold an integer of the sleep's size anywhere, in milliseconds or seconds (a superset of what sleepSized accepts)? */
function holdsSleepSized(text: string, sleepMs: number): boolean {
  for (const [literal] of text.matchAll(INTEGER)) {
    const value = Number(literal.replace(/_/g, ''));
    if (ofSleepSize(value, sleepMs) || ofSleepSize(value * 1_000, sleepMs)) return true;
  }
  return false;
}

/** The milliseconds of an integer literal counted in `unit` ms, when of the sleep's size, else null. */
function sleepSized(node: SyntaxNode | null, sleepMs: number, unit = 1): number | null {
  if (node?.type !== 'integer') return null;
  const ms = Number(node.text.replace(/_/g, '')) * unit;
  return ofSleepSize(ms, sleepMs) ? ms : null;
}

/**
 * Half to four times the sleep, and at least 10 ms; or a time of a few milliseconds that a sleep of
 * at most 20 ms outlasts (adk's budget of `max_duration_ms: 1`, then 5 ms).
 */
function ofSleepSize(ms: number, sleepMs: number): boolean {
  return (ms >= 10 && sleepMs >= ms / 2 && sleepMs <= ms * 4) || (ms >= 1 && ms < 10 && sleepMs > ms && sleepMs <= 20);
}
