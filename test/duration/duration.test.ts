import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { project, testModule } from '../helpers/project.js';

async function durationsOf(body: string, attributes = ''): Promise<(number | null)[]> {
  const root = project({ 'test/d_test.exs': testModule(`${attributes}\n  test "t" do\n${body}\n  end`) });
  const { report } = await scan({ root });
  return report.findings.map((f) => f.duration_ms);
}

describe('duration estimation', () => {
  it('reads integer literals, with underscores and hex', async () => {
    expect(await durationsOf('    Process.sleep(1_500)\n    Process.sleep(0x10)\n    Process.sleep(7)')).toEqual([1500, 16, 7]);
  });

  it('reads :timer.seconds/minutes/hours/hms', async () => {
    expect(await durationsOf('    Process.sleep(:timer.seconds(2))\n    Process.sleep(:timer.minutes(1))\n    Process.sleep(:timer.hms(0, 1, 5))')).toEqual([2000, 60_000, 65_000]);
  });

  it(":ct.sleep's milliseconds and tagged hours, minutes and seconds, a tagged time nowhere else (gen_serverring)", async () => {
    const sleeps = [':ct.sleep(5_000)', ':ct.sleep({:seconds, 5})', ':ct.sleep({:minutes, 2})', ':ct.sleep({:hours, 1})', ':ct.sleep({:days, 1})', 'Process.sleep({:seconds, 5})'];
    expect(await durationsOf(sleeps.map((d) => `    ${d}`).join('\n'))).toEqual([5000, 5000, 120_000, 3_600_000, null, null]);
  });

  it("reads Elixir 1.17's to_timeout with keywords, a keyword list or milliseconds", async () => {
    const sleeps = ['to_timeout(second: 5)', 'to_timeout(minute: 1, second: 30)', 'to_timeout([millisecond: 250])', 'Kernel.to_timeout(hour: 1)', 'to_timeout(1_000)', 'to_timeout(fortnight: 1)'];
    expect(await durationsOf(sleeps.map((d) => `    Process.sleep(${d})`).join('\n'))).toEqual([5000, 90_000, 250, 3_600_000, 1000, null]);
  });

  it("reads Membrane.Time's units converted back to milliseconds, aliased or not", async () => {
    const sleeps = [
      'Membrane.Time.as_milliseconds(Membrane.Time.seconds(1), :round)',
      'Time.as_milliseconds(cleanup_after, :round)',
      'Membrane.Time.round_to_milliseconds(Membrane.Time.milliseconds(250))',
      'Membrane.Time.as_milliseconds(Membrane.Time.second())',
      'Membrane.Time.as_milliseconds(Membrane.Time.seconds(n))',
      'Time.seconds(2) |> Time.as_milliseconds(:round)',
    ];
    const body = ['    cleanup_after = Membrane.Time.seconds(2)', ...sleeps.map((d) => `    Process.sleep(${d})`)].join('\n');
    expect(await durationsOf(body)).toEqual([1000, 2000, 250, 1000, null, 2000]);
  });

  it('follows module attributes and arithmetic on them', async () => {
    expect(await durationsOf('    Process.sleep(@ttl * 2 + 10)\n    Process.sleep(div(@ttl, 4))', '  @ttl 100\n')).toEqual([210, 25]);
  });

  it("reads a field of an attribute or variable from the one key that sets it (rafted_value's @conf.election_timeout)", async () => {
    const attributes = '  @conf App.make_config(App.Value, [heartbeat_timeout: 100, election_timeout: 500])\n  @t_max @conf.election_timeout * 2\n  @twice %{a: [interval: 1], b: [interval: 2]}\n';
    const body = ['    opts = %{interval: 30}', '    Process.sleep(@conf.election_timeout)', '    Process.sleep(@t_max)', '    Process.sleep(opts.interval)', '    Process.sleep(@twice.interval)', '    Process.sleep(@conf.missing)', '    Process.sleep(@conf.election_timeout())'].join('\n');
    expect(await durationsOf(body, attributes)).toEqual([500, 1000, 30, null, null, null]);
  });

  it('follows a variable bound earlier in the test', async () => {
    expect(await durationsOf('    wait = 40\n    Process.sleep(wait)')).toEqual([40]);
  });

  it("reads a private helper's default length when no call in the file hands it another (stripity_stripe's delay)", async () => {
    const helper = (call: string) => `  test "starts the mock" do
    start_mock()
    ${call}
    assert :ok == :ok
  end

  # a test without a sleep, which the report parse leaves out
  test "other" do
    assert :ok == :ok
  end

  defp start_mock, do: :ok

  defp delay(time \\\\ 100) do
    Process.sleep(time)
  end
`;
    const lengths = async (call: string) => {
      const { report } = await scan({ root: project({ 'test/d_test.exs': testModule(helper(call)) }) });
      return report.findings.map((f) => f.duration_ms);
    };
    expect(await lengths('delay()')).toEqual([100]);
    expect(await lengths('delay(2_000)')).toEqual([null]);
    // A call in a test the report parse leaves out counts too.
    const elsewhere = testModule(helper('delay()').replace('  test "other" do\n    assert :ok == :ok', '  test "other" do\n    delay(2_000)'));
    const { report } = await scan({ root: project({ 'test/d_test.exs': elsewhere }) });
    expect(report.findings.map((f) => f.duration_ms)).toEqual([null]);
    // A public helper's callers may be in other files (bonfire's support module, called with 5 everywhere).
    const { report: published } = await scan({ root: project({ 'test/d_test.exs': testModule(helper('delay()').replace('defp delay(', 'def delay(')) }) });
    expect(published.findings.map((f) => f.duration_ms)).toEqual([null]);
  });

  it("reads a helper of no arguments that only answers a number, imported from test/support (plausible's wait_time_ms)", async () => {
    const support = 'defmodule App.TestUtils do\n  def wait_time_ms, do: 250\n  def settle_ms, do: 2 * 100\n  def from_config, do: @wait\n  def jitter do\n    :rand.uniform(10)\n  end\nend\n';
    const tests = testModule('  import App.TestUtils\n\n  test "t" do\n    Process.sleep(wait_time_ms())\n    Process.sleep(App.TestUtils.settle_ms())\n    Process.sleep(from_config())\n    Process.sleep(jitter())\n  end');
    const { report } = await scan({ root: project({ 'test/support/test_utils.ex': support, 'test/d_test.exs': tests }) });
    expect(report.findings.map((f) => f.duration_ms)).toEqual([250, 200, null, null]);
  });

  it('says unknown (null) for anything it cannot evaluate, and for :infinity', async () => {
    expect(await durationsOf('    Process.sleep(:rand.uniform(50))\n    Process.sleep(config().delay)\n    Process.sleep(:infinity)')).toEqual([null, null, null]);
  });

  it('takes the duration of a pipe from its left operand', async () => {
    expect(await durationsOf('    25 |> Process.sleep()')).toEqual([25]);
  });

  it('counts a sleep in a loop over a literal range once per iteration in removable_ms', async () => {
    const root = project({
      'test/loop_test.exs': testModule('  test "t", %{pid: pid} do\n    for _ <- 1..4 do\n      send(pid, :tick)\n      Process.sleep(10)\n    end\n    assert GenServer.call(pid, :ticks) == 4\n  end'),
    });
    const { report } = await scan({ root });
    expect(report.findings).toHaveLength(1);
    expect(report.summary.removable_ms).toBe(40);
  });

  it('counts nothing removable for a sleep whose rewrite is a refutation that waits as long', async () => {
    const tests = [
      '  test "a", %{pid: pid} do\n    send(pid, :go)\n    Process.sleep(30)\n    assert_received :done\n  end',
      '  test "r", %{pid: pid} do\n    send(pid, :go)\n    Process.sleep(50)\n    refute_received :crashed\n  end',
      '  test "rr", %{pid: pid} do\n    send(pid, :go)\n    Process.sleep(5_000)\n    refute_receive :crashed, 100\n  end',
    ];
    const root = project({ 'test/mailbox_test.exs': testModule(tests.join('\n\n')) });
    const { report } = await scan({ root });
    expect(report.findings.map((f) => [f.test, f.fix])).toEqual([['a', 'assert_receive'], ['r', 'assert_receive'], ['rr', 'assert_receive']]);
    expect(report.summary.removable_ms).toBe(30);
    const parallel = await scan({ root, reportOnlyParallel: true, cache: true });
    expect(parallel.report.summary.removable_ms).toBe(30);
  });

  it('counts nothing removable for a manual sleep that is a window the check needs: something still alive, a check made again', async () => {
    const tests = [
      '  test "alive" do\n    pid = spawn(fn -> Worker.run() end)\n    Process.sleep(200)\n    assert Process.alive?(pid)\n  end',
      '  test "again" do\n    Worker.enqueue_async(:job)\n    assert Worker.count() == 1\n    Process.sleep(300)\n    assert Worker.count() == 1\n  end',
      '  test "last", %{pid: pid} do\n    Worker.poke(pid)\n    Process.sleep(40)\n  end',
      // A spawned server that lingers so its socket stays open (tesla's fake server): the test never waits for it.
      '  test "linger" do\n    spawn_link(fn ->\n      Server.serve_once()\n      # Keep the socket owner alive so the last bytes are not lost\n      Process.sleep(500)\n    end)\n    assert Client.get() == :ok\n  end',
      // Rounds spaced on purpose (phoenix_live_view's inserts between 50 ms ticks): no rewrite wins them back.
      '  test "paced" do\n    for _ <- 1..50 do\n      assert :ok = Feed.insert_item(:feed)\n      Process.sleep(10)\n    end\n\n    assert Feed.count(:feed) == 50\n  end',
    ];
    const root = project({ 'test/worker_test.exs': testModule(tests.join('\n\n')) });
    const { report } = await scan({ root });
    expect(report.findings.map((f) => [f.test, f.fix])).toEqual([['alive', 'manual'], ['again', 'manual'], ['last', 'manual'], ['linger', 'manual'], ['paced', 'manual']]);
    expect(report.summary.removable_ms).toBe(40);
  });

  it('counts a sleep in a setup once per test it runs before: of its describe, or of the whole module; setup_all once', async () => {
    const body = [
      '  setup_all do\n    Process.sleep(7)\n    :ok\n  end',
      '  setup do\n    Process.sleep(50)\n    :ok\n  end',
      '  test "one" do\n    assert 1 == 1\n  end',
      '  test "two" do\n    assert 2 == 2\n  end',
      '  describe "three tests" do\n    setup do\n      Process.sleep(10)\n      :ok\n    end\n\n    test "a", do: assert(true)\n    test "b", do: assert(true)\n\n    test "c" do\n      assert true\n    end\n  end',
    ].join('\n\n');
    const root = project({ 'test/setup_test.exs': testModule(body) });
    const { report } = await scan({ root });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([[5, 'manual'], [10, 'manual'], [24, 'manual']]);
    // 7 once, 50 before each of the module's five tests, 10 before each of the describe's three.
    expect(report.summary.removable_ms).toBe(7 + 50 * 5 + 10 * 3);
    const parallel = await scan({ root, reportOnlyParallel: true, cache: true });
    expect(parallel.report.summary.removable_ms).toBe(287);
  });
});
