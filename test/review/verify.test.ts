// --verify in the session (and the shared step `fix --yes --verify` uses): a baseline run before the
// first write to a file, a run when the session leaves the file, a revert when that run fails.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COUNTER, GAUGE, SUITE, copySuite, session, type Project } from './harness.js';
import { runCli } from '../helpers/cli.js';
import { SessionInterrupted } from '../../src/review/ask.js';
import { verifyAfterRewrite } from '../../src/fix/verify-file.js';

let p: Project;
afterEach(() => p?.cleanup());

const original = (rel: string) => readFileSync(join(SUITE, rel), 'utf8');
/** "Tests" that fail once a monitor_down rewrite is in the file, printing an ExUnit-like tail. */
const FAILS_ON_MONITOR = `if grep -q 'assert_receive {:DOWN' {file}; then echo "1) test killed process"; echo "1 test, 1 failure"; exit 1; fi`;

describe('--verify in the session', () => {
  it('runs each file when the session moves on, reverts a failing one with its output tail, and reports times', async () => {
    p = copySuite();
    const run = await session(p, ['a', 's', 'a', 's', 'a', 's'], { verifyCommand: FAILS_ON_MONITOR });
    expect(p.read(COUNTER)).toBe(original(COUNTER));
    expect(p.read(GAUGE)).toContain('    GenServer.cast(gauge, {:set, 5})\n    :sys.get_state(gauge)\n');
    expect(run.output).toContain('test/counter_test.exs: tests failed after the rewrite; reverted\n1) test killed process\n1 test, 1 failure');
    expect(run.output).toMatch(/verified test\/gauge_test\.exs: tests pass \(\d+ ms → \d+ ms\)/);
    expect(run.result.files.map((f) => [f.rel, f.verify?.after?.passed, f.verify?.reverted])).toEqual([
      [COUNTER, false, true],
      [GAUGE, true, false],
    ]);
    expect(run.result.decisions.filter((d) => d.reverted).map((d) => [d.fix, d.line])).toEqual([
      ['sync_barrier', 8],
      ['monitor_down', 22],
    ]);
    expect(run.summary).toMatch(/verified: 1 passed, 1 reverted — measured \d+ ms → \d+ ms/);
    expect(run.summary).toMatch(/ {2}reverted: test\/counter_test\.exs \(tests failed after the rewrite; \d+ ms → \d+ ms\)/);
    expect(run.summary).toMatch(/ {2}verified: test\/gauge_test\.exs \(\d+ ms → \d+ ms\)/);
    // The reverted sites are problematic again: left for another session.
    expect(run.summary).toContain('decisions: 1 applied · 3 skipped · 0 allowlisted · 2 left');
    expect(run.summary).toContain('time removed: 40 ms of sleeping per run');
    expect(p.tempFiles()).toEqual([]);
  });

  it('takes the helpers module out again when the rewrite that needed it is reverted', async () => {
    p = copySuite();
    const run = await session(p, ['c', 'wait_for', 'a', 'yes', 'q'], { verifyCommand: "if grep -q 'wait_for(' {file}; then exit 1; fi" });
    expect(p.read(COUNTER)).toBe(original(COUNTER));
    expect(p.exists('test/support/wait_helpers.ex')).toBe(false);
    expect(p.read('mix.exs')).toBe(original('mix.exs'));
    expect(run.output).toContain('helpers: removed test/support/wait_helpers.ex again: every rewrite that used it was reverted');
  });

  it('leaves a file alone when its tests already fail before any rewrite', async () => {
    p = copySuite();
    const run = await session(p, ['a', 'a'], { verifyCommand: 'echo "** (CompileError) boom"; exit 1' });
    expect(p.read(COUNTER)).toBe(original(COUNTER));
    expect(p.read(GAUGE)).toBe(original(GAUGE));
    expect(run.output).toContain('test/counter_test.exs: tests already fail before the rewrite; left unchanged\n** (CompileError) boom');
    expect(run.result.stop).toBe('done');
    expect(run.summary).toContain('  test/counter_test.exs: tests already fail before the rewrite; left unchanged');
    expect(run.summary).toContain('  test/gauge_test.exs: tests already fail before the rewrite; left unchanged');
  });

  it('verifies the file in hand when the person quits', async () => {
    p = copySuite();
    const run = await session(p, ['a', 'q'], { verifyCommand: 'true' });
    expect(run.output).toContain("--verify: running `true 'test/counter_test.exs'` before the first rewrite…");
    expect(run.result.files).toEqual([{ rel: COUNTER, verify: expect.objectContaining({ reverted: false, after: expect.objectContaining({ passed: true }) }) }]);
  });

  it('does not run the tests after Ctrl-C: what was accepted stays, unverified', async () => {
    p = copySuite();
    const log = join(p.scratch, 'runs.log');
    const interrupt = () => {
      throw new SessionInterrupted('SIGINT');
    };
    const run = await session(p, ['a', interrupt], { verifyCommand: `echo run >> '${log}'` });
    expect(readFileSync(log, 'utf8')).toBe(`run ${COUNTER}\n`); // the baseline only
    expect(p.read(COUNTER)).toContain(':sys.get_state(pid)');
    expect(run.result.files).toEqual([{ rel: COUNTER, verify: undefined, message: 'not verified: the session was interrupted' }]);
  });
});

describe('the shared verify step', () => {
  it('fix --yes --verify reverts the failing file and keeps the passing one', async () => {
    p = copySuite();
    const result = await runCli(['fix', p.dir, '--yes', '--verify', '--verify-cmd', FAILS_ON_MONITOR]);
    expect(result.code).toBe(1);
    expect(p.read(COUNTER)).toBe(original(COUNTER));
    expect(p.read(GAUGE)).toContain(':sys.get_state(gauge)');
    expect(result.stderr).toContain('tests failed after the rewrite; reverted');
    expect(result.stderr).toMatch(/verified: 1 passed, 1 reverted — measured/);
    expect(result.stderr).toContain('  reverted: test/counter_test.exs');
  });

  it('does not revert a file that changed since it was written', async () => {
    p = copySuite();
    const abs = join(p.dir, COUNTER);
    writeFileSync(abs, 'edited by someone else\n');
    const before = { passed: true, ms: 1, tail: '' };
    const result = await verifyAfterRewrite({ command: 'false', rel: COUNTER, abs, root: p.dir }, original(COUNTER), 'what sleepless wrote\n', before);
    expect(result.verify.reverted).toBe(false);
    expect(result.message).toMatch(/^tests failed after the rewrite, and it could not be reverted: .*changed on disk/);
    expect(p.read(COUNTER)).toBe('edited by someone else\n');
  });
});
