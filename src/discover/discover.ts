import { UsageError } from '../errors.js';
import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { errorCode, describeError } from './fs-errors.js';
import { chainAbove, createGitignoreLoader } from './gitignore.js';
import { createLimit } from './limit.js';
import { relFrom } from './paths.js';
import { isInTestDir } from './test-file.js';
import type { DiscoveredFile, DiscoverOptions, DiscoverProblem, DiscoverResult } from './types.js';
import { walk, type WalkContext } from './walk.js';

export { isTestFile } from './test-file.js';
export type { DiscoveredFile, DiscoverOptions, DiscoverProblem, DiscoverResult } from './types.js';

/** Enough parallel reads to keep the disk busy, few enough to stay clear of EMFILE. */
const CONCURRENCY = 32;

/** A path given on the command line does not exist: a usage error, not a problem to report. */
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
 * as given (only `exclude` can drop it). Sorted by `rel`, each file once.
 */
export async function discover(opts: DiscoverOptions): Promise<DiscoverResult> {
  const root = path.resolve(opts.root);
  const given = [...new Set((opts.paths.length > 0 ? opts.paths : [root]).map((p) => path.resolve(root, p)))];
  const stats = await statGiven(given);
  const rootReal = await realpathOf(root);

  const files = new Map<string, DiscoveredFile>();
  const problems: DiscoverProblem[] = [];
  const limit = createLimit(CONCURRENCY);
  const gitignore =
    opts.gitignore === false
      ? null
      : createGitignoreLoader(limit, (file, err) =>
          problems.push({ path: relFrom(root, file), message: `cannot read .gitignore: ${describeError(err)}` }),
        );
  const ctx: WalkContext = {
    rootReal,
    limit,
    gitignore,
    include: matcher(opts.include),
    exclude: matcher(opts.exclude),
    addFile: (file) => files.set(file.rel, file),
    addProblem: (problem) => problems.push(problem),
  };

  await Promise.all(given.map((abs, i) => start(ctx, root, abs, stats[i]!)));
  return { files: [...files.values()].sort(byKey((f) => f.rel)), problems: uniqueProblems(problems) };
}

/** One given path: a file is taken as given, a directory is walked. */
async function start(ctx: WalkContext, root: string, abs: string, st: Stats | Error): Promise<void> {
  const rel = relFrom(root, abs);
  if (st instanceof Error) {
    ctx.addProblem({ path: rel || '.', message: `cannot read: ${describeError(st)}` });
  } else if (rel !== '' && ctx.exclude?.(rel)) {
    // `exclude` is the user's own word, so it holds even for paths they name.
  } else if (st.isFile()) {
    ctx.addFile({ abs, rel });
  } else if (st.isDirectory()) {
    // Walked even if its name is skipped or .gitignore ignores it: the user asked for it.
    await walk(ctx, {
      abs,
      rel,
      real: await realpathOf(abs),
      linkedFrom: [],
      inTestDir: isInTestDir(rel),
      ignores: ctx.gitignore ? await chainAbove(root, abs, ctx.gitignore) : null,
    });
  } else {
    ctx.addProblem({ path: rel, message: 'not a file or directory' });
  }
}

/** Stats every given path, throwing MissingPathError for the first missing one in argument order. */
async function statGiven(given: string[]): Promise<Array<Stats | Error>> {
  const stats = await Promise.all(given.map((p) => stat(p).catch((err: unknown) => asError(err))));
  stats.forEach((st, i) => {
    if (st instanceof Error && isMissing(st)) throw new MissingPathError(given[i]!);
  });
  return stats;
}

async function realpathOf(p: string): Promise<string> {
  try {
    return await realpath(p);
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
