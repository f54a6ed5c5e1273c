import Parser from 'tree-sitter';
import Elixir from 'tree-sitter-elixir';
import { skeletonOf, type Skeleton } from './skeleton.js';
import { installFastNodes } from './fast-nodes.js';

export type SyntaxNode = Parser.SyntaxNode;
export type Tree = Parser.Tree;

let shared: Parser | undefined;

/** One parser for the process: creating one per file costs more than the parse of a small file. */
function parser(): Parser {
  if (!shared) {
    shared = new Parser();
    shared.setLanguage(Elixir);
    installFastNodes(Elixir);
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

/**
 * A tree for reporting on `source`: test bodies that hold no candidate are parsed as blank
 * placeholders (see skeleton.ts), everything else exactly as in the real file, at the same
 * offsets, rows and columns; `node.text` reads the real source. `partial` says whether any body
 * was left out: such a tree is for reports, never for rewriting (a syntax error inside a left-out
 * body goes unnoticed). Falls back to the whole file whenever the skeleton is not certain.
 */
export function parseForReport(source: string): { tree: Tree; partial: boolean } {
  const skeleton = skeletonOf(source);
  if (skeleton) {
    const tree = parseElixir(skeleton.text);
    if (matchesSkeleton(tree, skeleton)) {
      // The binding's `node.text` slices `tree.input`: point it at the real source.
      (tree as Tree & { input: string }).input = source;
      return { tree, partial: true };
    }
  }
  return { tree: parseElixir(source), partial: false };
}

/**
 * The skeleton parsed cleanly and each placeholder is a whole statement in the do_block that
 * starts at the `do` the lexer paired with its `end`. A tree cursor walks down to each one
 * natively, without making node objects.
 */
function matchesSkeleton(tree: Tree, skeleton: Skeleton): boolean {
  const root = tree.rootNode;
  if (root.hasError) return false;
  const cursor = tree.walk();
  for (const { block, start, end } of skeleton.regions) {
    cursor.reset(root);
    let found = false;
    // Down through the nodes that hold `start`, to the do_block at `block`, then to its child at
    // `start`. (The binding's "first child for index" takes children ending at or after it.)
    while (!found && cursor.gotoFirstChildForIndex(start + 1) !== null) {
      const at = cursor.startIndex;
      if (at > start) break;
      if (at === block && typeAt(cursor) === 'do_block') {
        found = cursor.gotoFirstChildForIndex(start + 1) !== null && cursor.startIndex === start && cursor.endIndex === end && typeAt(cursor) === 'string';
        if (!found) return false;
      }
    }
    if (!found) return false;
  }
  return true;
}

function typeAt(cursor: Parser.TreeCursor): string {
  return cursor.nodeType;
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
