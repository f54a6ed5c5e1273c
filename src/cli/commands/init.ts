import type { Argv, CommandModule } from 'yargs';
import { resolve } from 'node:path';
import { runCommand, EXIT } from '../run.js';

interface Args {
  root?: string;
}

export const initCommand: CommandModule<object, Args> = {
  command: 'init [root]',
  describe: 'add wait_for/3 and poll_with_timeout/3 under test/support, compile test/support in mix.exs, create sleepless.allowlist.json',
  builder: (yargs: Argv) =>
    yargs.positional('root', { type: 'string', describe: 'the Mix project (default: the current directory)' }).example('$0 init', 'set up the current Mix project') as unknown as Argv<Args>,
  handler: (args) =>
    runCommand(async () => {
      const { initProject } = await import('../../helpers/init.js');
      const result = await initProject(resolve(args.root ?? '.'));
      process.stdout.write(`${result.messages.join('\n')}\n`);
      return EXIT.ok;
    }),
};
