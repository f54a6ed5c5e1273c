// Generated Elixir test modules for the property tests: sleeps in random contexts (nested describes,
// setup, helpers, loops, spawned functions, pipes, captures, imports and aliases), surrounded by
// comments, strings, charlists, heredocs, sigils, quoted atoms and docs that contain sleep-like text,
// and receive blocks that are not sleeps; quiet tests with no sleep-like text at all, whose block
// words hide in strings, heredocs, sigils, atoms, keywords and character literals (what the report
// parse leaves out, see parse/skeleton.ts); LF or CRLF, spaces or tabs.
//
// Every real sleep gets a unique 4-digit duration (1000…) and every decoy a unique one (5000…), so
// the final text can be searched for exactly where each one is: `sleeps` are the offsets where a
// finding must start, `decoys` are ranges no finding may touch.
import fc from 'fast-check';

export const FORMS = ['paren', 'noparen', 'timer', 'pipe', 'capture', 'capture_arg', 'receive', 'receive_line', 'receive_never', 'imported', 'alias', 'attribute', 'seconds'] as const;
export type SleepForm = (typeof FORMS)[number];

export const DECOYS = ['comment', 'trailing_comment', 'string', 'charlist', 'heredoc', 'sigil_s', 'sigil_S', 'sigil_r', 'quoted_atom', 'receive_clauses', 'receive_zero', 'interpolated'] as const;
export type DecoyKind = (typeof DECOYS)[number];

export const SCENARIOS = ['sync', 'assert_receive', 'monitor', 'remove', 'wait_for', 'poll', 'ttl', 'plain', 'loop', 'double', 'spawn', 'pipe_ctx'] as const;
export type Scenario = (typeof SCENARIOS)[number];

interface TestPlan {
  kind: 'test';
  scenario: Scenario;
  forms: [SleepForm, SleepForm];
  /** Decoys and where among the statements they go. */
  decoys: { kind: DecoyKind; at: number }[];
  named: boolean;
}
interface SetupPlan {
  kind: 'setup';
  form: SleepForm;
}
interface HelperPlan {
  kind: 'helper';
  form: SleepForm;
  doc: boolean;
}
/** A test with nothing sleep-like in it: each piece is one of QUIET_PIECES, its tags one of QUIET_TAGS. */
interface QuietPlan {
  kind: 'quiet';
  pieces: number[];
  tags: number;
}
interface DecoyItem {
  kind: 'decoy';
  decoy: 'comment' | 'heredoc_doc' | 'module_attribute';
}
interface DescribePlan {
  kind: 'describe';
  items: ItemPlan[];
}
type ItemPlan = TestPlan | QuietPlan | SetupPlan | HelperPlan | DecoyItem | DescribePlan;

export interface ModulePlan {
  importProcess: boolean;
  aliasTimer: boolean;
  moduledoc: boolean;
  crlf: boolean;
  tabs: boolean;
  items: ItemPlan[];
}

const formArb = fc.constantFrom(...FORMS);
const testArb: fc.Arbitrary<TestPlan> = fc.record({
  kind: fc.constant('test' as const),
  scenario: fc.constantFrom(...SCENARIOS),
  forms: fc.tuple(formArb, formArb),
  decoys: fc.array(fc.record({ kind: fc.constantFrom(...DECOYS), at: fc.nat(6) }), { maxLength: 3 }),
  named: fc.boolean(),
});
/** Statements of quiet tests: block words (`do`, `end`, `fn`) everywhere but in code, and code blocks that pair them. */
const QUIET_PIECES: Line[][] = [
  [[0, 'assert {:ok, _} = Worker.start_link([])']],
  [[0, 'f = fn x -> x + 1 end'], [0, 'assert f.(1) == 2']],
  [[0, '_ = "do end fn"']],
  [[0, '_ = """'], [0, 'end'], [0, 'do fn'], [0, '"""']],
  [[0, '_ = ~s(end)']],
  [[0, '_ = ~r/do|end/i']],
  [[0, '_ = [do: 1, end: 2]']],
  [[0, '_ = :end']],
  [[0, "_ = 'end'"]],
  [[0, '_ = [?", ?#, ?e]']],
  [[0, '# end of the setup, do not fn']],
  [[0, 'if pid do'], [1, ':ok'], [0, 'else'], [1, ':error'], [0, 'end']],
  [[0, 'case pid do'], [1, 'nil -> :none'], [1, '_ -> :some'], [0, 'end']],
  [[0, 'x = "#{if pid do "do" else "end" end}"'], [0, 'assert is_binary(x)']],
  [[0, 'Enum.each([1, 2], fn n ->'], [1, 'assert n > 0'], [0, 'end)']],
  [[0, '_ = %{"end" => 1, do: 2}']],
];

/**
 * Tags above a quiet test. `stress` makes a test a load simulation: were the report parse to leave
 * the tags behind without their test, the next test would take them for its own.
 */
const QUIET_TAGS: Line[][] = [
  [],
  [[0, '@tag :stress']],
  [[0, '@tag :stress'], [0, '# a comment between the tags and the test'], [0, '@tag capture_log: true']],
  [[0, '@tag stress: true,'], [0, '     capture_log: true']],
  [[0, '@tag stress: ['], [1, '"""'], [1, 'SELECT 1'], [1, '"""'], [0, ']']],
];

const leafArb: fc.Arbitrary<ItemPlan> = fc.oneof(
  { weight: 6, arbitrary: testArb },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('quiet' as const),
      pieces: fc.array(fc.nat(QUIET_PIECES.length - 1), { minLength: 1, maxLength: 5 }),
      tags: fc.nat(QUIET_TAGS.length - 1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('setup' as const), form: formArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('helper' as const), form: formArb, doc: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('decoy' as const), decoy: fc.constantFrom('comment' as const, 'heredoc_doc' as const, 'module_attribute' as const) }) },
);
const describe = (item: fc.Arbitrary<ItemPlan>) => fc.array(item, { minLength: 1, maxLength: 3 }).map((items): ItemPlan => ({ kind: 'describe', items }));
const innerArb = fc.oneof({ weight: 3, arbitrary: leafArb }, { weight: 1, arbitrary: describe(leafArb) });
const topArb = fc.oneof({ weight: 3, arbitrary: innerArb }, { weight: 1, arbitrary: describe(innerArb) });

export const moduleArb: fc.Arbitrary<ModulePlan> = fc.record({
  importProcess: fc.boolean(),
  aliasTimer: fc.boolean(),
  moduledoc: fc.boolean(),
  crlf: fc.boolean(),
  tabs: fc.boolean(),
  items: fc.array(topArb, { minLength: 1, maxLength: 4 }),
});

/** A line at an indentation depth; multi-line pieces are several lines. */
type Line = [depth: number, text: string];

export interface Generated {
  source: string;
  eol: '\n' | '\r\n';
  /** Where each real sleep's finding must start (UTF-16 offsets). */
  sleeps: number[];
  /** Ranges [start, end) that hold sleep-like text that is not a sleep. */
  decoys: [number, number][];
}

/** Builds the module text of a plan; pure, so a failing plan shrinks and reproduces. */
export function render(plan: ModulePlan): Generated {
  let nextSleep = 1000;
  let nextDecoy = 5000;
  const locateSleeps: ((source: string) => number)[] = [];
  const locateDecoys: ((source: string) => [number, number])[] = [];
  const attributes: string[] = [];

  const at = (source: string, needle: string): number => {
    const i = source.indexOf(needle);
    if (i === -1 || source.indexOf(needle, i + 1) !== -1) throw new Error(`generator: "${needle}" must occur exactly once`);
    return i;
  };
  const exact = (needle: string, delta = 0) => locateSleeps.push((s) => at(s, needle) + delta);
  const decoy = (needle: string) => locateDecoys.push((s) => [at(s, needle), at(s, needle) + needle.length]);

  /** The lines of one sleep in `form` (multi-line for the receive form). */
  function sleepStatement(form: SleepForm): Line[] {
    const n = nextSleep++;
    switch (form === 'imported' && !plan.importProcess ? 'paren' : form === 'alias' && !plan.aliasTimer ? 'timer' : form) {
      case 'paren':
        exact(`Process.sleep(${n})`);
        return [[0, `Process.sleep(${n})`]];
      case 'noparen':
        exact(`Process.sleep ${n}`);
        return [[0, `Process.sleep ${n}`]];
      case 'timer':
        exact(`:timer.sleep(${n})`);
        return [[0, `:timer.sleep(${n})`]];
      case 'pipe':
        exact(`${n} |> Process.sleep()`);
        return [[0, `${n} |> Process.sleep()`]];
      case 'capture':
        exact(`[${n}], &Process.sleep/1`, `[${n}], `.length);
        return [[0, `Enum.each([${n}], &Process.sleep/1)`]];
      case 'capture_arg':
        exact(`[${n}], &Process.sleep(&1)`, `[${n}], `.length);
        return [[0, `Enum.each([${n}], &Process.sleep(&1))`]];
      case 'receive':
        locateSleeps.push((s) => s.lastIndexOf('receive do', at(s, `after ${n} ->`)));
        return [
          [0, 'receive do'],
          [0, `after ${n} -> :ok`],
          [0, 'end'],
        ];
      case 'receive_line':
        exact(`receive do after ${n} -> :ok end`);
        return [[0, `receive do after ${n} -> :ok end`]];
      case 'receive_never':
        // Its one clause an atom nothing sends: the same disguise.
        locateSleeps.push((s) => s.lastIndexOf('receive do', at(s, `:unsent_${n} ->`)));
        return [
          [0, 'receive do'],
          [1, `:unsent_${n} -> :ok`],
          [0, `after ${n} -> :ok`],
          [0, 'end'],
        ];
      case 'imported':
        exact(`sleep(${n})`);
        return [[0, `sleep(${n})`]];
      case 'alias':
        exact(`T.sleep(${n})`);
        return [[0, `T.sleep(${n})`]];
      case 'attribute':
        attributes.push(`@wait_${n} ${n}`);
        exact(`Process.sleep(@wait_${n})`);
        return [[0, `Process.sleep(@wait_${n})`]];
      case 'seconds':
        exact(`Process.sleep(:timer.seconds(${n}))`);
        return [[0, `Process.sleep(:timer.seconds(${n}))`]];
    }
  }

  /** Lines that hold sleep-like text but are no sleep. */
  function decoyLines(kind: DecoyKind): Line[] {
    const m = nextDecoy++;
    switch (kind) {
      case 'comment':
        decoy(`Process.sleep(${m})`);
        return [[0, `# Process.sleep(${m}) would be flaky here`]];
      case 'trailing_comment':
        decoy(`:timer.sleep(${m})`);
        return [[0, `_ = :ok # :timer.sleep(${m})`]];
      case 'string':
        decoy(`Process.sleep(${m}) in a string`);
        return [[0, `_ = "Process.sleep(${m}) in a string"`]];
      case 'charlist':
        decoy(`Process.sleep(${m})`);
        return [[0, `_ = 'Process.sleep(${m})'`]];
      case 'heredoc':
        decoy(`Process.sleep(${m})`);
        return [
          [0, '_ = """'],
          [0, `Process.sleep(${m})`],
          [0, `receive do after ${m}0 -> :ok end`],
          [0, '"""'],
        ];
      case 'sigil_s':
        decoy(`Process.sleep(${m})`);
        return [[0, `_ = ~s[Process.sleep(${m})]`]];
      case 'sigil_S':
        decoy(`:timer.sleep(${m})`);
        return [[0, `_ = ~S|:timer.sleep(${m})|`]];
      case 'sigil_r':
        decoy(`Process\\.sleep\\(${m}\\)`);
        return [[0, `_ = ~r/Process\\.sleep\\(${m}\\)/`]];
      case 'quoted_atom':
        decoy(`Process.sleep(${m})`);
        return [[0, `_ = :"Process.sleep(${m})"`]];
      case 'receive_clauses':
        // A receive with a clause for a message the test sends waits for that message: not a sleep.
        locateDecoys.push((s) => [s.lastIndexOf('receive do', at(s, `:msg_${m} ->`)), at(s, `after ${m} -> :ok`) + `after ${m} -> :ok`.length]);
        return [
          [0, `send(pid, :msg_${m})`],
          [0, 'receive do'],
          [1, `:msg_${m} -> :ok`],
          [0, `after ${m} -> :ok`],
          [0, 'end'],
        ];
      case 'receive_zero':
        // `after 0` only flushes the mailbox.
        locateDecoys.push((s) => [s.lastIndexOf('receive do', at(s, `:flushed_${m}`)), at(s, `:flushed_${m}`)]);
        return [[0, `receive do after 0 -> :flushed_${m} end`]];
      case 'interpolated':
        decoy(`Process.sleep(${m})`);
        return [[0, `_ = "#{inspect(pid)} then Process.sleep(${m})"`]];
    }
  }

  function scenario(test: TestPlan): Line[] {
    const s1 = () => sleepStatement(test.forms[0]);
    const s2 = () => sleepStatement(test.forms[1]);
    const shift = (lines: Line[], by: number): Line[] => lines.map(([d, t]) => [d + by, t]);
    switch (test.scenario) {
      case 'sync':
        return [[0, 'GenServer.cast(pid, :bump)'], ...s1(), [0, 'assert GenServer.call(pid, :count) == 1']];
      case 'assert_receive':
        return [[0, 'Worker.ping(pid)'], ...s1(), [0, 'assert_received :pong']];
      case 'monitor':
        return [[0, 'Process.exit(pid, :kill)'], ...s1(), [0, 'refute Process.alive?(pid)']];
      case 'remove':
        return [[0, ':ok = GenServer.call(pid, :reset)'], ...s1(), [0, 'assert GenServer.call(pid, :count) == 0']];
      case 'wait_for':
        return [[0, 'Cache.put_async(cache, :a, 1)'], ...s1(), [0, 'assert Cache.size(cache) == 1']];
      case 'poll':
        return [[0, ':ok = Sync.trigger()'], ...s1(), [0, 'assert {:ok, %{v: v}} = Sync.last()'], [0, 'assert v > 1']];
      case 'ttl':
        return [[0, 'Cache.put(cache, :k, 1, ttl: 50)'], ...s1(), [0, 'assert Cache.get(cache, :k) == nil']];
      case 'plain':
        return s1();
      case 'loop':
        return [[0, 'for _ <- 1..3 do'], [1, 'Worker.tick(pid)'], ...shift(s1(), 1), [0, 'end'], [0, 'assert Worker.count(pid) == 3']];
      case 'double':
        return [[0, 'GenServer.cast(pid, :a)'], ...s1(), ...s2(), [0, 'assert GenServer.call(pid, :count) == 2']];
      case 'spawn':
        return [[0, 'spawn(fn ->'], ...shift(s1(), 1), [1, 'send(parent, :done)'], [0, 'end)'], [0, 'assert_receive :done']];
      case 'pipe_ctx':
        return [[0, 'result = [1, 2] |> Enum.map(&(&1 * 2)) |> Enum.sum()'], ...s1(), [0, 'assert result == 6']];
    }
  }

  let testNumber = 0;
  function item(plan: ItemPlan): Line[] {
    switch (plan.kind) {
      case 'test': {
        const body = scenario(plan);
        // Decoys go between whole statements of the scenario (never inside a heredoc another decoy put there).
        const starts = body.map((l, i) => (l[0] === 0 && !/^(end|after)\b/.test(l[1]) ? i : -1)).filter((i) => i >= 0);
        const places = plan.decoys.map((d) => ({ index: starts[d.at % starts.length] ?? 0, lines: decoyLines(d.kind) }));
        for (const { index, lines } of places.sort((a, b) => b.index - a.index)) body.splice(index, 0, ...lines);
        let name = `test ${++testNumber}`;
        if (plan.named) {
          const m = nextDecoy++;
          decoy(`Process.sleep(${m})`);
          name += ` no longer calls Process.sleep(${m}) (${plan.scenario})`;
        }
        return [[0, `test "${name}", %{pid: pid, cache: cache, parent: parent} do`], ...body.map(([d, t]): Line => [d + 1, t]), [0, 'end']];
      }
      case 'quiet':
        return [...QUIET_TAGS[plan.tags]!, [0, `test "quiet ${++testNumber}", %{pid: pid} do`], ...plan.pieces.flatMap((i) => QUIET_PIECES[i]!).map(([d, t]): Line => [d + 1, t]), [0, 'end']];
      case 'setup':
        // A setup that returns `self()` has handed out its pid: a receive there with a clause may be waiting for a message.
        return [[0, 'setup do'], ...sleepStatement(plan.form === 'receive_never' ? 'receive' : plan.form).map(([d, t]): Line => [d + 1, t]), [1, '%{pid: self(), cache: :cache, parent: self()}'], [0, 'end']];
      case 'helper': {
        const doc: Line[] = [];
        if (plan.doc) {
          const m = nextDecoy++;
          decoy(`Process.sleep(${m})`);
          doc.push([0, `@doc "Waits like Process.sleep(${m})."`]);
        }
        return [...doc, [0, `def settle_${++testNumber} do`], ...sleepStatement(plan.form).map(([d, t]): Line => [d + 1, t]), [0, 'end']];
      }
      case 'decoy': {
        const m = nextDecoy++;
        if (plan.decoy === 'comment') {
          decoy(`receive do after ${m} -> :ok end`);
          return [[0, `# receive do after ${m} -> :ok end`]];
        }
        if (plan.decoy === 'module_attribute') {
          decoy(`:timer.sleep(${m})`);
          return [[0, `@note_${m} ":timer.sleep(${m})"`]];
        }
        decoy(`Process.sleep(${m})`);
        return [
          [0, `@doc """`],
          [0, `Never call Process.sleep(${m}) here.`],
          [0, '"""'],
          [0, `def documented_${m}, do: :ok`],
        ];
      }
      case 'describe':
        return [[0, `describe "group ${++testNumber}" do`], ...plan.items.flatMap((i, n) => [...(n > 0 ? blank() : []), ...item(i).map(([d, t]): Line => [d + 1, t])]), [0, 'end']];
    }
  }

  const body = plan.items.flatMap((i, n) => [...(n > 0 ? blank() : []), ...item(i)]);
  const header: Line[] = [[0, 'use ExUnit.Case']];
  if (plan.importProcess) header.push([0, 'import Process']);
  if (plan.aliasTimer) header.push([0, 'alias :timer, as: T']);
  if (plan.moduledoc) {
    const m = nextDecoy++;
    decoy(`:timer.sleep(${m})`);
    header.push([0, '@moduledoc """'], [0, `Tests that used to :timer.sleep(${m}).`], [0, '"""']);
  }
  header.push(...attributes.map((a): Line => [0, a]));
  const lines: Line[] = [[0, `defmodule App.GeneratedTest do`], ...[...header, [0, ''] as Line, ...body].map(([d, t]): Line => [d + 1, t]), [0, 'end']];

  const eol = plan.crlf ? '\r\n' : '\n';
  const unit = plan.tabs ? '\t' : '  ';
  const source = lines.map(([d, t]) => (t === '' ? '' : unit.repeat(d) + t)).join(eol) + eol;
  return { source, eol, sleeps: locateSleeps.map((f) => f(source)).sort((a, b) => a - b), decoys: locateDecoys.map((f) => f(source)) };
}

function blank(): Line[] {
  return [[0, '']];
}
