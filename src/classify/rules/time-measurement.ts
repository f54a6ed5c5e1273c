import type { Decision, Rule } from '../rule.js';
import { binaryParts, callArguments, callName, callNamesIn, doBlockOf, line, oneLine, squeezed, statementsOf } from '../../parse/nodes.js';
import { isPlainSleep, isTestCall, setupStatements, type SiteContext } from '../../context/site-context.js';
import type { SyntaxNode } from '../../parse/parser.js';
import { assertionName, comparedWithEarlierRead, deniedCondition, comparesOnlyEarlierValues, countedRange, CREATES_RECORD, isPureCall, MAY_CREATE, looksReadOnly, mainCall, mainCallName, mentions, MOVED_ON, patternBindings, READ_NAME, remotelyCalled, runsElsewhere, sameStamps, settledStatementsAhead } from '../statements.js';
import { definedFunctions, fileFunctions, SLEEPS_COMMENT, type Signals } from '../signals.js';
import type { SourceFile } from '../../context/source-file.js';
import { immediateCause, isWeakName } from './immediate-cause.js';
import { deferredStart, sendsAMessage, startsUnreadInit, type StatementEffect } from '../effects.js';
import { directlyInLoop, inTestFlow, pastTheLoop } from './test-flow.js';

/** What a clock stamps, in a comment or a name: a timestamp, a `*_at` or `last_seen`-like field, the clock's finer units. */
const STAMPS = String.raw`timestamps?|(?:milli|micro|nano)seconds?|clock|\w+_at|(?:inserted|updated|created|modified) at|last_(?:seen|used|active|access\w*|activity|modified|updated)|(?:touch|modification|access|write|creation) times?|mtimes?|ctimes?`;
/** A stamp's comparative, as one that must come out larger: "strictly higher", "greater". */
const LARGER = String.raw`(?:strictly\s+)?(?:higher|greater|larger)\b`;

const CLOCK_WORDS = /(?<![@\w])\w*(microsecond|millisecond|nanosecond|timestamp|utc_now|monotonic_time|system_time|updated_at|inserted_at)\w*\b|(?<![@\w])\w*(?:(?:start|end|stop)_time|(?:started|finished|completed)_at)\b|(?<![\w.:@])now\(\)/g;

/**
 * The first clock word in `text` that reads a time: a call (`now_us_x10_timestamp()`), a field
 * (`post.updated_at`), a unit (`:millisecond`) or a name the statement binds (`started_at = …`).
 * A variable only used (astarte's `handle_connection(pid, connection_timestamp)`, a pinned
 * `^connection_timestamp`) holds a time read earlier and reads nothing: null when that is all.
 * With `forItself`, not a call that only stamps the data it is the value of a key in (readsForItself).
 */
function clockReading(statement: SyntaxNode, forItself = false): string | null {
  const text = statement.text;
  // A name bound by the statement's pattern (`{:ok, %{"microsecond" => first}} = run(…)`) holds what it just read.
  const match = binaryParts(statement);
  const patternEnd = match?.op === '=' ? match.left.endIndex - statement.startIndex : -1;
  for (const hit of text.matchAll(CLOCK_WORDS)) {
    const word = hit[0];
    if (noReading(text, hit.index, word.length)) continue;
    if (forItself && !readsForItself(text, callStart(text, hit.index))) continue;
    const before = text[hit.index - 1];
    const rest = text.slice(hit.index + word.length);
    if (word.endsWith(')') || before === '.' || before === ':' || /^\s*\(/.test(rest) || (hit.index < patternEnd && before !== '^')) return word;
  }
  return null;
}

/**
 * Where the clock call holding the word at `at` starts, for readsForItself: back over its module
 * (`System.` of `system_time`), or for a unit (`:millisecond`) over the call it is handed to.
 */
function callStart(text: string, at: number): number {
  const head = /(?:(?:[A-Z][\w.]*|:\w+)\.\w+\(\s*:|(?:[A-Z][\w.]*|:\w+)\.)$/.exec(text.slice(0, at));
  return at - (head?.[0].length ?? 0);
}

/** A clock read bound to a name: `time = :erlang.monotonic_time(:millisecond)`, `now = System.system_time()`. */
export const CLOCK_BINDING = /^([a-z_]\w*)\s*=\s*(?::erlang\.monotonic_time|:erlang\.system_time|:os\.system_time|System\.(?:monotonic|system|os)_time|(?:Naive)?DateTime\.utc_now)\b/;

/**
 * A clock read bound to a name just before the sleep (the statement before it; or one of the three
 * before it, past bindings of numbers), handed on by the statement after it: by a sleep of at most
 * SHORT_MS alone, or with a variable the test bound to a number the sleep outlasts (omg's
 * `synced_at = DateTime.utc_now()`, `stall_threshold_ms = 95`, 100 ms, then
 * `stalled?(5, 4, synced_at, stall_threshold_ms)`).
 */
function handedAPastTime(ctx: SiteContext): { read: SyntaxNode; name: string; threshold: string | null } | null {
  const slept = ctx.duration;
  const next = ctx.after[0];
  if (typeof slept !== 'number' || !next) return null;
  const numbers = new Map<string, number>();
  for (const statement of ctx.before.slice(0, 3)) {
    const name = CLOCK_BINDING.exec(statement.text)?.[1];
    if (!name) {
      const bound = /^([a-z_]\w*)\s*=\s*(\d[\d_]*)$/.exec(statement.text.trim());
      if (!bound) return null;
      numbers.set(bound[1]!, Number(bound[2]!.replace(/_/g, '')));
      continue;
    }
    for (const { node } of callNamesIn(next)) {
      const args = callArguments(node).filter((arg) => arg.type === 'identifier');
      if (!args.some((arg) => arg.text === name)) continue;
      const threshold = args.find((arg) => (numbers.get(arg.text) ?? Infinity) <= slept)?.text ?? null;
      if (threshold || (slept <= SHORT_MS && statement === ctx.before[0])) return { read: statement, name, threshold };
    }
    return null;
  }
  return null;
}

/**
 * A clock word at `at` in `text` that reads no time to set apart: inside a string's interpolation,
 * where the stamp is text to find (crawly_ui's `render(view) =~ "Discovery time: #{item.inserted_at}"`),
 * or a function of the test's own handed a number (its `inserted_at(50)`, now less 50 seconds: a
 * stamp made for the data, dated by the offset it is given).
 */
function noReading(text: string, at: number, length: number): boolean {
  const open = text.lastIndexOf('#{', at);
  if (open !== -1 && text.indexOf('}', open) > at) return true;
  const before = text[at - 1];
  return before !== '.' && before !== ':' && /^\(\s*\d/.test(text.slice(at + length));
}

/** An assertion that two stamps of different names, neither a call, differ: `refute eq?(a.last_at, a.current_at)`, `assert x.ended_at > x.started_at`. */
function stampsToldApart(statement: SyntaxNode): boolean {
  const name = assertionName(statement);
  if (name !== 'assert' && name !== 'refute') return false;
  // Values, not calls: `get_next_recycle_at(backend) > scheduled_at` (logflare) reads again a time another process moves on.
  const stamps = new Set(statement.text.match(/\b[a-z]\w*_at\b(?!\s*\()/g) ?? []);
  if (stamps.size < 2) return false;
  return deniedCondition(statement) ? !/!=|:gt|:lt/.test(statement.text) : /!=|[<>]|:gt\b|:lt\b/.test(statement.text.replace(/->|=>|<>|\|>/g, ''));
}

/**
 * `assert DateTime.after?(second.timestamp, first.timestamp)`, `DateTime.compare(b, a) == :gt`: an
 * assertion that orders two stamps, neither a call (ashfolio's two refreshes 10 ms apart).
 */
export function datesOrdered(statement: SyntaxNode): boolean {
  const name = assertionName(statement);
  if (name !== 'assert' && name !== 'refute') return false;
  // Each of those functions is called by its module's name (`…Time.`, `Timex.`): most assertions name none.
  if (!statement.text.includes('Time')) return false;
  const [condition] = callArguments(statement);
  const compared = condition && binaryParts(condition);
  // Timex's compare answers 1 or -1 where the standard library's answers :gt or :lt (janice's `last_seen_at`).
  const call = compared && /^[=!]==?$/.test(compared.op) && /^(?::gt|:lt|1|-1)$/.test(compared.right.text) ? compared.left : condition;
  if (call?.type !== 'call' || !DATE_ORDER.test(callName(call) ?? '')) return false;
  const args = callArguments(call);
  // A field read parses as a call without parentheses (`second.timestamp`).
  return args.length === 2 && args.every((arg) => arg.type === 'identifier' || ((arg.type === 'dot' || arg.type === 'call') && !arg.text.includes('(')));
}

/**
 * An age the statement after the sleep hands a call, which the sleep outlasts by little:
 * `sent_before: [milliseconds: 9]`, `older_than: [seconds: 1]` (Timex's shift units).
 */
function ageAskedFor(ctx: SiteContext): { text: string; ms: number } | null {
  const slept = ctx.duration;
  const asked = ctx.after[0] && typeof slept === 'number' ? AGE_OPTION.exec(ctx.after[0].text) : null;
  if (!asked) return null;
  const ms = Number(asked[3]!.replace(/_/g, '')) * (asked[2] === 'seconds' ? 1000 : 1);
  return ms > 0 && (slept as number) >= ms && (slept as number) <= ms * 10 ? { text: asked[0], ms } : null;
}

const AGE_OPTION = /\b(\w*(?:_before|older_than|_older_than|max_age|_age))\s*:\s*\[?\s*(milliseconds|seconds)\s*:\s*(\d[\d_]*)\s*\]?/;

/** Functions that order two points in time: the standard library's, and Timex's. */
const DATE_ORDER = /^(?:DateTime|NaiveDateTime|Time|Timex)\.(?:after\?|before\?|compare)$/;

/** A test named for timestamps that increase, differ or keep an order ("events have increasing timestamps"). */
const ORDERED_STAMPS_NAME = /\b(?:increasing|ordered|in order|later|newer|distinct|different|unique|monotonic)\b[^"]*\b(?:time ?stamps?|stamps)\b|\b(?:time ?stamps?|stamps)\b[^"]*\b(?:increase|increasing|ordered|in order|differ|distinct|unique|monotonic)\b/i;

/** `assert t2 > t1`: an assertion that orders two plain variables. */
function ordersTwoValues(statement: SyntaxNode): boolean {
  if (assertionName(statement) !== 'assert') return false;
  const parts = binaryParts(callArguments(statement)[0] ?? statement);
  return parts !== null && /^(?:<|>|<=|>=)$/.test(parts.op) && parts.left.type === 'identifier' && parts.right.type === 'identifier';
}

/**
 * The stamp at `at` is a key given a value in a literal (`%Job{updated_at: DateTime.utc_now()}`,
 * `insert(:event, inserted_at: now)`): a record written, not two stamps compared (elixircd). A
 * key in a pattern matched or asserted (`assert %{updated_at: t} = job`) reads one, and so does a
 * sort order (`inserted_at: :desc`).
 */
function writesAStamp(line: string, at: number): boolean {
  const rest = line.slice(at);
  // A sort order, journey's `order_by_execution_fields: [:graph_name, inserted_at: :desc]`, reads the stamps.
  if (/^\w+:\s*:(?:asc|desc)\w*\b/.test(rest)) return false;
  // A keyword or a string key of a map (balados' sync payload, `"updated_at" => DateTime.utc_now() |> …`).
  return /^\w+(?::|"\s*=>)\s/.test(rest) && !/^\s*(?:assert|refute)\b/.test(line) && !/[}\]]\s*=(?![=~>])/.test(rest);
}

/** A key looked for, balados' `assert Map.has_key?(ps, "updated_at")`: no stamp compared. */
function asksForTheKey(line: string, at: number): boolean {
  return /\bhas_key\?\([^()]*$/.test(line.slice(0, at));
}

/**
 * A 1 ms sleep between two calls of the same function: plug_attack's `assert {:allow, …} =
 * fail2ban()` on both sides, jido_ai's `Request.start_request(agent, "req-1", …)` then `"req-2"`
 * in a test of eviction by count. Nothing gets done in a millisecond; what it buys is the next one,
 * for a store that keys or stamps its entries by it. The two statements, or null.
 */
export function millisecondApart(ctx: SiteContext): [SyntaxNode, SyntaxNode] | null {
  const [previous] = ctx.before;
  const [next] = ctx.after;
  // Both in the sleep's own block: last in a loop body, the line after the loop is no second call
  // (electric's `:ets.insert` per round, a 1 ms sleep "to give the read process time to run").
  if (!inTestFlow(ctx) || ctx.duration !== 1 || !previous || !next || next.parent?.id !== ctx.statement.parent?.id) return null;
  if (squeezed(previous.text) === squeezed(next.text)) return [previous, next];
  const called = mainCallName(previous);
  return called !== null && /\./.test(called) && mainCallName(next) === called ? [previous, next] : null;
}

/**
 * A comment that says the sleep orders or separates two timestamps: "a later timestamp than",
 * "timestamps differ", "Ensure different millisecond" (jido_signal's ids), "observe a change in
 * last_seen" (ex_ice, whose agent stamps each pair with the clock). Also one that waits out what a
 * stamp can tell apart, "Wait for database timestamp resolution" (serviceradar's device touch), or
 * that makes what comes after the sleep the newer, "Touch first project to make it more recent"
 * (rubber_duck's watchers listed by their last activity), or its stamp the larger, right beside
 * the stamp: "gets a strictly higher timestamp", "the timestamp is greater" (a registry whose
 * conflicts the larger stamp wins).
 */
export const ORDERING_COMMENT = new RegExp(
  String.raw`\b(?:later|earlier|newer|older|different|differ|distinct|apart|unique|a change in|a new)\b[^.]*\b(?:${STAMPS})\b|\b(?:${STAMPS})\b[^.]*\b(?:later|earlier|newer|older|different|differs?|distinct|apart|unique|changes|no two\b[^.]*\bshare)\b|\b(?:${STAMPS})\s+comparisons?\b` +
    String.raw`|\b${LARGER}\s+(?:${STAMPS})\b|\b(?:${STAMPS})\s+(?:is|are|gets?|will\s+be|must\s+be)\s+${LARGER}` +
    String.raw`|\b(?:${STAMPS}|time)\s+(?:resolution|precision|granularity)\b|\bmake\w*\s+(?:it|them|\w+)\s+(?:the\s+)?(?:more|most)\s+recent\b`,
  'i',
);

/**
 * A comment that counts what happens while the test sleeps: "during sleep below source should send
 * around 100 buffers" (membrane). The sleep is the window the amount is measured over; without an
 * amount ("during the sleep the agent applies the cast") it is an ordinary wait.
 */
/** "duration has to be … 5 seconds", "the recording's length must be at least 2 s": a length of time the sleep is to make. */
const DURATION_MADE_COMMENT = /\b(?:duration|length)\b[^.]*?\b(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|milliseconds?|ms)\b/i;

/** The length of time in milliseconds a comment says the sleep makes, or null. */
function durationMade(comment: string): number | null {
  const match = DURATION_MADE_COMMENT.exec(comment);
  if (!match) return null;
  return Number(match[1]) * (/^m/i.test(match[2]!) ? 1 : 1000);
}

const COUNTED_WINDOW_COMMENT = /\b(?:during|while)\b[^.]*\b(?:sleep|sleeping|wait|waiting)\b[^.]*\b(?:around|about|roughly|approximately|up to|at least|at most)\s+\S/i;

/** A comment that says the sleep keeps things in order: "sleep between to secure order", "to ensure the right order". */
const KEEPS_ORDER_COMMENT = /\b(?:secure|ensure|keep|guarantee|preserve)s?\s+(?:the\s+|their\s+|an?\s+)?(?:correct\s+|right\s+|stable\s+|insertion\s+|sort\s+)?order(?:ing)?\b/i;

/**
 * A file's modification time, which file systems and `File.stat(…, time: :posix)` keep to the second:
 * "wait until file modification becomes stale". Also shortened to "mod time stamps" (conecerto_scoreboard's
 * watcher polls the files it reads, and a test appends a row only once the next second has begun).
 */
const FILE_TIME_COMMENT = /\b(?:mtimes?|(?:file\s+)?modification(?:\s+times?)?|modified\s+times?|last[_\s]modified|mod\s+time(?:s|\s*stamps?)?)\b/i;

/** Two things named by the time they were made must not share it: "two migrations with the same version". */
const SAME_VERSION_COMMENT = /\bsame\s+(?:version|timestamp|second)\b|\bmigrations?\b[^.]*\b(?:versions?|timestamps?)\b|\b(?:fresh|new|unique|distinct|different)\s+migration\s+(?:names?|files?)\b/i;

export const timeMeasurement: Rule = {
  id: 'time-measurement',
  verdict: 'legitimate',
  produces: 'time_measurement',
  summary: 'the test measures elapsed time, or needs two timestamps to differ',
  explanation:
    'When a test reads the clock before and after a sleep, or wraps it in :timer.tc, the elapsed time is what it tests. ' +
    'A sleep between two writes so that updated_at differs from inserted_at is the same kind of wait, as is one between two ' +
    'records created by the same call (`*_fixture`, `insert`, `create_*`) that a list then orders by time, or an act made again whole seconds later before such a list, a sleep of a second or more before a source file is written again (its modification time kept to the second), and a sleep of 1 ms ' +
    'between two identical calls, which lands them on different milliseconds for a store that keys or stamps by them. Replacing any of these with a ' +
    'condition would change what the test proves.',
  example: {
    before: 'started = System.monotonic_time(:millisecond)\nProcess.sleep(50)\nassert Stopwatch.elapsed(sw) >= 50',
    after: '# unchanged: the test measures the 50 ms',
  },
  decide(ctx, signals) {
    const timer = ctx.enclosedBy.find((call) => signals.isCall('time_measurement', call) || MEASURES.test(call)) ?? measuredBinding(ctx, signals);
    if (timer) return { category: 'time_measurement', confidence: 'high', reason: `inside \`${timer}\`: the test times this sleep` };
    // fluxter's `sleep_and_return(term)`, which the tests only hand to `TestFluxter.measure`: what they time.
    const handedTo = ctx.helperHandedTo?.how === 'handed' ? ctx.helperHandedTo.to : null;
    if (handedTo && (signals.isCall('time_measurement', handedTo) || MEASURES.test(handedTo))) {
      return { category: 'time_measurement', confidence: 'high', reason: `inside \`${ctx.defName}\`, which the tests only hand to \`${handedTo}\`: they time this sleep` };
    }
    const budget = runTimeBudget(ctx.site.node);
    if (budget) return { category: 'time_measurement', confidence: 'high', reason: `paces each run of \`check all\` against its \`${budget.text}\` (line ${line(budget)}): the runs it allows count the time` };
    const before = signals.call('time_measurement', 'before', (text, at, row) => readsForItself(text, at) && !stampsOnlyBeforeTheSleep(ctx, row));
    const after = signals.call('time_measurement', 'after', readsForItself);
    if (before && after) {
      return {
        category: 'time_measurement',
        confidence: 'high',
        reason: `reads the clock around the sleep: \`${before.text}\` on line ${before.line}, \`${after.text}\` on line ${after.line}`,
        evidence: [before.line, after.line],
      };
    }
    const compared = inTestFlow(ctx) ? comparedWithClock(ctx, signals) : null;
    if (compared) {
      return {
        category: 'time_measurement',
        confidence: 'medium',
        reason: `line ${line(compared.check)} ${assertionName(compared.check) ? 'orders a value against' : 'bounds what it asks for by'} \`${compared.variable}\`, the clock read on line ${line(compared.read)}: the clock has to move on`,
        evidence: [line(compared.read), line(compared.check)],
      };
    }
    // odd_job's `now = DateTime.utc_now()`, 1 ms, `perform_at(now, …) == {:error, :invalid_datetime}`:
    // a sleep this short after a clock read the next line hands on makes that time a past one.
    const past = inTestFlow(ctx) ? handedAPastTime(ctx) : null;
    if (past) {
      return {
        category: 'time_measurement',
        confidence: 'medium',
        reason: past.threshold
          ? `line ${line(past.read)} reads the clock into \`${past.name}\`, and line ${line(ctx.after[0]!)} hands it on with \`${past.threshold}\`, a time the sleep outlasts: the call measures the time since, which the sleep makes`
          : `line ${line(past.read)} reads the clock into \`${past.name}\` and line ${line(ctx.after[0]!)} hands it on: a sleep this short only makes that time a past one`,
        evidence: [line(past.read), line(ctx.after[0]!)],
      };
    }
    // janice's `add_cmd(…, Clock.utc_now())`, 10 ms, `orphan_list(sent_before: [milliseconds: 9])`:
    // the next line asks for what is older than an age the sleep outlasts; the sleep makes it so.
    const age = inTestFlow(ctx) ? ageAskedFor(ctx) : null;
    if (age) {
      return {
        category: 'time_measurement',
        confidence: 'medium',
        reason: `line ${line(ctx.after[0]!)} asks for what is older than ${age.ms} ms (\`${age.text}\`): the sleep makes what came before it that old`,
        evidence: [line(ctx.after[0]!)],
      };
    }
    const ordered = inTestFlow(ctx) && typeof ctx.duration === 'number' && ctx.duration <= SHORT_MS ? orderedStamps([...ctx.after, ...laterInTest(ctx)]) : null;
    if (ordered) {
      return {
        category: 'time_measurement',
        confidence: 'medium',
        reason: `line ${line(ordered)} orders two timestamps (\`${oneLine(callArguments(ordered)[0]!.text, 40)}\`): a sleep this short only lets the clock move on between them`,
        evidence: [line(ordered)],
      };
    }
    // "measure" names a verb of many objects (`measure traffic`): it speaks of time only around a
    // call that measures (`Statix.measure("key", fn -> … end)`) or a clock read.
    const named = signals.nameWord('time_measurement');
    const measuresSomethingElse = named && /^measur/.test(named.word) && !before && !after && !ctx.enclosedBy.some((call) => /(^|\.|_)measure/.test(call));
    // "close stalled handshakes once handshake_timeout has elapsed": a timeout running out, which
    // the test waits for, not a time it measures.
    const timeoutElapses = named?.word === 'elapsed' && named.where === 'test name' && /time_?out/i.test(ctx.test ?? '');
    const word = measuresSomethingElse || timeoutElapses ? null : named;
    // "Small delay to ensure the new check-in has a later timestamp than the activity": the comment
    // right above the sleep says what it is for, which outweighs whatever the line before it did.
    const comment = signals.commentAbove();
    if (comment && inTestFlow(ctx) && ORDERING_COMMENT.test(comment)) {
      return { category: 'time_measurement', confidence: 'medium', reason: `the comment above it says it sets two timestamps apart (“${oneLine(comment, 60)}”)` };
    }
    // The pause that opens each round of a loop, under a comment on the loop (pulsar's producer,
    // which stamps each message to the millisecond as it sends: "these go a millisecond apart").
    const loopComment = !comment && inTestFlow(ctx) ? signals.commentAboveLoop() : null;
    if (loopComment && ORDERING_COMMENT.test(loopComment)) {
      return { category: 'time_measurement', confidence: 'medium', reason: `the comment above its \`${ctx.loops[0]!.call}\` loop says the rounds set timestamps apart (“${oneLine(loopComment, 60)}”)` };
    }
    // "otherwise we'd generate two migrations with the same version" (phoenix's generator tests):
    // versions are timestamps to the second, and the sleep lets the clock move on.
    // Also a comment earlier in the test that speaks of its sleeps ("sleep to have fresh migration
    // name", then three more generator runs a second and a half apart, phoenix's scopes test), for a
    // sleep of a second or more: a version to the second needs that much.
    const versions = comment && SAME_VERSION_COMMENT.test(comment) ? comment : inTestFlow(ctx) && typeof ctx.duration === 'number' && ctx.duration >= 1000 ? signals.commentOnTheSleeps() : null;
    if (versions && SAME_VERSION_COMMENT.test(versions)) {
      return { category: 'time_measurement', confidence: 'medium', reason: `${versions === comment ? 'the comment above it' : 'a comment earlier in the test'} says the clock must move on between two versions (“${oneLine(versions, 60)}”)` };
    }
    // "# wait until file modification becomes stale", then 1 s (antikythera's tenant settings, checked by
    // mtime against a clock read in seconds): a second or more for a time kept to the second.
    if (comment && typeof ctx.duration === 'number' && ctx.duration >= 1000 && FILE_TIME_COMMENT.test(comment)) {
      return { category: 'time_measurement', confidence: 'medium', reason: `the comment above it speaks of a file's modification time (“${oneLine(comment, 60)}”), which is kept to the second: the clock has to move on` };
    }
    // "Add metrics for device2, sleep between to secure order" (nerves_hub): each write is stamped
    // with the time, and the sleep keeps the stamps in the order of the writes. Also a comment
    // earlier in the test that speaks of its sleeps.
    const aboutTheSleeps = comment ?? signals.commentOnTheSleeps();
    // jido_code's "# Create sessions with small delays to ensure different timestamps", above the
    // first of two sleeps, in a test named "sorted by created_at".
    // Also under a comment of its own that only points back at them (jido_signal's "# Wait again",
    // "# Add second newer signal after a delay", below "Add signals with a delay to ensure different timestamps").
    const pauses = !inTestFlow(ctx) ? null : !comment ? (signals.earlierComment(PAUSES)?.trim() ?? null) : POINTS_BACK.test(comment) ? (signals.earlierComment(ORDERED_PAUSES)?.trim() ?? null) : null;
    if (pauses && ORDERING_COMMENT.test(pauses)) {
      return { category: 'time_measurement', confidence: 'medium', reason: `a comment earlier in the test says its pauses set timestamps apart (“${pauses.length > 60 ? `${pauses.slice(0, 59)}…` : pauses}”)` };
    }
    if (aboutTheSleeps && KEEPS_ORDER_COMMENT.test(aboutTheSleeps)) {
      return { category: 'time_measurement', confidence: 'medium', reason: `${comment ? 'the comment above it' : 'a comment earlier in the test'} says it keeps things in order (“${oneLine(aboutTheSleeps, 60)}”): each is stamped with the time` };
    }
    // graph_conn's "all 10 actions will finish in 180ms and there shouldn't be new processes
    // around", then 10 spawned 40 ms actions and a 180 ms sleep: the sleep is the time the work is
    // given, and a wait until it is done would let serial work pass too.
    const given = inTestFlow(ctx) && typeof ctx.duration === 'number' ? signals.earlierComment(budgetOf(ctx.duration)) : null;
    if (given) {
      return { category: 'time_measurement', confidence: 'medium', reason: `a comment earlier in the test gives the work ${ctx.duration} ms (“${oneLine(given.trim(), 60)}”): the sleep is that budget, and a wait until the work is done would let it take longer` };
    }
    // "audio duration has to be equal or longer than 5 seconds, thats why sleep is a little longer"
    // (membrane's live mixer, 5_300 ms, which mixes 20 ms of audio per tick of the clock): the sleep
    // makes the length of what the test then checks; no event can stand for wall-clock time.
    const made = comment && typeof ctx.duration === 'number' ? durationMade(comment) : null;
    if (made !== null && (ctx.duration as number) >= made && (ctx.duration as number) <= made * 1.5) {
      return { category: 'time_measurement', confidence: 'medium', reason: `the comment above it says the sleep makes a length of time (“${oneLine(comment!, 60)}”): what the test checks is as long as the sleep` };
    }
    if (comment && COUNTED_WINDOW_COMMENT.test(comment)) {
      return { category: 'time_measurement', confidence: 'medium', reason: `the comment above it counts what happens while it sleeps (“${oneLine(comment, 60)}”)` };
    }
    // concentrate's `Process.sleep(100)` twice between three logged feeds, then `assert_in_delta
    // frequency, 0.2, 0.05`: the value checked is the time the sleeps add up to, in ms or seconds.
    const delta = inTestFlow(ctx) ? deltaOfTheSleeps(ctx) : null;
    if (delta) {
      return {
        category: 'time_measurement',
        confidence: 'medium',
        reason: `line ${line(delta.assertion)} checks that a measured value is ${assertionName(delta.assertion) === 'assert' ? 'at least' : 'about'} ${delta.expected}, ${delta.total === ctx.duration ? `the ${delta.total} ms it sleeps` : `the ${delta.total} ms the test's sleeps of ${ctx.duration} ms add up to`}`,
        evidence: [line(delta.assertion)],
      };
    }
    // pom_teams' `{:ok, seconds} = PomTimer.get_seconds_elapsed(timer)`, then `assert seconds > 0`:
    // a count of elapsed time that has to have grown, which only time passing makes true.
    const grown = inTestFlow(ctx) ? elapsedGrown(ctx) : null;
    if (grown) return measuredOn(grown.assertion, `checks that \`${oneLine(grown.value, 30)}\`, an elapsed time read through \`${grown.read}\`, has grown past ${grown.bound}`);
    // owl's progress bar given `timer: true`: the sleep, `render.()`, then a frame that must read
    // `00:00.2`, the time shown since the start: only the clock moving on makes it.
    const shown = inTestFlow(ctx) ? elapsedShown(ctx) : null;
    if (shown) return measuredOn(shown.statement, `expects an elapsed time shown as \`${shown.time}\``);
    // plug_cowboy's `def telemetry(conn) do Process.sleep(30); send_resp(…) end`, a plug the tests
    // request, and `assert duration_ms >= 30` on the duration the telemetry event reports.
    const boundElsewhere = inTestFlow(ctx) ? null : measuredInTheFile(ctx);
    if (boundElsewhere) {
      return {
        category: 'time_measurement',
        confidence: 'medium',
        reason: `line ${line(boundElsewhere)} checks that a measured time is at least the ${ctx.duration} ms it sleeps (\`${oneLine(callArguments(boundElsewhere)[0]!.text, 40)}\`)`,
        evidence: [line(boundElsewhere)],
      };
    }
    // The sleep's own length comes back in a check: what it measures outweighs what came before it.
    const counted = inTestFlow(ctx) ? countsOverTheSleep(ctx) : null;
    if (counted) {
      return {
        category: 'time_measurement',
        confidence: 'medium',
        reason: `line ${line(counted.assertion)} checks with \`${counted.name}\` an amount that depends on how long it slept: \`${counted.variable}\`, of its duration, comes back ${counted.uses === counted.assertion ? 'in it' : `on line ${line(counted.uses)}`}`,
        evidence: [line(counted.uses), line(counted.assertion)],
      };
    }
    // raxol's "events have increasing timestamps": two casts a sleep apart, then `[{t1, …}, {t2, …}] =
    // session.events` and `assert t2 > t1`: the server stamps each event as it handles it, and a
    // barrier would handle both a microsecond apart. The name says the stamps are what is checked.
    const inOrder = inTestFlow(ctx) && ctx.test !== null && ORDERED_STAMPS_NAME.test(ctx.test) ? ctx.after.slice(0, 6).find(ordersTwoValues) : undefined;
    if (inOrder) {
      return { category: 'time_measurement', confidence: 'medium', reason: `the test's name speaks of timestamps in order, and line ${line(inOrder)} orders two of them (\`${oneLine(inOrder.text, 40)}\`): the sleep sets them apart`, evidence: [line(inOrder)] };
    }
    // A word further out that the code next to the sleep explains (a synchronous call before it) is
    // no evidence, and none against either: what the code reads of the clock still counts, as under
    // any other name (hlclock's `send_timestamp` on either side, in a describe named for it).
    const outweighed = word !== null && word.where !== SLEEPS_COMMENT && immediateCause(ctx, signals, word) !== null;
    if (outweighed && !isWeakName(word)) return null;
    // "Set block_consensus and block_timestamp for not processed transactions" (blockscout): a name
    // that only names a field, right after the start of a module whose init/1 leaves its work
    // running (a library's `use` brought it, or it continues in handle_continue): that work is what
    // the sleep waits for.
    const started = ctx.before[0];
    if (word && !outweighed && !before && !after && started && (startsUnreadInit(started, ctx, signals.modules) || deferredStart(started, ctx, signals.modules))) return null;
    if (word && !outweighed && (before || after)) {
      const hit = (before ?? after)!;
      return {
        category: 'time_measurement',
        confidence: 'medium',
        reason: `${word.where} mentions “${word.word}” and line ${hit.line} reads the clock (\`${hit.text}\`)`,
        evidence: [hit.line],
      };
    }
    // Inside a function handed to other code (finch's Bypass handler, delayed by a header), a name
    // alone says less than where the sleep runs: that is work taking its time.
    // Not the test's last statement, which nothing after it reads or times (redis_server_wrapper's
    // `Server.stop(server)`, then 500 ms, in a test named for a pause's duration), nor one before the
    // test attaches the telemetry handler that gets the measurement (phoenix_socket_client's "emits
    // channel leave duration event": the span starts later, inside the library).
    const endsTheTest = () => ctx.after.length === 0 && ctx.runsIn === 'test' && ctx.unitKind === 'test' && ctx.loops.length === 0 && ctx.enclosedBy.length === 0;
    const measuredLater = () => ctx.after.some((statement) => /^:telemetry\.attach(?:_many)?$/.test(mainCallName(statement) ?? ''));
    if (word && !isWeakName(word) && ctx.runsIn !== 'handed_fn' && ctx.runsIn !== 'spawned' && !(word.where === 'test name' && (endsTheTest() || measuredLater() || agesSetApartElsewhere(ctx, word.word)))) {
      return { category: 'time_measurement', confidence: 'medium', reason: `${word.where} mentions “${word.word}”: the clock has to move on between two readings` };
    }
    // The values on either side of the sleep are clock readings: `first_microsecond = …`, `post.updated_at`.
    const neighbours = inTestFlow(ctx) ? [ctx.before[0], ctx.after[0]].filter((s) => s !== undefined) : [];
    // Not a call that is the value of a key, here as for the readings around the sleep: MiMiMi's
    // `Presence.track(…, %{joined_at: System.system_time(:second)})` on either side only stamps the
    // presence's metadata, and nothing after the sleep compares the two.
    // Nor one bound to a name that only what is sent before the sleep carries (stampsOnlyBeforeTheSleep).
    const reading = neighbours.find((s) => clockReading(s, true) !== null && !(s === ctx.before[0] && stampsOnlyBeforeTheSleep(ctx, line(s))));
    // Two readings to set apart: another on the other side of the sleep, or the same one made again in
    // each round of a loop. One alone only stamps data (logflare's `build(:log_event, timestamp:
    // System.system_time(:microsecond))` after the sleep, with no time read before it).
    const otherSide = reading === ctx.before[0] ? ctx.after : ctx.before;
    // `last = alive_vm_last_updated_at(id)`, the sleep, `assert alive_vm_last_updated_at(id) > last` (toniq's
    // keepalive): another process writes the time it reads; the clock moving does not change it (wait_for's).
    const movedOn = ctx.before[0] && ctx.after[0] ? comparedWithEarlierRead([ctx.before[0]], ctx.after[0], MOVED_ON) : null;
    const twoReadings = reading && (ctx.loops.length > 0 || otherSide.some((s) => s !== reading && clockReading(s) !== null)) && !movedOn;
    if (reading && twoReadings && !immediateCause(ctx, signals, { word: 'clock', where: 'test name' })) {
      return { category: 'time_measurement', confidence: 'medium', reason: `line ${line(reading)} reads a time value (\`${oneLine(clockReading(reading, true)!, 30)}\`): the clock has to move on`, evidence: [line(reading)] };
    }
    // nerves_hub's log lines: `attrs = %{"timestamp" => DateTime.utc_now(), …}`, the write, then the
    // sleep, last in the `for` body: each round stamps what it writes, and the sleep keeps the stamps
    // apart, so that the list read back by time has an order.
    const endsRound = inTestFlow(ctx) && directlyInLoop(ctx) && (ctx.after.length === 0 || pastTheLoop(ctx, ctx.after[0]));
    const stamped = endsRound ? ctx.before.find((s) => s.parent?.id === ctx.statement.parent?.id && clockReading(s) !== null) : undefined;
    if (stamped && !immediateCause(ctx, signals, { word: 'clock', where: 'test name' })) {
      return { category: 'time_measurement', confidence: 'medium', reason: `each round of the \`${ctx.loops[0]!.call}\` loop reads the clock on line ${line(stamped)} (\`${oneLine(clockReading(stamped)!, 30)}\`) for what it does, and the sleep ends the round: it keeps the rounds' times apart`, evidence: [line(stamped)] };
    }
    // Or the same record made again by the loop's next round (AgentCom's `for i <- 1..10 do
    // History.record(…, i); Process.sleep(2) end`, read back newest first by a millisecond key).
    // Only when what the loop made is then read back by time: newest first (`== [10, 9, 8]`), or
    // in words that say so (phoenix_live_view's fifty inserts 10 ms apart are only counted).
    const readBackByTime = () => ctx.after.some((statement) => BY_TIME.test(statement.text) || newestFirst(statement.text));
    const created = inTestFlow(ctx) ? createdBefore(ctx, signals) : undefined;
    const eachRound = endsRound && created && created.parent?.id === ctx.statement.parent?.id && readBackByTime() ? recordsAround(created, [created], false, ctx.file) : null;
    const nextRound = inTestFlow(ctx) ? madeAgainNextRound(ctx, created) : null;
    const records = inTestFlow(ctx) ? (recordsAround(created, ctx.after.slice(0, 3), BY_TIME.test(ctx.test ?? ''), ctx.file) ?? eachRound ?? nextRound ?? createdAgainAfterSetup(ctx)) : null;
    if (records) {
      return {
        category: 'time_measurement',
        confidence: 'medium',
        reason: records.second
          ? `\`${records.name}\` on line ${records.lines[0]} and \`${records.second}\` on line ${records.lines[1]}, in a test named for an order by time: the sleep makes the records' timestamps differ`
          : records === eachRound
            ? `\`${records.name}\` on line ${records.lines[0]} each round of the \`${ctx.loops[0]!.call}\` loop, which the sleep ends: it makes the records' timestamps differ`
            : records === nextRound
              ? `\`${records.name}\` on line ${records.lines[0]} each round of the \`${ctx.loops[0]!.call}\` loop, and again in the next round after the sleep: it makes the records' timestamps differ`
              : `\`${records.name}\` on line ${records.lines[0]} and again on line ${records.lines[1]}: the sleep makes the two records' timestamps differ`,
        evidence: records.lines,
      };
    }
    // (Before the same call compared on either side: property_table's `PropertyTable.snapshot(table)`,
    // a second, the same again, whose files are ordered by a ctime kept to the second.)
    // changelog's news queue: `NewsQueue.publish_next()`, checks, `:timer.sleep(1000)`, the same call:
    // an act made again whole seconds later, with only reads and checks between, stamps what it
    // writes in another second (a `:utc_datetime` keeps no less), which a list by time then orders.
    // Whole seconds, or a little over (AgentCom's 1.1 s between backups named to the second).
    const secondsApart = inTestFlow(ctx) && typeof ctx.duration === 'number' && ctx.duration >= 1000 && ctx.duration % 1000 <= 250 ? (actedAgain(ctx) ?? actedEachRound(ctx)) : null;
    if (secondsApart) {
      return {
        category: 'time_measurement',
        confidence: 'medium',
        reason:
          secondsApart.lines[0] === secondsApart.lines[1]
            ? `\`${secondsApart.name}\` on line ${secondsApart.lines[0]} each round of the \`${ctx.loops[0]!.call}\` loop, whole seconds apart: what each writes gets its own timestamp, to the second`
            : `\`${secondsApart.name}\` on line ${secondsApart.lines[0]} and again on line ${secondsApart.lines[1]}, whole seconds apart: what each writes gets its own timestamp, to the second`,
        evidence: secondsApart.lines,
      };
    }
    const twice = inTestFlow(ctx) ? readTwice(ctx.before[0], ctx.after) : null;
    // aircloak's "execute returns the connection to the pool": `Connection.execute!(ds, & &1)` on
    // either side, then the two connections compared equal. The call acts (it checks a connection
    // out), and the sleep lets the first hand its connection back: work to wait for, not a time.
    const actsTwice = twice !== null && !twice.changes && !twice.spans && signals.actingCall(ctx.before[0]!) !== null;
    if (twice && !actsTwice) {
      return {
        category: 'time_measurement',
        confidence: 'medium',
        reason: twice.spans
          ? `line ${twice.lines[0]} and line ${twice.lines[1]} make the same call on either side of the sleep, and line ${twice.lines[2]} checks the difference: what changed over the time it slept`
          : `line ${twice.lines[0]} and line ${twice.lines[1]} make the same call on either side of the sleep, and line ${twice.lines[2]} compares the two: what it returns must ${twice.changes ? 'change' : 'hold'} as time passes`,
        evidence: twice.lines,
      };
    }
    const apartByOne = millisecondApart(ctx);
    // telemetry_influxdb's `BatchReporter.enqueue_event(reporter, event1)`, 1 ms, then event2: a cast
    // each time, and the millisecond is the server's time to handle the first (and report it alone),
    // not a tick of a clock that stamps them.
    // (Not a call only guessed to cast, jido_ai's `start_request(agent, "req-1")`: a stamp is the likelier reason.)
    const messaged = apartByOne ? signals.effect(apartByOne[0]) : null;
    if (apartByOne && !sendsAMessage(messaged)) {
      return {
        category: 'time_measurement',
        confidence: 'medium',
        reason: `line ${line(apartByOne[0])} and line ${line(apartByOne[1])} make the same call a millisecond apart: what a millisecond changes is the clock, so the two land on different timestamps`,
        evidence: apartByOne.map(line),
      };
    }
    const rewritten = inTestFlow(ctx) ? sourceRewrittenAfter(ctx) : null;
    if (rewritten) {
      return {
        category: 'time_measurement',
        confidence: 'medium',
        reason: `line ${line(rewritten.statement)} writes \`${oneLine(rewritten.path, 40)}\` again ${ctx.duration} ms later: a file's modification time is kept to the second, and a build that compares it would miss a change made within the same second`,
        evidence: [line(rewritten.statement)],
      };
    }
    const ranged = inTestFlow(ctx) ? countedRange(ctx.after) : null;
    if (ranged) {
      return {
        category: 'time_measurement',
        confidence: 'medium',
        reason: `line ${line(ranged.statement)} checks that a count lies in \`${ranged.range}\`: the sleep is the time it is counted over, and its upper bound says not too many came in it`,
        evidence: [line(ranged.statement)],
      };
    }
    // coherence's `refute naive_eq?(user.last_sign_in_at, user.current_sign_in_at)` after a second
    // login: two stamps of different names told apart (kept to the second there), with nothing sent
    // off before the sleep that another process would stamp.
    const apart = inTestFlow(ctx) ? ctx.after.find((statement) => (stampsToldApart(statement) || datesOrdered(statement)) && !comparesOnlyEarlierValues(statement, ctx.after)) : undefined;
    if (apart && !immediateCause(ctx, signals, { word: 'clock', where: 'test name' })) {
      return { category: 'time_measurement', confidence: 'medium', reason: `line ${line(apart)} tells two timestamps apart (\`${oneLine(apart.text, 50)}\`): the sleep makes them differ`, evidence: [line(apart)] };
    }
    // Past a comparison of two stamps both read before the sleep (a cache read twice, cleared, a
    // second slept, then `first.inserted_at == second.inserted_at`): it held whatever the sleep was
    // for, and the line that reads the stamp after it is the one to judge.
    const earlierOnly = (row: number) => ctx.after.some((statement) => line(statement) <= row && row <= statement.endPosition.row + 1 && comparesOnlyEarlierValues(statement, ctx.after));
    const stamp = signals.find(/\b(updated_at|inserted_at)\b/, 'after', (text, at, row) => !writesAStamp(text, at) && !asksForTheKey(text, at) && !noReading(text, at, 'inserted_at'.length) && !earlierOnly(row));
    // `assert reloaded.updated_at == tenant.updated_at` (realtime's reconciler): equal stamps say no
    // write happened, and the sleep was a window for one, not a way to set two stamps apart. Nor
    // does a copy asserted equal to its source (slackex's `embedding.message_inserted_at == msg.inserted_at`).
    // Nor after a statement that hands work to other processes (hedgehog's trade events broadcast, then
    // 2 s, then orders read `order_by: o.inserted_at`): the sleep waits for the rows to be written.
    if (stamp && !ctx.after.some((statement) => line(statement) === stamp.line && (sameStamps(statement) || assertsEqual(statement))) && !immediateCause(ctx, signals, { word: 'clock', where: 'test name' })) {
      return { category: 'time_measurement', confidence: 'medium', reason: `line ${stamp.line} compares \`${stamp.text}\`: the sleep makes two timestamps differ`, evidence: [stamp.line] };
    }
    return null;
  },
};

/** `assert a == b`: an equality, which no clock needs to move on for. */
function assertsEqual(statement: SyntaxNode): boolean {
  const compared = assertionName(statement) === 'assert' ? binaryParts(callArguments(statement)[0] ?? statement) : null;
  return compared?.op === '==' || compared?.op === '===';
}

const ORDERING = new Set(['<', '>', '<=', '>=', '!=', '!==']);

/** Milliseconds at most that nothing but the clock needs: no process is waited for in them. */
const SHORT_MS = 20;

/** A variable or a field of one named for a time stamp: `timestamp_1`, `new_pair.last_seen`, `post.updated_at`. */
const STAMP_VALUE = new RegExp(String.raw`^[a-z_]\w*(?:\.[a-z_]\w*)*$`);
const STAMP_NAME = new RegExp(String.raw`(?:^|[._])(?:${STAMPS}|ts)(?:_?\d+)?$`, 'i');

/**
 * An assertion that orders two values named for time stamps, neither of them a call (ex_webrtc's
 * `assert timestamp_1 < timestamp_2`, ex_ice's `assert new_pair.last_seen > pair.last_seen`): the
 * values were stamped by the clock, and the sleep is what sets them apart.
 */
export function orderedStamps(statements: readonly SyntaxNode[]): SyntaxNode | null {
  return statements.find((statement) => {
    if (assertionName(statement) !== 'assert') return false;
    const parts = binaryParts(callArguments(statement)[0] ?? statement);
    if (!parts || !ORDERING.has(parts.op) || parts.op.startsWith('!')) return false;
    return [parts.left, parts.right].every((side) => STAMP_VALUE.test(side.text) && STAMP_NAME.test(side.text));
  }) ?? null;
}

/**
 * A library's call that times the function or block it is handed: `Statix.measure("key", fun)`,
 * `Instruments.measure(…)`, elixometer's `timed("key", do: …)`, prometheus.ex's
 * `Histogram.observe_duration(spec, fun)` and `Gauge.set_duration(spec, fun)`, belfrage's
 * `Metrics.duration(name, meta, fun)`; a tracing span around
 * a block, which records how long it ran (opencensus' `with_child_span "inner" do … :timer.sleep() end`,
 * OpenTelemetry's `Tracer.with_span`, `:telemetry.span(event, meta, fun)`).
 */
// A module's `time`, a statsd client's timing macro (dogstatsd's `DogStatsd.time(:dogstatsd, "foobar") do … end`); not a bare `time(…)`.
const MEASURES = /(?:^|\.)(?:measure|timed|duration|benchmark|with_span|with_child_span)$|^:telemetry\.span$|\.\w+_duration$|^[A-Z][\w.]*\.time$/;

/**
 * The call that times the function the sleep is in, when that function is bound to a variable first
 * (instruments' `pauser = fn -> :timer.sleep(10) end`, then `Instruments.measure("m", opts, pauser)`), or null.
 */
function measuredBinding(ctx: SiteContext, signals: Signals): string | null {
  if (!ctx.unit) return null;
  const isTimer = (name: string) => signals.isCall('time_measurement', name) || MEASURES.test(name);
  // jido_eval's `TimingMiddleware.call(metric_fn, %{}, [])`, a function of the project that reads
  // the clock around `metric_fn.()`: a call of ours that times what it is given.
  const times = (name: string, args: readonly SyntaxNode[], position: number) => isTimer(name) || signals.modules.timesArgument(name, position, args.length, ctx.file, isTimer);
  const bound = ctx.runsIn === 'handed_fn' ? ctx.boundTo : null;
  if (!bound) {
    const handed = handedFunction(ctx.site.node);
    const call = handed?.parent?.parent;
    const name = call ? callName(call) : null;
    if (!call || !name) return null;
    const args = callArguments(call);
    return times(name, args, args.findIndex((a) => a.id === handed!.id)) ? `${name}(fn -> … end)` : null;
  }
  const call = callNamesIn(ctx.unit).find(({ name, node }) => {
    const args = callArguments(node);
    const position = args.findIndex((arg) => arg.text === bound);
    return position >= 0 && times(name, args, position);
  });
  return call ? `${call.name}(…, ${bound})` : null;
}

/** The `fn … end` around `node` that is written as a call's argument, or null. */
function handedFunction(node: SyntaxNode): SyntaxNode | null {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type === 'anonymous_function') return at.parent?.type === 'arguments' && at.parent.parent?.type === 'call' ? at : null;
  }
  return null;
}

/**
 * A clock read bound before the sleep (`time_before = System.monotonic_time(:millisecond)`) and a check
 * after it that orders a value against it (`assert Map.fetch!(state.pending_requests, cseq) >
 * time_before`, membrane_rtc_engine's SIP call): the stamp taken later must be newer.
 */
function comparedWithClock(ctx: SiteContext, signals: Signals): { read: SyntaxNode; check: SyntaxNode; variable: string } | null {
  // Also a read right after the sleep, between two of them (jido_signal's `middle_time =
  // DateTime.utc_now()`, then `Journal.query(journal, after: middle_time)`): it is set apart from
  // what was stamped before.
  for (const read of ctx.after[0] ? [...ctx.before, ctx.after[0]] : ctx.before) {
    const bound = binaryParts(read);
    if (bound?.op !== '=' || bound.left.type !== 'identifier' || bound.right.type !== 'call' || !readsAClock(callName(bound.right) ?? '', signals)) continue;
    const variable = bound.left.text;
    const check = ctx.after.find((statement) => {
      if (statement === read) return false;
      if (TIME_BOUND_KEY.test(statement.text) && new RegExp(String.raw`\b(?:${TIME_BOUNDS}):\s*${variable}\b`).test(statement.text)) return true;
      // A read after the sleep that a check orders against starts a measurement of what follows
      // (exqlite's `t0`, taken once the query has had 200 ms to start), not of the sleep.
      if (read === ctx.after[0] || assertionName(statement) !== 'assert') return false;
      const parts = binaryParts(callArguments(statement)[0] ?? statement);
      return parts !== null && ORDERING.has(parts.op) && (mentions(parts.left, variable) || mentions(parts.right, variable));
    });
    if (check) return { read, check, variable };
  }
  return null;
}

/**
 * A clock's reading: a call the vocabulary knows, or a clock function of another module by its name
 * (klotho's `Klotho.monotonic_time(:millisecond)`, a clock a test can warp).
 */
export function readsAClock(name: string, signals: Signals): boolean {
  return signals.isCall('time_measurement', name) || /\.(?:monotonic_time|system_time|os_time|utc_now)$/.test(name);
}

/** Keys that bound a query by time: `after: t`, `since: t`. */
const TIME_BOUNDS = 'after|before|since|until|older_than|newer_than';
const TIME_BOUND_KEY = new RegExp(String.raw`\b(?:${TIME_BOUNDS}):`);

/**
 * Is the clock read at `at` on `line` made for itself, not as the value of a key (`exp:
 * System.system_time(:second)` in a token's claims, `"ts" => DateTime.utc_now()`)? A value of a key
 * stamps the data it goes into (realtime's expired token, built before a sleep inside capture_log):
 * nothing measures the time after it.
 */
function readsForItself(line: string, at: number): boolean {
  // Also when shifted first (balados' `subscribed_at: DateTime.add(DateTime.utc_now(), -3600, :second)`
  // in a command): still a stamp handed over, and the offset, not the sleep, sets it apart.
  return !/(?:\w[?!]?:|=>)\s*(?:[A-Z][\w.]*\.\w+\(\s*)*$/.test(line.slice(0, at));
}

/**
 * Is the clock read on line `row`, before the sleep in its block, bound to a name that nothing after
 * the sleep reads, nor anything bound from it on the way (ex_fix's `now = DateTime.utc_now()`, the
 * sending time of a logon frame sent before the sleep, bound anew for the next frame after it;
 * symphony's `stale_activity_at = DateTime.add(DateTime.utc_now(), -5, :second)`, put into a
 * server's state)? Then it stamps data, as the value of a key does (readsForItself), and no time is
 * measured from it across the sleep. Not when a check before the sleep reads it: blockscout's ban,
 * `"#{now + 1}:1"` matched against the table, is the test's clock set against the code's.
 */
function stampsOnlyBeforeTheSleep(ctx: SiteContext, row: number): boolean {
  if (!inTestFlow(ctx) || ctx.loops.length > 0) return false;
  const at = ctx.before.findIndex((statement) => line(statement) <= row && row <= statement.endPosition.row + 1);
  const binding = at === -1 ? null : binaryParts(ctx.before[at]!);
  if (binding?.op !== '=' || line(binding.right) > row) return false;
  const names = new Set(patternBindings(binding.left));
  // What carries it on before the sleep: `frame = {:frame, sent_at, :logon}`.
  for (const statement of ctx.before.slice(0, at).reverse()) {
    const read = [...names].some((name) => mentions(statement, name));
    if (read && assertionName(statement) !== null) return false;
    const parts = binaryParts(statement);
    if (read && parts?.op === '=') for (const name of patternBindings(parts.left)) names.add(name);
  }
  return names.size > 0 && !readBeforeBoundAgain(names, [...ctx.after, ...laterInTest(ctx)]);
}

/** Does one of `statements` read one of `names` before binding it anew (`now = DateTime.utc_now()` again, for the next frame)? */
function readBeforeBoundAgain(names: ReadonlySet<string>, statements: readonly SyntaxNode[]): boolean {
  const live = new Set(names);
  for (const statement of statements) {
    const parts = binaryParts(statement);
    const rebinds = parts?.op === '=' ? patternBindings(parts.left) : [];
    // A pinned `^now` in the pattern reads it too.
    if ([...live].some((name) => (parts?.op === '=' ? mentions(parts.right, name) || parts.left.text.includes(`^${name}`) : mentions(statement, name)))) return true;
    for (const name of rebinds) live.delete(name);
    if (live.size === 0) return false;
  }
  return false;
}

/**
 * The same record-creating call just before the sleep and again within the next few statements
 * (`log_1 = Fixtures.webhook_log_fixture(attrs)`, sleep, `Fixtures.webhook_log_fixture(attrs_2)`):
 * nothing is awaited, and nothing acts, in between; the sleep orders the two by their timestamps.
 */
function recordsAround(previous: SyntaxNode | undefined, next: readonly SyntaxNode[], byTime: boolean, file: SourceFile): { name: string; second?: string; lines: [number, number] } | null {
  // Most statements create nothing: their text says so before any node is walked.
  const created = previous && ((MAY_CREATE.test(previous.text) && callNamesIn(previous).find((c) => CREATES_RECORD.test(c.name))) || createdByFileHelper(previous, file));
  if (!created) return null;
  // In a test named for an order by time (jido_managed_agents' "returns newest first"), another
  // record made right after counts too: `create_session!`, the sleep, `create_agent!` for the next session.
  const again = (c: { name: string }) => c.name === created.name || (byTime && CREATES_RECORD.test(c.name));
  const at = next.findIndex((statement) => (MAY_CREATE.test(statement.text) || statement.text.includes(created.name)) && callNamesIn(statement).some(again));
  // Something that acts in between (`Honeydew.suspend(queue)`) is what the sleep comes before.
  // A check in between (sanbase's `assert AppNotifications.list_notifications_for_user(id) == []`
  // between two `create_user_list`s) is what the sleep comes before: it waits for the first's effects.
  if (at === -1 || !next.slice(0, at).every(looksReadOnly) || next.slice(0, at).some((statement) => assertionName(statement) !== null)) return null;
  const second = callNamesIn(next[at]!).find(again)!.name;
  return { name: created.name, ...(second === created.name ? {} : { second }), lines: [line(previous), line(next[at]!)] };
}

/**
 * The call of a function of the test file that makes a record (media_centarr's `seed_in_progress_movie("Movie One")`,
 * whose `defp` calls `create_standalone_movie` and `create_watch_progress`): it makes one as much as
 * a `create_*` written in the test would.
 */
function createdByFileHelper(statement: SyntaxNode, file: SourceFile): { name: string } | null {
  const name = mainCallName(statement);
  if (!name || name.includes('.') || !definedFunctions(file).has(name)) return null;
  const makes = fileFunctions(file).some((fn) => fn.name === name && MAY_CREATE.test(fn.statement.text) && !HANDS_WORK_ON.test(fn.statement.text) && callNamesIn(fn.statement).some((c) => CREATES_RECORD.test(c.name)));
  return makes ? { name } : null;
}

/** A helper that also messages, starts or enqueues work: the sleep after it may wait for that work. */
const HANDS_WORK_ON = /\b(?:send|cast|spawn\w*|Task\.|start_link|start_supervised!?|perform\w*|enqueue\w*|broadcast\w*|publish\w*|notify\w*)\b/;

/** Does `statement` create a record (`{:ok, comment} = CMS.create_comment(…)`, `insert(:user)`)? */
function createsRecord(statement: SyntaxNode): boolean {
  return MAY_CREATE.test(statement.text) && callNamesIn(statement).some((c) => CREATES_RECORD.test(c.name));
}

/** The names a statement binds from what it calls: `comment` in `{:ok, comment} = CMS.create_comment(…)`. */
function boundBy(statement: SyntaxNode): string[] {
  const match = binaryParts(statement);
  return match?.op === '=' ? patternBindings(match.left) : [];
}

/** How many writes on the record just made may stand between it and the sleep. */
const WRITES_ON_THE_RECORD = 3;

/**
 * The statement before the sleep that may create a record: the one right before it, or one a few
 * statements further back when all between are writes on the record it made (coderplanets' paged
 * comments: `{:ok, comment} = CMS.create_comment(…)`, `CMS.reply_comment(comment.id, …)` twice, or
 * `CMS.pin_comment(comment.id)`, then the sleep): they finish that record, and the sleep still sets
 * it apart from the next. A read or a check between is what the sleep comes after; so is a write
 * that messages a process or starts work elsewhere, or one on something else.
 */
function createdBefore(ctx: SiteContext, signals: Signals): SyntaxNode | undefined {
  const [previous] = ctx.before;
  const at = ctx.before.slice(0, WRITES_ON_THE_RECORD + 1).findIndex(createsRecord);
  if (at <= 0) return previous;
  const made = boundBy(ctx.before[at]!);
  return ctx.before.slice(0, at).every((statement) => writesOnTheRecord(statement, made, signals)) ? ctx.before[at] : previous;
}

/**
 * A module's function handed the record just made (one of `made`), under a name that does not say it
 * reads or asks (`CMS.reply_comment(comment.id, …)`, `Hooks.Cite.handle(post)`; not `CMS.get_comment(comment.id)`),
 * with no check around it and no message or work it hands on.
 */
function writesOnTheRecord(statement: SyntaxNode, made: readonly string[], signals: Signals): boolean {
  const call = mainCall(statement);
  const name = call ? callName(call) : null;
  if (!call || !name || !/^[A-Z][\w.]*\.[a-z_]\w*!?$/.test(name) || isPureCall(name) || READ_NAME.test(name.replace(/^.*\./, '').replace(/!$/, ''))) return false;
  if (assertionName(statement) !== null || handsWorkOn(signals.effect(statement))) return false;
  return callArguments(call).some((arg) => made.some((bound) => mentions(arg, bound)));
}

/** A message to a process the project's code was read to send, work started elsewhere, or a process stopped. */
function handsWorkOn(effect: StatementEffect | null): boolean {
  return sendsAMessage(effect) || effect?.kind === 'async' || effect?.kind === 'kill';
}

/**
 * A record made before a sleep in a loop's body and handed back after it (coderplanets' paged
 * comments: `{:ok, comment} = CMS.create_comment(…)`, the sleep, `acc ++ [comment]` in an
 * `Enum.reduce`): past the round's value, the next round makes it again, so the sleep stands between
 * two creations as it does between two written out. (A sleep that ends the round paces it, and
 * counts only when what the loop made is read back by time.)
 */
function madeAgainNextRound(ctx: SiteContext, made: SyntaxNode | undefined): { name: string; second?: string; lines: [number, number] } | null {
  // The round's value, last in the body: a sleep that ends the round has the lines past the loop after it.
  const value = ctx.after[ctx.after.length - 1];
  if (!made || !value || !directlyInLoop(ctx) || ctx.loops[0]!.iterations === 1 || pastTheLoop(ctx, value) || made.parent?.id !== ctx.statement.parent?.id) return null;
  const handedBack = boundBy(made).some((name) => mentions(value, name));
  if (!handedBack || !ctx.after.every((statement) => looksReadOnly(statement) && assertionName(statement) === null)) return null;
  return recordsAround(made, [...ctx.after, ...[...ctx.before].reverse()], false, ctx.file);
}

/**
 * The record the setup created (`follower = insert(:follower, target_actor: group)`), created again
 * right after a sleep of whole seconds with only reads and checks before it in the test (mobilizon's
 * followers, listed by `updated_at` kept to the second): the sleep sets the two records' timestamps apart.
 */
function createdAgainAfterSetup(ctx: SiteContext): { name: string; second?: string; lines: [number, number] } | null {
  const ms = ctx.duration;
  const next = ctx.after[0];
  if (typeof ms !== 'number' || ms < 1000 || ms % 1000 !== 0 || !ctx.atUnitTopLevel || !next || !MAY_CREATE.test(next.text)) return null;
  const created = callNamesIn(next).find((c) => CREATES_RECORD.test(c.name));
  if (!created || !ctx.before.every(looksReadOnly)) return null;
  const kind = callArguments(created.node)[0]?.text;
  // Made before the sleep: in a setup_all that holds the sleep itself, the one after it is no earlier record (notify's token).
  const first = setupStatements(ctx).find((statement) => statement.startIndex < ctx.statement.startIndex && callNamesIn(statement).some((c) => c.name === created.name && callArguments(c.node)[0]?.text === kind));
  return first ? { name: created.name, lines: [line(first), line(next)] } : null;
}

/** A list of numbers: `[10, 9, 8]`. */
const NUMBER_LIST = /\[\s*\d+(?:\s*,\s*\d+)+\s*\]/g;

/** Does `text` hold a list of numbers written newest first, each below the one before (`[10, 9, 8]`)? */
function newestFirst(text: string): boolean {
  return [...text.matchAll(NUMBER_LIST)].some(([list]) => {
    const numbers = list!.slice(1, -1).split(',').map(Number);
    return numbers.every((n, i) => i === 0 || n < numbers[i - 1]!);
  });
}

/** Words that order records by time: `newest_first`, `order_by(desc: :published_at)`, `latest`. */
const NAMED_FOR_AGE = /\b(?:old|new|older|newer)\b[^,]*\b(?:old|new|older|newer|ones?)\b/i;
const BY_TIME = /\b(?:newest|oldest|latest|earliest|most_recent)\w*|\b(?:order_by|sort_by)\b[^\n]*\b\w+_(?:at|on|time)\b/;

/** A test named for the few newest things it keeps: "only keeps two index versions", "keeps the last 3 backups". */
// Also "keeps only last 3 per table" (AgentCom's backups): "last" or "newest" says it by itself.
const NAMED_FOR_KEEPING_NEWEST = /\bkeeps?\s+(?:only\s+)?(?:the\s+)?(?:(?:(?:last|latest|newest|most\s+recent)\s+)?(?:\d+|one|two|three|four|five|ten)\s+(?:\w+\s+)?(?:versions?|backups?|snapshots?|copies|generations?|indexes|indices|releases?|files|logs)|(?:last|latest|newest|most\s+recent)\s+(?:\d+|one|two|three|four|five|ten))\b/i;

/**
 * elasticsearch-elixir's "only keeps two index versions": `for _ <- 1..3 do rerun("elasticsearch.build",
 * …); :timer.sleep(1000) end`, the same act each round, then the sleep last in the loop body, in a test
 * named for what it keeps by age (or that lists by time after the loop): each round's index is named
 * from the clock, to the second. The act's name and its line, twice.
 */
function actedEachRound(ctx: SiteContext): { name: string; lines: [number, number] } | null {
  if (ctx.loops.length === 0 || (ctx.after[0] !== undefined && !pastTheLoop(ctx, ctx.after[0]))) return null;
  const test = ctx.test ?? '';
  if (!NAMED_FOR_AGE.test(test) && !NAMED_FOR_KEEPING_NEWEST.test(test) && !ctx.after.some((statement) => BY_TIME.test(statement.text))) return null;
  // Any call but a check: `rerun("elasticsearch.build", …)` names no verb of change, and the name says what it keeps.
  const act = ctx.before.find((statement) => mainCall(statement) !== null && assertionName(statement) === null);
  const name = act ? mainCallName(act) : null;
  return act && name ? { name, lines: [line(act), line(act)] } : null;
}

/**
 * The call that acts right after the sleep, made before it too, earlier in the test, with only reads
 * and assertions between that one and the sleep. Its name and the two lines, or null.
 */
function actedAgain(ctx: SiteContext): { name: string; lines: [number, number] } | null {
  const next = ctx.after[0];
  const call = next ? mainCall(next) : null;
  const name = call ? callName(call) : null;
  if (!next || !name || assertionName(next) !== null) return null;
  // A call that looks like a read counts when made just before the sleep too, in a test named for an
  // order by time (property_table's "replace the oldest snapshot": `{:ok, id} = PropertyTable.snapshot(table)`
  // on both sides of each second, snapshots sorted by a file time kept to the second).
  // So does one in a test named for keeping the newest few (AgentCom's `backup_all()`, its `all` no read).
  const sameBefore = ctx.before[0] !== undefined && mainCall(ctx.before[0]) !== null && squeezed(mainCall(ctx.before[0])!.text) === squeezed(call!.text);
  const namedForOrder = sameBefore && (BY_TIME.test(ctx.test ?? '') || NAMED_FOR_KEEPING_NEWEST.test(ctx.test ?? ''));
  if (looksReadOnly(call!) && !namedForOrder) return null;
  // Only when the test goes on to put what was written in order of time (`NewsItem.newest_first()`),
  // or is named for the age of what it wrote (nerves_hub's "time out old delta generations but not
  // new ones": two deltas started, two seconds, two more, then those older than a second time out).
  const namedForAge = NAMED_FOR_AGE.test(ctx.test ?? '') || NAMED_FOR_KEEPING_NEWEST.test(ctx.test ?? '');
  if (!namedForOrder && !namedForAge && !ctx.after.slice(1).some((statement) => BY_TIME.test(statement.text))) return null;
  for (const statement of ctx.before) {
    if (mainCallName(statement) === name) return { name, lines: [line(statement), line(next)] };
    if (!looksReadOnly(statement)) return null;
  }
  return null;
}

/** Clock words that compare two things by age: "older registration wins", "the newer entry replaces it". */
const AGE_COMPARISON = /^(?:older|newer|later than|earlier than)$/i;

/**
 * Quanta's "older registration wins … after netsplit heal": 50 ms between the remote and the local
 * `:syn.register` of one key, and other sleeps after `:net_kernel.disconnect` and `Node.connect`.
 * A name that compares two things by age speaks for the sleep between two like acts, which makes
 * one older (past lines that bind their data); when another sleep of the block is that one, this
 * one waits for something else.
 */
function agesSetApartElsewhere(ctx: SiteContext, word: string): boolean {
  if (!AGE_COMPARISON.test(word) || !ctx.statement.parent) return false;
  const siblings = statementsOf(ctx.statement.parent).filter((s) => s.type !== 'comment');
  // Past lines that only bind data for the act (`local_meta = %{node: node(), …}`, then the register).
  const actAt = (statements: SyntaxNode[]) => statements[settledStatementsAhead(statements)];
  const between = (at: number) => isPlainSleep(siblings[at]!) && sameActAround(actAt(siblings.slice(0, at).reverse()), actAt(siblings.slice(at + 1)));
  const own = siblings.findIndex((s) => s.id === ctx.statement.id);
  return own !== -1 && !between(own) && siblings.some((_, at) => at !== own && between(at));
}

/** Do `before` and `after` make the same act, a call read by what it runs (`:peer.call(peer, :syn, :register, …)` is `:syn.register`), not a check? */
function sameActAround(before: SyntaxNode | undefined, after: SyntaxNode | undefined): boolean {
  const act = (statement: SyntaxNode | undefined) => {
    const call = statement && !isPlainSleep(statement) && assertionName(statement) === null ? mainCall(statement) : null;
    const name = call ? callName(call) : null;
    return name && runsElsewhere(name, call!) ? remotelyCalled(call!) : name;
  };
  const first = act(before);
  return first !== null && first === act(after);
}

/** Writing a file, or stamping it with the time: `File.write!(path, text)`, `File.touch(path)`. */
const WRITES_FILE = /^File\.(?:write|touch)!?$/;
/** A path to code that a build compiles when it changes: `"lib/b.ex"`, `Path.join(dir, "page.html.heex")`. */
const SOURCE_PATH = /\.(?:exs?|erl|hrl|eex|heex|leex|sface)"/;

/**
 * `Process.sleep(1500)`, then `File.write!("lib/b.ex", b_text)` and a save that recompiles it
 * (elixir-ls's incremental dialyzer tests): the sleep of a second or more sets the rewrite's
 * modification time apart from the last build's, which Mix and the tools around it compare to the
 * second. No event ends that wait. The path must name source code, which something compiles; a
 * watcher test touching a plain file after its watcher started waits for the watcher instead.
 */
function sourceRewrittenAfter(ctx: SiteContext): { statement: SyntaxNode; path: string } | null {
  if (typeof ctx.duration !== 'number' || ctx.duration < 1000 || ctx.duration > 3000) return null;
  // The write right after the sleep, or past lines that only bind its path (elixir-ontologies'
  // `lib_dir = Path.join(temp_dir, "lib")`, then `File.write!(Path.join(lib_dir, "simple.ex"), …)`).
  const at = ctx.after.slice(0, 3).findIndex((statement) => binaryParts(statement)?.op !== '=' || !looksReadOnly(statement));
  const next = at === -1 ? undefined : ctx.after[at];
  const write = next ? callNamesIn(next).find((c) => WRITES_FILE.test(c.name)) : undefined;
  const path = write ? callArguments(write.node)[0] : undefined;
  if (!next || !path) return null;
  // A path bound before, between, or in the setup that hands it to the test (`%{file1_path: file1_path}`).
  const bindings = [...ctx.before, ...ctx.after.slice(0, at), ...(path.type === 'identifier' ? setupStatements(ctx) : [])];
  const bound = path.type === 'identifier' ? bindings.find((s) => { const parts = binaryParts(s); return parts?.op === '=' && parts.left.text === path.text; }) : undefined;
  return SOURCE_PATH.test(path.text) || (bound && SOURCE_PATH.test(bound.text)) ? { statement: next, path: path.text } : null;
}

/**
 * `token1 = Tokens.gen(path)`, the sleep, `token2 = Tokens.gen(path)`, then an assertion on both:
 * the test compares two readings taken time apart.
 */
function readTwice(previous: SyntaxNode | undefined, after: readonly SyntaxNode[]): { lines: [number, number, number]; changes: boolean; spans: boolean } | null {
  const first = previous && binaryParts(previous);
  const second = after[0] && binaryParts(after[0]);
  if (first?.op !== '=' || second?.op !== '=' || first.right.type !== 'call' || first.right.text !== second.right.text) return null;
  // Also a reading matched out of a tuple: safe_rpc's `{:reductions, before} = Process.info(server,
  // :reductions)` on either side, then `assert after - before < 100_000`, the work done in that time.
  const before = patternBindings(first.left);
  const later = patternBindings(second.left).filter((name) => !before.includes(name));
  if (before.length === 0 || later.length === 0) return null;
  const compares = after.slice(1).find((s) => assertionName(s) && before.some((name) => mentions(s, name)) && later.some((name) => mentions(s, name)));
  if (!compares) return null;
  const spans = before.some((a) => later.some((b) => new RegExp(String.raw`\b${b}\s*-\s*${a}\b`).test(compares.text)));
  return { lines: [line(previous!), line(after[0]!), line(compares)], changes: assertsADifference(compares), spans };
}

/** `assert a != b`, `refute a == b`: the two readings must differ (sparrow's token, refreshed by a timer). */
function assertsADifference(assertion: SyntaxNode): boolean {
  const [condition] = callArguments(assertion);
  const op = condition ? binaryParts(condition)?.op : undefined;
  return assertionName(assertion) === 'assert' ? op === '!=' || op === '!==' : op === '==' || op === '===';
}

/**
 * StreamData's `check all …, max_run_time: 100 do … end` around the sleep: the property runs until
 * its time is spent, so the sleep sets how many runs there are (stream_data's own tests). The option, or null.
 */
function runTimeBudget(sleep: SyntaxNode): SyntaxNode | null {
  for (let node = sleep.parent; node; node = node.parent) {
    if (node.type !== 'do_block' || !node.parent || !/^(ExUnitProperties\.)?check$/.test(callName(node.parent) ?? '')) continue;
    const [all] = callArguments(node.parent);
    if (!all || callName(all) !== 'all') return null;
    const options = callArguments(all).find((arg) => arg.type === 'keywords');
    return options?.namedChildren.find((pair) => pair.childForFieldName('key')?.text.startsWith('max_run_time')) ?? null;
  }
  return null;
}

/**
 * `Process.sleep(tick_interval * tries)`, then `assert_in_delta ticks_amount, tries, 2`: the test
 * counts what happened while it slept and works with the sleep's own length again after it
 * (membrane's clock tests: ticks in a time, a rate from `tries * actual_report_interval`). The
 * `assert_in_delta` after the sleep (in its block, or in its test after the loop around it), and
 * the first statement after the sleep that names a variable of its duration.
 */
function countsOverTheSleep(ctx: SiteContext): { assertion: SyntaxNode; name: string; uses: SyntaxNode; variable: string } | null {
  const duration = ctx.site.duration;
  if (!duration || duration.type === 'integer') return null;
  // A field is read whole: `ctx.query_delay` comes back as itself, not as every later `ctx.conn` (influx's contract tests).
  const fields = [duration, ...duration.descendantsOfType('call')].filter(isFieldRead);
  const inField = (n: SyntaxNode): boolean => fields.some((f) => f.startIndex <= n.startIndex && n.endIndex <= f.endIndex);
  const names = [duration, ...duration.descendantsOfType('identifier')].filter((n) => (n.type === 'identifier' || n.type === 'unary_operator') && !inField(n));
  const variables = [...new Set([...fields, ...names].map((n) => n.text))];
  if (variables.length === 0) return null;
  const rest = [...ctx.after, ...laterInTest(ctx)];
  // Or a check of the test's own handed the duration (boombox's `seconds = 10`, the sleep,
  // `assert_frames_encoded(page, seconds)`: at least 12 frames a second).
  const assertion = rest.find((s) => IN_DELTA.test(assertionName(s) ?? '') || handedTheDuration(s, variables) || boundedByTheDuration(s, variables));
  if (!assertion) return null;
  for (const uses of rest) {
    const variable = variables.find((v) => mentions(uses, v));
    if (variable) return { assertion, name: assertionName(assertion) ?? callName(assertion)!, uses, variable };
    if (uses === assertion) break;
  }
  return null;
}

/** `ctx.query_delay`, `state.interval`: a field of a variable, read without arguments. */
function isFieldRead(node: SyntaxNode): boolean {
  const target = node.type === 'call' ? node.namedChildren[0] : undefined;
  return target?.type === 'dot' && target.namedChildren[0]?.type === 'identifier' && !node.namedChildren.some((child) => child.type === 'arguments');
}

const IN_DELTA = /^(assert|refute)_in_delta$/;

const NUMBER = /^\d[\d_]*(?:\.\d+)?$/;

/** A variable named for a span of time: `duration`, `elapsed_ms`, `time_taken`, `latency`. */
const SPAN_NAME = /^[a-z_]*(?:duration|elapsed|time|took|taken|latency|delay|spent|waited|_ms|_us)[a-z_]*\d*$/;

/**
 * The literal bound of `assert duration >= 2_000` (or `>`, or the bound written first with `<=`,
 * `<`) on a variable or a function named for a span of time (electric's
 * `ConnectionBackoff.total_retry_time(backoff) >= 50`), or null: `assert count >= 100` counts.
 */
function atLeast(statement: SyntaxNode): SyntaxNode | null {
  if (assertionName(statement) !== 'assert') return null;
  const parts = binaryParts(callArguments(statement)[0] ?? statement);
  if (!parts) return null;
  if ((parts.op === '>=' || parts.op === '>') && NUMBER.test(parts.right.text) && namedForASpan(parts.left)) return parts.right;
  if ((parts.op === '<=' || parts.op === '<') && NUMBER.test(parts.left.text) && namedForASpan(parts.right)) return parts.left;
  return null;
}

/**
 * For a sleep outside the test's flow (a handler, a plug, a helper) given a literal time: an
 * assertion anywhere in the file that a value named for a span is at least that time
 * (`assert duration_ms >= 30`), which the sleep is there to make true. Read from the whole file:
 * the test that makes it holds no sleep, and the report's parse may have left it out.
 */
function measuredInTheFile(ctx: SiteContext): SyntaxNode | null {
  const literal = ctx.site.duration?.type === 'integer' ? ctx.site.duration.text : null;
  if (!literal || typeof ctx.duration !== 'number' || ctx.duration <= 0) return null;
  // Only a function of the test module itself, which the measuring test names (the plug at
  // "/telemetry"): reactor's `elapsed >= 100` times retries, not the steps of its other reactors.
  const name = ctx.defName;
  if (!name || !ctx.isTestCaseModule || (ctx.runsIn !== 'helper' && ctx.runsIn !== 'callback')) return null;
  const named = new RegExp(`(?<![\\w?!])${name.replace(/[?!]/g, '\\$&')}(?![\\w?!])`);
  const bound = new RegExp(`>=?\\s*${literal}(?![\\w.])|(?<![\\w.])${literal}\\s*<=?`, 'g');
  for (const { index } of ctx.file.source.matchAll(bound)) {
    for (let node: SyntaxNode | null = ctx.file.wholeTree.rootNode.descendantForIndex(index); node; node = node.parent) {
      if (node.type !== 'call') continue;
      if (assertionName(node) === null) continue;
      if (atLeast(node)?.text === literal && named.test(enclosingTest(node)?.text ?? '')) return node;
      break;
    }
  }
  return null;
}

function enclosingTest(node: SyntaxNode): SyntaxNode | null {
  for (let at = node.parent; at; at = at.parent) if (at.type === 'call' && isTestCall(at)) return at;
  return null;
}

/** A stopwatch's reading in text: `00:00.2`, `01:05.37` (minutes, seconds and their fraction). */
const STOPWATCH_TEXT = /(?<![\d:])\d{2}:\d{2}\.\d{1,3}(?![\d.])/;

/** What every stopwatch reading holds: files without it (nearly all) are done with at a glance. */
const STOPWATCH_DIGITS = /\d{2}:\d{2}\.\d/;
const SHOWS_A_STOPWATCH = {};

/** The first statement after the sleep, before another one, that expects a stopwatch's reading in a string, and that reading. */
function elapsedShown(ctx: SiteContext): { statement: SyntaxNode; time: string } | null {
  if (!ctx.file.memo(SHOWS_A_STOPWATCH, () => STOPWATCH_DIGITS.test(ctx.file.source))) return null;
  for (const statement of ctx.after.slice(0, ELAPSED_CHECK_REACH)) {
    if (isPlainSleep(statement)) return null;
    if (!statement.text.includes(':') || assertionName(statement) === null) continue;
    for (const string of statement.descendantsOfType('string')) {
      const time = STOPWATCH_TEXT.exec(string.text)?.[0];
      if (time) return { statement, time };
    }
  }
  return null;
}

/** A time-measurement decision whose evidence is the line of `statement`: "line N <what>: the clock has to move on". */
function measuredOn(statement: SyntaxNode, what: string): Decision {
  return { category: 'time_measurement', confidence: 'medium', reason: `line ${line(statement)} ${what}: the clock has to move on`, evidence: [line(statement)] };
}

/** How far after the sleep a check of an elapsed time is looked for. */
const ELAPSED_CHECK_REACH = 6;

/**
 * An `assert x > N` (or `>=`, or the bound written first) among the statements right after the
 * sleep, where `x` is a call named for a span of time (`Timer.seconds_elapsed(t)`) or a variable
 * bound from one on an earlier of those lines (`{:ok, seconds} = Timer.get_seconds_elapsed(t)`),
 * or a field named for one of what such a line bound from another call (loomkin's `metrics =
 * CollaborationMetrics.get_metrics(team_id)`, then `metrics.avg_question_resolution_ms > 0`, as
 * when the field is read off the call inline).
 */
function elapsedGrown(ctx: SiteContext): { assertion: SyntaxNode; value: string; read: string; bound: string } | null {
  // The calls names were bound from, in order. Whether a call is named for a span is asked only
  // of the bindings a check reads: the name of the call a span, or another answer, was last bound from.
  const bindings: { name: string; call: SyntaxNode }[] = [];
  const boundFrom = (name: string, span: boolean): string | undefined => {
    for (let at = bindings.length - 1; at >= 0; at--) {
      const binding = bindings[at]!;
      if (binding.name === name && namedForASpan(binding.call) === span) return callName(binding.call)!;
    }
    return undefined;
  };
  for (const statement of ctx.after.slice(0, ELAPSED_CHECK_REACH)) {
    const check = assertionName(statement) === 'assert' ? (callArguments(statement)[0] ?? null) : null;
    const parts = binaryParts(check ?? statement);
    if (parts?.op === '=') {
      const call = mainCall(parts.right);
      if (call) for (const name of patternBindings(parts.left)) bindings.push({ name, call });
      continue;
    }
    if (!check || !parts) continue;
    const [value, bound] = parts.op === '>' || parts.op === '>=' ? [parts.left, parts.right] : parts.op === '<' || parts.op === '<=' ? [parts.right, parts.left] : [null, null];
    // `>= 0` holds from the start.
    if (!value || !bound || !NUMBER.test(bound.text) || (parts.op.endsWith('=') && Number(bound.text.replace(/_/g, '')) === 0)) continue;
    const read = value.type === 'identifier' ? boundFrom(value.text, true) : value.type === 'call' && namedForASpan(value) ? (isFieldRead(value) ? fieldOfAnswer(value, (name) => boundFrom(name, false), ctx) : callName(value)!) : undefined;
    if (read) return { assertion: statement, value: value.text, read, bound: bound.text };
  }
  return null;
}

/**
 * The call a field read (`metrics.avg_wait_ms`) takes its value from, when its variable was bound
 * from that call's answer after the sleep. Not when the test read the clock before the sleep: the
 * span may be one between stamps it wrote (jido_studio's `trace.duration_ms`, of events stamped
 * `t0` and `t0 + 40`), not one the code measured.
 */
function fieldOfAnswer(field: SyntaxNode, answerTo: (name: string) => string | undefined, ctx: SiteContext): string | undefined {
  const call = answerTo(field.namedChildren[0]!.namedChildren[0]!.text);
  return call && !ctx.before.some((statement) => clockReading(statement) !== null) ? `${call}(…)${field.text.slice(field.text.indexOf('.'))}` : undefined;
}

function namedForASpan(value: SyntaxNode): boolean {
  const name = value.type === 'call' ? (callName(value) ?? '').replace(/^.*\./, '') : value.text;
  // `timeouts`, `retry_times`, `timer_count`: how many, not how long.
  return SPAN_NAME.test(name) && !/timeout|times(?![a-z])|count/.test(name);
}

/**
 * An `assert_in_delta value, expected, delta` (or `assert value >= expected`, hologram's `assert
 * duration >= 2_000` after `Process.sleep(2_000)`) after the sleep, in its test, whose literal `expected`
 * is, within `delta`, what one or more of the test's sleeps of this literal length add up to, in
 * milliseconds or in seconds (concentrate's two 100 ms sleeps, then `assert_in_delta frequency, 0.2,
 * 0.05`): the check measures the time slept, and without the sleeps it fails.
 */
/** Units and quantities no sleep's length is measured in. */
const NOT_A_TIME = /\b(?:hertz|[kmg]?hz|frequency|sample_rate|bytes?|percent|celsius|volts?|meters?|rpm)\b/i;

export function deltaOfTheSleeps(ctx: SiteContext): { assertion: SyntaxNode; expected: string; total: number } | null {
  const ms = ctx.duration;
  if (typeof ms !== 'number' || ms <= 0 || ctx.site.duration?.type !== 'integer' || !ctx.unit || !/_in_delta|[<>]=?\s*\d/.test(ctx.unit.text)) return null;
  // How many sleeps of this length the test has: their sums are the times it can have slept.
  const sleeps = Math.min(10, ctx.unit.text.split(ctx.site.duration.text).length - 1);
  for (const assertion of [...ctx.after, ...laterInTest(ctx)]) {
    const bound = atLeast(assertion);
    const [, expected, delta] = bound ? [null, bound, null] : assertionName(assertion) === 'assert_in_delta' ? callArguments(assertion) : [];
    if (!expected || !NUMBER.test(expected.text) || (delta && !NUMBER.test(delta.text))) continue;
    const [e, d] = [Number(expected.text.replace(/_/g, '')), delta ? Number(delta.text.replace(/_/g, '')) : 0];
    // A delta as wide as half the value says little (`assert_in_delta count, 1, 1`): a count, not a time.
    if (e <= 0 || d * 2 > e) continue;
    // jido_studio's events stamped `timestamp_ms: t0` and `t0 + 40` before the sleep, then `assert
    // trace.duration_ms >= 40`: a span computed from the stamps the test wrote, not one it measured.
    if (ctx.before.some((statement) => new RegExp(String.raw`\+\s*${expected.text}\b`).test(statement.text))) continue;
    // bb's sensor sample rate, `Localize.Unit.convert(sample_rate, "hertz")` then `assert_in_delta …, 100.0`:
    // a value in another unit, however close to the time slept.
    const upTo = ctx.after.indexOf(assertion);
    if ([assertion, ...(upTo === -1 ? [] : ctx.after.slice(0, upTo))].some((statement) => NOT_A_TIME.test(statement.text))) continue;
    for (let k = 1; k <= sleeps; k++) {
      const total = k * ms;
      if (Math.abs(e - total) <= d || Math.abs(e * 1000 - total) <= d * 1000) return { assertion, expected: expected.text, total };
    }
  }
  return null;
}

/** A check of the test's own (`assert_frames_encoded(page, seconds)`; not a mailbox one) given one of `variables` as an argument. */
function handedTheDuration(statement: SyntaxNode, variables: readonly string[]): boolean {
  const name = statement.type === 'call' ? callName(statement) : null;
  if (!name || !/^assert_\w+$/.test(name) || /^assert_(?:receive|received|push|reply|broadcast|redirect|raise|in_delta)/.test(name)) return false;
  return callArguments(statement).some((arg) => variables.includes(arg.text));
}

/**
 * `assert duration_ms >= sleep_time_ms` (jido's spans): a value measured against one of `variables`,
 * the sleep's own duration, as its bound.
 */
function boundedByTheDuration(statement: SyntaxNode, variables: readonly string[]): boolean {
  if (assertionName(statement) !== 'assert') return false;
  const parts = binaryParts(callArguments(statement)[0] ?? statement);
  if (parts === null || !ORDERING.has(parts.op) || parts.op.startsWith('!')) return false;
  return [[parts.left, parts.right], [parts.right, parts.left]].some(([side, other]) => variables.includes(side!.text) && !readAgain(other!.text, side!.text));
}

/**
 * `previous_backoff_1` beside `previous_backoff` (elixir-omg's alarm printer), `next_interval`
 * beside `interval`: the same setting read again, which grew or not; no amount the sleep measured.
 */
function readAgain(other: string, variable: string): boolean {
  return other.startsWith(`${variable}_`) ? /^_?\d+$|^(?:new|next|later|after|now)$/.test(other.slice(variable.length + 1)) : new RegExp(`^(?:new|next|later|updated)_${variable}$`).test(other);
}

/** The statements of the sleep's test after the one that holds the sleep (a loop around it, say). */
function laterInTest(ctx: SiteContext): SyntaxNode[] {
  const body = ctx.unit && doBlockOf(ctx.unit);
  if (!body) return [];
  let top: SyntaxNode | null = ctx.statement;
  while (top && top.parent?.id !== body.id) top = top.parent;
  if (!top || top.id === ctx.statement.id) return [];
  return body.namedChildren.filter((s) => s.startIndex > top!.endIndex - 1 && s.type !== 'comment');
}

/** Words for the pauses a test makes: "small delays", "a pause", "sleeps". */
const PAUSES = /\b(?:delays?|pauses?|sleeps?)\b/i;
/** A comment that says the test's pauses set timestamps apart. */
const ORDERED_PAUSES = new RegExp(`^(?=.*${PAUSES.source})(?=.*(?:${ORDERING_COMMENT.source}))`, 'i');
/** A comment over a sleep that says no more than that it is another of the test's pauses: "Wait again", "after a delay". */
const POINTS_BACK = /^\s*(?:wait|sleep|pause)\s+again\b|\bafter\s+a\s+(?:short\s+|small\s+)?(?:delay|pause|moment)\b/i;

/** The deadline patterns made so far, by length: sleeps share a few lengths, and each is compiled once. */
const BUDGETS = new Map<number, RegExp>();

/** A deadline of exactly `ms` in words: "finish in 180ms", "within 180 ms", "under 180 milliseconds". */
function budgetOf(ms: number): RegExp {
  let budget = BUDGETS.get(ms);
  if (!budget) BUDGETS.set(ms, (budget = new RegExp(String.raw`\b(?:in|within|under|before)\s+${ms}\s*(?:ms|milliseconds?)\b`, 'i')));
  return budget;
}
