// A `receive … after` whose one message clause can never match waits out its `after` like the
// clause-less disguise: observables' test helper `def sleep(ms)` is `receive do :nevergonnahappen
// -> :ok after ms -> :ok end`, boombox writes `receive do :will_not_match -> :ok after 100 -> :ok
// end` inline. Kept narrow, in step with the prefilter (read/prefilter.ts, which skips at most one
// such clause): one clause whose pattern is a bare atom, no guard, and literal bodies on both sides,
// so the receive ends the same way whether or not a message came; and no sender in sight, none in
// the file naming the atom, none handed the waiting process's pid.
import type { SyntaxNode } from '../parse/parser.js';
import { callName } from '../parse/nodes.js';
import { DEFINING_CALLS, TEST_MACROS } from '../context/elixir-facts.js';

/** A body of one literal, as the prefilter's byte test reads it: `:ok`, `nil`, `true`, `0`. */
const LITERAL_TYPES = new Set(['atom', 'nil', 'boolean', 'integer']);
const SHORT_LITERAL = /^:?\w+$/;
/** The clause's pattern: a bare atom, no quotes, no `?`/`!` (`:nevergonnahappen`, `:never`). */
const BARE_ATOM = /^:([a-z_]\w*)$/;

/** Is `receive`'s only message clause one no message can match (see above)? */
export function onlyNeverMatchingClause(receive: SyntaxNode, clauses: readonly SyntaxNode[], after: SyntaxNode | undefined, source: string): boolean {
  if (clauses.length !== 1 || !after) return false;
  const [clause] = clauses;
  const pattern = clause!.childForFieldName('left');
  const name = pattern?.type === 'arguments' && pattern.namedChildren.length === 1 && pattern.namedChildren[0]!.type === 'atom' ? BARE_ATOM.exec(pattern.text)?.[1] : undefined;
  if (!name || !literalBody(clause!) || !literalBody(after)) return false;
  return !namedElsewhere(name, receive, source) && !handsOutItsPid(receive);
}

/** Where a function's body starts: a `def`, a test, a setup. */
const FUNCTION_CALLS = new Set([...DEFINING_CALLS, ...TEST_MACROS, 'setup', 'setup_all']);

/**
 * Does the function the receive runs in name `self()`? Then it told others its pid, and one of them
 * may send the atom from a file we do not read: favn's runner agent sends its owner `{…, self(), …}`,
 * then waits in `receive do :stop -> :ok after 120_000 -> :ok end` for a `send(runner, :stop)` in the
 * tests. The nearest `fn` is its own process (a stub, a spawn); with no function around it, the file.
 */
function handsOutItsPid(receive: SyntaxNode): boolean {
  let scope = receive;
  for (let n = receive.parent; n; n = n.parent) {
    scope = n;
    if (n.type === 'anonymous_function' || (n.type === 'call' && FUNCTION_CALLS.has(callName(n) ?? ''))) break;
  }
  return /\bself\(\)/.test(scope.text);
}

function literalBody(clause: SyntaxNode): boolean {
  const parts = clause.childForFieldName('right')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  return parts.length === 1 && LITERAL_TYPES.has(parts[0]!.type) && SHORT_LITERAL.test(parts[0]!.text);
}

/**
 * Does the file name the atom outside the receive (`:name`, `:"name"`, a key `name:`, a string
 * `"name"` that `String.to_atom` could turn into it; a comment too, to be safe)? Then something here
 * can send it (a `send(pid, :never)` three tests down) and the receive waits for a message. Named
 * nowhere in the file, it could come only from code elsewhere that knows both the atom and the
 * waiting process's pid (handsOutItsPid): the project's other files are not searched, a question
 * the site finder, which runs before any rule asks the project anything, cannot ask.
 */
function namedElsewhere(name: string, receive: SyntaxNode, source: string): boolean {
  const mention = new RegExp(`(?<![\\w@:])(?::${name}|:"${name}"|"${name}"|${name}:)(?![\\w?!@])`, 'g');
  for (const m of source.matchAll(mention)) {
    if (m.index < receive.startIndex || m.index >= receive.endIndex) return true;
  }
  return false;
}
