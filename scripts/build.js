#!/usr/bin/env node
// `npm run build`: the CLI as one CommonJS file, dist/sleepless.cjs, which bin/sleepless.js loads.
// One file instead of ~150 ES modules because start-up counts (`sleepless check` runs on every
// push): Node 20 resolves, reads and compiles each ES module on its own and caches none of them,
// while one CommonJS script can be compiled from V8's code cache (see bin/sleepless.js).
// Modules a command imports dynamically (the interactive session, inquirer, diff rendering) stay
// lazy inside the bundle: their code is initialised only when that command runs.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEY_STAMP, WRAPPER } from '../bin/load-bundle.js';
import { lazyModules } from './lazy-modules.js';
import { writeValidators } from './validators.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist');

/**
 * @inquirer/prompts re-exports every prompt, and the prompt packages do not say that loading one
 * has no side effects, so the bundle would hold them all: the editor prompt alone brings
 * iconv-lite's code-page tables (~0.5 MB that every run reads). Said here, only the prompts we
 * import stay.
 */
const onlyPromptsUsed = {
  name: 'only-prompts-used',
  setup(b) {
    b.onResolve({ filter: /^@inquirer\/(prompts|checkbox|confirm|editor|expand|input|number|password|rawlist|search|select)$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await b.resolve(args.path, { resolveDir: args.resolveDir, importer: args.importer, kind: args.kind, pluginData: { real: true } });
      return real.errors.length > 0 ? { errors: real.errors } : { path: real.path, sideEffects: false };
    });
  },
};

// The JSON Schema validators, compiled ahead of time into src/config (the sources import them too).
await writeValidators();

// Built beside dist/ and moved in file by file once complete: each rename replaces its file at
// once, so a run started meanwhile loads the old build or the new one, never none or half of one.
const STAGE = join(ROOT, `dist.staging-${process.pid}`);
const BUNDLE = join(STAGE, 'sleepless.cjs');
rmSync(STAGE, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(ROOT, 'src/cli/entry.ts')],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Packages' ES module builds first: jsonc-parser's default (UMD) build loads its parts through a
  // require the bundler cannot follow.
  mainFields: ['module', 'main'],
  // Native bindings load their .node files from their own packages.
  external: ['tree-sitter', 'tree-sitter-elixir'],
  // Whitespace and syntax only: names stay readable in SLEEPLESS_DEBUG stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  // The sources are ES modules; inside the bundle `import.meta.url` is the bundle's own URL.
  define: { 'import.meta.url': '__bundleUrl' },
  // The bundle is written as the function Node's CommonJS loader would wrap it in (the same first
  // line, so line numbers stay), so that bin/load-bundle.js compiles the text it read as it is: a
  // wrapper added at run time makes a two-part string that V8 copies whole (1.3 MB) before it can
  // look the script up, ~3 ms of every run.
  banner: { js: `${WRAPPER[0]}const __bundleUrl = require("node:url").pathToFileURL(__filename).href;` },
  footer: { js: WRAPPER[1] },
  plugins: [lazyModules, onlyPromptsUsed],
  metafile: true,
  logLevel: 'warning',
});
// Which source files the bundle holds, for the tests that check what loads lazily.
writeFileSync(join(STAGE, 'meta.json'), JSON.stringify(result.metafile));

// The code cache's key, stamped on the bundle's last line (bin/load-bundle.js).
const bundle = readFileSync(BUNDLE);
const key = createHash('sha1').update(bundle).digest('hex');
writeFileSync(BUNDLE, Buffer.concat([bundle, Buffer.from(`${KEY_STAMP}${key}\n`)]));

// The bundle last: a code cache left from the old build no longer matches its key and is rewritten.
mkdirSync(OUT, { recursive: true });
for (const name of ['meta.json', 'sleepless.cjs']) renameSync(join(STAGE, name), join(OUT, name));
rmSync(STAGE, { recursive: true, force: true });

// One run over the sample app writes the code cache (bin/sleepless.js), so that the first real
// run starts as fast as every later one. `check` compiles what a CI run uses: the scan, the rules,
// the baseline logic and a reporter. It exits 1 there (the sample app has problematic sleeps).
const warm = spawnSync(process.execPath, [join(ROOT, 'bin/sleepless.js'), 'check', '-q', '--format', 'json', join(ROOT, 'fixtures/sample_app')], { stdio: 'ignore' });
if (warm.status !== 0 && warm.status !== 1) process.stderr.write(`build: the warm-up run exited with ${warm.status ?? warm.signal}; the code cache is written on the first real run instead\n`);
