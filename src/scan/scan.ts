// The scan pipeline: discover → read + prefilter → parse → find sites → classify → report data.
// Pure data in, data out: printing and exit codes belong to the CLI.
import { isAbsolute, resolve } from 'node:path';
import { discover } from '../discover/discover.js';
import { readSource, DEFAULT_MAX_FILE_SIZE } from '../read/read-source.js';
import { firstSyntaxErrorLine, parseElixir } from '../parse/parser.js';
import { SourceFile } from '../context/source-file.js';
import { findSites } from '../sites/find-sites.js';
import { MAX_ANALYSED_DEPTH } from '../parse/depth.js';
import { classifyFile, type ClassifiedSite, type ClassifyEnv } from '../classify/classify.js';
import { compileVocabulary } from '../classify/vocabulary-index.js';
import { loadAllowlist, type SiteEntry } from '../allowlist/allowlist.js';
import type { FileError, Report } from '../finding.js';
import { summarize } from '../report/summary.js';
import { ModuleIndex } from '../project/module-index.js';

export interface ScanOptions {
  root: string;
  paths?: string[];
  include?: string[];
  exclude?: string[];
  gitignore?: boolean;
  maxFileSize?: number;
  allowlistFile?: string;
  onProgress?: (done: number, total: number) => void;
}

/** A file that held at least one site, with what the transforms need to rewrite it. */
export interface ScannedFile {
  abs: string;
  rel: string;
  source: SourceFile;
  bom: boolean;
  sites: ClassifiedSite[];
}

export interface ScanResult {
  report: Report;
  files: ScannedFile[];
  /** Every file scanned (relative to the root, sorted), with or without sites: what a baseline's scope is. */
  scanned: string[];
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const root = resolve(options.root);
  const paths = (options.paths?.length ? options.paths : [root]).map((p) => (isAbsolute(p) ? p : resolve(root, p)));
  const allowlist = loadAllowlist(root, options.allowlistFile);
  const env: ClassifyEnv = { vocabulary: compileVocabulary(allowlist), userSites: allowlist.sites, matchedEntries: new Set(), modules: new ModuleIndex(root) };
  const discovered = await discover({ root, paths, include: options.include, exclude: options.exclude, gitignore: options.gitignore ?? true });

  const errors: FileError[] = discovered.problems.map((p) => ({ file: p.path, message: p.message }));
  const files: ScannedFile[] = [];
  let done = 0;
  for (const file of discovered.files) {
    try {
      const scanned = await scanFile(file.abs, file.rel, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, env, errors);
      if (scanned) files.push(scanned);
    } catch (error) {
      errors.push({ file: file.rel, message: describeError(error) });
    }
    options.onProgress?.(++done, discovered.files.length);
  }

  errors.push(...staleEntries(allowlist.sites, env.matchedEntries, allowlist.userFile));
  const sites = files.flatMap((f) => f.sites);
  const iterations = new Map(sites.map((s) => [s.finding, s.iterations]));
  const findings = sites.map((s) => s.finding);
  return {
    report: {
      version: 1,
      root,
      files_scanned: discovered.files.length,
      findings,
      summary: summarize(findings, (f) => iterations.get(f) ?? 1),
      errors,
    },
    files,
    scanned: discovered.files.map((f) => f.rel),
  };
}

async function scanFile(abs: string, rel: string, maxFileSize: number, env: ClassifyEnv, errors: FileError[]): Promise<ScannedFile | null> {
  const read = await readSource(abs, maxFileSize);
  if (read.kind === 'no_candidates') return null;
  if (read.kind === 'skipped') {
    errors.push({ file: rel, message: read.message });
    return null;
  }
  const tree = parseElixir(read.text);
  const errorLine = firstSyntaxErrorLine(tree);
  if (errorLine !== null) {
    errors.push({ file: rel, line: errorLine, message: `syntax error near line ${errorLine}: sleeps in the parsable parts are reported, the file is never rewritten` });
  }
  const source = new SourceFile(rel, read.text, tree, errorLine !== null);
  const found = findSites(read.text, tree);
  for (const line of found.tooDeep) {
    errors.push({ file: rel, line, message: `a candidate sleep nested more than ${MAX_ANALYSED_DEPTH} levels deep was not analysed` });
  }
  if (found.sites.length === 0) return null;
  const classified = classifyFile(source, found.sites, env);
  errors.push(...classified.errors);
  return { abs, rel, source, bom: read.bom, sites: classified.sites };
}

function staleEntries(entries: readonly SiteEntry[], matched: Set<SiteEntry>, file: string | null): FileError[] {
  if (!file) return [];
  return entries
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => !matched.has(entry))
    .map(({ entry, index }) => ({
      file,
      message: `stale entry sites[${index}] (${entry.fingerprint ?? `${entry.file} ${entry.call}`}) matches no sleep: remove it`,
    }));
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied';
  if (code === 'ENOENT') return 'vanished while scanning';
  if (code === 'EISDIR') return 'is a directory';
  return `internal error while scanning: ${error instanceof Error ? error.message : String(error)}`;
}
