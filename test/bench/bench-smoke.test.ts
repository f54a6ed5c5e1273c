// CI runs the benchmark at a tiny N: it must run and print its tables. Nothing about time is
// asserted (the numbers mean something only on an idle machine, from `npm run bench`).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

describe('npm run bench', () => {
  it('runs at N = 50 and prints its tables', () => {
    // It runs the built CLI: `npm test` builds dist/ before vitest starts.
    const run = spawnSync(process.execPath, [join(ROOT, 'bench/run.js'), '--n', '50', '--runs', '1'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/N = 50 test files in \d+ directories · [\d.]+ MB · \d+ \([\d.]+%\) contain `sleep`/);
    expect(run.stdout).toMatch(/command\s+runs\s+median\s+min\s+max\s+peak RSS\s+vs ripgrep/);
    expect(run.stdout).toMatch(/sleepless scan --format json --no-cache\s+1\s+\S+ m?s/);
    expect(run.stdout).toMatch(/sleepless scan --format json, cache warm\s+1\s+\S+ m?s/);
    expect(run.stdout).toMatch(/ripgrep/);
    expect(run.stdout).toMatch(/ast-grep/);
    expect(run.stdout).toMatch(/sleepless check -q, 10-file suite\s+5\s+\S+ m?s/);
    expect(run.stdout).toMatch(/the same, --no-cache\s+5\s+\S+ m?s/);
    expect(run.stdout).toMatch(/the same, with a baseline\s+5\s+\S+ m?s/);
  });
});
