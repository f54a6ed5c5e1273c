// Writes a file so that it is either the old content or the new one, never half of each:
// write a temp file beside it, keep the mode, fsync, then rename over. Rewrites of the user's test
// files refuse when the file changed on disk since it was read, and never follow a symlink out of
// the project root; files sleepless owns (.sleepless/session.json) are replaced as they are, and
// new files (the helpers module, a new allowlist) are linked into place, failing if the name is taken.
import { createHash } from 'node:crypto';
import { constants, unlinkSync } from 'node:fs';
import { link, mkdir, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, isAbsolute, sep } from 'node:path';

export class WriteConflictError extends Error {
  override name = 'WriteConflictError';
}

export function contentHash(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface WriteOptions {
  /** Hash of the bytes that were read; the write is refused if the file no longer has them. */
  expectedHash: string;
  /** The project root: the real path written must stay inside it. */
  root: string;
}

let counter = 0;

// Temp files being written right now. process.exit (a second Ctrl-C) skips every `finally`, but the
// 'exit' event still runs: it deletes them, so not even a forced stop leaves a temp file behind.
const pending = new Set<string>();
let exitHandler = false;

/** Deletes the temp files of writes in progress; runs on process exit. */
export function removePendingTempFiles(): void {
  for (const temp of pending) {
    try {
      unlinkSync(temp);
    } catch {
      // not created yet, or renamed already
    }
  }
  pending.clear();
}

export async function writeFileAtomic(path: string, content: string, options: WriteOptions): Promise<void> {
  const target = await realpath(path);
  const realRoot = await realpath(options.root);
  const rel = relative(realRoot, target);
  // `..` or `../x`, not a file named `..x` in the root.
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw new WriteConflictError(`${path}: resolves outside the project root (${target}); not written`);
  const current = await readFile(target);
  if (contentHash(current) !== options.expectedHash) throw new WriteConflictError(`${path}: changed on disk since it was read; not written (run again)`);
  const { mode } = await stat(target);
  const temp = await writeTemp(target, content, mode & 0o7777);
  try {
    // Last check just before the rename keeps the window for a lost concurrent edit tiny.
    if (contentHash(await readFile(target)) !== options.expectedHash) throw new WriteConflictError(`${path}: changed on disk while being rewritten; not written`);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  } finally {
    pending.delete(temp);
  }
}

/**
 * Creates a file that must not exist yet (the helpers module, a new allowlist), all or nothing:
 * the content goes to a temp file first and is linked into place, which fails if the name is taken.
 */
export async function createFileAtomic(path: string, content: string): Promise<void> {
  const temp = await writeTemp(path, content, 0o644);
  try {
    await link(temp, path);
  } finally {
    await unlink(temp).catch(() => {});
    pending.delete(temp);
  }
}

/** Creates or replaces a file sleepless owns (and its directory), all or nothing; no content guard. */
export async function replaceFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = await writeTemp(path, content, 0o644);
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  } finally {
    pending.delete(temp);
  }
}

/** Writes and syncs a temp file beside `target`; it is deleted on process exit until renamed. */
async function writeTemp(target: string, content: string, mode: number): Promise<string> {
  const temp = join(dirname(target), `.${basename(target)}.sleepless-${process.pid}-${++counter}.tmp`);
  if (!exitHandler) {
    exitHandler = true;
    process.on('exit', removePendingTempFiles);
  }
  pending.add(temp);
  let handle;
  try {
    handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    await handle.writeFile(content);
    await handle.sync();
    await handle.close();
    return temp;
  } catch (error) {
    await handle?.close().catch(() => {});
    await unlink(temp).catch(() => {});
    pending.delete(temp);
    throw error;
  }
}
