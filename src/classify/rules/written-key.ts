// A presence check of the key the statement before the sleep wrote in the test's own process: it
// may hold as soon as that statement returns, and a poll of it then waits for nothing.
import type { SyntaxNode } from '../../parse/parser.js';
import { binaryParts, callArguments, callName, callNamesIn, inFunction, unaryParts } from '../../parse/nodes.js';
import type { SiteContext } from '../../context/site-context.js';
import type { Signals } from '../signals.js';

/** Words of a call that hands a write to another process (`put_async`, `cast_update`, `enqueue`, `publish`). */
export const ASYNC_WORDS = /async|cast|later|enqueue|publish|broadcast|send|notify|deliver|schedule/;

/** Literals that name no key: `nil`, booleans, `:ok`. */
const NO_KEY = /^(?:nil|true|false|:ok|:error)$/;

/**
 * What a presence check asks about, and the key it names: `read != nil`, `!is_nil(read)` or
 * `not is_nil(read)` (the key is `read`'s last argument, or the last element of a path list given
 * last: `query_path!(["scheduler", "job"])`), `Map.has_key?(map, key)`, `key in read`. Null otherwise.
 */
function presenceKey(condition: SyntaxNode): SyntaxNode | null {
  const parts = binaryParts(condition);
  const lastKey = (read: SyntaxNode | undefined): SyntaxNode | undefined => {
    if (read?.type !== 'call') return undefined;
    const last = callArguments(read).at(-1);
    return last?.type === 'list' ? last.namedChildren.at(-1) : last;
  };
  let key: SyntaxNode | undefined;
  if (parts && (parts.op === '!=' || parts.op === '!==')) key = parts.right.type === 'nil' || parts.right.text === 'nil' ? lastKey(parts.left) : parts.left.text === 'nil' ? lastKey(parts.right) : undefined;
  else if (parts?.op === 'in') key = parts.left;
  else {
    const negated = condition.type === 'unary_operator' ? unaryParts(condition) : null;
    const inner = negated && (negated.op === '!' || negated.op === 'not') ? negated.operand : null;
    if (inner?.type === 'call' && callName(inner) === 'is_nil') key = lastKey(callArguments(inner)[0]);
    else if (condition.type === 'call' && callName(condition) === 'Map.has_key?') key = callArguments(condition)[1];
  }
  const literal = key && ((key.type === 'string' && !key.text.includes('#{')) || key.type === 'atom') && !NO_KEY.test(key.text);
  return literal ? key! : null;
}

/**
 * The key a presence check after the sleep asks about (`query_path!(["riptide:scheduler", "retrigger"]) != nil`)
 * and the call of `previous` handed that same key, when no call of that line hands work to another
 * process: none casts, messages a server or starts a task, by what the project's code does or, where
 * that is not read, by its name (riptide's `schedule_in(…, "retrigger")` only builds the `put_merge`
 * that `mutation!` writes to the store before it returns). Not a key handed to a cast, a send or a
 * task (`put_async`, `GenServer.cast`, `Task.start(fn -> … end)`): that write is seen later, and the
 * poll waits for it. Null otherwise.
 */
export function writtenKeyPresent(condition: SyntaxNode, previous: SyntaxNode, ctx: SiteContext, signals: Signals): { key: string; call: string } | null {
  const key = presenceKey(condition);
  if (!key) return null;
  const escaped = key.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const token = new RegExp(`(?<![\\w.:])${escaped}(?![\\w.?!])`);
  // A call inside `fn -> … end` may run in another process (a task's), later.
  const calls = callNamesIn(previous).filter(({ node }) => !inFunction(node, previous));
  const taking = calls.find(({ node }) => callArguments(node).some((arg) => token.test(arg.text)));
  if (!taking) return null;
  // Every call of the line, the one handed the key and those its value is piped into: riptide's
  // `mutation!` also `send`s the change to its subscribers, which tells others and writes nothing later.
  for (const { name, node } of calls) {
    const effect = signals.effect(node);
    if (effect && effect.kind !== 'sync' && !(effect.kind === 'async' && effect.calls === 'send')) return null;
    const dot = name.lastIndexOf('.');
    const own = dot > 0 && /^[A-Z]/.test(name) && signals.modules.defines(ctx.file.resolveAlias(name.slice(0, dot)), name.slice(dot + 1), ctx.file) === true;
    if (ASYNC_WORDS.test(name) && !(own && (!effect || effect.kind === 'sync'))) return null;
  }
  return { key: key.text, call: taking.name };
}
