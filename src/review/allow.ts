// Marking a sleep legitimate from the session, the two ways a project records it:
// - an entry in sleepless.allowlist.json (`sites`: fingerprint, category, reason), spliced in so
//   the rest of the file keeps its formatting byte for byte, validated against
//   allowlist.schema.json before anything is written, and written atomically;
// - an inline `# sleepless:allow CATEGORY reason` comment on the line above the sleep, at its
//   indentation (src/allowlist/inline.ts reads it back).
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { parseJson } from '../config/json-file.js';
import { detectEol } from '../edit/apply.js';
import type { SiteEntry } from '../allowlist/allowlist.js';
import { contentHash, createFileAtomic, writeFileAtomic } from '../write/atomic-write.js';
import { CATEGORIES, type Category } from '../vocabulary.js';

export type AllowCategory = Exclude<Category, 'allowlisted'>;

/** What a person can file a sleep under (every category but the `allowlisted` verdict itself). */
export const ALLOW_CATEGORIES = CATEGORIES.filter((c): c is AllowCategory => c !== 'allowlisted');

const HINT = 'fix it by hand (schema: allowlist.schema.json), then mark the sleep again';

/** A reason as one line: comments and JSON strings hold no line breaks. */
export function oneLineReason(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function validateReason(text: string): string | null {
  return oneLineReason(text).length >= 3 ? null : 'say in a few words why this sleep is needed (at least 3 characters)';
}

export interface FileChange {
  path: string;
  /** The file's bytes before the change; null when the change created it. */
  before: string | null;
  after: string;
}

/**
 * Appends a `sites` entry to the project allowlist (creating the file when absent). Throws a
 * ConfigError, writing nothing, when the existing file or the result does not match the schema.
 */
export async function addAllowlistEntry(path: string, displayName: string, entry: SiteEntry): Promise<FileChange> {
  const before = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  const base = before ?? '{\n  "version": 1,\n  "sites": []\n}\n';
  parseJson(base, displayName, 'allowlist', HINT);
  let after = appendSite(base, entry);
  if (!/\r?\n$/.test(after)) after += detectEol(base);
  parseJson(after, displayName, 'allowlist', HINT);
  if (before === null) await createFileAtomic(path, after);
  else await writeFileAtomic(path, after, { expectedHash: contentHash(before), root: dirname(path) });
  return { path, before, after };
}

/**
 * The allowlist text with `entry` appended to `sites`, touching nothing else: the new entry takes
 * the file's indentation unit, line ending, and the indentation of the entries already there.
 */
function appendSite(text: string, entry: SiteEntry): string {
  const eol = detectEol(text);
  const unit = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  const tree = parseTree(text)!;
  const sites = findNodeAtLocation(tree, ['sites']);
  const json = (indent: string) => JSON.stringify(entry, null, unit).split('\n').join(eol + indent);
  if (!sites) {
    // No `sites` yet: add it after the last property (the schema requires `version`, so there is one).
    const last = tree.children!.at(-1)!;
    const indent = startsLine(text, last.offset) ? indentationOf(text, last.offset) : unit;
    const end = last.offset + last.length;
    return `${text.slice(0, end)},${eol}${indent}"sites": [${eol}${indent}${unit}${json(indent + unit)}${eol}${indent}]${text.slice(end)}`;
  }
  const lineIndent = indentationOf(text, sites.offset);
  const last = sites.children?.at(-1);
  const itemIndent = last && startsLine(text, last.offset) ? indentationOf(text, last.offset) : lineIndent + unit;
  if (!last) return `${text.slice(0, sites.offset)}[${eol}${itemIndent}${json(itemIndent)}${eol}${lineIndent}]${text.slice(sites.offset + sites.length)}`;
  const end = last.offset + last.length;
  return `${text.slice(0, end)},${eol}${itemIndent}${json(itemIndent)}${text.slice(end)}`;
}

function indentationOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function startsLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, offset));
}

/** `source` with `# sleepless:allow CATEGORY reason` inserted above 1-based `line`, at its indentation. */
export function insertInlineAllow(source: string, line: number, category: AllowCategory, reason: string): string {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = source.indexOf('\n', start);
    if (next === -1) throw new Error(`line ${line} is past the end of the file`);
    start = next + 1;
  }
  const indent = /^[ \t]*/.exec(source.slice(start))![0];
  return `${source.slice(0, start)}${indent}# sleepless:allow ${category} ${oneLineReason(reason)}${detectEol(source)}${source.slice(start)}`;
}
