// The decision prompt answers on one keypress, with no Enter; other keys show the key list.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { keyPrompt } from '../../src/review/key-prompt.js';

const choices = [
  { key: 'a', name: 'apply' },
  { key: 's', name: 'skip' },
  { key: '?', name: 'help' },
];

function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  return { input, output, screen: () => screen };
}

describe('keyPrompt', () => {
  it('answers with the key pressed, without Enter', async () => {
    const t = terminal();
    const answer = keyPrompt({ message: 'What now?', choices }, { input: t.input, output: t.output });
    t.input.write('s');
    await expect(answer).resolves.toBe('s');
  });

  it('takes ? as a key of its own', async () => {
    const t = terminal();
    const answer = keyPrompt({ message: 'What now?', choices }, { input: t.input, output: t.output });
    t.input.write('?');
    await expect(answer).resolves.toBe('?');
  });

  it('lists the keys for a key it does not offer, then still takes a valid one', async () => {
    const t = terminal();
    const answer = keyPrompt({ message: 'What now?', choices }, { input: t.input, output: t.output });
    t.input.write('z');
    t.input.write('a');
    await expect(answer).resolves.toBe('a');
    expect(t.screen()).toContain('s) skip');
  });
});
