// The tags a project's test_helper.exs leaves out of a plain `mix test` (`ExUnit.start(exclude:
// [:integration])`, `ExUnit.configure(exclude: [hardware: true])`), and whether a test's tags put it
// among them. A sleep in such a test costs nothing on a default run, so the per-run estimate leaves it
// out (grizzly's @tag :hardware tests held 30 of the 33 seconds reported). ExUnit's own `:skip` tag
// leaves a test out wherever it is.
import { splitTopLevel } from '../parse/split-top-level.js';

/** One entry of an `exclude:` list: a tag name, and the value it must have (null: any). */
export interface ExcludedTag {
  name: string;
  value: string | null;
}

const EXCLUDE = /\bexclude:\s*(\[[^\]]*\]|:[A-Za-z_]\w*[?!]?)/g;

/** The tags an `exclude:` option in test_helper.exs names. Comments are ignored. */
export function excludedTagsIn(helper: string): ExcludedTag[] {
  const code = helper.replace(/#[^\n]*/g, '');
  const found: ExcludedTag[] = [];
  for (const match of code.matchAll(EXCLUDE)) {
    const list = match[1]!.startsWith('[') ? match[1]!.slice(1, -1) : match[1]!;
    for (const item of splitTopLevel(list)) {
      const tag = tagOf(item);
      if (tag) found.push(tag);
    }
  }
  return found;
}

/** Does a test carrying `tags` (the text after each `@tag`/`@describetag`/`@moduletag`) fall under `excluded`? */
export function isExcluded(tags: readonly string[], excluded: readonly ExcludedTag[]): boolean {
  const carried = tags.flatMap(splitTopLevel).map(tagOf).filter((t): t is ExcludedTag => t !== null);
  // ExUnit skips a test tagged `:skip` (or `skip: "reason"`) whatever test_helper.exs says.
  if (carried.some((tag) => tag.name === 'skip' && tag.value !== 'false' && tag.value !== 'nil')) return true;
  if (excluded.length === 0) return false;
  return excluded.some((ex) => carried.some((tag) => tag.name === ex.name && (ex.value === null || (tag.value ?? 'true') === ex.value)));
}

/** `:integration` → integration (a tag set to true); `type: :slow` → type = :slow. */
function tagOf(item: string): ExcludedTag | null {
  const text = item.trim();
  const atom = /^:([A-Za-z_]\w*[?!]?)$/.exec(text);
  if (atom) return { name: atom[1]!, value: null };
  const pair = /^([A-Za-z_]\w*[?!]?):\s+(.+)$/s.exec(text);
  return pair ? { name: pair[1]!, value: pair[2]!.trim() } : null;
}
