// The closing summary of a fix run: per-file status (jscodeshift's ok / nochange / skip / error),
// sleeps fixed per kind, and the time a test run no longer spends sleeping.
import { removableMs } from '../classify/classify.js';
import type { Colors } from '../report/colors.js';
import { formatMs } from '../report/reporters/text.js';
import type { FileOutcome } from './run-fix.js';
import type { FileVerify } from './verify-file.js';

export function fileLine(outcome: FileOutcome, colors: Colors): string {
  const status = { ok: colors.green, nochange: colors.dim, skip: colors.yellow, error: colors.red }[outcome.status](outcome.status);
  const kinds = countBy(outcome.applied.map((a) => a.fix));
  const fixed = outcome.applied.length > 0 ? ` (${outcome.applied.length} fixed: ${Object.entries(kinds).map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ')})` : '';
  const lines = [`${outcome.rel}: ${status}${fixed}`];
  if (outcome.message) lines.push(...outcome.message.split('\n').map((l) => `  ${l}`));
  // Why each problematic sleep left alone was (those held for review are counted in the summary).
  for (const { site, reason, heldForReview } of outcome.skipped) {
    if (!heldForReview) lines.push(colors.dim(`  ${site.finding.line}:${site.finding.column} ${reason}`));
  }
  if (outcome.verify?.after) {
    const { before, after } = outcome.verify;
    lines.push(`  verified: ${formatMs(before.ms)} → ${formatMs(after.ms)}${outcome.verify.reverted ? colors.red(' (failed, reverted)') : ''}`);
  }
  return lines.join('\n');
}

/** `dry`: nothing was written, so what was rewritten is what would be. */
export function summaryLines(outcomes: readonly FileOutcome[], colors: Colors, dry = false): string[] {
  const statuses = countBy(outcomes.map((o) => o.status));
  const applied = outcomes.flatMap((o) => o.applied);
  const removed = applied.reduce((ms, a) => ms + removableMs(a.site, a.fix), 0);
  const held = outcomes.flatMap((o) => o.skipped);
  const lines = [`files: ${['ok', 'nochange', 'skip', 'error'].map((s) => `${statuses[s] ?? 0} ${s}`).join(' · ')}`];
  const kinds = countBy(applied.map((a) => a.fix));
  lines.push(
    applied.length > 0
      ? `${dry ? 'would fix' : 'fixed'}: ${Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(' · ')} — ${colors.bold(formatMs(removed))} of sleeping ${dry ? 'to remove' : 'removed'} per run`
      : `${dry ? 'would fix' : 'fixed'}: nothing`,
  );
  if (held.length > 0) {
    const review = held.flatMap((h) => (h.heldForReview ? [h.heldForReview] : []));
    const parts = [];
    if (review.length > 0) parts.push(`${review.length} need review (${countSummary(review)}): \`sleepless fix\` or --include-review`);
    const unfixable = held.length - review.length;
    if (unfixable > 0) parts.push(`${unfixable} ${unfixable === 1 ? 'has' : 'have'} no automatic fix`);
    lines.push(`not fixed: ${held.length} — ${parts.join('; ')}`);
  }
  lines.push(...verifiedLines(outcomes, colors, 'reverted'));
  return lines;
}

/**
 * The --verify part of a closing summary (batch and interactive): how many files passed and were
 * reverted, with the measured test time before → after, then one line per file (or per reverted file).
 */
export function verifiedLines(files: readonly { rel: string; verify?: FileVerify }[], colors: Colors, list: 'all' | 'reverted' = 'all'): string[] {
  const verified = files.filter((o) => o.verify?.after);
  if (verified.length === 0) return [];
  const before = verified.reduce((ms, o) => ms + o.verify!.before.ms, 0);
  const after = verified.reduce((ms, o) => ms + o.verify!.after!.ms, 0);
  const passed = verified.filter((o) => o.verify!.after!.passed).length;
  const reverted = verified.filter((o) => o.verify!.reverted).length;
  const stuck = verified.length - passed - reverted;
  const lines = [`verified: ${passed} passed, ${reverted} reverted${stuck > 0 ? `, ${colors.red(`${stuck} failed and could not be reverted`)}` : ''} — measured ${formatMs(before)} → ${formatMs(after)}`];
  for (const o of verified) {
    const { before: b, after: a, reverted: r } = o.verify!;
    const times = `${formatMs(b.ms)} → ${formatMs(a!.ms)}`;
    if (list === 'reverted') {
      if (r) lines.push(`  reverted: ${o.rel}`);
      else if (!a!.passed) lines.push(`  failed, not reverted: ${o.rel}`);
    } else if (r) lines.push(`  ${colors.red('reverted')}: ${o.rel} (tests failed after the rewrite; ${times})`);
    else if (!a!.passed) lines.push(`  ${colors.red('failed, not reverted')}: ${o.rel} (${times})`);
    else lines.push(`  ${colors.green('verified')}: ${o.rel} (${times})`);
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
