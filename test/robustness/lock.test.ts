// One writer per tree: `.sleepless/lock` (src/fix/lock.ts). A second `fix` refuses with who holds
// the lock and what to do; a lock left by a run that died is taken over; the lock is released on
// every way out, including a forced exit.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, LockHeldError } from '../../src/fix/lock.js';
import { runFix } from '../../src/fix/run-fix.js';
import { runCli } from '../helpers/cli.js';
import { project } from '../helpers/project.js';
import { fixOptions, GOOD } from './support/fixtures.js';
import { sourceUrl, spawnModule } from './support/spawn.js';

const lockPath = (root: string) => join(root, '.sleepless/lock');

/** A process that stays alive until `stop()`: a pid that is certainly running. */
function liveProcess(): { pid: number; stop: () => Promise<void> } {
  const child = spawn(process.execPath, ['-e', 'process.stdin.resume()'], { stdio: ['pipe', 'ignore', 'ignore'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    pid: child.pid!,
    stop: async () => {
      child.stdin!.end();
      await exited;
    },
  };
}

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return child.pid!;
}

function writeLock(root: string, content: object | string): void {
  mkdirSync(join(root, '.sleepless'), { recursive: true });
  writeFileSync(lockPath(root), typeof content === 'string' ? content : JSON.stringify(content));
}

const stoppers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stoppers.splice(0)) await stop();
});

describe('acquireLock', () => {
  it('creates .sleepless/lock with this pid and the start time, and release removes it', async () => {
    const root = project({});
    const lock = await acquireLock(root);
    expect(lock.path).toBe(lockPath(root));
    const info = JSON.parse(readFileSync(lock.path, 'utf8')) as { pid: number; started: string };
    expect(info.pid).toBe(process.pid);
    expect(Number.isNaN(Date.parse(info.started))).toBe(false);
    await lock.release();
    expect(existsSync(lock.path)).toBe(false);
    await lock.release(); // twice is fine
  });

  it('refuses a second holder in the same process', async () => {
    const root = project({});
    const lock = await acquireLock(root);
    await expect(acquireLock(root)).rejects.toThrow(LockHeldError);
    await lock.release();
    await (await acquireLock(root)).release();
  });

  it('refuses while a live process holds it, naming the pid and what to do', async () => {
    const root = project({});
    const holder = liveProcess();
    stoppers.push(holder.stop);
    writeLock(root, { pid: holder.pid, started: '2026-01-01T00:00:00.000Z', token: 'theirs' });
    await expect(acquireLock(root)).rejects.toThrow(
      `another sleepless run (pid ${holder.pid}, started 2026-01-01T00:00:00.000Z) is writing in ${root}: wait for it to finish and run again (if it is not running any more, delete ${lockPath(root)})`,
    );
    // Once that process is gone, its lock is stale and taken over.
    await holder.stop();
    const lock = await acquireLock(root);
    expect((JSON.parse(readFileSync(lock.path, 'utf8')) as { pid: number }).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a lock left by a dead process', async () => {
    const root = project({});
    writeLock(root, { pid: await deadPid(), started: '2026-01-01T00:00:00.000Z', token: 'dead' });
    const lock = await acquireLock(root);
    await lock.release();
    expect(existsSync(lockPath(root))).toBe(false);
  });

  it('takes over a lock with this pid that this process never made (containers reuse pids)', async () => {
    const root = project({});
    writeLock(root, { pid: process.pid, started: '2026-01-01T00:00:00.000Z', token: 'an earlier life' });
    const lock = await acquireLock(root);
    await lock.release();
  });

  it('refuses a lock file it cannot read, saying to delete it', async () => {
    const root = project({});
    writeLock(root, 'garbage');
    await expect(acquireLock(root)).rejects.toThrow(`${lockPath(root)} is in the way but is not a lock sleepless can read: if no other sleepless run is writing in ${root}, delete it and run again`);
  });

  it('does not remove a lock that is no longer its own', async () => {
    const root = project({});
    const lock = await acquireLock(root);
    writeLock(root, { pid: 1, started: 'x', token: 'someone else' });
    await lock.release();
    expect(existsSync(lockPath(root))).toBe(true);
  });

  it('is released when the process exits without running finally blocks (process.exit)', async () => {
    const root = project({});
    const run = spawnModule(
      `import { acquireLock } from ${JSON.stringify(sourceUrl('src/fix/lock.ts'))};
       await acquireLock(${JSON.stringify(root)});
       process.stdout.write('locked\\n');
       process.exit(130);`,
      root,
    );
    const done = await run.done;
    expect(done.stderr).toBe('');
    expect(done.stdout).toBe('locked\n');
    expect(done.code).toBe(130);
    expect(existsSync(lockPath(root))).toBe(false);
  });
});

describe('fix under the lock', () => {
  it('a second fix --yes on the same tree refuses with exit 2 and one message, writing nothing', async () => {
    const root = project({ 'test/good_test.exs': GOOD });
    const holder = liveProcess();
    stoppers.push(holder.stop);
    writeLock(root, { pid: holder.pid, started: '2026-01-01T00:00:00.000Z', token: 'first run' });
    const run = await runCli(['fix', root, '--yes', '--allow-dirty'], { NO_COLOR: '1' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`sleepless: another sleepless run (pid ${holder.pid}, started 2026-01-01T00:00:00.000Z) is writing in ${root}: wait for it to finish and run again (if it is not running any more, delete ${lockPath(root)})\n`);
    expect(readFileSync(join(root, 'test/good_test.exs'), 'utf8')).toBe(GOOD);
  });

  it('--dry and --print take no lock: a preview runs beside a writing run', async () => {
    const root = project({ 'test/good_test.exs': GOOD });
    const lock = await acquireLock(root);
    const result = await runFix(fixOptions(root, { mode: 'dry' }));
    expect(result.files[0]?.after).toContain(':sys.get_state(pid)');
    expect(readFileSync(join(root, 'test/good_test.exs'), 'utf8')).toBe(GOOD);
    await lock.release();
  });

  it('is released after a run, and after a run that failed', async () => {
    const root = project({ 'test/good_test.exs': GOOD });
    await runFix(fixOptions(root));
    expect(existsSync(lockPath(root))).toBe(false);
    writeFileSync(join(root, 'sleepless.allowlist.json'), '{');
    await expect(runFix(fixOptions(root))).rejects.toThrow(/sleepless\.allowlist\.json:1:2: is not valid JSON/);
    expect(existsSync(lockPath(root))).toBe(false);
  });
});
