// Loads the CLI's bundle, dist/sleepless.cjs (built by scripts/build.js), through V8's code cache:
// compiling the bundle from source on every run cost more than the rest of a small `check`.
// The cache sits next to the bundle, keyed by a hash of the bundle's text (V8 checks only its
// length, and its own version and flags). A missing, stale or rejected cache costs one ordinary
// compile, after which the run writes a fresh one (atomically; not at all where dist/ is read-only).
// Used by both entry points: bin/sleepless.js (the CLI) and bin/scan-worker.js (a worker thread).
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(PACKAGE, 'dist', 'sleepless.cjs');
const CACHE = `${BUNDLE}.cache`;

/** The bundle's exports. `writeCache`: write the cache at exit when it was missing or rejected. */
export function loadBundle({ writeCache }) {
  let source;
  try {
    source = readFileSync(BUNDLE, 'utf8');
  } catch {
    process.stderr.write(`sleepless: ${BUNDLE} is missing: run \`npm run build\` in ${PACKAGE}\n`);
    process.exit(2);
  }
  const key = createHash('sha1').update(source).digest();
  let cachedData;
  try {
    const file = readFileSync(CACHE);
    if (file.subarray(0, key.length).equals(key)) cachedData = file.subarray(key.length);
  } catch {
    // No cache yet.
  }
  const script = new Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  // Written at exit, so the cache also holds the functions this run compiled lazily.
  if (writeCache && (!cachedData || script.cachedDataRejected)) process.once('exit', () => saveCache(script, key));
  return module.exports;
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
