import type { Finding } from '../../finding.js';
import type { Reporter } from './types.js';
import { formatMs } from './text.js';

/** A summary table and a per-file list, fit for a pull-request comment. */
export const markdown: Reporter = (report, { command, notes }) => {
  const { summary } = report;
  const out: string[] = [`## sleepless ${command}`, ''];
  out.push('| sleeps | problematic | legitimate | removable per run |', '| ---: | ---: | ---: | ---: |');
  out.push(`| ${summary.sleeps} | ${summary.problematic} | ${summary.legitimate} | ${formatMs(summary.removable_ms)} |`, '');
  if (command === 'check' && summary.sleeps === 0) out.push('No new problematic sleeps.', '');
  const kinds = [...Object.entries(summary.by_fix), ...Object.entries(summary.by_category)];
  if (kinds.length > 0) out.push(kinds.map(([k, n]) => `\`${k}\` ${n}`).join(' · '), '');
  let file = '';
  for (const f of report.findings) {
    if (f.file !== file) {
      file = f.file;
      if (out[out.length - 1] !== '') out.push('');
      out.push(`### \`${file}\``, '');
    }
    out.push(`- ${item(f)}`);
  }
  if (report.errors.length > 0) {
    out.push('', '### Problems', '');
    for (const e of report.errors) out.push(`- \`${e.file}${e.line ? `:${e.line}` : ''}\`: ${escape(e.message)}`);
  }
  for (const note of notes ?? []) out.push('', note);
  return `${out.join('\n')}\n`;
};

function item(f: Finding): string {
  const verdict = f.verdict === 'problematic' ? `**problematic** \`${f.fix}\`${f.safety ? ` (${f.safety})` : ''}` : `legitimate \`${f.category}\``;
  // A name written as a heredoc holds newlines, which would end the list item.
  const where = f.test ? ` in “${escape(f.test.replace(/\s+/g, ' ').trim())}”` : '';
  return `line ${f.line}: \`${f.call.replace(/`/g, "'")}\` ${verdict}${where}: ${escape(f.reason)}`;
}

function escape(text: string): string {
  return text.replace(/([|<>])/g, '\\$1');
}
