# Checks Elixir source files with the real compiler, in one VM for all of them:
#   elixir check-sources.exs FILE...
# prints one tab-separated line per file: path, "parses" or "syntax_error: …", "formatted" or
# "unformatted" (as `mix format --check-formatted` with the default options would say, line
# endings aside: a CRLF file is compared as if it used LF), and "compiles" or "compile_error: …".
# Compiling catches what parsing cannot: a variable a rewrite left unbound, a call to a helper it
# did not import. Modules the fixtures only mention are not needed (remote calls are not checked);
# the helpers the transforms import are stood in for by Fixture.WaitHelpers below.
ExUnit.start(autorun: false)
Code.put_compiler_option(:no_warn_undefined, :all)
Code.put_compiler_option(:ignore_module_conflict, true)

defmodule Fixture.WaitHelpers do
  def wait_for(fun, _timeout \\ 1_000, _interval \\ 10), do: fun.()
  def poll_with_timeout(fun, _timeout, _interval), do: fun.()
end

one_line = fn error -> error |> Exception.message() |> String.replace(~r/\s+/, " ") end

for path <- System.argv() do
  source = path |> File.read!() |> String.replace("\r\n", "\n")

  parses =
    try do
      Code.string_to_quoted!(source, file: path)
      "parses"
    rescue
      error -> "syntax_error: " <> one_line.(error)
    end

  formatted =
    try do
      if IO.iodata_to_binary([Code.format_string!(source, file: path), "\n"]) == source,
        do: "formatted",
        else: "unformatted"
    rescue
      _ -> "unformatted"
    end

  compiles =
    try do
      # Fixtures reuse module names: each file's modules are unloaded again after it compiles.
      for {module, _} <- Code.compile_string(source, path) do
        :code.purge(module)
        :code.delete(module)
      end

      "compiles"
    rescue
      error -> "compile_error: " <> one_line.(error)
    end

  IO.puts(Enum.join([path, parses, formatted, compiles], "\t"))
end
