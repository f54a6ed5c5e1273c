// The JSON Schema validators are compiled at build time (scripts/validators.js), and the sources
// import the generated file. These tests fail when it no longer matches the schemas (a schema
// edited without a build), and when a schema accepts what it should not.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import validators from '../../src/config/validators.generated.cjs';
import { SCHEMAS } from '../../src/config/schemas.js';

const ROOT = join(import.meta.dirname, '../..');

describe('precompiled validators', () => {
  it('are what the schemas compile to now (run `npm run build` after editing one)', () => {
    const fresh = spawnSync(process.execPath, ['--input-type=module', '-e', 'const { generateValidators } = await import("./scripts/validators.js"); process.stdout.write(JSON.stringify(await generateValidators()));'], { cwd: ROOT, encoding: 'utf8' });
    expect(fresh.status, fresh.stderr).toBe(0);
    const { code, types } = JSON.parse(fresh.stdout) as { code: string; types: string };
    expect(readFileSync(join(ROOT, 'src/config/validators.generated.cjs'), 'utf8')).toBe(code);
    expect(readFileSync(join(ROOT, 'src/config/validators.generated.d.cts'), 'utf8')).toBe(types);
  });

  it('exist for every schema, and each rejects a document of the wrong shape', () => {
    expect(Object.keys(validators).sort()).toEqual(Object.keys(SCHEMAS).sort());
    for (const validate of Object.values(validators)) {
      expect(validate({ version: 'one' })).toBe(false);
      expect(validate.errors?.[0]?.parentSchema, 'verbose errors carry their subschema').toBeDefined();
    }
  });

  it('accept what sleepless itself writes', () => {
    expect(validators.baseline({ version: 1, entries: [{ fingerprint: 'abcdef12', content_key: '0123abcd', file: 'test/a_test.exs', describe: null, test: 'works', call: 'Process.sleep(100)', fix: 'sync_barrier' }] })).toBe(true);
    expect(validators.session({ version: 1, updated: '2026-11-28T00:00:00.000Z', position: null, skipped: [], written: {} })).toBe(true);
    expect(validators.allowlist(JSON.parse(readFileSync(join(ROOT, 'allowlist.json'), 'utf8')))).toBe(true);
  });
});
