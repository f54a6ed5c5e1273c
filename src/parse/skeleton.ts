// Less to parse for reports. tree-sitter-elixir spends several microseconds per token, and most
// of a test file with a sleep is tests that hold none. Each such test is left out of the parse,
// head, body and the `@tag` lines above it: tree-sitter reads only the file's other ranges (its
// "included ranges"), at their real offsets, rows and columns, so every node that stays is where
// it is in the file and the test is simply not among its block's statements.
//
//   @tag :slow                              ┆ left out ┆
//   test "stores", %{pid: pid} do           ┆          ┆
//     :ok = Store.put(pid, 1)        →      ┆          ┆
//   end                                     ┆          ┆
//                                           ┆          ┆
//   test "expires", %{pid: pid} do        test "expires", %{pid: pid} do
//     Process.sleep(100)                     Process.sleep(100)
//
// Only `test … do … end` and `describe … do … end` blocks are left out (a describe as a whole
// when none of its tests holds a candidate and it defines no function), and tests next to each
// other go as one range: the module, its attributes, imports, aliases, `setup` blocks and helper
// functions (those written inside a describe too) stay, as does every test that holds a
// candidate (see CANDIDATE). That is safe because the site finder and the rules look at the
// sleep's own test, the statements of its describe and module, in-file modules and functions,
// and the text of the file (which node.text still reads whole), never into another test (the
// one rule that must, to see where a helper is called from, asks SourceFile.wholeTree
// for a parse of the whole file); the one thing a test leaves behind, the `@tag`s just above it,
// goes with it.
// test/parse/skeleton.test.ts holds every fixture's report to the whole-tree one. What a skeleton
// cannot see is a syntax error inside a test it left out: such trees serve reports (scan, check,
// baseline), and `fix` parses whole files.
//
// The lexer here knows just enough Elixir to pair `do`/`fn` with `end` (strings, charlists,
// heredocs, sigils, interpolation, comments, atoms, keyword keys, `?x` character literals); on
// anything it is unsure of it gives up, and the caller parses the whole file. The caller also
// checks the parsed tree (parser.ts, matchesSkeleton) before trusting it.

import { RECEIVE_AFTER } from '../read/prefilter.js';

/**
 * Tests or describes left out, whole: from the first `@tag` above the first of them (or its
 * `test`/`describe`) to just past the last one's `end`, with only blanks and comments between them.
 */
export interface Region {
  start: number;
  end: number;
}

export interface Skeleton {
  /** The ranges left out, in order. */
  regions: Region[];
}

/**
 * The text of a candidate: the word `sleep` anywhere (code, alias or comment alike), or a `receive`
 * whose block starts with `after` (also `receive()` and the keyword form `receive after: …`).
 * The prefilter's own test: a superset of what the site finder reports, so a body without one holds no site.
 */
const CANDIDATE = new RegExp(`sleep|${RECEIVE_AFTER.source}`, 'g');

/** Start and end offsets of every candidate in `source`, in order (they never overlap). */
function candidateSpans(source: string): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(source); m; m = CANDIDATE.exec(source)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  return { starts, ends };
}

class GiveUp extends Error {}

const enum C {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
  Bang = 33,
  DoubleQuote = 34,
  Hash = 35,
  Quote = 39,
  OpenParen = 40,
  CloseParen = 41,
  Comma = 44,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  Less = 60,
  Greater = 62,
  Question = 63,
  At = 64,
  UpperA = 65,
  UpperZ = 90,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Underscore = 95,
  LowerA = 97,
  LowerD = 100,
  LowerE = 101,
  LowerF = 102,
  LowerN = 110,
  LowerO = 111,
  LowerT = 116,
  LowerZ = 122,
  OpenBrace = 123,
  Pipe = 124,
  CloseBrace = 125,
  Tilde = 126,
}

const isLetter = (c: number) => (c >= C.LowerA && c <= C.LowerZ) || (c >= C.UpperA && c <= C.UpperZ) || c === C.Underscore;
const isIdent = (c: number) => isLetter(c) || (c >= C.Zero && c <= C.Nine);
const isBlank = (c: number) => c === C.Space || c === C.Tab || c === C.Return;

/**
 * What the lexer stops at; everything between (names, numbers, operators, brackets, blanks) is
 * skipped in one regex step. Block words need a word boundary (`do_x`, `x_end` have none).
 * Newlines matter only while a `test` head is open; braces only inside an interpolation.
 */
const EVENT = /["'#~?]|\b(?:do|end|fn|test|describe)\b/g;
const EVENT_OR_NEWLINE = /[\n"'#~?]|\b(?:do|end|fn|test|describe)\b/g;
const EVENT_OR_BRACE = /[{}"'#~?]|\b(?:do|end|fn|test|describe)\b/g;
/** Inside `"…"`, `'…'` and sigils with those delimiters: what ends or interrupts the content. */
const IN_DOUBLE = /["\\#]/g;
const IN_SINGLE = /['\\#]/g;

type Frame =
  | { kind: 'do'; body: UnitBody | null } // body: when this is the block of a test or describe
  | { kind: 'fn' }
  | { kind: 'brace' }; // `{` inside an interpolation

type UnitKind = 'test' | 'describe';

/** A test or describe whose do/end pairing the lexer found, its `do` ending a line and its `end` starting one. */
interface UnitBody {
  kind: UnitKind;
  /** Where its `test` or `describe` word starts (the first on its line). */
  head: number;
  /** Where its `end` keyword starts, or -1 until (and unless) one starts a line. */
  close: number;
}

class Lexer {
  private pos = 0;
  private readonly stack: Frame[] = [];
  /** In the order their blocks open, so a describe comes before its tests. */
  readonly bodies: UnitBody[] = [];
  /** A `test` or `describe` seen at the start of a line whose `do` has not come yet. */
  private pendingUnit: { kind: UnitKind; depth: number; head: number } | null = null;
  /** Set by a `do` that belongs to the pending unit, consumed at the end of its line. */
  private unitDoOnLine: UnitBody | null = null;
  /** Where a comment starts on the current line, or -1. */
  private commentAt = -1;
  /** Frames below this belong outside the interpolation being lexed. */
  private floor = 0;

  constructor(private readonly src: string) {}

  run(): void {
    this.code(false);
    if (this.stack.length > 0 || this.unitDoOnLine) throw new GiveUp();
  }

  /** Code until the end of input, or (in an interpolation) until its closing brace. */
  private code(inInterpolation: boolean): void {
    const floor = this.floor;
    this.floor = this.stack.length;
    try {
      this.codeLoop(inInterpolation);
    } finally {
      this.floor = floor;
    }
  }

  private codeLoop(inInterpolation: boolean): void {
    const src = this.src;
    for (;;) {
      const events = inInterpolation ? EVENT_OR_BRACE : this.pendingUnit || this.unitDoOnLine ? EVENT_OR_NEWLINE : EVENT;
      events.lastIndex = this.pos;
      // test(), not exec(): no match object per event. Every event ends at lastIndex and is
      // either one character or a block word, told apart by its last character.
      if (!events.test(src)) break;
      const end = events.lastIndex;
      const c = src.charCodeAt(end - 1);
      const at = end - 1;
      this.pos = end;
      switch (c) {
        case C.Newline:
          this.newline(at);
          break;
        case C.Hash: {
          this.commentAt = at;
          const eol = src.indexOf('\n', at);
          this.pos = eol === -1 ? src.length : eol;
          break;
        }
        case C.DoubleQuote:
        case C.Quote:
          this.pos = at;
          this.quoted(c, true);
          break;
        case C.Tilde:
          if (isLetter(src.charCodeAt(end))) this.sigil();
          break;
        case C.Question:
          // `valid?` ends a name; anything else is a character literal (`?a`, `?\n`, `?"`).
          if (!isIdent(src.charCodeAt(at - 1))) this.charLiteral();
          break;
        case C.OpenBrace:
          this.stack.push({ kind: 'brace' });
          break;
        case C.CloseBrace: {
          if (this.stack.length === this.floor) return;
          if (this.stack.pop()?.kind !== 'brace') throw new GiveUp();
          break;
        }
        case C.LowerO: // do
          this.word(end - 2, end);
          break;
        case C.LowerD: // end
          this.word(end - 3, end);
          break;
        case C.LowerN: // fn
          this.word(end - 2, end);
          break;
        case C.LowerE: // describe
          this.word(end - 8, end);
          break;
        default: // test
          this.word(end - 4, end);
      }
    }
    if (inInterpolation) throw new GiveUp();
    this.pos = src.length;
  }

  private newline(at: number): void {
    const body = this.unitDoOnLine;
    if (body) {
      this.stack.push({ kind: 'do', body });
      this.bodies.push(body);
      this.unitDoOnLine = null;
    }
    // A head that does not continue on the next line (`test "x", do: …`) is not a block.
    if (this.pendingUnit && this.stack.length === this.pendingUnit.depth && this.lastOnLine(at) !== C.Comma) this.pendingUnit = null;
  }

  /** The last character before `eol` on its line, comments and blanks left out. */
  private lastOnLine(eol: number): number {
    const src = this.src;
    const comment = this.commentAt > src.lastIndexOf('\n', eol - 1);
    let i = (comment ? this.commentAt : eol) - 1;
    while (i >= 0 && isBlank(src.charCodeAt(i))) i--;
    return i >= 0 ? src.charCodeAt(i) : 0;
  }

  /** Only blanks between the start of the line and `at`. */
  private firstOnLine(at: number): boolean {
    const src = this.src;
    let i = at - 1;
    while (i >= 0 && isBlank(src.charCodeAt(i))) i--;
    return i < 0 || src.charCodeAt(i) === C.Newline;
  }

  /** `do`, `end`, `fn`, `test` or `describe` between word boundaries at [start, end). */
  private word(start: number, end: number): void {
    const src = this.src;
    const before = start > 0 ? src.charCodeAt(start - 1) : 0;
    const after = src.charCodeAt(end);
    // Non-ASCII letters are word characters to Elixir, not to the regex: `doé`, `éend`.
    if (before >= 0x80 || after >= 0x80) throw new GiveUp();
    // `end?`, `do!`: names. `x.end`: a remote name. `@test`: an attribute. `:do`: an atom.
    if (after === C.Question || after === C.Bang || before === C.Dot || before === C.At) return;
    if (before === C.Colon && src.charCodeAt(start - 2) !== C.Colon) return;
    // `do: x`, `end: 5`: keyword keys, not block words.
    if (after === C.Colon && src.charCodeAt(end + 1) !== C.Colon) return;
    switch (end - start) {
      case 2:
        if (src.charCodeAt(start) === C.LowerD) this.blockDo(start);
        else this.stack.push({ kind: 'fn' });
        break;
      case 3:
        this.blockEnd(start);
        break;
      case 4:
        this.unitHead('test', start);
        break;
      default:
        this.unitHead('describe', start);
    }
  }

  /** `test` or `describe` as the first word of a line, outside any `fn`: its `do` may open a unit. */
  private unitHead(kind: UnitKind, at: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top?.kind !== 'fn' && this.firstOnLine(at)) this.pendingUnit = { kind, depth: this.stack.length, head: at };
  }

  private blockDo(at: number): void {
    const pending = this.pendingUnit;
    if (pending && this.stack.length === pending.depth) {
      this.pendingUnit = null;
      if (!this.insideTest() && this.restOfLineIsBlank(at + 2)) {
        // Pushed at the end of the line, so the body starts on the next one.
        this.unitDoOnLine = { kind: pending.kind, head: pending.head, close: -1 };
        return;
      }
    }
    this.stack.push({ kind: 'do', body: null });
  }

  private blockEnd(at: number): void {
    if (this.unitDoOnLine || this.stack.length <= this.floor) throw new GiveUp();
    const top = this.stack.pop();
    if (!top || top.kind === 'brace') throw new GiveUp();
    // A unit counts only when its `end` starts a line: then it is whole lines.
    if (top.kind === 'do' && top.body && this.firstOnLine(at)) top.body.close = at;
  }

  /** Tests hold no units; describes may. */
  private insideTest(): boolean {
    return this.stack.some((f) => f.kind === 'do' && f.body?.kind === 'test');
  }

  /** Only blanks or a comment between `from` and the end of the line. */
  private restOfLineIsBlank(from: number): boolean {
    const src = this.src;
    for (let i = from; i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (c === C.Newline || c === C.Hash) return true;
      if (!isBlank(c)) return false;
    }
    return true;
  }

  /** `"…"`, `'…'`, or their heredocs, at `pos`. */
  private quoted(quote: number, interpolates: boolean): void {
    const src = this.src;
    if (src.charCodeAt(this.pos + 1) === quote && src.charCodeAt(this.pos + 2) === quote) {
      this.pos += 3;
      this.heredoc(quote, interpolates);
    } else {
      this.pos++;
      if (quote === C.DoubleQuote) this.content(IN_DOUBLE, interpolates);
      else this.content(IN_SINGLE, interpolates);
    }
  }

  /** Content up to the closing delimiter that `stops` finds (with `\` escapes and `#{…}`). */
  private content(stops: RegExp, interpolates: boolean): void {
    const src = this.src;
    for (;;) {
      stops.lastIndex = this.pos;
      const match = stops.exec(src);
      if (!match) throw new GiveUp();
      const at = match.index;
      const c = src.charCodeAt(at);
      if (c === C.Backslash) {
        this.pos = at + 2;
      } else if (c === C.Hash) {
        this.pos = at + 1;
        if (interpolates && src.charCodeAt(at + 1) === C.OpenBrace) {
          this.pos = at + 2;
          this.interpolation();
        }
      } else {
        this.pos = at + 1;
        return;
      }
    }
  }

  /** Sigil content with a one-character delimiter: up to the unescaped `close`; `open` inside might nest, so it gives up. */
  private until(close: number, open: number, interpolates: boolean): void {
    const src = this.src;
    while (this.pos < src.length) {
      const c = src.charCodeAt(this.pos);
      if (c === C.Backslash) {
        this.pos += 2;
      } else if (c === close) {
        this.pos++;
        return;
      } else if (c === open) {
        throw new GiveUp();
      } else if (interpolates && c === C.Hash && src.charCodeAt(this.pos + 1) === C.OpenBrace) {
        this.pos += 2;
        this.interpolation();
      } else {
        this.pos++;
      }
    }
    throw new GiveUp();
  }

  /** After the opening `"""`: the rest of its line must be blank; it ends at a line starting with the closing one. */
  private heredoc(quote: number, interpolates: boolean): void {
    const src = this.src;
    while (this.pos < src.length && isBlank(src.charCodeAt(this.pos))) this.pos++;
    if (src.charCodeAt(this.pos) !== C.Newline) throw new GiveUp();
    this.pos++;
    let atLineStart = true;
    while (this.pos < src.length) {
      const c = src.charCodeAt(this.pos);
      if (atLineStart) {
        let i = this.pos;
        while (i < src.length && isBlank(src.charCodeAt(i))) i++;
        if (src.charCodeAt(i) === quote && src.charCodeAt(i + 1) === quote && src.charCodeAt(i + 2) === quote) {
          this.pos = i + 3;
          return;
        }
        atLineStart = false;
        this.pos = i;
        continue;
      }
      if (c === C.Newline) {
        atLineStart = true;
        this.pos++;
      } else if (c === C.Backslash) {
        this.pos += 2;
        // An escaped newline still starts a new line of the heredoc.
        if (src.charCodeAt(this.pos - 1) === C.Newline) atLineStart = true;
      } else if (interpolates && c === C.Hash && src.charCodeAt(this.pos + 1) === C.OpenBrace) {
        this.pos += 2;
        this.interpolation();
      } else {
        // Plain content: jump to the next character that matters.
        const next = nextOf(src, this.pos + 1, interpolates);
        this.pos = next;
      }
    }
    throw new GiveUp();
  }

  private interpolation(): void {
    // Interpolated code is code: strings, blocks and all, but never the start of a statement.
    const pending = this.pendingUnit;
    const unitDo = this.unitDoOnLine;
    const commentAt = this.commentAt;
    this.pendingUnit = null;
    this.unitDoOnLine = null;
    this.code(true);
    this.pendingUnit = pending;
    this.unitDoOnLine = unitDo;
    this.commentAt = commentAt;
  }

  /** `~r/…/i`, `~s(…)`, `~S"""…"""`, `~HTML[…]`: lower-case sigils interpolate, upper-case ones do not. */
  private sigil(): void {
    const src = this.src;
    const first = src.charCodeAt(this.pos);
    const interpolates = first >= C.LowerA && first <= C.LowerZ;
    this.pos++;
    if (!interpolates) while (this.pos < src.length && isIdent(src.charCodeAt(this.pos))) this.pos++;
    const d = src.charCodeAt(this.pos);
    if (d === C.DoubleQuote || d === C.Quote) {
      this.quoted(d, interpolates);
    } else if (d === C.OpenParen) {
      this.pos++;
      this.until(C.CloseParen, C.OpenParen, interpolates);
    } else if (d === C.OpenBracket) {
      this.pos++;
      this.until(C.CloseBracket, C.OpenBracket, interpolates);
    } else if (d === C.OpenBrace) {
      this.pos++;
      this.until(C.CloseBrace, C.OpenBrace, interpolates);
    } else if (d === C.Less) {
      this.pos++;
      this.until(C.Greater, C.Less, interpolates);
    } else if (d === C.Slash || d === C.Pipe) {
      this.pos++;
      this.until(d, -1, interpolates);
    } else {
      throw new GiveUp();
    }
    // Modifiers: ~r/x/iu
    while (this.pos < src.length && isIdent(src.charCodeAt(this.pos))) this.pos++;
  }

  /** After `?`: one character, never the start of a string or comment. */
  private charLiteral(): void {
    const src = this.src;
    const c = src.charCodeAt(this.pos);
    if (c === C.Backslash || (c >= 0xd800 && c <= 0xdbff)) this.pos += 2;
    else if (c === C.Newline || Number.isNaN(c)) throw new GiveUp();
    else this.pos++;
  }
}

/** The next newline, backslash or (when it interpolates) `#` at or after `from`. */
function nextOf(src: string, from: number, interpolates: boolean): number {
  for (let i = from; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === C.Newline || c === C.Backslash || (interpolates && c === C.Hash)) return i;
  }
  return src.length;
}

/**
 * The skeleton of `source`, or null when there is nothing to leave out or the lexer is unsure of
 * the file (the caller then parses it whole).
 */
export function skeletonOf(source: string): Skeleton | null {
  const lexer = new Lexer(source);
  try {
    lexer.run();
  } catch (error) {
    if (error instanceof GiveUp) return null;
    throw error;
  }
  const candidates = candidateSpans(source);
  const regions: Region[] = [];
  let next = 0; // first candidate that ends after the current unit starts
  let covered = 0; // end of the last region: units inside it (a left-out describe's tests) go with it
  let definitions: number[] | undefined; // where function definitions start, found when first needed
  for (const unit of lexer.bodies) {
    if (unit.close === -1 || unit.head < covered) continue;
    const end = unit.close + 'end'.length;
    // `end)` or `end |> f()`: the unit is part of an expression, not a statement of its own.
    if (!blankToLineEnd(source, end)) continue;
    const start = tagsAbove(source, unit.head);
    // Any candidate inside keeps the unit (a describe's tests are then looked at one by one).
    while (next < candidates.ends.length && candidates.ends[next]! <= start) next++;
    if (next < candidates.starts.length && candidates.starts[next]! < end) continue;
    // A function defined in a describe is the module's, and a test elsewhere may call it: such a
    // describe stays, and its tests are looked at one by one.
    if (unit.kind === 'describe' && definesWithin((definitions ??= definitionStarts(source)), unit.head, end)) continue;
    const last = regions[regions.length - 1];
    if (last && onlyBlanksAndComments(source, last.end, start)) last.end = end;
    else regions.push({ start, end });
    covered = end;
  }
  return regions.length === 0 ? null : { regions };
}

/** What follows `def` on a line that starts a function definition. */
const DEF_REST = /(?:p|macrop?)?[ \t(]/y;

/**
 * Where the lines that start a function definition (`def`, `defp`, `defmacro`, `defmacrop`) start,
 * in order. indexOf jumps between the few `def`s of a file, where a line-anchored regex would try
 * every position.
 */
function definitionStarts(source: string): number[] {
  const starts: number[] = [];
  for (let at = source.indexOf('def'); at !== -1; at = source.indexOf('def', at + 3)) {
    let lineStart = at;
    while (lineStart > 0 && (source.charCodeAt(lineStart - 1) === C.Space || source.charCodeAt(lineStart - 1) === C.Tab)) lineStart--;
    if (lineStart > 0 && source.charCodeAt(lineStart - 1) !== C.Newline) continue;
    DEF_REST.lastIndex = at + 3;
    if (DEF_REST.test(source)) starts.push(lineStart);
  }
  return starts;
}

/** Does a definition start in [from, to)? */
function definesWithin(starts: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < starts.length && starts[lo]! < to;
}

/**
 * Where the `@tag`s just above `head` start, else `head`. Blank and comment lines may come
 * between; a tag may go on over several lines (`@tag role: "admin",` then `     ttl: 50`): a line
 * continues the one above when that ends in `,`, `:` or an opening bracket, when it starts with a
 * closing one, or when it closes a heredoc (then the line that opened it is looked at instead).
 */
function tagsAbove(source: string, head: number): number {
  let start = head;
  let line = codeLineAbove(source, head);
  while (line) {
    const delimiter = source.slice(line.first, line.first + 3);
    if (delimiter === '"""' || delimiter === "'''") {
      line = heredocOpening(source, line.first, delimiter);
      if (!line) break;
    }
    const above = codeLineAbove(source, line.first);
    if (TAG_LINE.test(source.slice(line.first, line.first + 5))) start = line.first;
    else if (!above || !(CLOSES.test(source[line.first]!) || CONTINUED.test(source[above.last]!))) break;
    line = above;
  }
  return start;
}

/** `@tag` as a whole word (not `@tags`, `@tag_x`). */
const TAG_LINE = /^@tag(?![\w?!])/;
/** How a line that continues the one above starts, or how the line above ends. */
const CLOSES = /[\])}]/;
const CONTINUED = /[,:[({]/;

interface Line {
  /** Its first and last non-blank characters. */
  first: number;
  last: number;
}

/** The line that opens the heredoc whose closing `delimiter` is at `close`: the nearest line above ending in it. */
function heredocOpening(source: string, close: number, delimiter: string): Line | null {
  let lineStart = source.lastIndexOf('\n', close - 1) + 1;
  while (lineStart > 0) {
    const above = source.lastIndexOf('\n', lineStart - 2) + 1;
    let last = lineStart - 2;
    while (last >= above && isWhite(source.charCodeAt(last))) last--;
    lineStart = above;
    if (last - 2 >= above && source.startsWith(delimiter, last - 2)) {
      let first = above;
      while (isBlank(source.charCodeAt(first))) first++;
      return { first, last };
    }
  }
  return null;
}

/** The nearest line above the one `at` is on that is neither blank nor a comment. */
function codeLineAbove(source: string, at: number): Line | null {
  let lineStart = source.lastIndexOf('\n', at - 1) + 1;
  while (lineStart > 0) {
    const above = source.lastIndexOf('\n', lineStart - 2) + 1;
    let first = above;
    while (isBlank(source.charCodeAt(first))) first++;
    lineStart = above;
    const c = source.charCodeAt(first);
    if (c === C.Newline || c === C.Hash) continue;
    let last = source.indexOf('\n', first) - 1;
    while (last > first && isWhite(source.charCodeAt(last))) last--;
    return { first, last };
  }
  return null;
}

/** Only blanks, or a comment, from `at` to the end of its line. */
function blankToLineEnd(source: string, at: number): boolean {
  while (at < source.length && isBlank(source.charCodeAt(at))) at++;
  const c = source.charCodeAt(at);
  return at === source.length || c === C.Newline || c === C.Hash;
}

/** Only blank lines and whole-line comments in [from, to) (`from` ends a line, `to` starts one). */
function onlyBlanksAndComments(source: string, from: number, to: number): boolean {
  for (let at = from; at < to; ) {
    while (at < to && isWhite(source.charCodeAt(at))) at++;
    if (at === to) return true;
    if (source.charCodeAt(at) !== C.Hash) return false;
    const eol = source.indexOf('\n', at);
    at = eol === -1 || eol > to ? to : eol;
  }
  return true;
}

const isWhite = (c: number) => c === C.Space || c === C.Tab || c === C.Newline || c === C.Return;
