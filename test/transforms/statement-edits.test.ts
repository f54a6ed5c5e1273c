// The statement-level edits transforms share: removing, replacing and inserting whole statements
// the way `mix format` would leave them (blank lines, trailing comments, setup results).
import { describe, expect, it } from 'vitest';
import { parseElixir, type SyntaxNode } from '../../src/parse/parser.js';
import { enclosingStatement } from '../../src/parse/nodes.js';
import { EditRecorder } from '../../src/edit/edits.js';
import { applyEdits } from '../../src/edit/apply.js';
import { endsSetup, insertStatementsBefore, needsBlankAfter, needsBlankBefore, removeStatement, rewriteStatement } from '../../src/transform/statement-edits.js';
import { freshName } from '../../src/transform/names.js';

function statementAt(source: string, text: string): SyntaxNode {
  const tree = parseElixir(source);
  const at = source.indexOf(text);
  if (at < 0) throw new Error(`${text} not in source`);
  return enclosingStatement(tree.rootNode.descendantForIndex(at, at + 1));
}

function run(source: string, edit: (recorder: EditRecorder) => boolean): string {
  const recorder = new EditRecorder('site');
  expect(edit(recorder)).toBe(true);
  return applyEdits(source, recorder.edits).output;
}

const test = (body: string) => `defmodule A do\n  test "x" do\n${body}  end\nend\n`;

describe('removeStatement', () => {
  it('takes the blank line after a statement that opened its block', () => {
    const source = test('    Process.sleep(10)\n\n    assert x\n');
    expect(run(source, (e) => removeStatement(e, source, statementAt(source, 'Process')))).toBe(test('    assert x\n'));
  });

  it('takes the blank line before a statement that closed its block', () => {
    const source = test('    assert x\n\n    Process.sleep(10)\n');
    expect(run(source, (e) => removeStatement(e, source, statementAt(source, 'Process')))).toBe(test('    assert x\n'));
  });

  it('leaves one blank line where it sat between two', () => {
    const source = test('    a()\n\n    Process.sleep(10)\n\n    assert x\n');
    expect(run(source, (e) => removeStatement(e, source, statementAt(source, 'Process')))).toBe(test('    a()\n\n    assert x\n'));
  });

  it('keeps its trailing comment on a line of its own', () => {
    const source = test('    a()\n    Process.sleep(10) # settle\n    assert x\n');
    expect(run(source, (e) => removeStatement(e, source, statementAt(source, 'Process')))).toBe(test('    a()\n    # settle\n    assert x\n'));
  });

  it('leaves :ok where the block returns the value, unless told the value is unused', () => {
    const source = 'Enum.each(1..3, fn _ ->\n  send(pid, :tick)\n  Process.sleep(10)\nend)\n';
    expect(run(source, (e) => removeStatement(e, source, statementAt(source, 'Process')))).toBe('Enum.each(1..3, fn _ ->\n  send(pid, :tick)\n  :ok\nend)\n');
    expect(run(source, (e) => removeStatement(e, source, statementAt(source, 'Process'), { valueUnused: true }))).toBe('Enum.each(1..3, fn _ ->\n  send(pid, :tick)\nend)\n');
  });

  it('refuses a statement that shares its line', () => {
    const source = test('    a(); Process.sleep(10)\n');
    expect(removeStatement(new EditRecorder('site'), source, statementAt(source, 'Process'))).toBe(false);
  });
});

describe('rewriteStatement', () => {
  const multi = 'wait_for(\n  fn -> ok?() end,\n  500\n)';

  it('puts blank lines around a statement that becomes multi-line', () => {
    const source = test('    a()\n    Process.sleep(10)\n    assert x\n');
    expect(run(source, (e) => rewriteStatement(e, source, statementAt(source, 'Process'), [multi]))).toBe(
      test('    a()\n\n    wait_for(\n      fn -> ok?() end,\n      500\n    )\n\n    assert x\n'),
    );
  });

  it('adds none at the start or end of a block, nor where they already are', () => {
    const source = test('    Process.sleep(10)\n\n    assert x\n');
    expect(run(source, (e) => rewriteStatement(e, source, statementAt(source, 'Process'), [multi]))).toBe(
      test('    wait_for(\n      fn -> ok?() end,\n      500\n    )\n\n    assert x\n'),
    );
  });

  it('moves a trailing comment above, where mix format puts it, with no blank line between', () => {
    const source = test('    a()\n    Process.sleep(10) # why\n    assert x\n');
    expect(run(source, (e) => rewriteStatement(e, source, statementAt(source, 'Process'), [multi]))).toBe(
      test('    a()\n    # why\n    wait_for(\n      fn -> ok?() end,\n      500\n    )\n\n    assert x\n'),
    );
  });

  it('separates statements it writes the way mix format does', () => {
    const source = test('    Process.sleep(10)\n');
    expect(run(source, (e) => rewriteStatement(e, source, statementAt(source, 'Process'), ['a()', multi, 'b()']))).toBe(
      test('    a()\n\n    wait_for(\n      fn -> ok?() end,\n      500\n    )\n\n    b()\n'),
    );
  });

  it('does not count a statement the same rewrite removes as a neighbour', () => {
    const source = test('    a()\n    Process.sleep(10)\n    {:ok, x} = f()\n    assert x\n');
    const sleep = statementAt(source, 'Process');
    const match = statementAt(source, '{:ok');
    expect(needsBlankBefore(source, match, sleep)).toBe(true);
    expect(needsBlankAfter(source, match)).toBe(true);
    const spaced = test('    a()\n\n    Process.sleep(10)\n    {:ok, x} = f()\n\n    assert x\n');
    expect(needsBlankBefore(spaced, statementAt(spaced, '{:ok'), statementAt(spaced, 'Process'))).toBe(false);
    expect(needsBlankAfter(spaced, statementAt(spaced, '{:ok'))).toBe(false);
  });
});

describe('insertStatementsBefore', () => {
  it('inserts lines at the statement\'s indentation, keeping CRLF', () => {
    const source = test('    Process.exit(pid, :kill)\n').replace(/\n/g, '\r\n');
    expect(run(source, (e) => insertStatementsBefore(e, source, statementAt(source, 'Process'), ['ref = Process.monitor(pid)']))).toBe(
      test('    ref = Process.monitor(pid)\n    Process.exit(pid, :kill)\n').replace(/\n/g, '\r\n'),
    );
  });

  it('refuses a statement that does not start its line', () => {
    const source = test('    a(); Process.exit(pid, :kill)\n');
    expect(insertStatementsBefore(new EditRecorder('site'), source, statementAt(source, 'Process'), ['x()'])).toBe(false);
  });
});

describe('endsSetup', () => {
  it('is true only for the last statement of setup / setup_all', () => {
    const source = 'defmodule A do\n  setup do\n    a()\n    Process.sleep(10)\n  end\n\n  test "x" do\n    Process.sleep(5)\n  end\nend\n';
    expect(endsSetup(statementAt(source, 'Process.sleep(10)'))).toBe(true);
    expect(endsSetup(statementAt(source, 'a()'))).toBe(false);
    expect(endsSetup(statementAt(source, 'Process.sleep(5)'))).toBe(false);
  });
});

describe('freshName', () => {
  it('skips names used as variables, not words in strings or fields', () => {
    const source = 'test "returns the result" do\n  ref = make_ref()\n  assert job.result == 1\nend\n';
    const unit = parseElixir(source).rootNode;
    expect(freshName(unit, 'ref')).toBe('ref2');
    expect(freshName(unit, 'result')).toBe('result');
    expect(freshName(unit, 'pid', new Set(['pid']))).toBe('pid2');
  });
});
