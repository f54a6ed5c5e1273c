// wait_for: a sleep before an assertion on state becomes a wait for that assertion's condition;
// the assertion stays, so a failure still reads as ExUnit's message.
//   Cache.put_async(cache, :a, 1)     →   Cache.put_async(cache, :a, 1)
//   Process.sleep(100)                     wait_for(fn -> Cache.size(cache) == 1 end, 500)
//   assert Cache.size(cache) == 1          assert Cache.size(cache) == 1
// `refute e` waits for `!e` (`!` accepts any value, as refute does; `not` raises on non-booleans),
// `assert pattern = expr` waits for `match?(pattern, expr)`. Assertions right after that ask the
// same module about another process or node (`to_map(c1)`, then `to_map(c2)`), or check a death,
// join the condition: waiting for the first alone says nothing of the others.
import type { SyntaxNode } from '../src/parse/parser.js';
import type { TransformApi, TransformFile, TransformMeta, TransformOptions } from '../src/transform/api.js';
import { checkedBy, removeSleep } from '../src/transform/checked-by.js';
import { allOf, assertionCondition, type Condition } from '../src/transform/conditions.js';
import { joinedChecks, loopedAssertion } from '../src/classify/statements.js';
import { columnAt, fnFirstCall } from '../src/transform/layout.js';
import { insertStatementsBefore, rewriteStatement } from '../src/transform/statement-edits.js';

export const meta: TransformMeta = {
  fix: 'wait_for',
  description: 'replace a sleep with wait_for on the condition the next assertion checks',
  // The rule offers wait_for only on conditions that read (a poll repeats them), so it is safe.
  safety: 'safe',
};

export default function transform(file: TransformFile, api: TransformApi, options: TransformOptions) {
  const site = api.site;
  if (!site) return api.bail('wait_for fixes one site at a time');
  const { source } = file;
  const { statement } = site.ctx;
  const checked = checkedBy(site, options);
  if (!checked) return api.bail('nothing follows the sleep');
  const result = assertionCondition(source, checked.check);
  if ('reason' in result) return api.bail(result.reason);
  const timeout = checked.adjacent ? api.timeoutText() : api.ms(checked.timeout);
  if (checked.adjacent) {
    const conditions: Condition[] = [result.condition];
    for (const later of loopedAssertion(checked.check) ? [] : joinedChecks(checked.check, checked.rest)) {
      const also = assertionCondition(source, later);
      if ('reason' in also) return api.bail(`line ${later.startPosition.row + 1}: ${also.reason}`);
      conditions.push(also.condition);
    }
    if (checked.skipped === 0) {
      const text = fnFirstCall('wait_for', allOf(conditions), [timeout], columnAt(source, statement.startIndex));
      if (!rewriteStatement(api.edit, source, statement, [text])) return api.bail('the sleep shares its line with other code');
    } else {
      // Bindings the condition may use stand between: the wait goes after them, right before the
      // check and the comments on the lines just above it, which speak of the check.
      const text = fnFirstCall('wait_for', allOf(conditions), [timeout], columnAt(source, checked.check.startIndex));
      if (!removeSleep(api.edit, source, site, checked)) return api.bail('the sleep shares its line with other code');
      if (!insertStatementsBefore(api.edit, source, commentsAbove(checked.check), [text])) return api.bail('the assertion shares its line with other code');
    }
  } else {
    // The sleep ends a loop body: the loop runs without it, then one wait covers every iteration.
    const text = fnFirstCall('wait_for', result.condition, [timeout], columnAt(source, checked.check.startIndex));
    if (!removeSleep(api.edit, source, site, checked)) return api.bail('the sleep shares its line with other code');
    if (!insertStatementsBefore(api.edit, source, checked.check, [text])) return api.bail('the assertion after the loop shares its line with other code');
  }
  api.useHelper('wait_for');
  return undefined;
}

/** The first of the comments on the lines right above `statement`, or the statement itself when there are none. */
function commentsAbove(statement: SyntaxNode): SyntaxNode {
  let first = statement;
  for (let above = statement.previousNamedSibling; above?.type === 'comment' && above.endPosition.row === first.startPosition.row - 1; above = above.previousNamedSibling) first = above;
  return first;
}
