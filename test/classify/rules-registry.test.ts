import { describe, expect, it } from 'vitest';
import { RULES, findRule } from '../../src/classify/rules/index.js';
import { CATEGORIES, FIX_KINDS } from '../../src/vocabulary.js';

describe('rule registry', () => {
  it('documents every rule: summary, explanation and a before/after example', () => {
    for (const rule of RULES) {
      expect(rule.id, rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.summary.length, rule.id).toBeGreaterThan(20);
      expect(rule.explanation.length, rule.id).toBeGreaterThan(100);
      expect(rule.example.before.length, rule.id).toBeGreaterThan(5);
      expect(rule.example.after.length, rule.id).toBeGreaterThan(5);
    }
  });

  it('has unique ids', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it('can produce every category and every fix kind', () => {
    const produced = new Set(RULES.map((r) => r.produces));
    for (const kind of [...CATEGORIES, ...FIX_KINDS]) expect(produced, kind).toContain(kind);
  });

  it('puts legitimate rules before the fix ladder, and the ladder in DESIGN.md order ending in manual', () => {
    const verdicts = RULES.map((r) => r.verdict);
    expect(verdicts.lastIndexOf('legitimate')).toBeLessThan(verdicts.indexOf('problematic'));
    const ladder = RULES.filter((r) => r.verdict === 'problematic').map((r) => r.produces);
    expect(ladder).toEqual([...FIX_KINDS]);
  });

  it('finds a rule by id, category or fix kind', () => {
    expect(findRule('sync-barrier')?.produces).toBe('sync_barrier');
    expect(findRule('ttl')?.id).toBe('ttl-context');
    expect(findRule('wait_for')?.id).toBe('wait-for');
    expect(findRule('nonsense')).toBeUndefined();
  });
});
