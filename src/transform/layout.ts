// How `mix format` lays out the few shapes the transforms write, so that a rewrite of a
// format-clean file is still format-clean: one line when it fits in the project's line length (98
// columns unless its .formatter.exs says otherwise), otherwise broken
// the way the formatter breaks it. Texts here use '\n' and are relative to their own first column
// (the applier re-indents them to where they land and converts line endings).
//   wait_for(fn -> Cache.size(cache) == 1 end, 500)
//   wait_for(
//     fn ->
//       Cache.size(cache) == 1 and
//         Cache.get(cache, :a) == 1
//     end,
//     500
//   )
import type { SyntaxNode } from '../parse/parser.js';

/** The formatter's default :line_length. */
export const DEFAULT_LINE_LENGTH = 98;

/** The line length the rewrites of the file being planned are laid out to (its project's `.formatter.exs`). */
let lineLength = DEFAULT_LINE_LENGTH;

/** Runs `plan` with rewrites laid out to `length` columns. */
export function withLineLength<T>(length: number, plan: () => T): T {
  const before = lineLength;
  lineLength = length;
  try {
    return plan();
  } finally {
    lineLength = before;
  }
}

/** Column (JS string index within the line) of an offset. */
export function columnAt(source: string, index: number): number {
  return index - (source.lastIndexOf('\n', index - 1) + 1);
}

/** Leading spaces of the line that holds `index`, as a count. */
export function lineIndentAt(source: string, index: number): number {
  const lineStart = source.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0].length;
}

/**
 * A node's text with '\n' endings and its continuation lines re-based to the node's own start,
 * so that it can be moved: for the argument of
 * `assert Enum.any?(xs, fn x ->\n             x\n           end)` it is
 * `Enum.any?(xs, fn x ->\n  x\nend)`. `underscoreAt` (source offsets) get a `_` inserted, for
 * variables a copied pattern must not bind visibly. Null when the node holds a multi-line string,
 * charlist or sigil, whose content re-indenting would change.
 */
export function nodeText(source: string, node: SyntaxNode, underscoreAt: readonly number[] = []): string | null {
  if (hasMultiLineLiteral(node)) return null;
  let text = node.text;
  for (const at of [...underscoreAt].sort((a, b) => b - a)) {
    const i = at - node.startIndex;
    text = `${text.slice(0, i)}_${text.slice(i)}`;
  }
  text = text.replace(/\r\n/g, '\n');
  if (!text.includes('\n')) return text;
  const lines = text.split('\n');
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  const lead = Math.min(columnAt(source, node.startIndex), ...rest.map((l) => /^ */.exec(l)![0].length));
  return [lines[0]!, ...lines.slice(1).map((l) => (l.trim() === '' ? '' : l.slice(lead)))].join('\n');
}

function hasMultiLineLiteral(node: SyntaxNode): boolean {
  if (TEXT_LITERALS.has(node.type) && node.startPosition.row !== node.endPosition.row) return true;
  return node.namedChildren.some(hasMultiLineLiteral);
}

const TEXT_LITERALS = new Set(['string', 'charlist', 'sigil']);

export function isMultiLine(text: string): boolean {
  return text.includes('\n');
}

/** Indents every line after the first by `by` spaces (blank lines stay empty). */
export function indentRest(text: string, by: number): string {
  const pad = ' '.repeat(by);
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : pad + line))
    .join('\n');
}

/** Does single-line `text` fit when it starts at `column`? */
export function fitsAt(column: number, text: string): boolean {
  return !isMultiLine(text) && column + text.length <= lineLength;
}

/**
 * `name(fn -> body end, rest…)`: a function that is not the last argument, as mix format prints
 * it. On one line when it fits; else each argument on its own line, the fn itself on one line
 * when that fits, else with its body on its own lines.
 */
export function fnFirstCall(name: string, body: string | BreakableText, rest: readonly string[], column: number): string {
  const text = typeof body === 'string' ? body : body.text;
  const flat = `${name}(fn -> ${text} end${rest.map((r) => `, ${r}`).join('')})`;
  if (fitsAt(column, flat)) return flat;
  const oneLineFn = `fn -> ${text} end`;
  const bodyText = typeof body === 'string' ? body : brokenAt(body, column + 4);
  const fn = fitsAt(column + 2, `${oneLineFn},`) ? oneLineFn : `fn ->\n  ${indentRest(bodyText, 2)}\nend`;
  return [`${name}(`, [fn, ...rest].map((arg) => `  ${indentRest(arg, 2)}`).join(',\n'), ')'].join('\n');
}

/** An expression with the places mix format breaks it when it does not fit (see conditions.ts). */
export interface BreakableText {
  text: string;
  /** A chain of one operator: broken after the operators. `broken`: an operand's own broken form (a long `match?`). */
  breaks?: { parts: string[]; op: string; broken?: (string | undefined)[] };
  /** A call: this text, one argument per line (relative to the call's first column). */
  broken?: string;
}

/**
 * `text` on one line when it fits at `column`. Else a call one argument per line, or a chain of
 * one operator filled as mix format fills it: as many operands on a line as fit, the line ending
 * in the operator, the next ones `indent` columns in from the expression's start (two; five after
 * an `if `, which `lead` says the first line starts with). `suffix` must fit after the last
 * operand (` do`). Lines after the first are relative to `column`.
 */
export function brokenAt(expression: BreakableText, column: number, { lead = 0, indent = 2, suffix = '' } = {}): string {
  const { text, breaks, broken } = expression;
  if (fitsAt(column + lead, text + suffix)) return text;
  if (broken !== undefined) return indentRest(broken, lead);
  if (!breaks) return indentRest(text, lead);
  const { parts, op } = breaks;
  const endingAfter = (i: number) => (i < parts.length - 1 ? ` ${op}` : suffix);
  // An operand too long for a line of its own is broken too, where it has a broken form.
  const operand = (i: number, start: number) => {
    const alternative = breaks.broken?.[i];
    return alternative !== undefined && !fitsAt(start, parts[i]! + endingAfter(i)) ? alternative : parts[i]!;
  };
  const lines: string[] = [operand(0, column + lead)];
  for (let i = 1; i < parts.length; i++) {
    const ending = endingAfter(i);
    const start = lines.length === 1 ? column + lead : column + indent;
    const last = lines[lines.length - 1]!;
    const joined = `${last} ${op} ${parts[i]}`;
    // An operand that spans lines (`Enum.any?(list, fn x ->` … `end)`) starts a line of its own.
    if (fitsAt(start, joined + ending)) lines[lines.length - 1] = joined;
    else {
      lines[lines.length - 1] = `${last} ${op}`;
      lines.push(operand(i, column + indent));
    }
  }
  return lines.map((line, i) => (i === 0 ? indentRest(line, lead) : ' '.repeat(indent) + indentRest(line, indent))).join('\n');
}

/**
 * A call rebuilt from its argument texts, in the form it was written in:
 * `assert_receive {:ok, _}, 500` (no parens: broken arguments align after the name) or
 * `assert_receive({:ok, _}, 500)` (parens: broken arguments each on their own line).
 */
export function callText(name: string, args: readonly string[], parens: boolean, column: number): string {
  const flat = parens ? `${name}(${args.join(', ')})` : `${name} ${args.join(', ')}`;
  if (fitsAt(column, flat)) return flat;
  if (parens) return [`${name}(`, args.map((arg) => `  ${indentRest(arg, 2)}`).join(',\n'), ')'].join('\n');
  const argColumn = name.length + 1;
  return `${name} ${args.map((arg, i) => (i === 0 ? '' : ' '.repeat(argColumn)) + indentRest(arg, argColumn)).join(',\n')}`;
}

/**
 * `if cond, do: a, else: b` when it fits, else the do/else block form (which the formatter keeps
 * as written).
 */
export function ifText(condition: string | BreakableText, then: string, otherwise: string, column: number): string {
  const text = typeof condition === 'string' ? condition : condition.text;
  const flat = `if ${text}, do: ${then}, else: ${otherwise}`;
  if (fitsAt(column, flat)) return flat;
  const head = typeof condition === 'string' ? indentRest(condition, 3) : brokenAt(condition, column, { lead: 3, indent: 5, suffix: ' do' });
  return `if ${head} do\n  ${then}\nelse\n  ${otherwise}\nend`;
}

/**
 * `name = expression`, as mix format prints a match: on one line when it fits; else the expression
 * on the next line, nested 2 (a call whose arguments are broken too), unless it is a map, list,
 * tuple or bitstring literal, whose opening bracket stays on the `=` line.
 */
export function bindingText(name: string, expression: string, column: number): string {
  const flat = `${name} = ${expression}`;
  if (fitsAt(column, flat) || (isMultiLine(expression) && opensContainer(expression))) return flat;
  return `${name} =\n  ${indentRest(expression, 2)}`;
}

/**
 * `match?(pattern, value)`. When either argument spans lines, or the call does not fit on its
 * line, mix format puts each argument on its own line; unless only the value spans lines and is a
 * map, list or tuple literal (its bracket then opens on the call's line).
 */
export function matchText(pattern: string, value: string): BreakableText {
  const broken = `match?(\n  ${indentRest(pattern, 2)},\n  ${indentRest(value, 2)}\n)`;
  if (isMultiLine(pattern) || (isMultiLine(value) && !opensContainer(value))) return { text: broken };
  return { text: `match?(${pattern}, ${value})`, broken };
}

/** A map, struct, list, tuple or bitstring literal, which mix format opens on the line before it. */
function opensContainer(text: string): boolean {
  return /^(%[\w.]*\{|\[|\{|<<)/.test(text);
}

/**
 * Statements of one block joined the way the formatter separates them: a blank line on either
 * side of a statement that spans several lines, none otherwise.
 */
export function joinStatements(statements: readonly string[]): string {
  return statements.reduce((out, statement, i) => {
    if (i === 0) return statement;
    const blank = isMultiLine(statements[i - 1]!) || isMultiLine(statement);
    return `${out}\n${blank ? '\n' : ''}${statement}`;
  }, '');
}
