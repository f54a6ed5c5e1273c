// The helper import goes on a line of its own after the `use …Case` line, and leaves every byte
// of that line where it was: a comment after the `use`, and spaces after it, stay on it.
import { describe, expect, it } from 'vitest';
import { parseElixir } from '../../src/parse/parser.js';
import { helperImportEdit } from '../../src/helpers/imports.js';
import { applyEdits } from '../../src/edit/apply.js';
import { doBlockOf } from '../../src/parse/nodes.js';

function withImport(source: string): string {
  const tree = parseElixir(source);
  const edit = helperImportEdit(tree, doBlockOf(tree.rootNode.namedChildren[0]!)!, 'Shop.WaitHelpers', ['wait_for']);
  expect(edit).not.toBeNull();
  return applyEdits(source, [edit!]).output;
}

const moduleWith = (useLine: string, eol = '\n') => ['defmodule Shop.EchoTest do', useLine, '', '  test "t" do', '    :ok', '  end', 'end', ''].join(eol);

describe('the helper import', () => {
  it('goes on the line after the use', () => {
    expect(withImport(moduleWith('  use ExUnit.Case, async: true'))).toBe(moduleWith('  use ExUnit.Case, async: true\n  import Shop.WaitHelpers, only: [wait_for: 2]'));
  });

  it("leaves a comment after the use on the use's line (honeydew)", () => {
    expect(withImport(moduleWith('  use ExUnit.Case, async: false # shares a queue name'))).toBe(moduleWith('  use ExUnit.Case, async: false # shares a queue name\n  import Shop.WaitHelpers, only: [wait_for: 2]'));
  });

  it("leaves spaces after the use on the use's line, with LF or CRLF endings (craf-elixir)", () => {
    expect(withImport(moduleWith('  use ExUnit.Case, async: true  '))).toBe(moduleWith('  use ExUnit.Case, async: true  \n  import Shop.WaitHelpers, only: [wait_for: 2]'));
    expect(withImport(moduleWith('  use ExUnit.Case, async: true \t', '\r\n'))).toBe(moduleWith('  use ExUnit.Case, async: true \t\r\n  import Shop.WaitHelpers, only: [wait_for: 2]', '\r\n'));
  });
});
