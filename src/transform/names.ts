import type { SyntaxNode } from '../parse/parser.js';

/** A variable name not used anywhere in `scope`: `ref`, else `ref2`, `ref3`… */
export function freshName(scope: SyntaxNode | null, base: string, taken: ReadonlySet<string> = new Set()): string {
  const text = scope?.text ?? '';
  const used = (name: string) => taken.has(name) || new RegExp(`(?<![\\w@.:])${name}(?![\\w?!])`).test(text);
  if (!used(base)) return base;
  for (let i = 2; ; i++) if (!used(`${base}${i}`)) return `${base}${i}`;
}
