// GitHub workflow commands: escaping, the 10-annotation cap, changed lines first, the job summary.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeData, escapeProperty, github, MAX_ANNOTATIONS, workflowCommand } from '../../src/report/reporters/github.js';
import { colorsFor } from '../../src/report/colors.js';
import type { Finding, Report } from '../../src/finding.js';
import { summarize } from '../../src/report/summary.js';
import { runCli } from '../helpers/cli.js';
import { castThenSleep, elixirTestFile, makeRepo, type Repo } from '../helpers/git-repo.js';

const colors = colorsFor({ isTTY: false }, {});

function finding(i: number, over: Partial<Finding> = {}): Finding {
  return {
    file: `test/f${String(i).padStart(2, '0')}_test.exs`, line: i + 1, column: 5, end_line: i + 1, end_column: 22,
    call: `Process.sleep(${i})`, form: 'Process.sleep', verdict: 'problematic', category: null, fix: 'wait_for', safety: 'review',
    rule: 'wait-for', confidence: 'medium', reason: `next line asserts x${i}`, duration_ms: i, test: `t${i}`, describe: null,
    fingerprint: `fp${i}`, ...over,
  };
}

function report(findings: Finding[], root = '/repo'): Report {
  return { version: 1, root, files_scanned: findings.length, findings, summary: summarize(findings), errors: [] };
}

const commands = (out: string, name: string) => out.split('\n').filter((l) => l.startsWith(`::${name}`));

describe('workflow command escaping', () => {
  it('escapes % CR LF in data, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('a: b, 50%\n')).toBe('a%3A b%2C 50%25%0A');
    expect(workflowCommand('error', { file: 'test/a,b:c.exs', line: 3, title: 'x: y' }, 'm\n::error::injected')).toBe(
      '::error file=test/a%2Cb%3Ac.exs,line=3,title=x%3A y::m%0A::error::injected',
    );
  });

  it('escapes what a test name or call brings into an annotation', () => {
    const f = finding(1, { call: 'Process.sleep(10) # 100%', reason: 'waits, then: asserts\nline two', file: 'test/odd, name: x_test.exs' });
    const [error] = commands(github(report([f]), { colors, command: 'check' }), 'error');
    expect(error).toBe(
      '::error file=test/odd%2C name%3A x_test.exs,line=2,col=5,endLine=2,endColumn=22,title=sleepless%3A wait_for (wait-for)::' +
        'Process.sleep(10) # 100%25 waits, then: asserts%0Aline two. Fix: wait_for (review); run `sleepless explain wait-for`.',
    );
  });
});

describe('github reporter', () => {
  it(`annotates at most ${MAX_ANNOTATIONS} sleeps, those on changed lines first, and lists the rest in one notice`, () => {
    const findings = Array.from({ length: 14 }, (_, i) => finding(i));
    const changed = new Set(['fp12', 'fp13']);
    const out = github(report(findings), { colors, command: 'check', changed, notes: ['::warning::a note that looks like a command'] });
    const errors = commands(out, 'error');
    expect(errors).toHaveLength(MAX_ANNOTATIONS);
    expect(errors[0]).toContain('file=test/f12_test.exs');
    expect(errors[1]).toContain('file=test/f13_test.exs');
    expect(errors[2]).toContain('file=test/f00_test.exs');
    const notices = commands(out, 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^::notice title=sleepless%3A 4 more problematic sleeps::GitHub shows at most 10 error annotations per step; these are not annotated:%0Atest\/f08_test.exs:9:5 Process.sleep\(8\) \(wait_for\)%0A/);
    expect(out).toContain('sleepless check: 14 new problematic sleeps');
    expect(out).toContain('\n ::warning::a note');
  });

  it('makes paths relative to the repository when the scanned root is below it', () => {
    const out = github(report([finding(1)], '/repo/apps/web'), { colors, command: 'check', sourceRoot: '/repo' });
    expect(commands(out, 'error')[0]).toContain('file=apps/web/test/f01_test.exs,');
  });

  it('reports problems as warnings and a clean check as a plain line', () => {
    const r = { ...report([]), errors: [{ file: 'test/bad_test.exs', line: 4, message: 'syntax error near line 4' }] };
    const out = github(r, { colors, command: 'check' });
    expect(out).toBe('::warning file=test/bad_test.exs,line=4,title=sleepless::syntax error near line 4\nsleepless check: no new problematic sleeps in 0 files scanned\n');
  });
});

describe('check --format github', () => {
  let repo: Repo;
  let dir: string;
  afterEach(() => {
    repo?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('appends the markdown report to GITHUB_STEP_SUMMARY', async () => {
    repo = makeRepo();
    repo.write('test/counter_test.exs', elixirTestFile('CounterTest', [{ name: 'increments', body: castThenSleep(50) }]));
    dir = mkdtempSync(join(tmpdir(), 'sleepless-summary-'));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, 'earlier step\n');
    const result = await runCli(['check', repo.dir, '--format', 'github'], { GITHUB_STEP_SUMMARY: summary, GITHUB_BASE_REF: undefined });
    expect(result.code).toBe(1);
    expect(commands(result.stdout, 'error')).toHaveLength(1);
    const written = readFileSync(summary, 'utf8');
    expect(written).toMatch(/^earlier step\n## sleepless check\n/);
    expect(written).toContain('`Process.sleep(50)` **problematic** `sync_barrier`');
    expect(written).not.toMatch(/\u001b\[/);
  });
});
