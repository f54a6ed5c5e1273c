// wait-for leaves conditions alone that cannot change while waiting: literals (`assert true`), and
// variables and their fields (`assert x == 1`, `assert state.count == 1`), bound before the sleep,
// and pure functions of those (`length(list)`). Only another call, named or anonymous, can give
// another value; it must be found however deep.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { namedForWhatMustNotHappen, namedForWhatMustStay } from '../../src/classify/rules/wait-for.js';
import { project, testModule } from '../helpers/project.js';

/** The report on one test per condition: a cast, a 50 ms sleep, then `assert condition`. */
async function reportAfter(conditions: string[], files: Record<string, string> = {}) {
  const body = conditions.flatMap((c, i) => [`  test "t${i}", %{cache: cache} do`, '    Cache.put_async(cache, :a, 1)', '    Process.sleep(50)', `    assert ${c}`, '  end', '']).join('\n');
  const { report } = await scan({ root: project({ ...files, 'test/cache_test.exs': testModule(body) }) });
  return report;
}

async function rulesAfter(conditions: string[], files: Record<string, string> = {}) {
  const report = await reportAfter(conditions, files);
  return conditions.map((_, i) => report.findings.find((f) => f.line === 6 + i * 6)?.rule === 'wait-for');
}

describe('wait-for and constant conditions', () => {
  it('waits only for conditions that hold a call, however deep', async () => {
    const conditions = ['true', '1 == 1', '[1, {2, "x"}] == [1, {2, "x"}]', 'x == 1', '%{a: [1, y]} != %{}', 'state.count == 1', '[1, {2, Cache.size(c)}] != []', '1 + length([]) == 1', 'Cache.size == 1', 'check.() == :ok', 'Cache.size(c) != nil || true'];
    expect(await rulesAfter(conditions)).toEqual([false, false, false, false, false, false, true, false, true, true, false]);
  });

  it("takes pure functions of unchanging values, fields of those and a module's `new`, as unchanging", async () => {
    const conditions = ['length(list) == 1', 'hd(hd(flow.nodes).actions) == :send', 'Map.get(state, :k) == 1', 'Enum.count(Cache.all(c)) == 1', 'length(Registry.lookup(R, :k)) == 1', 'Cache.stats(c).hits == 1', 'Cache.Entry.new(:a, 1).key == :a'];
    expect(await rulesAfter(conditions)).toEqual([false, false, false, true, true, true, false]);
  });

  it("takes the standard library's pure functions and the names of fields for reads, and destructive verbs for acts, a recovery's too (adk's Recovery.recover starts sessions), and a controller's action called with the conn and its params (frayt), a key pressed or a button clicked in a browser (phoenix_replay)", async () => {
    const conditions = ['Map.delete(Cache.all(c), :a) == %{}', 'Enum.take(Cache.all(c), 1) == [:a]', 'Cache.stats(c).failed_to_start_count == 0', 'Cache.rollback_to(c, 1) == :ok', 'Cache.purge(c) == :ok', 'match?({:ok, _}, Boosts.boost(me, post))', 'Boosts.likes_count(post) == 1', 'Recovery.recover(store: s) == {:ok, 1}', 'Log.replay(c) == :ok', 'Recovery.recovery_count(c) == 1', 'driver_photos(conn, %{"id" => 1}).status == 302', 'photo_path(conn, 1) == "/p/1"', 'Browser.press(conn, "ArrowRight").status == 200', 'click_button(conn, "Save").status == 200', 'Stats.click_count(c) == 1', 'put_in(Cache.all(c), [:a], 1) == %{a: 1}'];
    expect(await rulesAfter(conditions)).toEqual([true, true, true, false, false, false, true, false, false, true, false, true, false, false, true, true]);
  });

  it('takes a getter named for what it gets as a read, whatever that noun shares with a verb (ex_debug_toolbar, thousand_island, cog), and a count or size of one (ferricstore)', async () => {
    const conditions = ['Repo.get_request(c) == 1', 'get_process_label(pid) == :label', 'Tokens.process_for_token(t) == pid', 'Repo.fetch_update(c) == 1', 'Agent.get_and_update(a, fn s -> {s, s} end) == 1', 'Repo.request(c) == :ok', 'Pool.connecting_count(p) == 2', 'Pool.send_queue_size(p) == 0', 'Pool.connect(p) == :ok', 'State.end_streaming(s) == {:ok, 1}', 'Window.end_time(w) == 5'];
    expect(await rulesAfter(conditions)).toEqual([true, true, true, true, false, false, true, true, false, false, true]);
  });

  it("takes a bare `:ok` matched out of a call for an act, whatever its name (sagents' rpc of :stop_supervisor, lux's route), not a comparison with :ok", async () => {
    const conditions = [':ok = TestCluster.rpc(n, :stop_supervisor, [])', ':ok = Local.route(signal, name: router)', '{:ok, _} = Local.lookup(router)', 'Local.route_status(router) == :ok'];
    expect(await rulesAfter(conditions)).toEqual([false, false, true, true]);
  });

  it("takes a queue's obliterate and clean for acts (bullmq), not a name that only starts with clean", async () => {
    const conditions = ['{:error, "active jobs"} == Queue.obliterate(q, connection: c)', 'Queue.clean(q, 0) == :ok', 'Repo.cleanup(c) == :ok', 'Repo.clean_state(c) == :ok'];
    expect(await rulesAfter(conditions)).toEqual([false, false, false, true]);
  });

  it("takes a counter's inc and dec, and a cache's touch, for acts, not what only starts with those letters (LCRDT's Counter.inc, nebulex's touch)", async () => {
    const conditions = ['Counter.inc(c) == :inc', 'Counter.dec(c) == :ok', 'Counter.inc_by(c, 2) == :ok', 'Counter.include?(c, 1)', 'Counter.decimal(c) == 1', 'Counter.income(c) == 1', 'Cache.touch(c, :k)', 'Cache.touched?(c, :k)'];
    expect(await rulesAfter(conditions)).toEqual([false, false, false, true, true, true, false, true]);
  });

  it("takes arming, disarming and a deposit for acts (bb_reactor's TestRobot.disarm, elixirconf_workshop's deposit), not what only holds those letters", async () => {
    const conditions = ['Robot.arm(r) == :ok', 'Robot.disarm(r) == :ok', 'Robot.armed?(r)', 'Robot.alarm_count(r) == 1', 'Robot.arm_position(r) == 1', 'Bank.deposit(b, 1) == 1', 'Bank.deposits(b) == [1]'];
    expect(await rulesAfter(conditions)).toEqual([false, false, true, true, true, false, true]);
  });

  it("takes a JSON-RPC method named in a string for an act when its name acts (deribit_ex's json_rpc of \"private/unsubscribe\"), not a read", async () => {
    const conditions = ['match?({:ok, _}, Client.json_rpc(conn, "private/unsubscribe", %{"channels" => ch}))', 'match?({:ok, _}, Client.json_rpc(conn, "public/unsubscribe_all", %{}))', 'match?({:ok, _}, Client.json_rpc(conn, "public/get_time", %{}))', 'Cache.get(c, "delete") == 1'];
    expect(await rulesAfter(conditions)).toEqual([false, false, true, true]);
  });

  it("takes what an RPC or apply runs, by module and atom, for the call (ekv's rpc! of EKV.put), and a verb after `_and_` for an act (arbor's check_and_record)", async () => {
    const conditions = ["match?({:ok, _}, TestCluster.rpc!(n, Cache, :put, [:k, 1]))", ':erpc.call(n, Cache, :delete, [:k]) == :ok', 'apply(Cache, :put, [:k, 1]) == :ok', 'TestCluster.rpc!(n, Cache, :get, [:k]) == 1', ':rpc.call(n, :ets, :lookup, [:t, :k]) == []', 'NonceCache.check_and_record(n, 300) == :ok', 'NonceCache.check_and_get(n) == :ok'];
    expect(await rulesAfter(conditions)).toEqual([false, false, false, true, true, false, true]);
  });

  it("takes a function of the case template whose body reads off a socket for a take, not a read (angen's listen over :ssl.recv)", async () => {
    const template = `defmodule App.ProtoCase do
  use ExUnit.CaseTemplate

  using do
    quote do
      import App.ProtoCase
    end
  end

  def listen(socket, timeout \\\\ 100) do
    case :ssl.recv(socket, 0, timeout) do
      {:ok, reply} -> reply
      {:error, reason} -> reason
    end
  end

  def peek(socket), do: :ets.lookup(:sockets, socket)
end
`;
    const test = (check: string, i: number) => `  test "t${i}", %{socket: socket} do\n    App.Account.revoke_tokens(socket)\n    Process.sleep(50)\n    assert ${check}\n  end\n`;
    const body = ['listen(socket) == :timeout', 'peek(socket) == []', 'listen(socket, 10) == :closed'].map(test).join('\n');
    const { report } = await scan({ root: project({ 'test/support/proto_case.ex': template, 'test/app/revoke_test.exs': `defmodule App.RevokeTest do\n  use App.ProtoCase\n\n${body}end\n` }) });
    expect(report.findings.map((f) => f.fix)).toEqual(['manual', 'wait_for', 'manual']);
    expect(report.findings[0]!.reason).toContain('asserts what `listen` reads, which is whatever has arrived by then');
  });

  it("takes an await for a take off the mailbox (jido_action's Exec.await), and a name that opens with record or track for an act", async () => {
    const conditions = ['Exec.await(ref, 200) == :ok', 'Task.await(task) == :ok', 'Store.record_visit(c) == :ok', 'Users.track_login(c) == :ok', 'Store.get_record(c) == 1', 'Store.records(c) == [1]'];
    expect(await rulesAfter(conditions)).toEqual([false, false, false, false, true, true]);
  });

  it("takes a ping for an act (finch's pool sends a frame and waits for the answer), but not a node's ping, which only looks; and an interrupt or a shutdown (exqlite), a denial (adk's approvals)", async () => {
    const conditions = ['Pool.ping(pool) == {:error, :read_only}', 'Node.ping(node) == :pong', ':net_adm.ping(node) == :pong', 'Stats.pings(c) == 1', 'Sqlite3.interrupt(db) == :ok', 'Server.shutdown(s) == :ok', 'Approval.deny(a, id) == :ok', 'Approval.denied?(a, id)'];
    expect(await rulesAfter(conditions)).toEqual([false, true, true, true, false, false, false, true]);
  });

  it("does not poll that something is still alive, whosever alive? asks it (porcelain's Proc.alive?, true from the spawn on), nor that Process.info finds it (frayt)", async () => {
    const conditions = ['Process.alive?(pid)', 'Proc.alive?(proc)', 'Proc.ready?(proc)', 'Process.info(pid)', 'Process.info(pid) != nil', 'Process.info(pid, :messages) == {:messages, []}'];
    expect(await rulesAfter(conditions)).toEqual([false, false, true, false, false, true]);
  });

  it('is marked review for a condition an idle system meets, which may hold before anything happened (journey\'s `{:error, :not_set}`)', async () => {
    const conditions = ['Cache.all(c) == []', 'Cache.count(c) == 0', 'is_nil(Cache.get(c, :a))', 'Enum.empty?(Cache.all(c))', '[] = Cache.all(c)', 'Kernel.match?([], Cache.all(c))', 'match?(%{}, Cache.stats(c))', '{:ok, false} = Cache.fetch(c, :fired)', "Cache.get(c, :sent) == {:error, :not_set}", '{:error, :not_connected} = Pool.get_channel(c)', 'Cache.fetch(c, :a) == :error', ':undefined == Cache.lookup(c, :a)', 'Cache.size(c) == 1', 'Cache.all(c) == [:a]', 'match?([_], Cache.all(c))', 'Cache.get(c, :a) == {:error, :timeout}', 'Enum.empty?(Cache.all(c)) === false'];
    const report = await reportAfter(conditions);
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ...Array.from({ length: 12 }, () => ['wait_for', 'review']),
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
      // tyrone's posts: `=== false` asks the opposite, that the list is not empty.
      ['wait_for', 'safe'],
    ]);
  });

  it("is safe for an answer that nothing is there when the line before removed it, or an assertion earlier found it there or found another answer (tv, horde, realtime, joken_jwks); not for a name looked up after a stop that waits for the exit (iasc)", async () => {
    const tests = [
      // The removal and the read share `id` (tv) or the key `:a_key` (horde).
      ['App.Controller.stop(id)', 'assert {:error, :not_found} == App.Store.get(id)'],
      ['assert :ok = Horde.Registry.delete_meta(r1, :a_key)', 'assert :error = Horde.Registry.meta(r2, :a_key)'],
      // realtime: found there by a plain assert, or by a tuple match, then shut down.
      ['assert Registry.whereis_name({R, id})\n    Connect.shutdown(id)', 'assert :undefined = Registry.whereis_name({R, id})'],
      ['assert {_, %{conn: _}} = :syn.lookup(Connect, id)\n    send(pid, :go)', 'assert :undefined = :syn.lookup(Connect, id)'],
      // realtime: a death received just before.
      ['assert_receive {:DOWN, _, :process, ^pid, _}', 'assert {:error, :not_connected} = Connect.replication_status(id)'],
      // joken_jwks: the same read shown to answer another tuple before the sleep.
      ['assert {:error, :no_signers} == App.Keys.verify(id)\n    send(pid, :refresh)', 'assert {:ok, %{}} == App.Keys.verify(id)'],
      // Nothing says it was ever there: the poll may pass at once.
      ['App.Controller.start(id)', 'assert {:error, :not_found} == App.Store.get(id)'],
      ['App.Store.delete(other)', 'assert {:error, :not_found} == App.Store.get(id)'],
      ['send(pid, :refresh)', 'assert {:ok, %{}} == App.Keys.verify(id)'],
      // iasc: a stop that returns once the process is gone, then its name looked up: held at once,
      // and the sleep is the window in which a supervisor must not start it again.
      ['GenServer.stop(:server, :normal)', 'assert Process.whereis(:server) == nil'],
    ];
    const body = tests.flatMap(([before, check], i) => [`  test "t${i}", %{id: id, r1: r1, r2: r2, pid: pid, other: other} do`, `    ${before}`, '    Process.sleep(50)', `    ${check}`, '  end', '']).join('\n');
    const { report } = await scan({ root: project({ 'test/app/store_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
      ['wait_for', 'review'],
      ['wait_for', 'review'],
      ['wait_for', 'review'],
      ['wait_for', 'review'],
    ]);
  });

  it("is marked review for a count of one in a module or describe about duplicates: the sleep is the window for a second run (journey)", async () => {
    const body = (name: string) => `  describe "${name}" do
    test "ten concurrent advances", %{counter: counter} do
      Cache.put_async(:c, :a, 1)
      Process.sleep(50)
      assert Agent.get(counter, & &1) == 1
    end

    test "two puts", %{counter: counter} do
      Cache.put_async(:c, :a, 1)
      Process.sleep(50)
      assert Agent.get(counter, & &1) == 2
    end
  end`;
    const scanned = async (module: string, describe: string) => (await scan({ root: project({ 'test/cache_test.exs': testModule(body(describe), module) }) })).report.findings.map((f) => [f.fix, f.safety]);
    expect(await scanned('App.TickOnceDuplicateComputationTest', 'advances')).toEqual([['wait_for', 'review'], ['wait_for', 'safe']]);
    expect(await scanned('App.CacheTest', 'idempotency')).toEqual([['wait_for', 'review'], ['wait_for', 'safe']]);
    expect(await scanned('App.CacheTest', 'advances')).toEqual([['wait_for', 'safe'], ['wait_for', 'safe']]);
  });

  it("is marked review for an exact count in a test named for a cap: the count passes through it on the way to more (sanbase)", async () => {
    const test = (name: string, check: string) => `  test "${name}", %{starts: starts} do\n    send(Cache.name(), :run)\n    Process.sleep(300)\n    assert ${check}\n  end\n`;
    const body = [
      test('caps the number of tasks started in a single run tick', ':counters.get(starts, 1) == 9'),
      test('restarts of stuck tasks respect the spawn cap', 'length(Cache.tasks()) == 3'),
      test('starts the tasks of a run tick', ':counters.get(starts, 1) == 9'),
      test('caps the tasks of a run tick', 'Cache.status() == :capped'),
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/cache_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'review'],
      ['wait_for', 'review'],
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('speaks of a cap');
  });

  it("is marked review after a kill in a test named for what the death must leave as it is (arbor's \"leaves target as owner\")", async () => {
    const test = (name: string) => `  test "${name}", %{server: server, source: source} do\n    Process.exit(source, :kill)\n    Process.sleep(30)\n    assert {:ok, %{active_roots: 1}} = Roots.status(server)\n  end\n`;
    const body = [test("the source's death leaves the target as owner"), test("the source's death hands the root to the target")].join('\n');
    const { report } = await scan({ root: project({ 'test/roots_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'review'],
      ['wait_for', 'safe'],
    ]);
  });

  it("reads a test's name past a phrase a preposition opens in its subject, up to the verb, and not past another clause (pulsar_ex, arbor)", () => {
    expect(namedForWhatMustNotHappen('repeated start without an intervening stop is a no-op and does not leak the previous refresh timer')).toBe(true);
    expect(namedForWhatMustStay('source death after handoff leaves target as owner')).toBe(true);
    // The verb after another clause's word is that clause's, not the subject's.
    expect(namedForWhatMustNotHappen('stops with no reply when it does not answer')).toBe(false);
    expect(namedForWhatMustNotHappen('pauses demand if output is not linked')).toBe(false);
    expect(namedForWhatMustNotHappen('publishes on subscribe')).toBe(false);
  });

  it("reads a name that opens with a phrase no comma closes from the first verb after it (ex_mmo_cluster)", () => {
    expect(namedForWhatMustStay('with no steppers the step is skipped and the cell stays dirty')).toBe(true);
    expect(namedForWhatMustNotHappen('on error the client never retries')).toBe(true);
    expect(namedForWhatMustStay('with a warm cache the lookup returns the entry')).toBe(false);
    expect(namedForWhatMustNotHappen('with no steppers configured')).toBe(false);
  });

  it("reads a test named for an act denied its object, or for what persists, as saying something must not happen (gen_durable); not a write that persists a record", () => {
    expect(namedForWhatMustNotHappen('gc: false runs no GC on this node; terminal rows persist')).toBe(true);
    expect(namedForWhatMustNotHappen('a muted channel sends no notifications')).toBe(true);
    expect(namedForWhatMustStay('terminal rows persist')).toBe(true);
    expect(namedForWhatMustStay('the session persists across restarts')).toBe(true);
    expect(namedForWhatMustStay('insert persists the user')).toBe(false);
    expect(namedForWhatMustNotHappen('runs nothing twice')).toBe(false);
    expect(namedForWhatMustNotHappen('not erroring a query found in connected cloaks')).toBe(true);
    expect(namedForWhatMustNotHappen('notifies the owner')).toBe(false);
    expect(namedForWhatMustNotHappen('reports nothing pending')).toBe(false);
  });

  it("is marked review when the sleep ends each round of a loop that makes the same act again and again (gen_durable's ten publishes); not when each round makes another", async () => {
    const loop = (generator: string, act: string) => `  test "publishes", %{pub: pub, id: id} do\n    for ${generator} do\n      ${act}\n      Process.sleep(50)\n    end\n\n    assert %{status: "runnable"} = Jobs.status(id)\n  end\n`;
    const body = [
      loop('_ <- 1..10', 'Redix.command!(pub, ["PUBLISH", "chan", "token"])'),
      loop('_round <- 1..3', 'GenServer.cast(pub, :poke)'),
      loop('i <- 1..3', 'GenServer.cast(pub, {:poke, i})'),
    ].join('\n') + `\n  test "each", %{pub: pub, id: id} do\n    Enum.each(1..5, fn _ ->\n      GenServer.cast(pub, :poke)\n      Process.sleep(50)\n    end)\n\n    assert Jobs.pokes(id) == 5\n  end\n`;
    const { report } = await scan({ root: project({ 'test/pub_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'review'],
      ['wait_for', 'review'],
      ['wait_for', 'safe'],
      ['wait_for', 'review'],
    ]);
    expect(report.findings[0]!.reason).toContain('ends each round of the `for` loop on line 5, whose rounds all make the same act');
  });

  it("is marked review when the check is a whole list naming nothing the act names, and the test let things settle before the act (smppex's reply nobody asked for); not with a tail, without that earlier wait, or when the list names what the act adds (horde); a tuple of it names that by a variable the act names or by all its literals (roulette's topic alone does not)", async () => {
    const test = (settle: string, act: string, check: string) => `  test "unknown reply", %{server: server, callbacks: callbacks} do\n    Session.send_pdu(esme, pdu)\n${settle}    data = build(reply)\n    ${act}\n    Process.sleep(50)\n\n    assert ${check}\n  end\n`;
    const settle = '    Process.sleep(50)\n\n';
    const send = 'Server.send(server, data)';
    const body = [
      test(settle, send, '[{:init, _, _}, {:sent, _, :ok}] = callbacks.()'),
      test(settle, send, 'callbacks.() == [{:init, 1}, {:sent, :ok}]'),
      test('', send, '[{:init, _, _}, {:sent, _, :ok}] = callbacks.()'),
      test(settle, send, '[{:init, _, _} | _] = callbacks.()'),
      test(settle, 'Registry.register(registry, "world", :value)', 'Registry.keys(registry, self()) == ["hello", "world"]'),
      test(settle, 'Registry.register(registry, key, :value)', '[{^key, :value}] = Registry.lookup(registry, self())'),
      test(settle, 'Inbox.pub(writer, "news", "second")', 'Inbox.stack(reader) == [{"news", "first"}]'),
      test(settle, 'Inbox.pub(writer, "news", "second")', 'Inbox.stack(reader) == [{"news", "second"}, {"news", "first"}]'),
      test(settle, 'pid = self()', '[{^pid, "bar"}] = Registry.lookup(registry, "foo")'),
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/session_test.exs': testModule(body) }) });
    const polls = report.findings.filter((f) => f.fix === 'wait_for');
    expect(polls.map((f) => [f.line, f.safety])).toEqual([
      [10, 'review'],
      [21, 'review'],
      [30, 'safe'],
      [41, 'safe'],
      [52, 'safe'],
      [63, 'safe'],
      [74, 'review'],
      [85, 'safe'],
      [96, 'safe'],
    ]);
    expect(polls[0]!.reason).toContain('the check is a whole list, and line 6 let things settle before the act on line 9');
  });

  it("is marked review when the act before the sleep is made again, word for word, a sleep away: rounds written out one by one (serverboards)", async () => {
    const test = (second: string) => `  test "publishes (${second})" do\n    Phoenix.PubSub.broadcast(App.PubSub, "t", :x)\n    Process.sleep(50)\n    Phoenix.PubSub.broadcast(App.PubSub, "t", ${second})\n    Process.sleep(50)\n    assert Store.last() == :x\n  end\n`;
    const { report } = await scan({ root: project({ 'test/cache_test.exs': testModule([test(':x'), test(':y')].join('\n')) }) });
    expect(report.findings.filter((f) => f.fix === 'wait_for').map((f) => [f.line, f.safety])).toEqual([
      [8, 'review'],
      [16, 'safe'],
    ]);
  });

  it("is marked review when the comment above says the sleep waits for spawned tasks and only work in the test's process came before (wraft); leaves a piped read compared with what it gave before to manual", async () => {
    const test = (name: string, comment: string, check: string) => `  test "${name}", %{conn: conn} do\n    count_before = Item |> Repo.all() |> length()\n    conn = post(conn, "/items", %{name: "x"})\n${comment}    Process.sleep(200)\n    assert ${check}\n  end\n`;
    const body = [
      test('creates', '    # Wait for spawned tasks (webhooks, audit logs) to complete\n', 'count_before + 1 == Item |> Repo.all() |> length()'),
      test('creates quietly', '', 'count_before + 1 == Item |> Repo.all() |> length()'),
      test('keeps the count', '', 'count_before == Item |> Repo.all() |> length()'),
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/item_controller_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [8, 'wait_for', 'review'],
      [15, 'wait_for', 'safe'],
      [22, 'manual', null],
    ]);
    expect(report.findings[0]!.reason).toContain('the comment above it says it waits for spawned tasks');
  });

  it("is marked review when a later sleep of its block is followed by a wait shorter than it: the test times its messages against the sleeps (job_queue)", async () => {
    const test = (timeout: number) => `  test "processes 3 at a time (${timeout})" do\n    Enum.each(0..9, fn n -> Queue.add(TestQueue, {:sleep, n}) end)\n    Process.sleep(10)\n    assert Queue.length(TestQueue) == 7\n    Process.sleep(50)\n    assert_receive {:sleep, 0}, ${timeout}\n  end\n`;
    const { report } = await scan({ root: project({ 'test/queue_test.exs': testModule([test(10), test(500)].join('\n')) }) });
    const polls = report.findings.filter((f) => f.fix === 'wait_for');
    expect(polls.map((f) => [f.line, f.safety])).toEqual([
      [6, 'review'],
      [14, 'safe'],
    ]);
    expect(polls[0]!.reason).toContain('the sleep on line 8 is followed by `assert_receive` on line 9, which waits less than it');
  });

  it("is not written after a timer is cancelled: the sleep is the window in which one that was not would fire (protean)", async () => {
    const test = (cancel: string) => `  test "send_after can be canceled", %{server: server} do\n    timer = Server.send_after(server, :goto_b, 10)\n    ${cancel}\n    Process.sleep(20)\n    assert Machine.matches?(server, :a)\n  end\n`;
    const { report } = await scan({ root: project({ 'test/server_test.exs': testModule([test('Process.cancel_timer(timer)'), test(':timer.cancel(timer)'), test('')].join('\n')) }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([
      [7, 'manual'],
      [14, 'manual'],
      [21, 'sync_barrier'],
    ]);
    expect(report.findings[0]!.reason).toBe('line 6 cancels a timer (`Process.cancel_timer`): the sleep is the window in which one that was not cancelled would fire, and no event says it never will');
  });

  it("is marked review when a polled call leaves a timeout of a second or more to its default: a round before the answer may block that long (rradz's cache)", async () => {
    const cache = `defmodule Cache do
  def register(fun, key) do
    Task.start(fn -> Cache.Server.store(key, fun.()) end)
    :ok
  end
  def get(key, timeout \\\\ 30_000), do: GenServer.call(Cache.Server, {:get, key, timeout}, timeout + 100)
  def peek(key, timeout \\\\ 50), do: GenServer.call(Cache.Server, {:peek, key, timeout})
end
`;
    const test = (check: string) => `  test "gets the value (${check})" do\n    :ok = Cache.register(fn -> {:ok, 42} end, "test")\n    Process.sleep(1)\n    assert {:ok, 42} = ${check}\n  end\n`;
    const { report } = await scan({ root: project({ 'lib/cache.ex': cache, 'test/cache_test.exs': testModule([test('Cache.get("test")'), test('Cache.get("test", 10)'), test('Cache.peek("test")')].join('\n')) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'review'],
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('`Cache.get` is given no `timeout` and waits up to 30000 ms by default');
  });

  it("is marked review when the act before the sleep was put off for longer than the sleep (gen_durable's schedule_in), not when the sleep outlasts it", async () => {
    const test = (option: string, sleep: number, status: string) => `  test "scheduled", %{id: id} do\n    {:ok, id} = Jobs.insert(Plain, ${option})\n    Process.sleep(${sleep})\n    assert Jobs.status(id).status == "${status}"\n  end\n`;
    const body = [test('schedule_in: 400', 120, 'runnable'), test('delay_ms: 1_000', 50, 'queued'), test('schedule_in: 100', 300, 'done'), test('priority: 400', 120, 'runnable')].join('\n');
    const { report } = await scan({ root: project({ 'test/jobs_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'review'],
      ['wait_for', 'review'],
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('puts the work off for 400 ms (`schedule_in: 400`), longer than the sleep');
  });

  it("is marked review when work the test spawned sleeps longer than the sleep: the check samples it mid-way (atomic_semaphore's permits held); not after work shorter than the sleep", async () => {
    const body = `  test "permits", %{s: s} do
    Enum.each(1..20, fn _i ->
      spawn(fn ->
        Semaphore.acquire(s, fn ->
          :ets.update_counter(:permits, :permits, 1)
          :timer.sleep(50)
        end)
      end)
    end)

    :timer.sleep(25)
    assert :ets.lookup_element(:permits, :permits, 2) == 10
  end

  test "done" do
    spawn(fn ->
      :timer.sleep(10)
      :ets.insert(:done, {:done, true})
    end)

    :timer.sleep(100)
    assert :ets.lookup(:done, :done) == [done: true]
  end`;
    const { report } = await scan({ root: project({ 'test/sem_test.exs': testModule(body) }) });
    expect(report.findings.filter((f) => f.fix === 'wait_for').map((f) => [f.line, f.safety])).toEqual([
      [14, 'review'],
      [24, 'safe'],
    ]);
    expect(report.findings.find((f) => f.line === 14)!.reason).toContain('the work started on line 5 sleeps longer than this sleep, so the check samples it while it runs');
  });

  it("is marked review when a function of the test's own hands the code under test jobs that sleep longer than the sleep (odd_job's pool of five); safe for shorter jobs", async () => {
    const body = (jobMs: number) => `  describe "a pool of five" do
    test "only five jobs run at once" do
      start_jobs(1..10)
      Process.sleep(9)
      assert Agent.get(:seen, & &1) |> Enum.sort() == Enum.to_list(1..5)
    end

    defp start_jobs(range) do
      for i <- range do
        Pool.perform(:pool, fn ->
          Agent.update(:seen, &[i | &1])
          Process.sleep(${jobMs})
        end)
      end
    end
  end`;
    const first = async (jobMs: number) => (await scan({ root: project({ 'test/pool_test.exs': testModule(body(jobMs)) }) })).report.findings[0]!;
    const long = await first(10);
    expect([long.line, long.fix, long.safety]).toEqual([7, 'wait_for', 'review']);
    expect(long.reason).toContain('the work started on line 6 sleeps longer than this sleep, so the check samples it while it runs');
    const short = await first(5);
    expect([short.line, short.fix, short.safety]).toEqual([7, 'wait_for', 'safe']);
  });

  it("reads a start of a supervised child whose init/1 arms a timer as work left running, and a poll of an exact count of its ticks as review (periodic)", async () => {
    const periodic = `defmodule Periodic do
  use DynamicSupervisor
  def start_link(_), do: DynamicSupervisor.start_link(__MODULE__, nil, name: __MODULE__)
  def init(_), do: DynamicSupervisor.init(strategy: :one_for_one)
  def repeat(task, interval, options \\\\ []), do: DynamicSupervisor.start_child(__MODULE__, {Periodic.Runner, {task, interval, options}})
end
`;
    const runner = `defmodule Periodic.Runner do
  use GenServer
  def start_link(args), do: GenServer.start_link(__MODULE__, args)
  def init({task, interval, options}) do
    :timer.send_after(options[:offset] || 0, :trigger)
    {:ok, %{task: task, interval: interval}}
  end
  def handle_info(:trigger, state) do
    state.task.()
    :timer.send_after(state.interval, :trigger)
    {:noreply, state}
  end
end
`;
    const body = `  test "honors an offset" do
    Periodic.repeat(fn -> Agent.update(:three, &(&1 + 1)) end, 10, offset: 50)
    :timer.sleep(65)
    assert Agent.get(:three, & &1) == 2
  end

  test "runs the task" do
    Periodic.repeat(fn -> Agent.update(:four, fn _ -> :ran end) end, 10)
    :timer.sleep(65)
    assert Agent.get(:four, & &1) == :ran
  end`;
    const { report } = await scan({ root: project({ 'lib/periodic.ex': periodic, 'lib/periodic/runner.ex': runner, 'test/periodic_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'review'],
      ['wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('it starts `Periodic.Runner` under a supervisor, and its init/1 calls `:timer.send_after`');
    expect(report.findings[0]!.reason).toContain('runs on a timer, and the check asks for an exact count');
  });

  it("is not written when the check calls a function of the project's that writes state under a name that does not say so (elixirconf_workshop's deposit and learn): a poll would make it again; a getter is taken at its word, unless its server answers with less than it had (elixir-queue's fetch, a dequeue)", async () => {
    const bank = `defmodule Bank do
  defdelegate deposit(n), to: Bank.Server
  defdelegate balance(), to: Bank.Server
end

defmodule Bank.Server do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)
  def deposit(n), do: GenServer.call(__MODULE__, {:deposit, n})
  def balance, do: GenServer.call(__MODULE__, :balance)
  def init(_), do: {:ok, nil}
  def handle_call({:deposit, n}, _from, state), do: {:reply, Bank.State.deposit(n), state}
  def handle_call(:balance, _from, state), do: {:reply, Bank.State.balance(), state}
end

defmodule Bank.State do
  def deposit(n), do: Agent.get_and_update(__MODULE__, fn b -> {b + n, b + n} end)
  def balance, do: Agent.get(__MODULE__, & &1)
end

defmodule Person do
  def learn(person, language), do: Agent.update(person, &MapSet.put(&1, language))
  def languages(person), do: Agent.get(person, &MapSet.to_list/1)
end

defmodule Counter do
  use GenServer
  def bump(pid), do: GenServer.call(pid, :bump)
  def peek(pid), do: GenServer.call(pid, :peek)
  def init(n), do: {:ok, n}
  def handle_call(:bump, _from, n), do: {:reply, n + 1, n + 1}
  def handle_call(:peek, _from, n), do: {:reply, n, n}
end

defmodule Mailbox do
  use GenServer
  def receive_message(pid), do: GenServer.call(pid, :receive_message)
  def init(q), do: {:ok, %{messages: q}}
  def handle_call(:receive_message, _from, state) do
    case :queue.out(state.messages) do
      {{:value, message}, rest} -> {:reply, {:ok, message}, %{state | messages: rest}}
      {:empty, _} -> {:reply, :empty, state}
    end
  end
end

defmodule HitCache do
  use GenServer
  def get(pid, key), do: GenServer.call(pid, {:get, key})
  def init(s), do: {:ok, s}
  def handle_call({:get, key}, _from, s), do: {:reply, Map.get(s.data, key), %{s | hits: s.hits + 1}}
end

defmodule JobQueue do
  use GenServer
  def fetch, do: GenServer.call(__MODULE__, :fetch)
  def init(_), do: {:ok, {}}
  def handle_call(:fetch, _from, {}), do: {:reply, {:error, :empty}, {}}
  def handle_call(:fetch, _from, queue), do: {:reply, {:ok, elem(queue, 0)}, Tuple.delete_at(queue, 0)}
end
`;
    const test = (act: string, check: string) => `  test "after a restart", %{pid: pid} do\n    ${act}\n    :timer.sleep(500)\n    assert ${check}\n  end\n`;
    const body = [
      test('Agent.stop(Bank.State, :crash)', 'Bank.deposit(1) == 1'),
      test('Agent.stop(:bob, :crash)', 'Person.learn(:bob, :lfe) == :ok'),
      test('send(pid, :reset)', 'Counter.bump(pid) == 1'),
      test('Agent.stop(Bank.State, :crash)', 'Bank.balance() == 0'),
      test('Agent.stop(:bob, :crash)', 'Person.languages(:bob) == []'),
      test('send(pid, :reset)', 'Counter.peek(pid) == 0'),
      test('Task.start(fn -> :ok end)', 'HitCache.get(pid, :a) == 1'),
      test('Task.start(fn -> :ok end)', 'match?({:ok, _}, Mailbox.receive_message(pid))'),
      test('Task.start(fn -> :ok end)', '{:error, :empty} = JobQueue.fetch()'),
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/bank.ex': bank, 'test/bank_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => f.fix)).toEqual(['manual', 'manual', 'sync_barrier', 'wait_for', 'wait_for', 'sync_barrier', 'wait_for', 'manual', 'manual']);
    expect(report.findings[0]!.reason).toContain('`Bank.deposit` returns, and that call changes state');
  });

  it('is marked review for a count of the processes alive at an instant, which may pass through the number on the way to another (ex-tackle)', async () => {
    const conditions = ['Task.Supervisor.children(sup) |> Enum.count() == 1', 'length(Supervisor.which_children(sup)) == 2', '2 == length(Process.list())', 'Enum.count(Task.Supervisor.children(sup)) >= 1', 'length(Cache.all(c)) == 1'];
    const report = await reportAfter(conditions);
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'review'],
      ['wait_for', 'review'],
      ['wait_for', 'review'],
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('`Task.Supervisor.children` counts the processes alive at that instant');
  });

  it('is marked review for a count of the ports or tables open at an instant, in the check or one call down in a function of the file (mongodb\'s leak test); not for a count of the file\'s that reads anything else, nor against a baseline', async () => {
    const conditions = ['Enum.count(:erlang.ports()) == 2', 'length(:ets.all()) == 3', 'length(Port.list()) == 4', 'length(:erlang.processes()) == 5', 'tcp_port_count() == 2', 'queued_jobs() == 2', 'tcp_port_count() >= 2', 'Enum.count(:erlang.ports()) == before'];
    const helpers = [
      '  defp tcp_port_count do',
      '    Enum.count(:erlang.ports(), fn port -> :erlang.port_info(port, :name) == {:name, ~c"tcp_inet"} end)',
      '  end',
      '',
      '  defp queued_jobs, do: Agent.get(JobQueue, &length/1)',
      '',
    ].join('\n');
    const body = conditions.flatMap((c, i) => [`  test "t${i}", %{cache: cache} do`, '    before = 0', '    Cache.put_async(cache, :a, 1)', '    Process.sleep(50)', `    assert ${c}`, '  end', '']).join('\n');
    const { report } = await scan({ root: project({ 'test/cache_test.exs': testModule(body + '\n' + helpers) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'review'],
      ['wait_for', 'review'],
      ['wait_for', 'review'],
      ['wait_for', 'review'],
      ['wait_for', 'review'],
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
    ]);
    expect(report.findings[4]!.reason).toContain('`tcp_port_count` counts the ports open at that instant (`:erlang.ports`)');
    expect(report.findings[1]!.reason).toContain('`:ets.all` counts the ETS tables at that instant');
  });

  it('reads the VM\'s live counts through :erlang.system_info as a level to wait for, review against a number; its fixed keys (:otp_release) and the atom count, a leak check a poll would pass at once, stay no condition', async () => {
    const conditions = [':erlang.system_info(:process_count) == 40', ':erlang.system_info(:port_count) == 3', ':erlang.system_info(:ets_count) == before', ':erlang.system_info(:otp_release) >= ~c"25"', ':erlang.system_info(:wordsize) == 8', ':erlang.system_info(:atom_count) == before'];
    const body = conditions.flatMap((c, i) => [`  test "t${i}", %{cache: cache} do`, '    before = :erlang.system_info(:ets_count)', '    Cache.put_async(cache, :a, 1)', '    Process.sleep(50)', `    assert ${c}`, '  end', '']).join('\n');
    const { report } = await scan({ root: project({ 'test/cache_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'review'],
      ['wait_for', 'review'],
      ['wait_for', 'safe'],
      ['manual', null],
      ['manual', null],
      ['manual', null],
    ]);
    expect(report.findings[0]!.reason).toContain('`:erlang.system_info(:process_count)` counts the processes alive at that instant');
    expect(report.findings[3]!.reason).toContain('does not assert what the sleep waits for');
  });

  it('is marked review for a check of a type alone, which a read may always answer with (svarm); not for a pid, which may be nil', async () => {
    const conditions = ['is_map(Orchestrator.status())', 'is_list(Cache.all(c))', 'is_pid(Cache.owner(c))', 'Cache.size(c) == 1'];
    const report = await reportAfter(conditions);
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'review'],
      ['wait_for', 'review'],
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('`is_map` only asks for a type');
  });

  it('is marked review for an exact tally in a file that caps attempts: the sleep also let one too many show up (ex-tackle)', async () => {
    const test = (name: string, check: string) => [`  test "${name}" do`, '    Bus.publish("Hi!")', '    Process.sleep(5000)', `    assert ${check}`, '  end', ''];
    const capped = ['  @consumer_options [retry_delay: 1, retry_limit: 3]', '', ...test('retried', 'Trace.content("broken") == "Hi!Hi!Hi!Hi!"'), ...test('at least', 'Trace.count("broken") >= 4')].join('\n');
    const plain = test('delivered', 'Trace.content("broken") == "Hi!"').join('\n');
    // exkiq: the limit is another worker's than the one the test runs.
    const workers = ['  defmodule RetryableWorker do', '    use Jobs.Worker, retries: 1', '  end', '', '  defmodule FailingWorker do', '    use Jobs.Worker, retries: 0', '  end', ''];
    const theirs = [...workers.slice(0, 4), '  test "a failing worker" do', '    FailingWorker.perform_async()', '    Process.sleep(200)', '    assert Jobs.stats()[:failed] == 1', '  end', ''].join('\n');
    const ours = [...workers, '  test "a retried worker" do', '    RetryableWorker.perform_async()', '    Process.sleep(200)', '    assert Jobs.stats()[:failed] == 1', '  end', ''].join('\n');
    // pg_registry: `retries: 3` is data another test stores, no limit of this one's.
    const stored = [...test('delivered once', 'Trace.content("broken") == "Hi!"'), '  test "stores meta" do', '    assert :ok = Registry.put_meta(:scope, :config, %{retries: 3})', '  end', ''].join('\n');
    const { report } = await scan({ root: project({ 'test/broken_test.exs': testModule(capped), 'test/plain_test.exs': testModule(plain), 'test/theirs_test.exs': testModule(theirs), 'test/ours_test.exs': testModule(ours), 'test/stored_test.exs': testModule(stored) }) });
    expect(report.findings.map((f) => [f.file, f.fix, f.safety])).toEqual([
      ['test/broken_test.exs', 'wait_for', 'review'],
      ['test/broken_test.exs', 'wait_for', 'safe'],
      ['test/ours_test.exs', 'wait_for', 'review'],
      ['test/plain_test.exs', 'wait_for', 'safe'],
      ['test/stored_test.exs', 'wait_for', 'safe'],
      ['test/theirs_test.exs', 'wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('the file caps attempts (`retry_limit: 3` on line 4)');
  });

  it('is safe for an idle state an assertion earlier in the test found otherwise (multiverses: the count was 1, the poll waits for 0)', async () => {
    const before = ['assert 1 == Cache.count(c)', 'assert Cache.count(c) == 2', 'assert Cache.count(c) == 0', 'assert Cache.size(c) == 1', 'assert Cache.count(c) == n'];
    const body = before.flatMap((b, i) => [`  test "t${i}", %{cache: cache} do`, `    ${b}`, '    Cache.put_async(cache, :a, 1)', '    Process.sleep(50)', '    assert 0 == Cache.count(c)', '  end', '']).join('\n');
    const { report } = await scan({ root: project({ 'test/cache_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['wait_for', 'safe'], ['wait_for', 'safe'], ['wait_for', 'review'], ['wait_for', 'review'], ['wait_for', 'review']]);
  });

  it('is safe for an idle state after a check that the read was not idle or matched a non-empty pattern (vintage_net, deployex), written over several lines too (astarte)', async () => {
    const cases = [
      ['assert Process.whereis(ItIsMe) != nil', 'assert Process.whereis(ItIsMe) == nil'],
      ['assert [%{log: "a"}, %{log: "b"}] = Logs.list(name, :info)', 'assert [] = Logs.list(name, :info, order: :asc)'],
      // The same check before: it held already (manual).
      ['assert [] = Logs.list(name, :info)', 'assert [] = Logs.list(name, :info)'],
      ['assert [%{log: "a"}] = Logs.list(other, :info)', 'assert [] = Logs.list(name, :info)'],
      // A list mix format spread over lines (astarte's registry lookup of the reconciler).
      ['assert Logs.list(name, :info) ==\n             [\n               {pid, nil}\n             ]', 'assert Logs.list(name, :info) == []'],
    ];
    const body = cases.flatMap(([before, after], i) => [`  test "t${i}", %{pid: pid, name: name, other: other} do`, `    ${before}`, '    send(pid, :prune)', '    Process.sleep(50)', `    ${after}`, '  end', '']).join('\n');
    const { report } = await scan({ root: project({ 'test/prune_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['wait_for', 'safe'], ['wait_for', 'safe'], ['manual', null], ['wait_for', 'review'], ['wait_for', 'safe']]);
  });

  it("is marked review when the test's name says something must not happen, or that something keeps it from happening (nerves_gate's \"inhibit\", \"suppresses\"): the condition may hold before the wait", async () => {
    // "only once" (rihanna's "executes job only once": the sleep is the window for a second run) is a denial; "once …," opens a clause.
    const names = ['does not clear stream when parent updates', "doesn't drop entries on resize", 'never loses pinned keys', 'stays connected after a resize', 'executes job only once', 'stores exactly once when retried', 'planned changes inhibit dependency alarms', 'singular mode suppresses cluster failure', 'surviving peers maintain mesh after peer crash', 'adds an entry if the key is not taken', 'adds an entry', 'once connected, adds an entry'];
    const body = names.flatMap((n) => [`  test "${n}", %{cache: cache} do`, '    Cache.put_async(cache, :a, 1)', '    Process.sleep(50)', '    assert Cache.size(c) == 1', '  end', '']).join('\n');
    const { report } = await scan({ root: project({ 'test/cache_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([...Array.from({ length: 9 }, () => ['wait_for', 'review']), ...Array.from({ length: 3 }, () => ['wait_for', 'safe'])]);
    expect(report.findings[0]!.reason).toBe(
      'polls state: after `Cache.put_async` on line 5, line 7 asserts `Cache.size(c) == 1`; the test\'s name (“does not clear stream when parent updates”) says something must not happen, so the condition may hold before the wait',
    );
  });

  it("reads the main clause of a name that opens with a subordinate one after its comma (fun_with_flags)", async () => {
    const names = ['when the message is not valid, the cached value is not changed', 'when the message comes from another node, the cached value is reloaded', 'when the message is not valid the value is reloaded'];
    const body = names.flatMap((n) => [`  test "${n}", %{cache: cache} do`, '    Cache.put_async(cache, :a, 1)', '    Process.sleep(50)', '    assert Cache.size(c) == 1', '  end', '']).join('\n');
    const { report } = await scan({ root: project({ 'test/cache_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['wait_for', 'review'], ['wait_for', 'safe'], ['wait_for', 'safe']]);
  });

  it('is not chosen when the setup that ran before the test made the same check: it held before the sleep (fun_with_flags)', async () => {
    const body = [
      '  describe "a message from this node" do',
      '    setup %{cache: cache} do',
      '      :ok = Cache.put(cache, :flag, :off)',
      '      assert {:ok, :off} = Cache.get(cache, :flag)',
      '      :ok',
      '    end',
      '',
      '    test "is ignored", %{cache: cache} do',
      '      Notifier.publish(:flag)',
      '      Process.sleep(30)',
      '      assert {:ok, :off} = Cache.get(cache, :flag)',
      '    end',
      '',
      '    test "reloads another flag", %{cache: cache} do',
      '      Notifier.publish(:other)',
      '      Process.sleep(30)',
      '      assert {:ok, :on} = Cache.get(cache, :other)',
      '    end',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/notifier_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [13, 'manual', null, 'line 14 checks again what line 7 checked before the sleep: it gives something time to change it, and no event says when that would be'],
      [19, 'wait_for', 'safe', 'polls state: line 20 asserts `Cache.get(cache, :other)`'],
    ]);
  });

  it("leaves to manual a check made again that already held before the act: word for word past calls the project's code shows keep its state (roulette), per item in a loop over the same items (allbert), or as what a polling helper waited for (pokex)", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/repeated_check_test.exs');
    const { report } = await scan({ root: project({ 'test/repeated_check_test.exs': readFileSync(file, 'utf8') }) });
    const again = (line: number) => report.findings.find((f) => f.line === line)?.reason;
    expect(again(152)).toBe('line 153 checks again what line 148 checked before the sleep: it gives something time to change it, and no event says when that would be');
    expect(again(191)).toBe('line 193 checks again what line 185 checked before the sleep: it gives something time to change it, and no event says when that would be');
    expect(again(222)).toBe('line 223 checks again what line 219 checked before the sleep: it gives something time to change it, and no event says when that would be');
    expect(report.findings.filter((f) => f.fix === 'wait_for').map((f) => [f.line, f.safety])).toEqual([
      [147, 'safe'],
      [160, 'review'],
      [169, 'safe'],
      [173, 'safe'],
      [207, 'safe'],
      [232, 'safe'],
      [240, 'safe'],
    ]);
  });

  it('is chosen for a read compared with its earlier value when a check since saw it move on: the sleep waits for it to come back (toolshed)', async () => {
    const body = (checkedSince: boolean) =>
      [
        `  test "a handler ${checkedSince ? 'goes' : 'stays'}", %{io: io} do`,
        '    original_count = Handlers.count()',
        '    Handlers.attach(io)',
        ...(checkedSince ? ['    assert Handlers.count() == original_count + 1'] : []),
        '    StringIO.close(io)',
        '    Process.sleep(10)',
        '    assert Handlers.count() == original_count',
        '  end',
      ].join('\n');
    const { report } = await scan({ root: project({ 'test/handlers_test.exs': testModule(`${body(true)}\n\n${body(false)}`) }) });
    expect(report.findings.map((f) => f.fix)).toEqual(['wait_for', 'manual']);
  });

  it("is marked review for a death when a line after it reads another process's state: that one hears of the death later (finch); so is monitor_down", async () => {
    const body = (stop: string, readsPool: boolean) =>
      [
        `  test "the pool forgets a caller that ${stop === 'send' ? 'ends' : 'is stopped'}", %{pool: pool, caller: caller} do`,
        stop === 'send' ? '    send(caller, :continue)' : '    Process.exit(caller, :shutdown)',
        '    Process.sleep(100)',
        '    refute Process.alive?(caller)',
        ...(readsPool ? ['    assert {_, %{refs: refs}} = :sys.get_state(pool)', '    assert refs == %{}'] : []),
        '  end',
      ].join('\n');
    const tests = [body('send', true), body('send', false), body('exit', true)].join('\n\n');
    const { report } = await scan({ root: project({ 'test/pool_test.exs': testModule(tests) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'review'],
      ['wait_for', 'safe'],
      ['monitor_down', 'review'],
    ]);
  });

  it("is marked review for deaths when a line after them reads a table another process keeps (realtime's tracker)", async () => {
    const body = (readsTable: boolean) =>
      [
        `  test "the tracker ${readsTable ? 'forgets' : 'kills'} what it tracked", %{pids: pids} do`,
        '    Tracker.untrack_all()',
        '    Process.sleep(150)',
        '    for pid <- pids, do: refute(Process.alive?(pid))',
        ...(readsTable ? ['    assert :ets.tab2list(:tracked) == []'] : []),
        '  end',
      ].join('\n');
    const { report } = await scan({ root: project({ 'test/tracker_test.exs': testModule(`${body(true)}\n\n${body(false)}`) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'review'],
      ['wait_for', 'safe'],
    ]);
  });

  it('is review after a call whose work is unread when a line after the poll makes the polled read about something else (glific)', async () => {
    const body = (readsNewToken: boolean) =>
      [
        `  test "renewing ${readsNewToken ? 'swaps the tokens' : 'drops the old token'}", %{conn: conn, old: old} do`,
        '    {renewed, _user} = Auth.renew(conn, old)',
        '    Process.sleep(100)',
        '    assert {_conn, nil} = Auth.fetch(conn, old)',
        ...(readsNewToken ? ['    {_conn, user} = Auth.fetch(conn, renewed)', '    assert user.id == 1'] : []),
        '  end',
      ].join('\n');
    const { report } = await scan({ root: project({ 'test/auth_test.exs': testModule(`${body(true)}\n\n${body(false)}`) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'review'],
      ['wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('line 8 calls `Auth.fetch` again about something else');
  });

  it("does not take an RPC helper called again to run another function for the polled read made again (rpg's rpc_other_node)", async () => {
    const body = (whereis: boolean) => `  test "remote is synced ${whereis}", %{pg: pg, scope: scope, local: local} do
    :ok = pg.join(scope, :group1, local)
    Process.sleep(200)
    assert Cluster.rpc_other_node(pg, :get_members, [scope, :group1]) == [local]
    pid = Cluster.rpc_other_node(${whereis ? 'Process, :whereis, [scope]' : 'pg, :get_members, [scope, :group2]'})
    assert pid
  end`;
    const { report } = await scan({ root: project({ 'test/pg_test.exs': testModule(`${body(true)}\n\n${body(false)}`) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'safe'],
      ['wait_for', 'review'],
    ]);
  });

  it("makes monitor_down review when a line after the death check reads a registry's table, whatever the registry's module (elsa)", async () => {
    const body = (readsRegistry: boolean) =>
      [
        `  test "a stopped agent ${readsRegistry ? 'leaves the registry' : 'is gone'}", %{registry: registry} do`,
        '    {:ok, pid} = Agent.start_link(fn -> :v end, name: {:via, Elsa.Registry, {registry, :agent}})',
        '    Process.exit(pid, :shutdown)',
        '    Process.sleep(1_000)',
        '    assert false == Process.alive?(pid)',
        ...(readsRegistry ? ['    assert :undefined == Elsa.Registry.whereis_name({registry, :agent})'] : []),
        '  end',
      ].join('\n');
    const { report } = await scan({ root: project({ 'test/registry_test.exs': testModule(`${body(true)}\n\n${body(false)}`) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['monitor_down', 'review'],
      ['monitor_down', 'safe'],
    ]);
  });

  it('is safe for a refutation of what an assertion earlier in the test found true: it waits for a change (vintage_net)', async () => {
    const body = (assertedFirst: boolean) =>
      [
        `  test "removing the interface ${assertedFirst ? 'removes' : 'leaves no'} its files", %{config: config} do`,
        '    Net.configure(config)',
        ...(assertedFirst ? ['    assert File.exists?("testing")'] : []),
        '    Net.remove_async(:eth0)',
        '    Process.sleep(10)',
        '    refute File.exists?("testing")',
        '  end',
      ].join('\n');
    const { report } = await scan({ root: project({ 'test/net_test.exs': testModule(`${body(true)}\n\n${body(false)}`) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'safe'],
      ['wait_for', 'review'],
    ]);
  });

  it('is chosen again when the variable the check reads was bound anew since the same check: it asks about another process (connection)', async () => {
    const body = [
      '  test "hibernates after each connect" do',
      '    {:ok, pid} = Conn.start_link(Eval, :hibernate)',
      '    :timer.sleep(100)',
      '    assert Process.info(pid, :current_function) == {:current_function, {:erlang, :hibernate, 3}}',
      '    {:ok, pid} = Conn.start_link(Eval, :backoff_then_hibernate)',
      '    :timer.sleep(100)',
      '    assert Process.info(pid, :current_function) == {:current_function, {:erlang, :hibernate, 3}}',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/conn_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [6, 'wait_for', 'safe'],
      [9, 'wait_for', 'safe'],
    ]);
  });

  it("is marked review when the test's name speaks of when periodic work runs, or of a deadline it must beat: the sleep may bound that time (pushex's drainer, exometer_datadog's \"every period\", craf-elixir's \"times out after 50ms\")", async () => {
    const names = ['flushes metrics at the correct interval', 'syncs periodically', 'adds an entry', 'the drainer will complete before the shutdown ms', 'finishes within the timeout', 'adds an entry before the cache', 'works within a transaction', 'metrics are flushed every period', 'times out after 50ms', 'expires after 2 seconds', 'retries after the reconnect'];
    // "expires after 2 seconds" is a TTL's, and legitimate.
    const body = names.flatMap((n) => [`  test "${n}", %{cache: cache} do`, '    Cache.put_async(cache, :a, 1)', '    Process.sleep(50)', '    assert Cache.size(c) == 1', '  end', '']).join('\n');
    const { report } = await scan({ root: project({ 'test/cache_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['wait_for', 'review'], ['wait_for', 'review'], ['wait_for', 'safe'], ['wait_for', 'review'], ['wait_for', 'review'], ['wait_for', 'safe'], ['wait_for', 'safe'], ['wait_for', 'review'], ['wait_for', 'review'], [null, null], ['wait_for', 'safe']]);
    expect(report.findings[0]!.reason).toBe(
      "polls state: after `Cache.put_async` on line 5, line 7 asserts `Cache.size(c) == 1`; the test's name (“flushes metrics at the correct interval”) speaks of when the work runs, which the sleep may bound and a longer poll would not",
    );
  });

  it("is marked review when the check is a value between two bounds, and gives way to a count between them: how much happened in the time slept (bonny's periodic tasks)", async () => {
    const conditions = ['Cache.peek(c) in 7..10', 'Cache.size(c) in 7..10', 'Cache.size(c) == 8'];
    const report = await reportAfter(conditions);
    expect(report.findings.map((f) => [f.fix ?? f.category, f.safety ?? null])).toEqual([
      ['wait_for', 'review'],
      ['time_measurement', null],
      ['wait_for', 'safe'],
    ]);
  });

  it("is marked review when the check only caps a value from above, which a system where nothing happened meets too (ferricstore's max_connecting)", async () => {
    const conditions = ['Cache.peek(c) <= 2', '3 > Cache.peek(c)', 'Cache.peek(c) >= 2', 'Cache.peek(c) <> "2"'];
    const report = await reportAfter(conditions);
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([
      ['wait_for', 'review'],
      ['wait_for', 'review'],
      ['wait_for', 'safe'],
      ['wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toBe(
      'polls state: after `Cache.put_async` on line 5, line 7 asserts `Cache.peek(c) <= 2`; `<= 2` only bounds it from above, which holds as well before anything happened, and then the poll passes at once',
    );
  });

  it('is marked review when a refutation of a message is among the checks after it: the sleep also gave that message time to arrive', async () => {
    const body = [
      '  test "stops calling once the breaker opens", %{cache: cache} do',
      '    Cache.put_async(cache, :a, 1)',
      '    Process.sleep(300)',
      '    assert Cache.size(c) == 1',
      '    refute_receive {:call, _}',
      '  end',
      '',
      '  test "fills the cache", %{cache: cache} do',
      '    Cache.put_async(cache, :a, 1)',
      '    Process.sleep(300)',
      '    assert Cache.size(c) == 1',
      '    Cache.clear(c)',
      '    refute_receive {:call, _}',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/cache_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [6, 'wait_for', 'review', 'polls state: after `Cache.put_async` on line 5, line 7 asserts `Cache.size(c) == 1`; line 8 refutes a message, and the sleep also gave it time to arrive'],
      [13, 'wait_for', 'safe', 'polls state: after `Cache.put_async` on line 12, line 14 asserts `Cache.size(c) == 1`'],
    ]);
  });

  it('does not poll a condition that acts: the poll and the assertion kept after it would repeat it', async () => {
    const body = ['  test "writes", %{s: s} do', '    Task.start(fn -> Proc.read(s) end)', '    Process.sleep(100)', '    assert :ok == Proc.write(s, "hello")', '  end'].join('\n');
    const { report } = await scan({ root: project({ 'test/proc_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [6, 'manual', 'no condition to wait on: line 7 asserts what `Proc.write` returns, and that call changes state (a poll would repeat it)'],
    ]);
  });

  it('is not chosen when another render of the same LiveView already showed the text (logflare)', async () => {
    const body = [
      '  test "shuts a node down", %{conn: conn} do',
      '    {:ok, view, _html} = live(conn, "/admin/cluster")',
      '    assert render_click(view, "shutdown", %{"node" => "a@host"}) =~ "Node shutdown initiated"',
      '    Process.sleep(200)',
      '    assert render(view) =~ "Node shutdown initiated"',
      '  end',
      '',
      '  test "shows the node as gone", %{conn: conn} do',
      '    {:ok, view, _html} = live(conn, "/admin/cluster")',
      '    assert render_click(view, "shutdown", %{"node" => "a@host"}) =~ "Node shutdown initiated"',
      '    Process.sleep(200)',
      '    assert render(view) =~ "Node stopped"',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/cluster_live_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([
      [7, 'manual'],
      [14, 'wait_for'],
    ]);
  });

  it("is marked review when the view's mount threw its render away and nothing acted on the view since (crawly_ui's refresh timer): the text may be there from the start", async () => {
    const body = [
      '  test "the items page refreshes", %{conn: conn} do',
      '    {:ok, view, _html} = live(conn, "/jobs/1/items")',
      '    Process.sleep(110)',
      '    assert render(view) =~ "Items"',
      '  end',
      '',
      '  test "a click shows the job", %{conn: conn} do',
      '    {:ok, view, _html} = live(conn, "/jobs")',
      '    render_click(view, "open", %{"id" => "1"})',
      '    Process.sleep(110)',
      '    assert render(view) =~ "Job 1"',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/items_live_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [6, 'wait_for', 'review'],
      [13, 'wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('line 5 mounted the view and threw its render away, and nothing acted on the view since');
  });

  it("does not poll a condition that calls a function of the file whose body acts (supavisor's connection helper)", async () => {
    const body = [
      '  test "refuses a third client", %{pool: pool} do',
      '    assert {:ok, _} = new_client(pool)',
      '    assert {:ok, _} = new_client(pool)',
      '    Process.sleep(1000)',
      '    assert {:error, :max_clients} = new_client(pool)',
      '  end',
      '',
      '  test "counts its clients", %{pool: pool} do',
      '    assert {:ok, _} = new_client(pool)',
      '    Process.sleep(1000)',
      '    assert {:ok, 1} = clients(pool)',
      '  end',
      '',
      '  test "answers a signed request", %{pool: pool, conn: conn} do',
      '    assert {:ok, _} = new_client(pool)',
      '    Process.sleep(1000)',
      '    assert {:ok, 1} = Pool.fetch(signed(conn, "token"))',
      '  end',
      '',
      '  defp signed(conn, token), do: Plug.Conn.put_req_header(conn, "authorization", token)',
      '',
      '  defp new_client(pool), do: start_supervised({Client, pool: pool}, id: make_ref())',
      '',
      '  defp clients(pool) do',
      '    {:ok, length(Pool.clients(pool))}',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/pool_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.reason])).toEqual([
      [7, 'manual', 'no condition to wait on: line 8 asserts what `new_client` returns, and that call changes state (a poll would repeat it)'],
      [13, 'wait_for', 'polls state: line 14 asserts `clients(pool)`'],
      // A put on a conn gives a new conn (papercups' `with_auth_header`): a read.
      [19, 'wait_for', 'polls state: line 20 asserts `Pool.fetch(signed(conn, "token"))`'],
    ]);
  });

  it("takes a function of the project's with no arguments that answers a constant for a read, whatever verb its name holds (ex_mmo_cluster's reason_attribute_write)", async () => {
    const bounds = [
      'defmodule Voxel.Bounds do',
      '  @reason_attribute_write 4',
      '  def reason_attribute_write, do: @reason_attribute_write',
      '  def reason_block_write do',
      '    :persistent_term.put(:last_reason, :block)',
      '    2',
      '  end',
      '  def reason_set?(bounds, reason), do: Bitwise.band(bounds, reason) != 0',
      'end',
    ].join('\n');
    const conditions = ['Voxel.Bounds.reason_set?(Cache.bounds(c), Voxel.Bounds.reason_attribute_write())', 'Voxel.Bounds.reason_set?(Cache.bounds(c), Voxel.Bounds.reason_block_write())'];
    expect(await rulesAfter(conditions, { 'lib/voxel/bounds.ex': bounds })).toEqual([true, false]);
  });

  it("does not poll a call handed a function the test bound, whose body acts (ex_llm's read-through cache, counting each miss)", async () => {
    const body = [
      '  test "a second read comes from the cache", %{counter: counter} do',
      '    fun = fn ->',
      '      :counters.add(counter, 1, 1)',
      '      {:ok, %{value: :counters.get(counter, 1)}}',
      '    end',
      '',
      '    result1 = Cache.with_cache("k", [cache: true], fun)',
      '    assert {:ok, %{value: 1}} = result1',
      '    Process.sleep(10)',
      '    result2 = Cache.with_cache("k", [cache: true], fun)',
      '    assert {:ok, %{value: 1}} = result2',
      '  end',
      '',
      '  test "a pure function handed is still read", %{cache: cache} do',
      '    double = fn x -> x * 2 end',
      '    Cache.warm_all()',
      '    Process.sleep(10)',
      '    assert Cache.map(cache, double) == %{a: 2}',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/cache_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([
      [12, 'manual'],
      [20, 'wait_for'],
    ]);
  });

  it("does not poll a read whose helper takes messages off the mailbox a level or two down (ex_mmo_cluster's snapshot collector)", async () => {
    const body = [
      '  test "the stop is broadcast", %{player: player} do',
      '    Player.brake(player)',
      '    Process.sleep(800)',
      '    snapshots = collect_snapshots_for_ms(100)',
      '    assert snapshots != []',
      '  end',
      '',
      '  test "the count is read", %{player: player} do',
      '    Movement.brake_all()',
      '    Process.sleep(800)',
      '    count = moves_of(player)',
      '    assert count == 0',
      '  end',
      '',
      '  defp collect_snapshots_for_ms(ms), do: collect_until(System.monotonic_time(:millisecond) + ms, [])',
      '',
      '  defp collect_until(deadline, acc) do',
      '    remaining = max(deadline - System.monotonic_time(:millisecond), 0)',
      '',
      '    receive do',
      '      {:snapshot, snap} -> collect_until(deadline, [snap | acc])',
      '      _other -> collect_until(deadline, acc)',
      '    after',
      '      remaining -> Enum.reverse(acc)',
      '    end',
      '  end',
      '',
      '  defp moves_of(player), do: length(history(player))',
      '',
      '  defp history(player), do: Player.history(player)',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/movement_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([
      [6, 'manual'],
      [13, 'poll_with_timeout'],
    ]);
  });

  it('is chosen over remove when the assertions after it go on to another process of the same module', async () => {
    const crdt = [
      'defmodule Crdt do',
      '  use GenServer',
      '  def put(crdt, k, v), do: GenServer.call(crdt, {:put, k, v})',
      '  def to_map(crdt), do: GenServer.call(crdt, :to_map)',
      '  def increment(crdt), do: GenServer.call(crdt, :increment)',
      '  def handle_call({:put, k, v}, _from, map), do: {:reply, :ok, Map.put(map, k, v)}',
      '  def handle_call(:to_map, _from, map), do: {:reply, map, map}',
      'end',
    ].join('\n');
    const body = [
      '  test "replicates", %{c1: c1, c2: c2} do',
      '    Crdt.put(c1, :a, 1)',
      '    Process.sleep(100)',
      '    assert Crdt.to_map(c1) == %{a: 1}',
      '    assert Crdt.to_map(c2) == %{a: 1}',
      '  end',
      '',
      '  test "replicates a counter", %{c1: c1, c2: c2} do',
      '    Crdt.put(c1, :a, 1)',
      '    Process.sleep(100)',
      '    assert Crdt.to_map(c1) == %{a: 1}',
      '    assert Crdt.increment(c2) == 2',
      '  end',
      '',
      '  test "writes", %{c1: c1} do',
      '    Crdt.put(c1, :a, 1)',
      '    Process.sleep(100)',
      '    assert Crdt.to_map(c1) == %{a: 1}',
      '  end',
      '',
      '  test "keeps a write to itself once uncoupled", %{c1: c1, c2: c2} do',
      '    Crdt.put(c1, :a, 1)',
      '    Process.sleep(100)',
      '    assert Crdt.to_map(c1) == %{a: 1}',
      '    refute Crdt.to_map(c2) == %{a: 1}',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/crdt.ex': crdt, 'test/crdt_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [6, 'wait_for', 'safe'],
      // The read of c2 joins the polled condition; a call that changes state cannot be polled.
      [13, 'manual', null],
      [20, 'remove', 'review'],
      // A refutation joined to the condition holds from the start (delta_crdt: the write must not reach c2).
      [26, 'wait_for', 'review'],
    ]);
  });
  it("is not safe after starting a module whose start is not read through (no init/1 of its own): what it leaves running is unknown", async () => {
    // telemetry_metrics_prometheus_core: Core.start_link starts Registry, whose init makes the tables
    // and sends itself the setup that attaches the handlers; the tables are there at once.
    const core = ['defmodule Metrics.Core do', '  def start_link(opts), do: Metrics.Registry.start_link(opts)', 'end'].join('\n');
    const registry = [
      'defmodule Metrics.Registry do',
      '  use GenServer',
      '  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)',
      '  def size(name), do: GenServer.call(name, :size)',
      '  def init(opts) do',
      '    :ets.new(opts[:name], [:named_table, :public])',
      '    send(self(), {:setup, opts})',
      '    {:ok, opts}',
      '  end',
      '  def handle_info({:setup, _opts}, state), do: {:noreply, state}',
      '  def handle_call(:size, _from, state), do: {:reply, 0, state}',
      'end',
    ].join('\n');
    const body = [
      '  test "through another module" do',
      '    opts = [name: :reporter, metrics: [Telemetry.Metrics.counter("http.request.total")]]',
      '    _pid = start_supervised!(%{id: :reporter, start: {Metrics.Core, :start_link, [opts]}})',
      '    Process.sleep(100)',
      '    assert :ets.info(:reporter) != :undefined',
      '    assert :ets.info(:reporter_dist) != :undefined',
      '    :telemetry.execute([:http, :request, :stop], %{duration: 300})',
      '    scraped = Metrics.Core.scrape(:reporter)',
      '    assert scraped =~ "http_request_total"',
      '  end',
      '',
      '  test "a server read through" do',
      '    start_supervised!({Metrics.Registry, name: :other})',
      '    Process.sleep(100)',
      '    assert :ets.info(:other) != :undefined',
      '    :telemetry.execute([:http, :request, :stop], %{duration: 300})',
      '    assert Metrics.Core.scrape(:other) =~ "http_request_total"',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/core.ex': core, 'lib/registry.ex': registry, 'test/core_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [7, 'wait_for', 'review', 'polls state: line 8 asserts `:ets.info(:reporter) != :undefined`; `Metrics.Core` has no init/1 of its own, so what its start leaves running is not read, and the check may hold before that work is done'],
      [
        17,
        'wait_for',
        'review',
        "polls state: line 18 asserts `:ets.info(:other) != :undefined`; `Metrics.Registry`'s init/1 leaves work to a message to itself or to handle_continue, which the check does not ask about, so it may hold before that work is done",
      ],
    ]);
  });
  it("joins an OS process's death to the wait, and stays safe: it comes on the OS's time, after the Elixir process's (ex_cmd)", async () => {
    const body = [
      '  test "the command ends with its owner", %{owner: owner, s: s, os_pid: os_pid} do',
      '    GenServer.stop(owner)',
      '    :timer.sleep(2000)',
      '    refute Process.alive?(s.pid)',
      '    refute os_process_alive?(os_pid)',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/shell_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([[6, 'wait_for', 'safe', 'polls state: line 7 refutes `Process.alive?(s.pid)`']]);
  });

  it("is not safe inside a capture whose output the test reads after it: lines logged once the condition holds may miss the capture (realtime's syn conflict)", async () => {
    const body = [
      '  test "a conflict stops the local copy", %{node: node} do',
      '    log =',
      '      capture_log(fn ->',
      '        true = Node.connect(node)',
      '        Process.sleep(500)',
      '        assert :syn.lookup(Connect, "t1") == {:remote, 1}',
      '      end)',
      '',
      '    assert log =~ "terminated due to syn conflict resolution"',
      '  end',
      '',
      '  test "a conflict, with the log kept quiet", %{node: node} do',
      '    capture_log(fn ->',
      '      true = Node.connect(node)',
      '      Process.sleep(500)',
      '      assert :syn.lookup(Connect, "t1") == {:remote, 1}',
      '    end)',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/syn_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [
        8,
        'wait_for',
        'review',
        'polls state: line 9 asserts `:syn.lookup(Connect, "t1") == {:remote, 1}`; it runs inside `capture_log`, and what other processes write once the condition holds may come after the capture ends',
      ],
      [18, 'wait_for', 'safe', 'polls state: line 19 asserts `:syn.lookup(Connect, "t1") == {:remote, 1}`'],
    ]);
  });

  it("is not safe when the check reads back the value the line before wrote through a call it cannot tell is asynchronous (sentry's leak check; elixir_cache's tagged answer), not one that line only compared (neo-scan), nor a number inside a string (ex_aliyun_sls)", async () => {
    const body = [
      '  test "same key, different value (sibling test)" do',
      '    put_test_config(environment_name: "iso_b")',
      '    Process.sleep(10)',
      '    assert Sentry.Config.environment_name() == "iso_b"',
      '  end',
      '',
      '  test "an asynchronous write read back" do',
      '    Sentry.Config.put_async(environment_name: "iso_c")',
      '    Process.sleep(10)',
      '    assert Sentry.Config.environment_name() == "iso_c"',
      '  end',
      '',
      '  test "a literal inside another word is no write of it (cachex)" do',
      '    assert Sentry.Config.warm(:warmer1) == [:warmer1]',
      '    Process.sleep(10)',
      '    assert Sentry.Config.fetch(:key) == 1',
      '  end',
      '',
      '  test "nor is the length of a sleep in the loop before (mentat)" do',
      '    for i <- 0..20 do',
      '      Sentry.Cache.put(Sentry.Cache, i, i)',
      '      :timer.sleep(10)',
      '    end',
      '',
      '    :timer.sleep(10)',
      '    assert Sentry.Config.size() == 10',
      '  end',
      '',
      '  test "the value of a tagged answer read back (elixir_cache)" do',
      '    assert :ok === Sentry.Cache.put("awl_key", 2000, "original")',
      '    Process.sleep(1600)',
      '    assert {:ok, "original"} === Sentry.Cache.get("awl_key")',
      '  end',
      '',
      '  test "a number compared is no write of it (neo-scan)" do',
      '    Sentry.Sync.insert_block(1)',
      '    assert 3 == Enum.count(Sentry.Repo.all(Transfer))',
      '    Process.sleep(10)',
      '    assert 3 == Enum.count(Sentry.Repo.all(Asset))',
      '  end',
      '',
      '  test "nor is a number inside a string (ex_aliyun_sls)" do',
      '    Sentry.Log.info("line 1")',
      '    Process.sleep(10)',
      '    assert Sentry.Log.count() == 1',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/config_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety, f.reason])).toEqual([
      [
        6,
        'wait_for',
        'review',
        'polls state: line 7 asserts `Sentry.Config.environment_name() == "iso_b"`; it reads back `"iso_b"`, which line 5 wrote, and nothing says that write is asynchronous: the check may hold at once, and the sleep may be a window for another writer',
      ],
      [12, 'wait_for', 'safe', 'polls state: line 13 asserts `Sentry.Config.environment_name() == "iso_c"`'],
      [18, 'wait_for', 'safe', 'polls state: line 19 asserts `Sentry.Config.fetch(:key) == 1`'],
      [25, 'manual', null, 'last in a loop body: paces its iterations (`Sentry.Cache.put(Sentry.Cache, i, i)` each time), and nothing in the loop checks what it waits for'],
      [28, 'wait_for', 'safe', 'polls state: line 29 asserts `Sentry.Config.size() == 10`'],
      [34, 'wait_for', 'review', 'polls state: line 35 asserts `{:ok, "original"} === Sentry.Cache.get("awl_key")`; it reads back `"original"`, which line 33 wrote, and nothing says that write is asynchronous: the check may hold at once, and the sleep may be a window for another writer'],
      [41, 'wait_for', 'safe', 'polls state: line 42 asserts `3 == Enum.count(Sentry.Repo.all(Asset))`'],
      [47, 'wait_for', 'safe', 'polls state: line 48 asserts `Sentry.Log.count() == 1`'],
    ]);
  });
});

describe('wait_for on a value the test wrote before the act', () => {
  it("is for review when the check reads back what an earlier call the store answers wrote to that key, round after round too (kv_store's compaction test: the last value put, then the compaction cast); safe for the archiver's own count, a value that came by a cast, a key deleted since, or a read of another store", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/shelf_archive_test.exs');
    const { report } = await scan({ root: project({ 'test/shelf_archive_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [82, 'wait_for', 'review'],
      [93, 'wait_for', 'review'],
      [102, 'wait_for', 'safe'],
      [112, 'wait_for', 'safe'],
      [122, 'wait_for', 'safe'],
      [132, 'wait_for', 'safe'],
    ]);
    expect(report.findings[1]!.reason).toContain('it reads back `"rev_6"`, which `Shelf.put` on line 89 wrote to the same key before the act on line 92');
  });
});

describe('wait_for on a key the line before wrote', () => {
  it("is for review when the check is that the key the test's own call was handed is there (riptide's scheduler retrigger), not when a task or the runner writes it", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/standup_planner_test.exs');
    const { report } = await scan({ root: join(import.meta.dirname, '../../fixtures/classify'), paths: [file] });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [43, 'wait_for', 'review'],
      [51, 'wait_for', 'safe'],
      [59, 'wait_for', 'safe'],
      [67, 'wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('it asks whether `"again"` is there, which line 41 handed to `Standup.Planner.plan_in`');
  });
});

describe('wait_for on a number looked for in a text', () => {
  it("is for review: its digits may be in the text before anything arrived, in an id (Logflare's dashboard)", async () => {
    const body = [
      '  test "shows the buffer size", %{view: view, source: source} do',
      '    buffer = Enum.random(1..100)',
      '    Dashboard.broadcast_buffer(source, buffer)',
      '    Process.sleep(100)',
      '    assert view |> element("#source-#{source.token}") |> render() =~ to_string(buffer)',
      '  end',
      '',
      '  test "shows the name", %{view: view, source: source} do',
      '    Dashboard.broadcast_name(source, "orders")',
      '    Process.sleep(100)',
      '    assert view |> element("#source-#{source.token}") |> render() =~ "orders"',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/dashboard_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [7, 'wait_for', 'review'],
      [13, 'wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('`=~ to_string(buffer)` looks for a number');
  });
});

describe('wait_for after starting a module whose start_link and init come from a use', () => {
  it("is for review: what its start leaves running is not read (blockscout's migrations)", async () => {
    const migration = ['defmodule Chain.Migrator.UnescapeTokens do', '  use Chain.Migrator.FillingMigration', '  def migration_name, do: "unescape_tokens"', 'end'].join('\n');
    const body = [
      '  test "unescapes ampersands in tokens" do',
      '    token = insert(:token, name: "Rock &amp; Roll")',
      '    Chain.Migrator.UnescapeTokens.start_link([])',
      '    Process.sleep(100)',
      '    assert Repo.reload(token).name == "Rock & Roll"',
      '    assert Chain.MigrationStatus.get_status("unescape_tokens") == "completed"',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/unescape_tokens.ex': migration, 'test/unescape_tokens_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([[7, 'wait_for', 'review']]);
    expect(report.findings[0]!.reason).toContain('`Chain.Migrator.UnescapeTokens` has no init/1 of its own');
  });
});

describe('wait_for on a file that exists, when later lines read what is in it', () => {
  it("is for review: a writer creates the file when it opens it, before the data comes (membrane_ice_plugin's recording)", async () => {
    const body = [
      '  @file_path "/tmp/ice_received.h264"',
      '',
      '  test "a stream sent over ICE is recorded", %{rx: rx, tx: tx} do',
      '    set_remote_candidates(tx, rx)',
      '    :timer.sleep(1000)',
      '    assert File.exists?(@file_path)',
      '    %{size: size} = File.stat!(@file_path)',
      '    assert size > 140_000',
      '  end',
      '',
      '  test "a report is written", %{exporter: exporter} do',
      '    Exporter.export_async(exporter, "out.csv")',
      '    Process.sleep(200)',
      '    assert File.exists?("out.csv")',
      '    File.rm!("out.csv")',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/recording_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [8, 'wait_for', 'review'],
      [16, 'wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('line 10 reads what is in `@file_path`, and a file exists from the moment a writer opens it');
  });

  it("is not chosen when the setup made the file: it existed all along, and the poll would wait for nothing (ramoops_logger)", async () => {
    const body = [
      '  @pmsg "__test_pmsg"',
      '',
      '  setup do',
      '    File.touch!(@pmsg)',
      '    :ok',
      '  end',
      '',
      '  test "logs a message" do',
      '    Logger.debug("hello")',
      '    Logger.flush()',
      '    Process.sleep(100)',
      '    assert File.exists?(@pmsg)',
      '    contents = File.read!(@pmsg)',
      '    assert contents =~ "[debug] hello"',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/oops_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => f.fix)).not.toContain('wait_for');
  });
});

describe('wait_for past a barrier the test makes itself', () => {
  it("polls the check after a bare :sys.get_state, which orders only what is already in the mailbox (skitter's registry across nodes)", async () => {
    const body = [
      '  test "a worker that connects is registered", %{manager: manager, master: master, worker2: worker2} do',
      '    Cluster.rpc(worker2, MasterConnection, :connect, [master])',
      '    # Give the changes some time to propagate',
      '    Process.sleep(100)',
      '    :sys.get_state(manager)',
      '    assert worker2 in Remote.workers()',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/master_connection_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([[7, 'wait_for']]);
    expect(report.findings[0]!.reason).toContain('line 9 asserts `worker2 in Remote.workers()`');
  });
});

describe('wait_for on a call that runs the function it is handed', () => {
  it("is not written: a circuit breaker's call runs it through the breaker, an act a poll would repeat (vsm, lasso)", async () => {
    const body = [
      '  test "half open after the timeout" do',
      '    Task.start(fn -> Load.spike(:main) end)',
      '    Process.sleep(150)',
      '    assert {:ok, :success} = CircuitBreaker.call(:main, fn -> :success end)',
      '  end',
      '',
      '  test "a plug call is a read", %{conn: conn} do',
      '    Task.start(fn -> Cache.warm(:main) end)',
      '    Process.sleep(150)',
      '    assert App.Router.call(conn, []).status == 200',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/breaker_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix])).toEqual([
      [6, 'manual'],
      [12, 'wait_for'],
    ]);
    expect(report.findings[0]!.reason).toContain('asserts what `CircuitBreaker.call` returns, and that call changes state');
  });
});

describe('wait_for on a death, before a read of the process that monitors it', () => {
  it("is for review when that read goes through the project's API: the pool frees the client's resource in its own :DOWN (vsm's bulkhead)", async () => {
    const bulkhead = [
      'defmodule App.Bulkhead do',
      '  use GenServer',
      '  def checkout(b), do: GenServer.call(b, {:checkout, self()})',
      '  def get_state(b), do: GenServer.call(b, :get_state)',
      '  @impl true',
      '  def init(n), do: {:ok, %{available: n, busy: 0}}',
      '  @impl true',
      '  def handle_call({:checkout, pid}, _from, s) do',
      '    Process.monitor(pid)',
      '    {:reply, {:ok, :resource}, %{s | available: s.available - 1, busy: s.busy + 1}}',
      '  end',
      '  def handle_call(:get_state, _from, s), do: {:reply, s, s}',
      '  @impl true',
      '  def handle_info({:DOWN, _, :process, _, _}, s), do: {:noreply, %{s | available: s.available + 1, busy: s.busy - 1}}',
      'end',
    ].join('\n');
    const body = [
      '  test "a client that dies frees its resource", %{bulkhead: bulkhead} do',
      '    pid = spawn(fn -> {:ok, _} = App.Bulkhead.checkout(bulkhead) end)',
      '    Process.sleep(100)',
      '    refute Process.alive?(pid)',
      '    state = App.Bulkhead.get_state(bulkhead)',
      '    assert state.available == 3',
      '  end',
    ].join('\n');
    const { report } = await scan({ root: project({ 'lib/app/bulkhead.ex': bulkhead, 'test/bulkhead_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([[6, 'wait_for', 'review']]);
    expect(report.findings[0]!.reason).toContain('line 8 reads the state of another process, which hears of the death in its own :DOWN');
  });

  it("is safe for a death however the check spells it: once a process is gone it stays gone (live_debugger's `== false`)", async () => {
    const checks = ['refute Process.alive?(pid)', 'assert Process.alive?(pid) == false', 'assert false == Process.alive?(pid)', 'assert Registry.lookup(R, :k) == []'];
    const body = checks.flatMap((check, i) => [`  test "t${i}" do`, '    pid = spawn(fn -> Process.sleep(:infinity) end)', '    Process.exit(pid, :normal)', '    Process.sleep(100)', `    ${check}`, '  end', '']).join('\n');
    const { report } = await scan({ root: project({ 'test/exit_test.exs': testModule(body) }) });
    const slept = report.findings.filter((f) => f.verdict === 'problematic');
    expect(slept.map((f) => [f.fix, f.safety])).toEqual([['wait_for', 'safe'], ['wait_for', 'safe'], ['wait_for', 'safe'], ['wait_for', 'review']]);
    expect(slept[1]!.reason).not.toContain('idle state');
  });

  it("is safe for a refutation of a read the test bound and asserted present before the act (anubis's SSE handler)", async () => {
    const checks = ['assert is_pid(handler)', 'assert handler', 'assert handler != nil', 'assert other_handler'];
    const body = checks.flatMap((check, i) => [`  test "t${i}", %{transport: transport} do`, '    handler = Transport.get_handler(transport, "s")', `    other_handler = Transport.get_handler(transport, "other")`, `    ${check}`, '    Sessions.expire_all()', '    Process.sleep(100)', '    refute Transport.get_handler(transport, "s")', '  end', '']).join('\n');
    const { report } = await scan({ root: project({ 'test/transport_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['wait_for', 'safe'], ['wait_for', 'safe'], ['wait_for', 'safe'], ['wait_for', 'review']]);
  });
});

describe("a test body handed to a support helper that runs it in place", () => {
  it("is the test's own flow, also piped into the helper and under Mock's with_mocks (sanbase's run_with_mocks)", async () => {
    const mock = [
      'defmodule App.Mock do',
      '  import Mock',
      '  def prepare(m), do: [m]',
      '  def run_with_mocks(state, assert_fun), do: state |> with_mocks(do: assert_fun.())',
      '  def run_later(state, assert_fun), do: spawn(fn -> assert_fun.(state) end)',
      'end',
    ].join('\n');
    const body = (helper: string) =>
      [`  test "syncs through ${helper}" do`, '    App.Mock.prepare(:x)', `    |> App.Mock.${helper}(fn ->`, '      {:ok, id} = Jobs.start()', '      Process.sleep(100)', '      assert Jobs.status(id) == "completed"', '    end)', '  end'].join('\n');
    const { report } = await scan({ root: project({ 'test/support/mock.ex': mock, 'test/a_test.exs': testModule(body('run_with_mocks')), 'test/b_test.exs': testModule(body('run_later'), 'App.LaterTest') }) });
    expect(report.findings.map((f) => [f.file, f.verdict, f.fix ?? f.category])).toEqual([
      ['test/a_test.exs', 'problematic', 'wait_for'],
      ['test/b_test.exs', 'legitimate', 'spawned_work'],
    ]);
  });
});

describe('wait-for and a key a server starts with', () => {
  const cache = (initial: string) => [
    'defmodule App.Attitude do',
    '  use GenServer',
    '  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)',
    '  def get(key), do: GenServer.call(__MODULE__, {:get, key})',
    '  @impl true',
    '  def init(_) do',
    '    Process.send_after(self(), :first_sample, 50)',
    `    {:ok, %{attitude: ${initial}}}`,
    '  end',
    '  @impl true',
    '  def handle_info(:first_sample, state), do: {:noreply, %{state | attitude: %{roll: 0.1}}}',
    '  @impl true',
    '  def handle_call({:get, key}, _from, state), do: {:reply, Map.get(state, key), state}',
    'end',
  ].join('\n');
  const body = ['  test "publishes the attitude" do', '    App.Attitude.start_link(nil)', '    Process.sleep(200)', '    assert !is_nil(App.Attitude.get(:attitude))', '  end'].join('\n');

  it("is for review when init/1 starts the key at a value, so the presence check holds at once (via's estimation cache)", async () => {
    const { report } = await scan({ root: project({ 'lib/app/attitude.ex': cache('%{}'), 'test/attitude_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['wait_for', 'review']]);
    expect(report.findings[0]!.reason).toContain("`App.Attitude`'s init/1 starts `attitude` at `%{}`");
  });

  it('is safe when init/1 starts it at nil', async () => {
    const { report } = await scan({ root: project({ 'lib/app/attitude.ex': cache('nil'), 'test/attitude_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual([['wait_for', 'safe']]);
  });
});

describe('wait-for and a count the write before the sleep makes', () => {
  const body = [
    '  test "a size check works with no segment limit set" do',
    '    fill(Store, 1..4)',
    '    Process.sleep(800)',
    '    assert Store.entry_count() == 4',
    '  end',
    '',
    '  test "more entries on top of the ones counted" do',
    '    fill(Store, 1..2)',
    '    assert Store.entry_count() == 2',
    '    fill(Store, 3..4)',
    '    Process.sleep(800)',
    '    assert Store.entry_count() == 4',
    '  end',
    '',
    '  test "the old segment dropped" do',
    '    fill(Store, 1..4)',
    '    assert Store.entry_count() == 4',
    '    Process.sleep(1200)',
    '    assert Store.entry_count() == 0',
    '  end',
    '',
    '  test "three left after the size check" do',
    '    fill(Store, 1..2)',
    '    assert Store.entry_count() == 2',
    '    fill(Store, 3..4)',
    '    Process.sleep(800)',
    '    assert Store.entry_count() == 3',
    '  end',
    '',
    '  test "a loader fills it" do',
    '    fill_async(Store, 1..4)',
    '    Process.sleep(300)',
    '    assert Store.entry_count() == 4',
    '  end',
    '',
    '  test "another store counted" do',
    '    fill(Store, 1..4)',
    '    Process.sleep(300)',
    '    assert Mirror.entry_count() == 4',
    '  end',
  ].join('\n');

  it("is for review when the range handed to the call before the sleep makes the count checked, alone or on top of the one asserted before: it holds when the call returns (nebulex_local's healthcheck)", async () => {
    const { report } = await scan({ root: project({ 'test/store_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [6, 'wait_for', 'review'],
      [14, 'wait_for', 'review'],
      [21, 'wait_for', 'safe'],
      [29, 'wait_for', 'safe'],
      [35, 'wait_for', 'safe'],
      [41, 'wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toBe('polls state: line 7 asserts `Store.entry_count() == 4`; line 5 hands `fill` the range `1..4`: its 4 items make the 4 the check asks for, and nothing says that write is asynchronous: the check may hold from the start, and the poll return at once');
    expect(report.findings[1]!.reason).toContain('line 13 hands `fill` the range `3..4`: its 2 items and the 2 line 12 asserted make the 4 the check asks for');
  });
});

describe('wait-for and a count that is the cap the test configured', () => {
  it("is for review when the count checked is the cap the test or its setup set and the test handed over more than it: the count sits at the cap before the rest is handled (loki_logger_handler's max_buffer_size); safe when the number is another, or the test handed over exactly the cap", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/line_spool_test.exs');
    const { report } = await scan({ root: project({ 'test/line_spool_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [27, 'wait_for', 'safe'],
      [38, 'wait_for', 'safe'],
      [53, 'wait_for', 'review'],
      [62, 'wait_for', 'safe'],
      [78, 'wait_for', 'review'],
      [92, 'wait_for', 'review'],
      [106, 'wait_for', 'review'],
    ]);
    expect(report.findings.find((f) => f.line === 78)?.reason).toContain('`max_lines: 8` on line 70 caps what the check counts at the 8 it asks for, and line 73 hands over 12: the count can reach the cap before the last of them is handled');
    expect(report.findings.find((f) => f.line === 53)?.reason).toContain('`max_lines: 3` on line 46 caps');
    expect(report.findings.find((f) => f.line === 92)?.reason).toContain('`max_lines: @small` on line 87 caps what the check counts at the 4 it asks for, and line 89 hands over 6');
    expect(report.findings.find((f) => f.line === 106)?.reason).toContain('lines 101 to 103 hand over 3');
  });

  const test = (name: string, start: string, fill: string, check: string) =>
    [`  test "${name}" do`, `    buffer = ${start}`, `    ${fill}`, '    # Wait for the pushes to be processed', '    Process.sleep(50)', `    assert ${check}`, '  end', ''].join('\n');

  it('reads the cap from an attribute that holds the options, and a count reached from below (`>=`); not a time, nor a cap in a comment or a string', async () => {
    const body = [
      '  @opts [capacity: 5]',
      '',
      test('an attribute holds the options', 'Buffer.start(@opts)', 'for i <- 1..9, do: Buffer.push_async(buffer, i)', 'Buffer.size(buffer) == 5'),
      test('reached from below', 'Buffer.start(queue_limit: 5)', 'Enum.each(1..9, &Buffer.push_async(buffer, &1))', 'Buffer.size(buffer) >= 5'),
      test('a time that equals the count', 'Buffer.start(max_wait_ms: 5)', 'for i <- 1..9, do: Buffer.push_async(buffer, i)', 'Buffer.size(buffer) == 5'),
      test('a cap only in a string', 'Buffer.start(name: "max_size: 5")', 'for i <- 1..9, do: Buffer.push_async(buffer, i)', 'Buffer.size(buffer) == 5'),
      test('the cap above what the count reaches', 'Buffer.start(max_size: 20)', 'for i <- 1..25, do: Buffer.push_async(buffer, i)', 'Buffer.size(buffer) == 5'),
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/buffer_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [10, 'wait_for', 'review'],
      [18, 'wait_for', 'review'],
      [26, 'wait_for', 'safe'],
      [34, 'wait_for', 'safe'],
      [42, 'wait_for', 'safe'],
    ]);
  });
});

describe('wait-for and a condition that stores', () => {
  it("is no wait when the polled call stores, first in its name or after another verb (limiter's `get_and_store`, which adds an increment each call, so a poll could reach the value through its own writes; `get_or_store`); a read of the same key, or a store named as a thing, stays safe", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/slot_ledger_test.exs');
    const { report } = await scan({ root: project({ 'test/slot_ledger_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [25, 'manual', null],
      [33, 'manual', null],
      [43, 'wait_for', 'safe'],
      [51, 'wait_for', 'safe'],
    ]);
    expect(report.findings[0]!.reason).toContain('line 27 asserts what `SlotLedger.get_and_store` returns, and that call changes state (a poll would repeat it)');
  });

  it('reads `stores`, `get_store`, `session_store` and `store_pid` as the store itself', async () => {
    const body = ['session_store(name)', 'Vault.get_store(name)', 'length(Vault.stores())', 'Vault.store_pid(name)']
      .map((read, i) => [`  test "read ${i}" do`, '    Vault.put_async(:k, 1)', '    Process.sleep(20)', `    assert ${read} != nil`, '  end', ''].join('\n'))
      .join('\n');
    const { report } = await scan({ root: project({ 'test/vault_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.fix, f.safety])).toEqual(Array.from({ length: 4 }, () => ['wait_for', 'safe']));
  });
});

describe('wait-for and a re-read of other state after the polled check', () => {
  it("is for review when a line after the poll binds a read of other state that later lines check (earss's feed re-fetched after the entry count: the work stamps it in a later write); safe when that check is a plain assertion, which joins the poll, when the read is of the polled query again, when the binding is pure work on values, or when what it binds is only acted on", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/digest_sender_test.exs');
    const { report } = await scan({ root: project({ 'test/digest_sender_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [25, 'wait_for', 'review'],
      [36, 'wait_for', 'review'],
      [47, 'wait_for', 'safe'],
      [58, 'wait_for', 'safe'],
      [69, 'wait_for', 'safe'],
      [80, 'wait_for', 'safe'],
    ]);
    expect(report.findings.find((f) => f.line === 25)?.reason).toContain("line 28 binds what `Subscriptions.get!` reads, other state than the poll's, for later lines to check");
    expect(report.findings.find((f) => f.line === 36)?.reason).toContain('line 39 binds what `Subscriptions.fetch` reads');
  });

  const test = (name: string, lines: string[]) => [`  test "${name}", %{file: file, cache: cache, other: other} do`, '    Importer.run_async(file)', '    Process.sleep(50)', '    assert Cache.size(cache) == 1', ...lines.map((l) => `    ${l}`), '  end', ''].join('\n');

  it('takes a read with the same module and first argument, or a look into the same process, for the same thing; not the same key through another module; reads the check through a value made of the binding; not a binding checked only after an act or a wait', async () => {
    const body = [
      test('same cache', ['value = Cache.get(cache, :a)', 'assert value == 1']),
      test('same process, another module', ['state = :sys.get_state(cache)', 'assert map_size(state.entries) == 1']),
      test('another cache', ['value = Cache.get(other, :a)', 'assert value == 1']),
      test('through a value made of it', ['stats = Stats.for(other)', 'hits = stats.hits', 'assert hits == 0']),
      test('the same key, another module', ['stats = Stats.for(cache)', 'assert stats.hits == 0']),
      test('acted on first', ['value = Cache.get(other, :a)', 'Cache.put(other, :b, value)', 'assert value == 1']),
      test('after a wait', ['value = Cache.get(other, :a)', 'assert_receive :done', 'assert value == 1']),
    ].join('\n');
    const { report } = await scan({ root: project({ 'test/cache_test.exs': testModule(body) }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [6, 'wait_for', 'safe'],
      [14, 'wait_for', 'safe'],
      [22, 'wait_for', 'review'],
      [30, 'wait_for', 'review'],
      [39, 'wait_for', 'review'],
      [47, 'wait_for', 'safe'],
      [56, 'wait_for', 'safe'],
    ]);
  });
});

describe('wait-for after a process a registry lists has ended', () => {
  it("polls a check that the registry no longer lists it, after a task awaited, a child terminated or a stop (ragistry's awaited task): safe only when the test saw the entry listed before, review otherwise; remove for the process's own death, the supervisor's children, and what the task did before it ended", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/guest_roster_test.exs');
    const { report } = await scan({ root: project({ 'test/guest_roster_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.filter((f) => f.verdict === 'problematic').map((f) => [f.line, f.fix, f.safety])).toEqual([
      [43, 'wait_for', 'review'],
      [54, 'wait_for', 'review'],
      [58, 'wait_for', 'safe'],
      [65, 'wait_for', 'review'],
      [73, 'wait_for', 'review'],
      [80, 'wait_for', 'review'],
      [87, 'wait_for', 'review'],
      [96, 'remove', 'review'],
      [104, 'remove', 'review'],
      [112, 'remove', 'review'],
      [126, 'remove', 'review'],
    ]);
    // The awaited task's own sleep is over: no worker still running makes the poll for review.
    expect(report.findings.find((f) => f.line === 58)?.reason).toBe('polls state: line 59 asserts `Lobby.Roster.lookup(:lobby, "aisle") == []`');
  });
});

describe('wait-for after a child ended that a project wrapper lists', () => {
  it("polls a lookup through the module whose own start made the child (distributed_supervisor's `start_child`, `terminate_child`, then `whereis` over :pg), or through a wrapper the test saw answer the child before (lemon's `ThreadRegistry.whereis(key) == pid`, `pid` bound to the start), safe: the entry was there; remove for the supervisor's children and for a lookup of what the wrapper never listed", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/kennel_facade_test.exs');
    const { report } = await scan({ root: project({ 'test/kennel_facade_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety])).toEqual([
      [61, 'wait_for', 'safe'],
      [68, 'wait_for', 'safe'],
      [76, 'wait_for', 'safe'],
      [87, 'remove', 'review'],
      [94, 'remove', 'review'],
      [101, 'remove', 'review'],
    ]);
    expect(report.findings.find((f) => f.line === 61)?.reason).toBe('polls state: line 62 asserts `:undefined == Kennel.whereis(:kennel, name)`');
    // The lookup was seen to answer the started pid, so `== :undefined` cannot hold from the start.
    expect(report.findings.find((f) => f.line === 76)?.reason).toBe('polls state: line 77 asserts `Kennel.whereis_dog(:bo) == :undefined`');
  });
});

describe('wait-for after a message whose handler debounces', () => {
  it("leaves a sleep just past the timer a LiveView's handler arms through an imported helper to the window when the check looks for text the test never wrote (media_centarr's page headers); reviews it without a word for the window; keeps text the reload brings safe", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/reading_list_live_test.exs');
    const { report } = await scan({ root: project({ 'test/reading_list_live_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [53, 'rate_window', null],
      [66, 'wait_for', 'safe'],
      [78, 'wait_for', 'review'],
      [89, 'wait_for', 'review'],
    ]);
    expect(report.findings.find((f) => f.line === 78)?.reason).toContain('arms a 300 ms timer (`:reload_counts`) the sleep outlasts');
  });
});

describe('wait-for and a read that takes messages off the test mailbox', () => {
  // space_ex's `Stream.receive_latest(stream)` and `Stream.receive_next(stream)`: each try of a poll
  // takes a message, so a poll would pass on values the check was not meant to see.
  const fixture = readFileSync(join(import.meta.dirname, '../../fixtures/classify/ticker_feed_test.exs'), 'utf8');
  const [lib, tests] = [fixture.slice(0, fixture.indexOf('defmodule Ticker.FeedTest')), fixture.slice(fixture.indexOf('defmodule Ticker.FeedTest'))];
  const offset = lib.split('\n').length - 1;

  it("is never polled: remove (review) when the project's function waits for one message longer than the sleep, manual when it then drains the mailbox or waits less; a read of a server stays wait_for safe", async () => {
    for (const name of ['Feed', 'Stream']) {
      // As `Stream` too, the project's module aliased over the standard library's name (space_ex's `alias SpaceEx.Stream`).
      const rename = (text: string) => (name === 'Feed' ? text : text.replaceAll('Ticker.Feed', `Ticker.${name}`).replaceAll('Feed.', `${name}.`));
      const { report } = await scan({ root: project({ 'lib/ticker/feed.ex': rename(lib), 'test/ticker/feed_test.exs': rename(tests) }) });
      expect(report.findings.map((f) => [f.line + offset, f.fix, f.safety])).toEqual([
        [57, 'manual', null],
        [65, 'remove', 'review'],
        [73, 'manual', null],
        [80, 'wait_for', 'safe'],
      ]);
    }
  });
});

describe('wait-for after a kill of a process the test registered under a key', () => {
  it("leaves a check that the key is still there to the window (ecto_process_registry's demonitor, then kill: manual, no time counted as removable); polls a check that it is gone, safe, since the entry was there until the registry hears of the death", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/name_table_test.exs');
    const { report } = await scan({ root: project({ 'test/name_table_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [65, 'manual', null],
      [76, 'manual', null],
      [88, 'wait_for', 'safe'],
      [95, 'wait_for', 'safe'],
    ]);
    expect(report.findings.find((f) => f.line === 65)?.reason).toContain('is still there after the kill on line 63');
    // Only the two polls' 50 ms each count as removable: the window is kept.
    expect(report.summary.removable_ms).toBe(100);
  });
});

describe('wait-for and a count the test made before it spawned the work', () => {
  it("leaves a count of slots the test's own acquires took before a caller that acquires again to manual (ex_athena's request queue), and keeps a poll of the parked callers, or of a count the caller's slot makes, safe", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/slot_waiters_test.exs');
    const { report } = await scan({ root: project({ 'test/slot_waiters_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [54, 'manual', null],
      [72, 'manual', null],
      [84, 'wait_for', 'safe'],
      [94, 'manual', null],
      [103, 'wait_for', 'safe'],
    ]);
    expect(report.findings.find((f) => f.line === 54)?.reason).toContain('made before line 53 spawned work that makes that call again');
  });
});

describe('wait-for and the same work started twice with a receive between the starts', () => {
  it("leaves a count of one to manual when the test received word that the first of two identical loads had counted itself before it started the second (favn's session pool), and keeps a count of two after the first was awaited, or of another key's load, safe", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/key_loader_test.exs');
    const { report } = await scan({ root: project({ 'test/key_loader_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [39, 'manual', null],
      [54, 'manual', null],
      [68, 'wait_for', 'safe'],
      [81, 'wait_for', 'safe'],
    ]);
    expect(report.findings.find((f) => f.line === 39)?.reason).toContain('line 37 received word that the first had got going');
  });
});

describe('wait-for and the same work started twice back to back', () => {
  it('leaves a count of one to manual when two tasks or spawns of the same warm-up start one after the other, and keeps a single caller, a count of two and callers of two keys safe', async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/warm_once_test.exs');
    const { report } = await scan({ root: project({ 'test/warm_once_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [50, 'manual', null],
      [60, 'manual', null],
      [70, 'wait_for', 'safe'],
      [79, 'wait_for', 'safe'],
      [88, 'wait_for', 'safe'],
    ]);
    expect(report.findings.find((f) => f.line === 50)?.reason).toContain('lines 48 and 49 start two callers of the same work');
  });
});

describe('wait-for and a condition that held before the sleep', () => {
  it('marks a count for review when a receive of that count comes before the sleep past plain checks (jido_hive\'s retry limit), and keeps a count the test saw only start to climb safe', async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/miss_limit_test.exs');
    const { report } = await scan({ root: project({ 'test/miss_limit_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [49, 'poll_interval', null],
      [64, 'wait_for', 'review'],
      [76, 'wait_for', 'review'],
      [87, 'wait_for', 'review'],
      [96, 'wait_for', 'safe'],
    ]);
    expect(report.findings.find((f) => f.line === 76)?.reason).toContain('line 73 received `3`, the count the check asks for');
  });

  it("leaves a row a project function wrote in the test's own process before the sleep to manual (newrelic's sidecar lookup), and keeps a row written on a cast a wait", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/watched_rows_test.exs');
    const { report } = await scan({ root: project({ 'test/watched_rows_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [64, 'manual', null],
      [76, 'manual', null],
      [90, 'manual', null],
      [98, 'sync_barrier', 'review'],
      [109, 'wait_for', 'safe'],
    ]);
    expect(report.findings.find((f) => f.line === 76)?.reason).toContain('which `Keeper.watch_me` on line 69 put there');
  });

  it('leaves a poll of what a held outbox kept to manual when the comment says "nothing may send it", marks it for review when the name says the hold "stops the dispatcher from sending", and keeps the running outbox\'s poll safe', async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/outbox_hold_test.exs');
    const { report } = await scan({ root: project({ 'test/outbox_hold_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [44, 'manual', null],
      [54, 'manual', null],
      [64, 'wait_for', 'review'],
      [73, 'wait_for', 'safe'],
      [83, 'manual', null],
      [93, 'wait_for', 'review'],
    ]);
  });
});

describe('wait-for after work that outlives a call given up on', () => {
  it("is safe when work handed to a call whose exit the test caught ends by bumping a count the next line reads (resiliency's single flight): the call gave up, not the work; the trailing number of `:counters.add(counter, 1, 1)`, `:counters.put`, `:ets.update_counter`, `send(parent, 1)` or a project's `incr(agent, by)` is no time limit the sleep outlasts, a next line that only reads gives the work nothing, and a comment that the work still completed speaks of work done; for review under a name that says the work keeps running; after work that should have been cancelled, a window, manual", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/tally_flight_test.exs');
    const { report } = await scan({ root: join(import.meta.dirname, '../../fixtures/classify'), paths: [file] });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [61, 'timeout_sim', null],
      [65, 'wait_for', 'safe'],
      [74, 'timeout_sim', null],
      [77, 'wait_for', 'review'],
      [85, 'timeout_sim', null],
      [88, 'wait_for', 'safe'],
      [97, 'timeout_sim', null],
      [102, 'manual', null],
      [109, 'timeout_sim', null],
      [112, 'wait_for', 'safe'],
      [119, 'timeout_sim', null],
      [122, 'wait_for', 'safe'],
      [129, 'timeout_sim', null],
      [132, 'wait_for', 'safe'],
      [139, 'timeout_sim', null],
      [142, 'wait_for', 'safe'],
    ]);
  });
});

describe('wait-for after a call whose handler the reading does not follow to its end', () => {
  it("polls the state after an actor's timer armed four calls below its handle_call, or through a captured function, as safely as one two calls down; a cancel leaves the window; a handler that ends soon is still removed", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/actor_timers_test.exs');
    const { report } = await scan({ root: project({ 'test/actor_timers_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [91, 'wait_for', 'safe'],
      [98, 'manual', null],
      [100, 'manual', null],
      [107, 'wait_for', 'safe'],
      [116, 'wait_for', 'safe'],
      [123, 'remove', 'review'],
    ]);
  });

  it('polls, for review, a server asked about an awaited task that it monitors; what a server that monitors no one kept is still removed', async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/watch_drop_test.exs');
    const { report } = await scan({ root: project({ 'test/watch_drop_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [61, 'wait_for', 'review'],
      [69, 'remove', 'review'],
      [77, 'remove', 'review'],
    ]);
  });

  it("polls what a task hands back after it opened the gate the test awaited: the gate's `await` is answered on the opener's request, not when the opener is done", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/gate_release_test.exs');
    const { report } = await scan({ root: project({ 'test/gate_release_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [84, 'wait_for', 'safe'],
      [97, 'wait_for', 'safe'],
    ]);
  });
});

describe('wait-for after work whose result a table or a query reads', () => {
  it("polls Ash's `read!` and a project function's `:mnesia.read` in a transaction as it polls `:mnesia.dirty_read`, a lookup a poll may repeat (safe), while a socket's `recv` and a pipe's `Cmd.read` stay manual (robotem's Memento reads)", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/table_reads_test.exs');
    const { report } = await scan({ root: project({ 'test/table_reads_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [38, 'wait_for', 'safe'],
      [45, 'sync_barrier', 'review'],
      [52, 'wait_for', 'safe'],
      [59, 'wait_for', 'safe'],
      [66, 'manual', null],
      [72, 'manual', null],
    ]);
  });
});

describe('wait-for on a question asked by message', () => {
  it("polls `GenServer.call(pid, :shutdown?)` and `:stopped?` as questions (review: `== false` may hold at once), while `:shutdown` itself stays manual", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/predicate_message_test.exs');
    const { report } = await scan({ root: project({ 'test/predicate_message_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [35, 'wait_for', 'review'],
      [42, 'wait_for', 'review'],
      [49, 'wait_for', 'review'],
      [56, 'manual', null],
    ]);
  });
});

describe('wait-for after a member node ran a function (ExUnit.ClusteredCase)', () => {
  it("reads `Cluster.call(node, Hub, :push, [pid, x])`, piped or not, as it reads `:erpc.call`: the node names no process, so no barrier or monitor is for it, while a push in the test's own node keeps its safe barrier", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/clustered_rpc_test.exs');
    const { report } = await scan({ root: project({ 'test/clustered_rpc_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [33, 'wait_for', 'safe'],
      [41, 'wait_for', 'safe'],
      [51, 'poll_with_timeout', 'review'],
      [60, 'wait_for', 'safe'],
      [68, 'sync_barrier', 'safe'],
      [75, 'remove', 'review'],
    ]);
  });
});

describe('wait-for after a call that spent the time limit its options gave it', () => {
  it("is safe for a death after a runner that reads `job_timeout_ms` out of its keyword list and waits it out itself, in `Task.yield` or a `receive … after`, also when the dying process is bound out of the statement that holds the call, while a runner that leaves the limit to a watchdog it spawns keeps the sleep a TTL waited out", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/job_time_limit_test.exs');
    const { report } = await scan({ root: join(import.meta.dirname, '../../fixtures/classify'), paths: [file] });
    expect(report.findings.filter((f) => f.category !== 'infinity').map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [87, 'wait_for', 'safe'],
      [100, 'wait_for', 'safe'],
      [107, 'wait_for', 'safe'],
      [113, 'ttl', null],
      [120, 'ttl', null],
    ]);
  });
});

describe("wait-for inside a function handed, qualified, to a library's call that runs it in place", () => {
  it("reads a sleep after an `assert_receive`, or between asserts, in `Warren.Pool.with_channel(pool, fn {:ok, channel} -> … end)` as the test's own wait (safe when nothing captures the log around it), while a function that only takes its time with the channel, or a mock's reply that checks its argument first, keeps its simulated work", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/borrowed_channel_test.exs');
    const { report } = await scan({ root: join(import.meta.dirname, '../../fixtures/classify'), paths: [file] });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [54, 'wait_for', 'safe'],
      [67, 'wait_for', 'review'],
      [81, 'sync_barrier', 'review'],
      [89, 'spawned_work', null],
      [99, 'spawned_work', null],
    ]);
  });
});

describe('wait-for on a read whose server call is written as a pipe', () => {
  it("matches `__MODULE__ |> GenServer.call({:fetch, id})` to its own `handle_call` clause, a read, as the unpiped call is: polled, safe for an assert and review for a refutation; a piped `hold` is answered by its own clause, which only writes, not by the one that starts a task; a `release` piped the same way, whose clause drops the key, stays manual", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/upload_keys_test.exs');
    const { report } = await scan({ root: join(import.meta.dirname, '../../fixtures/classify'), paths: [file] });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [85, 'wait_for', 'review'],
      [92, 'wait_for', 'safe'],
      [98, 'remove', 'review'],
      [105, 'wait_for', 'safe'],
      [112, 'manual', null],
    ]);
  });
});

describe('wait-for on a refutation after a stop', () => {
  it("polls what a tracker of the stopped process keeps (mosslet's presence after `GenServer.stop(lv.pid)`), safe when the test asserted each refuted entry before (not when a joined refutation was never asserted), while a refutation after a plain call stays manual and one the comment puts down to terminate/2 is removed", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/front_desk_test.exs');
    const { report } = await scan({ root: join(import.meta.dirname, '../../fixtures/classify'), paths: [file] });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [70, 'wait_for', 'safe'],
      [79, 'wait_for', 'review'],
      [91, 'wait_for', 'safe'],
      [102, 'wait_for', 'review'],
      [113, 'wait_for', 'safe'],
      [125, 'manual', null],
      [136, 'remove', 'review'],
    ]);
  });
});

describe('wait-for after a polling helper of the file waited for the same read', () => {
  it('polls nothing when the check matches again what `await_running!(2)` waited for through `Slots.running()`, a refill with no limiter in the file giving no rate window, while one that waited for fewer keeps its safe poll', async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/job_slots_test.exs');
    const { report } = await scan({ root: join(import.meta.dirname, '../../fixtures/classify'), paths: [file] });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [29, 'manual', null],
      [37, 'manual', null],
      [45, 'wait_for', 'safe'],
      [53, 'manual', null],
      [64, 'poll_interval', null],
    ]);
  });
});

describe('wait-for and negated assertions', () => {
  it('reads `assert not x` and `assert !x` as `refute x`: a review poll after handed-off work, none after synchronous work; `not_…?`, `!!x`, `!=`, `not is_nil(x)` and a negation of what was asserted before stay safe (peluquero)', async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/negated_assert_test.exs');
    const { report } = await scan({ root: project({ 'test/negated_assert_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.fix, f.safety ?? null])).toEqual([
      [82, 'wait_for', 'safe'],
      [88, 'wait_for', 'review'],
      [94, 'manual', null],
      [100, 'manual', null],
      [106, 'manual', null],
      [112, 'manual', null],
      [118, 'wait_for', 'safe'],
      [124, 'wait_for', 'safe'],
      [131, 'wait_for', 'safe'],
      [137, 'wait_for', 'safe'],
      [145, 'wait_for', 'safe'],
    ]);
    expect(report.findings.find((f) => f.line === 88)?.reason).toContain('a negated check may hold before anything happened');
  });
});

describe('wait-for through a facade that writes via another server', () => {
  it("is not offered for a call whose handler writes through another server's facade (lemon's SMS inbox: `Messages.put` under the wrapper's `alias Vault.Store`, whose `put` hands its request to a private `safe_call`): that call is an act; a facade that only reads through the same wrapper is still polled", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/store_facade_inbox_test.exs');
    const { report } = await scan({ root: project({ 'test/store_facade_inbox_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [99, 'manual', null],
      [108, 'wait_for', 'safe'],
    ]);
    expect(report.findings.find((f) => f.line === 99)?.reason).toMatch(/line 101 asserts what `Inbox\.ingest` returns, and that call changes state/);
  });
});

describe('wait-for before a check that a process has parked', () => {
  it("is offered, safe, in a test named for a backoff (connection's \"init {:backoff, timeout, state, :hibernate}\"): the process parks by itself once idle, and a window running out would wake it; a backoff option the sleep outlasts still makes a rate window", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/parked_in_backoff_test.exs');
    const { report } = await scan({ root: project({ 'test/parked_in_backoff_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [61, 'wait_for', 'safe'],
      [74, 'wait_for', 'safe'],
      [82, 'rate_window', null],
      [89, 'wait_for', 'review'],
      [96, 'manual', null],
    ]);
  });
});
