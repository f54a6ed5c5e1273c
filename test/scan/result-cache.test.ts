// The result cache (src/cache/result-cache.ts): a report scan reuses a file's answers only while
// the build, the project, the allowlist, the file's bytes and every project module its rules asked
// about are unchanged. To tell a reused answer from a fresh one, the tests overwrite each cached
// finding's reason with a marker: the marker in a report means the answer came from the cache.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { scan } from '../../src/scan/scan.js';
import { useBuildKey } from '../../src/cache/build-key.js';
import { CACHE_FILE } from '../../src/cache/result-cache.js';
import { project, testModule } from '../helpers/project.js';
import { spawnSync } from 'node:child_process';
// @ts-expect-error plain JS module without types
import { generateCorpus } from '../../bench/corpus.js';

const MARK = 'from the cache';

const STORE_CALL = `defmodule App.Store do
  use GenServer

  def put(pid, value), do: GenServer.call(pid, {:put, value})
  def get(pid), do: GenServer.call(pid, :get)

  def handle_call({:put, value}, _from, _state), do: {:reply, :ok, value}
  def handle_call(:get, _from, state), do: {:reply, state, state}
  def handle_cast({:put, value}, _state), do: {:noreply, value}
end
`;
const STORE_CAST = STORE_CALL.replace('GenServer.call(pid, {:put', 'GenServer.cast(pid, {:put');

const STORE_TEST = testModule(`  test "stores", %{pid: pid} do
    App.Store.put(pid, 1)
    Process.sleep(50)
    assert App.Store.get(pid) == 1
  end`);

const TTL_TEST = testModule(
  `  test "expires", %{cache: cache} do
    Cache.put(cache, :a, 1, ttl: 100)
    Process.sleep(150)
    refute Cache.get(cache, :a)
  end`,
  'App.TtlTest',
);

const NO_SLEEP_TEST = testModule(`  test "adds" do\n    assert 1 + 1 == 2\n  end`, 'App.PlainTest');

async function report(root: string, options: { cache?: boolean; paths?: string[]; only?: (rel: string) => boolean } = {}) {
  const result = await scan({ root, reportOnlyParallel: true, cache: options.cache ?? true, paths: options.paths?.map((p) => join(root, p)), only: options.only });
  return result.report;
}

const reasons = async (root: string, options?: { cache?: boolean; paths?: string[] }) => Object.fromEntries((await report(root, options)).findings.map((f) => [f.file, f.reason]));

function cacheFile(root: string) {
  return JSON.parse(readFileSync(join(root, CACHE_FILE), 'utf8')) as { key: string; files: Record<string, { findings: { reason: string }[] }> };
}

/** Marks every cached finding, so that a report shows which answers were reused. */
function markCache(root: string): void {
  const cache = cacheFile(root);
  for (const entry of Object.values(cache.files)) for (const finding of entry.findings) finding.reason = MARK;
  writeFileSync(join(root, CACHE_FILE), JSON.stringify(cache));
}

function write(root: string, rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

beforeEach(() => useBuildKey('test-build-1'));
afterEach(() => useBuildKey(''));

describe('the result cache', () => {
  it('reuses the answers of unchanged files, and writes nothing when nothing changed', async () => {
    const root = project({ 'lib/store.ex': STORE_CALL, 'test/store_test.exs': STORE_TEST, 'test/ttl_test.exs': TTL_TEST, 'test/plain_test.exs': NO_SLEEP_TEST });
    const cold = await report(root);
    expect(cold.findings.map((f) => f.fix)).toEqual(['remove', null]);
    // Only files that passed the prefilter are kept.
    expect(Object.keys(cacheFile(root).files).sort()).toEqual(['test/store_test.exs', 'test/ttl_test.exs']);
    expect(await report(root)).toEqual(cold);

    markCache(root);
    const written = statSync(join(root, CACHE_FILE));
    expect(await reasons(root)).toEqual({ 'test/store_test.exs': MARK, 'test/ttl_test.exs': MARK });
    const after = statSync(join(root, CACHE_FILE));
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
  });

  it('scans a changed file afresh and keeps reusing the others', async () => {
    const root = project({ 'test/store_test.exs': STORE_TEST, 'test/ttl_test.exs': TTL_TEST });
    await report(root);
    markCache(root);
    write(root, 'test/ttl_test.exs', TTL_TEST.replace('Process.sleep(150)', 'Process.sleep(200)'));
    const found = await report(root);
    expect(found.findings.find((f) => f.file === 'test/ttl_test.exs')).toMatchObject({ call: 'Process.sleep(200)', duration_ms: 200 });
    expect(Object.fromEntries(found.findings.map((f) => [f.file, f.reason === MARK]))).toEqual({ 'test/store_test.exs': true, 'test/ttl_test.exs': false });
  });

  it('scans afresh when a project module the rules read changes, moves, disappears or appears', async () => {
    const root = project({ 'lib/store.ex': STORE_CALL, 'test/store_test.exs': STORE_TEST, 'test/ttl_test.exs': TTL_TEST });
    const fixOf = async () => (await report(root)).findings.find((f) => f.file === 'test/store_test.exs')!;
    expect(await fixOf()).toMatchObject({ fix: 'remove' });

    markCache(root);
    write(root, 'lib/store.ex', STORE_CAST);
    expect(await fixOf()).toMatchObject({ fix: 'sync_barrier', safety: 'safe' });
    // A file whose rules never asked about the module keeps its answer.
    expect((await reasons(root))['test/ttl_test.exs']).toBe(MARK);

    markCache(root);
    renameSync(join(root, 'lib/store.ex'), join(root, 'lib/renamed_store.ex'));
    expect(await fixOf()).toMatchObject({ fix: 'sync_barrier', safety: 'safe' });
    expect((await reasons(root))['test/store_test.exs']).not.toBe(MARK);

    rmSync(join(root, 'lib/renamed_store.ex'));
    const unresolved = await fixOf();
    expect(unresolved.reason).toContain('may cast');

    markCache(root);
    write(root, 'lib/store.ex', STORE_CALL);
    expect(await fixOf()).toMatchObject({ fix: 'remove' });
  });

  it('scans afresh when a telemetry handler the project attaches changes, appears or goes', async () => {
    const attacher = (handler: string) =>
      `defmodule App.Recorder do\n  use GenServer\n  def init(_), do: {:ok, :telemetry.attach("r", [:app, :done], &__MODULE__.handle_event/4, nil)}\n  def handle_event(_e, _m, meta, _c), do: ${handler}\n  def handle_cast({:record, _}, s), do: {:noreply, s}\n  def count, do: GenServer.call(__MODULE__, :count)\nend\n`;
    // The test names no module of the project: only the telemetry dependency can tell it to scan again.
    const test = testModule(`  test "records" do\n    :telemetry.execute([:app, :done], %{}, %{})\n    Process.sleep(50)\n    assert :ets.lookup(:recorded, :done) != []\n  end`, 'App.RecorderTest');
    const root = project({ 'test/recorder_test.exs': test, 'test/ttl_test.exs': TTL_TEST });
    const fixOf = async () => (await report(root)).findings.find((f) => f.file === 'test/recorder_test.exs')!;
    expect(await fixOf()).toMatchObject({ fix: 'remove' });

    markCache(root);
    write(root, 'lib/recorder.ex', attacher('GenServer.cast(__MODULE__, {:record, meta})'));
    expect(await fixOf()).toMatchObject({ fix: 'wait_for' });
    expect((await reasons(root))['test/ttl_test.exs']).toBe(MARK);

    markCache(root);
    write(root, 'lib/recorder.ex', attacher(':ok'));
    expect(await fixOf()).toMatchObject({ fix: 'remove' });

    write(root, 'lib/recorder.ex', attacher('GenServer.cast(__MODULE__, {:record, meta})'));
    await report(root);
    markCache(root);
    rmSync(join(root, 'lib/recorder.ex'));
    expect(await fixOf()).toMatchObject({ fix: 'remove' });
  });

  it('scans afresh when a process subscribed to mnesia\'s events appears or goes', async () => {
    const log = `defmodule App.ChangeLog do\n  use GenServer\n  def init(_) do\n    :mnesia.subscribe({:table, :notes, :simple})\n    {:ok, []}\n  end\n  def handle_info({:mnesia_table_event, e}, s), do: {:noreply, [e | s]}\nend\n`;
    // The test names no module of the project: only the subscribers' dependency can tell it to scan again.
    const test = testModule(`  test "saves" do\n    {:atomic, :ok} = :mnesia.transaction(fn -> :mnesia.write({:notes, 1, "milk"}) end)\n    Process.sleep(50)\n    assert :mnesia.dirty_read(:notes, 1) != []\n  end`, 'App.NotesTest');
    const root = project({ 'test/notes_test.exs': test, 'test/ttl_test.exs': TTL_TEST });
    const fixOf = async () => (await report(root)).findings.find((f) => f.file === 'test/notes_test.exs')!;
    expect(await fixOf()).toMatchObject({ fix: 'remove' });

    markCache(root);
    write(root, 'lib/change_log.ex', log);
    expect(await fixOf()).not.toMatchObject({ fix: 'remove' });
    expect((await reasons(root))['test/ttl_test.exs']).toBe(MARK);

    markCache(root);
    rmSync(join(root, 'lib/change_log.ex'));
    expect(await fixOf()).toMatchObject({ fix: 'remove' });
  });

  it("scans afresh when a LiveView's handler for the event the test sends changes, appears or goes", async () => {
    const view = (work: string) =>
      `defmodule AppWeb.BoardLive do\n  use Phoenix.LiveView\n  def handle_event("suggest", _params, socket) do\n    send(self(), :suggest)\n    {:noreply, socket}\n  end\n  def handle_info(:suggest, socket) do\n    ${work}\n    {:noreply, assign(socket, :notice, "Ideas added")}\n  end\nend\n`;
    // The test names no module of the project: only the event handlers' dependency can tell it to scan again.
    const test = testModule(`  test "suggests", %{conn: conn} do\n    {:ok, view, _html} = live(conn, "/board")\n    render_click(view, "suggest", %{})\n    Process.sleep(50)\n    assert render(view) =~ "Ideas added"\n  end`, 'AppWeb.BoardLiveTest');
    const root = project({ 'test/board_live_test.exs': test, 'test/ttl_test.exs': TTL_TEST });
    const fixOf = async () => (await report(root)).findings.find((f) => f.file === 'test/board_live_test.exs')!;
    expect(await fixOf()).toMatchObject({ fix: 'wait_for' });

    markCache(root);
    write(root, 'lib/board_live.ex', view(':ok'));
    expect(await fixOf()).toMatchObject({ fix: 'remove' });
    expect((await reasons(root))['test/ttl_test.exs']).toBe(MARK);

    markCache(root);
    write(root, 'lib/board_live.ex', view('Task.start(fn -> :ok end)'));
    expect(await fixOf()).toMatchObject({ fix: 'wait_for' });

    write(root, 'lib/board_live.ex', view(':ok'));
    await report(root);
    markCache(root);
    rmSync(join(root, 'lib/board_live.ex'));
    expect(await fixOf()).toMatchObject({ fix: 'wait_for' });
  });

  it('empties when the allowlist changes', async () => {
    const root = project({ 'test/store_test.exs': STORE_TEST, 'test/ttl_test.exs': TTL_TEST });
    await report(root);
    markCache(root);
    write(root, 'sleepless.allowlist.json', JSON.stringify({ version: 1, contexts: { ttl: { words: ['lease'] } } }));
    expect(Object.values(await reasons(root))).not.toContain(MARK);
  });

  it('is never read by another build of sleepless', async () => {
    const root = project({ 'test/store_test.exs': STORE_TEST });
    await report(root);
    markCache(root);
    useBuildKey('test-build-2');
    expect(Object.values(await reasons(root))).not.toContain(MARK);
  });

  it('keeps allowlist matches per file, so a reused file still uses its entry', async () => {
    const allowlist = { version: 1, sites: [{ file: 'test/store_test.exs', call: 'Process.sleep(50)', category: 'timeout_sim', reason: 'the server times out' }] };
    const root = project({ 'test/store_test.exs': STORE_TEST, 'test/ttl_test.exs': TTL_TEST, 'sleepless.allowlist.json': JSON.stringify(allowlist) });
    const cold = await report(root);
    expect(cold.findings.find((f) => f.file === 'test/store_test.exs')).toMatchObject({ verdict: 'legitimate', rule: 'allowlist-entry' });
    expect(cold.errors).toEqual([]);
    markCache(root);
    const warm = await report(root);
    expect(warm.findings.every((f) => f.reason === MARK)).toBe(true);
    expect(warm.errors).toEqual([]);
  });

  it('keeps the entries of files a scan of some paths did not cover, and drops those of files gone', async () => {
    const root = project({ 'test/a/store_test.exs': STORE_TEST, 'test/b/ttl_test.exs': TTL_TEST });
    await report(root);
    await report(root, { paths: ['test/a'] });
    expect(Object.keys(cacheFile(root).files).sort()).toEqual(['test/a/store_test.exs', 'test/b/ttl_test.exs']);
    // check --since scans only the changed files: the others keep their answers too.
    writeFileSync(join(root, 'test/a/store_test.exs'), `${STORE_TEST}\n`);
    await report(root, { only: (rel) => rel === 'test/a/store_test.exs' });
    expect(Object.keys(cacheFile(root).files).sort()).toEqual(['test/a/store_test.exs', 'test/b/ttl_test.exs']);
    rmSync(join(root, 'test/b'), { recursive: true });
    await report(root);
    expect(Object.keys(cacheFile(root).files)).toEqual(['test/a/store_test.exs']);
  });

  it('is ignored and rewritten when damaged', async () => {
    const root = project({ 'test/store_test.exs': STORE_TEST, 'test/ttl_test.exs': TTL_TEST });
    const cold = await report(root);
    for (const damage of ['{"version":1,', '[]', JSON.stringify({ version: 1, key: cacheFile(root).key, files: { 'test/store_test.exs': { hash: 'x', findings: 'nope' } } })]) {
      writeFileSync(join(root, CACHE_FILE), damage);
      expect(await report(root)).toEqual(cold);
      expect(Object.keys(cacheFile(root).files).sort()).toEqual(['test/store_test.exs', 'test/ttl_test.exs']);
    }
  });

  it('keeps a well-formed entry under the right hash from being trusted when its arrays do not line up', async () => {
    const root = project({ 'test/store_test.exs': STORE_TEST });
    const cold = await report(root);
    const cache = cacheFile(root) as unknown as { files: Record<string, { owners: string[] }> };
    cache.files['test/store_test.exs']!.owners = [];
    writeFileSync(join(root, CACHE_FILE), JSON.stringify(cache));
    expect(await report(root)).toEqual(cold);
  });

  it('is neither read nor written with cache off, or without a build key (run from source)', async () => {
    const root = project({ 'test/store_test.exs': STORE_TEST });
    await report(root, { cache: false });
    expect(existsSync(join(root, '.sleepless'))).toBe(false);
    useBuildKey('');
    await report(root);
    expect(existsSync(join(root, '.sleepless'))).toBe(false);

    useBuildKey('test-build-1');
    await report(root);
    markCache(root);
    expect(Object.values(await reasons(root, { cache: false }))).not.toContain(MARK);
  });

  it('is not written where .sleepless leads out of the project, and the scan still succeeds', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'sleepless-outside-'));
    try {
      const root = project({ 'test/store_test.exs': STORE_TEST });
      symlinkSync(outside, join(root, '.sleepless'));
      expect((await report(root)).findings).toHaveLength(1);
      expect(existsSync(join(outside, 'cache'))).toBe(false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('puts a .gitignore in .sleepless, so the cache never shows in git status', async () => {
    const root = project({ 'test/store_test.exs': STORE_TEST });
    await report(root);
    expect(readFileSync(join(root, '.sleepless', '.gitignore'), 'utf8')).toContain('*');
  });
});

// Any sequence of edits to the tests and the project's modules: the cached scan reports what a
// scan from nothing reports, after every step.
describe('the result cache under edits (property)', () => {
  const EDITS: Record<string, (root: string) => void> = {
    'store calls': (root) => write(root, 'lib/store.ex', STORE_CALL),
    'store casts': (root) => write(root, 'lib/store.ex', STORE_CAST),
    'store moves': (root) => {
      if (existsSync(join(root, 'lib/store.ex'))) renameSync(join(root, 'lib/store.ex'), join(root, 'lib/other/store.ex'));
    },
    'store goes': (root) => rmSync(join(root, 'lib'), { recursive: true, force: true }),
    'store test sleeps longer': (root) => write(root, 'test/store_test.exs', STORE_TEST.replace('Process.sleep(50)', 'Process.sleep(80)')),
    'store test as first written': (root) => write(root, 'test/store_test.exs', STORE_TEST),
    'store test drops its sleep': (root) => write(root, 'test/store_test.exs', NO_SLEEP_TEST),
    'ttl test goes': (root) => rmSync(join(root, 'test/ttl_test.exs'), { force: true }),
    'ttl test comes back': (root) => write(root, 'test/ttl_test.exs', TTL_TEST),
    'allowlist entry': (root) => write(root, 'sleepless.allowlist.json', JSON.stringify({ version: 1, sites: [{ file: 'test/store_test.exs', call: 'Process.sleep(50)', category: 'ttl', reason: 'waits out a lease' }] })),
    'no allowlist': (root) => rmSync(join(root, 'sleepless.allowlist.json'), { force: true }),
  };

  it('always reports what an uncached scan reports', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...Object.keys(EDITS)), { minLength: 1, maxLength: 8 }), async (edits) => {
        const root = project({ 'lib/store.ex': STORE_CALL, 'test/store_test.exs': STORE_TEST, 'test/ttl_test.exs': TTL_TEST });
        mkdirSync(join(root, 'lib/other'), { recursive: true });
        try {
          await report(root);
          for (const edit of edits) {
            EDITS[edit]!(root);
            mkdirSync(join(root, 'lib/other'), { recursive: true });
            expect(await report(root)).toEqual(await report(root, { cache: false }));
          }
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 40, seed: 2026 },
    );
  });
});

// The built CLI: the launcher hands over the build key, and worker threads read the cache too.
describe('the result cache in the built CLI', () => {
  const BIN = join(import.meta.dirname, '../../bin/sleepless.js');
  const cli = (args: string[], okCodes = [0]) => {
    const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, SLEEPLESS_WORKERS: '1' }, maxBuffer: 1 << 28 });
    expect(okCodes, run.stderr).toContain(run.status);
    return run.stdout;
  };
  const scanJson = (dir: string, ...extra: string[]) => cli(['scan', '--format', 'json', '-q', dir, ...extra]);

  it('is reused by every thread of a parallel scan, and --no-cache scans everything again', () => {
    const corpus = mkdtempSync(join(tmpdir(), 'sleepless-cache-cli-'));
    try {
      (generateCorpus as (dir: string, o: { n: number; seed: number }) => unknown)(corpus, { n: 300, seed: 11 });
      const cold = scanJson(corpus);
      expect(JSON.parse(cold).findings.length).toBeGreaterThan(20);
      expect(scanJson(corpus)).toBe(cold);
      markCache(corpus);
      const warm = JSON.parse(scanJson(corpus)) as { findings: { reason: string }[] };
      expect(warm.findings.every((f) => f.reason === MARK)).toBe(true);
      expect(scanJson(corpus, '--no-cache')).toBe(cold);

      // check and baseline read the same answers (owners and loop counts included).
      rmSync(join(corpus, '.sleepless'), { recursive: true });
      const check = (...extra: string[]) => cli(['check', '--format', 'json', '-q', corpus, ...extra], [1]);
      const checkCold = check('--no-cache');
      expect(check()).toBe(checkCold);
      expect(check()).toBe(checkCold);
      const baseline = (file: string, ...extra: string[]) => {
        cli(['baseline', '-q', '--baseline', join(corpus, file), corpus, ...extra]);
        return readFileSync(join(corpus, file), 'utf8');
      };
      expect(baseline('warm.json')).toBe(baseline('cold.json', '--no-cache'));
    } finally {
      rmSync(corpus, { recursive: true, force: true });
    }
  });
});
