// The Elixir source of the helpers module `sleepless init` writes (DESIGN.md "Helpers the rewrites call").

// Every line of code fits in 80 columns, so the module is format-clean whatever `line_length` from
// 80 up the project's .formatter.exs sets (eternal's is 80).
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

  A call that raises or exits counts as "not yet" (the state it reads may still
  be changing); if the last call did, its error is raised again instead.
  """
  def wait_for(fun, timeout \\\\ 1_000, interval \\\\ 10) do
    do_wait_for(function!(fun), deadline(timeout), timeout, interval)
  end

  defp do_wait_for(fun, deadline, timeout, interval) do
    case attempt(fun) do
      {:ok, value} when value not in [nil, false] ->
        value

      last ->
        if expired?(deadline) do
          give_up(last, fn value -> flunk(still(value, timeout)) end)
        else
          Process.sleep(interval)
          do_wait_for(fun, deadline, timeout, interval)
        end
    end
  end

  @doc """
  Calls \`fun\` every \`interval\` ms until it returns something other than
  \`:continue\`, and returns that. Returns \`:timeout\` once \`timeout\` ms have
  passed, so the test's own match fails with ExUnit's message.

  A call that raises or exits counts as \`:continue\`; if the last call did, its
  error is raised again instead of returning \`:timeout\`.
  """
  def poll_with_timeout(fun, timeout \\\\ 1_000, interval \\\\ 10) do
    do_poll(function!(fun), deadline(timeout), interval)
  end

  defp do_poll(fun, deadline, interval) do
    case attempt(fun) do
      {:ok, result} when result != :continue ->
        result

      last ->
        if expired?(deadline) do
          give_up(last, fn :continue -> :timeout end)
        else
          Process.sleep(interval)
          do_poll(fun, deadline, interval)
        end
    end
  end

  defp function!(fun) when is_function(fun, 0), do: fun

  defp still(value, timeout) do
    "wait_for: condition still #{inspect(value)} after #{timeout} ms"
  end

  defp attempt(fun) do
    {:ok, fun.()}
  rescue
    error -> {:raised, error, __STACKTRACE__}
  catch
    :exit, reason -> {:exited, reason}
  end

  defp give_up({:ok, value}, on_value), do: on_value.(value)
  defp give_up({:raised, error, trace}, _on_value), do: reraise(error, trace)
  defp give_up({:exited, reason}, _on_value), do: exit(reason)

  defp deadline(timeout), do: System.monotonic_time(:millisecond) + timeout
  defp expired?(deadline), do: System.monotonic_time(:millisecond) >= deadline
end
`;
}
