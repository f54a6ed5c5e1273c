// The whole point, proved with the real toolchain on fixtures/sample_app: the suite passes as
// shipped (20 seeds), `sleepless fix --yes` keeps it green while removing every sleep that has a
// safe fix and none of the legitimate ones, the suite's own measured time drops by at least half,
// `check` against a baseline taken before reports the removed sleeps as fixed, and `fix --verify`
// reverts a rewrite that breaks a test. Runs `node bin/sleepless.js` (built by `npm test`).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeWithElixir } from '../helpers/elixir.js';
import type { Report } from '../../src/finding.js';

const REPO = join(import.meta.dirname, '../..');
const SAMPLE = join(REPO, 'fixtures/sample_app');
const BIN = join(REPO, 'bin/sleepless.js');
const copies: string[] = [];

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the sample app, compiled, outside any git work tree. */
function copySample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sleepless-sample-'));
  copies.push(dir);
  cpSync(SAMPLE, dir, { recursive: true, filter: (src) => !/[\\/](_build|deps)$/.test(src) });
  mix(dir, ['compile']);
  return dir;
}

function mix(cwd: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync('mix', args, { cwd, encoding: 'utf8', env: { ...process.env, MIX_ENV: 'test' } });
}

function sleepless(cwd: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

/** `mix test`, which must pass; returns ExUnit's own measure of the suite ("Finished in 4.9 seconds"). */
function timedMixTest(dir: string, seed?: number): number {
  const run = mix(dir, ['test', ...(seed === undefined ? [] : ['--seed', String(seed)])]);
  expect(run.status, `mix test failed${seed === undefined ? '' : ` with --seed ${seed}`}:\n${run.stdout}\n${run.stderr}`).toBe(0);
  const finished = /Finished in ([\d.]+) seconds/.exec(run.stdout);
  expect(finished, run.stdout).not.toBeNull();
  return Number(finished![1]);
}

function scanReport(dir: string): Report {
  const run = sleepless(dir, ['scan', '.', '--format', 'json', '-q']);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

describeWithElixir('the sample app end to end', () => {
  it('passes mix test as shipped, reliably: 20 runs with different seeds', () => {
    const dir = copySample();
    for (let seed = 1; seed <= 20; seed++) timedMixTest(dir, seed);
  }, 900_000);

  it('fix --yes keeps the suite green, removes every safe-fixable sleep and at least half its time', () => {
    const dir = copySample();
    const before = scanReport(dir);
    expect(before.summary.sleeps).toBeGreaterThanOrEqual(20);
    expect(sleepless(dir, ['baseline', '.', '-q']).status).toBe(0);
    const timeBefore = Math.min(timedMixTest(dir), timedMixTest(dir));

    const fix = sleepless(dir, ['fix', '.', '--yes']);
    expect(fix.status, fix.stderr).toBe(0);
    expect(fix.stderr).toMatch(/of sleeping removed per run/);

    const timeAfter = Math.min(timedMixTest(dir), timedMixTest(dir));
    expect(timeAfter, `suite took ${timeBefore} s before and ${timeAfter} s after`).toBeLessThanOrEqual(timeBefore / 2);

    const after = scanReport(dir);
    const remaining = new Set(after.findings.map((f) => f.fingerprint));
    // Every legitimate sleep is still there (the helpers module adds its own poll intervals).
    for (const f of before.findings.filter((f) => f.verdict === 'legitimate')) expect(remaining, `${f.file}:${f.line}`).toContain(f.fingerprint);
    // No problematic sleep with a safe fix is left.
    expect(after.findings.filter((f) => f.verdict === 'problematic' && f.safety === 'safe')).toEqual([]);
    const fixedCount = before.findings.filter((f) => f.verdict === 'problematic' && !remaining.has(f.fingerprint)).length;
    expect(fixedCount).toBeGreaterThanOrEqual(10);

    // The baseline taken before the fix now has entries that match nothing: reported as fixed.
    const check = sleepless(dir, ['check', '.', '-q']);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain(`${fixedCount} entries in sleepless-baseline.json match no sleep any more (fixed)`);
  });

  it('fix --verify reverts a rewrite that breaks a test and reports the measured times', () => {
    const dir = copySample();
    const auditTest = join(dir, 'test/sample_app/audit_log_test.exs');
    const original = readFileSync(auditTest, 'utf8');

    const fix = sleepless(dir, ['fix', '.', '--yes', '--include-review', '--verify']);
    expect(fix.status, fix.stderr).toBe(1); // a reverted file is an error outcome
    expect(readFileSync(auditTest, 'utf8')).toBe(original);
    expect(fix.stderr).toMatch(/test\/sample_app\/audit_log_test\.exs: error[\s\S]*tests failed after the rewrite; reverted/);
    expect(fix.stderr).toMatch(/verified: \d+ passed, 1 reverted — measured [\d.]+ (ms|s) → [\d.]+ (ms|s)/);
    expect(fix.stderr).toContain('reverted: test/sample_app/audit_log_test.exs');
    // Everything else was rewritten and still passes.
    timedMixTest(dir);
  });
});
