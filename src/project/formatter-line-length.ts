// The `line_length` a Mix project's `.formatter.exs` sets (98, the formatter's default, when it sets
// none): rewrites are laid out to it so a format-clean file stays clean (eternal formats at 80).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LINE_LENGTH } from '../transform/layout.js';

const LINE_LENGTH = /\bline_length:\s*(\d[\d_]*)/;

const known = new Map<string, number>();

/** The line length of the Mix project in `dir`, read once per directory. */
export function formatterLineLength(dir: string): number {
  let length = known.get(dir);
  if (length === undefined) {
    let text = '';
    try {
      text = readFileSync(join(dir, '.formatter.exs'), 'utf8');
    } catch {
      // No .formatter.exs: the formatter's default.
    }
    const set = LINE_LENGTH.exec(text.replace(/#.*$/gm, ''));
    length = set ? Number(set[1]!.replace(/_/g, '')) : DEFAULT_LINE_LENGTH;
    known.set(dir, length);
  }
  return length;
}
