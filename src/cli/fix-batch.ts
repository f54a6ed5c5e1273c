// `fix --yes | --dry | --print`: the non-interactive run and its output.
// Ctrl-C / SIGTERM stop the run at the next safe point (never inside a write: writes are atomic and
// the current one finishes), then the summary of what was applied is printed and the exit code is
// 130 / 143. A second signal exits at once; temp files, the lock and a --verify test run are
// cleaned up on exit (src/write/atomic-write.ts, src/fix/lock.ts, src/verify/verify.ts).
import { runFix, type StopSignal } from '../fix/run-fix.js';
import { fileLine, summaryLines } from '../fix/summary.js';
import { unifiedDiff } from '../fix/diff.js';
import { colorsFor } from '../report/colors.js';
import { DEFAULT_VERIFY_COMMAND } from '../verify/verify.js';
import type { ScanOptions } from '../scan/scan.js';
import type { FixArgs } from './commands/fix.js';
import { EXIT } from './run.js';

const STOP_EXIT: Record<StopSignal, number> = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated };

export async function runBatchFix(args: FixArgs, scanOptions: ScanOptions): Promise<number> {
  const out = colorsFor(process.stdout);
  const err = colorsFor(process.stderr);
  const mode = args.dry ? 'dry' : args.print ? 'print' : 'write';
  const controller = new AbortController();
  const onSignal = (name: StopSignal) => () => {
    if (controller.signal.aborted) process.exit(STOP_EXIT[name]);
    controller.abort(name);
    process.stderr.write(err.yellow(`${name === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'}: stopping after the current file (again to stop at once)\n`));
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    const result = await runFix({
      scan: scanOptions,
      mode,
      includeReview: args.includeReview,
      transform: args.transform,
      timeouts: { minTimeout: args.minTimeout, timeoutFactor: args.timeoutFactor },
      verifyCommand: args.verify ? (args.verifyCmd ?? DEFAULT_VERIFY_COMMAND) : undefined,
      allowDirty: args.allowDirty,
      signal: controller.signal,
      onFile: (outcome) => {
        if (mode === 'dry' && outcome.before !== undefined && outcome.after !== undefined) {
          process.stdout.write(`${unifiedDiff(outcome.rel, outcome.before, outcome.after, out)}\n`);
        } else if (mode === 'print' && outcome.after !== undefined) {
          process.stdout.write(outcome.after);
        } else if (mode === 'write' && !args.quiet) {
          process.stderr.write(`${fileLine(outcome, err)}\n`);
        }
        // A preview says why a sleep it leaves alone would stay, as a write does (on stderr: the diff
        // or the file printed stays clean).
        if (mode !== 'write' && !args.quiet && (outcome.message !== undefined || outcome.skipped.some((s) => !s.heldForReview))) {
          process.stderr.write(`${fileLine(outcome, err)}\n`);
        }
      },
    });
    for (const message of result.helperMessages) process.stderr.write(`${message}\n`);
    for (const e of result.report.errors) process.stderr.write(err.yellow(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`));
    process.stderr.write(`${summaryLines(result.files, err, mode === 'dry').join('\n')}\n`);
    if (result.stop) {
      const left = result.notProcessed.length;
      const written = mode === 'write' ? 'every file marked ok above is written in full, no other file was touched' : 'nothing was written';
      process.stderr.write(
        err.yellow(`${result.stop === 'SIGINT' ? 'interrupted (Ctrl-C)' : 'terminated (SIGTERM)'}: ${written}; ${left} ${left === 1 ? 'file' : 'files'} with sleeps not looked at (run again to continue)\n`),
      );
      return STOP_EXIT[result.stop];
    }
    return result.files.some((f) => f.status === 'error') ? EXIT.findings : EXIT.ok;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
