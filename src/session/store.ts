// The interactive session's memory, in .sleepless/session.json under the scanned root: which
// sites were skipped, where the session stopped, and what it wrote (so that `fix --resume` does
// not call the files it rewrote "dirty"). Allowlisted sites need no memory: they scan as
// legitimate. The directory holds its own .gitignore, so none of it shows up in `git status`.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJson } from '../config/json-file.js';
import { replaceFileAtomic } from '../write/atomic-write.js';
import { ignoreStateDir, STATE_DIR } from '../write/state-dir.js';

export const SESSION_FILE = `${STATE_DIR}/session.json`;

export interface SkippedEntry {
  fingerprint: string;
  file: string;
  line: number;
  call: string;
}

export interface Position {
  file: string;
  line: number;
  fingerprint: string;
}

export interface SessionState {
  version: 1;
  updated: string;
  /** The sleep the session was showing when it stopped; null once it walked every site. */
  position: Position | null;
  skipped: SkippedEntry[];
  /** Files the sessions rewrote, relative to the root, with the sha256 of the bytes written last. */
  written: Record<string, string>;
}

const HINT = 'delete it, or run `sleepless fix` without --resume to start a new session';

export function emptySession(): SessionState {
  return { version: 1, updated: new Date().toISOString(), position: null, skipped: [], written: {} };
}

/** The last session under `root`, or null when there is none. A malformed file is a ConfigError (exit 2). */
export async function loadSession(root: string): Promise<SessionState | null> {
  let text: string;
  try {
    text = await readFile(join(root, SESSION_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return parseJson<SessionState>(text, SESSION_FILE, 'session', HINT);
}

export async function saveSession(root: string, state: SessionState): Promise<void> {
  await replaceFileAtomic(join(root, SESSION_FILE), `${JSON.stringify({ ...state, updated: new Date().toISOString() }, null, 2)}\n`);
  await ignoreStateDir(root);
}
