// The allowlist vocabulary compiled once per run into matchers the rules ask.
import type { Allowlist, ContextCategory, ContextVocabulary } from '../allowlist/allowlist.js';
import { compileWords, type Matcher } from './words.js';

export interface CompiledContext {
  words: Matcher;
  tags: Matcher;
  functions: Matcher;
  options: string[];
  calls: string[];
}

export type VocabularyIndex = Record<ContextCategory, CompiledContext>;

const CONTEXT_CATEGORIES: ContextCategory[] = ['ttl', 'rate_window', 'timeout_sim', 'load_sim', 'spawned_work', 'time_measurement', 'poll_interval'];

export function compileVocabulary(allowlist: Allowlist): VocabularyIndex {
  const index = {} as VocabularyIndex;
  for (const category of CONTEXT_CATEGORIES) {
    const vocabulary: ContextVocabulary = allowlist.contexts[category] ?? {};
    index[category] = {
      words: compileWords(vocabulary.words),
      tags: compileWords(vocabulary.tags),
      functions: compileWords(vocabulary.functions),
      options: vocabulary.options ?? [],
      calls: vocabulary.calls ?? [],
    };
  }
  return index;
}
