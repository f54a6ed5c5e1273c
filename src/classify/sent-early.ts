// A message the test waits for may be sent before the work it speaks of is done: expirable_store's
// stub fetch messages the test, then sleeps 50 ms as its fetch, and only then returns the token the
// store keeps. The sleep after the first fetch waited for the refresh to end; the message says it began.
import { callArguments, callName, isStatementContainer, statementsOf } from '../parse/nodes.js';
import { DEFINING_CALLS, STANDARD_MODULE } from '../context/elixir-facts.js';
import { ranBefore, type SiteContext } from '../context/site-context.js';
import type { ModuleIndex } from '../project/module-index.js';
import type { SyntaxNode } from '../parse/parser.js';
import { actingCall } from './statements.js';

/**
 * A send in the project's code (the file's own modules, and those the test names before the sleep
 * or in `read`) of a message one of `checks` waits for, after which the function that sends it still
 * acts (sleeps, writes, calls a server), with that act; or null.
 */
export function sentBeforeItsWork(ctx: SiteContext, checks: readonly SyntaxNode[], read: SyntaxNode, modules: ModuleIndex): { send: SyntaxNode; work: SyntaxNode } | null {
  const named = new Set<string>();
  for (const statement of [...ranBefore(ctx), read]) {
    for (const alias of statement.descendantsOfType('alias')) {
      const name = ctx.file.resolveAlias(alias.text);
      if (!STANDARD_MODULE.test(name)) named.add(name);
    }
  }
  for (const check of checks) {
    const [pattern] = callArguments(check);
    for (const send of pattern ? modules.sendsMatching([...named], pattern.text, ctx.file) : []) {
      const work = workAfter(send);
      if (work) return { send, work };
    }
  }
  return null;
}

/**
 * The first statement after `send`, in the `fn` or `def` around it, that acts, at any depth of the
 * blocks between (the send inside a `case` branch, the sleep after the `case`); or null, also for a
 * send in no function (a test's own).
 */
function workAfter(send: SyntaxNode): SyntaxNode | null {
  let fn: SyntaxNode | null = send.parent;
  while (fn && fn.type !== 'anonymous_function' && !(fn.type === 'call' && DEFINING_CALLS.has(callName(fn) ?? ''))) fn = fn.parent;
  if (!fn) return null;
  for (let node = send; node.id !== fn.id && node.parent; node = node.parent) {
    if (!isStatementContainer(node.parent)) continue;
    const siblings = statementsOf(node.parent);
    const at = siblings.findIndex((s) => s.id === node.id);
    const work = at === -1 ? undefined : siblings.slice(at + 1).find((s) => actingCall(s) !== null);
    if (work) return work;
  }
  return null;
}
