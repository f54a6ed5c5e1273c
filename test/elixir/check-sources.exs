# Checks Elixir source files with the real compiler front end, in one VM for all of them:
#   elixir check-sources.exs FILE...
# prints one tab-separated line per file: path, "parses" or "syntax_error: …", and "formatted"
# or "unformatted" (as `mix format --check-formatted` with the default options would say, line
# endings aside: a CRLF file is compared as if it used LF).
for path <- System.argv() do
  source = path |> File.read!() |> String.replace("\r\n", "\n")

  parses =
    try do
      Code.string_to_quoted!(source, file: path)
      "parses"
    rescue
      error -> "syntax_error: " <> (error |> Exception.message() |> String.replace(~r/\s+/, " "))
    end

  formatted =
    try do
      if IO.iodata_to_binary([Code.format_string!(source, file: path), "\n"]) == source,
        do: "formatted",
        else: "unformatted"
    rescue
      _ -> "unformatted"
    end

  IO.puts(Enum.join([path, parses, formatted], "\t"))
end
