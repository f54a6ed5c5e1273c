import type { Argv, CommandModule } from 'yargs';
import { withCacheOption, withScanOptions, scanOptionsFrom, type ScanArgs } from '../shared-options.js';
import { REPORTER_NAMES, type ReporterName } from '../../report/reporters/index.js';
import { EXIT, runCommand } from '../run.js';
import { UsageError } from '../../errors.js';

interface Args extends ScanArgs {
  format: ReporterName;
  failOnProblematic: boolean;
  diff: boolean;
  quiet: boolean;
}

export const scanCommand: CommandModule<object, Args> = {
  command: 'scan [paths..]',
  describe: 'report every sleep: legitimate or problematic, why, and the fix',
  builder: (yargs: Argv) =>
    withCacheOption(withScanOptions(yargs))
      .option('format', { alias: 'f', choices: REPORTER_NAMES, default: 'text' as ReporterName, describe: 'output format' })
      .option('fail-on-problematic', { type: 'boolean', default: false, describe: 'exit 1 when any problematic sleep is found' })
      .option('diff', { type: 'boolean', default: false, describe: 'after the report, show the proposed rewrites as unified diffs (text format only)' })
      .example('$0 scan', 'scan the test suite under the current directory')
      .example('$0 scan fixtures/sample_app --format json', 'the JSON report for one project')
      .example('$0 scan --diff test/cache_test.exs', 'the report, then the rewrite proposed for each problematic sleep') as unknown as Argv<Args>,
  handler: (args) =>
    runCommand(async () => {
      const [{ scan }, { REPORTERS }, { colorsFor }, { progressReporter }] = await Promise.all([
        import('../../scan/scan.js'),
        import('../../report/reporters/index.js'),
        import('../../report/colors.js'),
        import('../progress.js'),
      ]);
      const progress = await progressReporter(args.quiet);
      const result = await scan({ ...scanOptionsFrom(args), onProgress: progress.onProgress, reportOnlyParallel: true });
      progress.stop();
      process.stdout.write(REPORTERS[args.format](result.report, { colors: colorsFor(process.stdout), command: 'scan' }));
      if (args.diff) {
        if (args.format !== 'text') throw new UsageError('--diff goes with the text format: drop --format or --diff');
        const { proposedRewrites } = await import('../scan-diff.js');
        process.stdout.write(await proposedRewrites(scanOptionsFrom(args)));
      }
      return args.failOnProblematic && result.report.summary.problematic > 0 ? EXIT.findings : EXIT.ok;
    }),
};
