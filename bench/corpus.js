// A deterministic synthetic Elixir monorepo for the benchmark: N test files shaped like real
// ExUnit suites (modules with describes, tests, setup, helpers), most without any sleep (about 9%
// of files contain the word `sleep`, as in real suites), sizes from a one-test file to a
// several-hundred-test one, spread over a top-level `test/`, umbrella `apps/*/test` and
// Elixir-style `lib/*/test` trees, with the project's own `lib/` modules beside them.
// The same seed and N always give the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Mulberry32: small, fast and good enough to shape a corpus. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (items) => items[Math.floor(next() * items.length)];
  const chance = (p) => next() < p;
  /** Weighted choice from [[weight, value], …]. */
  const weighted = (pairs) => {
    const total = pairs.reduce((sum, [w]) => sum + w, 0);
    let x = next() * total;
    for (const [w, v] of pairs) if ((x -= w) < 0) return v;
    return pairs[pairs.length - 1][1];
  };
  const normal = () => Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
  return { next, int, pick, chance, weighted, normal };
}

const NOUNS = ['cache', 'worker', 'session', 'queue', 'registry', 'pool', 'stream', 'broker', 'ledger', 'router', 'channel', 'token', 'account', 'invoice', 'job', 'scheduler', 'limiter', 'presence', 'socket', 'store', 'buffer', 'tracker', 'gateway', 'mailer', 'index', 'counter', 'config', 'sensor', 'batch', 'pipeline'];
const VERBS = ['returns', 'stores', 'rejects', 'expires', 'retries', 'handles', 'broadcasts', 'restarts', 'accepts', 'parses', 'emits', 'updates', 'deletes', 'loads', 'skips', 'merges', 'caches', 'tracks', 'notifies', 'closes'];
const OBJECTS = ['an empty list', 'the default value', 'invalid input', 'a timeout', 'duplicate keys', 'the last message', 'a crashed child', 'unicode names', 'large payloads', 'concurrent writers', 'a stale entry', 'nil', 'the error tuple', 'a missing key', 'the next batch'];
const APPS = ['core', 'web', 'billing', 'accounts', 'notifications', 'search', 'ingest', 'admin', 'api', 'storage', 'realtime', 'reports'];

const camel = (word) => word[0].toUpperCase() + word.slice(1);

/**
 * The plan: one entry per test file, with its path and the knobs its content is drawn from.
 * Directories grow as in real suites: 30 open-source Elixir projects hold 1,151 test files in 212
 * directories (~5.4 per directory). Each file opens a new directory (at most two levels below its
 * test root) with probability NEW_DIR, or joins one its tree already has; a new name sometimes
 * repeats one, so NEW_DIR is a little over 1 / 5.4 (test/bench/corpus.test.ts checks the ratio).
 * Umbrella (`apps/<app>/test`) and `lib/<app>/test` apps hold ~150 test files each; ~30% of the
 * files are in the top-level `test/`.
 */
const NEW_DIR = 0.22;
const FILES_PER_APP = 150;

export function planFiles(n, r) {
  const apps = Array.from({ length: Math.max(1, Math.round((0.7 * n) / FILES_PER_APP)) }, (_, k) => {
    const name = r.pick(APPS);
    return { app: name, base: r.chance(5 / 7) ? ['apps', `${name}_${k}`, 'test'] : ['lib', `${name}_${k}`, 'test'] };
  });
  const trees = new Map();
  const files = [];
  const used = new Set();
  for (let i = 0; i < n; i++) {
    const { app, base } = r.chance(0.3) ? { app: 'core', base: ['test'] } : r.pick(apps);
    const dirs = directoryIn(trees, base.join('/'), r);
    let name;
    do name = `${r.pick(NOUNS)}_${r.pick(NOUNS)}_${i}`;
    while (used.has(name));
    used.add(name);
    files.push({ path: join(...base, ...dirs, `${name}_test.exs`), root: base.slice(0, -1).join('/'), app, name, dirs });
  }
  return files;
}

/** A directory (as path parts below the test root) for the next file of one test tree. */
function directoryIn(trees, root, r) {
  let tree = trees.get(root);
  if (!tree) trees.set(root, (tree = [[]]));
  if (!r.chance(NEW_DIR)) return r.pick(tree);
  const parent = r.pick(tree.filter((dir) => dir.length < 2));
  const dir = [...parent, r.pick(NOUNS)];
  if (!tree.some((known) => known.join('/') === dir.join('/'))) tree.push(dir);
  return dir;
}

/** Tests per file: log-normal, from 1 to a few hundred, median ~9 (real suites: median ~4 KB, mean ~9 KB). */
function testCount(r) {
  return Math.max(1, Math.min(400, Math.round(Math.exp(2.2 + 0.95 * r.normal()))));
}

class Writer {
  constructor() {
    this.lines = [];
  }
  line(indent, text = '') {
    this.lines.push(text ? '  '.repeat(indent) + text : '');
  }
  toString() {
    return `${this.lines.join('\n')}\n`;
  }
}

/** Ordinary test statements: what most test bodies are made of. */
function plainStatement(r, w, indent, v) {
  // A `receive … after` with message clauses is rare: real suites have one in about 8% of files.
  let kind = r.int(0, 16);
  if (kind >= 14) kind++;
  if (r.chance(0.0015)) kind = 14;
  switch (kind) {
    case 0:
      w.line(indent, `${v} = ${camel(r.pick(NOUNS))}.${r.pick(['get', 'fetch', 'lookup', 'list'])}(${r.pick(['pid', 'ctx.name', ':default', '"key"'])})`);
      break;
    case 1:
      w.line(indent, `assert ${v} == ${r.pick(['[]', ':ok', '{:ok, 1}', '%{}', 'nil', '"done"', '3'])}`);
      break;
    case 2:
      w.line(indent, `assert {:ok, ${v}} = ${camel(r.pick(NOUNS))}.${r.pick(['put', 'create', 'insert'])}(pid, ${r.pick(['"a"', ':b', '1', 'attrs'])})`);
      break;
    case 3:
      w.line(indent, `assert GenServer.call(pid, ${r.pick([':state', ':count', '{:get, :key}', ':ping'])}) == ${r.pick([':ok', '1', '[]', ':pong'])}`);
      break;
    case 4:
      w.line(indent, `${v} =`);
      w.line(indent + 1, `1..${r.int(2, 50)}`);
      w.line(indent + 1, `|> Enum.map(&(&1 * ${r.int(2, 9)}))`);
      w.line(indent + 1, `|> Enum.filter(&(rem(&1, ${r.int(2, 5)}) == 0))`);
      break;
    case 5:
      w.line(indent, `send(self(), {:${r.pick(NOUNS)}, ${r.int(1, 99)}})`);
      w.line(indent, `assert_received {:${r.pick(NOUNS)}, _}`);
      break;
    case 6:
      w.line(indent, `attrs = %{name: "${r.pick(NOUNS)} ${r.int(1, 999)}", size: ${r.int(1, 4096)}, tags: [:${r.pick(NOUNS)}, :${r.pick(NOUNS)}]}`);
      break;
    case 7:
      w.line(indent, `# ${r.pick(VERBS)} ${r.pick(OBJECTS)} before checking the ${r.pick(NOUNS)}`);
      w.line(indent, `refute ${camel(r.pick(NOUNS))}.${r.pick(['member?', 'exists?', 'alive?'])}(${v})`);
      break;
    case 8:
      w.line(indent, `assert_raise ArgumentError, fn ->`);
      w.line(indent + 1, `${camel(r.pick(NOUNS))}.${r.pick(['parse!', 'fetch!', 'build!'])}("${r.pick(OBJECTS)}")`);
      w.line(indent, `end`);
      break;
    case 9:
      w.line(indent, `log =`);
      w.line(indent + 1, `capture_log(fn ->`);
      w.line(indent + 2, `:ok = ${camel(r.pick(NOUNS))}.${r.pick(['run', 'flush', 'reset'])}(pid)`);
      w.line(indent + 1, `end)`);
      w.line(indent, `assert log =~ "${r.pick(VERBS)} ${r.pick(NOUNS)}"`);
      break;
    case 10:
      w.line(indent, `case ${camel(r.pick(NOUNS))}.${r.pick(['status', 'state', 'info'])}(pid) do`);
      w.line(indent + 1, `{:ok, ${v}} -> assert ${v} > 0`);
      w.line(indent + 1, `{:error, reason} -> flunk("unexpected: #{inspect(reason)}")`);
      w.line(indent, `end`);
      break;
    case 11:
      w.line(indent, `assert ${r.pick(['is_list', 'is_map', 'is_binary', 'is_integer'])}(${v})`);
      break;
    case 12:
      w.line(indent, `expected = """`);
      for (let i = r.int(1, 4); i > 0; i--) w.line(indent, `${r.pick(NOUNS)}: ${r.int(0, 100)} #{${v}}`);
      w.line(indent, `"""`);
      w.line(indent, `assert render(${v}) == expected`);
      break;
    case 13:
      w.line(indent, `assert ${v} =~ ~r/${r.pick(NOUNS)}\\d+/`);
      break;
    case 14:
      w.line(indent, `receive do`);
      w.line(indent + 1, `{:${r.pick(NOUNS)}, ${v}} -> assert ${v}`);
      w.line(indent, `after`);
      w.line(indent + 1, `${r.pick([100, 500, 1_000])} -> flunk("no ${r.pick(NOUNS)} message")`);
      w.line(indent, `end`);
      break;
    case 15:
      w.line(indent, `for ${v} <- [${r.int(1, 9)}, ${r.int(10, 99)}, ${r.int(100, 999)}] do`);
      w.line(indent + 1, `assert ${camel(r.pick(NOUNS))}.valid?(${v})`);
      w.line(indent, `end`);
      break;
    case 16:
      w.line(indent, `{:ok, ${v}} = start_supervised({${camel(r.pick(NOUNS))}, name: :${r.pick(NOUNS)}_${r.int(1, 99)}})`);
      break;
    default:
      w.line(indent, `assert ${camel(r.pick(NOUNS))}.${r.pick(['count', 'size', 'length'])}(${v}) == ${r.int(0, 20)}`);
  }
}

/** One sleep in one of the forms the scanner detects, with the kind of context real suites give it. */
function sleepStatement(r, w, indent, file) {
  const ms = r.pick([10, 20, 50, 100, 100, 150, 200, 500, 1_000, '1_000', '@ttl + 10', ':timer.seconds(1)']);
  const form = r.weighted([
    [58, 'process'],
    [14, 'timer'],
    [5, 'noparens'],
    [3, 'pipe'],
    [2, 'capture'],
    [file.imports ? 8 : 0, 'bare'],
    [file.timerAlias ? 4 : 0, 'alias'],
    [4, 'receive'],
    [1, 'receive_kw'],
  ]);
  const call = {
    process: `Process.sleep(${ms})`,
    timer: `:timer.sleep(${ms})`,
    noparens: `Process.sleep ${ms}`,
    pipe: `${ms} |> Process.sleep()`,
    bare: `sleep(${ms})`,
    alias: `${file.timerAlias}.sleep(${ms})`,
  }[form];
  const context = r.weighted([
    [30, 'cast'],
    [20, 'assert'],
    [10, 'exit'],
    [10, 'received'],
    [10, 'spawn'],
    [10, 'plain'],
    [10, 'loop'],
  ]);
  if (form === 'capture') {
    w.line(indent, `Enum.each([${ms === '@ttl + 10' ? 10 : 5}, 5], &Process.sleep/1)`);
    return;
  }
  if (form === 'receive') {
    w.line(indent, `GenServer.cast(pid, {:${r.pick(NOUNS)}, ${r.int(1, 9)}})`);
    w.line(indent, `receive do`);
    if (r.chance(0.3)) w.line(indent, `  # let the ${r.pick(NOUNS)} catch up`);
    w.line(indent, `after`);
    w.line(indent + 1, `${r.pick([20, 50, 100])} -> :ok`);
    w.line(indent, `end`);
    w.line(indent, `assert ${camel(r.pick(NOUNS))}.count(pid) == 1`);
    return;
  }
  if (form === 'receive_kw') {
    w.line(indent, `receive after: (${r.pick([20, 50])} -> :ok)`);
    return;
  }
  switch (context) {
    case 'cast':
      w.line(indent, `GenServer.cast(pid, {:${r.pick(NOUNS)}, ${r.int(1, 9)}})`);
      w.line(indent, call);
      w.line(indent, `assert GenServer.call(pid, :state) == ${r.int(1, 9)}`);
      break;
    case 'assert':
      w.line(indent, `:ok = ${camel(r.pick(NOUNS))}.${r.pick(['refresh', 'enqueue', 'notify'])}(pid)`);
      w.line(indent, call);
      w.line(indent, `assert ${camel(r.pick(NOUNS))}.size(pid) == ${r.int(1, 9)}`);
      break;
    case 'exit':
      w.line(indent, `Process.exit(pid, :kill)`);
      w.line(indent, call);
      w.line(indent, `refute Process.alive?(pid)`);
      break;
    case 'received':
      w.line(indent, `${camel(r.pick(NOUNS))}.subscribe(self())`);
      w.line(indent, call);
      w.line(indent, `assert_received {:${r.pick(NOUNS)}, _}`);
      break;
    case 'spawn':
      w.line(indent, `task =`);
      w.line(indent + 1, `Task.async(fn ->`);
      w.line(indent + 2, call);
      w.line(indent + 2, `:done`);
      w.line(indent + 1, `end)`);
      w.line(indent, `assert Task.await(task) == :done`);
      break;
    case 'loop':
      w.line(indent, `for i <- 1..${r.int(2, 5)} do`);
      w.line(indent + 1, `send(pid, {:tick, i})`);
      w.line(indent + 1, call);
      w.line(indent, `end`);
      break;
    default:
      w.line(indent, call);
  }
}

function testBody(r, w, indent, file, sleepy) {
  const statements = r.int(2, 9);
  const sleepAt = sleepy ? r.int(0, statements - 1) : -1;
  const v = r.pick(['result', 'value', 'entry', 'state', 'items', 'reply', 'data']);
  for (let i = 0; i < statements; i++) {
    if (i === sleepAt) sleepStatement(r, w, indent, file);
    else plainStatement(r, w, indent, v);
  }
}

function testBlock(r, w, indent, file, sleepy) {
  if (r.chance(0.08)) w.line(indent, r.pick(['@tag :slow', '@tag timeout: 60_000', '@tag :integration', '@tag capture_log: true']));
  const name = sleepy && r.chance(0.15) ? `${r.pick(VERBS)} after the ttl expires` : `${r.pick(VERBS)} ${r.pick(OBJECTS)}`;
  w.line(indent, `test "${name}", ${r.pick(['%{pid: pid}', 'ctx', '%{pid: pid} = ctx'])} do`);
  if (r.chance(0.3)) w.line(indent + 1, 'pid = ctx[:pid] || self()');
  testBody(r, w, indent + 1, file, sleepy);
  w.line(indent, 'end');
  w.line(indent, '');
}

function testFile(r, plan, tests, sleepy, mentionOnly) {
  const w = new Writer();
  const module = `${camel(plan.app)}.${plan.dirs.map(camel).join('.')}${plan.dirs.length ? '.' : ''}${plan.name.split('_').map(camel).join('')}Test`;
  const file = {
    imports: sleepy && r.chance(0.08),
    timerAlias: sleepy && r.chance(0.04) ? 'T' : null,
  };
  w.line(0, `defmodule ${module} do`);
  w.line(1, `use ExUnit.Case, async: ${r.chance(0.6)}`);
  if (r.chance(0.3)) w.line(1, '@moduletag :capture_log');
  w.line(1, `alias ${camel(plan.app)}.${camel(r.pick(NOUNS))}`);
  if (r.chance(0.5)) w.line(1, 'import ExUnit.CaptureLog');
  if (file.imports) w.line(1, r.pick(['import Process', 'import :timer, only: [sleep: 1]']));
  if (file.timerAlias) w.line(1, `alias :timer, as: ${file.timerAlias}`);
  if (r.chance(0.4)) w.line(1, `@ttl ${r.pick([50, 100, 250])}`);
  if (mentionOnly) w.line(1, `# no sleep here: the ${r.pick(NOUNS)} is synchronous`);
  w.line(1, '');
  w.line(1, 'setup do');
  w.line(2, `{:ok, pid} = start_supervised({${camel(r.pick(NOUNS))}, name: __MODULE__})`);
  w.line(2, '%{pid: pid}');
  w.line(1, 'end');
  w.line(1, '');
  // Which tests sleep: one to a few per sleepy file.
  const sleeping = new Set();
  if (sleepy) for (let k = r.weighted([[6, 1], [3, 2], [1, 4]]); k > 0; k--) sleeping.add(r.int(0, tests - 1));
  let t = 0;
  while (t < tests) {
    const inDescribe = r.chance(0.6);
    const count = Math.min(tests - t, r.int(1, 8));
    const indent = inDescribe ? 2 : 1;
    if (inDescribe) {
      w.line(1, `describe "${r.pick(NOUNS)}/${r.int(0, 3)}" do`);
      if (r.chance(0.2)) w.line(2, `setup [:start_${r.pick(NOUNS)}]`);
      if (r.chance(0.2)) w.line(2, '');
    }
    for (let k = 0; k < count; k++, t++) testBlock(r, w, indent, file, sleeping.has(t));
    if (inDescribe) {
      w.line(1, 'end');
      w.line(1, '');
    }
  }
  if (mentionOnly) {
    w.line(1, `test "does not need to sleep" do`);
    w.line(2, `assert Doc.render("Process.sleep/1 is not used") =~ "sleep"`);
    w.line(1, 'end');
  }
  for (let k = r.int(0, 2); k > 0; k--) {
    w.line(1, `defp ${r.pick(NOUNS)}_fixture(attrs \\\\ %{}) do`);
    w.line(2, `Map.merge(%{id: System.unique_integer([:positive])}, attrs)`);
    w.line(1, 'end');
    w.line(1, '');
  }
  w.line(0, 'end');
  return { text: w.toString(), tests };
}

function libModule(app, noun) {
  const m = `${camel(app)}.${camel(noun)}`;
  return `defmodule ${m} do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name] || __MODULE__)
  def get(pid), do: GenServer.call(pid, :get)
  def put(pid, value), do: GenServer.cast(pid, {:put, value})
  def size(pid), do: GenServer.call(pid, :size)

  @impl true
  def init(opts), do: {:ok, %{items: [], opts: opts}}

  @impl true
  def handle_call(:get, _from, state), do: {:reply, state.items, state}
  def handle_call(:size, _from, state), do: {:reply, length(state.items), state}

  @impl true
  def handle_cast({:put, value}, state), do: {:noreply, %{state | items: [value | state.items]}}
end
`;
}

/**
 * Writes the corpus under `dir`. Returns what it wrote: test files, the directories holding them,
 * bytes, and how many files contain `sleep` (the share the prefilter lets through).
 */
export function generateCorpus(dir, { n, seed }) {
  const r = rng(seed);
  const plans = planFiles(n, r);
  // Bigger files are more likely to sleep somewhere, as in real suites.
  // E[sqrt(tests / 9)] for the log-normal above is ~1.12; ~1% more files only mention `sleep`.
  const target = 0.082 / 1.12;
  let bytes = 0;
  let sleepyFiles = 0;
  let sleepyBytes = 0;
  const apps = new Set();
  for (const plan of plans) {
    const tests = testCount(r);
    const sleepy = r.chance(Math.min(0.6, target * Math.sqrt(tests / 9)));
    const mentionOnly = !sleepy && r.chance(0.01);
    const { text } = testFile(r, plan, tests, sleepy, mentionOnly);
    const abs = join(dir, plan.path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    bytes += Buffer.byteLength(text);
    if (text.includes('sleep')) {
      sleepyFiles++;
      sleepyBytes += Buffer.byteLength(text);
    }
    apps.add(plan.root);
  }
  // Each test tree gets a test_helper.exs and a support module; each app a few lib modules.
  let libFiles = 0;
  for (const app of apps) {
    const testDir = join(dir, app, 'test');
    writeFileSync(join(testDir, 'test_helper.exs'), 'ExUnit.start()\n');
    mkdirSync(join(testDir, 'support'), { recursive: true });
    writeFileSync(join(testDir, 'support', 'case_helpers.ex'), 'defmodule CaseHelpers do\n  def eventually(fun), do: fun.()\nend\n');
    const appName = (app.split('/').pop() || 'core').replace(/_\d+$/, '');
    const lib = join(dir, app, 'lib', appName);
    mkdirSync(lib, { recursive: true });
    for (const noun of NOUNS.slice(0, 6)) {
      writeFileSync(join(lib, `${noun}.ex`), libModule(appName, noun));
      libFiles++;
    }
  }
  const testDirs = new Set(plans.map((plan) => dirname(plan.path))).size;
  return { files: n + 2 * apps.size, testFiles: n, testDirs, bytes, sleepyFiles, sleepyBytes, libFiles };
}
