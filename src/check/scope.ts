// What a run can say about a baseline entry: a scan of some paths says nothing about files it did
// not look at, so their entries are neither matched nor fixed, only kept.
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { MatchScope } from '../baseline/match.js';
import type { ScanResult } from '../scan/scan.js';

export function scopeOf(root: string, paths: readonly string[], scan: ScanResult): MatchScope {
  const scanned = new Set(scan.scanned);
  // Files the scan listed but could not read or skipped (too large): their sleeps are unknown, not fixed.
  for (const error of scan.report.errors) if (error.line === undefined) scanned.delete(error.file);
  const exists = (file: string) => existsSync(join(root, file));
  const given = paths.map((p) => resolve(root, p));
  const underGivenPaths = (file: string) => {
    const abs = join(root, file);
    return given.some((dir) => {
      const rel = relative(dir, abs);
      return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
    });
  };
  return {
    exists,
    // A vanished file was in scope if the run would have looked at it: it lies under a path it was given.
    inScope: (file) => scanned.has(file) || (!exists(file) && underGivenPaths(file)),
  };
}

/** How messages name the baseline: relative to the root when it lives there, else as given. */
export function displayNameOf(root: string, file: string): string {
  const rel = relative(root, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
}
