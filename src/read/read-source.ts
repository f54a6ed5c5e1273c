// Reads one file for scanning: raw bytes, the prefilter, then a strict UTF-8 decode.
import { readFile } from 'node:fs/promises';
import { mayContainSleep } from './prefilter.js';

export type ReadResult =
  | { kind: 'source'; text: string; bom: boolean }
  | { kind: 'no_candidates' }
  | { kind: 'skipped'; message: string };

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function readSource(path: string, maxFileSize = DEFAULT_MAX_FILE_SIZE): Promise<ReadResult> {
  const bytes = await readFile(path);
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
