// readSourceSync reads into one buffer shared by every call and reads until the end without a
// stat first: a file larger than the buffer must come back whole, and a short one after it must
// not keep the longer one's tail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSourceSync } from '../../src/read/read-source.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sleepless-read-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readSourceSync', () => {
  it('reads a file larger than its buffer whole, then a short one alone', () => {
    const big = `${'# filler line of a big test file\n'.repeat(40_000)}Process.sleep(100)\n`;
    writeFileSync(join(dir, 'big_test.exs'), big);
    writeFileSync(join(dir, 'small_test.exs'), 'Process.sleep(1)\n');
    writeFileSync(join(dir, 'none_test.exs'), '');
    expect(readSourceSync(join(dir, 'big_test.exs'))).toEqual({ kind: 'source', text: big, bom: false });
    expect(readSourceSync(join(dir, 'small_test.exs'))).toEqual({ kind: 'source', text: 'Process.sleep(1)\n', bom: false });
    expect(readSourceSync(join(dir, 'none_test.exs'))).toEqual({ kind: 'no_candidates' });
  });

  it('still applies the size limit', () => {
    writeFileSync(join(dir, 'limit_test.exs'), 'Process.sleep(1)\n'.repeat(100));
    expect(readSourceSync(join(dir, 'limit_test.exs'), 1000)).toMatchObject({ kind: 'skipped', message: expect.stringContaining('1700 bytes is over the 1000-byte limit') });
  });
});
