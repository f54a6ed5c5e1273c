// The non-interactive fix run (`fix --yes`, `--dry`, `--print`): scan, plan every file, apply the
// safe rewrites (or all with --include-review), and write, preview or print them. The interactive
// session builds on the same planFile/renderFile/writeRewrite steps.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { scan, type ScanOptions, type ScannedFile } from '../scan/scan.js';
import { TRANSFORMS } from '../../transforms/index.js';
import { detectHelpers, type ProjectHelpers } from '../helpers/detect.js';
import { initProject } from '../helpers/init.js';
import { planFile, renderFile, type SitePlan, type SkippedSite } from './plan.js';
import { applyEdits } from '../edit/apply.js';
import { EditRecorder } from '../edit/edits.js';
import { parseElixir } from '../parse/parser.js';
import type { TransformModule, TransformOptions } from '../transform/api.js';
import { timeoutFor, msLiteral } from '../transform/timeout.js';
import { dirtyFiles } from '../git/dirty.js';
import { runVerify, type VerifyResult } from '../verify/verify.js';
import { contentHash, writeFileAtomic } from '../write/atomic-write.js';
import { isFixKind, type FixKind } from '../vocabulary.js';
import { UsageError } from '../errors.js';
import type { Report } from '../finding.js';

export type FileStatus = 'ok' | 'nochange' | 'skip' | 'error';

export interface FileOutcome {
  rel: string;
  status: FileStatus;
  applied: SitePlan[];
  /** Sites with no automatic fix, or held back for review. */
  skipped: SkippedSite[];
  message?: string;
  before?: string;
  after?: string;
  verify?: { before: VerifyResult; after?: VerifyResult; reverted: boolean };
}

export interface FixRunOptions {
  scan: ScanOptions;
  mode: 'write' | 'dry' | 'print';
  includeReview: boolean;
  /** -t: a fix kind (only that transform) or a path to a user transform module. */
  transform?: string;
  timeouts: TransformOptions;
  verifyCommand?: string;
  allowDirty: boolean;
  onFile?: (outcome: FileOutcome) => void;
}

export interface FixRunResult {
  report: Report;
  files: FileOutcome[];
  helperMessages: string[];
}

export async function runFix(options: FixRunOptions): Promise<FixRunResult> {
  const { report, files } = await scan(options.scan);
  const root = resolve(options.scan.root);
  const transforms = await selectTransforms(options.transform);
  let helpers = await detectHelpers(root);
  const dirty = options.mode === 'write' && !options.allowDirty ? await dirtyFiles(root) : null;
  const helperMessages: string[] = [];
  const outcomes: FileOutcome[] = [];

  for (const file of files) {
    const outcome = await fixFile(file);
    outcomes.push(outcome);
    options.onFile?.(outcome);
  }
  return { report, files: outcomes, helperMessages };

  async function fixFile(file: ScannedFile): Promise<FileOutcome> {
    if (transforms.kind === 'user') return userTransform(file, transforms.module, options, root);
    const plan = planFile(file, { transforms: transforms.byFix, options: options.timeouts, helpers });
    const accepted = plan.sites.filter((s) => options.includeReview || s.safety === 'safe');
    const held = plan.sites.filter((s) => !accepted.includes(s)).map((s) => ({ site: s.site, reason: `${s.fix} is marked review: accept it in \`sleepless fix\` or pass --include-review` }));
    const skipped = [...plan.skipped, ...held];
    if (accepted.length === 0) return { rel: file.rel, status: plan.sites.length + plan.skipped.length > 0 ? 'skip' : 'nochange', applied: [], skipped };
    if (dirty?.has(file.abs)) {
      return { rel: file.rel, status: 'skip', applied: [], skipped, message: 'has uncommitted changes: commit or stash them first, or pass --allow-dirty' };
    }
    let rendered;
    try {
      rendered = renderFile(plan, accepted, helpers);
    } catch (error) {
      return { rel: file.rel, status: 'error', applied: [], skipped, message: (error as Error).message };
    }
    const outcome: FileOutcome = { rel: file.rel, status: 'ok', applied: rendered.applied, skipped, before: file.source.source, after: rendered.output };
    if (options.mode !== 'write') return outcome;
    if (rendered.missingHelpers.length > 0) {
      const init = await initProject(root, { allowlist: false });
      helperMessages.push(...init.messages);
      helpers = await detectHelpers(root);
    }
    return writeWithVerify(file, outcome, options, root);
  }
}

async function writeWithVerify(file: ScannedFile, outcome: FileOutcome, options: FixRunOptions, root: string): Promise<FileOutcome> {
  const original = (file.bom ? '\uFEFF' : '') + file.source.source;
  const rewritten = (file.bom ? '\uFEFF' : '') + outcome.after!;
  let before: VerifyResult | undefined;
  if (options.verifyCommand) {
    before = await runVerify(options.verifyCommand, file.rel, root);
    if (!before.passed) return { ...outcome, status: 'skip', applied: [], message: `tests already fail before the rewrite; left unchanged\n${before.tail}`, verify: { before, reverted: false } };
  }
  try {
    await writeFileAtomic(file.abs, rewritten, { expectedHash: contentHash(original), root });
  } catch (error) {
    return { ...outcome, status: 'error', applied: [], message: (error as Error).message };
  }
  if (!options.verifyCommand || !before) return outcome;
  const after = await runVerify(options.verifyCommand, file.rel, root);
  if (after.passed) return { ...outcome, verify: { before, after, reverted: false } };
  await writeFileAtomic(file.abs, original, { expectedHash: contentHash(rewritten), root });
  return { ...outcome, status: 'error', applied: [], message: `tests failed after the rewrite; reverted\n${after.tail}`, verify: { before, after, reverted: true } };
}

type Selected = { kind: 'builtin'; byFix: Partial<Record<FixKind, TransformModule>> } | { kind: 'user'; module: TransformModule };

async function selectTransforms(name: string | undefined): Promise<Selected> {
  if (!name) return { kind: 'builtin', byFix: TRANSFORMS };
  if (isFixKind(name)) {
    const module = TRANSFORMS[name];
    if (!module) throw new UsageError(`-t ${name}: there is no automatic transform for ${name}`);
    return { kind: 'builtin', byFix: { [name]: module } };
  }
  if (!/[\\/.]/.test(name)) throw new UsageError(`-t ${name}: not a fix kind (${Object.keys(TRANSFORMS).join(', ')}) nor a path to a transform module`);
  let module: Partial<TransformModule>;
  try {
    module = (await import(pathToFileURL(resolve(name)).href)) as Partial<TransformModule>;
  } catch (error) {
    throw new UsageError(`-t ${name}: cannot load the transform module (${(error as Error).message}); pass a .js or .mjs file`);
  }
  if (typeof module.default !== 'function') throw new UsageError(`-t ${name}: the module must export a default function transform(file, api, options)`);
  return { kind: 'user', module: { default: module.default, meta: module.meta ?? { fix: 'manual', description: name, safety: 'review' } } };
}

/** A user's transform runs once per file; it may record edits or return a whole new source. */
async function userTransform(file: ScannedFile, module: TransformModule, options: FixRunOptions, root: string): Promise<FileOutcome> {
  const edit = new EditRecorder('user-transform');
  let reason: string | null = null;
  let result;
  try {
    result = module.default({ path: file.rel, source: file.source.source }, {
      site: null,
      sites: file.sites,
      tree: file.source.tree,
      edit,
      timeout: () => timeoutFor(null, options.timeouts),
      ms: msLiteral,
      freshName: (base) => base,
      useHelper: () => {},
      bail: (why) => ((reason = why), null),
    }, options.timeouts);
  } catch (error) {
    return { rel: file.rel, status: 'error', applied: [], skipped: [], message: `transform failed: ${(error as Error).message}` };
  }
  const output = typeof result === 'string' ? result : applyEdits(file.source.source, edit.edits).output;
  if (result === null || reason !== null || output === file.source.source) return { rel: file.rel, status: result === null || reason ? 'skip' : 'nochange', applied: [], skipped: [], message: reason ?? undefined };
  if (parseElixir(output).rootNode.hasError && !file.source.hasSyntaxErrors) {
    return { rel: file.rel, status: 'error', applied: [], skipped: [], message: 'the transform produced code that does not parse; nothing written' };
  }
  const outcome: FileOutcome = { rel: file.rel, status: 'ok', applied: [], skipped: [], before: file.source.source, after: output };
  if (options.mode !== 'write') return outcome;
  return writeWithVerify(file, outcome, options, root);
}
