// `fix --yes --verify` writes the helpers module (and patches mix.exs) for the first rewrite that
// needs them; when every such rewrite is then reverted because its tests failed, it takes the
// helpers out again and puts mix.exs back byte for byte. One rewrite that stays keeps them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { project } from '../helpers/project.js';

// As \`mix new\` writes it, with no \`elixirc_paths\`: the run patches it, so there is something to put back.
const MIX = `defmodule Shop.MixProject do
  use Mix.Project

  def project do
    [
      app: :shop,
      version: "0.1.0",
      deps: deps()
    ]
  end

  defp deps do
    []
  end
end
`;

const warmTest = (module: string) => `defmodule Shop.${module}Test do
  use ExUnit.Case, async: true

  test "warming fills the cache" do
    Task.start(fn -> Shop.Cache.put(:a, 1) end)
    Process.sleep(100)
    assert Shop.Cache.size() == 1
  end
end
`;

const files = { 'mix.exs': MIX, 'test/warm_test.exs': warmTest('Warm'), 'test/fill_test.exs': warmTest('Fill') };

describe('fix --verify and the helpers it wrote', () => {
  it('takes them out again, and puts mix.exs back, when every rewrite that used them was reverted', async () => {
    const root = project(files);
    const run = await runCli(['fix', '--yes', '--allow-dirty', '--root', root, '--verify', '--verify-cmd', 'grep -q wait_for {file} && exit 1 || exit 0']);
    expect(run.code).toBe(1);
    expect(readFileSync(join(root, 'test/warm_test.exs'), 'utf8')).toBe(files['test/warm_test.exs']);
    expect(existsSync(join(root, 'test/support/wait_helpers.ex'))).toBe(false);
    expect(readFileSync(join(root, 'mix.exs'), 'utf8')).toBe(MIX);
    expect(run.stdout + run.stderr).toContain('helpers: removed test/support/wait_helpers.ex again: every rewrite that used it was reverted');
    expect(run.stdout + run.stderr).toContain('mix.exs: put back as it was');
  });

  it('keeps them while one rewrite that calls them stays', async () => {
    const root = project(files);
    const run = await runCli(['fix', '--yes', '--allow-dirty', '--root', root, '--verify', '--verify-cmd', 'case {file} in *warm_test.exs) grep -q wait_for {file} && exit 1;; esac; exit 0']);
    expect(run.code).toBe(1);
    expect(readFileSync(join(root, 'test/fill_test.exs'), 'utf8')).toContain('wait_for(');
    expect(readFileSync(join(root, 'test/support/wait_helpers.ex'), 'utf8')).toContain('defmodule Shop.WaitHelpers do');
    expect(readFileSync(join(root, 'mix.exs'), 'utf8')).toContain('elixirc_paths(:test), do: ["lib", "test/support"]');
  });
});
