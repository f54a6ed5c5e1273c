// Atomic writes for files sleepless owns or creates (.sleepless/session.json, a new
// sleepless.allowlist.json): a temp file beside the target, fsync, then rename (replace) or link
// (create, failing if the file appeared meanwhile). The temp file never survives an error.
// Rewrites of the user's test files go through src/write/atomic-write.ts, with its content guard.
import { constants, unlinkSync } from 'node:fs';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

// Temp files being written: process.exit (a second Ctrl-C) skips `finally`, the 'exit' event does not.
const pending = new Set<string>();
let exitHandler = false;
function removePending(): void {
  for (const temp of pending) {
    try {
      unlinkSync(temp);
    } catch {
      // not created yet, or already placed
    }
  }
}

async function withTemp(path: string, content: string, place: (temp: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.sleepless-${process.pid}-${++counter}.tmp`);
  if (!exitHandler) {
    exitHandler = true;
    process.on('exit', removePending);
  }
  pending.add(temp);
  let handle;
  try {
    handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    await handle.writeFile(content);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await place(temp);
  } finally {
    await handle?.close().catch(() => {});
    await unlink(temp).catch(() => {});
    pending.delete(temp);
  }
}

/** Creates or replaces `path` with `content`, all or nothing. */
export function replaceFileAtomic(path: string, content: string): Promise<void> {
  // After the rename the temp name no longer exists, so the unlink in withTemp is a no-op.
  return withTemp(path, content, (temp) => rename(temp, path));
}

/** Creates `path` with `content`, all or nothing; fails with EEXIST when it already exists. */
export function createFileAtomic(path: string, content: string): Promise<void> {
  return withTemp(path, content, (temp) => link(temp, path));
}
