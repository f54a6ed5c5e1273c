// SHA-1 in hex, for identities (fingerprints) and the result cache's keys; not for security.
import * as crypto from 'node:crypto';

// The one-shot `crypto.hash` (Node >= 20.12) costs about half of a Hash object per call; same digest.
export const sha1Hex: (data: string | Uint8Array) => string =
  typeof crypto.hash === 'function' ? (data) => crypto.hash('sha1', data, 'hex') : (data) => crypto.createHash('sha1').update(data).digest('hex');
