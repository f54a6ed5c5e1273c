// Cheaper node accessors for the native tree-sitter binding, with the same answers.
//
// Every accessor of the binding crosses into native code and builds a fresh array or registers
// the node in the tree's cache, and some are far from O(1): `parent` (and with it
// `previousNamedSibling`) descends from the root each time, scanning every sibling on the way.
// The classifier asks the same questions of the same few nodes over and over (a module body's
// statements once per sleep, `.type` of every node it looks at), so here:
//
// - `endIndex`, `endPosition` and `text` are asked of the binding once per node and remembered
//   (`endPosition` handed out as a copy, as the binding does).
// - `id`, `startIndex` and `startPosition` are read from the six numbers the binding already
//   copied onto the node object (the node's pointer, start byte, start row and column), exactly
//   as the binding computes them: bytes are UTF-16, so halved. Nodes made here keep `id` and
//   `startIndex` as plain values from the start.
// - `type` is kept on each node made here, named from the type id the binding hands over with it.
//   The binding's wrapper still makes a few nodes (a cursor's, `descendantForIndex`'s) with the
//   class it finds for the type id in the grammar's `nodeSubclasses`; that table is built here, one
//   class per named type with `type` a constant on its prototype (see nodeClassesByTypeId). The
//   base class (ERROR, anonymous tokens) keeps the native getter.
// - Every node made here is of one class, FastNode, and starts with a slot for every answer
//   remembered on it: one object shape for all, so V8's property caches stay fast.
// - `parent`, `namedChildren` and `childForFieldName` are remembered per node object (trees are
//   never edited in place), and children learn their parent from the array they came in.
//   `namedChildren` hands out a copy, so callers may still sort or reverse what they get.
// - `namedChild`, `namedChildCount`, `firstNamedChild` and `lastNamedChild` are answered from the
//   node's remembered named children; `previousNamedSibling` and `nextNamedSibling` from the
//   parent's, when it has them.
// - Node objects are not registered with the binding's cache (see installFastNodes) but kept in
//   a plain map on their tree (see NODES): the same node reached two ways is one object.
// - Named children, field children, parents, siblings and `descendantsOfType` are made here from
//   the native half's answers (see nativeBinding), field names turned into field ids once.
//
// test/parse/fast-nodes.test.ts compares every accessor with the native one on every node of
// real files.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type Parser from 'tree-sitter';

type Node = Parser.SyntaxNode & Record<number, number> & Memo;
interface NodeClass {
  prototype: object;
}

// Remembered answers live on the node objects themselves (symbol-keyed: cheaper than WeakMaps,
// and gone with the node), each in a slot every node made here starts with (see FastNode).
const PARENT = Symbol('parent');
const NAMED = Symbol('namedChildren');
const FIELDS = Symbol('fields');
/** Position of a node among its parent's named children. */
const INDEX = Symbol('namedIndex');
const END = Symbol('endIndex');
const END_POSITION = Symbol('endPosition');
const TEXT = Symbol('text');
// Slots for the answers other modules remember on nodes (parse/nodes.ts, `remembered`), handed
// out by nodeSlot. A fixed set, each written by name in FastNode's constructor: one loop over a
// list of keys would be a store V8 sees with a different key each time, a slow megamorphic one.
const MEMO_0 = Symbol('memo0');
const MEMO_1 = Symbol('memo1');
const MEMO_2 = Symbol('memo2');
const MEMO_3 = Symbol('memo3');
const MEMO_4 = Symbol('memo4');
const MEMO_5 = Symbol('memo5');
const MEMO_SLOTS = [MEMO_0, MEMO_1, MEMO_2, MEMO_3, MEMO_4, MEMO_5];
let memoSlotsTaken = 0;

/** A key for an answer remembered on node objects: a slot every node made here starts with. */
export function nodeSlot(description: string): symbol {
  const key = MEMO_SLOTS[memoSlotsTaken++];
  if (!key) throw new Error(`no node slot is left for ${description}: add one in parse/fast-nodes.ts`);
  return key;
}

interface Memo {
  [END_POSITION]?: Parser.Point;
  [TEXT]?: string;
  [PARENT]?: Node | null;
  [NAMED]?: Node[];
  [FIELDS]?: Map<string, Node | null>;
  [INDEX]?: number;
  [END]?: number;
}

const TWO_TO_32 = 4294967296;

/** The binding's own getters, for the equivalence test and for what is not cached. */
export const native = {} as Record<'id' | 'type' | 'text' | 'startIndex' | 'endIndex' | 'startPosition' | 'endPosition' | 'parent' | 'namedChildren' | 'firstNamedChild' | 'lastNamedChild' | 'previousNamedSibling' | 'nextNamedSibling' | 'namedChildCount', (this: Node) => unknown> & {
  childForFieldName: (this: Node, name: string) => Node | null;
  namedChild: (this: Node, index: number) => Node | null;
  descendantsOfType: (this: Node, types: string | string[]) => Node[];
};

let installed = false;

/** Whether child nodes are made here from the native binding's answers (see nativeBinding), for the test. */
export let childrenFromBinding = false;

/** The accessors that answer one node. */
type OneNode = 'parent' | 'previousNamedSibling' | 'nextNamedSibling' | 'firstNamedChild' | 'lastNamedChild';

interface NativeBinding {
  NodeMethods: {
    namedChildren(tree: unknown): unknown[] | undefined;
    descendantsOfType(tree: unknown, types: string[], start: unknown, end: unknown): unknown[];
    childForFieldId(tree: unknown, field: number): unknown;
  } & Record<OneNode, (tree: unknown) => unknown>;
  nodeTransferArray: Uint32Array;
  getNodeFieldNamesById(language: unknown): (string | null)[];
  /** Null for the ids of anonymous tokens. */
  getNodeTypeNamesById(language: unknown): (string | null)[];
  Tree: unknown;
}

/**
 * The binding's native half, where `tree-sitter`'s index.js got it, for making child nodes without
 * the wrapper's per-node cost: its unmarshalling builds a BigInt for each node's id and a Map per
 * array, only to find nodes already registered with the tree, which installFastNodes turns off;
 * and `childForFieldName` has native code look the field's name up among all the grammar's field
 * names on every call. Null (the binding's own accessors are kept) if it is not the same binding.
 */
function nativeBinding(TreeSitter: typeof Parser): NativeBinding | null {
  try {
    const entry = createRequire(import.meta.url).resolve('tree-sitter');
    const binding = createRequire(entry)('node-gyp-build')(dirname(entry)) as NativeBinding;
    return binding.Tree === (TreeSitter as unknown as { Tree: unknown }).Tree && typeof binding.NodeMethods?.namedChildren === 'function' ? binding : null;
  } catch {
    return null;
  }
}

/** The six numbers that name a node, as the binding's marshalNode hands them to native code. */
function marshal(binding: NativeBinding, node: Node): void {
  const transfer = binding.nodeTransferArray;
  for (let i = 0; i < 6; i++) transfer[i] = node[i]!;
}

/**
 * The node object for what a native call answered: a node class id, the node's six numbers in the
 * transfer array at `at`. One object per node of a tree (see NODES): a node reached again by
 * another way is the object already made, with what was remembered on it.
 */
function unmarshal(binding: NativeBinding, tree: Parser.Tree, value: unknown, at: number): Node | null {
  if (typeof value !== 'number') return value as Node | null;
  const transfer = binding.nodeTransferArray; // replaced by a longer one when a call needs it
  const id = transfer[at]! + transfer[at + 1]! * TWO_TO_32;
  if (id === 0) return null;
  const nodes = ((tree as Interning)[NODES] ??= new Map());
  let node = nodes.get(id);
  if (node) return node;
  const type = value === ERROR_TYPE ? 'ERROR' : typeNames[value];
  node = new FastNode(tree, type ?? '', transfer, at);
  // An anonymous token (an operator) has no name in the table: the binding is asked, once.
  if (type == null) node.type = native.type.call(node) as string;
  nodes.set(id, node);
  return node;
}

/** A node the binding's own wrapper made (a cursor's, the root): the tree's object for it, made here if it has none yet. */
function interned(node: Node): Node {
  const nodes = ((node.tree as Interning)[NODES] ??= new Map());
  const id = node[0]! + node[1]! * TWO_TO_32;
  let known = nodes.get(id);
  if (known) return known;
  known = new FastNode(node.tree, node.type, node, 0);
  nodes.set(id, known);
  return known;
}

/**
 * The one class of the node objects made here, whatever their type. The binding makes one class
 * per node type, and each answer remembered on a node added a property in the order it was asked:
 * a property read in the rules met dozens of object shapes, and V8 fell back to its slowest,
 * megamorphic lookups (~5% of a 20,000-file scan). One class whose objects start with every slot,
 * in one order, gives every node the same shape.
 */
let FastNode: new (tree: Parser.Tree, type: string, numbers: Readonly<Record<number, number>>, at: number) => Node;
/** Node type names by the binding's type id. */
let typeNames: (string | null)[] = [];

/** The node objects made for a tree, by id: kept on the tree, gone with it. */
const NODES = Symbol('nodes');
interface Interning {
  [NODES]?: Map<number, Node>;
}

/** The binding's type id for ERROR nodes (the binding makes them with its base class). */
const ERROR_TYPE = 0xffff;

/** Installs the accessors on the node classes of `TreeSitter` (the binding's module), before `language` is given to a parser (see nodeClassesByTypeId). */
export function installFastNodes(TreeSitter: typeof Parser, language: unknown): void {
  if (installed) return;
  installed = true;
  const base = (TreeSitter as unknown as { SyntaxNode: NodeClass }).SyntaxNode.prototype;
  const getter = (name: string) => Object.getOwnPropertyDescriptor(base, name)!.get! as (this: Node) => unknown;
  for (const name of ['id', 'type', 'text', 'startIndex', 'endIndex', 'startPosition', 'endPosition', 'parent', 'namedChildren', 'firstNamedChild', 'lastNamedChild', 'previousNamedSibling', 'nextNamedSibling', 'namedChildCount'] as const) {
    native[name] = getter(name);
  }
  const method = (name: string) => (base as Record<string, unknown>)[name] as never;
  native.childForFieldName = method('childForFieldName');
  native.namedChild = method('namedChild');
  native.descendantsOfType = method('descendantsOfType');

  const binding = nativeBinding(TreeSitter);
  const SyntaxNode = (TreeSitter as unknown as { SyntaxNode: new (tree: Parser.Tree) => Node }).SyntaxNode;
  FastNode = class extends SyntaxNode {
    /** `numbers[at…at + 5]`: the node's six numbers (see marshal). */
    constructor(tree: Parser.Tree, type: string, numbers: Readonly<Record<number, number>>, at: number) {
      super(tree);
      for (let i = 0; i < 6; i++) this[i] = numbers[at + i]!;
      this.type = type;
      // What the base class's getters compute from the numbers, kept as plain values.
      this.id = this[0]! + this[1]! * TWO_TO_32;
      this.startIndex = this[2]! >>> 1;
      this[PARENT] = undefined;
      this[NAMED] = undefined;
      this[FIELDS] = undefined;
      this[INDEX] = undefined;
      this[END] = undefined;
      this[END_POSITION] = undefined;
      this[TEXT] = undefined;
      const memo = this as unknown as Record<symbol, undefined>;
      memo[MEMO_0] = undefined;
      memo[MEMO_1] = undefined;
      memo[MEMO_2] = undefined;
      memo[MEMO_3] = undefined;
      memo[MEMO_4] = undefined;
      memo[MEMO_5] = undefined;
    }
  };
  // Writable data properties on the prototype: the constructor's `type`, `id` and `startIndex`
  // become each node's own data properties, not assignments to the base class's getters (which
  // have no setters).
  for (const name of ['type', 'id', 'startIndex']) Object.defineProperty(FastNode.prototype, name, { value: undefined, writable: true, configurable: true });
  if (binding) {
    typeNames = binding.getNodeTypeNamesById(language);
    (language as { nodeSubclasses?: NodeClass[] }).nodeSubclasses = nodeClassesByTypeId(SyntaxNode, typeNames);
  }
  /** The binding's `namedChildren`, without its per-node BigInt and Map (see nativeBinding). */
  let namedChildrenNow = native.namedChildren as (this: Node) => Node[];
  /** The binding's `childForFieldName`, with the field's id looked up here, once per name. */
  let childForField = native.childForFieldName;
  const oneNode: Record<OneNode, (this: Node) => unknown> = { ...native };
  if (binding) {
    const methods = binding.NodeMethods;
    /** Node objects for an array the binding answered, in place. */
    const nodesFrom = (tree: Parser.Tree, nodes: unknown[]) => {
      for (let i = 0, at = 0; i < nodes.length; i++) {
        if (typeof nodes[i] !== 'number') continue;
        nodes[i] = unmarshal(binding, tree, nodes[i], at);
        at += 6;
      }
      return nodes as Node[];
    };
    // The node-valued native methods, called as the binding's wrapper calls them.
    for (const name of ['parent', 'previousNamedSibling', 'nextNamedSibling', 'firstNamedChild', 'lastNamedChild'] as const) {
      oneNode[name] = function () {
        marshal(binding, this);
        return unmarshal(binding, this.tree, methods[name](this.tree), 0);
      };
    }
    namedChildrenNow = function () {
      marshal(binding, this);
      return nodesFrom(this.tree, methods.namedChildren(this.tree)!);
    };
    Object.defineProperty(base, 'descendantsOfType', {
      configurable: true,
      writable: true,
      value(this: Node, types: string | string[], start?: unknown, end?: unknown) {
        marshal(binding, this);
        return nodesFrom(this.tree, methods.descendantsOfType(this.tree, typeof types === 'string' ? [types] : types, start, end));
      },
    });
    const fieldIds = new Map<string, number>();
    binding.getNodeFieldNamesById(language).forEach((name, id) => name && fieldIds.set(name, id));
    childForField = function (name) {
      const id = fieldIds.get(name);
      if (id === undefined) return native.childForFieldName.call(this, name);
      marshal(binding, this);
      return unmarshal(binding, this.tree, methods.childForFieldId(this.tree, id), 0);
    };
  }
  fastNamedChildren = namedChildrenNow;
  siblingFromBinding = [oneNode.previousNamedSibling, oneNode.nextNamedSibling];
  childrenFromBinding = binding !== null;

  const define = (target: object, name: string, get: (this: Node) => unknown) => Object.defineProperty(target, name, { get, configurable: true });
  define(base, 'id', function () {
    return this[0]! + this[1]! * TWO_TO_32;
  });
  define(base, 'startIndex', function () {
    return this[2]! >>> 1;
  });
  define(base, 'endIndex', function () {
    return (this[END] ??= native.endIndex.call(this) as number);
  });
  define(base, 'text', function () {
    return (this[TEXT] ??= native.text.call(this) as string);
  });
  define(base, 'endPosition', function () {
    const end = (this[END_POSITION] ??= native.endPosition.call(this) as Parser.Point);
    // A copy, as the binding gives: a caller may change what it gets.
    return { row: end.row, column: end.column };
  });
  define(base, 'startPosition', function () {
    return { row: this[3]!, column: this[4]! >>> 1 };
  });
  define(base, 'parent', function () {
    let parent = this[PARENT];
    if (parent === undefined) parent = this[PARENT] = oneNode.parent.call(this) as Node | null;
    return parent;
  });
  define(base, 'namedChildren', function () {
    return namedChildrenOf(this).slice();
  });
  define(base, 'namedChildCount', function () {
    return namedChildrenOf(this).length;
  });
  // Only a child taken from the remembered array knows its place for the fast sibling walk (namedSibling).
  define(base, 'firstNamedChild', function () {
    const named = this[NAMED];
    return named ? (named[0] ?? null) : oneNode.firstNamedChild.call(this);
  });
  define(base, 'lastNamedChild', function () {
    const named = this[NAMED];
    return named ? (named[named.length - 1] ?? null) : oneNode.lastNamedChild.call(this);
  });
  define(base, 'previousNamedSibling', function () {
    return namedSibling(this, -1);
  });
  define(base, 'nextNamedSibling', function () {
    return namedSibling(this, +1);
  });
  Object.defineProperty(base, 'namedChild', {
    configurable: true,
    writable: true,
    value(this: Node, index: number) {
      return namedChildrenOf(this)[index] ?? null;
    },
  });
  Object.defineProperty(base, 'childForFieldName', {
    configurable: true,
    writable: true,
    value(this: Node, name: string) {
      const byName = (this[FIELDS] ??= new Map());
      let child = byName.get(name);
      if (child === undefined) {
        child = childForField.call(this, name);
        byName.set(name, child);
        if (child) child[PARENT] ??= this;
      }
      return child;
    },
  });

  // The root too is the tree's one object for it.
  const treeClass = (TreeSitter as unknown as { Tree: NodeClass }).Tree.prototype;
  const root = Object.getOwnPropertyDescriptor(treeClass, 'rootNode')!.get!;
  Object.defineProperty(treeClass, 'rootNode', {
    configurable: true,
    get(this: Parser.Tree) {
      return interned(root.call(this) as Node);
    },
  });

  // The binding registers every node object it makes with its tree (a weak reference and a
  // finalizer each), only so that the same node asked for again is the same object: ~40% of the
  // cost of making a node, and more garbage-collection work. The registration is skipped: nodes
  // made here are kept by id in a plain map on the tree instead (see unmarshal).
  const tree = (TreeSitter as unknown as { Tree: NodeClass }).Tree.prototype as Record<string, unknown>;
  tree._cacheNode = () => undefined;
  tree._cacheNodes = () => undefined;
}

/**
 * The classes the binding's wrapper makes nodes with, by type id: one per named type, its `type` a
 * constant; the base class for anonymous tokens, whose names the table leaves out. The binding
 * would build its own when the grammar is set, by evaluating a class body per named type read from
 * the grammar's node-types.json (63 KB parsed on every run), only to put field getters on them that
 * nothing here reads; and its `type` on the prototype is shadowed by the base getter, a native call.
 */
function nodeClassesByTypeId(SyntaxNode: new (tree: Parser.Tree) => Node, names: readonly (string | null)[]): NodeClass[] {
  return names.map((name) => {
    if (name === null) return SyntaxNode;
    const named = class extends SyntaxNode {};
    Object.defineProperty(named.prototype, 'type', { value: name, configurable: true });
    return named;
  });
}

/**
 * The deepest node at `index` (the leaf whose span holds it), found from the root with a tree
 * cursor, and how many levels below the root it lies; null past `limit` levels. One native call
 * per level finds the child (the first that ends after `index`), where `node.parent` in the
 * binding walks down from the root each time, so climbing N levels that way costs N² steps.
 * Every node on the way down is remembered as the next one's parent: climbing back up from the
 * leaf, as the site finder and the rules do, asks the binding nothing.
 */
export function descendTo(tree: Parser.Tree, index: number, limit: number): { node: Parser.SyntaxNode; depth: number } | null {
  const cursor = tree.walk();
  let node = interned(cursor.currentNode as Node);
  let depth = 0;
  for (;;) {
    // The binding's "first child for index" takes children that end at or after it.
    if (cursor.gotoFirstChildForIndex(index + 1) === null || cursor.startIndex > index) return { node, depth };
    if (++depth > limit) return null;
    const child = interned(cursor.currentNode as Node);
    child[PARENT] = node;
    node = child;
  }
}

let fastNamedChildren: (this: Node) => Node[];
let siblingFromBinding: ((this: Node) => unknown)[];

function namedChildrenOf(node: Node): Node[] {
  let children = node[NAMED];
  if (!children) {
    children = node[NAMED] = fastNamedChildren.call(node);
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      child[PARENT] ??= node;
      child[INDEX] = i;
    }
  }
  return children;
}

function namedSibling(node: Node, step: -1 | 1): Node | null {
  const siblings = node[PARENT]?.[NAMED];
  const index = node[INDEX];
  // Unless the parent's named children are already at hand, ask the binding for the one node:
  // a walk to the nearest sibling or two should not materialise a module's every statement.
  // (An anonymous node is not among the named children either.)
  if (!siblings || index === undefined || siblings[index] !== node) {
    return siblingFromBinding[step < 0 ? 0 : 1]!.call(node) as Node | null;
  }
  return siblings[index + step] ?? null;
}
