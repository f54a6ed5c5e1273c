// The session's questions on a real terminal: a single keypress for the decision (key-prompt.ts;
// any other key or Enter lists what each key does), @inquirer/prompts' `select` with numbered
// choices, and `input` for a reason. Only `sleepless fix` on a terminal loads this module.
import { input, select } from '@inquirer/prompts';
import { SessionInterrupted, type Ask, type Question } from './ask.js';
import { keyPrompt } from './key-prompt.js';

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
      return keyPrompt({ message: question.message, choices: question.choices }, context);
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
