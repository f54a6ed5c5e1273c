// Reads one file for scanning: raw bytes, the prefilter, then a strict UTF-8 decode.
// Most files fail the prefilter, so the bytes go into one buffer reused for every file and only
// candidates are decoded: no allocation per file, and synchronous reads, which for thousands of
// small files are several times faster than promises (each of those waits a turn of the loop).
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { mayContainSleep } from './prefilter.js';
import { sha1Hex } from '../sha1.js';

export type ReadResult =
  /** `hash`: the bytes' sha1, when asked for (the result cache's key). */
  | { kind: 'source'; text: string; bom: boolean; hash?: string }
  | { kind: 'no_candidates' }
  | { kind: 'skipped'; message: string };

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function readSource(path: string, maxFileSize = DEFAULT_MAX_FILE_SIZE): Promise<ReadResult> {
  return judge(await readFile(path), maxFileSize);
}

let shared = Buffer.allocUnsafe(256 * 1024);

/**
 * `readSource` without the promise, reading into a buffer shared by every call. Reads until the
 * end (a read of 0 bytes), growing the buffer when a file fills it; no stat first: most files fit
 * at once, and for 20,000 files the syscall shows.
 */
export function readSourceSync(path: string, maxFileSize = DEFAULT_MAX_FILE_SIZE, withHash = false): ReadResult {
  const fd = openSync(path, constants.O_RDONLY);
  let length = 0;
  try {
    for (;;) {
      const n = readSync(fd, shared, length, shared.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === shared.length) {
        const bigger = Buffer.allocUnsafe(shared.length * 2);
        shared.copy(bigger, 0, 0, length);
        shared = bigger;
      }
    }
  } finally {
    closeSync(fd);
  }
  const bytes = shared.subarray(0, length);
  const read = judge(bytes, maxFileSize);
  // Hashed here, while the shared buffer still holds this file.
  if (withHash && read.kind === 'source') read.hash = sha1Hex(bytes);
  return read;
}

/** The prefilter, the size and binary checks and the decode, on a file's bytes (which it does not keep). */
function judge(bytes: Buffer, maxFileSize: number): ReadResult {
  if (!mayContainSleep(bytes)) return { kind: 'no_candidates' };
  if (bytes.length > maxFileSize) {
    return { kind: 'skipped', message: `skipped: ${bytes.length} bytes is over the ${maxFileSize}-byte limit (raise it with --max-file-size)` };
  }
  if (bytes.indexOf(0) !== -1) return { kind: 'skipped', message: 'skipped: binary file (contains NUL bytes)' };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { kind: 'skipped', message: `skipped: not valid UTF-8 (first bad byte near offset ${firstInvalidUtf8(bytes)})` };
  }
  // A byte-order mark is not Elixir; parse without it and let the writer put it back.
  const bom = text.charCodeAt(0) === 0xfeff;
  return { kind: 'source', text: bom ? text.slice(1) : text, bom };
}

function firstInvalidUtf8(bytes: Buffer): number {
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest prefix that fails to decode.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
