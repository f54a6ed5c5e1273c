defmodule Tally.GaugeTest do
  use ExUnit.Case, async: true

  test "expires entries" do
    Tally.Cache.put(:k, :v, ttl: 100)
    Process.sleep(150)
    assert Tally.Cache.get(:k) == nil
  end

  test "set then read" do
    {:ok, gauge} = GenServer.start_link(Tally.Gauge, 0)
    GenServer.cast(gauge, {:set, 5})
    Process.sleep(40)
    assert GenServer.call(gauge, :value) == 5
  end

  test "just waits" do
    {:ok, gauge} = GenServer.start_link(Tally.Gauge, 0)
    send(gauge, :tick)
    Process.sleep(10)
  end
end
