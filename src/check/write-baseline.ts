// `sleepless baseline`: records the problematic sleeps a project has today, so that `check` fails
// only on new ones. Without --update it lists every current problematic sleep in the scanned paths
// (entries for files outside them are kept as they are); with --update it only drops the entries
// that match no sleep any more (and follows renamed files) and adds nothing, so a new sleep cannot
// slip into the baseline.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { scan, type ScanOptions } from '../scan/scan.js';
import { UsageError } from '../errors.js';
import { BASELINE_FILE, entryOf, type BaselineEntry } from '../baseline/format.js';
import { readBaseline, writeBaseline } from '../baseline/io.js';
import { matchBaseline } from '../baseline/match.js';
import type { FileError } from '../finding.js';
import { candidatesOf } from './check.js';
import { displayNameOf, scopeOf } from './scope.js';

export interface BaselineOptions extends ScanOptions {
  /** Where the baseline lives (default `<root>/sleepless-baseline.json`). */
  baselineFile?: string;
  /** Only remove entries that match no sleep any more; add nothing. */
  update?: boolean;
}

export interface BaselineWriteResult {
  file: string;
  display: string;
  /** Entries now in the file. */
  entries: number;
  added: BaselineEntry[];
  removed: BaselineEntry[];
  /** Problematic sleeps --update left out because they are new. */
  notAdded: number;
  errors: FileError[];
}

export async function writeBaselineFor(options: BaselineOptions): Promise<BaselineWriteResult> {
  const root = resolve(options.root);
  const file = options.baselineFile ? resolve(root, options.baselineFile) : resolve(root, BASELINE_FILE);
  const display = displayNameOf(root, file);
  const exists = existsSync(file);
  if (options.update && !exists) throw new UsageError(`${display}: no baseline to update; write one with \`sleepless baseline\``);
  const previous = exists ? readBaseline(file, display) : { version: 1 as const, entries: [] };

  const scanned = await scan(options);
  const candidates = candidatesOf(scanned);
  const match = matchBaseline(candidates, previous.entries, scopeOf(root, options.paths ?? [root], scanned));
  const removed = match.fixed;

  let entries: BaselineEntry[];
  let added: BaselineEntry[] = [];
  if (options.update) {
    // Nothing is added; entries found in a renamed file take its new path and fingerprint.
    const gone = new Set(removed);
    const keys = new Map(candidates.map((c) => [c.finding, c.contentKey]));
    const moved = new Map(match.baselined.filter((b) => b.renamed).map((b) => [b.entry, entryOf(b.finding, keys.get(b.finding) ?? b.entry.content_key)]));
    entries = previous.entries.filter((e) => !gone.has(e)).map((e) => moved.get(e) ?? e);
  } else {
    // Every current sleep, written afresh (a renamed file's entries take the new path and fingerprint).
    const fresh = candidates.map((c) => entryOf(c.finding, c.contentKey));
    const known = new Set(match.baselined.map((b) => b.finding));
    added = candidates.filter((c) => !known.has(c.finding)).map((c) => entryOf(c.finding, c.contentKey));
    entries = [...match.outOfScope, ...fresh];
  }
  writeBaseline(file, entries);
  return {
    file,
    display,
    entries: new Set(entries.map((e) => e.fingerprint)).size,
    added,
    removed,
    notAdded: options.update ? match.new.length : 0,
    errors: scanned.report.errors,
  };
}
