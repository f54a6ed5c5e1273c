// assert_receive: a sleep before a mailbox assertion becomes the assertion's own wait.
//   Process.sleep(100)                   →   assert_receive {:event, :created}, 500
//   assert_received {:event, :created}
// Every assert_received right after the first becomes an assert_receive with the same timeout, and
// every assert_receive there waits at least that long: each of them had counted on the sleep.
// refute_received becomes refute_receive with the sleep's own duration (a refutation has to wait
// its whole time, so it may not be shortened); a sleep before an assert_receive or refute_receive
// is folded into its timeout: max(t, T) for assert_receive, t + D for refute_receive. Phoenix's
// assert_push, assert_broadcast and assert_reply take T as their timeout the same way.
import type { SyntaxNode } from '../src/parse/parser.js';
import { callArguments, callName } from '../src/parse/nodes.js';
import { MAILBOX_ASSERTIONS } from '../src/classify/statements.js';
import { estimateDuration } from '../src/duration/duration.js';
import { RECEIVE_TIMEOUT_MS, WAIT_TIMEOUT_POSITION, waitingAssertion } from '../src/context/elixir-facts.js';
import type { TransformApi, TransformFile, TransformMeta, TransformOptions } from '../src/transform/api.js';
import { checkedBy, removeSleep } from '../src/transform/checked-by.js';
import { callText, columnAt, isMultiLine, nodeText } from '../src/transform/layout.js';
import { nextInBlock, rewriteStatement } from '../src/transform/statement-edits.js';

export const meta: TransformMeta = {
  fix: 'assert_receive',
  description: 'fold a sleep into the next mailbox assertion: assert_received → assert_receive with a timeout',
  safety: 'safe',
};

export default function transform(file: TransformFile, api: TransformApi, options: TransformOptions) {
  const site = api.site;
  if (!site) return api.bail('assert_receive fixes one site at a time');
  const { source } = file;
  const { statement } = site.ctx;
  // The assertion right after the sleep, or after the loop whose body the sleep ends.
  const checked = checkedBy(site, options);
  if (!checked) return api.bail('nothing follows the sleep');
  const next = checked.check;
  const name = callName(next);
  const channel = waitingAssertion(name);
  const channelWait = channel && /^assert_(push|broadcast|reply)$/.test(channel) ? channel : null;
  if (!name || (!MAILBOX_ASSERTIONS.has(name) && !channelWait)) return api.bail('the next statement is not assert_received, refute_received, assert_receive, refute_receive or a channel assertion');
  if (next.descendantsOfType('comment').length > 0) return api.bail(`the ${name} call holds a comment`);
  const [pattern, ...rest] = callArguments(next);
  if (!pattern) return api.bail(`the ${name} call has no pattern`);
  const texts = [pattern, ...rest].map((arg) => nodeText(source, arg));
  if (texts.some((t) => t === null)) return api.bail(`the ${name} call holds a multi-line string`);
  const [patternText, ...restTexts] = texts as string[];

  const timeout = checked.adjacent ? api.timeout() : checked.timeout;
  // A sleep of unknown length that names it (`Process.sleep(previous_backoff)`): a wait with no
  // timeout of its own gets that name scaled, not a guess that may be shorter than the sleep.
  const named = checked.adjacent && api.timeoutText() !== api.ms(timeout) ? api.timeoutText() : null;
  const slept = checked.sleptMs;
  let rewritten: { name: string; args: string[] } | null;
  switch (channelWait ? 'channel' : name) {
    case 'channel': {
      // assert_push(event, payload, timeout), assert_reply(ref, status, payload \\ %{}, timeout)
      const position = WAIT_TIMEOUT_POSITION[channelWait!]!;
      const existing = existingTimeout(callArguments(next)[position], site.ctx.file);
      if (existing === undefined) return api.bail(`the ${name} timeout is not a known number of milliseconds`);
      const args = (texts as string[]).slice(0, position);
      // Phoenix's default payload pattern for assert_reply, written out to reach the timeout.
      if (channelWait === 'assert_reply' && args.length === 2) args.push('%{}');
      if (args.length < position) return api.bail(`the ${name} call has fewer arguments than its timeout needs`);
      rewritten = { name, args: [...args, api.ms(Math.max(existing ?? RECEIVE_TIMEOUT_MS, timeout))] };
      break;
    }
    case 'assert_received':
      // assert_received(pattern, message) → assert_receive(pattern, timeout, message)
      rewritten = { name: 'assert_receive', args: [patternText!, named ?? api.ms(timeout), ...restTexts] };
      break;
    case 'refute_received': {
      if (slept === null) return api.bail('refute_receive must wait as long as the sleep did, and its duration is unknown');
      const duration = checked.adjacent ? durationText(site.ctx.site.duration, slept, api) : api.ms(slept);
      rewritten = { name: 'refute_receive', args: [patternText!, duration, ...restTexts] };
      break;
    }
    case 'assert_receive': {
      const existing = existingTimeout(rest[0], site.ctx.file);
      if (existing === undefined) return api.bail('the assert_receive timeout is not a known number of milliseconds');
      const wanted = Math.max(existing ?? RECEIVE_TIMEOUT_MS, timeout);
      // No timeout and the default already waits long enough: only the sleep goes.
      const keep = existing === null ? wanted <= RECEIVE_TIMEOUT_MS : wanted === existing;
      if (named) rewritten = { name, args: [patternText!, existing === null ? named : `${named} + ${restTexts[0]}`, ...restTexts.slice(1)] };
      else rewritten = keep ? null : { name, args: [patternText!, api.ms(wanted), ...restTexts.slice(1)] };
      break;
    }
    default: {
      // refute_receive waited its own timeout after the sleep: it keeps waiting both.
      if (slept === null) return api.bail('refute_receive must keep waiting as long as the sleep did, and its duration is unknown');
      const existing = existingTimeout(rest[0], site.ctx.file);
      if (existing === undefined) return api.bail('the refute_receive timeout is not a known number of milliseconds');
      rewritten = { name, args: [patternText!, api.ms((existing ?? RECEIVE_TIMEOUT_MS) + slept), ...restTexts.slice(1)] };
    }
  }

  // Every assertion of a message in a row after it had counted on the sleep too: each waits at least
  // the same timeout (kaffe: the first messages were sent before the sleep, the later ones by a timer).
  const following: { check: SyntaxNode; text: string }[] = [];
  if (name.startsWith('assert_')) {
    for (const check of assertionRun(next)) {
      if (check.descendantsOfType('comment').length > 0) return api.bail('a message assertion after the first holds a comment');
      const args = callArguments(check).map((arg) => nodeText(source, arg));
      if (args.length === 0 || args.some((t) => t === null)) return api.bail('a message assertion after the first has no pattern or holds a multi-line string');
      const [first, ...others] = args as string[];
      let existing: number | null | undefined = null;
      if (callName(check) === 'assert_receive') {
        existing = existingTimeout(callArguments(check)[1], site.ctx.file);
        if (existing === undefined) return api.bail(`line ${check.startPosition.row + 1}: the assert_receive timeout is not a known number of milliseconds`);
        if (!named && (existing ?? RECEIVE_TIMEOUT_MS) >= timeout) continue;
        others.shift();
      }
      // Waited its own timeout after the sleep's: now the sleep's length, scaled, and its own.
      const wait = named ? (existing === null ? named : `${named} + ${args[1]}`) : api.ms(timeout);
      following.push({ check, text: callText('assert_receive', [first!, wait, ...others], hasParens(check), columnAt(source, check.startIndex)) });
    }
  }

  if (!removeSleep(api.edit, source, site, checked)) return api.bail('the sleep shares its line with other code');
  // Two rewritten checks in a row that both break over lines share one blank line between them:
  // the second brings it (tmp_kpiconnect's two long `assert_received`s, which had two).
  const spansLines = (check: SyntaxNode) => isMultiLine(following.find((f) => f.check.id === check.id)?.text ?? '');
  const below = (check: SyntaxNode) => { const after = nextInBlock(check); return after !== null && spansLines(after); };
  if (rewritten) {
    const text = callText(rewritten.name, rewritten.args, hasParens(next), columnAt(source, next.startIndex));
    const removedAbove = checked.adjacent && checked.skipped === 0 ? statement : undefined;
    if (!rewriteStatement(api.edit, source, next, [text], { removedAbove, nextSpansLines: below(next) })) return api.bail(`the ${name} call shares its line with other code`);
  }
  for (const { check, text } of following) {
    if (!rewriteStatement(api.edit, source, check, [text], { nextSpansLines: below(check) })) return api.bail('a message assertion after the first shares its line with other code');
  }
  return undefined;
}

/** The assert_received and assert_receive statements right after `check`, one after another (comments between them passed over). */
function assertionRun(check: SyntaxNode): SyntaxNode[] {
  const run: SyntaxNode[] = [];
  for (let next = check.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (next.type === 'comment') continue;
    const name = callName(next);
    if (name !== 'assert_received' && name !== 'assert_receive') break;
    run.push(next);
  }
  return run;
}

/** The timeout argument in ms: null when absent, undefined when not a known number. */
function existingTimeout(node: SyntaxNode | undefined, scope: Parameters<typeof estimateDuration>[1]): number | null | undefined {
  if (!node) return null;
  const value = estimateDuration(node, scope);
  return typeof value === 'number' ? value : undefined;
}

/**
 * The sleep's own duration as written (`@settle_ms`, `1_000`) when it is one line, else as a literal;
 * also for `:ct.sleep({:seconds, 1})`, whose tagged time no receive takes (gen_serverring).
 */
function durationText(node: SyntaxNode | null, ms: number, api: TransformApi): string {
  return node && node.type !== 'tuple' && !node.text.includes('\n') ? node.text : api.ms(ms);
}

function hasParens(call: SyntaxNode): boolean {
  return call.namedChildren.find((c) => c.type === 'arguments')?.firstChild?.type === '(';
}
