import { UsageError } from '../errors.js';
import type { Stats } from 'node:fs';
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { errorCode, describeError } from './fs-errors.js';
import { chainAbove, createGitignoreLoader } from './gitignore.js';
import { relFrom } from './paths.js';
import { isInTestDir } from './test-file.js';
import type { DiscoveredFile, DiscoverOptions, DiscoverProblem, DiscoverResult } from './types.js';
import { walk, type WalkContext } from './walk.js';

export { isTestFile } from './test-file.js';
export type { DiscoveredFile, DiscoverOptions, DiscoverProblem, DiscoverResult } from './types.js';

/** A path given on the command line does not exist: a usage error (exit 2). */
export class MissingPathError extends UsageError {
  override readonly name = 'MissingPathError';

  constructor(readonly path: string) {
    super(`${path}: no such file or directory; check the paths you passed`);
  }
}

/**
 * The files to scan. Under a given directory: test files, plus `include` matches, minus
 * `exclude` matches, skipped directories and what .gitignore ignores. A given file is taken
 * as given (only `exclude` and `only` can drop it). Sorted by `rel`, each file once; `onFile` hears of each
 * file as the walk finds it, in no particular order, so that scanning can start before the walk ends.
 */
export function discover(opts: DiscoverOptions): DiscoverResult {
  const root = path.resolve(opts.root);
  const given = [...new Set((opts.paths.length > 0 ? opts.paths : [root]).map((p) => path.resolve(root, p)))];
  const stats = statGiven(given);
  const rootReal = realpathOf(root);

  const files = new Map<string, DiscoveredFile>();
  const problems: DiscoverProblem[] = [];
  const gitignore =
    opts.gitignore === false
      ? null
      : createGitignoreLoader((file, err) =>
          problems.push({ path: relFrom(root, file), message: `cannot read .gitignore: ${describeError(err)}` }),
        );
  const ctx: WalkContext = {
    rootReal,
    gitignore,
    include: matcher(opts.include),
    exclude: matcher(opts.exclude),
    addFile: (file) => {
      if (files.has(file.rel) || (opts.only && !opts.only(file.rel))) return;
      files.set(file.rel, file);
      opts.onFile?.(file);
    },
    addProblem: (problem) => problems.push(problem),
  };

  given.forEach((abs, i) => start(ctx, root, abs, stats[i]!));
  return { files: [...files.values()].sort(byKey((f) => f.rel)), problems: uniqueProblems(problems) };
}

/** One given path: a file is taken as given, a directory is walked. */
function start(ctx: WalkContext, root: string, abs: string, st: Stats | Error): void {
  const rel = relFrom(root, abs);
  if (st instanceof Error) {
    ctx.addProblem({ path: rel || '.', message: `cannot read: ${describeError(st)}` });
  } else if (rel !== '' && ctx.exclude?.(rel)) {
    // `exclude` is the user's own word, so it holds even for paths they name.
  } else if (st.isFile()) {
    ctx.addFile({ abs, rel });
  } else if (st.isDirectory()) {
    // Walked even if its name is skipped or .gitignore ignores it: the user asked for it.
    walk(ctx, {
      abs,
      rel,
      real: realpathOf(abs),
      linkedFrom: [],
      inTestDir: isInTestDir(rel),
      ignores: ctx.gitignore ? chainAbove(root, abs, ctx.gitignore) : null,
    });
  } else {
    ctx.addProblem({ path: rel, message: 'not a file or directory' });
  }
}

/** Stats every given path, throwing MissingPathError for the first missing one in argument order. */
function statGiven(given: string[]): Array<Stats | Error> {
  const stats = given.map((p) => {
    try {
      return statSync(p);
    } catch (err) {
      return asError(err);
    }
  });
  stats.forEach((st, i) => {
    if (st instanceof Error && isMissing(st)) throw new MissingPathError(given[i]!);
  });
  return stats;
}

function realpathOf(p: string): string {
  try {
    return realpathSync.native(p);
  } catch (err) {
    if (isMissing(err)) throw new MissingPathError(p);
    throw err;
  }
}

function isMissing(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

function matcher(globs: string[] | undefined): ((rel: string) => boolean) | null {
  // dot: true, so `test/**` also reaches `test/.hidden/x_test.exs`.
  return globs && globs.length > 0 ? picomatch(globs, { dot: true }) : null;
}

/** Code-unit order, the same on every machine and locale (unlike localeCompare). */
function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

/** Two given paths can meet the same broken link or unreadable directory: report it once. */
function uniqueProblems(problems: DiscoverProblem[]): DiscoverProblem[] {
  const seen = new Map(problems.map((p) => [`${p.path}\0${p.message}`, p]));
  return [...seen.values()].sort(byKey((p) => `${p.path}\0${p.message}`));
}
