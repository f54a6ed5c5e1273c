import { sha1Hex } from '../sha1.js';

/**
 * A site's identity that survives edits elsewhere in the file: the file, the describe and test (or
 * function) names, the call with whitespace collapsed, and its ordinal among identical calls there.
 * Line numbers are deliberately left out.
 */
export function fingerprintOf(file: string, describe: string | null, owner: string, call: string, ordinal: number): string {
  return sha1Hex([file, describe ?? '', owner, call, String(ordinal)].join('\u0000')).slice(0, 16);
}

/** The same identity without the file: matches a site after its file was renamed. */
export function contentKeyOf(describe: string | null, owner: string, call: string, ordinal: number): string {
  return fingerprintOf('', describe, owner, call, ordinal);
}
