// `sleepless fix` on a terminal: the interactive review session (src/review/session.ts) with the
// inquirer prompts, Ctrl-C / SIGTERM turned into a clean stop, and the closing summary.
import { UsageError } from '../errors.js';
import { isFixKind } from '../vocabulary.js';
import { colorsFor } from '../report/colors.js';
import { DEFAULT_VERIFY_COMMAND } from '../verify/verify.js';
import type { ScanOptions } from '../scan/scan.js';
import type { FixArgs } from './commands/fix.js';
import { EXIT } from './run.js';

export async function runInteractiveFix(args: FixArgs, scanOptions: ScanOptions): Promise<number> {
  if (args.transform !== undefined && !isFixKind(args.transform)) {
    throw new UsageError(`-t ${args.transform}: the session reviews the built-in rewrites site by site; run your own transform with --dry to preview it or --yes to apply it`);
  }
  const [{ runSession }, { terminalAsk }, { sessionSummary }] = await Promise.all([
    import('../review/session.js'),
    import('../review/terminal-ask.js'),
    import('../review/summary.js'),
  ]);

  // A signal stops the session at the next safe point (never in the middle of a write). A second
  // one while something hangs exits at once: writes are atomic, and temp files, the lock and a
  // --verify run are cleaned up on exit (src/write/atomic-write.ts, src/fix/lock.ts, src/verify).
  // Ctrl-C inside a prompt is a keypress, not a signal: terminal-ask.ts turns it into the same stop.
  const controller = new AbortController();
  const onSignal = (name: 'SIGINT' | 'SIGTERM') => () => {
    if (controller.signal.aborted) process.exit(name === 'SIGINT' ? EXIT.interrupted : EXIT.terminated);
    controller.abort(name);
    process.stderr.write(`${name === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'}: stopping at the next safe point (again to stop at once)\n`);
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    const out = colorsFor(process.stdout);
    const result = await runSession({
      scan: scanOptions,
      timeouts: { minTimeout: args.minTimeout, timeoutFactor: args.timeoutFactor },
      only: args.transform !== undefined && isFixKind(args.transform) ? args.transform : undefined,
      verifyCommand: args.verify ? (args.verifyCmd ?? DEFAULT_VERIFY_COMMAND) : undefined,
      allowDirty: args.allowDirty,
      resume: args.resume,
      ask: terminalAsk(controller.signal),
      print: (text) => process.stdout.write(`${text}\n`),
      colors: out,
      signal: controller.signal,
    });
    process.stdout.write(`\n${sessionSummary(result, out).join('\n')}\n`);
    if (result.stop === 'SIGINT') return EXIT.interrupted;
    if (result.stop === 'SIGTERM') return EXIT.terminated;
    // As with `fix --yes --verify`: a rewrite whose tests failed (reverted or not) is a failure to report.
    return result.files.some((f) => f.verify?.after && !f.verify.after.passed) ? EXIT.findings : EXIT.ok;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
