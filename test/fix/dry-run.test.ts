// `fix --dry` writes nothing, and says what a real run would write besides the test files.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { project, testModule } from '../helpers/project.js';

const MIX = 'defmodule App.MixProject do\n  use Mix.Project\n  def project, do: [app: :app, version: "0.1.0", deps: []]\nend\n';

/** A test whose sleep waits for a task's write: a wait_for rewrite, which calls a helper. */
const LOADS = `  test "loads", %{cache: cache} do
    Task.start(fn -> Cache.put(cache, :a, 1) end)
    Process.sleep(100)
    assert Cache.size(cache) == 1
  end`;

it('previews the rewrite, names the helpers module it would write, and writes nothing', async () => {
  const test = testModule(LOADS);
  const root = project({ 'mix.exs': MIX, 'test/cache_test.exs': test });
  const run = await runCli(['fix', root, '--dry']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain('+    wait_for(fn -> Cache.size(cache) == 1 end, 500)');
  expect(run.stderr).toContain('helpers: would write test/support/wait_helpers.ex (wait_for/3, poll_with_timeout/3) and see that mix.exs compiles test/support');
  expect(run.stderr).toContain('would fix: wait_for 1 — 100 ms of sleeping to remove per run');
  expect(existsSync(join(root, 'test/support'))).toBe(false);
  expect(readFileSync(join(root, 'test/cache_test.exs'), 'utf8')).toBe(test);
});

it('says on stderr why a sleep it leaves alone would stay, and keeps stdout for the diff', async () => {
  const test = testModule(`${LOADS}

  test "waits for nothing", %{cache: cache} do
    Cache.clear(cache)
    Process.sleep(50)
  end`);
  const root = project({ 'mix.exs': MIX, 'test/cache_test.exs': test });
  const run = await runCli(['fix', root, '--dry']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain('+    wait_for(fn -> Cache.size(cache) == 1 end, 500)');
  expect(run.stdout).not.toContain('no automatic fix');
  expect(run.stderr).toContain('test/cache_test.exs: ok (1 fixed: wait_for)');
  expect(run.stderr).toContain('  12:5 no automatic fix (manual: last statement: nothing after it checks anything)');
});

it('writes no rewrite that needs a helpers module where no mix.exs would compile it, and says why (elixir-in-action\'s samples run as `elixir test/tests.exs`)', async () => {
  const test = testModule(LOADS);
  const root = project({ 'test/cache_test.exs': test });
  const run = await runCli(['fix', root, '--dry']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).not.toContain('wait_for(');
  expect(run.stderr).toContain('no automatic fix (wait_for: there is no mix.exs here to compile a helpers module under test/support, so `wait_for` would be undefined: define it in the test file, or rewrite this sleep by hand)');
});

it("writes no rewrite that needs a helper when a file of the project's own already sits where the helpers module would go (gen_poller's test/support/wait_helpers.ex), and says why", async () => {
  const test = testModule(LOADS);
  const own = 'defmodule App.TestWait do\n  def eventually(fun), do: fun.()\nend\n';
  const root = project({ 'mix.exs': MIX, 'test/support/wait_helpers.ex': own, 'test/cache_test.exs': test });
  const run = await runCli(['fix', root, '--yes']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain('no automatic fix (wait_for: test/support/wait_helpers.ex is already there and does not define `wait_for/3`, so the helpers module cannot be written: add `wait_for` to it, or rewrite this sleep by hand)');
  expect(readFileSync(join(root, 'test/cache_test.exs'), 'utf8')).toBe(test);
  expect(readFileSync(join(root, 'test/support/wait_helpers.ex'), 'utf8')).toBe(own);
});
