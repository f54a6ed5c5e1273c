import { parseElixir, type Region, type SyntaxNode, type Tree } from '../parse/parser.js';
import { callArguments, callName, doBlockOf, unaryParts } from '../parse/nodes.js';
import type { DurationScope } from '../duration/duration.js';
import { lineDirectives } from './line-directives.js';

/** A parsed file and the per-file facts several sites share (computed once, on demand). */
export class SourceFile implements DurationScope {
  private attributes?: Map<string, SyntaxNode[]>;
  private rawLines?: string[];
  private offsets?: number[];
  private uncommented?: string;
  private aliases?: Map<string, string>;
  private imported?: { module: string; only: Set<string> | null }[];
  private readonly memos = new Map<object, unknown>();
  private whole?: Tree;

  private leftOutLines?: Int32Array;

  /** `leftOut`: the tests that hold no candidate, which the tree leaves out (parser.ts, parseForReport). */
  constructor(
    readonly rel: string,
    readonly source: string,
    readonly tree: Tree,
    readonly hasSyntaxErrors: boolean,
    readonly leftOut: readonly Region[] = [],
  ) {}

  /** Does the tree leave out any test? */
  get partial(): boolean {
    return this.leftOut.length > 0;
  }

  /**
   * The lines that start inside a test the tree left out (their first non-blank character is in
   * it), as 1-based first and last lines, flattened, in order: lines of another test, which a
   * search above a sleep passes over.
   */
  get linesLeftOut(): Int32Array {
    if (this.leftOutLines) return this.leftOutLines;
    const spans: number[] = [];
    for (const { start, end } of this.leftOut) {
      const first = this.lineAt(start);
      const blankBefore = this.source.slice(this.lineOffset(first), start).trim() === '';
      const [from, to] = [blankBefore ? first : first + 1, this.lineAt(end - 1)];
      if (from <= to) spans.push(from, to);
    }
    return (this.leftOutLines = Int32Array.from(spans));
  }

  /** The 1-based line that holds offset `index`. */
  lineAt(index: number): number {
    this.lineOffset(1);
    let lo = 0;
    let hi = this.offsets!.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets![mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** The whole file's tree, every test in it: parsed on first use when `tree` is partial. */
  get wholeTree(): Tree {
    if (!this.partial) return this.tree;
    return (this.whole ??= parseElixir(this.source));
  }

  /**
   * An answer another module computes once per file (under a key of its own). Held here, not in a
   * WeakMap keyed by the file: the answers hold syntax nodes, and a tree reachable only through a
   * WeakMap is freed only by a full garbage collection, so the native trees piled up.
   */
  memo<T>(key: object, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /** `*_test.exs` files hold tests; other files under test/ are support code (helpers, mocks). */
  get isTestModuleFile(): boolean {
    return this.rel.endsWith('_test.exs');
  }

  /**
   * The value `@name` has at offset `at`: the last definition before it, as Elixir reads an attribute
   * where the function using it is defined (delayed_otp's `@test_duration 5_000` above one test,
   * `@test_duration 10_000` above the next); the first when none comes before it or `at` is not given.
   */
  attribute(name: string, at?: number): SyntaxNode | undefined {
    this.attributes ??= attributeDefinitions(this.tree.rootNode);
    const all = this.attributes.get(name);
    if (!all || at === undefined) return all?.[0];
    let value = all[0];
    for (const definition of all) if (definition.startIndex < at) value = definition;
    return value;
  }

  /** The short names this file's aliases give the full module `full` (`alias A.SGP30, as: SGP30Sim` → `SGP30Sim`). */
  aliasesOf(full: string): string[] {
    this.aliases ??= collectAliases(this.source);
    return [...this.aliases].filter(([, target]) => target === full).map(([short]) => short);
  }

  /** The full module name an alias stands for in this file (`Counter` → `Tally.Counter`). */
  resolveAlias(name: string): string {
    this.aliases ??= collectAliases(this.source);
    const [head, ...rest] = name.split('.');
    const full = this.aliases.get(head!);
    return full ? [full, ...rest].join('.') : name;
  }

  /**
   * The modules an unqualified call `fun/arity` may come from by `import` (`import App.Proxy, only:
   * [get_api: 2]`), aliases resolved, in the order written; whether they define it is the caller's
   * question.
   */
  importsFor(fun: string, arity: number): string[] {
    this.imported ??= collectImports(this.source);
    return this.imported.filter(({ only }) => !only || only.has(`${fun}/${arity}`)).map(({ module }) => this.resolveAlias(module));
  }

  /** The text of a 1-based line, without its line ending. */
  lineText(line: number): string {
    const raw = this.rawLine(line);
    // Only a \r before a \n is part of the line ending (the last line has none).
    return raw.endsWith('\r') && line < this.rawLines!.length ? raw.slice(0, -1) : raw;
  }

  get lineCount(): number {
    this.rawLines ??= this.source.split('\n');
    return this.rawLines.length;
  }

  /** Where a 1-based line starts in the source (UTF-16 units, as the tree counts). */
  lineOffset(line: number): number {
    if (!this.offsets) {
      this.rawLines ??= this.source.split('\n');
      this.offsets = new Array<number>(this.rawLines.length);
      let at = 0;
      for (let i = 0; i < this.rawLines.length; i++) {
        this.offsets[i] = at;
        at += this.rawLines[i]!.length + 1;
      }
    }
    return this.offsets[line - 1] ?? this.source.length;
  }

  /** A 1-based line as splitting the source on \n gives it: a \r before the \n is kept. */
  rawLine(line: number): string {
    this.rawLines ??= this.source.split('\n');
    return this.rawLines[line - 1] ?? '';
  }

  /**
   * The source with every `#` to the end of its line blanked out (a comment, or a `#` in a string),
   * by spaces, so that an offset in it is the same offset in the source.
   */
  get withoutComments(): string {
    this.uncommented ??= this.source.replace(/#.*$/gm, (comment) => ' '.repeat(comment.length));
    return this.uncommented;
  }

  /**
   * `text`, 1-based `line` as read, up to its comment: the first `#` the tree reads as one, not a
   * `#` inside a string, a quoted atom or an interpolation (`{Sweeper, name: :"sweeper_#{n}",
   * interval_ms: 50}` sets the interval after the name). In a test the tree left out, the first `#`.
   */
  lineWithoutComment(line: number, text = this.lineText(line)): string {
    const start = this.lineOffset(line);
    for (let at = text.indexOf('#'); at !== -1; at = text.indexOf('#', at + 1)) {
      if (this.startsComment(start + at)) return text.slice(0, at);
    }
    return text;
  }

  /** Does the `#` at offset `index` start a comment (or lie in a test the tree left out, where it is taken for one)? */
  private startsComment(index: number): boolean {
    if (this.leftOut.some(({ start, end }) => start <= index && index < end)) return true;
    return this.tree.rootNode.descendantForIndex(index).type === 'comment';
  }
}

/** `@name value` definitions in module bodies (nested modules included); the first one wins. */
export function collectAttributes(root: SyntaxNode): Map<string, SyntaxNode> {
  return new Map([...attributeDefinitions(root)].map(([name, values]) => [name, values[0]!]));
}

/** Every value each attribute of the file's modules is given, in the order they are written. */
function attributeDefinitions(root: SyntaxNode): Map<string, SyntaxNode[]> {
  const found = new Map<string, SyntaxNode[]>();
  const visit = (container: SyntaxNode) => {
    for (const statement of container.namedChildren) {
      const unary = unaryParts(statement);
      if (unary?.op === '@' && unary.operand.type === 'call') {
        const name = callName(unary.operand);
        const [value] = callArguments(unary.operand);
        if (name && value) found.set(name, [...(found.get(name) ?? []), value]);
        continue;
      }
      if (callName(statement) === 'defmodule') {
        const block = doBlockOf(statement);
        if (block) visit(block);
      }
    }
  };
  visit(root);
  return found;
}

// `alias …` at the start of a line (after blanks).
const ALIAS_DIRECTIVE = /[ \t]*alias\s+([A-Z]\w*(?:\.[A-Z]\w*)*)(?:\.\{([^}]*)\}|\s*,\s*as:\s*([A-Z]\w*))?/y;

/** `alias A.B`, `alias A.B, as: C` and `alias A.{B, C}` directives, by the short name they define. */
function collectAliases(source: string): Map<string, string> {
  const aliases = new Map<string, string>();
  // An alias written through an earlier one stands for the full name (`alias Brain.Analysis`,
  // then `alias Analysis.{HeuristicStore, Judge}`), as Elixir expands it.
  const expand = (name: string): string => {
    const [head, ...rest] = name.split('.');
    const full = aliases.get(head!);
    return full ? [full, ...rest].join('.') : name;
  };
  for (const match of lineDirectives(source, ['alias'], ALIAS_DIRECTIVE)) {
    const [, written, group, as] = match;
    const base = written && expand(written);
    if (group) {
      for (const part of group.split(',').map((p) => p.trim()).filter(Boolean)) aliases.set(part.split('.').pop()!, `${base}.${part}`);
    } else if (as) aliases.set(as, base!);
    else aliases.set(base!.split('.').pop()!, base!);
  }
  return aliases;
}

// `import App.Proxy` at the start of a line, with an `only: [name: arity, …]` list if one follows
// (`only: :functions` and `except:` lists keep every name: too rare to be worth reading).
const IMPORT_DIRECTIVE = /[ \t]*import\s+([A-Z]\w*(?:\.[A-Z]\w*)*)(?:\s*,\s*only:\s*\[([^\]]*)\])?/y;

function collectImports(source: string): { module: string; only: Set<string> | null }[] {
  return lineDirectives(source, ['import'], IMPORT_DIRECTIVE).map(([, module, only]) => ({
    module: module!,
    only: only === undefined ? null : new Set([...only.matchAll(/([a-z_]\w*[?!]?):\s*(\d+)/g)].map(([, name, arity]) => `${name}/${arity}`)),
  }));
}

