// poll_with_timeout: a sleep before a pattern match on a value that is not there yet becomes a poll
// that reads the value until it matches; the test matches the poll's result as before.
//   Process.sleep(200)                   →   {:ok, %{state: :done} = job} =
//   {:ok, %{state: :done} = job} =               poll_with_timeout(
//     Jobs.fetch(id)                               fn ->
//   Mailer.notify(job)                               result = Jobs.fetch(id)
//                                                    if match?({:ok, %{state: :done} = _job}, result), do: result, else: :continue
//                                                  end,
//                                                  1_000,
//                                                  10
//                                                )
//                                            Mailer.notify(job)
// When the statements right after the match assert on variables it binds
// (`assert job.result == 42`), the poll waits for them to hold as well: a case clause binds the
// variables (those the condition does not use get a `_`), and the assertions stay. A plain variable
// (`run = Imports.status(id)`, then `assert run.state == :finished`) comes back as `{:ok, run}`, so
// that the `:timeout` the poll gives up with fails the match instead of binding `run`.
import type { SyntaxNode } from '../src/parse/parser.js';
import { binaryParts, callArguments, callName } from '../src/parse/nodes.js';
import type { TransformApi, TransformFile, TransformMeta, TransformOptions } from '../src/transform/api.js';
import { checkedBy, removeSleep } from '../src/transform/checked-by.js';
import { allOf, assertionCondition, patternText, patternVariables, usesVariable, type Condition } from '../src/transform/conditions.js';
import { bindingText, columnAt, fitsAt, fnFirstCall, ifText, indentRest, isMultiLine, joinStatements, matchText, nodeText } from '../src/transform/layout.js';
import { rewriteStatement } from '../src/transform/statement-edits.js';
import { looksReadOnly } from '../src/classify/statements.js';

export const meta: TransformMeta = {
  fix: 'poll_with_timeout',
  description: 'replace a sleep before a pattern match with poll_with_timeout until the value matches',
  safety: 'review',
};

const POLL_INTERVAL = '10';

export default function transform(file: TransformFile, api: TransformApi, options: TransformOptions) {
  const site = api.site;
  if (!site) return api.bail('poll_with_timeout fixes one site at a time');
  const { source } = file;
  const { statement } = site.ctx;
  // The match right after the sleep, or after the loop whose body the sleep ends.
  const checked = checkedBy(site, options);
  if (!checked) return api.bail('nothing follows the sleep');
  const next = checked.check;
  const shape = matchShape(next);
  if ('reason' in shape) return api.bail(shape.reason);
  if (next.descendantsOfType('comment').length > 0) return api.bail('the match holds a comment');
  const { pattern, prefix, aliases } = shape;
  const expression = nodeText(source, shape.expression);
  const firstPattern = nodeText(source, pattern);
  if (expression === null || firstPattern === null) return api.bail('the match holds a multi-line string');
  const bound = [...patternVariables(pattern), ...aliases.filter((name) => !name.startsWith('_'))];
  const conditions = foldedConditions(source, checked.rest, bound);
  const column = columnAt(source, next.startIndex);
  // `PATTERN =` then the call on the next line, nested 2 (9 under `assert `, as mix format does).
  const nest = prefix.length + 2;
  // poll_with_timeout(\n  fn ->\n    BODY: the body starts 4 columns into the call.
  const bodyColumn = column + nest + 4;
  let body: string;
  if (pattern.type === 'identifier') {
    if (aliases.length > 0) return api.bail('a variable matched to another variable: rewrite it by hand');
    if (pattern.text.startsWith('_') || conditions.length === 0) {
      return api.bail(`\`${pattern.text} = …\` always matches and no assertion right after it says what to wait for`);
    }
    // job = Jobs.get(id)\nif job.state == :done, do: {:ok, job}, else: :continue. Wrapped, so that the
    // `:timeout` the poll gives up with fails the match (`job = :timeout` would pass, and so would
    // `assert pid != initial_pid` after it). `assert pid = …` asks for a truthy value too.
    const truthy: Condition = { text: pattern.text, loose: false };
    const condition = allOf(prefix ? [truthy, ...conditions] : conditions);
    body = joinStatements([bindingText(pattern.text, expression, bodyColumn), ifText(condition, `{:ok, ${pattern.text}}`, ':continue', bodyColumn)]);
  } else {
    const result = api.freshName('result');
    if (conditions.length === 0) {
      const matchPattern = patternText(source, pattern, new Set());
      if (matchPattern === null) return api.bail('the pattern holds a multi-line string');
      const test = matchText(matchPattern, result);
      body = joinStatements([bindingText(result, expression, bodyColumn), ifText(test, result, ':continue', bodyColumn)]);
    } else {
      const condition = allOf(conditions);
      const keep = new Set(bound.filter((name) => usesVariable(condition.text, name)));
      const clausePattern = patternText(source, pattern, keep);
      if (clausePattern === null) return api.bail('the pattern holds a multi-line string');
      const clauseAliases = aliases.map((name) => (keep.has(name) || name.startsWith('_') ? ` = ${name}` : ` = _${name}`)).join('');
      body = caseText(expression, `${clausePattern}${clauseAliases} = ${result}`, (col) => ifText(condition, result, ':continue', col), bodyColumn);
    }
  }

  const timeout = checked.adjacent ? api.timeoutText() : api.ms(checked.timeout);
  const poll = fnFirstCall('poll_with_timeout', body, [timeout, POLL_INTERVAL], column + nest);
  // mix format puts each variable of a chain on its own line, at the call's indentation.
  const chain = aliases.map((name) => `${' '.repeat(nest)}${name} =\n`).join('');
  const matched = pattern.type === 'identifier' ? `{:ok, ${firstPattern}}` : firstPattern;
  const text = `${prefix}${indentRest(matched, prefix.length)} =\n${chain}${' '.repeat(nest)}${indentRest(poll, nest)}`;
  if (!removeSleep(api.edit, source, site, checked)) return api.bail('the sleep shares its line with other code');
  const removedAbove = checked.adjacent && checked.skipped === 0 ? statement : undefined;
  if (!rewriteStatement(api.edit, source, next, [text], { removedAbove })) return api.bail('the match shares its line with other code');
  api.useHelper('poll_with_timeout');
  return undefined;
}

/**
 * `pattern = expr` or `assert pattern = expr` (the assertion stays, matching the poll's result);
 * `aliases`: the variables of a chain `pattern = tenant = expr`, which the poll's result binds too.
 */
function matchShape(statement: SyntaxNode): { pattern: SyntaxNode; expression: SyntaxNode; prefix: string; aliases: string[] } | { reason: string } {
  const name = callName(statement);
  if (name === 'case' || name === 'with') return { reason: `a ${name} with assertions inside: rewrite it by hand (poll until the clause you expect matches)` };
  const assertion = name === 'assert';
  const [argument] = assertion ? callArguments(statement) : [];
  if (assertion && (statement.namedChildren.find((c) => c.type === 'arguments')?.firstChild?.type === '(' || callArguments(statement).length > 1)) {
    return { reason: 'the assertion has parentheses or a message: rewrite it by hand' };
  }
  const match = binaryParts(assertion && argument ? argument : statement);
  if (match?.op !== '=') return { reason: 'the next statement is not a pattern match `pattern = expr`' };
  const aliases: string[] = [];
  let expression = match.right;
  for (let inner = binaryParts(expression); inner?.op === '='; inner = binaryParts(expression)) {
    if (inner.left.type !== 'identifier') return { reason: 'a chain of pattern matches: rewrite it by hand' };
    aliases.push(inner.left.text);
    expression = inner.right;
  }
  return { pattern: match.left, expression, prefix: assertion ? 'assert ' : '', aliases };
}

/**
 * The conditions of the assertions right after the match that check variables it binds:
 * `assert job.state == :done`. Stops at the first statement that is not such an assertion, or
 * whose condition looks like it changes state (the poll runs it many times).
 */
function foldedConditions(source: string, following: readonly SyntaxNode[], bound: readonly string[]): Condition[] {
  const conditions: Condition[] = [];
  for (const statement of following) {
    const name = callName(statement);
    if (name !== 'assert' && name !== 'refute') break;
    if (!bound.some((v) => usesVariable(statement.text, v)) || !looksReadOnly(statement)) break;
    // exrm's `assert {result, 0} = System.cmd(bin_path, ["stop"])` after the polled `ping`: a match
    // is a new read (here an act) that binds the names again, not a check of what the poll bound.
    if (binaryParts(callArguments(statement)[0] ?? statement)?.op === '=') break;
    const result = assertionCondition(source, statement);
    if ('reason' in result) break;
    // `new_pid = GenServer.whereis(name)` is nil while the supervisor restarts the process, and
    // `Process.alive?(nil)` raises: inside the poll it must mean "not yet" (libp2p's panic test).
    const alive = name === 'assert' ? /^Process\.alive\?\(\s*([a-z_]\w*)\s*\)$/.exec(callArguments(statement)[0]?.text ?? '')?.[1] : undefined;
    if (alive && bound.includes(alive)) conditions.push({ text: `is_pid(${alive})`, loose: false });
    conditions.push(result.condition);
  }
  return conditions;
}

/**
 * case EXPR do\n  CLAUSE -> BODY\n  _ -> :continue\nend, with every clause broken onto its own
 * lines (and a blank line between them) when one does not fit, as mix format does.
 */
function caseText(expression: string, head: string, body: (column: number) => string, column: number): string {
  const flat = body(0);
  const clause = `${head} -> ${flat}`;
  if (!isMultiLine(expression) && !isMultiLine(flat) && fitsAt(column + 2, clause)) {
    return `case ${expression} do\n  ${clause}\n  _ -> :continue\nend`;
  }
  const broken = body(column + 4);
  return `case ${indentRest(expression, 5)} do\n  ${indentRest(head, 2)} ->\n    ${indentRest(broken, 4)}\n\n  _ ->\n    :continue\nend`;
}
