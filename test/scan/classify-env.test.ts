// What every scan thread sets up before its first file: the allowlist, and the vocabulary compiled
// from it only when a file is classified (a run answered from the result cache classifies none).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadAllowlist } from '../../src/allowlist/allowlist.js';
import { compileVocabulary } from '../../src/classify/vocabulary-index.js';
import { classifyEnv } from '../../src/scan/scan-file.js';

const SAMPLE = join(import.meta.dirname, '../../fixtures/sample_app');

describe('classifyEnv', () => {
  it('compiles the vocabulary on its first read, once', () => {
    const { env } = classifyEnv(SAMPLE, undefined);
    expect(typeof Object.getOwnPropertyDescriptor(env, 'vocabulary')?.get).toBe('function');
    const first = env.vocabulary;
    expect(env.vocabulary).toBe(first);
    expect(Object.keys(first).sort()).toEqual(Object.keys(compileVocabulary(loadAllowlist(SAMPLE))).sort());
  });
});
