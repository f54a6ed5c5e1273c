// The report parse (parse/skeleton.ts): tests and describes without a candidate are left out of
// the parse, with their tags. What must hold: offsets, rows and columns never move; a test that
// holds a candidate is never left out; anything the lexer is unsure of leaves the file whole; and a
// report made this way is the report made from whole trees.
import { describe, expect, it, onTestFinished } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { skeletonOf } from '../../src/parse/skeleton.js';
import { parseElixir, parseForReport, parseSkeleton, type SyntaxNode, type Tree } from '../../src/parse/parser.js';
import { scan } from '../../src/scan/scan.js';
import { SourceFile } from '../../src/context/source-file.js';
import { moduleArb, render } from '../robustness/support/elixir-gen.js';

const mod = (body: string) => `defmodule T do\n  use ExUnit.Case\n\n${body}\nend\n`;

function blanked(source: string): string[] {
  const skeleton = skeletonOf(source);
  return skeleton ? skeleton.regions.map((r) => source.slice(r.start, r.end)) : [];
}

describe('skeletonOf', () => {
  it('leaves out each test without a candidate whole, from its `test` to its `end`', () => {
    const source = mod('  test "a", ctx do\n    x = 1\n    assert x == 1\n  end\n\n  test "b" do\n    Process.sleep(10)\n  end\n');
    expect(blanked(source)).toEqual(['test "a", ctx do\n    x = 1\n    assert x == 1\n  end']);
  });

  it('leaves out a describe whole when none of its tests holds a candidate, else its tests one by one', () => {
    const source = mod(
      '  describe "quiet" do\n    setup do\n      :ok\n    end\n\n    test "a" do\n      assert 1\n    end\n  end\n\n' +
        '  describe "noisy" do\n    test "b" do\n      assert 2\n    end\n\n    test "c" do\n      :timer.sleep(5)\n    end\n  end\n',
    );
    expect(blanked(source)).toEqual(['describe "quiet" do\n    setup do\n      :ok\n    end\n\n    test "a" do\n      assert 1\n    end\n  end', 'test "b" do\n      assert 2\n    end']);
  });

  it('keeps a describe that defines a function (a test elsewhere may call it), leaving out its tests one by one', () => {
    const source = mod(
      '  describe "helpers" do\n    defp with_counter(fun), do: fun.(1)\n\n    test "a" do\n      assert 1\n    end\n  end\n\n' +
        '  describe "quiet" do\n    test "b" do\n      assert 2\n    end\n  end\n\n  test "c" do\n    with_counter(fn _ -> Process.sleep(5) end)\n  end\n',
    );
    expect(blanked(source)).toEqual(['test "a" do\n      assert 1\n    end', 'describe "quiet" do\n    test "b" do\n      assert 2\n    end\n  end']);
  });

  it('takes the `@tag`s above a test with it, also over comments and continued lines; other attributes stay', () => {
    const sleeper = '  test "s" do\n    Process.sleep(1)\n  end\n';
    const tagged = (above: string) => blanked(mod(`${sleeper}\n${above}  test "a" do\n    assert 1\n  end\n`));
    const quiet = 'test "a" do\n    assert 1\n  end';
    expect(tagged('  @tag :slow\n')).toEqual([`@tag :slow\n  ${quiet}`]);
    expect(tagged('  @tag :slow\n  # why it is slow\n\n  @tag(timeout: 1_000)\n')).toEqual([`@tag :slow\n  # why it is slow\n\n  @tag(timeout: 1_000)\n  ${quiet}`]);
    expect(tagged('  @tag role: "admin",\n       policies: [\n         :read\n       ]\n')).toEqual([`@tag role: "admin",\n       policies: [\n         :read\n       ]\n  ${quiet}`]);
    expect(tagged('  @tag fields:\n         "id INT"\n')).toEqual([`@tag fields:\n         "id INT"\n  ${quiet}`]);
    const heredocTag = '@tag sql: [\n         """\n         CREATE TABLE t (\n           id INT\n         )\n         # not a comment\n         """,\n         "INSERT INTO t"\n       ]';
    expect(tagged(`  ${heredocTag}\n`)).toEqual([`${heredocTag}\n  ${quiet}`]);
    for (const other of ['  @ttl 100\n', '  @tags [:a]\n', '  @tag_name :x\n', '  @tag :slow\n  @ttl 100\n']) {
      expect(tagged(other), other).toEqual([quiet]);
    }
  });

  it('leaves out neighbouring tests as one range over blank lines and comments, not over other statements', () => {
    const source = mod(
      '  test "a" do\n    assert 1\n  end\n\n  # b next\n  test "b" do\n    assert 2\n  end\n\n  setup do\n    :ok\n  end\n\n' +
        '  test "c" do\n    assert 3\n  end\n\n  test "d" do\n    Process.sleep(1)\n  end\n',
    );
    expect(blanked(source)).toEqual(['test "a" do\n    assert 1\n  end\n\n  # b next\n  test "b" do\n    assert 2\n  end', 'test "c" do\n    assert 3\n  end']);
  });

  it('keeps tests whose candidate is only in a comment, a string, an alias call or a tag, and tests inside expressions', () => {
    for (const body of ['# sleep a bit', 'assert msg == "sleep"', 'T.sleep(1)', 'receive do\n      after 10 -> :ok\n    end', 'receive do\n      :never_sent -> :ok\n    after\n      10 -> :ok\n    end']) {
      expect(blanked(mod(`  test "a" do\n    ${body}\n  end\n`))).toEqual([]);
    }
    expect(blanked(mod('  @tag :sleepy\n  test "a" do\n    assert 1\n  end\n'))).toEqual([]);
    expect(blanked(mod('  x = [\n    test "a" do\n      assert 1\n    end]\n'))).toEqual([]);
    expect(blanked(mod('  test "a" do\n    assert 1\n  end |> wrap()\n'))).toEqual([]);
  });

  it('is not fooled by block words inside strings, heredocs, sigils, comments, atoms and char literals', () => {
    const tricky = [
      'x = "do end fn"',
      'x = """\n    end\n    """',
      "x = ~s(end)",
      'x = ~r/do|end/i',
      'x = ~S"""\n    do\n    """',
      '# end',
      'x = [do: 1, end: 2]',
      'x = :end',
      'x = ?"',
      'x = ?#',
      'x = "#{if y do 1 else 2 end}"',
      'x = fn -> :ok end',
      'x = range.end',
      "x = 'end'",
    ];
    for (const line of tricky) {
      const source = mod(`  test "a" do\n    ${line}\n    assert x\n  end\n\n  @ttl 100\n  test "b" do\n    Process.sleep(@ttl)\n  end\n`);
      const skeleton = skeletonOf(source);
      expect(skeleton, line).not.toBeNull();
      expect(blanked(source), line).toEqual([`test "a" do\n    ${line}\n    assert x\n  end`]);
      // The attribute between the tests stays code.
      const ttl = source.indexOf('@ttl 100');
      expect(skeleton!.regions.every((r) => r.end <= ttl), line).toBe(true);
    }
  });

  it('gives up on what it cannot pair, and leaves one-line and keyword tests alone', () => {
    expect(skeletonOf(mod('  test "a" do\n    x = "unterminated\n  end\n'))).toBeNull();
    expect(skeletonOf(mod('  test "a" do\n    foo(\n  end\n  end\n'))).toBeNull();
    expect(skeletonOf(mod('  test "a", do: assert(1)\n  test "b" do assert 1 end\n'))).toBeNull();
    expect(skeletonOf(mod('  test "é" do\n    café = 1\n    assert café\n  end\n'))).not.toBeNull();
    expect(skeletonOf(mod('  test "a" do\n    doé = 1\n  end\n'))).toBeNull();
  });

  it('parses a skeleton only when every region left out is directly a body; node text is the real source', () => {
    const source = mod('  test "a" do\n    assert 1 == 1\n  end\n\n  test "b" do\n    Process.sleep(10)\n  end\n');
    const { tree, leftOut } = parseForReport(source);
    expect(leftOut).toEqual(skeletonOf(source)!.regions);
    expect(tree.rootNode.text).toBe(source);
    expect(tree.rootNode.hasError).toBe(false);
    const sleep = tree.rootNode.descendantForIndex(source.indexOf('Process'));
    expect(sleep.startPosition).toEqual({ row: source.slice(0, source.indexOf('Process')).split('\n').length - 1, column: 4 });
  });
});

/** Every node as type, span and start and end points, in one string each. */
function nodesOf(tree: Tree): string[] {
  const out: string[] = [];
  const cursor = tree.walk();
  for (;;) {
    const node: SyntaxNode = cursor.currentNode;
    const { startPosition: s, endPosition: e } = node;
    out.push(`${node.type} ${node.startIndex}-${node.endIndex} ${s.row}:${s.column}-${e.row}:${e.column}`);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return out;
    }
  }
}

describe('the partial tree', () => {
  it('is refused when a region is not whole statements of a block, or leaves a `@tag` behind', () => {
    const source = mod('  @tag :slow\n  test "a" do\n    x = fn ->\n      1\n    end\n    assert x.()\n  end\n\n  test "b" do\n    Process.sleep(1)\n  end\n');
    const region = skeletonOf(source)!.regions[0]!;
    expect(source.slice(region.start, region.end)).toMatch(/^@tag :slow\n  test "a" do[^]*\n  end$/);
    expect(parseSkeleton(source, { regions: [region] })).not.toBeNull();
    // Cut so a statement reaches over the region's edge: inside the `fn`, or before the test's `end`.
    expect(parseSkeleton(source, { regions: [{ ...region, start: source.indexOf('1\n    end') }] })).toBeNull();
    expect(parseSkeleton(source, { regions: [{ ...region, end: source.indexOf('->') }] })).toBeNull();
    // The test without its tag: the tag would seem to be the next test's.
    expect(parseSkeleton(source, { regions: [{ ...region, start: source.indexOf('test "a"') }] })).toBeNull();
  });

  const FIXTURES = join(import.meta.dirname, '../../fixtures/classify');
  const crafted = [
    // Multi-byte characters and CRLF line ends before, inside and after the bodies left out.
    mod('  test "é ü 😀" do\r\n    café = "😀😀"\r\n    assert café\r\n  end\r\n\r\n  test "b" do\r\n    Process.sleep(10) # ⏰\r\n  end\r\n'),
    mod('\ttest "tabs" do\n\t\tassert "naïve" <> "😀"\n\tend\n\n\tdescribe "d" do\n\t\ttest "x" do\n\t\t\t:ok\n\t\tend\n\tend\n\n\ttest "s" do\n\t\t:timer.sleep(5)\n\tend\n'),
    mod('  @tag :slow\r\n  @tag role: "é",\r\n       ttl: 1\r\n  test "a" do\r\n    assert 1\r\n  end\r\n  # next\r\n  test "b" do\r\n    Process.sleep(1)\r\n  end\r\n'),
    mod('  test "a" do # the do line keeps its comment\n    assert 1\n  end\n\n  test "b" do\n    Process.sleep(1)\n  end\n'),
  ];
  const sources = [...readdirSync(FIXTURES).filter((f) => f.endsWith('.exs')).map((f) => readFileSync(join(FIXTURES, f), 'utf8')), ...crafted];

  it('is the whole tree less the tests left out: every node it has, the whole tree has at the same offsets, rows and columns', () => {
    let partials = 0;
    for (const source of sources) {
      const { tree, leftOut } = parseForReport(source);
      if (leftOut.length === 0) continue;
      partials++;
      const whole = new Set(nodesOf(parseElixir(source)));
      const missing = nodesOf(tree).filter((node) => !whole.has(node));
      expect(missing, source.slice(0, 80)).toEqual([]);
      // And what is left out is exactly the regions: no node starts inside one.
      const regions = skeletonOf(source)!.regions;
      const inside = nodesOf(tree).filter((node) => {
        const start = Number(node.split(' ')[1]!.split('-')[0]);
        return regions.some((r) => start >= r.start && start < r.end);
      });
      expect(inside).toEqual([]);
    }
    expect(partials).toBeGreaterThanOrEqual(crafted.length + 5);
  });

  it('names as left out the lines that start inside a region, where the tree shows only the block around the gap', () => {
    let lines = 0;
    for (const source of sources) {
      const { tree, leftOut } = parseForReport(source);
      const file = new SourceFile('test/t_test.exs', source, tree, false, leftOut);
      const spans = file.linesLeftOut;
      const named = new Set<number>();
      for (let i = 0; i < spans.length; i += 2) for (let line = spans[i]!; line <= spans[i + 1]!; line++) named.add(line);
      const expected = new Set<number>();
      for (let line = 1; line <= file.lineCount; line++) {
        const text = file.rawLine(line);
        if (text.trim() === '') continue;
        const at = file.lineOffset(line) + (text.length - text.trimStart().length);
        if (leftOut.some((r) => at >= r.start && at < r.end)) expected.add(line);
      }
      // Blank lines inside a region may be named or not; every other line exactly when it starts inside one.
      for (const line of named) if (file.rawLine(line).trim() === '') expected.add(line);
      expect([...named].sort((a, b) => a - b), source.slice(0, 80)).toEqual([...expected].sort((a, b) => a - b));
      for (const line of named) {
        const text = file.rawLine(line);
        if (text.trim() === '') continue;
        expect(tree.rootNode.descendantForIndex(file.lineOffset(line) + (text.length - text.trimStart().length)).type).toBe('do_block');
      }
      lines += named.size;
    }
    expect(lines).toBeGreaterThan(100);
  });

  it('on generated modules: is the whole tree less the regions, never leaves out a sleep, and gives the whole-tree report', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sleepless-skeleton-'));
    mkdirSync(join(root, 'test'));
    // Registered inside the test, so it must be the test's own hook: an afterAll here never ran.
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    let partials = 0;
    await fc.assert(
      fc.asyncProperty(moduleArb, async (plan) => {
        const { source, sleeps } = render(plan);
        const { tree, leftOut: regions } = parseForReport(source);
        if (regions.length === 0) return;
        partials++;
        const whole = new Set(nodesOf(parseElixir(source)));
        expect(nodesOf(tree).filter((node) => !whole.has(node))).toEqual([]);
        expect(sleeps.filter((at) => regions.some((r) => at >= r.start && at < r.end))).toEqual([]);
        writeFileSync(join(root, 'test/generated_test.exs'), source);
        const paths = [root];
        expect((await scan({ root, paths, reportOnly: true })).report).toEqual((await scan({ root, paths })).report);
      }),
      { seed: 20_261_128, numRuns: 60 },
    );
    // Most generated modules hold a quiet test or describe to leave out.
    expect(partials).toBeGreaterThan(20);
  });
});

describe('reports from the skeleton', () => {
  it('are the reports from whole trees, on every fixture', async () => {
    const root = join(import.meta.dirname, '../../fixtures');
    const paths = [join(root, 'classify'), join(root, 'sample_app')];
    const whole = await scan({ root, paths });
    const partial = await scan({ root, paths, reportOnly: true });
    expect(partial.report.findings.length).toBeGreaterThan(50);
    expect(partial.report).toEqual(whole.report);
  });
});
