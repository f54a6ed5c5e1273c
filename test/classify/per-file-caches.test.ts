// The classifier keeps per-file answers (the options each line sets, …) that every site in a file
// shares. Each site must still get its own answer: these files hold several sites whose evidence differs.
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { project, testModule } from '../helpers/project.js';

async function findings(body: string) {
  const root = project({ 'test/cache_test.exs': testModule(body) });
  const { report } = await scan({ root });
  return report.findings.map((f) => ({ line: f.line, rule: f.rule, reason: f.reason }));
}

describe('per-file caches answer each site for itself', () => {
  it('options: each test its own, else the first one above it outside other tests', async () => {
    const found = await findings(
      [
        '  test "first entry lapses" do',
        '    Cache.put(:a, 1, ttl: 100)',
        '    Process.sleep(150)',
        '    assert Cache.get(:a) == nil',
        '  end',
        '',
        '  test "second entry lapses" do',
        '    Cache.put(:b, 1, ttl: 500)',
        '    Process.sleep(600)',
        '    assert Cache.get(:b) == nil',
        '  end',
        '',
        '  describe "with a default" do',
        '    setup do',
        '      start_supervised!({Cache, default_ttl: 650})',
        '      :ok',
        '    end',
        '',
        '    test "third entry lapses" do',
        '      Process.sleep(700)',
        '      assert Cache.get(:b) == nil',
        '    end',
        '  end',
      ].join('\n'),
    );
    expect(found).toEqual([
      { line: 6, rule: 'ttl-context', reason: 'waits out the 100 ms TTL set on line 5 (`ttl: 100`)' },
      { line: 12, rule: 'ttl-context', reason: 'waits out the 500 ms TTL set on line 11 (`ttl: 500`)' },
      // None in its own body: the first one above it that is not in another test (its describe's setup).
      { line: 23, rule: 'ttl-context', reason: 'waits out the 650 ms TTL set on line 18 (`default_ttl: 650`)' },
    ]);
  });

  it('options: a line holds a TTL for one category and nothing for another', async () => {
    const found = await findings(
      [
        '  test "limits" do',
        '    Limiter.hit(:k, window: 100)',
        '    Process.sleep(150)',
        '    assert Limiter.hit(:k) == :ok',
        '  end',
        '',
        '  test "lapses" do',
        '    Cache.put(:k, 1, ttl: 100)',
        '    Process.sleep(150)',
        '    assert Cache.get(:k) == nil',
        '  end',
      ].join('\n'),
    );
    expect(found.map((f) => [f.line, f.rule])).toEqual([
      [6, 'rate-window-context'],
      [12, 'ttl-context'],
    ]);
  });

  it('options: a tab after the colon, and a duration call with no option at all', async () => {
    const found = await findings(
      [
        '  test "first" do',
        '    Cache.put(:a, 1, ttl:\t100)',
        '    Process.sleep(150)',
        '    assert Cache.get(:a) == nil',
        '  end',
        '',
        '  test "second" do',
        '    Cache.expire(:a, 200)',
        '    Process.sleep(250)',
        '    assert Cache.get(:a) == nil',
        '  end',
      ].join('\n'),
    );
    expect(found.map((f) => [f.line, f.rule, f.reason])).toEqual([
      [6, 'ttl-context', 'waits out the 100 ms TTL set on line 5 (`ttl: 100`)'],
      [12, 'ttl-context', 'waits out the 200 ms TTL set on line 11 (`Cache.expire(:a, 200)`)'],
    ]);
  });

  it('effects: each statement its own, across the sites of a file', async () => {
    const found = await findings(
      [
        '  test "casts", %{pid: pid} do',
        '    GenServer.cast(pid, :bump)',
        '    Process.sleep(50)',
        '    assert GenServer.call(pid, :value) == 1',
        '  end',
        '',
        '  test "calls", %{pid: pid} do',
        '    GenServer.call(pid, :bump)',
        '    Process.sleep(50)',
        '    assert GenServer.call(pid, :value) == 1',
        '    Process.sleep(50)',
        '    assert GenServer.call(pid, :value) == 1',
        '  end',
      ].join('\n'),
    );
    expect(found.map((f) => [f.line, f.rule])).toEqual([
      [6, 'sync-barrier'],
      [12, 'remove-after-sync'],
      [14, 'remove-after-sync'],
    ]);
  });
});
