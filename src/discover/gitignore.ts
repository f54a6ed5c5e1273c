import { readFileSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { errorCode } from './fs-errors.js';
import { childPath, toPosix, withSep } from './paths.js';

type Rules = ignore.Ignore;

/** The .gitignore files that apply inside a directory, innermost first. */
export interface IgnoreChain {
  /** The directory holding the .gitignore, with a trailing separator: its patterns are relative to it. */
  readonly base: string;
  readonly rules: Rules;
  readonly outer: IgnoreChain | null;
}

/** Reads the .gitignore of a directory: its rules, or null when it has none. */
export type GitignoreLoader = (dir: string) => Rules | null;

/**
 * Each .gitignore is read once even when two given paths reach its directory. A file that
 * cannot be read is reported through `onError` (once) and treated as absent.
 */
export function createGitignoreLoader(onError: (file: string, err: unknown) => void): GitignoreLoader {
  const loaded = new Map<string, Rules | null>();
  return (dir) => {
    let rules = loaded.get(dir);
    if (rules === undefined) {
      const file = childPath(dir, '.gitignore');
      try {
        rules = parseGitignore(file);
      } catch (err) {
        onError(file, err);
        rules = null;
      }
      loaded.set(dir, rules);
    }
    return rules;
  };
}

function parseGitignore(file: string): Rules | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    // No .gitignore here (or a directory of that name): nothing to honour.
    if (['ENOENT', 'ENOTDIR', 'EISDIR'].includes(errorCode(err) ?? '')) return null;
    throw err;
  }
  // git skips a UTF-8 BOM; case-sensitive matching, as git does on Linux.
  return ignore({ ignoreCase: false }).add(text.replace(/^\uFEFF/, ''));
}

export function extendChain(outer: IgnoreChain | null, dir: string, rules: Rules | null): IgnoreChain | null {
  return rules ? { base: withSep(dir), rules, outer } : outer;
}

/**
 * The chain in force where a walk starts below the root: the .gitignore files of the root
 * and of every directory between it and `start` (the walk reads `start`'s own). Null when
 * `start` is the root or outside it.
 */
export function chainAbove(root: string, start: string, load: GitignoreLoader): IgnoreChain | null {
  const rel = path.relative(root, start);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  const dirs = [root];
  for (const part of rel.split(path.sep).slice(0, -1)) dirs.push(childPath(dirs[dirs.length - 1]!, part));
  return dirs.reduce<IgnoreChain | null>((chain, dir) => extendChain(chain, dir, load(dir)), null);
}

/**
 * Whether git would leave out `abs` (below every base in `chain`). The innermost .gitignore
 * with a rule matching the path decides, so a nested `!keep_test.exs` overrides the root.
 */
export function isIgnored(chain: IgnoreChain | null, abs: string, isDir: boolean): boolean {
  for (let c = chain; c; c = c.outer) {
    const verdict = ownVerdict(c.rules, toPosix(abs.slice(c.base.length)) + (isDir ? '/' : ''));
    if (verdict !== undefined) return verdict;
  }
  return false;
}

/**
 * What one .gitignore says about the path itself: true ignored, false re-included, undefined
 * silent. `ignore` also judges the path's parent directories, but the walk has already done
 * that (it never enters an ignored one), so a verdict inherited from a parent is dropped: a
 * deeper `!tmp/` re-included it, or the user named that directory. (The cost: the same file's
 * own rules for the path go unheard in that case.)
 */
function ownVerdict(rules: Rules, rulePath: string): boolean | undefined {
  const result = rules.test(rulePath);
  if (result.unignored) return false;
  if (!result.ignored) return undefined;
  const parent = parentDir(rulePath);
  return parent !== '' && rules.test(parent).ignored ? undefined : true;
}

/** 'a/b/c.exs' -> 'a/b/', 'a/b/' -> 'a/', 'c.exs' -> '': the form `ignore` caches parents under. */
function parentDir(rulePath: string): string {
  const end = rulePath.endsWith('/') ? rulePath.length - 1 : rulePath.length;
  return rulePath.slice(0, rulePath.lastIndexOf('/', end - 1) + 1);
}
