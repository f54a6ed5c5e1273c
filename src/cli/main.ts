// The CLI entry: yargs wires the commands; each command loads the engine it needs only when it runs,
// so `check` never loads what only the interactive session uses. Start-up counts (`check` runs on
// every push): no yargs/helpers (hideBin is a slice), and the version is read from our own
// package.json instead of yargs searching the directory tree for one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yargs from 'yargs';
import { packageRoot } from '../package-root.js';
import { scanCommand } from './commands/scan.js';
import { explainCommand } from './commands/explain.js';
import { checkCommand } from './commands/check.js';
import { baselineCommand } from './commands/baseline.js';
import { fixCommand } from './commands/fix.js';
import { initCommand } from './commands/init.js';

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  await yargs(argv)
    .scriptName('sleepless')
    .usage('$0 <command> [options]\n\nFinds Process.sleep in Elixir test suites, tells legitimate sleeps from flaky ones, and rewrites the flaky ones.')
    .command(scanCommand)
    .command(fixCommand)
    .command(initCommand)
    .command(explainCommand)
    .command(checkCommand)
    .command(baselineCommand)
    .demandCommand(1, 'Name a command: scan, fix, init, explain.')
    // What follows `--` is paths, even one that starts with a dash (see scanOptionsFrom). An array
    // option takes one value each time it is given: `--include 'spec/**' dir` scans `dir`, where
    // yargs would have read the path as a second glob and scanned the current directory.
    .parserConfiguration({ 'populate--': true, 'greedy-arrays': false })
    .strict()
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error, instance) => {
      if (error) throw error;
      process.stderr.write(`${instance.help()}\n\nsleepless: ${message}\n`);
      process.exit(2);
    })
    .help()
    .version(version())
    // yargs passes the instance as a second argument its typings do not declare.
    .middleware(skipHelpCache as unknown as (argv: object) => void)
    .parseAsync();
}

function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * yargs renders the whole help text of a command just after starting its handler, in case the
 * handler's promise rejects (ours never does: runCommand catches everything) — tens of ms of
 * string-width work on every run. Help that is asked for is still rendered when asked.
 */
function skipHelpCache(_argv: unknown, instance: unknown): void {
  const usage = (instance as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}
