// A rewrite that calls wait_for in an umbrella app (or a Mix project below the scan root) gets the
// helpers module of that app: written under its own test/support, named after it, compiled by its
// own mix.exs. The root's test/support is compiled by no app.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { project } from '../helpers/project.js';

const APP_MIX = `defmodule Api.MixProject do
  use Mix.Project

  def project do
    [app: :api, version: "0.1.0", elixirc_paths: elixirc_paths(Mix.env()), deps: []]
  end

  defp elixirc_paths(:test), do: ["lib", "test/support"]
  defp elixirc_paths(_), do: ["lib"]
end
`;

const TEST = `defmodule Api.WarmTest do
  use ExUnit.Case, async: true

  test "warming fills the cache" do
    Task.start(fn -> Api.Cache.put(:a, 1) end)
    Process.sleep(100)
    assert Api.Cache.size() == 1
  end
end
`;

describe('fix in an umbrella', () => {
  it("writes the helpers into the test file's own app and imports them from there", async () => {
    const root = project({
      'mix.exs': 'defmodule Platform.MixProject do\n  use Mix.Project\n  def project, do: [apps_path: "apps", deps: []]\nend\n',
      'apps/api/mix.exs': APP_MIX,
      'apps/api/test/warm_test.exs': TEST,
    });
    const run = await runCli(['fix', '--yes', '--allow-dirty', '--root', root]);
    expect(run.code).toBe(0);
    const helpers = join(root, 'apps/api/test/support/wait_helpers.ex');
    expect(readFileSync(helpers, 'utf8')).toContain('defmodule Api.WaitHelpers do');
    expect(existsSync(join(root, 'test/support'))).toBe(false);
    const rewritten = readFileSync(join(root, 'apps/api/test/warm_test.exs'), 'utf8');
    expect(rewritten).toContain('import Api.WaitHelpers, only: [wait_for: 2]');
    expect(rewritten).toContain('wait_for(fn -> Api.Cache.size() == 1 end, 500)');
    expect(run.stdout + run.stderr).toContain('apps/api: helpers: wrote test/support/wait_helpers.ex');
  });
});
