// The baseline file: written sorted and stable for review diffs, read back strictly.
import { describe, expect, it } from 'vitest';
import { parseBaseline, pathProblem, serializeBaseline, type BaselineEntry } from '../../src/baseline/format.js';
import { ConfigError } from '../../src/errors.js';

function entry(over: Partial<BaselineEntry>): BaselineEntry {
  return {
    fingerprint: '0123456789abcdef',
    content_key: 'fedcba9876543210',
    file: 'test/a_test.exs',
    describe: null,
    test: 'works',
    call: 'Process.sleep(10)',
    fix: 'wait_for',
    ...over,
  };
}

function parseError(text: string): ConfigError {
  try {
    parseBaseline(text, 'sleepless-baseline.json');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('serializeBaseline', () => {
  it('sorts entries by file, describe, test, call, fingerprint and fixes the key order', () => {
    const b = entry({ file: 'test/b_test.exs', fingerprint: '1111111111111111' });
    const a2 = entry({ test: 'z', fingerprint: '2222222222222222' });
    const a1 = entry({ fix: 'remove', call: 'Process.sleep(20)', describe: 'put', content_key: '3333333333333333', fingerprint: '3333333333333333' });
    // Keys in a scrambled order on input come out in the contract's order.
    const scrambled = { fix: a2.fix, call: a2.call, test: a2.test, describe: a2.describe, file: a2.file, content_key: a2.content_key, fingerprint: a2.fingerprint };
    const text = serializeBaseline([b, scrambled, a1]);
    expect(text).toBe(
      [
        '{',
        '  "version": 1,',
        '  "entries": [',
        '    {',
        '      "fingerprint": "2222222222222222",',
        '      "content_key": "fedcba9876543210",',
        '      "file": "test/a_test.exs",',
        '      "describe": null,',
        '      "test": "z",',
        '      "call": "Process.sleep(10)",',
        '      "fix": "wait_for"',
        '    },',
        '    {',
        '      "fingerprint": "3333333333333333",',
        '      "content_key": "3333333333333333",',
        '      "file": "test/a_test.exs",',
        '      "describe": "put",',
        '      "test": "works",',
        '      "call": "Process.sleep(20)",',
        '      "fix": "remove"',
        '    },',
        '    {',
        '      "fingerprint": "1111111111111111",',
        '      "content_key": "fedcba9876543210",',
        '      "file": "test/b_test.exs",',
        '      "describe": null,',
        '      "test": "works",',
        '      "call": "Process.sleep(10)",',
        '      "fix": "wait_for"',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('round-trips byte for byte and drops duplicate entries', () => {
    const entries = [entry({}), entry({ file: 'test/z_test.exs', fingerprint: 'aaaaaaaaaaaaaaaa' }), entry({})];
    const text = serializeBaseline(entries);
    expect(parseBaseline(text, 'b.json').entries).toHaveLength(2);
    expect(serializeBaseline(parseBaseline(text, 'b.json').entries)).toBe(text);
    expect(serializeBaseline([])).toBe('{\n  "version": 1,\n  "entries": []\n}\n');
  });
});

describe('parseBaseline', () => {
  it('reports malformed JSON at its line and column', () => {
    const error = parseError('{\n  "version": 1,\n  "entries": [\n    {"fingerprint": }\n  ]\n}\n');
    expect(error.position).toEqual({ line: 4, column: 21 });
    expect(error.message).toMatch(/^sleepless-baseline\.json:4:21: is not valid JSON \(ValueExpected\); fix it, or delete it/);
  });

  it('names the field that breaks the schema, at its position', () => {
    const text = serializeBaseline([entry({})]).replace('"test": "works",\n', '');
    const error = parseError(text);
    expect(error.message).toContain('field entries[0] needs the field "test"');
    expect(error.position).toEqual({ line: 4, column: 5 });

    const version = parseError('{ "version": 2, "entries": [] }');
    expect(version.message).toContain('field version must be one of 1');
    expect(version.position).toEqual({ line: 1, column: 14 });

    const unknown = parseError('{ "version": 1, "entries": [], "extra": true }');
    expect(unknown.message).toContain('field extra is not a known field');

    const fingerprint = parseError(serializeBaseline([entry({})]).replace('0123456789abcdef', 'XYZ'));
    expect(fingerprint.message).toContain('field entries[0].fingerprint must match pattern');
  });

  it('rejects absolute paths and paths that leave the root', () => {
    for (const file of ['/etc/a_test.exs', 'C:\\\\tests\\\\a_test.exs', '\\\\\\\\server\\\\a_test.exs', '../a_test.exs', 'test/../../a_test.exs', 'test\\\\..\\\\..\\\\a.exs']) {
      const text = serializeBaseline([entry({})]).replace('"file": "test/a_test.exs"', `"file": "${file}"`);
      const error = parseError(text);
      expect(error.position, file).toEqual({ line: 7, column: 15 });
      expect(error.message).toContain('field entries[0].file must');
    }
  });

  it('accepts ordinary relative paths, dots in names included', () => {
    for (const file of ['test/a_test.exs', 'apps/web/test/a..b_test.exs', './test/a_test.exs', 'test/.hidden/a_test.exs']) {
      expect(pathProblem(file), file).toBeNull();
    }
  });
});
