// Security: sleepless runs nothing from the scanned project except the --verify command the user
// asked for; allowlist and baseline paths cannot point outside the root; writes never follow a
// symlink out of the root.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFix } from '../../src/fix/run-fix.js';
import { runCli } from '../helpers/cli.js';
import { project } from '../helpers/project.js';
import { fixOptions, GOOD, leftoverTempFiles } from './support/fixtures.js';

/**
 * A project that leaves a marker file behind if any of its code runs: Elixir code in mix.exs, the
 * config, the test helper and the tests; git hooks, an fsmonitor and a clean filter in .git/config;
 * a file name that is a shell command substitution. And a `mix`, `elixir`, `iex` and `erl` on PATH
 * that leave a marker too, so running the project's tools at all is seen even without Elixir.
 */
function boobyTrapped(): { root: string; markers: string; env: Record<string, string> } {
  const markers = project({});
  const mark = (name: string) => `File.write!(${JSON.stringify(join(markers, name))}, "ran")`;
  const root = project({
    'mix.exs': `${mark('mix.exs')}\ndefmodule App.MixProject do\n  use Mix.Project\n  def project, do: [app: :app, version: "0.1.0", elixirc_paths: elixirc_paths(Mix.env())]\n  defp elixirc_paths(:test), do: ["lib", "test/support"]\n  defp elixirc_paths(_), do: ["lib"]\nend\n`,
    'config/config.exs': `import Config\n${mark('config.exs')}\n`,
    '.formatter.exs': `${mark('formatter.exs')}\n[inputs: ["{mix,.formatter}.exs"]]\n`,
    '.iex.exs': `${mark('iex.exs')}\n`,
    'test/test_helper.exs': `${mark('test_helper.exs')}\nExUnit.start()\n`,
    'test/good_test.exs': GOOD.replace('  use ExUnit.Case\n', `  use ExUnit.Case\n  ${mark('good_test.exs')}\n`),
    [`test/a$(touch ${join(markers, 'shell')})_test.exs`]: GOOD.replace('App.GoodTest', 'App.ShellTest'),
    [`test/b'$(touch ${join(markers, 'quoted')})'_test.exs`]: GOOD.replace('App.GoodTest', 'App.QuotedTest'),
  });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
  git('init', '-q');
  git('config', 'user.name', 'Sleepless Test');
  git('config', 'user.email', 'test@example.invalid');
  writeFileSync(join(root, '.gitattributes'), '*.exs filter=trap diff=trap\n');
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'trap');
  git('config', 'core.fsmonitor', `touch ${join(markers, 'fsmonitor')}; false`);
  git('config', 'filter.trap.clean', `touch ${join(markers, 'filter-clean')}; cat`);
  git('config', 'filter.trap.process', `touch ${join(markers, 'filter-process')}`);
  git('config', 'diff.trap.textconv', `touch ${join(markers, 'textconv')}; cat`);
  git('config', 'diff.external', `touch ${join(markers, 'ext-diff')}`);
  for (const hook of ['pre-commit', 'post-checkout', 'pre-auto-gc', 'post-index-change']) {
    writeFileSync(join(root, '.git/hooks', hook), `#!/bin/sh\ntouch ${join(markers, hook)}\n`);
    chmodSync(join(root, '.git/hooks', hook), 0o755);
  }
  // Change a file and age its timestamp so git has to re-read (and filter) the work tree.
  writeFileSync(join(root, 'test/good_test.exs'), `${readFileSync(join(root, 'test/good_test.exs'), 'utf8')}# edited\n`);
  const bin = join(markers, 'bin');
  mkdirSync(bin);
  for (const tool of ['mix', 'elixir', 'iex', 'erl']) {
    writeFileSync(join(bin, tool), `#!/bin/sh\ntouch ${join(markers, `ran-${tool}`)}\nexit 0\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  return { root, markers, env: { PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}`, NO_COLOR: '1' } };
}

function markersIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name !== 'bin');
}

describe('nothing from the scanned project runs', () => {
  it('scan, check (with --since), baseline, fix --dry/--print/--yes and init run none of its code, git config or tools', async () => {
    const { root, markers, env } = boobyTrapped();
    const runs = [
      ['scan', root, '-q', '--format', 'json'],
      ['check', root, '-q', '--since', 'HEAD'],
      ['baseline', root, '-q', '--baseline', join(markers, 'baseline.json')],
      ['fix', root, '--dry'],
      ['fix', root, '--print', '--include-review'],
      ['fix', root, '--yes', '--include-review'], // not --allow-dirty: `git status` runs
      ['init', root],
    ];
    for (const args of runs) {
      const run = await runCli(args, env);
      expect(run.stderr, args.join(' ')).not.toMatch(/internal error/);
    }
    rmSync(join(markers, 'baseline.json'), { force: true });
    expect(markersIn(markers)).toEqual([]);
    // It did scan the trapped files (the run was not vacuous).
    const scan = await runCli(['scan', root, '-q', '--format', 'json'], env);
    expect((JSON.parse(scan.stdout) as { files_scanned: number }).files_scanned).toBe(5);
  });

  it('--verify runs the command the user gave, with every file name quoted (the control: markers do appear then)', async () => {
    const { root, markers, env } = boobyTrapped();
    const run = await runCli(['fix', root, '--yes', '--allow-dirty', '--verify'], env);
    expect(run.stderr).not.toMatch(/internal error/);
    // `mix test FILE` is the default verify command: the fake mix ran, and only it.
    expect(markersIn(markers)).toEqual(['ran-mix']);
  });
});

describe('paths in the allowlist and baseline stay inside the root', () => {
  it('check --prune with a baseline entry for ../ is refused before anything is read or written', async () => {
    const outside = project({ 'victim_test.exs': GOOD });
    const root = project({ 'test/good_test.exs': GOOD });
    const baseline = JSON.stringify({ version: 1, entries: [{ fingerprint: '0123456789abcdef', content_key: '0123456789abcdef', file: `../${outside.split('/').pop()}/victim_test.exs`, describe: null, test: null, call: 'Process.sleep(50)', fix: 'remove' }] }, null, 2);
    writeFileSync(join(root, 'sleepless-baseline.json'), baseline);
    const run = await runCli(['check', root, '-q', '--prune']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^sleepless: sleepless-baseline\.json:7:15: field entries\[0\]\.file must stay inside the project root: "\.\." is not allowed/);
    expect(readFileSync(join(root, 'sleepless-baseline.json'), 'utf8')).toBe(baseline);
    expect(readFileSync(join(outside, 'victim_test.exs'), 'utf8')).toBe(GOOD);
  });

  it('an allowlist site for an absolute path is refused (config.test.ts has every form)', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'sleepless.allowlist.json': JSON.stringify({ version: 1, sites: [{ file: '/etc/passwd', call: 'x', category: 'ttl', reason: 'no reason' }] }) });
    const run = await runCli(['scan', root, '-q']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('field sites[0].file must be a path relative to the project root, inside it');
  });
});

describe('writes never follow a symlink out of the root', () => {
  it('a test file that is a symlink to a file outside the root is not followed by the walk, nor written when named', async () => {
    const outside = project({ 'real_test.exs': GOOD });
    const root = project({ 'test/good_test.exs': GOOD.replace('App.GoodTest', 'App.InsideTest') });
    symlinkSync(join(outside, 'real_test.exs'), join(root, 'test/link_test.exs'));

    const walked = await runFix(fixOptions(root));
    expect(walked.report.errors).toEqual([{ file: 'test/link_test.exs', message: `symlink leads outside the root, to ${join(outside, 'real_test.exs')}; not followed` }]);
    expect(walked.files.map((f) => [f.rel, f.status])).toEqual([['test/good_test.exs', 'ok']]);

    // Named on the command line it is read (the user asked for it) but never written through.
    const named = await runCli(['fix', join(root, 'test/link_test.exs'), '--root', root, '--yes', '--allow-dirty'], { NO_COLOR: '1' });
    expect(named.code).toBe(1);
    expect(named.stderr).toContain(`test/link_test.exs: error\n  ${join(root, 'test/link_test.exs')}: resolves outside the project root (${join(outside, 'real_test.exs')}); not written`);
    expect(readFileSync(join(outside, 'real_test.exs'), 'utf8')).toBe(GOOD);
    expect(lstatSync(join(root, 'test/link_test.exs')).isSymbolicLink()).toBe(true);
    expect([...leftoverTempFiles(outside), ...leftoverTempFiles(root)]).toEqual([]);
  });

  it('a directory symlinked from outside the root is not walked', async () => {
    const outside = project({ 'suite/real_test.exs': GOOD });
    const root = project({ 'test/good_test.exs': GOOD.replace('App.GoodTest', 'App.InsideTest') });
    symlinkSync(join(outside, 'suite'), join(root, 'test/suite'));
    const result = await runFix(fixOptions(root));
    expect(result.report.errors).toEqual([{ file: 'test/suite', message: `symlink leads outside the root, to ${join(outside, 'suite')}; not followed` }]);
    expect(readFileSync(join(outside, 'suite/real_test.exs'), 'utf8')).toBe(GOOD);
  });

  it('a file swapped for a symlink out of the root between read and write is not written (even with the same bytes)', async () => {
    const outside = project({ 'victim_test.exs': GOOD.replace('App.GoodTest', 'App.BTest') });
    const root = project({ 'test/a_test.exs': GOOD.replace('App.GoodTest', 'App.ATest'), 'test/b_test.exs': GOOD.replace('App.GoodTest', 'App.BTest') });
    const result = await runFix(
      fixOptions(root, {
        onFile: (outcome) => {
          if (outcome.rel !== 'test/a_test.exs') return;
          unlinkSync(join(root, 'test/b_test.exs'));
          symlinkSync(join(outside, 'victim_test.exs'), join(root, 'test/b_test.exs'));
        },
      }),
    );
    expect(result.files.find((f) => f.rel === 'test/b_test.exs')).toMatchObject({
      status: 'error',
      message: `${join(root, 'test/b_test.exs')}: resolves outside the project root (${join(outside, 'victim_test.exs')}); not written`,
    });
    expect(readFileSync(join(outside, 'victim_test.exs'), 'utf8')).toBe(GOOD.replace('App.GoodTest', 'App.BTest'));
    expect([...leftoverTempFiles(outside), ...leftoverTempFiles(root)]).toEqual([]);
  });

  it('a symlink to a file inside the root is written through: the target gets the rewrite, the link stays a link', async () => {
    const root = project({ 'lib/shared/real_test.exs': GOOD });
    symlinkSync(join(root, 'lib/shared/real_test.exs'), join(root, 'test_link_test.exs'));
    const result = await runFix(fixOptions(root, { scan: { root, paths: [join(root, 'test_link_test.exs')] } }));
    expect(result.files.map((f) => [f.rel, f.status])).toEqual([['test_link_test.exs', 'ok']]);
    expect(lstatSync(join(root, 'test_link_test.exs')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'lib/shared/real_test.exs'), 'utf8')).toContain(':sys.get_state(pid)');
  });

  it('a .sleepless directory that is a symlink out of the root is refused for the lock', async () => {
    const outside = project({});
    const root = project({ 'test/good_test.exs': GOOD });
    symlinkSync(outside, join(root, '.sleepless'));
    await expect(runFix(fixOptions(root))).rejects.toThrow(`${join(root, '.sleepless')} leads outside the project (to ${outside}); sleepless keeps its lock, session and cache there: make it a plain directory`);
    expect(readdirSync(outside)).toEqual([]);
    expect(readFileSync(join(root, 'test/good_test.exs'), 'utf8')).toBe(GOOD);
    expect(existsSync(join(outside, 'lock'))).toBe(false);
  });
});
