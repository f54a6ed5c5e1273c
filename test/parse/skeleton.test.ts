// The report parse (parse/skeleton.ts): test and describe bodies without a candidate become blank
// string placeholders of the same shape. What must hold: offsets, rows and columns never move;
// a body that holds a candidate is never blanked; anything the lexer is unsure of leaves the
// file whole; and a report made this way is the report made from whole trees.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { skeletonOf } from '../../src/parse/skeleton.js';
import { parseForReport } from '../../src/parse/parser.js';
import { scan } from '../../src/scan/scan.js';

const mod = (body: string) => `defmodule T do\n  use ExUnit.Case\n\n${body}\nend\n`;

function blanked(source: string): string[] {
  const skeleton = skeletonOf(source);
  return skeleton ? skeleton.regions.map((r) => source.slice(r.start, r.end)) : [];
}

describe('skeletonOf', () => {
  it('blanks the bodies of tests without a candidate, keeping every offset and line', () => {
    const source = mod('  test "a", ctx do\n    x = 1\n    assert x == 1\n  end\n\n  test "b" do\n    Process.sleep(10)\n  end\n');
    const skeleton = skeletonOf(source)!;
    expect(skeleton.text.length).toBe(source.length);
    expect(skeleton.text.split('\n').length).toBe(source.split('\n').length);
    expect(blanked(source)).toEqual(['x = 1\n    assert x == 1']);
    expect(skeleton.text).toContain('  test "a", ctx do\n    "    \n                \"\n  end');
    expect(skeleton.text).toContain('Process.sleep(10)');
  });

  it('blanks a describe whole when none of its tests holds a candidate, else its tests one by one', () => {
    const source = mod(
      '  describe "quiet" do\n    setup do\n      :ok\n    end\n\n    test "a" do\n      assert 1\n    end\n  end\n\n' +
        '  describe "noisy" do\n    test "b" do\n      assert 2\n    end\n\n    test "c" do\n      :timer.sleep(5)\n    end\n  end\n',
    );
    expect(blanked(source)).toEqual(['setup do\n      :ok\n    end\n\n    test "a" do\n      assert 1\n    end', 'assert 2']);
  });

  it('keeps bodies whose candidate is only in a comment, a string or an alias call', () => {
    for (const body of ['# sleep a bit', 'assert msg == "sleep"', 'T.sleep(1)', 'receive do\n      after 10 -> :ok\n    end']) {
      expect(blanked(mod(`  test "a" do\n    ${body}\n  end\n`))).toEqual([]);
    }
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
      expect(blanked(source), line).toEqual([`${line}\n    assert x`]);
      // The attribute between the tests stays code.
      expect(skeleton!.text, line).toContain('  @ttl 100\n');
    }
  });

  it('gives up on what it cannot pair, and leaves one-line and keyword tests alone', () => {
    expect(skeletonOf(mod('  test "a" do\n    x = "unterminated\n  end\n'))).toBeNull();
    expect(skeletonOf(mod('  test "a" do\n    foo(\n  end\n  end\n'))).toBeNull();
    expect(skeletonOf(mod('  test "a", do: assert(1)\n  test "b" do assert 1 end\n'))).toBeNull();
    expect(skeletonOf(mod('  test "é" do\n    café = 1\n    assert café\n  end\n'))).not.toBeNull();
    expect(skeletonOf(mod('  test "a" do\n    doé = 1\n  end\n'))).toBeNull();
  });

  it('parses a skeleton only when every placeholder is exactly a body; node text is the real source', () => {
    const source = mod('  test "a" do\n    assert 1 == 1\n  end\n\n  test "b" do\n    Process.sleep(10)\n  end\n');
    const { tree, partial } = parseForReport(source);
    expect(partial).toBe(true);
    expect(tree.rootNode.text).toBe(source);
    expect(tree.rootNode.hasError).toBe(false);
    const sleep = tree.rootNode.descendantForIndex(source.indexOf('Process'));
    expect(sleep.startPosition).toEqual({ row: source.slice(0, source.indexOf('Process')).split('\n').length - 1, column: 4 });
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
