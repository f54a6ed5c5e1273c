// assert_receive is ExUnit's macro: a rewrite may write it only where ExUnit.Assertions is
// imported. A plain support module (quillex's SexySpex.TimeoutPatch kills a supervisor, then
// sleeps for it to go) has no such import, and a monitor_down there would not compile.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { project } from '../helpers/project.js';

const support = (imports = '') => `defmodule Harness.Shutdown do
${imports}  def force_stop(module) do
    case Process.whereis(module) do
      nil ->
        :ok

      pid when is_pid(pid) ->
        Process.exit(pid, :kill)
        Process.sleep(100)
    end
  end
end
`;

async function fix(source: string) {
  const root = project({ 'test/support/shutdown.ex': source });
  const run = await runCli(['fix', '--yes', '--include-review', '--allow-dirty', '--root', root]);
  return { output: run.stdout + run.stderr, after: readFileSync(join(root, 'test/support/shutdown.ex'), 'utf8') };
}

describe('a rewrite to assert_receive', () => {
  it('is refused in a support module that does not import ExUnit.Assertions, and says how to allow it', async () => {
    const { output, after } = await fix(support());
    expect(after).toBe(support());
    expect(output).toContain('9:9 no automatic fix (monitor_down: the module around this sleep is no test module and does not import ExUnit.Assertions, so `assert_receive` would not compile: add `import ExUnit.Assertions` to it and run again)');
  });

  it('is made where the module imports ExUnit.Assertions', async () => {
    const { after } = await fix(support('  import ExUnit.Assertions\n\n'));
    expect(after).toContain('assert_receive {:DOWN, ^ref, :process, ^pid, _}');
    expect(after).not.toContain('Process.sleep(100)');
  });
});
