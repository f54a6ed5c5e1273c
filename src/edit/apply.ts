// The one function that turns recorded edits into new source text.
// - Edits are grouped by site; a group that overlaps an earlier accepted group is dropped whole
//   (reported, never thrown), so one site's half-applied rewrite can never happen.
// - Multi-line replacement text is re-indented: every line after the first gets the indentation of
//   the line where its range starts, and '\n' becomes the file's own line ending.
// - Identical edits (the same import added for two sites) collapse into one.
// - magic-string splices the text once, so nothing outside the edited spans changes.
import MagicString from 'magic-string';
import type { Edit } from './edits.js';

export interface ApplyResult {
  output: string;
  /** Groups applied, in source order. */
  applied: string[];
  /** Groups dropped because they overlapped an applied one. */
  dropped: string[];
}

export function applyEdits(source: string, edits: readonly Edit[]): ApplyResult {
  const eol = detectEol(source);
  const groups = groupEdits(dedupe(edits));
  const accepted: Edit[] = [];
  const applied: string[] = [];
  const dropped: string[] = [];
  for (const [group, members] of groups) {
    if (members.some((e) => accepted.some((a) => overlaps(a, e)))) {
      dropped.push(group);
      continue;
    }
    accepted.push(...members);
    applied.push(group);
  }
  const magic = new MagicString(source);
  for (const edit of accepted) {
    const text = reindent(edit.text, indentationAt(source, edit.indentFrom ?? edit.start), eol);
    if (edit.kind === 'insert_before') magic.prependLeft(edit.start, text);
    else if (edit.kind === 'insert_after') magic.appendRight(edit.start, text);
    else if (edit.start === edit.end) magic.appendLeft(edit.start, text);
    else if (text === '') magic.remove(edit.start, edit.end);
    else magic.overwrite(edit.start, edit.end, text);
  }
  return { output: magic.toString(), applied, dropped };
}

function dedupe(edits: readonly Edit[]): Edit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.kind}\u0000${e.start}\u0000${e.end}\u0000${e.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Groups in the order of their first edit in the source, so earlier sites win overlaps. */
function groupEdits(edits: Edit[]): Map<string, Edit[]> {
  const byGroup = new Map<string, Edit[]>();
  for (const edit of edits) byGroup.set(edit.group, [...(byGroup.get(edit.group) ?? []), edit]);
  return new Map([...byGroup].sort(([, a], [, b]) => Math.min(...a.map((e) => e.start)) - Math.min(...b.map((e) => e.start))));
}

/**
 * Two edits conflict when their replaced ranges share a character, or when one inserts strictly
 * inside the other's replaced range. Inserts at the same point, or at a range's boundary, coexist.
 */
function overlaps(a: Edit, b: Edit): boolean {
  const aRange = a.end > a.start;
  const bRange = b.end > b.start;
  if (aRange && bRange) return a.start < b.end && b.start < a.end;
  if (aRange) return b.start > a.start && b.start < a.end;
  if (bRange) return a.start > b.start && a.start < b.end;
  return false;
}

export function detectEol(source: string): string {
  const lf = source.indexOf('\n');
  return lf > 0 && source[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** The leading whitespace of the line that holds `offset`. */
export function indentationAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart, offset))![0];
}

function reindent(text: string, indent: string, eol: string): string {
  if (!text.includes('\n')) return text;
  // Text copied from a CRLF file arrives with '\r\n': normalise first, or it would end in '\r\r\n'.
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : indent + line))
    .join(eol);
}
