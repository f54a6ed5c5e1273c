// Word matching for the allowlist vocabulary. Names are split into lower-case words
// (`ExpiresAt` → expires at, `cache_ttl` → cache ttl), and an entry matches a run of words:
// `ttl` matches the word ttl, `expir*` any word starting with expir, `rate limit*` two words in a row.

export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export type Matcher = (tokens: string[]) => string | null;

/**
 * Compiles vocabulary entries into one function that returns the words of the first match, as written:
 * the first entry that matches anywhere wins, at its first place. Entries are looked up by their
 * first word (a star entry by its prefix), so a name's tokens are not tried against every entry.
 */
/**
 * `fromStart`: an entry matches only at the start of a name (`poll*` matches `poll_until` but not
 * `user_metrics_poller`, a function named after what it is, not after what it does). `except`:
 * phrases a match inside does not count (`exchange rate` for `rate`: blockscout's
 * `get_coin_exchange_rate` is a price, not a rate limit).
 */
export function compileWords(entries: readonly string[] | undefined, { fromStart = false, except = [] as readonly string[] | undefined } = {}): Matcher {
  const exceptions = (except ?? []).map(entryParts).filter((parts) => parts.length > 0);
  const phraseAt = (tokens: string[], parts: string[], at: number) => at >= 0 && at + parts.length <= tokens.length && parts.every((part, k) => matchesPart(part, tokens[at + k]!));
  // Is tokens[at, at + length) inside one of the exceptions, wherever that starts?
  const excepted = (tokens: string[], at: number, length: number) =>
    exceptions.some((parts) => parts.length >= length && Array.from({ length: parts.length - length + 1 }, (_, k) => at - k).some((start) => phraseAt(tokens, parts, start)));
  const byFirstWord = new Map<string, { order: number; parts: string[] }[]>();
  const starred: { order: number; parts: string[]; prefix: string }[] = [];
  (entries ?? []).forEach((entry, order) => {
    const parts = entryParts(entry);
    const first = parts[0];
    if (first === undefined) return;
    if (first.endsWith('*')) starred.push({ order, parts, prefix: first.slice(0, -1) });
    else {
      let list = byFirstWord.get(first);
      if (!list) byFirstWord.set(first, (list = []));
      list.push({ order, parts });
    }
  });
  return (tokens) => {
    let bestOrder = Infinity;
    let bestAt = 0;
    let bestLength = 0;
    const consider = (order: number, parts: string[], at: number) => {
      if (order >= bestOrder || at + parts.length > tokens.length) return;
      if (parts.every((part, k) => matchesPart(part, tokens[at + k]!)) && !excepted(tokens, at, parts.length)) [bestOrder, bestAt, bestLength] = [order, at, parts.length];
    };
    for (let at = 0; at < (fromStart ? Math.min(1, tokens.length) : tokens.length); at++) {
      for (const { order, parts } of byFirstWord.get(tokens[at]!) ?? []) consider(order, parts, at);
      for (const { order, parts, prefix } of starred) if (tokens[at]!.startsWith(prefix)) consider(order, parts, at);
    }
    return bestOrder === Infinity ? null : tokens.slice(bestAt, bestAt + bestLength).join(' ');
  };
}

/** `rate limit*` → ['rate', 'limit*']: the star stays on the last word of its piece. */
function entryParts(entry: string): string[] {
  return entry
    .trim()
    .split(/\s+/)
    .flatMap((piece) => {
      const parts = words(piece.replace(/\*$/, ''));
      if (piece.endsWith('*') && parts.length > 0) parts[parts.length - 1] += '*';
      return parts;
    });
}

function matchesPart(part: string, token: string): boolean {
  return part.endsWith('*') ? token.startsWith(part.slice(0, -1)) : token === part;
}
