// Runs the rules over one file's sites and turns each decision into a Finding (the JSON contract).
import { scalesWrittenLength } from '../transform/timeout.js';
import type { SourceFile } from '../context/source-file.js';
import { buildContext, runsPerSuite, type SiteContext } from '../context/site-context.js';
import type { Site } from '../sites/find-sites.js';
import type { FileError, Finding } from '../finding.js';
import type { SiteEntry } from '../allowlist/allowlist.js';
import type { ModuleIndex } from '../project/module-index.js';
import { isExcluded } from '../project/excluded-tags.js';
import { oneLine } from '../parse/nodes.js';
import { fingerprintOf } from './fingerprint.js';
import type { Decision, Rule } from './rule.js';
import type { FixKind } from '../vocabulary.js';
import { RULES } from './rules/index.js';
import { Signals } from './signals.js';
import type { VocabularyIndex } from './vocabulary-index.js';

export interface ClassifyEnv {
  vocabulary: VocabularyIndex;
  userSites: readonly SiteEntry[];
  /** Filled with the user allowlist entries that matched a site, so stale ones can be reported. */
  matchedEntries: Set<SiteEntry>;
  /** The project's own modules, for telling cast wrappers from synchronous APIs. */
  modules: ModuleIndex;
}

export interface Alternative {
  rule: Rule;
  decision: Decision;
}

/** A finding together with what produced it, for the transforms and the interactive session. */
export interface ClassifiedSite {
  finding: Finding;
  ctx: SiteContext;
  rule: Rule;
  decision: Decision;
  /**
   * Problematic only: every fix that applies, best first (the chosen one included). Asked for
   * with `alternatives`; otherwise just the chosen one.
   */
  alternatives: Alternative[];
  /**
   * How often the sleep runs in a default `mix test`, for the per-run time estimate: its loops' iterations when known,
   * times the tests a `setup` runs before; 0 in a test left out by default.
   */
  iterations: number;
}

/**
 * `alternatives`: ask every later rule too, for the fixes a rewrite may choose from. Reports need
 * only the first decision, and the rules after it are most of the classifier's work.
 */
export function classifyFile(file: SourceFile, sites: Site[], env: ClassifyEnv, alternatives: boolean): { sites: ClassifiedSite[]; errors: FileError[] } {
  // Null for a library's function the file imports or names qualified, whose body is not read: the site decides from what the function holds.
  const runsInCaller = (call: string, position: number, arity: number) =>
    env.modules.runsArgumentInCaller(call, position, arity, file) || (env.modules.fromLibraryImport(call, arity, file) || env.modules.fromLibraryModule(call, file) ? null : false);
  // A sleep's length may name attributes a case template defines for the file (`@permdown`).
  // An attribute as the sleep reads it: set last before the sleep, when the file sets it more than once.
  const durationsAt = (at: number) => ({ attribute: (name: string) => file.attribute(name, at) ?? env.modules.templateAttribute(name, file), constant: (call: string) => env.modules.constantOf(call, file) });
  const contexts = sites.map((site) => buildContext(file, site, runsInCaller, durationsAt(site.node.startIndex)));
  const ordinals = new Map<string, number>();
  const errors: FileError[] = [];
  const classified = contexts.map((ctx) => {
    const call = oneLine(ctx.site.node.text);
    const owner = ctx.test ?? ctx.defName ?? '';
    const key = `${ctx.describe ?? ''}\u0000${owner}\u0000${call}`;
    const ordinal = ordinals.get(key) ?? 0;
    ordinals.set(key, ordinal + 1);
    const fingerprint = fingerprintOf(file.rel, ctx.describe, owner, call, ordinal);
    const signals = new Signals(ctx, env.vocabulary, { fingerprint, call }, env.userSites, env.modules);
    const inline = signals.inlineAllow();
    if (inline?.kind === 'invalid') errors.push({ file: file.rel, line: inline.line, message: inline.message });
    const entry = signals.allowlistEntry();
    if (entry) env.matchedEntries.add(entry);
    // A test in a file ExUnit does not load (hound's `test/matchers.exs`, not `*_test.exs`) never runs.
    const unrun = (ctx.unitKind === 'test' || ctx.unitKind === 'setup') && !env.modules.runByMixTest(file.rel);
    const site = decide(ctx, signals, call, fingerprint, alternatives, unrun);
    // A test a plain `mix test` leaves out (`@tag :hardware` under `ExUnit.start(exclude: [:hardware])`)
    // costs nothing on a default run: the per-run estimate does not count it.
    if (ctx.tags.length > 0 && isExcluded(ctx.tags, env.modules.excludedTags(file.rel))) site.iterations = 0;
    if (unrun) site.iterations = 0;
    return site;
  });
  return { sites: classified, errors };
}

/**
 * The sleeping a rewrite with `fix` saves per test run: the sleep's length times how often it runs,
 * nothing when that rewrite still waits the whole time (a refutation) or the length is unknown.
 */
export function removableMs(site: ClassifiedSite, fix: FixKind | null = site.finding.fix): number {
  const decision = site.decision.fix === fix ? site.decision : site.alternatives.find((a) => a.decision.fix === fix)?.decision;
  if (!fix || decision?.keepsWait) return 0;
  return (site.finding.duration_ms ?? 0) * site.iterations;
}

/** Fixes whose rewrite waits at most a timeout made from the sleep's length (src/transform/timeout.ts). */
const TIMED_FIXES = new Set(['assert_receive', 'monitor_down', 'wait_for', 'poll_with_timeout']);

/**
 * A timed rewrite of a sleep whose length is unknown here (`@permdown + 2 * @heartbeat`, the
 * attributes coming from a case template) waits a guessed time, which may be shorter than the
 * sleep was: never `safe` (phoenix_pubsub's 1.7 s sleep got a 1 s wait_for, which always failed).
 */
function boundedByTheSleep(decision: Decision, ctx: SiteContext): Decision {
  if (ctx.duration !== null || !decision.fix || !TIMED_FIXES.has(decision.fix) || decision.safety !== 'safe') return decision;
  // `Process.sleep(backoff)`: the rewrite scales that name, and waits no less than the sleep did.
  if (ctx.statementIsTheWait && scalesWrittenLength(ctx.site.duration?.text ?? null)) return decision;
  return { ...decision, safety: 'review', reason: `${decision.reason}; the sleep's length is unknown here, so the rewrite's timeout is a guess` };
}

/** A rewrite in a file `mix test` never runs: no run can show it works, so a person looks at it. */
function unrunFile(decision: Decision): Decision {
  if (!decision.fix || decision.safety !== 'safe') return decision;
  return { ...decision, safety: 'review', reason: `${decision.reason}; \`mix test\` does not run this file (its name does not end in \`_test.exs\`), so no run checks the rewrite` };
}

/**
 * A rewrite in a SexySpex step: the rules read the test's statements across its steps, but each
 * step's body is a function of its own, so a condition or a process named in another step may not
 * be bound where the rewrite goes. A person looks at it.
 */
function inSpexStep(decision: Decision, ctx: SiteContext): Decision {
  if (!ctx.spexStep || !decision.fix || decision.safety !== 'safe') return decision;
  return { ...decision, safety: 'review', reason: `${decision.reason}; the sleep is in a SexySpex \`${ctx.spexStep}\` step, a function of its own, which may not see what the rewrite names` };
}

function decide(ctx: SiteContext, signals: Signals, call: string, fingerprint: string, allAlternatives: boolean, unrun: boolean): ClassifiedSite {
  const alternatives: Alternative[] = [];
  let chosen: Alternative | undefined;
  for (const rule of RULES) {
    if (chosen && (chosen.rule.verdict === 'legitimate' || rule.verdict === 'legitimate')) continue;
    const found = rule.decide(ctx, signals);
    if (!found) continue;
    const bounded = inSpexStep(boundedByTheSleep(found, ctx), ctx);
    const decision = unrun ? unrunFile(bounded) : bounded;
    chosen ??= { rule, decision };
    if (rule.verdict === 'problematic' && (rule.produces !== 'manual' || alternatives.length === 0)) alternatives.push({ rule, decision });
    if (!allAlternatives) break;
  }
  const { rule, decision } = chosen!;
  const iterations = ctx.loops.reduce((n, loop) => n * (loop.iterations ?? 1), runsPerSuite(ctx));
  return { finding: toFinding(ctx, rule, decision, call, fingerprint), ctx, rule, decision, alternatives, iterations };
}

function toFinding(ctx: SiteContext, rule: Rule, decision: Decision, call: string, fingerprint: string): Finding {
  const { node } = ctx.site;
  const source = ctx.file.source;
  const legitimate = rule.verdict === 'legitimate';
  return {
    file: ctx.file.rel,
    line: node.startPosition.row + 1,
    column: columnOf(source, node.startIndex),
    end_line: node.endPosition.row + 1,
    end_column: columnOf(source, node.endIndex),
    call,
    form: ctx.site.form,
    verdict: rule.verdict,
    category: legitimate ? (decision.category ?? null) : null,
    fix: legitimate ? null : (decision.fix ?? 'manual'),
    safety: legitimate || decision.fix === 'manual' ? null : (decision.safety ?? 'review'),
    rule: rule.id,
    confidence: decision.confidence,
    reason: decision.reason,
    duration_ms: typeof ctx.duration === 'number' ? ctx.duration : null,
    test: ctx.test,
    describe: ctx.describe,
    fingerprint,
  };
}

/** 1-based column in UTF-16 code units, counted from the string so it matches editors and offsets. */
function columnOf(source: string, index: number): number {
  return index - (source.lastIndexOf('\n', index - 1) + 1) + 1;
}
