// The closing line of a fix run that counts what it left alone reads as English for one and for many.
import { describe, expect, it } from 'vitest';
import type { ClassifiedSite } from '../../src/classify/classify.js';
import type { FileOutcome } from '../../src/fix/run-fix.js';
import { summaryLines } from '../../src/fix/summary.js';
import { colorsFor } from '../../src/report/colors.js';

const site = {} as ClassifiedSite;

function outcome(unfixable: number, review: number): FileOutcome {
  return {
    rel: 'test/a_test.exs',
    status: 'nochange',
    applied: [],
    skipped: [
      ...Array.from({ length: unfixable }, () => ({ site, reason: 'manual' })),
      ...Array.from({ length: review }, () => ({ site, reason: 'review', heldForReview: 'remove' as const })),
    ],
  };
}

describe('summaryLines: sites not fixed', () => {
  const colors = colorsFor({ isTTY: false }, {});

  it('one sleep with no automatic fix "has" none', () => {
    expect(summaryLines([outcome(1, 0)], colors)).toContain('not fixed: 1 — 1 has no automatic fix');
  });

  it('several "have" none, after the ones held for review', () => {
    expect(summaryLines([outcome(3, 2)], colors)).toContain('not fixed: 5 — 2 need review (2 remove): `sleepless fix` or --include-review; 3 have no automatic fix');
  });
});
