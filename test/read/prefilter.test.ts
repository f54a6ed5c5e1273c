// The prefilter decides from raw bytes whether a file is parsed at all, so it must never cost
// recall: every form the scanner detects passes it. Each form below is first shown to be a site
// (so the list cannot drift from what the scanner reports), then to pass the prefilter; a
// property test does the same for generated files with a fixed seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayContainSleep, receiveAfterAt, RECEIVE_AFTER } from '../../src/read/prefilter.js';
import { parseElixir, parseForReport } from '../../src/parse/parser.js';
import { findSites } from '../../src/sites/find-sites.js';

const RUNS = { seed: 20_261_128, numRuns: 400 } as const;

function testModule(body: string, head = ''): string {
  return `defmodule FormsTest do\n  use ExUnit.Case\n${head}\n  test "waits" do\n${body}\n  end\nend\n`;
}

function sitesIn(source: string) {
  return findSites(source, parseElixir(source)).sites;
}

const FORMS: [name: string, source: string][] = [
  ['Process.sleep with parentheses', testModule('    Process.sleep(100)')],
  ['Process.sleep without parentheses', testModule('    Process.sleep 100')],
  ['Process.sleep by its full name (a test that aliases another module as Process)', testModule('    Elixir.Process.sleep(100)')],
  [':timer.sleep', testModule('    :timer.sleep(100)')],
  [':timer.sleep without parentheses', testModule('    :timer.sleep 100')],
  ["Common Test's :ct.sleep, in milliseconds or a tagged time", testModule('    :ct.sleep(100)\n    :ct.sleep({:seconds, 5})')],
  ['pipe', testModule('    100 |> Process.sleep()')],
  ['capture', testModule('    Enum.each([1, 2], &Process.sleep/1)')],
  ['capture with &1', testModule('    Enum.each([1, 2], &Process.sleep(&1))')],
  ['imported bare sleep (import Process)', testModule('    sleep(100)', '  import Process')],
  ['imported bare sleep without parentheses (import :timer)', testModule('    sleep 100', '  import :timer, only: [sleep: 1]')],
  ['alias of :timer (the file contains `sleep` then)', testModule('    T.sleep(100)', '  alias :timer, as: T')],
  ['receive … after', testModule('    receive do\n    after\n      100 -> :ok\n    end')],
  ['receive … after on one line', testModule('    receive do after 100 -> :ok end')],
  ['receive … after with comments between', testModule('    receive do\n      # nothing to receive:\n      # just wait\n    after\n      100 -> :ok\n    end')],
  ['receive() … after', testModule('    receive() do\n    after\n      100 -> :ok\n    end')],
  ['receive … after whose one clause never matches', testModule('    receive do\n      :never_sent -> :ok\n    after\n      100 -> :ok\n    end')],
  ['receive … after whose one clause never matches, on one line', testModule('    receive do :never_sent -> :ok after 100 -> :ok end')],
  ['receive … after whose one clause never matches, with comments and its body on a line of its own', testModule('    receive do\n      # nobody sends it\n      :never_sent -> # padding\n        nil\n      # then\n    after\n      100 -> :ok\n    end')],
  ['keyword receive after:', testModule('    receive after: (100 -> :ok)')],
  ['keyword receive(after: …)', testModule('    receive(after: (100 -> :ok))')],
  ['by module, function and arguments, in place', testModule('    apply(Process, :sleep, [100])')],
  ['by module, function and arguments, on another node', testModule('    Node.spawn(node(), Process, :sleep, [5000])')],
  ['by module, function and arguments, through a remote call', testModule('    :rpc.call(node(), :timer, :sleep, [1000], 100)')],
  ['by module, function and arguments, in a child spec', testModule('    children = [%{id: :sleeper, start: {Task, :start_link, [:timer, :sleep, [:infinity]]}}]')],
  ['by module, function and arguments, in a Supervisor.Spec worker', testModule('    worker(Task, [Process, :sleep, [:infinity]], restart: :transient)')],
  ['by module, function and arguments, as a tuple handed to code', testModule('    Cache.start_link(mfa: {Process, :sleep, [100]}, timeout: 50)')],
];

describe('the prefilter passes every detected form', () => {
  for (const [name, source] of FORMS) {
    it(name, () => {
      expect(sitesIn(source).length, 'the scanner reports it').toBeGreaterThan(0);
      expect(mayContainSleep(Buffer.from(source))).toBe(true);
      // The report parse (parse/skeleton.ts) keeps the body that holds it.
      expect(findSites(source, parseForReport(source).tree).sites.length).toBe(sitesIn(source).length);
    });
  }

  it('rejects a receive that has message clauses, and text without either word', () => {
    const clauses = testModule('    receive do\n      {:ok, x} -> x\n    after\n      100 -> flunk("no message")\n    end');
    expect(sitesIn(clauses)).toEqual([]);
    expect(mayContainSleep(Buffer.from(clauses))).toBe(false);
    expect(mayContainSleep(Buffer.from(testModule('    assert after_all(1)')))).toBe(false);
  });

  it('rejects a receive whose one atom clause the file sends, or whose clause is more than an atom and a word', () => {
    const waits = '    receive do\n      :never_sent -> :ok\n    after\n      100 -> :ok\n    end';
    expect(sitesIn(testModule(waits)).length).toBe(1);
    expect(sitesIn(testModule(waits, '  def poke(pid), do: send(pid, :never_sent)'))).toEqual([]);
    // Nor when the process waiting has handed out its pid: a sender in another file may know the atom.
    expect(sitesIn(testModule(`    send(parent, {:ready, self()})\n${waits}`))).toEqual([]);
    // Named only inside the receive itself it still counts as never sent.
    expect(sitesIn(testModule('    receive do\n      :never_sent -> :never_sent\n    after\n      100 -> :ok\n    end')).length).toBe(1);
    for (const clause of [':never_sent -> Logger.info("late")', ':never_sent when true -> :ok', '{:never_sent} -> :ok', ':never_sent -> :ok\n      :also_unsent -> :ok']) {
      const source = testModule(`    receive do\n      ${clause}\n    after\n      100 -> :ok\n    end`);
      expect(sitesIn(source), clause).toEqual([]);
      expect(mayContainSleep(Buffer.from(source)), clause).toBe(false);
    }
    expect(sitesIn(testModule('    receive do\n      :never_sent -> :ok\n    after\n      100 -> flunk("no message")\n    end'))).toEqual([]);
  });

  it('finds the word at the very start and end of the bytes, and a disguise after many other receives', () => {
    for (const text of ['sleep(1)', 'Process.sleep', ' sleep', 'sleep']) expect(mayContainSleep(Buffer.from(text)), text).toBe(true);
    for (const text of ['leep(1)', 'slee', 'seep', 'sl eep']) expect(mayContainSleep(Buffer.from(text)), text).toBe(false);
    const received = '    assert_receive :a\n    refute_receive :b\n'.repeat(50);
    expect(mayContainSleep(Buffer.from(testModule(`${received}    receive do\n    after\n      5 -> :ok\n    end`)))).toBe(true);
    // The `after` must come after a `receive`: one above every receive starts nothing.
    expect(mayContainSleep(Buffer.from(testModule(`    after_connect()\n${received}    receive do\n      :m -> :ok\n    end`)))).toBe(false);
  });
});

// Generated files: test bodies assembled from statements that sleep, mention sleep, or look like
// a receive disguise without being one, in varied spacing and comments.
const word = fc.constantFrom('x', 'pid', 'ref', 'state', 'value');
const ms = fc.constantFrom('10', '1_000', '@ttl', ':timer.seconds(1)', 'x * 2');
const blank = fc.constantFrom(' ', '  ', '\n      ', ' \t', '\n      # wait for it\n      ');
const statement = fc.oneof(
  fc.tuple(ms).map(([d]) => `Process.sleep(${d})`),
  fc.tuple(ms).map(([d]) => `Process.sleep ${d}`),
  fc.tuple(ms).map(([d]) => `Elixir.Process.sleep(${d})`),
  fc.tuple(ms).map(([d]) => `:timer.sleep(${d})`),
  fc.tuple(ms).map(([d]) => `:ct.sleep(${d})`),
  fc.tuple(ms).map(([d]) => `${d} |> Process.sleep()`),
  fc.constant('Enum.each([1], &Process.sleep/1)'),
  fc.tuple(ms).map(([d]) => `sleep(${d})`),
  fc.tuple(ms).map(([d]) => `T.sleep(${d})`),
  fc.tuple(blank, blank, ms).map(([a, b, d]) => `receive${a === ' ' ? ' ' : ''}do${a}after${b}${d} -> :ok\n      end`),
  fc.tuple(blank, ms).map(([a, d]) => `receive do${a}{:msg, _} -> :ok\n      after\n        ${d} -> :ok\n      end`),
  fc.tuple(blank, blank, ms).map(([a, b, d]) => `receive do${a}:never_sent ->${b}:ok${b}after${a}${d} -> :ok\n      end`),
  fc.constant('send(self(), :never_sent)'),
  fc.tuple(blank, ms).map(([a, d]) => `receive${a}after: (${d} -> :ok)`),
  fc.tuple(ms).map(([d]) => `receive() do\n      after\n        ${d} -> :ok\n      end`),
  fc.tuple(word).map(([w]) => `# ${w} sleeps here`),
  fc.tuple(word).map(([w]) => `assert "${w} |> Process.sleep()" =~ ~r/sleep/`),
  fc.tuple(word, word).map(([a, b]) => `${a} = GenServer.call(${b}, :get)`),
  fc.tuple(word).map(([w]) => `send(self(), {:after, ${w}})`),
  fc.tuple(word).map(([w]) => `assert ${w}.after == :receive`),
);
const head = fc.subarray(['  import Process', '  import :timer', '  alias :timer, as: T', '  @ttl 100', '  def sleep(x), do: x']);
const file = fc
  .tuple(head, fc.array(fc.array(statement, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }))
  .map(([heads, tests]) =>
    [
      'defmodule GeneratedTest do',
      '  use ExUnit.Case',
      ...heads,
      ...tests.map((body, i) => `  test "t${i}", ctx do\n      ${body.join('\n      ')}\n  end\n`),
      'end',
      '',
    ].join('\n'),
  );

describe('properties (fast-check, fixed seed)', () => {
  it('the prefilter never rejects a file in which the scanner finds a site', () => {
    fc.assert(
      fc.property(file, (source) => {
        if (sitesIn(source).length > 0) expect(mayContainSleep(Buffer.from(source))).toBe(true);
      }),
      RUNS,
    );
  });

  it('the report parse finds the same sites at the same places as a whole parse', () => {
    fc.assert(
      fc.property(file, (source) => {
        const spans = (sites: ReturnType<typeof sitesIn>) => sites.map((s) => [s.form, s.node.startIndex, s.node.endIndex, s.duration?.text ?? null]);
        expect(spans(findSites(source, parseForReport(source).tree).sites)).toEqual(spans(sitesIn(source)));
      }),
      RUNS,
    );
  });

  it('the byte test for `receive … after` accepts whatever the text pattern matches', () => {
    const spaced = fc.array(fc.constantFrom(' ', '\n', '\t', '\r\n', '# c\n', '()', '(', ')', 'do', 'after', 'after:', ':', 'x', ':x', '->', 'nil', 'é', '\u00a0'), { maxLength: 8 });
    fc.assert(
      fc.property(spaced, fc.constantFrom('', ' ', 'x', '.', '_'), (parts, before) => {
        const text = `${before}receive${parts.join('')}`;
        const bytes = Buffer.from(text);
        if (RECEIVE_AFTER.test(bytes.toString('latin1'))) expect(receiveAfterAt(bytes, Buffer.byteLength(before))).toBe(true);
      }),
      { ...RUNS, numRuns: 2000 },
    );
  });
});
