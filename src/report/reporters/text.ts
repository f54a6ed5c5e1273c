import type { Finding, Report } from '../../finding.js';
import type { Reporter } from './types.js';
import type { Colors } from '../colors.js';

/** Grouped by file, one line a sleep, a closing summary with the time a run could save. */
export const text: Reporter = (report, { colors, notes, command }) => {
  const out: string[] = [];
  const byFile = groupByFile(report.findings);
  const width = {
    position: Math.max(0, ...report.findings.map((f) => `${f.line}:${f.column}`.length)),
    kind: Math.max(0, ...report.findings.map((f) => (f.category ?? f.fix ?? '').length)),
    call: Math.min(40, Math.max(0, ...report.findings.map((f) => f.call.length))),
  };
  for (const [file, findings] of byFile) {
    out.push(colors.underline(file));
    for (const f of findings) out.push(`  ${findingLine(f, width, colors)}`);
  }
  if (report.errors.length > 0) {
    if (out.length > 0) out.push('');
    for (const e of report.errors) out.push(colors.yellow(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`));
  }
  if (out.length > 0) out.push('');
  out.push(command === 'check' && report.summary.sleeps === 0 ? checkPassedLine(report, colors) : summaryLine(report, byFile.size, colors));
  for (const note of notes ?? []) out.push(note);
  return `${out.join('\n')}\n`;
};

function findingLine(f: Finding, width: { position: number; kind: number; call: number }, colors: Colors): string {
  const position = colors.dim(`${f.line}:${f.column}`.padEnd(width.position));
  const verdict = f.verdict === 'problematic' ? colors.red('problematic') : colors.green('legitimate ');
  const kind = (f.category ?? f.fix ?? '').padEnd(width.kind);
  const safety = f.safety === 'safe' ? colors.cyan(' (safe)') : '';
  const call = truncate(f.call, width.call).padEnd(width.call);
  return `${position}  ${verdict} ${colors.bold(kind)}  ${call}  ${f.reason}${safety}`;
}

function summaryLine(report: Report, files: number, colors: Colors): string {
  const { summary } = report;
  if (summary.sleeps === 0) return `no sleeps in ${report.files_scanned} ${plural(report.files_scanned, 'file')} scanned`;
  const parts = [
    `${summary.sleeps} ${plural(summary.sleeps, 'sleep')} in ${files} ${plural(files, 'file')}`,
    colors.red(`${summary.problematic} problematic (${formatMs(summary.removable_ms)} per run removable)`),
    colors.green(`${summary.legitimate} legitimate`),
  ];
  return parts.join(' · ');
}

/** A check lists only what fails it: nothing listed means it passed, not that there are no sleeps. */
function checkPassedLine(report: Report, colors: Colors): string {
  return colors.green(`no new problematic sleeps in ${report.files_scanned} ${plural(report.files_scanned, 'file')} scanned`);
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = map.get(f.file) ?? [];
    list.push(f);
    map.set(f.file, list);
  }
  return map;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
