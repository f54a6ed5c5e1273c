import type { ContextCategory } from '../../allowlist/allowlist.js';
import type { SiteContext } from '../../context/site-context.js';
import type { Decision } from '../rule.js';
import type { Signals } from '../signals.js';

/**
 * Shared by the TTL and rate-window rules: both wait out a span of time the test itself set.
 * Evidence is a vocabulary word in the names, an option in the test body (`ttl: 100`), or both;
 * an option alone counts only when the sleep is at least as long as the span it sets.
 */
export function windowDecision(ctx: SiteContext, signals: Signals, category: ContextCategory, noun: string): Decision | null {
  const word = signals.nameWord(category);
  const option = signals.option(category);
  const ms = typeof ctx.duration === 'number' ? ctx.duration : null;
  const waitsItOut = option?.ms != null && ms !== null && ms >= option.ms;
  if (option && waitsItOut) {
    return {
      category,
      confidence: word ? 'high' : 'medium',
      reason: `waits out the ${option.ms} ms ${noun} set on line ${option.line} (\`${option.text}\`)${word ? `; ${word.where} mentions “${word.word}”` : ''}`,
      evidence: [option.line],
    };
  }
  if (word && option) {
    return { category, confidence: 'medium', reason: `${word.where} mentions “${word.word}” and line ${option.line} sets \`${option.text}\``, evidence: [option.line] };
  }
  if (word) return { category, confidence: 'medium', reason: `${word.where} mentions “${word.word}”` };
  return null;
}
