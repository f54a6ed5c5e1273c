// Options every command that scans takes, declared once.
import { dirname, join, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import type { ScanOptions } from '../scan/scan.js';

export function withScanOptions<T>(yargs: Argv<T>) {
  return yargs
    .positional('paths', { type: 'string', array: true, describe: 'files or directories to scan (default: the current directory)' })
    .option('root', { type: 'string', describe: 'project root: reported paths and sleepless.allowlist.json are relative to it (default: the single directory given, else the current directory; inside a Mix project, or for paths that all lie in one, the nearest directory with a mix.exs)' })
    .option('include', { type: 'string', array: true, describe: 'extra globs (relative to the root) to scan besides test files' })
    .option('exclude', { type: 'string', array: true, describe: 'globs (relative to the root) to leave out' })
    .option('gitignore', { type: 'boolean', default: true, describe: 'honour .gitignore files (--no-gitignore to scan ignored files too)' })
    .option('max-file-size', { type: 'number', default: 2 * 1024 * 1024, describe: 'skip files larger than this many bytes' })
    .option('allowlist', { type: 'string', describe: 'the project allowlist file (default: <root>/sleepless.allowlist.json)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress indicator' });
}

/** For the commands that only report (scan, check, baseline): `fix` always scans afresh. */
export function withCacheOption<T>(yargs: Argv<T>) {
  return yargs.option('cache', { type: 'boolean', default: true, describe: 'reuse what .sleepless/cache/scan.json holds for files unchanged since (--no-cache: scan every file afresh)' });
}

export interface ScanArgs {
  paths?: string[];
  /** Arguments after `--`: more paths. */
  '--'?: (string | number)[];
  root?: string;
  include?: string[];
  exclude?: string[];
  gitignore: boolean;
  maxFileSize: number;
  allowlist?: string;
  cache?: boolean;
}

/**
 * Turns parsed flags into ScanOptions. The root is `--root`, else the one directory given, else the
 * working directory; but a directory inside a Mix project that is not its root (`sleepless scan
 * test`, rabbitmq's `deps/rabbitmq_cli/test`) gives way to the project around it, whose `lib/`,
 * `test/support` and `test_helper.exs` the rules read, and so does a working directory outside any
 * Mix project when the paths given all lie in one.
 */
export function scanOptionsFrom(args: ScanArgs, cwd = process.cwd()): ScanOptions {
  const paths = [...(args.paths ?? []), ...(args['--'] ?? []).map(String)].map((p) => resolve(cwd, p));
  let root = args.root ? resolve(cwd, args.root) : cwd;
  if (!args.root && paths.length === 1 && isDirectory(paths[0]!)) root = paths[0]!;
  // With no paths, what is scanned is still the working directory (or --root).
  const scanned = paths.length > 0 ? paths : [root];
  // Files from outside their project (`sleepless scan ~/src/app/test/app/store_test.exs`, or several
  // of the same project): that project.
  if (!args.root) root = mixProjectAround(root) ?? sharedMixProject(paths) ?? root;
  if (!Number.isFinite(args.maxFileSize) || args.maxFileSize <= 0) throw new UsageError(`--max-file-size must be a positive number of bytes, got ${args.maxFileSize}`);
  return {
    root,
    paths: scanned,
    include: args.include,
    exclude: args.exclude,
    gitignore: args.gitignore,
    maxFileSize: args.maxFileSize,
    allowlistFile: args.allowlist ? resolve(cwd, args.allowlist) : undefined,
    cache: args.cache ?? false,
  };
}

/** The Mix project every path lies in (a file's from its directory), or null when they lie in none or in several. */
function sharedMixProject(paths: readonly string[]): string | null {
  const projects = new Set(paths.map((path) => mixProjectAround(isDirectory(path) ? path : dirname(path))));
  const [only] = projects;
  return projects.size === 1 && only ? only : null;
}

/** The nearest directory at or above `dir` that holds a `mix.exs`, or null when none does. */
function mixProjectAround(dir: string): string | null {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'mix.exs'))) return at;
    if (dirname(at) === at) return null;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
