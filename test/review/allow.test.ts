// Recording a legitimate sleep: the allowlist entry writer and the inline comment.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addAllowlistEntry, insertInlineAllow } from '../../src/review/allow.js';
import { loadAllowlist } from '../../src/allowlist/allowlist.js';
import type { SiteEntry } from '../../src/allowlist/allowlist.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sleepless-allow-'));
  path = join(dir, 'sleepless.allowlist.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entry: SiteEntry = { fingerprint: '0123456789abcdef', category: 'ttl', reason: 'waits out the lease' };

describe('addAllowlistEntry', () => {
  it('creates the file when there is none', async () => {
    const change = await addAllowlistEntry(path, 'sleepless.allowlist.json', entry);
    expect(change.before).toBeNull();
    expect(readFileSync(path, 'utf8')).toBe('{\n  "version": 1,\n  "sites": [\n    {\n      "fingerprint": "0123456789abcdef",\n      "category": "ttl",\n      "reason": "waits out the lease"\n    }\n  ]\n}\n');
    expect(loadAllowlist(dir).sites).toEqual([entry]);
  });

  it('adds a sites array to a file without one, next to its contexts', async () => {
    writeFileSync(path, '{\n\t"version": 1,\n\t"contexts": { "ttl": { "words": ["lease"] } }\n}\n');
    await addAllowlistEntry(path, 'sleepless.allowlist.json', entry);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('\t"contexts": { "ttl": { "words": ["lease"] } },\n\t"sites": [\n');
    expect(loadAllowlist(dir).sites).toEqual([entry]);
  });

  it('keeps CRLF line endings', async () => {
    writeFileSync(path, '{\r\n  "version": 1,\r\n  "sites": []\r\n}\r\n');
    await addAllowlistEntry(path, 'sleepless.allowlist.json', entry);
    expect(readFileSync(path, 'utf8').replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('validates the result against the schema and writes nothing when it does not match', async () => {
    writeFileSync(path, '{ "version": 1, "sites": [] }\n');
    const bad = { ...entry, category: 'allowlisted' } as unknown as SiteEntry;
    await expect(addAllowlistEntry(path, 'sleepless.allowlist.json', bad)).rejects.toThrow(/sleepless\.allowlist\.json:\d+:\d+: field sites\[0\]\.category must be one of/);
    expect(readFileSync(path, 'utf8')).toBe('{ "version": 1, "sites": [] }\n');
    expect(readdirSync(dir)).toEqual(['sleepless.allowlist.json']);
  });

  it('refuses to touch an existing file that is not valid JSON', async () => {
    writeFileSync(path, '{ "version": 1, "sites": [ }\n');
    await expect(addAllowlistEntry(path, 'sleepless.allowlist.json', entry)).rejects.toThrow(/is not valid JSON/);
    expect(existsSync(path)).toBe(true);
  });
});

describe('insertInlineAllow', () => {
  it('inserts the comment above the line, at its indentation', () => {
    const source = 'test "x" do\n\t\tProcess.sleep(10)\nend\n';
    expect(insertInlineAllow(source, 2, 'load_sim', ' simulated   load ')).toBe('test "x" do\n\t\t# sleepless:allow load_sim simulated load\n\t\tProcess.sleep(10)\nend\n');
  });

  it('uses the file’s line ending and works on the first line', () => {
    expect(insertInlineAllow('  Process.sleep(1)\r\nend\r\n', 1, 'ttl', 'why not')).toBe('  # sleepless:allow ttl why not\r\n  Process.sleep(1)\r\nend\r\n');
  });
});
