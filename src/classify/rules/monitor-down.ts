import type { SyntaxNode } from '../../parse/parser.js';
import { callArguments, line, oneLine } from '../../parse/nodes.js';
import type { Rule } from '../rule.js';
import { callNamesIn, mainCall, mainCallName, mentions } from '../statements.js';
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

const RESTART_CHECK = /Process\.whereis|Registry\.lookup|which_children|count_children|GenServer\.whereis/;

export const monitorDown: Rule = {
  id: 'monitor-down',
  verdict: 'problematic',
  produces: 'monitor_down',
  summary: 'waits for a killed or stopped process to die: monitor it and assert the :DOWN',
  explanation:
    'Process.exit/2, or a message that makes a process stop, returns before the process is gone. Monitoring the process and ' +
    'asserting the {:DOWN, ref, :process, pid, reason} message waits exactly as long as needed; a monitor set up after the ' +
    'process died still delivers :DOWN (reason :noproc). When the test then checks that a supervisor restarted the process ' +
    'or that its Registry entry is gone, that part is asynchronous too and becomes a wait_for.',
  example: {
    before: 'Process.exit(pid, :kill)\nProcess.sleep(100)\nrefute Process.alive?(pid)',
    after: 'ref = Process.monitor(pid)\nProcess.exit(pid, :kill)\nassert_receive {:DOWN, ^ref, :process, ^pid, _}, 500\nrefute Process.alive?(pid)',
  },
  decide(ctx) {
    if (!inTestFlow(ctx)) return null;
    const previous = ctx.before[0];
    const killed = killedProcess(previous);
    if (!previous || !killed) return null;
    const pidText = oneLine(killed.pid.text, 40);
    const next = ctx.after[0];
    const checksDeath = next && /Process\.alive\?/.test(next.text) && mentions(next, killed.pid.text);
    const checksRestart = next && (RESTART_CHECK.test(next.text) || callNamesIn(next).some((c) => c.name === 'Process.alive?' && !mentions(c.node, killed.pid.text)));
    const simplePid = killed.pid.type === 'identifier';
    const reason = `waits for a killed process: ${killed.how} on line ${line(previous)} stops \`${pidText}\``;
    if (checksRestart) {
      return { fix: 'monitor_down', safety: 'review', confidence: 'medium', reason: `${reason}; line ${line(next!)} then waits for a restart or cleanup`, evidence: [line(previous), line(next!)] };
    }
    return {
      fix: 'monitor_down',
      safety: simplePid && checksDeath ? 'safe' : 'review',
      confidence: checksDeath ? 'high' : 'medium',
      reason,
      evidence: [line(previous)],
    };
  },
};
