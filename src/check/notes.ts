// The lines a check adds under its report (text and markdown show them; github prints them as log
// lines): what passed and why, and which baseline entries are stale.
import type { BaselineEntry } from '../baseline/format.js';
import type { Suppressed } from '../report/reporters/types.js';
import { allowlistSuppression } from '../report/reporters/sarif.js';
import type { CheckResult } from './check.js';

const LISTED = 20;

export function checkNotes(result: CheckResult, strict: boolean): string[] {
  const notes: string[] = [];
  const { baseline } = result;
  if (result.baselined.length > 0 && baseline) {
    const renamed = result.baselined.filter((b) => b.renamed).length;
    notes.push(
      `${count(result.baselined.length, 'problematic sleep')} listed in ${baseline.display} ${result.baselined.length === 1 ? 'passes' : 'pass'}` +
        (renamed > 0 ? ` (${renamed} matched in a renamed file: \`sleepless baseline --update\` records the new path)` : ''),
    );
  }
  if (result.allowlisted.length > 0) notes.push(`${count(result.allowlisted.length, 'allowlisted sleep')} ${result.allowlisted.length === 1 ? 'passes' : 'pass'}`);
  if (result.since) {
    notes.push(
      `--since ${result.since.ref}: only lines added or changed since ${result.since.base.slice(0, 12)} count, and only files changed since then are scanned` +
        (result.unchanged.length > 0 ? `; ${count(result.unchanged.length, 'problematic sleep')} on unchanged lines ${result.unchanged.length === 1 ? 'passes' : 'pass'}` : ''),
    );
  }
  if (baseline && result.pruned.length > 0) {
    notes.push(listed(`removed ${count(result.pruned.length, 'fixed entry', 'fixed entries')} from ${baseline.display}:`, result.pruned));
  }
  const stale = result.fixed.filter((e) => !result.pruned.includes(e));
  if (baseline && stale.length > 0) {
    notes.push(
      listed(
        `${count(stale.length, 'entry', 'entries')} in ${baseline.display} ${stale.length === 1 ? 'matches' : 'match'} no sleep any more (fixed)` +
          `${strict ? ` and ${stale.length === 1 ? 'fails' : 'fail'} the check (--strict)` : ''}; ` +
          `remove ${stale.length === 1 ? 'it' : 'them'} with \`sleepless check --prune\` or \`sleepless baseline --update\`:`,
        stale,
      ),
    );
  }
  if (!baseline && !result.since && result.report.findings.length > 0) {
    notes.push('no baseline: every problematic sleep fails. `sleepless baseline` records the current ones so that only new sleeps fail.');
  }
  return notes;
}

/** The sleeps that pass, for SARIF's suppressed results. */
export function suppressedOf(result: CheckResult): Suppressed[] {
  const baselineName = result.baseline?.display ?? 'the baseline';
  return [
    ...result.baselined.map(({ finding }) => ({ finding, kind: 'external' as const, justification: `listed in ${baselineName}: it predates the check` })),
    ...result.allowlisted.map((finding) => ({ finding, ...allowlistSuppression(finding) })),
  ];
}

function listed(head: string, entries: readonly BaselineEntry[]): string {
  const lines = entries.slice(0, LISTED).map((e) => `- ${e.file}${e.test ? ` “${e.test}”` : ''}: ${e.call}`);
  if (entries.length > LISTED) lines.push(`- … and ${entries.length - LISTED} more`);
  return [head, ...lines].join('\n');
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
