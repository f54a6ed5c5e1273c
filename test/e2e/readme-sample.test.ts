// The README's walk-through pastes `sleepless scan`, `baseline`, `fix --yes` and `check` run on a
// copy of fixtures/sample_app. A change that changes what they print must change the README with
// it: each pasted command's output is compared with a fresh run, byte for byte. Runs
// `node bin/sleepless.js` (built by `npm test`); needs git, not Elixir (fix --yes runs no tests).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '../..');
const README = readFileSync(join(REPO, 'README.md'), 'utf8');
const copies: string[] = [];

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the sample app in its own git repository, as a user's checkout would be. */
function sampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sleepless-readme-'));
  copies.push(dir);
  cpSync(join(REPO, 'fixtures/sample_app'), dir, { recursive: true, filter: (src) => !/[\\/](_build|deps|\.sleepless)$/.test(src) });
  for (const args of [['init', '-q'], ['add', '-A'], ['-c', 'user.email=readme@example.com', '-c', 'user.name=readme', 'commit', '-qm', 'sample']]) {
    expect(spawnSync('git', args, { cwd: dir }).status).toBe(0);
  }
  return dir;
}

/** What the README shows after `$ sleepless <command>`: the lines up to the next `$ ` line or the end of the block. */
function pasted(command: string): string {
  const lines = README.split('\n');
  const start = lines.indexOf(`$ sleepless ${command}`);
  expect(start, `the README pastes \`sleepless ${command}\``).toBeGreaterThan(-1);
  let end = start + 1;
  while (end < lines.length && lines[end] !== '```' && !lines[end]!.startsWith('$ ')) end++;
  return lines.slice(start + 1, end).join('\n') + '\n';
}

function sleepless(cwd: string, args: string[]): string {
  const run = spawnSync(process.execPath, [join(REPO, 'bin/sleepless.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  // Each command prints its report to stdout and its summary lines to stderr; the README shows them in that order.
  return run.stdout + run.stderr;
}

it("the README's scan, baseline, fix and check of the sample app are what they print today", () => {
  const dir = sampleCopy();
  expect(sleepless(dir, ['scan', '--no-cache'])).toBe(pasted('scan'));
  expect(sleepless(dir, ['baseline'])).toBe(pasted('baseline'));
  expect(sleepless(dir, ['fix', '--yes'])).toBe(pasted('fix --yes'));
  expect(sleepless(dir, ['check'])).toBe(pasted('check'));
});
