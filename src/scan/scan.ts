// The scan pipeline: discover → read + prefilter → parse → find sites → classify → report data.
// Pure data in, data out: printing and exit codes belong to the CLI.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { discover } from '../discover/discover.js';
import { DEFAULT_MAX_FILE_SIZE } from '../read/read-source.js';
import type { SiteEntry } from '../allowlist/allowlist.js';
import type { FileError, Finding, Report } from '../finding.js';
import { summarize } from '../report/summary.js';
import { classifyEnv, describeError, ownerOf, scanFile, type HowToScan, type ScannedFile } from './scan-file.js';
import { removableMs } from '../classify/classify.js';
import { ParallelScan, type FileOutcome } from './parallel.js';
import { cacheKey, ResultCache, type Remembered } from '../cache/result-cache.js';
import { eventLoopTurns } from './turn.js';

export type { ScannedFile } from './scan-file.js';

export interface ScanOptions {
  root: string;
  paths?: string[];
  include?: string[];
  exclude?: string[];
  gitignore?: boolean;
  maxFileSize?: number;
  /** Scan only the files under `paths` that this accepts (by path relative to the root). */
  only?: (rel: string) => boolean;
  allowlistFile?: string;
  onProgress?: (done: number, total: number) => void;
  /**
   * The caller uses the report and the site contexts but never rewrites (scan, check, baseline):
   * test bodies that hold no candidate may then be left out of the parse, several times faster
   * (parse/skeleton.ts). `fix` needs whole trees and leaves this off.
   */
  reportOnly?: boolean;
  /**
   * The caller uses `report`, `sites` and `scanned` only (scan, check, baseline): a large scan may
   * then be spread over worker threads (scan/parallel.ts), and `files` comes back empty.
   */
  reportOnlyParallel?: boolean;
  /**
   * With `reportOnlyParallel`: reuse and update the answers kept in .sleepless/cache
   * (cache/result-cache.ts) for files whose bytes and module questions are unchanged.
   */
  cache?: boolean;
}

/** Every finding with what a baseline needs of its site, in report order. */
export interface ScannedSite {
  finding: Finding;
  /** The test or function its fingerprint was counted under ('' for none). */
  owner: string;
  /** The sleeping its fix would save per test run (classify.ts removableMs). */
  removableMs: number;
}

export interface ScanResult {
  report: Report;
  sites: ScannedSite[];
  /** Files with sites, with trees and contexts; empty when `reportOnlyParallel` was given. */
  files: ScannedFile[];
  /** Every file scanned (relative to the root, sorted), with or without sites: what a baseline's scope is. */
  scanned: string[];
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const root = resolve(options.root);
  const paths = (options.paths?.length ? options.paths : [root]).map((p) => (isAbsolute(p) ? p : resolve(root, p)));
  const coverage = coverageOf(root, paths, options.only);
  const { env, allowlist } = classifyEnv(root, options.allowlistFile);
  const how: HowToScan = { maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, reportOnly: !!(options.reportOnly || options.reportOnlyParallel) };
  const key = options.reportOnlyParallel && options.cache ? cacheKey(root, allowlist, how.maxFileSize) : null;
  // Workers, if any, start while the walk goes on and get its files as it finds them.
  const parallel = options.reportOnlyParallel ? new ParallelScan({ root, allowlistFile: options.allowlistFile, how, cacheKey: key }) : null;
  let discovered;
  try {
    discovered = discover({ root, paths, include: options.include, exclude: options.exclude, gitignore: options.gitignore ?? true, only: options.only, onFile: parallel ? (file) => parallel.add(file) : undefined });
  } catch (error) {
    await parallel?.stop();
    throw error;
  }

  const errors: FileError[] = discovered.problems.map((p) => ({ file: p.path, message: p.message }));
  const files: ScannedFile[] = [];
  const sites: ScannedSite[] = [];
  let matched = env.matchedEntries;

  if (parallel) {
    const cache = key === null ? null : ResultCache.load(root, key);
    const outcomes = await parallel.finish(env, cache, options.onProgress);
    matched = new Set();
    for (const outcome of outcomes) {
      errors.push(...outcome.errors);
      outcome.findings.forEach((finding, i) => sites.push({ finding, owner: outcome.owners[i] ?? '', removableMs: outcome.removableMs[i] ?? 0 }));
      for (const i of outcome.matched) matched.add(allowlist.sites[i]!);
    }
    await cache?.save(root, remembered(outcomes, discovered.files), coverage.covers);
  } else {
    let done = 0;
    const turn = eventLoopTurns();
    for (const file of discovered.files) {
      try {
        const scanned = scanFile(file.abs, file.rel, how, env, errors);
        if (scanned) {
          files.push(scanned);
          for (const site of scanned.sites) sites.push({ finding: site.finding, owner: ownerOf(site), removableMs: removableMs(site) });
        }
      } catch (error) {
        errors.push({ file: file.rel, message: describeError(error) });
      }
      options.onProgress?.(++done, discovered.files.length);
      await turn();
    }
  }

  errors.push(...staleEntries(allowlist.sites, matched, allowlist.userFile, coverage));
  const findings = sites.map((s) => s.finding);
  const removable = new Map(sites.map((s) => [s.finding, s.removableMs]));
  return {
    report: {
      version: 1,
      root,
      files_scanned: discovered.files.length,
      findings,
      summary: summarize(findings, (f) => removable.get(f) ?? 0),
      errors,
    },
    sites,
    files,
    scanned: discovered.files.map((f) => f.rel),
  };
}

/** What the cache keeps of this scan: each file whose answers may be reused. */
function remembered(outcomes: readonly FileOutcome[], files: readonly { rel: string }[]): Remembered[] {
  return outcomes.flatMap(({ cache, index, findings, removableMs, owners, errors, matched }) =>
    cache ? [{ rel: files[index]!.rel, ...cache, answers: { findings, removableMs, owners, errors, matched } }] : [],
  );
}

/** The files a scan speaks for: those under its paths that its `only` accepts. */
interface Coverage {
  /** The whole project: no paths narrower than the root, no `only`. */
  whole: boolean;
  covers(rel: string): boolean;
}

function coverageOf(root: string, paths: readonly string[], only: ((rel: string) => boolean) | undefined): Coverage {
  const rels = paths.map((p) => relative(root, p).split(sep).join('/'));
  const under = (rel: string) => rels.some((path) => path === '' || rel === path || rel.startsWith(`${path}/`));
  return { whole: !only && rels.includes(''), covers: (rel) => under(rel) && (!only || only(rel)) };
}

function staleEntries(entries: readonly SiteEntry[], matched: Set<SiteEntry>, file: string | null, coverage: Coverage): FileError[] {
  if (!file) return [];
  // A scan of some files cannot tell that an entry for another matches nothing; an entry that
  // names no file (a bare fingerprint) could be for any, so only a whole-project scan judges it.
  const looked = (entry: SiteEntry) => coverage.whole || (entry.file !== undefined && coverage.covers(entry.file));
  return entries
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => !matched.has(entry) && looked(entry))
    .map(({ entry, index }) => ({
      file,
      message: `stale entry sites[${index}] (${entry.fingerprint ?? `${entry.file} ${entry.call}`}) matches no sleep: remove it`,
    }));
}
