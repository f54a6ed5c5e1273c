// The built-in allowlist.json is read without schema validation on every run (loading the
// validator costs more than a small check); this test is where it is validated instead.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson } from '../../src/config/json-file.js';

const ROOT = join(import.meta.dirname, '../..');

describe('allowlist.json', () => {
  it('matches allowlist.schema.json', () => {
    const text = readFileSync(join(ROOT, 'allowlist.json'), 'utf8');
    expect(() => parseJson(text, 'allowlist.json', 'allowlist', 'fix the built-in allowlist')).not.toThrow();
    expect(Object.keys((JSON.parse(text) as { contexts: object }).contexts).length).toBeGreaterThan(3);
  });
});
