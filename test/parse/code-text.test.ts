// codeText (parse/nodes.ts): a node's text with its comments blanked, for tests that look for calls
// in code. What must hold: the same length (offsets into it are offsets into the node), every
// comment gone, and everything else, `#` inside strings and interpolations included, as written.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeText } from '../../src/parse/nodes.js';
import { parseElixir, type SyntaxNode } from '../../src/parse/parser.js';

function defNamed(source: string, name: string): SyntaxNode {
  const found = parseElixir(source)
    .rootNode.descendantsOfType('call')
    .find((call) => new RegExp(`^defp? ${name}\\b`).test(call.text));
  if (!found) throw new Error(`no def ${name}`);
  return found;
}

describe('codeText', () => {
  it('blanks a comment that names the function, and keeps the code', () => {
    const source = ['defmodule M do', '  defp warm(x) do', '    # let warm finish', '    Process.sleep(200)', '    x', '  end', 'end', ''].join('\n');
    const def = defNamed(source, 'warm');
    const code = codeText(def);
    expect(code).toHaveLength(def.text.length);
    expect(code).not.toContain('let warm finish');
    expect(code).toContain('Process.sleep(200)');
    expect(code.replace(/ +/g, ' ')).toBe(def.text.replace('# let warm finish', '').replace(/ +/g, ' '));
  });

  it('keeps a `#` that is not a comment: in a string, an interpolation, a charlist', () => {
    const source = ['defmodule M do', '  def tag(x) do', '    "#{x}-#1" <> ~s(#x) <> List.to_string(~c"#") # trailing', '  end', 'end', ''].join('\n');
    const def = defNamed(source, 'tag');
    const code = codeText(def);
    expect(code).toContain('"#{x}-#1" <> ~s(#x) <> List.to_string(~c"#")');
    expect(code).not.toContain('trailing');
  });

  it('has the same length as the text, and only comments change, for any comment text', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z ]{0,20}$/), { minLength: 1, maxLength: 5 }), (words) => {
        const lines = words.flatMap((word, i) => [`    # ${word}`, `    step(${i})`]);
        const source = ['defmodule M do', '  def run do', ...lines, '  end', 'end', ''].join('\n');
        const def = defNamed(source, 'run');
        const code = codeText(def);
        expect(code).toHaveLength(def.text.length);
        expect(code).not.toContain('#');
        for (let i = 0; i < words.length; i++) expect(code).toContain(`step(${i})`);
      }),
      { numRuns: 50 },
    );
  });
});
