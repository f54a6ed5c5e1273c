// One file through the pipeline: read + prefilter → parse → find sites → classify. Shared by the
// serial scan and by the worker threads of a parallel one (scan/parallel.ts).
import { readSourceSync, type ReadResult } from '../read/read-source.js';
import { firstSyntaxErrorLine, parseElixir, parseForReport } from '../parse/parser.js';
import { SourceFile } from '../context/source-file.js';
import { findSites } from '../sites/find-sites.js';
import { MAX_ANALYSED_DEPTH } from '../parse/depth.js';
import { classifyFile, type ClassifiedSite, type ClassifyEnv } from '../classify/classify.js';
import { compileVocabulary } from '../classify/vocabulary-index.js';
import { loadAllowlist, type Allowlist } from '../allowlist/allowlist.js';
import type { FileError } from '../finding.js';
import { ModuleIndex } from '../project/module-index.js';

/** A file that held at least one site, with what the transforms need to rewrite it. */
export interface ScannedFile {
  abs: string;
  rel: string;
  source: SourceFile;
  bom: boolean;
  sites: ClassifiedSite[];
  /** The project's module index the sites were classified with (the planner asks it again). */
  modules: ModuleIndex;
}

export interface HowToScan {
  maxFileSize: number;
  /** Parse skeletons (parse/skeleton.ts): the trees serve reports, never rewrites. */
  reportOnly: boolean;
}

export function classifyEnv(root: string, allowlistFile: string | undefined): { env: ClassifyEnv; allowlist: Allowlist } {
  const allowlist = loadAllowlist(root, allowlistFile);
  let vocabulary: ClassifyEnv['vocabulary'] | undefined;
  const env: ClassifyEnv = {
    // Compiled when a file is first classified: a run answered from the result cache needs none.
    get vocabulary() {
      return (vocabulary ??= compileVocabulary(allowlist));
    },
    userSites: allowlist.sites,
    matchedEntries: new Set(),
    modules: new ModuleIndex(root),
  };
  return { env, allowlist };
}

/** Scans one file; what goes wrong with it is pushed onto `errors` (an exception is the caller's). */
export function scanFile(abs: string, rel: string, how: HowToScan, env: ClassifyEnv, errors: FileError[]): ScannedFile | null {
  const read = readSourceSync(abs, how.maxFileSize);
  if (read.kind === 'no_candidates') return null;
  if (read.kind === 'skipped') {
    errors.push({ file: rel, message: read.message });
    return null;
  }
  return scanSource(read, abs, rel, how, env, errors);
}

/** `scanFile` after the read, for a file that passed the prefilter. */
export function scanSource(read: Extract<ReadResult, { kind: 'source' }>, abs: string, rel: string, how: HowToScan, env: ClassifyEnv, errors: FileError[]): ScannedFile | null {
  const { tree, leftOut } = how.reportOnly ? parseForReport(read.text) : { tree: parseElixir(read.text), leftOut: [] };
  const errorLine = firstSyntaxErrorLine(tree);
  if (errorLine !== null) {
    errors.push({ file: rel, line: errorLine, message: `syntax error near line ${errorLine}: sleeps in the parsable parts are reported, the file is never rewritten` });
  }
  const source = new SourceFile(rel, read.text, tree, errorLine !== null, leftOut);
  const found = findSites(read.text, tree);
  for (const line of found.tooDeep) {
    errors.push({ file: rel, line, message: `a candidate sleep nested more than ${MAX_ANALYSED_DEPTH} levels deep was not analysed` });
  }
  if (found.sites.length === 0) return null;
  const classified = classifyFile(source, found.sites, env, !how.reportOnly);
  errors.push(...classified.errors);
  return { abs, rel, source, bom: read.bom, sites: classified.sites, modules: env.modules };
}

/** The name a site's fingerprint is counted under: its test, else its function, else none. */
export function ownerOf(site: ClassifiedSite): string {
  return site.ctx.test ?? site.ctx.defName ?? '';
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied';
  if (code === 'ENOENT') return 'vanished while scanning';
  if (code === 'EISDIR') return 'is a directory';
  return `internal error while scanning: ${error instanceof Error ? error.message : String(error)}`;
}
