// Bad configuration: exit 2 with one message that names the file and line:column (or the flag), the
// field path, and what to do; nothing else is printed and nothing is scanned or written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { project } from '../helpers/project.js';
import { GOOD } from './support/fixtures.js';

const ALLOWLIST_HINT = 'fix it or delete it (schema: allowlist.schema.json, see `sleepless explain allowlisted`)';
const BASELINE_HINT = 'fix it, or delete it and run `sleepless baseline` to write it again';

/** Runs `sleepless ARGS` and returns its single message; asserts exit 2 and that nothing else was printed. */
async function usageError(args: string[]): Promise<string> {
  const run = await runCli(args, { NO_COLOR: '1' });
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^sleepless: /);
  return lines[0]!.slice('sleepless: '.length);
}

const site = (fields: Record<string, unknown>) => JSON.stringify({ version: 1, sites: [{ category: 'ttl', reason: 'waits out the TTL', ...fields }] });

describe('sleepless.allowlist.json', () => {
  const cases: [string, string, string][] = [
    ['malformed JSON', '{ "version": 1, "sites": [ }', 'sleepless.allowlist.json:1:28: is not valid JSON (ValueExpected)'],
    ['an empty file', '', 'sleepless.allowlist.json:1:1: is not valid JSON (ValueExpected)'],
    ['a trailing comma', '{\n  "version": 1,\n}', 'sleepless.allowlist.json:3:1: is not valid JSON (PropertyNameExpected)'],
    ['a comment', '{ // mine\n  "version": 1 }', 'sleepless.allowlist.json:1:3: is not valid JSON (InvalidCommentToken)'],
    ['not an object', '[]', 'sleepless.allowlist.json:1:1: field (top level) must be object'],
    ['the wrong version', '{ "version": 2 }', 'sleepless.allowlist.json:1:14: field version must be 1'],
    ['an unknown field', '{ "version": 1,\n  "sitez": [] }', 'sleepless.allowlist.json:2:12: field sitez is not a known field'],
    ['an unknown context category', '{ "version": 1, "contexts": { "sloth": {} } }', 'sleepless.allowlist.json:1:40: field contexts.sloth is not a known field'],
    [
      'an unknown site category',
      site({ fingerprint: '0123456789abcdef', category: 'sloth' }),
      'sleepless.allowlist.json:1:35: field sites[0].category must be one of infinity, ttl, rate_window, timeout_sim, load_sim, spawned_work, time_measurement, poll_interval',
    ],
    ['the category allowlisted (set by sleepless, not by hand)', site({ fingerprint: '0123456789abcdef', category: 'allowlisted' }), 'field sites[0].category must be one of'],
    ['a site with neither fingerprint nor file and call', site({ file: 'test/a_test.exs' }), 'sleepless.allowlist.json:1:23: field sites[0] needs "fingerprint", or "file" and "call"'],
    ['a malformed fingerprint', site({ fingerprint: 'xyz' }), 'field sites[0].fingerprint must match pattern "^[0-9a-f]{16}$"'],
    ['a reason too short to say anything', site({ fingerprint: '0123456789abcdef', reason: 'ok' }), 'field sites[0].reason must NOT have fewer than 3 characters'],
  ];
  for (const [name, text, message] of cases) {
    it(`rejects ${name}`, async () => {
      const root = project({ 'test/good_test.exs': GOOD, 'sleepless.allowlist.json': text });
      const error = await usageError(['scan', root, '-q']);
      expect(error).toContain(message);
      expect(error.endsWith(`; ${ALLOWLIST_HINT}`)).toBe(true);
    });
  }

  for (const [name, file] of [
    ['a path with ..', '../elsewhere/a_test.exs'],
    ['a path with .. inside', 'test/../../elsewhere/a_test.exs'],
    ['a Windows path with ..', 'test\\..\\..\\a_test.exs'],
    ['an absolute path', '/etc/passwd'],
    ['a drive path', 'C:\\tests\\a_test.exs'],
  ] as const) {
    it(`rejects a site with ${name}`, async () => {
      const root = project({ 'test/good_test.exs': GOOD, 'sleepless.allowlist.json': site({ file, call: 'Process.sleep(50)' }) });
      const error = await usageError(['scan', root, '-q']);
      const column = JSON.stringify(JSON.parse(site({ file, call: 'Process.sleep(50)' }))).indexOf('"file":') + 8;
      expect(error).toBe(
        `sleepless.allowlist.json:1:${column}: field sites[0].file must be a path relative to the project root, inside it: no absolute path, no ".." (got ${JSON.stringify(file)}); ${ALLOWLIST_HINT}`,
      );
    });
  }

  it('is the same for an --allowlist file given on the command line, by its path', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'config/mine.json': '{ "version": 1, "sites": [ }' });
    const error = await usageError(['scan', root, '-q', '--allowlist', join(root, 'config/mine.json')]);
    expect(error).toMatch(new RegExp(`^${join(root, 'config/mine.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:28: is not valid JSON`));
  });

  it('names an allowlist that cannot be read (a directory) and what to do', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'sleepless.allowlist.json/x': '' });
    expect(await usageError(['scan', root, '-q'])).toBe(`sleepless.allowlist.json: cannot be read (EISDIR); ${ALLOWLIST_HINT}`);
  });

  it('accepts a file saved with a byte-order mark', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'sleepless.allowlist.json': '\uFEFF{ "version": 1 }\r\n' });
    const run = await runCli(['scan', root, '-q']);
    expect(run.code, run.stderr).toBe(0);
  });

  it('fails fix before anything is written', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'sleepless.allowlist.json': '{' });
    await usageError(['fix', root, '--yes', '-q', '--allow-dirty']);
    expect(readFileSync(join(root, 'test/good_test.exs'), 'utf8')).toBe(GOOD);
  });
});

describe('sleepless-baseline.json', () => {
  const entry = (fields: Record<string, unknown>) =>
    JSON.stringify(
      { version: 1, entries: [{ fingerprint: '0123456789abcdef', content_key: '0123456789abcdef', file: 'test/good_test.exs', describe: null, test: 'bumps', call: 'Process.sleep(50)', fix: 'sync_barrier', ...fields }] },
      null,
      2,
    );
  const cases: [string, string, string][] = [
    ['malformed JSON', '{ "version": 1, "entries": [ }', 'sleepless-baseline.json:1:30: is not valid JSON (ValueExpected)'],
    ['no entries', '{ "version": 1 }', 'sleepless-baseline.json:1:1: field (top level) needs the field "entries"'],
    ['an unknown fix kind', entry({ fix: 'nap' }), 'sleepless-baseline.json:11:14: field entries[0].fix must be one of remove, assert_receive, monitor_down, sync_barrier, wait_for, poll_with_timeout, manual'],
    ['a missing field', entry({ call: undefined }), 'sleepless-baseline.json:4:5: field entries[0] needs the field "call"'],
    ['a path with ..', entry({ file: 'test/../../elsewhere_test.exs' }), 'sleepless-baseline.json:7:15: field entries[0].file must stay inside the project root: ".." is not allowed (got "test/../../elsewhere_test.exs")'],
    ['an absolute path', entry({ file: '/etc/passwd' }), 'sleepless-baseline.json:7:15: field entries[0].file must be a path relative to the project root, not an absolute path (got "/etc/passwd")'],
  ];
  for (const [name, text, message] of cases) {
    it(`check rejects ${name}`, async () => {
      const root = project({ 'test/good_test.exs': GOOD, 'sleepless-baseline.json': text });
      expect(await usageError(['check', root, '-q'])).toBe(`${message}; ${BASELINE_HINT}`);
    });
  }

  it('baseline --update rejects a malformed baseline too, leaving it as it was', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'sleepless-baseline.json': entry({ fix: 'nap' }) });
    expect(await usageError(['baseline', root, '-q', '--update'])).toContain('sleepless-baseline.json:11:14: field entries[0].fix must be one of');
    expect(readFileSync(join(root, 'sleepless-baseline.json'), 'utf8')).toBe(entry({ fix: 'nap' }));
  });

  it('accepts a file saved with a byte-order mark', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'sleepless-baseline.json': `\uFEFF${entry({})}` });
    const run = await runCli(['check', root, '-q']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // the baselined fingerprint is made up: the sleep is new
  });
});

describe('flags', () => {
  const cases: [string[], string][] = [
    [['fix', '--dry', '--print'], '--dry and --print are alternatives: pick one'],
    [['fix', '--yes', '--dry'], '--yes writes the rewrites and --dry writes nothing: pick one'],
    [['fix', '--yes', '--print'], '--yes writes the rewrites and --print writes nothing: pick one'],
    [['fix', '--dry', '--verify'], '--verify runs the rewritten tests, so it needs the files written: drop --dry/--print'],
    [['fix', '--print', '--verify'], '--verify runs the rewritten tests, so it needs the files written: drop --dry/--print'],
    [['fix', '--yes', '--verify-cmd', 'make test'], '--verify-cmd sets the command that --verify runs: add --verify, or drop --verify-cmd'],
    [['fix', '--yes', '--resume'], '--resume continues an interactive session: drop --yes/--dry/--print'],
    [['fix', '--include-review'], '--include-review is for --yes/--dry/--print: the interactive session asks about each rewrite marked review'],
    [['fix', '--yes', '-t', 'nap'], '-t nap: not a fix kind (remove, assert_receive, monitor_down, sync_barrier, wait_for, poll_with_timeout) nor a path to a transform module'],
    [['fix', '--yes', '--min-timeout', '0'], '--min-timeout must be positive and --timeout-factor at least 1'],
    [['scan', '--max-file-size', '0'], '--max-file-size must be a positive number of bytes, got 0'],
    [['explain', 'sloth'], 'no rule, category or fix kind named “sloth”; run `sleepless explain` for the list'],
  ];
  for (const [args, message] of cases) {
    it(`rejects ${args.join(' ')}`, async () => {
      const root = project({ 'test/good_test.exs': GOOD });
      const withRoot = args[0] === 'explain' ? args : [...args, root, '-q'];
      expect(await usageError(withRoot)).toBe(message);
      expect(readFileSync(join(root, 'test/good_test.exs'), 'utf8')).toBe(GOOD);
    });
  }

  it('allows check --prune with --since: pruning the baseline and failing only on changed lines are independent', async () => {
    const root = project({ 'test/good_test.exs': GOOD });
    const run = await runCli(['check', root, '-q', '--prune', '--since', 'HEAD']);
    // Not a flag conflict: the run gets as far as needing a baseline (and a git repository).
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/--since/);
    expect(run.stderr).toContain('--prune needs a baseline');
  });
});
