import type { SyntaxNode } from '../../parse/parser.js';
import { callArguments, line, oneLine } from '../../parse/nodes.js';
import type { Rule } from '../rule.js';
import { mainCall, mainCallName } from '../statements.js';
import { KILL_CALLS } from '../../context/elixir-facts.js';
import { inTestFlow } from './test-flow.js';

// A message or cast that asks a process to end: `send(pid, :stop)`, `GenServer.cast(pid, {:crash, …})`.
const STOP_MESSAGE = /^[{:]*:?(stop|shutdown|exit|kill|crash|die|terminate|boom|raise|quit|halt)/;

/** The statement that makes a process exit without waiting for it, and the process. */
export function killedProcess(statement: SyntaxNode | undefined): { pid: SyntaxNode; how: string } | null {
  if (!statement) return null;
  const call = mainCall(statement);
  const name = mainCallName(statement);
  if (!call || !name) return null;
  const [target, message] = callArguments(call);
  if (!target || target.text === 'self()') return null;
  if (KILL_CALLS.has(name) && message) return { pid: target, how: `\`${name}(…, ${oneLine(message.text, 20)})\`` };
  if ((name === 'send' || name === 'GenServer.cast' || name === 'Process.send') && message && STOP_MESSAGE.test(message.text)) {
    return { pid: target, how: `\`${name}(…, ${oneLine(message.text, 20)})\`` };
  }
  return null;
}

// Checks that only pass once a supervisor restarted the process or a Registry cleaned up after it.
const RESTART_CHECK = /Registry\.(lookup|keys|count)|which_children|count_children|assert\s+(is_pid\()?Process\.whereis|\w+\s*=\s*Process\.whereis|!=|refute\s+\w+\s*==/;
// `refute Process.alive?(x)`, `assert Process.alive?(x) == false`, `refute Process.whereis(:name)`
const DEATH_CHECK = /(refute\s+Process\.alive\?\(([^)]*)\))|(assert\s+Process\.alive\?\(([^)]*)\)\s*==\s*false)|(refute\s+Process\.whereis\(([^)]*)\))/;

/** The process a death check looks at (`refute Process.alive?(child)` → child), or null. */
export function watchedProcess(statement: SyntaxNode | undefined): string | null {
  const match = statement && DEATH_CHECK.exec(statement.text);
  return match ? (match[2] ?? match[4] ?? match[6] ?? null) : null;
}

export const monitorDown: Rule = {
  id: 'monitor-down',
  verdict: 'problematic',
  produces: 'monitor_down',
  summary: 'waits for a killed or stopped process to die: monitor it and assert the :DOWN',
  explanation:
    'Process.exit/2, or a message that makes a process stop, returns before the process is gone. Monitoring the process and ' +
    'asserting the {:DOWN, ref, :process, pid, reason} message waits exactly as long as needed; a monitor set up after the ' +
    'process died still delivers :DOWN (reason :noproc). When the next line checks a linked process instead, that one is ' +
    'monitored. When it checks that a supervisor restarted the process or that its Registry entry is gone, that happens after ' +
    'the :DOWN, asynchronously, so the sleep is left to wait_for.',
  example: {
    before: 'Process.exit(pid, :kill)\nProcess.sleep(100)\nrefute Process.alive?(pid)',
    after: 'ref = Process.monitor(pid)\nProcess.exit(pid, :kill)\nassert_receive {:DOWN, ^ref, :process, ^pid, _}, 500\nrefute Process.alive?(pid)',
  },
  decide(ctx) {
    if (!inTestFlow(ctx)) return null;
    const previous = ctx.before[0];
    const killed = killedProcess(previous);
    if (!previous || !killed) return null;
    const next = ctx.after[0];
    const watched = watchedProcess(next);
    if (next && !watched && RESTART_CHECK.test(next.text)) return null;
    const pid = watched ?? killed.pid.text;
    const sameProcess = pid === killed.pid.text;
    const reason = `waits for a killed process: ${killed.how} on line ${line(previous)} stops \`${oneLine(killed.pid.text, 40)}\`${sameProcess ? '' : `; line ${line(next!)} checks linked \`${pid}\``}`;
    return {
      fix: 'monitor_down',
      safety: watched && sameProcess && killed.pid.type === 'identifier' ? 'safe' : 'review',
      confidence: watched ? 'high' : 'medium',
      reason,
      evidence: next && watched ? [line(previous), line(next)] : [line(previous)],
    };
  },
};
