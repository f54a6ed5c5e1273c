import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineDirectives } from '../../src/context/line-directives.js';

const USE_OR_IMPORT = /[ \t]*(?:import|use)\s+([A-Z][\w.]*)/y;

function names(source: string): string[] {
  return lineDirectives(source, ['import', 'use'], USE_OR_IMPORT).map((m) => m[1]!);
}

describe('lineDirectives', () => {
  it('finds directives that start a line, in the order of the file, whichever word they use', () => {
    const source = ['defmodule App.StoreTest do', '  use ExUnit.Case', '\timport App.Helpers', '  use App.DataCase', 'end'].join('\n');
    expect(names(source)).toEqual(['ExUnit.Case', 'App.Helpers', 'App.DataCase']);
  });

  it('passes over the word inside a line, inside other words and without a module after it', () => {
    const source = ['x = use App.Nope', '  reuse App.Nope', '  user App.Nope', '  use app', 'import', '  use Real.One'].join('\n');
    expect(names(source)).toEqual(['Real.One']);
  });

  it('takes \\r\\n, a lone \\r and the start of the file as line starts', () => {
    expect(names('use A.B\r\n  import C.D\rimport E')).toEqual(['A.B', 'C.D', 'E']);
  });

  it('never starts a match inside an earlier one', () => {
    // The first match runs over the line break (`\s+`): the second `use` sits inside it.
    const directive = /[ \t]*use\s+(\w+)/y;
    expect(lineDirectives('use\nuse Mod', ['use'], directive).map((m) => [m.index, m[1]])).toEqual([[0, 'use']]);
  });

  it('answers as a multiline regex over the whole text does', () => {
    const line = fc.constantFrom('use App.Case', '  import Helpers', '\tuse  Mix.Tasks', 'x = use Foo', 'reuse Foo', 'use', 'import ', '# use Foo', '', 'use Foo.Bar, async: true', 'importer Foo');
    const breakChar = fc.constantFrom('\n', '\r\n', '\r', '\u2028');
    const text = fc.array(fc.tuple(line, breakChar), { maxLength: 12 }).map((parts) => parts.map(([l, b]) => l + b).join(''));
    fc.assert(
      fc.property(text, (source) => {
        const expected = [...source.matchAll(/^[ \t]*(?:import|use)\s+([A-Z][\w.]*)/gm)].map((m) => m[1]);
        expect(names(source)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
