// One writer per tree: `fix --yes` and the interactive session hold `.sleepless/lock` under the
// root while they may write, so two runs never interleave their writes. The lock is a file created
// with O_EXCL holding the holder's pid and start time; a lock whose pid is dead (a run that was
// killed) is taken over. Released in `finally`, and on any process exit by a synchronous handler.
//   const lock = await acquireLock(root);
//   try { … write … } finally { await lock.release(); }
import { randomUUID } from 'node:crypto';
import { constants, readFileSync, unlinkSync } from 'node:fs';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { openStateDir } from '../write/state-dir.js';

export const LOCK_FILE = 'lock';

export interface Lock {
  /** The lock file's absolute path. */
  readonly path: string;
  /** Removes the lock file if it is still this holder's; safe to call twice. */
  release(): Promise<void>;
}

/** Another run holds the lock: exit 2 with who holds it and what to do. */
export class LockHeldError extends UsageError {
  override name = 'LockHeldError';
}

interface LockInfo {
  pid: number;
  started: string;
  token: string;
}

/** Tokens of the locks this process holds: a lock file with our pid but a token we never made is stale. */
const heldHere = new Set<string>();

export async function acquireLock(root: string): Promise<Lock> {
  const dir = await openStateDir(root, 'the lock that keeps two runs from writing at once');
  const path = join(dir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, started: new Date().toISOString(), token: randomUUID() };
  const text = `${JSON.stringify(info)}\n`;
  // A few rounds: each one either creates the lock, refuses, or removes a stale lock and tries again.
  for (let round = 0; round < 5; round++) {
    if (await create(path, text)) return held(path, info.token);
    const holder = await readHolder(path);
    if (holder === 'gone') continue;
    if (holder === 'unreadable') {
      throw new LockHeldError(`${path} is in the way but is not a lock sleepless can read: if no other sleepless run is writing in ${root}, delete it and run again`);
    }
    if (isAlive(holder.info)) {
      throw new LockHeldError(
        `another sleepless run (pid ${holder.info.pid}, started ${holder.info.started}) is writing in ${root}: wait for it to finish and run again (if it is not running any more, delete ${path})`,
      );
    }
    await takeOver(path, holder.text);
  }
  throw new LockHeldError(`${path} keeps changing: another sleepless run is starting in ${root}; run again once it is done`);
}

/** O_EXCL: true when this call created the file, false when it already exists. */
async function create(path: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw new UsageError(`cannot create the lock ${path} (${codeOf(error)}); check that the project directory is writable`);
  }
  try {
    await handle.writeFile(text);
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(path).catch(() => {});
    throw new UsageError(`cannot write the lock ${path} (${codeOf(error)}); check the disk and its permissions`);
  }
  await handle.close();
  return true;
}

async function readHolder(path: string): Promise<{ info: LockInfo; text: string } | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return codeOf(error) === 'ENOENT' ? 'gone' : 'unreadable';
  }
  try {
    const info = JSON.parse(text) as Partial<LockInfo>;
    if (typeof info.pid === 'number' && Number.isInteger(info.pid) && info.pid > 0 && typeof info.token === 'string') {
      return { info: { pid: info.pid, started: String(info.started), token: info.token }, text };
    }
  } catch {
    // fall through: not ours
  }
  return 'unreadable';
}

function isAlive(info: LockInfo): boolean {
  // Our own pid with a token this process never made: left by an earlier process that had our pid
  // (containers start every run as the same pid).
  if (info.pid === process.pid) return heldHere.has(info.token);
  try {
    process.kill(info.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, it belongs to someone else.
    return codeOf(error) === 'EPERM';
  }
}

/**
 * Moves the stale lock aside, then deletes it if it is still the stale one. If another process took
 * it over first, what we moved is its live lock: it is put back (link fails if yet another exists).
 */
async function takeOver(path: string, staleText: string): Promise<void> {
  const aside = `${path}.stale-${process.pid}-${randomUUID()}`;
  try {
    await rename(path, aside);
  } catch {
    return; // already moved by someone else: the next round sees what is there now
  }
  const moved = await readFile(aside, 'utf8').catch(() => null);
  if (moved !== staleText) await link(aside, path).catch(() => {});
  await unlink(aside).catch(() => {});
}

function held(path: string, token: string): Lock {
  heldHere.add(token);
  let released = false;
  // process.exit (a second Ctrl-C) skips `finally` blocks; the 'exit' event still runs, synchronously.
  const onExit = () => releaseSync();
  process.on('exit', onExit);
  function ours(text: string): boolean {
    try {
      return (JSON.parse(text) as Partial<LockInfo>).token === token;
    } catch {
      return false;
    }
  }
  function done(): boolean {
    if (released) return true;
    released = true;
    heldHere.delete(token);
    process.off('exit', onExit);
    return false;
  }
  function releaseSync(): void {
    if (done()) return;
    try {
      if (ours(readFileSync(path, 'utf8'))) unlinkSync(path);
    } catch {
      // gone already
    }
  }
  return {
    path,
    async release() {
      if (done()) return;
      const text = await readFile(path, 'utf8').catch(() => null);
      if (text !== null && ours(text)) await unlink(path).catch(() => {});
    },
  };
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? String(error);
}
