// Bad input on the scan side: every case is reported in `errors` (text and JSON reports), the other
// files are still scanned, and the exit code is what it would be without the bad file.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFix } from '../../src/fix/run-fix.js';
import type { Report } from '../../src/finding.js';
import { runCli } from '../helpers/cli.js';
import { project } from '../helpers/project.js';
import { fixOptions, GOOD, GOOD_FINDING } from './support/fixtures.js';

/** Scans `root` through the CLI in both formats; asserts exit 0 and that GOOD's sleep is still found. */
async function scanBoth(root: string, extra: string[] = []): Promise<{ json: Report; text: string }> {
  const json = await runCli(['scan', root, '-q', '--format', 'json', ...extra], { NO_COLOR: '1' });
  const text = await runCli(['scan', root, '-q', ...extra], { NO_COLOR: '1' });
  expect(json.code, json.stderr).toBe(0);
  expect(text.code, text.stderr).toBe(0);
  const report = JSON.parse(json.stdout) as Report;
  expect(report.findings).toContainEqual(expect.objectContaining(GOOD_FINDING));
  expect(text.stdout).toContain('test/good_test.exs');
  return { json: report, text: text.stdout };
}

/** The one error reported for `file`, checked in the JSON report and in the text report. */
function errorFor(out: { json: Report; text: string }, file: string): { line?: number; message: string } {
  const errors = out.json.errors.filter((e) => e.file === file);
  expect(errors, JSON.stringify(out.json.errors)).toHaveLength(1);
  const [error] = errors;
  expect(out.text).toContain(`${file}${error!.line ? `:${error!.line}` : ''}: ${error!.message}`);
  return error!;
}

const BROKEN = `defmodule App.BrokenTest do
  use ExUnit.Case

  test "parsable part", %{pid: pid} do
    GenServer.cast(pid, :bump)
    Process.sleep(50)
    assert GenServer.call(pid, :count) == 1
  end

  test "broken" do
    foo(1, 2))
    Process.sleep(10)
  end

  test "after the break", %{pid: pid} do
    GenServer.cast(pid, :bump)
    Process.sleep(20)
    assert GenServer.call(pid, :count) == 1
  end
end
`;

describe('files with syntax errors', () => {
  it('reports the sleeps in the parsable parts, names the file and line of the error, and goes on', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'test/broken_test.exs': BROKEN });
    const out = await scanBoth(root);
    expect(out.json.findings.filter((f) => f.file === 'test/broken_test.exs').map((f) => f.call)).toContain('Process.sleep(50)');
    const error = errorFor(out, 'test/broken_test.exs');
    expect(error).toEqual({ file: 'test/broken_test.exs', line: 11, message: 'syntax error near line 11: sleeps in the parsable parts are reported, the file is never rewritten' });
  });

  it('is never rewritten by fix, while the good file is', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'test/broken_test.exs': BROKEN });
    const result = await runFix(fixOptions(root, { includeReview: true }));
    expect(readFileSync(join(root, 'test/broken_test.exs'), 'utf8')).toBe(BROKEN);
    expect(readFileSync(join(root, 'test/good_test.exs'), 'utf8')).toContain(':sys.get_state(pid)');
    const broken = result.files.find((f) => f.rel === 'test/broken_test.exs');
    expect(broken?.status).toBe('skip');
    expect(broken?.applied).toEqual([]);
    expect(broken?.skipped.every((s) => s.reason === 'the file has syntax errors: never rewritten')).toBe(true);
  });
});

describe('bytes that are not Elixir source', () => {
  it('skips a file that is not valid UTF-8 and could hold a sleep, naming the offset', async () => {
    const bad = Buffer.concat([Buffer.from('defmodule A do\n  # caf'), Buffer.from([0xe9]), Buffer.from('\n  test "x" do\n    Process.sleep(10)\n  end\nend\n')]);
    const root = project({ 'test/good_test.exs': GOOD });
    writeFileSync(join(root, 'test/latin1_test.exs'), bad);
    const out = await scanBoth(root);
    // The bad byte is at offset 22; the decoder notices it at the next byte.
    expect(errorFor(out, 'test/latin1_test.exs').message).toMatch(/^skipped: not valid UTF-8 \(first bad byte near offset 2[23]\)$/);
    expect(out.json.findings.filter((f) => f.file === 'test/latin1_test.exs')).toEqual([]);
  });

  it('never decodes a file without any sleep text: invalid UTF-8 there is not reported (the prefilter reads raw bytes)', async () => {
    const root = project({ 'test/good_test.exs': GOOD });
    writeFileSync(join(root, 'test/latin1_test.exs'), Buffer.concat([Buffer.from('defmodule A do\n  # caf'), Buffer.from([0xe9]), Buffer.from('\nend\n')]));
    const out = await scanBoth(root);
    expect(out.json.errors).toEqual([]);
    expect(out.json.files_scanned).toBe(2);
  });

  it('skips a binary file (NUL bytes)', async () => {
    const root = project({ 'test/good_test.exs': GOOD });
    writeFileSync(join(root, 'test/blob_test.exs'), Buffer.from('Process.sleep(1)\u0000\u0001\u0002', 'latin1'));
    const out = await scanBoth(root);
    expect(errorFor(out, 'test/blob_test.exs').message).toBe('skipped: binary file (contains NUL bytes)');
  });

  it('skips a file over --max-file-size, naming its size and the limit', async () => {
    const big = `defmodule App.BigTest do\n  use ExUnit.Case\n${'  # padding\n'.repeat(100)}  test "x" do\n    Process.sleep(10)\n  end\nend\n`;
    const root = project({ 'test/good_test.exs': GOOD, 'test/big_test.exs': big });
    const size = Buffer.byteLength(big);
    const out = await scanBoth(root, ['--max-file-size', '1000']);
    expect(errorFor(out, 'test/big_test.exs').message).toBe(`skipped: ${size} bytes is over the 1000-byte limit (raise it with --max-file-size)`);
    // Raising the limit scans it.
    const raised = await scanBoth(root, ['--max-file-size', String(size)]);
    expect(raised.json.errors).toEqual([]);
    expect(raised.json.findings.some((f) => f.file === 'test/big_test.exs')).toBe(true);
  });

  it('scans an empty file without complaint', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'test/empty_test.exs': '' });
    const out = await scanBoth(root);
    expect(out.json.errors).toEqual([]);
    expect(out.json.files_scanned).toBe(2);
  });
});

describe('encodings and layouts that are valid Elixir', () => {
  it('reads past a byte-order mark (positions as without it) and fix puts the BOM back', async () => {
    const root = project({ 'test/good_test.exs': `\uFEFF${GOOD}` });
    const out = await scanBoth(root);
    expect(out.json.errors).toEqual([]);
    await runFix(fixOptions(root));
    const written = readFileSync(join(root, 'test/good_test.exs'));
    expect([...written.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(written.toString('utf8')).toContain(':sys.get_state(pid)');
  });

  it('reads CRLF files with the same lines and columns, and fix keeps CRLF on every line', async () => {
    const root = project({ 'test/good_test.exs': GOOD.replace(/\n/g, '\r\n') });
    const out = await scanBoth(root);
    expect(out.json.errors).toEqual([]);
    await runFix(fixOptions(root));
    const written = readFileSync(join(root, 'test/good_test.exs'), 'utf8');
    expect(written).toContain(':sys.get_state(pid)');
    expect(written.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('counts a tab as one column', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'test/tabs_test.exs': GOOD.replace('App.GoodTest', 'App.TabsTest').replace(/^(?: {2})+/gm, (s) => '\t'.repeat(s.length / 2)) });
    const out = await scanBoth(root);
    expect(out.json.findings.find((f) => f.file === 'test/tabs_test.exs')).toMatchObject({ line: 6, column: 3 });
  });

  it('handles a 1 MB single line', async () => {
    const filler = 'x = 1; '.repeat(150_000);
    const line = `defmodule App.LongTest do use ExUnit.Case; test "long", %{pid: pid} do ${filler}GenServer.cast(pid, :bump); Process.sleep(30); assert GenServer.call(pid, :count) == 1 end end\n`;
    expect(line.length).toBeGreaterThan(1_000_000);
    const root = project({ 'test/good_test.exs': GOOD, 'test/long_test.exs': line });
    const out = await scanBoth(root);
    expect(out.json.errors).toEqual([]);
    const finding = out.json.findings.find((f) => f.file === 'test/long_test.exs');
    expect(finding).toMatchObject({ line: 1, column: line.indexOf('Process.sleep(30)') + 1, call: 'Process.sleep(30)' });
  });

  it('reports a sleep under 10,000 nested blocks as not analysed, without a stack overflow, scan or fix', async () => {
    const depth = 10_000;
    const nested = `defmodule App.DeepTest do\n  use ExUnit.Case\n  test "deep" do\n${'if true do\n'.repeat(depth)}Process.sleep(10)\n${'end\n'.repeat(depth)}  end\nend\n`;
    const root = project({ 'test/good_test.exs': GOOD, 'test/deep_test.exs': nested });
    const out = await scanBoth(root);
    const error = errorFor(out, 'test/deep_test.exs');
    expect(error).toEqual({ file: 'test/deep_test.exs', line: depth + 4, message: 'a candidate sleep nested more than 500 levels deep was not analysed' });
    const result = await runFix(fixOptions(root));
    expect(readFileSync(join(root, 'test/deep_test.exs'), 'utf8')).toBe(nested);
    expect(result.files.map((f) => f.rel)).toEqual(['test/good_test.exs']);
  });
});

describe('paths', () => {
  it('reports a dangling symlink and a symlink loop, and goes on', async () => {
    const root = project({ 'test/good_test.exs': GOOD });
    symlinkSync(join(root, 'test/missing_test.exs'), join(root, 'test/dangling_test.exs'));
    symlinkSync('self_test.exs', join(root, 'test/self_test.exs'));
    mkdirSync(join(root, 'test/sub'));
    symlinkSync('..', join(root, 'test/sub/up'));
    const out = await scanBoth(root);
    expect(errorFor(out, 'test/dangling_test.exs').message).toBe('dangling symlink: its target does not exist');
    expect(errorFor(out, 'test/self_test.exs').message).toMatch(/^symlink loop: /);
    expect(errorFor(out, 'test/sub/up').message).toBe('symlink loop: leads back to test, which the walk is already inside');
  });

  it('walks into a directory named x_test.exs instead of reading it as a file', async () => {
    const root = project({ 'test/good_test.exs': GOOD, 'test/x_test.exs/inner_test.exs': GOOD.replace('App.GoodTest', 'App.InnerTest') });
    const out = await scanBoth(root);
    expect(out.json.errors).toEqual([]);
    expect(out.json.findings.map((f) => f.file)).toEqual(['test/good_test.exs', 'test/x_test.exs/inner_test.exs']);
    // Named on the command line, it is walked too.
    const given = await runCli(['scan', join(root, 'test/x_test.exs'), '--root', root, '-q', '--format', 'json']);
    expect(given.code).toBe(0);
    expect((JSON.parse(given.stdout) as Report).findings.map((f) => f.file)).toEqual(['test/x_test.exs/inner_test.exs']);
  });

  it('reports and rewrites files whose paths have spaces and non-ASCII names', async () => {
    const rel = 'test/my dir/ünïcødé 测试_test.exs';
    const root = project({ 'test/good_test.exs': GOOD, [rel]: GOOD.replace('App.GoodTest', 'App.UnicodeTest') });
    const out = await scanBoth(root);
    expect(out.json.errors).toEqual([]);
    expect(out.json.findings.map((f) => f.file)).toEqual(['test/good_test.exs', rel]);
    expect(out.text).toContain(rel);
    const result = await runFix(fixOptions(root));
    expect(result.files.find((f) => f.rel === rel)?.status).toBe('ok');
    expect(readFileSync(join(root, rel), 'utf8')).toContain(':sys.get_state(pid)');
  });
});

describe('exit codes', () => {
  it('bad files are reported but never change the exit code of check or scan --fail-on-problematic', async () => {
    const deep = `defmodule App.DeepTest do\n  use ExUnit.Case\n  test "deep" do\n${'if true do\n'.repeat(600)}Process.sleep(10)\n${'end\n'.repeat(600)}  end\nend\n`;
    const root = project({ 'test/empty_test.exs': '', 'test/deep_test.exs': deep, 'test/big_test.exs': `# Process.sleep(1)\n${'#\n'.repeat(600)}` });
    writeFileSync(join(root, 'test/blob_test.exs'), Buffer.from('Process.sleep(1)\u0000', 'latin1'));
    writeFileSync(join(root, 'test/latin1_test.exs'), Buffer.from([0x50, 0x72, 0x6f, 0x63, 0x65, 0x73, 0x73, 0x2e, 0x73, 0x6c, 0x65, 0x65, 0x70, 0xff]));
    symlinkSync(join(root, 'test/missing_test.exs'), join(root, 'test/dangling_test.exs'));
    const args = (command: string) => [command, root, '-q', '--max-file-size', '1000', '--format', 'json'];
    for (const [command, extra] of [['check', []], ['scan', ['--fail-on-problematic']]] as const) {
      const clean = await runCli([...args(command), ...extra]);
      expect(clean.code, clean.stderr).toBe(0);
      expect((JSON.parse(clean.stdout) as Report).errors.map((e) => e.file).sort()).toEqual(['test/big_test.exs', 'test/blob_test.exs', 'test/dangling_test.exs', 'test/deep_test.exs', 'test/latin1_test.exs']);
    }
    writeFileSync(join(root, 'test/good_test.exs'), GOOD);
    expect((await runCli(args('check'))).code).toBe(1);
    expect((await runCli([...args('scan'), '--fail-on-problematic'])).code).toBe(1);
  });
});
