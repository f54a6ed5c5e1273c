// parse/fast-nodes.ts answers node questions from JS instead of the native binding; here every
// answer is compared with the binding's own, on every node of real test files (fixtures and a
// skeleton parse), asked in an order that exercises the remembered answers.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseElixir, parseForReport, type SyntaxNode, type Tree } from '../../src/parse/parser.js';
import { childrenFromBinding, descendTo, native, nodeSlot } from '../../src/parse/fast-nodes.js';
import { callName, codeText } from '../../src/parse/nodes.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/classify');
// The grammar's fields, and a name it has none of (answered by the binding itself).
const FIELDS = ['target', 'left', 'right', 'operator', 'operand', 'value', 'key', 'body', 'no_such_field'];

type Native = typeof native;
const call = <K extends keyof Native>(name: K, node: SyntaxNode, ...args: unknown[]) => (native[name] as (...a: unknown[]) => unknown).call(node, ...args);
const idOf = (node: unknown) => (node ? (node as SyntaxNode).id : null);
/** A node's id and its class's type: children made from the binding's answers must get both right (ERROR nodes included). */
const idAndType = (node: SyntaxNode) => `${node.id} ${call('type', node)}`;

function everyNode(tree: Tree): SyntaxNode[] {
  const nodes: SyntaxNode[] = [];
  const cursor = tree.walk();
  for (;;) {
    nodes.push(cursor.currentNode);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return nodes;
    }
  }
}

/** The leaf at `index` and its depth, found one sibling at a time; null past `limit` levels. */
function leafBySiblings(tree: Tree, index: number, limit = 500): { id: number; depth: number } | null {
  const cursor = tree.walk();
  let depth = 0;
  for (;;) {
    const here = { id: cursor.currentNode.id, depth };
    if (!cursor.gotoFirstChild()) return here;
    while (cursor.endIndex <= index) if (!cursor.gotoNextSibling()) return here;
    if (cursor.startIndex > index) return here;
    if (++depth > limit) return null;
  }
}

function compare(tree: Tree, label: string): number {
  const nodes = everyNode(tree);
  // Ask for children first on half of the nodes, so parents are sometimes remembered from there.
  nodes.forEach((n, i) => i % 2 === 0 && n.namedChildren);
  for (const node of nodes) {
    const where = `${label} ${node.type}@${call('startIndex', node)}`;
    expect(node.id, where).toBe(call('id', node));
    expect(node.type, where).toBe(call('type', node));
    expect(node.startIndex, where).toBe(call('startIndex', node));
    expect(node.endIndex, where).toBe(call('endIndex', node));
    expect(node.text, where).toBe((node.tree as unknown as { input: string }).input.slice(call('startIndex', node) as number, call('endIndex', node) as number));
    expect(node.startPosition, where).toEqual(call('startPosition', node));
    // Remembered, and handed out as a copy: changing one answer changes nothing for the next caller.
    const end = node.endPosition;
    expect(end, where).toEqual(call('endPosition', node));
    end.row = -1;
    expect(node.endPosition, where).toEqual(call('endPosition', node));
    expect(node.text, where).toBe(call('text', node));
    expect(idOf(node.parent), where).toBe(idOf(call('parent', node)));
    expect(node.namedChildren.map(idAndType), where).toEqual((call('namedChildren', node) as SyntaxNode[]).map(idAndType));
    expect(node.namedChildren.map((c) => c.type), where).toEqual((call('namedChildren', node) as SyntaxNode[]).map((c) => call('type', c)));
    expect(node.namedChildCount, where).toBe(call('namedChildCount', node));
    expect(idOf(node.namedChild(0)), where).toBe(idOf(call('namedChild', node, 0)));
    expect(idOf(node.firstNamedChild), where).toBe(idOf(call('firstNamedChild', node)));
    expect(idOf(node.lastNamedChild), where).toBe(idOf(call('lastNamedChild', node)));
    expect(idOf(node.previousNamedSibling), where).toBe(idOf(call('previousNamedSibling', node)));
    expect(idOf(node.nextNamedSibling), where).toBe(idOf(call('nextNamedSibling', node)));
    for (const field of FIELDS) {
      const child = node.childForFieldName(field);
      const expected = call('childForFieldName', node, field) as SyntaxNode | null;
      expect(child && `${idAndType(child)} ${child.type}`, `${where}.${field}`).toBe(expected && `${idAndType(expected)} ${call('type', expected)}`);
    }
    if (call('startIndex', node) === 0 || node.type === 'call') {
      expect(node.descendantsOfType(['pair', 'ERROR']).map(idAndType), where).toEqual((call('descendantsOfType', node, ['pair', 'ERROR']) as SyntaxNode[]).map(idAndType));
      expect(node.descendantsOfType('identifier').map(idAndType), where).toEqual((call('descendantsOfType', node, 'identifier') as SyntaxNode[]).map(idAndType));
    }
    // Asked twice: the remembered answer is the same.
    expect(idOf(node.parent), where).toBe(idOf(call('parent', node)));
    // The namedChildren array is a copy: changing it changes nothing for the next caller.
    node.namedChildren.reverse();
    expect(node.namedChildren.map((c) => c.id), where).toEqual((call('namedChildren', node) as SyntaxNode[]).map((c) => c.id));
  }
  return nodes.length;
}

describe('fast node accessors', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.exs'));

  it('answer as the native binding does, on every node of real files', () => {
    let total = 0;
    // The native accessors are slow (that is the point): a few files are enough.
    for (const file of ['forms_test.exs', 'genserver_cast_test.exs', 'setup_and_loops_test.exs']) {
      const source = readFileSync(join(FIXTURES, file), 'utf8');
      total += compare(parseElixir(source), file);
      total += compare(parseForReport(source).tree, `${file} (skeleton)`);
    }
    // A file that does not parse: its ERROR nodes are made from the base class.
    const broken = 'defmodule BrokenTest do\n  test "x" do\n    Process.sleep(10\n    assert = = 1\n  end\nend\n';
    const tree = parseElixir(broken);
    expect(everyNode(tree).some((n) => call('type', n) === 'ERROR')).toBe(true);
    total += compare(tree, 'broken');
    // The binding's native half was found, so the children above were made here, not by the binding.
    expect(childrenFromBinding).toBe(true);
    expect(total).toBeGreaterThan(3_000);
  });

  it("give the nodes the binding's own wrapper makes (descendantForIndex, a cursor's) the type the binding names", () => {
    // Their classes come from a table built here by type id (installFastNodes): one entry off
    // would name every such node wrongly.
    const source = readFileSync(join(FIXTURES, 'forms_test.exs'), 'utf8');
    const tree = parseElixir(source);
    const types = new Set<string>();
    for (const node of everyNode(tree)) {
      const wrapped = tree.rootNode.descendantForIndex(node.startIndex, call('endIndex', node) as number);
      expect(wrapped.type, `${node.type}@${node.startIndex}`).toBe(call('type', wrapped));
      types.add(wrapped.type);
      const cursor = node.walk();
      expect(cursor.currentNode.type).toBe(call('type', cursor.currentNode as SyntaxNode));
    }
    expect(types.size).toBeGreaterThan(15);
  });

  it('walk siblings one by one whether or not the parent remembers its named children', () => {
    const source = readFileSync(join(FIXTURES, 'setup_and_loops_test.exs'), 'utf8');
    for (const remembered of [false, true]) {
      const block = parseElixir(source).rootNode.firstNamedChild!.childForFieldName('target')!.parent!.lastNamedChild!;
      const expected = (call('namedChildren', block) as SyntaxNode[]).map((c) => c.id);
      if (remembered) void block.namedChildren;
      const forward: number[] = [];
      for (let s = block.firstNamedChild; s; s = s.nextNamedSibling) forward.push(s.id);
      const backward: number[] = [];
      for (let s = block.lastNamedChild; s; s = s.previousNamedSibling) backward.unshift(s.id);
      expect(forward).toEqual(expected);
      expect(backward).toEqual(expected);
      expect(expected.length).toBeGreaterThan(3);
    }
  });

  it('make every node object one shape: the same own keys in the same order, whatever its type or what was asked of it', () => {
    const tree = parseElixir('defmodule ShapeTest do\n  test "x" do\n    pid = start()\n    Process.sleep(10)\n  end\nend\n');
    const module = tree.rootNode.firstNamedChild!;
    const statements = module.lastNamedChild!.firstNamedChild!.lastNamedChild!.namedChildren;
    const match = statements[0]!;
    const sleep = statements[1]!;
    // Answers remembered on some nodes and not on others.
    expect(callName(sleep)).toBe('Process.sleep');
    expect(codeText(match)).toBe('pid = start()');
    const operator = match.childForFieldName('operator')!;
    const nodes = [tree.rootNode, module, match, sleep, match.childForFieldName('left')!, operator, sleep.childForFieldName('target')!];
    expect(nodes.map((n) => n.type)).toEqual(['source', 'call', 'binary_operator', 'call', 'identifier', '=', 'dot']);
    const shape = (n: SyntaxNode) => Reflect.ownKeys(n).map(String);
    for (const node of nodes) expect(shape(node), node.type).toEqual(shape(tree.rootNode));
  });

  it('hand out slots for remembered answers until the fixed set is used up, then say where to add one', () => {
    // The modules loaded so far (parse/nodes.ts among them) took theirs when they loaded.
    expect(() => {
      for (let i = 0; i < 6; i++) nodeSlot(`extra ${i}`);
    }).toThrow(/no node slot is left for extra \d: add one in parse\/fast-nodes\.ts/);
  });

  it('make one object per node of a tree, whichever way it is reached, and none shared between trees', () => {
    const source = readFileSync(join(FIXTURES, 'forms_test.exs'), 'utf8');
    const tree = parseElixir(source);
    const module = tree.rootNode.namedChildren[0]!;
    // The same call by the root's children, by the root's first child, and up from the leaf at its first letter.
    expect(tree.rootNode.firstNamedChild).toBe(module);
    expect(tree.rootNode).toBe(tree.rootNode);
    const leaf = descendTo(tree, module.startIndex, 500)!.node;
    expect(leaf.parent).toBe(module.childForFieldName('target')!.parent);
    expect(module.childForFieldName('target')).toBe(module.namedChildren[0]);
    expect(module.namedChildren[1]!.parent).toBe(module);
    // What is remembered on a node is there for every way to it.
    const statements = module.lastNamedChild!.namedChildren;
    expect(statements[1]!.previousNamedSibling).toBe(statements[0]);
    expect(module.descendantsOfType('do_block')[0]).toBe(module.lastNamedChild);
    // Another tree of the same text has its own objects.
    const other = parseElixir(source).rootNode.namedChildren[0]!;
    expect(other).not.toBe(module);
    expect(other.text).toBe(module.text);
  });

  it('go down to the leaf at an index as the sibling-by-sibling walk does, each parent on the way remembered', () => {
    for (const file of files.slice(0, 6)) {
      const source = readFileSync(join(FIXTURES, file), 'utf8');
      const tree = parseElixir(source);
      for (let i = 0; i < source.length; i += 7) {
        const found = descendTo(tree, i, 500);
        expect(found && { id: found.node.id, depth: found.depth }, `${file}@${i}`).toEqual(leafBySiblings(tree, i));
        const up: (number | null)[] = [];
        const nativeUp: (number | null)[] = [];
        for (let n: SyntaxNode | null = found!.node; n; n = n.parent) up.push(n.id);
        for (let n: SyntaxNode | null = found!.node; n; n = call('parent', n) as SyntaxNode | null) nativeUp.push(n.id);
        expect(up, `${file}@${i}`).toEqual(nativeUp);
      }
      // Past the limit, nothing; at it, the leaf.
      // The last sleep's call, however it is written (`Process.sleep(`, `:timer.sleep(`).
      const deep = source.lastIndexOf('sleep(');
      const { depth } = descendTo(tree, deep, 500)!;
      expect(depth).toBeGreaterThan(3);
      expect(descendTo(tree, deep, depth - 1)).toBeNull();
      expect(descendTo(tree, deep, depth)?.depth).toBe(depth);
    }
  });
});
