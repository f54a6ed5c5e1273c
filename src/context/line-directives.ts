// Directives (`alias`, `import`, `use`) where their word starts a line, after blanks. A multiline
// regex (`/^\s*use\s+…/gm`) tries every position of the file; here only the places the word
// occurs are tried, with a sticky regex from the start of their line.

const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * The matches of `directive` (sticky: `/[ \t]*alias\s+…/y`) at the starts of the lines where one
 * of `words` follows only blanks, in the order of the file. Matches never overlap, as with
 * `matchAll`: a line inside an earlier match is passed over.
 */
export function lineDirectives(source: string, words: readonly string[], directive: RegExp): RegExpExecArray[] {
  const starts: number[] = [];
  for (const word of words) {
    for (let at = source.indexOf(word); at !== -1; at = source.indexOf(word, at + 1)) {
      let lineStart = at;
      while (lineStart > 0 && (source[lineStart - 1] === ' ' || source[lineStart - 1] === '\t')) lineStart--;
      if (lineStart === 0 || LINE_BREAK.test(source[lineStart - 1]!)) starts.push(lineStart);
    }
  }
  if (words.length > 1) starts.sort((a, b) => a - b);
  const found: RegExpExecArray[] = [];
  let searchedTo = 0;
  for (const lineStart of starts) {
    if (lineStart < searchedTo) continue;
    directive.lastIndex = lineStart;
    const match = directive.exec(source);
    if (!match) continue;
    found.push(match);
    searchedTo = directive.lastIndex;
  }
  return found;
}
