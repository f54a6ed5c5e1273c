import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { withCacheOption, withScanOptions, scanOptionsFrom, type ScanArgs } from '../shared-options.js';
import { EXIT, runCommand } from '../run.js';

interface Args extends ScanArgs {
  baseline?: string;
  update: boolean;
  quiet: boolean;
}

export const baselineCommand: CommandModule<object, Args> = {
  command: 'baseline [paths..]',
  describe: 'write sleepless-baseline.json: the problematic sleeps `check` lets pass until they are fixed',
  builder: (yargs: Argv) =>
    withCacheOption(withScanOptions(yargs))
      .option('baseline', { type: 'string', describe: 'the baseline file to write (default: <root>/sleepless-baseline.json)' })
      .option('update', {
        type: 'boolean',
        default: false,
        describe: 'only remove entries that match no sleep any more; add nothing (new sleeps keep failing `check`)',
      })
      .example('$0 baseline', 'record every current problematic sleep; commit the file, then `sleepless check` fails only on new ones')
      .example('$0 baseline --update', 'after fixing sleeps: drop their entries, keep the rest, add nothing')
      .example('$0 baseline test/legacy', 'rewrite the entries under test/legacy only; entries for other files are kept') as unknown as Argv<Args>,
  handler: (args) =>
    runCommand(async () => {
      const [{ writeBaselineFor }, { progressReporter }] = await Promise.all([import('../../check/write-baseline.js'), import('../progress.js')]);
      const progress = await progressReporter(args.quiet);
      const result = await writeBaselineFor({
        ...scanOptionsFrom(args),
        onProgress: progress.onProgress,
        reportOnlyParallel: true,
        baselineFile: args.baseline ? resolve(args.baseline) : undefined,
        update: args.update,
      });
      progress.stop();
      for (const e of result.errors) process.stderr.write(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
      const entries = `${result.entries} ${result.entries === 1 ? 'entry' : 'entries'}`;
      const changes = [
        ...(args.update ? [] : [`${result.added.length} added`]),
        `${result.removed.length} removed as fixed`,
        ...(result.notAdded > 0 ? [`${result.notAdded} new problematic ${result.notAdded === 1 ? 'sleep' : 'sleeps'} not added: \`sleepless check\` fails on them`] : []),
      ];
      process.stdout.write(`${args.update ? 'updated' : 'wrote'} ${result.display}: ${entries} (${changes.join(', ')})\n`);
      return EXIT.ok;
    }),
};
