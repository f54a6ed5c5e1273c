// sleepless-baseline.json: the problematic sleeps a project already had when it switched `check` on.
// One entry per sleep, sorted and with a fixed key order, so that a baseline diffs line by line in review.
import type { Finding } from '../finding.js';
import { configErrorAt, parseJson } from '../config/json-file.js';
import type { FixKind } from '../vocabulary.js';

export const BASELINE_FILE = 'sleepless-baseline.json';
export const BASELINE_HINT = 'fix it, or delete it and run `sleepless baseline` to write it again';

export interface BaselineEntry {
  /** The finding's fingerprint: file, describe, test (or function), call and ordinal. */
  fingerprint: string;
  /** The same without the file, to recognise the sleep after its file was renamed. */
  content_key: string;
  file: string;
  describe: string | null;
  test: string | null;
  call: string;
  fix: FixKind;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

/** The entry for a problematic finding (its content key comes from src/baseline/content-key.ts). */
export function entryOf(finding: Finding, contentKey: string): BaselineEntry {
  return {
    fingerprint: finding.fingerprint,
    content_key: contentKey,
    file: finding.file,
    describe: finding.describe,
    test: finding.test,
    call: finding.call,
    fix: finding.fix ?? 'manual',
  };
}

/** 2-space JSON with a trailing newline; entries sorted, keys in one order, duplicates dropped. */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const unique = new Map<string, BaselineEntry>();
  for (const e of entries) unique.set(`${e.fingerprint}\u0000${e.file}`, e);
  const sorted = [...unique.values()].sort(compareEntries).map((e) => ({
    fingerprint: e.fingerprint,
    content_key: e.content_key,
    file: e.file,
    describe: e.describe,
    test: e.test,
    call: e.call,
    fix: e.fix,
  }));
  return `${JSON.stringify({ version: 1, entries: sorted }, null, 2)}\n`;
}

/** Parses and validates a baseline's text; every mistake is a ConfigError at its line and column. */
export function parseBaseline(text: string, displayName: string): Baseline {
  const baseline = parseJson<Baseline>(text, displayName, 'baseline', BASELINE_HINT);
  baseline.entries.forEach((entry, index) => {
    const problem = pathProblem(entry.file);
    if (problem) throw configErrorAt(text, displayName, ['entries', index, 'file'], `${problem} (got "${entry.file}")`, BASELINE_HINT);
  });
  return baseline;
}

/** Baseline paths are relative to the project root and stay inside it: no absolute paths, no `..`. */
export function pathProblem(file: string): string | null {
  if (/^([\\/]|[A-Za-z]:)/.test(file)) return 'must be a path relative to the project root, not an absolute path';
  if (file.split(/[\\/]/).includes('..')) return 'must stay inside the project root: ".." is not allowed';
  return null;
}

// Code-unit order, not localeCompare: the same file on every machine and locale.
function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return (
    cmp(a.file, b.file) ||
    cmp(a.describe ?? '', b.describe ?? '') ||
    cmp(a.test ?? '', b.test ?? '') ||
    cmp(a.call, b.call) ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
