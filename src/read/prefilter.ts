// Most test files contain no sleep at all, so we look at raw bytes before decoding or parsing.
// A file can hold a site only if it contains the word `sleep`, or a `receive do` whose first
// clause is `after` (the disguise). The bare word `after` would select half of all test code.

const SLEEP = Buffer.from('sleep');
const RECEIVE = Buffer.from('receive');
// `receive do` then only blanks and comments before `after`; also the keyword form `receive after: (10 -> :ok)`.
const RECEIVE_AFTER = /\breceive\s*(?:do\b(?:\s|#[^\n]*\n)*after\b|\(?\s*after:)/;

export function mayContainSleep(bytes: Buffer): boolean {
  if (bytes.indexOf(SLEEP) !== -1) return true;
  if (bytes.indexOf(RECEIVE) === -1) return false;
  return RECEIVE_AFTER.test(bytes.toString('latin1'));
}
