// A presence check of the key the statement before the sleep wrote in the test's own process, or a
// read of the value an earlier statement wrote to that key: it may hold as soon as that statement
// returns, and a poll of it then waits for nothing.
import type { SyntaxNode } from '../../parse/parser.js';
import { argumentsAsRun, binaryParts, callArguments, callName, callNamesIn, inFunction, squeezed, unaryParts } from '../../parse/nodes.js';
import type { SiteContext } from '../../context/site-context.js';
import type { Signals } from '../signals.js';
import { callsRunBy } from '../effects.js';

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

/** A value a test writes and then reads back: a string built without interpolation, or a number other than zero. */
function writtenValue(node: SyntaxNode): boolean {
  return (node.type === 'string' && !node.text.includes('#{')) || ((node.type === 'integer' || node.type === 'float') && !/^0(?:\.0*)?$/.test(node.text));
}

/**
 * The literal a check expects of a read, on one side of its comparison or match: the value itself
 * (`"iso_b"`, a number, an atom), or the value of a tagged answer (`{:ok, "original"}`), not the tag.
 */
export function expectedValue(side: SyntaxNode): SyntaxNode | undefined {
  return writtenValue(side) || side.type === 'atom' ? side : side.type === 'tuple' ? side.namedChildren.find(writtenValue) : undefined;
}

/** Does `arg`, handed to a write, give `value`: the same literal, or a string built around interpolations whose text fits it (`"rev_#{n}"` for `"rev_6"`)? */
function writesValue(arg: SyntaxNode, value: SyntaxNode): boolean {
  if (squeezed(arg.text) === squeezed(value.text)) return true;
  if (arg.type !== 'string' || value.type !== 'string' || !arg.namedChildren.some((part) => part.type === 'interpolation')) return false;
  const pattern = arg.namedChildren.map((part) => (part.type === 'interpolation' ? '.+' : part.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${pattern}$`, 's').test(value.namedChildren.map((part) => part.text).join(''));
}

/**
 * A check that reads back a value the test wrote itself before the act right before the sleep: a
 * store's key overwritten round after round (`Store.put(store, "doc", "rev_#{n}")` for 1..6, each a
 * `GenServer.call`), other keys, then an act whose work runs in a task (a compaction cast), the
 * sleep and `assert {:ok, "rev_6"} = Store.get(store, "doc")`. The write is the last call before the
 * sleep of the read's module handed the read's own arguments (the same store and key, a literal key
 * among them) and more (one handed only those, a delete, leaves the value unknown); it hands the
 * value the check expects, and the project's code answers it synchronously (what its handler hands
 * on aside, as a store's cache told of the write by a cast). The check may hold before the act, and
 * a poll of it then passes at once. Not a write of the line right before the sleep (see
 * writtenJustBefore in wait-for), nor one through a cast (`put_async`), which the poll waits for,
 * nor a write to another store (`Store.get(spare, "doc")` after a write to `store`). The write,
 * its call's name and the value; null otherwise.
 */
export function readBackOfEarlierWrite(condition: SyntaxNode, ctx: SiteContext, signals: Signals): { write: SyntaxNode; call: string; value: string } | null {
  const parts = binaryParts(condition);
  if (parts?.op !== '=' && parts?.op !== '==' && parts?.op !== '===') return null;
  const pairs = parts.op === '=' ? [[parts.left, parts.right]] : [[parts.left, parts.right], [parts.right, parts.left]];
  const found = pairs.map(([expected, read]) => ({ value: expectedValue(expected!), read: read! })).find(({ value, read }) => value !== undefined && read.type === 'call');
  const name = found ? callName(found.read) : null;
  const dot = name?.lastIndexOf('.') ?? -1;
  if (!found || !name || dot <= 0 || !/^[A-Z]/.test(name)) return null;
  const module = ctx.file.resolveAlias(name.slice(0, dot));
  const read = argumentsAsRun(found.read);
  if (!read.some((arg) => (arg.type === 'string' && !arg.text.includes('#{')) || (arg.type === 'atom' && !NO_KEY.test(arg.text)))) return null;
  for (const [index, statement] of ctx.before.entries()) {
    for (const { name: called, node } of callsRunBy(statement).reverse()) {
      const at = called.lastIndexOf('.');
      if (called === name || at <= 0 || ctx.file.resolveAlias(called.slice(0, at)) !== module) continue;
      const args = argumentsAsRun(node);
      if (args.length < read.length || read.some((arg, i) => squeezed(args[i]!.text) !== squeezed(arg.text))) continue;
      // The nearest call on that key decides: another value, a cast, a delete (`Store.delete(store,
      // "doc")`), or the line right before the sleep leaves the poll a wait.
      const fun = called.slice(at + 1);
      const answered = !ASYNC_WORDS.test(fun) && signals.modules.effectOf(module, fun, args.map((arg) => arg.text), ctx.file)?.kind === 'sync';
      return index > 0 && answered && args.slice(read.length).some((arg) => writesValue(arg, found.value!)) ? { write: node, call: called, value: found.value!.text } : null;
    }
  }
  return null;
}
