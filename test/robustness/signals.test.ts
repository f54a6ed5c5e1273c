// Ctrl-C / SIGTERM during `fix --yes`: the run stops at the next safe point. No half-written file,
// no temp file, no lock left; the summary of what was applied is printed; exit 130 / 143.
// In-process through runFix's AbortSignal, and end to end with real signals sent to a spawned CLI
// whose --verify command blocks (on a FIFO, no timers) until the test has sent the signal.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFix } from '../../src/fix/run-fix.js';
import { parseElixir } from '../../src/parse/parser.js';
import { project } from '../helpers/project.js';
import { fixOptions, goodModule, leftoverTempFiles, snapshot } from './support/fixtures.js';
import { spawnCli } from './support/spawn.js';

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];
const FILES = Object.fromEntries(NAMES.map((n) => [`test/${n}_test.exs`, goodModule(`${n.toUpperCase()}Test`, 3)]));
const RELS = Object.keys(FILES);

function read(root: string, rel: string): string {
  return readFileSync(join(root, rel), 'utf8');
}

/** Every file is either exactly as it was or completely rewritten (parses, holds the rewrite). */
function expectWholeFiles(root: string): { rewritten: string[]; untouched: string[] } {
  const rewritten: string[] = [];
  const untouched: string[] = [];
  for (const rel of RELS) {
    const text = read(root, rel);
    if (text === FILES[rel]) {
      untouched.push(rel);
    } else {
      expect(parseElixir(text).rootNode.hasError, rel).toBe(false);
      expect(text.match(/:sys\.get_state\(pid\)/g), rel).toHaveLength(3);
      expect(text).not.toContain('Process.sleep');
      rewritten.push(rel);
    }
  }
  expect(leftoverTempFiles(root)).toEqual([]);
  expect(existsSync(join(root, '.sleepless/lock'))).toBe(false);
  return { rewritten, untouched };
}

describe('runFix stopped by its AbortSignal', () => {
  it('stops after the file in progress: that one is written in full, the rest untouched and listed', async () => {
    const root = project(FILES);
    const controller = new AbortController();
    const result = await runFix(fixOptions(root, { signal: controller.signal, onFile: () => controller.abort('SIGINT') }));
    expect(result.stop).toBe('SIGINT');
    expect(result.files.map((f) => [f.rel, f.status])).toEqual([['test/a_test.exs', 'ok']]);
    expect(result.notProcessed).toEqual(RELS.slice(1));
    expect(expectWholeFiles(root)).toEqual({ rewritten: ['test/a_test.exs'], untouched: RELS.slice(1) });
  });

  it('says SIGTERM when that was the signal', async () => {
    const root = project(FILES);
    const controller = new AbortController();
    const result = await runFix(fixOptions(root, { signal: controller.signal, onFile: () => controller.abort('SIGTERM') }));
    expect(result.stop).toBe('SIGTERM');
  });

  it('writes nothing when the signal came before the first file', async () => {
    const root = project(FILES);
    const before = snapshot(root, RELS);
    const controller = new AbortController();
    controller.abort('SIGINT');
    const result = await runFix(fixOptions(root, { signal: controller.signal }));
    expect(result).toMatchObject({ stop: 'SIGINT', files: [], notProcessed: RELS });
    expect(snapshot(root, RELS)).toEqual(before);
    expectWholeFiles(root);
  });

  it('without a signal, runs to the end with no stop', async () => {
    const root = project(FILES);
    const result = await runFix(fixOptions(root));
    expect(result.stop).toBeUndefined();
    expect(result.notProcessed).toEqual([]);
    expect(expectWholeFiles(root).rewritten).toEqual(RELS);
  });
});

/**
 * A --verify command that passes, except that its `blockAt`-th run (1: a's run before the rewrite,
 * 2: a's run after it, 3: b's before…) announces itself on the FIFO `started` (the test reads it)
 * and then blocks reading the FIFO `never`, which nobody writes: only sleepless stopping it ends it.
 */
function blockingVerify(blockAt: number): { state: string; command: string; started: () => Promise<string>; expectStopped: () => void } {
  const state = project({
    'verify.sh': `n=$(( $(cat "$1/count" 2>/dev/null || echo 0) + 1 ))\necho $n > "$1/count"\nif [ "$n" -eq ${blockAt} ]; then\n  echo "$2" > "$1/started"\n  read never < "$1/never"\nfi\nexit 0\n`,
  });
  execFileSync('mkfifo', [join(state, 'started'), join(state, 'never')]);
  return {
    state,
    command: `sh '${join(state, 'verify.sh')}' '${state}' {file}`,
    // Opening a FIFO for reading waits for the writer: the verify run has started.
    started: async () => (await readFile(join(state, 'started'), 'utf8')).trim(),
    // A non-blocking open for writing fails with ENXIO when no process has the FIFO open for
    // reading: the blocked test run was stopped, not left behind.
    expectStopped: () => {
      let error: unknown = null;
      try {
        closeSync(openSync(join(state, 'never'), constants.O_WRONLY | constants.O_NONBLOCK));
      } catch (e) {
        error = e;
      }
      expect((error as NodeJS.ErrnoException | null)?.code).toBe('ENXIO');
    },
  };
}

describe('fix --yes as a process, sent real signals', () => {
  it('SIGINT while b is being verified: a stays written, b is put back, the rest untouched; summary, exit 130; a second run meanwhile refuses', async () => {
    const root = project(FILES);
    const verify = blockingVerify(4);
    const run = spawnCli(['fix', root, '--yes', '--allow-dirty', '--verify', '--verify-cmd', verify.command], root);
    expect(await verify.started()).toBe('test/b_test.exs');

    // Two runs at once: the second refuses, naming the first, and writes nothing.
    const second = await spawnCli(['fix', root, '--yes', '--allow-dirty'], root).done;
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`sleepless: another sleepless run (pid ${run.child.pid}, started `);
    expect(second.stderr).toContain(`is writing in ${root}: wait for it to finish and run again`);

    run.child.kill('SIGINT');
    const done = await run.done;
    expect(done.code, done.stderr).toBe(130);
    verify.expectStopped();
    expect(expectWholeFiles(root)).toEqual({ rewritten: ['test/a_test.exs'], untouched: RELS.slice(1) });
    expect(done.stderr).toContain('test/a_test.exs: ok (3 fixed: sync_barrier ×3)');
    expect(done.stderr).toContain('test/b_test.exs: skip\n  put back as it was: the run was interrupted before its tests finished');
    expect(done.stderr).toContain('files: 1 ok · 0 nochange · 1 skip · 0 error');
    expect(done.stderr).toContain('fixed: sync_barrier 3');
    expect(done.stderr).toContain('interrupted (Ctrl-C): every file marked ok above is written in full, no other file was touched; 4 files with sleeps not looked at (run again to continue)');
  });

  it('SIGTERM while a is being verified: a is put back, nothing else touched, exit 143', async () => {
    const root = project(FILES);
    const verify = blockingVerify(2);
    const run = spawnCli(['fix', root, '--yes', '--allow-dirty', '--verify', '--verify-cmd', verify.command], root);
    expect(await verify.started()).toBe('test/a_test.exs');
    run.child.kill('SIGTERM');
    const done = await run.done;
    expect(done.code, done.stderr).toBe(143);
    verify.expectStopped();
    expect(expectWholeFiles(root)).toEqual({ rewritten: [], untouched: RELS });
    expect(done.stderr).toContain('files: 0 ok · 0 nochange · 1 skip · 0 error');
    expect(done.stderr).toContain('fixed: nothing');
    expect(done.stderr).toContain('terminated (SIGTERM): every file marked ok above is written in full, no other file was touched; 5 files with sleeps not looked at (run again to continue)');
  });

  it('a second Ctrl-C stops at once: still no half-written file, no temp file, no lock, exit 130', async () => {
    const root = project(FILES);
    const verify = blockingVerify(4);
    const run = spawnCli(['fix', root, '--yes', '--allow-dirty', '--verify', '--verify-cmd', verify.command], root);
    await verify.started();
    run.child.kill('SIGINT');
    run.child.kill('SIGINT');
    const done = await run.done;
    expect(done.code, done.stderr).toBe(130);
    const files = expectWholeFiles(root);
    expect(files.untouched).toEqual(expect.arrayContaining(RELS.slice(2)));
    verify.expectStopped();
  });
});
