// End to end through the CLI (in-process) on real git repositories: baseline mode and diff mode.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { castThenSleep, elixirTestFile, makeRepo, ttlSleep, type ElixirTest, type Repo } from '../helpers/git-repo.js';
import type { Report } from '../../src/finding.js';
import type { Baseline } from '../../src/baseline/format.js';

const FILE = 'test/counter_test.exs';
const A: ElixirTest = { describe: 'incr', name: 'increments', body: castThenSleep(50) };
const B: ElixirTest = { describe: 'incr', name: 'increments twice', body: castThenSleep(30, ':incr2') };
const C: ElixirTest = { name: 'expires entries', body: ttlSleep() };
const NEW: ElixirTest = { describe: 'incr', name: 'increments in bulk', body: castThenSleep(40, ':bulk') };

let repo: Repo;
afterEach(() => repo?.cleanup());

/** A repository whose baseline lists A and B (C is legitimate), committed. */
async function baselined(tests: ElixirTest[] = [A, B, C]): Promise<Repo> {
  repo = makeRepo();
  repo.write(FILE, elixirTestFile('CounterTest', tests));
  const result = await runCli(['baseline', repo.dir]);
  expect(result.code).toBe(0);
  repo.commitAll('tests and baseline');
  return repo;
}

async function checkJson(...args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const result = await runCli(['check', repo.dir, '--format', 'json', ...args]);
  return { code: result.code, report: result.stdout ? (JSON.parse(result.stdout) as Report) : (undefined as never), stderr: result.stderr };
}

function baselineOf(r: Repo): Baseline {
  return JSON.parse(r.read('sleepless-baseline.json')) as Baseline;
}

describe('check with a baseline', () => {
  it('passes right after the baseline is written', async () => {
    await baselined();
    expect(baselineOf(repo).entries.map((e) => e.test)).toEqual(['increments', 'increments twice']);
    const result = await runCli(['check', repo.dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no new problematic sleeps in 1 file scanned');
    expect(result.stdout).toContain('2 problematic sleeps listed in sleepless-baseline.json pass');
  });

  it('fails on a new sleep, with exactly that one finding', async () => {
    await baselined();
    repo.write(FILE, elixirTestFile('CounterTest', [A, B, NEW, C]));
    const { code, report } = await checkJson();
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.test, f.call, f.fix])).toEqual([['increments in bulk', 'Process.sleep(40)', 'sync_barrier']]);
    expect(report.summary).toMatchObject({ sleeps: 1, problematic: 1, legitimate: 0 });
  });

  it('fails on a second identical sleep in the same test', async () => {
    await baselined();
    const twice: ElixirTest = { ...A, body: [...castThenSleep(50), ...castThenSleep(50)] };
    repo.write(FILE, elixirTestFile('CounterTest', [twice, B, C]));
    const { code, report } = await checkJson();
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.test, f.line])).toEqual([['increments', 10]]);
  });

  it('passes when a test moves within the file', async () => {
    await baselined();
    repo.write(FILE, elixirTestFile('CounterTest', [C, B, A]));
    expect((await checkJson()).code).toBe(0);
  });

  it('passes when another test is edited and lines are added above the sleeps', async () => {
    await baselined();
    const edited: ElixirTest = { name: 'expires entries after the ttl', body: ['x = 1', ...ttlSleep(), 'assert x == 1'] };
    const A2: ElixirTest = { ...A, body: ['start = System.monotonic_time()', ...A.body] };
    repo.write(FILE, elixirTestFile('CounterTest', [edited, A2, B]));
    expect((await checkJson()).code).toBe(0);
  });

  it('passes when the file is renamed with git mv, even with other edits', async () => {
    await baselined();
    repo.git('mv', FILE, 'test/tally_test.exs');
    repo.write('test/tally_test.exs', elixirTestFile('TallyTest', [C, B, A]));
    const result = await runCli(['check', repo.dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 matched in a renamed file');
    // `baseline --update` records the new path, and still adds nothing.
    repo.write('test/tally_test.exs', elixirTestFile('TallyTest', [C, B, A, NEW]));
    expect((await runCli(['baseline', repo.dir, '--update'])).code).toBe(0);
    expect(baselineOf(repo).entries.map((e) => [e.file, e.test])).toEqual([
      ['test/tally_test.exs', 'increments'],
      ['test/tally_test.exs', 'increments twice'],
    ]);
    repo.commitAll('renamed');
    const after = await checkJson();
    expect(after.report.findings.map((f) => f.test)).toEqual(['increments in bulk']);
  });

  it('does not take a renamed file as the old one when the old one still exists', async () => {
    await baselined();
    repo.write('test/copy_test.exs', elixirTestFile('CopyTest', [A]));
    const { code, report } = await checkJson();
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.file)).toEqual(['test/copy_test.exs']);
  });

  it('reports a deleted sleep as fixed; --strict fails on it; --prune removes it', async () => {
    await baselined();
    repo.write(FILE, elixirTestFile('CounterTest', [A, C]));

    const plain = await runCli(['check', repo.dir]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('1 entry in sleepless-baseline.json matches no sleep any more (fixed)');
    expect(plain.stdout).toContain('- test/counter_test.exs “increments twice”: Process.sleep(30)');

    const strict = await runCli(['check', repo.dir, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('matches no sleep any more (fixed) and fails the check (--strict); remove it with');

    const markdown = await runCli(['check', repo.dir, '--format', 'markdown']);
    expect(markdown.stdout).toContain('matches no sleep any more (fixed)');

    const pruned = await runCli(['check', repo.dir, '--prune']);
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain('removed 1 fixed entry from sleepless-baseline.json');
    expect(baselineOf(repo).entries.map((e) => e.test)).toEqual(['increments']);
    expect(repo.read('sleepless-baseline.json')).toMatch(/\n}\n$/);
    expect((await runCli(['check', repo.dir, '--strict'])).code).toBe(0);
  });

  it('baseline --update drops fixed entries and adds nothing', async () => {
    await baselined();
    repo.write(FILE, elixirTestFile('CounterTest', [A, NEW, C]));
    const update = await runCli(['baseline', repo.dir, '--update']);
    expect(update.code).toBe(0);
    expect(update.stdout).toContain('updated sleepless-baseline.json: 1 entry (1 removed as fixed, 1 new problematic sleep not added');
    expect(baselineOf(repo).entries.map((e) => e.test)).toEqual(['increments']);
    const { code, report } = await checkJson();
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.test)).toEqual(['increments in bulk']);
  });

  it('leaves entries of files outside the checked paths alone', async () => {
    repo = makeRepo();
    repo.write(FILE, elixirTestFile('CounterTest', [A]));
    repo.write('test/other_test.exs', elixirTestFile('OtherTest', [B]));
    expect((await runCli(['baseline', repo.dir])).code).toBe(0);
    expect(baselineOf(repo).entries).toHaveLength(2);

    // A check of one file says nothing about the other file's entry.
    const one = await runCli(['check', '--root', repo.dir, join(repo.dir, FILE), '--strict']);
    expect(one.code).toBe(0);
    expect(one.stdout).not.toContain('fixed');

    // Re-baselining one file keeps the other file's entry.
    repo.write(FILE, elixirTestFile('CounterTest', [C]));
    const partial = await runCli(['baseline', '--root', repo.dir, join(repo.dir, FILE)]);
    expect(partial.stdout).toContain('1 entry (0 added, 1 removed as fixed)');
    expect(baselineOf(repo).entries.map((e) => e.file)).toEqual(['test/other_test.exs']);
  });

  it('fails on every problematic sleep when there is no baseline, and says how to adopt one', async () => {
    repo = makeRepo();
    repo.write(FILE, elixirTestFile('CounterTest', [A, B, C]));
    const result = await runCli(['check', repo.dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('no baseline: every problematic sleep fails');
  });

  it('takes --baseline FILE from elsewhere', async () => {
    repo = makeRepo();
    repo.write(FILE, elixirTestFile('CounterTest', [A]));
    const file = join(repo.dir, 'ci/sleeps.json');
    repo.write('ci/.keep', '');
    expect((await runCli(['baseline', repo.dir, '--baseline', file])).code).toBe(0);
    expect(existsSync(join(repo.dir, 'sleepless-baseline.json'))).toBe(false);
    expect((await runCli(['check', repo.dir, '--baseline', file])).code).toBe(0);
    expect((await runCli(['check', repo.dir])).code).toBe(1);
  });
});

describe('check configuration errors exit 2', () => {
  it('names the line and column of malformed JSON', async () => {
    repo = makeRepo();
    repo.write(FILE, elixirTestFile('CounterTest', [A]));
    repo.write('sleepless-baseline.json', '{\n  "version": 1,\n  "entries": [\n    { "fingerprint": "0123456789abcdef" ,, }\n  ]\n}\n');
    const result = await runCli(['check', repo.dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/sleepless-baseline\.json:4:42: is not valid JSON/);
    expect(result.stdout).toBe('');
  });

  it('names the field of an entry that breaks the schema', async () => {
    await baselined();
    const text = repo.read('sleepless-baseline.json').replace('"fix": "sync_barrier"', '"fix": "sleep_more"');
    repo.write('sleepless-baseline.json', text);
    const result = await runCli(['check', repo.dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/sleepless-baseline\.json:11:14: field entries\[0\]\.fix must be one of remove, /);
  });

  it('rejects absolute paths and paths with ..', async () => {
    await baselined();
    const original = repo.read('sleepless-baseline.json');
    repo.write('sleepless-baseline.json', original.replace('"file": "test/counter_test.exs"', '"file": "/etc/counter_test.exs"'));
    const absolute = await runCli(['check', repo.dir]);
    expect(absolute.code).toBe(2);
    expect(absolute.stderr).toMatch(/sleepless-baseline\.json:7:15: field entries\[0\]\.file must be a path relative to the project root/);
    repo.write('sleepless-baseline.json', original.replace('"file": "test/counter_test.exs"', '"file": "test/../../x_test.exs"'));
    const dotdot = await runCli(['check', repo.dir]);
    expect(dotdot.code).toBe(2);
    expect(dotdot.stderr).toContain('must stay inside the project root');
  });

  it('needs a baseline for --prune and an existing file for --baseline', async () => {
    repo = makeRepo();
    repo.write(FILE, elixirTestFile('CounterTest', [A]));
    const prune = await runCli(['check', repo.dir, '--prune']);
    expect(prune.code).toBe(2);
    expect(prune.stderr).toContain('--prune needs a baseline');
    const missing = await runCli(['check', repo.dir, '--baseline', join(repo.dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such baseline file');
    const update = await runCli(['baseline', repo.dir, '--update']);
    expect(update.code).toBe(2);
    expect(update.stderr).toContain('no baseline to update');
  });
});

describe('check --since', () => {
  it('fails only on the sleep added since the merge base', async () => {
    repo = makeRepo();
    repo.write(FILE, elixirTestFile('CounterTest', [A, B, C]));
    repo.commitAll('existing sleeps');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write(FILE, elixirTestFile('CounterTest', [A, B, NEW, C]));
    repo.commitAll('a new sleep');
    // main moves on after the branch point: its edit to A's sleep must not count as the branch's.
    repo.git('checkout', '-q', 'main');
    repo.write(FILE, elixirTestFile('CounterTest', [{ ...A, body: castThenSleep(60) }, B, C]));
    repo.commitAll('main edits a sleep');
    repo.git('checkout', '-q', 'feature');

    const { code, report } = await checkJson('--since', 'main');
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.test, f.call])).toEqual([['increments in bulk', 'Process.sleep(40)']]);

    const text = await runCli(['check', repo.dir, '--since', 'main']);
    expect(text.stdout).toMatch(
      /--since main: only lines added or changed since [0-9a-f]{12} count, and only files changed since then are scanned; 2 problematic sleeps on unchanged lines pass/,
    );
  });

  it('scans only the files changed since the merge base, following a file moved without an edit', async () => {
    const OTHER = 'test/other_test.exs';
    repo = makeRepo();
    repo.write(FILE, elixirTestFile('CounterTest', [A, B, C]));
    repo.write(OTHER, elixirTestFile('OtherTest', [A]));
    repo.write('test/moved_test.exs', elixirTestFile('MovedTest', [B]));
    // An entry for a sleep long gone from a file the branch never touches.
    repo.write('sleepless.allowlist.json', JSON.stringify({ version: 1, sites: [{ file: OTHER, call: 'Process.sleep(999)', category: 'ttl', reason: 'gone' }] }));
    expect((await runCli(['baseline', repo.dir])).code).toBe(0);
    expect(baselineOf(repo).entries.map((e) => e.file)).toEqual([FILE, FILE, 'test/moved_test.exs', OTHER]);
    repo.commitAll('more tests');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.git('mv', 'test/moved_test.exs', 'test/renamed_test.exs');
    repo.write(FILE, elixirTestFile('CounterTest', [A, B, NEW, C]));
    repo.write('lib/counter.ex', 'defmodule Counter do\nend\n');

    const { code, report } = await checkJson('--since', 'main', '--strict');
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file, f.test])).toEqual([[FILE, 'increments in bulk']]);
    // The moved file is scanned, so its entry matches there instead of going stale under --strict;
    // the untouched file is not, so neither is its allowlist entry judged.
    expect(report.files_scanned).toBe(2);
    expect(report.errors).toEqual([]);
    const full = await checkJson('--strict');
    expect(full.report.files_scanned).toBe(3);
    expect(full.report.errors).toEqual([expect.objectContaining({ file: 'sleepless.allowlist.json', message: expect.stringContaining('stale entry sites[0]') })]);
  });

  it('passes when the branch adds only a legitimate sleep', async () => {
    repo = makeRepo();
    repo.write(FILE, elixirTestFile('CounterTest', [A, B]));
    repo.commitAll('existing sleeps');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write(FILE, elixirTestFile('CounterTest', [A, B, C]));
    expect((await checkJson('--since', 'main')).code).toBe(0);
  });

  it('exits 2 with what to do for an unknown ref or outside a repository', async () => {
    repo = makeRepo();
    repo.write(FILE, elixirTestFile('CounterTest', [A]));
    repo.commitAll('one');
    const unknown = await runCli(['check', repo.dir, '--since', 'origin/nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--since origin/nope: no such commit, branch or tag in this clone; fetch it first');
    const plain = mkdtempSync(join(tmpdir(), 'sleepless-nogit-'));
    try {
      writeFileSync(join(plain, 'counter_test.exs'), elixirTestFile('CounterTest', [A]));
      const broken = await runCli(['check', plain, '--since', 'main']);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toContain('is not inside a git work tree');
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
