import type { ContextCategory } from '../../allowlist/allowlist.js';
import type { SiteContext } from '../../context/site-context.js';
import type { Decision } from '../rule.js';
import type { Signals } from '../signals.js';
import { immediateCause, isWeakName } from './immediate-cause.js';

/**
 * Shared by the TTL and rate-window rules: both wait out a span of time the test itself set.
 * Strong evidence: an option set earlier in the test (`ttl: 100`) that the sleep outlasts.
 * Weaker evidence: a vocabulary word in the names; it gives way when the code next to the sleep
 * shows what it really waits for (see immediate-cause.ts).
 */
export function windowDecision(ctx: SiteContext, signals: Signals, category: ContextCategory, noun: string): Decision | null {
  // A sleep the test times (inside :timer.tc) is measured, not awaited: time-measurement's call.
  if (ctx.enclosedBy.some((call) => signals.isCall('time_measurement', call))) return null;
  // The statement after the sleep triggering an expiry outweighs a word further out.
  const named = signals.nameWord(category);
  const word = named && !isWeakName(named) ? named : (signals.nextWord(category) ?? named);
  const option = signals.option(category);
  const ms = typeof ctx.duration === 'number' ? ctx.duration : null;
  const outlasts = option?.ms != null && ms !== null && ms >= option.ms;
  // Set in a describe's setup or elsewhere above the test: still evidence, unless the code next to the sleep explains it.
  if (option && outlasts && option.scope === 'around' && !immediateCause(ctx, signals, { word: option.text, where: 'setup' }, category)) {
    return {
      category,
      confidence: 'medium',
      reason: `waits out the ${option.ms} ms ${noun} set on line ${option.line} (\`${option.text}\`)${word ? `; ${word.where} mentions “${word.word}”` : ''}`,
      evidence: [option.line],
    };
  }
  if (option && outlasts && option.scope === 'test') {
    return {
      category,
      confidence: word ? 'high' : 'medium',
      reason: `waits out the ${option.ms} ms ${noun} set on line ${option.line} (\`${option.text}\`)${word ? `; ${word.where} mentions “${word.word}”` : ''}`,
      evidence: [option.line],
    };
  }
  if (!word) return null;
  if (immediateCause(ctx, signals, word, category)) return null;
  if (option) {
    return { category, confidence: 'medium', reason: `${word.where} mentions “${word.word}” and line ${option.line} sets \`${option.text}\``, evidence: [option.line] };
  }
  return { category, confidence: isWeakName(word) ? 'low' : 'medium', reason: `${word.where} mentions “${word.word}”` };
}
