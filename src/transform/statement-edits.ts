// Removing or replacing a whole statement the way a person would: the line goes, its trailing
// comment stays, and a block or setup whose value mattered keeps returning :ok.
import type { SyntaxNode } from '../parse/parser.js';
import { callName, statementsOf } from '../parse/nodes.js';
import type { EditRecorder } from '../edit/edits.js';

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

/** Removing a line between two blank lines would leave two in a row, which `mix format` would undo. */
function blankLineAfterIfBetweenBlanks(source: string, span: LineSpan): number {
  const previousLineStart = source.lastIndexOf('\n', span.lineStart - 2) + 1;
  const previous = source.slice(previousLineStart, Math.max(previousLineStart, span.lineStart - 1));
  const next = /^[ \t]*\r?\n/.exec(source.slice(span.lineEnd));
  return span.lineStart > 0 && /^[ \t]*\r?$/.test(previous) && next ? next[0].length : 0;
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

/** Deletes a statement. Returns false when it shares its line with other code (the caller bails). */
export function removeStatement(edit: EditRecorder, source: string, statement: SyntaxNode): boolean {
  const span = lineSpan(source, statement);
  const comment = /^\s*(#.*)?$/.exec(span.after);
  if (!/^[ \t]*$/.test(span.before) || !comment) return false;
  if (valueMatters(statement)) {
    edit.replace(statement, ':ok');
    return true;
  }
  if (comment[1]) {
    // Keep the comment that explained the sleep, on its own line.
    edit.replace({ start: statement.startIndex, end: statement.endIndex + span.after.length }, comment[1]);
    return true;
  }
  edit.remove({ start: span.lineStart, end: span.lineEnd + blankLineAfterIfBetweenBlanks(source, span) });
  return true;
}

/** Replaces a statement alone on its line(s) with other code; false when it shares its line. */
export function replaceStatement(edit: EditRecorder, source: string, statement: SyntaxNode, text: string): boolean {
  const span = lineSpan(source, statement);
  if (!/^[ \t]*$/.test(span.before) || !/^\s*(#.*)?$/.test(span.after)) return false;
  edit.replace(statement, text);
  return true;
}
