// Small, shared questions about tree-sitter-elixir nodes. Every stage asks these, so they live once.
import type { SyntaxNode } from './parser.js';
import { nodeSlot } from './fast-nodes.js';

/** Node types whose named children are a sequence of statements. */
const STATEMENT_CONTAINERS = new Set(['source', 'do_block', 'body', 'block', 'else_block', 'after_block', 'rescue_block', 'catch_block']);

export function isStatementContainer(node: SyntaxNode): boolean {
  return STATEMENT_CONTAINERS.has(node.type);
}

/** The statement (a direct child of a block) that contains `node`. */
export function enclosingStatement(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.parent && !isStatementContainer(current.parent)) current = current.parent;
  return current;
}

/** Named siblings of a statement, comments left out. */
export function statementsOf(container: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const child of container.namedChildren) {
    if (child.type !== 'comment' && child.type !== 'stab_clause' && !child.type.endsWith('_block')) out.push(child);
  }
  return out;
}

/** `Foo.bar` / `:foo.bar` / `bar` — the name a call is made by, or null for non-calls. */
export function callName(node: SyntaxNode): string | null {
  // Asked of the same calls again and again (by the context walk, each rule, each site of a test).
  return node.type === 'call' ? remembered(node, CALL_NAME, nameOfCall) : null;
}

const CALL_NAME = nodeSlot('callName');

function nameOfCall(node: SyntaxNode): string | null {
  const target = node.childForFieldName('target');
  if (!target) return null;
  if (target.type === 'identifier') return target.text;
  if (target.type === 'dot') {
    const left = target.childForFieldName('left');
    const right = target.childForFieldName('right');
    if (!left || !right) return null;
    // `Elixir.Process.exit` is `Process.exit`, written so where a test aliases another module as Process.
    const module = left.type === 'alias' && left.text.startsWith('Elixir.') ? left.text.slice(7) : left.text;
    // ExUnit's imported functions written out (mediasoup's `ExUnit.Callbacks.on_exit(fn -> … end)`
    // in a support module) are the same calls as the bare names every test file uses.
    if (EXUNIT_IMPORTED.test(module)) return right.text;
    return `${module}.${right.text}`;
  }
  return null;
}

/** ExUnit modules whose functions a test case imports, so that they are called by their bare names. */
const EXUNIT_IMPORTED = /^(?:Elixir\.)?ExUnit\.(?:Callbacks|Assertions|CaptureLog|CaptureIO)$/;

/**
 * The argument nodes of a call (empty for `foo` or `foo()`). Keyword lists count as one argument.
 * Remembered on the node (the rules ask for the arguments of the same calls again and again), so
 * the one array is shared: read-only.
 */
export function callArguments(node: SyntaxNode): readonly SyntaxNode[] {
  return remembered(node, CALL_ARGUMENTS, argumentsOf);
}

const CALL_ARGUMENTS = nodeSlot('callArguments');
const NO_ARGUMENTS: readonly SyntaxNode[] = Object.freeze([]);

function argumentsOf(node: SyntaxNode): readonly SyntaxNode[] {
  const args = node.namedChildren.find((c) => c.type === 'arguments');
  return args ? args.namedChildren.filter((c) => c.type !== 'comment') : NO_ARGUMENTS;
}

/** The value of the `timeout:` keyword a call is given (`Repo.transaction(fun, timeout: 100)`), or null. */
export function timeoutOption(call: SyntaxNode): SyntaxNode | null {
  for (const arg of callArguments(call)) {
    if (arg.type !== 'keywords') continue;
    const pair = arg.namedChildren.find((p) => p.childForFieldName('key')?.text.startsWith('timeout:'));
    if (pair) return pair.childForFieldName('value');
  }
  return null;
}

/** A call's arguments as it runs: the value piped into it (`tuple |> Honeydew.async(queue)`) comes first. */
export function argumentsAsRun(call: SyntaxNode): readonly SyntaxNode[] {
  const parent = call.parent;
  const pipe = parent && parent.type === 'binary_operator' ? binaryParts(parent) : null;
  const piped = pipe?.op === '|>' && pipe.right.id === call.id ? pipe.left : null;
  return piped ? [piped, ...callArguments(call)] : callArguments(call);
}

export function doBlockOf(node: SyntaxNode): SyntaxNode | null {
  return node.namedChildren.find((c) => c.type === 'do_block') ?? null;
}

/**
 * The statements of a module body where its functions may be defined: the body's own, and those
 * of its `describe` blocks (ExUnit compiles a `defp` written inside a describe into the module;
 * tests keep a helper next to the tests that use it). A describe that says no `def` is not opened.
 */
export function definingStatements(moduleBody: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const statement of moduleBody.namedChildren) {
    out.push(statement);
    // ExSpec's `context "…"` is a describe: a `defp with_pool(fun)` inside it is the module's too (mojito).
    const name = statement.type === 'call' ? callName(statement) : null;
    const grouping = name === 'describe' || (name === 'context' && callArguments(statement)[0]?.type === 'string');
    if (!grouping || !DEF_WORD.test(statement.text)) continue;
    out.push(...(doBlockOf(statement)?.namedChildren ?? []));
  }
  return out;
}

const DEF_WORD = /\bdef/;

/**
 * The head of a function definition, `name(args)`, without its guard (`def name(args) when guard`)
 * or the return type Croma's `defun` writes after it (`defun name(x :: t) :: r do`, tamagohan's raft).
 */
export function definitionHead(defCall: SyntaxNode): SyntaxNode | undefined {
  let head = callArguments(defCall)[0];
  const guard = head && binaryParts(head);
  if (guard?.op === 'when') head = guard.left;
  const typed = head && binaryParts(head);
  return typed?.op === '::' ? typed.left : head;
}

/** A parameter of a definition's head without the type Croma's `defun` gives it: `peers` for `peers :: [atom]`. */
export function untypedParameter(param: SyntaxNode): SyntaxNode {
  const typed = binaryParts(param);
  return typed?.op === '::' ? typed.left : param;
}

/** The text of a string literal without interpolation, e.g. a test name; null when it is not one. */
export function stringLiteral(node: SyntaxNode | undefined): string | null {
  if (!node || node.type !== 'string') return null;
  const heredoc = node.text.startsWith('"""');
  const raw = node.namedChildren.some((c) => c.type === 'interpolation')
    ? node.text.slice(heredoc ? 3 : 1, heredoc ? -3 : -1)
    : node.namedChildren.map((c) => c.text).join('');
  return heredoc ? heredocValue(raw) : raw;
}

/**
 * What a heredoc's text between its delimiters stands for, as Elixir reads it: from the line after
 * the opening `"""`, each line without the closing delimiter's indentation, ending in a newline
 * (`test """\n    a name\n    """` is ExUnit's test named "a name\n").
 */
function heredocValue(raw: string): string {
  const body = raw.slice(raw.indexOf('\n') + 1);
  const lastNewline = body.lastIndexOf('\n');
  const indent = body.length - lastNewline - 1;
  const lines = body.slice(0, lastNewline + 1).split('\n');
  return lines.map((l) => l.replace(new RegExp(`^[ \\t]{0,${indent}}`), '')).join('\n');
}

/** `left op right` parts of a binary operator node. */
export function binaryParts(node: SyntaxNode): { left: SyntaxNode; op: string; right: SyntaxNode } | null {
  if (node.type !== 'binary_operator') return null;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const op = node.childForFieldName('operator');
  if (!left || !right || !op) return null;
  return { left, op: op.text, right };
}

export function unaryParts(node: SyntaxNode): { op: string; operand: SyntaxNode } | null {
  if (node.type !== 'unary_operator') return null;
  const operand = node.childForFieldName('operand');
  const op = node.childForFieldName('operator');
  if (!operand || !op) return null;
  return { op: op.text, operand };
}

/** `@name value`: the attribute's name and its value's text. */
export function attributeCall(node: SyntaxNode): { name: string; value: string } | null {
  const unary = unaryParts(node);
  if (unary?.op !== '@' || unary.operand.type !== 'call') return null;
  const name = callName(unary.operand);
  return name ? { name, value: callArguments(unary.operand).map((a) => a.text).join(', ') } : null;
}

/** True when `node` sits inside a string, charlist, sigil or comment: text, never code that runs as a sleep. */
export function isInsideText(node: SyntaxNode): boolean {
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    switch (n.type) {
      case 'string':
      case 'charlist':
      case 'sigil':
      case 'comment':
      case 'quoted_content':
        return true;
    }
  }
  return false;
}

/** Is `node` inside an anonymous function within `statement` (run by a task, say, not by the test)? */
export function inFunction(node: SyntaxNode, statement: SyntaxNode): boolean {
  for (let up = node.parent; up && up.id !== statement.id; up = up.parent) if (up.type === 'anonymous_function') return true;
  return false;
}

/**
 * `compute(node)`, kept on the node object under `key`: the rules ask the same question of the
 * same statement once per sleep of its test, and a walk below a node crosses into the binding at
 * every step. Trees are never edited, so an answer holds as long as its node object lives.
 * `key` comes from nodeSlot (fast-nodes.ts), so that nodes have a slot for it from the start.
 */
export function remembered<T>(node: SyntaxNode, key: symbol, compute: (node: SyntaxNode) => T): T {
  const memo = node as unknown as Record<symbol, T | undefined>;
  let answer = memo[key];
  if (answer === undefined) memo[key] = answer = compute(node);
  return answer;
}

/**
 * `node`'s text with its comments blanked to spaces (the same length, so offsets still hold): a
 * name in `# let warm finish` is no call of `warm`.
 */
export function codeText(node: SyntaxNode): string {
  return remembered(node, CODE_TEXT, commentsBlanked);
}

const CODE_TEXT = nodeSlot('codeText');

function commentsBlanked(node: SyntaxNode): string {
  const text = node.text;
  if (!text.includes('#')) return text;
  let code = '';
  let from = node.startIndex;
  for (const comment of node.descendantsOfType('comment')) {
    code += text.slice(from - node.startIndex, comment.startIndex - node.startIndex) + ' '.repeat(comment.endIndex - comment.startIndex);
    from = comment.endIndex;
  }
  return code + text.slice(from - node.startIndex);
}

export function line(node: SyntaxNode): number {
  return node.startPosition.row + 1;
}

/** Collapses whitespace so a call reads on one line in reports and fingerprints. */
export function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Every call inside a node, with its name, outermost first. */
export function callNamesIn(node: SyntaxNode): readonly CallNamed[] {
  return remembered(node, CALL_NAMES, callsBelow);
}

const CALL_NAMES = nodeSlot('callNames');

export interface CallNamed {
  name: string;
  node: SyntaxNode;
}

function callsBelow(node: SyntaxNode): readonly CallNamed[] {
  const out: CallNamed[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'call') {
      const name = callName(current);
      if (name) out.push({ name, node: current });
    }
    const children = current.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/** Is `node` `left || …` (or `left or …`) with `left` on its left? */
function orFallback(node: SyntaxNode, left: SyntaxNode): boolean {
  const parts = node.type === 'binary_operator' ? binaryParts(node) : null;
  return !!parts && (parts.op === '||' || parts.op === 'or') && parts.left.id === left.id;
}

/** The call an anonymous function is an argument of: `Task.async(fn -> … end)` → the Task.async call. */
export function ownerCall(fn: SyntaxNode): SyntaxNode | null {
  let node = fn.parent;
  // fn piped in (`fn -> … end |> Task.async()`) or wrapped in keywords (`Agent.start_link(fn -> … end, name: x)`)
  // or given a fallback it never needs (`Enum.find_value(1..100, fn _ -> … end || false)`, task_bunny: a fn is truthy).
  let from = fn;
  while (node && (node.type === 'arguments' || node.type === 'keywords' || node.type === 'pair' || node.type === 'block' || orFallback(node, from))) {
    from = node;
    node = node.parent;
  }
  if (node?.type === 'call') return node;
  const pipe = node && binaryParts(node);
  if (pipe?.op === '|>' && pipe.right.type === 'call') return pipe.right;
  return null;
}

/** Source text without whitespace, to compare two spellings of one expression. */
export const squeezed = (text: string): string => text.replace(/\s+/g, '');

/**
 * Does `node` `send` a message that carries `self()`: a request whose reply a `receive` after it
 * takes (ex-esdb's `send(collector, {:get_events, self()})`), a read of what another process holds?
 */
export function asksForAReply(node: SyntaxNode): boolean {
  return node.text.includes('self()') && callNamesIn(node).some(({ name, node: call }) => (name === 'send' || name === 'Kernel.send') && /\bself\(\)/.test(callArguments(call)[1]?.text ?? ''));
}
