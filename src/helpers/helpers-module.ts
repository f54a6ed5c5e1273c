// The Elixir source of the helpers module `sleepless init` writes (DESIGN.md "Helpers the rewrites call").

export function helpersModuleSource(module: string): string {
  return `defmodule ${module} do
  @moduledoc """
  Deterministic waits for tests, written by \`sleepless init\`.

  Use them instead of \`Process.sleep/1\`: they return as soon as the condition
  holds, and fail with a clear message when it never does.
  """

  import ExUnit.Assertions, only: [flunk: 1]

  @doc """
  Calls \`fun\` every \`interval\` ms until it returns a truthy value and returns
  that value. Flunks with the last value seen once \`timeout\` ms have passed.
  """
  def wait_for(fun, timeout \\\\ 1_000, interval \\\\ 10) when is_function(fun, 0) do
    do_wait_for(fun, deadline(timeout), timeout, interval)
  end

  defp do_wait_for(fun, deadline, timeout, interval) do
    case fun.() do
      falsy when falsy in [nil, false] ->
        if expired?(deadline) do
          flunk("wait_for: condition still #{inspect(falsy)} after #{timeout} ms")
        else
          Process.sleep(interval)
          do_wait_for(fun, deadline, timeout, interval)
        end

      value ->
        value
    end
  end

  @doc """
  Calls \`fun\` every \`interval\` ms until it returns something other than
  \`:continue\`, and returns that. Returns \`:timeout\` once \`timeout\` ms have
  passed, so the test's own match fails with ExUnit's message.
  """
  def poll_with_timeout(fun, timeout \\\\ 1_000, interval \\\\ 10) when is_function(fun, 0) do
    do_poll(fun, deadline(timeout), interval)
  end

  defp do_poll(fun, deadline, interval) do
    case fun.() do
      :continue ->
        if expired?(deadline) do
          :timeout
        else
          Process.sleep(interval)
          do_poll(fun, deadline, interval)
        end

      result ->
        result
    end
  end

  defp deadline(timeout), do: System.monotonic_time(:millisecond) + timeout
  defp expired?(deadline), do: System.monotonic_time(:millisecond) >= deadline
end
`;
}
