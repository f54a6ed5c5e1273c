// Times written in a statement as a keyword and a literal number (`timeout: 100`, `schedule_in: 400`,
// `silence_threshold: 50`), read from its text. Each rule picks the keys that mean what it looks for.

import type { SyntaxNode } from '../parse/parser.js';
import { remembered } from '../parse/nodes.js';
import { nodeSlot } from '../parse/fast-nodes.js';
import { estimateDuration, type DurationScope } from '../duration/duration.js';

/** `key: 123` (underscores allowed), not a number that goes on into arithmetic (`timeout: 100 * 2`). */
const KEYWORD_NUMBER = /\b(\w+):\s*(\d[\d_]*)\b(?!\s*[.*/])/g;

export interface KeywordTime {
  key: string;
  /** As written: `timeout: 1_000`. */
  text: string;
  ms: number;
}

/** The keyword numbers in `text` whose key `keys` accepts, in order. */
export function keywordTimes(text: string, keys: RegExp): KeywordTime[] {
  const found: KeywordTime[] = [];
  for (const [, key, value] of text.matchAll(KEYWORD_NUMBER)) {
    if (keys.test(key!)) found.push({ key: key!, text: `${key}: ${value}`, ms: Number(value!.replace(/_/g, '')) });
  }
  return found;
}

/**
 * `keywordTimes` of a statement, with the values a literal does not give resolved as a sleep's
 * duration is (`duration.ts`): a name the test bound first (lemon's `recovery_timeout = 1_000`,
 * then `recovery_timeout: recovery_timeout`), an attribute, simple arithmetic on those. Literals first.
 */
export function resolvedKeywordTimes(statement: SyntaxNode, keys: RegExp, scope: DurationScope): KeywordTime[] {
  const found = keywordTimes(statement.text, keys);
  for (const { key, value } of remembered(statement, UNWRITTEN_PAIRS, pairsNotWrittenOut)) {
    if (!keys.test(key)) continue;
    const ms = estimateDuration(value, scope);
    if (typeof ms === 'number') found.push({ key, text: `${key}: ${value.text}`, ms });
  }
  return found;
}

const UNWRITTEN_PAIRS = nodeSlot('unwrittenPairs');

/** The keyword pairs under `statement` whose value is no integer literal: what the text alone does not give. */
function pairsNotWrittenOut(statement: SyntaxNode): { key: string; value: SyntaxNode }[] {
  const pairs: { key: string; value: SyntaxNode }[] = [];
  for (const pair of statement.descendantsOfType('pair')) {
    const value = pair.childForFieldName('value');
    if (value && value.type !== 'integer') pairs.push({ key: pair.childForFieldName('key')?.text.replace(/:\s*$/, '') ?? '', value });
  }
  return pairs;
}
