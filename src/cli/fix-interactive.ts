// The interactive review session (issue: "sleepless fix: the interactive rewrite session").
import { UsageError } from '../errors.js';
import type { ScanOptions } from '../scan/scan.js';
import type { FixArgs } from './commands/fix.js';

export async function runInteractiveFix(_args: FixArgs, _scan: ScanOptions): Promise<number> {
  throw new UsageError('the interactive session is not available yet; use --yes to apply the safe rewrites or --dry to preview them');
}
