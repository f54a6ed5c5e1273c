import Parser from 'tree-sitter';
import Elixir from 'tree-sitter-elixir';
import { skeletonOf, type Region, type Skeleton } from './skeleton.js';
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

export function parseElixir(source: string, includedRanges?: Parser.Range[]): Tree {
  const bufferSize = Math.max(MIN_BUFFER, source.length * 2 + 2);
  return parser().parse(source, undefined, { bufferSize, includedRanges });
}

/**
 * A tree for reporting on `source`: test bodies that hold no candidate are left out of the parse
 * (see skeleton.ts), everything else is parsed exactly as in the whole file, at the same offsets,
 * rows and columns. `partial` says whether any body was left out: such a tree is for reports,
 * never for rewriting (a syntax error inside a left-out body goes unnoticed). Falls back to the
 * whole file whenever the skeleton is not certain.
 */
export function parseForReport(source: string): { tree: Tree; partial: boolean } {
  const skeleton = skeletonOf(source);
  if (skeleton) {
    const tree = parseElixir(source, rangesAround(source, skeleton.regions));
    if (matchesSkeleton(tree, skeleton)) return { tree, partial: true };
  }
  return { tree: parseElixir(source), partial: false };
}

/** The parts of `source` between the regions, with their rows and columns (UTF-16 units, as the binding counts). */
function rangesAround(source: string, regions: readonly Region[]): Parser.Range[] {
  const ranges: Parser.Range[] = [];
  let row = 0;
  let lineStart = 0;
  let counted = 0; // newlines before this offset are in `row`
  const pointAt = (index: number): Parser.Point => {
    for (let nl = source.indexOf('\n', counted); nl !== -1 && nl < index; nl = source.indexOf('\n', nl + 1)) {
      row++;
      lineStart = nl + 1;
    }
    counted = index;
    return { row, column: index - lineStart };
  };
  let at = 0;
  for (const { start, end } of regions) {
    ranges.push({ startIndex: at, startPosition: pointAt(at), endIndex: start, endPosition: pointAt(start) });
    at = end;
  }
  ranges.push({ startIndex: at, startPosition: pointAt(at), endIndex: source.length, endPosition: pointAt(source.length) });
  return ranges;
}

/**
 * The tree parsed cleanly, and each region left out lies directly inside the do_block that starts
 * at the `do` the lexer paired with its `end`: none of the block's children reaches over it. A tree
 * cursor walks down to each one natively, without making node objects.
 */
function matchesSkeleton(tree: Tree, skeleton: Skeleton): boolean {
  const root = tree.rootNode;
  if (root.hasError) return false;
  const cursor = tree.walk();
  for (const { block, start, end } of skeleton.regions) {
    cursor.reset(root);
    let found = false;
    // Down through the nodes that hold `start`, to the do_block at `block`. (The binding's
    // "first child for index" takes children ending at or after it.)
    while (!found && cursor.gotoFirstChildForIndex(start + 1) !== null) {
      if (cursor.startIndex > start) break;
      found = cursor.startIndex === block && cursor.nodeType === 'do_block';
    }
    if (!found || cursor.endIndex < end || childOver(cursor, start, end)) return false;
  }
  return true;
}

/** Whether a child of the cursor's node reaches into `start`..`end`. */
function childOver(cursor: Parser.TreeCursor, start: number, end: number): boolean {
  if (!cursor.gotoFirstChild()) return false;
  do {
    if (cursor.endIndex > start && cursor.startIndex < end) return true;
  } while (cursor.gotoNextSibling());
  return false;
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
