// Adds `import Helpers.Module, only: [...]` to a test module once, right after its `use …Case` line.
import type { SyntaxNode, Tree } from '../parse/parser.js';
import { callArguments, callName, doBlockOf } from '../parse/nodes.js';
import type { Edit } from '../edit/edits.js';
import type { HelperName } from '../transform/api.js';

/** A case template's name (`ExUnit.Case`, `MyApp.DataCase`), or ExSpec, which uses ExUnit.Case for its module. */
const CASE_TEMPLATE = /Case\b|^ExSpec$/;

export const IMPORT_GROUP = 'helper-import';

const ARITIES: Record<HelperName, number> = { wait_for: 2, poll_with_timeout: 3 };

export function helperImportEdit(tree: Tree, module: string, helpers: readonly HelperName[]): Edit | null {
  const body = testModuleBody(tree.rootNode);
  if (!body) return null;
  const statements = body.namedChildren;
  if (statements.some((s) => callName(s) === 'import' && callArguments(s)[0]?.text === module)) return null;
  const anchor = [...statements].reverse().find((s) => callName(s) === 'use' && CASE_TEMPLATE.test(callArguments(s)[0]?.text ?? '')) ?? statements[0];
  if (!anchor) return null;
  const only = [...new Set(helpers)].sort().map((h) => `${h}: ${ARITIES[h]}`).join(', ');
  // After a `use` that spans lines (`use ExUnit.Case,\n    parameterize: […]`) mix format wants a
  // blank line, and the import lines up with `use`, not with the `]` it ends on.
  const spansLines = anchor.startPosition.row !== anchor.endPosition.row;
  // `use ExUnit.Case, async: false # shares a queue name` (honeydew): the comment stays on its line,
  // and so do spaces after the `use` (craf-elixir's `use ExUnit.Case, async: true `).
  const source = tree.rootNode.text;
  const lineEnd = source.indexOf('\n', anchor.endIndex);
  const rest = source.slice(anchor.endIndex, lineEnd === -1 ? source.length : lineEnd).replace(/\r$/, '');
  const at = /^[ \t]*(?:#|$)/.test(rest) ? anchor.endIndex + rest.length : anchor.endIndex;
  return { start: at, end: at, text: `\n${spansLines ? '\n' : ''}import ${module}, only: [${only}]`, kind: 'insert_after', group: IMPORT_GROUP, indentFrom: anchor.startIndex };
}

/**
 * Can the helpers of `module` be called in this file: it defines them, imports `module` already, or
 * has a module that uses an ExUnit case template for `helperImportEdit` to import it into? Not a
 * module made by a macro of the project's (multiverses' `defmoduler`), which the rewrite cannot read.
 */
export function helpersReachable(tree: Tree, module: string): boolean {
  const source = tree.rootNode.text;
  return new RegExp(`\\bimport\\s+${module.replace(/\./g, '\\.')}\\b`).test(source) || (testModuleBody(tree.rootNode)?.namedChildren.length ?? 0) > 0;
}

/**
 * The body of the first module that uses an ExUnit case template, also one defined only when an
 * optional dependency is there (anubis's `if Code.ensure_loaded?(:gun) do defmodule … end end`).
 */
function testModuleBody(root: SyntaxNode): SyntaxNode | null {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.shift()!;
    for (const statement of node.namedChildren) {
      const name = callName(statement);
      if (statement.type === 'else_block') stack.push(statement);
      if (name !== 'defmodule' && name !== 'if' && name !== 'unless') continue;
      const block = doBlockOf(statement);
      if (!block) continue;
      if (name === 'defmodule' && block.namedChildren.some((s) => callName(s) === 'use' && CASE_TEMPLATE.test(callArguments(s)[0]?.text ?? ''))) return block;
      stack.push(block);
    }
  }
  return null;
}
