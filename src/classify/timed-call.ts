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
const TIME_NAME = /timeout|ttl|interval|_ms\b|^ms$|delay|period|expir|lifetime|duration|grace|max_age|backoff/;

/** The first call in `statements` (nearest first) given a time of the sleep's size: half to four times it, and at least 10 ms. */
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
    if (arg.type === 'keywords') {
      for (const pair of arg.namedChildren) {
        const key = pair.childForFieldName('key')?.text.replace(/:\s*$/, '') ?? '';
        const ms = sleepSized(pair.childForFieldName('value'), sleepMs);
        if (ms !== null && TIME_NAME.test(key)) return { name: key, ms };
      }
      continue;
    }
    const ms = sleepSized(arg, sleepMs);
    if (ms === null) continue;
    const atom = args.find((other) => other.type === 'atom' && TIME_NAME.test(other.text));
    if (atom) return { name: atom.text, ms };
    const parameter = signals.parameterName(call, position, args.length);
    if (parameter && TIME_NAME.test(parameter)) return { name: parameter, ms };
  }
  return null;
}

const INTEGER = /(?<![\w.])\d[\d_]*(?![\w.])/g;

/** Does `text` hold an integer of the sleep's size anywhere (a superset of what sleepSized accepts)? */
function holdsSleepSized(text: string, sleepMs: number): boolean {
  for (const [literal] of text.matchAll(INTEGER)) {
    const ms = Number(literal.replace(/_/g, ''));
    if (ms >= 10 && sleepMs >= ms / 2 && sleepMs <= ms * 4) return true;
  }
  return false;
}

/** The milliseconds of an integer literal of the sleep's size, else null. */
function sleepSized(node: SyntaxNode | null, sleepMs: number): number | null {
  if (node?.type !== 'integer') return null;
  const ms = Number(node.text.replace(/_/g, ''));
  return ms >= 10 && sleepMs >= ms / 2 && sleepMs <= ms * 4 ? ms : null;
}
