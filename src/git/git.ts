// Runs git without a shell. Failures come back as data so callers can say what to do about them.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** git itself could not be started (not installed, not on PATH). */
  missing: boolean;
}

const MAX_BUFFER = 512 * 1024 * 1024;

export async function git(cwd: string, args: readonly string[]): Promise<GitResult> {
  const safe = await safeGitArgs(cwd);
  return new Promise((resolve) => {
    execFile('git', [...safe, ...args], { cwd, maxBuffer: MAX_BUFFER, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } }, (error, stdout, stderr) => {
      const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      resolve({ ok: !error, stdout, stderr: stderr.trim(), missing });
    });
  });
}

/**
 * `-c` settings that keep a repository's own config from making git run commands when sleepless
 * calls it: sleepless runs nothing from the scanned project but the --verify command the user asked
 * for. `core.fsmonitor` runs on `git status`; a `filter.<driver>.clean`/`process` (selected by
 * .gitattributes) runs on `git status` and `git diff` (which also get --no-ext-diff --no-textconv);
 * `git status` refreshing the index runs the post-index-change hook (and --no-optional-locks keeps
 * it from writing the index at all). Filters become `cat`: git compares the file's own bytes.
 */
export async function safeGitArgs(cwd: string): Promise<string[]> {
  let drivers = filterDrivers.get(cwd);
  if (!drivers) filterDrivers.set(cwd, (drivers = listFilterDrivers(cwd)));
  return ['--no-optional-locks', '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', ...(await drivers).flatMap((d) => ['-c', `filter.${d}.clean=cat`, '-c', `filter.${d}.smudge=cat`, '-c', `filter.${d}.process=`])];
}

const filterDrivers = new Map<string, Promise<string[]>>();

/** Names of the filter drivers configured for `cwd` (reading config runs nothing). */
function listFilterDrivers(cwd: string): Promise<string[]> {
  return new Promise((resolve) => {
    execFile('git', ['config', '--get-regexp', '^filter\\..*\\.(clean|smudge|process)$'], { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }, (_error, stdout) => {
      const names = String(stdout ?? '')
        .split('\n')
        .map((line) => /^filter\.(.+)\.(?:clean|smudge|process) /.exec(line)?.[1])
        .filter((name): name is string => !!name);
      resolve([...new Set(names)]);
    });
  });
}

/**
 * The top of the work tree that contains `dir`, or null outside one. Spelled from `dir` (`--show-cdup`,
 * not `--show-toplevel`), so a symlinked temp or home directory does not turn paths into `../..`.
 */
export async function repoTopLevel(dir: string): Promise<string | null> {
  const result = await git(dir, ['rev-parse', '--show-cdup']);
  return result.ok ? resolve(dir, result.stdout.trim()) : null;
}
