// The session's closing summary: decisions per fix kind (applied / skipped / allowlisted), the
// sleeping removed per run, files left alone or reverted, and how to continue.
import type { Colors } from '../report/colors.js';
import { formatMs } from '../report/reporters/text.js';
import { verifiedLines } from '../fix/summary.js';
import { SESSION_FILE } from '../session/store.js';
import type { DecisionAction, SessionResult } from './session.js';

const ACTIONS: DecisionAction[] = ['applied', 'skipped', 'allowlisted'];

export function sessionSummary(result: SessionResult, colors: Colors): string[] {
  const kept = result.decisions.filter((d) => !d.reverted);
  const count = (action: DecisionAction) => kept.filter((d) => d.action === action).length;
  const lines: string[] = [];
  const ended = {
    done: 'walked every problematic sleep',
    quit: 'stopped (q)',
    SIGINT: 'interrupted (Ctrl-C): every accepted change is written',
    SIGTERM: 'terminated (SIGTERM): every accepted change is written',
  }[result.stop];
  lines.push(`${colors.bold('sleepless fix')}: ${ended}`);
  lines.push(`decisions: ${ACTIONS.map((a) => `${count(a)} ${a}`).join(' · ')}${result.remaining > 0 ? ` · ${result.remaining} left` : ''}`);

  const byKind = new Map<string, Record<DecisionAction, number>>();
  for (const d of kept) {
    const kind = d.fix ?? 'manual';
    const row = byKind.get(kind) ?? { applied: 0, skipped: 0, allowlisted: 0 };
    row[d.action]++;
    byKind.set(kind, row);
  }
  const width = Math.max(0, ...[...byKind.keys()].map((k) => k.length));
  for (const [kind, row] of byKind) {
    lines.push(`  ${kind.padEnd(width)}  ${ACTIONS.filter((a) => row[a] > 0).map((a) => `${row[a]} ${a}`).join(' · ')}`);
  }
  const removed = kept.filter((d) => d.action === 'applied').reduce((ms, d) => ms + d.removedMs, 0);
  if (count('applied') > 0) lines.push(`time removed: ${colors.bold(formatMs(removed))} of sleeping per run`);
  const entries = kept.filter((d) => d.how === 'entry').length;
  const inline = kept.filter((d) => d.action === 'allowlisted' && d.how === 'inline').length;
  if (entries + inline > 0) lines.push(`allowlisted: ${entries} in ${result.allowlistFile}, ${inline} inline (\`# sleepless:allow\`)`);

  lines.push(...verifiedLines(result.files, colors));
  for (const file of result.files) {
    if (file.message && !file.verify?.after) lines.push(`  ${colors.yellow(file.rel)}: ${file.message.split('\n')[0]}`);
  }
  if (result.stop !== 'done' && result.remaining > 0) lines.push(colors.dim(`decisions saved in ${SESSION_FILE}: \`sleepless fix --resume\` continues from here`));
  return lines;
}
