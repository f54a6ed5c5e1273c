// What a wait should wait for: the condition an assertion checks, as Elixir source text.
//   assert Cache.size(cache) == 1         → Cache.size(cache) == 1
//   refute Process.alive?(pid)            → !Process.alive?(pid)
//   refute a == b                         → !(a == b)      (`!` accepts any value, `not` only booleans)
//   assert {:ok, %{id: id}} = Repo.get(x) → match?({:ok, %{id: _id}}, Repo.get(x))
//   for n <- names, do: assert up?(n)     → Enum.all?(names, fn n -> up?(n) end)
// Texts are relative to their own first column, with '\n' line endings (see layout.ts).
import type { SyntaxNode } from '../parse/parser.js';
import { binaryParts, callArguments, callName, unaryParts } from '../parse/nodes.js';
import { matchText, nodeText, type BreakableText } from './layout.js';
import { loopedAssertion } from '../classify/statements.js';

/**
 * Where mix format breaks it when it is too long for its line (layout.ts): after each operator, the
 * lines after the first indented by two (`a &&\n  b`, `left ==\n  right`); a `match?` call one
 * argument per line.
 */
export interface Condition extends BreakableText {
  /** Needs parentheses as an operand of `&&` (`a || b`, `x = y`). */
  loose: boolean;
}

export type ConditionResult = { condition: Condition } | { reason: string };

/** Operators that bind more loosely than `&&` (or as loosely, to the right). */
const LOOSE_OPERATORS = new Set(['||', '|||', 'or', '=', '::', '|', 'when', '<-', '\\\\', '=>', 'and', '&&', '&&&']);

/** The condition of `assert e` / `refute e` (a failure message argument is not part of it). */
export function assertionCondition(source: string, statement: SyntaxNode): ConditionResult {
  // `for name <- names do assert C end` → `Enum.all?(names, fn name -> C end)` (vintage_net).
  const looped = loopedAssertion(statement);
  if (looped) {
    const inner = assertionCondition(source, looped.assertion);
    if ('reason' in inner) return inner;
    const enumerable = nodeText(source, looped.enumerable);
    const pattern = nodeText(source, looped.pattern);
    if (enumerable === null || pattern === null || [enumerable, pattern, inner.condition.text].some((t) => t.includes('\n'))) return { reason: 'the loop over the assertion spans lines' };
    return { condition: { text: `Enum.all?(${enumerable}, fn ${pattern} -> ${inner.condition.text} end)`, loose: false } };
  }
  const name = callName(statement);
  if (name !== 'assert' && name !== 'refute') return { reason: `\`${name ?? statement.type}\` is not assert/refute` };
  const [checked] = callArguments(statement);
  if (!checked) return { reason: `the ${name} has no condition` };
  const match = binaryParts(checked);
  if (match?.op === '=') {
    if (name === 'refute') return { reason: 'a refute with a pattern match has no condition to wait for' };
    const right = nodeText(source, match.right);
    if (right === null) return { reason: 'the asserted expression holds a multi-line string' };
    // `assert var = expr` checks that expr is truthy.
    if (match.left.type === 'identifier' && !match.left.text.startsWith('_')) return { condition: { text: right, loose: looseNode(match.right) } };
    const pattern = patternText(source, match.left, new Set());
    if (pattern === null) return { reason: 'the asserted pattern holds a multi-line string' };
    return { condition: { ...matchText(pattern, right), loose: false } };
  }
  const text = nodeText(source, checked);
  if (text === null) return { reason: 'the condition holds a multi-line string' };
  if (name === 'assert') return { condition: { text, loose: looseNode(checked), ...comparisonBreaks(source, checked) } };
  return { condition: { text: bangSafe(checked) ? `!${text}` : `!(${text})`, loose: false } };
}

/** `a && b && c`, with loose operands in parentheses. */
export function allOf(conditions: readonly Condition[]): Condition {
  if (conditions.length === 1) return conditions[0]!;
  const parts = conditions.map((c) => (c.loose ? `(${c.text})` : c.text));
  const broken = conditions.map((c) => (c.loose ? undefined : c.broken));
  return { text: parts.join(' && '), loose: true, breaks: { parts, op: '&&', broken } };
}

/** Comparisons mix format breaks after the operator. */
const COMPARISONS = new Set(['==', '!=', '===', '!==', '<', '>', '<=', '>=', '=~']);

function comparisonBreaks(source: string, node: SyntaxNode): Pick<Condition, 'breaks'> {
  const parts = binaryParts(node);
  if (!parts || !COMPARISONS.has(parts.op)) return {};
  const left = nodeText(source, parts.left);
  const right = nodeText(source, parts.right);
  return left !== null && right !== null && !left.includes('\n') && !right.includes('\n') ? { breaks: { parts: [left, right], op: parts.op } } : {};
}

function looseNode(node: SyntaxNode): boolean {
  const parts = binaryParts(node);
  return parts !== null && LOOSE_OPERATORS.has(parts.op);
}

/** Can `!` prefix this expression without parentheses? `!Process.alive?(pid)`, `!done`, `!state.ready`. */
function bangSafe(node: SyntaxNode): boolean {
  switch (node.type) {
    case 'identifier':
    case 'access_call':
    case 'boolean':
    case 'nil':
      return true;
    case 'call': {
      if (node.namedChildren.some((c) => c.type === 'do_block')) return false;
      const args = node.namedChildren.find((c) => c.type === 'arguments');
      // `Mod.fun(x)`, `fun(x)`, `state.ready` — not the no-parens `fun x`.
      return !args || args.firstChild?.type === '(';
    }
    default:
      return false;
  }
}

/**
 * A pattern's text with every variable it binds once and that `keep` does not name prefixed
 * with `_`, so that a pattern in match?/2 or a case clause does not warn about unused variables:
 * `{:ok, %{id: id}}` → `{:ok, %{id: _id}}`. A variable bound twice is an equality check and is used.
 */
export function patternText(source: string, pattern: SyntaxNode, keep: ReadonlySet<string>): string | null {
  const bindings = bindingNodes(pattern);
  const counts = new Map<string, number>();
  for (const b of bindings) counts.set(b.text, (counts.get(b.text) ?? 0) + 1);
  const unused = bindings.filter((b) => counts.get(b.text) === 1 && !keep.has(b.text));
  return nodeText(source, pattern, unused.map((b) => b.startIndex));
}

/** Names a pattern binds: `{:ok, %{id: id}, ^pinned, _skip}` → id. */
export function patternVariables(pattern: SyntaxNode): string[] {
  return [...new Set(bindingNodes(pattern).map((b) => b.text))];
}

function bindingNodes(pattern: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (node: SyntaxNode) => {
    if (node.type === 'identifier') {
      if (!node.text.startsWith('_')) out.push(node);
      return;
    }
    const unary = unaryParts(node);
    if (unary && (unary.op === '^' || unary.op === '@')) return;
    if (node.type === 'call') return; // a guard or literal call in a pattern binds nothing
    const parts = binaryParts(node);
    if (parts?.op === '::') return visit(parts.left); // `size::8` — the right side is a type
    for (const child of node.namedChildren) visit(child);
  };
  visit(pattern);
  return out;
}

/** Does `text` use the variable `name`? */
export function usesVariable(text: string, name: string): boolean {
  return new RegExp(`(?<![\\w@.:^])${name}(?![\\w?!:])`).test(text);
}
