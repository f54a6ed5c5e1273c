// The GitHub Action (action.yml) runs `sleepless check` from a bash script that reads its inputs
// from the environment. That script is taken out of action.yml as it is and run here with bash,
// the way the runner would: inputs become arguments, the exit code reaches $GITHUB_OUTPUT, and
// the `cache` input decides whether the result cache is used.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { project, CAST_THEN_SLEEP_MODULE } from '../helpers/project.js';

const ROOT = join(import.meta.dirname, '../..');

/** The `run: |` block of the step with `id: check`, unindented. */
function checkScript(): string {
  const lines = readFileSync(join(ROOT, 'action.yml'), 'utf8').split('\n');
  const step = lines.findIndex((line) => line.trim() === 'id: check');
  const run = lines.findIndex((line, i) => i > step && line.trim() === 'run: |');
  expect(step).toBeGreaterThan(-1);
  expect(run).toBeGreaterThan(step);
  const indent = /^\s*/.exec(lines[run]!)![0].length + 2;
  const body: string[] = [];
  for (const line of lines.slice(run + 1)) {
    if (line.trim() !== '' && /^\s*/.exec(line)![0].length < indent) break;
    body.push(line.slice(indent));
  }
  return body.join('\n');
}

function runAction(cwd: string, inputs: Record<string, string>) {
  const outputs = mkdtempSync(join(tmpdir(), 'sleepless-action-'));
  try {
    const output = join(outputs, 'output');
    writeFileSync(output, '');
    const env = { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: output, SLEEPLESS_PATHS: '', SLEEPLESS_BASELINE: '', SLEEPLESS_SINCE: '', SLEEPLESS_STRICT: 'false', SLEEPLESS_FORMAT: 'text', SLEEPLESS_SARIF: 'false', SLEEPLESS_SARIF_FILE: 'sleepless.sarif', SLEEPLESS_CACHE: 'true', ...inputs };
    const run = spawnSync('bash', ['-e', '-c', checkScript()], { cwd, env, encoding: 'utf8' });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, output: readFileSync(output, 'utf8') };
  } finally {
    rmSync(outputs, { recursive: true, force: true });
  }
}

describe('the GitHub Action script', () => {
  it('fails the check on a new problematic sleep and reports the exit code as an output', () => {
    const root = project({ 'test/a_test.exs': CAST_THEN_SLEEP_MODULE });
    const run = runAction(root, {});
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain('test/a_test.exs');
    expect(run.output).toBe('exit-code=1\n');
  });

  it('keeps the result cache unless the cache input is off', () => {
    const cached = project({ 'test/a_test.exs': CAST_THEN_SLEEP_MODULE });
    runAction(cached, {});
    expect(existsSync(join(cached, '.sleepless/cache/scan.json'))).toBe(true);

    const uncached = project({ 'test/a_test.exs': CAST_THEN_SLEEP_MODULE });
    const run = runAction(uncached, { SLEEPLESS_CACHE: 'false' });
    expect(run.output).toBe('exit-code=1\n');
    expect(existsSync(join(uncached, '.sleepless'))).toBe(false);
  });

  it('writes SARIF too when asked, and passes the paths input as arguments', () => {
    const root = project({ 'test/a/a_test.exs': CAST_THEN_SLEEP_MODULE, 'test/b/b_test.exs': CAST_THEN_SLEEP_MODULE });
    const run = runAction(root, { SLEEPLESS_SARIF: 'true', SLEEPLESS_PATHS: 'test/a' });
    expect(run.status, run.stderr).toBe(1);
    const sarif = JSON.parse(readFileSync(join(root, 'sleepless.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['test/a/a_test.exs']);
  });
});
