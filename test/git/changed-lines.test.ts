// Changed lines since a ref, on real repositories: merge base, renames, untracked files, subdirectories.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changedLines, touches } from '../../src/git/changed-lines.js';
import { parseUnifiedDiff } from '../../src/git/diff-parse.js';
import { UsageError } from '../../src/errors.js';
import { makeRepo, type Repo } from '../helpers/git-repo.js';

const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);
const text = (ls: string[]) => `${ls.join('\n')}\n`;

function summary(changes: Awaited<ReturnType<typeof changedLines>>['changes']): Record<string, string> {
  return Object.fromEntries([...changes].map(([file, c]) => [file, c.whole ? 'whole' : [...c.lines].sort((a, b) => a - b).join(',')]));
}

describe('parseUnifiedDiff', () => {
  it('collects new-side lines of each hunk; pure deletions add none', () => {
    const diff = [
      'diff --git a/x.exs b/x.exs',
      'index 1..2 100644',
      '--- a/x.exs',
      '+++ b/x.exs',
      '@@ -2 +2,2 @@ a',
      '-b',
      '+B',
      '+c',
      '@@ -10,3 +11,0 @@',
      '-gone 1',
      '-gone 2',
      '-gone 3',
      '@@ -20,0 +21 @@',
      '+added',
      '\\ No newline at end of file',
    ].join('\n');
    expect([...parseUnifiedDiff(diff).get('x.exs')!.lines]).toEqual([2, 3, 21]);
  });

  it('reads content lines that look like headers as content', () => {
    const diff = [
      'diff --git a/x.exs b/x.exs',
      '--- a/x.exs',
      '+++ b/x.exs',
      '@@ -1,2 +1,2 @@',
      '--- a/evil.exs',
      '--- more',
      '+++ b/evil.exs',
      '+++ more',
    ].join('\n');
    const changes = parseUnifiedDiff(diff);
    expect([...changes.keys()]).toEqual(['x.exs']);
    expect([...changes.get('x.exs')!.lines]).toEqual([1, 2]);
  });

  it('unquotes C-style paths, drops the tab after names with spaces, and marks new files whole', () => {
    const diff = [
      'diff --git "a/t\\303\\251st \\"q\\".exs" "b/t\\303\\251st \\"q\\".exs"',
      '--- "a/t\\303\\251st \\"q\\".exs"',
      '+++ "b/t\\303\\251st \\"q\\".exs"',
      '@@ -1 +1 @@',
      '-x',
      '+y',
      'diff --git a/my file.exs b/my file.exs',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/my file.exs\t',
      '@@ -0,0 +1,2 @@',
      '+a',
      '+b',
      'diff --git a/gone.exs b/gone.exs',
      'deleted file mode 100644',
      '--- a/gone.exs',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
    ].join('\n');
    const changes = parseUnifiedDiff(diff);
    expect(Object.fromEntries([...changes].map(([f, c]) => [f, [c.whole, [...c.lines]]]))).toEqual({
      'tést "q".exs': [false, [1]],
      'my file.exs': [true, [1, 2]],
    });
  });

  it('lists a file moved without a change, with no lines, and keeps the lines of one moved and edited', () => {
    const diff = [
      'diff --git a/test/old_test.exs b/test/new_test.exs',
      'similarity index 100%',
      'rename from test/old_test.exs',
      'rename to test/new_test.exs',
      'diff --git "a/t\\303\\251st.exs" "b/t\\303\\251st2.exs"',
      'similarity index 100%',
      'rename from "t\\303\\251st.exs"',
      'rename to "t\\303\\251st2.exs"',
      'diff --git a/b/x_test.exs b/b/y_test.exs',
      'similarity index 90%',
      'rename from b/x_test.exs',
      'rename to b/y_test.exs',
      'index 1..2 100644',
      '--- a/b/x_test.exs',
      '+++ b/b/y_test.exs',
      '@@ -3 +3 @@',
      '-x',
      '+y',
    ].join('\n');
    const changes = parseUnifiedDiff(diff);
    expect(Object.fromEntries([...changes].map(([f, c]) => [f, [c.whole, [...c.lines]]]))).toEqual({
      'test/new_test.exs': [false, []],
      'tést2.exs': [false, []],
      'b/y_test.exs': [false, [3]],
    });
  });
});

describe('changedLines', () => {
  let repo: Repo;
  afterEach(() => repo?.cleanup());

  it('diffs against the merge base, follows renames, and counts untracked files whole', async () => {
    repo = makeRepo();
    repo.write('test/a_test.exs', text(lines(10)));
    repo.write('test/moved_test.exs', text(lines(10, 'moved')));
    repo.write('test/same_test.exs', text(lines(3)));
    repo.write('test/still_test.exs', text(lines(4, 'still')));
    repo.commitAll('base');
    repo.git('checkout', '-q', '-b', 'feature');

    const a = lines(10);
    a[4] = 'line 5 changed';
    a.splice(7, 0, 'inserted');
    repo.write('test/a_test.exs', text(a));
    repo.git('mv', 'test/moved_test.exs', 'test/renamed_test.exs');
    const moved = lines(10, 'moved');
    moved[8] = 'moved 9 edited';
    repo.write('test/renamed_test.exs', text(moved));
    repo.git('mv', 'test/still_test.exs', 'test/only_moved_test.exs');
    repo.commitAll('feature work');

    // After the branch point main changes a file the branch does not touch, and one line the branch keeps.
    repo.git('checkout', '-q', 'main');
    repo.write('test/same_test.exs', text(['line 1', 'main edit', 'line 3']));
    repo.commitAll('main moves on');
    repo.git('checkout', '-q', 'feature');

    // Uncommitted work counts: an edited tracked file and a new untracked one.
    repo.write('test/untracked_test.exs', text(lines(2)));
    const base = repo.git('merge-base', 'main', 'feature').trim();

    const result = await changedLines(repo.dir, 'main');
    expect(result.base).toBe(base);
    expect(summary(result.changes)).toEqual({
      'test/a_test.exs': '5,8',
      'test/renamed_test.exs': '9',
      'test/only_moved_test.exs': '',
      'test/untracked_test.exs': 'whole',
    });
    expect(touches(result.changes, 'test/a_test.exs', 4, 5)).toBe(true);
    expect(touches(result.changes, 'test/a_test.exs', 6, 7)).toBe(false);
    expect(touches(result.changes, 'test/untracked_test.exs', 100, 100)).toBe(true);
    expect(touches(result.changes, 'test/same_test.exs', 1, 3)).toBe(false);
  });

  it('gives paths relative to a root below the repository and leaves out changes elsewhere', async () => {
    repo = makeRepo();
    repo.write('apps/web/test/w_test.exs', text(lines(3)));
    repo.write('apps/api/test/a_test.exs', text(lines(3)));
    repo.commitAll('base');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('apps/web/test/w_test.exs', text([...lines(3), 'four']));
    repo.write('apps/api/test/a_test.exs', text([...lines(3), 'four']));
    repo.write('apps/web/test/new_test.exs', 'x\n');
    repo.write('apps/api/test/new_test.exs', 'x\n');

    const result = await changedLines(join(repo.dir, 'apps/web'), 'main');
    expect(summary(result.changes)).toEqual({ 'test/w_test.exs': '4', 'test/new_test.exs': 'whole' });
  });

  it('turns git failures into usage errors that say what to do', async () => {
    repo = makeRepo();
    repo.write('a.exs', 'x\n');
    repo.commitAll('one');
    await expect(changedLines(repo.dir, 'origin/main')).rejects.toThrow(/no such commit, branch or tag in this clone; fetch it first/);
    await expect(changedLines(repo.dir, '--output=/tmp/x')).rejects.toThrow(UsageError);

    repo.git('checkout', '-q', '--orphan', 'unrelated');
    repo.write('b.exs', 'y\n');
    repo.commitAll('unrelated');
    await expect(changedLines(repo.dir, 'main')).rejects.toThrow(/have no common ancestor here/);

    const plain = mkdtempSync(join(tmpdir(), 'sleepless-nogit-'));
    try {
      await expect(changedLines(plain, 'main')).rejects.toThrow(/is not inside a git work tree/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
