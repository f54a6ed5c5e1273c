// A report-only scan split over worker threads. The main thread works too: every participant
// takes the next chunk of files from a shared counter (so a slow chunk never leaves the others
// idle), keeps only the findings (plain data), and drops its trees as it goes; the results are
// put back in file order, so the report is the serial one. Parsing and classifying dominate a
// large scan and both are per file, so two cores nearly halve it; for a few hundred files the
// start-up of a worker (loading the parser and the rules again) costs more than it saves.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ClassifyEnv } from '../classify/classify.js';
import type { FileError, Finding } from '../finding.js';
import { describeError, ownerOf, scanFile, type HowToScan } from './scan-file.js';
import { workerScript } from './worker-script.js';

export interface FileTask {
  abs: string;
  rel: string;
}

/** What one file gave: its findings (with loop iterations and owners) and its errors, at its index. */
export interface FileOutcome {
  index: number;
  findings: Finding[];
  iterations: number[];
  /** The test or function each finding's fingerprint was counted under (see baseline/content-key.ts). */
  owners: string[];
  errors: FileError[];
}

export interface ShareResult {
  outcomes: FileOutcome[];
  /** Indexes into the allowlist's site entries that matched a site. */
  matched: number[];
}

export interface WorkerInput {
  root: string;
  allowlistFile: string | undefined;
  how: HowToScan;
  files: FileTask[];
  /** Int32Array [next file index, files done]. */
  shared: SharedArrayBuffer;
}

const CHUNK = 16;
export const YIELD_MS = 20;
/** Below this many files a worker's start-up outweighs what it takes over. */
export const PARALLEL_MIN_FILES = 400;

/** Extra threads to start: SLEEPLESS_WORKERS overrides (0: none); by default one per spare core, at most 3. */
export function workerCount(files: number): number {
  // Only the CLI's launcher can start a worker (see worker-script.ts).
  if (!workerScript()) return 0;
  const forced = process.env['SLEEPLESS_WORKERS'];
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced);
  if (files < PARALLEL_MIN_FILES) return 0;
  return Math.max(0, Math.min(3, availableParallelism() - 1));
}

/**
 * Takes chunks of `files` off the shared counter until none are left. Between chunks it lets the
 * event loop turn: the native binding frees a dropped tree in a finalizer that runs only then,
 * so a loop that never yields keeps every tree it ever parsed.
 */
export async function scanShare(files: readonly FileTask[], shared: Int32Array, how: HowToScan, env: ClassifyEnv, afterFile?: () => void): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  let yielded = performance.now();
  for (;;) {
    if (performance.now() - yielded > YIELD_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      yielded = performance.now();
    }
    const first = Atomics.add(shared, 0, CHUNK);
    if (first >= files.length) return outcomes;
    for (let index = first; index < Math.min(first + CHUNK, files.length); index++) {
      const file = files[index]!;
      const errors: FileError[] = [];
      let findings: Finding[] = [];
      let iterations: number[] = [];
      let owners: string[] = [];
      try {
        const scanned = scanFile(file.abs, file.rel, how, env, errors);
        if (scanned) {
          findings = scanned.sites.map((s) => s.finding);
          iterations = scanned.sites.map((s) => s.iterations);
          owners = scanned.sites.map(ownerOf);
        }
      } catch (error) {
        errors.push({ file: file.rel, message: describeError(error) });
      }
      if (findings.length > 0 || errors.length > 0) outcomes.push({ index, findings, iterations, owners, errors });
      Atomics.add(shared, 1, 1);
      afterFile?.();
    }
  }
}

/**
 * Scans `files` with `workers` extra threads and this one. Returns the outcomes in file order and
 * the allowlist entries (indexes) that matched, from every participant.
 */
export async function scanParallel(
  input: Omit<WorkerInput, 'shared'>,
  env: ClassifyEnv,
  siteEntries: readonly unknown[],
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<ShareResult> {
  const shared = new SharedArrayBuffer(8);
  const counters = new Int32Array(shared);
  const total = input.files.length;
  const threads = Array.from({ length: workers }, () => new Worker(workerScript()!, { workerData: { ...input, shared } satisfies WorkerInput }));
  const results = threads.map(
    (worker) =>
      new Promise<ShareResult>((resolve, reject) => {
        worker.once('message', (result: ShareResult) => resolve(result));
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`a scan worker stopped with exit code ${code}`))));
      }),
  );
  // Observed from the start, so a worker that fails while this thread is busy is not an unhandled rejection.
  const all = Promise.all(results);
  all.catch(() => {});
  const report = () => onProgress?.(Atomics.load(counters, 1), total);
  const mine = await scanShare(input.files, counters, input.how, env, onProgress ? report : undefined);
  const mineMatched = [...env.matchedEntries].map((e) => siteEntries.indexOf(e));
  // The workers may still be busy with their last chunks: keep the progress bar moving.
  const ticker = onProgress ? setInterval(report, 100) : undefined;
  try {
    const theirs = await all;
    report();
    const outcomes = [mine, ...theirs.map((r) => r.outcomes)].flat().sort((a, b) => a.index - b.index);
    return { outcomes, matched: [...mineMatched, ...theirs.flatMap((r) => r.matched)] };
  } finally {
    if (ticker) clearInterval(ticker);
    await Promise.all(threads.map((t) => t.terminate()));
  }
}
