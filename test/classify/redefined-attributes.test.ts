// An ExUnit file may set the same attribute again above each test (delayed_otp's `@test_duration
// 5_000`, then `@test_duration 10_000` for the next test): Elixir reads `@name` where the code using
// it is defined, so a sleep's length takes the value set last above it, never a later or the first one.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scan } from '../../src/scan/scan.js';
import { project } from '../helpers/project.js';

/** A test module that sets `@settle_ms` to each of `values` in turn, each above a test that sleeps `@settle_ms - 100`. */
function suite(values: number[]): string {
  const tests = values.map(
    (value, i) => `  @settle_ms ${value}
  test "settles, round ${i}" do
    Backoff.trip(:breaker_${i})
    Process.sleep(@settle_ms - 100)
    assert Backoff.state(:breaker_${i}) == :half_open
  end
`,
  );
  return `defmodule App.BackoffTest do\n  use ExUnit.Case, async: true\n\n${tests.join('\n')}end\n`;
}

async function lengths(values: number[]): Promise<(number | null)[]> {
  const { report } = await scan({ root: project({ 'test/backoff_test.exs': suite(values) }) });
  return report.findings.map((f) => f.duration_ms);
}

describe('an attribute set again above a later test', () => {
  it("gives each sleep the value set last above it (delayed_otp's @test_duration)", async () => {
    expect(await lengths([5_000, 10_000, 300])).toEqual([4_900, 9_900, 200]);
  });

  it('holds for any values in any order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 200, max: 90_000 }), { minLength: 1, maxLength: 4 }), async (values) => {
        expect(await lengths(values)).toEqual(values.map((value) => value - 100));
      }),
      { numRuns: 15 },
    );
  });
});
