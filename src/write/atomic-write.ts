// Writes a file so that it is either the old content or the new one, never half of each:
// write a temp file beside it, keep the mode, fsync, then rename over. Refuses when the file
// changed on disk since it was read, and never follows a symlink out of the project root.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';

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

export async function writeFileAtomic(path: string, content: string, options: WriteOptions): Promise<void> {
  const target = await realpath(path);
  const realRoot = await realpath(options.root);
  const rel = relative(realRoot, target);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new WriteConflictError(`${path}: resolves outside the project root (${target}); not written`);
  const current = await readFile(target);
  if (contentHash(current) !== options.expectedHash) throw new WriteConflictError(`${path}: changed on disk since it was read; not written (run again)`);
  const { mode } = await stat(target);
  const temp = join(dirname(target), `.${basename(target)}.sleepless-${process.pid}-${++counter}.tmp`);
  let handle;
  try {
    handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode & 0o7777);
    await handle.writeFile(content);
    await handle.sync();
    await handle.close();
    handle = undefined;
    // Last check just before the rename keeps the window for a lost concurrent edit tiny.
    if (contentHash(await readFile(target)) !== options.expectedHash) throw new WriteConflictError(`${path}: changed on disk while being rewritten; not written`);
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
}
