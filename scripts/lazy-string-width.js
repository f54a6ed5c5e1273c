// An esbuild plugin for scripts/build.js: string-width is loaded on its first call.
//
// yargs and cliui import string-width to lay out help text. Its current versions build an
// Intl.Segmenter and several Unicode-property regexes as the module loads: ~40 ms on every run,
// for help that a `check` in CI never prints. Every import of `string-width` is bundled as a
// stand-in that requires the real module (the one that importer would have got) on first use.
import { dirname } from 'node:path';

const NAMESPACE = 'lazy-string-width';

export const lazyStringWidth = {
  name: NAMESPACE,
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await build.resolve(args.path, { resolveDir: args.resolveDir, importer: args.importer, kind: args.kind, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: [
        'let real;',
        'function stringWidth(text, options) {',
        `  real ??= require(${JSON.stringify(args.path)});`,
        '  return (real.default ?? real)(text, options);',
        '}',
        'module.exports = stringWidth;',
        'module.exports.default = stringWidth;',
      ].join('\n'),
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};
