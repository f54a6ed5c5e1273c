// The non-interactive fix run (`fix --yes`, `--dry`, `--print`): scan, plan every file, apply the
// safe rewrites (or all with --include-review), and write, preview or print them. The interactive
// session builds on the same planFile/renderFile/writeRewrite steps.
import { pathToFileURL } from 'node:url';
import { importUserModule } from '../user-module.js';
import { resolve } from 'node:path';
import { scan, type ScanOptions, type ScannedFile } from '../scan/scan.js';
import { TRANSFORMS } from '../../transforms/index.js';
import { HelpersByProject } from '../helpers/project-helpers.js';
import { planFile, renderFile, type SitePlan, type SkippedSite } from './plan.js';
import { applyEdits } from '../edit/apply.js';
import { EditRecorder } from '../edit/edits.js';
import { parseElixir } from '../parse/parser.js';
import type { TransformModule, TransformOptions } from '../transform/api.js';
import { timeoutFor, msLiteral } from '../transform/timeout.js';
import { dirtyFiles } from '../git/dirty.js';
import type { VerifyResult } from '../verify/verify.js';
import { baselineFailedMessage, verifyAfterRewrite, verifyBaseline, type FileVerify } from './verify-file.js';
import { contentHash, writeFileAtomic, WriteConflictError } from '../write/atomic-write.js';
import { acquireLock } from './lock.js';
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
  verify?: FileVerify;
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
  /**
   * Aborted with reason 'SIGINT' or 'SIGTERM' (fix-batch.ts turns the signals into this): the run
   * stops at the next safe point, never inside a write; a test run of --verify is stopped and the
   * file it was checking put back.
   */
  signal?: AbortSignal;
}

export type StopSignal = 'SIGINT' | 'SIGTERM';

export interface FixRunResult {
  report: Report;
  files: FileOutcome[];
  helperMessages: string[];
  /** The signal that stopped the run, when one did. */
  stop?: StopSignal;
  /** Files with sites that the stop left untouched, not looked at. */
  notProcessed: string[];
}

/** A run that writes holds `.sleepless/lock` (src/fix/lock.ts): a second `fix` on the same tree refuses before it scans. */
export async function runFix(options: FixRunOptions): Promise<FixRunResult> {
  const root = resolve(options.scan.root);
  const lock = options.mode === 'write' ? await acquireLock(root) : null;
  try {
    return await fixUnderLock(options, root);
  } finally {
    await lock?.release();
  }
}

async function fixUnderLock(options: FixRunOptions, root: string): Promise<FixRunResult> {
  const { report, files } = await scan(options.scan);
  const { signal } = options;
  const transforms = await selectTransforms(options.transform);
  const helpers = await HelpersByProject.load(root, files.map((f) => f.abs));
  const dirty = options.mode === 'write' && !options.allowDirty ? await dirtyFiles(root) : null;
  const helperMessages: string[] = [];
  const outcomes: FileOutcome[] = [];
  let notProcessed: string[] = [];

  for (const [index, file] of files.entries()) {
    if (signal?.aborted) {
      notProcessed = files.slice(index).map((f) => f.rel);
      break;
    }
    let outcome: FileOutcome;
    try {
      outcome = await fixFile(file);
    } catch (error) {
      // One file's fault never stops the run.
      outcome = { rel: file.rel, status: 'error', applied: [], skipped: [], message: `internal error: ${(error as Error)?.message ?? String(error)} (please report it)` };
    }
    outcomes.push(outcome);
    options.onFile?.(outcome);
  }
  // --verify may have reverted every rewrite that needed the helpers this run wrote.
  if (options.mode === 'write') {
    helperMessages.push(...(await helpers.takeBackUnused(files.map((f) => f.abs))));
  }
  return { report, files: outcomes, helperMessages, notProcessed, ...(signal?.aborted ? { stop: stopSignal(signal) } : {}) };

  async function fixFile(file: ScannedFile): Promise<FileOutcome> {
    if (transforms.kind === 'user') return userTransform(file, transforms.module, options, root);
    const plan = planFile(file, { transforms: transforms.byFix, options: options.timeouts, helpers: helpers.for(file.abs) });
    const accepted = plan.sites.filter((s) => options.includeReview || s.safety === 'safe');
    const held = plan.sites.filter((s) => !accepted.includes(s)).map((s) => ({ site: s.site, reason: `${s.fix} is marked review: accept it in \`sleepless fix\` or pass --include-review`, heldForReview: s.fix }));
    const skipped = [...plan.skipped, ...held];
    if (accepted.length === 0) return { rel: file.rel, status: plan.sites.length + plan.skipped.length > 0 ? 'skip' : 'nochange', applied: [], skipped };
    if (dirty?.has(file.abs)) {
      return { rel: file.rel, status: 'skip', applied: [], skipped, message: 'has uncommitted changes: commit or stash them first, or pass --allow-dirty' };
    }
    let rendered;
    try {
      rendered = renderFile(plan, accepted, helpers.for(file.abs));
    } catch (error) {
      return { rel: file.rel, status: 'error', applied: [], skipped, message: (error as Error).message };
    }
    const outcome: FileOutcome = { rel: file.rel, status: 'ok', applied: rendered.applied, skipped, before: file.source.source, after: rendered.output };
    // A preview says too what a real run would write besides the test files.
    if (options.mode === 'dry' && rendered.missingHelpers.length > 0) {
      const message = `helpers: would write ${helpers.generatedPathFor(file.abs)} (wait_for/3, poll_with_timeout/3) and see that mix.exs compiles test/support`;
      if (!helperMessages.includes(message)) helperMessages.push(message);
    }
    if (options.mode !== 'write') return outcome;
    if (signal?.aborted) return interrupted(outcome);
    if (rendered.missingHelpers.length > 0) {
      try {
        // Said once, though every file that needs the helpers asks for them.
        for (const message of await helpers.setUp(file.abs)) if (!helperMessages.includes(message)) helperMessages.push(message);
      } catch (error) {
        return { ...outcome, status: 'error', applied: [], message: `not written: it needs ${rendered.missingHelpers.join(', ')}, and the helpers module could not be set up (${(error as Error).message})` };
      }
      // A rewrite that imports a module nobody wrote would leave the suite unable to compile.
      const stillMissing = rendered.missingHelpers.filter((helper) => !helpers.for(file.abs).modules[helper]);
      if (stillMissing.length > 0) {
        return { ...outcome, status: 'error', applied: [], message: `not written: it needs ${stillMissing.join(', ')}, which the project does not define, and the helpers module could not be written (see the \`helpers:\` line)` };
      }
    }
    return writeWithVerify(file, outcome, options, root);
  }
}

async function writeWithVerify(file: ScannedFile, outcome: FileOutcome, options: FixRunOptions, root: string): Promise<FileOutcome> {
  const original = (file.bom ? '\uFEFF' : '') + file.source.source;
  const rewritten = (file.bom ? '\uFEFF' : '') + outcome.after!;
  const target = options.verifyCommand ? { command: options.verifyCommand, rel: file.rel, abs: file.abs, root } : null;
  let before: VerifyResult | undefined;
  const { signal } = options;
  if (target) {
    before = await verifyBaseline(target, signal);
    if (signal?.aborted) return interrupted(outcome);
    if (!before.passed) return { ...outcome, status: 'skip', applied: [], message: baselineFailedMessage(before), verify: { before, reverted: false } };
  }
  if (signal?.aborted) return interrupted(outcome);
  try {
    await writeFileAtomic(file.abs, rewritten, { expectedHash: contentHash(original), root });
  } catch (error) {
    return { ...outcome, status: 'error', applied: [], message: writeFailure(error) };
  }
  if (!target || !before) return outcome;
  const checked = await verifyAfterRewrite(target, original, rewritten, before, signal);
  if (checked.interrupted) {
    // --verify promises that what stays written passed its tests: an unfinished run proves nothing.
    try {
      await writeFileAtomic(file.abs, original, { expectedHash: contentHash(rewritten), root });
      return { ...outcome, status: 'skip', applied: [], message: 'put back as it was: the run was interrupted before its tests finished' };
    } catch (error) {
      return { ...outcome, status: 'error', message: `written, but the run was interrupted before its tests finished and it could not be put back: ${writeFailure(error)}` };
    }
  }
  if (!checked.message) return { ...outcome, verify: checked.verify };
  return { ...outcome, status: 'error', applied: checked.verify.reverted ? [] : outcome.applied, message: checked.message, verify: checked.verify };
}

function interrupted(outcome: FileOutcome): FileOutcome {
  return { ...outcome, status: 'skip', applied: [], message: 'not written: the run was interrupted' };
}

function stopSignal(signal: AbortSignal): StopSignal {
  return signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
}

/** Why a write failed, for the file's line: the original is intact (the temp file was removed). */
function writeFailure(error: unknown): string {
  if (error instanceof WriteConflictError) return error.message;
  return `not written (${(error as Error)?.message ?? String(error)}); the file is unchanged`;
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
    module = (await importUserModule(pathToFileURL(resolve(name)).href)) as Partial<TransformModule>;
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
      timeoutText: () => msLiteral(timeoutFor(null, options.timeouts)),
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
