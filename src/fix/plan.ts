// Runs transforms over one file's problematic sites and keeps each site's edits apart, so that
// any subset of sites can be rendered (the review session accepts one and rejects the next).
import type { ClassifiedSite } from '../classify/classify.js';
import { EditRecorder, type Edit } from '../edit/edits.js';
import { applyEdits } from '../edit/apply.js';
import { parseElixir, type SyntaxNode, type Tree } from '../parse/parser.js';
import type { ScannedFile } from '../scan/scan.js';
import type { FixKind, Safety } from '../vocabulary.js';
import type { HelperName, TransformApi, TransformModule, TransformOptions } from '../transform/api.js';
import { timeoutFor, timeoutText, msLiteral } from '../transform/timeout.js';
import { freshName } from '../transform/names.js';
import { definesLocally, unfitHelper, type ProjectHelpers } from '../helpers/detect.js';
import { assertionsReachable, helperImportEdit, helpersReachable, testModuleAround } from '../helpers/imports.js';
import { answeredWorker, barrierTarget, callsProcess, effectOf, sendsAMessage } from '../classify/effects.js';
import { messagingBefore } from '../classify/statements.js';
import { dirname } from 'node:path';
import { mixProjectDir } from '../helpers/project-helpers.js';
import { formatterLineLength } from '../project/formatter-line-length.js';
import { withLineLength } from '../transform/layout.js';

/** ExUnit's assertion macros a rewrite may write: defined only where ExUnit.Assertions is imported. */
const ASSERTION_MACROS = /\b(?:assert_receive|refute_receive|assert_received|refute_received)\b/;

export interface SitePlan {
  site: ClassifiedSite;
  /** The fix that produced the edits (the ladder's choice, or the first alternative that did not bail). */
  fix: FixKind;
  safety: Safety;
  group: string;
  edits: Edit[];
  helpers: HelperName[];
}

export interface SkippedSite {
  site: ClassifiedSite;
  /** Why no automatic fix exists for it, or why it was held back. */
  reason: string;
  /** Set when a rewrite exists but is marked review and the run applies only safe ones. */
  heldForReview?: FixKind;
}

export interface FilePlan {
  file: ScannedFile;
  sites: SitePlan[];
  skipped: SkippedSite[];
}

export interface PlanOptions {
  transforms: Partial<Record<FixKind, TransformModule>>;
  options: TransformOptions;
  helpers: ProjectHelpers;
  /** Which fixes may be used for a site, best first; default: its alternatives in ladder order. */
  candidates?: (site: ClassifiedSite) => FixKind[];
}

export function planFile(file: ScannedFile, plan: PlanOptions): FilePlan {
  const sites: SitePlan[] = [];
  const skipped: SkippedSite[] = [];
  for (const site of file.sites) {
    if (site.finding.verdict !== 'problematic') continue;
    if (file.source.hasSyntaxErrors) {
      skipped.push({ site, reason: 'the file has syntax errors: never rewritten' });
      continue;
    }
    const result = planSite(file, site, plan);
    if ('reason' in result) skipped.push({ site, reason: result.reason });
    else sites.push(result);
  }
  return { file, sites, skipped };
}

/** The line length the file's Mix project formats to (its `.formatter.exs`), which rewrites are laid out to. */
function lineLengthOf(file: ScannedFile): number {
  const root = file.abs.endsWith(file.rel) ? file.abs.slice(0, file.abs.length - file.rel.length) : dirname(file.abs);
  return formatterLineLength(mixProjectDir(root || '.', file.abs));
}

/** Tries the site's fixes in ladder order; the first transform that does not bail wins. */
export function planSite(file: ScannedFile, site: ClassifiedSite, plan: PlanOptions): SitePlan | { reason: string } {
  return withLineLength(lineLengthOf(file), () => planSiteAt(file, site, plan));
}

function planSiteAt(file: ScannedFile, site: ClassifiedSite, plan: PlanOptions): SitePlan | { reason: string } {
  const candidates = plan.candidates?.(site) ?? site.alternatives.map((a) => a.decision.fix ?? 'manual');
  const reasons: string[] = [];
  for (const fix of candidates) {
    if (fix === 'manual') {
      reasons.push(`manual: ${site.decision.reason}`);
      continue;
    }
    const transform = plan.transforms[fix];
    if (!transform) continue;
    const attempt = runTransform(file, site, fix, transform, plan);
    if ('reason' in attempt) reasons.push(`${fix}: ${attempt.reason}`);
    else return attempt;
  }
  return { reason: reasons.length > 0 ? `no automatic fix (${reasons.join('; ')})` : 'no automatic fix' };
}

function runTransform(file: ScannedFile, site: ClassifiedSite, fix: FixKind, transform: TransformModule, plan: PlanOptions): SitePlan | { reason: string } {
  // Every rewrite replaces or removes the sleep's statement: a sleep inside a larger expression
  // (`:ok = Process.sleep(10)`) has none of its own.
  if (!site.ctx.statementIsTheWait) return { reason: 'the sleep is part of a larger expression' };
  const group = site.finding.fingerprint;
  const edit = new EditRecorder(group);
  const helpers: HelperName[] = [];
  let bailed: string | null = null;
  const duration = site.finding.duration_ms;
  const api: TransformApi = {
    site,
    sites: file.sites,
    tree: file.source.tree,
    edit,
    timeout: () => timeoutFor(duration, plan.options),
    timeoutText: () => timeoutText(duration, site.ctx.site.duration?.text ?? null, plan.options),
    ms: msLiteral,
    freshName: (base) => freshName(site.ctx.unit, base),
    barrierTarget: (statement) => barrierTarget(statement, site.ctx, file.modules),
    callsTarget: (statement, target) => callsProcess(effectOf(statement, site.ctx, file.modules), target),
    messagedBefore: () => messagingBefore(site.ctx.before, site.ctx.after[0], (statement) => sendsAMessage(effectOf(statement, site.ctx, file.modules))),
    answeredWorker: (statement) => answeredWorker(statement, site.ctx, file.modules)?.pid ?? null,
    useHelper: (name) => void helpers.push(name),
    bail: (reason) => {
      bailed = reason;
      return null;
    },
  };
  let result;
  try {
    result = transform.default({ path: file.rel, source: file.source.source }, api, plan.options);
  } catch (error) {
    return { reason: `transform failed: ${(error as Error).message}` };
  }
  if (bailed !== null || result === null) return { reason: bailed ?? 'the transform found no safe rewrite' };
  if (edit.edits.length === 0) return { reason: 'the transform made no change' };
  for (const helper of helpers) {
    const unfit = unfitHelper(file.source.source, helper, plan.helpers);
    if (unfit) return { reason: `the project's own \`${helper}(${unfit.params})\` (${unfit.where}) is not called as the rewrite would call it, with a function returning a truthy value and a time limit in milliseconds second: rename it, or rewrite this sleep by hand` };
    const module = plan.helpers.modules[helper] ?? plan.helpers.generatedModule;
    // No mix.exs to compile a module we would write (elixir-in-action's samples, run as `elixir test/tests.exs`).
    if (!plan.helpers.modules[helper] && !plan.helpers.mixProject && !definesLocally(file.source.source, helper)) {
      return { reason: `there is no mix.exs here to compile a helpers module under test/support, so \`${helper}\` would be undefined: define it in the test file, or rewrite this sleep by hand` };
    }
    // gen_poller's own test/support/wait_helpers.ex, another module: ours cannot be written over it.
    if (!plan.helpers.modules[helper] && plan.helpers.generatedPathTaken && !definesLocally(file.source.source, helper)) {
      return { reason: `${plan.helpers.generatedPath} is already there and does not define \`${helper}/3\`, so the helpers module cannot be written: add \`${helper}\` to it, or rewrite this sleep by hand` };
    }
    if (!definesLocally(file.source.source, helper) && !helpersReachable(file.source.tree, module, site.ctx.site.node)) {
      return { reason: `no \`defmodule\` around this sleep uses an ExUnit case template (\`use …Case\`) to import \`${module}\` into, so \`${helper}\` would be undefined: add the import by hand and run again` };
    }
  }
  if (edit.edits.some((e) => ASSERTION_MACROS.test(e.text)) && !assertionsReachable(file.source.tree, site.ctx.site.node)) {
    return { reason: 'the module around this sleep is no test module and does not import ExUnit.Assertions, so `assert_receive` would not compile: add `import ExUnit.Assertions` to it and run again' };
  }
  const decided = site.alternatives.find((a) => a.decision.fix === fix)?.decision.safety ?? 'review';
  const safety: Safety = decided === 'safe' && transform.meta.safety === 'safe' ? 'safe' : 'review';
  return { site, fix, safety, group, edits: edit.edits, helpers };
}

export interface Rendered {
  output: string;
  applied: SitePlan[];
  /** Sites whose edits overlapped an earlier accepted site's. */
  dropped: SitePlan[];
  /** Helpers the accepted sites call that the project lacks (the runner writes the module). */
  missingHelpers: HelperName[];
}

/** The file's text with the chosen sites' edits applied, refused if it parses worse than before. */
export function renderFile(plan: FilePlan, accepted: readonly SitePlan[], helpers: ProjectHelpers): Rendered {
  return withLineLength(lineLengthOf(plan.file), () => renderAt(plan, accepted, helpers));
}

function renderAt(plan: FilePlan, accepted: readonly SitePlan[], helpers: ProjectHelpers): Rendered {
  const { source } = plan.file.source;
  const needed = [...new Set(accepted.flatMap((s) => s.helpers))].filter((h) => !definesLocally(source, h));
  const edits = accepted.flatMap((s) => s.edits);
  const missingHelpers: HelperName[] = [];
  for (const helper of needed) if (!helpers.modules[helper]) missingHelpers.push(helper);
  edits.push(...importEdits(plan.file.source.tree, accepted, needed, helpers));
  const result = applyEdits(source, edits);
  const applied = accepted.filter((s) => result.applied.includes(s.group));
  const dropped = accepted.filter((s) => result.dropped.includes(s.group));
  if (applied.length > 0 && parseElixir(result.output).rootNode.hasError) {
    throw new RewriteRefusedError(`${plan.file.rel}: the rewrite would not parse; nothing written (please report this with the file)`);
  }
  return { output: result.output, applied, dropped, missingHelpers };
}

/**
 * One import per test module that holds an accepted site and helpers module, naming the helpers
 * that module's sites call: a second `import` of the same module would replace the first's `only:`.
 */
function importEdits(tree: Tree, accepted: readonly SitePlan[], needed: readonly HelperName[], helpers: ProjectHelpers): Edit[] {
  const wanted = new Map<string, { body: SyntaxNode; module: string; names: HelperName[] }>();
  for (const site of accepted) {
    const body = testModuleAround(site.site.ctx.site.node);
    if (!body) continue;
    for (const helper of site.helpers.filter((h) => needed.includes(h))) {
      const module = helpers.modules[helper] ?? helpers.generatedModule;
      const key = `${body.startIndex} ${module}`;
      const entry = wanted.get(key) ?? { body, module, names: [] };
      entry.names.push(helper);
      wanted.set(key, entry);
    }
  }
  return [...wanted.values()].flatMap(({ body, module, names }) => helperImportEdit(tree, body, module, names) ?? []);
}

export class RewriteRefusedError extends Error {
  override name = 'RewriteRefusedError';
}
