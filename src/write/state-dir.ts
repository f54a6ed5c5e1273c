// `.sleepless/` under the project root holds what sleepless owns there: the session, the lock of a
// writing run, the scan cache. It carries its own .gitignore, so none of it shows in `git status`.
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

export const STATE_DIR = '.sleepless';

/**
 * Creates the directory if needed and returns its path. Refuses (UsageError) when it cannot, or
 * when `.sleepless` is a symlink out of the project: nothing of ours is written there.
 * `purpose` completes "cannot create <dir> for …".
 */
export async function openStateDir(root: string, purpose: string): Promise<string> {
  const dir = join(root, STATE_DIR);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create ${dir} for ${purpose} (${(error as NodeJS.ErrnoException)?.code ?? String(error)}); check that the project directory is writable`);
  }
  const [realDir, realRoot] = await Promise.all([realpath(dir), realpath(root)]);
  if (realDir !== join(realRoot, STATE_DIR)) {
    throw new UsageError(`${dir} leads outside the project (to ${realDir}); sleepless keeps its lock, session and cache there: make it a plain directory`);
  }
  return dir;
}

/** Puts the directory's .gitignore in place once it exists (an existing one is left as it is). */
export async function ignoreStateDir(root: string): Promise<void> {
  // `*` ignores the directory's own contents, the .gitignore included: nothing to commit, nothing dirty.
  await writeFile(join(root, STATE_DIR, '.gitignore'), '# written by sleepless: its own state, not for version control\n*\n', { flag: 'wx' }).catch(() => {});
}
