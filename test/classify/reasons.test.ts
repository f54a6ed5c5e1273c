// A reason is read by people: each call it names is quoted on its own, with how it hands work on
// written after it, never inside its quotes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { project, testModule } from '../helpers/project.js';

const JOBS = `defmodule App.Jobs do
  use GenServer
  def enqueue(pid, job), do: GenServer.call(pid, {:enqueue, job})
  def warm(_pid), do: Task.start(fn -> :ok end)
  def count(pid), do: GenServer.call(pid, :count)
  def init(n), do: {:ok, n}
  def handle_call({:enqueue, job}, _from, n) do
    Task.start(job)
    {:reply, :ok, n + 1}
  end
  def handle_call(:count, _from, n), do: {:reply, n, n}
end
`;

const TESTS = testModule(`  alias App.Jobs

  test "enqueue runs the job", %{pid: pid} do
    Jobs.enqueue(pid, fn -> :ok end)
    Process.sleep(100)
    assert Jobs.count(pid) == 1
  end

  test "warm fills the cache", %{pid: pid} do
    Jobs.warm(pid)
    Process.sleep(100)
    assert Jobs.count(pid) == 1
  end

  test "a slow job times out" do
    slow_job = fn ->
      Process.sleep(80)
      :late
    end

    catch_exit(Task.await(Task.async(slow_job), 10))
  end`);

describe('reasons', () => {
  it('quote the call that starts work, and say after it how it does', async () => {
    const root = project({ 'lib/app/jobs.ex': JOBS, 'test/app/jobs_test.exs': TESTS });
    const { report } = await scan({ root });
    expect(report.findings.map((f) => [f.line, f.reason])).toEqual([
      [8, 'polls state: after `Jobs.enqueue` (its handle_call calls `Task.start`) on line 7, line 9 asserts `Jobs.count(pid) == 1`'],
      [14, 'polls state: after `Jobs.warm` (it calls `Task.start`) on line 13, line 15 asserts `Jobs.count(pid) == 1`'],
      [20, expect.stringMatching(/^slow work inside a function bound to `slow_job`;/)],
    ]);
  });

  it('cite the line of the call that starts work, not the first line of a statement spread over several (reactor)', async () => {
    const tests = testModule(`  alias App.Jobs

  test "enqueue runs the job", %{pid: pid} do
    job = fn -> :ok end

    job
    |> Enum.map(&Function.identity/1)
    |> then(&Jobs.enqueue(pid, &1))

    Process.sleep(100)
    assert Jobs.count(pid) == 1
  end`);
    const root = project({ 'lib/app/jobs.ex': JOBS, 'test/app/jobs_test.exs': tests });
    const { report } = await scan({ root });
    expect(report.findings.map((f) => [f.line, f.reason])).toEqual([
      [13, 'polls state: after `Jobs.enqueue` (its handle_call calls `Task.start`) on line 11, line 14 asserts `Jobs.count(pid) == 1`'],
    ]);
  });

  it("of a barrier before a line that only uses the process say it uses it, and before a check that it checks it (gen_stage)", async () => {
    const tests = testModule(`  test "a consumer gets what was queued", %{producer: producer} do
    GenServer.cast(producer, {:queue, [1, 2]})
    Process.sleep(50)
    {:ok, _consumer} = GenServer.start_link(App.Consumer, producer)
    assert GenServer.call(producer, :buffer) == []
  end

  test "the producer buffers what was queued", %{producer: producer} do
    GenServer.cast(producer, {:queue, [1, 2]})
    Process.sleep(50)
    assert GenServer.call(producer, :buffer) == [1, 2]
  end`);
    const { report } = await scan({ root: project({ 'test/app/producer_test.exs': tests }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'sync_barrier', 'waits for `GenServer.cast` to `producer` (line 5); line 7 uses the same process'],
      [13, 'sync_barrier', 'waits for `GenServer.cast` to `producer` (line 12); line 14 checks the same process'],
    ]);
  });

  it("of a poll for a read bound first and then found empty say it may pass at once, as for wait_for (newrelic)", async () => {
    const tests = testModule(`  test "doesn't report an error if the handler is not installed" do
    :proc_lib.spawn(fn -> raise "RAISE" end)
    :timer.sleep(100)
    traces = App.Harvester.gather()
    assert length(traces) == 0
  end

  test "reports an error once the handler is installed" do
    :proc_lib.spawn(fn -> raise "RAISE" end)
    :timer.sleep(100)
    traces = App.Harvester.gather()
    assert traces == []
  end`);
    const { report } = await scan({ root: project({ 'test/app/harvest_test.exs': tests }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'poll_with_timeout', "line 7 matches `traces` on `App.Harvester.gather()` and later lines use `traces`; the test's name (“doesn't report an error if the handler is not ins…”) says something must not happen, so the condition may hold before the wait"],
      [13, 'poll_with_timeout', 'line 14 matches `traces` on `App.Harvester.gather()` and later lines use `traces`; line 15 checks for an idle state, which may hold before anything happened, and then the poll passes at once'],
    ]);
  });

  it("of a poll for a count of 0 not say it may pass at once when a bound asserted before ruled 0 out (extty's processes left after a stop)", async () => {
    const tests = testModule(`  test "helper processes are cleaned up", %{shell: shell} do
    count = App.Shell.linked_count(shell)
    assert count >= 1
    App.Shell.stop(shell)
    Process.sleep(500)
    count = App.Shell.linked_count(shell)
    assert count == 0
  end`);
    const { report } = await scan({ root: project({ 'test/app/shell_test.exs': tests }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([[8, 'poll_with_timeout', 'line 9 matches `count` on `App.Shell.linked_count(shell)` and later lines use `count`']]);
  });

  it("of a sleep between starting work and an act it must be ready for say the sleep is a head start (absinthe_plug)", async () => {
    const tests = testModule(`  test "subscriptions over server-sent events" do
    request = Task.async(fn -> App.Plug.call(conn(:post, "/", query: "subscription {update}"), []) end)
    Process.sleep(200)
    App.Subscription.publish(App.PubSub, "FOO", update: "*")
    send(request.pid, :close)
    assert Task.await(request).status == 200
  end

  test "a watch sees what is created after it started (k8s)", %{conn: conn} do
    Task.start_link(fn -> App.Client.stream(conn, :watch) |> Stream.run() end)
    Process.sleep(500)
    pid = self()
    ref = make_ref()
    data = %{"pid" => inspect(pid), "ref" => inspect(ref)}
    App.Client.create(conn, data)
    assert_receive {^ref, "ADDED"}, 1_000
  end`);
    const { report } = await scan({ root: project({ 'test/app/sse_test.exs': tests }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'manual', 'line 7 acts (`App.Subscription.publish`) on the work started on line 5 by `Task.async`, which has to have got far enough first: the sleep gives it a head start, and no event the test sees says when it has'],
      [14, 'manual', 'line 18 acts (`App.Client.create`) on the work started on line 13 by `Task.start_link`, which has to have got far enough first: the sleep gives it a head start, and no event the test sees says when it has'],
    ]);
  });

  it("of a sleep before receives collected in a loop say they wait by themselves, for less time (plural)", async () => {
    const tests = testModule(`  test "it will scan images" do
    {:ok, _pid} = App.Scanner.start_link()
    :timer.sleep(3000)
    images = Enum.map(1..3, fn _ ->
      assert_receive {:scanned, img}
      img
    end)
    assert length(images) == 3
  end`);
    const { report } = await scan({ root: project({ 'test/app/scanner_test.exs': tests }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'manual', "line 7 waits by itself, but for less time than the sleep (ExUnit's 100 ms unless given more): give `assert_receive` a timeout of at least 3000 ms and drop the sleep"],
    ]);
  });

  it("of a poll that refutes a record the test created not warn that it may hold at once, and rate it safe (plural)", async () => {
    const tests = testModule(`  test "a reaper deletes the record it finds" do
    demo = insert(:demo_project)
    Task.start(fn -> App.Reaper.run() end)
    Process.sleep(100)
    refute refetch(demo)
  end

  test "a reaper leaves nothing behind" do
    Task.start(fn -> App.Reaper.run() end)
    Process.sleep(100)
    refute refetch("demo-1")
  end`);
    const { report } = await scan({ root: project({ 'test/app/reaper_test.exs': tests }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [7, 'wait_for', 'safe', 'polls state: after `Task.start` on line 6, line 8 refutes `refetch(demo)`'],
      [13, 'wait_for', 'review', 'polls state: after `Task.start` on line 12, line 14 refutes `refetch("demo-1")`; a refutation may hold before anything happened, and then the poll passes at once'],
    ]);
  });

  it("credit a call with what the handle_call clause answering it does, not another clause (nerves_time's subscribe)", async () => {
    const server = `defmodule App.Clock do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)
  def restart, do: GenServer.cast(__MODULE__, :restart)
  def clean_start?, do: GenServer.call(__MODULE__, :clean_start?)
  def subscribe, do: GenServer.call(__MODULE__, {:subscribe, self()})
  def synchronized?, do: GenServer.call(__MODULE__, :synchronized?)
  def init(_), do: {:ok, %{clean_start?: true, synchronized?: false}}
  def handle_cast(:restart, state) do
    Process.send_after(self(), :synchronized, 10)
    {:noreply, %{state | synchronized?: false}}
  end
  def handle_info(:synchronized, state), do: {:noreply, %{state | synchronized?: true}}
  def handle_call(:clean_start?, _from, state), do: {:reply, state.clean_start?, state}
  def handle_call({:subscribe, pid}, _from, state) do
    send(pid, {:clock, state})
    {:reply, :ok, state}
  end
  def handle_call(:synchronized?, _from, state), do: {:reply, state.synchronized?, state}
end
`;
    const body = `  test "it synchronizes after a restart" do
    App.Clock.restart()
    assert App.Clock.clean_start?()
    Process.sleep(100)
    assert App.Clock.synchronized?()
  end

  test "a subscriber hears of the state" do
    App.Clock.subscribe()
    Process.sleep(100)
    assert App.Clock.synchronized?()
  end`;
    const { report } = await scan({ root: project({ 'lib/app/clock.ex': server, 'test/app/clock_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.reason])).toEqual([
      [7, 'polls state: line 8 asserts `App.Clock.synchronized?()`'],
      [13, 'polls state: after `App.Clock.subscribe` (its handle_call calls `send`) on line 12, line 14 asserts `App.Clock.synchronized?()`'],
    ]);
  });

  it("read a function whose defaults a bodiless head declares, and a delivery through Swoosh as synchronous, unless it also hands work to another module (pleroma, mentat)", async () => {
    const mailer = `defmodule App.Mailer do
  def deliver(email, config \\\\ [])

  def deliver(email, config) do
    if enabled?(), do: Swoosh.Mailer.deliver(email, config), else: {:error, :deliveries_disabled}
  end

  def enabled?, do: true
end
`;
    const cache = `defmodule App.Cache do
  alias App.Janitor

  def put(cache, key, value, opts \\\\ [])

  def put(cache, key, value, _opts) do
    true = :ets.insert(cache, {key, value})
    if :ets.info(cache, :size) > 10, do: Janitor.reclaim(:janitor, 5)
    value
  end
end
`;
    const janitor = `defmodule App.Janitor do
  use GenServer
  def reclaim(name, count), do: GenServer.cast(name, {:reclaim, count})
  def init(state), do: {:ok, state}
  def handle_cast({:reclaim, _count}, state), do: {:noreply, state}
end
`;
    const body = `  test "sends the email" do
    App.Mailer.deliver(%Swoosh.Email{subject: "hi"})
    Process.sleep(100)
    assert_email_sent(subject: "hi")
  end

  test "a full cache is trimmed" do
    for i <- 1..11, do: App.Cache.put(:cache, i, i)
    App.Cache.put(:cache, :last, 1)
    Process.sleep(10)
    assert :ets.info(:cache, :size) == 7
  end`;
    const { report } = await scan({
      root: project({ 'lib/app/mailer.ex': mailer, 'lib/app/cache.ex': cache, 'lib/app/janitor.ex': janitor, 'test/app/mailer_test.exs': testModule(body) }),
    });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'remove', 'follows only synchronous work: `App.Mailer.deliver` on line 5 returns when it is done'],
      [13, 'wait_for', 'polls state: line 14 asserts `:ets.info(:cache, :size) == 7`'],
    ]);
  });

  it("quote the Task child a supervisor's init starts, which runs on after the supervisor is up", async () => {
    const supervisor = `defmodule App.System do
  use Supervisor
  def start_link(opts), do: Supervisor.start_link(__MODULE__, opts)
  def init(opts) do
    children = [
      {App.Registry, []},
      %{id: :register_actors, start: {Task, :start_link, [fn -> App.Registry.register_all(opts[:actors]) end]}}
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end
end
`;
    const tests = testModule(`  test "actors answer once the system is up" do
    Supervisor.start_link([{App.System, actors: [:a, :b]}], strategy: :one_for_one)
    Process.sleep(200)
    assert App.Registry.registered() == [:a, :b]
  end

  test "under start_supervised too" do
    start_supervised!({App.System, actors: [:a]})
    Process.sleep(200)
    assert App.Registry.registered() == [:a]
  end`);
    const { report } = await scan({ root: project({ 'lib/app/system.ex': supervisor, 'test/app/system_test.exs': tests }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'wait_for', 'polls state: after `App.System.init/1` (it calls `Task.start_link`) on line 5, line 7 asserts `App.Registry.registered() == [:a, :b]`'],
      [12, 'wait_for', 'polls state: after `App.System.init/1` (it calls `Task.start_link`) on line 11, line 13 asserts `App.Registry.registered() == [:a]`'],
    ]);
  });

  it('say what a fixed wait at the end of a capture or around an on_exit callback, or before a liveness check, is for', async () => {
    const body = `  import ExUnit.CaptureLog

  test "the server logs its crash" do
    output =
      capture_log(fn ->
        App.Worker.fail(:now)
        Process.sleep(100)
      end)

    assert output =~ "crashed"
  end

  test "cleans up" do
    on_exit(fn ->
      Application.put_env(:app, :mode, :normal)
      Process.sleep(50)
    end)

    assert :ok == :ok
  end

  test "stops the cache after the test" do
    {:ok, pid} = App.Cache.start_link()

    on_exit(fn ->
      Process.sleep(100)
      if Process.alive?(pid), do: App.Cache.stop(pid)
    end)

    assert App.Cache.size() == 0
  end

  test "survives a reset connection" do
    {:ok, pid} = App.Consumer.start_link()
    App.Chaos.with_reset_peer(fn -> :ok end)
    Process.sleep(100)
    assert Process.alive?(pid)
  end

  test "ignores its own notices" do
    with_mock App.Store, [:passthrough], [] do
      App.Notifier.publish("self:flag")
      Process.sleep(30)
      refute called(App.Store.reload(:flag))
      :timer.sleep(30)
      refute :meck.called(App.Store, :reload, [:other])
      :timer.sleep(30)
      refute tracker |> Stubr.called?(:update)
    end
  end

  test "reads the whole answer" do
    {:ok, socket} = :gen_tcp.connect(~c"localhost", 4000, [:binary, active: false])
    :ok = :gen_tcp.send(socket, "PING")
    Process.sleep(50)
    assert {:ok, "PONG"} = :gen_tcp.recv(socket, 0)
  end

  test "a killed worker is replaced" do
    original = App.Pool.checkout()
    Process.exit(original, :kill)
    replacement = App.Pool.checkout()

    replacement =
      if replacement == original do
        Process.sleep(50)
        App.Pool.checkout()
      else
        replacement
      end

    refute replacement == original
  end

  test "the named server is back after its supervisor dies" do
    assert "a" == App.Echo.echo(App.Echo, "a")
    Process.whereis(:echo_sup) |> Process.exit(:kill)
    Process.sleep(500)
    assert "b" == App.Echo.echo(App.Echo, "b")
  end`;
    const { report } = await scan({ root: project({ 'test/app/server_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [10, 'manual', 'last line inside `capture_log`: gives other processes time to write the lines asserted on line 13, and nothing says when they have'],
      [19, 'manual', 'at the end of an `on_exit` callback: waits for whatever the test left running'],
      [29, 'manual', 'at the start of an `on_exit` callback: waits for whatever the test left running before cleaning up'],
      [39, 'manual', 'line 40 checks that `pid` is still alive: the sleep gives it time to crash, and no event says when it would'],
      [46, 'manual', 'line 47 checks that `App.Store.reload(:flag)` was never called: the sleep gives it the chance to happen, and no event says it never will'],
      [48, 'manual', 'line 49 checks that `App.Store.reload` was never called: the sleep gives it the chance to happen, and no event says it never will'],
      [50, 'manual', 'line 51 checks that `tracker.update` was never called: the sleep gives it the chance to happen, and no event says it never will'],
      [58, 'manual', 'no condition to wait on: line 59 asserts what `:gen_tcp.recv` reads, which is whatever has arrived by then (a poll would consume it)'],
      [69, 'manual', 'first in the branch of `if replacement == original`: tries again after a fixed wait, and no event says when the retry would succeed'],
      [81, 'manual', 'line 82 asks `App.Echo` by its name, as line 79 did before the kill: the dying process may still answer a poll, and no event the test sees says when its replacement is up'],
    ]);
  });

  it('read an option as the time it sets: a {count, :unit} tuple, a per-second limit, a `:timer.seconds(1)`', async () => {
    const body = `  test "a token past its expiry is rejected" do
    {:ok, token, _} = Auth.encode_and_sign(%{id: "jane"}, %{}, ttl: {1, :second})
    Process.sleep(1_100)
    assert {:error, :token_expired} = Auth.decode_and_verify(token)
  end

  test "spends a sender's tokens again once the second has passed" do
    sender = %{
      rate_limit_per_minute: 9,
      rate_limit_per_second: 5
    }

    assert :error = Limiter.take(sender, 6)
    Process.sleep(1_000)
    assert :ok = Limiter.take(sender, 5)
  end

  test "the cleaner drops expired keys" do
    start_supervised!({Store, clean_period: :timer.seconds(1)})
    Store.put("key", 1, ttl: 10)
    Process.sleep(1_100)
    assert Store.keys() == []
  end`;
    const { report } = await scan({ root: project({ 'test/app/auth_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [6, 'ttl', 'waits out the 1000 ms TTL set on line 5 (`ttl: {1, :second}`); test name mentions “expiry”'],
      [17, 'rate_window', 'waits out the 1000 ms window set on line 13 (`rate_limit_per_second: 5`)'],
      [24, 'ttl', 'waits out the 1000 ms interval set on line 22 (`clean_period: :timer.seconds(1)`); test name mentions “expired”'],
    ]);
  });

  it("read a rate limiter's check as its window, not its limit, and quote it as written (ex_rated, Hammer)", async () => {
    const body = `  test "a new bucket opens once the second has passed" do
    assert {:error, 2} = ExRated.check_rate("my-bucket", 1000, 2)
    Process.sleep(1000)
    assert {:ok, 1} = ExRated.check_rate("my-bucket", 1000, 2)
  end

  test "hits inside the minute are limited" do
    assert {:allow, 1} = Hammer.check_rate("upload:jane", 60_000, 5)
    Process.sleep(100)
    assert {:allow, 2} = Hammer.check_rate("upload:jane", 60_000, 5)
  end`;
    const { report } = await scan({ root: project({ 'test/app/limits_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [6, 'rate_window', 'waits out the 1000 ms window set on line 5 (`ExRated.check_rate("my-bucket", 1000, 2)`); test name mentions “bucket”'],
      [12, 'rate_window', 'next statement mentions “rate” and line 11 sets `Hammer.check_rate("upload:jane", 60_000, 5)`'],
    ]);
  });

  it("name, of the options a setup sets, the one the sleep outlasts (ockam's long- and short-lived lease managers)", async () => {
    const body = `  setup do
    {:ok, leases} = Leases.start_link(name: :leases, ttl: 60 * 60)
    {:ok, short_lived} = Leases.start_link(name: :short_lived, ttl: 1)
    %{leases: leases, short_lived: short_lived}
  end

  test "lease expiration", %{short_lived: short_lived} do
    {:ok, lease} = Leases.issue(short_lived, "bob")
    Process.sleep(2000)
    assert {:error, :not_found} = Leases.fetch(short_lived, lease.id)
  end`;
    const { report } = await scan({ root: project({ 'test/app/leases_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([[12, 'ttl', 'test name mentions “expiration” and line 6 sets `ttl: 1`']]);
  });

  it('find the option in a function of the file the test calls, under its attributes; never in another test', async () => {
    const body = `  test "a value written with a setting" do
    Store.put(:a, 1, ttl: 100)
    Process.sleep(150)
    refute Store.get(:a)
  end

  test "a value written through a helper" do
    assert remember(:b, 2) == 2
    Process.sleep(1_100)
    refute Store.get(:b)
  end

  @tag ttl: 100
  test "a tagged one" do
    assert Store.get(:none) == nil
  end

  test "a value written plainly" do
    Store.put(:c, 3)
    Process.sleep(150)
    refute Store.get(:c)
  end

  @decorate cache_put(cache: Store, key: key, opts: [ttl: 1_000])
  def remember(key, value), do: value`;
    const root = project({ 'test/app/store_test.exs': testModule(body) });
    const expected = [
      [6, 'ttl', 'waits out the 100 ms TTL set on line 5 (`ttl: 100`)'],
      [12, 'ttl', 'waits out the 1000 ms TTL set on line 27 (`ttl: 1_000`)'],
      // Neither the first test's `ttl: 100` nor the tag of the test above is this one's.
      [23, 'wait_for', 'polls state: line 24 refutes `Store.get(:c)`; a refutation may hold before anything happened, and then the poll passes at once'],
    ];
    // The whole parse (as `fix` reads a file) and the report parse, which leaves the quiet test out.
    for (const reportOnly of [false, true]) {
      const { report } = await scan({ root, reportOnly });
      expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.reason])).toEqual(expected);
    }
  });

  it("name the test of a test_with_mock (Mock's), whose fake sleeps so that a timeout fires", async () => {
    const body = `  import Mock

  test_with_mock "times out on a slow upload", Storage, [],
    put: fn _file ->
      Process.sleep(100)
      {:ok, "a.png"}
    end do
    assert {:error, :timeout} = Uploader.store("a.png", timeout: 1)
  end`;
    const { report } = await scan({ root: project({ 'test/app/uploader_test.exs': testModule(body, 'App.UploaderTest') }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [8, 'timeout_sim', 'slow work inside a function handed to `test_with_mock`; test name mentions “times out” and line 11 expects a timeout (`{:error, :timeout}`)'],
    ]);
  });

  it('of a manual sleep quote the comment above it, its lines in reading order, for the person who finds the event', async () => {
    const body = `  test "takes over the slot" do
    Slots.hand_over(:first_app)
    # Sleep to make sure that Postgres detects that the connection is closed
    # and the second app has time to take the slot
    Process.sleep(10_000)
  end`;
    const { report } = await scan({ root: project({ 'test/app/slot_test.exs': testModule(body, 'App.SlotTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [8, 'manual', 'last statement: nothing after it checks anything; the comment above it says “Sleep to make sure that Postgres detects that the connectio…”'],
    ]);
  });

  it('of a sleep before an act, under words for what must not happen, not say the act checks that nothing happened (nats)', async () => {
    const body = `  test "a consumer takes a second batch" do
    :ok = Queue.publish(:bus, "jobs", "a")
    assert_receive {:handled, 1, "a"}, 1_000

    # Wait a moment, then send another batch: the consumer must not be stuck
    Process.sleep(200)

    :ok = Queue.publish(:bus, "jobs", "b")
    assert_receive {:handled, 2, "b"}, 1_000
  end`;
    const { report } = await scan({ root: project({ 'test/app/batch_test.exs': testModule(body, 'App.BatchTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [9, 'manual', 'no condition to wait on: line 11 (`:ok = Queue.publish(:bus, "jobs", "b")`) does not assert what the sleep waits for; the comment above it says “Wait a moment, then send another batch: the consumer must n…”'],
    ]);
  });

  it("of a sleep before a stop, in a module that verifies Mox expectations on exit, say those are what it waits for (faktory_worker)", async () => {
    const tests = (verifies: boolean) => `  import Mox
${verifies ? '  setup :verify_on_exit!\n' : ''}
  test "sends END when it stops" do
    expect(App.SocketMock, :send, fn _, "BEAT " <> _ -> :ok end)
    expect(App.SocketMock, :send, fn _, "END" <> _ -> :ok end)
    start_supervised!({App.Heartbeat, socket: App.SocketMock, beat_interval: 1})
    Process.sleep(5)
    :ok = stop_supervised(App.Heartbeat)
  end`;
    const { report } = await scan({
      root: project({ 'test/app/heartbeat_test.exs': testModule(tests(true), 'App.HeartbeatTest'), 'test/app/unverified_test.exs': testModule(tests(false), 'App.UnverifiedTest') }),
    });
    expect(report.findings.map((f) => [f.file, f.line, f.reason])).toEqual([
      ['test/app/heartbeat_test.exs', 11, 'what it waits for are the mock expectations set before it (the last on line 9, `expect(App.SocketMock, :send, fn _, "EN…`), which are checked only when the test ends: have the expected function send the test a message, and `assert_receive` it in the sleep\'s place'],
      ['test/app/unverified_test.exs', 10, 'no condition to wait on: line 11 (`:ok = stop_supervised(App.Heartbeat)`) does not assert what the sleep waits for'],
    ]);
  });

  it('of a last sleep after a Bypass expectation, in a file that opens Bypass, say the expectation is what it waits for (slack_logger_backend)', async () => {
    const tests = (opens: boolean) => `  require Logger

  setup do
    bypass = ${opens ? 'Bypass.open()' : 'App.FakeHook.new()'}
    Application.put_env(:app, :hook_url, "http://localhost:#{bypass.port}/hook")
    {:ok, bypass: bypass}
  end

  test "posts errors to the hook", %{bypass: bypass} do
    Bypass.expect(bypass, fn conn -> Plug.Conn.resp(conn, 200, "ok") end)
    Logger.error("disk full")
    Logger.flush()
    :timer.sleep(100)
  end`;
    const { report } = await scan({
      root: project({ 'test/app/hook_test.exs': testModule(tests(true), 'App.HookTest'), 'test/app/fake_hook_test.exs': testModule(tests(false), 'App.FakeHookTest') }),
    });
    expect(report.findings.map((f) => [f.file, f.line, f.reason])).toEqual([
      ['test/app/fake_hook_test.exs', 16, 'last statement: nothing after it checks anything'],
      ['test/app/hook_test.exs', 16, 'what it waits for are the mock expectations set before it (the last on line 13, `Bypass.expect(bypass, fn conn -> Plug.C…`), which are checked only when the test ends: have the expected function send the test a message, and `assert_receive` it in the sleep\'s place'],
    ]);
  });

  it('of a sleep last inside a capture nobody reads say what the test does after it, not that nothing does (parent\'s "handles child start crash")', async () => {
    const body = `  import ExUnit.CaptureLog

  test "a child that crashes in its start is not kept" do
    {:ok, sup} = App.Tree.start_link([])

    capture_log(fn ->
      {:error, _} = App.Tree.start_child(sup, {Agent, fn -> raise "boom" end})
      Process.sleep(100)
    end)

    assert App.Tree.children(sup) == []
  end

  test "a crash at the very end" do
    {:ok, sup} = App.Tree.start_link([])

    capture_log(fn ->
      {:error, _} = App.Tree.start_child(sup, {Agent, fn -> raise "boom" end})
      Process.sleep(100)
    end)
  end

  test "a crash whose log is read" do
    {:ok, sup} = App.Tree.start_link([])

    log =
      capture_log(fn ->
        {:error, _} = App.Tree.start_child(sup, {Agent, fn -> raise "boom" end})
        Process.sleep(100)
      end)

    assert log =~ "boom"
  end`;
    const { report } = await scan({ root: project({ 'test/app/tree_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [11, 'manual', "last line inside `capture_log`, whose output nothing reads: gives other processes time to log inside the capture, out of the run's output, and perhaps to do what line 14 (`assert App.Tree.children(sup) == []`) reads after it; nothing says when they are done"],
      [22, 'manual', 'last statement: nothing after it checks anything'],
      [32, 'manual', 'last line inside `capture_log`: gives other processes time to write the lines asserted on line 35, and nothing says when they have'],
    ]);
  });

  it("of a sleep after a cast say the mock expectations are what it waits for when a describe's setup sets them, or the test sets them above the capture_log the sleep is in (mixpanel_api_ex)", async () => {
    const body = `  import Mox
  import ExUnit.CaptureLog
  setup :verify_on_exit!

  describe "track" do
    setup do
      expect(App.HTTPMock, :get, fn _url -> {:ok, 200} end)
      :ok
    end

    test "sends the event" do
      App.Client.track(App.Client, "signed up")
      :timer.sleep(50)
    end
  end

  test "retries a failed request" do
    expect(App.HTTPMock, :get, 3, fn _url -> {:error, ""} end)

    capture_log(fn ->
      App.Client.track(App.Client, "signed up")
      :timer.sleep(50)
    end)
  end`;
    const { report } = await scan({ root: project({ 'test/app/client_test.exs': testModule(body, 'App.ClientTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason.replace(/ \(the last.*$/, '')])).toEqual([
      [16, 'manual', 'what it waits for are the mock expectations set before it'],
      [25, 'manual', 'what it waits for are the mock expectations set before it'],
    ]);
  });

  it('of a sleep last in a capture whose output is refuted after it say it is a window, and count none of its time (websock_adapter)', async () => {
    const body = `  test "a missing optional callback is not called" do
    warnings =
      capture_log(fn ->
        send(App.Socket.pid(), :close)
        Process.sleep(100)
      end)

    refute warnings =~ "undef"
  end

  test "a crash is logged" do
    log =
      capture_log(fn ->
        send(App.Socket.pid(), {:text, "crash"})
        Process.sleep(100)
      end)

    assert log =~ "boom"
  end`;
    const { report } = await scan({ root: project({ 'test/app/socket_test.exs': testModule(body, 'App.SocketTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [8, 'manual', 'last line inside `capture_log`, whose output a refutation checks after it: the sleep is the window for a line that must not come, and no event says none will'],
      [18, 'sync_barrier', 'waits for `send` to `App.Socket.pid()` (line 17); the `capture_log` around it checks what that process logs while handling it'],
    ]);
    expect(report.summary.removable_ms).toBe(100);
  });

  it("of a sleep before a mock's call-history check say it looks without waiting (logflare_logger_backend's Placebo)", async () => {
    const body = `  test "a log is posted" do
    Logger.info("msg")
    Process.sleep(200)
    assert_called(Api.post_logs(any(), any()))
  end`;
    const { report } = await scan({ root: project({ 'test/app/post_test.exs': testModule(body, 'App.PostTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'manual', "line 7 reads a mock's call history without waiting (`assert_called`): the sleep gives the call time to be made; `:meck.wait/4` on the mocked function would wait only until it is"],
    ]);
  });

  it("of a sleep before an exact count of a mock's calls say it is also the window for a call too many (amqpx)", async () => {
    const body = `  test "a message that comes while draining is not handled" do
    Producer.send_payload(payload)
    Producer.send_payload(payload)
    :timer.sleep(50)
    assert_called_exactly(Consumer.handle_message(:_, :_, :_), 1)
  end`;
    const { report } = await scan({ root: project({ 'test/app/drain_test.exs': testModule(body, 'App.DrainTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [7, 'manual', "line 8 counts a mock's calls without waiting (`assert_called_exactly`): the sleep gives the calls time to be made and one too many time to show; `:meck.wait/4` would return at the count, before a call too many could come"],
    ]);
  });

  it('of a sleep before an on_exit look past it to what the flow does next (ALF, hammer)', async () => {
    const body = `  setup do
    start_supervised!(App.Pipeline)
    # wait for the stages to be started
    Process.sleep(10)
    on_exit(&App.Pipeline.stop/0)
  end

  test "the pipeline answers" do
    start_supervised!(App.Store)
    # wait for the table to be created
    Process.sleep(100)
    on_exit(fn -> App.Store.clear() end)
    key = "key#{System.unique_integer()}"
    assert {:ok, _} = App.Store.put(key, 1)
  end`;
    const { report } = await scan({ root: project({ 'test/app/pipeline_test.exs': testModule(body, 'App.PipelineTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [7, 'manual', 'at the end of setup: waits for something no line names; the comment above it says “wait for the stages to be started”'],
      [14, 'manual', 'no condition to wait on: line 16 (`key = "key#{System.unique_integer()}"`) does not assert what the sleep waits for; the comment above it says “wait for the table to be created”'],
    ]);
  });

  it('of a sleep longer than the channel assertion after it say which call takes its time', async () => {
    const body = `  test "a second game cannot be created", %{socket: socket} do
    ref = Phoenix.ChannelTest.push(socket, "game:create", %{})
    :timer.sleep(200)
    Phoenix.ChannelTest.assert_reply(ref, :ok, %{game_id: _id})
  end

  test "no second board is pushed", %{socket: socket} do
    Phoenix.ChannelTest.push(socket, "game:join", %{})
    :timer.sleep(200)
    Phoenix.ChannelTest.refute_push("game:board", %{})
  end`;
    const { report } = await scan({ root: project({ 'test/app/create_test.exs': testModule(body, 'App.CreateTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'assert_receive', 'next line (7) waits by itself, for less than the sleep: `Phoenix.ChannelTest.assert_reply` gets a longer timeout'],
      // A refutation waits its whole timeout: only a person can say how long the window should be.
      [12, 'manual', "line 13 waits by itself, but for less time than the sleep (ExUnit's 100 ms unless given more): give `Phoenix.ChannelTest.refute_push` a timeout of at least 200 ms and drop the sleep"],
    ]);
  });

  it('of a sleep between the same action made twice do not call the action a check', async () => {
    const body = `  test "a tournament starts once", %{socket: socket} do
    ref = Phoenix.ChannelTest.push(socket, "start", %{})
    Process.sleep(100)
    ref = Phoenix.ChannelTest.push(socket, "start", %{})
    Phoenix.ChannelTest.assert_reply(ref, :error, %{}, 500)
  end`;
    const { report } = await scan({ root: project({ 'test/app/start_test.exs': testModule(body, 'App.StartTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'manual', 'no condition to wait on: line 7 (`ref = Phoenix.ChannelTest.push(socket, …`) does not assert what the sleep waits for'],
    ]);
  });

  it('of a sleep in a loop whose value nothing takes do not call it spacing samples', async () => {
    const body = `  test "flow control settles each round", %{pipeline: pipeline} do
    Testing.Pipeline.execute_actions(pipeline, spec: child(:pull_source, PullSource))

    for _round <- 1..3 do
      Process.sleep(100)
      for child <- [:a, :b], do: assert_flow(pipeline, child, :pull)
    end
  end

  test "samples taken apart", %{pipeline: pipeline} do
    samples =
      for _round <- 1..3 do
        Process.sleep(100)
        Pipeline.demand(pipeline)
      end

    assert Enum.any?(samples, &(&1 > 0))
  end

  test "a new token shows up within a few refreshes", %{worker: worker} do
    assert 0..4
           |> Enum.map(fn _ ->
             Process.sleep(50)
             Worker.token(worker)
           end)
           |> Enum.any?(&(&1 == "second"))
  end

  test "samples taken apart, all of them compared", %{pipeline: pipeline} do
    samples =
      for _round <- 1..3 do
        Process.sleep(100)
        Pipeline.demand(pipeline)
      end

    assert samples == Enum.sort(samples)
  end`;
    const { report } = await scan({ root: project({ 'test/app/flow_test.exs': testModule(body, 'App.FlowTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [8, 'manual', 'first in a `for` loop body: waits a fixed time before each `for child <- [:a, :b], do: assert_flow(…`, and no event says when it may go on'],
      [16, 'manual', 'spaces the samples a `for` loop collects, and `Enum.any?` asks only that one of them holds: a `wait_for` on the read the loop makes waits for the same, and ends as soon as it holds'],
      [26, 'manual', 'spaces the samples a `Enum.map` loop collects, and `Enum.any?` asks only that one of them holds: a `wait_for` on the read the loop makes waits for the same, and ends as soon as it holds'],
      [35, 'manual', 'spaces the samples a `for` loop collects: they are checked after it, and polling inside the loop would take them all at once'],
    ]);
  });

  it('name the line of evidence found file-wide, with comments, interpolations and a schema field named timeout above it', async () => {
    const source = `defmodule App.ResolverTest do
  use ExUnit.Case

  defmodule SlowResolver do
    # Resolves nothing, slowly: longer than the lookup may take.
    def resolve(_host) do
      Process.sleep(100)
      {:ok, []}
    end
  end

  defmodule Schema do
    use Absinthe.Schema.Notation
    object :lookup do
      field :timeout, :string
    end
  end

  # The lookup runs in a task and is killed when it takes too long;
  # see SafeURL.resolve/1 (#{"interpolated"}) for how.
  test "bounds lookup time" do
    assert {:error, :timeout} = App.SafeURL.resolve("example.com", SlowResolver)
  end
end
`;
    const { report } = await scan({ root: project({ 'test/app/resolver_test.exs': source }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [7, 'timeout_sim', 'slow work inside `resolve` of stand-in module SlowResolver; module mentions “slow” and line 22 expects a timeout (`{:error, :timeout}`)'],
    ]);
  });

  it('of a timed rewrite of a sleep whose length is unknown say its timeout is a guess, and it is never safe, unless the sleep names its length for the rewrite to scale', async () => {
    const body = `  # The attributes come from the case template, which the file does not define.
  test "a node that went down is dropped once handed off", %{shard: shard} do
    App.Cluster.partition(:node1)
    Process.sleep(@handoff + 2 * @heartbeat)
    assert [{"local1", _}] = App.Cluster.dirty_list(shard)
  end

  test "a known length keeps its safety", %{shard: shard} do
    App.Cluster.partition(:node1)
    Process.sleep(1_700)
    assert [{"local1", _}] = App.Cluster.dirty_list(shard)
  end

  test "so does a length the rewrite can name (it waits five times that)", %{shard: shard, handoff: handoff} do
    App.Cluster.partition(:node1)
    Process.sleep(handoff)
    assert [{"local1", _}] = App.Cluster.dirty_list(shard)
  end`;
    const { report } = await scan({ root: project({ 'test/app/shard_test.exs': testModule(body, 'App.ShardTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [7, 'wait_for', 'review', 'polls state: line 8 asserts `App.Cluster.dirty_list(shard)`; the sleep\'s length is unknown here, so the rewrite\'s timeout is a guess'],
      [13, 'wait_for', 'safe', 'polls state: line 14 asserts `App.Cluster.dirty_list(shard)`'],
      [19, 'wait_for', 'safe', 'polls state: line 20 asserts `App.Cluster.dirty_list(shard)`'],
    ]);
  });

  it('of a sleep forever tell a keep-alive from a handler that hangs', async () => {
    const body = `  test "shutdown kills a processor stuck in its handler" do
    handle_message = fn
      :sleep, _ -> Process.sleep(:infinity)
      message, _ -> message
    end

    {:ok, pid} = App.Pipeline.start_link(handle_message: handle_message, shutdown: 1)
    keeper = spawn(fn -> Process.sleep(:infinity) end)
    App.Pipeline.push(pid, [:sleep, keeper])
    assert :ok = App.Pipeline.stop(pid)
  end`;
    const { report } = await scan({ root: project({ 'test/app/pipeline_test.exs': testModule(body, 'App.PipelineTest') }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [6, 'infinity', 'sleeps forever: the function bound to `handle_message` never returns, as a hung handler would'],
      [11, 'infinity', 'sleeps forever: keeps this process alive'],
    ]);
  });

  it("of a spawned process that only sleeps say it is kept alive, of one that sleeps once it took a message that it keeps its caller waiting, and of a task's lone sleep that it is work (sequin, bedrock)", async () => {
    const body = `  test "a cached connection is reused while it lives", %{cache: cache} do
    start_fn = fn _db -> {:ok, spawn(fn -> Process.sleep(5_000) end)} end
    {:ok, conn} = App.ConnectionCache.connection(cache, start_fn)
    assert {:ok, ^conn} = App.ConnectionCache.connection(cache, start_fn)
    worker = spawn_link(fn ->
      Process.sleep(50)
      send(self(), :done)
    end)
    assert is_pid(worker)
    task = Task.async(fn -> Process.sleep(20) end)
    assert :ok = Task.await(task)
    silent = spawn(fn -> receive do _ -> Process.sleep(10_000) end end)
    assert is_pid(silent)
  end`;
    const { report } = await scan({ root: project({ 'test/app/connection_cache_test.exs': testModule(body, 'App.ConnectionCacheTest') }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [5, 'spawned_work', "keeps a process alive and does nothing else, inside a function handed to `spawn`; not the test's own wait"],
      [9, 'spawned_work', "simulated work inside a function handed to `spawn_link`, not the test's own wait"],
      [13, 'spawned_work', "simulated work inside a function handed to `Task.async`, not the test's own wait"],
      [15, 'spawned_work', "takes a message and then answers nothing while it sleeps, inside a function handed to `spawn`: a stand-in that keeps its caller waiting; not the test's own wait"],
    ]);
  });

  it('name an interval an interval, not a TTL', async () => {
    const body = `  test "an entry survives the sweeps within its ttl" do
    {:ok, cache} = App.Cache.start_link(ttl_check_interval: 10, global_ttl: 50)
    App.Cache.put(cache, :a, 1)
    :timer.sleep(40)
    assert App.Cache.get(cache, :a) == 1
  end`;
    const { report } = await scan({ root: project({ 'test/app/sweep_test.exs': testModule(body, 'App.SweepTest') }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [7, 'ttl', 'waits out the 10 ms interval set on line 5 (`ttl_check_interval: 10`); test name mentions “ttl”'],
    ]);
  });

  it('read max_age in seconds, as Phoenix.Token and Plug count it', async () => {
    const body = `  test "verify with max age" do
    token = App.Token.sign(1)
    assert App.Token.verify(token, max_age: 100) == {:ok, 1}
    assert App.Token.verify(token, max_age: 0.1) == {:ok, 1}
    :timer.sleep(150)
    assert App.Token.verify(token, max_age: 0.1) == {:error, :expired}
  end`;
    const { report } = await scan({ root: project({ 'test/app/token_test.exs': testModule(body, 'App.TokenTest') }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [8, 'ttl', 'waits out the 100 ms TTL set on line 7 (`max_age: 0.1`); test name mentions “max age”'],
    ]);
  });

  it("read expires_in in seconds, as OAuth counts it (rubber_duck's contexts); in milliseconds only when no other reading is a time the sleep outlasts (memoize's cache)", async () => {
    const body = `  test "an expired draft is gone" do
    {:ok, draft} = App.Drafts.save(%{"body" => "hi"}, expires_in: 1)
    Process.sleep(1100)
    assert {:error, :expired} = App.Drafts.fetch(draft.id)
  end

  test "an expired lookup runs again" do
    App.Lookup.cached(:a, expires_in: 100)
    Process.sleep(120)
    assert App.Lookup.runs(:a) == 1
  end`;
    const { report } = await scan({ root: project({ 'test/app/drafts_test.exs': testModule(body, 'App.DraftsTest') }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [6, 'ttl', 'waits out the 1000 ms TTL set on line 5 (`expires_in: 1`); test name mentions “expired”'],
      [12, 'ttl', 'waits out the 100 ms TTL set on line 11 (`expires_in: 100`); test name mentions “expired”'],
    ]);
  });

  it("of a call whose handler writes to a socket through the module's own functions say so: the peer acts after the reply (redis_client_ex's ssubscribe); not when the function reads the answer itself", async () => {
    const sharded = `defmodule App.Sharded do
  use GenServer
  def ssubscribe(pid, channel), do: GenServer.call(pid, {:ssubscribe, channel})
  def auth(pid, password), do: GenServer.call(pid, {:auth, password})
  def command(pid, args), do: GenServer.call(pid, {:command, args})
  def init(socket), do: {:ok, %{socket: socket, channels: []}}
  def handle_call({:ssubscribe, channel}, _from, state) do
    reply = maybe_send(state, ["SSUBSCRIBE", channel])
    {:reply, reply, %{state | channels: [channel | state.channels]}}
  end
  def handle_call({:auth, password}, _from, state) do
    {:reply, request(state, ["AUTH", password]), state}
  end
  def handle_call({:command, args}, from, state) do
    maybe_send(state, args)
    {:noreply, %{state | waiting: from}}
  end
  defp maybe_send(state, command), do: send_command(state.socket, command)
  defp send_command(socket, command), do: :gen_tcp.send(socket, Enum.join(command, " "))
  defp request(state, command) do
    :gen_tcp.send(state.socket, Enum.join(command, " "))
    :gen_tcp.recv(state.socket, 0)
  end
end
`;
    const body = `  test "a published message reaches the subscriber", %{sharded: sharded} do
    :ok = App.Sharded.ssubscribe(sharded, "chan")
    Process.sleep(200)
    publish("chan", "hello")
    assert_receive {:message, "chan", "hello"}
  end

  test "a published message reaches the authenticated subscriber", %{sharded: sharded} do
    :ok = App.Sharded.auth(sharded, "secret")
    Process.sleep(200)
    publish("chan", "hello")
    assert_receive {:message, "chan", "hello"}
  end

  test "a command answered once the peer has", %{sharded: sharded} do
    {:ok, _} = App.Sharded.command(sharded, ["SET", "k", "v"])
    Process.sleep(200)
    publish("chan", "hello")
    assert_receive {:message, "chan", "hello"}
  end`;
    const { report } = await scan({ root: project({ 'lib/app/sharded.ex': sharded, 'test/app/sharded_test.exs': testModule(body, 'App.ShardedTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([
      [6, 'manual'],
      [13, 'remove'],
      [20, 'remove'],
    ]);
    expect(report.findings[0]!.reason).not.toContain('returns when it is done');
  });

  it("of a read made again whose binding is checked through other names do not call it a check made again (bb's robot read before and after a parameter change)", async () => {
    const body = `  test "a parameter change reaches the runtime" do
    robot = Runtime.get_robot(ParamRobot)
    effort = robot.joints.shoulder.limits.effort
    assert_in_delta effort, 10.0, 0.001
    PubSub.publish(ParamRobot, [:param, :max_effort], %{value: 20.0})
    Process.sleep(50)
    robot = Runtime.get_robot(ParamRobot)
    new_effort = robot.joints.shoulder.limits.effort
    assert_in_delta new_effort, 20.0, 0.001
  end`;
    const { report } = await scan({ root: project({ 'test/app/params_test.exs': testModule(body, 'App.ParamsTest') }) });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]!.reason).not.toContain('checks again');
  });

  it("of a private helper that only a spawned loop calls say it runs there, and count none of its time (smppex's support server)", async () => {
    const server = `defmodule Support.TCP.Server do
  def start_link(port) do
    pid = spawn_link(fn -> listen(port) end)
    %{pid: pid, port: port}
  end

  defp listen(port) do
    {:ok, sock} = :gen_tcp.listen(port, [:binary])
    :gen_tcp.close(sock)
    wait_for_shutdown()
  end

  defp wait_for_shutdown do
    :timer.sleep(1_000)
  end
end
`;
    const { report } = await scan({ root: project({ 'test/support/tcp/server.ex': server }), include: ['test/support/**/*.ex'] });
    expect(report.findings.map((f) => [f.verdict, f.category ?? f.fix])).toEqual([['legitimate', 'spawned_work']]);
  });

  it("of a render that finds again what the mount's render found say it checks again (panic's admin page after a broadcast)", async () => {
    const body = `  test "the admin page survives broadcasts", %{conn: conn} do
    {:ok, view, html} = live(conn, "/admin")
    assert html =~ "Admin"
    send(view.pid, %{topic: "invocation:fake", event: "presence_diff", payload: %{}})
    Process.sleep(10)
    assert render(view) =~ "Admin"
  end`;
    const { report } = await scan({ root: project({ 'test/app_web/admin_test.exs': testModule(body, 'AppWeb.AdminTest') }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['manual', null]]);
    expect(report.findings[0]!.reason).toContain('checks again what line 6 checked');
  });

  it('of a sleep between two socket option settings do not call the second a check', async () => {
    const body = `  test "controlling process keeps the messages", %{socket: socket, server: server} do
    :ok = :inet.setopts(socket, active: :once)
    :ok = :gen_tcp.send(server, "some data 1")
    Process.sleep(100)
    :ok = :inet.setopts(socket, active: :once)
    :ok = :gen_tcp.send(server, "some data 2")
  end`;
    const { report } = await scan({ root: project({ 'test/app/socket_test.exs': testModule(body, 'App.SocketTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [7, 'manual', 'no condition to wait on: line 8 (`:ok = :inet.setopts(socket, active: :on…`) does not assert what the sleep waits for'],
    ]);
  });

  it('of a barrier before a check that the process is still alive say a later failure would come after it, and it is not safe', async () => {
    const body = `  test "a daemon that exits leaves its supervisor up" do
    pid = start_supervised!({Supervisor.Daemon, command: "echo"})
    send(pid, {:interface, :up})
    Process.sleep(50)
    assert Process.alive?(pid)
    refute Supervisor.Daemon.running?(pid)
  end

  test "a refresh keeps the channel" do
    pid = start_supervised!({Supervisor.Daemon, command: "cat"})
    send(pid, :refresh)
    Process.sleep(50)
    refute Supervisor.Daemon.running?(pid)
  end`;
    const { report } = await scan({ root: project({ 'test/app/daemon_test.exs': testModule(body, 'App.DaemonTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [
        7,
        'sync_barrier',
        'review',
        'waits for `send` to `pid` (line 6); line 8 checks the same process; line 8 checks it is still alive, and a failure after it handled the message (of work it started) would come after the barrier',
      ],
      [15, 'sync_barrier', 'safe', 'waits for `send` to `pid` (line 14); line 16 checks the same process'],
    ]);
  });

  it("of a sleep before assert_received say when the same message was refuted before it: the sleeps bound when it comes from both sides (loadex)", async () => {
    const body = `  test "calls the function at the interval" do
    assert_receive {:loop, 1}
    :timer.sleep(50)
    refute_received {:loop, 2}
    :timer.sleep(110)
    assert_received {:loop, 2}
  end

  test "calls the function again" do
    assert_receive {:loop, 1}
    refute_received {:other, 2}
    :timer.sleep(110)
    assert_received {:loop, 2}
  end
`;
    const { report } = await scan({ root: project({ 'test/worker_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [6, 'assert_receive', 'safe', 'next line (7) refutes a message without waiting: `refute_received {:loop, 2}`; refute_receive waits the same time'],
      [8, 'assert_receive', 'review', 'next line (9) checks the mailbox without waiting: `assert_received {:loop, 2}`; line 7 refuted the same message before the sleep, so the sleeps bound when it comes from both sides, and a longer timeout loosens the bound after'],
      [15, 'assert_receive', 'safe', 'next line (16) checks the mailbox without waiting: `assert_received {:loop, 2}`'],
    ]);
  });

  it("of a sleep before an assert_receive say when only data work came since an earlier sleep (tracer's count tool): the message was due before, and it is not safe", async () => {
    const body = `  test "counts the traced calls" do
    :ok = Tracer.start_tool(tool())
    Process.sleep(50)
    String.split("x,y", ",")
    String.split("z,y", ",")
    Process.sleep(50)
    assert_receive :started_tracing
    :ok = Tracer.stop_tool()
  end

  test "a request sets off the fetch" do
    :ok = Tracer.start_tool(tool())
    Process.sleep(50)
    Tracer.refetch(:token)
    Process.sleep(50)
    assert_receive :fetched
  end
`;
    const { report } = await scan({ root: project({ 'test/tracer_test.exs': testModule(body) }) });
    expect(report.findings.filter((f) => f.fix === 'assert_receive').map((f) => [f.line, f.safety])).toEqual([
      [9, 'review'],
      [18, 'safe'],
    ]);
    expect(report.findings.find((f) => f.line === 9)!.reason).toContain('nothing since the sleep on line 6 sends or starts anything, so the message was due before that sleep, and this one waits for something else');
  });

  it("of a sleep before a short assert_receive say when the checks after it read state through a function of the test file (job_queue's queue_length), and it is not safe", async () => {
    const body = `  test "processes 3 at a time" do
    Enum.each(0..5, fn n -> Queue.add(TestQueue, {:sleep, n}) end)
    :timer.sleep(50)
    assert_receive {:sleep, 0}, 10
    assert queue_length() == 2
  end

  test "reports the first job" do
    Enum.each(0..5, fn n -> Queue.add(TestQueue, {:sleep, n}) end)
    :timer.sleep(50)
    assert_receive {:sleep, 0}, 10
    assert job_count(5) == 5
  end

  defp queue_length, do: :queue.len(Queue.state(TestQueue).q)
`;
    const { report } = await scan({ root: project({ 'test/queue_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [6, 'assert_receive', 'review', 'next line (7) already waits: `assert_receive {:sleep, 0}, 10`; line 8 reads state (`assert queue_length() == 2`) that may be written after the message comes, which the sleep also gave time'],
      [13, 'assert_receive', 'safe', 'next line (14) already waits: `assert_receive {:sleep, 0}, 10`'],
    ]);
  });

  it('of a sleep before assert_received say when the test then acts again through the call that sent the message, or reads state the sender may write after it, and it is not safe', async () => {
    const body = `  test "a unique job can run again once done" do
    {:ok, _} = Jobs.enqueue(Jobs, "q1", SleepWorker, [50], unique_for: 60)
    :timer.sleep(150)
    assert_received {"worked"}
    {:ok, _} = Jobs.enqueue(Jobs, "q1", SleepWorker, [50], unique_for: 60)
  end

  test "a job reports when it is done" do
    {:ok, _} = Jobs.enqueue(Jobs, "q1", SleepWorker, [50])
    :timer.sleep(150)
    assert_received {"worked"}
    assert Jobs.stats(Jobs).processed == 1
  end

  test "a unique job can be scheduled again once done" do
    {:ok, _} = Jobs.enqueue(Jobs, "q1", SleepWorker, [50], unique_for: 60)
    :timer.sleep(150)
    assert_received {"worked"}
    {:ok, _} = Jobs.enqueue_at(Jobs, "q1", DateTime.utc_now(), SleepWorker, [50], unique_for: 60)
  end

  test "a job reports its result" do
    {:ok, _} = Jobs.enqueue(Jobs, "q1", SleepWorker, [50])
    :timer.sleep(150)
    assert_received {:worked, result}
    assert result == 50
  end`;
    const { report } = await scan({ root: project({ 'test/app/jobs_test.exs': testModule(body, 'App.JobsTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [
        6,
        'assert_receive',
        'review',
        'next line (7) checks the mailbox without waiting: `assert_received {"worked"}`; line 8 calls `Jobs.enqueue` again, and the sleep may also cover what the sender does after the message, such as releasing a lock, which the message does not wait for',
      ],
      // The job sends before it returns, and the count goes up after (tmp_kpiconnect's event store too).
      [13, 'assert_receive', 'review', 'next line (14) checks the mailbox without waiting: `assert_received {"worked"}`; line 15 reads state (`assert Jobs.stats(Jobs).processed == 1`) that may be written after the message comes, which the sleep also gave time'],
      [
        20,
        'assert_receive',
        'review',
        `next line (21) checks the mailbox without waiting: \`assert_received {"worked"}\`; line 22 calls \`Jobs.enqueue_at\`, the act of line 19's \`Jobs.enqueue\` again, and the sleep may also cover what the sender does after the message, such as releasing a lock, which the message does not wait for`,
      ],
      [27, 'assert_receive', 'safe', 'next line (28) checks the mailbox without waiting: `assert_received {:worked, result}`'],
    ]);
  });

  it("of a sleep before assert_receive say when the project's code sends the message before work of its own that a read bound after it may miss, for review (expirable_store's stub fetch); safe when the sender reports last, or nothing is read", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/credential_refresh_test.exs');
    const { report } = await scan({ root: project({ 'test/credential_refresh_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.filter((f) => f.fix === 'assert_receive').map((f) => [f.line, f.safety])).toEqual([
      [47, 'review'],
      [59, 'review'],
      [72, 'safe'],
      [87, 'safe'],
    ]);
    expect(report.findings.find((f) => f.line === 47)?.reason).toBe(
      "next line (49) already waits: `assert_receive {:issue_requested, :reporting}`; line 50 reads state (`{:ok, second} = CredentialCache.get(cac…`), and the project's code sends the message (`send(pid, {:issue_requested, role})`) before `Process.sleep(40)` in the same function: the message says that work began, and the sleep also gave it time to end",
    );
  });

  it('finds the sender in a support module the test names, past a case around the send; not one that reports last', async () => {
    const stub = `defmodule App.FakeFeed do
  def pull(topic) do
    case :global.whereis_name(:feed_watcher) do
      pid when is_pid(pid) -> send(pid, {:pulled, topic, node()})
      _ -> :ok
    end

    Process.sleep(30)
    Agent.update(App.FeedStore, &Map.put(&1, topic, :fresh))
  end

  def push(topic, item) do
    Agent.update(App.FeedStore, &Map.put(&1, topic, item))
    if pid = :global.whereis_name(:feed_watcher), do: send(pid, {:pushed, topic})
    :ok
  end
end
`;
    const body = `  test "pulls again when stale" do
    :yes = :global.register_name(:feed_watcher, self())
    Task.start(fn -> App.FakeFeed.pull(:news) end)
    Process.sleep(100)
    assert_received {:pulled, :news, _}
    {:ok, state} = App.Feeds.state(:news)
    assert state == :fresh
  end

  test "keeps what was pushed" do
    :yes = :global.register_name(:feed_watcher, self())
    Task.start(fn -> App.FakeFeed.push(:news, 1) end)
    Process.sleep(100)
    assert_received {:pushed, :news}
    {:ok, state} = App.Feeds.state(:news)
    assert state == 1
  end`;
    const { report } = await scan({ root: project({ 'test/support/fake_feed.ex': stub, 'test/app/feeds_test.exs': testModule(body, 'App.FeedsTest') }) });
    expect(report.findings.filter((f) => f.fix === 'assert_receive').map((f) => [f.file, f.line, f.safety])).toEqual([
      ['test/app/feeds_test.exs', 7, 'review'],
      ['test/app/feeds_test.exs', 16, 'safe'],
    ]);
    expect(report.findings.find((f) => f.line === 7)?.reason).toContain("the project's code sends the message (`send(pid, {:pulled, topic, node()})`) before `Process.sleep(30)` in the same function");
  });

  it("of a sleep before assert_received inside a capture the test reads after it say others may log after the message, for review (owl's daemon)", async () => {
    const body = `  test "a killed daemon logs its kill" do
    log =
      capture_log(fn ->
        child = spawn_link(fn -> App.Daemon.run("sleep 5") end)
        Process.exit(child, :kill)
        Process.sleep(50)
        assert_received {:EXIT, ^child, :killed}
      end)

    assert log =~ "$ kill"
  end`;
    const { report } = await scan({ root: project({ 'test/app/daemon_test.exs': testModule(body, 'App.DaemonTest') }) });
    expect(report.findings.map((f) => [f.fix, f.safety, f.reason])).toEqual([
      ['assert_receive', 'review', 'next line (10) checks the mailbox without waiting: `assert_received {:EXIT, ^child, :killed}`; it runs inside `capture_log`, whose output the test reads after it, and what other processes log after the message may come after the capture ends'],
    ]);
  });

  it('of a sleep first in a loop body say it paces the iterations, not that nothing before it started work', async () => {
    const body = `  test "a tailing cursor sees documents as they come", %{pid: pid} do
    tail = Task.async(fn -> Store.find(pid, tailable: true) |> Enum.take(15) end)
    Enum.each(1..10, fn n ->
      Process.sleep(100)
      Store.insert_one(pid, %{n: n})
    end)
    assert length(Task.await(tail)) == 15
  end`;
    const { report } = await scan({ root: project({ 'test/app/cursor_test.exs': testModule(body, 'App.CursorTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [7, 'manual', 'first in a `Enum.each` loop body: waits a fixed time before each `Store.insert_one(pid, %{n: n})`, and no event says when it may go on'],
    ]);
  });

  it('of a sleep last inside capture_log after a message say the capture checks what the process logs, and it is for review', async () => {
    const server = `defmodule App.Monitor do
  use GenServer
  require Logger
  def init(state), do: {:ok, state}
  def handle_info(:later, state) do
    Task.start(fn -> Logger.warning("late") end)
    {:noreply, state}
  end
  # vintage_net_wifi's mock: the line is written to a socket, and what it sets off is logged elsewhere.
  def send_message(pid, message), do: GenServer.cast(pid, {:write_line, message})
  def handle_info({:send_message, message}, %{socket: socket, path: path} = state) do
    :gen_udp.send(socket, {:local, path}, 0, message)
    {:noreply, state}
  end
  def handle_cast({:write_line, message}, %{socket: socket, path: path} = state) do
    :gen_udp.send(socket, {:local, path}, 0, message)
    {:noreply, state}
  end
  def handle_info(message, state) do
    Logger.warning("unexpected: " <> inspect(message))
    {:noreply, state}
  end
end
`;
    const body = `  test "logs a message it does not expect" do
    {:ok, pid} = GenServer.start_link(App.Monitor, [])
    log =
      capture_log(fn ->
        send(pid, :unknown)
        Process.sleep(100)
      end)
    assert log =~ "unexpected"
  end

  test "logs from a task it starts" do
    {:ok, pid} = GenServer.start_link(App.Monitor, [])
    log =
      capture_log(fn ->
        send(pid, :later)
        Process.sleep(100)
      end)
    assert log =~ "late"
  end

  test "logs what the peer answers" do
    {:ok, pid} = GenServer.start_link(App.Monitor, [])
    log =
      capture_log(fn ->
        send(pid, {:send_message, "BSS 1"})
        Process.sleep(100)
      end)
    assert log =~ "Ignoring error"
  end

  test "logs what the peer answers, sent through the mock's API (a cast, whatever its name)" do
    {:ok, pid} = GenServer.start_link(App.Monitor, [])
    log =
      capture_log(fn ->
        App.Monitor.send_message(pid, "BSS 1")
        Process.sleep(100)
      end)
    assert log =~ "Ignoring error"
  end`;
    const { report } = await scan({ root: project({ 'lib/app/monitor.ex': server, 'test/app/monitor_test.exs': testModule(body, 'App.MonitorTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [9, 'sync_barrier', 'review', 'waits for `send` to `pid` (line 8); the `capture_log` around it checks what that process logs while handling it'],
      [19, 'manual', null, 'last line inside `capture_log`: gives other processes time to write the lines asserted on line 21, and nothing says when they have'],
      [29, 'manual', null, 'last line inside `capture_log`: gives other processes time to write the lines asserted on line 31, and nothing says when they have'],
      [39, 'manual', null, 'last line inside `capture_log`: gives other processes time to write the lines asserted on line 41, and nothing says when they have'],
    ]);
  });

  it('of a sleep before a message from one of several processes started in a row say the sleep also gave the others time, and it is not safe', async () => {
    const body = `  test "every child adds its attribute" do
    pid = self()
    Task.start(fn -> Tracer.add(a: 1); send(pid, :next) end)
    Task.start(Worker, :add, [:b])
    Process.sleep(100)
    assert_received :next
  end

  test "one child reports" do
    pid = self()
    Task.start(fn -> Tracer.add(a: 1); send(pid, :next) end)
    Process.sleep(100)
    assert_received :next
  end`;
    const { report } = await scan({ root: project({ 'test/app/children_test.exs': testModule(body, 'App.ChildrenTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [
        8,
        'assert_receive',
        'review',
        'next line (9) checks the mailbox without waiting: `assert_received :next`; lines 6–7 start 2 processes, and the sleep also gave those that send nothing time to work',
      ],
      [15, 'assert_receive', 'safe', 'next line (16) checks the mailbox without waiting: `assert_received :next`'],
    ]);
  });

  it("of a sleep before a check that a timestamp is unchanged say no write happened, which held before it (realtime's reconciler)", async () => {
    const reconciler = [
      'defmodule App.Reconciler do',
      '  def reconcile(tenant) do',
      '    Task.start(fn -> App.Tenants.touch(tenant) end)',
      '    :ok',
      '  end',
      'end',
    ].join('\n');
    const body = `  test "reconciling a current tenant writes nothing", %{tenant: tenant} do
    assert :ok = App.Reconciler.reconcile(tenant)
    Process.sleep(200)
    reloaded = App.Tenants.get(tenant.id)
    assert reloaded.updated_at == tenant.updated_at
  end`;
    const { report } = await scan({ root: project({ 'lib/app/reconciler.ex': reconciler, 'test/app/reconciler_test.exs': testModule(body, 'App.ReconcilerTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'manual', 'line 8 checks that a timestamp is unchanged: no write happened, which held before the sleep; the sleep gives a wrong one time to happen, and no event says it never will'],
    ]);
  });

  it('of a sleep before death checks in a loop say each process dies on its own time; a `for` of them is polled whole', async () => {
    const body = `  test "untracked processes are stopped", %{pids: pids} do
    Enum.each(pids, &App.Tracker.untrack/1)
    Process.sleep(150)
    Enum.each(pids, fn pid -> refute Process.alive?(pid) end)
  end

  test "untracked processes are stopped, checked in a for", %{pids: pids} do
    Enum.each(pids, &App.Tracker.untrack/1)
    Process.sleep(150)
    for pid <- pids, do: refute(Process.alive?(pid))
  end`;
    const { report } = await scan({ root: project({ 'test/app/tracker_test.exs': testModule(body, 'App.TrackerTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'manual', 'line 7 checks in a loop that processes have died: each dies on its own time, and no one event covers them all'],
      [12, 'wait_for', 'polls state: line 13 refutes `Process.alive?(pid)` for each of `pids`'],
    ]);
  });

  it("of a sleep last in a fn a function of the test's own runs in place say that function goes on after it (hedwig's capture helper)", async () => {
    const body = `  test "the console prints what it is told" do
    output =
      capture_plain(fn ->
        App.Console.start_link("bot")
        Process.sleep(10)
      end)

    assert output =~ "bot"
  end

  defp capture_plain(fun), do: fun |> ExUnit.CaptureIO.capture_io() |> String.trim()

  # con_cache: through a loop inside the fn, the sleep ends each round of it.
  test "workers write in turn" do
    assert conduct(fn ets ->
             Enum.each(1..2, fn _ ->
               App.Console.start_writer(ets)
               :timer.sleep(100)
             end)
           end) == [{0, 36}]
  end

  defp conduct(fun) do
    ets = :ets.new(:results, [:public])
    fun.(ets)
    :ets.tab2list(ets)
  end`;
    const { report } = await scan({ root: project({ 'test/app/console_test.exs': testModule(body, 'App.ConsoleTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [8, 'manual', 'last line inside the function handed to `capture_plain`: gives what it started time to finish before `capture_plain` goes on, and nothing says when it has'],
      [21, 'manual', 'last line inside the function handed to `conduct` (inside `Enum.each`): gives what it started time to finish before `conduct` goes on, and nothing says when it has'],
    ]);
  });
  it('of a sleep after a slow spawned process was killed do not say it times the test against that work (file_system)', async () => {
    const root = project({
      'test/watch_test.exs': testModule(`  test "a dead subscriber is dropped", %{pid: pid} do
    subscriber =
      spawn(fn ->
        Watcher.subscribe(pid)
        :timer.sleep(10_000)
      end)

    Process.exit(subscriber, :kill)
    refute Process.alive?(subscriber)
    :timer.sleep(200)
    File.touch("b")
    assert_receive {:file_event, ^pid, _}, 5000
  end`),
    });
    const { report } = await scan({ root });
    const sleep = report.findings.find((f) => f.line === 13)!;
    expect(sleep).toMatchObject({ verdict: 'problematic', fix: 'manual' });
    expect(sleep.reason).not.toMatch(/spawned on line/);
  });
  it("of a sleep before Swoosh's mailbox checks say they do not wait, and what they are underneath (swoosh)", async () => {
    const body = [
      '  test "an email sent from a task" do',
      '    Task.start(fn -> Mailer.deliver(welcome_email()) end)',
      '    Process.sleep(100)',
      '    assert_email_sent(subject: "Welcome")',
      '  end',
      '',
      '  test "no email from a task that fails" do',
      '    Task.start(fn -> Mailer.deliver(broken_email()) end)',
      '    Process.sleep(100)',
      '    assert_no_email_sent()',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/mail_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'manual', "line 7 checks the mailbox without waiting (`assert_email_sent` is Swoosh's `assert_received {:email, …}`): the sleep gives the email time to arrive; `assert_receive {:email, email}` in its place would wait only until it does, with the check then made on `email`"],
      [12, 'manual', "line 13 checks the mailbox without waiting (`assert_no_email_sent` is Swoosh's `refute_received {:email, _}`): the sleep is the time an email had to arrive, and no event says none will"],
    ]);
  });
  it('of sleeps that sample inside a rate window say so, and of a loop whose rounds add up to the window say that (keila)', async () => {
    const body = [
      '  test "rate limit sampled", %{table: table} do',
      '    Limiter.configure(table, rate_limit_per_second: 5)',
      '    Process.sleep(200)',
      '    assert Limiter.tokens(table) == 1',
      '  end',
      '',
      '  test "tokens are refilled", %{table: table} do',
      '    Limiter.configure(table, rate_limit_per_second: 5)',
      '    for _n <- 1..5 do',
      '      Limiter.consume(table, 1)',
      '      Process.sleep(200)',
      '    end',
      '    assert Limiter.tokens(table) == 5',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/limiter_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [6, 'rate_window', 'samples inside the 1000 ms window set on line 5 (`rate_limit_per_second: 5`); test name mentions “rate”'],
      [14, 'rate_window', 'its 5 rounds of 200 ms wait out the 1000 ms window set on line 11 (`rate_limit_per_second: 5`); test name mentions “refilled”'],
    ]);
  });

  it('call a sleep that is all its test does slow on purpose (mix-test.watch), only at the top of the test, not first in a receive clause (honeydew)', async () => {
    const body = [
      '  test "a dot after 10 ms" do',
      '    Process.sleep(10)',
      '    nil',
      '  end',
      '',
      '  test "a dot after 20 ms" do',
      '    Process.sleep(20)',
      '  end',
      '',
      '  test "the queue survives", %{queue: queue} do',
      '    Queue.resume(queue)',
      '    receive do',
      '      :still_here ->',
      '        Process.sleep(50)',
      '        :ok',
      '    end',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/queue_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.reason])).toEqual([
      [5, 'load_sim', 'the sleep is all the test does: a test slow on purpose, for whatever watches the suite run (a formatter, a watcher, `--slowest`)'],
      [10, 'load_sim', 'the sleep is all the test does: a test slow on purpose, for whatever watches the suite run (a formatter, a watcher, `--slowest`)'],
      [17, 'manual', 'first statement: nothing before it starts work to wait for; next is `:ok`'],
    ]);
  });

  it('of a sleep that ends a setup after killing a server by its name say it waits for the replacement (ex-tackle)', async () => {
    const body = [
      '  setup_all do',
      '    Process.whereis(Bus.Connection) |> Process.exit(:kill)',
      '    :timer.sleep(100)',
      '  end',
      '',
      '  test "publishes through the connection" do',
      '    assert :ok = Bus.Connection.publish("hi")',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/bus_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'manual', 'at the end of setup: line 5 stops `Process.whereis(Bus.Connection)`, found by its registered name, and the sleep waits for its supervisor to register a replacement under that name; no event says when it has: wait until the name holds a new pid'],
    ]);
  });

  it('of a sleep outside any test say what started before it, or that nothing did (graph_conn)', async () => {
    const helper = ['ExUnit.start()', '', ':app', '|> Application.get_env(Conn.Handler)', '|> Conn.Handler.start_link()', '', 'Process.sleep(1900)', ''].join('\n');
    const other = ['ExUnit.start()', 'Process.sleep(100)', ''].join('\n');
    const { report } = await scan({ root: project({ 'test/test_helper.exs': helper, 'apps/b/test/test_helper.exs': other }) });
    expect(report.findings.map((f) => [f.file, f.line, f.fix, f.reason])).toEqual([
      ['apps/b/test/test_helper.exs', 2, 'manual', 'outside any test, setup or function: nothing before it starts work to wait for, and no rewrite is written there'],
      ['test/test_helper.exs', 7, 'manual', 'outside any test, last: gives what `Conn.Handler.start_link` started on line 5 time to get ready before the tests run, and no event says when it is; no rewrite is written outside a test'],
    ]);
  });

  it('of a sleep after GenServer.start_link of a server whose init arms a timer through a function of its own, not say the start did the work (ex_scheduler)', async () => {
    const lib = [
      'defmodule Beacon.CronWorker do',
      '  # ex_scheduler: init/1 hands the state to a function of the module that arms the first run.',
      '  use GenServer',
      '',
      '  def init(jobs), do: {:ok, jobs |> new_state() |> schedule_next_job()}',
      '',
      '  defp new_state(jobs), do: %{jobs: jobs}',
      '',
      '  defp schedule_next_job(state) do',
      '    Process.send_after(self(), :work, 1000)',
      '    state',
      '  end',
      '',
      '  def handle_info(:work, state) do',
      '    :ets.insert(:cron_runs, {:run, System.monotonic_time()})',
      '    {:noreply, schedule_next_job(state)}',
      '  end',
      'end',
      '',
      'defmodule Beacon.QuietWorker do',
      '  use GenServer',
      '',
      '  def init(jobs), do: {:ok, new_state(jobs)}',
      '',
      '  defp new_state(jobs), do: %{jobs: jobs}',
      '',
      '  def handle_call(:jobs, _from, state), do: {:reply, state.jobs, state}',
      'end',
    ].join('\n');
    const test = [
      'defmodule Beacon.CronWorkerTest do',
      '  use ExUnit.Case',
      '',
      '  test "runs the job a second after the start" do',
      '    :ets.new(:cron_runs, [:named_table, :public, :duplicate_bag])',
      '    GenServer.start_link(Beacon.CronWorker, [%{cron: "* * * * * *"}])',
      '    Process.sleep(1_100)',
      '    runs = :ets.lookup(:cron_runs, :run)',
      '    assert length(runs) == 1',
      '  end',
      '',
      '  test "near miss: a start whose init arms nothing" do',
      '    {:ok, pid} = GenServer.start_link(Beacon.QuietWorker, [:a])',
      '    Process.sleep(100)',
      '    assert GenServer.call(pid, :jobs) == [:a]',
      '  end',
      'end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/workers.ex': lib, 'test/cron_test.exs': test }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [7, 'poll_with_timeout', 'line 8 matches `runs` on `:ets.lookup(:cron_runs, :run)` and later lines use `runs`'],
      [14, 'remove', 'follows only synchronous work: `GenServer.start_link` on line 13 returns when it is done'],
    ]);
  });

  it('of a helper the tests only name in a module-function tuple handed to a call say that call runs it (chaperon)', async () => {
    const body = [
      '  def async_fun(session, duration) do',
      '    Process.sleep(duration)',
      '    session',
      '  end',
      '',
      '  test "async times out", %{session: session} do',
      '    assert {:timeout, _} = catch_exit(session |> Session.async({__MODULE__, :async_fun}, [500], :slow) |> Session.await(:slow))',
      '  end',
      '',
      '  def applied(duration) do',
      '    Process.sleep(duration)',
      '  end',
      '',
      '  test "applies in place" do',
      '    apply(__MODULE__, :applied, [10])',
      '    assert true',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/session_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.reason])).toEqual([
      [5, 'timeout_sim', 'slow work inside `async_fun`, which the tests only hand to `Session.async`; line 10 expects a timeout (`catch_exit`)'],
      [14, 'manual', 'helper `applied` waits as long as `duration` says; every caller waits through it'],
    ]);
  });

  it('of a sleep before a check made the other way before it not say it follows only synchronous work (roger)', async () => {
    const lib = [
      'defmodule Jobs.NodeInfo do',
      '  def running, do: :ets.tab2list(:running) |> Enum.map(&elem(&1, 0))',
      '  def waiting, do: :ets.tab2list(:waiting) |> Enum.map(&elem(&1, 0))',
      'end',
    ].join('\n');
    const body = [
      '  test "restarts after a stop" do',
      '    assert !Enum.member?(Jobs.NodeInfo.running(), :app)',
      '    assert Enum.member?(Jobs.NodeInfo.waiting(), :app)',
      '    :timer.sleep(4000)',
      '    assert Enum.member?(Jobs.NodeInfo.running(), :app)',
      '  end',
      '',
      '  test "near miss: the same check again" do',
      '    assert Enum.member?(Jobs.NodeInfo.waiting(), :app)',
      '    :timer.sleep(100)',
      '    assert Enum.member?(Jobs.NodeInfo.running(), :app)',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/node_info.ex': lib, 'test/partition_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([
      [7, 'wait_for'],
      [13, 'remove'],
    ]);
  });

  it('not take a noun the check after the sleep reads back for a time waited out, only a state of expiry (LCRDT)', async () => {
    const body = [
      '  test "commit, no crashes" do',
      '    Counter.request_leases(@foo, 1)',
      '    :timer.sleep(@delay)',
      '    assert foo_leases(@baz) == 1',
      '  end',
      '',
      '  test "a key is gone later", %{cache: cache} do',
      '    Cache.put(cache, :k, 1)',
      '    :timer.sleep(@delay)',
      '    assert Cache.expired?(cache, :k)',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/tpc_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.verdict, f.category ?? f.fix])).toEqual([
      [6, 'problematic', 'wait_for'],
      [12, 'legitimate', 'ttl'],
    ]);
  });

  it("of a sleep after the start of the project's own application not say the start did the work (roger)", async () => {
    const mix = 'defmodule Jobs.MixProject do\n  use Mix.Project\n  def project, do: [app: :jobs, version: "0.1.0"]\nend\n';
    const lib = 'defmodule Jobs.NodeInfo do\n  def running, do: :ets.tab2list(:running)\nend\n';
    const body = [
      '  test "starts the configured partitions" do',
      '    :ok = Application.stop(:jobs)',
      '    :ok = Application.start(:jobs)',
      '    :timer.sleep(200)',
      '    assert Jobs.NodeInfo.running() != []',
      '  end',
      '',
      '  test "near miss: another application" do',
      '    :ok = Application.start(:logger)',
      '    :timer.sleep(200)',
      '    assert Jobs.NodeInfo.running() != []',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'mix.exs': mix, 'lib/node_info.ex': lib, 'test/jobs_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [7, 'wait_for', "polls state: after `Application.start` (it starts the project's own application, whose servers may leave work running) on line 6, line 8 asserts `Jobs.NodeInfo.running() != []`"],
      [13, 'remove', 'follows only synchronous work: `Application.start` on line 12 returns when it is done'],
    ]);
  });

  it('of a millisecond between two casts of the same call not speak of timestamps: the server needs the time (telemetry_influxdb)', async () => {
    const lib = [
      'defmodule Metrics.BatchReporter do',
      '  use GenServer',
      '',
      '  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)',
      '  def enqueue_event(reporter, event), do: GenServer.cast(reporter, {:enqueue, event})',
      '',
      '  def init(opts), do: {:ok, %{report_fn: opts[:report_fn], events: [], scheduled: false}}',
      '',
      '  def handle_cast({:enqueue, event}, state) do',
      '    unless state.scheduled, do: send(self(), :report_events)',
      '    {:noreply, %{state | events: state.events ++ [event], scheduled: true}}',
      '  end',
      '',
      '  def handle_info(:report_events, state) do',
      '    state.report_fn.(state.events)',
      '    {:noreply, %{state | events: [], scheduled: false}}',
      '  end',
      'end',
    ].join('\n');
    const test = [
      'defmodule Metrics.BatchReporterTest do',
      '  use ExUnit.Case',
      '',
      '  test "reports events in batches" do',
      '    pid = self()',
      '    {:ok, reporter} = Metrics.BatchReporter.start_link(report_fn: &send(pid, {:report, &1}))',
      '    Metrics.BatchReporter.enqueue_event(reporter, "event 1")',
      '    Process.sleep(1)',
      '    Metrics.BatchReporter.enqueue_event(reporter, "event 2")',
      '    Metrics.BatchReporter.enqueue_event(reporter, "event 3")',
      '    assert_receive {:report, ["event 1"]}',
      '    assert_receive {:report, ["event 2", "event 3"]}',
      '  end',
      'end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/batch.ex': lib, 'test/batch_test.exs': test }) });
    expect(report.findings.map((f) => [f.line, f.verdict, f.fix])).toEqual([[8, 'problematic', 'manual']]);
  });

  it('of a sleep before a chain of mailbox checks with lines between say a later one is not waited for, and it is not safe (reencodarr)', async () => {
    const body = [
      '  test "retries with lower targets", %{video: video} do',
      '    GenServer.cast(CrfSearch, {:crf_search, video, 95})',
      '    Process.sleep(1500)',
      '    assert_received {:open_port_call, 1, first_args}',
      '    assert find_arg(first_args, "--min-vmaf") == "95"',
      '    assert_received {:open_port_call, 2, retry_args}',
      '    assert find_arg(retry_args, "--min-vmaf") == "94"',
      '  end',
      '',
      '  test "near miss: the checks in one run", %{video: video} do',
      '    GenServer.cast(CrfSearch, {:crf_search, video, 95})',
      '    Process.sleep(1500)',
      '    assert_received {:open_port_call, 1, _}',
      '    assert_received {:open_port_call, 2, _}',
      '  end',
      '',
      '  test "near miss: a later check of what a later act sends", %{video: video} do',
      '    GenServer.cast(CrfSearch, {:crf_search, video, 95})',
      '    Process.sleep(1500)',
      '    assert_received {:open_port_call, 1, _}',
      '    send(self(), {:store, 99})',
      '    assert_received {:store, _}',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/crf_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [6, 'assert_receive', 'review', 'next line (7) checks the mailbox without waiting: `assert_received {:open_port_call, 1, first_args}`; line 9 checks the mailbox again without waiting (`assert_received {:open_port_call, 2, re…`), for a message that may come after the first, which the sleep also gave time'],
      [15, 'assert_receive', 'safe', 'next line (16) checks the mailbox without waiting: `assert_received {:open_port_call, 1, _}`'],
      [22, 'assert_receive', 'safe', 'next line (23) checks the mailbox without waiting: `assert_received {:open_port_call, 1, _}`'],
    ]);
  });

  it('of a sleep before a read and check made before it under other names say it checks again (pidro)', async () => {
    const body = [
      '  test "player is NOT removed from waiting room after disconnect" do',
      '    {:ok, room} = RoomManager.create_room("user1", %{})',
      '    :ok = RoomManager.handle_player_disconnect(room.code, "user2")',
      '    {:ok, disconnected_room} = RoomManager.get_room(room.code)',
      '    assert Positions.has_player?(disconnected_room, "user2")',
      '    Process.sleep(100)',
      '    {:ok, final_room} = RoomManager.get_room(room.code)',
      '    assert Positions.has_player?(final_room, "user2")',
      '  end',
      '',
      '  test "near miss: another check after the same read", %{room: room} do',
      '    {:ok, before_room} = RoomManager.get_room(room.code)',
      '    assert Positions.has_player?(before_room, "user2")',
      '    :ok = RoomManager.start_game(room.code)',
      '    Process.sleep(100)',
      '    {:ok, final_room} = RoomManager.get_room(room.code)',
      '    assert final_room.status == :playing',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/room_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [9, 'manual', 'line 10 checks again what line 7 checked before the sleep: it gives something time to change it, and no event says when that would be'],
      [18, 'poll_with_timeout', 'line 19 matches `{:ok, final_room}` on `RoomManager.get_room(room.code)` and later lines use `final_room`'],
    ]);
  });

  it('name the request tasks already make, when the check makes it again', async () => {
    const body = [
      '  test "a third request is turned away" do',
      '    t1 = Task.async(fn -> conn("GET", "/feed?live") |> Router.call([]) end)',
      '    t2 = Task.async(fn -> conn("GET", "/feed?live") |> Router.call([]) end)',
      '    Process.sleep(100)',
      '    assert %{status: 503} = conn("GET", "/feed?live") |> Router.call([])',
      '    Task.await_many([t1, t2])',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/gate_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [7, 'manual', 'line 8 makes again what the work started on line 6 does (`Router.call`): it is the act under test, and a poll would repeat it, competing with that work; no event the test sees says when the work has got that far'],
    ]);
  });

  it("call a fixed wait in a module of test utilities a helper's, not work the tests hand out", async () => {
    const utils = ['defmodule AppTest.Utils do', '  def settle(n \\\\ 3)', '  def settle(0), do: :ok', '', '  def settle(n) do', '    Store.flush()', '    :timer.sleep(10)', '    settle(n - 1)', '  end', 'end'].join('\n');
    const tests = testModule('  import AppTest.Utils\n\n  test "stays empty" do\n    settle()\n    assert Store.count() == 0\n  end');
    const { report } = await scan({ root: project({ 'test/support/utils.ex': utils, 'test/store_test.exs': tests }) });
    expect(report.findings.map((f) => [f.file, f.line, f.fix, f.reason])).toEqual([['test/support/utils.ex', 7, 'manual', 'helper `settle` waits a fixed time; every caller waits through it']]);
  });

  it("call the interval of a helper that runs the check it is handed every round a poll's: it checks that the condition keeps holding (appsignal's `repeatedly`)", async () => {
    const utils = ['defmodule AppTest.Utils do', '  def repeatedly(assertion, retries \\\\ 3)', '  def repeatedly(_assertion, 0), do: :ok', '', '  def repeatedly(assertion, retries) do', '    assertion.()', '    :timer.sleep(10)', '    repeatedly(assertion, retries - 1)', '  end', 'end'].join('\n');
    const tests = testModule('  import AppTest.Utils\n\n  test "stays empty" do\n    repeatedly(fn -> assert Store.count() == 0 end)\n  end');
    const { report } = await scan({ root: project({ 'test/support/utils.ex': utils, 'test/store_test.exs': tests }) });
    expect(report.findings.map((f) => [f.file, f.line, f.category, f.reason])).toEqual([
      ['test/support/utils.ex', 7, 'poll_interval', 'interval inside `repeatedly`, which runs `assertion` it is handed each round: a check that the condition keeps holding'],
    ]);
  });

  it("cite the line that expects a timeout, not the test's own head that names it", async () => {
    const body = [
      '  test ":receive_timeout" do',
      '    url = start_server(fn socket ->',
      '      Process.sleep(1000)',
      '      :gen_tcp.send(socket, "ok")',
      '    end)',
      '',
      '    {:error, err} = Client.get(url, receive_timeout: 50)',
      '    assert err == %Client.Error{reason: :timeout}',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/client_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [6, 'timeout_sim', 'slow work inside a function handed to `start_server`; test name mentions “timeout” and line 11 expects a timeout (`:timeout`)'],
    ]);
  });
  it('of a barrier after a cast whose handler is in no module the message was traced to are review (opq)', async () => {
    const api = [
      'defmodule Queue do',
      '  def start(opts), do: Queue.Feeder.start_link(opts)',
      '  def enqueue(feeder, job), do: GenStage.cast(feeder, {:enqueue, job})',
      '  def info(feeder), do: GenStage.call(feeder, :info)',
      'end',
    ].join('\n');
    const body = [
      '  test "a queued job", %{feeder: feeder} do',
      '    Queue.enqueue(feeder, fn -> :ok end)',
      '    Process.sleep(5)',
      '    assert Queue.info(feeder) != nil',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/queue.ex': api, 'test/queue_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [6, 'sync_barrier', 'review', 'waits for `Queue.enqueue` (a cast underneath) to `feeder` (line 5); line 7 checks the same process; `Queue` does not handle the message itself, so what the process that does sets off is not read'],
    ]);
  });

  it('of a sleep last in a capture read only by the checks before the name is bound again, and by asserts, say what must come (ecto_watch)', async () => {
    const body = [
      '  test "logs each step" do',
      '    log =',
      '      capture_log(fn ->',
      '        App.Repo.touch(:things)',
      '        Process.sleep(1_000)',
      '      end)',
      '',
      '    assert log =~ "notified"',
      '',
      '    log =',
      '      capture_log(fn ->',
      '        App.Repo.touch(:quiet)',
      '        Process.sleep(1_000)',
      '      end)',
      '',
      '    refute log =~ "notified"',
      '  end',
      '',
      '  test "logs the warning and not the trigger" do',
      '    log =',
      '      capture_log(fn ->',
      '        App.Repo.touch(:things)',
      '        Process.sleep(500)',
      '      end)',
      '',
      '    assert log =~ "extra triggers"',
      '    refute log =~ "partition"',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/app/log_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [8, 'manual', 'last line inside `capture_log`: gives other processes time to write the lines asserted on line 11, and nothing says when they have'],
      [16, 'manual', 'last line inside `capture_log`, whose output a refutation checks after it: the sleep is the window for a line that must not come, and no event says none will'],
      [26, 'manual', 'last line inside `capture_log`: gives other processes time to write the lines asserted on line 29 (and refuted on line 30), and nothing says when they have'],
    ]);
    // The window (line 16) is the test's meaning; the other two wait for lines an event could announce.
    expect(report.summary.removable_ms).toBe(1_500);
  });

  it("count a project module that is a Task among a supervisor's children as work that runs on (ecto_watch's validator)", async () => {
    const validator = `defmodule App.TriggerValidator do
  use Task, restart: :transient
  def start_link(_), do: Task.start_link(__MODULE__, :run, [nil])
  def run(_), do: App.Repo.drop_extra_triggers()
end
`;
    const supervisor = `defmodule App.Watch do
  use Supervisor
  def start_link(opts), do: Supervisor.start_link(__MODULE__, opts)
  def init(opts) do
    children = [
      {App.WatcherSupervisor, opts},
      {App.TriggerValidator, nil}
    ]

    Supervisor.init(children, strategy: :rest_for_one)
  end
end
`;
    const tests = testModule(`  test "drops extra triggers" do
    start_supervised!({App.Watch, repo: App.Repo})
    Process.sleep(2_000)
    assert App.Schema.leftovers() == []
  end`);
    const { report } = await scan({ root: project({ 'lib/app/trigger_validator.ex': validator, 'lib/app/watch.ex': supervisor, 'test/app/watch_test.exs': tests }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'wait_for', 'polls state: after `App.Watch.init/1` (it calls `App.TriggerValidator.start_link`) on line 5, line 7 asserts `App.Schema.leftovers() == []`; a check for an idle state may hold before anything happened, and then the poll passes at once'],
    ]);
  });

  it("of a sleep after the VM's own setters say they are done when they return (nerves_ssh)", async () => {
    const body = [
      '  test "restarts cleanly" do',
      '    assert :ok == Application.stop(:app)',
      '    Application.put_all_env(app: [])',
      '    Process.sleep(25)',
      '  end',
      '',
      '  test "reads the environment" do',
      '    System.put_env("APP_MODE", "strict")',
      '    Process.sleep(25)',
      '    assert App.Config.mode() == :strict',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/app/env_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [7, 'remove', 'follows only synchronous work: `Application.put_all_env` on line 6 returns when it is done'],
      [12, 'remove', 'follows only synchronous work: `System.put_env` on line 11 returns when it is done'],
    ]);
  });

  it('of a poll whose folded check is a cast written as an assertion decline it, which would act again each round (kafee)', async () => {
    const worker = `defmodule App.AsyncWorker do
  use GenServer
  def queue(pid, messages), do: GenServer.cast(pid, {:queue, messages})
  def handle_cast({:queue, messages}, state), do: {:noreply, Map.update!(state, :queue, &(&1 ++ messages))}
end
`;
    const body = [
      '  test "tracks the offset", %{pid: pid, topic: topic} do',
      '    assert :ok = App.AsyncWorker.queue(pid, [App.Fixtures.message(topic)])',
      '    Process.sleep(500)',
      '    more = App.Fixtures.messages(topic, 20)',
      '    assert :ok = App.AsyncWorker.queue(pid, more)',
      '    Process.sleep(500)',
      '    assert App.Offsets.last(topic) >= 1',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/app/async_worker.ex': worker, 'test/app/async_worker_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([
      [6, 'manual'],
      [9, 'wait_for'],
    ]);
  });

  it('of a sleep before messages from a process that then exits, checked gone, are review; bindings before the message checks are passed over (porcelain)', async () => {
    const body = [
      '  test "each filter answers and ends", %{filters: filters} do',
      '    Enum.each(filters, fn {proc, _} -> Proc.send_input(proc, "") end)',
      '    :timer.sleep(100)',
      '    assert_receive {:filter_s, "squeak\\n"}',
      '    Enum.each(filters, fn {proc, _} -> refute Proc.alive?(proc) end)',
      '  end',
      '',
      '  test "answers on both streams", %{proc: proc} do',
      '    Proc.send_input(proc, "foo\\n")',
      '    :timer.sleep(100)',
      '    proc_pid = proc.pid',
      '    assert_receive {^proc_pid, :data, :out, "foo\\n"}',
      '    refute_receive _',
      '    refute Proc.alive?(proc)',
      '  end',
      '',
      '  test "a stop the test makes itself", %{pid: pid} do',
      '    send(pid, :report)',
      '    :timer.sleep(100)',
      '    assert_receive :reported',
      '    GenServer.stop(pid)',
      '    refute Process.alive?(pid)',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/app/filter_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [6, 'assert_receive', 'review', 'next line (7) already waits: `assert_receive {:filter_s, "squeak\\n"}`; line 8 checks that a process is gone, and one that sends and then exits may still be alive when its message comes: the sleep also gave it time to end'],
      [13, 'assert_receive', 'safe', 'line 15 already waits: `assert_receive {^proc_pid, :data, :out, "foo\\n"}`'],
      [22, 'assert_receive', 'safe', 'next line (23) already waits: `assert_receive :reported`'],
    ]);
  });

  it("of a sleep before a call, through the started module's API, to a server whose init sent itself its work say the call waits (toniq)", async () => {
    const keepalive = `defmodule App.Keepalive do
  use GenServer
  def start_link(name \\\\ __MODULE__), do: GenServer.start_link(__MODULE__, %{id: make_ref()}, name: name)
  def identifier(name \\\\ __MODULE__), do: GenServer.call(name, :identifier)
  def init(state) do
    send(self(), :register_vm)
    {:ok, state}
  end
  def handle_call(:identifier, _from, state), do: {:reply, state.id, state}
  def handle_info(:register_vm, state) do
    App.Store.register(state.id)
    {:noreply, state}
  end
end
`;
    const body = [
      '  test "registers itself" do',
      '    {:ok, _pid} = App.Keepalive.start_link(:test_keepalive)',
      '    # wait for init to complete',
      '    :timer.sleep(1)',
      '    identifier = App.Keepalive.identifier(:test_keepalive)',
      '    assert App.Store.registered() == [identifier]',
      '  end',
      '',
      '  test "another server asked" do',
      '    {:ok, _pid} = App.Keepalive.start_link(:test_keepalive)',
      '    :timer.sleep(1)',
      '    identifier = App.Keepalive.identifier(:other)',
      '    assert App.Store.registered() == [identifier]',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/app/keepalive.ex': keepalive, 'test/app/keepalive_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason.split(';')[0]])).toEqual([
      [7, 'remove', 'line 8 calls the server line 5 started (`App.Keepalive.identifier`), which it answers only after the work its init/1 left for later: it waits by itself'],
      [14, 'poll_with_timeout', 'line 15 matches `identifier` on `App.Keepalive.identifier(:other)` and later lines use `identifier`'],
    ]);
  });

  it("of a sleep before Patch's call-history check do not offer meck's wait, and a helper's give-up value is no expected timeout (kafee)", async () => {
    const kase = `defmodule App.KafkaCase do
  use ExUnit.CaseTemplate
  using do
    quote do
      use Patch
    end
  end
end
`;
    const body = [
      '  defmodule LaggyConsumer do',
      '    def handle_message(message) do',
      '      # each message is slow',
      '      Process.sleep(100)',
      '      send(self(), {:consumed, message})',
      '    end',
      '  end',
      '',
      '  test "produces", %{state: state} do',
      '    App.Worker.handle_info(:send, state)',
      '    Process.sleep(500)',
      '    assert_called_once(:brod.produce(_, _, _, _, _))',
      '  end',
      '',
      '  test "lags" do',
      '    assert :ok = poll_until_tick(5)',
      '  end',
      '',
      '  defp poll_until_tick(0), do: {:error, :timeout}',
      '  defp poll_until_tick(n), do: if(LaggyConsumer.lag() > 20, do: :ok, else: poll_until_tick(n - 1))',
    ].join('\n');
    const tests = testModule(body).replace('use ExUnit.Case', 'use App.KafkaCase');
    const { report } = await scan({ root: project({ 'test/support/kafka_case.ex': kase, 'test/app/worker_test.exs': tests }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.reason])).toEqual([
      [7, 'spawned_work', 'simulated work inside callback `handle_message` of LaggyConsumer, not the test\'s own wait'],
      [14, 'manual', "line 15 reads a mock's call history without waiting (`assert_called_once`, Patch's): the sleep gives the call time to be made; Patch has no waiting form of it, but a patched function that also sends the test a message would let `assert_receive` wait only until it is"],
    ]);
  });

  it('of a sleep after a death, before a call to a server that cleans up in its own :DOWN, poll that server (cog)', async () => {
    const tokens = `defmodule App.Tokens do
  use GenServer
  def new, do: GenServer.call(__MODULE__, :new)
  def process_for_token(token), do: GenServer.call(__MODULE__, {:process, token})
  def handle_call(:new, {pid, _}, state) do
    Process.monitor(pid)
    {:reply, make_ref(), state}
  end
  def handle_call({:process, token}, _from, state), do: {:reply, Map.get(state, token, {:error, :unknown_token}), state}
  def handle_info({:DOWN, _ref, :process, pid, _reason}, state), do: {:noreply, Map.reject(state, fn {_, p} -> p == pid end)}
end
`;
    const body = [
      '  test "a token is invalidated when its process exits", %{pid: pid, token: token} do',
      '    send(pid, :exit_normally)',
      '    :timer.sleep(500)',
      '    assert {:error, :unknown_token} = App.Tokens.process_for_token(token)',
      '  end',
      '',
      '  test "the worker is back after a crash" do',
      '    Process.exit(Process.whereis(App.Tokens), :oops)',
      '    :timer.sleep(100)',
      '    refute App.Tokens.process_for_token(:none) == :crashed',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/app/tokens.ex': tokens, 'test/app/tokens_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([
      [6, 'wait_for'],
      [12, 'monitor_down'],
    ]);
  });

  it('read a helper defined inside an ExSpec context as the module\'s, calling its function in place (mojito)', async () => {
    const body = [
      '  use ExSpec',
      '',
      '  context "a pool" do',
      '    defp with_pool(fun) do',
      '      {:ok, pid} = App.Pool.start_link(size: 2)',
      '      fun.(:pool)',
      '      GenServer.stop(pid)',
      '    end',
      '',
      '    it "frees its workers" do',
      '      with_pool(fn pool ->',
      '        spawn(fn -> App.Pool.checkout(pool) end)',
      '        :timer.sleep(1000)',
      '        assert {:ready, 2, 0, 0} = :poolboy.status(pool)',
      '      end)',
      '    end',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/app/pool_test.exs': testModule(body).replace('  use ExUnit.Case\n\n', '') }) });
    expect(report.findings.map((f) => [f.line, f.fix ?? f.category])).toEqual([[14, 'wait_for']]);
  });

  it('of a sleep between a call that timed out and the same call again say it lets the late answer come, and count none of its time (mojito)', async () => {
    const body = [
      '  test "handles requests after a timeout" do',
      '    assert {:error, %{reason: :timeout}} = get("/wait?d=10", timeout: 1)',
      '    Process.sleep(100)',
      '    assert {:ok, %{body: "Hello Alice!"}} = get("?name=Alice")',
      '  end',
      '',
      '  defp get(path, opts \\\\ []), do: App.Client.get("http://localhost:8080" <> path, [], opts)',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/app/client_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'manual', 'line 5 saw `get` time out, and line 7 makes it again, which answers at once: the sleep lets the late answer to the first come before the test goes on, and no event says it has'],
    ]);
    expect(report.summary.removable_ms).toBe(0);
  });

  it("of a spawned receive whose after clause acts say it is a delayed act, not a process kept alive (kitto)", async () => {
    const body = [
      '  test "streams what is broadcast", %{conn: conn} do',
      '    spawn(fn ->',
      '      receive do',
      '      after',
      '        1 -> send(conn.owner, {:misc, :close})',
      '      end',
      '    end)',
      '',
      '    assert App.Router.call(conn, []).state == :chunked',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/app/router_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [6, 'spawned_work', "waits, then its `after` clause calls `send`, inside a function handed to `spawn`: a delayed act, as `Process.send_after` would make; not the test's own wait"],
    ]);
  });

  it("of a sleep before a call to a server whose deferred init work starts another process through a module in a variable do not say the call waits (phoenix_client)", async () => {
    const socket = `defmodule App.Socket do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def connected?(pid), do: GenServer.call(pid, :status) == :connected
  def init(opts) do
    send(self(), :connect)
    {:ok, %{transport: opts[:transport], url: opts[:url], status: :disconnected}}
  end
  def handle_info(:connect, %{transport: transport} = state) do
    {:ok, pid} = transport.open(state.url, [])
    {:noreply, Map.put(state, :transport_pid, pid)}
  end
  def handle_call(:status, _from, state), do: {:reply, state.status, state}
end
`;
    const body = [
      '  test "socket params can be sent" do',
      '    {:ok, socket} = App.Socket.start_link(url: "ws://localhost/reject", transport: App.Transport)',
      '    :timer.sleep(100)',
      '    refute App.Socket.connected?(socket)',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/app/socket.ex': socket, 'test/app/socket_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([[6, 'manual']]);
  });

  it('read `assert not is_nil(x)` as a wait for a value to appear, not for an idle state (keila)', async () => {
    const body = [
      '  test "delivers the campaign", %{id: id} do',
      '    App.Mailings.deliver_async(id)',
      '    :timer.sleep(500)',
      '    assert not is_nil(App.Mailings.get_campaign(id).sent_at)',
      '  end',
      '',
      '  test "clears the queue", %{id: id} do',
      '    App.Mailings.deliver_async(id)',
      '    :timer.sleep(500)',
      '    assert is_nil(App.Mailings.get_campaign(id).queued_at)',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/app/mailings_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [6, 'wait_for', 'safe'],
      [12, 'wait_for', 'review'],
    ]);
  });

  it('of a poll after a stop, before the same module is started again, are review: the stopped server may still hold its name (tv)', async () => {
    const body = [
      '  test "video management", %{id: id, dir: dir} do',
      '    App.Controller.stop(id)',
      '    Process.sleep(200)',
      '    assert {:error, :not_found} == App.Store.get(id)',
      '    assert {:ok, _pid} = App.Controller.start(id, dir)',
      '  end',
      '',
      '  test "video removal", %{id: id} do',
      '    App.Controller.stop(id)',
      '    Process.sleep(200)',
      '    assert {:error, :not_found} == App.Store.get(id)',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/app/controller_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [6, 'wait_for', 'review'],
      [13, 'wait_for', 'safe'],
    ]);
  });

  it('of a sleep that opens a test say it waits for what the setup started, when the setup starts something (exq-scheduler)', async () => {
    const body = [
      '  setup do',
      '    for i <- 0..4 do',
      '      {:ok, _} = start_supervised({App.Scheduler, name: :"scheduler_#{i}"})',
      '    end',
      '',
      '    :ok',
      '  end',
      '',
      '  test "uniqueness" do',
      '    :timer.sleep(2000)',
      '    assert_job_uniqueness()',
      '  end',
    ].join('\n');
    const plain = ['  test "uniqueness" do', '    :timer.sleep(2000)', '    assert_job_uniqueness()', '  end'].join('\n');
    const scheduler = `defmodule App.Scheduler do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])
  def init(opts) do
    Process.send_after(self(), :tick, 1_000)
    {:ok, opts}
  end
end
`;
    const reasons = async (text: string) => (await scan({ root: project({ 'lib/app/scheduler.ex': scheduler, 'test/app/scheduler_test.exs': testModule(text) }) })).report.findings.map((f) => f.reason);
    expect(await reasons(body)).toEqual(['first statement: waits for what the setup started (`start_supervised({App.Scheduler, name: …` on line 6), and no line says what; next is `assert_job_uniqueness()`']);
    // Without the setup, nothing ran before it: the remove rule takes it.
    expect(await reasons(plain)).toEqual(['first statement of the test: nothing before it started work to wait for']);
  });

  it('of a sleep that ends a test whose comment says nothing may fail call it a window, and count none of its time (redix_pubsub)', async () => {
    const body = [
      '  test "unsubscribes when the recipient dies", %{pubsub: pubsub, conn: conn} do',
      '    {:ok, ref} = App.PubSub.subscribe(pubsub, "foo", self())',
      '    # Let us just ensure no errors happen when we kill the recipient.',
      '    Process.exit(ref, :kill)',
      '    # Since the only subscriber went down, we unsubscribe from the channel.',
      '    wait_until_passes(200, fn -> assert App.PubSub.channels(conn) == [] end)',
      '    Process.sleep(100)',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/app/pubsub_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [10, 'manual', 'last statement: the window in which what the test started may still fail it (the comment on line 6 says “Let us just ensure no errors happen when we kill …”), and no event says nothing will'],
    ]);
    expect(report.summary.removable_ms).toBe(0);
  });

  it("of a sleep before a capture whose function acts first not say the receive in it waits by itself (erps)", async () => {
    const body = [
      '  test "the client disconnects when the server dies" do',
      '    {:ok, _daemon} = App.Daemon.start_link(self())',
      '    server = receive do {:server, server} -> server end',
      '    Process.sleep(20)',
      '    log = capture_log(fn ->',
      '      Process.exit(server, :kill)',
      '      assert_receive {:DOWN, _, _, ^server, :killed}, 500',
      '    end)',
      '    assert log =~ "killed"',
      '  end',
      '',
      '  test "the server logs its start" do',
      '    {:ok, _daemon} = App.Daemon.start_link(self())',
      '    Process.sleep(20)',
      '    log = capture_log(fn ->',
      '      assert_receive {:server, _server}, 500',
      '    end)',
      '    assert log == ""',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/app/otp_test.exs': testModule(body) }) });
    const byLine = Object.fromEntries(report.findings.map((f) => [f.line, f.fix]));
    expect(byLine[7]).not.toBe('remove');
    expect(byLine[17]).toBe('remove');
  });

  it("of a run of whole-second sleeps between snapshots say each gets its own second, not that the call's answer must hold (property_table)", async () => {
    const body = [
      '  test "replaces the oldest snapshot", %{table: table} do',
      '    {:ok, _snapshot_id_0} = App.Table.snapshot(table)',
      '    :timer.sleep(1000)',
      '    {:ok, snapshot_id_1} = App.Table.snapshot(table)',
      '    :timer.sleep(1000)',
      '    {:ok, snapshot_id_2} = App.Table.snapshot(table)',
      '',
      '    assert [{^snapshot_id_1, _}, {^snapshot_id_2, _}] = App.Table.get_snapshots(table)',
      '  end',
    ].join('\n');
    const table = 'defmodule App.Table do\n  def snapshot(t), do: GenServer.call(t, :snapshot)\n  def get_snapshots(t), do: GenServer.call(t, :get_snapshots)\nend\n';
    const { report } = await scan({ root: project({ 'lib/app/table.ex': table, 'test/app/persist_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [6, 'time_measurement', '`App.Table.snapshot` on line 5 and again on line 7, whole seconds apart: what each writes gets its own timestamp, to the second'],
      [8, 'time_measurement', '`App.Table.snapshot` on line 7 and again on line 9, whole seconds apart: what each writes gets its own timestamp, to the second'],
    ]);
  });

  it('of a sleep that ends a test under a comment of its own not quote one that speaks of an earlier phase (jido_signal)', async () => {
    const body = [
      '  test "subscribers reconnect", %{bus: bus} do',
      '    # Verify the clients are dead but the subscriptions survive',
      '    assert App.Bus.subscriptions(bus) != []',
      ...Array.from({ length: 12 }, (_, i) => `    App.Bus.publish(bus, [:a${i}])`),
      '    # Give time for signals to be processed',
      '    Process.sleep(200)',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/app/bus_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([[20, 'manual', 'last statement: nothing after it checks anything; the comment above it says “Give time for signals to be processed”']]);
    expect(report.summary.removable_ms).toBe(200);
  });

  it('of a poll followed by the same call matched again, whose bindings later lines check, are review (shoehorn)', async () => {
    const body = [
      '  test "the release boots", %{app_path: app_path} do',
      '    {:ok, _task} = Task.start(fn -> System.cmd(app_path, ["start"]) end)',
      '    :timer.sleep(2000)',
      '    assert {"hello\\n", 0} = System.cmd(app_path, ["rpc", "IO.puts(:hello)"])',
      '    assert {applications, 0} = System.cmd(app_path, ["rpc", "Application.started_applications()"])',
      '    assert applications =~ "release_app"',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/release_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [6, 'wait_for', 'review', 'polls state: after `Task.start` on line 5, line 7 asserts `System.cmd(app_path, ["rpc", "IO.puts(:hello)"])`; line 8 makes the polled call again and later lines check what it binds, which the poll does not wait for'],
    ]);
  });

  it('of a sleep in a route of a test case that is its own Plug router say it is the server side of a request (quickbeam)', async () => {
    const text = `defmodule App.FetchTest do
  use ExUnit.Case
  use Plug.Router

  plug(:match)
  plug(:dispatch)

  get "/slow" do
    Process.sleep(10_000)
    send_resp(conn, 200, "finally!")
  end

  test "aborts a slow fetch" do
    assert {:error, _} = App.Fetch.get("http://localhost:4040/slow", timeout: 100)
  end
end
`;
    const { report } = await scan({ root: project({ 'test/app/fetch_test.exs': text }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [9, 'spawned_work', "simulated work inside App.FetchTest, code the test hands requests to, not the test's own wait"],
    ]);
  });

  it('of a sleep that ends a loop body say the next round comes after it (riemannx)', async () => {
    const body = `  test "can send after waiting for the first flush", %{events: events} do
    for _ <- 1..3 do
      for e <- events, do: Riemannx.send_async(e)
      assert assert_events_received(events, 1000)
      :timer.sleep(batch_interval() + 100)
    end
  end`;
    const { report } = await scan({ root: project({ 'test/riemannx_batch_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [8, 'manual', 'last in a `for` loop body: waits a fixed time before each next round, and no event says when it may go on'],
    ]);
  });

  it('of a sleep in test_helper.exs after starts and before ExUnit.start() name the last start (conejo)', async () => {
    const helper = [
      'Application.ensure_all_started(:courier)',
      '',
      '{:ok, _} = Courier.Publisher.start_link([], name: :publisher)',
      'opts = Application.get_env(:courier, :inbox)',
      '{:ok, _} = Courier.InboxConsumer.start_link(opts, name: :inbox)',
      '',
      'Process.sleep(1_000)',
      '',
      'ExUnit.configure(exclude: [:external])',
      'ExUnit.start()',
      '',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/test_helper.exs': helper }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [7, 'manual', 'outside any test, last before ExUnit starts: gives what `Courier.InboxConsumer.start_link` started on line 5 time to get ready before the tests run, and no event says when it is; no rewrite is written outside a test'],
    ]);
  });

  it('of a sleep at the top of test_helper.exs after a task is started say it is a head start for it (multiverses_pubsub)', async () => {
    const helper = [
      'Task.start_link(fn ->',
      '  System.cmd("epmd", [])',
      'end)',
      '',
      'Process.sleep(100)',
      '{:ok, _} = :net_kernel.start([:primary, :shortnames])',
      'ExUnit.start()',
      '',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/test_helper.exs': helper }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [5, 'manual', 'outside any test: gives what `Task.start_link` started on line 1 a head start before line 6, and no event says when it is ready'],
    ]);
  });

  it('of a sleep before a helper named for a check that polls by itself say the sleep only adds time (lasso), not before one that polls for what it starts (supavisor)', async () => {
    const helper = `defmodule App.BreakerHelper do
  def assert_breaker_state(id, expected, timeout \\\\ 2_000) do
    deadline = System.monotonic_time(:millisecond) + timeout
    do_assert_breaker_state(id, expected, deadline)
  end

  defp do_assert_breaker_state(id, expected, deadline) do
    if App.Breaker.state(id) == expected do
      :ok
    else
      if System.monotonic_time(:millisecond) > deadline, do: raise("breaker not #{expected}")
      Process.sleep(50)
      do_assert_breaker_state(id, expected, deadline)
    end
  end

  def start_container(version) do
    {_, 0} = System.cmd("docker", ["run", "-d", "postgres:#{version}"])
    wait_for_postgres(30)
  end

  defp wait_for_postgres(0), do: raise("postgres did not start")

  defp wait_for_postgres(attempts) do
    case System.cmd("pg_isready", []) do
      {_, 0} -> :ok
      _ ->
        Process.sleep(100)
        wait_for_postgres(attempts - 1)
    end
  end
end`;
    const body = `  test "opens after failures" do
    App.Breaker.force_open(:primary)
    Process.sleep(100)
    App.BreakerHelper.assert_breaker_state(:primary, :open)
  end

  test "a new container serves" do
    App.Tenant.terminate(:primary)
    Process.sleep(20)
    App.BreakerHelper.start_container(16)
  end

  test "failures in one profile do not open the other's breaker" do
    App.Breaker.fail(:other)
    Process.sleep(50)
    App.BreakerHelper.assert_breaker_state(:primary, :closed)
  end`;
    const { report } = await scan({ root: project({ 'test/support/breaker_helper.ex': helper, 'test/app/breaker_test.exs': testModule(body, 'App.BreakerTest') }) });
    expect(report.findings.filter((f) => f.file.endsWith('breaker_test.exs')).map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'remove', 'line 7 waits by itself (`App.BreakerHelper.assert_breaker_state` sleeps and tries again): the sleep only adds time'],
      [12, 'manual', 'no condition to wait on: line 13 (`App.BreakerHelper.start_container(16)`) does not assert what the sleep waits for'],
      [18, 'manual', 'no condition to wait on: line 19 (`App.BreakerHelper.assert_breaker_state(…`) does not assert what the sleep waits for'],
    ]);
  });

  it("of a sleep before a spawned process that polls not say the poll waits for the test (sanbase's second caller, spawned while the first computes)", async () => {
    const cache = `defmodule App.Cache do
  def get_or_store(key, fun) do
    case :ets.insert_new(:locks, {key}) do
      true -> fun.()
      false ->
        Process.sleep(10)
        get_or_store(key, fun)
    end
  end
end`;
    const body = `  test "a late caller gets the first result" do
    me = self()
    spawn(fn -> send(me, {:first, App.Cache.get_or_store(:k, fn -> :first end)}) end)
    Process.sleep(50)
    spawn(fn -> send(me, {:second, App.Cache.get_or_store(:k, fn -> :second end)}) end)
    assert_receive {:second, :first}, 2000
  end

  test "a caller in the test's flow waits by itself" do
    Process.sleep(50)
    assert :v = App.Cache.get_or_store(:k, fn -> :v end)
  end`;
    const { report } = await scan({ root: project({ 'lib/cache.ex': cache, 'test/app/cache_test.exs': testModule(body, 'App.CacheTest') }) });
    expect(report.findings.filter((f) => f.file.endsWith('cache_test.exs')).map((f) => [f.line, f.fix])).toEqual([
      [7, 'manual'],
      [13, 'remove'],
    ]);
  });

  it('of a sleep under a comment that waits for a round of periodic work do not call it removable (lasso probe coordinator)', async () => {
    const lib = `defmodule App.Probes do
  use GenServer
  def start_link(chain), do: GenServer.start_link(__MODULE__, chain)
  @impl true
  def init(chain), do: {:ok, chain}
  @impl true
  def handle_info(:load, chain) do
    Process.send_after(self(), :tick, 200)
    {:noreply, chain}
  end
end

defmodule App.Catalog do
  def instance_ids(chain), do: :ets.lookup(:catalog, chain)
end`;
    const body = (comment: string) => `  test "probes write health after a tick" do
    {:ok, _pid} = start_probes(:chain)
    ids = App.Catalog.instance_ids(:chain)

    # ${comment}
    Process.sleep(500)

    assert Enum.any?(ids, &App.Health.known?/1)
  end

  defp start_probes(chain) do
    {:ok, pid} = App.Probes.start_link(chain)
    send(pid, :load)
    {:ok, pid}
  end`;
    const fixesOf = async (comment: string) => (await scan({ root: project({ 'lib/app/probes.ex': lib, 'test/app/probes_test.exs': testModule(body(comment), 'App.ProbesTest') }) })).report.findings.map((f) => f.fix);
    expect(await fixesOf('Then read what the probes wrote')).toEqual(['remove']);
    expect(await fixesOf('Wait for at least one tick cycle to fire probes')).toEqual(['wait_for']);
    expect(await fixesOf('Wait for the probes to fire')).toEqual(['wait_for']);
  });

  it('of a sleep after a call whose handler writes to a port, or continues into a task, do not call it removable (hermes)', async () => {
    const lib = `defmodule App.Stdio do
  use GenServer
  def send_message(pid, message), do: GenServer.call(pid, {:send, message})
  @impl true
  def init(_), do: {:ok, %{port: Port.open({:spawn, "cat"}, [:binary])}}
  @impl true
  def handle_call({:send, message}, _from, state) do
    Port.command(state.port, message)
    {:reply, :ok, state}
  end
end

defmodule App.Client do
  use GenServer
  def add_root(pid, uri), do: GenServer.call(pid, {:add_root, uri})
  def roots(pid), do: GenServer.call(pid, :roots)
  @impl true
  def init(_), do: {:ok, []}
  @impl true
  def handle_call({:add_root, uri}, _from, roots), do: {:reply, :ok, [uri | roots], {:continue, :roots_changed}}
  def handle_call(:roots, _from, roots), do: {:reply, roots, roots}
  @impl true
  def handle_continue(:roots_changed, roots) do
    Task.start(fn -> App.Transport.notify(:roots_changed) end)
    {:noreply, roots}
  end
end`;
    const body = `  test "forwards data to the client", %{pid: pid} do
    App.Stdio.send_message(pid, "echo test")
    Process.sleep(100)
    assert App.StubClient.get_messages() != []
  end

  test "a root is added", %{client: client} do
    assert :ok = App.Client.add_root(client, "file:///root")
    Process.sleep(50)
    assert App.Client.roots(client) == ["file:///root"]
  end`;
    const { report } = await scan({ root: project({ 'lib/app.ex': lib, 'test/app/transport_test.exs': testModule(body, 'App.TransportTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([
      [6, 'wait_for'],
      [12, 'wait_for'],
    ]);
    expect(report.findings.map((f) => f.reason)).toEqual([
      "polls state: after `App.Stdio.send_message` (its handle_call calls `Port.command`) on line 5, line 7 asserts `App.StubClient.get_messages() != []`",
      'polls state: after `App.Client.add_root` (its handle_call continues in handle_continue, which calls `Task.start`) on line 11, line 13 asserts `App.Client.roots(client) == ["file:///root"]`',
    ]);
  });

  it("of a sleep before assert_receive in a test named for the period of what comes say the merged timeout loosens it, and it is not safe (nerves_heart's watchdog)", async () => {
    const names = ['hw watchdog gets pet every 5 seconds', 'gets pet again'];
    const body = names.flatMap((n) => [`  test "${n}", %{heart: heart} do`, '    assert_receive {:event, "pet(1)"}', '    Process.sleep(5000)', '    assert_receive {:event, "pet(1)"}', '  end', '']).join('\n');
    const { report } = await scan({ root: project({ 'test/heart_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['assert_receive', 'review'], ['assert_receive', 'safe']]);
    expect(report.findings[0]!.reason).toBe('next line (7) already waits: `assert_receive {:event, "pet(1)"}`; the test\'s name (“hw watchdog gets pet every 5 seconds”) speaks of when the message comes, which the sleep may bound and a longer timeout would not');
  });

  it("of a sleep before assert_receive while a verified mock expectation is pending say the sleep also gave it time (hermes's sampling)", async () => {
    const text = (expectation: string) => `defmodule App.SamplingTest do
  use ExUnit.Case
  import Mox
  setup :verify_on_exit!

  test "the sampling callback runs", %{client: client} do
    expect(App.MockTransport, :send_message, fn _, message, _opts ->
      ${expectation}
    end)

    GenServer.cast(client, {:response, %{"method" => "sampling"}})
    Process.sleep(100)
    assert_receive {:sampling_called, _params}
  end
end
`;
    const found = async (expectation: string) => (await scan({ root: project({ 'test/app/sampling_test.exs': text(expectation) }) })).report.findings.map((f) => [f.line, f.fix, f.safety, f.reason]);
    expect(await found('assert message =~ "result"\n      :ok')).toEqual([
      [13, 'assert_receive', 'review', 'next line (14) already waits: `assert_receive {:sampling_called, _params}`; line 7 sets a mock expectation that is verified only when the test ends, and the sleep also gave it time to be met: a message that comes first ends the wait before it'],
    ]);
    // An expectation that reports to the test itself is waited for by an assert_receive of its own.
    expect((await found('send(self(), :sent)\n      :ok')).map(([, , safety]) => safety)).toEqual(['safe']);
  });

  it("of a sleep before a reader a case template imports, which sleeps and reads again, say the sleep only adds time (hermes's get_request_id)", async () => {
    const support = `defmodule App.Case do
  use ExUnit.CaseTemplate

  using do
    quote do
      import App.Setup
    end
  end
end

defmodule App.Setup do
  def get_request_id(client, method, retries \\\\ 5) do
    Process.sleep(15 * retries)
    state = :sys.get_state(client)
    id = Enum.find_value(state.pending, fn {id, request} -> if request.method == method, do: id end)

    cond do
      id != nil -> id
      retries > 0 -> get_request_id(client, method, retries - 1)
      true -> nil
    end
  end
end`;
    const text = `defmodule App.PingTest do
  use App.Case

  test "a ping is sent", %{client: client} do
    task = Task.async(fn -> App.Client.ping(client) end)
    Process.sleep(50)
    request_id = get_request_id(client, "ping")
    assert request_id
    Task.await(task)
  end
end
`;
    const { report } = await scan({ root: project({ 'test/support/case.ex': support, 'test/app/ping_test.exs': text }) });
    expect(report.findings.filter((f) => f.file.endsWith('ping_test.exs')).map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'remove', 'line 7 waits by itself (`get_request_id` sleeps and tries again): the sleep only adds time'],
    ]);
  });

  it("of a sleep before a reader a case template imports, which waits for the message in a receive, say the sleep only adds time (anubis's get_request_id)", async () => {
    const support = `defmodule App.Case do
  use ExUnit.CaseTemplate

  using do
    quote do
      import App.Setup
    end
  end
end

defmodule App.Setup do
  def get_request_id(_client, method, timeout \\\\ 500) do
    deadline = System.monotonic_time(:millisecond) + timeout
    do_get_request_id(method, deadline)
  end

  defp do_get_request_id(method, deadline) do
    remaining = max(deadline - System.monotonic_time(:millisecond), 0)

    receive do
      {:mcp_send, raw} ->
        decoded = JSON.decode!(raw)
        if decoded["method"] == method, do: decoded["id"], else: do_get_request_id(method, deadline)
    after
      remaining -> nil
    end
  end

  def get_sent(_client) do
    receive do
      {:mcp_send, raw} -> raw
    after
      0 -> nil
    end
  end

  # realtime's shape: the wait is two calls down, in one branch, for something else.
  def lookup_connection(tenant) do
    case status(tenant) do
      {:ok, conn} -> {:ok, conn}
      error -> error
    end
  end

  defp status(tenant) do
    case :syn.lookup(:connections, tenant) do
      {pid, %{conn: nil}} -> wait_for_connection(pid)
      {_, %{conn: conn}} -> {:ok, conn}
      :undefined -> {:error, :initializing}
    end
  end

  defp wait_for_connection(pid) do
    receive do
      {:ready, ^pid, conn} -> {:ok, conn}
    after
      5_000 -> {:error, :timeout}
    end
  end
end`;
    const text = `defmodule App.ToolsTest do
  use App.Case

  test "a tools request is sent", %{client: client} do
    task = Task.async(fn -> App.Client.list_tools(client) end)
    Process.sleep(50)
    request_id = get_request_id(client, "tools/list")
    assert request_id
    Task.await(task)
  end

  test "a notification is sent", %{client: client} do
    App.Client.notify(client, :progress)
    Process.sleep(50)
    sent = get_sent(client)
    assert sent
  end

  test "a new connection after a shutdown", %{tenant: tenant} do
    App.Connect.shutdown(tenant)
    Process.sleep(100)
    assert {:ok, _conn} = lookup_connection(tenant)
  end
end
`;
    const { report } = await scan({ root: project({ 'test/support/case.ex': support, 'test/app/tools_test.exs': text }) });
    const findings = report.findings.filter((f) => f.file.endsWith('tools_test.exs'));
    expect(findings.map((f) => [f.line, f.fix === 'remove'])).toEqual([[6, true], [14, false], [21, false]]);
    expect(findings[0]!.reason).toBe('line 7 waits by itself (`get_request_id` waits for a message): the sleep only adds time');
  });

  it('of a sleep in a Setup module of test/support treat it as the test\'s own wait, not work handed to other code (hermes)', async () => {
    const support = `defmodule App.MCP.Setup do
  def initialize_client(client) do
    GenServer.cast(client, :initialize)
    Process.sleep(50)
    assert :sys.get_state(client).initialized
  end
end`;
    const { report } = await scan({ root: project({ 'test/support/mcp/setup.ex': support }) });
    expect(report.findings.map((f) => [f.line, f.verdict, f.fix ?? f.category, f.reason])).toEqual([[4, 'problematic', 'manual', 'helper `initialize_client` waits a fixed time; every caller waits through it']]);
  });

  it("of a sleep in a private helper of a support module that nothing hands on treat it as its callers' wait (wanderer-kills); a public one may be handed anywhere", async () => {
    const support = `defmodule App.Test.SharedContexts do
  def with_cache(_ctx) do
    case Cachex.start_link(:app_cache, []) do
      {:ok, pid} -> setup_new_cache(pid)
      _ -> :ok
    end
  end

  defp setup_new_cache(pid) do
    # Give cache time to fully initialize
    Process.sleep(50)
    ExUnit.Callbacks.on_exit(fn -> if Process.alive?(pid), do: GenServer.stop(pid) end)
    :ok
  end

  def slow_step(value) do
    Process.sleep(20)
    {:ok, value}
  end
end`;
    const { report } = await scan({ root: project({ 'test/support/shared_contexts.ex': support }) });
    expect(report.findings.map((f) => [f.line, f.verdict, f.fix ?? f.category])).toEqual([
      [11, 'problematic', 'manual'],
      [17, 'legitimate', 'spawned_work'],
    ]);
  });

  it("of a sleep after a stop whose comment names terminate/2 say it follows finished work, and after an earlier start given a retry timer do not (vaos)", async () => {
    const lib = `defmodule App.Loop do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  @impl true
  def init(opts) do
    File.write!(opts[:path], "checkpoint")
    {:ok, opts[:path]}
  end
  @impl true
  def terminate(:normal, path), do: File.rm(path)
end

defmodule App.Bus do
  use Agent
  def start_link(_), do: Agent.start_link(fn -> %{} end, name: __MODULE__)
end`;
    const body = (comment: string, option: string) => `  test "a normal stop clears the checkpoint", %{path: path} do
    {:ok, pid} = App.Loop.start_link(path: path)
    GenServer.stop(pid, :normal)
    # ${comment}
    Process.sleep(50)
    refute File.exists?(path)
  end

  test "a trial starts once the bus is up" do
    start_supervised!({App.Trials, name: :trials, bus: App.Bus, ${option}})
    start_supervised!(App.Bus)
    Process.sleep(30)
    assert App.Trials.subscribed?(:trials)
  end`;
    const fixes = async (comment: string, option: string) => (await scan({ root: project({ 'lib/app.ex': lib, 'test/app/loop_test.exs': testModule(body(comment, option), 'App.LoopTest') }) })).report.findings.map((f) => [f.line, f.fix]);
    expect(await fixes('Give terminate callback time to run', 'subscribe_retry_ms: 10')).toEqual([
      [8, 'remove'],
      [15, 'wait_for'],
    ]);
    expect(await fixes('Give the others time to notice', 'verbose: true')).toEqual([
      [8, 'wait_for'],
      [15, 'remove'],
    ]);
  });

  it('read an option whose name ends in _timeout_ms or _window_ms as the time it names (autonomous-opponent)', async () => {
    const body = `  test "pain signals fade" do
    start_supervised!({App.Pain, pain_window_ms: 500})
    App.Pain.signal(:overload)
    Process.sleep(600)
    assert App.Pain.level() == 0
  end

  test "a slow handshake is closed" do
    start_supervised!({App.Session, handshake_timeout_ms: 100})
    Process.sleep(150)
    refute App.Session.open?()
  end`;
    const { report } = await scan({ root: project({ 'test/app/pain_test.exs': testModule(body, 'App.PainTest') }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [7, 'rate_window', 'waits out the 500 ms window set on line 5 (`pain_window_ms: 500`)'],
      [13, 'ttl', 'waits out the 100 ms timeout set on line 12 (`handshake_timeout_ms: 100`)'],
    ]);
  });

  it("read an option whose name ends in _grace, in _scale_seconds as Hammer's scale, or in _debounce_ms, as the time it names (anubis, plausible, plushie)", async () => {
    const body = `  test "a dropped stream is closed" do
    start_supervised!({App.Transport, keepalive: false, stream_grace: 60})
    App.Transport.drop(:s1)
    Process.sleep(120)
    assert App.Transport.streams() == []
  end

  test "a site is let through again" do
    add_site(domain: "a.example", ingest_threshold: 1, ingest_rate_limit_scale_seconds: 1)
    assert :deny == App.Gate.policy("a.example")
    Process.sleep(1_000)
    assert :allow == App.Gate.policy("a.example")
  end

  test "two batches of events make two recompiles" do
    {:ok, dev} = App.DevServer.start_link(debounce_ms: 20)
    send(dev, {:file_event, self(), {"lib/a.ex", [:modified]}})
    Process.sleep(60)
    assert App.DevServer.recompiles(dev) == 1
  end`;
    const { report } = await scan({ root: project({ 'test/app/gate_test.exs': testModule(body, 'App.GateTest') }) });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [7, 'ttl', 'waits out the 60 ms TTL set on line 5 (`stream_grace: 60`)'],
      [14, 'rate_window', 'waits out the 1000 ms window set on line 12 (`ingest_rate_limit_scale_seconds: 1`)'],
      [21, 'rate_window', 'waits out the 20 ms window set on line 19 (`debounce_ms: 20`)'],
    ]);
  });

  it("of a sleep before a helper of the test's that receives, a second at a time, what the sleep waited for say the helper waits by itself, never offering a poll, which would take messages each round (autonomous-opponent)", async () => {
    const body = `  test "events are delivered in order" do
    Task.start(fn -> App.Bus.publish_all(:ordered) end)
    Process.sleep(150)
    events = collect_events(3)
    assert length(events) == 3
  end

  defp collect_events(n, acc \\\\ []) do
    if length(acc) == n do
      Enum.reverse(acc)
    else
      receive do
        {:event, e} -> collect_events(n, [e | acc])
      after
        1000 -> Enum.reverse(acc)
      end
    end
  end`;
    const { report } = await scan({ root: project({ 'test/app/order_test.exs': testModule(body, 'App.OrderTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([[6, 'remove']]);
    expect(report.findings[0]!.reason).toBe('line 7 waits by itself (`collect_events` waits up to 1000 ms for a message): the sleep only adds time');
  });

  it("of a check that a named process is alive again after a kill by its name say the dying one may still be registered (gen_amqp)", async () => {
    const body = `  test "keeps its channels after death" do
    Hub |> Process.whereis() |> Process.exit(:die)
    Process.sleep(1000)
    assert Process.whereis(Hub) |> Process.alive?()
  end
`;
    const { report } = await scan({ root: project({ 'test/hub_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.reason])).toEqual([
      ['manual', 'line 7 checks that a process is alive under `Process.whereis(Hub)` after the stop before the sleep: the dying one may still be registered, and no event the test sees says when its replacement is up'],
    ]);
  });

  it("of a name looked up again after a crash or a kill say what the check waits for, not that the old process is still alive (maracuja, elixir-todo)", async () => {
    const body = `  test "the host handles crashes" do
    send :global.whereis_name(:host), :unknown
    Process.sleep(600)
    assert Process.alive?(:global.whereis_name(:host))
  end

  test "the worker recovers" do
    worker = :global.whereis_name({:worker, 1})
    Process.exit(worker, :kill)
    assert Process.alive?(worker) == false
    Process.sleep(100)
    fresh = :global.whereis_name({:worker, 1})
    assert Process.alive?(fresh)
    assert worker != fresh
  end
`;
    const { report } = await scan({ root: project({ 'test/host_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety, f.reason])).toEqual([
      ['manual', null, 'line 7 checks that a process is alive under `:global.whereis_name(:host)`, the lookup line 5 made before a stop or, in a test named for a crash, a message that crashes what it found: the dying one may still be registered, and no event the test sees says when its replacement is up'],
      ['poll_with_timeout', 'review', 'line 15 matches `fresh` on `:global.whereis_name({:worker, 1})` and later lines use `fresh`; line 11 made the same lookup, and the process it found was stopped or crashed since: the alive check waits for the one registered in its place'],
    ]);
  });

  it("of the same read on either side of a sleep say whether the check wants it to hold or to change (sparrow's refreshed token)", async () => {
    const body = ['==', '!='].map((op, i) => `  test "t${i}" do
    token_before = App.Tokens.get_token(:apns)
    :timer.sleep(200)
    token_after = App.Tokens.get_token(:apns)
    assert token_before ${op} token_after
  end
`).join('\n');
    const { report } = await scan({ root: project({ 'test/app/tokens_test.exs': testModule(body, 'App.TokensTest') }) });
    expect(report.findings.map((f) => [f.category, f.reason.replace(/.*: /, '')])).toEqual([
      ['time_measurement', 'what it returns must hold as time passes'],
      ['time_measurement', 'what it returns must change as time passes'],
    ]);
  });

  it("of a sleep after a start wrapper whose server arms its first timer in init/1 say the start hands work on (frayt's notifiers)", async () => {
    const notifier = `defmodule App.Notifier do
  use GenServer

  def new(order, interval \\\\ 100), do: GenServer.start_link(__MODULE__, %{order: order, interval: interval, sent: 0})

  @impl true
  def init(state) do
    Process.send_after(self(), :notify, state.interval)
    {:ok, state}
  end

  @impl true
  def handle_info(:notify, state) do
    App.Slack.post("#dispatch", "order #{state.order} is unassigned")
    {:noreply, %{state | sent: state.sent + 1}}
  end
end`;
    const body = `  test "an unassigned order is announced" do
    {:ok, _pid} = App.Notifier.new(1)
    Process.sleep(300)
    assert [_] = FakeSlack.get_messages("#dispatch")
  end`;
    const { report } = await scan({ root: project({ 'lib/app/notifier.ex': notifier, 'test/app/notifier_test.exs': testModule(body, 'App.NotifierTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'wait_for', 'polls state: after `App.Notifier.new` (its init/1 calls `Process.send_after`) on line 5, line 7 asserts `FakeSlack.get_messages("#dispatch")`'],
    ]);
  });

  it("of a sleep after a start whose init/1 runs a function on a timer, or casts to its own registered name, say the start hands work on (gyulhap, tic_tac_toe_checker)", async () => {
    const game = `defmodule App.Game do
  use GenServer

  def start_link, do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)
  def tick, do: GenServer.cast(__MODULE__, :tick)

  @impl true
  def init(_) do
    :timer.apply_interval(1000, __MODULE__, :tick, [])
    {:ok, %{left: 10, timeouts: 0}}
  end

  @impl true
  def handle_call(:state, _from, s), do: {:reply, s, s}

  @impl true
  def handle_cast(:tick, %{left: 0} = s), do: {:noreply, %{s | left: 10, timeouts: s.timeouts + 1}}
  def handle_cast(:tick, s), do: {:noreply, %{s | left: s.left - 1}}
end`;
    const checker = `defmodule App.Checker do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, %{board: opts[:board], results: []}, name: __MODULE__)

  @impl true
  def init(state) do
    GenServer.cast(App.Checker, :launch)
    {:ok, state}
  end

  @impl true
  def handle_call(:state, _from, s), do: {:reply, s, s}

  @impl true
  def handle_cast(:launch, s) do
    for row <- s.board, do: Task.start(fn -> GenServer.cast(__MODULE__, {:done, Enum.sum(row)}) end)
    {:noreply, s}
  end

  def handle_cast({:done, r}, s), do: {:noreply, %{s | results: [r | s.results]}}
end`;
    const body = `  test "a turn times out" do
    App.Game.start_link()
    Process.sleep(12_000)
    assert %{timeouts: 1} = GenServer.call(App.Game, :state)
  end

  test "every row is checked" do
    App.Checker.start_link(board: [[1, 2], [3, 4]])
    Process.sleep(1_000)
    %{results: results} = GenServer.call(App.Checker, :state)
    assert Enum.sort(results) == [3, 7]
  end`;
    const { report } = await scan({ root: project({ 'lib/app/game.ex': game, 'lib/app/checker.ex': checker, 'test/app/game_test.exs': testModule(body, 'App.GameTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [6, 'wait_for', 'safe', 'polls state: after `App.Game.start_link` (its init/1 calls `:timer.apply_interval`) on line 5, line 7 asserts `GenServer.call(App.Game, :state)`'],
      [12, 'poll_with_timeout', 'review', 'line 13 matches `%{results: results}` on `GenServer.call(App.Checker, :state)` and later lines use `results`'],
    ]);
  });

  it("of a sleep inside a transaction's function say it is the test's own wait, for the piped Mimic expectation that verify! checks right after it (elixircd)", async () => {
    const text = `defmodule App.DieTest do
  use ExUnit.Case
  use Mimic

  test "DIE halts the server" do
    Memento.transaction!(fn ->
      user = insert(:user, modes: ["o"])
      System |> expect(:halt, 1, fn 0 -> :ok end)
      assert :ok = App.Commands.Die.handle(user, "DIE")
      # waits for the server to shutdown
      Process.sleep(125)
      verify!()
    end)
  end
end
`;
    const { report } = await scan({ root: project({ 'test/app/die_test.exs': text }) });
    expect(report.findings.map((f) => [f.line, f.verdict, f.fix])).toEqual([[11, 'problematic', 'manual']]);
    expect(report.findings[0]!.reason).toContain('the mock expectations set before it (the last on line 8, `System |> expect(:halt, 1, fn 0 -> :ok …`), which line 12 checks without waiting (`verify!()`)');
  });

  it('of a sleep after a chain of piped Mimic expectations read them as one (elixircd\'s RESTART: stop, then start)', async () => {
    const text = `defmodule App.RestartTest do
  use ExUnit.Case
  use Mimic

  test "RESTART restarts the server" do
    Application
    |> expect(:stop, 1, fn :app -> :ok end)
    |> expect(:start, 1, fn :app -> :ok end)

    assert :ok = App.Commands.Restart.handle(:oper, "RESTART")
    # waits for the server to restart
    Process.sleep(125)
    verify!()
  end
end
`;
    const { report } = await scan({ root: project({ 'test/app/restart_test.exs': text }) });
    expect(report.findings.map((f) => [f.line, f.verdict, f.fix])).toEqual([[12, 'problematic', 'manual']]);
    expect(report.findings[0]!.reason).toContain('the mock expectations set before it (the last on line 8, `Application |> expect(:stop, 1, fn :app…`), which line 13 checks without waiting (`verify!()`)');
  });

  it("of a sleep before a receive loop of the file's that collects messages, checked after, say so and name assert_receive (ex_llm's chunk collector)", async () => {
    const body = `  test "each chunk reaches the callback", %{collector: collector} do
    Enum.each(["a", "b"], fn chunk -> collector.(chunk) end)
    Process.sleep(100)
    received = receive_all([])
    assert length(received) == 2
  end

  defp receive_all(acc) do
    receive do
      {:chunk_received, chunk} -> receive_all([chunk | acc])
    after
      50 -> Enum.reverse(acc)
    end
  end`;
    const { report } = await scan({ root: project({ 'test/app/stream_test.exs': testModule(body, 'App.StreamTest') }) });
    expect(report.findings.map((f) => [f.fix, f.reason])).toEqual([
      ['manual', 'line 7 collects what has reached the test\'s mailbox by then (`receive_all`, a `receive` of the test\'s own), and line 8 checks it: the sleep gives the messages time to arrive; an `assert_receive` of each message expected, in the sleep\'s place, would wait only until it has'],
    ]);
  });

  it("of a sleep before a receive loop of the file's that waits at least as long for each message, by a literal or a parameter's default, say the sleep only adds time (nerves_hub_link_avm)", async () => {
    const body = `  test "a failed download is reported", %{state: state} do
    {:noreply, _} = trigger_update(state, "http://localhost/fw.bin")
    Process.sleep(500)
    statuses = collect_statuses()
    assert "update_failed" in statuses
  end

  test "a short wait for the chunks", %{state: state} do
    {:noreply, _} = trigger_update(state, "http://localhost/fw.bin")
    Process.sleep(500)
    statuses = collect_statuses(100)
    assert "update_failed" in statuses
  end

  defp trigger_update(state, url), do: App.Updater.handle_cast({:update, url}, state)

  defp collect_statuses(timeout \\\\ 1000), do: collect_statuses([], timeout)

  defp collect_statuses(acc, timeout) do
    receive do
      {:status, status} -> collect_statuses([status | acc], timeout)
    after
      timeout -> Enum.reverse(acc)
    end
  end`;
    const { report } = await scan({ root: project({ 'test/app/update_test.exs': testModule(body, 'App.UpdateTest') }) });
    expect(report.findings.map((f) => [f.fix, f.reason])).toEqual([
      ['remove', 'line 7 waits by itself (`collect_statuses` waits up to 1000 ms for a message): the sleep only adds time'],
      ['manual', expect.stringContaining('collects what has reached the test\'s mailbox by then (`collect_statuses`')],
    ]);
  });

  it("of a sleep between starting a server whose init/1 starts a file watcher and a file written say it is the watcher's head start (volt)", async () => {
    const watcher = `defmodule App.Watcher do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: Keyword.get(opts, :name, __MODULE__))
  def init(opts) do
    {:ok, fs} = FileSystem.start_link(dirs: [Keyword.fetch!(opts, :root)])
    FileSystem.subscribe(fs)
    {:ok, %{fs: fs}}
  end
  def handle_info({:file_event, _fs, {path, _events}}, state) do
    send(App.Client, {:changed, path})
    {:noreply, state}
  end
end
`;
    const body = `  test "a change is broadcast", %{dir: dir} do
    file = Path.join(dir, "app.ts")
    {:ok, pid} = App.Watcher.start_link(root: dir, name: :change_watcher)
    Process.sleep(100)
    File.write!(file, "export const x = 2;")
    assert_receive {:changed, _}, 2000
    GenServer.stop(pid)
  end`;
    const { report } = await scan({ root: project({ 'lib/app/watcher.ex': watcher, 'test/app/watcher_test.exs': testModule(body, 'App.WatcherTest') }) });
    expect(report.findings.map((f) => [f.fix, f.reason])).toEqual([
      ['manual', 'line 8 acts (`File.write!`) on the work started on line 6 by `App.Watcher.start_link` (its init/1 calls `FileSystem.start_link`), which has to have got far enough first: the sleep gives it a head start, and no event the test sees says when it has'],
    ]);
  });

  it('of a sleep right after an assert_receive still read a duration computed from a time, or a comment, but not a word of the names (newrelic, external_service, frayt)', async () => {
    const body = `  @backoff 100

  test "the tracer comes back after a backoff" do
    App.Tracer.overload()
    assert_receive {:DOWN, _, _, _, {:shutdown, :overload}}, 1_000
    Process.sleep(@backoff * 2)
    assert is_pid(Process.whereis(App.Tracer))
  end

  test "a slow call's slot is taken" do
    App.Slots.hold()
    assert_receive :in_call, 2_000
    # Let the slow call's slot expire and be taken by someone else.
    Process.sleep(80)
    assert App.Slots.take() == :took_the_slot
  end

  test "an idle driver is warned" do
    App.Drivers.idle(:d1)
    assert_receive {:trace, _, :receive, {:warn_driver, _}}, 1_200
    Process.sleep(200)
    assert [_] = App.Notifications.sent()
  end`;
    const { report } = await scan({ root: project({ 'test/app/backoff_test.exs': testModule(body, 'App.BackoffTest') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix])).toEqual([[9, 'rate_window'], [17, 'ttl'], [24, 'wait_for']]);
  });

  it("of a sleep just past a timeout set above the test, before a line that waits by itself, say that line waits (nebulex's periodic join)", async () => {
    const body = `  setup do
    start_supervised!({App.Cluster, join_timeout: 2000})
    :ok
  end

  test "the node joins again" do
    assert_receive {:joined, _nodes}, 5000
    Process.sleep(2100)
    assert_receive {:joined, nodes}, 5000
    assert node() in nodes
  end`;
    const { report } = await scan({ root: project({ 'test/app/cluster_test.exs': testModule(body, 'App.ClusterTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([[11, 'assert_receive']]);
  });

  it('of a sleep the comment says lets a few cycles run say so, not that it waits out a timeout the start was given (deployex)', async () => {
    const body = `  test "the engine survives the rollback" do
    {:ok, worker} = App.Engine.start_link(%App.Engine{rollback_timeout_ms: 100, schedule_interval_ms: 100})
    assert_receive {:rolled_back, _}, 1_000
    # Let the engine run a few schedule cycles after the rollback
    :timer.sleep(300)
    assert Process.alive?(worker)
  end`;
    const { report } = await scan({ root: project({ 'test/app/engine_test.exs': testModule(body, 'App.EngineTest') }) });
    expect(report.findings.map((f) => [f.line, f.verdict, f.fix])).toEqual([[8, 'problematic', 'manual']]);
  });

  it("read no window from a number under 10 handed to a call named for a rate: an index or a count (adk's key pool)", async () => {
    const body = `  test "skips rate-limited keys" do
    pool = start_supervised!({App.KeyPool, keys: ["a", "b", "c"]})
    {:ok, {0, _}} = App.KeyPool.next_key(pool)
    App.KeyPool.record_rate_limited(pool, 1)
    # Allow cast to process
    :timer.sleep(10)
    {:ok, {2, _}} = App.KeyPool.next_key(pool)
  end

  test "a limit of a second is waited out" do
    App.Limiter.set_rate_window(:api, 1000)
    assert :deny == App.Limiter.check(:api)
    Process.sleep(1_100)
    assert :allow == App.Limiter.check(:api)
  end`;
    const pool = `defmodule App.KeyPool do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def next_key(pool), do: GenServer.call(pool, :next_key)
  def record_rate_limited(pool, key_index), do: GenServer.cast(pool, {:rate_limited, key_index})
  @impl true
  def init(opts), do: {:ok, %{keys: opts[:keys], limited: MapSet.new(), next: 0}}
  @impl true
  def handle_call(:next_key, _from, s), do: {:reply, {:ok, {s.next, Enum.at(s.keys, s.next)}}, %{s | next: s.next + 1}}
  @impl true
  def handle_cast({:rate_limited, index}, s), do: {:noreply, %{s | limited: MapSet.put(s.limited, index)}}
end`;
    const { report } = await scan({ root: project({ 'lib/app/key_pool.ex': pool, 'test/app/key_pool_test.exs': testModule(body, 'App.KeyPoolTest') }) });
    expect(report.findings.map((f) => [f.line, f.verdict, f.category ?? f.fix])).toEqual([
      [9, 'problematic', 'sync_barrier'],
      [16, 'legitimate', 'rate_window'],
    ]);
  });

  it("of a sleep as long as a field of the context read no measurement from later uses of the context, nor from a precision's unit in the name (influx's contract tests)", async () => {
    const body = `  test "float field survives write/query cycle", ctx do
    {:ok, :written} = App.Client.write(ctx.conn, "rt ratio=3.14", database: ctx.database)
    if ctx[:query_delay] && ctx.query_delay > 0, do: Process.sleep(ctx.query_delay)
    {:ok, rows} = App.Client.query_sql(ctx.conn, "SELECT * FROM rt", database: ctx.database)
    assert rows != []
    assert_in_delta hd(rows)["ratio"], 3.14, 1.0e-10
  end

  test "millisecond precision writes correctly", ctx do
    {:ok, :written} = App.Client.write(ctx.conn, "prec value=1i 1700000000000", precision: :millisecond)
    Process.sleep(ctx.query_delay)
    {:ok, rows} = App.Client.query_sql(ctx.conn, "SELECT * FROM prec")
    assert length(rows) == 1
  end

  test "the delay comes back in the measured time", ctx do
    started = System.monotonic_time(:millisecond)
    Process.sleep(ctx.delay)
    assert_in_delta System.monotonic_time(:millisecond) - started, ctx.delay, 20
  end`;
    const { report } = await scan({ root: project({ 'test/app/contract_test.exs': testModule(body, 'App.ContractTest') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix])).toEqual([[6, 'poll_with_timeout'], [14, 'poll_with_timeout'], [21, 'time_measurement']]);
  });

  it("of a sleep right after the message its debounce set off, in a test named for what must not happen, read no window (emerge)", async () => {
    const body = `  test "a failed compile does not rerender the viewports" do
    {:ok, reloader} = App.Reloader.start_link(debounce_ms: 10, notify: self())
    App.Reloader.file_changed(reloader, "lib/a.ex")
    assert_receive {:compiled, [:app], _paths}
    Process.sleep(50)
    assert App.Renderer.patch_count() == 0
  end

  test "a reclaimed slot is not clawed back" do
    App.Slots.hold(self())
    assert_receive :in_call, 2_000
    # Let the slow call's slot expire and be taken by someone else.
    Process.sleep(80)
    assert App.Slots.take() == :took_the_slot
  end

  test "a second change after the window compiles again" do
    {:ok, reloader} = App.Reloader.start_link(debounce_ms: 10, notify: self())
    App.Reloader.file_changed(reloader, "lib/a.ex")
    Process.sleep(50)
    App.Reloader.file_changed(reloader, "lib/b.ex")
    assert_receive {:compiled, [:app], _paths}
  end`;
    const { report } = await scan({ root: project({ 'test/app/reloader_test.exs': testModule(body, 'App.ReloaderTest') }) });
    // The first is no window either: its check, a count of 0, held before the sleep, which is the
    // time a wrong rerender had to show, so a poll would pass at once (manual, not wait_for).
    expect(report.findings.map((f) => [f.line, f.verdict, f.category ?? f.fix])).toEqual([
      [8, 'problematic', 'manual'],
      [16, 'legitimate', 'ttl'],
      [23, 'legitimate', 'rate_window'],
    ]);
    expect(report.findings[0]!.reason).toContain("the test's name says something must not happen");
  });

  it("of a sleep before a match of :ok on a call write no poll of it: what answers a bare :ok is a command (vibe, adk); nor of a read in a test named for a crash that must not come (quickbeam)", async () => {
    const body = `  test "the model picker opens" do
    loop = App.TerminalLoop.whereis()
    App.Prompt.start()
    Process.sleep(50)
    :ok = App.TerminalLoop.input(loop, "/model")
  end

  test "an unhandled rejection doesn't crash the runtime" do
    rt = App.Runtime.whereis()
    App.Js.reject_a_promise()
    Process.sleep(50)
    {:ok, 42} = App.Runtime.eval(rt, "42")
  end

  test "a locked table doesn't crash the shape irrecoverably" do
    App.Js.reject_a_promise()
    Process.sleep(100)
    %{status: 200, body: body} = App.Api.get("/v1/shape")
    assert body =~ "snapshot-end"
  end

  test "the status is read once it is ready" do
    conn = App.Conn.whereis()
    App.Net.up()
    Process.sleep(50)
    :ready = App.Conn.status(conn)
  end`;
    const { report } = await scan({ root: project({ 'test/app/loop_test.exs': testModule(body, 'App.LoopTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([[7, 'manual'], [14, 'manual'], [20, 'poll_with_timeout'], [28, 'poll_with_timeout']]);
  });

  it("of a sleep between the same call given two values say it is how long the first holds, and write no barrier (gristle's throttle)", async () => {
    const sim = `defmodule App.Sim do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)
  def set_throttle(value), do: GenServer.cast(__MODULE__, {:set_throttle, value})
  def restore, do: GenServer.cast(__MODULE__, :restore)
  @impl true
  def init(s), do: {:ok, s}
  @impl true
  def handle_cast({:set_throttle, v}, s), do: {:noreply, Map.put(s, :throttle, v)}
  def handle_cast(:restore, s), do: {:noreply, Map.delete(s, :throttle)}
end`;
    const body = `  test "full throttle for five seconds" do
    App.Sim.set_throttle(1.0)
    Process.sleep(5000)
    App.Sim.set_throttle(0.0)
    Process.sleep(100)
    App.Sim.restore()
  end`;
    const { report } = await scan({ root: project({ 'lib/app/sim.ex': sim, 'test/app/sim_test.exs': testModule(body, 'App.SimTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([[6, 'manual'], [8, 'sync_barrier']]);
    expect(report.findings[0]!.reason).toBe('line 7 makes the call of line 5 again with another value (`App.Sim.set_throttle`): the sleep is how long the first holds, which is what the test runs for; no event marks when that is enough');
    expect(report.summary.removable_ms).toBeLessThan(5000);
  });

  it("of a sleep between a synchronous call and the same call with another binary of numbers say it is how long the first holds, not sync work to remove (midi_synth's note)", async () => {
    const synth = `defmodule App.Synth do
  use Agent
  def start_link(_), do: Agent.start_link(fn -> [] end)
  def midi(synth, bytes), do: Agent.update(synth, &[bytes | &1])
end`;
    const body = `  test "playing a note" do
    synth = start_supervised!(App.Synth)
    App.Synth.midi(synth, <<0x90, 60, 127>>)
    Process.sleep(250)
    App.Synth.midi(synth, <<0x80, 60, 127>>)
  end`;
    const { report } = await scan({ root: project({ 'lib/app/synth.ex': synth, 'test/app/synth_test.exs': testModule(body, 'App.SynthTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([[7, 'manual', 'line 8 makes the call of line 6 again with another value (`App.Synth.midi`): the sleep is how long the first holds, which is what the test runs for; no event marks when that is enough']]);
    expect(report.summary.removable_ms).toBe(0);
  });

  it("of a sleep after a cast through a private helper and a registry module's cast, before a call through its call, say the call is the barrier (jido_code)", async () => {
    const registry = `defmodule App.ProcessRegistry do
  def lookup(type, id) do
    case Registry.lookup(App.Registry, {type, id}) do
      [{pid, _}] -> {:ok, pid}
      [] -> {:error, :not_found}
    end
  end

  def call(type, id, msg) do
    case lookup(type, id) do
      {:ok, pid} -> GenServer.call(pid, msg)
      error -> error
    end
  end

  def cast(type, id, msg) do
    case lookup(type, id) do
      {:ok, pid} -> GenServer.cast(pid, msg)
      error -> error
    end
  end
end
`;
    const state = `defmodule App.State do
  use GenServer
  alias App.ProcessRegistry

  def update_streaming(session_id, chunk), do: cast_state(session_id, {:streaming_chunk, chunk})
  def end_streaming(session_id), do: call_state(session_id, :end_streaming)
  def get_state(session_id), do: call_state(session_id, :get_state)

  defp call_state(session_id, message), do: ProcessRegistry.call(:state, session_id, message)
  defp cast_state(session_id, message), do: ProcessRegistry.cast(:state, session_id, message)

  @impl true
  def init(s), do: {:ok, s}
  @impl true
  def handle_cast({:streaming_chunk, chunk}, state), do: {:noreply, Map.update(state, :chunks, [chunk], &[chunk | &1])}
  @impl true
  def handle_call(:end_streaming, _from, state), do: {:reply, {:ok, state}, Map.delete(state, :chunks)}
  def handle_call(:get_state, _from, state), do: {:reply, {:ok, state}, state}
end
`;
    const body = `  alias App.State

  test "chunks are kept", %{session: session} do
    :ok = State.update_streaming(session.id, "Hello")
    # Give casts time to process
    Process.sleep(10)
    {:ok, state} = State.get_state(session.id)
    assert state.chunks == ["Hello"]
  end

  test "another session's state is read", %{session: session, other: other} do
    :ok = State.update_streaming(session.id, "Hello")
    Process.sleep(10)
    {:ok, state} = State.get_state(other.id)
    assert state.chunks == nil
  end`;
    const { report } = await scan({ root: project({ 'lib/app/registry.ex': registry, 'lib/app/state.ex': state, 'test/app/state_test.exs': testModule(body, 'App.StateTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([[9, 'sync_barrier', 'safe'], [16, 'poll_with_timeout', 'review']]);
    expect(report.findings[0]!.reason).toBe('waits for `State.update_streaming` (a cast underneath) to `lookup(:state, session.id)` (line 7); line 10 calls that process, which answers only after handling the message: the barrier is there already, and the sleep only goes');
  });

  it("of a kill last inside a capture_log whose log is checked write no monitor, nor in a helper for a supervised server killed by its name (ALF, geolix)", async () => {
    const body = `  test "a killed stage is logged" do
    pid = spawn(fn -> Process.sleep(:infinity) end)
    assert capture_log(fn ->
      Process.exit(pid, :kill)
      Process.sleep(20)
    end) =~ "is :DOWN with reason: killed"
  end

  test "databases are reloaded" do
    :ok = restart_supervisor()
    assert App.lookup(:ip) == nil
  end

  defp restart_supervisor do
    true = App.DatabaseSupervisor |> Process.whereis() |> Process.exit(:kill)
    :ok = :timer.sleep(100)
    _ = Application.ensure_all_started(:app)
    :ok
  end`;
    const { report } = await scan({ root: project({ 'test/app/kill_test.exs': testModule(body, 'App.KillTest') }) });
    expect(report.findings.filter((f) => f.verdict === 'problematic').map((f) => [f.line, f.fix])).toEqual([[8, 'manual'], [19, 'manual']]);
  });

  it("of a sleep in a helper of a test module that uses a case template named otherwise call it the test's own wait (raft_fleet's TestCaseTemplate)", async () => {
    const template = `defmodule TestCaseTemplate do
  use ExUnit.CaseTemplate
end
`;
    const tests = `defmodule App.FleetTest do
  use TestCaseTemplate

  test "groups move to new nodes" do
    quiet_adjuster(fn -> assert App.Fleet.members() != [] end)
  end

  test "a request times out" do
    assert {:error, :timeout} = App.Fleet.call(:slow, election_timeout: 100)
  end

  defp quiet_adjuster(f) do
    Application.put_env(:app, :balancing_interval, 300_000)
    :timer.sleep(1000)
    f.()
  end
end
`;
    const { report } = await scan({ root: project({ 'test/test_helper.exs': `ExUnit.start()\n${template}`, 'test/app/fleet_test.exs': tests }) });
    expect(report.findings.map((f) => [f.line, f.verdict, f.fix, f.category])).toEqual([[14, 'problematic', 'manual', null]]);
    expect(report.findings[0]!.reason).toMatch(/^helper `quiet_adjuster` waits a fixed time/);
  });

  it("of a sleep in a private helper called only in the anonymous functions a support module returns call it work handed on (sage's fixtures)", async () => {
    const fixtures = `defmodule App.Fixtures do
  def transaction(effect) do
    test_pid = self()

    fn _effects, _opts ->
      jitter()
      send(test_pid, {:ran, effect})
      {:ok, effect}
    end
  end

  def compensation(effect), do: fn _effect, _effects, _opts -> jitter() && :ok end

  defp jitter do
    1..5 |> Enum.random() |> :timer.sleep()
  end

  def settle do
    pause()
    :ok
  end

  defp pause, do: Process.sleep(50)
end
`;
    const { report } = await scan({ root: project({ 'test/support/fixtures.ex': fixtures }) });
    expect(report.findings.map((f) => [f.line, f.verdict, f.category ?? f.fix])).toEqual([[15, 'legitimate', 'spawned_work'], [23, 'problematic', 'manual']]);
    expect(report.findings[0]!.reason).toBe("simulated work inside `jitter`, called only in anonymous functions that functions of the file return for other code to run (`transaction`'s first), not the test's own wait");
  });

  it("of a kill whose death's check is followed by an act through the restarted process say the :DOWN comes first, and it is not safe (pony_express's self-heal)", async () => {
    const body = `  test "the connection self-heals", %{client_pid: client_pid} do
    Process.exit(client_pid, :kill)
    Process.sleep(200)
    refute Process.alive?(client_pid)
    PubSub.broadcast(:otp_server, "test", {:test, "again"})
    assert_receive {:test, "again"}, 500
  end

  test "a dead client stays dead", %{client_pid: client_pid} do
    Process.exit(client_pid, :kill)
    Process.sleep(200)
    refute Process.alive?(client_pid)
  end

  test "a dead subscriber does not take the server down", %{server: server} do
    subscriber = spawn(fn -> Process.sleep(:infinity) end)
    Process.exit(subscriber, :kill)
    Process.sleep(200)
    refute Process.alive?(subscriber)
    PubSub.broadcast(server, "test", :anyone_there?)
  end`;
    const { report } = await scan({ root: project({ 'test/app/otp_test.exs': testModule(body, 'App.OtpTest') }) });
    expect(report.findings.filter((f) => f.fix === 'monitor_down').map((f) => [f.line, f.fix, f.safety])).toEqual([[6, 'monitor_down', 'review'], [14, 'monitor_down', 'safe'], [21, 'monitor_down', 'safe']]);
    expect(report.findings[0]!.reason).toBe('waits for a killed process: `Process.exit(…, :kill)` on line 5 stops `client_pid`; line 8 then acts (`PubSub.broadcast(:otp_server, "test", {…`), which may need what the sleep also gave time for, such as a restart, and the :DOWN comes before that');
  });

  it("of a kill whose death's check is followed by a check made before the kill say it held all along, and it is not safe (mesh's stale entry)", async () => {
    const body = `  test "a dead actor's entry stays until the next lookup", %{actor_pid: actor_pid, key: key} do
    assert {:ok, ^actor_pid, _} = App.ActorTable.get(key)
    Process.exit(actor_pid, :kill)
    Process.sleep(100)
    refute Process.alive?(actor_pid)
    assert {:ok, ^actor_pid, _} = App.ActorTable.get(key)
  end

  test "a dead actor is gone", %{actor_pid: actor_pid, key: key} do
    assert {:ok, ^actor_pid, _} = App.ActorTable.get(key)
    Process.exit(actor_pid, :kill)
    Process.sleep(100)
    refute Process.alive?(actor_pid)
  end

  test "a dead actor leaves the options alone", %{actor_pid: actor_pid, opts: opts} do
    assert opts == %{}
    Process.exit(actor_pid, :kill)
    Process.sleep(100)
    refute Process.alive?(actor_pid)
    assert opts == %{}
  end`;
    const { report } = await scan({ root: project({ 'test/app/actor_test.exs': testModule(body, 'App.ActorTest') }) });
    // A plain value checked again can change in no window.
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([[7, 'monitor_down', 'review'], [15, 'monitor_down', 'safe'], [22, 'monitor_down', 'safe']]);
    expect(report.findings[0]!.reason).toContain('line 9 checks again what held before the death');
  });

  it("of a kill whose comment says another process must notice the death write no monitor (raft_fleet's leader marking a follower unresponsive)", async () => {
    const body = `  test "a dead member is removed", %{members: members} do
    target = hd(members)
    Process.exit(target, :kill)
    :timer.sleep(6_000) # wait until the killed process is recognized as unresponsive by the leader
    App.Adjuster.adjust_one_step()
    assert App.Group.members() == tl(members)
  end

  test "a dead member goes", %{members: members} do
    target = hd(members)
    Process.exit(target, :kill)
    # wait for the supervisor to notice
    :timer.sleep(100)
    refute Process.alive?(target)
  end`;
    const { report } = await scan({ root: project({ 'test/app/member_test.exs': testModule(body, 'App.MemberTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([[7, 'manual'], [16, 'monitor_down']]);
  });

  it("of a sleep after a stop through the project's stop_… function say others hear of the exit on their own time (jido_code's sessions)", async () => {
    const sessions = `defmodule App.Sessions do
  def stop_session(id) do
    case Registry.lookup(App.SessionRegistry, id) do
      [{pid, _}] -> DynamicSupervisor.terminate_child(App.SessionSupervisor, pid)
      [] -> {:error, :not_found}
    end
  end

  def get_manager(id) do
    case Registry.lookup(App.SessionRegistry, {:manager, id}) do
      [{pid, _}] -> {:ok, pid}
      [] -> {:error, :not_found}
    end
  end
end`;
    const body = `  test "a stopped session is gone" do
    :ok = App.Sessions.stop_session("s1")
    Process.sleep(50)
    assert {:error, :not_found} = App.Sessions.get_manager("s1")
  end`;
    const { report } = await scan({ root: project({ 'lib/app/sessions.ex': sessions, 'test/app/sessions_test.exs': testModule(body, 'App.SessionsTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([[6, 'wait_for']]);
  });

  it("of a poll for an idle value the test asserted otherwise before the act give no 'may hold at once' caveat (term_ui's dirty flag)", async () => {
    const body = `  test "a render clears the dirty flag" do
    runtime = App.Runtime.whereis()
    state = App.Runtime.get_state(runtime)
    assert state.dirty == true
    App.Renderer.flush_all()
    Process.sleep(50)
    state = App.Runtime.get_state(runtime)
    assert state.dirty == false
  end

  test "nothing is dirty at first" do
    runtime = App.Runtime.whereis()
    App.Renderer.flush_all()
    Process.sleep(50)
    state = App.Runtime.get_state(runtime)
    assert state.dirty == false
  end`;
    const { report } = await scan({ root: project({ 'test/app/dirty_test.exs': testModule(body, 'App.DirtyTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason.includes('idle state')])).toEqual([[9, 'poll_with_timeout', false], [17, 'poll_with_timeout', true]]);
  });

  it("of a still-alive check through a module's own alive?() name the module (safe_rpc's pool)", async () => {
    const body = `  test "the pool answers after cancelled checkouts" do
    tasks = for _ <- 1..50, do: Task.async(fn -> App.Pool.checkout() end)
    Enum.each(Enum.take(tasks, 25), &Task.shutdown/1)
    Process.sleep(150)
    assert App.Pool.alive?()
  end`;
    const { report } = await scan({ root: project({ 'test/app/pool_test.exs': testModule(body, 'App.PoolTest') }) });
    expect(report.findings.map((f) => f.reason)).toEqual([expect.stringMatching(/^line 8 checks that `App\.Pool` is still alive/)]);
  });

  it("of a sleep in a test named for what must remain say so, also after an act we cannot read (drab), not for \"still sends\" (realtime)", async () => {
    const body = `  test "should remain disabled after close", fixture do
    App.Page.broadcast_js(fixture.socket, "socket.close()")
    Process.sleep(100)
    refute App.Page.element_enabled?(fixture.page, "disabled_button")
  end

  test "no ack still sends message", fixture do
    App.Page.broadcast_js(fixture.socket, "socket.close()")
    Process.sleep(100)
    refute App.Page.element_enabled?(fixture.page, "disabled_button")
  end`;
    const { report } = await scan({ root: project({ 'test/app/page_test.exs': testModule(body, 'App.PageTest') }) });
    expect(report.findings.map((f) => [f.fix, f.reason])).toEqual([
      ['manual', expect.stringMatching(/^the test's name says something must stay as it is \(“should remain disabled after close”\): line 7 checks what may have held/)],
      ['manual', expect.stringMatching(/^no condition to wait on: line 13 /)],
    ]);
  });

  it("of a sleep after a message, in a test named for what is ignored, before a check for an idle state, say it is the window, and count no removable time (emerge's mix listener)", async () => {
    const body = `  test "the listener ignores its own compiles", %{renderer: renderer} do
    send(App.MixListener, {:modules_compiled, %{os_pid: System.pid()}})
    Process.sleep(50)
    assert App.Renderer.patch_count(renderer) == 0
  end`;
    const { report } = await scan({ root: project({ 'test/app/listener_test.exs': testModule(body, 'App.ListenerTest') }) });
    expect(report.findings.map((f) => [f.fix, f.reason])).toEqual([
      ['manual', 'the test\'s name says something must stay as it is (“the listener ignores its own compiles”): line 7 checks what may have held before the sleep, which is the window for a wrong change, and no event says it never will'],
    ]);
    expect(report.summary.removable_ms).toBe(0);
  });

  it("of a sleep before a line that only builds a value say so, not that the line read anything (pi's quack search)", async () => {
    const body = `  test "search finds the synced message" do
    App.Mirror.sync(:fixture)
    Process.sleep(500)
    q = "analytical cobalt"
    rows = App.Search.matches(q)
    assert [%{"content" => "analytical cobalt banana"} | _] = rows
  end`;
    const { report } = await scan({ root: project({ 'test/app/search_test.exs': testModule(body, 'App.SearchTest') }) });
    expect(report.findings.map((f) => [f.fix, f.reason])).toEqual([['manual', 'line 7 only builds a value (`q = "analytical cobalt"`), and line 8 reads with it what later lines check: no read stands right after the sleep to poll']]);
  });

  it("of a sleep before a lookup whose value the next line reads with name that line's own read (newrelic's sidecar)", async () => {
    const body = `  test "a task's attributes reach the tracker" do
    Task.async(fn -> App.Tracker.add(Process.get(:tracker), region: "eu") end)
    Process.sleep(10)
    tracker = Process.get(:tracker)
    %{attributes: attributes} = :sys.get_state(tracker)
    assert attributes[:region] == "eu"
  end

  test "a snapshot picked apart before it is checked", %{tracker: tracker} do
    Task.start(fn -> App.Tracker.add(tracker, region: "eu") end)
    Process.sleep(10)
    snapshot = App.Tracker.snapshot(tracker)
    assert %{attributes: attributes} = snapshot
    assert attributes[:region] == "eu"
  end

  test "a queue picked out of the state before it is checked", %{outbox: outbox} do
    Task.start(fn -> App.Outbox.enqueue(outbox, "hi") end)
    Process.sleep(10)
    state = :sys.get_state(outbox)
    queued = :queue.to_list(state.queue)
    assert length(queued) == 1
  end`;
    const { report } = await scan({ root: project({ 'test/app/tracker_test.exs': testModule(body, 'App.TrackerTest') }) });
    expect(report.findings.map((f) => [f.fix, f.reason])).toEqual([
      ['manual', 'line 8 binds `%{attributes: attributes}` from a read of its own (`:sys.get_state(tracker)`) made with what line 7 gave, and later lines check it: a poll on line 7 would not wait for those checks'],
      ['manual', 'line 16 binds `%{attributes: attributes}` from what line 15 read, and later lines check it: a poll on the read would not wait for those checks'],
      ['manual', 'line 24 binds `queued` from what line 23 read, and later lines check it: a poll on the read would not wait for those checks'],
    ]);
  });

  it("of a poll in a test whose mock expectations a case template verifies say the poll may end first (archethic's price feed)", async () => {
    const template = `defmodule App.MockCase do
  use ExUnit.CaseTemplate

  using do
    quote do
      import Mox
    end
  end

  setup :verify_on_exit!
end
`;
    const tests = `defmodule App.PricesTest do
  use App.MockCase

  test "both providers fill the price" do
    expect(App.ProviderMock, :fetch, fn -> {:ok, 1} end)
    expect(App.OtherMock, :fetch, fn -> {:ok, 1} end)
    App.Prices.refresh_async()
    Process.sleep(10)
    assert App.Prices.fetch() == {:ok, 1}
  end

  test "a settle at the end" do
    expect(App.ProviderMock, :fetch, fn -> {:ok, 1} end)
    App.Prices.refresh_async()
    Process.sleep(10)
  end
end
`;
    const { report } = await scan({ root: project({ 'test/support/mock_case.ex': template, 'test/app/prices_test.exs': tests }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [8, 'wait_for', 'review', expect.stringMatching(/; line 6 sets a mock expectation that is verified only when the test ends, and the sleep also gave it time to be met: the poll may end first$/)],
      [15, 'manual', null, expect.stringMatching(/^what it waits for are the mock expectations set before it/)],
    ]);
  });

  it("of a sleep between an outage and its end say the sleep is how long it holds, and count it as no removable time (memcachex's Toxiproxy)", async () => {
    const body = `  test "reconnects after an outage", %{pid: pid} do
    down("memcache")
    :timer.sleep(100)
    up("memcache")
    assert {:ok} = App.Cache.set(pid, "hello", "world")
  end

  defp down(service), do: Toxiproxy.update(%{name: service, enabled: false})
  defp up(service), do: Toxiproxy.update(%{name: service, enabled: true})`;
    const { report } = await scan({ root: project({ 'test/app/outage_test.exs': testModule(body, 'App.OutageTest') }) });
    expect(report.findings.map((f) => [f.fix, f.reason])).toEqual([['manual', 'line 7 undoes what line 5 did (`down` → `up`): the sleep is how long it holds, which is what the test runs for; no event marks when that is enough']]);
    expect(report.summary.removable_ms).toBe(0);
  });

  it("of a kill whose check is another process that goes down with it say so, not that it is linked (zookeeper's watchers, which monitor the client)", async () => {
    const body = `  test "a watcher stops with its client", %{zk: zk, cw: cw} do
    Process.exit(zk, :shutdown)
    :timer.sleep(1)
    refute Process.alive?(cw)
  end`;
    const { report } = await scan({ root: project({ 'test/app/watch_test.exs': testModule(body, 'App.WatchTest') }) });
    expect(report.findings.map((f) => [f.fix, f.reason])).toEqual([['monitor_down', expect.stringMatching(/; line 7 checks that `cw`, which goes down with it, is gone$/)]]);
  });

  it("of a kill whose next line looks up another name say it checks something else, not a restart (phoenix_gen_api's relay)", async () => {
    const body = `  test "killing a channel in no group does not crash the relay" do
    pid = spawn_channel()
    Process.exit(pid, :kill)
    Process.sleep(100)
    assert Process.whereis(App.RelayServer) != nil
  end

  test "the relay is restarted after it is killed" do
    pid = Process.whereis(App.RelayServer)
    Process.exit(pid, :kill)
    Process.sleep(100)
    assert Process.whereis(App.RelayServer) != pid
  end

  defp spawn_channel, do: spawn(fn -> receive do: (:stop -> :ok) end)`;
    const { report } = await scan({ root: project({ 'test/app/relay_test.exs': testModule(body, 'App.RelayTest') }) });
    expect(report.findings.map((f) => f.reason)).toEqual([
      'waits for a killed process: `Process.exit(…, :kill)` on line 6 stops `pid`; line 8 checks something other than the death (`assert Process.whereis(App.RelayServer)…`), which another process may change only after the :DOWN',
      'waits for a killed process: `Process.exit(…, :kill)` on line 13 stops `pid`; line 15 then looks up the restarted process, which needs a wait for the new pid too',
    ]);
  });

  it("of a stop in a test named for when the process ends say the sleep may bound that time, for review (elixir-soton-otp's \"one second after\")", async () => {
    const body = `  test "process is not alive one second after sending :stop" do
    {:ok, pid} = App.ProblemA.start_link()
    send(pid, :stop)
    # wait for 1000ms
    :timer.sleep(1000)
    refute Process.alive?(pid)
  end

  test "process stops when told to" do
    {:ok, pid} = App.ProblemA.start_link()
    send(pid, :stop)
    :timer.sleep(1000)
    refute Process.alive?(pid)
  end`;
    const { report } = await scan({ root: project({ 'test/app/problem_a_test.exs': testModule(body, 'App.ProblemATest') }) });
    expect(report.findings.map((f) => [f.fix, f.safety, f.reason])).toEqual([
      ['monitor_down', 'review', 'waits for a killed process: `send(…, :stop)` on line 6 stops `pid`; the test\'s name (“process is not alive one second after sending :st…”) speaks of when the process ends, which the sleep may bound and a longer wait for the :DOWN would not'],
      ['monitor_down', 'safe', 'waits for a killed process: `send(…, :stop)` on line 14 stops `pid`'],
    ]);
  });

  it("of a stop whose next line checks something else say that another process may change it only after the :DOWN (poolder's subscribers)", async () => {
    const body = `  test "a stopped subscriber is dropped", %{server: server, kpid: kpid} do
    send(kpid, :stop)
    # Wait for monitor cleanup
    :timer.sleep(100)
    assert length(App.PubSub.subscribers(server, "t")) == 3
  end`;
    const { report } = await scan({ root: project({ 'test/app/pubsub_test.exs': testModule(body, 'App.PubSubTest') }) });
    expect(report.findings.map((f) => [f.fix, f.safety, f.reason])).toEqual([
      ['monitor_down', 'review', 'waits for a killed process: `send(…, :stop)` on line 5 stops `kpid`; line 8 checks something other than the death (`assert length(App.PubSub.subscribers(se…`), which another process may change only after the :DOWN'],
    ]);
  });

  it("of two processes stopped one after the other say the rewrite waits for both, for review (elixir-omg's on_exit)", async () => {
    const body = `  test "a monitor and its alarms go down", %{alarms: alarms, monitor: monitor} do
    Process.exit(alarms, :kill)
    Process.exit(monitor, :kill)
    Process.sleep(10)
    refute Process.alive?(alarms) or Process.alive?(monitor)
  end

  test "one of them, checked", %{alarms: alarms, monitor: monitor} do
    send(alarms, :hello)
    Process.exit(monitor, :kill)
    Process.sleep(10)
    refute Process.alive?(monitor)
  end`;
    const { report } = await scan({ root: project({ 'test/app/monitor_test.exs': testModule(body, 'App.MonitorTest') }) });
    expect(report.findings.map((f) => [f.fix, f.safety, f.reason])).toEqual([
      ['monitor_down', 'review', 'waits for a killed process: `Process.exit(…, :kill)` on line 6 stops `monitor`, and line 5 stops `alarms`: the rewrite waits for both'],
      ['monitor_down', 'safe', 'waits for a killed process: `Process.exit(…, :kill)` on line 13 stops `monitor`'],
    ]);
  });

  it("of a sleep that is all a fault helper runs say it is how long the fault holds, and count no removable time (kafka_ex's with_broker_down)", async () => {
    const body = `  test "the group survives an outage", %{proxy: proxy, cg: cg} do
    Chaos.with_broker_down(proxy, fn ->
      Process.sleep(3_000)
    end)

    Chaos.with_latency(proxy, 500, fn ->
      Process.sleep(2_000)
      assert Process.alive?(cg)
    end)
  end`;
    const helpers = `defmodule Chaos do
  def with_broker_down(proxy, fun) do
    Toxiproxy.disable(proxy)

    try do
      fun.()
    after
      Toxiproxy.enable(proxy)
    end
  end

  def with_latency(proxy, ms, fun) do
    Toxiproxy.add_latency(proxy, ms)

    try do
      fun.()
    after
      Toxiproxy.remove_latency(proxy)
    end
  end
end
`;
    const { report } = await scan({ root: project({ 'test/support/chaos.ex': helpers, 'test/app/chaos_test.exs': testModule(body, 'App.ChaosTest') }) });
    expect(report.findings.map((f) => [f.fix, f.reason])).toEqual([
      ['manual', 'the only line of the function handed to `Chaos.with_broker_down`: it is how long what `Chaos.with_broker_down` sets up holds, which is what the test runs for; no event marks when that is enough'],
      ['manual', 'first line of the function handed to `Chaos.with_latency`: it is how long what `Chaos.with_latency` sets up holds before line 11 checks what happens under it, which is what the test runs for; no event marks when that is enough'],
    ]);
    expect(report.summary.removable_ms).toBe(0);
  });

  it("of a render after a LiveView's message to itself say the ping waits behind it, only when every LiveView that takes the event leaves nothing running (mindwendel)", async () => {
    const board = `defmodule AppWeb.BoardLive do
  use AppWeb, :live_view

  def mount(_params, _session, socket), do: {:ok, assign(socket, notice: "", ideas: [])}

  def handle_event("suggest", _params, socket) do
    send(self(), :suggest_ideas)
    {:noreply, assign(socket, :notice, "Thinking...")}
  end

  def handle_event("share", _params, socket) do
    send(self(), :share_board)
    {:noreply, socket}
  end

  def handle_info(:suggest_ideas, socket) do
    {:noreply, assign(socket, ideas: App.Ideas.suggest(3), notice: "Ideas added")}
  end

  def handle_info(:share_board, socket) do
    {:noreply, assign(socket, :notice, "Shared")}
  end
end
`;
    // Another view takes "share" too, and broadcasts: which one the test clicked is not read.
    const wall = `defmodule AppWeb.WallLive do
  use AppWeb, :live_view

  def handle_event("share", _params, socket) do
    send(self(), :share_wall)
    {:noreply, socket}
  end

  def handle_info(:share_wall, socket) do
    Phoenix.PubSub.broadcast(App.PubSub, "walls", {:shared, socket.assigns.wall})
    {:noreply, assign(socket, :notice, "Shared")}
  end
end
`;
    const body = `  test "suggests ideas", %{conn: conn} do
    {:ok, view, _html} = live(conn, "/board")
    assert render_click(view, "suggest", %{}) =~ "Thinking..."
    Process.sleep(200)
    assert render(view) =~ "Ideas added"
  end

  test "shares the board", %{conn: conn} do
    {:ok, view, _html} = live(conn, "/board")
    render_click(view, "share", %{})
    Process.sleep(200)
    assert render(view) =~ "Shared"
  end`;
    const root = project({ 'lib/app_web/live/board_live.ex': board, 'lib/app_web/live/wall_live.ex': wall, 'test/app_web/live/board_live_test.exs': testModule(body, 'AppWeb.BoardLiveTest') });
    const { report } = await scan({ root });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [7, 'remove', 'review', 'line 8 reads the view with `render`, which pings the view\'s process first: the ping waits behind `:suggest_ideas`, which `AppWeb.BoardLive` sent itself on the "suggest" event of line 6, and whose handle_info leaves nothing running'],
      [14, 'wait_for', 'safe', 'polls state: line 15 asserts `render(view) =~ "Shared"`'],
    ]);
  });

  it("of a sleep after a start under another name of the module's own server follow it into init/1 (cympho's start_and_run, a case on GenServer.start_link(__MODULE__, …))", async () => {
    const lib = `defmodule App.Run do
  use GenServer

  def start_and_run(job, worker_id) do
    case GenServer.start_link(__MODULE__, {job, worker_id}) do
      {:ok, pid} -> {:ok, pid}
      {:error, reason} -> {:error, reason}
    end
  end

  @impl true
  def init(args), do: {:ok, args, {:continue, :run}}

  @impl true
  def handle_continue(:run, {_job, worker_id} = state) do
    App.Failures.record(worker_id)
    {:noreply, state}
  end
end

defmodule App.Probe do
  use GenServer

  def start_and_check(worker_id), do: (GenServer.start_link(__MODULE__, worker_id); :ok)

  @impl true
  def init(worker_id), do: (App.Failures.record(worker_id); {:ok, worker_id})
end`;
    const body = `  test "counts a failure" do
    {:ok, _pid} = App.Run.start_and_run(%{id: 1}, 7)
    Process.sleep(150)
    assert App.Failures.count(7) >= 1
  end

  test "a probe counts it in init" do
    :ok = App.Probe.start_and_check(8)
    Process.sleep(150)
    assert App.Failures.count(8) == 1
  end`;
    const { report } = await scan({ root: project({ 'lib/app/run.ex': lib, 'test/app/run_test.exs': testModule(body, 'App.RunTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [6, 'wait_for', 'review', "polls state: line 7 asserts `App.Failures.count(7) >= 1`; `App.Run`'s init/1 leaves work to a message to itself or to handle_continue, which the check does not ask about, so it may hold before that work is done"],
      [12, 'remove', 'review', 'follows only synchronous work: `App.Probe.start_and_check` on line 11 returns when it is done'],
    ]);
  });

  it("of a sleep next to a clock read that is only the value of a key in data (MiMiMi's presence metadata, `joined_at: System.system_time(:second)`) do not call it a measurement; a read for itself on the other side still is one", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/lobby_presence_test.exs');
    const { report } = await scan({ root: project({ 'test/lobby_presence_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety, f.reason])).toEqual([
      [19, 'poll_with_timeout', 'review', 'line 21 matches `lobby` on `Lobbies.get_lobby(lobby.id)` and later lines use `lobby`; the test\'s name (“keeps the lobby open while the owner is present”) says something must not happen, so the condition may hold before the wait'],
      [36, 'time_measurement', null, 'line 37 reads a time value (`system_time`): the clock has to move on'],
      [44, 'time_measurement', null, 'reads the clock around the sleep: `System.monotonic_time` on line 43, `System.monotonic_time` on line 45'],
    ]);
  });

  it("of a state read between an enqueue by name through a facade and the sleep do not call it the barrier when the queue's handler continues into a spawn (stage3_queue's `Broker.enqueue(:topic, …)`); the same read after a call that leaves nothing running still is", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/print_spool_test.exs');
    const { report } = await scan({ root: project({ 'test/print_spool_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [81, 'poll_with_timeout', 'review'],
      [91, 'remove', 'review'],
    ]);
  });

  it("of a sleep before a file helper that sleeps a parameter's default first call it one that only adds time, inside an assert too (reaxive's `assert process_leak?(all_procs)`)", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/leak_check_default_test.exs');
    const { report } = await scan({ root: project({ 'test/leak_check_default_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [13, 'remove', 'review', 'line 14 calls `no_new_processes?`, which sleeps 100 ms itself before it acts: this one only adds to it'],
      [21, 'wait_for', 'safe', 'polls state: after `Pipeline.close` on line 20, line 22 asserts `no_new_processes?(before, 0)`'],
      [26, 'manual', null, 'helper `no_new_processes?` waits as long as `settle` says; every caller waits through it'],
    ]);
  });

  it("of a sleep before a helper of the test's that counts its tries down say how long the helper tries, and to give it the sleep's time when that is less (SimplePool's `wait_for_restart(ref, attempts \\\\ 10)`); enough tries, by default or handed at the call, still wait by themselves", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/restart_budget_test.exs');
    const { report } = await scan({ root: project({ 'test/restart_budget_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.filter((f) => f.verdict === 'problematic').map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [37, 'manual', null, 'line 38 waits by itself, but for less time than the sleep (`wait_until_up` stops trying after about 50 ms): give it at least 2000 ms and drop the sleep'],
      [46, 'remove', 'review', 'line 47 waits by itself (`wait_until_back`): the sleep only adds time'],
      [55, 'remove', 'review', 'line 56 waits by itself (`wait_until_up`): the sleep only adds time'],
      [66, 'manual', null, 'line 67 waits by itself, but for less time than the sleep (`wait_for_kiosk` stops trying after about 50 ms): give it at least 3000 ms and drop the sleep'],
    ]);
  });

  it("of a sleep past an expiring timer a cast's handler arms through a private helper say which timer it outlasts (bezgelor's duel manager, `check_boundary`); a work timer armed the same way is polled, and a helper that arms nothing keeps its barrier", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/helper_armed_timer_test.exs');
    const { report } = await scan({ root: project({ 'test/helper_armed_timer_test.exs': readFileSync(file, 'utf8') }) });
    const at = (line: number) => report.findings.find((f) => f.line === line);
    expect([114, 120].map((line) => [at(line)?.category, at(line)?.reason])).toEqual([
      ['ttl', 'outlasts the 200 ms timer `Skirmish.Arena` arms as it handles that message (`{:out_of_bounds_timeout, player}`), whose message says something runs out: the sleep waits it out, and a barrier returns before it fires'],
      ['ttl', 'outlasts the 200 ms timer `Skirmish.Arena` arms as it handles that message (`{:out_of_bounds_timeout, player}`), whose message says something runs out: the sleep waits it out, and a barrier returns before it fires'],
    ]);
    expect([136, 144, 150, 156].map((line) => [at(line)?.fix, at(line)?.safety])).toEqual([
      ['wait_for', 'safe'],
      ['sync_barrier', 'safe'],
      ['sync_barrier', 'safe'],
      ['sync_barrier', 'safe'],
    ]);
  });

  it("of a poll of bookkeeping that the call before the sleep wrote before it replied say the check holds as soon as the call returns, and name the work its handler hands on (apothik's master, `started`)", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/launched_nodes_test.exs');
    const { report } = await scan({ root: project({ 'test/launched_nodes_test.exs': readFileSync(file, 'utf8') }) });
    const byLine = new Map(report.findings.map((f) => [f.line, f]));
    expect(byLine.get(113)?.reason).toBe(
      "line 114 reads `launched` of the state that `Master.launch`'s handle_call, called on line 112, writes before it replies: the check holds as soon as the call returns, so a poll would pass at once, before the work the sleep waits for (its handle_call calls `Task.start`); wait for what that work makes instead",
    );
    expect(byLine.get(139)?.reason).toMatch(/`scheduled` of the state that `Master\.launch_later`'s handle_call.*holds as soon as the call returns.*\(its handle_call calls `Process\.send_after`\)/);
    expect([121, 127, 133].map((at) => [byLine.get(at)?.fix, /holds as soon as the call returns/.test(byLine.get(at)?.reason ?? '')])).toEqual([
      ['manual', true],
      ['manual', true],
      ['manual', true],
    ]);
    // The node's own arrival joined to the poll: it waits for the boot, and stays safe.
    expect([byLine.get(169)?.fix, byLine.get(169)?.safety]).toEqual(['wait_for', 'safe']);
  });
});

describe('reasons of a sleep after a checker the test stopped (cortex)', () => {
  it("take no timeout from a start whose process the test ended before the sleep, and say that a value written before the act, read back under a tick's comment, held before the sleep", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/stopped_checker_test.exs');
    const { report } = await scan({ root: project({ 'test/stopped_checker_test.exs': readFileSync(file, 'utf8') }) });
    const at = (line: number) => report.findings.find((f) => f.line === line);
    expect(at(114)?.reason).toBe('line 117 checks that nothing happened: it held before the sleep, which gives something the time to change it, and no event says it never will; the comment above it says “Wait for a patrol tick”');
    expect([at(159)?.fix, at(159)?.reason]).toEqual([
      'manual',
      'line 161 reads back `:here`, which `Roster.set_status` on line 155 wrote before the act on line 156: it held before the sleep, the window for the round of periodic work the comment names to change it, so a poll passes at once, before any round, and no event says the round came and left it be; the comment above it says “Wait for a patrol tick”',
    ]);
    expect([at(169)?.fix, at(169)?.safety]).toEqual(['wait_for', 'review']);
    // The second warden's own 100 ms, not the stopped first one's 5_000.
    expect(at(200)?.reason).toBe('waits out the 100 ms timeout set on line 198 (`away_timeout_ms: 100`)');
  });
});

describe('reasons of a sleep past an expiry the test handed the store (plug_attack)', () => {
  it('name the lifetime the helper computed and the call that was handed it', async () => {
    const root = project({
      'test/storage_test.exs': testModule(`  test "read/write" do
    Store.write(:t, :foo, true, expires_in(20))
    :timer.sleep(30)
    assert :error = Store.read(:t, :foo, now())
  end

  defp expires_in(ms), do: System.system_time(:millisecond) + ms
  defp now(), do: System.system_time(:millisecond)`),
    });
    const { report } = await scan({ root });
    expect(report.findings.map((f) => [f.line, f.category, f.reason])).toEqual([
      [6, 'ttl', 'line 5 hands `Store.write` a time 20 ms ahead of the clock (`expires_in(20)`), the sleep outlasts that lifetime, and line 7 asks the store again'],
    ]);
  });
});

describe('reasons of a wait that keeps the test alive for a linked exit (elixir\'s ExUnit tests)', () => {
  it('name the spawn and the exit that ends the test', async () => {
    const root = project({
      'test/crash_test.exs': testModule(`  test "spawn and crash" do
    spawn_link(fn ->
      exit(:foo)
    end)

    receive after: (1000 -> :ok)
  end`),
    });
    const { report } = await scan({ root });
    expect(report.findings.map((f) => [f.line, f.verdict, f.category, f.reason])).toEqual([
      [9, 'legitimate', 'infinity', 'last statement, after `spawn_link` (line 5) whose process runs `exit(:foo)`: keeps the test process alive for that exit to take it down, as the test expects; no run waits through it'],
    ]);
  });
});

describe('reasons of a sleep before a refuted readiness check of a client just started (mqttx)', () => {
  it('say the client was not up before the attempt either, so a poll passes at once, and keep the wait', async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/refuted_readiness_test.exs');
    const { report } = await scan({ root: project({ 'test/refuted_readiness_test.exs': readFileSync(file, 'utf8') }) });
    const at = (line: number) => report.findings.find((f) => f.line === line);
    expect([at(55)?.fix, at(55)?.reason]).toEqual([
      'manual',
      'line 57 refutes `Client.connected?` of `pid`, started on line 52: it was not up before that attempt either, so the refutation held from the start and a poll of it would pass at once, before the attempt had time to fail; no event the test sees says it has (wait for the failure itself, a telemetry event or a log line, if the code under test gives one); the comment above it says “Give it a moment to attempt connection (will fail with no b…”',
    ]);
    expect(at(70)?.reason).toMatch(/^line 71 refutes `Client\.connected\?` of `pid`, started on line 68 and told to connect on line 69: /);
  });
});

describe('reasons of a sleep after a node came back, before a check of what the nodes exchange (repg2)', () => {
  it('name the restart and the asserting helper, and the poll to write by hand; not for a helper that only reads, nor removed after a restart in a test that talks to no other node', async () => {
    const root = project({
      'test/groups_test.exs': testModule(`  test "the other node gets the groups back" do
    :ok = Groups.join(:ring, self())
    reset_other_node()
    Process.sleep(1_000)
    assert_members(:ring, [self()])
  end

  test "this node gets the groups back" do
    Application.stop(:rings)
    :ok = Application.start(:rings)
    Process.sleep(1_000)
    assert_members(:ring, [self()])
  end

  test "a helper that only reads" do
    reset_other_node()
    Process.sleep(1_000)
    log_members(:ring)
  end

  defp reset_other_node, do: :rpc.call(:"b@host", Application, :stop, [:rings])

  defp assert_members(group, pids) do
    assert Groups.members(group) == pids
    assert :rpc.call(:"b@host", Groups, :members, [group]) == pids
  end

  defp log_members(group), do: IO.inspect(:rpc.call(:"b@host", Groups, :members, [group]))`),
      'test/local_test.exs': testModule(`  test "the groups after a restart" do
    Application.stop(:rings)
    :ok = Application.start(:rings)
    Process.sleep(1_000)
    assert_members(:ring, [self()])
  end

  defp assert_members(group, pids), do: assert(Groups.members(group) == pids)`),
    });
    const { report } = await scan({ root });
    expect(report.findings.map((f) => [f.file, f.line, f.fix, f.reason])).toEqual([
      ['test/groups_test.exs', 7, 'manual', 'line 8 (`assert_members(…)`, a helper of this file that asserts, on the other node too through `:rpc.call`) checks what the nodes share once they have exchanged their state again after `reset_other_node()` on line 6: the sleep gives that exchange time to run, between the nodes\' own processes, and no event the test sees says when it is over; a poll of the check in the sleep\'s place, retried while it fails, would wait only until it holds (`wait_for(fn -> assert_members(…); true end)`: sleepless does not take a helper\'s assertions for the condition)'],
      ['test/groups_test.exs', 14, 'manual', 'line 15 (`assert_members(…)`, a helper of this file that asserts, on the other node too through `:rpc.call`) checks what the nodes share once they have exchanged their state again after the restart of `:rings` (stopped on line 12, started again on line 13): the sleep gives that exchange time to run, between the nodes\' own processes, and no event the test sees says when it is over; a poll of the check in the sleep\'s place, retried while it fails, would wait only until it holds (`wait_for(fn -> assert_members(…); true end)`: sleepless does not take a helper\'s assertions for the condition)'],
      ['test/groups_test.exs', 20, 'manual', 'no condition to wait on: line 21 (`log_members(:ring)`) does not assert what the sleep waits for'],
      ['test/local_test.exs', 7, 'remove', 'follows only synchronous work: `Application.start` on line 6 returns when it is done'],
    ]);
  });

  it("of a sleep after a cancel, in a test named for a delayed event that must then not come, say so and offer no barrier (statifier)", async () => {
    const body = `  test "a matching cancel before the delay elapses means the event never arrives", %{session: session} do
    App.Session.interpret(session, [{:send_delayed, %{id: "s1", delay_ms: 30}}])
    App.Session.interpret(session, [{:cancel, "s1"}])
    Process.sleep(60)
    assert App.Session.snapshot(session).configuration == [:a]
  end

  test "a matching cancel before the delay elapses clears the timer", %{session: session} do
    App.Session.interpret(session, [{:send_delayed, %{id: "s1", delay_ms: 30}}])
    App.Session.interpret(session, [{:cancel, "s1"}])
    Process.sleep(60)
    assert App.Session.snapshot(session).pending == 0
  end`;
    const { report } = await scan({ root: project({ 'test/app/session_test.exs': testModule(body, 'App.SessionTest') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [7, 'manual', null, expect.stringMatching(/^the cancel on line 6 comes before the sleep, and the test's name says what it cancels was set to happen later and must then not come \(“a matching cancel before the delay elapses means the event …”\): the sleep is the window in which it would fire had the cancel failed/)],
      [14, 'wait_for', 'review', expect.not.stringMatching(/cancel/)],
    ]);
  });
});
