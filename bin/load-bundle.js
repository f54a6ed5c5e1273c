// Loads the CLI's bundle, dist/sleepless.cjs (built by scripts/build.js), through V8's code cache:
// compiling the bundle from source on every run cost more than the rest of a small `check`.
// The cache sits next to the bundle and starts with the bundle's key: a hash of its text that the
// build stamps on the bundle's last line, so that no run hashes 700 KB itself (V8 checks only the
// source's length, and its own version and flags). A missing, stale or rejected cache costs one
// ordinary compile, after which the run writes a fresh one (atomically; not at all where dist/ is
// read-only). Used by both entry points: bin/sleepless.js (the CLI) and bin/scan-worker.js.
'use strict';
const { isAscii } = require('node:buffer');
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');

const PACKAGE = join(__dirname, '..');
const BUNDLE = join(PACKAGE, 'dist', 'sleepless.cjs');
const CACHE = `${BUNDLE}.cache`;

/**
 * What the build writes around the bundle's code: the function Node's CommonJS loader wraps a
 * module in. The text read is then compiled as it is (see scripts/build.js).
 */
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];

/** The bundle's last line: this, then the hex SHA-1 of everything before it. */
const KEY_STAMP = '//# sleepless-key=';
const KEY_BYTES = 20;

// How V8 compiles the bundle. A run lasts seconds, and every scan worker compiles the same code
// again on a machine whose cores the scan already keeps busy, so compiling less pays:
// - TurboFan inlines up to 920 bytes of bytecode into each function it optimises; compiling those
//   big graphs cost more CPU than the inlining won back. A cap of 200 made a cold 20,000-file scan
//   ~8% faster.
// - A function is optimised once it has run 67,584 bytes' worth of bytecode (V8's interrupt
//   budget): most of the classifier's many functions reach that and are compiled for a run that
//   ends soon after. With 1,000,000 only the hottest are: a cold 20,000-file scan ~9% faster, a
//   2,000-file one ~14% (bench/run.js's corpus, interleaved runs); 10,000,000 is slower again.
// Set before the bundle compiles, on every run, so the code cache (which V8 keys on its flags)
// always matches.
const V8_FLAGS = '--max-inlined-bytecode-size-cumulative=200 --interrupt-budget=1000000';

// Node's own modules load from a code cache built into Node, which V8 rejects once any flag has
// changed: each module loaded after V8_FLAGS is compiled from source, and Node then serializes a
// fresh cache for it (~120 M of the ~300 M instructions of a 10-file `check`, crypto's twenty
// modules most of them). So the ones every command loads are loaded first, under Node's own flags; the standard
// streams too, whose classes (tty, net or fs) depend on what they are connected to.
// test/build/bundle.test.ts checks that `check` and `scan` load no other Node module later.
const LOADED_FIRST = ['node:crypto', 'node:os', 'node:fs/promises'];

/** The bundle's exports. `writeCache`: write the cache at exit when it was missing or rejected. */
function loadBundle({ writeCache }) {
  for (const name of LOADED_FIRST) require(name);
  void process.stdout;
  void process.stderr;
  setFlagsFromString(V8_FLAGS);
  let bytes;
  try {
    bytes = readFileSync(BUNDLE);
  } catch {
    process.stderr.write(`sleepless: ${BUNDLE} is missing: run \`npm run build\` in ${PACKAGE}\n`);
    process.exit(2);
  }
  // Node copies Latin-1 into a one-byte string as is; decoding UTF-8 costs a pass, and any
  // non-ASCII character makes the whole text two-byte, twice what V8 scans. The build keeps the
  // bundle ASCII (test/build/bundle.test.ts), so Latin-1 reads it exactly.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const key = stampedKey(source);
  let cachedData;
  if (key) {
    try {
      const file = readFileSync(CACHE);
      if (file.subarray(0, KEY_BYTES).equals(key)) cachedData = file.subarray(KEY_BYTES);
    } catch {
      // No cache yet.
    }
  }
  const script = new Script(source, { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  // The same key tells the scan's result cache which build made an answer (src/cache/build-key.ts).
  if (key) module.exports.useBuildKey(key.toString('hex'));
  // Written at exit, so the cache also holds the functions this run compiled lazily.
  if (writeCache && key && (!cachedData || script.cachedDataRejected)) process.once('exit', () => saveCache(script, key));
  return module.exports;
}

/** The key on the bundle's last line, or null for a bundle without one (then no cache is used). */
function stampedKey(source) {
  const at = source.lastIndexOf(KEY_STAMP);
  const hex = at === -1 ? '' : source.slice(at + KEY_STAMP.length).trim();
  return /^[0-9a-f]{40}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
}

function saveCache(script, key) {
  const temp = `${CACHE}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, Buffer.concat([key, script.createCachedData()]));
    renameSync(temp, CACHE);
  } catch {
    rmSync(temp, { force: true });
  }
}

module.exports = { KEY_STAMP, WRAPPER, loadBundle };
