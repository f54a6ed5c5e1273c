// Properties of scan and fix on generated input (fast-check, fixed seed, bounded runs, so a failure
// reproduces and the suite stays fast):
// (a) scan never throws on generated test modules; it finds exactly the real sleeps, every span it
//     reports is a sleep form, and nothing inside comments, strings, heredocs, sigils or docs;
// (b) fix (print, review rewrites included) re-parses cleanly, changes no line away from a sleep,
//     keeps the line endings, and is a fixed point;
// (c) random bytes and token soup never crash reading, scanning or fixing.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { runFix, type FixRunOptions } from '../../src/fix/run-fix.js';
import { readSource } from '../../src/read/read-source.js';
import { parseElixir, type SyntaxNode } from '../../src/parse/parser.js';
import { callName, enclosingStatement, isStatementContainer, statementsOf } from '../../src/parse/nodes.js';
import { moduleArb, render, type Generated } from './support/elixir-gen.js';

// SLEEPLESS_PROPERTY_RUNS / SLEEPLESS_PROPERTY_SEED explore further by hand; the suite keeps these.
const SEED = Number(process.env['SLEEPLESS_PROPERTY_SEED'] ?? 20_261_128);
const SCALE = Number(process.env['SLEEPLESS_PROPERTY_RUNS'] ?? 1);
const RUNS = { seed: SEED, numRuns: 60 * SCALE } as const;
const FILE = 'test/generated_test.exs';

// One temp project for every run: each run overwrites the one test file (a fresh directory per run
// would spend the time budget on mkdir).
const root = mkdtempSync(join(tmpdir(), 'sleepless-properties-'));
mkdirSync(join(root, 'test'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function put(source: string | Uint8Array): void {
  writeFileSync(join(root, FILE), source);
}

/** 1-based line and UTF-16 column → offset, counting lines as the report does (split on '\n'). */
function offsetOf(source: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) start = source.indexOf('\n', start) + 1;
  return start + column - 1;
}

function printOptions(): FixRunOptions {
  return { scan: { root, paths: [root] }, mode: 'print', includeReview: true, timeouts: { minTimeout: 100, timeoutFactor: 5 }, allowDirty: true };
}

describe('(a) scan on generated test modules', () => {
  it('finds exactly the real sleeps, each span a sleep form, none in comments, strings, heredocs, sigils or docs', async () => {
    await fc.assert(
      fc.asyncProperty(moduleArb, async (plan) => {
        const generated = render(plan);
        const { source } = generated;
        expect(parseElixir(source).rootNode.hasError, 'the generator writes valid Elixir').toBe(false);
        put(source);
        const { report } = await scan({ root, paths: [root] });
        expect(report.errors).toEqual([]);
        const spans = report.findings.map((f) => ({ start: offsetOf(source, f.line, f.column), end: offsetOf(source, f.end_line, f.end_column), f }));
        for (const { start, end, f } of spans) {
          expect(source.slice(start, end), `${f.line}:${f.column}`).toMatch(/sleep|receive/);
          expect(f.call.length).toBeGreaterThan(0);
          for (const [ds, de] of generated.decoys) {
            expect(start < de && ds < end, `finding ${f.call} at ${f.line}:${f.column} overlaps sleep-like text that is no sleep`).toBe(false);
          }
        }
        expect(spans.map((s) => s.start).sort((a, b) => a - b)).toEqual(generated.sleeps);
      }),
      RUNS,
    );
  });
});

/**
 * Lines (0-based) a rewrite of the sleeps may touch: at every level from the sleep up to the test's
 * body, the statement holding it and its neighbours; plus the `use …Case` line a helper import
 * follows. `breaks`: the first lines of the statements of a test (setup, function) that holds a
 * sleep, before which a rewrite may insert a line without changing one (`ref = Process.monitor(pid)`
 * goes before the statement that stops the process, however far above the sleep).
 */
function allowedLines(source: string, sleeps: readonly number[]): { allowed: Set<number>; breaks: Set<number> } {
  const tree = parseElixir(source);
  const allowed = new Set<number>();
  const breaks = new Set<number>();
  const addRows = (from: SyntaxNode, to: SyntaxNode) => {
    for (let r = from.startPosition.row; r <= to.endPosition.row; r++) allowed.add(r);
  };
  for (const offset of sleeps) {
    let statement = enclosingStatement(tree.rootNode.descendantForIndex(offset, offset + 1));
    for (;;) {
      if (['test', 'setup', 'def'].includes(callName(statement) ?? '')) {
        const body = statement.namedChildren.find((c) => c.type === 'do_block');
        if (body) for (const s of statementsOf(body)) breaks.add(s.startPosition.row);
      }
      if (['test', 'setup', 'describe', 'def', 'defmodule'].includes(callName(statement) ?? '')) break;
      const container = statement.parent;
      if (!container) break;
      const siblings = statementsOf(container);
      const i = siblings.findIndex((s) => s.id === statement.id);
      addRows(siblings[i - 1] ?? statement, siblings[i + 1] ?? statement);
      // Up to the statement that holds this block (`for … do`, `spawn(fn -> … end)`).
      let up: SyntaxNode | null = container.parent;
      while (up && up.parent && !isStatementContainer(up.parent)) up = up.parent;
      if (!up || !up.parent) break;
      statement = up;
    }
  }
  source.split('\n').forEach((line, row) => {
    if (/^\s*use ExUnit\.Case/.test(line)) allowed.add(row);
  });
  return { allowed, breaks };
}

/**
 * Whether `after` is `before` with only allowed lines changed: the runs of other lines must all be
 * in `after`, byte for byte, in order, each run whole (no line inserted inside it, except before a
 * line in `breaks`). A line diff would do, if identical lines (two `receive do`) did not let it pair
 * the wrong ones.
 */
function onlyAllowedChanged(before: string, after: string, { allowed, breaks }: { allowed: Set<number>; breaks: Set<number> }): string | null {
  const lines = before.split(/(?<=\n)/);
  const runs: { text: string; first: number; last: number }[] = [];
  lines.forEach((line, row) => {
    const run = runs[runs.length - 1];
    if (allowed.has(row)) return;
    if (run && run.last === row - 1 && !breaks.has(row)) Object.assign(run, { text: run.text + line, last: row });
    else runs.push({ text: line, first: row, last: row });
  });
  let from = 0;
  let to = after.length;
  const changed = (run: { first: number; text: string }) => `the lines from ${run.first + 1} changed:\n${run.text}`;
  if (runs[0]?.first === 0) {
    const head = runs.shift()!;
    if (!after.startsWith(head.text)) return changed(head);
    from = head.text.length;
  }
  if (runs[runs.length - 1]?.last === lines.length - 1) {
    const tail = runs.pop()!;
    if (!after.endsWith(tail.text) || after.length - tail.text.length < from) return changed(tail);
    to = after.length - tail.text.length;
  }
  for (const run of runs) {
    const at = after.indexOf(run.text, from);
    if (at === -1 || at + run.text.length > to) return changed(run);
    from = at + run.text.length;
  }
  return null;
}

function expectLineEndings(text: string, eol: Generated['eol']): void {
  if (eol === '\n') expect(text).not.toContain('\r');
  else expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
}

describe('(b) fix on generated test modules', () => {
  it('the checker of (b) sees a change away from the allowed lines', () => {
    const before = 'a\nb\nc\nd\n';
    const only = (allowed: number[], breaks: number[] = []) => ({ allowed: new Set(allowed), breaks: new Set(breaks) });
    expect(onlyAllowedChanged(before, 'a\nB\nc\nd\n', only([1]))).toBeNull();
    expect(onlyAllowedChanged(before, 'a\nb\nb2\nc\nd\n', only([1]))).toBeNull();
    expect(onlyAllowedChanged(before, 'a\nb\nC\nd\n', only([1]))).toMatch(/from 3 changed/);
    expect(onlyAllowedChanged(before, 'a\nb\nc\nx\nd\n', only([1]))).toMatch(/from 3 changed/);
    expect(onlyAllowedChanged(before, 'A\nb\nc\nd\n', only([1]))).toMatch(/from 1 changed/);
    expect(onlyAllowedChanged(before, 'a\nb\nc\nd', only([1]))).toMatch(/from 3 changed/);
    expect(onlyAllowedChanged(before, 'a\nc\nd\n', only([1]))).toBeNull();
    // A line may go in before a break, not elsewhere, and a break line itself may not change.
    expect(onlyAllowedChanged(before, 'a\nb\nx\nc\nd\n', only([0], [2]))).toBeNull();
    expect(onlyAllowedChanged(before, 'a\nb\nc\nx\nd\n', only([0], [2]))).toMatch(/from 3 changed/);
    expect(onlyAllowedChanged(before, 'a\nb\nC\nd\n', only([0], [2]))).toMatch(/from 3 changed/);
  });

  it('re-parses, touches only lines at a sleep, keeps line endings, and a second run changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(moduleArb, async (plan) => {
        const generated = render(plan);
        const { source } = generated;
        put(source);
        const first = await runFix(printOptions());
        const outcome = first.files.find((f) => f.rel === FILE);
        expect(first.files.filter((f) => f.status === 'error').map((f) => f.message)).toEqual([]);
        const output = outcome?.after ?? source;

        expect(parseElixir(output).rootNode.hasError, output).toBe(false);
        expectLineEndings(output, generated.eol);
        expect(onlyAllowedChanged(source, output, allowedLines(source, generated.sleeps)), 'a change away from every sleep').toBeNull();

        put(output);
        const second = await runFix(printOptions());
        const again = second.files.find((f) => f.rel === FILE);
        expect(again?.after ?? output, 'a second run changes nothing').toBe(output);
      }),
      RUNS,
    );
  });

  // Two sleeps in a row are one wait: the first is removed (it only adds to the second) and the
  // second is judged by what precedes the pair, so one run settles both.
  it('two sleeps in a row: a second run changes nothing', async () => {
    put(`defmodule App.PairTest do\n  use ExUnit.Case\n\n  test "pair", %{pid: pid} do\n    GenServer.cast(pid, :a)\n    Process.sleep(10)\n    Process.sleep(20)\n    assert GenServer.call(pid, :count) == 2\n  end\nend\n`);
    const first = (await runFix(printOptions())).files[0]?.after;
    expect(first).toBeDefined();
    put(first!);
    expect((await runFix(printOptions())).files[0]?.after ?? first).toBe(first);
  });
});


/** Elixir-ish tokens around the sleep forms, joined at random: what a half-typed file looks like. */
const TOKENS = [
  'Process', '.', 'sleep', ':timer', 'receive', 'do', 'after', 'end', '->', '|>', '&', '/1', '(', ')', '[', ']', '{', '}',
  '100', '0', ':ok', ' ', '\n', '\r\n', '\t', '#', '"', "'", '"""', '~s(', '~S|', '|', 'fn', 'import Process', 'alias :timer, as: T', 'T',
  'test "x" do', 'describe "y" do', 'setup do', 'defmodule A do', 'use ExUnit.Case', '@a', '=', ',', 'assert', 'é', '💤', '\u0000', '\uFEFF',
];
const soupArb = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((t) => t.join(''));

describe('(c) arbitrary input', () => {
  it('random bytes never crash readSource or scan', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.boolean(), async (bytes, withSleep) => {
        // Half the inputs carry the word sleep, so they get past the prefilter into decode and parse.
        const data = withSleep ? Buffer.concat([Buffer.from(bytes.subarray(0, bytes.length >> 1)), Buffer.from(' Process.sleep(1) '), Buffer.from(bytes.subarray(bytes.length >> 1))]) : Buffer.from(bytes);
        put(data);
        const read = await readSource(join(root, FILE));
        expect(['source', 'no_candidates', 'skipped']).toContain(read.kind);
        const { report } = await scan({ root, paths: [root] });
        expect(report.files_scanned).toBe(1);
      }),
      { seed: SEED, numRuns: 150 * SCALE },
    );
  });

  it('token soup never crashes scan or fix, and fix never writes what does not parse', async () => {
    await fc.assert(
      fc.asyncProperty(soupArb, async (text) => {
        put(text);
        const { report } = await scan({ root, paths: [root] });
        expect(report.files_scanned).toBe(1);
        const result = await runFix(printOptions());
        for (const file of result.files) {
          expect(file.status === 'error' ? file.message : '').not.toMatch(/internal error/);
          if (file.after !== undefined && file.after !== file.before) expect(parseElixir(file.after).rootNode.hasError).toBe(false);
        }
      }),
      { seed: SEED, numRuns: 150 * SCALE },
    );
  });
});
