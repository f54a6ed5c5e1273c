// Times written in a statement as a keyword and a literal number (`timeout: 100`, `schedule_in: 400`,
// `silence_threshold: 50`), read from its text. Each rule picks the keys that mean what it looks for.

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
