// monitor-down for the process a function of the project starts for its work and answers: the
// test's `{:ok, _pid} = Notices.announce(event)` holds the one task doing the work, and its :DOWN
// says when the work is done. Near misses (a server's pid, a task beside another answer, a task
// that hands its work on or waits for a message) keep their verdicts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { project } from '../helpers/project.js';

describe('monitor-down on a task a function of the project answers', () => {
  it("is safe for a task, a `Task.start` or a `spawn` whose work ends there, the pid ignored or not; not for a server, a task beside another answer, one that casts or starts more, or one that waits for a message", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/notice_tasks_test.exs');
    const { report } = await scan({ root: project({ 'test/notice_tasks_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [114, 'monitor_down', 'safe'],
      [122, 'monitor_down', 'safe'],
      [129, 'monitor_down', 'safe'],
      [136, 'monitor_down', 'safe'],
      [144, 'manual', null],
      [151, 'manual', null],
      [159, 'manual', null],
      [166, 'manual', null],
      [173, 'manual', null],
    ]);
  });
});

describe('monitor-down after a kill in a function of a support module', () => {
  it("takes a kill then a sleep in a module named for timeouts (quillex's SexySpex.TimeoutPatch) for a wait for the death, for review; a function of it that only sleeps, or sleeps before its kill, stays simulated work", async () => {
    const support = `defmodule Harness.ShutdownTimeout do
  def stop_app(app, timeout_ms \\\\ 1_000) do
    task = Task.async(fn -> Application.stop(app) end)

    case Task.yield(task, timeout_ms) do
      {:ok, result} -> result
      nil ->
        Task.shutdown(task, :brutal_kill)
        force_stop(app)
        {:error, :timeout}
    end
  end

  def force_stop(app) do
    {module, _args} = Application.get_env(app, :mod)

    case Process.whereis(module) do
      nil -> :ok
      pid when is_pid(pid) ->
        Process.exit(pid, :kill)
        # wait a bit for cleanup
        Process.sleep(100)
    end
  end

  def slow_stop(ms) do
    Process.sleep(ms)
    :ok
  end

  def slow_then_kill(pid) do
    Process.sleep(300)
    Process.exit(pid, :kill)
  end
end
`;
    const test = `defmodule Harness.ShutdownTest do
  use ExUnit.Case

  test "stops the app within its timeout" do
    on_exit(fn -> Harness.ShutdownTimeout.stop_app(:demo, 200) end)
    assert :ok == :ok
  end
end
`;
    const { report } = await scan({ root: project({ 'test/support/shutdown_timeout.ex': support, 'test/shutdown_test.exs': test }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [22, 'monitor_down', 'review'],
      [27, 'spawned_work', null],
      [32, 'spawned_work', null],
    ]);
    expect(report.findings[0]!.reason).toContain('`Process.exit(…, :kill)` on line 20 stops `pid`');
  });
});
