// The module index finds modules in lib/ and test/support/ (an umbrella app's too) and in the file
// being classified, nested ones included (it skips bodies whose text names no `defmodule`: a
// nested module must still be found).
import { describe, expect, it } from 'vitest';
import { ModuleIndex } from '../../src/project/module-index.js';
import { SourceFile } from '../../src/context/source-file.js';
import { parseElixir } from '../../src/parse/parser.js';
import { project } from '../helpers/project.js';

const CASTS = ['  def poke(pid), do: GenServer.cast(pid, :poke)', '  def ask(pid), do: GenServer.call(pid, :ask)'];

describe('module index', () => {
  it('resolves functions of top-level and nested modules in lib/', () => {
    const root = project({
      'lib/outer.ex': ['defmodule Outer do', ...CASTS, '  defmodule Inner do', ...CASTS, '    defmodule Deep do', ...CASTS, '    end', '  end', '  defmodule Helpers.App do', ...CASTS, '  end', 'end', 'defmodule Other.Full do', ...CASTS, 'end'].join('\n'),
    });
    const index = new ModuleIndex(root);
    // Nested ones by their full names (que's `defmodule Helpers` inside `defmodule Que.Test.Meta`).
    for (const module of ['Outer', 'Other.Full', 'Outer.Inner', 'Outer.Inner.Deep', 'Outer.Helpers.App']) expect(index.effectOf(module, 'poke', ['pid'])?.kind, module).toBe('message');
    expect(index.effectOf('Outer', 'ask', ['pid'])?.kind).toBe('sync');
    // Modules nested in the file being classified, by their full names:
    const source = ['defmodule ATest do', '  defmodule Helper do', ...CASTS, '    defmodule Deeper do', ...CASTS, '    end', '  end', 'end'].join('\n');
    const file = new SourceFile('test/a_test.exs', source, parseElixir(source), false);
    expect(index.effectOf('ATest.Helper', 'poke', ['pid'], file)?.kind).toBe('message');
    expect(index.effectOf('ATest.Helper.Deeper', 'ask', ['pid'], file)?.kind).toBe('sync');
    expect(index.effectOf('ATest.Missing', 'poke', ['pid'], file)).toBeNull();
  });

  it("follows a defdelegate into the module it names, defaults and `as:` included (ex_unit_cluster's facade)", () => {
    const root = project({
      'lib/cluster.ex': [
        'defmodule Cluster do',
        '  alias Cluster.Manager',
        '  defdelegate get_nodes(pid), to: Manager',
        '  defdelegate stop_node(pid, node, timeout \\\\ 5_000), to: Manager',
        '  defdelegate nudge(pid), to: Cluster.Manager, as: :poke',
        '  defdelegate elsewhere(pid), to: Missing',
        'end',
        'defmodule Cluster.Manager do',
        '  def get_nodes(pid), do: GenServer.call(pid, :get_nodes)',
        '  def stop_node(pid, node, timeout \\\\ 5_000), do: GenServer.call(pid, {:stop_node, node}, timeout)',
        '  def poke(pid), do: GenServer.cast(pid, :poke)',
        'end',
      ].join('\n'),
    });
    const index = new ModuleIndex(root);
    expect(index.effectOf('Cluster', 'get_nodes', ['c'])?.kind).toBe('sync');
    expect(index.effectOf('Cluster', 'stop_node', ['c', 'n'])?.kind).toBe('sync');
    expect(index.effectOf('Cluster', 'nudge', ['c'])?.kind).toBe('message');
    expect(index.effectOf('Cluster', 'elsewhere', ['c'])).toBeNull();
  });

  it('reads what a function hands on past its synchronous work: a later helper, a bodiless head, an awaited task (ALF, pleroma, mentat)', () => {
    const root = project({
      'lib/builder.ex': [
        'defmodule Builder do',
        '  def build(sup, specs) do',
        '    producer = start_stage(sup, :producer)',
        '    stages = Enum.map(specs, &start_and_subscribe(sup, &1, producer))',
        '    {:ok, [producer | stages]}',
        '  end',
        '  def start_only(sup), do: start_stage(sup, :producer)',
        '  def halves(items) do',
        '    one = Task.async(fn -> items end)',
        '    Task.yield_many([one], :infinity)',
        '  end',
        '  def deliver(email, config \\\\ [])',
        '  def deliver(email, config), do: Swoosh.Mailer.deliver(email, config)',
        '  defp start_stage(sup, spec), do: DynamicSupervisor.start_child(sup, {Stage, spec})',
        '  defp start_and_subscribe(sup, spec, producer) do',
        '    {:ok, pid} = start_stage(sup, spec)',
        '    GenStage.async_subscribe(pid, to: producer)',
        '    pid',
        '  end',
        'end',
      ].join('\n'),
    });
    const index = new ModuleIndex(root);
    expect(index.effectOf('Builder', 'build', ['sup', 'specs'])).toMatchObject({ kind: 'async', via: 'GenStage.async_subscribe' });
    expect(index.effectOf('Builder', 'start_only', ['sup'])).toMatchObject({ kind: 'sync', handsOff: null });
    expect(index.effectOf('Builder', 'halves', ['items'])).toMatchObject({ kind: 'sync', handsOff: null });
    expect(index.effectOf('Builder', 'deliver', ['email'])).toMatchObject({ kind: 'sync', via: 'Swoosh.Mailer.deliver' });
  });

  it('takes no example in a heredoc for a module: a @moduledoc showing `defmodule` names no file for it (vsm)', () => {
    const root = project({
      'lib/app/a_guide.ex': ['defmodule App.Guide do', '  @moduledoc """', '  Write a control like this:', '', '      defmodule App.Control do', '        def poke(pid), do: :ok', '      end', '  """', 'end'].join('\n'),
      'lib/app/control.ex': ['defmodule App.Control do', ...CASTS, 'end'].join('\n'),
    });
    const index = new ModuleIndex(root);
    expect(index.effectOf('App.Control', 'poke', ['pid'])?.kind).toBe('message');
  });

  it('finds modules defined only when an optional dependency is there, in either branch', () => {
    const root = project({
      'lib/notifier.ex': [
        'if Code.ensure_loaded?(Redix.PubSub) do',
        '  defmodule Flags.Notifier do',
        '    require Logger',
        '    def publish(flag) do',
        '      Logger.debug("publishing #{flag}")',
        '      Task.start(fn -> Redix.command(:conn, ["PUBLISH", flag]) end)',
        '    end',
        '  end',
        'end',
        'unless Code.ensure_loaded?(Phoenix.PubSub) do',
        '  defmodule Flags.NoPubSub do',
        ...CASTS,
        '  end',
        'else',
        '  defmodule Flags.PubSub do',
        ...CASTS,
        '  end',
        'end',
      ].join('\n'),
    });
    const index = new ModuleIndex(root);
    // The process it starts names the work better than the log line before it.
    expect(index.effectOf('Flags.Notifier', 'publish', [':beta'])).toEqual({ kind: 'async', via: 'Task.start' });
    expect(index.effectOf('Flags.NoPubSub', 'poke', ['pid'])?.kind).toBe('message');
    expect(index.effectOf('Flags.PubSub', 'ask', ['pid'])?.kind).toBe('sync');
  });

  it("looks in the lib/, test/support/ and test_helper.exs of each umbrella app and nested Mix project, not in the rest of the tree", () => {
    const module = (name: string) => [`defmodule ${name} do`, ...CASTS, 'end'].join('\n');
    const root = project({
      'apps/store/lib/store/server.ex': module('Store.Server'),
      'apps/store/test/support/fake_server.ex': module('Store.FakeServer'),
      'apps/web/lib/web.ex': module('Web'),
      'test/support/shared.ex': module('Shared'),
      'test/test_helper.exs': `ExUnit.start()\n${module('TestUtil')}`,
      // A repository of sibling Mix projects, one a level further down:
      'client/mix.exs': 'defmodule Client.MixProject do\nend',
      'client/lib/client.ex': module('Client'),
      'services/push/mix.exs': 'defmodule Push.MixProject do\nend',
      'services/push/test/support/fake_push.ex': module('Push.Fake'),
      // Not a Mix project: no mix.exs and not under apps/.
      'docs/lib/example.ex': module('Docs.Example'),
      // Not where a project's modules live: fixtures in a test tree, a hidden directory.
      'apps/store/test/fixtures/stray.ex': module('Store.Stray'),
      'apps/.cache/lib/hidden.ex': module('Hidden'),
    });
    const index = new ModuleIndex(root);
    for (const name of ['Store.Server', 'Store.FakeServer', 'Web', 'Shared', 'TestUtil', 'Client', 'Push.Fake']) expect(index.effectOf(name, 'poke', ['pid'])?.kind, name).toBe('message');
    for (const name of ['Store.Stray', 'Hidden', 'Docs.Example']) expect(index.effectOf(name, 'poke', ['pid']), name).toBeNull();
  });

  it("also looks where a project's mix.exs compiles its test modules (elixirc_paths(:test)), inside the project only", () => {
    const module = (name: string) => [`defmodule ${name} do`, ...CASTS, 'end'].join('\n');
    const root = project({
      'mix.exs': ['defmodule Pdf.MixProject do', '  defp elixirc_paths(:dev), do: ["lib", "dev"]', '  defp elixirc_paths(:test), do: ["lib", "test/integration/support", "../outside"]', 'end'].join('\n'),
      'test/integration/support/chrome.ex': module('Pdf.TestChrome'),
      'dev/tools.ex': module('Pdf.DevTools'),
      'test/fixtures/stray.ex': module('Pdf.Stray'),
      'apps/web/mix.exs': ['defmodule Web.MixProject do', '  defp elixirc_paths(:test) do', '    ["lib", "test/helpers/"]', '  end', 'end'].join('\n'),
      'apps/web/test/helpers/fake.ex': module('Web.Fake'),
    });
    const index = new ModuleIndex(root);
    for (const name of ['Pdf.TestChrome', 'Web.Fake']) expect(index.effectOf(name, 'poke', ['pid'])?.kind, name).toBe('message');
    for (const name of ['Pdf.DevTools', 'Pdf.Stray']) expect(index.effectOf(name, 'poke', ['pid']), name).toBeNull();
  });

  it("also reads a single file that elixirc_paths(:test) lists (que's \"test/support.ex\")", () => {
    const module = (name: string) => [`defmodule ${name} do`, ...CASTS, 'end'].join('\n');
    const root = project({
      'mix.exs': ['defmodule Que.MixProject do', '  defp elixirc_paths(:test), do: ["lib", "test/support.ex"]', 'end'].join('\n'),
      'test/support.ex': module('Que.Test.Helpers'),
      'test/other.ex': module('Que.Test.Other'),
    });
    const index = new ModuleIndex(root);
    expect(index.effectOf('Que.Test.Helpers', 'poke', ['pid'])?.kind).toBe('message');
    expect(index.effectOf('Que.Test.Other', 'poke', ['pid'])).toBeNull();
  });

  it("knows an init/1 that opens a port, itself or through a function of the project, leaves the program booting", () => {
    const root = project({
      'lib/runner.ex': ['defmodule Pdf.Runner do', '  def port_open(args), do: Port.open({:spawn, "chrome " <> args}, [:binary])', '  def version, do: "1"', 'end'].join('\n'),
      'test/support/chrome.ex': ['defmodule Pdf.TestChrome do', '  use GenServer', '  def init(opts) do', '    port = Pdf.Runner.port_open(opts[:args])', '    {:ok, port}', '  end', 'end'].join('\n'),
      'test/support/quiet.ex': ['defmodule Pdf.Quiet do', '  use GenServer', '  def init(_), do: {:ok, Pdf.Runner.version()}', 'end'].join('\n'),
      'test/support/direct.ex': ['defmodule Pdf.Direct do', '  use GenServer', '  def init(cmd), do: {:ok, :erlang.open_port({:spawn, cmd}, [])}', 'end'].join('\n'),
    });
    const index = new ModuleIndex(root);
    expect(index.initStartsAsyncWork('Pdf.TestChrome')).toBe('Pdf.Runner.port_open');
    expect(index.initStartsAsyncWork('Pdf.Direct')).toBe(':erlang.open_port');
    expect(index.initStartsAsyncWork('Pdf.Quiet')).toBeNull();
  });

  it("finds a helper a file gets from a case template's module and follows its function argument", () => {
    const root = project({
      'test/support/case.ex': [
        'defmodule MyApp.Case do',
        '  use ExUnit.CaseTemplate',
        '  import ExUnit.CaptureLog',
        '  def quietly(fun), do: capture_log(fn -> in_dir(fun) end)',
        '  defp in_dir(fun), do: File.cd!("tmp", fun)',
        '  def later(fun), do: spawn(fun)',
        '  defmacro in_fixture(name, block) do',
        '    quote do',
        '      unquote(__MODULE__).in_fixture(unquote(name), :tmp, unquote(block))',
        '    end',
        '  end',
        '  def in_fixture(name, dir, fun), do: File.cd!(Path.join(dir, name), fun)',
        '  def twice(opts \\\\ [], fun), do: Enum.each(1..2, fn _ -> fun.(opts) end)',
        'end',
      ].join('\n'),
      'lib/my_app/tools.ex': ['defmodule MyApp.Tools do', '  def each_twice(fun) do', '    fun.(1)', '    fun.(2)', '  end', 'end'].join('\n'),
    });
    const index = new ModuleIndex(root);
    const source = ['defmodule MyApp.ATest do', '  use MyApp.Case', '  alias MyApp.Tools', 'end'].join('\n');
    const file = new SourceFile('test/a_test.exs', source, parseElixir(source), false);
    expect(index.runsArgumentInCaller('quietly', 0, 1, file)).toBe(true);
    expect(index.runsArgumentInCaller('Tools.each_twice', 0, 1, file)).toBe(true);
    expect(index.runsArgumentInCaller('later', 0, 1, file)).toBe(false);
    // A macro that quotes a call of the module's own function with the block:
    expect(index.runsArgumentInCaller('in_fixture', 1, 2, file)).toBe(true);
    // With one argument, `twice(fn … end)` gives it to `fun`, past the defaulted `opts`:
    expect(index.runsArgumentInCaller('twice', 0, 1, file)).toBe(true);
    expect(index.runsArgumentInCaller('twice', 1, 2, file)).toBe(true);
    // No such parameter, no such function, and a module the file neither imports nor uses:
    expect(index.runsArgumentInCaller('quietly', 1, 2, file)).toBe(false);
    expect(index.runsArgumentInCaller('missing', 0, 1, file)).toBe(false);
    expect(index.runsArgumentInCaller('each_twice', 0, 1, file)).toBe(false);
  });

  it("reads a call in a helper's module through that module's own aliases (snakepit's `alias Snakepit.Logger, as: SLog`)", () => {
    const root = project({
      'lib/my_app/logger.ex': ['defmodule MyApp.Logger do', '  def with_level(_level, fun) do', '    fun.()', '  end', 'end'].join('\n'),
      'test/support/log_helper.ex': [
        'defmodule MyApp.LogHelper do',
        '  import ExUnit.CaptureLog',
        '  alias MyApp.Logger, as: SLog',
        '  def capture_at_level(level, fun), do: SLog.with_level(level, fn -> capture_log(fun) end)',
        'end',
      ].join('\n'),
    });
    const index = new ModuleIndex(root);
    const source = ['defmodule MyApp.ATest do', '  use ExUnit.Case', '  import MyApp.LogHelper', 'end'].join('\n');
    const file = new SourceFile('test/a_test.exs', source, parseElixir(source), false);
    expect(index.runsArgumentInCaller('capture_at_level', 1, 2, file)).toBe(true);
  });

  it("reads what a function's body does, never its head: a def named send is no send", () => {
    const root = project({
      'test/support/client.ex': [
        'defmodule Client do',
        '  def send(socket, data), do: :gen_tcp.send(socket, data)',
        '  def cast(socket, data) do',
        '    :ok = :gen_tcp.send(socket, data)',
        '  end',
        '  def poke(pid), do: send(pid, :poke)',
        'end',
      ].join('\n'),
    });
    const index = new ModuleIndex(root);
    expect(index.effectOf('Client', 'send', ['client', '"GET /"'])).toBeNull();
    expect(index.effectOf('Client', 'cast', ['client', '"GET /"'])).toBeNull();
    expect(index.effectOf('Client', 'poke', ['worker'])).toEqual({ kind: 'message', target: 'worker', via: 'send', message: ':poke' });
  });

  it("reads a GenStage cast as a cast: the stage's handle_cast runs before a call behind it", () => {
    const root = project({
      'lib/backlog.ex': ['defmodule Backlog do', '  use GenStage', '  def push(stage, events), do: GenStage.cast(stage, {:push, events})', 'end'].join('\n'),
    });
    // The message's words are the call's arguments: `events` is `[:a]`.
    expect(new ModuleIndex(root).effectOf('Backlog', 'push', ['backlog', '[:a]'])).toEqual({ kind: 'message', target: 'backlog', via: 'GenStage.cast', message: '{:push, [:a]}' });
  });

  it('knows when a function it found no message in could still message its first argument', () => {
    const root = project({
      'test/support/transport.ex': [
        'defmodule Transport do',
        '  def send({:client, %{transport: transport, socket: socket}}, data), do: transport.send(socket, data)',
        '  def close(socket), do: :gen_tcp.close(socket)',
        '  def bump(pid), do: Counter.Server.bump(pid)',
        '  def size(pid, opts), do: opts.size',
        'end',
      ].join('\n'),
    });
    const index = new ModuleIndex(root);
    // A tuple pattern first: no pid is ever one.
    expect(index.mayMessageFirstArgument('Transport', 'send', 2)).toBe(false);
    // Read whole: only a socket call of Erlang's.
    expect(index.mayMessageFirstArgument('Transport', 'close', 1)).toBe(false);
    // Hands it on to another module we do not follow:
    expect(index.mayMessageFirstArgument('Transport', 'bump', 1)).toBe(true);
    // A field is no call:
    expect(index.mayMessageFirstArgument('Transport', 'size', 2)).toBe(false);
    // Not the project's, or no such function: unknown.
    expect(index.mayMessageFirstArgument('Redix', 'command', 2)).toBe(true);
    expect(index.mayMessageFirstArgument('Transport', 'missing', 1)).toBe(true);
  });

  it('takes a short name no module has for the one module whose name ends in it', () => {
    const CAST = '  def poke(pid), do: GenServer.cast(pid, :poke)';
    const root = project({
      'test/support/test_utils.ex': ['defmodule MyApp.TestUtils do', CAST, 'end'].join('\n'),
      'lib/a/worker.ex': ['defmodule A.Worker do', CAST, 'end'].join('\n'),
      'lib/b/worker.ex': ['defmodule B.Worker do', CAST, 'end'].join('\n'),
    });
    const index = new ModuleIndex(root);
    // `alias MyApp.TestUtils` made in a case template's using block, where we do not look:
    expect(index.effectOf('TestUtils', 'poke', ['pid'])?.kind).toBe('message');
    // Two modules end in `.Worker`: no guess.
    expect(index.effectOf('Worker', 'poke', ['pid'])).toBeNull();
    expect(index.effectOf('Utils', 'poke', ['pid'])).toBeNull();
  });

  it("reads a timer armed for the process itself with `self` written bare, as old code does (poolgirl's `:erlang.send_after(ttl, self, {:reap_worker, pid})`)", () => {
    const root = project({
      'lib/reaper.ex': [
        'defmodule Reaper do',
        '  use GenServer',
        '  def handle_cast({:checkin, pid}, state) do',
        '    :erlang.send_after(1000, self, {:reap_worker, pid})',
        '    :erlang.start_timer(2000, self, :linger)',
        '    {:noreply, state}',
        '  end',
        '  def handle_info({:reap_worker, _pid}, state), do: {:noreply, state}',
        '  def handle_info({:timeout, _ref, :linger}, state), do: {:noreply, state}',
        'end',
      ].join('\n'),
    });
    expect(new ModuleIndex(root).oneShotTimers('Reaper')).toEqual([
      { message: '{:reap_worker, pid}', ms: 1000 },
      { message: ':linger', ms: 2000 },
    ]);
  });

  it("reads the lifetime a project function stamps on what it answers, a DSL's fetcher too (nano_global_cache's test cache)", () => {
    const root = project({
      'test/support/test_cache.ex': [
        'defmodule TestCache do',
        '  use NanoGlobalCache',
        '  cache :github do',
        '    fetch fn ->',
        '      expires_at = System.system_time(:millisecond) + 200',
        '      {:ok, "gho", expires_at}',
        '    end',
        '  end',
        '  cache :slack do',
        '    fetch fn -> {:ok, "xoxb", System.system_time(:millisecond) + :timer.hours(1)} end',
        '  end',
        '  cache :audit do',
        '    fetch fn ->',
        '      fetched_at = System.system_time(:millisecond)',
        '      {:ok, "audit", fetched_at}',
        '    end',
        '  end',
        'end',
        'defmodule Stub do',
        '  def creds(:short), do: %{valid_until: DateTime.utc_now() |> DateTime.add(2, :second)}',
        '  def creds(:long), do: %{valid_until: DateTime.add(DateTime.utc_now(), 3600)}',
        'end',
      ].join('\n'),
    });
    const index = new ModuleIndex(root);
    const source = 'defmodule ATest do\nend\n';
    const file = new SourceFile('test/a_test.exs', source, parseElixir(source), false);
    expect(index.stampLifetime('TestCache.fetch', [':github'], file)).toEqual({ ms: 200, text: 'System.system_time(:millisecond) + 200' });
    expect(index.stampLifetime('TestCache.fetch', [':slack'], file)?.ms).toBe(3_600_000);
    // The bare clock is a stamp with no lifetime.
    expect(index.stampLifetime('TestCache.fetch', [':audit'], file)).toBeNull();
    expect(index.stampLifetime('Stub.creds', [':short'], file)?.ms).toBe(2000);
    expect(index.stampLifetime('Stub.creds', [':long'], file)?.ms).toBe(3_600_000);
  });
  it("reads the lifetime a helper stamps from the number it is handed for a parameter (plug_attack's `expires_in(20)`)", () => {
    const root = project({ 'lib/clock.ex': 'defmodule Clock do\n  def deadline(ms), do: System.system_time(:millisecond) + ms\nend\n' });
    const index = new ModuleIndex(root);
    const source = [
      'defmodule ATest do',
      '  defp expires_in(ms), do: System.system_time(:millisecond) + ms',
      '  defp ago(ms), do: System.system_time(:millisecond) - ms',
      '  defp eventually(predicate, timeout_ms) do',
      '    deadline = System.monotonic_time(:millisecond) + timeout_ms',
      '    do_eventually(predicate, deadline)',
      '  end',
      'end',
      '',
    ].join('\n');
    const file = new SourceFile('test/a_test.exs', source, parseElixir(source), false);
    expect(index.stampLifetime('expires_in', ['20'], file)?.ms).toBe(20);
    expect(index.stampLifetime('Clock.deadline', ['1_500'], file)?.ms).toBe(1500);
    // A time in the past, and a number not written out, stamp no lifetime.
    expect(index.stampLifetime('ago', ['20'], file)).toBeNull();
    expect(index.stampLifetime('expires_in', ['ttl'], file)).toBeNull();
    // A deadline a poll helper hands its own loop (arbor's `eventually(fn -> … end, 1_000)`) is no stamp on its answer.
    expect(index.stampLifetime('eventually', ['fn -> true end', '1_000'], file)).toBeNull();
  });
  it("tells a server that keeps the times it is given as data from one that runs on them (via's subscriber)", () => {
    const server = (name: string, ...body: string[]) => [`defmodule ${name} do`, '  use GenServer', '  def start_link(opts), do: Lib.Process.start_redundant(GenServer, __MODULE__, opts, via(opts[:name]))', '  def join(name, value), do: GenServer.cast(via(name), {:join, value})', '  defp via(name), do: Lib.Registry.via_tuple(__MODULE__, name)', '  @impl GenServer', '  def init(opts), do: {:ok, Keyword.drop(opts, [:name])}', ...body, 'end'].join('\n');
    const root = project({
      'lib/keeper.ex': server('Keeper', '  def handle_cast({:join, value}, state) do', '    Registry.register(Members, :all, value)', '    {:noreply, state}', '  end'),
      'lib/ticker.ex': server('Ticker', '  def handle_cast({:join, _}, state) do', '    Process.send_after(self(), :tick, state[:interval])', '    {:noreply, state}', '  end'),
      'lib/clocked.ex': server('Clocked', '  def handle_call(:since, _from, state), do: {:reply, System.monotonic_time(:millisecond), state}'),
      'lib/handing.ex': server('Handing', '  def handle_cast({:join, value}, state) do', '    note(value)', '    {:noreply, state}', '  end', '  defp note(value), do: Lib.Scheduler.every(value)'),
    });
    const index = new ModuleIndex(root);
    expect(index.keepsNoTime('Keeper')).toBe(true);
    // A timer, a clock, a library its callbacks hand a value to (through a function of its own), a module not there.
    for (const module of ['Ticker', 'Clocked', 'Handing', 'Missing']) expect(index.keepsNoTime(module), module).toBe(false);
  });

  it("reads a helper the piped value is handed to, in the clause whose patterns take the arguments (arbor's skill library, commanded's handler)", () => {
    const root = project({
      'lib/catalog.ex': [
        'defmodule Catalog do',
        '  @table :catalog',
        '  def list(opts \\\\ []) do',
        '    @table',
        '    |> table_rows()',
        '    |> only(opts)',
        '  end',
        '  defp table_rows(table), do: :ets.tab2list(table)',
        '  defp only(rows, _opts), do: rows',
        'end',
        'defmodule Loader do',
        '  def handle_info(:reset, state) do',
        '    state = state |> reset() |> resubscribe()',
        '    {:noreply, state}',
        '  end',
        '  def handle_info({:events, events}, state), do: {:noreply, %{state | buffer: state.buffer ++ events}}',
        '  defp reset(state), do: %{state | buffer: []}',
        '  defp resubscribe(state) do',
        '    Process.send_after(self(), :reset, 1_000)',
        '    state',
        '  end',
        'end',
      ].join('\n'),
    });
    const index = new ModuleIndex(root);
    // `@table |> table_rows()` hands the table to `table_rows/1`: the read underneath is found.
    expect(index.effectOf('Catalog', 'list', [])).toMatchObject({ kind: 'sync', via: ':ets.tab2list' });
    // `handle_info(:reset, state)` cannot take `{:events, …}`: the events clause is read, which arms no timer.
    expect(index.effectOf('Loader', 'handle_info', ['{:events, [1, 2]}', 'state'])).toBeNull();
    expect(index.effectOf('Loader', 'handle_info', [':reset', 'state'])).toMatchObject({ kind: 'async', via: 'Process.send_after' });
  });
});
