// What a report scan (scan, check, baseline) found in each file that passed the prefilter, kept in
// .sleepless/cache/scan.json so that the next scan parses and classifies only what changed. A file's
// answers are reused only when all of these are as they were:
//   - the build of sleepless (cache/build-key.ts), the project's path, and the allowlist in force,
//     built-in and the project's (any difference empties the cache);
//   - the file's bytes (sha1), under the same path;
//   - each question its rules asked the project's modules (lib/ and test/support/, an umbrella
//     app's too): which file defines the module, or that none does, and that file's text
//     (project/module-index.ts).
// Everything else a rule reads is the file itself. A missing, damaged or foreign cache only costs a
// full scan; writing one is best-effort and atomic, and never happens when nothing changed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Allowlist } from '../allowlist/allowlist.js';
import type { FileError, Finding } from '../finding.js';
import type { ModuleDependency, ModuleIndex } from '../project/module-index.js';
import { replaceFileAtomic } from '../write/atomic-write.js';
import { ignoreStateDir, openStateDir, STATE_DIR } from '../write/state-dir.js';
import { buildKey } from './build-key.js';
import { sha1Hex } from '../sha1.js';

export const CACHE_FILE = join(STATE_DIR, 'cache', 'scan.json');

/** A file's part of a report, as the scan threads hand it over (scan/parallel.ts). */
export interface FileAnswers {
  findings: Finding[];
  /** The sleeping each finding's fix would save per test run. */
  removableMs: number[];
  /** The test or function each finding's fingerprint was counted under. */
  owners: string[];
  errors: FileError[];
  /** Indexes of the allowlist's site entries that its sites matched. */
  matched: number[];
}

interface Entry extends FileAnswers {
  hash: string;
  dependencies: ModuleDependency[];
}

interface CacheFile {
  version: 1;
  key: string;
  files: Record<string, Entry>;
}

/** What a scanned file adds to the next cache: its answers, with what they were worked out from. */
export interface Remembered {
  rel: string;
  hash: string;
  dependencies: ModuleDependency[];
  answers: FileAnswers;
  /** The answers came from the cache (nothing new to write for this file). */
  reused: boolean;
}

/**
 * The cache's key for this build, project root, allowlist and size limit; null when running
 * unbuilt (no cache). A moved project starts over: module dependencies are absolute paths.
 */
export function cacheKey(root: string, allowlist: Allowlist, maxFileSize: number): string | null {
  const build = buildKey();
  if (!build) return null;
  return sha1Hex(JSON.stringify([build, root, maxFileSize, allowlist]));
}

export class ResultCache {
  private constructor(
    readonly key: string,
    private readonly files: Record<string, Entry>,
  ) {}

  /** The cache under `root` if it was written under `key`; else an empty one. */
  static load(root: string, key: string): ResultCache {
    let files: Record<string, Entry> = {};
    try {
      const parsed = JSON.parse(readFileSync(join(root, CACHE_FILE), 'utf8')) as Partial<CacheFile>;
      if (parsed.version === 1 && parsed.key === key && isRecord(parsed.files)) files = parsed.files;
    } catch {
      // None yet, or damaged: start over.
    }
    return new ResultCache(key, files);
  }

  /** What is stored for `rel`, if its bytes and every module question it asked are unchanged. */
  reuse(rel: string, hash: string, modules: ModuleIndex): { answers: FileAnswers; dependencies: ModuleDependency[] } | null {
    const entry = Object.hasOwn(this.files, rel) ? this.files[rel] : undefined;
    if (!entry || entry.hash !== hash || !wellFormed(entry)) return null;
    if (!modules.unchanged(entry.dependencies)) return null;
    const { findings, removableMs, owners, errors, matched, dependencies } = entry;
    return { answers: { findings, removableMs, owners, errors, matched }, dependencies };
  }

  /**
   * Writes the next cache: this scan's files, plus what this one held for files outside the paths
   * it scanned (a scan of test/a keeps test/b's answers; a whole-project scan drops those of files
   * gone). `covers`: whether the scan spoke for a file (by path relative to the root). Skipped
   * when nothing would change; never throws.
   */
  async save(root: string, remembered: readonly Remembered[], covers: (rel: string) => boolean): Promise<void> {
    const files: Record<string, Entry> = {};
    let kept = 0;
    for (const [rel, entry] of Object.entries(this.files)) {
      if (!covers(rel)) {
        files[rel] = entry;
        kept++;
      }
    }
    for (const { rel, hash, dependencies, answers, reused } of remembered) {
      files[rel] = { hash, dependencies, ...answers };
      if (reused) kept++;
    }
    const unchanged = kept === Object.keys(this.files).length && remembered.every((r) => r.reused);
    if (unchanged) return;
    try {
      await openStateDir(root, 'the scan cache');
      // Ignored before anything is in it: a run stopped halfway leaves nothing for `git status`.
      await ignoreStateDir(root);
      const cache: CacheFile = { version: 1, key: this.key, files };
      await replaceFileAtomic(join(root, CACHE_FILE), JSON.stringify(cache));
    } catch {
      // A read-only checkout, a full disk, `.sleepless` leading elsewhere: the next scan is a full one.
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A hand-edited or truncated entry is never trusted. */
function wellFormed(entry: Entry): boolean {
  const arrays = [entry.findings, entry.removableMs, entry.owners, entry.errors, entry.matched, entry.dependencies];
  return arrays.every(Array.isArray) && entry.findings.length === entry.removableMs.length && entry.findings.length === entry.owners.length;
}
