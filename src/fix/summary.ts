// The closing summary of a fix run: per-file status (jscodeshift's ok / nochange / skip / error),
// sleeps fixed per kind, and the time a test run no longer spends sleeping.
import type { Colors } from '../report/colors.js';
import { formatMs } from '../report/reporters/text.js';
import type { FileOutcome } from './run-fix.js';

export function fileLine(outcome: FileOutcome, colors: Colors): string {
  const status = { ok: colors.green, nochange: colors.dim, skip: colors.yellow, error: colors.red }[outcome.status](outcome.status);
  const kinds = countBy(outcome.applied.map((a) => a.fix));
  const fixed = outcome.applied.length > 0 ? ` (${outcome.applied.length} fixed: ${Object.entries(kinds).map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ')})` : '';
  const lines = [`${outcome.rel}: ${status}${fixed}`];
  if (outcome.message) lines.push(...outcome.message.split('\n').map((l) => `  ${l}`));
  if (outcome.verify?.after) {
    const { before, after } = outcome.verify;
    lines.push(`  verified: ${formatMs(before.ms)} → ${formatMs(after.ms)}${outcome.verify.reverted ? colors.red(' (failed, reverted)') : ''}`);
  }
  return lines.join('\n');
}

export function summaryLines(outcomes: readonly FileOutcome[], colors: Colors): string[] {
  const statuses = countBy(outcomes.map((o) => o.status));
  const applied = outcomes.flatMap((o) => o.applied);
  const removed = applied.reduce((ms, a) => ms + (a.site.finding.duration_ms ?? 0) * a.site.iterations, 0);
  const held = outcomes.flatMap((o) => o.skipped);
  const lines = [`files: ${['ok', 'nochange', 'skip', 'error'].map((s) => `${statuses[s] ?? 0} ${s}`).join(' · ')}`];
  const kinds = countBy(applied.map((a) => a.fix));
  lines.push(
    applied.length > 0
      ? `fixed: ${Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(' · ')} — ${colors.bold(formatMs(removed))} of sleeping removed per run`
      : 'fixed: nothing',
  );
  if (held.length > 0) lines.push(`not fixed: ${held.length} (${countSummary(held.map((h) => h.reason.split(':')[0]!))})`);
  const verified = outcomes.filter((o) => o.verify?.after);
  if (verified.length > 0) {
    const before = verified.reduce((ms, o) => ms + o.verify!.before.ms, 0);
    const after = verified.reduce((ms, o) => ms + o.verify!.after!.ms, 0);
    const reverted = verified.filter((o) => o.verify!.reverted);
    lines.push(`verified: ${verified.length - reverted.length} passed, ${reverted.length} reverted — measured ${formatMs(before)} → ${formatMs(after)}`);
    for (const o of reverted) lines.push(`  reverted: ${o.rel}`);
  }
  return lines;
}

function countBy(items: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}

function countSummary(items: readonly string[]): string {
  return Object.entries(countBy(items))
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
}
