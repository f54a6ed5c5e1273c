// The CLI entry: yargs wires the commands; each command loads the engine it needs only when it runs,
// so `check` never loads what only the interactive session uses.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { scanCommand } from './commands/scan.js';
import { explainCommand } from './commands/explain.js';
import { checkCommand } from './commands/check.js';
import { baselineCommand } from './commands/baseline.js';
import { fixCommand } from './commands/fix.js';
import { initCommand } from './commands/init.js';

export async function main(argv: string[] = hideBin(process.argv)): Promise<void> {
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
    .strict()
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error, instance) => {
      if (error) throw error;
      process.stderr.write(`${instance.help()}\n\nsleepless: ${message}\n`);
      process.exit(2);
    })
    .help()
    .version()
    .parseAsync();
}
