// The closing lines of a fix run: what it left alone and why, in English for one and for many.
import { describe, expect, it } from 'vitest';
import type { ClassifiedSite } from '../../src/classify/classify.js';
import type { FileOutcome } from '../../src/fix/run-fix.js';
import { fileLine, summaryLines } from '../../src/fix/summary.js';
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

describe('fileLine: why sleeps were left alone', () => {
  const colors = colorsFor({ isTTY: false }, {});
  const at = (line: number, column: number) => ({ finding: { line, column } }) as unknown as ClassifiedSite;

  it('lists each sleep with no automatic fix under its file, but not those held for review', () => {
    const text = fileLine(
      {
        rel: 'test/a_test.exs',
        status: 'skip',
        applied: [],
        skipped: [
          { site: at(12, 5), reason: 'no automatic fix (manual: last statement: nothing after it checks anything)' },
          { site: at(20, 7), reason: 'remove is marked review', heldForReview: 'remove' },
        ],
      },
      colors,
    );
    expect(text).toBe('test/a_test.exs: skip\n  12:5 no automatic fix (manual: last statement: nothing after it checks anything)');
  });
});

describe('summaryLines under --dry', () => {
  it('says what it would fix, since nothing was written', () => {
    const colors = colorsFor({ isTTY: false }, {});
    expect(summaryLines([outcome(0, 0)], colors, true)).toContain('would fix: nothing');
  });
});
