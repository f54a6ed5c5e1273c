// sync-barrier inside capture_log: what the messaged server logs while handling the message is what
// the capture checks, and capture_log flushes Logger before it ends, so a Logger call in the handler
// is no work handed on, whether the sleep is the capture's last line or not. And before a read
// through the repo of what the handler writes there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { project, testModule } from '../helpers/project.js';

const PUSHER = [
  'defmodule Pusher do',
  '  use GenServer',
  '  require Logger',
  '  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)',
  '  @impl true',
  '  def init(opts), do: {:ok, opts}',
  '  @impl true',
  '  def handle_info(msg, state) do',
  '    Logger.error("unexpected message: #{inspect(msg)}")',
  '    {:noreply, state}',
  '  end',
  'end',
].join('\n');

describe('sync-barrier inside capture_log', () => {
  it("is chosen when a check that the server lives on follows the sleep (supavisor's metrics pusher)", async () => {
    const body = [
      '  test "logs an unexpected message and lives on" do',
      '    pid = start_supervised!({Pusher, []})',
      '',
      '    log =',
      '      capture_log(fn ->',
      '        send(pid, :unexpected)',
      '        Process.sleep(50)',
      '        assert Process.alive?(pid)',
      '      end)',
      '',
      '    assert log =~ "unexpected message"',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/pusher.ex': PUSHER, 'test/pusher_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([[10, 'sync_barrier', 'review']]);
  });

  it("is chosen for a server the test reaches through its module's function, registered under the module attribute that names it (supavisor's sweeper)", async () => {
    const sweeper = [
      'defmodule Pool.DeadPortSweeper do',
      '  use GenServer',
      '  require Logger',
      '  @name __MODULE__',
      '  def start_link(args), do: GenServer.start_link(__MODULE__, args, name: @name)',
      '  def sweep, do: GenServer.cast(@name, :sweep)',
      '  @impl true',
      '  def init(_), do: {:ok, nil}',
      '  @impl true',
      '  def handle_cast(:sweep, state) do',
      '    Logger.info("Closing 0 dead port(s)")',
      '    {:noreply, state}',
      '  end',
      'end',
    ].join('\n');
    const body = [
      '  alias Pool.DeadPortSweeper',
      '',
      '  test "logs zero when there is nothing to sweep" do',
      '    log =',
      '      capture_log(fn ->',
      '        DeadPortSweeper.sweep()',
      '        Process.sleep(50)',
      '      end)',
      '',
      '    assert log =~ "Closing 0 dead port(s)"',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/sweeper.ex': sweeper, 'test/sweeper_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [10, 'sync_barrier', 'review', 'waits for `DeadPortSweeper.sweep` (a cast underneath) to `Pool.DeadPortSweeper` (line 9); the `capture_log` around it checks what that process logs while handling it'],
    ]);
  });

  it("is safe when the capture is a statement of its own, which only keeps the log off the console (anubis's unregister)", async () => {
    const body = [
      '  test "no more keepalives once the handler is gone" do',
      '    pid = start_supervised!({Pusher, []})',
      '',
      '    capture_log(fn ->',
      '      send(pid, :unregister)',
      '      Process.sleep(10)',
      '    end)',
      '',
      '    refute_receive :keepalive, 50',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/pusher.ex': PUSHER, 'test/pusher_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([[9, 'sync_barrier', 'safe']]);
    expect(report.findings[0]!.reason).toContain('only keeps the log off the console');
  });

  it("is safe too when the capture is bound to a name nothing reads, or to `_` (ehs_enforcement's `log = capture_log(…)`)", async () => {
    const test = (bound: string, after: string) => [
      '  test "survives bad messages" do',
      '    pid = start_supervised!({Pusher, []})',
      '',
      `    ${bound}capture_log(fn ->`,
      '      send(pid, :unregister)',
      '      Process.sleep(10)',
      '    end)',
      '',
      `    ${after}`,
      '  end',
    ].join('\n');
    const body = [test('log = ', 'refute_receive :keepalive, 50'), test('_ = ', 'refute_receive :keepalive, 50'), test('log = ', 'assert log =~ "unregistered"')].join('\n\n');
    const { report } = await scan({ root: project({ 'lib/pusher.ex': PUSHER, 'test/pusher_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['sync_barrier', 'safe'],
      ['sync_barrier', 'safe'],
      ['sync_barrier', 'review'],
    ]);
  });
});

describe('sync-barrier and a handler that messages itself', () => {
  it("is not proposed when the handler goes on in messages to itself, directly or through a function of its module given self() (staxx's send_file)", async () => {
    const client = `defmodule Client do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def send_file(pid, path), do: GenServer.cast(pid, {:send_file, path})
  def send_data(pid, data), do: GenServer.cast(pid, {:send_data, data})
  def poke(pid), do: GenServer.cast(pid, :poke)
  def sent(pid), do: GenServer.call(pid, :sent)
  def init(_), do: {:ok, %{sent: []}}
  def handle_cast({:send_file, path}, state) do
    self_pid = self()
    path |> File.stream!() |> Stream.each(&send_data(self_pid, &1)) |> Stream.run()
    {:noreply, state}
  end
  def handle_cast(:poke, state) do
    send(self(), :poked)
    {:noreply, state}
  end
  def handle_cast({:send_data, data}, state), do: {:noreply, %{state | sent: [data | state.sent]}}
  def handle_info(:poked, state), do: {:noreply, state}
  def handle_call(:sent, _from, state), do: {:reply, state.sent, state}
end
`;
    const test = (act: string) => `  test "${act}", %{pid: pid} do
    Client.${act}
    Process.sleep(100)
    assert Client.sent(pid) != []
  end`;
    const body = [test('send_file(pid, "f")'), test('poke(pid)'), test('send_data(pid, "x")')].join('\n\n');
    const { report } = await scan({ root: project({ 'lib/client.ex': client, 'test/client_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => f.fix)).toEqual(['wait_for', 'wait_for', 'sync_barrier']);
  });
});

describe('sync-barrier and a time the setup set', () => {
  it("is review when the sleep outlasts a threshold or timeout set before it, which it may be letting pass (imaginative-restoration's watchdog)", async () => {
    const watchdog = `defmodule Watchdog do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def heartbeat, do: GenServer.cast(__MODULE__, :heartbeat)
  def check_now, do: GenServer.call(__MODULE__, :check_now)
  def init(opts), do: {:ok, %{threshold: opts[:silence_threshold], last: nil, warned?: false}}
  def handle_cast(:heartbeat, state), do: {:noreply, %{state | last: System.monotonic_time(:millisecond)}}
  def handle_call(:check_now, _from, state), do: {:reply, :ok, state}
end
`;
    const test = (setting: string) => `  test "warns after ${setting}" do
    start_supervised!({Watchdog, ${setting}})
    Watchdog.heartbeat()
    Process.sleep(80)
    assert Watchdog.check_now() == :ok
  end`;
    const body = [test('silence_threshold: 50'), test('silence_threshold: 5_000'), test('retries: 50')].join('\n\n');
    const { report } = await scan({ root: project({ 'lib/watchdog.ex': watchdog, 'test/watchdog_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['sync_barrier', 'review'],
      ['sync_barrier', 'safe'],
      ['sync_barrier', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('the sleep outlasts `silence_threshold: 50` set on line 5, which it may be waiting out');
  });

  it("is review when the sleeps of its block add up past a time set before it, though none outlasts it alone (batteries-included's stale watcher)", async () => {
    const watcher = `defmodule Watcher do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def issues(pid), do: GenServer.call(pid, :issues)
  def init(opts), do: {:ok, %{delay: opts[:delay], seen: nil, issues: 0}}
  def handle_info({:snapshot, _}, %{seen: nil} = state), do: {:noreply, %{state | seen: System.monotonic_time(:millisecond)}}
  def handle_info({:snapshot, _}, state) do
    old? = System.monotonic_time(:millisecond) - state.seen >= state.delay
    {:noreply, if(old?, do: %{state | issues: 1}, else: state)}
  end
  def handle_call(:issues, _from, state), do: {:reply, state.issues, state}
end
`;
    const test = (delay: string) => `  test "opens an issue only after the delay (${delay})" do
    pid = start_supervised!({Watcher, delay: ${delay}})
    send(pid, {:snapshot, 1})
    Process.sleep(50)
    send(pid, {:snapshot, 2})
    Process.sleep(20)
    assert Watcher.issues(pid) == 0
    Process.sleep(50)
    send(pid, {:snapshot, 3})
    Process.sleep(10)
    assert Watcher.issues(pid) == 1
  end`;
    const body = [test('100'), test('1_000')].join('\n\n');
    const { report } = await scan({ root: project({ 'lib/watcher.ex': watcher, 'test/watcher_test.exs': testModule(body) }) });
    const barriers = report.findings.filter((f) => f.fix === 'sync_barrier');
    expect(barriers.map((f) => [f.line, f.safety])).toEqual([
      [7, 'review'],
      [9, 'review'],
      [13, 'review'],
      [20, 'review'],
      [22, 'review'],
      [26, 'safe'],
    ]);
    expect(barriers[0]!.reason).toContain('the sleeps of its block add up to 130 ms, past `delay: 100` set on line 5, which they may be waiting out');
    // Under `delay: 1_000` no time set before is outlasted; the first sleep is review only because the
    // next snapshot is sent to the same process 50 ms on, a spacing the watcher stamps.
    expect(barriers[3]!.reason).not.toContain('past `delay');
    expect(barriers[3]!.reason).toContain('line 21 sends the same process the same kind of message again');
  });
});

describe('sync-barrier and a value that grows with the clock', () => {
  it("is review when the check bounds from one side what a server reads under a rate the setup set (leaky's bucket); not for an exact value", async () => {
    const bucket = `defmodule Bucket do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def adjust(n), do: GenServer.cast(__MODULE__, {:adjust, n})
  def tokens, do: GenServer.call(__MODULE__, :tokens)
  def init(opts), do: {:ok, %{tokens: 4, refill: opts[:refill], at: System.monotonic_time(:millisecond)}}
  def handle_cast({:adjust, n}, state), do: {:noreply, %{state | tokens: state.tokens + n}}
  def handle_call(:tokens, _from, state), do: {:reply, state.tokens + (System.monotonic_time(:millisecond) - state.at) / 10 * state.refill, state}
end
`;
    const body = `  setup do
    start_supervised!({Bucket, refill: 1, interval: 10})
    :ok
  end

  test "decrements the tokens" do
    Bucket.adjust(-2)
    Process.sleep(2)
    assert 2 < Bucket.tokens()
  end

  test "increments the tokens" do
    Bucket.adjust(2)
    Process.sleep(2)
    assert Bucket.tokens() == 4
  end`;
    const { report } = await scan({ root: project({ 'lib/bucket.ex': bucket, 'test/bucket_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [11, 'sync_barrier', 'review'],
      [17, 'sync_barrier', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('line 12 bounds `2 < Bucket.tokens()` from one side, and line 5 sets `refill: 1`');
  });
});

describe('sync-barrier and rounds written out one by one', () => {
  it("is review when the act before the sleep is made again, word for word, a sleep away (serverboards' plugin kept in use); not for two different acts", async () => {
    const plugin = `defmodule Plugin do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def ping(pid), do: GenServer.cast(pid, :ping)
  def touch(pid), do: GenServer.cast(pid, :touch)
  def uses(pid), do: GenServer.call(pid, :uses)
  def init(_opts), do: {:ok, 0}
  def handle_cast(_msg, n), do: {:noreply, n + 1}
  def handle_call(:uses, _from, n), do: {:reply, n, n}
end
`;
    const test = (second: string) => `  test "keeps using it (${second})" do
    pid = start_supervised!(Plugin)
    Plugin.ping(pid)
    Process.sleep(80)
    Plugin.${second}(pid)
    Process.sleep(80)
    assert Plugin.uses(pid) == 2
  end`;
    const body = [test('ping'), test('touch')].join('\n\n');
    const { report } = await scan({ root: project({ 'lib/plugin.ex': plugin, 'test/plugin_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [7, 'sync_barrier', 'review'],
      [9, 'sync_barrier', 'review'],
      [16, 'sync_barrier', 'safe'],
      [18, 'sync_barrier', 'safe'],
    ]);
    expect(report.findings[1]!.reason).toContain('line 8 is made again, word for word, a sleep away');
  });
});

describe('sync-barrier and operating-system programs', () => {
  const DAEMON = [
    'defmodule Net.IfupDaemon do',
    '  use GenServer',
    '  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)',
    '  def running?(pid), do: GenServer.call(pid, :running?)',
    '  @impl true',
    '  def init(opts), do: {:ok, %{opts: opts, pid: nil}}',
    '  @impl true',
    '  def handle_call(:running?, _from, state), do: {:reply, state.pid != nil and Process.alive?(state.pid), state}',
    '  @impl true',
    '  def handle_info({Net, ["lower_up"], _old, true, _meta}, state), do: {:noreply, start_daemon(state)}',
    '  def handle_info({Net, ["lower_up"], _old, false, _meta}, state), do: {:noreply, stop_daemon(state)}',
    '  defp start_daemon(state) do',
    '    {:ok, pid} = MuonTrap.Daemon.start_link("echo", ["hello"], [])',
    '    %{state | pid: pid}',
    '  end',
    '  defp stop_daemon(state), do: %{state | pid: nil}',
    'end',
  ].join('\n');

  it("is not chosen when the handler starts a program through a function of its module: the program runs on (vintage_net's ifup daemon); it is for the clause that only stops it", async () => {
    const body = [
      '  test "a short program stops on its own" do',
      '    pid = start_supervised!({Net.IfupDaemon, []})',
      '    send(pid, {Net, ["lower_up"], false, true, %{}})',
      '    Process.sleep(50)',
      '    refute Net.IfupDaemon.running?(pid)',
      '  end',
      '',
      '  test "the program stops with the interface" do',
      '    pid = start_supervised!({Net.IfupDaemon, []})',
      '    send(pid, {Net, ["lower_up"], true, false, %{}})',
      '    Process.sleep(10)',
      '    refute Net.IfupDaemon.running?(pid)',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/net/ifup_daemon.ex': DAEMON, 'test/net/ifup_daemon_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([
      [7, 'wait_for'],
      [14, 'sync_barrier'],
    ]);
  });
});

describe('sync-barrier before a read through the repo', () => {
  const writer = (handler: string) =>
    [
      'defmodule Billing.Writer do',
      '  use GenServer',
      '  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)',
      '  @impl true',
      '  def init(opts), do: {:ok, Map.new(opts)}',
      '  @impl true',
      '  def handle_info(:write_count, state) do',
      handler,
      '    {:noreply, state}',
      '  end',
      '  defp record(state), do: Billing.Counts.insert(state.account, %{count: state.count})',
      'end',
    ].join('\n');
  const body = [
    '  test "records the count" do',
    '    pid = start_supervised!({Billing.Writer, account: 1, count: 2})',
    '    send(pid, :write_count)',
    '    Process.sleep(200)',
    '    assert Billing.Repo.aggregate(Billing.Count, :count) == 1',
    '  end',
  ].join('\n');
  const classified = async (handler: string) =>
    (await scan({ root: project({ 'lib/writer.ex': writer(handler), 'test/writer_test.exs': testModule(body) }) })).report.findings.map((f) => [f.fix, f.safety, f.reason]);

  it("is offered, for review, when the handler writes what the check reads (Logflare's billing writer, which then reports to a mocked Stripe)", async () => {
    expect(await classified('    record(state)\n    Billing.Stripe.report(state.count)')).toEqual([
      ['sync_barrier', 'review', 'waits for `send` to `pid` (line 6); line 8 reads through the repo what its handler writes there, and the barrier also waits for the rest of the handler'],
    ]);
  });

  it('is not, when the handler writes nothing: the check reads what others write', async () => {
    expect((await classified('    Billing.Stripe.report(state.count)'))[0]?.[0]).toBe('wait_for');
  });
});

describe('sync-barrier before a read of an ETS table', () => {
  const server = (handler: string) =>
    [
      'defmodule Profiler.Server do',
      '  use GenServer',
      '  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)',
      '  @impl true',
      '  def init(_opts) do',
      '    :ets.new(Profiler.Entry, [:named_table, :public, :set])',
      '    {:ok, %{}}',
      '  end',
      '  @impl true',
      '  def handle_info(:sweep, state) do',
      handler,
      '    {:noreply, state}',
      '  end',
      '  def reset, do: :ets.delete_all_objects(Profiler.Entry)',
      'end',
    ].join('\n');
  const body = [
    '  test "sweeping entries" do',
    '    :ets.insert(Profiler.Entry, {"a", %{}})',
    '    pid = Process.whereis(Profiler.Server)',
    '    send(pid, :sweep)',
    '    :timer.sleep(100)',
    '    assert :ets.tab2list(Profiler.Entry) == []',
    '  end',
  ].join('\n');
  const classified = async (handler: string) =>
    (await scan({ root: project({ 'lib/server.ex': server(handler), 'test/server_test.exs': testModule(body) }) })).report.findings.map((f) => [f.fix, f.safety, f.reason]);

  it("is offered, for review, when the handler empties the table the check reads (phoenix_profiler's :sweep)", async () => {
    expect(await classified('    reset()')).toEqual([
      ['sync_barrier', 'review', 'waits for `send` to `pid` (line 7); line 9 reads through ETS what its handler writes there, and the barrier also waits for the rest of the handler'],
    ]);
  });

  it('is not, when the handler leaves the tables alone: what the check reads comes from elsewhere', async () => {
    expect((await classified('    Process.send_after(self(), :sweep, 1000)'))[0]?.[0]).toBe('wait_for');
  });

  // propcheck: the API sends to a name its module registered for a bare spawned receive loop, which
  // a system message would kill; a server registered under its module's name stays safe.
  it('is marked review for a plain send to an atom name, which may be a bare receive loop', async () => {
    const tennis = [
      'defmodule Tennis do',
      '  use GenServer',
      '  def start_link, do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)',
      '  def add_player(name), do: GenServer.call(__MODULE__, {:add_player, name})',
      '  def play(player), do: send(player, :ping_pong)',
      '  def reset, do: send(__MODULE__, :reset)',
      '  def score(player), do: GenServer.call(__MODULE__, {:score, player})',
      '  @impl true',
      '  def init(s), do: {:ok, s}',
      '  @impl true',
      '  def handle_info(:reset, _s), do: {:noreply, %{}}',
      '  @impl true',
      '  def handle_call({:add_player, name}, _from, s) do',
      '    Process.register(spawn(fn -> receive do: (_ -> :ok) end), name)',
      '    {:reply, :ok, Map.put(s, name, 0)}',
      '  end',
      '  def handle_call({:score, p}, _from, s), do: {:reply, Map.get(s, p, 0), s}',
      'end',
    ].join('\n');
    const body = [
      '  test "a player plays" do',
      '    Tennis.start_link()',
      '    Tennis.add_player(:player_73)',
      '    Tennis.play(:player_73)',
      '    Process.sleep(50)',
      '    assert Tennis.score(:player_73) <= 2',
      '  end',
      '',
      '  test "the master resets" do',
      '    Tennis.start_link()',
      '    Tennis.reset()',
      '    Process.sleep(50)',
      '    assert Tennis.score(:player_73) == 1',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/tennis.ex': tennis, 'test/tennis_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['sync_barrier', 'review'],
      ['sync_barrier', 'safe'],
    ]);
  });
});

describe('sync-barrier before a check that nothing changed', () => {
  const monitor = [
    'defmodule Monitor do',
    '  use GenServer',
    '  def start_link(name), do: GenServer.start_link(__MODULE__, name)',
    '  def state(name), do: :ets.lookup(:monitor_states, name)',
    '  def init(name), do: {:ok, %{name: name}}',
    '  def handle_info({:check_running, _pid, _name}, state), do: {:noreply, state}',
    'end',
  ].join('\n');

  it("is chosen when the module's own read is compared with what it gave before the message (deployex's invalid :check_running)", async () => {
    const body = (read: string) =>
      [
        `  test "an invalid check leaves ${read} unchanged" do`,
        '    {:ok, pid} = Monitor.start_link(:a)',
        `    state = ${read}(:a)`,
        '    send(pid, {:check_running, :any, :any})',
        '    Process.sleep(100)',
        `    assert state == ${read}(:a)`,
        '  end',
      ].join('\n');
    const { report } = await scan({ root: project({ 'lib/monitor.ex': monitor, 'test/monitor_test.exs': testModule(`${body('Monitor.state')}\n\n${body('Other.state')}`) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [8, 'sync_barrier', 'review', 'waits for `send` to `pid` (line 7); line 9 checks that what `Monitor` reads is as line 6 found it, which says something only once the message is handled'],
      [16, 'manual', null, expect.stringMatching(/^line 17 compares a read with what it gave on line 14/)],
    ]);
  });

  it("is chosen for a message to a started pid when the next line reads that module's table by the server's name (oban_met)", async () => {
    const examiner = [
      'defmodule Examiner do',
      '  use GenServer',
      '  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])',
      '  def init(opts), do: {:ok, %{table: :ets.new(opts[:name], [:named_table, :public])}}',
      '  def all_checks(name), do: :ets.tab2list(name)',
      '  def handle_info({:notification, :gossip, checks}, state) do',
      '    Enum.each(checks, &:ets.insert(state.table, &1))',
      '    {:noreply, state}',
      '  end',
      'end',
    ].join('\n');
    const body = [
      '  @name Examiner.Gossip',
      '',
      '  test "stores gossiped checks" do',
      '    pid = start_supervised!({Examiner, name: @name})',
      '    send(pid, {:notification, :gossip, [{:alpha, 5}]})',
      '    Process.sleep(10)',
      '    assert length(Examiner.all_checks(@name)) == 1',
      '  end',
      '',
      '  test "another examiner is read" do',
      '    pid = start_supervised!({Examiner, name: @name})',
      '    send(pid, {:notification, :gossip, [{:alpha, 5}]})',
      '    Process.sleep(10)',
      '    assert length(Examiner.all_checks(other)) == 1',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/examiner.ex': examiner, 'test/examiner_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([
      [9, 'sync_barrier'],
      [16, 'wait_for'],
    ]);
  });

  it('is not written for a name bound only inside a loop body before the sleep, and a stop through an unread API is waited for with a monitor (quickbeam)', async () => {
    const body = [
      '  test "broadcasts reach every runtime", %{channel: channel} do',
      '    runtimes =',
      '      for i <- 1..3 do',
      '        {:ok, rt} = JsRuntime.start()',
      '        JsRuntime.eval(rt, "join(#{channel})")',
      '        {i, rt}',
      '      end',
      '',
      '    Process.sleep(100)',
      '',
      '    for {i, rt} <- runtimes do',
      '      JsRuntime.eval(rt, "post(#{i})")',
      '    end',
      '  end',
      '',
      '  test "send_message to a dead runtime does not crash the caller" do',
      '    {:ok, rt} = JsRuntime.start()',
      '    JsRuntime.stop(rt)',
      '    Process.sleep(10)',
      '    JsRuntime.send_message(rt, "should not crash")',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/runtime_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([
      [12, 'manual'],
      [22, 'monitor_down'],
    ]);
  });

  it('is not written when a process the test spawned to die within the sleep is what the code under test reacts to (quickbeam)', async () => {
    const body = (lifetime: number, wait = `Process.sleep(${lifetime})`) =>
      [
        `  test "a monitor fires after ${lifetime} ms", %{rt: rt} do`,
        `    pid = spawn(fn -> ${wait} end)`,
        '    JsRuntime.send_message(rt, pid)',
        '    Process.sleep(250)',
        '    assert {:ok, true} = JsRuntime.eval(rt, "downFired")',
        '  end',
      ].join('\n');
    // The spawned process may wait with a bare `receive … after` instead.
    const disguised = body(100, 'receive do\n      after 100 -> :ok\n    end');
    const { report } = await scan({ root: project({ 'test/monitor_test.exs': testModule(`${body(100)}\n\n${body(1000)}\n\n${disguised}`) }) });
    expect(report.findings.filter((f) => [7, 14, 23].includes(f.line)).map((f) => [f.line, f.fix])).toEqual([
      [7, 'wait_for'],
      [14, 'sync_barrier'],
      [23, 'wait_for'],
    ]);
  });
});

describe('sync-barrier after a telemetry event', () => {
  const store = (handler: string) =>
    [
      'defmodule App.ErrorStore do',
      '  use GenServer',
      '  @table :error_store',
      '  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)',
      '  def dump, do: :ets.tab2list(@table)',
      '  @impl true',
      '  def init(_opts) do',
      '    :ets.new(@table, [:named_table, :public])',
      '    :telemetry.attach("error-store", [:app, :error, :classified], &__MODULE__.handle_event/4, nil)',
      '    {:ok, %{}}',
      '  end',
      `  def handle_event(_event, _measurements, metadata, _config), do: ${handler}`,
      '  @impl true',
      '  def handle_cast({:record, metadata}, state) do',
      '    :ets.insert(@table, {metadata.code, metadata})',
      '    {:noreply, state}',
      '  end',
      'end',
    ].join('\n');
  const body = (event: string) =>
    [
      '  test "records a classified error" do',
      `    :telemetry.execute(${event}, %{count: 1}, %{code: -32_000})`,
      '    Process.sleep(50)',
      '    assert [{-32_000, _}] = App.ErrorStore.dump()',
      '  end',
    ].join('\n');
  const fixOf = async (handler: string, event = '[:app, :error, :classified]') => {
    const { report } = await scan({ root: project({ 'lib/app/error_store.ex': store(handler), 'test/error_store_test.exs': testModule(body(event)) }) });
    return report.findings.map((f) => [f.fix, f.reason]);
  };

  it("is chosen when the handler the project attached to the event only casts to its server (lasso's error store): the execute returns before the work is done", async () => {
    expect(await fixOf('GenServer.cast(__MODULE__, {:record, metadata})')).toEqual([
      ['sync_barrier', 'waits for `:telemetry.execute` (a cast underneath) to `App.ErrorStore` (line 5); line 7 checks the same process'],
    ]);
  });

  it('is not, when the handler does the work itself, or is attached to another event: the execute returns once it is done', async () => {
    expect((await fixOf(':ets.insert(:error_store, {metadata.code, metadata})')).map(([fix]) => fix)).toEqual(['remove']);
    expect((await fixOf('GenServer.cast(__MODULE__, {:record, metadata})', '[:app, :request, :done]')).map(([fix]) => fix)).toEqual(['remove']);
  });
});

describe('sync-barrier on a process named by a function private to its module', () => {
  const manager = [
    'defmodule Subs.Manager do',
    '  use GenServer',
    '  def release(id, key), do: GenServer.cast(via(id), {:release, key})',
    '  def status(id), do: GenServer.call(via(id), :status)',
    '  defp via(id), do: {:via, Registry, {Subs.Registry, {:manager, id}}}',
    '  @impl true',
    '  def handle_cast({:release, key}, state), do: {:noreply, Map.delete(state, key)}',
    '  @impl true',
    '  def handle_call(:status, _from, state), do: {:reply, state, state}',
    'end',
  ].join('\n');
  const fixesOf = async (after: string) => {
    const body = ['  test "a released subscription is torn down" do', '    Subs.Manager.release("chain-1", :blocks)', '    Process.sleep(50)', `    ${after}`, '  end'].join('\n');
    const { report } = await scan({ root: project({ 'lib/subs/manager.ex': manager, 'test/manager_test.exs': testModule(body) }) });
    return report.findings.map((f) => [f.fix, f.reason]);
  };

  it("lets the sleep go when the next line calls that process through the module, handed the same id (lasso's subscription manager)", async () => {
    expect(await fixesOf('assert Subs.Manager.status("chain-1") == %{}')).toEqual([
      [
        'sync_barrier',
        'waits for `Subs.Manager.release` (a cast underneath) to `via("chain-1")` (line 5); line 7 calls that process, which answers only after handling the message: the barrier is there already, and the sleep only goes; line 7 checks for an idle state through a call that process answers after the message anyway: the sleep may be a window in which nothing more must arrive',
      ],
    ]);
  });

  it('is not offered when the next line asks another id, or reads elsewhere: the test cannot write `via(id)`', async () => {
    expect((await fixesOf('assert Subs.Manager.status("chain-2") == %{}')).map(([fix]) => fix)).not.toContain('sync_barrier');
    expect((await fixesOf('assert :ets.lookup(:subs, :blocks) == []')).map(([fix]) => fix)).not.toContain('sync_barrier');
  });
});

describe('sync-barrier after a cast whose handler spawns the work through a function of its module', () => {
  it("is not offered: the spawned process does the work after the handler returns (slack-clone's upload processor)", async () => {
    const processor = (handler: string) =>
      [
        'defmodule App.Uploads do',
        '  use GenServer',
        '  def process(pid, file), do: GenServer.cast(pid, {:process, file})',
        '  def stats(pid), do: GenServer.call(pid, :stats)',
        '  @impl true',
        '  def init(_), do: {:ok, %{completed: 0}}',
        '  @impl true',
        `  def handle_cast({:process, file}, state), do: ${handler}`,
        '  @impl true',
        '  def handle_call(:stats, _from, state), do: {:reply, state, state}',
        '  defp start_job(file, state) do',
        '    spawn_link(fn -> App.Store.put(file) end)',
        '    {:noreply, state}',
        '  end',
        '  defp count(_file, state), do: {:noreply, %{state | completed: state.completed + 1}}',
        'end',
      ].join('\n');
    const body = ['  test "an upload is processed", %{pid: pid} do', '    App.Uploads.process(pid, "a.png")', '    Process.sleep(100)', '    assert App.Uploads.stats(pid).completed == 1', '  end'].join('\n');
    const fixOf = async (handler: string) => (await scan({ root: project({ 'lib/app/uploads.ex': processor(handler), 'test/uploads_test.exs': testModule(body) }) })).report.findings.map((f) => f.fix);
    expect(await fixOf('start_job(file, state)')).not.toContain('sync_barrier');
    expect(await fixOf('count(file, state)')).toEqual(['sync_barrier']);
  });
});

describe('sync-barrier after a cast whose message is only named like a stop', () => {
  it("is offered when the project's handler records it and goes on (vaos-ledger's crash learner); a handler that stops is a stop", async () => {
    const learner = (reply: string) =>
      [
        'defmodule App.CrashLearner do',
        '  use GenServer',
        '  def report_crash(pid, reason), do: GenServer.cast(pid, {:crash, reason})',
        '  def crashes(pid), do: GenServer.call(pid, :crashes)',
        '  @impl true',
        '  def init(_), do: {:ok, []}',
        '  @impl true',
        `  def handle_cast({:crash, reason}, crashes), do: ${reply}`,
        '  @impl true',
        '  def handle_call(:crashes, _from, crashes), do: {:reply, crashes, crashes}',
        'end',
      ].join('\n');
    const body = ['  test "a crash is learned", %{pid: pid} do', '    App.CrashLearner.report_crash(pid, :timeout)', '    Process.sleep(20)', '    assert App.CrashLearner.crashes(pid) == [:timeout]', '  end'].join('\n');
    const fixOf = async (reply: string) => (await scan({ root: project({ 'lib/app/crash_learner.ex': learner(reply), 'test/crash_learner_test.exs': testModule(body) }) })).report.findings.map((f) => f.fix);
    expect(await fixOf('{:noreply, [reason | crashes]}')).toEqual(['sync_barrier']);
    expect(await fixOf('{:stop, :normal, crashes}')).toEqual(['monitor_down']);
  });
});

describe('sync-barrier and the two names of a process', () => {
  it("takes a read of the state by the pid the start bound for the name the message went to, and the other way round (anubis's session store)", async () => {
    const body = [
      '  test "a notification marks the session initialized" do',
      '    session_name = :"session_#{System.unique_integer([:positive])}"',
      '    session = start_supervised!({Session, session_id: "s1", name: session_name})',
      '    GenServer.cast(session_name, {:mcp_notification, %{"method" => "notifications/initialized"}})',
      '    Process.sleep(30)',
      '    state = :sys.get_state(session)',
      '    assert state.initialized',
      '  end',
      '',
      '  test "and by the name after a cast to the pid" do',
      '    {:ok, pid} = Session.start_link(name: :session_b)',
      '    GenServer.cast(pid, :initialized)',
      '    Process.sleep(30)',
      '    assert :sys.get_state(:session_b).initialized',
      '  end',
      '',
      '  test "not a process started under another name" do',
      '    session = start_supervised!({Session, name: :session_c})',
      '    GenServer.cast(:session_d, :initialized)',
      '    Process.sleep(30)',
      '    assert :sys.get_state(session).initialized',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/session_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [8, 'sync_barrier', 'safe'],
      [16, 'sync_barrier', 'safe'],
      [23, 'wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('line 9 asks that process for its state, which is the barrier already: the sleep only goes');
  });
});

describe('sync-barrier on a server that works on a timer of its own', () => {
  const runtime = (interval: string) => [
    'defmodule App.Runtime do',
    '  use GenServer',
    '  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)',
    '  def send_event(runtime, event), do: GenServer.cast(runtime, {:event, event})',
    '  def get_state(runtime), do: GenServer.call(runtime, :get_state)',
    '  def mark_dirty(runtime), do: GenServer.call(runtime, :mark_dirty)',
    '  @impl true',
    '  def init(_opts) do',
    `    schedule_render(${interval})`,
    '    {:ok, %{queue: [], count: 0}}',
    '  end',
    '  @impl true',
    '  def handle_cast({:event, event}, state), do: {:noreply, %{state | queue: [event | state.queue]}}',
    '  @impl true',
    '  def handle_call(:get_state, _from, state), do: {:reply, state, state}',
    '  def handle_call(:mark_dirty, _from, state), do: {:reply, :ok, Map.put(state, :dirty, true)}',
    '  @impl true',
    '  def handle_info(:render, state) do',
    `    schedule_render(${interval})`,
    '    {:noreply, %{state | queue: [], count: state.count + length(state.queue)}}',
    '  end',
    '  defp schedule_render(interval), do: Process.send_after(self(), :render, interval)',
    'end',
  ].join('\n');
  const body = [
    '  test "an event is counted" do',
    '    {:ok, runtime} = App.Runtime.start_link([])',
    '    App.Runtime.send_event(runtime, :up)',
    '    Process.sleep(50)',
    '    assert App.Runtime.get_state(runtime).count == 1',
    '  end',
  ].join('\n');

  it("is only for review when the queued work is done on the server's next tick (term_ui's runtime)", async () => {
    const { report } = await scan({ root: project({ 'lib/app/runtime.ex': runtime('16'), 'test/runtime_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['sync_barrier', 'review']]);
    expect(report.findings[0]!.reason).toContain('the process also works on a timer of its own (`:render` every 16 ms, armed in init/1)');
  });

  it("is safe when the test sends the timer's own message: the handler that does the round's work is the one it runs (adk's daily reset)", async () => {
    const ticked = body.replace('    App.Runtime.send_event(runtime, :up)', '    App.Runtime.send_event(runtime, :up)\n    send(runtime, :render)');
    const { report } = await scan({ root: project({ 'lib/app/runtime.ex': runtime('16'), 'test/runtime_test.exs': testModule(ticked) }) });
    expect(report.findings.map((f) => [f.fix, f.safety, f.reason])).toEqual([['sync_barrier', 'safe', 'waits for `send` to `runtime` (line 7); line 9 checks the same process']]);
  });

  it("is still offered, for review, when the handler re-arms the timer it ticks on (telemetry_ui's write buffer, flushed when full)", async () => {
    const rearming = runtime('16').replace(
      "  def handle_cast({:event, event}, state), do: {:noreply, %{state | queue: [event | state.queue]}}",
      "  def handle_cast({:event, event}, state) do\n    Process.send_after(self(), :render, 16)\n    {:noreply, %{state | queue: [], count: state.count + 1}}\n  end",
    );
    const { report } = await scan({ root: project({ 'lib/app/runtime.ex': rearming, 'test/runtime_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['sync_barrier', 'review']]);
  });

  it("is no removal after a call that only marks work for the next tick (term_ui's framerate limiter)", async () => {
    const marked = ['  test "a dirty frame is rendered" do', '    {:ok, runtime} = App.Runtime.start_link([])', '    :ok = App.Runtime.mark_dirty(runtime)', '    Process.sleep(50)', '    assert App.Runtime.get_state(runtime).count == 1', '  end'].join('\n');
    const { report } = await scan({ root: project({ 'lib/app/runtime.ex': runtime('16'), 'test/runtime_test.exs': testModule(marked) }) });
    expect(report.findings.map((f) => f.fix)).toEqual(['wait_for']);
  });

  it("reads the timer's time from the default an option falls back to (sample_app's sweep every 1000 ms)", async () => {
    const swept = runtime('interval').replace('  def init(_opts) do', '  @interval 1_000\n  def init(opts) do\n    interval = Keyword.get(opts, :interval, @interval)').replace('    schedule_render(interval)\n    {:noreply', '    schedule_render(1_000)\n    {:noreply');
    const { report } = await scan({ root: project({ 'lib/app/runtime.ex': swept, 'test/runtime_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['sync_barrier', 'safe']]);
  });

  it("is only for review when the queued work waits for a timer init/1 arms once, and the sleep outlasts it (gen_spoxy's tasks executor)", async () => {
    const once = runtime('16').replace('  def handle_info(:render, state) do\n    schedule_render(16)\n', '  def handle_info(:render, state) do\n');
    const { report } = await scan({ root: project({ 'lib/app/runtime.ex': once, 'test/runtime_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['sync_barrier', 'review']]);
    expect(report.findings[0]!.reason).toContain('the process also works on a timer of its own (`:render`, 16 ms after it starts, armed once in init/1), which the sleep outlasts');
    const erlang = once.replace('Process.send_after(self(), :render, interval)', ':timer.send_after(interval, :render)');
    const { report: timer } = await scan({ root: project({ 'lib/app/runtime.ex': erlang, 'test/runtime_test.exs': testModule(body) }) });
    expect(timer.findings.map((f) => [f.fix, f.safety])).toEqual([['sync_barrier', 'review']]);
  });

  it('stays safe when a timer armed once is further off than the sleep, or its time is unknown', async () => {
    const once = (interval: string) => runtime(interval).replace(`  def handle_info(:render, state) do\n    schedule_render(${interval})\n`, '  def handle_info(:render, state) do\n');
    const { report } = await scan({ root: project({ 'lib/app/runtime.ex': once('500'), 'test/runtime_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['sync_barrier', 'safe']]);
    const { report: unknown } = await scan({ root: project({ 'lib/app/runtime.ex': once('Application.get_env(:app, :render_after)'), 'test/runtime_test.exs': testModule(body) }) });
    expect(unknown.findings.map((f) => [f.fix, f.safety])).toEqual([['sync_barrier', 'safe']]);
  });

  it('stays safe when the timer is further off than the sleep', async () => {
    const { report } = await scan({ root: project({ 'lib/app/runtime.ex': runtime('60_000'), 'test/runtime_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['sync_barrier', 'safe']]);
  });

  it("reads a timer's time from the module's attribute, with arithmetic (plausible's 60 * 1000 ms garbage collection, bedrock's 5 s flush check)", async () => {
    const attributed = runtime('@render_interval').replace('  use GenServer\n', '  use GenServer\n  @render_interval 60 * 1000\n');
    const { report } = await scan({ root: project({ 'lib/app/runtime.ex': attributed, 'test/runtime_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['sync_barrier', 'safe']]);
    const often = runtime('@render_interval').replace('  use GenServer\n', '  use GenServer\n  @render_interval 16\n');
    const { report: ticking } = await scan({ root: project({ 'lib/app/runtime.ex': often, 'test/runtime_test.exs': testModule(body) }) });
    expect(ticking.findings.map((f) => [f.fix, f.safety])).toEqual([['sync_barrier', 'review']]);
  });
});

describe('sync-barrier on a module registered under another name', () => {
  const cache = [
    'defmodule App.Cache do',
    '  use GenServer',
    '  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: Keyword.get(opts, :name, __MODULE__))',
    '  def touch(key), do: GenServer.cast(__MODULE__, {:touch, key})',
    '  def stats, do: GenServer.call(__MODULE__, :stats)',
    '  @impl true',
    '  def init(_), do: {:ok, %{}}',
    '  @impl true',
    '  def handle_cast({:touch, key}, s), do: {:noreply, Map.put(s, key, true)}',
    '  @impl true',
    '  def handle_call(:stats, _from, s), do: {:reply, map_size(s), s}',
    'end',
  ].join('\n');

  it("is not written when the test's setup starts the module as :test_cache: nothing is registered under the module's name (term_ui)", async () => {
    const body = [
      '  setup do',
      '    {:ok, pid} = App.Cache.start_link(name: :test_cache)',
      '    %{cache: pid}',
      '  end',
      '',
      '  test "a touched key is counted" do',
      '    App.Cache.touch(:a)',
      '    Process.sleep(10)',
      '    assert App.Cache.stats() == 1',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/app/cache.ex': cache, 'test/cache_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => f.fix)).not.toContain('sync_barrier');
  });

  it('is written when the module is started under its own name', async () => {
    const body = [
      '  setup do',
      '    start_supervised!(App.Cache)',
      '    :ok',
      '  end',
      '',
      '  test "a touched key is counted" do',
      '    App.Cache.touch(:a)',
      '    Process.sleep(10)',
      '    assert App.Cache.stats() == 1',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/app/cache.ex': cache, 'test/cache_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => f.fix)).toEqual(['sync_barrier']);
  });
});

describe('sync-barrier before a check for an idle state', () => {
  const mailer = [
    'defmodule Shop.FakeMailer do',
    '  use GenServer',
    '  def start_link(opts), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)',
    '  def init(:ok), do: {:ok, []}',
    '  def deliver(mail), do: GenServer.cast(__MODULE__, {:deliver, mail})',
    '  def clear, do: GenServer.cast(__MODULE__, :clear)',
    '  def sent, do: GenServer.call(__MODULE__, :sent)',
    '  def sent(to), do: Enum.filter(sent(), &(&1.to == to))',
    '  def handle_cast({:deliver, mail}, mails), do: {:noreply, [mail | mails]}',
    '  def handle_cast(:clear, _mails), do: {:noreply, []}',
    '  def handle_call(:sent, _from, mails), do: {:reply, mails, mails}',
    'end',
  ].join('\n');

  it("is review when the check asks the same process, which answers after the message anyway: the sleep may be a window for more to arrive (frayt's fake Slack), also through a function of another arity", async () => {
    const body = [
      '  test "no reminder after the final one" do',
      '    Shop.FakeMailer.clear()',
      '    Process.sleep(100)',
      '    assert [] = Shop.FakeMailer.sent()',
      '  end',
      '',
      '  test "no reminder to the buyer after the final one" do',
      '    Shop.FakeMailer.clear()',
      '    Process.sleep(100)',
      '    assert [] = Shop.FakeMailer.sent("buyer@example.com")',
      '  end',
      '',
      '  test "a delivery is kept" do',
      '    Shop.FakeMailer.deliver(%{to: "a"})',
      '    Process.sleep(100)',
      '    assert [_] = Shop.FakeMailer.sent()',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/shop/fake_mailer.ex': mailer, 'test/reminder_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['sync_barrier', 'review'],
      ['sync_barrier', 'review'],
      ['sync_barrier', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toBe(
      'waits for `Shop.FakeMailer.clear` (a cast underneath) to `Shop.FakeMailer` (line 5); line 7 checks the same process; line 7 checks for an idle state through a call that process answers after the message anyway: the sleep may be a window in which nothing more must arrive, which the barrier closes',
    );
  });
});

describe('sync-barrier before an act that reaches the process another way', () => {
  const adapter = [
    'defmodule App.SocketAdapter do',
    '  use GenServer',
    '  def start_link(path), do: GenServer.start_link(__MODULE__, path)',
    '  def init(path) do',
    '    {:ok, socket} = :gen_tcp.connect({:local, path}, 0, [:binary, active: true])',
    '    {:ok, %{socket: socket, bridge: nil}}',
    '  end',
    '  def handle_info({:iostream_bridge, pid}, state), do: {:noreply, %{state | bridge: pid}}',
    '  def handle_info({:tcp, _socket, data}, state) do',
    '    send(state.bridge, {:iostream_data, data})',
    '    {:noreply, state}',
    '  end',
    'end',
  ].join('\n');

  it("is offered for review when bytes go to the socket it reads, then a check follows (plushie's bridge registration)", async () => {
    const body = [
      '  test "forwards what the renderer sends", %{path: path, listener: listener} do',
      '    {:ok, adapter} = App.SocketAdapter.start_link(path)',
      '    {:ok, renderer} = :gen_tcp.accept(listener, 5_000)',
      '    send(adapter, {:iostream_bridge, self()})',
      '    Process.sleep(10)',
      '    payload = Jason.encode!(%{"type" => "hello"})',
      '    :gen_tcp.send(renderer, payload)',
      '    assert_receive {:iostream_data, ^payload}, 1_000',
      '  end',
      '',
      '  test "a call of the project is no way in that is read", %{path: path} do',
      '    {:ok, adapter} = App.SocketAdapter.start_link(path)',
      '    send(adapter, {:iostream_bridge, self()})',
      '    Process.sleep(10)',
      '    App.Renderer.hello(path)',
      '    assert_receive {:iostream_data, _}, 1_000',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/app/socket_adapter.ex': adapter, 'test/adapter_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [8, 'sync_barrier', 'review'],
      [17, 'manual', null],
    ]);
    expect(report.findings[0]!.reason).toBe(
      'waits for `send` to `adapter` (line 7); line 10 then acts another way (`:gen_tcp.send(renderer, payload)`), which that process must meet with the message handled: the barrier waits for that',
    );
  });
});

describe('a module found by the end of its name', () => {
  const simulator = [
    'defmodule Sim.Device.Sensor do',
    '  use GenServer',
    '  def poke(pid), do: GenServer.call(pid, :poke)',
    '  def reading(pid), do: GenServer.call(pid, :reading)',
    '  def init(s), do: {:ok, s}',
    '  def handle_call(:poke, _from, s), do: {:reply, :ok, s + 1}',
    '  def handle_call(:reading, _from, s), do: {:reply, s, s}',
    'end',
  ].join('\n');
  const body = (alias: string) =>
    [`  ${alias}`, '', '  test "a poked sensor measures", %{sensor: sensor} do', '    Sensor.poke(sensor)', '    Process.sleep(10)', '    assert Sensor.reading(sensor) == 1', '  end'].join('\n');

  it("is not the one the file aliases under another name (circuits_sim's `alias …SGP30, as: SGP30Sim`): the bare name is the dependency", async () => {
    const renamed = await scan({ root: project({ 'lib/sim/device/sensor.ex': simulator, 'test/sensor_test.exs': testModule(body('alias Sim.Device.Sensor, as: SensorSim')) }) });
    expect(renamed.report.findings.map((f) => f.fix)).toEqual(['sync_barrier']);
    const plain = await scan({ root: project({ 'lib/sim/device/sensor.ex': simulator, 'test/sensor_test.exs': testModule(body('alias Sim.Device')) }) });
    expect(plain.report.findings.map((f) => f.fix)).toEqual(['remove']);
  });
});

describe('the same API again after the sleep, to the same process with other data', () => {
  // A debouncer: every query cancels the pending timer and arms a new one, 50 ms out.
  const search = [
    'defmodule Search do',
    '  use GenServer',
    '  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)',
    '  def query(pid, q), do: GenServer.cast(pid, {:query, q})',
    '  def current(pid), do: GenServer.call(pid, :current)',
    '  def init(_), do: {:ok, %{timer: nil, pending: nil, current: nil}}',
    '  def handle_cast({:query, q}, state) do',
    '    if state.timer, do: Process.cancel_timer(state.timer)',
    '    {:noreply, %{state | pending: q, timer: Process.send_after(self(), :fire, 50)}}',
    '  end',
    '  def handle_info(:fire, state), do: {:noreply, %{state | current: state.pending, timer: nil}}',
    '  def handle_call(:current, _from, state), do: {:reply, state.current, state}',
    'end',
  ].join('\n');
  const body = (name: string) =>
    [
      `  test "${name}" do`,
      '    {:ok, search} = Search.start_link([])',
      '    Search.query(search, "a")',
      '    Process.sleep(30)',
      '    Search.query(search, "ab")',
      '    Process.sleep(30)',
      '    Search.query(search, "abc")',
      '    assert Search.current(search) == nil',
      '    Process.sleep(100)',
      '    assert Search.current(search) == "abc"',
      '  end',
    ].join('\n');
  const findings = async (name: string) => (await scan({ root: project({ 'lib/search.ex': search, 'test/search_test.exs': testModule(body(name)) }) })).report.findings;

  it('spaces the messages in a test of a debounce: a rate window, not a wait for the cast (phoenix_session_process)', async () => {
    expect((await findings('debounce restarts its window on every query')).map((f) => [f.line, f.verdict, f.category])).toEqual([
      [7, 'legitimate', 'rate_window'],
      [9, 'legitimate', 'rate_window'],
      [12, 'legitimate', 'rate_window'],
    ]);
  });

  it('is a barrier only for review elsewhere: the second message comes after the first anyway, and the spacing may be the point', async () => {
    const found = await findings('keeps the last query');
    expect(found.slice(0, 2).map((f) => [f.line, f.fix, f.safety])).toEqual([
      [7, 'sync_barrier', 'review'],
      [9, 'sync_barrier', 'review'],
    ]);
    expect(found[0]!.reason).toContain('line 8 sends the same process the same kind of message again, which reaches it after the first anyway');
  });

  // serviceradar's releases page: each command update re-arms a refresh 250 ms out, and the test's
  // second update comes 200 ms after the first, inside it.
  const board = [
    'defmodule Board do',
    '  use GenServer',
    '  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)',
    '  def status(pid), do: GenServer.call(pid, :status)',
    '  def init(_), do: {:ok, %{timer: nil, status: :pending}}',
    '  def handle_info({:progress, _}, state), do: {:noreply, rearm(state)}',
    '  def handle_info({:result, _}, state), do: {:noreply, rearm(state)}',
    '  def handle_info(:reload, state), do: {:noreply, %{state | status: :done, timer: nil}}',
    '  def handle_call(:status, _from, state), do: {:reply, state.status, state}',
    '  defp rearm(state) do',
    '    if state.timer, do: Process.cancel_timer(state.timer)',
    '    %{state | timer: Process.send_after(self(), :reload, 250)}',
    '  end',
    'end',
  ].join('\n');
  const sends = (second: string) =>
    [
      '  test "a result soon after progress still ends up done" do',
      '    {:ok, pid} = Board.start_link([])',
      '    send(pid, {:progress, 90})',
      '    Process.sleep(200)',
      `    ${second}`,
      '    Process.sleep(300)',
      '    assert Board.status(pid) == :done',
      '  end',
    ].join('\n');
  const sent = async (second: string) => (await scan({ root: project({ 'lib/board.ex': board, 'test/board_test.exs': testModule(sends(second)) }) })).report.findings;

  it("counts a plain send to the same process with another message (serviceradar's releases page)", async () => {
    const [first] = await sent('send(pid, {:result, :ok})');
    expect([first!.line, first!.fix, first!.safety]).toEqual([7, 'sync_barrier', 'review']);
    expect(first!.reason).toContain('line 8 sends the same process the same kind of message again, which reaches it after the first anyway');
  });

  it('leaves the same send made again word for word to the rounds written out one by one', async () => {
    const [first] = await sent('send(pid, {:progress, 90})');
    expect([first!.line, first!.fix, first!.safety]).toEqual([7, 'sync_barrier', 'review']);
    expect(first!.reason).toContain('is made again, word for word, a sleep away');
    expect(first!.reason).not.toContain('the same kind of message');
  });
});

describe('a comment that says the sleep lets a timer fire', () => {
  const body = (comment: string) =>
    [
      '  test "a relayed probe stays pending", %{node: node} do',
      '    pid = GenServer.whereis(node)',
      '    send(pid, {:packet, :x, :ping})',
      `    ${comment}`,
      '    Process.sleep(100)',
      '    state = :sys.get_state(pid)',
      '    assert map_size(state.pending) == 1',
      '  end',
    ].join('\n');
  const found = async (comment: string) => (await scan({ root: project({ 'test/probe_test.exs': testModule(body(comment)) }) })).report.findings[0]!;

  it("keeps the barrier for review (swim_ex's \"let a protocol period fire so na sends its own probe\")", async () => {
    const finding = await found('# let a protocol period fire so na sends its own probe to x');
    expect([finding.fix, finding.safety]).toEqual(['sync_barrier', 'review']);
    expect(finding.reason).toContain('the comment above it says it lets a timer run (“period fire”)');
  });

  it('is safe when the comment only says what is sent', async () => {
    const finding = await found('# x pings the node');
    expect([finding.fix, finding.safety]).toEqual(['sync_barrier', 'safe']);
  });
});

describe('a death checked through a field of the messaged name', () => {
  it("is no barrier (zen_websocket's `refute Process.alive?(server.pid)` after `Testing.stop_server(server)`, a map of pids)", async () => {
    const body = (check: string) =>
      ['  test "stop ends the server", %{server: server} do', '    :ok = Testing.stop_server(server)', '    Process.sleep(50)', `    ${check}`, '  end'].join('\n');
    const fixes = async (check: string) => (await scan({ root: project({ 'test/stop_test.exs': testModule(body(check)) }) })).report.findings.map((f) => f.fix);
    expect(await fixes('refute Process.alive?(server.pid)')).not.toContain('sync_barrier');
    expect(await fixes('assert Testing.status(server) == :stopped')).toEqual(['sync_barrier']);
  });
});

describe('a server registered under its own module name', () => {
  const GAUGE = [
    'defmodule Gauge do',
    '  use GenServer',
    '  def start_link(_), do: GenServer.start_link(__MODULE__, 0, name: __MODULE__)',
    '  def count, do: GenServer.call(__MODULE__, :count)',
    '  @impl true',
    '  def init(n), do: {:ok, n}',
    '  @impl true',
    '  def handle_call(:count, _from, n), do: {:reply, n, n}',
    '  @impl true',
    '  def handle_info(:update, n), do: {:noreply, n + 1}',
    'end',
  ].join('\n');

  it("is the process its start answered (async-dataflow's `{:ok, pid} = ChannelMetrics.start_link([])`, then `send(pid, :update)`): a safe barrier", async () => {
    const body = ['  test "updates the count" do', '    {:ok, pid} = Gauge.start_link([])', '    send(pid, :update)', '    Process.sleep(50)', '    assert Gauge.count() == 1', '  end'].join('\n');
    const { report } = await scan({ root: project({ 'lib/gauge.ex': GAUGE, 'test/gauge_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['sync_barrier', 'safe']]);
  });

  it('is not when the start names the server otherwise', async () => {
    const other = GAUGE.replace('name: __MODULE__)', 'name: opts[:name])').replace('def start_link(_)', 'def start_link(opts)');
    const body = ['  test "updates the count" do', '    {:ok, pid} = Gauge.start_link(name: :other)', '    send(pid, :update)', '    Process.sleep(50)', '    assert Gauge.count() == 1', '  end'].join('\n');
    const { report } = await scan({ root: project({ 'lib/gauge.ex': other, 'test/gauge_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => f.fix)).not.toContain('sync_barrier');
  });
});

describe('sync-barrier on a :gen_statem that arms timeouts of its own', () => {
  const machine = (timeout: string) => [
    'defmodule App.Link do',
    '  @behaviour :gen_statem',
    '  def start_link(ping), do: :gen_statem.start_link({:local, __MODULE__}, __MODULE__, ping, [])',
    '  def disconnect, do: :gen_statem.cast(__MODULE__, :disconnect)',
    '  @impl true',
    '  def callback_mode, do: [:handle_event_function, :state_enter]',
    '  @impl true',
    '  def init(ping), do: {:ok, :offline, %{ping: ping}}',
    '  def handle_event(:enter, _old, :offline, _data), do: {:keep_state_and_data, [{{:timeout, :ping}, :cancel}]}',
    `  def handle_event(:enter, _old, :ready, data), do: {:keep_state_and_data, [${timeout}]}`,
    '  def handle_event(:cast, :disconnect, _state, data), do: {:next_state, :offline, data}',
    'end',
  ].join('\n');
  const body = [
    '  test "a ping after a disconnect" do',
    '    App.Link.disconnect()',
    '    Process.sleep(750)',
    '    assert is_pid(Process.whereis(App.Link))',
    '  end',
  ].join('\n');

  it("is only for review when the machine arms a timeout, its time from its data (exampple's keepalive): the sleep may be letting it run out", async () => {
    const { report } = await scan({ root: project({ 'lib/app/link.ex': machine('{{:timeout, :ping}, data.ping, :send_ping}'), 'test/link_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['sync_barrier', 'review']]);
    expect(report.findings[0]!.reason).toContain('`App.Link` arms a timeout of its own as it handles events (`{{:timeout, :ping}, data.ping, :send_ping}`)');
  });

  it('is safe when it arms none (a postpone is no timer)', async () => {
    const { report } = await scan({ root: project({ 'lib/app/link.ex': machine(':postpone'), 'test/link_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['sync_barrier', 'safe']]);
  });
});

describe('sync-barrier on a process registered by a plain receive loop', () => {
  // distributed-kv-store's gossip: the start registers its caller and loops on `receive` there, and
  // the test spawns it plainly. No OTP process: :sys.get_state/1 would hang, then crash the test.
  const beacon = (entry: string) => [
    'defmodule Fleet.Beacon do',
    '  def start(id) do',
    '    Process.register(self(), :"beacon_#{id}")',
    `    ${entry}`,
    '  end',
    '  def loop(view) do',
    '    receive do',
    '      {:seen, node} -> loop(Map.put(view, node, true))',
    '      {:view, from} -> send(from, {:view, view}) && loop(view)',
    '    end',
    '  end',
    '  def init(_), do: {:ok, %{}}',
    '  def handle_info({:seen, node}, view), do: {:noreply, Map.put(view, node, true)}',
    'end',
  ].join('\n');
  const body = (spawn: string) => [
    '  setup do',
    `    ${spawn}`,
    '    :ok',
    '  end',
    '',
    '  test "a seen node joins the view" do',
    '    pid = Process.whereis(:beacon_a)',
    '    send(pid, {:seen, :b})',
    '    Process.sleep(50)',
    '    send(pid, {:view, self()})',
    '    assert_receive {:view, %{b: true}}',
    '  end',
  ].join('\n');
  const run = async (entry: string, spawn: string) =>
    (await scan({ root: project({ 'lib/fleet/beacon.ex': beacon(entry), 'test/beacon_test.exs': testModule(body(spawn)) }) })).report.findings;

  it('is not offered when the setup spawns a function that runs the start: the sleep is left to a person, who is told why', async () => {
    const findings = await run('loop(%{})', 'spawn(fn -> Fleet.Beacon.start(:a) end)');
    expect(findings.map((f) => [f.line, f.fix, f.safety])).toEqual([[12, 'manual', null]]);
    expect(findings[0]!.reason).toBe(
      'line 11 and line 13 both message `pid`, a plain process spawned on line 5 (a bare `receive` loop, not an OTP process): it does not answer :sys calls, so no barrier can wait for the first message to be handled, and no event the test sees says when it is',
    );
  });

  it('is not offered when the setup spawns the start by module, function and arguments', async () => {
    const findings = await run('loop(%{})', 'spawn_link(Fleet.Beacon, :start, [:a])');
    expect(findings.map((f) => [f.line, f.fix])).toEqual([[12, 'manual']]);
  });

  it('stays, for review as before, when the start turns the process into a gen_server (`:gen_server.enter_loop`)', async () => {
    const findings = await run(':gen_server.enter_loop(__MODULE__, [], %{})', ':proc_lib.spawn(fn -> Fleet.Beacon.start(:a) end)');
    expect(findings.map((f) => [f.line, f.fix, f.safety])).toEqual([[12, 'sync_barrier', 'review']]);
  });
});

describe('sync-barrier and a later sleep that counts on this one to outlast a ttl', () => {
  it("is not offered when a later sleep, shorter than the ttl the test set, reaches it only with this one (poolgirl's overflow reap: 100, 100, then 850 past a 1000 ms ttl); stays safe when the later sleeps reach it without it", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/berth_reaper_test.exs');
    const { report } = await scan({ root: project({ 'test/berth_reaper_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [36, 'ttl', null],
      [39, 'ttl', null],
      [42, 'ttl', null],
      [49, 'sync_barrier', 'safe'],
      [52, 'ttl', null],
      [54, 'ttl', null],
    ]);
    expect(report.findings[0]!.reason).toBe('part of the wait for the 500 ms set on line 34 (`start_marina_with_idle_ttl(4, 500)`): the sleep on line 42, shorter than that, counts on this one to reach it');
  });
});

describe('sync-barrier after a send the test makes through a one-line helper of its own', () => {
  it("reads `deliver(pid, msg)`, a `defp` that is only `send(pid, msg)`, as that send: safe, as inline (and `deliver(pid, :stop)` as the stop it sends), whatever word the test's name has (loomkin's `send_to_agent` in \"… when idle\", `send_signal` in \"… rate limit …\")", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/helper_send_test.exs');
    const { report } = await scan({ root: project({ 'test/helper_send_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [45, 'sync_barrier', 'safe'],
      [51, 'sync_barrier', 'safe'],
      [58, 'sync_barrier', 'safe'],
      [69, 'sync_barrier', 'safe'],
      [75, 'sync_barrier', 'safe'],
      [83, 'monitor_down', 'safe'],
      [89, 'monitor_down', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('waits for `deliver` (a send underneath) to `pid` (line 44)');
  });
});

describe('sync-barrier on a server started through a function of the case template', () => {
  // nerves_photos' `compositor = make_compositor(port)` is a function of the test file (the fixture
  // slide_loader_test.exs); a case template's function is read the same way.
  const loader = (handler: string) =>
    [
      'defmodule Gallery.Loader do',
      '  use GenServer',
      '  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)',
      '  @impl true',
      '  def init(opts), do: {:ok, %{phase: :idle, fetch: opts[:fetch]}}',
      '  @impl true',
      handler,
      '  def handle_info({:loaded, _slide}, s), do: {:noreply, %{s | phase: :idle}}',
      'end',
    ].join('\n');
  const template = [
    'defmodule Gallery.LoaderCase do',
    '  use ExUnit.CaseTemplate',
    '  alias Gallery.Loader',
    '  using do',
    '    quote do',
    '      import Gallery.LoaderCase',
    '    end',
    '  end',
    '  def start_loader(opts) do',
    '    {:ok, pid} = Loader.start_link(opts)',
    '    pid',
    '  end',
    'end',
  ].join('\n');
  const test = [
    'defmodule Gallery.LoaderTest do',
    '  use Gallery.LoaderCase',
    '  test "goes idle once the slide is in" do',
    '    loader = start_loader(fetch: fn -> :sunset end)',
    '    send(loader, :next)',
    '    Process.sleep(300)',
    '    assert :sys.get_state(loader).phase == :idle',
    '  end',
    'end',
  ].join('\n');
  const scanWith = (handler: string) => scan({ root: project({ 'lib/gallery/loader.ex': loader(handler), 'test/support/loader_case.ex': template, 'test/gallery/loader_test.exs': test }) });

  it('reads the handler, which hands the load to a task: no barrier', async () => {
    const handler = '  def handle_info(:next, s) do\n    me = self()\n    Task.start(fn -> send(me, {:loaded, s.fetch.()}) end)\n    {:noreply, %{s | phase: :loading}}\n  end';
    const { report } = await scanWith(handler);
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['wait_for', 'safe']]);
  });

  it('keeps the safe barrier when the handler does the work itself', async () => {
    const { report } = await scanWith('  def handle_info(:next, s), do: {:noreply, %{s | phase: :idle}}');
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['sync_barrier', 'safe']]);
  });
});

describe('sync-barrier on a pid the setup looked up', () => {
  it("is not offered for a pid from a lookup in the setup, whose server is never read (robotem's runner, asked of the registry after its registration): the check is polled; a server the setup starts, or one found under its module's name, keeps its barrier", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/hook_deliveries_test.exs');
    const { report } = await scan({ root: project({ 'test/hook_deliveries_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [90, 'wait_for', 'safe'],
      [96, 'wait_for', 'safe'],
      [110, 'wait_for', 'safe'],
      [119, 'wait_for', 'safe'],
      [132, 'sync_barrier', 'safe'],
      [145, 'sync_barrier', 'safe'],
    ]);
  });
});

describe("sync-barrier inside a library's function that runs the test's body in place", () => {
  it("reads a sleep followed by the test's asserts inside an imported `with_cassette(name, opts, fn plug -> … end)` as the test's own wait, judged as outside it (safe); a mock's function keeps its simulated work", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/recorded_notices_test.exs');
    const { report } = await scan({ root: project({ 'test/recorded_notices_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [55, 'sync_barrier', 'safe'],
      [69, 'wait_for', 'safe'],
      [77, 'sync_barrier', 'safe'],
      [83, 'spawned_work', null],
      [93, 'spawned_work', null],
    ]);
  });
});

describe('sync-barrier after a telemetry event whose handler casts', () => {
  it("is offered, safe, when the handler casts through a private helper or was attached in a `for` over a list of handlers (loomkin's metrics server), as when it casts inline; a helper that writes the table itself leaves the execute synchronous", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/usage_meter_test.exs');
    const { report } = await scan({ root: project({ 'test/usage_meter_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [72, 'sync_barrier', 'safe'],
      [78, 'sync_barrier', 'safe'],
      [84, 'sync_barrier', 'safe'],
      [90, 'sync_barrier', 'safe'],
      [96, 'remove', 'review'],
    ]);
  });
});

describe('sync-barrier on a value the suite writes out', () => {
  it("is not offered for a ref a helper of the project's builds as a tuple (a pool's `{:ref, Entity, id}`), nor after a lookup named for the pid it returns: the check is polled; a `{:via, …}` name and a library's checkout keep their barrier, for review", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/pool_refs_test.exs');
    const { report } = await scan({ root: project({ 'test/pool_refs_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [32, 'wait_for', 'safe'],
      [39, 'wait_for', 'safe'],
      [46, 'sync_barrier', 'review'],
      [53, 'sync_barrier', 'review'],
      [66, 'poll_with_timeout', 'review'],
    ]);
  });
});

describe('sync-barrier into a server the test has wedged', () => {
  it("is not offered after a stub or expectation whose function never returns (it sleeps forever, or waits in a `receive` with no `after`), nor under a comment that says the server is stuck: the handler never ends, and a barrier would wait for good; a stub that answers, at once or after a while, or that only spawns a process that sleeps forever, keeps a safe barrier", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/wedged_dialer_test.exs');
    const { report } = await scan({ root: project({ 'test/wedged_dialer_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [47, 'infinity', null],
      [51, 'manual', null],
      [64, 'manual', null],
      [73, 'manual', null],
      [80, 'sync_barrier', 'safe'],
      [86, 'spawned_work', null],
      [91, 'sync_barrier', 'safe'],
      [97, 'infinity', null],
      [103, 'sync_barrier', 'safe'],
      [108, 'infinity', null],
    ]);
    expect(report.findings.find((f) => f.line === 51)?.reason).toMatch(/^the function handed to `stub` on line 47 never returns: .*a barrier into that server would wait for good/);
  });
});

describe('sync-barrier on a record the test holds', () => {
  it('is not offered for a value a factory, `generate()`, `build(…)` or a struct made, or whose fields the test reads: the check is polled, for review when another test makes the same call and check with no wait; a pid a start bound keeps its barrier, for review', async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/invoice_records_test.exs');
    const { report } = await scan({ root: project({ 'test/invoice_records_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [32, 'wait_for', 'review'],
      [40, 'wait_for', 'safe'],
      [47, 'wait_for', 'safe'],
      [54, 'wait_for', 'safe'],
      [61, 'sync_barrier', 'review'],
    ]);
  });
});

describe('sync-barrier between failures of a breaker whose recovery a second failure restarts', () => {
  it("is not offered for the sleep that, with the one before it, outlasts a recovery time the test bound to a name (lemon's breaker): a barrier would let no time pass; rounds of the same failure past the poll that ends the first one, and a sleep past a delay bound to a name, keep their barrier for review", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/breaker_second_failure_test.exs');
    const { report } = await scan({ root: project({ 'test/breaker_second_failure_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [84, 'manual', null],
      [89, 'ttl', null],
      [99, 'ttl', null],
      [108, 'manual', null],
      [110, 'sync_barrier', 'review'],
      [118, 'manual', null],
      [122, 'sync_barrier', 'review'],
      [132, 'manual', null],
      [134, 'sync_barrier', 'review'],
      [144, 'sync_barrier', 'review'],
      [159, 'poll_interval', null],
    ]);
    expect(report.findings.find((f) => f.line === 89)?.reason).toBe('with the sleep on line 84, outlasts the 1000 ms timeout set on line 70 (`recovery_timeout: recovery_timeout`), which neither lasts alone');
    expect(report.findings.find((f) => f.line === 134)?.reason).toMatch(/line 133 is made again, word for word, a sleep away/);
    expect(report.findings.find((f) => f.line === 144)?.reason).toMatch(/the sleep outlasts `probe_delay: delay` set on line 141/);
  });
});

describe('sync-barrier before a check that a lookup no longer gives the messaged pid', () => {
  it("is not offered when the next line refutes that the name still leads to the process (georacer's staging area, `refute pid == StagingArea.Supervisor.get_pid(id)` after `send(pid, :close)`): the barrier would exit with it; the check is polled, safe for `assert GenServer.whereis(name) != pid`; the same lookup asserted equal, a read of its state and a role's `host_pid` keep a safe barrier", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/closed_by_message_lookup_test.exs');
    const { report } = await scan({ root: project({ 'test/closed_by_message_lookup_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [70, 'wait_for', 'review'],
      [81, 'wait_for', 'safe'],
      [91, 'sync_barrier', 'safe'],
      [101, 'sync_barrier', 'safe'],
      [113, 'sync_barrier', 'safe'],
    ]);
  });
});

describe('sync-barrier after a start whose handle_continue fills a table the test reads beside the server', () => {
  it("is offered for review when the pid is bound and the read goes through a function of the server's module that never asks it; without the pid the read is polled, for review, and its reason says the work was deferred", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/warm_shelf_test.exs');
    const { report } = await scan({ root: project({ 'test/warm_shelf_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [87, 'sync_barrier', 'review'],
      [95, 'sync_barrier', 'review'],
      [102, 'wait_for', 'review'],
      [110, 'remove', 'review'],
      [116, 'wait_for', 'review'],
      [123, 'remove', 'review'],
      [130, 'manual', null],
    ]);
    expect(report.findings.find((f) => f.line === 87)?.reason).toMatch(/^waits for the work `Shelf`'s init\/1 left to itself \(line 86 starts it as `pid`\)/);
    const polled = report.findings.find((f) => f.line === 102)?.reason ?? '';
    expect(polled).toMatch(/`Shelf`'s init\/1 leaves work to a message to itself or to handle_continue/);
    expect(polled).not.toMatch(/nothing says that write is asynchronous/);
  });
});

describe('sync-barrier after a channel test push', () => {
  it("waits on socket.channel_pid for the event's handle_in, for review, and the rewrite names it", async () => {
    const root = project({ 'test/room_channel_test.exs': readFileSync(join(import.meta.dirname, '../../fixtures/classify/channel_push_barrier_test.exs'), 'utf8') });
    const { report } = await scan({ root });
    const byLine = report.findings.map((f) => [f.line, f.fix, f.safety]);
    expect(byLine).toEqual([
      [68, 'sync_barrier', 'review'],
      [75, 'sync_barrier', 'review'],
      [84, 'wait_for', 'review'],
      [91, 'remove', 'review'],
    ]);
    expect(report.findings[0]!.reason).toContain('`push` (a send underneath) to `socket.channel_pid`');
  });
});
