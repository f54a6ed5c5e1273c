// A rewrite is laid out to the line length the project's .formatter.exs sets (eternal formats at
// 80), so a format-clean test file stays clean; without one, the formatter's default 98.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { project, testModule } from '../helpers/project.js';

const MIX = 'defmodule App.MixProject do\n  use Mix.Project\n  def project, do: [app: :app, version: "0.1.0", deps: []]\nend\n';

const TEST = testModule(`  test "counts", %{store_under_test: store_under_test} do
    Task.start(fn -> Store.add(store_under_test, :accounts) end)
    Process.sleep(100)
    assert Store.count_entries_for(store_under_test, :accounts) == 12
  end`);

async function rewritten(formatter: string | null): Promise<string> {
  const files: Record<string, string> = { 'mix.exs': MIX, 'test/store_test.exs': TEST };
  if (formatter !== null) files['.formatter.exs'] = formatter;
  const root = project(files);
  const run = await runCli(['fix', root, '--yes']);
  expect(run.code, run.stderr).toBe(0);
  return readFileSync(join(root, 'test/store_test.exs'), 'utf8');
}

it("breaks a rewrite that does not fit the project's line_length as mix format would", async () => {
  const narrow = await rewritten('[inputs: ["{mix,.formatter}.exs", "{config,lib,test}/**/*.{ex,exs}"], line_length: 80]\n');
  expect(narrow).toContain('    wait_for(\n      fn -> Store.count_entries_for(store_under_test, :accounts) == 12 end,\n      500\n    )\n');
  expect(narrow.split('\n').every((line) => line.length <= 80)).toBe(true);
});

it('keeps it on one line within the default 98 columns when the project sets none', async () => {
  const wide = await rewritten(null);
  expect(wide).toContain('    wait_for(fn -> Store.count_entries_for(store_under_test, :accounts) == 12 end, 500)\n');
});
