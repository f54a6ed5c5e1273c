// Finds sleep call sites. We never walk the whole tree: a regex finds every candidate word
// (`sleep`, `receive`) in the text, a tree cursor goes down to its node, and the node's parents
// decide which of the DESIGN.md forms it is (one function per form, then "not a site").
import type { SyntaxNode, Tree } from '../parse/parser.js';
import { binaryParts, callArguments, callName, doBlockOf, isInsideText, unaryParts } from '../parse/nodes.js';
import type { Form } from '../vocabulary.js';
import { MAX_ANALYSED_DEPTH } from '../parse/depth.js';
import { descendTo } from '../parse/fast-nodes.js';
import { localSleepDefined, sleepImportedAt, timerAliasesAt } from './scope.js';
import { onlyNeverMatchingClause } from './never-matching.js';

export interface Site {
  /** The whole sleep expression: a call, a pipe, a capture or a `receive` block. */
  node: SyntaxNode;
  form: Form;
  /** The expression that gives the duration, or null when the form has none (a capture). */
  duration: SyntaxNode | null;
  /**
   * For a sleep named by module, function and arguments and run by another call
   * (`Node.spawn(node, Process, :sleep, [5000])`, `:rpc.call(node, :timer, :sleep, [1000])`): that
   * call, which runs it in another process.
   */
  runBy?: string;
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
    // `:sleep` handed with its module and arguments (`:rpc.call(node, :timer, :sleep, [1000])`).
    if (word.type === 'atom' && word.text === ':sleep' && word.endIndex === end) {
      const site = mfaSite(word);
      if (site && !seen.has(site.node.startIndex)) {
        seen.add(site.node.startIndex);
        sites.push(site);
      }
      continue;
    }
    if (word.type !== 'identifier' || word.startIndex > start || word.endIndex < end) continue;
    if (isInsideText(word)) continue;
    const site = match[0] === 'receive' ? receiveAfterSite(word, source) : sleepSite(word);
    if (site && !seen.has(site.node.startIndex)) {
      seen.add(site.node.startIndex);
      sites.push(site);
    }
  }
  return { sites, tooDeep };
}

/** The site of a statement that is only a wait (`Process.sleep(100)`, `receive do after 100 -> :ok end`) in a file of text `source`, as findSites reads it. */
export function siteOfWait(statement: SyntaxNode, source: string): Site | null {
  const word = statement.descendantsOfType('identifier').find((w) => w.text === 'sleep' || w.text === 'receive');
  if (!word) return null;
  return word.text === 'receive' ? receiveAfterSite(word, source) : sleepSite(word);
}

function sleepSite(word: SyntaxNode): Site | null {
  const parent = word.parent;
  if (!parent) return null;
  // Process.sleep / :timer.sleep / T.sleep (T aliasing :timer) / :ct.sleep
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
  // Common Test's sleep blocks the caller as :timer's does (gen_serverring's waits for gossip rounds).
  if (left.type === 'atom' && left.text === ':ct') return ':ct.sleep';
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

/** Calls that run a function given by module, name and arguments in the caller's process. */
const APPLIES = new Set(['apply', 'Kernel.apply']);

/** Calls that run a function given by module, name and arguments in another process, here or on another node. */
const RUN_ELSEWHERE = new Set([
  'spawn', 'spawn_link', 'spawn_monitor', 'Process.spawn', 'Node.spawn', 'Node.spawn_link', 'Node.spawn_monitor',
  ':proc_lib.spawn', ':proc_lib.spawn_link', 'Task.async', 'Task.start', 'Task.start_link',
  ':rpc.call', ':rpc.block_call', ':rpc.cast', ':rpc.async_call', ':rpc.multicall', ':erpc.call', ':erpc.cast', ':erpc.send_request', ':erpc.multicall',
]);

/**
 * `Node.spawn(node, Process, :sleep, [5000])`, `:rpc.call(node, :timer, :sleep, [1000], 100)`,
 * `apply(Process, :sleep, [100])`: the module right before `:sleep`, one argument in a list right
 * after it. Run by a spawn or a remote call, the sleep happens in another process (`runBy`).
 */
function mfaSite(atom: SyntaxNode): Site | null {
  if (atom.parent?.type === 'list') return childSpecSite(atom);
  if (atom.parent?.type === 'tuple') return mfaTupleSite(atom);
  const args = atom.parent;
  const call = args?.type === 'arguments' ? args.parent : null;
  const name = call?.type === 'call' ? callName(call) : null;
  if (!call || !name || !(APPLIES.has(name) || RUN_ELSEWHERE.has(name))) return null;
  const list = callArguments(call);
  const at = list.findIndex((arg) => arg.id === atom.id);
  const module = list[at - 1];
  const form = sleepFormOf(module);
  const sleepArgs = list[at + 1];
  if (!form || sleepArgs?.type !== 'list' || sleepArgs.namedChildren.length !== 1) return null;
  const duration = sleepArgs.namedChildren[0]!;
  return APPLIES.has(name) ? { node: call, form, duration } : { node: call, form, duration, runBy: name };
}

/** Nodes a value sits in on its way to a call's arguments: `mfa: {…}`, `[{…}]`, `%{run: {…}}`. */
const DATA_AROUND = new Set(['pair', 'keywords', 'list', 'tuple', 'map', 'map_content']);

/**
 * `{Process, :sleep, [100]}` handed to code that runs it (archethic's `HydratingCache.start_link(mfa:
 * {Process, :sleep, [100]}, …)`, a slow function for the cache's task): the call it is handed to
 * runs it, in a process of that code's.
 */
function mfaTupleSite(atom: SyntaxNode): Site | null {
  const tuple = atom.parent!;
  const [module, fun, sleepArgs, ...rest] = tuple.namedChildren;
  if (fun?.id !== atom.id || rest.length > 0 || sleepArgs?.type !== 'list' || sleepArgs.namedChildren.length !== 1) return null;
  const form = sleepFormOf(module);
  if (!form) return null;
  // The call whose arguments hold it, through the data around it (`mfa: {…}` in a keyword list),
  // or, bound to a name first, the call a later statement hands that name to.
  let at: SyntaxNode | null = tuple.parent;
  while (at && DATA_AROUND.has(at.type)) at = at.parent;
  const runner = at?.type === 'arguments' && at.parent?.type === 'call' ? callName(at.parent) : at ? handedOnAs(at) : null;
  return { node: tuple, form, duration: sleepArgs.namedChildren[0]!, runBy: runner ?? 'apply/3' };
}

/** `spec = {:timer, :sleep, [50]}`, then `Runner.schedule(spec)`: the call a later statement hands the bound name to. */
function handedOnAs(binding: SyntaxNode): string | null {
  const parts = binaryParts(binding);
  if (parts?.op !== '=' || parts.left.type !== 'identifier') return null;
  for (let next = binding.nextNamedSibling; next; next = next.nextNamedSibling) {
    const call = next.descendantsOfType('call').find((c) => callArguments(c).some((arg) => arg.type === 'identifier' && arg.text === parts.left.text));
    if (call) return callName(call);
  }
  return null;
}

/**
 * `[:timer, :sleep, [:infinity]]` as the arguments a child spec starts a module with: `{Task,
 * :start_link, [:timer, :sleep, [:infinity]]}` in a `start:` or a child list, or `Supervisor.Spec`'s
 * `worker(Task, [:timer, :sleep, [:infinity]])` (gen_stage's ConsumerSupervisor tests). The
 * supervisor runs `Task.start_link(:timer, :sleep, [:infinity])` in a process of its own.
 */
function childSpecSite(atom: SyntaxNode): Site | null {
  const list = atom.parent!;
  const [module, fun, sleepArgs, ...rest] = list.namedChildren;
  if (fun?.id !== atom.id || rest.length > 0 || sleepArgs?.type !== 'list' || sleepArgs.namedChildren.length !== 1) return null;
  const form = sleepFormOf(module);
  const starter = startedWith(list);
  if (!form || !starter) return null;
  return { node: list, form, duration: sleepArgs.namedChildren[0]!, runBy: starter };
}

/** What runs a list of arguments: `Task.start_link` for `{Task, :start_link, list}` or `worker(Task, list)`. */
function startedWith(list: SyntaxNode): string | null {
  const parent = list.parent;
  if (parent?.type === 'tuple') {
    const [module, fun, args] = parent.namedChildren;
    return module?.type === 'alias' && fun?.type === 'atom' && args?.id === list.id ? `${module.text}.${fun.text.slice(1)}` : null;
  }
  const call = parent?.type === 'arguments' ? parent.parent : null;
  const [module, args] = call ? callArguments(call) : [];
  return call && /^(?:worker|supervisor)$/.test(callName(call) ?? '') && module?.type === 'alias' && args?.id === list.id ? `${module.text}.start_link` : null;
}

/** The form a sleep named by its module takes: `Process` (or `Elixir.Process`), `:timer`, `:ct`; null for any other module. */
function sleepFormOf(module: SyntaxNode | undefined): Form | null {
  if (module?.type === 'alias' && /^(?:Elixir\.)?Process$/.test(module.text)) return 'Process.sleep';
  if (module?.type !== 'atom') return null;
  return module.text === ':timer' ? ':timer.sleep' : module.text === ':ct' ? ':ct.sleep' : null;
}

/**
 * `receive do after N -> … end` with no message clauses is a sleep in disguise; so is one whose only
 * clause no message can match (never-matching.ts), the rest of the file being `source`.
 */
function receiveAfterSite(word: SyntaxNode, source: string): Site | null {
  const call = word.parent;
  if (call?.type !== 'call' || call.childForFieldName('target')?.id !== word.id) return null;
  const block = doBlockOf(call);
  if (!block) return keywordReceiveAfter(call);
  const after = block.namedChildren.find((c) => c.type === 'after_block');
  const clauses = block.namedChildren.filter((c) => c.type === 'stab_clause');
  if (clauses.length > 0 && !onlyNeverMatchingClause(call, clauses, after?.namedChildren.find((c) => c.type === 'stab_clause'), source)) return null;
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
