// `check` on a suite the size CI gates run on: among 1,000 baselined files it fails on the one new
// sleep and notices the one that went away. How fast it is, bench/run.js measures (never a timed
// test); that it never loads what only the interactive session uses is test/review/light.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { check } from '../../src/check/check.js';
import { writeBaselineFor } from '../../src/check/write-baseline.js';
import { castThenSleep, elixirTestFile, ttlSleep } from '../helpers/git-repo.js';

describe('check on 1,000 test files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sleepless-speed-'));
    for (let i = 0; i < 1000; i++) {
      const file = join(dir, 'test', `area${i % 20}`, `module_${i}_test.exs`);
      mkdirSync(dirname(file), { recursive: true });
      // Every file has sleeps, so every file is read, parsed and classified: no prefilter shortcut.
      writeFileSync(
        file,
        elixirTestFile(`Module${i}Test`, [
          { describe: 'api', name: `works ${i}`, body: ['assert 1 + 1 == 2', 'assert true'] },
          { describe: 'api', name: `increments ${i}`, body: castThenSleep(10 + (i % 7)) },
          { name: `expires ${i}`, body: ttlSleep() },
        ]),
      );
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports only the new sleep and the one fixed, with every other file baselined', async () => {
    await writeBaselineFor({ root: dir });
    writeFileSync(join(dir, 'test/area0/module_0_test.exs'), elixirTestFile('Module0Test', [{ name: 'new', body: castThenSleep(99) }]));
    const result = await check({ root: dir });
    expect(result.report.files_scanned).toBe(1000);
    expect(result.report.findings.map((f) => f.test)).toEqual(['new']);
    expect(result.baselined).toHaveLength(999);
    expect(result.fixed.map((e) => e.test)).toEqual(['increments 0']);
  });
});
