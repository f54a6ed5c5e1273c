// wait-for leaves constant conditions alone (`assert true`, `assert 1 == 1`): nothing could change
// while waiting. The check stops at the first variable or named call; it must still look everywhere.
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { project, testModule } from '../helpers/project.js';

async function rulesAfter(conditions: string[]) {
  const body = conditions.flatMap((c, i) => [`  test "t${i}", %{cache: cache} do`, '    Cache.put_async(cache, :a, 1)', '    Process.sleep(50)', `    assert ${c}`, '  end', '']).join('\n');
  const { report } = await scan({ root: project({ 'test/cache_test.exs': testModule(body) }) });
  return conditions.map((_, i) => report.findings.find((f) => f.line === 6 + i * 6)?.rule === 'wait-for');
}

describe('wait-for and constant conditions', () => {
  it('waits only for conditions that hold a variable or a call, however deep', async () => {
    expect(await rulesAfter(['true', '1 == 1', '[1, {2, "x"}] == [1, {2, "x"}]', 'x == 1', '[1, {2, Cache.size(c)}] != []', '1 + length([]) == 1', '%{a: [1, y]} != %{}'])).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
  });
});
