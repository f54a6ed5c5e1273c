// Finds sleep call sites. We never walk the whole tree: a regex finds every candidate word
// (`sleep`, `receive`) in the text, a tree cursor goes down to its node, and the node's parents
// decide which of the DESIGN.md forms it is (one function per form, then "not a site").
import type { SyntaxNode, Tree } from '../parse/parser.js';
import { binaryParts, callArguments, doBlockOf, isInsideText, unaryParts } from '../parse/nodes.js';
import type { Form } from '../vocabulary.js';
import { MAX_ANALYSED_DEPTH } from '../parse/depth.js';
import { descendTo } from '../parse/fast-nodes.js';
import { localSleepDefined, sleepImportedAt, timerAliasesAt } from './scope.js';

export interface Site {
  /** The whole sleep expression: a call, a pipe, a capture or a `receive` block. */
  node: SyntaxNode;
  form: Form;
  /** The expression that gives the duration, or null when the form has none (a capture). */
  duration: SyntaxNode | null;
}

const CANDIDATE = /\b(?:sleep|receive)\b/g;

export interface FoundSites {
  sites: Site[];
  /** Lines of candidates nested too deeply to analyse (see parse/depth.ts). */
  tooDeep: number[];
}

export function findSites(source: string, tree: Tree): FoundSites {
  const sites: Site[] = [];
  const tooDeep: number[] = [];
  const seen = new Set<number>();
  for (const match of source.matchAll(CANDIDATE)) {
    const start = match.index;
    const end = start + match[0].length;
    const found = descendTo(tree, start, MAX_ANALYSED_DEPTH);
    if (!found) {
      const word = tree.rootNode.descendantForIndex(start, end);
      if (word.type === 'identifier') tooDeep.push(word.startPosition.row + 1);
      continue;
    }
    // The leaf at the word's first character is the word's own token, when the word is one.
    const word = found.node;
    if (word.type !== 'identifier' || word.startIndex > start || word.endIndex < end) continue;
    if (isInsideText(word)) continue;
    const site = match[0] === 'receive' ? receiveAfterSite(word) : sleepSite(word);
    if (site && !seen.has(site.node.startIndex)) {
      seen.add(site.node.startIndex);
      sites.push(site);
    }
  }
  return { sites, tooDeep };
}

function sleepSite(word: SyntaxNode): Site | null {
  const parent = word.parent;
  if (!parent) return null;
  // Process.sleep / :timer.sleep / T.sleep (T aliasing :timer)
  if (parent.type === 'dot' && parent.childForFieldName('right')?.id === word.id) {
    const form = remoteForm(parent.childForFieldName('left'), word);
    const call = parent.parent;
    if (!form || call?.type !== 'call') return null;
    return shapeOfCall(call, form);
  }
  // sleep(100) / sleep 100 / &sleep/1 with `import Process` or `import :timer` in scope
  if (parent.type === 'call' && parent.childForFieldName('target')?.id === word.id) {
    if (!sleepImportedAt(parent) || localSleepDefined(parent)) return null;
    return shapeOfCall(parent, 'sleep');
  }
  return null;
}

function remoteForm(left: SyntaxNode | null, word: SyntaxNode): Form | null {
  if (!left) return null;
  if (left.type === 'alias' && (left.text === 'Process' || left.text === 'Elixir.Process')) return 'Process.sleep';
  if (left.type === 'atom' && left.text === ':timer') return ':timer.sleep';
  if (left.type === 'alias' && timerAliasesAt(word).has(left.text)) return ':timer.sleep';
  return null;
}

/** Given the call node of a sleep, decide between the plain, pipe and capture shapes. */
function shapeOfCall(call: SyntaxNode, form: Form): Site | null {
  const args = callArguments(call);
  const hasArgumentList = call.namedChildren.some((c) => c.type === 'arguments');
  // &Process.sleep/1 — the call has no argument list and sits under `/` under `&`
  const slash = call.parent && binaryParts(call.parent);
  if (!hasArgumentList && slash?.op === '/' && slash.left.id === call.id) {
    const capture = call.parent!.parent;
    if (capture && unaryParts(capture)?.op === '&') return { node: capture, form: 'capture', duration: null };
    return null;
  }
  // &Process.sleep(&1)
  if (args.length === 1 && args[0]!.text === '&1' && call.parent && unaryParts(call.parent)?.op === '&') {
    return { node: call.parent, form: 'capture', duration: null };
  }
  // x |> Process.sleep() — pipe form: the duration is the left operand
  const pipe = call.parent && binaryParts(call.parent);
  if (args.length === 0 && pipe?.op === '|>' && pipe.right.id === call.id) {
    return { node: call.parent!, form, duration: pipe.left };
  }
  if (args.length !== 1) return null;
  return { node: call, form, duration: args[0]! };
}

/** `receive do after N -> … end` with no message clauses is a sleep in disguise. */
function receiveAfterSite(word: SyntaxNode): Site | null {
  const call = word.parent;
  if (call?.type !== 'call' || call.childForFieldName('target')?.id !== word.id) return null;
  const block = doBlockOf(call);
  if (!block) return keywordReceiveAfter(call);
  if (block.namedChildren.some((c) => c.type === 'stab_clause')) return null;
  const after = block.namedChildren.find((c) => c.type === 'after_block');
  const clause = after?.namedChildren.find((c) => c.type === 'stab_clause');
  const duration = clause?.childForFieldName('left')?.namedChildren[0];
  if (!duration) return null;
  // `after 0` only flushes the mailbox; it never waits.
  if (duration.text === '0') return null;
  return { node: call, form: 'receive_after', duration };
}

/** `receive after: (10 -> :ok)`: the keyword form, again with no message clauses. */
function keywordReceiveAfter(call: SyntaxNode): Site | null {
  const [keywords] = callArguments(call);
  const pairs = keywords?.type === 'keywords' ? keywords.namedChildren : [];
  if (pairs.length !== 1 || !/^after:/.test(pairs[0]!.text)) return null;
  const clause = pairs[0]!.childForFieldName('value')?.namedChildren.find((c) => c.type === 'stab_clause');
  const duration = clause?.childForFieldName('left')?.namedChildren[0];
  if (!duration || duration.text === '0') return null;
  return { node: call, form: 'receive_after', duration };
}
