import type { Tree } from './parser.js';

/** Deeper than this, a site is reported as not analysed: no real test nests blocks this far. */
export const MAX_ANALYSED_DEPTH = 500;

/**
 * How many nodes lie between the root and the leaf at `index`, counted with a tree cursor, or
 * Infinity past `limit`. `node.parent` in the native binding walks down from the root each time,
 * so climbing from a node N levels deep costs N² steps; the cursor goes down once.
 */
export function depthAt(tree: Tree, index: number, limit = MAX_ANALYSED_DEPTH): number {
  const cursor = tree.walk();
  let depth = 0;
  for (;;) {
    // The first child that ends after `index` (the binding takes "ends at or after"), found
    // natively: one call per level, not one per sibling.
    if (cursor.gotoFirstChildForIndex(index + 1) === null) return depth;
    if (cursor.startIndex > index) return depth;
    if (++depth > limit) return Infinity;
  }
}
