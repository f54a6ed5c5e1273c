import { join, relative, sep } from 'node:path';
import type { Report } from '../../finding.js';

/**
 * A finding's path as code-scanning and annotations want it: relative to `sourceRoot` (the
 * repository root, when the scanned root is a subdirectory of it), `/`-separated.
 */
export function pathFrom(report: Report, file: string, sourceRoot: string | undefined): string {
  if (!sourceRoot || sourceRoot === report.root) return file;
  const rel = relative(sourceRoot, join(report.root, file));
  return rel.startsWith('..') ? file : rel.split(sep).join('/');
}
