// A project's own wait_for is used by a rewrite only when it is called as ours is, (fun, timeout):
// one that takes something else second (a pause between tries) would turn the rewrite's timeout
// into another wait, and one defined in the test file or imported beside ours would clash with it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { project } from '../helpers/project.js';

const MIX = `defmodule Shop.MixProject do
  use Mix.Project
  def project, do: [app: :shop, version: "0.1.0", elixirc_paths: ["lib", "test/support"], deps: []]
end
`;

const test = (extra = '') => `defmodule Shop.WarmTest do
  use ExUnit.Case, async: true
${extra}
  test "warming fills the cache" do
    Task.start(fn -> Shop.Cache.put(:a, 1) end)
    Process.sleep(100)
    assert Shop.Cache.size() == 1
  end
end
`;

// kafka_ex's: polls every `dwell` ms, at most `max_tries` times.
const DWELL_HELPER = `defmodule Shop.TestHelpers do
  def wait_for(condn, dwell \\\\ 500, max_tries \\\\ 200) do
    Enum.reduce_while(1..max_tries, false, fn _, _ ->
      if condn.(), do: {:halt, true}, else: (Process.sleep(dwell); {:cont, false})
    end)
  end
end
`;

const TIMEOUT_HELPER = `defmodule Shop.Eventually do
  def wait_for(fun, timeout_ms \\\\ 5_000) do
    deadline = System.monotonic_time(:millisecond) + timeout_ms
    Stream.repeatedly(fun) |> Enum.find(fn ok -> ok || System.monotonic_time(:millisecond) > deadline end)
  end
end
`;

async function fix(files: Record<string, string>) {
  const root = project({ 'mix.exs': MIX, ...files });
  const run = await runCli(['fix', '--yes', '--allow-dirty', '--root', root]);
  const output = run.stdout + run.stderr;
  return { output, test: readFileSync(join(root, 'test/warm_test.exs'), 'utf8'), wroteOurs: existsSync(join(root, 'test/support/wait_helpers.ex')) };
}

describe("a project's own wait_for", () => {
  it('is imported when it takes a timeout second', async () => {
    const { test: rewritten, wroteOurs } = await fix({ 'test/support/eventually.ex': TIMEOUT_HELPER, 'test/warm_test.exs': test() });
    expect(rewritten).toContain('import Shop.Eventually, only: [wait_for: 2]');
    expect(rewritten).toContain('wait_for(fn -> Shop.Cache.size() == 1 end, 500)');
    expect(wroteOurs).toBe(false);
  });

  it('under test/support that takes a pause second stops the rewrite, and says why', async () => {
    const { output, test: rewritten, wroteOurs } = await fix({ 'test/support/test_helpers.ex': DWELL_HELPER, 'test/warm_test.exs': test() });
    expect(rewritten).toBe(test());
    expect(wroteOurs).toBe(false);
    expect(output).toContain(
      "6:5 no automatic fix (wait_for: the project's own `wait_for(condn, dwell \\\\ 500, max_tries \\\\ 200)` (Shop.TestHelpers) is not called as the rewrite would call it, with a function returning a truthy value and a time limit in milliseconds second: rename it, or rewrite this sleep by hand)",
    );
  });

  it('defined in the test file is called when it fits, and stops the rewrite when it does not', async () => {
    const fitting = '\n  defp wait_for(fun, timeout), do: fun.() || (Process.sleep(10); timeout > 0 && wait_for(fun, timeout - 10))\n';
    const fits = await fix({ 'test/warm_test.exs': test(fitting) });
    expect(fits.test).toContain('wait_for(fn -> Shop.Cache.size() == 1 end, 500)');
    expect(fits.test).not.toContain('import');
    const other = '\n  defp wait_for(fun, tries), do: fun.() || (tries > 0 && wait_for(fun, tries - 1))\n';
    const clashes = await fix({ 'test/warm_test.exs': test(other) });
    expect(clashes.test).toBe(test(other));
    expect(clashes.output).toContain('(this file) is not called as the rewrite would call it');
  });

  // multiverses: a test module made by a macro of the project's, which the rewrite cannot read.
  it('is not called from a module it cannot import it into, unless the file imports it already', async () => {
    const macroModule = test().replace('defmodule Shop.WarmTest do', 'defmoduler Shop.WarmTest do');
    const refused = await fix({ 'test/warm_test.exs': macroModule });
    expect(refused.test).toBe(macroModule);
    expect(refused.output).toContain('no `defmodule` around this sleep uses an ExUnit case template (`use …Case`) to import `Shop.WaitHelpers` into');
    const imported = macroModule.replace('  use ExUnit.Case, async: true\n', '  use ExUnit.Case, async: true\n  import Shop.WaitHelpers\n');
    const done = await fix({ 'test/warm_test.exs': imported });
    expect(done.test).toContain('wait_for(fn -> Shop.Cache.size() == 1 end, 500)');
  });
});
