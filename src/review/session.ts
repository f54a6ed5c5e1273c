// The interactive rewrite session (`sleepless fix` on a terminal): walks the problematic sleeps file
// by file, shows each with its evidence and the proposed rewrite, and acts on one key per decision.
//
// The engine is driven by an injected `ask` (terminal-ask.ts on a terminal, a script in tests) and
// prints through an injected `print`; it never imports inquirer. Every accepted change is written
// at once, atomically, and the file is scanned and planned again (offsets move), so quitting or
// Ctrl-C loses nothing accepted. Skips and the position persist in .sleepless/session.json.
import { readFile, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { scan, type ScanOptions, type ScannedFile } from '../scan/scan.js';
import { removableMs, type ClassifiedSite } from '../classify/classify.js';
import { RULES } from '../classify/rules/index.js';
import { TRANSFORMS } from '../../transforms/index.js';
import { planSite, renderFile, RewriteRefusedError, type SitePlan } from '../fix/plan.js';
import { unifiedDiff } from '../fix/diff.js';
import { acquireLock } from '../fix/lock.js';
import { baselineFailedMessage, verifyAfterRewrite, verifyBaseline, type FileVerify, type VerifyTarget } from '../fix/verify-file.js';
import { HelpersByProject } from '../helpers/project-helpers.js';
import { dirtyFiles } from '../git/dirty.js';
import { applyEdits } from '../edit/apply.js';
import { parseElixir } from '../parse/parser.js';
import { contentHash, writeFileAtomic } from '../write/atomic-write.js';
import { verifyCommandFor, type VerifyResult } from '../verify/verify.js';
import { USER_ALLOWLIST } from '../allowlist/allowlist.js';
import type { Colors } from '../report/colors.js';
import type { Report } from '../finding.js';
import type { HelperName, TransformOptions } from '../transform/api.js';
import type { FixKind } from '../vocabulary.js';
import { emptySession, loadSession, saveSession, type Position, type SessionState, type SkippedEntry } from '../session/store.js';
import { SessionInterrupted, type Ask, type StopSignal } from './ask.js';
import { actionsFor, helpLine, helpText, isActionKey, type ActionKey } from './keys.js';
import { renderStep, type Proposal } from './step-view.js';
import { ALLOW_CATEGORIES, addAllowlistEntry, insertInlineAllow, oneLineReason, validateReason, type AllowCategory } from './allow.js';
import { editText, spawnEditor, type RunEditor } from './editor.js';

export interface SessionOptions {
  scan: ScanOptions;
  timeouts: TransformOptions;
  /** `-t FIX`: review only the sites that fix applies to, with that transform. */
  only?: FixKind;
  /** --verify: the command that runs one test file (`mix test {file}`). */
  verifyCommand?: string;
  allowDirty: boolean;
  /** --resume: keep the last session's skips and start where it stopped. */
  resume: boolean;
  ask: Ask;
  /** Prints one block of text (a step, a note); the adapter adds the newline. */
  print: (text: string) => void;
  colors: Colors;
  /** Aborted with reason 'SIGINT' or 'SIGTERM': the session stops at the next safe point. */
  signal?: AbortSignal;
  /** Runs $EDITOR on a file (default: spawns $VISUAL / $EDITOR from `env`). */
  runEditor?: RunEditor;
  env?: NodeJS.ProcessEnv;
}

export type DecisionAction = 'applied' | 'skipped' | 'allowlisted';

export interface DecisionRecord {
  action: DecisionAction;
  rel: string;
  line: number;
  call: string;
  fingerprint: string;
  /** Applied: the fix written. Skipped or allowlisted: the fix that was proposed (null: none). */
  fix: FixKind | null;
  /** Milliseconds of sleeping per run the decision removed (applied only). */
  removedMs: number;
  /** How: applied by key (`key`), by f/k (`auto`), after $EDITOR (`edited`); allowlisted as `entry` or `inline`. */
  how: 'key' | 'auto' | 'edited' | 'entry' | 'inline';
  /** --verify failed and the file was put back: this change is gone. */
  reverted?: boolean;
}

export interface FileRecord {
  rel: string;
  verify?: FileVerify;
  /** Why the session left the file alone or what went wrong (uncommitted changes, failing tests…). */
  message?: string;
}

export type SessionStop = 'done' | 'quit' | StopSignal;

export interface SessionResult {
  report: Report;
  root: string;
  decisions: DecisionRecord[];
  files: FileRecord[];
  stop: SessionStop;
  /** Problematic sites not decided (not counting earlier sessions' skips). */
  remaining: number;
  /** Where the allowlist entries went, relative to the root. */
  allowlistFile: string;
}

interface FileState {
  rel: string;
  abs: string;
  scanned: ScannedFile | null;
  /** The file's bytes before this session first wrote it (what --verify reverts to). */
  pristine: string | null;
  baseline?: VerifyResult;
  verifiedHash?: string;
  verify?: FileVerify;
  /** Set when the session leaves this file alone: the reason. */
  closed?: string;
  message?: string;
}

/** One change written, for `u`: the file's previous bytes (null: the change created the file). */
interface Change {
  path: string;
  before: string | null;
  after: string;
  decision: DecisionRecord;
  /** The test file whose site the change decided. */
  file: FileState;
}

type FileExit = { kind: 'next' } | { kind: 'goto'; file: FileState } | { kind: 'quit' } | { kind: 'stop'; signal: StopSignal };

/** A step's proposal: the plan to write, or why there is none. */
type Proposed = { plan: SitePlan; before: string; after: string };
type Planned = Proposed | { reason: string };

/** The session holds `.sleepless/lock` (src/fix/lock.ts) from start to end: no other `fix` writes meanwhile. */
export async function runSession(options: SessionOptions): Promise<SessionResult> {
  const root = resolve(options.scan.root);
  const lock = await acquireLock(root);
  try {
    return await sessionUnderLock(options, root);
  } finally {
    await lock.release();
  }
}

async function sessionUnderLock(options: SessionOptions, root: string): Promise<SessionResult> {
  const { ask, print, colors, signal } = options;
  const initial = await scan(options.scan);
  const allowlistPath = options.scan.allowlistFile ?? join(root, USER_ALLOWLIST);
  const allowlistName = relative(root, allowlistPath) || USER_ALLOWLIST;
  const runEditor = options.runEditor ?? spawnEditor(options.env ?? process.env);
  const helpers = await HelpersByProject.load(root, initial.files.map((f) => f.abs));
  let helpersAnswer: 'yes' | 'no' | undefined;

  const previous = options.resume ? await loadSession(root) : null;
  if (options.resume && !previous) print(colors.yellow('no earlier session to resume under this root: starting a new one'));
  const state: SessionState = emptySession();
  // What earlier sessions wrote stays known (so their files are not "dirty"); their skips only with --resume.
  const prior = options.resume ? previous : await loadSession(root).catch(() => null);
  state.written = { ...(prior?.written ?? {}) };
  const skipped = new Map<string, SkippedEntry>((previous?.skipped ?? []).map((s) => [s.fingerprint, s]));
  /** Fingerprints decided here that a re-scan still shows as problematic (never shown twice). */
  const settled = new Set<string>();
  /** Sites whose rewrite could not be written, with why: offered as "no automatic fix" from then on. */
  const failed = new Map<string, string>();
  const overrides = new Map<string, FixKind>();
  const autoFiles = new Set<string>();
  const autoKinds = new Set<FixKind>();
  const decisions: DecisionRecord[] = [];
  const changes: Change[] = [];
  let position: Position | null = null;

  const files: FileState[] = initial.files
    .filter((f) => f.sites.some((s) => s.finding.verdict === 'problematic'))
    .map((f) => ({ rel: f.rel, abs: f.abs, scanned: f, pristine: null }));
  rotateToPosition(files, previous?.position ?? null);
  for (const e of initial.report.errors) print(colors.yellow(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`));
  await closeDirtyFiles();
  if (remainingCount() === 0) {
    const earlier = skipped.size > 0 ? ` (${skipped.size} skipped in earlier sessions: run without --resume to see them again)` : '';
    print(`nothing to review: no problematic sleeps with a decision to make${earlier}`);
  }

  // Null until the walk ends one way or another (an internal error leaves it null: the position is kept).
  let stop: SessionStop | null = null;
  let current = files[0];
  try {
    let index = 0;
    while (current && !stop) {
      const exit = await reviewFile(current);
      if (exit.kind === 'stop') {
        stop = exit.signal;
        break;
      }
      await leaveFile(current);
      if (exit.kind === 'quit') stop = 'quit';
      else if (signal?.aborted) stop = stopSignal();
      else if (exit.kind === 'goto') current = files[(index = files.indexOf(exit.file))];
      else current = files[++index];
    }
    stop ??= 'done';
  } finally {
    if (stop === 'done') position = null;
    // Ctrl-C means "stop now": the file in hand keeps what was accepted, unverified.
    if ((stop === 'SIGINT' || stop === 'SIGTERM') && current?.pristine != null && options.verifyCommand) current.message ??= 'not verified: the session was interrupted';
    await persist();
  }
  // Undo and --verify may have taken back every rewrite that needed the helpers this session wrote.
  for (const message of await helpers.takeBackUnused(files.map((f) => f.abs))) print(colors.dim(message));

  return {
    report: initial.report,
    root,
    decisions,
    files: files.filter((f) => f.verify || f.message || f.closed).map((f) => ({ rel: f.rel, verify: f.verify, message: f.closed ?? f.message })),
    stop,
    remaining: remainingCount(),
    allowlistFile: allowlistName,
  };

  // ---- walking -------------------------------------------------------------------------------

  async function reviewFile(file: FileState): Promise<FileExit> {
    while (true) {
      if (signal?.aborted) return { kind: 'stop', signal: stopSignal() };
      if (file.closed) return { kind: 'next' };
      const site = nextSite(file);
      if (!site) return { kind: 'next' };
      const { finding } = site;
      position = { file: file.rel, line: finding.line, fingerprint: finding.fingerprint };
      await persist();
      const planned = propose(file, site);

      if ('plan' in planned && (autoFiles.has(file.rel) || autoKinds.has(planned.plan.fix)) && !(helpersAnswer === 'no' && needsMissingHelper(planned.plan))) {
        const why = autoFiles.has(file.rel) ? 'all in this file' : `all ${planned.plan.fix}`;
        print(`${colors.bold(progress())} ${finding.file}:${finding.line}  ${planned.plan.fix} ${colors.green('applied')} ${colors.dim(`(${why})`)}`);
        const outcome = await apply(file, site, planned.plan, 'auto');
        if (outcome === 'closed') return { kind: 'next' };
        continue;
      }

      const choices = actionsFor('plan' in planned, changes.length > 0, 'plan' in planned ? planned.plan.fix : null);
      const proposal: Proposal =
        'plan' in planned
          ? { kind: 'fix', fix: planned.plan.fix, safety: planned.plan.safety, description: TRANSFORMS[planned.plan.fix]?.meta.description ?? planned.plan.fix, before: planned.before, after: planned.after, chosen: overrides.has(finding.fingerprint) }
          : { kind: 'none', reason: planned.reason };
      print(`\n${renderStep({ index: decisions.length + 1, total: decisions.length + remainingCount(), site, source: file.scanned!.source.source, proposal, helpLine: helpLine(choices) }, colors)}`);

      try {
        const exit = await act(await askKey(choices), file, site, planned);
        if (exit) return exit;
      } catch (error) {
        if (error instanceof SessionInterrupted) return { kind: 'stop', signal: error.signal };
        throw error;
      }
    }
  }

  /** Carries out one key; returns how to leave the file, or nothing to stay on it. */
  async function act(key: ActionKey, file: FileState, site: ClassifiedSite, planned: Planned): Promise<FileExit | void> {
    const plan = 'plan' in planned ? planned.plan : null;
    switch (key) {
      case 'a':
        if (plan && (await apply(file, site, plan, 'key')) === 'closed') return { kind: 'next' };
        return;
      case 's':
        skip(file, site, plan);
        return;
      case 'c':
        await chooseAnother(file, site, plan);
        return;
      case 'l':
        await markLegitimate(file, site, plan);
        return;
      case 'e':
        if (plan && (await editThenApply(file, site, plan)) === 'closed') return { kind: 'next' };
        return;
      case 'f':
        autoFiles.add(file.rel);
        if (plan && (await apply(file, site, plan, 'key')) === 'closed') return { kind: 'next' };
        return;
      case 'k':
        if (plan) autoKinds.add(plan.fix);
        if (plan && (await apply(file, site, plan, 'key')) === 'closed') return { kind: 'next' };
        return;
      case 'u': {
        const back = await undo();
        if (back && back !== file) return { kind: 'goto', file: back };
        return;
      }
      case 'q':
        return { kind: 'quit' };
      case '?':
        return;
    }
  }

  /** Asks until the answer is one of `choices`; `?` prints the help and asks again. */
  async function askKey(choices: readonly { key: ActionKey; name: string }[]): Promise<ActionKey> {
    while (true) {
      const key = await ask({ kind: 'action', message: 'What now?', choices });
      if (key === '?') print(helpText());
      else if (isActionKey(key) && choices.some((c) => c.key === key)) return key;
      else print(colors.yellow(`“${key}” is not one of the keys here: ${choices.map((c) => c.key).join(' ')}`));
    }
  }

  function nextSite(file: FileState): ClassifiedSite | undefined {
    return file.scanned?.sites.find((s) => isOpen(s));
  }

  function isOpen(site: ClassifiedSite): boolean {
    const fp = site.finding.fingerprint;
    if (site.finding.verdict !== 'problematic' || skipped.has(fp) || settled.has(fp)) return false;
    return !options.only || site.alternatives.some((a) => a.decision.fix === options.only);
  }

  function remainingCount(): number {
    return files.filter((f) => !f.closed).reduce((n, f) => n + (f.scanned?.sites.filter((s) => isOpen(s)).length ?? 0), 0);
  }

  function progress(): string {
    return `[${decisions.length + 1}/${decisions.length + remainingCount()}]`;
  }

  function stopSignal(): StopSignal {
    return signal?.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
  }

  // ---- proposals -----------------------------------------------------------------------------

  function planWith(file: ScannedFile, site: ClassifiedSite, candidates?: FixKind[]): SitePlan | { reason: string } {
    return planSite(file, site, {
      transforms: TRANSFORMS,
      options: options.timeouts,
      helpers: helpers.for(file.abs),
      candidates: candidates ? () => candidates : options.only ? () => [options.only!] : undefined,
    });
  }

  function propose(file: FileState, site: ClassifiedSite): Planned {
    const fp = site.finding.fingerprint;
    const why = failed.get(fp);
    if (why) return { reason: why };
    if (file.scanned!.source.hasSyntaxErrors) return { reason: 'no automatic fix: the file has syntax errors, so it is never rewritten' };
    const chosen = overrides.get(fp);
    const plan = planWith(file.scanned!, site, chosen ? [chosen] : undefined);
    if ('reason' in plan) return plan;
    return preview(file.scanned!, plan);
  }

  function preview(file: ScannedFile, plan: SitePlan): Planned {
    try {
      const rendered = renderFile({ file, sites: [plan], skipped: [] }, [plan], helpers.for(file.abs));
      return { plan, before: file.source.source, after: rendered.output };
    } catch (error) {
      return { reason: `no automatic fix: ${(error as Error).message}` };
    }
  }

  function needsMissingHelper(plan: SitePlan): boolean {
    return plan.helpers.some((h) => !helpers.for(join(root, plan.site.finding.file)).modules[h]);
  }

  // ---- decisions -----------------------------------------------------------------------------

  function record(action: DecisionAction, site: ClassifiedSite, fix: FixKind | null, how: DecisionRecord['how']): DecisionRecord {
    const { finding } = site;
    const removedMs = action === 'applied' ? removableMs(site, fix) : 0;
    return { action, rel: finding.file, line: finding.line, call: finding.call, fingerprint: finding.fingerprint, fix, removedMs, how };
  }

  function skip(file: FileState, site: ClassifiedSite, plan: SitePlan | null): void {
    const { finding } = site;
    skipped.set(finding.fingerprint, { fingerprint: finding.fingerprint, file: file.rel, line: finding.line, call: finding.call });
    decisions.push(record('skipped', site, plan?.fix ?? finding.fix, 'key'));
  }

  type Applied = 'applied' | 'kept' | 'closed';

  /** Writes one site's rewrite. `kept`: nothing written, stay on the site; `closed`: the file is left alone. */
  async function apply(file: FileState, site: ClassifiedSite, plan: SitePlan, how: DecisionRecord['how']): Promise<Applied> {
    let rendered;
    try {
      const abs = file.scanned!.abs;
      rendered = renderFile({ file: file.scanned!, sites: [plan], skipped: [] }, [plan], helpers.for(abs));
      if (rendered.missingHelpers.length > 0) {
        if (!(await ensureHelpers(abs, rendered.missingHelpers))) return 'kept';
        rendered = renderFile({ file: file.scanned!, sites: [plan], skipped: [] }, [plan], helpers.for(abs));
      }
    } catch (error) {
      if (error instanceof SessionInterrupted) throw error;
      const message = error instanceof RewriteRefusedError && how === 'edited' ? 'your version does not parse; nothing written' : (error as Error).message;
      print(colors.red(`${file.rel}: ${message}`));
      if (how !== 'edited') failed.set(site.finding.fingerprint, `no automatic fix: ${message}`);
      return 'kept';
    }
    if (rendered.applied.length === 0) {
      print(colors.yellow(`${file.rel}: the rewrite overlaps another change; nothing written`));
      failed.set(site.finding.fingerprint, 'no automatic fix: the rewrite overlaps another change');
      return 'kept';
    }
    if (!(await ensureBaseline(file))) return 'closed';
    const written = await writeTestFile(file, rendered.output, record('applied', site, plan.fix, how));
    return written ? 'applied' : 'kept';
  }

  /** Writes the test file's new text (without BOM) atomically, remembers it for undo, re-scans it. */
  async function writeTestFile(file: FileState, text: string, decision: DecisionRecord): Promise<boolean> {
    const bom = file.scanned!.bom ? '\uFEFF' : '';
    const before = bom + file.scanned!.source.source;
    const after = bom + text;
    try {
      await writeFileAtomic(file.abs, after, { expectedHash: contentHash(before), root });
    } catch (error) {
      print(colors.red((error as Error).message));
      await rescan(file);
      return false;
    }
    file.pristine ??= before;
    decisions.push(decision);
    changes.push({ path: file.abs, before, after, decision, file });
    state.written[file.rel] = contentHash(after);
    await rescan(file);
    await persist();
    return true;
  }

  async function chooseAnother(file: FileState, site: ClassifiedSite, plan: SitePlan | null): Promise<void> {
    const fixes = [...new Set(site.alternatives.map((a) => a.decision.fix ?? 'manual'))].filter((f) => f !== 'manual' && (!options.only || f === options.only));
    const offered: { fix: FixKind; planned: Proposed }[] = [];
    for (const fix of fixes) {
      const attempt = planWith(file.scanned!, site, [fix]);
      if ('reason' in attempt) continue;
      const planned = preview(file.scanned!, attempt);
      if ('plan' in planned) offered.push({ fix, planned });
    }
    if (offered.length <= 1) {
      print(colors.yellow(`no other fix applies to this sleep${plan ? ` than ${plan.fix}` : ''}`));
      return;
    }
    offered.forEach(({ fix, planned }, i) => {
      const description = TRANSFORMS[fix]?.meta.description ?? fix;
      print(`\n${colors.bold(`${i + 1}. ${fix}`)} (${planned.plan.safety})${fix === plan?.fix ? colors.dim(' — current') : ''} — ${description}`);
      print(unifiedPreview(file.rel, planned.before, planned.after));
    });
    const answer = await ask({
      kind: 'select',
      id: 'fix',
      message: 'Use which fix?',
      choices: offered.map(({ fix, planned }) => ({ value: fix, name: `${fix} (${planned.plan.safety})${fix === plan?.fix ? ' — current' : ''}` })),
      default: plan?.fix,
    });
    const picked = offered.find((o) => o.fix === answer);
    if (picked && picked.fix !== plan?.fix) overrides.set(site.finding.fingerprint, picked.fix);
  }

  async function markLegitimate(file: FileState, site: ClassifiedSite, plan: SitePlan | null): Promise<void> {
    const category = (await ask({
      kind: 'select',
      id: 'category',
      message: 'Legitimate as which category?',
      choices: ALLOW_CATEGORIES.map((c) => ({ value: c, name: c, description: RULES.find((r) => r.verdict === 'legitimate' && r.produces === c)?.summary })),
    })) as AllowCategory;
    if (!ALLOW_CATEGORIES.includes(category)) {
      print(colors.yellow(`not a category: ${category}`));
      return;
    }
    const reason = oneLineReason(await ask({ kind: 'input', id: 'reason', message: 'Why is this sleep needed? (one line, for the next reader)', validate: validateReason }));
    const invalid = validateReason(reason);
    if (invalid) {
      print(colors.yellow(invalid));
      return;
    }
    const where = await ask({
      kind: 'select',
      id: 'allow-where',
      message: 'Record it where?',
      choices: [
        { value: 'entry', name: `an entry in ${allowlistName}` },
        { value: 'inline', name: `an inline \`# sleepless:allow ${category}\` comment above the sleep` },
      ],
    });
    const { finding } = site;
    if (where !== 'inline' && where !== 'entry') {
      print(colors.yellow(`not a place to record it: ${where}`));
      return;
    }
    if (where === 'inline') {
      if (file.scanned!.source.hasSyntaxErrors) {
        print(colors.red(`${file.rel}: the file has syntax errors, so sleepless does not edit it; record it in ${allowlistName} instead`));
        return;
      }
      const text = insertInlineAllow(file.scanned!.source.source, finding.line, category, reason);
      if (parseElixir(text).rootNode.hasError) {
        print(colors.red(`${file.rel}: a comment above line ${finding.line} would not parse there; record it in ${allowlistName} instead`));
        return;
      }
      if (!(await writeTestFile(file, text, record('allowlisted', site, plan?.fix ?? finding.fix, 'inline')))) return;
    } else {
      let change;
      try {
        change = await addAllowlistEntry(allowlistPath, allowlistName, { fingerprint: finding.fingerprint, category, reason });
      } catch (error) {
        print(colors.red(`${(error as Error).message}; nothing written`));
        return;
      }
      const decision = record('allowlisted', site, plan?.fix ?? finding.fix, 'entry');
      decisions.push(decision);
      changes.push({ path: change.path, before: change.before, after: change.after, decision, file });
      await rescan(file);
      await persist();
    }
    print(`${colors.green('allowlisted')} as ${category}${where === 'inline' ? ' (inline comment)' : ` in ${allowlistName}`}`);
    const still = file.scanned?.sites.find((s) => s.finding.fingerprint === finding.fingerprint && s.finding.verdict === 'problematic');
    if (still) settled.add(finding.fingerprint);
  }

  async function editThenApply(file: FileState, site: ClassifiedSite, plan: SitePlan): Promise<Applied> {
    const source = file.scanned!.source.source;
    const start = Math.min(...plan.edits.map((e) => e.start));
    const end = Math.max(...plan.edits.map((e) => e.end));
    const regionStart = source.lastIndexOf('\n', start - 1) + 1;
    const newline = source.indexOf('\n', end);
    const regionEnd = newline === -1 ? source.length : source[newline - 1] === '\r' ? newline - 1 : newline;
    const own = applyEdits(source, plan.edits).output;
    const proposed = own.slice(regionStart, regionEnd + (own.length - source.length));
    const result = editText(`${proposed.replace(/\r\n/g, '\n')}\n`, runEditor);
    if ('error' in result) {
      print(colors.yellow(result.error));
      return 'kept';
    }
    const edited = result.text.replace(/\r\n/g, '\n').replace(/\n$/, '');
    if (edited === proposed.replace(/\r\n/g, '\n')) return apply(file, site, plan, 'edited');
    if (edited === source.slice(regionStart, regionEnd).replace(/\r\n/g, '\n')) {
      print(colors.yellow('unchanged from the original code: nothing applied'));
      return 'kept';
    }
    // The edited lines replace the original ones whole; an empty edit removes them, line ending included.
    const removeLines = edited.trim() === '' && newline !== -1;
    const replacement: SitePlan = {
      ...plan,
      edits: [{ start: regionStart, end: removeLines ? newline + 1 : regionEnd, text: removeLines ? '' : edited, kind: 'replace', group: plan.group }],
      helpers: plan.helpers.filter((h) => new RegExp(`\\b${h}\\s*\\(`).test(edited)),
    };
    return apply(file, site, replacement, 'edited');
  }

  async function ensureHelpers(file: string, missing: readonly HelperName[]): Promise<boolean> {
    const project = helpers.for(file);
    const path = helpers.generatedPathFor(file);
    if (helpersAnswer === undefined) {
      const names = missing.map((h) => `${h}/3`).join(' and ');
      helpersAnswer = (await ask({
        kind: 'select',
        id: 'helpers',
        message: `This rewrite calls ${names}, which the project does not define. Write ${path} (${project.generatedModule}) and make mix.exs compile test/support?`,
        choices: [
          { value: 'yes', name: `yes, write ${path}` },
          { value: 'no', name: 'no: do not apply rewrites that need it' },
        ],
        default: 'yes',
      })) === 'yes' ? 'yes' : 'no';
    }
    if (helpersAnswer === 'no') {
      print(colors.yellow(`not applied: the rewrite needs ${missing.join(', ')}; choose another fix (c), edit it (e) or skip (s)`));
      return false;
    }
    if (missing.some((h) => !project.modules[h])) {
      for (const message of await helpers.setUp(file)) print(colors.dim(message));
    }
    return true;
  }

  // ---- undo ----------------------------------------------------------------------------------

  /** Puts back the last change written; returns the test file whose site it decided, or null. */
  async function undo(): Promise<FileState | null> {
    const change = changes.pop();
    if (!change) {
      print(colors.yellow('nothing to undo'));
      return null;
    }
    const name = relative(root, change.path);
    const now = await readFile(change.path).catch(() => null);
    if (!now || contentHash(now) !== contentHash(change.after)) {
      print(colors.red(`cannot undo: ${name} changed since sleepless wrote it; left as it is`));
      return null;
    }
    try {
      if (change.before === null) await unlink(change.path);
      else await writeFileAtomic(change.path, change.before, { expectedHash: contentHash(change.after), root: dirname(change.path) });
    } catch (error) {
      print(colors.red(`cannot undo: ${(error as Error).message}`));
      return null;
    }
    decisions.splice(decisions.indexOf(change.decision), 1);
    settled.delete(change.decision.fingerprint);
    // The person took a change back: f / k must not write it again the moment the site reappears.
    autoFiles.delete(change.file.rel);
    if (change.decision.fix) autoKinds.delete(change.decision.fix);
    if (change.path === change.file.abs) {
      if (change.before !== null) state.written[change.file.rel] = contentHash(change.before);
      if (change.before === change.file.pristine) change.file.pristine = null;
    }
    const { action, fix, rel, line } = change.decision;
    print(`${colors.green('undone')}: ${[action, fix].filter(Boolean).join(' ')} at ${rel}:${line}`);
    await rescan(change.file);
    await persist();
    return change.file;
  }

  // ---- files ---------------------------------------------------------------------------------

  async function rescan(file: FileState): Promise<void> {
    const { files: found } = await scan({ ...options.scan, paths: [file.abs], onProgress: undefined });
    file.scanned = found.find((f) => f.rel === file.rel) ?? null;
  }

  async function closeDirtyFiles(): Promise<void> {
    if (options.allowDirty) return;
    const dirty = await dirtyFiles(root);
    if (!dirty) return;
    for (const file of files) {
      if (!dirty.has(file.abs)) continue;
      // Changes an earlier session wrote, and nothing since, are sleepless's own: still reviewable with git.
      const own = state.written[file.rel];
      if (own && file.scanned && contentHash((file.scanned.bom ? '\uFEFF' : '') + file.scanned.source.source) === own) continue;
      file.closed = 'has uncommitted changes: left alone so that every rewrite can be reviewed and undone with git; commit or stash them first, or pass --allow-dirty';
      print(colors.yellow(`${file.rel}: ${file.closed}`));
    }
  }

  function verifyTarget(file: FileState): VerifyTarget {
    return { command: options.verifyCommand!, rel: file.rel, abs: file.abs, root };
  }

  /** --verify: before the first write to a file, run its tests once (the baseline and its time). */
  async function ensureBaseline(file: FileState): Promise<boolean> {
    if (!options.verifyCommand || file.baseline) return true;
    print(colors.dim(`--verify: running \`${verifyCommandFor(options.verifyCommand, file.rel)}\` before the first rewrite…`));
    const before = await verifyBaseline(verifyTarget(file), signal);
    if (signal?.aborted) return false;
    if (!before.passed) {
      file.closed = baselineFailedMessage(before);
      file.verify = { before, reverted: false };
      print(colors.red(`${file.rel}: ${file.closed}`));
      return false;
    }
    file.baseline = before;
    return true;
  }

  /** --verify: when the session moves on from a file it changed, run its tests; revert it if they fail. */
  async function leaveFile(file: FileState): Promise<void> {
    if (!options.verifyCommand || file.pristine === null || !file.baseline) return;
    const now = await readFile(file.abs, 'utf8');
    const hash = contentHash(now);
    if (now === file.pristine || hash === file.verifiedHash) return;
    if (signal?.aborted) {
      file.message = 'not verified: the session was interrupted';
      return;
    }
    print(colors.dim(`--verify: running \`${verifyCommandFor(options.verifyCommand, file.rel)}\`…`));
    const result = await verifyAfterRewrite(verifyTarget(file), file.pristine, now, file.baseline, signal);
    if (result.interrupted) {
      file.message = 'not verified: the session was interrupted';
      return;
    }
    file.verify = result.verify;
    file.verifiedHash = hash;
    if (result.verify.reverted) {
      for (const d of decisions) if (d.rel === file.rel && (d.action === 'applied' || d.how === 'inline')) d.reverted = true;
      for (let i = changes.length - 1; i >= 0; i--) if (changes[i]!.path === file.abs) changes.splice(i, 1);
      state.written[file.rel] = contentHash(file.pristine);
      file.pristine = null;
      file.baseline = undefined;
      file.verifiedHash = undefined;
      await rescan(file);
    }
    if (result.message) {
      file.message = result.message.split('\n')[0];
      print(colors.red(`${file.rel}: ${result.message}`));
    } else {
      print(`${colors.green('verified')} ${file.rel}: tests pass (${result.verify.before.ms} ms → ${result.verify.after!.ms} ms)`);
    }
  }

  function rotateToPosition(list: FileState[], at: Position | null): void {
    if (!at) return;
    const index = list.findIndex((f) => f.rel === at.file);
    if (index > 0) list.push(...list.splice(0, index));
  }

  async function persist(): Promise<void> {
    state.position = position;
    state.skipped = [...skipped.values()];
    await saveSession(root, state);
  }

  function unifiedPreview(rel: string, before: string, after: string): string {
    return unifiedDiff(rel, before, after, colors).trimEnd();
  }
}
