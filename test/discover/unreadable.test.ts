import fs from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { discover } from '../../src/discover/discover.js';
import { makeTree, type Tree } from './tree.js';

// Paths whose readdirSync/readFileSync fail with EACCES: as root, chmod 000 does not stop a read,
// so these tests make the error themselves to cover the problem path on every machine.
const denied = vi.hoisted(() => new Set<string>());

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const guard =
    (real: (...args: never[]) => unknown) =>
    (...args: unknown[]): unknown => {
      if (denied.has(String(args[0]))) throw Object.assign(new Error(`EACCES: permission denied, ${String(args[0])}`), { code: 'EACCES' });
      return (real as (...a: unknown[]) => unknown)(...args);
    };
  return { ...actual, readdirSync: guard(actual.readdirSync), readFileSync: guard(actual.readFileSync) };
});

let tree: Tree;
beforeEach(async () => {
  tree = await makeTree();
  await tree.write('test/a_test.exs', 'test/locked/b_test.exs', 'test/tmp_test.exs');
});
afterEach(async () => {
  denied.clear();
  await fs.chmod(tree.abs('test/locked'), 0o755);
  await tree.remove();
});

const run = (paths: string[] = []) => discover({ root: tree.root, paths: paths.map((p) => tree.abs(p)) });

describe('discover with unreadable entries', () => {
  it('reports an unreadable directory and walks on', async () => {
    denied.add(tree.abs('test/locked'));
    const result = run();
    expect(result.files.map((f) => f.rel)).toEqual(['test/a_test.exs', 'test/tmp_test.exs']);
    expect(result.problems).toEqual([
      { path: 'test/locked', message: 'cannot read directory: permission denied (EACCES)' },
    ]);
  });

  it('reports an unreadable given directory as "."', async () => {
    denied.add(tree.root);
    expect(run().problems).toEqual([{ path: '.', message: 'cannot read directory: permission denied (EACCES)' }]);
  });

  it('reports an unreadable .gitignore and walks on without it', async () => {
    await tree.put('test/.gitignore', 'tmp_test.exs\n');
    denied.add(tree.abs('test/.gitignore'));
    const result = run();
    expect(result.files.map((f) => f.rel)).toEqual(['test/a_test.exs', 'test/locked/b_test.exs', 'test/tmp_test.exs']);
    expect(result.problems).toEqual([
      { path: 'test/.gitignore', message: 'cannot read .gitignore: permission denied (EACCES)' },
    ]);
  });

  it('copes with a directory chmod 000 for real, whether or not chmod can lock this user out', async () => {
    const locked = tree.abs('test/locked');
    await fs.chmod(locked, 0o000);
    // Root (CI) reads through permission bits: then the directory is walked like any other.
    const lockedOut = await fs.readdir(locked).then(
      () => false,
      () => true,
    );
    const result = run();
    if (lockedOut) {
      expect(result.files.map((f) => f.rel)).toEqual(['test/a_test.exs', 'test/tmp_test.exs']);
      expect(result.problems).toEqual([
        { path: 'test/locked', message: 'cannot read directory: permission denied (EACCES)' },
      ]);
    } else {
      expect(result.files.map((f) => f.rel)).toEqual(['test/a_test.exs', 'test/locked/b_test.exs', 'test/tmp_test.exs']);
      expect(result.problems).toEqual([]);
    }
  });
});
