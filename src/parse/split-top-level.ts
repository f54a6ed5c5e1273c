// Elixir source text split at its top-level commas, for the few places that read a list or tuple
// from text rather than from a tree: `{:feed, "boom"}`, an `exclude: [...]` option.

/** The elements of a comma-separated list (no brackets around it), commas inside brackets and strings left alone. */
export function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c === '"' && list[i - 1] !== '\\') quoted = !quoted;
    else if (quoted) continue;
    else if ('[{('.includes(c)) depth++;
    else if (']})'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}
