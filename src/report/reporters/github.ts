// GitHub Actions workflow commands: an `::error` annotation per failing sleep, shown on the pull
// request's diff. GitHub keeps at most 10 error annotations per step, so the sleeps on changed lines
// go first and the rest are listed in one `::notice`. (The job summary is written by the command.)
import type { Finding, Report } from '../../finding.js';
import { pathFrom } from './paths.js';
import type { Reporter } from './types.js';

export const MAX_ANNOTATIONS = 10;

export const github: Reporter = (report, context) => {
  const out: string[] = [];
  const problematic = report.findings.filter((f) => f.verdict === 'problematic');
  const changed = context.changed ?? new Set<string>();
  const ordered = [...problematic.filter((f) => changed.has(f.fingerprint)), ...problematic.filter((f) => !changed.has(f.fingerprint))];
  const path = (file: string) => pathFrom(report, file, context.sourceRoot);

  for (const f of ordered.slice(0, MAX_ANNOTATIONS)) {
    const title = `sleepless: ${f.fix ?? 'problematic'} (${f.rule})`;
    const fix = f.fix ? ` Fix: ${f.fix}${f.safety ? ` (${f.safety})` : ''}; run \`sleepless explain ${f.rule}\`.` : '';
    out.push(
      workflowCommand(
        'error',
        { file: path(f.file), line: f.line, col: f.column, endLine: f.end_line, endColumn: f.end_column, title },
        `${f.call} ${f.reason}.${fix}`,
      ),
    );
  }
  const rest = ordered.slice(MAX_ANNOTATIONS);
  if (rest.length > 0) {
    const list = rest.map((f) => `${path(f.file)}:${f.line}:${f.column} ${f.call} (${f.fix})`);
    out.push(
      workflowCommand(
        'notice',
        { title: `sleepless: ${rest.length} more problematic ${rest.length === 1 ? 'sleep' : 'sleeps'}` },
        `GitHub shows at most ${MAX_ANNOTATIONS} error annotations per step; these are not annotated:\n${list.join('\n')}`,
      ),
    );
  }

  for (const e of report.errors.slice(0, MAX_ANNOTATIONS)) {
    out.push(workflowCommand('warning', { file: path(e.file), ...(e.line ? { line: e.line } : {}), title: 'sleepless' }, e.message));
  }
  if (report.errors.length > MAX_ANNOTATIONS) {
    const list = report.errors.slice(MAX_ANNOTATIONS).map((e) => `${path(e.file)}${e.line ? `:${e.line}` : ''}: ${e.message}`);
    out.push(workflowCommand('notice', { title: `sleepless: ${list.length} more problems` }, list.join('\n')));
  }

  out.push(plain(summaryLine(report, problematic, context.command)));
  for (const note of context.notes ?? []) for (const line of note.split('\n')) out.push(plain(line));
  return `${out.join('\n')}\n`;
};

/** `::name key=value,…::message`, escaped as @actions/core does. */
export function workflowCommand(name: string, properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A log line that GitHub must not read as a command, whatever a test name holds. */
function plain(line: string): string {
  return line.startsWith('::') ? ` ${line}` : line;
}

function summaryLine(report: Report, problematic: readonly Finding[], command: 'scan' | 'check'): string {
  if (problematic.length === 0) return `sleepless ${command}: no ${command === 'check' ? 'new ' : ''}problematic sleeps in ${report.files_scanned} files scanned`;
  const ms = report.summary.removable_ms;
  return `sleepless ${command}: ${problematic.length} ${command === 'check' ? 'new ' : ''}problematic ${problematic.length === 1 ? 'sleep' : 'sleeps'} (${ms} ms per run removable) in ${report.files_scanned} files scanned`;
}
