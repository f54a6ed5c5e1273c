// The inquirer adapter turns an aborted prompt into SessionInterrupted with the signal's name.
import { describe, expect, it } from 'vitest';
import { terminalAsk } from '../../src/review/terminal-ask.js';
import { SessionInterrupted, type Question } from '../../src/review/ask.js';

const questions: Question[] = [
  { kind: 'action', message: 'What now?', choices: [{ key: 'a', name: 'apply' }, { key: '?', name: 'help' }] },
  { kind: 'select', id: 'category', message: 'Which?', choices: [{ value: 'ttl', name: 'ttl' }] },
  { kind: 'input', id: 'reason', message: 'Why?' },
];

describe('terminalAsk', () => {
  for (const reason of ['SIGINT', 'SIGTERM'] as const) {
    it(`a ${reason} during any prompt stops the session as ${reason}`, async () => {
      const controller = new AbortController();
      controller.abort(reason);
      for (const question of questions) {
        await expect(terminalAsk(controller.signal)(question)).rejects.toSatisfy((e) => e instanceof SessionInterrupted && e.signal === reason);
      }
    });
  }
});
