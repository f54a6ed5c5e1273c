// The CLI users run is the bundle (dist/sleepless.cjs, scripts/build.js) started by
// bin/sleepless.js through V8's code cache. These run that launcher on a private copy of the
// package, so the cache files they create, damage and rewrite are their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const ROOT = join(import.meta.dirname, '../..');
const SAMPLE = join(ROOT, 'fixtures/sample_app');
const { WRAPPER } = createRequire(import.meta.url)('../../bin/load-bundle.js') as { WRAPPER: string[] };

interface Metafile {
  inputs: Record<string, { imports: { path: string; kind: string }[] }>;
}

describe('the bundled CLI', () => {
  let pkg: string;
  let cache: string;
  const run = (args: string[], cwd = SAMPLE) => spawnSync(process.execPath, [join(pkg, 'bin/sleepless.js'), ...args], { cwd, encoding: 'utf8' });

  beforeAll(() => {
    // `npm test` builds dist/ before vitest starts.
    pkg = mkdtempSync(join(tmpdir(), 'sleepless-pkg-'));
    for (const file of ['package.json', 'allowlist.json', 'allowlist.schema.json']) copyFileSync(join(ROOT, file), join(pkg, file));
    cpSync(join(ROOT, 'bin'), join(pkg, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(pkg, 'dist'), { recursive: true, filter: (src) => !src.endsWith('.cache') });
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    cache = join(pkg, 'dist/sleepless.cjs.cache');
  });
  afterAll(() => rmSync(pkg, { recursive: true, force: true }));

  it('writes its code cache on the first run and gives the same report from it', () => {
    expect(existsSync(cache)).toBe(false);
    const first = run(['scan', '--format', 'json', '-q', '.']);
    expect(first.status, first.stderr).toBe(0);
    expect(existsSync(cache)).toBe(true);
    const written = statSync(cache).mtimeMs;
    const second = run(['scan', '--format', 'json', '-q', '.']);
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);
    expect(JSON.parse(second.stdout).summary.sleeps).toBeGreaterThan(0);
    // V8 took the cache (it keys it on its flags, which the launcher sets): a rejected one is rewritten.
    expect(statSync(cache).mtimeMs).toBe(written);
  });

  it('ignores a cache made for another build, and a damaged one, and writes a good one', () => {
    const good = run(['check', '-q', '--format', 'json', '.']);
    const key = readFileSync(cache).subarray(0, 20);
    const damaged = [
      Buffer.concat([Buffer.alloc(20, 7), readFileSync(cache).subarray(20)]), // another bundle's hash
      readFileSync(cache).subarray(0, 4096), // cut short
      Buffer.concat([key, Buffer.alloc(4096, 0xab)]), // the right hash, then garbage
    ];
    for (const bytes of damaged) {
      writeFileSync(cache, bytes);
      const again = run(['check', '-q', '--format', 'json', '.']);
      expect(again.stderr).toBe('');
      expect(again.stdout).toBe(good.stdout);
      expect(readFileSync(cache).subarray(0, 20)).toEqual(key);
    }
  });

  it('is ASCII, which the launcher reads as one-byte Latin-1, and ends with its own key', () => {
    const bytes = readFileSync(join(pkg, 'dist/sleepless.cjs'));
    // A non-ASCII character usually comes from a regex literal, which the bundler leaves as written:
    // spell it \uXXXX in the source.
    expect(isAscii(bytes)).toBe(true);
    const text = bytes.toString('latin1');
    const lastLine = text.lastIndexOf('\n', text.length - 2) + 1;
    expect(text.slice(lastLine)).toBe(`//# sleepless-key=${createHash('sha1').update(bytes.subarray(0, lastLine)).digest('hex')}\n`);
  });

  it("is written inside CommonJS's module wrapper, on its first line, so the launcher compiles the text it reads as it is", () => {
    const text = readFileSync(join(pkg, 'dist/sleepless.cjs'), 'latin1');
    const [head, tail] = WRAPPER as [string, string];
    expect(text.startsWith(head)).toBe(true);
    expect(text.slice(0, text.lastIndexOf('//# sleepless-key=')).endsWith(`${tail}\n`)).toBe(true);
    // The code starts on line 1, as under Node's own wrapper: stack traces keep their line numbers.
    expect(text.indexOf('\n')).toBeGreaterThan(head.length);
  });

  it('runs a bundle without its key line from source, and writes no cache for it', () => {
    const unkeyed = mkdtempSync(join(tmpdir(), 'sleepless-unkeyed-'));
    try {
      cpSync(pkg, unkeyed, { recursive: true, filter: (src) => !src.endsWith('.cache') });
      const bundle = join(unkeyed, 'dist/sleepless.cjs');
      const text = readFileSync(bundle, 'latin1');
      writeFileSync(bundle, text.slice(0, text.lastIndexOf('//# sleepless-key=')), 'latin1');
      const checked = spawnSync(process.execPath, [join(unkeyed, 'bin/sleepless.js'), 'check', '-q', '--format', 'json', '.'], { cwd: SAMPLE, encoding: 'utf8' });
      expect(checked.stderr).toBe('');
      expect(checked.stdout).toBe(run(['check', '-q', '--format', 'json', '.']).stdout);
      expect(existsSync(`${bundle}.cache`)).toBe(false);
    } finally {
      rmSync(unkeyed, { recursive: true, force: true });
    }
  });

  it('run as a command, keeps NODE_EXTRA_CA_CERTS from its own Node and hands it to the programs it starts', () => {
    const project = mkdtempSync(join(tmpdir(), 'sleepless-launcher-env-'));
    try {
      writeFileSync(join(project, 'cache_test.exs'), 'defmodule CacheTest do\n  use ExUnit.Case\n\n  test "stores", %{pid: pid} do\n    GenServer.cast(pid, {:put, 1})\n    Process.sleep(100)\n    assert GenServer.call(pid, :size) == 1\n  end\nend\n');
      const seen = join(project, 'seen.txt');
      // Node warns on stderr, before any code runs, that it cannot load a missing certificate file.
      const env = { ...process.env, NODE_EXTRA_CA_CERTS: join(project, 'missing-ca.pem') };
      const args = ['fix', '.', '--yes', '--allow-dirty', '--verify', '--verify-cmd', `printf '%s|%s' "$NODE_EXTRA_CA_CERTS" "$SLEEPLESS_NODE_EXTRA_CA_CERTS" > ${seen}; : {file}`];
      const throughNode = spawnSync(process.execPath, [join(pkg, 'bin/sleepless.js'), 'scan', '.'], { cwd: project, env, encoding: 'utf8' });
      expect(throughNode.stderr).toMatch(/extra certs/);
      const asCommand = spawnSync(join(pkg, 'bin/sleepless.js'), args, { cwd: project, env, encoding: 'utf8' });
      expect(asCommand.stderr).not.toMatch(/extra certs/);
      expect(asCommand.status, asCommand.stdout + asCommand.stderr).toBe(0);
      expect(readFileSync(seen, 'utf8')).toBe(`${env.NODE_EXTRA_CA_CERTS}|`);
      expect(readFileSync(join(project, 'cache_test.exs'), 'utf8')).not.toMatch(/Process\.sleep/);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('loads a user transform module (-t ./mine.mjs), which the bundle cannot import by itself', () => {
    const project = mkdtempSync(join(tmpdir(), 'sleepless-user-transform-'));
    try {
      cpSync(SAMPLE, project, { recursive: true, filter: (src) => !/[\\/](_build|deps)$/.test(src) });
      writeFileSync(join(project, 'mine.mjs'), "export default (file) => file.source.replace('Process.sleep(', 'Process.sleep( ');\n");
      // Twice: once compiled from source, once from the cache.
      for (let i = 0; i < 2; i++) {
        const fix = run(['fix', '--dry', '-t', './mine.mjs', '.'], project);
        expect(fix.stderr).not.toMatch(/cannot load/);
        expect(fix.stdout).toMatch(/^\+.*Process\.sleep\( /m);
      }
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('starts scan worker threads from the launcher', () => {
    const corpus = mkdtempSync(join(tmpdir(), 'sleepless-bundle-workers-'));
    try {
      for (let i = 0; i < 3; i++) writeFileSync(join(corpus, `w${i}_test.exs`), `defmodule W${i}Test do\n  use ExUnit.Case\n  test "t" do\n    Process.sleep(10)\n  end\nend\n`);
      // NODE_DEBUG=worker: Node logs each worker thread it creates.
      const scanned = (workers: number) =>
        spawnSync(process.execPath, [join(pkg, 'bin/sleepless.js'), 'scan', '--format', 'json', '-q', corpus], {
          encoding: 'utf8',
          env: { ...process.env, SLEEPLESS_WORKERS: String(workers), NODE_DEBUG: 'worker' },
        });
      const serial = scanned(0);
      const parallel = scanned(2);
      expect(serial.stderr.match(/created Worker with ID/g)).toBeNull();
      expect(parallel.stderr.match(/created Worker with ID/g)).toHaveLength(2);
      expect(parallel.stdout).toBe(serial.stdout);
      expect(JSON.parse(parallel.stdout).summary.sleeps).toBe(3);
    } finally {
      rmSync(corpus, { recursive: true, force: true });
    }
  });

  it("loads neither assert nor worker_threads for a small check, nor runs Node's ES module loader", () => {
    // Node lists every builtin a process has loaded; a preload records the list at exit.
    const listFile = join(pkg, 'loaded.json');
    const preload = join(pkg, 'record-loaded.cjs');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(listFile)}, JSON.stringify(process.moduleLoadList)));\n`);
    const checked = spawnSync(process.execPath, ['--require', preload, join(pkg, 'bin/sleepless.js'), 'check', '-q', '.'], { cwd: SAMPLE, encoding: 'utf8' });
    expect(checked.status, checked.stderr).toBe(1);
    const loaded = JSON.parse(readFileSync(listFile, 'utf8')) as string[];
    expect(loaded).toContain('NativeModule vm');
    // The launcher is CommonJS: an ES module entry point runs its module jobs (module_job).
    expect(loaded.filter((m) => /^NativeModule (assert|worker_threads|internal\/modules\/esm\/module_job)$/.test(m))).toEqual([]);
  });

  it('loads tree-sitter only to parse, and the grammar without its node-types.json', () => {
    // A preload records the files CommonJS loaded (tree-sitter and its native halves are loaded at run time, outside the bundle).
    const listFile = join(pkg, 'required.json');
    const preload = join(pkg, 'record-required.cjs');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(listFile)}, JSON.stringify(Object.keys(require.cache))));\n`);
    const corpus = mkdtempSync(join(tmpdir(), 'sleepless-lazy-'));
    try {
      writeFileSync(join(corpus, 'counter_test.exs'), 'defmodule CounterTest do\n  use ExUnit.Case\n\n  test "counts" do\n    {:ok, pid} = Counter.start_link()\n    GenServer.cast(pid, :inc)\n    Process.sleep(50)\n    assert Counter.value(pid) == 1\n  end\nend\n');
      const required = (extra: string[]) => {
        const ran = spawnSync(process.execPath, ['--require', preload, join(pkg, 'bin/sleepless.js'), 'check', '-q', ...extra, '.'], { cwd: corpus, encoding: 'utf8' });
        expect(ran.status, ran.stderr).toBe(1);
        return (JSON.parse(readFileSync(listFile, 'utf8')) as string[]).map((file) => file.split(/[\\/]node_modules[\\/]/).pop()!);
      };
      // The first run parses: the binding and the grammar, but not the grammar's node-types.json.
      const parsed = required([]);
      expect(parsed.filter((file) => /^tree-sitter(-elixir)?[\\/].*\.node$/.test(file))).toHaveLength(2);
      expect(parsed.filter((file) => file.endsWith('node-types.json'))).toEqual([]);
      // The second answers from the result cache: nothing is parsed, and tree-sitter never loads.
      expect(required([]).filter((file) => file.startsWith('tree-sitter'))).toEqual([]);
      expect(required(['--no-cache']).filter((file) => file.startsWith('tree-sitter')).length).toBeGreaterThan(0);
    } finally {
      rmSync(corpus, { recursive: true, force: true });
    }
  });

  it("loads every Node module it needs before setting V8's flags, which would make Node compile them from source", () => {
    // A preload notes where the module list stood when the launcher set the flags.
    const listFile = join(pkg, 'after-flags.json');
    const preload = join(pkg, 'record-after-flags.cjs');
    writeFileSync(
      preload,
      [
        "const v8 = require('node:v8');",
        'const set = v8.setFlagsFromString;',
        'let at = -1;',
        'v8.setFlagsFromString = (flags) => { at = process.moduleLoadList.length; return set(flags); };',
        `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(listFile)}, JSON.stringify(at < 0 ? null : process.moduleLoadList.slice(at))));`,
      ].join('\n'),
    );
    for (const args of [['check', '-q', '.'], ['scan', '--format', 'json', '-q', '.']]) {
      const ran = spawnSync(process.execPath, ['--require', preload, join(pkg, 'bin/sleepless.js'), ...args], { cwd: SAMPLE, encoding: 'utf8' });
      expect(ran.status, ran.stderr).toBe(args[0] === 'check' ? 1 : 0);
      const after = JSON.parse(readFileSync(listFile, 'utf8')) as string[] | null;
      expect(after, args.join(' ')).not.toBeNull();
      expect(after!.filter((m) => m.startsWith('NativeModule ')), args.join(' ')).toEqual([]);
    }
  });

  it('stops writing, quietly, when the reader of its output goes away (`| head`), and keeps its exit code', async () => {
    const child = spawn(process.execPath, [join(pkg, 'bin/sleepless.js'), 'check', '.'], { cwd: SAMPLE, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    // Closed before the CLI has written anything: its first write meets EPIPE.
    child.once('spawn', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(stderr).toBe('');
    // The sample app has problematic sleeps and no baseline: check fails, as it would have.
    expect(code).toBe(1);
  });

  it('validates a baseline with the validators compiled at build time, Ajv itself never bundled', () => {
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist/meta.json'), 'utf8')) as Metafile;
    const ajvParts = Object.keys(meta.inputs).filter((p) => /node_modules[\\/]ajv[\\/]/.test(p));
    expect(ajvParts.filter((p) => !/ajv[\\/]dist[\\/]runtime[\\/]/.test(p))).toEqual([]);
    const project = mkdtempSync(join(tmpdir(), 'sleepless-baseline-'));
    try {
      cpSync(SAMPLE, project, { recursive: true, filter: (src) => !/[\\/](_build|deps)$/.test(src) });
      writeFileSync(join(project, 'sleepless-baseline.json'), '{\n  "version": 1,\n  "entries": [],\n  "extra": true\n}\n');
      const bad = run(['check', '.'], project);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('sleepless-baseline.json:4:12: field extra is not a known field');
      rmSync(join(project, 'sleepless-baseline.json'));
      const written = run(['baseline', '.'], project);
      expect(written.status, written.stderr).toBe(0);
      const good = run(['check', '.'], project);
      expect(good.status, good.stderr).toBe(0);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('holds the interactive session only behind dynamic imports', () => {
    // Following static imports from the entry never reaches inquirer or diff: the bundle
    // initialises them only when `fix` opens a session (or renders a diff).
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist/meta.json'), 'utf8')) as Metafile;
    const seen = new Set<string>();
    const stack = ['src/cli/entry.ts'];
    while (stack.length > 0) {
      const input = stack.pop()!;
      if (seen.has(input)) continue;
      seen.add(input);
      for (const { path, kind } of meta.inputs[input]?.imports ?? []) if (kind !== 'dynamic-import' && meta.inputs[path]) stack.push(path);
    }
    expect(seen.size).toBeGreaterThan(20);
    expect([...seen].filter((p) => /node_modules[\\/](@inquirer|diff)[\\/]/.test(p))).toEqual([]);
    expect([...Object.keys(meta.inputs)].some((p) => p.includes('@inquirer'))).toBe(true);
  });
});
