// Which problematic sleeps are new, which the baseline already lists, and which baseline entries
// match nothing any more (fixed). Pure: the file system is asked through `scope` only.
//
// A sleep matches an entry with its fingerprint, which survives moves within the file and edits to
// other tests. A renamed file changes every fingerprint in it, so a sleep in a file the baseline
// does not know may also match, by content key, an entry of a file that no longer exists. A second
// identical sleep in the same test has ordinal 1, so a different fingerprint: it is new.
import type { Finding } from '../finding.js';
import type { BaselineEntry } from './format.js';

export interface Candidate {
  finding: Finding;
  contentKey: string;
}

export interface MatchScope {
  /** Whether this run looked at the file: entries for other files are neither matched nor fixed. */
  inScope(file: string): boolean;
  /** Whether the file still exists; only entries of vanished files can match a renamed file. */
  exists(file: string): boolean;
}

export interface Baselined {
  finding: Finding;
  entry: BaselineEntry;
  /** Matched by content key: the file was renamed from `entry.file`. */
  renamed: boolean;
}

export interface MatchResult {
  new: Finding[];
  baselined: Baselined[];
  /** Entries in scope that match no sleep: the sleep was fixed or deleted. */
  fixed: BaselineEntry[];
  /** Entries for files this run did not look at; kept as they are. */
  outOfScope: BaselineEntry[];
}

export function matchBaseline(candidates: readonly Candidate[], entries: readonly BaselineEntry[], scope: MatchScope): MatchResult {
  const used = new Set<BaselineEntry>();
  const matched = new Map<Candidate, Baselined>();

  const byFingerprint = groupBy(entries, (e) => e.fingerprint);
  for (const candidate of candidates) {
    const entry = byFingerprint.get(candidate.finding.fingerprint)?.find((e) => !used.has(e));
    if (!entry) continue;
    used.add(entry);
    matched.set(candidate, { finding: candidate.finding, entry, renamed: false });
  }

  matchRenamedFiles(candidates, entries, scope, used, matched);

  const unused = entries.filter((e) => !used.has(e));
  return {
    new: candidates.filter((c) => !matched.has(c)).map((c) => c.finding),
    baselined: candidates.flatMap((c) => matched.get(c) ?? []),
    fixed: unused.filter((e) => scope.inScope(e.file)),
    outOfScope: unused.filter((e) => !scope.inScope(e.file)),
  };
}

/**
 * A file the baseline does not know takes the vanished baseline file that shares the most content
 * keys with it (ties: the first by name), so two renamed files with a test of the same name each
 * find their own old entries.
 */
function matchRenamedFiles(
  candidates: readonly Candidate[],
  entries: readonly BaselineEntry[],
  scope: MatchScope,
  used: Set<BaselineEntry>,
  matched: Map<Candidate, Baselined>,
): void {
  const known = new Set(entries.map((e) => e.file));
  const unknownFiles = groupBy(
    candidates.filter((c) => !matched.has(c) && !known.has(c.finding.file)),
    (c) => c.finding.file,
  );
  if (unknownFiles.size === 0) return;
  const goneFiles = [...groupBy(entries.filter((e) => !used.has(e) && !scope.exists(e.file)), (e) => e.file)];
  goneFiles.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  for (const [, fileCandidates] of [...unknownFiles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let best: BaselineEntry[] | undefined;
    let bestCount = 0;
    for (const [, goneEntries] of goneFiles) {
      const count = countShared(fileCandidates, goneEntries.filter((e) => !used.has(e)));
      if (count > bestCount) {
        best = goneEntries;
        bestCount = count;
      }
    }
    if (!best) continue;
    for (const candidate of fileCandidates) {
      const entry = best.find((e) => !used.has(e) && e.content_key === candidate.contentKey);
      if (!entry) continue;
      used.add(entry);
      matched.set(candidate, { finding: candidate.finding, entry, renamed: true });
    }
  }
}

function countShared(candidates: readonly Candidate[], entries: readonly BaselineEntry[]): number {
  const available = new Map<string, number>();
  for (const e of entries) available.set(e.content_key, (available.get(e.content_key) ?? 0) + 1);
  let count = 0;
  for (const c of candidates) {
    const n = available.get(c.contentKey) ?? 0;
    if (n > 0) {
      count++;
      available.set(c.contentKey, n - 1);
    }
  }
  return count;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
