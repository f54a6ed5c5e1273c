// wait-for leaves conditions alone that cannot change while waiting: literals (`assert true`), and
// variables and their fields (`assert x == 1`, `assert state.count == 1`), bound before the sleep.
// Only a call, named or anonymous, can give another value; it must be found however deep.
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { project, testModule } from '../helpers/project.js';

async function rulesAfter(conditions: string[]) {
  const body = conditions.flatMap((c, i) => [`  test "t${i}", %{cache: cache} do`, '    Cache.put_async(cache, :a, 1)', '    Process.sleep(50)', `    assert ${c}`, '  end', '']).join('\n');
  const { report } = await scan({ root: project({ 'test/cache_test.exs': testModule(body) }) });
  return conditions.map((_, i) => report.findings.find((f) => f.line === 6 + i * 6)?.rule === 'wait-for');
}

describe('wait-for and constant conditions', () => {
  it('waits only for conditions that hold a call, however deep', async () => {
    const conditions = ['true', '1 == 1', '[1, {2, "x"}] == [1, {2, "x"}]', 'x == 1', '%{a: [1, y]} != %{}', 'state.count == 1', '[1, {2, Cache.size(c)}] != []', '1 + length([]) == 1', 'Cache.size == 1', 'check.() == :ok'];
    expect(await rulesAfter(conditions)).toEqual([false, false, false, false, false, false, true, true, true, true]);
  });
});
