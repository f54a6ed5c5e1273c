// Every classification fixture states its expected findings inline; the scanner must agree exactly,
// line by line: no missing sites, no extra ones, the same verdict and category or fix.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { readExpectations } from '../helpers/expectations.js';

const DIR = join(import.meta.dirname, '../../fixtures/classify');
const files = readdirSync(DIR).filter((f) => f.endsWith('.exs')).sort();

describe('classification fixtures', () => {
  it('has fixtures to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const file of files) {
    it(file, async () => {
      const abs = join(DIR, file);
      const expected = readExpectations(readFileSync(abs, 'utf8')).map((e) => `${e.line}: ${e.verdict} ${e.kind}`);
      const { report } = await scan({ root: DIR, paths: [abs] });
      const actual = report.findings.map((f) => `${f.line}: ${f.verdict} ${f.category ?? f.fix}`);
      expect(actual).toEqual(expected);
    });
  }
});
