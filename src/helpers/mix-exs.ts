// Makes sure mix.exs compiles test/support in the test env, patching it only when it has the
// standard shape; otherwise it says exactly what to add.

export type MixPatch = { kind: 'ok' } | { kind: 'patched'; text: string } | { kind: 'manual'; instructions: string };

const INSTRUCTIONS =
  'add `elixirc_paths: elixirc_paths(Mix.env())` to the project list in mix.exs and define\n' +
  '  defp elixirc_paths(:test), do: ["lib", "test/support"]\n' +
  '  defp elixirc_paths(_), do: ["lib"]';

/** The `elixirc_paths(:test)` clause, `def` or `defp`, and its list as written. */
const TEST_CLAUSE = /defp?\s+elixirc_paths\(\s*:test\s*\)\s*,\s*do:\s*\[([^\]]*)\]/;

/**
 * The directory under test/ that the test env already compiles, where a helpers module goes:
 * `test/support`, or another the `elixirc_paths(:test)` clause lists (vsr's `"test/_support"`),
 * or test/support when it lists `"test"` itself. Null when it lists none.
 */
export function supportDirOf(mix: string): string | null {
  const clause = TEST_CLAUSE.exec(mix);
  if (!clause) return /elixirc_paths[\s\S]*test\/support/.test(mix) ? 'test/support' : null;
  const paths = [...clause[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!.replace(/\/+$/, ''));
  if (paths.includes('test/support') || paths.includes('test')) return 'test/support';
  return paths.find((path) => /^test\/[\w.-]+$/.test(path)) ?? null;
}

export function ensureTestSupportCompiled(mix: string): MixPatch {
  if (supportDirOf(mix) !== null) return { kind: 'ok' };
  const testClause = TEST_CLAUSE.exec(mix);
  if (testClause) {
    if (/"test\/support"/.test(testClause[1]!)) return { kind: 'ok' };
    const list = testClause[1]!.trim();
    const patched = mix.replace(testClause[0], testClause[0].replace(`[${testClause[1]}]`, `[${list ? `${list}, ` : ''}"test/support"]`));
    return { kind: 'patched', text: patched };
  }
  if (/elixirc_paths/.test(mix)) {
    // Other shapes that already list it: `defp elixirc_paths(env) when env in [:test, :e2e], do: …`,
    // a do-block clause, `~w(lib test/support)`, a list written into the project keywords.
    if (/test\/support/.test(mix)) return { kind: 'ok' };
    // Clauses for other envs and a catch-all, none for :test (phoenix_profiler's `(:dev)` and `(_)`):
    // a :test clause goes first, with the catch-all's paths and test/support.
    const catchAll = /defp\s+elixirc_paths\(\s*_\w*\s*\)\s*,\s*do:\s*\[([^\]]*)\]/.exec(mix);
    const first = /^([ \t]*)defp\s+elixirc_paths\(/m.exec(mix);
    if (/elixirc_paths:\s*elixirc_paths\(Mix\.env\(\)\)/.test(mix) && catchAll && first) {
      const eol = mix.includes('\r\n') ? '\r\n' : '\n';
      const list = catchAll[1]!.trim();
      const clause = `${first[1]}defp elixirc_paths(:test), do: [${list ? `${list}, ` : ''}"test/support"]${eol}`;
      return { kind: 'patched', text: mix.slice(0, first.index) + clause + mix.slice(first.index) };
    }
    return { kind: 'manual', instructions: INSTRUCTIONS };
  }
  // `app:` opens its line, or follows the list's bracket (`[app: :riffed,`, the old `mix new` layout).
  const appLine = /^([ \t]*)(\[[ \t]*)?app:\s*:\w+,[ \t]*\r?\n/m.exec(mix);
  const deps = /^([ \t]*)defp\s+deps\b/m.exec(mix);
  const lastEnd = mix.lastIndexOf('\nend');
  if (!appLine || lastEnd === -1) return { kind: 'manual', instructions: INSTRUCTIONS };
  const eol = mix.includes('\r\n') ? '\r\n' : '\n';
  const indent = appLine[1]! + ' '.repeat(appLine[2]?.length ?? 0);
  const withOption = mix.replace(appLine[0], `${appLine[0]}${indent}elixirc_paths: elixirc_paths(Mix.env()),${eol}`);
  const defIndent = deps?.[1] ?? '  ';
  const clauses = `${defIndent}defp elixirc_paths(:test), do: ["lib", "test/support"]${eol}${defIndent}defp elixirc_paths(_), do: ["lib"]${eol}${eol}`;
  // Above the comment lines that belong to `defp deps` (`mix new`'s `# Run "mix help deps" to learn…`).
  const anchor = /^(?:[ \t]*#[^\n]*\n)*[ \t]*defp\s+deps\b/m.exec(withOption);
  if (anchor) return { kind: 'patched', text: withOption.slice(0, anchor.index) + clauses + withOption.slice(anchor.index) };
  const end = withOption.lastIndexOf('\nend');
  return { kind: 'patched', text: `${withOption.slice(0, end)}${eol}${eol}${clauses.trimEnd()}${withOption.slice(end)}` };
}
