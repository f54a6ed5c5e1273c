// Removing or replacing a whole statement the way a person would: the line goes, its trailing
// comment stays, and a block or setup whose value mattered keeps returning :ok.
import type { SyntaxNode } from '../parse/parser.js';
import { callName, statementsOf } from '../parse/nodes.js';
import type { EditRecorder } from '../edit/edits.js';
import { isMultiLine, joinStatements } from './layout.js';

interface LineSpan {
  lineStart: number;
  /** Just past the line ending after the statement. */
  lineEnd: number;
  before: string;
  after: string;
}

function lineSpan(source: string, node: SyntaxNode): LineSpan {
  const lineStart = source.lastIndexOf('\n', node.startIndex - 1) + 1;
  const newline = source.indexOf('\n', node.endIndex);
  const lineEnd = newline === -1 ? source.length : newline + 1;
  return {
    lineStart,
    lineEnd,
    before: source.slice(lineStart, node.startIndex),
    after: source.slice(node.endIndex, newline === -1 ? source.length : newline).replace(/\r$/, ''),
  };
}

function isBlankLine(source: string, lineStart: number): boolean {
  return /^[ \t]*\r?(\n|$)/.test(source.slice(lineStart));
}

/**
 * The blank line that must go with a removed statement so `mix format` would not have to remove
 * it: the one after it when it sat between two blank lines or opened its block, the one before
 * it when it closed its block.
 */
function blankLineAround(source: string, span: LineSpan, statement: SyntaxNode): LineRange | null {
  const previousLineStart = source.lastIndexOf('\n', span.lineStart - 2) + 1;
  const blankBefore = span.lineStart > 0 && isBlankLine(source, previousLineStart);
  const next = /^[ \t]*\r?\n/.exec(source.slice(span.lineEnd));
  const first = !statement.previousNamedSibling;
  const last = !nextInBlock(statement);
  if (next && (blankBefore || first)) return { start: span.lineEnd, end: span.lineEnd + next[0].length };
  if (blankBefore && last && !first) return { start: previousLineStart, end: span.lineStart };
  return null;
}

interface LineRange {
  start: number;
  end: number;
}

/** The next statement or comment in the same block, null at its end (`else`, `after`… end it too). */
export function nextInBlock(statement: SyntaxNode): SyntaxNode | null {
  const next = statement.nextNamedSibling;
  return next && !next.type.endsWith('_block') ? next : null;
}

/** Is the statement's value what its block returns, and does that value matter (setup, fn, def)? */
function valueMatters(statement: SyntaxNode): boolean {
  const container = statement.parent;
  if (!container) return false;
  const siblings = statementsOf(container);
  if (siblings[siblings.length - 1]?.id !== statement.id) return false;
  const owner = container.parent;
  const ownerName = owner?.type === 'call' ? callName(owner) : null;
  return ownerName !== 'test' && ownerName !== 'describe';
}

/** Is the statement the last of a setup block, whose value ExUnit merges into the test context? */
export function endsSetup(statement: SyntaxNode): boolean {
  const container = statement.parent;
  if (!container || nextInBlock(statement)) return false;
  const owner = container.parent;
  const name = owner?.type === 'call' ? callName(owner) : null;
  return name === 'setup' || name === 'setup_all';
}

/**
 * Deletes a statement. Returns false when it shares its line with other code (the caller bails).
 * `valueUnused`: the caller knows the block's value is thrown away (an Enum.each body), so a last
 * statement goes too instead of becoming `:ok`.
 */
export function removeStatement(edit: EditRecorder, source: string, statement: SyntaxNode, options: { valueUnused?: boolean } = {}): boolean {
  const span = lineSpan(source, statement);
  const comment = /^\s*(#.*)?$/.exec(span.after);
  if (!/^[ \t]*$/.test(span.before) || !comment) return false;
  if (!options.valueUnused && valueMatters(statement)) {
    edit.replace(statement, ':ok');
    return true;
  }
  if (comment[1]) {
    // Keep the comment that explained the sleep, on its own line.
    edit.replace({ start: statement.startIndex, end: statement.endIndex + span.after.length }, comment[1]);
    return true;
  }
  const blank = blankLineAround(source, span, statement);
  edit.remove({ start: Math.min(span.lineStart, blank?.start ?? Infinity), end: Math.max(span.lineEnd, blank?.end ?? 0) });
  return true;
}

/** Replaces a statement alone on its line(s) with other code; false when it shares its line. */
export function replaceStatement(edit: EditRecorder, source: string, statement: SyntaxNode, text: string): boolean {
  const span = lineSpan(source, statement);
  if (!/^[ \t]*$/.test(span.before) || !/^\s*(#.*)?$/.test(span.after)) return false;
  edit.replace(statement, text);
  return true;
}

export interface RewriteOptions {
  /** A statement above this one that the same rewrite removes (its line does not count as a neighbour). */
  removedAbove?: SyntaxNode;
  /** The statement below is rewritten too, into several lines: it brings the blank line between them. */
  nextSpansLines?: boolean;
}

/**
 * Replaces a statement alone on its line(s) with one or more statements, the way `mix format`
 * would print them: a trailing comment (`Process.sleep(100) # settle`) moves to its own line
 * above, and a statement that spans several lines gets a blank line on either side unless it
 * opens or closes its block or follows a comment. False when the statement shares its line.
 */
export function rewriteStatement(edit: EditRecorder, source: string, statement: SyntaxNode, statements: readonly string[], options: RewriteOptions = {}): boolean {
  const span = lineSpan(source, statement);
  const comment = /^\s*(#.*)?$/.exec(span.after);
  if (!/^[ \t]*$/.test(span.before) || !comment || statements.length === 0) return false;
  let text = joinStatements(statements);
  if (isMultiLine(statements[statements.length - 1]!) && !options.nextSpansLines && needsBlankAfter(source, statement)) text += '\n';
  if (comment[1]) {
    edit.replace({ start: statement.startIndex, end: statement.endIndex + span.after.length }, `${comment[1]}\n${text}`);
    return true;
  }
  edit.replace(statement, text);
  if (isMultiLine(statements[0]!) && needsBlankBefore(source, statement, options.removedAbove)) {
    edit.insertBefore({ start: span.lineStart, end: span.lineStart }, '\n');
  }
  return true;
}

/**
 * Inserts statements on their own lines just above `statement` (`ref = Process.monitor(pid)`
 * before the kill). False when the statement does not start its line.
 */
export function insertStatementsBefore(edit: EditRecorder, source: string, statement: SyntaxNode, statements: readonly string[]): boolean {
  const span = lineSpan(source, statement);
  if (!/^[ \t]*$/.test(span.before) || statements.length === 0) return false;
  let text = joinStatements(statements);
  if (isMultiLine(statements[statements.length - 1]!) || isMultiLine(statement.text)) text += '\n';
  // mix format sets a multi-line expression apart from the statement above it, too.
  if (isMultiLine(statements[0]!) && needsBlankBefore(source, statement)) text = `\n${text}`;
  const indented = text
    .split('\n')
    .map((line) => (line === '' ? '' : span.before + line))
    .join('\n');
  edit.insertBefore({ start: span.lineStart, end: span.lineStart }, `${indented}\n`);
  return true;
}

/** Whether a statement that becomes multi-line needs a blank line above it to be format-clean. */
export function needsBlankBefore(source: string, statement: SyntaxNode, removedAbove?: SyntaxNode): boolean {
  let previous = statement.previousNamedSibling;
  if (removedAbove && previous?.startIndex === removedAbove.startIndex) previous = previous.previousNamedSibling;
  if (!previous || previous.type === 'comment') return false;
  const skip = removedAbove ? new Set(rowsOf(removedAbove)) : new Set<number>();
  return !hasBlankLineBetween(source, previous.endPosition.row, statement.startPosition.row, skip);
}

/** Whether a statement that becomes multi-line needs a blank line below it to be format-clean. */
export function needsBlankAfter(source: string, statement: SyntaxNode): boolean {
  let next = nextInBlock(statement);
  // Its own trailing comment moves above it.
  if (next?.type === 'comment' && next.startPosition.row === statement.endPosition.row) next = nextInBlock(next);
  if (!next) return false;
  return !hasBlankLineBetween(source, statement.endPosition.row, next.startPosition.row, new Set());
}

function rowsOf(node: SyntaxNode): number[] {
  const rows: number[] = [];
  for (let row = node.startPosition.row; row <= node.endPosition.row; row++) rows.push(row);
  return rows;
}

function hasBlankLineBetween(source: string, fromRow: number, toRow: number, skip: ReadonlySet<number>): boolean {
  if (toRow - fromRow < 2) return false;
  const lines = source.split('\n');
  for (let row = fromRow + 1; row < toRow; row++) {
    if (!skip.has(row) && /^[ \t]*\r?$/.test(lines[row] ?? '')) return true;
  }
  return false;
}
