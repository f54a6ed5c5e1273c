import Parser from 'tree-sitter';
import Elixir from 'tree-sitter-elixir';

export type SyntaxNode = Parser.SyntaxNode;
export type Tree = Parser.Tree;

let shared: Parser | undefined;

/** One parser for the process: creating one per file costs more than the parse of a small file. */
function parser(): Parser {
  if (!shared) {
    shared = new Parser();
    shared.setLanguage(Elixir);
  }
  return shared;
}

// Node's binding reads the source in 32 KiB chunks through a callback unless we hand it a
// bigger buffer; one call per file is measurably faster on large files.
const MIN_BUFFER = 32 * 1024;

export function parseElixir(source: string): Tree {
  const bufferSize = Math.max(MIN_BUFFER, source.length * 2 + 2);
  return parser().parse(source, undefined, { bufferSize });
}

/** The first syntax error in a tree, as a 1-based line, or null when the tree is clean. */
export function firstSyntaxErrorLine(tree: Tree): number | null {
  const root = tree.rootNode;
  if (!root.hasError) return null;
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'ERROR' || node.isMissing) return node.startPosition.row + 1;
    // Children in reverse so the first error in source order is found first.
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i)!;
      if (child.hasError || child.type === 'ERROR' || child.isMissing) stack.push(child);
    }
  }
  return root.startPosition.row + 1;
}
