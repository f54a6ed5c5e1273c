// sync_barrier: a sleep after a cast or send to a process (or the start of a server whose init/1
// left work to itself) becomes a call to that process, which it answers only after handling every
// message already in its mailbox (DESIGN.md).
//   GenServer.cast(counter, :increment)   →   GenServer.cast(counter, :increment)
//   Process.sleep(50)                          :sys.get_state(counter)
//   assert Counter.value(counter) == 1         assert Counter.value(counter) == 1
// When the next line itself reads `:sys.get_state(counter)`, there or through a function of the
// test's own, that is the barrier, and the sleep only goes.
import type { SyntaxNode } from '../src/parse/parser.js';
import type { SourceFile } from '../src/context/source-file.js';
import { binaryParts, callArguments, callName } from '../src/parse/nodes.js';
import { DIRECT_MESSAGES } from '../src/context/elixir-facts.js';
import type { TransformApi, TransformFile, TransformMeta } from '../src/transform/api.js';
import { spawnedAs } from '../src/classify/statements.js';
import { asksStateOf, barrierNext, outOfReach, writableTarget } from '../src/classify/rules/sync-barrier.js';
import { endsSetup, removeStatement, rewriteStatement } from '../src/transform/statement-edits.js';

export const meta: TransformMeta = {
  fix: 'sync_barrier',
  description: 'replace a sleep after a cast or send with :sys.get_state/1 on the same process',
  // The rule decides: safe for a direct cast/send, review for a module API that may cast.
  safety: 'safe',
};

export default function transform(file: TransformFile, api: TransformApi) {
  const site = api.site;
  if (!site) return api.bail('sync_barrier fixes one site at a time');
  const { statement, before } = site.ctx;
  // Past a check that the message is not handled yet, as the classifier chose it.
  const previous = api.messagedBefore?.() ?? before[0];
  const target = previous ? (api.barrierTarget?.(previous) ?? firstArgument(previous)) : null;
  if (!previous || !target) return api.bail('the statement before the sleep does not message a process the test can name');
  if (/^self(\(\))?$/.test(target)) return api.bail('the message goes to the test process itself: there is no other process to sync with');
  // `state = :sys.get_state(pool)` on the next line (poolex), or a function of the test's own that
  // reads it so (prom_ex's `get_timer_ref(SetUp)`), also by the pid bound for the name the message
  // went to (anubis's session): the test's own barrier is there already, and the sleep only goes.
  const next = barrierNext(site.ctx);
  // Or the next line calls that process through its module (lasso's `ensure_subscription(id, key)`,
  // a GenServer.call to the `via(id)` the cast went to): its answer comes after the message too.
  if (next && (asksStateOf(next, target, site.ctx) || (outOfReach(target, previous) && !!api.callsTarget?.(next, target)))) {
    if (!removeStatement(api.edit, file.source, statement)) return api.bail('the sleep shares its line with other code');
    return undefined;
  }
  if (!writableTarget(target, previous)) return api.bail(`\`${target}\` does not name the process here (or may do work each time it runs): bind it to a variable first`);
  const spawned = spawnedAs(target, before);
  if (spawned) return api.bail(`\`${target}\` comes from \`${spawned}\`, a plain process that does not answer :sys.get_state/1`);
  // A setup block's last value is its result: the sleep returned :ok, so the rewrite does too.
  const statements = [`:sys.get_state(${shortAlias(target, site.ctx.file)})`, ...(endsSetup(statement) ? [':ok'] : [])];
  if (!rewriteStatement(api.edit, file.source, statement, statements)) return api.bail('the sleep shares its line with other code');
  return undefined;
}

/** The first argument of a direct cast or send, or the left side of a pipe into one. */
function firstArgument(statement: SyntaxNode): string | null {
  let node = statement;
  const match = binaryParts(node);
  if (match?.op === '=') node = match.right;
  const pipe = binaryParts(node);
  if (pipe?.op === '|>') return pipe.right.type === 'call' && DIRECT_MESSAGES.has(callName(pipe.right) ?? '') && !binaryParts(pipe.left) ? pipe.left.text : null;
  if (node.type !== 'call' || !DIRECT_MESSAGES.has(callName(node) ?? '')) return null;
  return callArguments(node)[0]?.text ?? null;
}

/** `Tally.Counter` → `Counter` when the file has `alias Tally.Counter`: the name the test itself uses. */
function shortAlias(target: string, file: SourceFile): string {
  if (!/^[A-Z][\w.]*$/.test(target)) return target;
  const parts = target.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const short = parts.slice(i).join('.');
    if (file.resolveAlias(short) === target) return short;
  }
  return target;
}
