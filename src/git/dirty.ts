// Which files have uncommitted changes: `fix` leaves those alone unless --allow-dirty, so that a
// rewrite can always be reviewed and undone with git.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { relative, resolve } from 'node:path';
import { safeGitArgs } from './git.js';

const run = promisify(execFile);

/** Absolute paths of modified, added or untracked files under `root`; null outside a git work tree. */
export async function dirtyFiles(root: string): Promise<Set<string> | null> {
  let top: string;
  try {
    top = (await run('git', [...(await safeGitArgs(root)), 'rev-parse', '--show-toplevel'], { cwd: root })).stdout.trim();
  } catch {
    return null;
  }
  // status runs a repository's fsmonitor and clean filters unless told not to (see safeGitArgs).
  const { stdout } = await run('git', [...(await safeGitArgs(top)), 'status', '--porcelain', '-z', '--untracked-files=all', '--', relative(top, root) || '.'], { cwd: top, maxBuffer: 64 * 1024 * 1024 });
  const dirty = new Set<string>();
  const entries = stdout.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    dirty.add(resolve(top, entry.slice(3)));
    // Renames and copies carry the old path as the next entry.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return dirty;
}
