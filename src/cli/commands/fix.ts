import type { Argv, CommandModule } from 'yargs';
import { withScanOptions, scanOptionsFrom, type ScanArgs } from '../shared-options.js';
import { runCommand } from '../run.js';
import { UsageError } from '../../errors.js';

export interface FixArgs extends ScanArgs {
  yes: boolean;
  dry: boolean;
  print: boolean;
  includeReview: boolean;
  transform?: string;
  minTimeout: number;
  timeoutFactor: number;
  verify: boolean;
  verifyCmd?: string;
  allowDirty: boolean;
  resume: boolean;
  quiet: boolean;
}

export const fixCommand: CommandModule<object, FixArgs> = {
  command: 'fix [paths..]',
  describe: 'rewrite problematic sleeps: interactively on a terminal, or --yes / --dry / --print',
  builder: (yargs: Argv) =>
    withScanOptions(yargs)
      .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'apply every safe rewrite without asking' })
      .option('include-review', { type: 'boolean', default: false, describe: 'with --yes/--dry/--print: also apply rewrites marked review' })
      .option('dry', { type: 'boolean', default: false, describe: 'print unified diffs of the rewrites; write nothing' })
      .option('print', { type: 'boolean', default: false, describe: 'print each rewritten file; write nothing' })
      .option('transform', { alias: 't', type: 'string', describe: 'only this fix kind (e.g. wait_for), or a path to your own transform module (.js/.mjs)' })
      .option('min-timeout', { type: 'number', default: 100, describe: 'lowest timeout a rewrite waits, in ms (ExUnit default: 100)' })
      .option('timeout-factor', { type: 'number', default: 5, describe: 'a rewrite waits at most this many times the old sleep' })
      .option('verify', { type: 'boolean', default: false, describe: 'run each rewritten test file and revert it if it fails' })
      .option('verify-cmd', { type: 'string', describe: 'command that runs one test file; {file} is replaced (default: mix test {file})' })
      .option('allow-dirty', { type: 'boolean', default: false, describe: 'also rewrite files with uncommitted changes' })
      .option('resume', { type: 'boolean', default: false, describe: 'continue the last interactive session where it stopped' })
      .example('$0 fix', 'review each problematic sleep interactively')
      .example('$0 fix --yes --verify', 'apply the safe rewrites, run each changed test file, revert failures')
      .example('$0 fix --dry -t wait_for test/cache_test.exs', 'preview the wait_for rewrites of one file') as unknown as Argv<FixArgs>,
  handler: (args) =>
    runCommand(async () => {
      contradictions(args);
      if (!(args.minTimeout > 0) || !(args.timeoutFactor >= 1)) throw new UsageError('--min-timeout must be positive and --timeout-factor at least 1');
      if (args.yes || args.dry || args.print) {
        const { runBatchFix } = await import('../fix-batch.js');
        return runBatchFix(args, scanOptionsFrom(args));
      }
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        throw new UsageError('fix needs a terminal for the interactive session; use --yes to apply the safe rewrites or --dry to preview them');
      }
      const { runInteractiveFix } = await import('../fix-interactive.js');
      return runInteractiveFix(args, scanOptionsFrom(args));
    }),
};

/** Flags that contradict each other, or do nothing in the mode chosen: exit 2 rather than guess. */
function contradictions(args: FixArgs): void {
  const batch = args.yes || args.dry || args.print;
  if (args.dry && args.print) throw new UsageError('--dry and --print are alternatives: pick one');
  if (args.yes && (args.dry || args.print)) throw new UsageError(`--yes writes the rewrites and --${args.dry ? 'dry' : 'print'} writes nothing: pick one`);
  if ((args.dry || args.print) && args.verify) throw new UsageError('--verify runs the rewritten tests, so it needs the files written: drop --dry/--print');
  if (args.verifyCmd !== undefined && !args.verify) throw new UsageError('--verify-cmd sets the command that --verify runs: add --verify, or drop --verify-cmd');
  if (args.resume && batch) throw new UsageError('--resume continues an interactive session: drop --yes/--dry/--print');
  if (args.includeReview && !batch) throw new UsageError('--include-review is for --yes/--dry/--print: the interactive session asks about each rewrite marked review');
}
