// The allowlist vocabulary compiled once per run into matchers the rules ask.
import type { Allowlist, ContextCategory, ContextVocabulary } from '../allowlist/allowlist.js';
import { compileWords, type Matcher } from './words.js';

export interface CompiledContext {
  words: Matcher;
  tags: Matcher;
  functions: Matcher;
  options: string[];
  calls: string[];
  /** `ttl: 100` for any of `options`: group 1 the option, group 2 its value (a whole `{1, :second}`); null without options. */
  optionPattern: RegExp | null;
  /** Any of `calls` as a whole name (`:timer.tc`, not `my:timer.tcx`); null without calls. */
  callPattern: RegExp | null;
}

export type VocabularyIndex = Record<ContextCategory, CompiledContext>;

const CONTEXT_CATEGORIES: ContextCategory[] = ['ttl', 'rate_window', 'timeout_sim', 'load_sim', 'spawned_work', 'time_measurement', 'poll_interval'];

export function compileVocabulary(allowlist: Allowlist): VocabularyIndex {
  const index = {} as VocabularyIndex;
  for (const category of CONTEXT_CATEGORIES) {
    const vocabulary: ContextVocabulary = allowlist.contexts[category] ?? {};
    const options = vocabulary.options ?? [];
    const calls = vocabulary.calls ?? [];
    index[category] = {
      words: compileWords(vocabulary.words),
      tags: compileWords(vocabulary.tags),
      functions: compileWords(vocabulary.functions),
      options,
      calls,
      optionPattern: options.length > 0 ? new RegExp(`(?<![\\w@:])(${options.map(optionSource).join('|')}):\\s+(\\{[^{}\\n]*\\}|[^,)\\]}\\n]+)`) : null,
      callPattern: calls.length > 0 ? new RegExp(`(?<![\\w.:])(${calls.map(escape).join('|')})(?![\\w?!])`) : null,
    };
  }
  return index;
}

/** An option key; a `*` at either end matches any letters there (`rate_limit*`, `*_per_second`). */
function optionSource(key: string): string {
  return escape(key).replace(/\\\*/g, '\\w*');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
