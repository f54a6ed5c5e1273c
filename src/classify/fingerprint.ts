import * as crypto from 'node:crypto';

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

// The one-shot `crypto.hash` (Node ≥ 20.12) costs about half of a Hash object per site; same digest.
const sha1Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha1', text, 'hex') : (text) => crypto.createHash('sha1').update(text).digest('hex');
