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

/** Compiles vocabulary entries into one function that returns the words of the first match, as written. */
export function compileWords(entries: readonly string[] | undefined): Matcher {
  const compiled = (entries ?? []).map((entry) => ({ parts: entryParts(entry) }));
  return (tokens) => {
    for (const { parts } of compiled) {
      if (parts.length === 0) continue;
      for (let i = 0; i + parts.length <= tokens.length; i++) {
        if (parts.every((part, k) => matchesPart(part, tokens[i + k]!))) return tokens.slice(i, i + parts.length).join(' ');
      }
    }
    return null;
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
