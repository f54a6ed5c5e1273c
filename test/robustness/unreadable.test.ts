// Unreadable files and directories are reported and the scan goes on. As root (CI) chmod 000 does
// not stop a read, so the permission error is injected through node:fs/promises; the real chmod
// path runs too when this user can be locked out.
import fs from 'node:fs/promises';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Report } from '../../src/finding.js';
import { runCli } from '../helpers/cli.js';
import { project } from '../helpers/project.js';
import { GOOD, GOOD_FINDING } from './support/fixtures.js';

const denied = vi.hoisted(() => new Set<string>());

const deny = (path: unknown): Error | null =>
  denied.has(String(path)) ? Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' }) : null;

// Both the promise and the synchronous API: the reader may use either (read-source.ts reads synchronously).
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const guard =
    (real: (...args: never[]) => Promise<unknown>) =>
    (...args: unknown[]): Promise<unknown> => {
      const error = deny(args[0]);
      return error ? Promise.reject(error) : (real as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  const mocked = { ...actual, readdir: guard(actual.readdir), readFile: guard(actual.readFile), open: guard(actual.open) };
  return { ...mocked, default: mocked };
});
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const guard =
    (real: (...args: never[]) => unknown) =>
    (...args: unknown[]): unknown => {
      const error = deny(args[0]);
      if (error) throw error;
      return (real as (...a: unknown[]) => unknown)(...args);
    };
  const mocked = { ...actual, readdirSync: guard(actual.readdirSync), readFileSync: guard(actual.readFileSync), openSync: guard(actual.openSync) };
  return { ...mocked, default: mocked };
});

const locked: string[] = [];
afterEach(() => {
  denied.clear();
  for (const path of locked.splice(0)) chmodSync(path, 0o755);
});

async function scanBoth(root: string): Promise<{ json: Report; text: string }> {
  const json = await runCli(['scan', root, '-q', '--format', 'json'], { NO_COLOR: '1' });
  const text = await runCli(['scan', root, '-q'], { NO_COLOR: '1' });
  expect(json.code, json.stderr).toBe(0);
  expect(text.code, text.stderr).toBe(0);
  const report = JSON.parse(json.stdout) as Report;
  expect(report.findings).toContainEqual(expect.objectContaining(GOOD_FINDING));
  return { json: report, text: text.stdout };
}

const OTHER = GOOD.replace('App.GoodTest', 'App.OtherTest');

describe('permission errors (injected)', () => {
  it('reports an unreadable file and scans the rest', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'test/secret_test.exs': OTHER });
    denied.add(join(root, 'test/secret_test.exs'));
    const out = await scanBoth(root);
    expect(out.json.errors).toEqual([{ file: 'test/secret_test.exs', message: 'cannot be read: permission denied' }]);
    expect(out.text).toContain('test/secret_test.exs: cannot be read: permission denied');
    expect(out.json.files_scanned).toBe(2);
  });

  it('reports an unreadable directory and scans the rest', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'test/locked/other_test.exs': OTHER });
    denied.add(join(root, 'test/locked'));
    const out = await scanBoth(root);
    expect(out.json.errors).toEqual([{ file: 'test/locked', message: 'cannot read directory: permission denied (EACCES)' }]);
    expect(out.text).toContain('test/locked: cannot read directory: permission denied (EACCES)');
  });
});

describe('permission errors (chmod 000 for real)', () => {
  it('reports what this user cannot read, or scans it when chmod cannot lock this user out (root)', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'test/secret_test.exs': OTHER, 'test/locked/other_test.exs': OTHER });
    chmodSync(join(root, 'test/secret_test.exs'), 0o000);
    chmodSync(join(root, 'test/locked'), 0o000);
    locked.push(join(root, 'test/secret_test.exs'), join(root, 'test/locked'));
    const lockedOut = await fs.readdir(join(root, 'test/locked')).then(
      () => false,
      () => true,
    );
    const out = await scanBoth(root);
    if (lockedOut) {
      expect(out.json.errors).toEqual([
        { file: 'test/locked', message: 'cannot read directory: permission denied (EACCES)' },
        { file: 'test/secret_test.exs', message: 'cannot be read: permission denied' },
      ]);
    } else {
      expect(out.json.errors).toEqual([]);
      expect(out.json.findings.map((f) => f.file)).toEqual(['test/good_test.exs', 'test/locked/other_test.exs', 'test/secret_test.exs']);
    }
  });
});
