// Lexical look-ups for bare `sleep` and `:timer` aliases: `import` and `alias` are scoped to the
// block they appear in and apply to the statements after them, so we walk up the enclosing blocks
// and look only at statements that come earlier.
import type { SyntaxNode } from '../parse/parser.js';
import { callArguments, callName, isStatementContainer } from '../parse/nodes.js';

/** Statements that precede `node` in each enclosing block, nearest block first. */
function* earlierStatements(node: SyntaxNode): Generator<SyntaxNode> {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (!isStatementContainer(parent)) continue;
    for (let sibling = child.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) yield sibling;
  }
}

const SLEEP_MODULES = new Set(['Process', ':timer']);

/** Does `import Process` / `import :timer` (with `only:`/`except:`) bring `sleep/1` into scope here? */
export function sleepImportedAt(node: SyntaxNode): string | null {
  for (const statement of earlierStatements(node)) {
    if (callName(statement) !== 'import') continue;
    const [moduleNode, options] = callArguments(statement);
    if (!moduleNode || !SLEEP_MODULES.has(moduleNode.text)) continue;
    if (!options) return moduleNode.text;
    const text = options.text;
    const only = /only:\s*\[([^\]]*)\]/.exec(text);
    if (only) {
      if (/\bsleep:\s*1\b/.test(only[1]!)) return moduleNode.text;
      continue;
    }
    const except = /except:\s*\[([^\]]*)\]/.exec(text);
    if (except && /\bsleep:\s*1\b/.test(except[1]!)) continue;
    return moduleNode.text;
  }
  return null;
}

/** The names (`T`) that alias `:timer` in scope here, from `alias :timer, as: T`. */
export function timerAliasesAt(node: SyntaxNode): Set<string> {
  const names = new Set<string>();
  for (const statement of earlierStatements(node)) {
    if (callName(statement) !== 'alias') continue;
    const [moduleNode, options] = callArguments(statement);
    if (moduleNode?.text !== ':timer' || !options) continue;
    const as = /as:\s*([A-Z][\w.]*)/.exec(options.text);
    if (as) names.add(as[1]!);
  }
  return names;
}

/** A `def sleep`/`defp sleep` in the enclosing module shadows an import-free bare `sleep`. */
export function localSleepDefined(node: SyntaxNode): boolean {
  for (const statement of earlierOrLaterInModule(node)) {
    const name = callName(statement);
    if (name !== 'def' && name !== 'defp') continue;
    const [head] = callArguments(statement);
    if (head && /^sleep\b/.test(head.text)) return true;
  }
  return false;
}

function* earlierOrLaterInModule(node: SyntaxNode): Generator<SyntaxNode> {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === 'do_block' && callName(parent.parent!) === 'defmodule') {
      yield* parent.namedChildren;
      return;
    }
  }
}
