// `sleepless check`: the CI gate. Scans, then keeps the problematic sleeps that are new, i.e. neither
// allowlisted (those are legitimate already) nor listed in the baseline, and, with --since, only
// those on lines added or changed since the merge base (in files changed since then: no other file
// is scanned). Returns data; the CLI prints and exits.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { scan, type ScanOptions, type ScanResult } from '../scan/scan.js';
import type { Finding, Report } from '../finding.js';
import { summarize } from '../report/summary.js';
import { UsageError } from '../errors.js';
import { BASELINE_FILE, type BaselineEntry } from '../baseline/format.js';
import { readBaseline, writeBaseline } from '../baseline/io.js';
import { contentKeys } from '../baseline/content-key.js';
import { matchBaseline, type Baselined, type Candidate, type MatchResult } from '../baseline/match.js';
import type { ChangedLines } from '../git/changed-lines.js';
import { touches } from '../git/diff-parse.js';
import { displayNameOf, scopeOf } from './scope.js';

export interface CheckOptions extends ScanOptions {
  /** The baseline to use; it must exist. Without it, `<root>/sleepless-baseline.json` is used when present. */
  baselineFile?: string;
  /** Only sleeps on lines added or changed since the merge base of this ref and HEAD fail. */
  since?: string;
  /** Baseline entries that match no sleep any more (fixed) fail the check too. */
  strict?: boolean;
  /** Rewrite the baseline without its fixed entries. */
  prune?: boolean;
}

export interface BaselineInfo {
  file: string;
  /** How messages name it: relative to the root when it is inside it. */
  display: string;
  entries: number;
}

export interface SinceInfo {
  ref: string;
  base: string;
  changes: ChangedLines;
}

export interface CheckResult {
  /** The scan contract, with `findings` (and the summary) limited to the sleeps that fail the check. */
  report: Report;
  /** Problematic sleeps that pass because the baseline lists them. */
  baselined: Baselined[];
  /** Sleeps a person allowed, in sleepless.allowlist.json or with `# sleepless:allow`. */
  allowlisted: Finding[];
  /** Baseline entries that match no sleep any more. */
  fixed: BaselineEntry[];
  /** --since: new problematic sleeps that pass because none of their lines changed. */
  unchanged: Finding[];
  /** Fingerprints of the failing findings on changed lines (all of them with --since). */
  onChangedLines: Set<string>;
  baseline: BaselineInfo | null;
  since: SinceInfo | null;
  /** Entries --prune removed from the baseline. */
  pruned: BaselineEntry[];
  /** Whether the check fails: a failing finding, or --strict and a fixed entry that was not pruned. */
  failed: boolean;
}

async function changesSince(root: string, ref: string): Promise<{ ref: string; base: string; changes: ChangedLines }> {
  const { changedLines } = await import('../git/changed-lines.js');
  const { base, changes } = await changedLines(root, ref);
  return { ref, base, changes };
}

export async function check(options: CheckOptions): Promise<CheckResult> {
  const root = resolve(options.root);
  const baselinePath = resolveBaselinePath(root, options.baselineFile);
  if (options.prune && !baselinePath) {
    throw new UsageError(`--prune needs a baseline, and ${BASELINE_FILE} does not exist in ${root}; write one with \`sleepless baseline\``);
  }
  const display = baselinePath ? displayNameOf(root, baselinePath) : '';
  // Read first: a malformed baseline is a usage error before any scanning time is spent.
  const baseline = baselinePath ? readBaseline(baselinePath, display) : null;
  // git (and child_process with it) is loaded only for --since, which scans only the files the
  // branch changed: a sleep anywhere else is on an unchanged line, so it could not fail the check.
  const since = options.since ? await changesSince(root, options.since) : null;
  const scanned = await scan(since ? { ...options, only: (rel) => since.changes.has(rel) } : options);

  const problematic = candidatesOf(scanned);
  const match: MatchResult = baseline
    ? matchBaseline(problematic, baseline.entries, scopeOf(root, options.paths ?? [root], scanned))
    : { new: problematic.map((c) => c.finding), baselined: [], fixed: [], outOfScope: [] };

  const onChanged = (f: Finding) => !since || touches(since.changes, f.file, f.line, f.end_line);
  const failing = match.new.filter(onChanged);
  const unchanged = match.new.filter((f) => !onChanged(f));

  let pruned: BaselineEntry[] = [];
  if (options.prune && baseline && baselinePath && match.fixed.length > 0) {
    const fixed = new Set(match.fixed);
    writeBaseline(baselinePath, baseline.entries.filter((e) => !fixed.has(e)));
    pruned = match.fixed;
  }

  const removable = new Map(scanned.sites.map((s) => [s.finding, s.removableMs] as const));
  return {
    report: { ...scanned.report, findings: failing, summary: summarize(failing, (f) => removable.get(f) ?? 0) },
    baselined: match.baselined,
    allowlisted: scanned.report.findings.filter((f) => f.category === 'allowlisted'),
    fixed: match.fixed,
    unchanged,
    onChangedLines: new Set(since ? failing.map((f) => f.fingerprint) : []),
    baseline: baselinePath && baseline ? { file: baselinePath, display, entries: baseline.entries.length - pruned.length } : null,
    since,
    pruned,
    failed: failing.length > 0 || (!!options.strict && match.fixed.length > pruned.length),
  };
}

/** The problematic findings of a scan with their content keys, in report order. */
export function candidatesOf(scanned: ScanResult): Candidate[] {
  const keys = contentKeys(scanned.sites);
  return scanned.report.findings.filter((f) => f.verdict === 'problematic').map((finding) => ({ finding, contentKey: keys.get(finding) ?? '' }));
}

/** An explicit baseline must exist; the default one is used only when present. */
export function resolveBaselinePath(root: string, explicit: string | undefined): string | null {
  if (explicit) {
    const file = isAbsolute(explicit) ? explicit : resolve(root, explicit);
    if (!existsSync(file)) throw new UsageError(`${explicit}: no such baseline file; write one with \`sleepless baseline --baseline ${explicit}\` or fix the --baseline path`);
    return file;
  }
  const file = resolve(root, BASELINE_FILE);
  return existsSync(file) ? file : null;
}
