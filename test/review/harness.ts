// Runs the review session on a copy of test/review/suite (a tiny Mix project whose tests sleep)
// with scripted answers: no terminal, no inquirer.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pc from 'picocolors';
import { runSession, type SessionOptions, type SessionResult } from '../../src/review/session.js';
import { sessionSummary } from '../../src/review/summary.js';
import type { Ask, Question } from '../../src/review/ask.js';
import { scan } from '../../src/scan/scan.js';
import type { Finding } from '../../src/finding.js';
import { makeRepo, type Repo } from '../helpers/git-repo.js';

export const SUITE = resolve(import.meta.dirname, 'suite');
export const COUNTER = 'test/counter_test.exs';
export const GAUGE = 'test/gauge_test.exs';

/** An answer, or a function that answers (and may act on the world first, e.g. edit a file). */
export type Answer = string | ((question: Question) => string);

export interface Script {
  ask: Ask;
  asked: Question[];
}

/** Answers questions in order; running out is a test failure, never a hang. */
export function scripted(answers: readonly Answer[]): Script {
  const queue = [...answers];
  const asked: Question[] = [];
  const ask: Ask = async (question) => {
    asked.push(question);
    const next = queue.shift();
    if (next === undefined) throw new Error(`the script ran out of answers at: ${questionText(question)}`);
    return typeof next === 'function' ? next(question) : next;
  };
  return { ask, asked };
}

export function questionText(question: Question): string {
  return question.kind === 'action' ? `action (${question.choices.map((c) => c.key).join('')})` : `${question.id}: ${question.message}`;
}

export interface Project {
  dir: string;
  /** A scratch directory beside the project (editor scripts, logs), removed with it. */
  scratch: string;
  repo?: Repo;
  read(rel: string): string;
  write(rel: string, text: string): void;
  exists(rel: string): boolean;
  findings(): Promise<Finding[]>;
  /** Files in the project whose names say they are temp files (none may survive a session). */
  tempFiles(): string[];
  cleanup(): void;
}

export function copySuite(options: { git?: boolean } = {}): Project {
  const repo = options.git ? makeRepo('sleepless-session-') : undefined;
  const dir = repo?.dir ?? mkdtempSync(join(tmpdir(), 'sleepless-session-'));
  const scratch = mkdtempSync(join(tmpdir(), 'sleepless-scratch-'));
  cpSync(SUITE, dir, { recursive: true });
  repo?.commitAll('the suite');
  return {
    dir,
    scratch,
    repo,
    read: (rel) => readFileSync(join(dir, rel), 'utf8'),
    write: (rel, text) => writeFileSync(join(dir, rel), text),
    exists: (rel) => existsSync(join(dir, rel)),
    findings: async () => (await scan({ root: dir })).report.findings,
    tempFiles: () => (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.tmp$|sleepless-\d/.test(f)),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export interface Run {
  result: SessionResult;
  output: string;
  summary: string;
  asked: Question[];
}

export async function session(project: Project, answers: readonly Answer[], options: Partial<SessionOptions> = {}): Promise<Run> {
  const script = scripted(answers);
  let output = '';
  const colors = pc.createColors(false);
  const result = await runSession({
    scan: { root: project.dir },
    timeouts: { minTimeout: 100, timeoutFactor: 5 },
    allowDirty: false,
    resume: false,
    ask: script.ask,
    print: (text) => void (output += `${text}\n`),
    colors,
    env: {},
    ...options,
  });
  return { result, output, summary: sessionSummary(result, colors).join('\n'), asked: script.asked };
}

/** The action keys offered at each step, in order (what the help line listed). */
export function offered(run: Run): string[] {
  return run.asked.filter((q) => q.kind === 'action').map((q) => (q.kind === 'action' ? q.choices.map((c) => c.key).join('') : ''));
}
