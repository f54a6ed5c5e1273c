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

export function git(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, maxBuffer: MAX_BUFFER, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } }, (error, stdout, stderr) => {
      const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      resolve({ ok: !error, stdout, stderr: stderr.trim(), missing });
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
