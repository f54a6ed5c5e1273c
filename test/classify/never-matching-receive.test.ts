// A `receive` whose one clause is an atom nothing sends is the clause-less disguise over again
// (sites/never-matching.ts): found with the same form and judged the same, fix and safety alike,
// in a test (boombox's inline `receive do :will_not_match -> :ok after 100 -> :ok end`) and in a
// project helper that only waits (observables' `Test.Util.sleep/1`, whose callers are not followed,
// as for a helper that wraps `Process.sleep`).
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { project, testModule } from '../helpers/project.js';

const helper = (wait: string) => `defmodule App.TestUtil do\n  def pause(ms) do\n${wait}\n  end\nend\n`;
const inTest = (wait: string) =>
  testModule(`  test "counts", %{pid: pid} do\n    GenServer.cast(pid, :bump)\n${wait}\n    assert GenServer.call(pid, :count) == 1\n  end`);

const CLAUSELESS = { helper: '    receive do\n    after\n      ms -> :ok\n    end', test: '    receive do after 40 -> :ok end' };
const NEVER_MATCHING = { helper: '    receive do\n      :nothing_sends_this -> :ok\n    after\n      ms -> :ok\n    end', test: '    receive do :will_not_arrive -> :ok after 40 -> :ok end' };

async function findings(waits: { helper: string; test: string }) {
  const root = project({ 'test/support/test_util.ex': helper(waits.helper), 'test/app_test.exs': inTest(waits.test) });
  const { report } = await scan({ root });
  return report.findings.map((f) => [f.file, f.line, f.form, f.verdict, f.fix, f.safety, f.reason]);
}

describe('a receive whose only clause never matches', () => {
  it('is found and judged as the clause-less receive … after', async () => {
    const expected = await findings(CLAUSELESS);
    expect(expected.map(([file, line, form, , fix, safety]) => [file, line, form, fix, safety])).toEqual([
      ['test/app_test.exs', 6, 'receive_after', 'sync_barrier', 'safe'],
      ['test/support/test_util.ex', 3, 'receive_after', 'manual', null],
    ]);
    expect(await findings(NEVER_MATCHING)).toEqual(expected);
  });

  it('is a wait for a message when the file sends the atom, even in another test', async () => {
    const root = project({
      'test/app_test.exs': testModule(
        [
          '  test "counts", %{pid: pid} do',
          '    GenServer.cast(pid, :bump)',
          '    receive do :flushed -> :ok after 40 -> :ok end',
          '    assert GenServer.call(pid, :count) == 1',
          '  end',
          '',
          '  test "flushes" do',
          '    send(self(), :flushed)',
          '    assert_received :flushed',
          '  end',
        ].join('\n'),
      ),
    });
    expect((await scan({ root })).report.findings).toEqual([]);
  });
});
