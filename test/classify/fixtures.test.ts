// Every classification fixture states its expected findings inline; the scanner must agree exactly,
// line by line: no missing sites, no extra ones, the same verdict and category or fix. The few
// disagreements we know of are listed, with reasons, in fixtures/classify/known-gaps.json, and must
// match the actual ones exactly: a new disagreement fails, and so does a closed gap left on the list.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { readExpectations } from '../helpers/expectations.js';

const DIR = join(import.meta.dirname, '../../fixtures/classify');
const files = readdirSync(DIR).filter((f) => f.endsWith('.exs')).sort();
const knownGaps = (JSON.parse(readFileSync(join(DIR, 'known-gaps.json'), 'utf8')) as { gaps: { site: string; expected: string }[] }).gaps;

describe('classification fixtures', () => {
  it('has fixtures to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const file of files) {
    it(file, async () => {
      const abs = join(DIR, file);
      const gaps = new Set(knownGaps.filter((g) => g.site.startsWith(`${file}:`)).map((g) => `${g.site.split(':')[1]}: ${g.expected}`));
      const expected = readExpectations(readFileSync(abs, 'utf8')).map((e) => `${e.line}: ${e.verdict} ${e.kind}`);
      const { report } = await scan({ root: DIR, paths: [abs] });
      const actual = report.findings.map((f) => `${f.line}: ${f.verdict} ${f.category ?? f.fix}`);
      const missed = expected.filter((e) => !actual.includes(e));
      expect(new Set(missed)).toEqual(gaps);
      const unexpected = actual.filter((a) => !expected.includes(a) && !gaps.has(a));
      const lines = new Set(missed.map((m) => m.split(':')[0]));
      expect(unexpected.filter((u) => !lines.has(u.split(':')[0]))).toEqual([]);
    });
  }
});
