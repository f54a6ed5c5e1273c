import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discover, isTestFile, MissingPathError, type DiscoverOptions } from '../../src/discover/discover.js';
import { makeTree, type Tree } from './tree.js';

let tree: Tree;
beforeEach(async () => {
  tree = await makeTree();
});
afterEach(async () => {
  await tree.remove();
});

/** discover() over the tree, `paths` given relative to its root. */
function run(opts: Partial<Omit<DiscoverOptions, 'paths'>> & { paths?: string[] } = {}) {
  return discover({ ...opts, root: tree.root, paths: (opts.paths ?? []).map(tree.abs) });
}

function rels(opts: Parameters<typeof run>[0] = {}): string[] {
  const { files } = run(opts);
  return files.map((f) => f.rel);
}

describe('isTestFile', () => {
  it('rejects sources, configs and look-alike names', () => {
    for (const rel of [
      'mix.exs',
      'lib/app.ex',
      'lib/app_test.ex',
      'lib/contest/a.exs',
      'testing/a.exs',
      'lib/test_helper.exs',
      'test/data.json',
      'test/a.exs.bak',
      'test_test.ex',
    ]) {
      expect(isTestFile(rel), rel).toBe(false);
    }
  });

  it('accepts *_test.exs anywhere and .exs/.ex below a test or *_test directory', () => {
    for (const rel of [
      'a_test.exs',
      'priv/seed_test.exs',
      'test/test_helper.exs',
      'test/support/data_case.ex',
      'apps/web/test/web_test.exs',
      'integration_test/cases/repo.exs',
      'lib/elixir/test/elixir/fixtures/helper.ex',
    ]) {
      expect(isTestFile(rel), rel).toBe(true);
    }
  });
});

describe('discover', () => {
  it('finds the test files of every layout and nothing else', async () => {
    await tree.write(
      'mix.exs',
      'README.md',
      'config/config.exs',
      'lib/app.ex',
      'lib/app/worker.ex',
      'test/test_helper.exs',
      'test/app_test.exs',
      'test/notes.txt',
      'test/support/data_case.ex',
      'test/support/fixtures.exs',
      'apps/web/mix.exs',
      'apps/web/lib/web.ex',
      'apps/web/test/web_test.exs',
      'apps/web/test/support/conn_case.ex',
      'integration_test/cases/repo.exs',
      'integration_test/pg/test_helper.exs',
      'lib/elixir/lib/kernel.ex',
      'lib/elixir/test/elixir/kernel_test.exs',
      'lib/elixir/test/elixir/fixtures/helper.ex',
      'priv/scripts/seed_test.exs',
      // elixir-omg: a Mix app named like a test directory; only its own test/ holds tests.
      'priv/perf/apps/load_test/mix.exs',
      'priv/perf/apps/load_test/lib/load_test/sleeper.ex',
      'priv/perf/apps/load_test/test/test_helper.exs',
      'priv/perf/apps/load_test/test/sleeper_test.exs',
    );
    const result = run();
    expect(result.files.map((f) => f.rel)).toEqual([
      'apps/web/test/support/conn_case.ex',
      'apps/web/test/web_test.exs',
      'integration_test/cases/repo.exs',
      'integration_test/pg/test_helper.exs',
      'lib/elixir/test/elixir/fixtures/helper.ex',
      'lib/elixir/test/elixir/kernel_test.exs',
      'priv/perf/apps/load_test/test/sleeper_test.exs',
      'priv/perf/apps/load_test/test/test_helper.exs',
      'priv/scripts/seed_test.exs',
      'test/app_test.exs',
      'test/support/data_case.ex',
      'test/support/fixtures.exs',
      'test/test_helper.exs',
    ]);
    expect(result.files[0]).toEqual({
      abs: tree.abs('apps/web/test/support/conn_case.ex'),
      rel: 'apps/web/test/support/conn_case.ex',
    });
    expect(result.problems).toEqual([]);
  });

  it('defaults to the root when no path is given and accepts a root-relative start', async () => {
    await tree.write('test/a_test.exs', 'apps/x/test/b_test.exs');
    expect(rels({ paths: ['apps/x'] })).toEqual(['apps/x/test/b_test.exs']);
    expect(rels({ paths: ['apps/x/test'] })).toEqual(['apps/x/test/b_test.exs']);
    expect(rels()).toEqual(['apps/x/test/b_test.exs', 'test/a_test.exs']);
  });

  it('skips dependency, build, editor and VCS directories at any depth', async () => {
    await tree.write(
      'deps/dep/test/dep_test.exs',
      '_build/test/lib/x_test.exs',
      '.elixir_ls/x_test.exs',
      'cover/x_test.exs',
      'node_modules/pkg/test/x_test.exs',
      '.git/x_test.exs',
      'apps/web/deps/d/test/x_test.exs',
      'test/cover/x_test.exs',
      'deps_extra/a_test.exs',
      'test/ok_test.exs',
    );
    expect(rels()).toEqual(['deps_extra/a_test.exs', 'test/ok_test.exs']);
    // Asked for by name, a skipped directory is walked.
    expect(rels({ paths: ['deps/dep'] })).toEqual(['deps/dep/test/dep_test.exs']);
  });

  describe('.gitignore', () => {
    // Expectations checked against `git ls-files --others --exclude-standard` on this tree.
    beforeEach(async () => {
      await tree.put('.gitignore', '/test/fixtures/\n*_gen_test.exs\ntmp/\n');
      await tree.put('test/.gitignore', '!keep_gen_test.exs\nlocal_*.exs\n/only_here_test.exs\n');
      await tree.put('apps/a/.gitignore', '!tmp/\n');
      await tree.write(
        'test/fixtures/a_test.exs',
        'test/a_gen_test.exs',
        'test/keep_gen_test.exs',
        'test/local_x.exs',
        'test/only_here_test.exs',
        'test/sub/only_here_test.exs',
        'test/plain_test.exs',
        'only_here_test.exs',
        'tmp/x_test.exs',
        'apps/a/tmp/x_test.exs',
        'apps/b/tmp/x_test.exs',
        'lib/keep_gen_test.exs',
      );
    });

    it('honours root and nested files, their anchors and negations, as git does', async () => {
      expect(rels()).toEqual([
        'apps/a/tmp/x_test.exs',
        'only_here_test.exs',
        'test/keep_gen_test.exs',
        'test/plain_test.exs',
        'test/sub/only_here_test.exs',
      ]);
    });

    it('applies the files above a given directory', async () => {
      expect(rels({ paths: ['test'] })).toEqual([
        'test/keep_gen_test.exs',
        'test/plain_test.exs',
        'test/sub/only_here_test.exs',
      ]);
    });

    it('walks a given directory even though it is ignored', async () => {
      expect(rels({ paths: ['tmp', 'test/fixtures'] })).toEqual(['test/fixtures/a_test.exs', 'tmp/x_test.exs']);
    });

    it('is not consulted with gitignore: false', async () => {
      expect(rels({ gitignore: false })).toHaveLength(12);
    });
  });

  it('adds include matches, removes exclude matches and does not enter excluded directories', async () => {
    await tree.write(
      'lib/a/b_check.exs',
      'lib/a/other.exs',
      'deps/x/lib/c_check.exs',
      'test/fixtures/f_test.exs',
      'test/fixtures/deep/g_test.exs',
      'test/keep_test.exs',
      'test/slow_test.exs',
      'test/.hidden/h_test.exs',
    );
    const include = ['lib/**/*_check.exs', 'deps/**/*_check.exs'];
    expect(rels({ include, exclude: ['test/fixtures', '**/slow_*'] })).toEqual([
      'lib/a/b_check.exs',
      'test/.hidden/h_test.exs',
      'test/keep_test.exs',
    ]);
    // dot: true, so `**` reaches into dot-directories.
    expect(rels({ exclude: ['test/**/h_*', 'test/fixtures/**'] })).toEqual([
      'test/keep_test.exs',
      'test/slow_test.exs',
    ]);
  });

  it('takes explicit files as given, even non-test or gitignored ones, but honours exclude', async () => {
    await tree.put('.gitignore', 'tmp/\n');
    await tree.write('lib/app.ex', 'lib/skip.ex', 'tmp/x_test.exs', 'notes.txt');
    expect(
      rels({ paths: ['lib/app.ex', 'tmp/x_test.exs', 'lib/skip.ex', 'notes.txt'], exclude: ['lib/skip.ex'] }),
    ).toEqual(['lib/app.ex', 'notes.txt', 'tmp/x_test.exs']);
  });

  it('lists a file reached through several given paths once', async () => {
    await tree.write('test/a_test.exs', 'test/b/c_test.exs');
    expect(rels({ paths: ['.', 'test', 'test/b', 'test/a_test.exs', 'test/a_test.exs'] })).toEqual([
      'test/a_test.exs',
      'test/b/c_test.exs',
    ]);
  });

  it('sorts by relative path in code-unit order', async () => {
    await tree.write('test/b_test.exs', 'test/a_test.exs', 'test/a/z_test.exs', 'test/A_test.exs', 'test/a-b_test.exs');
    expect(rels()).toEqual([
      'test/A_test.exs',
      'test/a-b_test.exs',
      'test/a/z_test.exs',
      'test/a_test.exs',
      'test/b_test.exs',
    ]);
  });

  it('follows symlinked files and directories inside the root, under the link name', async () => {
    await tree.write('lib/real.exs', 'shared/helper.ex');
    await tree.link('../lib/real.exs', 'test/linked_test.exs');
    await tree.link('../shared', 'test/shared');
    const result = run();
    expect(result.files).toEqual([
      { abs: tree.abs('test/linked_test.exs'), rel: 'test/linked_test.exs' },
      { abs: tree.abs('test/shared/helper.ex'), rel: 'test/shared/helper.ex' },
    ]);
    expect(result.problems).toEqual([]);
    expect(rels({ paths: ['test/shared'] })).toEqual(['test/shared/helper.ex']);
  });

  it('reports symlink loops instead of walking them forever', async () => {
    await tree.write('test/a/a_test.exs', 'test/b/b_test.exs');
    await tree.link('../b', 'test/a/to_b');
    await tree.link('../a', 'test/b/to_a');
    await tree.link('..', 'test/up');
    await tree.link('self', 'test/self');
    const result = run();
    expect(result.files.map((f) => f.rel)).toEqual([
      'test/a/a_test.exs',
      'test/a/to_b/b_test.exs',
      'test/b/b_test.exs',
      'test/b/to_a/a_test.exs',
    ]);
    expect(result.problems).toEqual([
      { path: 'test/a/to_b/to_a', message: expect.stringMatching(/^symlink loop: leads back to test\/a,/) },
      { path: 'test/b/to_a/to_b', message: expect.stringMatching(/^symlink loop: leads back to test\/b,/) },
      { path: 'test/self', message: expect.stringMatching(/^symlink loop: .*ELOOP/) },
      { path: 'test/up', message: expect.stringMatching(/^symlink loop: leads back to \.,/) },
    ]);
  });

  it('reports dangling symlinks and links leading outside the root, and walks on', async () => {
    await tree.write('test/ok_test.exs');
    await fs.writeFile(path.join(tree.outside, 'y_test.exs'), '');
    await tree.link('nowhere_test.exs', 'test/gone_test.exs');
    await tree.link('../nope', 'test/gone_dir');
    await tree.link(tree.outside, 'test/ext');
    await tree.link(path.join(tree.outside, 'y_test.exs'), 'test/ext_test.exs');
    const result = run();
    expect(result.files.map((f) => f.rel)).toEqual(['test/ok_test.exs']);
    expect(result.problems).toEqual([
      { path: 'test/ext', message: expect.stringContaining('outside the root') },
      { path: 'test/ext_test.exs', message: expect.stringContaining('outside the root') },
      { path: 'test/gone_dir', message: 'dangling symlink: its target does not exist' },
      { path: 'test/gone_test.exs', message: 'dangling symlink: its target does not exist' },
    ]);
  });

  it('treats a directory named like a test file as a directory', async () => {
    await tree.write('test/x_test.exs/inner_test.exs', 'lib/dir_test.exs/real_test.exs', 'lib/dir_test.exs/plain.exs');
    expect(rels()).toEqual(['lib/dir_test.exs/real_test.exs', 'test/x_test.exs/inner_test.exs']);
    expect(rels({ paths: ['lib/dir_test.exs'] })).toEqual(['lib/dir_test.exs/real_test.exs']);
  });

  it('handles spaces and non-ASCII names', async () => {
    await tree.write('test/my tests/naïve_test.exs', 'test/日本語/テスト_test.exs', 'apps/café app/test/support/ça.ex');
    expect(rels()).toEqual([
      'apps/café app/test/support/ça.ex',
      'test/my tests/naïve_test.exs',
      'test/日本語/テスト_test.exs',
    ]);
    expect(rels({ paths: ['test/my tests'] })).toEqual(['test/my tests/naïve_test.exs']);
  });

  it('throws MissingPathError naming the first given path that does not exist', async () => {
    await tree.write('test/a_test.exs');
    let error: unknown;
    try {
      run({ paths: ['test', 'no such dir', 'gone.exs'] });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MissingPathError);
    expect((error as MissingPathError).path).toBe(tree.abs('no such dir'));
    expect((error as MissingPathError).message).toContain('no such dir');
    expect(() => discover({ root: tree.abs('missing root'), paths: [] })).toThrow(MissingPathError);
  });
});
