import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { scanOptionsFrom } from '../../src/cli/shared-options.js';
import { project, testModule, CAST_THEN_SLEEP_MODULE } from '../helpers/project.js';

describe('sleepless scan (CLI)', () => {
  it('prints the text report and exits 0 even with problematic sleeps', async () => {
    const root = project({ 'test/a_test.exs': CAST_THEN_SLEEP_MODULE });
    const run = await runCli(['scan', root, '-q'], { NO_COLOR: '1' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('test/a_test.exs');
    expect(run.stdout).toContain('problematic sync_barrier');
    expect(run.stdout).toContain('1 sleep in 1 file · 1 problematic (50 ms per run removable) · 0 legitimate');
  });

  it('exits 1 with --fail-on-problematic when problematic sleeps exist, 0 when none', async () => {
    expect((await runCli(['scan', project({ 'test/a_test.exs': CAST_THEN_SLEEP_MODULE }), '--fail-on-problematic', '-q'])).code).toBe(1);
    expect((await runCli(['scan', project({ 'test/a_test.exs': testModule('  test "x" do\n    assert 1 == 1\n  end') }), '--fail-on-problematic', '-q'])).code).toBe(0);
  });

  it('prints the JSON contract with --format json', async () => {
    const root = project({ 'test/a_test.exs': CAST_THEN_SLEEP_MODULE });
    const run = await runCli(['scan', root, '--format', 'json', '-q']);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ version: 1, files_scanned: 1, summary: { sleeps: 1, problematic: 1, removable_ms: 50 } });
    expect(report.findings[0]).toMatchObject({ file: 'test/a_test.exs', line: 6, column: 5, end_line: 6, end_column: 22, fix: 'sync_barrier', safety: 'safe' });
  });

  it("reads a directory inside a Mix project as part of that project: its lib/ and paths from its root (rabbitmq's deps/rabbitmq_cli/test)", async () => {
    const store = `defmodule App.Store do
  use GenServer
  def put(pid, value), do: GenServer.call(pid, {:put, value})
  def get(pid), do: GenServer.call(pid, :get)
  def init(value), do: {:ok, value}
  def handle_call({:put, value}, _from, _), do: {:reply, :ok, value}
  def handle_call(:get, _from, value), do: {:reply, value, value}
end
`;
    const tests = testModule('  test "put stores", %{pid: pid} do\n    App.Store.put(pid, 1)\n    Process.sleep(50)\n    assert App.Store.get(pid) == 1\n  end');
    const root = project({ 'mix.exs': 'defmodule App.MixProject do\n  use Mix.Project\nend\n', 'lib/app/store.ex': store, 'test/app/store_test.exs': tests });
    const findings = async (args: string[]) => JSON.parse((await runCli(['scan', ...args, '--format', 'json', '-q', '--no-cache'])).stdout).findings.map((f: { file: string; fix: string }) => [f.file, f.fix]);
    const whole = await findings([root]);
    expect(whole).toEqual([['test/app/store_test.exs', 'remove']]);
    expect(await findings([join(root, 'test')])).toEqual(whole);
    expect(await findings([join(root, 'test', 'app')])).toEqual(whole);
    // One file, from a working directory outside any Mix project (this one's).
    expect(await findings([join(root, 'test', 'app', 'store_test.exs')])).toEqual(whole);
    // With no paths, the working directory is what is scanned, inside the project around it.
    expect(scanOptionsFrom({ gitignore: true, maxFileSize: 1_000_000 }, join(root, 'test'))).toMatchObject({ root, paths: [join(root, 'test')] });
    // --root still decides: given the test directory, lib/ is outside what it reads.
    expect(await findings(['--root', join(root, 'test'), join(root, 'test')])).toEqual([['app/store_test.exs', 'sync_barrier']]);
    // Several files of the same project, from outside it: that project too.
    const other = join(root, 'test', 'app', 'other_test.exs');
    writeFileSync(other, tests.replace('defmodule App.', 'defmodule App.Other'));
    expect(scanOptionsFrom({ paths: [join(root, 'test', 'app', 'store_test.exs'), other], gitignore: true, maxFileSize: 1_000_000 }, tmpdir()).root).toBe(root);
  });

  it('takes what follows -- as paths, even a name that starts with a dash', async () => {
    const root = project({ 'test/a/a_test.exs': CAST_THEN_SLEEP_MODULE, 'test/b/b_test.exs': CAST_THEN_SLEEP_MODULE, '-odd/test/c_test.exs': CAST_THEN_SLEEP_MODULE });
    const only = async (...args: string[]) => JSON.parse((await runCli(['scan', '--root', root, '--format', 'json', '-q', '--', ...args.map((a) => join(root, a))])).stdout).findings.map((f: { file: string }) => f.file);
    expect(await only('test/a')).toEqual(['test/a/a_test.exs']);
    expect(await only('-odd')).toEqual(['-odd/test/c_test.exs']);
  });

  it('takes one glob per --include, so a path after it stays a path (flowex)', async () => {
    const root = project({ 'spec/a_spec.exs': CAST_THEN_SLEEP_MODULE, 'test/b_test.exs': CAST_THEN_SLEEP_MODULE });
    for (const args of [['--include=spec/**/*_spec.exs', root], ['--include', 'spec/**/*_spec.exs', root], ['--include', 'spec/**/*_spec.exs', '--include', 'none/**', root]]) {
      const run = await runCli(['scan', ...args, '--format', 'json', '-q', '--no-cache']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).findings.map((f: { file: string }) => f.file).sort()).toEqual(['spec/a_spec.exs', 'test/b_test.exs']);
    }
  });

  it('exits 2 naming a path that does not exist', async () => {
    const run = await runCli(['scan', '/nonexistent/sleepless-path', '-q']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/nonexistent/sleepless-path: no such file or directory');
  });

  it('exits 2 on a malformed project allowlist, naming file, line and column', async () => {
    const root = project({ 'test/a_test.exs': CAST_THEN_SLEEP_MODULE, 'sleepless.allowlist.json': '{ "version": 1, "sites": [ }' });
    const run = await runCli(['scan', root, '-q']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/sleepless\.allowlist\.json:1:\d+: is not valid JSON/);
  });

  it('shows the proposed rewrites after the report with --diff', async () => {
    const root = project({ 'test/a_test.exs': CAST_THEN_SLEEP_MODULE });
    const run = await runCli(['scan', root, '--diff', '-q'], { NO_COLOR: '1' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Proposed rewrites');
    expect(run.stdout).toContain('# test/a_test.exs — 6: sync_barrier (safe)');
    expect(run.stdout).toContain('-    Process.sleep(50)\n+    :sys.get_state(pid)');
  });

  it('refuses --diff with a machine-readable format', async () => {
    const run = await runCli(['scan', project({ 'test/a_test.exs': CAST_THEN_SLEEP_MODULE }), '--diff', '--format', 'json', '-q']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--diff goes with the text format');
  });

  it('exits 2 on an unknown flag or format', async () => {
    expect((await runCli(['scan', '--format', 'yaml'])).code).toBe(2);
  });
});

describe('sleepless explain (CLI)', () => {
  it('lists every rule', async () => {
    const run = await runCli(['explain']);
    expect(run.code).toBe(0);
    for (const id of ['ttl-context', 'sync-barrier', 'monitor-down', 'manual']) expect(run.stdout).toContain(id);
  });

  it('explains one rule with its example, looked up by category or fix kind too', async () => {
    const run = await runCli(['explain', 'wait_for']);
    expect(run.stdout).toContain('wait-for (problematic: wait_for)');
    expect(run.stdout).toContain('Before:');
    expect(run.stdout).toContain('After:');
  });

  it('exits 2 for an unknown rule', async () => {
    const run = await runCli(['explain', 'no-such-rule']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no rule, category or fix kind named');
  });
});
