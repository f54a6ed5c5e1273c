// Faults while writing, injected into node:fs/promises: whatever fails (no space, permission denied,
// a rename across devices, a file edited by someone else meanwhile), the original file is intact, no
// temp file is left behind, the file is reported, and the other files are still written.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runFix } from '../../src/fix/run-fix.js';
import { removePendingTempFiles, replaceFileAtomic } from '../../src/write/atomic-write.js';
import { runCli } from '../helpers/cli.js';
import { project } from '../helpers/project.js';
import { fixOptions, goodModule, leftoverTempFiles } from './support/fixtures.js';

/** Which fault to inject into the atomic write of the file whose temp name contains `target`. */
const faults = vi.hoisted(() => ({
  target: '',
  open: null as string | null,
  write: null as string | null,
  sync: null as string | null,
  rename: null as string | null,
  /** Runs after the temp file is written and synced, before the last hash check and the rename. */
  beforeRename: null as (() => void) | null,
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const reasons: Record<string, string> = { EACCES: 'permission denied', ENOSPC: 'no space left on device', EIO: 'i/o error', EXDEV: 'cross-device link not permitted', EPERM: 'operation not permitted' };
  const fail = (code: string, syscall: string, path: unknown) => Object.assign(new Error(`${code}: ${reasons[code] ?? code}, ${syscall} '${String(path)}'`), { code, syscall, path });
  const isTarget = (path: unknown) => faults.target !== '' && /\.sleepless-.*\.tmp$/.test(String(path)) && String(path).includes(faults.target);
  const open = async (path: Parameters<typeof actual.open>[0], ...rest: unknown[]) => {
    const real = () => (actual.open as (...a: unknown[]) => ReturnType<typeof actual.open>)(path, ...rest);
    if (!isTarget(path)) return real();
    if (faults.open) throw fail(faults.open, 'open', path);
    const handle = await real();
    return new Proxy(handle, {
      get(target, key) {
        if (key === 'writeFile' && faults.write) {
          return async (data: string) => {
            // Half the bytes reach the disk before the disk is full.
            await target.writeFile(data.slice(0, Math.floor(data.length / 2)));
            throw fail(faults.write!, 'write', path);
          };
        }
        if (key === 'sync') {
          return async () => {
            if (faults.sync) throw fail(faults.sync, 'fsync', path);
            await target.sync();
            faults.beforeRename?.();
          };
        }
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  const rename = async (from: string, to: string) => {
    if (isTarget(from) && faults.rename) throw fail(faults.rename, 'rename', from);
    return actual.rename(from, to);
  };
  const mocked = { ...actual, open, rename };
  return { ...mocked, default: mocked };
});

afterEach(() => {
  Object.assign(faults, { target: '', open: null, write: null, sync: null, rename: null, beforeRename: null });
});

const FILES = { 'test/a_test.exs': goodModule('ATest'), 'test/b_test.exs': goodModule('BTest'), 'test/c_test.exs': goodModule('CTest') };

function read(root: string, rel: string): string {
  return readFileSync(join(root, rel), 'utf8');
}

/** The file b was left exactly as it was; a and c were rewritten; no temp file anywhere. */
function expectOnlyBUntouched(root: string, b: string = FILES['test/b_test.exs']): void {
  expect(read(root, 'test/b_test.exs')).toBe(b);
  expect(read(root, 'test/a_test.exs')).toContain(':sys.get_state(pid)');
  expect(read(root, 'test/c_test.exs')).toContain(':sys.get_state(pid)');
  expect(leftoverTempFiles(root)).toEqual([]);
}

describe('a write that fails', () => {
  const cases: [string, Partial<typeof faults>, RegExp][] = [
    ['no space left while writing the temp file', { write: 'ENOSPC' }, /^not written \(ENOSPC: no space left on device, write '.*'\); the file is unchanged$/],
    ['permission denied creating the temp file', { open: 'EACCES' }, /^not written \(EACCES: permission denied, open '.*'\); the file is unchanged$/],
    ['fsync failing', { sync: 'EIO' }, /^not written \(EIO: i\/o error, fsync '.*'\); the file is unchanged$/],
    ['rename across devices', { rename: 'EXDEV' }, /^not written \(EXDEV: cross-device link not permitted, rename '.*'\); the file is unchanged$/],
    ['rename not permitted', { rename: 'EPERM' }, /^not written \(EPERM: operation not permitted, rename '.*'\); the file is unchanged$/],
  ];
  for (const [name, fault, message] of cases) {
    it(`${name}: the original is intact, no temp file is left, the rest is written`, async () => {
      const root = project(FILES);
      Object.assign(faults, { target: 'b_test.exs', ...fault });
      const result = await runFix(fixOptions(root));
      expectOnlyBUntouched(root);
      const b = result.files.find((f) => f.rel === 'test/b_test.exs');
      expect(b?.status).toBe('error');
      expect(b?.applied).toEqual([]);
      expect(b?.message).toMatch(message);
      expect(result.files.filter((f) => f.status === 'ok').map((f) => f.rel)).toEqual(['test/a_test.exs', 'test/c_test.exs']);
    });
  }

  it('fix --yes reports it, prints the summary and exits 1', async () => {
    const root = project(FILES);
    Object.assign(faults, { target: 'b_test.exs', write: 'ENOSPC' });
    const run = await runCli(['fix', root, '--yes', '--allow-dirty'], { NO_COLOR: '1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/test\/b_test\.exs: error\n {2}not written \(ENOSPC: no space left on device, write '.*'\); the file is unchanged/);
    expect(run.stderr).toContain('files: 2 ok · 0 nochange · 0 skip · 1 error');
    expectOnlyBUntouched(root);
  });

  it('a forced exit in the middle of a write removes the temp file (the exit handler), and the original stays', async () => {
    const root = project(FILES);
    Object.assign(faults, { target: 'b_test.exs', beforeRename: removePendingTempFiles });
    const result = await runFix(fixOptions(root));
    expectOnlyBUntouched(root);
    expect(result.files.find((f) => f.rel === 'test/b_test.exs')?.message).toMatch(/^not written \(ENOENT: .*\); the file is unchanged$/);
  });
});

describe('a file that changes on disk', () => {
  it('between the read and the write: not written, reported, the rest goes on', async () => {
    const root = project(FILES);
    const edited = `${FILES['test/b_test.exs']}# edited by a person meanwhile\n`;
    const result = await runFix(
      fixOptions(root, {
        // After a is written, someone saves b in their editor.
        onFile: (outcome) => {
          if (outcome.rel === 'test/a_test.exs') writeFileSync(join(root, 'test/b_test.exs'), edited);
        },
      }),
    );
    expectOnlyBUntouched(root, edited);
    expect(result.files.find((f) => f.rel === 'test/b_test.exs')).toMatchObject({
      status: 'error',
      applied: [],
      message: `${join(root, 'test/b_test.exs')}: changed on disk since it was read; not written (run again)`,
    });
  });

  it('while the new content is being written: not renamed over, the edit kept, no temp file', async () => {
    const root = project(FILES);
    const edited = `${FILES['test/b_test.exs']}# saved while sleepless wrote\n`;
    Object.assign(faults, { target: 'b_test.exs', beforeRename: () => writeFileSync(join(root, 'test/b_test.exs'), edited) });
    const result = await runFix(fixOptions(root));
    expectOnlyBUntouched(root, edited);
    expect(result.files.find((f) => f.rel === 'test/b_test.exs')?.message).toBe(`${join(root, 'test/b_test.exs')}: changed on disk while being rewritten; not written`);
  });
});

describe('files sleepless owns (the session file)', () => {
  it('are created with their directory, and a failed replace keeps the old content and no temp file', async () => {
    const root = project({});
    const path = join(root, '.sleepless/session.json');
    await replaceFileAtomic(path, '{"version":1}\n');
    expect(read(root, '.sleepless/session.json')).toBe('{"version":1}\n');
    for (const fault of ['open', 'write', 'sync', 'rename'] as const) {
      Object.assign(faults, { target: 'session.json', [fault]: fault === 'rename' ? 'EXDEV' : 'ENOSPC' });
      await expect(replaceFileAtomic(path, '{"version":2}\n')).rejects.toMatchObject({ code: fault === 'rename' ? 'EXDEV' : 'ENOSPC' });
      Object.assign(faults, { [fault]: null });
      expect(read(root, '.sleepless/session.json')).toBe('{"version":1}\n');
      expect(leftoverTempFiles(root)).toEqual([]);
    }
    await replaceFileAtomic(path, '{"version":3}\n');
    expect(read(root, '.sleepless/session.json')).toBe('{"version":3}\n');
  });
});
