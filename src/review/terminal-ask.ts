// The session's questions on a real terminal, with @inquirer/prompts: `expand` for the one-key
// decision (type the key, Enter; Enter alone lists every key), `select` with numbered choices,
// `input` for a reason. Only `sleepless fix` on a terminal loads this module.
import { expand, input, select } from '@inquirer/prompts';
import { SessionInterrupted, type Ask, type Question } from './ask.js';

type ExpandKey = Extract<Parameters<typeof expand>[0]['choices'][number], { key: string }>['key'];

export function terminalAsk(signal: AbortSignal): Ask {
  return async (question) => {
    try {
      return await prompt(question, signal);
    } catch (error) {
      // Ctrl-C inside a prompt arrives as a keypress (the terminal is in raw mode), not as SIGINT.
      if ((error as Error)?.name === 'ExitPromptError') throw new SessionInterrupted('SIGINT');
      if ((error as Error)?.name === 'AbortPromptError') throw new SessionInterrupted(signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
      throw error;
    }
  };
}

function prompt(question: Question, signal: AbortSignal): Promise<string> {
  const context = { signal };
  switch (question.kind) {
    case 'action':
      return expand(
        {
          message: question.message,
          // expand's key type leaves out '?', which it matches like any other typed key.
          choices: question.choices.map((c) => ({ key: c.key as ExpandKey, name: c.name, value: c.key })),
          default: 'h',
        },
        context,
      );
    case 'select':
      return select(
        {
          message: question.message,
          choices: question.choices.map((c) => ({ value: c.value, name: c.name, description: c.description })),
          default: question.default,
          pageSize: 12,
          theme: { indexMode: 'number' },
        },
        context,
      );
    case 'input':
      return input({ message: question.message, required: true, validate: (text) => question.validate?.(text) ?? true }, context);
  }
}
