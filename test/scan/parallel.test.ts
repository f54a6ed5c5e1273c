// A large report-only scan runs on worker threads (src/scan/parallel.ts); its report must be the
// serial one, byte for byte. The workers run the compiled code, so this drives the built CLI
// (`npm test` builds dist/ first) with SLEEPLESS_WORKERS forcing the number of threads, and
// --no-cache, so that every run scans every file (test/scan/result-cache.test.ts covers the cache).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain JS module without types
import { generateCorpus } from '../../bench/corpus.js';

const ROOT = join(import.meta.dirname, '../..');

function cli(args: string[], workers: number, okCodes = [0]): string {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/sleepless.js'), ...args, '--no-cache'], {
    encoding: 'utf8',
    env: { ...process.env, SLEEPLESS_WORKERS: String(workers) },
    maxBuffer: 1 << 28,
  });
  expect(okCodes, run.stderr).toContain(run.status);
  return run.stdout;
}

const scanJson = (dir: string, workers: number) => cli(['scan', '--format', 'json', '-q', dir], workers);

describe('parallel scan', () => {
  let corpus: string;
  beforeAll(() => {
    corpus = mkdtempSync(join(tmpdir(), 'sleepless-parallel-'));
    (generateCorpus as (dir: string, o: { n: number; seed: number }) => unknown)(corpus, { n: 300, seed: 7 });
    // A project allowlist with one entry that matches and one that does not: matches made in any
    // thread count, and the stale one is reported once.
    writeFileSync(
      join(corpus, 'sleepless.allowlist.json'),
      JSON.stringify({ version: 1, sites: [{ file: 'no/such_test.exs', call: 'Process.sleep(1)', category: 'ttl', reason: 'stale' }] }),
    );
  });
  afterAll(() => rmSync(corpus, { recursive: true, force: true }));

  it('reports exactly what the serial scan reports', () => {
    const serial = scanJson(corpus, 0);
    const report = JSON.parse(serial) as { findings: unknown[]; errors: { message: string }[] };
    expect(report.findings.length).toBeGreaterThan(20);
    expect(report.errors.some((e) => e.message.includes('stale entry'))).toBe(true);
    expect(scanJson(corpus, 1)).toBe(serial);
    expect(scanJson(corpus, 3)).toBe(serial);
  });

  it('gives check and baseline the same results', () => {
    const check = (workers: number) => cli(['check', '--format', 'json', '-q', corpus], workers, [1]);
    const serial = check(0);
    expect(JSON.parse(serial).findings.length).toBeGreaterThan(10);
    expect(check(1)).toBe(serial);
    const baseline = (workers: number) => {
      const file = join(corpus, `baseline-${workers}.json`);
      cli(['baseline', '-q', '--baseline', file, corpus], workers);
      return readFileSync(file, 'utf8');
    };
    const written = baseline(0);
    expect(JSON.parse(written).entries.length).toBeGreaterThan(10);
    expect(baseline(2)).toBe(written);
    // And the baseline is honoured the same way: nothing new fails.
    expect(cli(['check', '--format', 'json', '-q', '--baseline', join(corpus, 'baseline-0.json'), corpus], 1)).toBe(cli(['check', '--format', 'json', '-q', '--baseline', join(corpus, 'baseline-0.json'), corpus], 0));
  });

  it('on the fixtures too', () => {
    const fixtures = join(ROOT, 'fixtures');
    expect(scanJson(fixtures, 2)).toBe(scanJson(fixtures, 0));
  });
});
