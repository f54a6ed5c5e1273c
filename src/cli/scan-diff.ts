// `scan --diff`: the rewrites `fix` would propose, safe and review alike, as unified diffs after
// the report. Loaded only when asked for, so a plain scan never loads the diff renderer.
import { runFix } from '../fix/run-fix.js';
import { unifiedDiff } from '../fix/diff.js';
import { colorsFor } from '../report/colors.js';
import { DEFAULT_TIMEOUT_OPTIONS } from '../transform/timeout.js';
import type { ScanOptions } from '../scan/scan.js';

export async function proposedRewrites(scan: ScanOptions): Promise<string> {
  const colors = colorsFor(process.stdout);
  const result = await runFix({ scan, mode: 'dry', includeReview: true, timeouts: DEFAULT_TIMEOUT_OPTIONS, allowDirty: true });
  const out: string[] = ['', colors.bold('Proposed rewrites (`sleepless fix` applies them; review ones need a person):'), ''];
  for (const file of result.files) {
    if (file.before !== undefined && file.after !== undefined && file.before !== file.after) {
      const kinds = file.applied.map((a) => `${a.site.finding.line}: ${a.fix} (${a.safety})`).join(', ');
      out.push(colors.dim(`# ${file.rel} — ${kinds}`), unifiedDiff(file.rel, file.before, file.after, colors));
    }
    for (const skipped of file.skipped) out.push(colors.dim(`# ${file.rel}:${skipped.site.finding.line}: ${skipped.reason}`));
  }
  if (out.length === 3) out.push('no rewrite to propose');
  return `${out.join('\n')}\n`;
}
