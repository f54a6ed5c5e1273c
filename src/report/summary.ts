import type { Finding, Summary } from '../finding.js';

/** Totals for a set of findings; `removableMs` is the sleeping a finding's fix saves per test run (classify.ts). */
export function summarize(findings: readonly Finding[], removableMs: (f: Finding) => number = (f) => f.duration_ms ?? 0): Summary {
  const summary: Summary = { sleeps: findings.length, problematic: 0, legitimate: 0, by_category: {}, by_fix: {}, removable_ms: 0 };
  for (const finding of findings) {
    if (finding.verdict === 'legitimate') {
      summary.legitimate++;
      if (finding.category) summary.by_category[finding.category] = (summary.by_category[finding.category] ?? 0) + 1;
    } else {
      summary.problematic++;
      if (finding.fix) summary.by_fix[finding.fix] = (summary.by_fix[finding.fix] ?? 0) + 1;
      summary.removable_ms += removableMs(finding);
    }
  }
  return summary;
}
