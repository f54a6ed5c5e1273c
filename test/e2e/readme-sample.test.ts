// The README's walk-through pastes `sleepless scan` on fixtures/sample_app. A rule change that
// changes that report must change the README with it: the pasted block is compared with a fresh
// run, byte for byte. Runs `node bin/sleepless.js` (built by `npm test`).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '../..');
const copy = mkdtempSync(join(tmpdir(), 'sleepless-readme-'));

afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** The lines of the fenced block that starts with `$ sleepless scan`, without that line. */
function pastedScan(readme: string): string {
  const lines = readme.split('\n');
  const start = lines.indexOf('$ sleepless scan');
  expect(start, 'the README has a `$ sleepless scan` block').toBeGreaterThan(-1);
  const end = lines.indexOf('```', start);
  return lines.slice(start + 1, end).join('\n') + '\n';
}

it("the README's scan of the sample app is what a scan of it prints today", () => {
  // A copy, as the README says: no result cache or build output of ours in the fixture.
  cpSync(join(REPO, 'fixtures/sample_app'), copy, { recursive: true, filter: (src) => !/[\\/](_build|deps|\.sleepless)$/.test(src) });
  const run = spawnSync(process.execPath, [join(REPO, 'bin/sleepless.js'), 'scan', '--no-cache'], { cwd: copy, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(run.stdout).toBe(pastedScan(readFileSync(join(REPO, 'README.md'), 'utf8')));
});
