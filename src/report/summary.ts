import type { Finding, Summary } from '../finding.js';

/** Totals for a set of findings; `iterations` says how often each sleep runs per test run (loops). */
export function summarize(findings: readonly Finding[], iterations: (f: Finding) => number = () => 1): Summary {
  const summary: Summary = { sleeps: findings.length, problematic: 0, legitimate: 0, by_category: {}, by_fix: {}, removable_ms: 0 };
  for (const finding of findings) {
    if (finding.verdict === 'legitimate') {
      summary.legitimate++;
      if (finding.category) summary.by_category[finding.category] = (summary.by_category[finding.category] ?? 0) + 1;
    } else {
      summary.problematic++;
      if (finding.fix) summary.by_fix[finding.fix] = (summary.by_fix[finding.fix] ?? 0) + 1;
      if (finding.duration_ms !== null) summary.removable_ms += finding.duration_ms * iterations(finding);
    }
  }
  return summary;
}
