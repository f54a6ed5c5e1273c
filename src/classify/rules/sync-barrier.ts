import type { SyntaxNode } from '../../parse/parser.js';
import { callArguments, callName, line, oneLine } from '../../parse/nodes.js';
import { SYNC_CALLS } from '../../context/elixir-facts.js';
import type { Rule } from '../rule.js';
import { isNameableProcess, mainCall, mentions } from '../statements.js';
import { inTestFlow } from './test-flow.js';
import { killedProcess } from './monitor-down.js';

const DIRECT_MESSAGES = new Set(['GenServer.cast', 'send', 'Kernel.send', 'Process.send', ':gen_server.cast', ':erlang.send']);

/** The process a statement messages without waiting: `GenServer.cast(pid, …)`, `send(pid, …)`, or `Api.fun(pid, …)`. */
export function messagedProcess(statement: SyntaxNode | undefined): { target: SyntaxNode; call: string; direct: boolean } | null {
  const call = statement && mainCall(statement);
  const name = call && callName(call);
  if (!call || !name || SYNC_CALLS.has(name) || killedProcess(statement)) return null;
  const [target] = callArguments(call);
  if (!target || !isNameableProcess(target)) return null;
  if (DIRECT_MESSAGES.has(name)) return { target, call: name, direct: true };
  // A module's API taking the process first (`Counter.increment(pid)`) may be a cast underneath.
  if (name.includes('.') && /^[A-Z]/.test(name) && target.type === 'identifier') return { target, call: name, direct: false };
  return null;
}

export const syncBarrier: Rule = {
  id: 'sync-barrier',
  verdict: 'problematic',
  produces: 'sync_barrier',
  summary: 'waits for a cast or send to a GenServer to be handled: use :sys.get_state/1 as a barrier',
  explanation:
    ':sys.get_state(pid) is a call the process answers only after handling every message already in its mailbox, and ' +
    'messages from the test to that process arrive in order. So after GenServer.cast(pid, …) or send(pid, …), ' +
    ':sys.get_state(pid) returns exactly when the cast has been handled. It does not wait for work that process hands on ' +
    'to others, so it applies only when the next line checks the same process. Safe for a direct cast/send; review for a ' +
    'module API (Counter.increment(pid)) that may or may not cast underneath.',
  example: {
    before: 'GenServer.cast(counter, :increment)\nProcess.sleep(50)\nassert Counter.value(counter) == 1',
    after: 'GenServer.cast(counter, :increment)\n:sys.get_state(counter)\nassert Counter.value(counter) == 1',
  },
  decide(ctx) {
    if (!inTestFlow(ctx)) return null;
    const previous = ctx.before[0];
    const messaged = messagedProcess(previous);
    const next = ctx.after[0];
    if (!previous || !messaged || !next) return null;
    const target = messaged.target.text;
    // The barrier only covers the process the test messaged: the next line must look at that process.
    if (!mentions(next, target)) return null;
    return {
      fix: 'sync_barrier',
      safety: messaged.direct ? 'safe' : 'review',
      confidence: messaged.direct ? 'high' : 'medium',
      reason: `waits for \`${messaged.call}\` to \`${oneLine(target, 30)}\` (line ${line(previous)}); line ${line(next)} checks the same process`,
      evidence: [line(previous), line(next)],
    };
  },
};
