defmodule Tally.CounterTest do
  use ExUnit.Case, async: true

  describe "incr" do
    test "casts then reads" do
      {:ok, pid} = GenServer.start_link(Tally.Counter, 0)
      GenServer.cast(pid, :incr)
      Process.sleep(50)
      assert GenServer.call(pid, :value) == 1
    end

    test "mailbox" do
      send(self(), :ping)
      Process.sleep(30)
      assert_received :ping
    end
  end

  test "killed process" do
    pid = spawn(fn -> Process.sleep(:infinity) end)
    Process.exit(pid, :kill)
    Process.sleep(100)
    refute Process.alive?(pid)
  end

  test "after a call" do
    {:ok, pid} = GenServer.start_link(Tally.Counter, 0)
    GenServer.call(pid, :value)
    Process.sleep(20)
    assert GenServer.call(pid, :value) == 0
  end
end
