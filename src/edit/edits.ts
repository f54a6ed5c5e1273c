// Edits are data until one function applies them (apply.ts). A transform only records them,
// grouped by the site they fix, so a reviewer can accept one site and reject the next.

export interface Span {
  start: number;
  end: number;
}

/** Anything with a range: a tree-sitter node or a plain span. Offsets are JS string indices. */
export type Target = Span | { startIndex: number; endIndex: number };

export interface Edit {
  start: number;
  end: number;
  /** Replacement text; '' removes. Multi-line text is written with '\n' and no indentation after line 1. */
  text: string;
  /** Inserts at the same offset keep their recorded order; `before` ones go first. */
  kind: 'replace' | 'insert_before' | 'insert_after';
  /** The site (fingerprint) the edit belongs to; edits of one site apply together or not at all. */
  group: string;
  /**
   * Where the lines of multi-line text take their indentation from, when not from `start`'s line:
   * an insert after a statement that spans lines lines up with the statement's first line.
   */
  indentFrom?: number;
}

export function spanOf(target: Target): Span {
  return 'startIndex' in target ? { start: target.startIndex, end: target.endIndex } : { start: target.start, end: target.end };
}

/** What transforms call: `api.edit.replace(node, text)` and friends. */
export class EditRecorder {
  readonly edits: Edit[] = [];

  constructor(private group: string) {}

  /** Later edits belong to another site. */
  forGroup(group: string): this {
    this.group = group;
    return this;
  }

  replace(target: Target, text: string): void {
    const { start, end } = spanOf(target);
    this.edits.push({ start, end, text, kind: 'replace', group: this.group });
  }

  remove(target: Target): void {
    this.replace(target, '');
  }

  insertBefore(target: Target, text: string): void {
    const { start } = spanOf(target);
    this.edits.push({ start, end: start, text, kind: 'insert_before', group: this.group });
  }

  insertAfter(target: Target, text: string): void {
    const { end } = spanOf(target);
    this.edits.push({ start: end, end, text, kind: 'insert_after', group: this.group });
  }
}
