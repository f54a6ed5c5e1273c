// ExSpec's `use ExSpec` brings ExUnit.Case into its module: a rewrite that needs wait_for imports the
// helpers there, as it does after `use …Case` (scan had counted such fixes that fix never wrote).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { project } from '../helpers/project.js';

const MIX = `defmodule Pool.MixProject do
  use Mix.Project
  def project, do: [app: :pool, version: "0.1.0", elixirc_paths: ["lib", "test/support"], deps: []]
end
`;

const SPEC = `defmodule Pool.CounterSpec do
  use ExSpec

  context "a bump" do
    it "is counted" do
      Pool.Counter.bump(:c)
      Process.sleep(100)
      assert Pool.Counter.value(:c) == 1
    end
  end
end
`;

it('imports the helpers into an ExSpec module and rewrites its sleep', async () => {
  const root = project({ 'mix.exs': MIX, 'test/counter_test.exs': SPEC });
  const run = await runCli(['fix', '--yes', '--allow-dirty', '--root', root]);
  expect(run.stdout + run.stderr).toContain('wait_for 1');
  const rewritten = readFileSync(join(root, 'test/counter_test.exs'), 'utf8');
  expect(rewritten).toContain('  use ExSpec\n  import Pool.WaitHelpers, only: [wait_for: 2]\n');
  expect(rewritten).toContain('wait_for(fn -> Pool.Counter.value(:c) == 1 end, 500)');
});
