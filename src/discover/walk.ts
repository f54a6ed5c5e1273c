// Synchronous on purpose: a walk is one readdir per directory and little else, and a promise per
// directory (plus a concurrency limit around each) cost several times the syscalls themselves.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { describeError, errorCode } from './fs-errors.js';
import { extendChain, isIgnored, type GitignoreLoader, type IgnoreChain } from './gitignore.js';
import { childPath, childRel, isInside, relFrom } from './paths.js';
import { isTestDirAt, isTestDirName, isTestFileName, SKIPPED_DIRS } from './test-file.js';
import type { DiscoveredFile, DiscoverProblem } from './types.js';

/** What every directory of one discover call shares. */
export interface WalkContext {
  readonly rootReal: string;
  /** Null when .gitignore files are not honoured. */
  readonly gitignore: GitignoreLoader | null;
  readonly include: ((rel: string) => boolean) | null;
  readonly exclude: ((rel: string) => boolean) | null;
  readonly addFile: (file: DiscoveredFile) => void;
  readonly addProblem: (problem: DiscoverProblem) => void;
}

/** A directory to read. */
export interface DirNode {
  /** The path as the user sees it, through any symlinks. */
  readonly abs: string;
  /** Relative to the root, `/`-separated; '' for the root. */
  readonly rel: string;
  readonly real: string;
  /**
   * Real paths of the directories whose symlinks led here. A link to one of them, to an
   * ancestor of one, or to an ancestor of `real`, would walk the same tree forever.
   */
  readonly linkedFrom: readonly string[];
  /** Below a `test` or `*_test` directory, where any .exs or .ex is a test file. */
  readonly inTestDir: boolean;
  readonly ignores: IgnoreChain | null;
}

interface Entry {
  readonly name: string;
  readonly abs: string;
  readonly rel: string;
}

export function walk(ctx: WalkContext, dir: DirNode): void {
  let dirents: Dirent[];
  try {
    dirents = readdirSync(dir.abs, { withFileTypes: true });
  } catch (err) {
    ctx.addProblem({ path: dir.rel || '.', message: `cannot read directory: ${describeError(err)}` });
    return;
  }
  // This directory's own .gitignore applies to everything in it, so it is read first.
  const rules =
    ctx.gitignore && dirents.some((d) => d.name === '.gitignore' && !d.isDirectory())
      ? ctx.gitignore(dir.abs)
      : null;
  let here = rules ? { ...dir, ignores: extendChain(dir.ignores, dir.abs, rules) } : dir;
  // A Mix project named like a test directory (elixir-omg's `priv/perf/apps/load_test`, with its
  // own mix.exs, lib/ and test/): its lib is application code; only its test/ holds tests.
  if (dir.inTestDir && isMixAppNamedForTests(dir.rel, dirents)) here = { ...here, inTestDir: false };
  for (const dirent of dirents) visit(ctx, here, dirent);
}

function isMixAppNamedForTests(rel: string, dirents: readonly Dirent[]): boolean {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  return name !== 'test' && isTestDirName(name) && dirents.some((d) => d.name === 'mix.exs' && !d.isDirectory());
}

function visit(ctx: WalkContext, dir: DirNode, dirent: Dirent): void {
  const entry = { name: dirent.name, abs: childPath(dir.abs, dirent.name), rel: childRel(dir.rel, dirent.name) };
  // The dirent's type comes with readdir: no stat per file. Only symlinks need one.
  if (dirent.isDirectory()) {
    if (wantsDir(ctx, dir, entry)) walk(ctx, subdir(dir, entry, childPath(dir.real, entry.name), dir.linkedFrom));
  } else if (dirent.isFile()) {
    if (wantsFile(ctx, dir, entry)) ctx.addFile({ abs: entry.abs, rel: entry.rel });
  } else if (dirent.isSymbolicLink()) {
    followLink(ctx, dir, entry);
  }
  // Sockets, FIFOs and devices are not source files.
}

function wantsDir(ctx: WalkContext, dir: DirNode, entry: Entry): boolean {
  return (
    !SKIPPED_DIRS.has(entry.name) &&
    !ctx.exclude?.(entry.rel) &&
    !isIgnored(dir.ignores, entry.abs, true)
  );
}

function wantsFile(ctx: WalkContext, dir: DirNode, entry: Entry): boolean {
  const candidate = isTestFileName(entry.name, dir.inTestDir) || ctx.include?.(entry.rel) === true;
  return candidate && !ctx.exclude?.(entry.rel) && !isIgnored(dir.ignores, entry.abs, false);
}

function subdir(parent: DirNode, entry: Entry, real: string, linkedFrom: readonly string[]): DirNode {
  return {
    abs: entry.abs,
    rel: entry.rel,
    real,
    linkedFrom,
    inTestDir: parent.inTestDir || isTestDirAt(parent.rel, entry.name),
    ignores: parent.ignores,
  };
}

/** Symlinks are followed when they stay inside the root and do not lead back up the walk. */
function followLink(ctx: WalkContext, dir: DirNode, entry: Entry): void {
  const problem = (message: string): void => ctx.addProblem({ path: entry.rel, message });
  let target;
  try {
    target = statSync(entry.abs);
  } catch (err) {
    return problem(brokenLinkMessage(err));
  }
  const isDir = target.isDirectory();
  if (isDir ? !wantsDir(ctx, dir, entry) : !target.isFile() || !wantsFile(ctx, dir, entry)) return;
  let real: string;
  try {
    real = realpathSync.native(entry.abs);
  } catch (err) {
    return problem(`cannot resolve symlink: ${describeError(err)}`);
  }
  if (!isInside(ctx.rootReal, real)) {
    problem(`symlink leads outside the root, to ${real}; not followed`);
  } else if (!isDir) {
    ctx.addFile({ abs: entry.abs, rel: entry.rel });
  } else {
    const linkedFrom = [...dir.linkedFrom, dir.real];
    if (linkedFrom.some((visited) => isInside(real, visited))) {
      problem(`symlink loop: leads back to ${relFrom(ctx.rootReal, real) || '.'}, which the walk is already inside`);
    } else {
      walk(ctx, subdir(dir, entry, real, linkedFrom));
    }
  }
}

function brokenLinkMessage(err: unknown): string {
  switch (errorCode(err)) {
    case 'ENOENT':
      return 'dangling symlink: its target does not exist';
    case 'ELOOP':
      return `symlink loop: ${describeError(err)}`;
    default:
      return `cannot follow symlink: ${describeError(err)}`;
  }
}
