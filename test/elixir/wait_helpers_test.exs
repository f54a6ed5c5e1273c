# The contract of the helpers module `sleepless init` writes (DESIGN.md "Helpers the rewrites
# call"), checked against the generated source by test/elixir/outputs.test.ts, which copies this
# file into a throwaway Mix project named HelpersCheck and runs `mix test` there.
defmodule HelpersCheck.WaitHelpersTest do
  use ExUnit.Case, async: true

  import HelpersCheck.WaitHelpers

  # A function that counts its calls: 1, 2, 3…
  defp counter do
    {:ok, agent} = Agent.start_link(fn -> 0 end)
    fn -> Agent.get_and_update(agent, &{&1 + 1, &1 + 1}) end
  end

  describe "wait_for/3" do
    test "returns the first truthy value" do
      next = counter()
      assert wait_for(fn -> if next.() >= 3, do: {:ready, 3} end, 1_000, 5) == {:ready, 3}
    end

    test "treats nil and false as not yet" do
      next = counter()
      values = [nil, false, :done]
      assert wait_for(fn -> Enum.at(values, next.() - 1) end, 1_000, 5) == :done
    end

    test "returns at once when the condition already holds" do
      {micros, value} = :timer.tc(fn -> wait_for(fn -> :yes end) end)
      assert value == :yes
      assert micros < 50_000
    end

    test "flunks with the last value seen once the timeout has passed" do
      started = System.monotonic_time(:millisecond)
      error = assert_raise ExUnit.AssertionError, fn -> wait_for(fn -> false end, 50, 10) end
      assert System.monotonic_time(:millisecond) - started >= 50
      assert error.message =~ "false"
      assert error.message =~ "50 ms"
    end

    test "retries a condition that raises or exits while the state settles" do
      next = counter()

      value =
        wait_for(
          fn ->
            case next.() do
              1 -> raise ArgumentError, "not there yet"
              2 -> exit(:noproc)
              n -> n
            end
          end,
          1_000,
          5
        )

      assert value == 3
    end

    test "raises the last error again when the condition never stops raising" do
      assert_raise ArgumentError, "boom", fn ->
        wait_for(fn -> raise ArgumentError, "boom" end, 30, 10)
      end

      assert catch_exit(wait_for(fn -> exit(:gone) end, 30, 10)) == :gone
    end
  end

  describe "poll_with_timeout/3" do
    test "returns the first value other than :continue" do
      next = counter()

      result =
        poll_with_timeout(fn -> if next.() < 3, do: :continue, else: {:ok, :done} end, 1_000, 5)

      assert result == {:ok, :done}
    end

    test "returns nil and false as results: only :continue means not yet" do
      assert poll_with_timeout(fn -> nil end) == nil
      assert poll_with_timeout(fn -> false end) == false
    end

    test "returns :timeout when the function keeps answering :continue" do
      started = System.monotonic_time(:millisecond)
      assert poll_with_timeout(fn -> :continue end, 50, 10) == :timeout
      assert System.monotonic_time(:millisecond) - started >= 50
    end

    test "treats a raise as :continue, and raises it again at the deadline" do
      next = counter()
      poll = fn -> if next.() < 3, do: raise(KeyError, key: :state), else: {:ok, 3} end
      assert poll_with_timeout(poll, 1_000, 5) == {:ok, 3}

      assert_raise KeyError, fn ->
        poll_with_timeout(fn -> raise KeyError, key: :state end, 30, 10)
      end
    end
  end
end
