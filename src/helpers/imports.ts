// Adds `import Helpers.Module, only: [...]` once to each test module that holds a rewrite, right after its `use …Case` line.
import type { SyntaxNode, Tree } from '../parse/parser.js';
import { callArguments, callName } from '../parse/nodes.js';
import type { Edit } from '../edit/edits.js';
import type { HelperName } from '../transform/api.js';

/** A case template's name (`ExUnit.Case`, `MyApp.DataCase`), or ExSpec, which uses ExUnit.Case for its module. */
const CASE_TEMPLATE = /Case\b|^ExSpec$/;

export const IMPORT_GROUP = 'helper-import';

const ARITIES: Record<HelperName, number> = { wait_for: 2, poll_with_timeout: 3 };

/** The import of `helpers` into `body`, the test module a rewritten sleep is in (`testModuleAround`). */
export function helperImportEdit(tree: Tree, body: SyntaxNode, module: string, helpers: readonly HelperName[]): Edit | null {
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
 * Can the helpers of `module` be called where the sleep at `site` is: the file defines them, imports
 * `module` already, or the sleep is inside a module that uses an ExUnit case template for
 * `helperImportEdit` to import it into? Not a module made by a macro of the project's (multiverses'
 * `defmoduler`), which the rewrite cannot read, nor a module of the file that is no test module.
 */
export function helpersReachable(tree: Tree, module: string, site: SyntaxNode): boolean {
  const source = tree.rootNode.text;
  return new RegExp(`\\bimport\\s+${module.replace(/\./g, '\\.')}\\b`).test(source) || testModuleAround(site) !== null;
}

/**
 * Are ExUnit's assertion macros (`assert_receive`) defined where the sleep at `site` is? In a test
 * module, in a case template (`use ExUnit.CaseTemplate` imports them), or in a file that imports
 * `ExUnit.Assertions`; not in a plain support module (quillex's `SexySpex.TimeoutPatch`, whose
 * function kills a supervisor and sleeps), where a rewrite to `assert_receive` would not compile.
 */
export function assertionsReachable(tree: Tree, site: SyntaxNode): boolean {
  return testModuleAround(site) !== null || /\b(?:import\s+ExUnit\.Assertions|use\s+ExUnit\.CaseTemplate)\b/.test(tree.rootNode.text);
}

/**
 * The body of the innermost module around `node` that uses an ExUnit case template: an import is
 * lexical to its module, and a file may hold several test modules, each with its own `use
 * ExUnit.Case` (palapa's client tests, one module per group of tests), so each gets its own. Also a
 * module defined only when an optional dependency is there (anubis's `if Code.ensure_loaded?(:gun)
 * do defmodule … end end`), and a module nested in a test module, which sees that module's imports.
 */
export function testModuleAround(node: SyntaxNode): SyntaxNode | null {
  for (let up = node.parent; up; up = up.parent) {
    if (up.type === 'do_block' && callName(up.parent!) === 'defmodule' && usesCaseTemplate(up)) return up;
  }
  return null;
}

function usesCaseTemplate(body: SyntaxNode): boolean {
  return body.namedChildren.some((s) => callName(s) === 'use' && CASE_TEMPLATE.test(callArguments(s)[0]?.text ?? ''));
}
