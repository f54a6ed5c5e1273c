// The allowlist vocabulary compiled once per run into matchers the rules ask.
import type { Allowlist, ContextCategory, ContextVocabulary } from '../allowlist/allowlist.js';
import { compileWords, type Matcher } from './words.js';

export interface CompiledContext {
  words: Matcher;
  tags: Matcher;
  functions: Matcher;
  options: string[];
  calls: string[];
  /** `ttl: 100` for any of `options` without a `*`: group 1 the option, group 2 its value (a whole `{1, :second}`); null without any. */
  optionPattern: RegExp | null;
  /**
   * The same for each option with a `*` (`*_per_second`), with the text every match holds
   * (`_per_second`): a `\w*` alternative tried at every position of every line costs, so each
   * is tried only on lines that hold its text.
   */
  optionGlobs: { literal: string; pattern: RegExp }[];
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
    const exact = options.filter((key) => !key.includes('*'));
    const globs = options.filter((key) => key.includes('*'));
    index[category] = {
      words: compileWords(vocabulary.words, { except: vocabulary.not_words }),
      tags: compileWords(vocabulary.tags),
      functions: compileWords(vocabulary.functions, { fromStart: true }),
      options,
      calls,
      optionPattern: exact.length > 0 ? optionRegExp(exact.map(escape).join('|')) : null,
      optionGlobs: globs.map((key) => ({ literal: key.replace(/\*/g, ''), pattern: optionRegExp(escape(key).replace(/\\\*/g, '\\w*')) })),
      callPattern: calls.length > 0 ? new RegExp(`(?<![\\w.:])(${calls.map(escape).join('|')})(?![\\w?!])`) : null,
    };
  }
  return index;
}

/**
 * `key: value` for keys matching `keys` (a regex alternation): group 1 the key, group 2 the value: a
 * tuple, a clock reading plus an amount (`System.os_time(:second) + 3600`), `:timer.seconds(1)`, or anything up to the
 * next comma or closing bracket. Not `_` or `_name`, a key matched and ignored in a pattern
 * (rabbitmq-message-deduplication's `%{cache: cache, cache_ttl: _}` sets no TTL), nor `nil`, none set.
 */
function optionRegExp(keys: string): RegExp {
  return new RegExp(`(?<![\\w@:])(${keys}):\\s+(?!(?:_\\w*|nil)\\s*(?:[,)\\]}\\n]|$))(\\{[^{}\\n]*\\}|(?:System|:os|:erlang)\\.\\w+\\([^()\\n]*\\)\\s*\\+\\s*\\d[\\d_]*|(?::timer|Timer)\\.\\w+\\(\\d[\\d_]*\\)|[^,)\\]}\\n]+)`);
}

/** The first option of `context` set on `line`: an exact key first, then a key with a `*`. */
export function optionMatch(line: string, context: CompiledContext): RegExpExecArray | null {
  const exact = context.optionPattern?.exec(line);
  if (exact) return exact;
  for (const glob of context.optionGlobs) {
    const match = line.includes(glob.literal) ? glob.pattern.exec(line) : null;
    if (match) return match;
  }
  return null;
}

/** Is `name` (an identifier, `checksum_wait_timeout`) one of `context`'s option keys, exactly or by a `*` key? */
export function namesOption(name: string, context: CompiledContext): boolean {
  return context.options.some((key) => (key.includes('*') ? new RegExp(`^${escape(key).replace(/\\\*/g, '\\w+')}$`).test(name) : key === name));
}

/** Does `context` know any option key? */
export function hasOptions(context: CompiledContext): boolean {
  return context.optionPattern !== null || context.optionGlobs.length > 0;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
