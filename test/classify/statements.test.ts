// looksReadOnly decides whether a call may be repeated by a poll: a name that says it changes state
// must count as a change, and a read whose name merely starts like one must not, nor a predicate
// (`…?`) or a verb made a participle or a noun (`inserted_at`, `list_subscribers`).
import { describe, expect, it } from 'vitest';
import { parseElixir } from '../../src/parse/parser.js';
import { callArguments } from '../../src/parse/nodes.js';
import { actingCall, assertedOtherwise, comparesOnlyEarlierValues, looksReadOnly, mentions, stoppedStarts } from '../../src/classify/statements.js';

function readOnly(expression: string): boolean {
  return looksReadOnly(parseElixir(expression).rootNode.firstNamedChild!);
}

describe('looksReadOnly', () => {
  it('names the call that acts', () => {
    expect(actingCall(parseElixir('{:ok, _} = Process.write(s, "x")').rootNode.firstNamedChild!)).toBe('Process.write');
    expect(actingCall(parseElixir('{:ok, _} = P.query(pid, "NOTIFY channel", [])').rootNode.firstNamedChild!)).toBe('P.query');
    expect(actingCall(parseElixir('Cache.size(c) == 1').rootNode.firstNamedChild!)).toBe(null);
  });

  it('takes calls named for a change as changes', () => {
    for (const call of ['IO.binread(handle, :eof)', 'IO.gets(device, "")', ':file.read(fd, 10)', 'Application.ensure_all_started(:super_cache)', 'Application.ensure_started(:logger)', 'HealthMonitor.force_check()', 'Cache.force_refresh(c)', 'ExWaiter.poll_once(poller)', 'Queue.poll(q)', 'Source.poll!(s)', 'Gnat.pub(:gnat, "a.b", "x")', 'KafkaEx.API.produce(client, "t", 0, msgs)', 'Repo.upsert(row)', 'Log.append(log, entry)', 'Tx.commit(tx)', 'Broker.publish(topic, msg)', 'API.join_group(client, group)', 'Lock.acquire(lock)', 'Queue.ack(msg)', 'Conn.close(conn)', 'Pool.checkout(pool)', 'Client.connect(opts)', 'Interface.configure(ifname, config)', 'Counter.set(c, 5)', 'Flags.set_flag(f, :on)', 'Document.Store.open_temporary(uri, 100)', 'ConCache.Lock.exec(lock, :a, 1, fn -> :ok end)', 'request(pool, req, [])', 'ConnectionManager.recycle_pool(backend)', 'Cache.expire(c, :k, 10)', 'P.query(pid, "NOTIFY channel", [])', 'Repo.query!("insert into users (name) values (1)")', 'Process.exit(writer, :kill)', 'UART.read(uart2)', ':gen_tcp.recv(socket, 0)', 'SimpleHTTP1Client.recv_reply(client)', 'post(conn, "/jobs", %{})', 'Req.patch!(url, json: %{})', 'FixedWindow.hit(table, key, 1_000, 5)', 'Hammer.check_rate("user", 60_000, 10)', 'Task.async(fn -> :ok end)', 'spawn(fn -> :ok end)', 'GenServer.cast(pid, :go)', 'conn(:get, "/spiders/TestSpider/stop", "") |> Router.call(@opts)', 'Honeydew.suspend(queue)', 'Honeydew.resume(queue)', 'Oban.pause_queue(queue: :default)', 'drain_calls()', 'Broadway.drain(pipeline)', 'Swarm.unregister_name(name)', 'PubSub.unsubscribe(topic)', 'Jobs.run(job)', 'Jobs.run_all(q)', 'Horde.DynamicSupervisor.terminate_child(sup, pid)', 'APIAuthPlug.renew(conn, config)', 'Tokens.revoke(token)', 'Cache.invalidate(key)', 'Control.deploy(%{service: s})', 'Release.promote(r)', 'Packages.install(p)', 'Bridge.forward(signal, pid)', 'RaftedValue.replace_leader(leader, follower)', 'Baud.readall(pid1)', 'Serial.read_available(port)', 'Raft.transfer_leadership(leader, peer)', 'Cluster.step_down(leader)', 'Members.demote(node)']) {
      expect(readOnly(call), call).toBe(false);
    }
  });

  it('takes reads whose names only start like a change as reads', () => {
    for (const call of ['File.read_all(path)', 'Config.readme(c)', 'String.replace(s, "a", "b")', 'Config.replacement_for(k)', 'Ledger.transfers_for(account)', 'Jobs.fetch(id)', 'Kafka.producer_for(client)', 'Keys.public_key(kid)', 'Gnat.pubsub_status(conn)', 'Repo.get(User, 1)', 'Client.connected?(c)', 'Lock.locked?(l)', 'Job.cancelled?(j)', 'Conn.closed?(c)', 'Repo.connection_info(r)', 'Task.scheduled?(t)', 'Stack.acknowledgements(s)', 'Repo.settings(r)', 'Config.configured?(c)', 'Document.Store.open?(uri)', 'Door.opened_at(d)', 'Repo.query!("SELECT count(*) FROM users")', 'Ecto.Adapters.SQL.query!(Repo, "select 1")', 'Tracker.requested_ids(t)', 'Cache.expired?(c, :k)', 'Token.expires_at(t)', 'os_process_alive?(os_pid)', 'Worker.started?(w)', 'processes(horde)', 'state.processes_by_id', 'job.inserted_at', 'row.updated_at', 'Poller.list_subscribers(p)', 'Pool.registered_name(p)', 'state.runner', 'Mailer.sender(m)', 'catch_exit(GenServer.call(pid, :get))', 'Port.exit_status(p)', 'File.read!(path)', 'Repo.read_only?(r)', 'Config.read_timeout(c)', 'get(conn, "/spiders/TestSpider/status")', 'get(conn, "/stopwatch")', 'Repo.get_by(Post, title: "stop")', 'Blog.get_post!(id)', 'Blog.list_posts()', 'Req.get!(url)', 'Cache.hit_count(c)', 'Stats.hits(s)', 'Queue.paused?(q)', 'Job.suspended_at(j)', 'called(Broker.publish(topic, msg))', ':meck.called(Broker, :publish, [topic, msg])', 'currently_running_job_names()', 'Jobs.running_count(q)', 'Resolver.addresses(name)', 'Node.address_of(n)', 'Form.additional_fields(f)', 'Lease.renewal_at(l)', 'Deployments.deployment_status(d)', 'Proxy.forwarding_rules(p)', 'DevServer.run_ids(event_id)', 'DevServer.fn_run(run_id)', 'Poller.poll_interval(p)', 'Poller.polling?(p)', 'Stats.poll_count(s)', 'Config.forced?(c)', 'Query.workforce(q)', 'Jobs.runs(q)', 'Workflow.run_status(w)', 'Migrator.dry_run(m)']) {
      expect(readOnly(call), call).toBe(true);
    }
  });
});

describe('mentions', () => {
  const node = (code: string) => parseElixir(code).rootNode.firstNamedChild!;

  it('finds a variable as a whole word, never an atom, a field or a keyword key of the same name', () => {
    expect(mentions(node('assert Pipes.owner_of(owner) == nil'), 'owner')).toBe(true);
    expect(mentions(node('assert %{owner: ^owner} = state'), 'owner')).toBe(true);
    expect(mentions(node('assert %{owner: nil} = :sys.get_state(Pipes)'), 'owner')).toBe(false);
    expect(mentions(node('assert state.owner == :owner'), 'owner')).toBe(false);
    expect(mentions(node('assert owners == []'), 'owner')).toBe(false);
  });
});

describe('comparesOnlyEarlierValues', () => {
  // The statements after a sleep; each case asks about the assertion at `index` among them.
  const earlierOnly = (code: string, index: number) => {
    const after = parseElixir(code).rootNode.namedChildren;
    return comparesOnlyEarlierValues(after[index]!, after);
  };

  it('finds a comparison of values that nothing after the sleep bound', () => {
    const after = 'third = Cache.get(:k)\nassert first.inserted_at == second.inserted_at\nassert first.inserted_at != third.inserted_at';
    expect(earlierOnly(after, 1)).toBe(true);
    expect(earlierOnly(after, 2)).toBe(false);
    expect(earlierOnly('assert before.count == 1', 0)).toBe(true);
  });

  it('does not take a read, a rebound name or a match for one', () => {
    expect(earlierOnly('assert first.inserted_at == Cache.get(:k).inserted_at', 0)).toBe(false);
    expect(earlierOnly('first = Cache.get(:k)\nassert first.inserted_at == second.inserted_at', 1)).toBe(false);
    expect(earlierOnly('assert {:ok, first} = Cache.fetch(:k)\nassert first.inserted_at == second.inserted_at', 1)).toBe(false);
    expect(earlierOnly('assert %{inserted_at: ^stamp} = entry', 0)).toBe(false);
    expect(earlierOnly('assert nil == :none', 0)).toBe(false);
  });
});

describe('stoppedStarts', () => {
  // The statements of a test body, nearest the end first, as a site's `before` holds them.
  const before = (body: string) => [...parseElixir(body).rootNode.namedChildren].reverse();
  const stopped = (body: string) => stoppedStarts(before(body)).map((statement) => statement.text.split('(')[0]);

  it('finds a plain start ended by a stop, a module stop or an exit, by its pid or its registered name', () => {
    expect(stopped('{:ok, w} = Warden.start_link(away_timeout_ms: 100)\nGenServer.stop(w)\n{:ok, _} = Warden.start_link(away_timeout_ms: 60_000)')).toEqual(['{:ok, w} = Warden.start_link']);
    expect(stopped('{:ok, w} = Warden.start_link(ttl: 100)\nWarden.stop(w)')).toEqual(['{:ok, w} = Warden.start_link']);
    expect(stopped('{:ok, w} = Warden.start_link(ttl: 100)\nProcess.exit(w, :shutdown)')).toEqual(['{:ok, w} = Warden.start_link']);
    expect(stopped('Warden.start_link(name: :warden, ttl: 100)\nGenServer.stop(:warden)')).toEqual(['Warden.start_link']);
  });

  it('finds a supervised start only once it is taken from its supervisor', () => {
    expect(stopped('start_supervised!({Warden, ttl: 100})\nstop_supervised!(Warden)')).toEqual(['start_supervised!']);
    expect(stopped('{:ok, w} = DynamicSupervisor.start_child(sup, {Warden, ttl: 100})\nDynamicSupervisor.terminate_child(sup, w)')).toEqual(['{:ok, w} = DynamicSupervisor.start_child']);
    expect(stopped('w = start_supervised!({Warden, ttl: 100})\nGenServer.stop(w)')).toEqual([]);
  });

  it('leaves a start alone that was not stopped, stopped another process, or was sent a :normal exit', () => {
    expect(stopped('{:ok, w} = Warden.start_link(ttl: 100)\nGenServer.stop(other)')).toEqual([]);
    expect(stopped('{:ok, w} = Warden.start_link(ttl: 100)\nProcess.exit(w, :normal)')).toEqual([]);
    expect(stopped('GenServer.stop(w)\n{:ok, w} = Warden.start_link(ttl: 100)')).toEqual([]);
  });
});

describe('assertedOtherwise', () => {
  const statement = (code: string) => parseElixir(code).rootNode.firstNamedChild!;
  const otherwise = (earlier: string, now: string) => assertedOtherwise(callArguments(statement(now))[0]!, [statement(earlier)]) !== null;

  it('finds the same read compared with, or matched against, another literal before', () => {
    expect(otherwise('assert Door.state(d) == :unlocked', 'assert Door.state(d) == :locked')).toBe(true);
    expect(otherwise('assert {:ok, :running} = M.status("a")', 'assert {:ok, :stopped} = M.status("a")')).toBe(true);
    expect(otherwise('assert M.status("a") == {:ok, :running}', 'assert {:ok, :stopped} = M.status("a")')).toBe(true);
  });

  it('leaves the same literal, an open pattern and another read alone', () => {
    expect(otherwise('assert {:ok, :running} = M.status("a")', 'assert {:ok, :running} = M.status("a")')).toBe(false);
    expect(otherwise('assert {:ok, _} = M.status("a")', 'assert {:ok, :stopped} = M.status("a")')).toBe(false);
    expect(otherwise('assert {:ok, :running} = M.status("b")', 'assert {:ok, :stopped} = M.status("a")')).toBe(false);
    expect(otherwise('assert {:ok, :running} = M.status("a")', 'assert {:ok, status} = M.status("a")')).toBe(false);
  });
});
