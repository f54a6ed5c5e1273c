import { binaryParts, callArguments, callName, callNamesIn, line, oneLine, squeezed, statementsOf } from '../../parse/nodes.js';
import { STANDARD_MODULE, waitingAssertion } from '../../context/elixir-facts.js';
import { shorterWait } from './remove-after-sync.js';
import type { Rule } from '../rule.js';
import { actingCall, ASSERTIONS, assertionName, MAILBOX_ASSERTIONS, mayChange, moduleFunctionsCalled, settledStatementsAhead, verifiedExpectation, watchedProcess } from '../statements.js';
import { isPlainSleep } from '../../context/site-context.js';
import type { SyntaxNode } from '../../parse/parser.js';
import { inTestFlow, keepsSchedule, pastTheLoop } from './test-flow.js';
import { NAMED_FOR_ITS_TIMING, readCapture } from './wait-for.js';
import { definedFunctions } from '../signals.js';
import { sentBeforeItsWork } from '../sent-early.js';
import type { SiteContext } from '../../context/site-context.js';

export const assertReceive: Rule = {
  id: 'assert-receive',
  verdict: 'problematic',
  produces: 'assert_receive',
  summary: 'sleep, then assert_received: let assert_receive wait for the message',
  explanation:
    'assert_received checks the mailbox without waiting, so a sleep before it guesses how long the message takes. ' +
    'assert_receive waits up to its timeout and returns as soon as the message arrives (every assert_received in a row after ' +
    'the sleep becomes one, and every assert_receive there waits at least as long). Not when a refute_received follows them: the sleep then times a window whose end the refutation ' +
    'checks. Marked review when a later statement calls again what the statement before the sleep called, or a function of its module named for the same act (enqueue, the sleep, ' +
    'assert_received, enqueue again): the sleep may also cover what the sender does after its message. refute_received after a sleep ' +
    'becomes refute_receive with the same duration, since a refutation must wait its full time. A sleep before an ' +
    'assert_receive/refute_receive is merged into its timeout, and so is one before Phoenix\'s assert_push, assert_broadcast or ' +
    'assert_reply whose timeout (ExUnit\'s 100 ms unless given) is shorter than the sleep.',
  example: {
    before: 'Notifier.publish(n, :created)\nProcess.sleep(100)\nassert_received {:event, :created}',
    after: 'Notifier.publish(n, :created)\nassert_receive {:event, :created}, 500',
  },
  decide(ctx, signals) {
    if (!inTestFlow(ctx) || keepsSchedule(ctx)) return null;
    const next = ctx.after[0];
    // Phoenix's assert_push/assert_broadcast/assert_reply wait too, ExUnit's 100 ms unless told
    // otherwise: one that would wait less than the sleep gets a longer timeout instead (codebattle).
    const channel = next?.type === 'call' ? waitingAssertion(callName(next)) : null;
    if (channel && /^assert_(push|broadcast|reply)$/.test(channel)) {
      const shorter = shorterWait(next, ctx.duration);
      if (!shorter) return null;
      return { fix: 'assert_receive', safety: 'safe', confidence: 'high', reason: `next line (${line(next!)}) waits by itself, for less than the sleep: \`${shorter}\` gets a longer timeout`, evidence: [line(next!)] };
    }
    // `proc_pid = proc.pid`, then `assert_receive {^proc_pid, …}` (porcelain): bindings of what the
    // test holds may stand between; the transform folds the wait into the check after them.
    const checked = next && !channel ? ctx.after[settledStatementsAhead(ctx.after)] : next;
    const name = assertionName(checked);
    if (!checked || !name || !/_receive/.test(name)) return null;
    // off_broadway_mqtt's `for _ <- 1..10 do Tortoise.publish(…); Process.sleep(50) end`, then
    // `assert_receive {:batch_fun, …}, 5000`: the receive after the loop waits by itself, so the
    // sleep only paces the publishes. (Before `assert_received`, the rounds' sleeps are the time the
    // messages had: the rewrite moves them into one wait.)
    if (pastTheLoop(ctx, checked) && /^(?:assert|refute)_receive$/.test(name)) return null;
    if (windowEnd(ctx)) return null;
    const what = oneLine(checked.text, 60);
    const where = checked === next ? `next line (${line(checked)})` : `line ${line(checked)}`;
    // A refutation waits out its own time after the sleep's: the rewrite saves no time per run.
    const keeps = name.startsWith('refute_') ? { keepsWait: true } : {};
    const reason =
      name === 'assert_received'
        ? `${where} checks the mailbox without waiting: \`${what}\``
        : name === 'refute_received'
          ? `${where} refutes a message without waiting: \`${what}\`; refute_receive waits the same time`
          : `${where} already waits: \`${what}\``;
    // reencodarr's retry chain: the 1.5 s sleep, `assert_received {:open_port_call, 1, …}`, checks of
    // it, then `assert_received {:open_port_call, 2, …}` and more further down: the rewrite waits for
    // the first message, and a later one, sent after it, is then checked before it can have come.
    const laterMailbox = name === 'refute_received' ? undefined : uncheckedMailboxLater(ctx.after);
    if (laterMailbox) {
      const more = `; line ${line(laterMailbox)} checks the mailbox again without waiting (\`${oneLine(laterMailbox.text, 40)}\`), for a message that may come after the first, which the sleep also gave time`;
      return { fix: 'assert_receive', safety: 'review', confidence: 'medium', reason: reason + more, evidence: [line(checked), line(laterMailbox)], ...keeps };
    }
    // A refutation still waits its full time; after a message that arrives, the test goes on at once.
    const again = name === 'refute_received' ? null : actsAgain(ctx.before[0], ctx.after);
    // Three tasks started in a row, one of which sends what the test waits for (newrelic): the sleep
    // also gave the others time to do their work, which the message says nothing of.
    const started = name === 'refute_received' ? [] : startsInARow(ctx.before);
    if (!again && started.length > 1) {
      const more = `; lines ${line(started.at(-1)!)}–${line(started[0]!)} start ${started.length} processes, and the sleep also gave those that send nothing time to work`;
      return { fix: 'assert_receive', safety: 'review', confidence: 'medium', reason: reason + more, evidence: [line(checked), line(started.at(-1)!)], ...keeps };
    }
    // porcelain's `assert_receive {^filter, output}`, then `refute Proc.alive?(proc)`: a process that
    // reports and then exits may still be alive when its last message comes; the sleep covered both.
    const death = name === 'refute_received' ? undefined : deathCheckAfter(ctx.after);
    // tmp_kpiconnect's store broadcasts `winning_solution_selected`, then persists more events while
    // handling the next message: `assert_received` of the first, then an exact match of the event
    // list. The sleep covered both; the message ends the wait before the later writes.
    const laterRead = name.startsWith('assert_') && !again && !death ? stateReadAfter(ctx.after, definedFunctions(ctx.file)) : undefined;
    if (laterRead) {
      const more = `; line ${line(laterRead)} reads state (\`${oneLine(laterRead.text, 40)}\`) that may be written after the message comes, which the sleep also gave time`;
      return { fix: 'assert_receive', safety: 'review', confidence: 'medium', reason: reason + more, evidence: [line(checked), line(laterRead)], ...keeps };
    }
    // expirable_store's stub fetch messages the test, sleeps 50 ms as its fetch and then returns the
    // token the store keeps: `assert_receive {:fetch, …}`, then `{:ok, token2, _} = fetch(…)` still
    // reads the old one. A read bound to a name counts too, once the project's code is seen to send
    // the message before work of its own; the sleep ("Wait for eager refresh to complete") covered it.
    const boundRead = name.startsWith('assert_') && !again && !death && !laterRead ? stateReadAfter(ctx.after, definedFunctions(ctx.file), true) : undefined;
    const early = boundRead ? sentBeforeItsWork(ctx, mailboxChecks(ctx.after).filter((c) => assertionName(c)?.startsWith('assert_')), boundRead, signals.modules) : null;
    if (boundRead && early) {
      const more = `; line ${line(boundRead)} reads state (\`${oneLine(boundRead.text, 40)}\`), and the project's code sends the message (\`${oneLine(early.send.text, 50)}\`) before \`${oneLine(early.work.text, 40)}\` in the same function: the message says that work began, and the sleep also gave it time to end`;
      return { fix: 'assert_receive', safety: 'review', confidence: 'medium', reason: reason + more, evidence: [line(checked), line(boundRead)], ...keeps };
    }
    // owl's daemon test: a kill, "# sleep in order to give time to daemon to execute terminate
    // callback and log kill message", then `assert_receive {:EXIT, …}` inside `log = capture_log(…)`
    // and `assert log =~ "$ kill"` after it: the exit comes at once, the line later, from another process.
    const capture = name.startsWith('assert_') && !again && !laterRead ? readCapture(ctx.statement) : null;
    if (capture) {
      const more = `; it runs inside \`${capture}\`, whose output the test reads after it, and what other processes log after the message may come after the capture ends`;
      return { fix: 'assert_receive', safety: 'review', confidence: 'medium', reason: reason + more, evidence: [line(checked)], ...keeps };
    }
    if (!again && death) {
      const more = `; line ${line(death)} checks that a process is gone, and one that sends and then exits may still be alive when its message comes: the sleep also gave it time to end`;
      return { fix: 'assert_receive', safety: 'review', confidence: 'medium', reason: reason + more, evidence: [line(checked), line(death)], ...keeps };
    }
    if (again) {
      const more = `; line ${line(again.statement)} ${again.call === again.first ? `calls \`${again.call}\` again` : `calls \`${again.call}\`, the act of line ${line(ctx.before[0]!)}'s \`${again.first}\` again`}, and the sleep may also cover what the sender does after the message, such as releasing a lock, which the message does not wait for`;
      return { fix: 'assert_receive', safety: 'review', confidence: 'medium', reason: reason + more, evidence: [line(checked), line(again.statement)], ...keeps };
    }
    // hermes's sampling callback messages the test, then its task calls the mocked `send_message`
    // under `expect` (verified on exit): the sleep covered both, and the message ends the wait first.
    const expectation = name.startsWith('assert_') ? verifiedExpectation(ctx, signals.modules) : null;
    if (expectation && !/\bsend\(/.test(expectation.text)) {
      const more = `; line ${line(expectation)} sets a mock expectation that is verified only when the test ends, and the sleep also gave it time to be met: a message that comes first ends the wait before it`;
      return { fix: 'assert_receive', safety: 'review', confidence: 'medium', reason: reason + more, evidence: [line(checked), line(expectation)], ...keeps };
    }
    // loadex's "calls the function with an interval set as a sleep opt": 50 ms, `refute_received
    // {:loop, 2}`, 50 ms, the same, 110 ms, `assert_received {:loop, 2}`: the message must come between
    // 100 and 210 ms, and a longer timeout than the sleep loosens the upper bound.
    const [pattern] = name === 'assert_received' || name === 'assert_receive' ? callArguments(checked) : [];
    const refutedBefore = pattern ? ctx.before.find((s) => /^refute_receive[d]?$/.test(assertionName(s) ?? '') && callArguments(s)[0] !== undefined && squeezed(callArguments(s)[0]!.text) === squeezed(pattern.text)) : undefined;
    if (refutedBefore) {
      const more = `; line ${line(refutedBefore)} refuted the same message before the sleep, so the sleeps bound when it comes from both sides, and a longer timeout loosens the bound after`;
      return { fix: 'assert_receive', safety: 'review', confidence: 'medium', reason: reason + more, evidence: [line(checked), line(refutedBefore)], ...keeps };
    }
    // tracer's `Server.start_tool(tool)`, 50 ms, six traced `String.split` calls, 50 ms, then
    // `assert_receive :started_tracing`: nothing since the earlier sleep sends or starts anything, so
    // the message was due before it, and this sleep waits for something else (the trace events to
    // drain before the tool is stopped), which a receive that returns at once does not.
    const earlier = name.startsWith('assert_') ? quietSinceEarlierSleep(ctx) : undefined;
    if (earlier) {
      const more = `; nothing since the sleep on line ${line(earlier)} sends or starts anything, so the message was due before that sleep, and this one waits for something else`;
      return { fix: 'assert_receive', safety: 'review', confidence: 'medium', reason: reason + more, evidence: [line(checked), line(earlier)], ...keeps };
    }
    // nerves_heart's "hw watchdog gets pet every 5 seconds": the sleep and the receive's 100 ms bound
    // the period under test, which a timeout five times the sleep's no longer does.
    if (name === 'assert_receive' && ctx.test && NAMED_FOR_ITS_TIMING.test(ctx.test)) {
      const more = `; the test's name (“${oneLine(ctx.test, 50)}”) speaks of when the message comes, which the sleep may bound and a longer timeout would not`;
      return { fix: 'assert_receive', safety: 'review', confidence: 'medium', reason: reason + more, evidence: [line(checked)], ...keeps };
    }
    return { fix: 'assert_receive', safety: 'safe', confidence: 'high', reason, evidence: [line(checked)], ...keeps };
  },
};

/**
 * The first check, within three statements past the mailbox checks, that reads through a call whose
 * answer may change (a store, a server, a table: a module's, or a function of the test file,
 * job_queue's `queue_length()`), before another sleep or an act; or undefined. With `bound`, a read
 * bound to a name (`{:ok, token, _} = Store.fetch(key)`) counts as well as an assertion.
 */
function stateReadAfter(after: readonly SyntaxNode[], ownFunctions: ReadonlySet<string>, bound = false): SyntaxNode | undefined {
  const past = after.findIndex((statement) => !MAILBOX_ASSERTIONS.has(assertionName(statement) ?? '') && !isPlainSleep(statement));
  if (past === -1) return undefined;
  for (const statement of after.slice(past, past + 3)) {
    if (isPlainSleep(statement) || MAILBOX_ASSERTIONS.has(assertionName(statement) ?? '')) return undefined;
    if (actingCall(statement) !== null) return undefined;
    const match = bound ? binaryParts(statement) : null;
    const [condition] = ASSERTIONS.has(assertionName(statement) ?? '') ? callArguments(statement) : match?.op === '=' ? [match.right] : [];
    if (condition && mayChange(condition) && callNamesIn(condition).some(({ name }) => (/^[A-Z]/.test(name) && !STANDARD_MODULE.test(name)) || ownFunctions.has(name))) return statement;
  }
  return undefined;
}

/** A check that a process is dead (`refute Process.alive?(pid)`, a wrapper's `refute Proc.alive?(proc)`) after the mailbox checks, before another sleep. */
function deathCheckAfter(after: readonly SyntaxNode[]): SyntaxNode | undefined {
  for (const statement of after) {
    // A death the test brings about itself after the messages is not one the sleep covered.
    // Nor one after a `refute_receive`, which waits a time of its own (porcelain's `refute_receive _`).
    if (isPlainSleep(statement) || ENDS_A_PROCESS.test(statement.text) || assertionName(statement) === 'refute_receive') return undefined;
    if (watchedProcess(statement) !== null || REFUTED_ALIVE.test(statement.text)) return statement;
  }
  return undefined;
}

const ENDS_A_PROCESS = /\b(?:Process\.exit|GenServer\.stop|Agent\.stop|Supervisor\.stop|stop_supervised!?|terminate_child|Task\.shutdown)\b|\.(?:stop|close|kill)\(/;
const REFUTED_ALIVE = /\brefute\s*\(?\s*(?:[A-Z]\w*(?:\.[A-Z]\w*)*\.)?alive\?\s*\(/;

/**
 * The first statement after the mailbox checks that calls a module's function the statement just
 * before the sleep called (`Exq.enqueue`, then `Exq.enqueue` again once the job is done), with that call.
 */
function actsAgain(trigger: SyntaxNode | undefined, after: readonly SyntaxNode[]): { statement: SyntaxNode; call: string; first: string } | null {
  // By module and the verb the name opens with: `Exq.enqueue`, then `Exq.enqueue_at` or `Exq.enqueue_all`.
  const called = new Map((trigger ? moduleFunctionsCalled(trigger) : []).map((name) => [verbOf(name), name] as const));
  if (called.size === 0) return null;
  for (const statement of after.slice(mailboxChecks(after).length)) {
    const call = moduleFunctionsCalled(statement).find((name) => called.has(verbOf(name)));
    if (call) return { statement, call, first: called.get(verbOf(call))! };
  }
  return null;
}

/**
 * The nearest plain sleep before this one in its block, when the statements between them (at least
 * one) only compute on data: nothing between could have sent the message.
 */
function quietSinceEarlierSleep(ctx: SiteContext): SyntaxNode | undefined {
  const block = ctx.statement.parent;
  if (!block) return undefined;
  const siblings = statementsOf(block);
  const here = siblings.findIndex((s) => s.id === ctx.statement.id);
  let at = here - 1;
  while (at >= 0 && !isPlainSleep(siblings[at]!)) at--;
  const between = siblings.slice(at + 1, here);
  if (at < 0 || between.length === 0) return undefined;
  // Only calls of the standard library's data modules: a request or a project call that returns at
  // once may still set off work that sends the message (blockscout's `patch(conn, …/refetch-metadata)`).
  const quiet = between.every((statement) => callNamesIn(statement).every(({ name }) => PURE_CALL.test(name)));
  return quiet ? siblings[at] : undefined;
}

/** Calls of the standard library that only compute on data. */
const PURE_CALL = /^(?:Enum|Stream|String|Map|MapSet|List|Keyword|Integer|Float|Atom|Tuple|Access|Range|Date|DateTime|NaiveDateTime|Time|Base|URI|Regex|Bitwise|Jason)\.\w+[?!]?$|^(?:length|hd|tl|elem|is_\w+|to_string|inspect|assert|refute)$/;

/** `Exq.enqueue_at` → `Exq.enqueue`: the module and the first word of the function's name. */
function verbOf(name: string): string {
  return name.replace(/(\.[a-z]+)_\w*$/, '$1');
}

/** Calls that start a process that runs on by itself. */
const STARTS_A_PROCESS = /^(?:spawn(?:_link|_monitor)?|Process\.spawn|Node\.spawn(?:_link)?|:proc_lib\.spawn(?:_link)?|Task\.(?:Supervisor\.)?(?:async|async_nolink|start|start_link|start_child)|start_supervised!?)$/;

/** The statements right before the sleep (nearest first) that each start a process, up to the first that does not. */
function startsInARow(before: readonly SyntaxNode[]): SyntaxNode[] {
  const run: SyntaxNode[] = [];
  for (const statement of before) {
    if (!callNamesIn(statement).some(({ name }) => STARTS_A_PROCESS.test(name))) break;
    run.push(statement);
  }
  return run;
}

/**
 * The refutation that ends the window a sleep times, or undefined: `assert_received :a` then
 * `refute_received :b`, both checked when the sleep ends. Waiting for :a would move the refutation
 * earlier (and refute_receive would push it later): either way the test asks something else. The
 * same with `assert_receive` and a `refute_receive` that waits less than the sleep (horde's 2 s
 * sleep, then `assert_receive {:starting, 500}, 100` and `refute_receive {:starting, 5000}, 100`:
 * the fast child is back by then and the slow one is not); one that waits as long covers the window.
 */
export function windowEnd(ctx: SiteContext): SyntaxNode | undefined {
  const checks = mailboxChecks(ctx.after);
  const first = assertionName(checks[0]);
  if (first === 'assert_received') return checks.find((statement) => assertionName(statement) === 'refute_received');
  if (first !== 'assert_receive') return undefined;
  for (const statement of checks) {
    const name = assertionName(statement);
    if (name === 'refute_received' || (name === 'refute_receive' && shorterWait(statement, ctx.duration))) return statement;
    // A wait between them at least as long as the sleep (`assert_receive {:subscriber, :subscribe},
    // 2_000`): the refutation comes when that ends, not when the sleep does.
    if (name !== 'assert_received' && !shorterWait(statement, ctx.duration)) return undefined;
  }
  return undefined;
}

/**
 * An `assert_received` or `refute_received` past the run of mailbox checks right after the sleep,
 * with only plain checks between (reencodarr's checks of each port call's arguments): the rewrite
 * leaves it checking without waiting. Not past an act or a wait, after which the message is that line's.
 */
function uncheckedMailboxLater(after: readonly SyntaxNode[]): SyntaxNode | undefined {
  const run = mailboxChecks(after).length;
  for (const statement of after.slice(run)) {
    const name = assertionName(statement);
    if (name === 'assert_received' || name === 'refute_received') return statement;
    if (!name || !ASSERTIONS.has(name)) return undefined;
  }
  return undefined;
}

/** The mailbox assertions that follow one another from the first statement after the sleep. */
export function mailboxChecks(after: readonly SyntaxNode[]): SyntaxNode[] {
  const run: SyntaxNode[] = [];
  for (const statement of after) {
    const name = assertionName(statement);
    if (!name || !MAILBOX_ASSERTIONS.has(name)) break;
    run.push(statement);
  }
  return run;
}
