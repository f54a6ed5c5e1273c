// `fix --yes | --dry | --print`: the non-interactive run and its output.
import { runFix } from '../fix/run-fix.js';
import { fileLine, summaryLines } from '../fix/summary.js';
import { unifiedDiff } from '../fix/diff.js';
import { colorsFor } from '../report/colors.js';
import { DEFAULT_VERIFY_COMMAND } from '../verify/verify.js';
import type { ScanOptions } from '../scan/scan.js';
import type { FixArgs } from './commands/fix.js';
import { EXIT } from './run.js';

export async function runBatchFix(args: FixArgs, scanOptions: ScanOptions): Promise<number> {
  const out = colorsFor(process.stdout);
  const mode = args.dry ? 'dry' : args.print ? 'print' : 'write';
  const result = await runFix({
    scan: scanOptions,
    mode,
    includeReview: args.includeReview,
    transform: args.transform,
    timeouts: { minTimeout: args.minTimeout, timeoutFactor: args.timeoutFactor },
    verifyCommand: args.verify ? (args.verifyCmd ?? DEFAULT_VERIFY_COMMAND) : undefined,
    allowDirty: args.allowDirty,
    onFile: (outcome) => {
      if (mode === 'dry' && outcome.before !== undefined && outcome.after !== undefined) {
        process.stdout.write(`${unifiedDiff(outcome.rel, outcome.before, outcome.after, out)}\n`);
      } else if (mode === 'print' && outcome.after !== undefined) {
        process.stdout.write(outcome.after);
      } else if (mode === 'write' && !args.quiet) {
        process.stderr.write(`${fileLine(outcome, colorsFor(process.stderr))}\n`);
      }
    },
  });
  const err = colorsFor(process.stderr);
  for (const message of result.helperMessages) process.stderr.write(`${message}\n`);
  for (const e of result.report.errors) process.stderr.write(err.yellow(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`));
  process.stderr.write(`${summaryLines(result.files, err).join('\n')}\n`);
  return result.files.some((f) => f.status === 'error') ? EXIT.findings : EXIT.ok;
}
