// excluded-tags.ts reads the `exclude:` option of a test_helper.exs and tells whether a test's tags
// put it among the tests a plain `mix test` leaves out; the scan then counts none of its sleeps in
// the per-run estimate (classify.ts), and the result cache goes stale with the helper. The same for
// the tests of a file ExUnit does not load at all, by the test pattern mix.exs leaves it.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { CACHE_FILE } from '../../src/cache/result-cache.js';
import { join } from 'node:path';
import { excludedTagsIn, isExcluded } from '../../src/project/excluded-tags.js';
import { scan } from '../../src/scan/scan.js';
import { useBuildKey } from '../../src/cache/build-key.js';
import { project, testModule } from '../helpers/project.js';

afterEach(() => useBuildKey(''));

describe('excluded tags', () => {
  it('reads every form of the exclude option, and no commented one', () => {
    expect(excludedTagsIn('ExUnit.start(exclude: [:hardware, integration: true, type: :slow])')).toEqual([
      { name: 'hardware', value: null },
      { name: 'integration', value: 'true' },
      { name: 'type', value: ':slow' },
    ]);
    expect(excludedTagsIn('ExUnit.configure exclude: :external\nExUnit.start()')).toEqual([{ name: 'external', value: null }]);
    expect(excludedTagsIn('# ExUnit.start(exclude: [:hardware])\nExUnit.start()')).toEqual([]);
  });

  it('puts a test under an exclusion by its tag, with the value the exclusion asks for', () => {
    const excluded = excludedTagsIn('ExUnit.start(exclude: [:hardware, type: :slow])');
    expect(isExcluded([':hardware'], excluded)).toBe(true);
    expect(isExcluded(['hardware: true'], excluded)).toBe(true);
    expect(isExcluded(['timeout: 60_000, hardware: true'], excluded)).toBe(true);
    expect(isExcluded(['type: :slow'], excluded)).toBe(true);
    expect(isExcluded(['type: :fast'], excluded)).toBe(false);
    expect(isExcluded([':integration', 'capture_log: true'], excluded)).toBe(false);
    expect(isExcluded([':hardware'], [])).toBe(false);
  });

  it("puts a test tagged :skip out of every run, as ExUnit does, with no exclusion in test_helper.exs", () => {
    expect(isExcluded([':skip'], [])).toBe(true);
    expect(isExcluded(['skip: "flaky on CI"'], [])).toBe(true);
    expect(isExcluded(['capture_log: true, skip: true'], [])).toBe(true);
    expect(isExcluded(['skip: false'], [])).toBe(false);
    expect(isExcluded([':skipped_on_ci'], [])).toBe(false);
  });

  it("leaves a test a plain mix test skips out of the per-run estimate, and counts it again once the helper stops excluding it", async () => {
    const body = [
      '  @tag :hardware',
      '  test "talks to the radio", %{radio: radio} do',
      '    Radio.send_async(radio, :ping)',
      '    Process.sleep(1000)',
      '    assert Radio.last(radio) == :pong',
      '  end',
      '',
      '  test "keeps a log", %{radio: radio} do',
      '    Radio.send_async(radio, :ping)',
      '    Process.sleep(100)',
      '    assert Radio.log(radio) == [:ping]',
      '  end',
    ].join('\n');
    const root = project({ 'test/test_helper.exs': 'ExUnit.start(exclude: [:hardware])\n', 'test/radio_test.exs': testModule(body) });
    // With a build key, the result cache is read and written: its answer must go stale with the helper.
    useBuildKey('test-build-excluded-tags');
    const removable = async () => (await scan({ root, reportOnlyParallel: true, cache: true })).report.summary.removable_ms;
    expect(await removable()).toBe(100);
    expect(existsSync(join(root, CACHE_FILE))).toBe(true);
    expect(await removable()).toBe(100);
    writeFileSync(join(root, 'test/test_helper.exs'), 'ExUnit.start()\n');
    expect(await removable()).toBe(1100);
  });
  it('leaves the tests of a file ExUnit does not load (not *_test.exs) out of the estimate, and its rewrites for review, unless mix.exs sets its own test pattern', async () => {
    const body = ['  test "shows the page", %{session: session} do', '    click(session, :submit)', '    Process.sleep(2000)', '    assert page_title(session) == "Done"', '  end'].join('\n');
    const mix = (extra: string) => `defmodule Site.MixProject do\n  use Mix.Project\n\n  def project, do: [app: :site, version: "0.1.0"${extra}]\nend\n`;
    const root = project({ 'mix.exs': mix(''), 'test/matchers.exs': testModule(body), 'test/page_test.exs': testModule(body.replace('2000', '100')) });
    useBuildKey('test-build-test-pattern');
    const scanned = async () => (await scan({ root, reportOnlyParallel: true, cache: true })).report;
    const first = await scanned();
    expect(first.findings.map((f) => f.file)).toEqual(['test/matchers.exs', 'test/page_test.exs']);
    // No run would check a rewrite of the file it leaves out: never `safe` there.
    expect(first.findings.map((f) => f.safety)).toEqual(['review', 'safe']);
    expect(first.findings[0]!.reason).toMatch(/`mix test` does not run this file/);
    expect(first.summary.removable_ms).toBe(100);
    expect((await scanned()).summary.removable_ms).toBe(100);
    writeFileSync(join(root, 'mix.exs'), mix(', test_pattern: "*.exs"'));
    const patterned = await scanned();
    expect(patterned.summary.removable_ms).toBe(2100);
    expect(patterned.findings.map((f) => f.safety)).toEqual(['safe', 'safe']);
  });
});
