// buildContext takes shortcuts past statements it need not materialise (tags read only where the
// text names them, `use …Case` found sibling by sibling). Each shortcut must still see what is there.
import { describe, expect, it } from 'vitest';
import { parseElixir } from '../../src/parse/parser.js';
import { findSites } from '../../src/sites/find-sites.js';
import { buildContext } from '../../src/context/site-context.js';
import { SourceFile } from '../../src/context/source-file.js';

function contexts(source: string) {
  const tree = parseElixir(source);
  const file = new SourceFile('test/a_test.exs', source, tree, false);
  return findSites(source, tree).sites.map((site) => buildContext(file, site));
}

describe('site context', () => {
  it('reads module, describe and test tags, and only those', () => {
    const [tagged, untagged] = contexts(
      [
        'defmodule ATest do',
        '  @moduledoc "tags: none here"',
        '  alias My.Helper',
        '  use ExUnit.Case',
        '  @moduletag :slow',
        '  describe "tagged" do',
        '    @describetag :ttl',
        '    @tag :rate',
        '    # a comment between the tag and its test',
        '    test "a" do',
        '      Process.sleep(10)',
        '    end',
        '  end',
        '  describe "plain" do',
        '    test "b" do',
        '      Process.sleep(20)',
        '    end',
        '  end',
        'end',
      ].join('\n'),
    );
    expect(tagged!.tags).toEqual([':rate', ':ttl', ':slow']);
    expect(untagged!.tags).toEqual([':slow']);
    expect(tagged!.isTestCaseModule).toBe(true);
  });

  it('names a test or describe written as a heredoc as ExUnit does: indentation of the closing quotes gone, a newline at the end', () => {
    const [site] = contexts(
      [
        'defmodule ATest do',
        '  use ExUnit.Case',
        '  describe """',
        '           uploads',
        '           """ do',
        '    test """',
        '         a media upload that times out',
        '           is retried\t(#{:once})',
        '         """ do',
        '      Process.sleep(10)',
        '    end',
        '  end',
        'end',
      ].join('\n'),
    );
    expect(site!.describe).toBe('uploads\n');
    expect(site!.test).toBe('a media upload that times out\n  is retried\t(#{:once})\n');
  });

  it('finds `use …Case` wherever it stands in the module body, and not a `use` of something else', () => {
    const late = contexts(['defmodule BTest do', '  alias A.B', '  import C', '  @x 1', '  use MyApp.DataCase', '  test "t" do', '    Process.sleep(5)', '  end', 'end'].join('\n'));
    expect(late[0]!.isTestCaseModule).toBe(true);
    const none = contexts(['defmodule Helper do', '  use GenServer', '  def f do', '    Process.sleep(5)', '  end', 'end'].join('\n'));
    expect(none[0]!.isTestCaseModule).toBe(false);
  });

  it('takes no tag from a module or describe that only mentions the word', () => {
    const [site] = contexts(['defmodule CTest do', '  use ExUnit.Case', '  # no @moduletag here', '  test "moduletag" do', '    Process.sleep(5)', '  end', 'end'].join('\n'));
    expect(site!.tags).toEqual([]);
  });

  it('names what an anonymous function around the sleep is handed to or bound to, innermost first', () => {
    const sites = contexts(
      [
        'defmodule DTest do',
        '  use ExUnit.Case',
        '  test "handed, bound, kept" do',
        '    Task.async(fn -> Process.sleep(1) end)',
        '    slow_job = fn -> Process.sleep(2) end',
        '    handlers = %{run: fn -> Process.sleep(3) end}',
        '    spawn(fn -> job = fn -> Process.sleep(4) end; job.() end)',
        '  end',
        'end',
      ].join('\n'),
    );
    expect(sites.map((c) => [c.runsIn, c.handedTo, c.boundTo])).toEqual([
      ['spawned', 'Task.async', null],
      ['handed_fn', null, 'slow_job'],
      ['handed_fn', null, null],
      ['handed_fn', null, 'job'],
    ]);
  });
});
