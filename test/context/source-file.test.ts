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
