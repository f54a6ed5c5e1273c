import type { SyntaxNode } from '../parse/parser.js';

/**
 * A variable name not used anywhere in `scope`: `ref`, else `ref2`, `ref3`… Only identifiers
 * count, so a word in a test name, a string or a field (`job.result`) does not.
 */
export function freshName(scope: SyntaxNode | null, base: string, taken: ReadonlySet<string> = new Set()): string {
  // `job.result` is a field, not a variable: the right side of a dot does not count.
  const variables = scope ? scope.descendantsOfType('identifier').filter((n) => !(n.parent?.type === 'dot' && n.parent.childForFieldName('right')?.id === n.id)) : [];
  const identifiers = new Set(variables.map((n) => n.text));
  const used = (name: string) => taken.has(name) || identifiers.has(name);
  if (!used(base)) return base;
  for (let i = 2; ; i++) if (!used(`${base}${i}`)) return `${base}${i}`;
}
