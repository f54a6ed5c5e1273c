// Shared inputs and helpers for the robustness suites: a sleep every scan must keep finding while
// the bad input beside it is reported, temp projects, and a look for leftover temp files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixRunOptions } from '../../../src/fix/run-fix.js';

/** A test file with one safe-to-fix sleep (sync_barrier): the file that proves the run went on. */
export const GOOD = `defmodule App.GoodTest do
  use ExUnit.Case

  test "bumps", %{pid: pid} do
    GenServer.cast(pid, :bump)
    Process.sleep(50)
    assert GenServer.call(pid, :count) == 1
  end
end
`;

/** The finding GOOD always yields. */
export const GOOD_FINDING = { file: 'test/good_test.exs', line: 6, column: 5, call: 'Process.sleep(50)', fix: 'sync_barrier' };

/** A module with `n` safe sleeps, one per test, for runs that write many files. */
export function goodModule(name: string, n = 1): string {
  const tests = Array.from(
    { length: n },
    (_, i) => `  test "bumps ${i}", %{pid: pid} do\n    GenServer.cast(pid, :bump)\n    Process.sleep(${10 + i})\n    assert GenServer.call(pid, :count) == 1\n  end\n`,
  );
  return `defmodule App.${name} do\n  use ExUnit.Case\n\n${tests.join('\n')}end\n`;
}

/** Every file under `dir` (recursively) whose name looks like one of our temp files. */
export function leftoverTempFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, entry.name);
      if (entry.isDirectory()) visit(abs);
      else if (/\.sleepless-.*\.tmp$/.test(entry.name) || /\.tmp$/.test(entry.name)) out.push(abs);
    }
  };
  visit(dir);
  return out;
}

/** Reads every file of `names` under `root`, as bytes, to compare before and after a run. */
export function snapshot(root: string, names: readonly string[]): Map<string, Buffer> {
  return new Map(names.map((n) => [n, readFileSync(join(root, n))]));
}

/** Options for runFix on a temp project: write mode, safe rewrites only, no git needed. */
export function fixOptions(root: string, extra: Partial<FixRunOptions> = {}): FixRunOptions {
  return {
    scan: { root, paths: [root] },
    mode: 'write',
    includeReview: false,
    timeouts: { minTimeout: 100, timeoutFactor: 5 },
    allowDirty: true,
    ...extra,
  };
}
