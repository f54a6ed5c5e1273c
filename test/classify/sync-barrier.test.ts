// sync-barrier inside capture_log: what the messaged server logs while handling the message is what
// the capture checks, and capture_log flushes Logger before it ends, so a Logger call in the handler
// is no work handed on, whether the sleep is the capture's last line or not.
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
});
