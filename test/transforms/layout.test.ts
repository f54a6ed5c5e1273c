// Layout of the shapes the transforms write, and the conditions they copy from assertions. The
// Elixir suite (test/elixir) checks the same shapes against the real `mix format`.
import { describe, expect, it } from 'vitest';
import { parseElixir, type SyntaxNode } from '../../src/parse/parser.js';
import { enclosingStatement } from '../../src/parse/nodes.js';
import { callText, fnFirstCall, ifText, joinStatements, nodeText } from '../../src/transform/layout.js';
import { allOf, assertionCondition, patternText, patternVariables } from '../../src/transform/conditions.js';

function statementAt(source: string, text: string): SyntaxNode {
  const at = source.indexOf(text);
  return enclosingStatement(parseElixir(source).rootNode.descendantForIndex(at, at + 1));
}

function condition(statement: string): string {
  const source = `    ${statement}\n`;
  const result = assertionCondition(source, statementAt(source, statement.slice(0, 6)));
  return 'reason' in result ? `reason: ${result.reason}` : result.condition.text;
}

describe('fnFirstCall', () => {
  it('stays on one line when it fits', () => {
    expect(fnFirstCall('wait_for', 'ok?()', ['500'], 4)).toBe('wait_for(fn -> ok?() end, 500)');
  });

  it('puts each argument on its own line when the call does not fit, the fn on one line when that fits', () => {
    const body = 'Cache.size(cache) == 1 and Cache.get(cache, :some_long_key) == :some_value';
    expect(fnFirstCall('wait_for', body, ['500'], 4)).toBe(`wait_for(\n  fn -> ${body} end,\n  500\n)`);
  });

  it('breaks the fn body onto its own lines when it is multi-line or too long', () => {
    expect(fnFirstCall('poll_with_timeout', 'a = f()\nif a, do: a, else: :continue', ['500', '10'], 4)).toBe(
      'poll_with_timeout(\n  fn ->\n    a = f()\n    if a, do: a, else: :continue\n  end,\n  500,\n  10\n)',
    );
  });
});

describe('callText', () => {
  it('keeps the call form it was written in', () => {
    expect(callText('assert_receive', ['{:ok, _}', '500'], false, 4)).toBe('assert_receive {:ok, _}, 500');
    expect(callText('assert_receive', ['{:ok, _}', '500'], true, 4)).toBe('assert_receive({:ok, _}, 500)');
  });

  it('aligns broken no-parens arguments after the name, and breaks parens arguments one per line', () => {
    const long = `{:event, ${'x'.repeat(80)}}`;
    expect(callText('assert_receive', [long, '500'], false, 4)).toBe(`assert_receive ${long},\n               500`);
    expect(callText('assert_receive', [long, '500'], true, 4)).toBe(`assert_receive(\n  ${long},\n  500\n)`);
  });
});

describe('ifText and joinStatements', () => {
  it('uses the keyword form when it fits, the block form otherwise', () => {
    expect(ifText('ok?(r)', 'r', ':continue', 10)).toBe('if ok?(r), do: r, else: :continue');
    expect(ifText(`ok?(${'r'.repeat(80)})`, 'r', ':continue', 10)).toBe(`if ok?(${'r'.repeat(80)}) do\n  r\nelse\n  :continue\nend`);
  });

  it('separates a multi-line statement from its neighbours by a blank line', () => {
    expect(joinStatements(['a()', 'b()'])).toBe('a()\nb()');
    expect(joinStatements(['a()', 'if x do\n  y\nend', 'b()'])).toBe('a()\n\nif x do\n  y\nend\n\nb()');
  });
});

describe('nodeText', () => {
  it('re-bases continuation lines to the node\'s own column', () => {
    const source = '    assert Enum.any?(xs, fn x ->\n             x > 1\n           end)\n';
    const statement = statementAt(source, 'assert');
    const argument = statement.namedChildren.find((c) => c.type === 'arguments')!.namedChildren[0]!;
    expect(nodeText(source, argument)).toBe('Enum.any?(xs, fn x ->\n  x > 1\nend)');
  });

  it('refuses a node with a multi-line string, whose content re-indenting would change', () => {
    const source = '    assert f() == """\n           text\n           """\n';
    expect(nodeText(source, statementAt(source, 'assert'))).toBeNull();
  });
});

describe('assertionCondition', () => {
  it('takes what assert checks, without a failure message', () => {
    expect(condition('assert Cache.size(cache) == 1, "cache empty"')).toBe('Cache.size(cache) == 1');
  });

  it('negates a refute with ! (any value, as refute accepts), in parentheses unless it is a call or variable', () => {
    expect(condition('refute Process.alive?(pid)')).toBe('!Process.alive?(pid)');
    expect(condition('refute done')).toBe('!done');
    expect(condition('refute a == b')).toBe('!(a == b)');
    expect(condition('refute x in [1, 2]')).toBe('!(x in [1, 2])');
  });

  it('turns a pattern assertion into match?/2 whose single bindings are underscored', () => {
    expect(condition('assert {:ok, %{id: id}} = Repo.get(x)')).toBe('match?({:ok, %{id: _id}}, Repo.get(x))');
    expect(condition('assert {a, a, ^b, _c} = pair()')).toBe('match?({a, a, ^b, _c}, pair())');
    expect(condition('assert user = Repo.get(x)')).toBe('Repo.get(x)');
    expect(condition('refute {:ok, _} = f()')).toMatch(/^reason: /);
  });

  it('joins several with &&, wrapping loose operands', () => {
    expect(allOf([{ text: 'a == 1', loose: false }, { text: 'b || c', loose: true }]).text).toBe('a == 1 && (b || c)');
  });
});

describe('patternText', () => {
  it('keeps the variables asked for and underscores the rest', () => {
    const source = '{:ok, %{state: state, rows: rows} = job} = f()\n';
    const pattern = statementAt(source, '{:ok').childForFieldName('left')!;
    expect(patternVariables(pattern).sort()).toEqual(['job', 'rows', 'state']);
    expect(patternText(source, pattern, new Set(['state']))).toBe('{:ok, %{state: state, rows: _rows} = _job}');
  });
});
