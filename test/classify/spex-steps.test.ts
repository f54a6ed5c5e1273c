// SexySpex's steps are the test's statements, read in order across them, but each step's body is a
// function of its own: a rewrite in one may name what only another binds. Such rewrites are `review`,
// where the same test written with plain `test` gets `safe`.
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { project } from '../helpers/project.js';

const COUNTER = [
  'defmodule Counter do',
  '  use GenServer',
  '  def start_link(_ \\\\ []), do: GenServer.start_link(__MODULE__, 0)',
  '  def bump(pid), do: GenServer.cast(pid, :bump)',
  '  def count(pid), do: GenServer.call(pid, :count)',
  '  @impl true',
  '  def init(n), do: {:ok, n}',
  '  @impl true',
  '  def handle_cast(:bump, n), do: {:noreply, n + 1}',
  '  @impl true',
  '  def handle_call(:count, _from, n), do: {:reply, n, n}',
  'end',
].join('\n');

async function findings(test: string): Promise<unknown[]> {
  const { report } = await scan({ root: project({ 'lib/counter.ex': COUNTER, 'test/counter_test.exs': test }) });
  return report.findings.map((f) => [f.line, f.fix, f.safety, f.test, /SexySpex `when_` step/.test(f.reason)]);
}

describe('SexySpex steps', () => {
  it('reads a when_ and the then_ after it as one test, and leaves the rewrite to a person', async () => {
    const spex = [
      'defmodule CounterSpex do',
      '  use SexySpex',
      '',
      '  spex "counting" do',
      '    scenario "a bump" do',
      '      when_ "the counter is bumped", context do',
      '        {:ok, pid} = Counter.start_link()',
      '        Counter.bump(pid)',
      '        Process.sleep(50)',
      '        assert Counter.count(pid) == 1',
      '        {:ok, context}',
      '      end',
      '    end',
      '  end',
      'end',
    ].join('\n');
    expect(await findings(spex)).toEqual([[9, 'sync_barrier', 'review', 'counting', true]]);
  });

  it('keeps safe the same test written with test', async () => {
    const plain = [
      'defmodule CounterTest do',
      '  use ExUnit.Case',
      '',
      '  test "counting" do',
      '    {:ok, pid} = Counter.start_link()',
      '    Counter.bump(pid)',
      '    Process.sleep(50)',
      '    assert Counter.count(pid) == 1',
      '  end',
      'end',
    ].join('\n');
    expect(await findings(plain)).toEqual([[7, 'sync_barrier', 'safe', 'counting', false]]);
  });
});
