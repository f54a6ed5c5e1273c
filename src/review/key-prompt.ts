// A prompt that answers on a single keypress: the decision keys of the session (a, s, c, l, …).
// Typing a key that is not offered, or Enter, shows what each key does.
import { createPrompt, isEnterKey, useKeypress, usePrefix, useState } from '@inquirer/core';

export interface KeyPromptConfig {
  message: string;
  choices: readonly { key: string; name: string }[];
}

export const keyPrompt = createPrompt<string, KeyPromptConfig>((config, done) => {
  const prefix = usePrefix({});
  const [answer, setAnswer] = useState<string | null>(null);
  const [help, setHelp] = useState(false);

  useKeypress((key, rl) => {
    // readline keeps what was typed in rl.line; `?` has no key name, so read the character itself.
    const typed = rl.line.slice(-1) || key.name;
    rl.clearLine(0);
    const choice = config.choices.find((c) => c.key === typed);
    if (choice) {
      setAnswer(choice.key);
      done(choice.key);
    } else if (isEnterKey(key) || typed) {
      setHelp(true);
    }
  });

  const keys = config.choices.map((c) => c.key).join('');
  if (answer !== null) return `${prefix} ${config.message} ${answer}`;
  const line = `${prefix} ${config.message} (${keys})`;
  return help ? [line, config.choices.map((c) => `  ${c.key}) ${c.name}`).join('\n')] : line;
});
