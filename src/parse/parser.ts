import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type Parser from 'tree-sitter';
import { skeletonOf, type Region, type Skeleton } from './skeleton.js';

export type { Region } from './skeleton.js';
import { installFastNodes } from './fast-nodes.js';
import { attributeCall } from './nodes.js';

export type SyntaxNode = Parser.SyntaxNode;
export type Tree = Parser.Tree;

let shared: Parser | undefined;

/**
 * One parser for the process: creating one per file costs more than the parse of a small file.
 * The binding and the grammar load on the first parse, not with the CLI: a run whose candidates
 * all come from the result cache, or that has none, never loads them (~12 ms of CommonJS and
 * native loading).
 */
function parser(): Parser {
  if (!shared) {
    const require = createRequire(import.meta.url);
    const TreeSitter = require('tree-sitter') as typeof Parser;
    const elixir = elixirGrammar(require);
    installFastNodes(TreeSitter, elixir);
    shared = new TreeSitter();
    shared.setLanguage(elixir);
  }
  return shared;
}

/**
 * tree-sitter-elixir's grammar, loaded the way its package's entry point loads it, but without the
 * node-types.json that entry point also parses (~5 ms of every run, in each scan thread): the
 * binding reads that file only to build its node classes, which installFastNodes builds instead.
 */
function elixirGrammar(require: NodeJS.Require): unknown {
  const root = dirname(require.resolve('tree-sitter-elixir/package.json'));
  return createRequire(join(root, 'package.json'))('node-gyp-build')(root);
}

// Node's binding reads the source in 32 KiB chunks through a callback unless we hand it a
// bigger buffer; one call per file is measurably faster on large files.
const MIN_BUFFER = 32 * 1024;

export function parseElixir(source: string, includedRanges?: Parser.Range[]): Tree {
  const bufferSize = Math.max(MIN_BUFFER, source.length * 2 + 2);
  return parser().parse(source, undefined, { bufferSize, includedRanges });
}

/**
 * A tree for reporting on `source`: tests that hold no candidate are left out of the parse (see
 * skeleton.ts), everything else is parsed exactly as in the whole file, at the same offsets, rows
 * and columns. `leftOut` holds the tests left out (none when the whole file was parsed): a tree
 * that lacks any is for reports, never for rewriting (a syntax error inside a left-out test goes
 * unnoticed). Falls back to the whole file whenever the skeleton is not certain.
 */
export function parseForReport(source: string): { tree: Tree; leftOut: Region[] } {
  const skeleton = skeletonOf(source);
  const tree = skeleton && parseSkeleton(source, skeleton);
  return tree ? { tree, leftOut: skeleton.regions } : { tree: parseElixir(source), leftOut: [] };
}

/** `source` parsed with the skeleton's regions left out, or null when the tree does not bear the skeleton out. */
export function parseSkeleton(source: string, skeleton: Skeleton): Tree | null {
  const tree = parseElixir(source, rangesAround(source, skeleton.regions));
  return matchesSkeleton(tree, source, skeleton) ? tree : null;
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
 * The tree parsed cleanly, and each region left out lies between the statements of a do_block:
 * that block is the smallest node around it, so no statement reaches over it. And no `@tag` is
 * left just above a region, where it would seem to belong to the test after it.
 */
function matchesSkeleton(tree: Tree, source: string, skeleton: Skeleton): boolean {
  const root = tree.rootNode;
  if (root.hasError) return false;
  for (const { start, end } of skeleton.regions) {
    const around = root.descendantForIndex(start, end - 1);
    if (around.type !== 'do_block' || tagJustBefore(root, around, source, start)) return false;
  }
  return true;
}

/** Is the statement of `block` just before `at` (comments passed over) a `@tag`? */
function tagJustBefore(root: SyntaxNode, block: SyntaxNode, source: string, at: number): boolean {
  let last = at - 1;
  while (last > block.startIndex && /\s/.test(source[last]!)) last--;
  let statement: SyntaxNode | null = root.descendantForIndex(last);
  while (statement && statement.parent?.id !== block.id) statement = statement.parent;
  while (statement?.type === 'comment') statement = statement.previousNamedSibling;
  return !!statement && attributeCall(statement)?.name === 'tag';
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
