// Properties of the one function that applies recorded edits (src/edit/apply.ts), checked on
// generated sources and edits with a fixed seed so a failure reproduces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, detectEol, indentationAt } from '../../src/edit/apply.js';
import type { Edit } from '../../src/edit/edits.js';

const RUNS = { seed: 20_261_128, numRuns: 300 } as const;

/** Elixir-ish lines: indentation, code characters, sometimes a comment; no line endings inside. */
const lineArb = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.stringMatching(/^[a-z_(){}:, ."#=|>0-9]{0,30}$/))
  .map(([depth, text]) => `${'  '.repeat(depth)}${text}`);

const sourceArb = fc
  .tuple(fc.array(lineArb, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, finalEol]) => lines.join(eol) + (finalEol ? eol : ''));

/** Replacement text: one line, or several joined with '\n' (the contract) and sometimes '\r\n' (text copied from a CRLF file). */
const textArb = fc.oneof(
  fc.stringMatching(/^[a-z_():, ]{0,12}$/),
  fc.tuple(fc.array(fc.stringMatching(/^[a-z_():, ]{0,10}$/), { minLength: 2, maxLength: 4 }), fc.constantFrom('\n', '\r\n')).map(([lines, sep]) => lines.join(sep)),
);

interface Spec {
  start: number;
  end: number;
  text: string;
  kind: Edit['kind'];
}

/** Edits at strictly separated places of `source` (no two touch), in source order. */
function separatedEdits(source: string): fc.Arbitrary<Spec[]> {
  return fc
    .uniqueArray(fc.integer({ min: 0, max: source.length }), { minLength: 0, maxLength: 10 })
    .chain((points) => {
      const sorted = [...points].sort((a, b) => a - b);
      const ranges: { start: number; end: number }[] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push({ start: sorted[i]!, end: sorted[i + 1]! });
      // Keep a gap of at least one character between neighbours, and never split a '\r\n'.
      const apart = ranges.filter((r, i) => (i === 0 || r.start > ranges[i - 1]!.end) && !splitsCrlf(source, r.start) && !splitsCrlf(source, r.end));
      return fc.tuple(...apart.map((r) => fc.tuple(textArb, fc.constantFrom<Edit['kind']>('replace', 'insert_before', 'insert_after')).map(([text, kind]) => ({ ...r, end: kind === 'replace' ? r.end : r.start, text, kind }))));
    });
}

function splitsCrlf(source: string, offset: number): boolean {
  return source[offset - 1] === '\r' && source[offset] === '\n';
}

/** What the contract says an edit's text becomes: lines after the first indented like the line the edit starts on, '\n' → the file's EOL. */
function rendered(source: string, spec: Spec): string {
  const eol = detectEol(source);
  const indent = indentationAt(source, spec.start);
  return spec.text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : indent + line))
    .join(eol);
}

function splice(source: string, specs: readonly Spec[]): string {
  let out = '';
  let at = 0;
  for (const spec of specs) {
    out += source.slice(at, spec.start) + rendered(source, spec);
    at = spec.end;
  }
  return out + source.slice(at);
}

function toEdits(specs: readonly Spec[], group: (i: number) => string): Edit[] {
  return specs.map((s, i) => ({ ...s, group: group(i) }));
}

describe('applyEdits', () => {
  it('changes nothing outside the edited spans', () => {
    fc.assert(
      fc.property(sourceArb.chain((source) => fc.tuple(fc.constant(source), separatedEdits(source))), ([source, specs]) => {
        const result = applyEdits(source, toEdits(specs, (i) => `site-${i}`));
        expect(result.output).toBe(splice(source, specs));
        expect(result.dropped).toEqual([]);
      }),
      RUNS,
    );
  });

  it('keeps the file\'s line endings: a CRLF file gets no bare LF, an LF file no CR', () => {
    fc.assert(
      fc.property(sourceArb.chain((source) => fc.tuple(fc.constant(source), separatedEdits(source))), ([source, specs]) => {
        const { output } = applyEdits(source, toEdits(specs, () => 'one-site'));
        if (detectEol(source) === '\r\n') expect(output.split('\r\n').every((part) => !part.includes('\n'))).toBe(true);
        else if (!source.includes('\r')) expect(output.includes('\r')).toBe(false);
      }),
      RUNS,
    );
  });

  it('drops a group whole when any of its edits overlaps an earlier group, and applies the rest', () => {
    const arb = sourceArb
      .filter((s) => s.length >= 6)
      .chain((source) =>
        fc.tuple(
          fc.constant(source),
          separatedEdits(source).filter((specs) => specs.some((s) => s.kind === 'replace' && s.end - s.start >= 2)),
          textArb,
        ),
      );
    fc.assert(
      fc.property(arb, ([source, specs, text]) => {
        const target = specs.find((s) => s.kind === 'replace' && s.end - s.start >= 2)!;
        // The intruder group: one edit inside the target's range, one harmless edit far away.
        const intruder: Edit[] = [
          { start: target.start + 1, end: target.end, text, kind: 'replace', group: 'intruder' },
          { start: source.length, end: source.length, text: 'tail', kind: 'insert_after', group: 'intruder' },
        ];
        const first = toEdits(specs, () => 'first');
        const result = applyEdits(source, [...first, ...intruder]);
        expect(result.applied).toEqual(['first']);
        expect(result.dropped).toEqual(['intruder']);
        expect(result.output).toBe(applyEdits(source, first).output);
      }),
      RUNS,
    );
  });

  it('applies identical edits once, whichever site recorded them', () => {
    const arb = sourceArb.chain((source) => fc.tuple(fc.constant(source), separatedEdits(source), fc.boolean()));
    fc.assert(
      fc.property(arb, ([source, specs, sameGroup]) => {
        const edits = toEdits(specs, (i) => `site-${i}`);
        const copies = edits.map((e, i) => ({ ...e, group: sameGroup ? e.group : `copy-${i}` }));
        const result = applyEdits(source, [...edits, ...copies.reverse()]);
        expect(result.output).toBe(applyEdits(source, edits).output);
        expect(result.dropped).toEqual([]);
      }),
      RUNS,
    );
  });

  it('lets inserts at the boundary of a replaced range coexist with it', () => {
    const source = 'defmodule A do\n  x()\nend\n';
    const start = source.indexOf('x()');
    const result = applyEdits(source, [
      { start, end: start + 3, text: 'y()', kind: 'replace', group: 'a' },
      { start, end: start, text: 'before(); ', kind: 'insert_before', group: 'b' },
      { start: start + 3, end: start + 3, text: ' # after', kind: 'insert_after', group: 'c' },
    ]);
    expect(result.dropped).toEqual([]);
    expect(result.output).toBe('defmodule A do\n  before(); y() # after\nend\n');
  });

  it('re-indents copied CRLF text without doubling the CR', () => {
    const source = 'defmodule A do\r\n  test "x" do\r\n    Process.sleep(10)\r\n  end\r\nend\r\n';
    const start = source.indexOf('Process');
    const result = applyEdits(source, [{ start, end: start + 'Process.sleep(10)'.length, text: 'wait_for(\r\n  fn -> ok() end,\r\n  50\r\n)', kind: 'replace', group: 'a' }]);
    expect(result.output).toBe('defmodule A do\r\n  test "x" do\r\n    wait_for(\r\n      fn -> ok() end,\r\n      50\r\n    )\r\n  end\r\nend\r\n');
  });
});
