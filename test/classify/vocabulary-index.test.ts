// The option matcher reads `key: value` for the allowlist's option keys: what counts as a value set.
import { describe, expect, it } from 'vitest';
import { loadAllowlist } from '../../src/allowlist/allowlist.js';
import { compileVocabulary, optionMatch } from '../../src/classify/vocabulary-index.js';
import { project } from '../helpers/project.js';

const ttl = compileVocabulary(loadAllowlist(project({}))).ttl;
const valueSet = (line: string) => optionMatch(line, ttl)?.[2]?.trim() ?? null;

describe('optionMatch', () => {
  it('reads a number, a tuple, a clock reading plus an amount, and a :timer or Timer conversion whole', () => {
    expect(valueSet('Cache.put(c, :k, 1, ttl: 100)')).toBe('100');
    expect(valueSet('start_supervised!({Cache, ttl: {1, :second}})')).toBe('{1, :second}');
    expect(valueSet('insert(c, ttl: :timer.seconds(1))')).toBe(':timer.seconds(1)');
    expect(valueSet('insert(c, ttl: Timer.seconds(1))')).toBe('Timer.seconds(1)');
  });

  it("takes no key a pattern matches and ignores, nor nil, as a value set (rabbitmq-message-deduplication's `%{cache_ttl: _}`)", () => {
    expect(valueSet('test "expires", %{cache: cache, cache_ttl: _} do')).toBeNull();
    expect(valueSet('test "expires", %{cache_ttl: _ttl, cache: cache} do')).toBeNull();
    expect(valueSet('Cache.new(name, ttl: nil)')).toBeNull();
    expect(valueSet('Cache.new(name, ttl: nil_ttl)')).toBe('nil_ttl');
    expect(valueSet('Cache.new(name, ttl: ttl)')).toBe('ttl');
  });
});
