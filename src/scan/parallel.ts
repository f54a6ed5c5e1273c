// A report-only scan split over worker threads. The workers start as soon as discovery has found
// enough files to be worth them, and get the files as the walk finds them (scan/feed.ts), so their
// start-up (loading the parser and the rules again) overlaps the walk. Once the walk is done the
// main thread works too: every participant takes the next chunk of files from a shared counter (so
// a slow chunk never leaves the others idle), keeps only the findings (plain data), and drops its
// trees as it goes; the results are put back in file order, so the report is the serial one.
// Parsing and classifying dominate a large scan and both are per file, so two cores nearly halve
// it; for a few hundred files a worker's start-up costs more than it saves. Each thread reads the
// result cache itself (cache/result-cache.ts): a file whose answers still hold is read, hashed and
// never parsed; the main thread writes the next cache from every thread's outcomes.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { removableMs, type ClassifyEnv } from '../classify/classify.js';
import type { FileError } from '../finding.js';
import type { FileAnswers, ResultCache } from '../cache/result-cache.js';
import type { ModuleDependency } from '../project/module-index.js';
import { readSourceSync } from '../read/read-source.js';
import { claim, FileFeed, type FileTask } from './feed.js';
import { describeError, ownerOf, scanSource, type HowToScan } from './scan-file.js';
import { workerScript } from './worker-script.js';
import { eventLoopTurns } from './turn.js';

/** What one file gave, at its index in the feed: its part of the report, and what the result cache keeps of it. */
export interface FileOutcome extends FileAnswers {
  index: number;
  /** Absent for a file whose answers must not be kept (not read whole, or an error while scanning). */
  cache?: { hash: string; dependencies: ModuleDependency[]; reused: boolean };
}

export interface ScanSetup {
  root: string;
  allowlistFile: string | undefined;
  how: HowToScan;
  /** The result cache's key (cache/result-cache.ts); null: no cache. */
  cacheKey: string | null;
}

export interface WorkerInput extends ScanSetup {
  /** Int32Array [next file index, files done]. */
  shared: SharedArrayBuffer;
}

/** What the main thread posts to a worker: the next files discovery found, or the end of them. */
export type FeedMessage = { files: FileTask[] } | { end: true };

// worker_threads loads when the first worker starts (~4 ms that a small `check` never needs).
const require = createRequire(import.meta.url);

const CHUNK = 16;
/** Files found are posted to the workers this many at a time. */
const POST_BATCH = 256;
/** Below this many files a worker's start-up outweighs what it takes over. */
export const PARALLEL_MIN_FILES = 400;

/** Extra threads to start: SLEEPLESS_WORKERS overrides (0: none); by default one per spare core, at most 3. */
function workerCount(): { workers: number; forced: boolean } {
  // Only the CLI's launcher can start a worker (see worker-script.ts).
  if (!workerScript()) return { workers: 0, forced: false };
  const forced = process.env['SLEEPLESS_WORKERS'];
  if (forced !== undefined && /^\d+$/.test(forced)) return { workers: Number(forced), forced: true };
  return { workers: Math.max(0, Math.min(3, availableParallelism() - 1)), forced: false };
}

/** Takes chunks of the feed off the shared counter until none are left, letting the event loop turn between them. */
export async function scanShare(feed: FileFeed, shared: Int32Array, how: HowToScan, env: ClassifyEnv, cache: ResultCache | null, afterFile?: () => void): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const turn = eventLoopTurns();
  for (;;) {
    await turn();
    const { first, end } = await claim(feed, shared, CHUNK);
    if (first === end) return outcomes;
    for (let index = first; index < end; index++) {
      const outcome = scanOne(feed.files[index]!, index, how, env, cache);
      if (outcome) outcomes.push(outcome);
      Atomics.add(shared, 1, 1);
      afterFile?.();
    }
  }
}

/** One file: its cached answers when they still hold, else a scan that notes what it asked the project's modules. */
function scanOne(file: FileTask, index: number, how: HowToScan, env: ClassifyEnv, cache: ResultCache | null): FileOutcome | null {
  const errors: FileError[] = [];
  const outcome: FileOutcome = { index, findings: [], removableMs: [], owners: [], errors, matched: [] };
  // Only this file's matches: the cache keeps them per file, and the scan adds them up.
  env.matchedEntries.clear();
  try {
    const read = readSourceSync(file.abs, how.maxFileSize, cache !== null);
    if (read.kind === 'no_candidates') return null;
    if (read.kind === 'skipped') {
      errors.push({ file: file.rel, message: read.message });
      return outcome;
    }
    const reused = cache?.reuse(file.rel, read.hash!, env.modules);
    if (reused) return { ...reused.answers, index, cache: { hash: read.hash!, dependencies: reused.dependencies, reused: true } };
    const stopRecording = cache ? env.modules.recordDependencies() : null;
    const scanned = scanSource(read, file.abs, file.rel, how, env, errors);
    if (scanned) {
      outcome.findings = scanned.sites.map((s) => s.finding);
      outcome.removableMs = scanned.sites.map((s) => removableMs(s));
      outcome.owners = scanned.sites.map(ownerOf);
    }
    outcome.matched = [...env.matchedEntries].map((entry) => env.userSites.indexOf(entry));
    if (stopRecording) outcome.cache = { hash: read.hash!, dependencies: stopRecording(), reused: false };
    return outcome;
  } catch (error) {
    // Never cached: the next run tries this file again.
    errors.push({ file: file.rel, message: describeError(error) });
    return outcome;
  }
}

/**
 * A report-only scan of the files discovery finds (`add`), spread over worker threads once there
 * are enough of them; `finish` scans the rest on this thread too once the walk is done.
 */
export class ParallelScan {
  private readonly feed = new FileFeed();
  private readonly shared = new SharedArrayBuffer(8);
  private readonly counters = new Int32Array(this.shared);
  private readonly workers: number;
  /** Files found before the workers start: a forced count starts them at the first. */
  private readonly startAt: number;
  private threads: Worker[] = [];
  private results: Promise<FileOutcome[][]> = Promise.resolve([]);
  /** How many of the feed's files the workers have been sent. */
  private posted = 0;

  constructor(private readonly setup: ScanSetup) {
    const { workers, forced } = workerCount();
    this.workers = workers;
    this.startAt = forced ? 1 : PARALLEL_MIN_FILES;
  }

  /** A file discovery found. */
  add(file: FileTask): void {
    this.feed.push([file]);
    if (this.threads.length === 0 && this.workers > 0 && this.feed.files.length >= this.startAt) this.start();
    if (this.threads.length > 0 && this.feed.files.length - this.posted >= POST_BATCH) this.post();
  }

  private start(): void {
    const workerData: WorkerInput = { ...this.setup, shared: this.shared };
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    this.threads = Array.from({ length: this.workers }, () => new Worker(workerScript()!, { workerData }));
    const results = this.threads.map(
      (worker) =>
        new Promise<FileOutcome[]>((resolve, reject) => {
          worker.once('message', (outcomes: FileOutcome[]) => resolve(outcomes));
          worker.once('error', reject);
          worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`a scan worker stopped with exit code ${code}`))));
        }),
    );
    // Observed from the start, so a worker that fails while this thread is busy is not an unhandled rejection.
    this.results = Promise.all(results);
    this.results.catch(() => {});
  }

  private post(): void {
    if (this.posted === this.feed.files.length) return;
    const message: FeedMessage = { files: this.feed.files.slice(this.posted) };
    for (const thread of this.threads) thread.postMessage(message);
    this.posted = this.feed.files.length;
  }

  /**
   * Discovery is done: scans what is left on this thread too. Returns every participant's outcomes
   * in `rel` order (the report's).
   */
  async finish(env: ClassifyEnv, cache: ResultCache | null, onProgress?: (done: number, total: number) => void): Promise<FileOutcome[]> {
    this.post();
    const end: FeedMessage = { end: true };
    for (const thread of this.threads) thread.postMessage(end);
    this.feed.close();
    const total = this.feed.files.length;
    const report = () => onProgress?.(Atomics.load(this.counters, 1), total);
    try {
      const mine = await scanShare(this.feed, this.counters, this.setup.how, env, cache, onProgress ? report : undefined);
      // The workers may still be busy with their last chunks: keep the progress bar moving.
      const ticker = onProgress && this.threads.length > 0 ? setInterval(report, 100) : undefined;
      let theirs: FileOutcome[][];
      try {
        theirs = await this.results;
      } finally {
        if (ticker) clearInterval(ticker);
      }
      report();
      const files = this.feed.files;
      return [mine, ...theirs].flat().sort((a, b) => byCodeUnits(files[a.index]!.rel, files[b.index]!.rel));
    } finally {
      await this.stop();
    }
  }

  /** Ends the workers, finished or not. */
  async stop(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}

/** The order discovery sorts by (see discover.ts). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
