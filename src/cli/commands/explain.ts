import type { Argv, CommandModule } from 'yargs';
import { runCommand, EXIT } from '../run.js';
import { UsageError } from '../../errors.js';

interface Args {
  rule?: string;
}

export const explainCommand: CommandModule<object, Args> = {
  command: 'explain [rule]',
  describe: 'list the classification rules, or explain one (by rule id, category or fix kind) with an example',
  builder: (yargs: Argv) =>
    yargs
      .positional('rule', { type: 'string', describe: 'a rule id (sync-barrier), a category (ttl) or a fix kind (wait_for)' })
      .example('$0 explain', 'list every rule')
      .example('$0 explain sync-barrier', 'why and how a cast is followed by :sys.get_state/1') as unknown as Argv<Args>,
  handler: (args) =>
    runCommand(async () => {
      const { RULES, findRule } = await import('../../classify/rules/index.js');
      if (!args.rule) {
        const width = Math.max(...RULES.map((r) => r.id.length));
        const lines = RULES.map((r) => `${r.id.padEnd(width)}  ${r.verdict.padEnd(11)} ${String(r.produces).padEnd(17)} ${r.summary}`);
        process.stdout.write(`${lines.join('\n')}\n\nsleepless explain RULE prints one rule with an example.\n`);
        return EXIT.ok;
      }
      const rule = findRule(args.rule);
      if (!rule) throw new UsageError(`no rule, category or fix kind named “${args.rule}”; run \`sleepless explain\` for the list`);
      const indent = (text: string) => text.split('\n').map((l) => `    ${l}`).join('\n');
      process.stdout.write(
        `${rule.id} (${rule.verdict}: ${rule.produces})\n\n${rule.summary}.\n\n${wrap(rule.explanation)}\n\nBefore:\n${indent(rule.example.before)}\n\nAfter:\n${indent(rule.example.after)}\n`,
      );
      return EXIT.ok;
    }),
};

function wrap(text: string, width = 88): string {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && current.length + word.length + 1 > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines.join('\n');
}
