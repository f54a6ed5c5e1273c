#!/usr/bin/env node
// `npm run bench`: how fast `sleepless scan` is next to plain-text and structural search.
//
//   node bench/run.js [--n 2000[,20000]] [--seed 1] [--runs 5] [--ast-grep-runs K]
//                     [--install-tools] [--keep]
//
// For each N it writes a deterministic synthetic monorepo (bench/corpus.js) to a temp directory,
// then runs, in one loop that alternates the commands (so a busy machine slows them all alike):
//   sleepless   bin/sleepless.js scan --format json -q DIR, twice over: --no-cache (every file
//               parsed and classified on every run), and with the result cache that the untimed
//               first run filled (.sleepless/cache: what a second run on unchanged files costs)
//   ripgrep     rg over the same test files for the same words (`sleep`, `receive`)
//   ast-grep    a structural search for the same calls (when installed; --install-tools fetches
//               @ast-grep/cli's prebuilt binary into a temp directory, outside this project)
// and prints medians, min and max, peak memory (GNU time's maximum RSS) and ratios; then times
// `sleepless check` on a 10-file suite, start-up included, with its cache and without. It asserts nothing: CI runs it at a
// tiny N to see that it works; the numbers mean something only on an otherwise idle machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'sleepless.js');
const TOOLS = join(tmpdir(), 'sleepless-bench-tools');
const AST_GREP_VERSION = '0.51.1';

function parseArgs(argv) {
  const options = { n: [2000], seed: 1, runs: 5, astGrepRuns: undefined, installTools: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    if (arg === '--n') options.n = value().split(',').map((x) => positive(x, '--n'));
    else if (arg === '--seed') options.seed = positive(value(), '--seed');
    else if (arg === '--runs') options.runs = positive(value(), '--runs');
    else if (arg === '--ast-grep-runs') options.astGrepRuns = positive(value(), '--ast-grep-runs');
    else if (arg === '--install-tools') options.installTools = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--help' || arg === '-h') usage();
    else usage(`unknown option ${arg}`);
  }
  return options;
}

function positive(text, flag) {
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) usage(`${flag} takes a positive integer, got ${text}`);
  return n;
}

function usage(message) {
  const text = 'usage: node bench/run.js [--n 2000[,20000]] [--seed 1] [--runs 5] [--ast-grep-runs K] [--install-tools] [--keep]';
  if (message) {
    process.stderr.write(`bench: ${message}\n${text}\n`);
    process.exit(2);
  }
  process.stdout.write(`${text}\n`);
  process.exit(0);
}

/** GNU time, for peak memory; without it the column says n/a. */
const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-f', '%M', 'true']).status === 0);

/** Runs `argv`; returns wall seconds and peak RSS in KB (null without GNU time). */
function measure(argv, { capture = false, okCodes = [0], env = process.env } = {}) {
  const memFile = join(tmpdir(), `sleepless-bench-${process.pid}.mem`);
  const full = GNU_TIME ? [GNU_TIME, '-f', '%M', '-o', memFile, ...argv] : argv;
  const started = process.hrtime.bigint();
  const run = spawnSync(full[0], full.slice(1), {
    stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'],
    maxBuffer: 1 << 30,
    encoding: capture ? 'utf8' : undefined,
    env,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.error) throw run.error;
  if (!okCodes.includes(run.status)) {
    throw new Error(`${argv.join(' ')} exited with ${run.status}: ${String(run.stderr).slice(0, 500)}`);
  }
  let peakKb = null;
  if (GNU_TIME) {
    const lines = readFileSync(memFile, 'utf8').trim().split('\n');
    peakKb = Number(lines[lines.length - 1]) || null;
    rmSync(memFile, { force: true });
  }
  return { seconds, peakKb, stdout: capture ? run.stdout : '' };
}

function which(command) {
  const run = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : null;
}

/** ast-grep's own binary: on PATH (`sg` may be shadow's newgrp instead), or fetched into TOOLS. */
function findAstGrep(install) {
  for (const name of ['ast-grep', 'sg', join(TOOLS, 'node_modules', '.bin', 'ast-grep')]) {
    const version = which(name);
    if (version?.startsWith('ast-grep')) return { bin: name, version };
  }
  if (!install) return null;
  process.stderr.write(`bench: installing @ast-grep/cli@${AST_GREP_VERSION} into ${TOOLS} (a prebuilt binary; not a project dependency)\n`);
  mkdirSync(TOOLS, { recursive: true });
  if (!existsSync(join(TOOLS, 'package.json'))) writeFileSync(join(TOOLS, 'package.json'), '{"private":true}\n');
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `@ast-grep/cli@${AST_GREP_VERSION}`], { cwd: TOOLS, stdio: 'inherit' });
  if (npm.status !== 0) return null;
  const bin = join(TOOLS, 'node_modules', '.bin', 'ast-grep');
  const version = which(bin);
  return version?.startsWith('ast-grep') ? { bin, version } : null;
}

/** The structural search for the forms sleepless detects, limited to test directories. */
const AST_GREP_RULE = `id: sleep
language: elixir
severity: info
message: sleep
files: ["**/test/**"]
rule:
  any:
    - pattern: Process.sleep($$$)
    - pattern: Process.sleep $A
    - pattern: :timer.sleep($$$)
    - pattern: $T.sleep($$$)
    - pattern: sleep($$$)
    - pattern: $X |> Process.sleep()
    - pattern: "&Process.sleep/1"
    - pattern: "receive after: $A"
    - kind: call
      regex: "^receive\\\\s+do\\\\s+after"
`;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fmtSeconds = (s) => (s >= 10 ? `${s.toFixed(1)} s` : s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1000).toFixed(0)} ms`);
const fmtMb = (kb) => (kb == null ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);
const fmtRatio = (r) => (r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(1)}×`);

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r, i) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ') + (i === 0 ? `\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : '')).join('\n');
}

function benchCorpus(n, options, astGrep, rg) {
  const dir = mkdtempSync(join(tmpdir(), `sleepless-bench-${n}-`));
  const started = Date.now();
  const corpus = generateCorpus(dir, { n, seed: options.seed });
  const generated = ((Date.now() - started) / 1000).toFixed(1);
  const ruleDir = mkdtempSync(join(tmpdir(), 'sleepless-bench-rule-'));
  writeFileSync(join(ruleDir, 'rule.yml'), AST_GREP_RULE);

  const cold = { name: 'sleepless scan --format json --no-cache', argv: [BIN, 'scan', '--format', 'json', '-q', '--no-cache', dir] };
  const warm = { name: 'sleepless scan --format json, cache warm', argv: [BIN, 'scan', '--format', 'json', '-q', dir] };
  const commands = [
    cold,
    warm,
    rg && { name: 'ripgrep (same files, same words)', argv: ['rg', '-n', '-e', '\\bsleep\\b', '-e', '\\breceive\\b', '-g', '**/test/**/*.{ex,exs}', dir], okCodes: [0, 1] },
    astGrep && { name: 'ast-grep scan (same calls)', argv: [astGrep.bin, 'scan', '-r', join(ruleDir, 'rule.yml'), '--json=stream', dir], runs: options.astGrepRuns ?? (n <= 5000 ? options.runs : 1) },
  ].filter(Boolean);

  // One untimed run each: warms the page cache, fills the result cache, and checks that sleepless
  // reports what it should, the same with the cache as without.
  const first = measure(warm.argv, { capture: true });
  const report = JSON.parse(first.stdout);
  if (report.files_scanned < n) throw new Error(`sleepless scanned ${report.files_scanned} files, expected at least ${n}`);
  if (measure(cold.argv, { capture: true }).stdout !== first.stdout) throw new Error('sleepless reported differently with --no-cache');
  if (measure(warm.argv, { capture: true }).stdout !== first.stdout) throw new Error('sleepless reported differently from its cache');
  for (const c of commands.slice(2)) measure(c.argv, { okCodes: c.okCodes });

  const results = new Map(commands.map((c) => [c, []]));
  for (let round = 0; round < options.runs; round++) {
    // Rotate the order every round.
    for (let k = 0; k < commands.length; k++) {
      const c = commands[(round + k) % commands.length];
      if (results.get(c).length >= (c.runs ?? options.runs)) continue;
      results.get(c).push(measure(c.argv, { okCodes: c.okCodes }));
    }
  }
  if (!options.keep) rmSync(dir, { recursive: true, force: true });
  rmSync(ruleDir, { recursive: true, force: true });

  const stats = commands.map((c) => {
    const runs = results.get(c);
    const seconds = runs.map((r) => r.seconds);
    const peaks = runs.map((r) => r.peakKb).filter((k) => k != null);
    return { name: c.name, runs: runs.length, median: median(seconds), min: Math.min(...seconds), max: Math.max(...seconds), peakKb: peaks.length ? Math.max(...peaks) : null };
  });
  return { n, dir, corpus, generated, report, stats };
}

function benchCheck(options) {
  const dir = mkdtempSync(join(tmpdir(), 'sleepless-bench-check-'));
  // Ten files, several of them with sleeps: a small service's suite. Timed as it is, and again
  // as a team that adopted `check` with a baseline runs it: the baseline is read and validated.
  generateCorpus(dir, { n: 10, seed: options.seed });
  const argv = [BIN, 'check', '-q', dir];
  const coldArgv = [...argv, '--no-cache'];
  // Untimed: fills the result cache that `argv` then reuses, as on a developer's second run.
  measure(argv, { okCodes: [0, 1] });
  const nodeArgv = [process.execPath, '-e', '0'];
  // Node 20 loads the certificates NODE_EXTRA_CA_CERTS names before running any code; the
  // launcher keeps them from its own Node (bin/sleepless.js), so the floor is timed both ways.
  const withoutCerts = process.env.NODE_EXTRA_CA_CERTS ? { ...process.env, NODE_EXTRA_CA_CERTS: '' } : null;
  const runs = Math.max(options.runs, 5);
  const check = [];
  const checkCold = [];
  const bare = [];
  const bareWithoutCerts = [];
  for (let i = 0; i < runs; i++) {
    check.push(measure(argv, { okCodes: [0, 1] }));
    checkCold.push(measure(coldArgv, { okCodes: [0, 1] }));
    bare.push(measure(nodeArgv));
    if (withoutCerts) bareWithoutCerts.push(measure(nodeArgv, { env: withoutCerts }));
  }
  measure([BIN, 'baseline', '-q', dir]);
  const withBaseline = [];
  for (let i = 0; i < runs; i++) withBaseline.push(measure(argv));
  rmSync(dir, { recursive: true, force: true });
  const summary = (rs) => ({ median: median(rs.map((r) => r.seconds)), min: Math.min(...rs.map((r) => r.seconds)), peakKb: Math.max(...rs.map((r) => r.peakKb ?? 0)) || null });
  return {
    check: summary(check),
    checkCold: summary(checkCold),
    withBaseline: summary(withBaseline),
    node: summary(bare),
    nodeWithoutCerts: withoutCerts ? summary(bareWithoutCerts) : null,
    runs,
  };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist', 'sleepless.cjs'))) {
    process.stderr.write('bench: dist/ is missing; run `npm run build` first\n');
    process.exit(2);
  }
  const rg = which('rg');
  const astGrep = findAstGrep(options.installTools);
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  const out = (line = '') => process.stdout.write(`${line}\n`);

  out(`sleepless benchmark · seed ${options.seed} · ${options.runs} runs, commands alternated · ${cores} CPUs · node ${process.version}`);
  out(`ripgrep: ${rg ? rg.split('\n')[0] : 'not installed'} · ast-grep: ${astGrep ? astGrep.version : 'not installed (--install-tools fetches it into a temp directory)'}`);
  out(`peak memory: ${GNU_TIME ? `maximum RSS from ${GNU_TIME}` : 'n/a (GNU time not found)'}`);

  const medians = [];
  for (const n of options.n) {
    const result = benchCorpus(n, options, astGrep, rg);
    const { corpus, stats } = result;
    const [sleepless, sleeplessWarm] = stats;
    const ripgrep = stats.find((s) => s.name.startsWith('ripgrep'));
    const ag = stats.find((s) => s.name.startsWith('ast-grep'));
    medians.push({ n, seconds: sleepless.median });
    out();
    out(
      `N = ${n.toLocaleString('en-US')} test files in ${corpus.testDirs.toLocaleString('en-US')} directories · ${(corpus.bytes / 1e6).toFixed(1)} MB · ${corpus.sleepyFiles} (${((100 * corpus.sleepyFiles) / corpus.testFiles).toFixed(1)}%) contain \`sleep\`` +
        ` · ${result.report.summary.sleeps} sleeps found · generated in ${result.generated} s${options.keep ? ` · kept in ${result.dir}` : ''}`,
    );
    const rows = [['command', 'runs', 'median', 'min', 'max', 'peak RSS', 'vs ripgrep']];
    for (const s of stats) {
      rows.push([s.name, s.runs, fmtSeconds(s.median), fmtSeconds(s.min), fmtSeconds(s.max), fmtMb(s.peakKb), ripgrep ? fmtRatio(s.median / ripgrep.median) : 'n/a']);
    }
    if (!ripgrep) rows.push(['ripgrep', 0, 'not installed', '', '', '', '']);
    if (!ag) rows.push(['ast-grep', 0, 'not installed', '', '', '', '']);
    out(table(rows));
    if (ag) out(`sleepless is ${fmtRatio(ag.median / sleepless.median)} faster than ast-grep (${fmtRatio(ag.median / sleeplessWarm.median)} with the cache warm)`);
  }
  if (medians.length > 1) {
    const [a, b] = [medians[0], medians[medians.length - 1]];
    out();
    out(`scaling (--no-cache): N = ${b.n.toLocaleString('en-US')} took ${fmtRatio(b.seconds / a.seconds)} the time of N = ${a.n.toLocaleString('en-US')} (${fmtRatio(b.n / a.n)} the files)`);
  }
  const start = benchCheck(options);
  out();
  out(
    table([
      ['start-up', 'runs', 'median', 'min', 'peak RSS'],
      ['sleepless check -q, 10-file suite', start.runs, fmtSeconds(start.check.median), fmtSeconds(start.check.min), fmtMb(start.check.peakKb)],
      ['  the same, --no-cache', start.runs, fmtSeconds(start.checkCold.median), fmtSeconds(start.checkCold.min), fmtMb(start.checkCold.peakKb)],
      ['  the same, with a baseline', start.runs, fmtSeconds(start.withBaseline.median), fmtSeconds(start.withBaseline.min), fmtMb(start.withBaseline.peakKb)],
      ['node -e 0 (the floor)', start.runs, fmtSeconds(start.node.median), fmtSeconds(start.node.min), ''],
      ...(start.nodeWithoutCerts
        ? [['  without NODE_EXTRA_CA_CERTS, as sleepless starts it', start.runs, fmtSeconds(start.nodeWithoutCerts.median), fmtSeconds(start.nodeWithoutCerts.min), '']]
        : []),
    ]),
  );
}

main();
