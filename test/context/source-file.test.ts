// The file-wide facts a SourceFile reads off its text: what an unqualified call may be imported as.
import { describe, expect, it } from 'vitest';
import { parseElixir } from '../../src/parse/parser.js';
import { SourceFile } from '../../src/context/source-file.js';

function file(source: string): SourceFile {
  return new SourceFile('test/a_test.exs', source, parseElixir(source), false);
}

describe('importsFor', () => {
  const source = [
    'defmodule Relay.RoutesTest do',
    '  use ExUnit.Case',
    '  alias Relay.Cluster',
    '  import ExUnit.CaptureLog',
    '  import Relay.Routes,',
    '    only: [',
    '      join: 3,',
    '      get_route: 2',
    '    ]',
    '  import Cluster',
    'end',
  ].join('\n');

  it('lists every import whose only: list, if any, names the function with that arity, aliases resolved', () => {
    expect(file(source).importsFor('join', 3)).toEqual(['ExUnit.CaptureLog', 'Relay.Routes', 'Relay.Cluster']);
    expect(file(source).importsFor('get_route', 2)).toEqual(['ExUnit.CaptureLog', 'Relay.Routes', 'Relay.Cluster']);
  });

  it('leaves out an only: list that names the function with another arity, or not at all', () => {
    expect(file(source).importsFor('join', 2)).toEqual(['ExUnit.CaptureLog', 'Relay.Cluster']);
    expect(file(source).importsFor('add_route', 3)).toEqual(['ExUnit.CaptureLog', 'Relay.Cluster']);
  });

  it('finds nothing in a file that imports nothing, nor in an import written inside a string or comment', () => {
    expect(file('defmodule ATest do\n  use ExUnit.Case\nend').importsFor('join', 3)).toEqual([]);
    expect(file('defmodule ATest do\n  # import Relay.Routes\nend').importsFor('join', 3)).toEqual([]);
  });
});

describe('resolveAlias', () => {
  it('expands an alias written through an earlier one, as Elixir does (elixir-chatbot: alias Brain.Analysis, then alias Analysis.{…})', () => {
    const source = ['defmodule Brain.StoreTest do', '  alias Brain.Analysis', '  alias Analysis.{HeuristicStore, Judge}', '  alias Analysis.Scorer, as: S', 'end'].join('\n');
    expect(file(source).resolveAlias('HeuristicStore.put')).toBe('Brain.Analysis.HeuristicStore.put');
    expect(file(source).resolveAlias('Judge')).toBe('Brain.Analysis.Judge');
    expect(file(source).resolveAlias('S')).toBe('Brain.Analysis.Scorer');
    expect(file(source).resolveAlias('Analysis')).toBe('Brain.Analysis');
  });
});
