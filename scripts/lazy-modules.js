// An esbuild plugin for scripts/build.js: modules that cost start-up time but are used only on
// rare paths are bundled as stand-ins that load the real module on first use.
//
// - string-width: yargs and cliui import it to lay out help text. Its current versions build an
//   Intl.Segmenter and several Unicode-property regexes as the module loads: ~40 ms on every
//   run, for help that a `check` in CI never prints.
// - assert: yargs checks its own state with strictEqual and notStrictEqual on every run; Node's
//   assert module takes ~4 ms to load. Both compare with Object.is, so the stand-in makes the same
//   comparison and loads assert only to raise the failure (which would be a bug in yargs).
//
// Each stand-in requires the module that importer would have got (for string-width, the copy
// resolved from the importer's directory).
import { dirname } from 'node:path';

const NAMESPACE = 'lazy-module';

/**
 * What each stand-in exports: the module itself called as a function, or named functions, each
 * with the condition under which the real one needs to run (always, unless said).
 */
const LAZY = {
  'string-width': { callable: true },
  assert: { functions: { strictEqual: '!Object.is(args[0], args[1])', notStrictEqual: 'Object.is(args[0], args[1])' } },
};

function standIn(request, spec) {
  const lines = ['let real;', `const load = () => (real ??= require(${JSON.stringify(request)}));`];
  if (spec.callable) {
    lines.push('function lazy(...args) {', '  const m = load();', '  return (m.default ?? m)(...args);', '}', 'module.exports = lazy;', 'module.exports.default = lazy;');
  }
  for (const [name, when] of Object.entries(spec.functions ?? {})) {
    lines.push(`exports.${name} = (...args) => ${when ? `${when} ? load().${name}(...args) : undefined` : `load().${name}(...args)`};`);
  }
  return lines.join('\n');
}

export const lazyModules = {
  name: NAMESPACE,
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(LAZY).join('|')})$`);
    build.onResolve({ filter }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await build.resolve(args.path, { resolveDir: args.resolveDir, importer: args.importer, kind: args.kind, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      // A builtin resolves to itself, external; a package to its file.
      return { path: real.external ? `node:${args.path}` : real.path, namespace: NAMESPACE, pluginData: { module: args.path } };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: standIn(args.path, LAZY[args.pluginData.module]),
      resolveDir: args.path.startsWith('node:') ? undefined : dirname(args.path),
      loader: 'js',
    }));
  },
};
