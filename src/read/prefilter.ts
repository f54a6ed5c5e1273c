// Most test files contain no sleep at all, so we look at raw bytes before decoding or parsing.
// A file can hold a site only if it contains the word `sleep` (every call form, imported `sleep`,
// `&Process.sleep/1`, and `T.sleep` for an alias of :timer all spell it), or a `receive` whose
// block starts with `after` (the disguise), or with one short clause `:atom -> :ok` before it (one
// that never matches is the same disguise: sites/never-matching.ts). The bare word `after` would
// select half of all test code; `receive` alone, a third of the files that pass.

const LEEP = Buffer.from('leep');
const S = 0x73;
const FTER = Buffer.from('fter');
const RECEIVE = Buffer.from('receive');

/**
 * `receive do` (or `receive() do`) with only blanks and comments before `after`, or one clause of a
 * bare atom and a one-word body (`:never -> :ok`); also the keyword form `receive after: (10 -> :ok)`
 * and `receive(after: …)`. The same test as `receiveAfterAt`, on text, for the skeleton
 * (parse/skeleton.ts) to keep every body that holds one.
 */
export const RECEIVE_AFTER = /\breceive\s*(?:\(\s*\)\s*)?(?:do\b(?:\s|#[^\n]*\n)*(?::\w+(?:\s|#[^\n]*\n)*->(?:\s|#[^\n]*\n)*:?\w+\b(?:\s|#[^\n]*\n)*)?after\b|\(?\s*after:)/;

export function mayContainSleep(bytes: Buffer): boolean {
  // `leep`, then its `s`: Node looks for a short pattern by its first byte, and `l` is rarer in
  // code than `s` (the search takes two thirds of the time).
  for (let at = bytes.indexOf(LEEP, 1); at !== -1; at = bytes.indexOf(LEEP, at + LEEP.length)) {
    if (bytes[at - 1] === S) return true;
  }
  const first = bytes.indexOf(RECEIVE);
  // Most files that say `receive` say it in `assert_receive`, many times over; without an `after`
  // later on (looked for as `fter`: `f` is rarer than `a`), none of them starts the disguise.
  if (first === -1 || bytes.indexOf(FTER, first) === -1) return false;
  for (let at = first; at !== -1; at = bytes.indexOf(RECEIVE, at + RECEIVE.length)) {
    if (receiveAfterAt(bytes, at)) return true;
  }
  return false;
}

const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const HASH = 0x23;
const NEWLINE = 0x0a;
const COLON = 0x3a;
const DASH = 0x2d;
const GREATER = 0x3e;

/** Blanks as the regex's `\s` sees them; bytes of multi-byte characters count too (a superset: they could be U+00A0). */
function isSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d) || b >= 0x80;
}

function isWord(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f);
}

function skipSpaces(bytes: Buffer, i: number): number {
  while (i < bytes.length && isSpace(bytes[i]!)) i++;
  return i;
}

function wordAt(bytes: Buffer, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) return false;
  return !isWord(bytes[i + word.length]);
}

/** RECEIVE_AFTER at byte `at` (where `receive` starts), without decoding the file. */
export function receiveAfterAt(bytes: Buffer, at: number): boolean {
  if (at > 0 && isWord(bytes[at - 1])) return false;
  let i = skipSpaces(bytes, at + RECEIVE.length);
  // receive() do …
  if (bytes[i] === OPEN_PAREN) {
    const close = skipSpaces(bytes, i + 1);
    if (bytes[close] === CLOSE_PAREN) {
      const afterParens = skipSpaces(bytes, close + 1);
      if (doThenAfter(bytes, afterParens) || keywordAfter(bytes, afterParens)) return true;
    }
  }
  return doThenAfter(bytes, i) || keywordAfter(bytes, i);
}

/** `do`, then blanks and whole comment lines, at most one short clause `:atom -> :ok`, then `after`. */
function doThenAfter(bytes: Buffer, i: number): boolean {
  if (!wordAt(bytes, i, 'do')) return false;
  i = skipBlank(bytes, i + 2);
  if (bytes[i] === COLON) {
    // `:nevergonnahappen -> :ok`: the atom, `->`, one word (an atom, `nil`, a number), on one line
    // or more; never more than that, so a file whose receives take real messages is still left alone.
    i = skipWord(bytes, i + 1);
    if (i === -1) return false;
    i = skipBlank(bytes, i);
    if (bytes[i] !== DASH || bytes[i + 1] !== GREATER) return false;
    i = skipBlank(bytes, i + 2);
    i = skipWord(bytes, bytes[i] === COLON ? i + 1 : i);
    if (i === -1) return false;
    i = skipBlank(bytes, i);
  }
  return wordAt(bytes, i, 'after');
}

/** Past blanks and whole comment lines; past the end when a comment has no newline. */
function skipBlank(bytes: Buffer, i: number): number {
  for (;;) {
    i = skipSpaces(bytes, i);
    if (bytes[i] !== HASH) return i;
    const eol = bytes.indexOf(NEWLINE, i);
    if (eol === -1) return bytes.length;
    i = eol + 1;
  }
}

/** Past one or more word bytes at `i`, or -1 when there is none. */
function skipWord(bytes: Buffer, i: number): number {
  const start = i;
  while (isWord(bytes[i])) i++;
  return i === start ? -1 : i;
}

/** `after:` or `(after:`, blanks allowed between. */
function keywordAfter(bytes: Buffer, i: number): boolean {
  if (bytes[i] === OPEN_PAREN) i++;
  i = skipSpaces(bytes, i);
  for (let k = 0; k < 5; k++) if (bytes[i + k] !== 'after'.charCodeAt(k)) return false;
  return bytes[i + 5] === COLON;
}
