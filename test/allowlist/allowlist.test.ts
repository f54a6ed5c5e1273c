import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { ConfigError } from '../../src/errors.js';
import { project, testModule, CAST_THEN_SLEEP_MODULE } from '../helpers/project.js';

describe('inline # sleepless:allow', () => {
  it('allows the sleep on the next line, with category and reason in the finding', async () => {
    const root = project({ 'test/a_test.exs': CAST_THEN_SLEEP_MODULE.replace('    Process.sleep(50)', '    # sleepless:allow ttl the upstream lease is 40 ms\n    Process.sleep(50)') });
    const { report } = await scan({ root });
    expect(report.findings[0]).toMatchObject({ verdict: 'legitimate', category: 'allowlisted', rule: 'inline-allow', fix: null, safety: null });
    expect(report.findings[0]!.reason).toContain('the upstream lease is 40 ms');
  });

  it('allows a trailing comment on the same line', async () => {
    const root = project({ 'test/a_test.exs': CAST_THEN_SLEEP_MODULE.replace('Process.sleep(50)', 'Process.sleep(50) # sleepless:allow rate_window waits out the limiter') });
    const { report } = await scan({ root });
    expect(report.findings[0]).toMatchObject({ category: 'allowlisted' });
  });

  it('reports a comment without a reason or with an unknown category, and allows nothing', async () => {
    const root = project({
      'test/a_test.exs': CAST_THEN_SLEEP_MODULE.replace('    Process.sleep(50)', '    # sleepless:allow ttl\n    Process.sleep(50)'),
      'test/b_test.exs': CAST_THEN_SLEEP_MODULE.replace('    Process.sleep(50)', '    # sleepless:allow forever because\n    Process.sleep(50)'),
    });
    const { report } = await scan({ root });
    expect(report.findings.map((f) => f.verdict)).toEqual(['problematic', 'problematic']);
    expect(report.errors).toEqual([
      expect.objectContaining({ file: 'test/a_test.exs', line: 6, message: expect.stringContaining('needs a reason') }),
      expect.objectContaining({ file: 'test/b_test.exs', line: 6, message: expect.stringContaining('needs a category') }),
    ]);
  });
});

describe('sleepless.allowlist.json', () => {
  it('allows a site by file + test + call, and one by fingerprint', async () => {
    const root = project({ 'test/a_test.exs': CAST_THEN_SLEEP_MODULE, 'test/b_test.exs': CAST_THEN_SLEEP_MODULE.replace('App.SampleTest', 'App.OtherTest') });
    const first = await scan({ root });
    const fingerprint = first.report.findings.find((f) => f.file === 'test/b_test.exs')!.fingerprint;
    writeFileSync(
      join(root, 'sleepless.allowlist.json'),
      JSON.stringify({
        version: 1,
        sites: [
          { file: 'test/a_test.exs', test: 'bumps', call: 'Process.sleep(50)', category: 'ttl', reason: 'lease expiry' },
          { fingerprint, category: 'load_sim', reason: 'paces the load' },
        ],
      }),
    );
    const { report } = await scan({ root });
    expect(report.findings.map((f) => [f.file, f.category, f.rule])).toEqual([
      ['test/a_test.exs', 'allowlisted', 'allowlist-entry'],
      ['test/b_test.exs', 'allowlisted', 'allowlist-entry'],
    ]);
    expect(report.errors).toEqual([]);
  });

  it('reports entries that match no sleep as stale', async () => {
    const root = project({
      'test/a_test.exs': CAST_THEN_SLEEP_MODULE,
      'sleepless.allowlist.json': JSON.stringify({ version: 1, sites: [{ file: 'test/gone_test.exs', call: 'Process.sleep(1)', category: 'ttl', reason: 'was here once' }] }),
    });
    const { report } = await scan({ root });
    expect(report.errors).toEqual([expect.objectContaining({ file: 'sleepless.allowlist.json', message: expect.stringContaining('stale entry sites[0]') })]);
  });

  it('judges an entry stale only in a scan that looked at its file; a bare fingerprint only in a whole-project scan', async () => {
    const root = project({
      'test/a_test.exs': CAST_THEN_SLEEP_MODULE,
      'test/b_test.exs': CAST_THEN_SLEEP_MODULE.replace('App.SampleTest', 'App.OtherTest'),
      'sleepless.allowlist.json': JSON.stringify({
        version: 1,
        sites: [
          { file: 'test/b_test.exs', call: 'Process.sleep(1)', category: 'ttl', reason: 'was here once' },
          { fingerprint: '0123456789abcdef', category: 'ttl', reason: 'was somewhere once' },
        ],
      }),
    });
    const stale = (report: { errors: { message: string }[] }) => report.errors.map((e) => /stale entry (sites\[\d\])/.exec(e.message)?.[1]);
    expect(stale((await scan({ root })).report)).toEqual(['sites[0]', 'sites[1]']);
    expect(stale((await scan({ root, paths: ['test/a_test.exs'] })).report)).toEqual([]);
    expect(stale((await scan({ root, paths: ['test/b_test.exs'] })).report)).toEqual(['sites[0]']);
    expect(stale((await scan({ root, only: (rel) => rel === 'test/a_test.exs' })).report)).toEqual([]);
  });

  it('rejects malformed JSON with file, line and column', async () => {
    const root = project({ 'test/a_test.exs': CAST_THEN_SLEEP_MODULE, 'sleepless.allowlist.json': '{\n  "version": 1,\n  "sites": [\n    { "file": "x" ,, }\n  ]\n}\n' });
    const error = await scan({ root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^sleepless\.allowlist\.json:4:\d+: is not valid JSON/);
  });

  it('rejects a schema-invalid entry naming the field and its position', async () => {
    const root = project({
      'test/a_test.exs': CAST_THEN_SLEEP_MODULE,
      'sleepless.allowlist.json': '{\n  "version": 1,\n  "sites": [\n    { "file": "test/a_test.exs", "call": "Process.sleep(50)", "category": "forever", "reason": "because" }\n  ]\n}\n',
    });
    const error = (await scan({ root }).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^sleepless\.allowlist\.json:4:\d+: field sites\[0\]\.category must be one of/);
  });

  it('rejects paths that leave the project', async () => {
    const root = project({
      'test/a_test.exs': CAST_THEN_SLEEP_MODULE,
      'sleepless.allowlist.json': JSON.stringify({ version: 1, sites: [{ file: '../elsewhere_test.exs', call: 'Process.sleep(1)', category: 'ttl', reason: 'nope' }] }),
    });
    await expect(scan({ root })).rejects.toBeInstanceOf(ConfigError);
  });
  it("passes over a word inside a phrase not_words names: the built-in ones, and a project's own", async () => {
    const sampled = (name: string, read: string) => testModule(`  test "${name}" do
    Market.start_fetcher()
    Process.sleep(100)
    value = Market.${read}()
    assert value.fiat == 1
  end`);
    const root = project({
      'test/price_test.exs': sampled('fetches the price', 'get_coin_exchange_rate'),
      'test/pulse_test.exs': sampled('reports the pulse', 'pulse_rate'),
    });
    const categories = async () => (await scan({ root })).report.findings.map((f) => [f.file, f.category]);
    expect(await categories()).toEqual([
      ['test/price_test.exs', null],
      ['test/pulse_test.exs', 'rate_window'],
    ]);
    writeFileSync(join(root, 'sleepless.allowlist.json'), JSON.stringify({ version: 1, contexts: { rate_window: { not_words: ['pulse rate'] } } }));
    expect(await categories()).toEqual([
      ['test/price_test.exs', null],
      ['test/pulse_test.exs', null],
    ]);
  });
  it('reads a window for missed jobs, or a look-back one, as no rate-limit window (exq-scheduler)', async () => {
    const body = (tag: string) => testModule(`  @tag ${tag}: 10_800_000
  test "basic execution" do
    :timer.sleep(2500)
    assert length(Jobs.all()) == 4
  end`);
    const categories = async (tag: string) => (await scan({ root: project({ 'test/jobs_test.exs': body(tag) }) })).report.findings.map((f) => f.category);
    expect(await categories('rate_window')).toEqual(['rate_window']);
    expect(await categories('missed_jobs_window')).toEqual([null]);
    expect(await categories('lookback_window')).toEqual([null]);
    // Nor is a unit converted in the tag's value a clock read.
    const converted = testModule(`  @tag missed_jobs_window: to_milliseconds(from_hours(3), truncate: true)
  test "basic execution" do
    :timer.sleep(2500)
    assert length(Jobs.all()) == 4
  end`);
    expect((await scan({ root: project({ 'test/jobs_test.exs': converted }) })).report.findings.map((f) => f.category)).toEqual([null]);
  });
  it('reads touching a file as no TTL refreshed (sentix)', async () => {
    const helper = (name: string) => testModule(`  test "emits events", %{watcher: watcher} do
    ${name}("/tmp/sentix")
    assert_receive {:event, _}
  end

  defp ${name}(file) do
    :timer.sleep(150)
    File.write!(file, "input")
  end`);
    const categories = async (name: string) => (await scan({ root: project({ 'test/watcher_test.exs': helper(name) }) })).report.findings.map((f) => f.category);
    expect(await categories('touch_session')).toEqual(['ttl']);
    expect(await categories('touch_file')).toEqual([null]);
  });
});
