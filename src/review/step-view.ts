// What one step of the session shows: progress, where the sleep is, which test, why it is
// problematic and the lines that decided it, the code around it with the sleep highlighted, and
// the proposed rewrite of that one site as a coloured unified diff.
import type { ClassifiedSite } from '../classify/classify.js';
import type { Colors } from '../report/colors.js';
import { unifiedDiff } from '../fix/diff.js';
import type { FixKind, Safety } from '../vocabulary.js';

export type Proposal =
  | { kind: 'fix'; fix: FixKind; safety: Safety; description: string; before: string; after: string; chosen: boolean }
  | { kind: 'none'; reason: string };

export interface StepView {
  index: number;
  total: number;
  site: ClassifiedSite;
  /** The file's current text (what the excerpt is cut from). */
  source: string;
  proposal: Proposal;
  helpLine: string;
}

/** Lines of context around the sleep in the excerpt; evidence lines further away are listed by number. */
const CONTEXT = 3;
const MAX_REACH = 8;

export function renderStep(view: StepView, colors: Colors): string {
  const { finding, decision } = view.site;
  const out: string[] = [];
  const fix = view.proposal.kind === 'fix' ? `${view.proposal.fix} (${view.proposal.safety})` : 'no automatic fix';
  out.push(`${colors.bold(`[${view.index}/${view.total}]`)} ${colors.bold(`${finding.file}:${finding.line}:${finding.column}`)}  ${colors.cyan(fix)}`);
  const names = [finding.describe !== null ? `describe "${finding.describe}"` : null, finding.test !== null ? `test "${finding.test}"` : null].filter(Boolean);
  out.push(`  ${names.length > 0 ? names.join(' › ') : colors.dim('(outside any test)')}`);
  out.push(`  ${finding.call} — ${decision.reason}`);
  out.push(colors.dim(`  rule ${finding.rule} · confidence ${finding.confidence}${evidenceNote(decision.evidence)}`));
  out.push('', codeExcerpt(view.source, view.site, colors), '');
  if (view.proposal.kind === 'fix') {
    const { proposal } = view;
    out.push(`  ${proposal.chosen ? 'chosen' : 'proposed'}: ${colors.bold(proposal.fix)} — ${proposal.description}`);
    out.push(unifiedDiff(finding.file, proposal.before, proposal.after, colors).trimEnd());
  } else {
    out.push(`  ${colors.yellow(view.proposal.reason)}`);
  }
  out.push('', colors.dim(view.helpLine));
  return out.join('\n');
}

function evidenceNote(evidence: readonly number[] | undefined): string {
  if (!evidence || evidence.length === 0) return '';
  return ` · evidence: ${evidence.length === 1 ? 'line' : 'lines'} ${evidence.join(', ')}`;
}

/**
 * The code around the sleep: `›` marks the sleep's lines (the call itself highlighted, or
 * underlined with carets when there is no colour), `•` the evidence lines.
 */
export function codeExcerpt(source: string, site: ClassifiedSite, colors: Colors): string {
  const lines = source.split(/\r?\n/);
  const { line, end_line: endLine, column, end_column: endColumn } = site.finding;
  const evidence = (site.decision.evidence ?? []).filter((l) => l >= line - MAX_REACH && l <= endLine + MAX_REACH);
  const first = Math.max(1, Math.min(line - CONTEXT, ...evidence));
  const last = Math.min(lines.length, Math.max(endLine + CONTEXT, ...evidence));
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1] ?? '';
    const inSleep = n >= line && n <= endLine;
    const mark = inSleep ? colors.yellow('›') : evidence.includes(n) ? colors.cyan('•') : ' ';
    const from = n === line ? column - 1 : 0;
    const to = n === endLine ? endColumn - 1 : text.length;
    const shown = inSleep && colors.isColorSupported ? text.slice(0, from) + colors.inverse(colors.yellow(text.slice(from, to))) + text.slice(to) : text;
    out.push(`${mark} ${colors.dim(String(n).padStart(width))} │ ${shown}`.trimEnd());
    if (inSleep && !colors.isColorSupported && to > from) out.push(`  ${' '.repeat(width)} │ ${' '.repeat(from)}${'^'.repeat(to - from)}`);
  }
  return out.join('\n');
}
