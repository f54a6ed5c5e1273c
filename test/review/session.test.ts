// The decision loop with scripted answers, one describe per key, on copies of test/review/suite:
//   counter_test.exs  8 sync_barrier · 14 remove (or assert_receive) · 22 monitor_down · 29 remove (or wait_for)
//   gauge_test.exs   13 sync_barrier · 20 manual (no automatic fix) · 6 legitimate (ttl, never shown)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COUNTER, GAUGE, SUITE, copySuite, offered, session, type Project } from './harness.js';
import { loadAllowlist } from '../../src/allowlist/allowlist.js';
import { SessionInterrupted, type Question } from '../../src/review/ask.js';

let p: Project;
beforeEach(() => {
  p = copySuite();
});
afterEach(() => p.cleanup());

const original = (rel: string) => readFileSync(join(SUITE, rel), 'utf8');
const steps = (output: string) => [...output.matchAll(/^\[(\d+)\/(\d+)\] (\S+)/gm)].map((m) => `[${m[1]}/${m[2]}] ${m[3]}`);

async function verdictAt(rel: string, line: number): Promise<{ verdict: string; category: string | null; rule: string }> {
  const finding = (await p.findings()).find((f) => f.file === rel && f.line === line);
  if (!finding) throw new Error(`no finding at ${rel}:${line}`);
  return { verdict: finding.verdict, category: finding.category, rule: finding.rule };
}

describe('a step', () => {
  it('shows progress, place, test names, reason, evidence, the code with the sleep marked, and the diff of that one site', async () => {
    const run = await session(p, ['q']);
    expect(run.output).toContain(
      [
        '[1/6] test/counter_test.exs:8:7  sync_barrier (safe)',
        '  describe "incr" › test "casts then reads"',
        '  Process.sleep(50) — waits for `GenServer.cast` to `pid` (line 7); line 9 checks the same process',
        '  rule sync-barrier · confidence high · evidence: lines 7, 9',
        '',
        '   5 │     test "casts then reads" do',
        '   6 │       {:ok, pid} = GenServer.start_link(Tally.Counter, 0)',
        '•  7 │       GenServer.cast(pid, :incr)',
        '›  8 │       Process.sleep(50)',
        '     │       ^^^^^^^^^^^^^^^^^',
        '•  9 │       assert GenServer.call(pid, :value) == 1',
        '  10 │     end',
        '  11 │',
        '',
        '  proposed: sync_barrier — replace a sleep after a cast or send with :sys.get_state/1 on the same process',
        '--- a/test/counter_test.exs',
        '+++ b/test/counter_test.exs',
        '@@ -5,7 +5,7 @@',
        '     test "casts then reads" do',
        '       {:ok, pid} = GenServer.start_link(Tally.Counter, 0)',
        '       GenServer.cast(pid, :incr)',
        '-      Process.sleep(50)',
        '+      :sys.get_state(pid)',
        '       assert GenServer.call(pid, :value) == 1',
        '     end',
        '',
        'a apply · s skip · c choose another fix · l mark legitimate · e edit in $EDITOR · f apply all in this file · k apply all sync_barrier · q quit · ? help',
      ].join('\n'),
    );
    // The diff holds that site's change only, though five other sites have rewrites too.
    expect(run.output.match(/^-(?!--)/gm)).toHaveLength(1);
    expect(run.output.match(/^\+(?!\+\+)/gm)).toHaveLength(1);
  });

  it('never shows a legitimate sleep, and a sleep with no automatic fix offers only skip, legitimate, undo, quit, help', async () => {
    const run = await session(p, ['s', 's', 's', 's', 's', 'a', 'x', 's']);
    expect(steps(run.output)).toEqual([
      '[1/6] test/counter_test.exs:8:7',
      '[2/6] test/counter_test.exs:14:7',
      '[3/6] test/counter_test.exs:22:5',
      '[4/6] test/counter_test.exs:29:5',
      '[5/6] test/gauge_test.exs:13:5',
      '[6/6] test/gauge_test.exs:20:5',
    ]);
    expect(offered(run).at(-1)).toBe('slq?');
    expect(run.output).toContain('  no automatic fix (manual: last statement: lets `send` (line 19) finish, but nothing checks it)');
    expect(run.output).toContain('“x” is not one of the keys here: s l q ?');
    expect(run.output).toContain('“a” is not one of the keys here');
    expect(run.result.stop).toBe('done');
    expect(run.summary).toContain('decisions: 0 applied · 6 skipped · 0 allowlisted');
    expect(run.summary).toMatch(/manual\s+1 skipped/);
  });
});

describe('a: apply', () => {
  it('writes each accepted rewrite at once and plans the file again, so later sites follow the moved lines', async () => {
    const run = await session(p, ['a', 's', 'a', 'a', 'q']);
    const expected = original(COUNTER)
      .replace('      Process.sleep(50)\n', '      :sys.get_state(pid)\n')
      .replace('    Process.exit(pid, :kill)\n    Process.sleep(100)\n', '    ref = Process.monitor(pid)\n    Process.exit(pid, :kill)\n    assert_receive {:DOWN, ^ref, :process, ^pid, _}, 500\n')
      .replace('    GenServer.call(pid, :value)\n    Process.sleep(20)\n', '    GenServer.call(pid, :value)\n');
    expect(p.read(COUNTER)).toBe(expected);
    expect(p.read(GAUGE)).toBe(original(GAUGE));
    // monitor_down added a line: the last site of the file moved from line 29 to line 30.
    expect(steps(run.output)).toEqual(['[1/6] test/counter_test.exs:8:7', '[2/6] test/counter_test.exs:14:7', '[3/6] test/counter_test.exs:22:5', '[4/6] test/counter_test.exs:30:5', '[5/6] test/gauge_test.exs:13:5']);
    expect(run.result.decisions.map((d) => [d.action, d.fix, d.line])).toEqual([
      ['applied', 'sync_barrier', 8],
      ['skipped', 'remove', 14],
      ['applied', 'monitor_down', 22],
      ['applied', 'remove', 30],
    ]);
    expect(run.summary).toContain('decisions: 3 applied · 1 skipped · 0 allowlisted · 2 left');
    expect(run.summary).toMatch(/sync_barrier\s+1 applied/);
    expect(run.summary).toMatch(/remove\s+1 applied · 1 skipped/);
    expect(run.summary).toContain('time removed: 170 ms of sleeping per run');
    expect(p.tempFiles()).toEqual([]);
  });
});

describe('s: skip', () => {
  it('leaves the file alone and remembers the site', async () => {
    const run = await session(p, ['s', 'q']);
    expect(p.read(COUNTER)).toBe(original(COUNTER));
    const saved = JSON.parse(p.read('.sleepless/session.json')) as { skipped: { fingerprint: string; line: number }[] };
    expect(saved.skipped.map((s) => s.line)).toEqual([8]);
    expect(saved.skipped[0]!.fingerprint).toBe(run.result.decisions[0]!.fingerprint);
  });
});

describe('c: choose another fix', () => {
  it('lists the applicable fixes in ladder order with previews, and the chosen one becomes the proposal', async () => {
    const run = await session(p, ['s', 'c', 'assert_receive', 'a', 'q']);
    const question = run.asked.find((q) => q.kind === 'select' && q.id === 'fix');
    expect(question?.kind === 'select' && question.choices.map((c) => c.value)).toEqual(['remove', 'assert_receive']);
    expect(run.output).toContain('1. remove (review) — current — delete a sleep that follows only synchronous work');
    expect(run.output).toMatch(/2\. assert_receive \(safe\)[^\n]*\n--- a\/test\/counter_test.exs[\s\S]*?\+      assert_receive :ping, 150/);
    expect(run.output).toContain('[2/6] test/counter_test.exs:14:7  assert_receive (safe)');
    expect(run.output).toContain('  chosen: assert_receive');
    expect(p.read(COUNTER)).toContain('      send(self(), :ping)\n      assert_receive :ping, 150\n    end');
    expect(run.result.decisions.map((d) => [d.action, d.fix])).toEqual([
      ['skipped', 'sync_barrier'],
      ['applied', 'assert_receive'],
    ]);
  });

  it('asks before writing the helpers module a wait_for rewrite needs, and writes it once', async () => {
    const run = await session(p, ['c', 'wait_for', 'a', 'yes', 's', 's', 'c', 'wait_for', 'a', 'q']);
    const helperQuestions = run.asked.filter((q) => q.kind === 'select' && q.id === 'helpers');
    expect(helperQuestions).toHaveLength(1);
    expect(p.exists('test/support/wait_helpers.ex')).toBe(true);
    expect(p.read('test/support/wait_helpers.ex')).toContain('defmodule Tally.WaitHelpers do');
    const counter = p.read(COUNTER);
    expect(counter.match(/import Tally\.WaitHelpers/g)).toHaveLength(1);
    expect(counter).toContain('wait_for(fn -> GenServer.call(pid, :value) == 1 end, 250)');
    expect(counter).toContain('wait_for(fn -> GenServer.call(pid, :value) == 0 end, 100)');
  });

  it('writes nothing when the helpers are declined, and the person can pick another fix', async () => {
    const run = await session(p, ['c', 'wait_for', 'a', 'no', 'c', 'sync_barrier', 'a', 'q']);
    expect(run.output).toContain('not applied: the rewrite needs wait_for; choose another fix (c), edit it (e) or skip (s)');
    expect(p.exists('test/support/wait_helpers.ex')).toBe(false);
    expect(p.read(COUNTER)).toContain(':sys.get_state(pid)');
    expect(p.read(COUNTER)).not.toContain('wait_for');
  });

  it('says so when no other fix applies (here: -t sync_barrier allows only that one)', async () => {
    const run = await session(p, ['c', 'q'], { only: 'sync_barrier' });
    expect(run.output).toContain('no other fix applies to this sleep than sync_barrier');
    expect(run.asked.map((q) => q.kind)).toEqual(['action', 'action']);
  });

  it('ignores an answer that is not one of the fixes offered', async () => {
    const run = await session(p, ['c', 'nonsense', 'a', 'q']);
    expect(run.result.decisions.map((d) => d.fix)).toEqual(['sync_barrier']);
  });
});

describe('l: mark legitimate', () => {
  it('adds a validated, pretty-printed entry to sleepless.allowlist.json; the site scans as allowlisted', async () => {
    const run = await session(p, ['l', 'ttl', '  the   counter flushes on a timer  ', 'entry', 'q']);
    const category = run.asked.find((q) => q.kind === 'select' && q.id === 'category');
    expect(category?.kind === 'select' && category.choices.map((c) => c.value)).toEqual(['infinity', 'ttl', 'rate_window', 'timeout_sim', 'load_sim', 'spawned_work', 'time_measurement', 'poll_interval']);
    const fingerprint = run.result.decisions[0]!.fingerprint;
    expect(p.read('sleepless.allowlist.json')).toBe(
      `{\n  "version": 1,\n  "sites": [\n    {\n      "fingerprint": "${fingerprint}",\n      "category": "ttl",\n      "reason": "the counter flushes on a timer"\n    }\n  ]\n}\n`,
    );
    expect(loadAllowlist(p.dir).sites).toHaveLength(1);
    expect(await verdictAt(COUNTER, 8)).toEqual({ verdict: 'legitimate', category: 'allowlisted', rule: 'allowlist-entry' });
    expect(p.read(COUNTER)).toBe(original(COUNTER));
    expect(steps(run.output)).toEqual(['[1/6] test/counter_test.exs:8:7', '[2/6] test/counter_test.exs:14:7']);
    expect(run.summary).toContain('allowlisted: 1 in sleepless.allowlist.json, 0 inline');
    expect(run.summary).toMatch(/sync_barrier\s+1 allowlisted/);
  });

  it('appends to an existing allowlist, keeping its indentation and entries', async () => {
    const existing = '{\n    "version": 1,\n    "sites": [\n        { "file": "test/gauge_test.exs", "call": "Process.sleep(150)", "category": "ttl", "reason": "cache entry ttl" }\n    ]\n}\n';
    p.write('sleepless.allowlist.json', existing);
    await session(p, ['l', 'timeout_sim', 'slow on purpose', 'entry', 'q']);
    const text = p.read('sleepless.allowlist.json');
    expect(text.startsWith(existing.replace('ttl" }\n', 'ttl" },\n'))).toBe(false);
    expect(text.startsWith('{\n    "version": 1,\n    "sites": [\n        { "file": "test/gauge_test.exs", "call": "Process.sleep(150)", "category": "ttl", "reason": "cache entry ttl" },\n')).toBe(true);
    expect(text).toMatch(/\n {8}\{\n {12}"fingerprint": "[0-9a-f]{16}",\n {12}"category": "timeout_sim",\n {12}"reason": "slow on purpose"\n {8}\}\n {4}\]\n\}\n$/);
    expect(loadAllowlist(p.dir).sites.map((s) => s.category)).toEqual(['ttl', 'timeout_sim']);
  });

  it('writes nothing to an allowlist that does not match the schema, and says where it is wrong', async () => {
    const broken = '{ "version": 1, "sites": [ { "fingerprint": "abc", "category": "ttl", "reason": "x y z" } ] }\n';
    p.write('sleepless.allowlist.json', broken);
    // The broken file fails the scan itself (exit 2 in the CLI): nothing is walked.
    await expect(session(p, [])).rejects.toThrow(/sleepless\.allowlist\.json:1:\d+: field sites\[0\]\.fingerprint/);
    expect(p.read('sleepless.allowlist.json')).toBe(broken);
  });

  it('inserts `# sleepless:allow CATEGORY reason` above the sleep at its indentation; the site scans as allowlisted', async () => {
    const run = await session(p, ['s', 'l', 'rate_window', 'waits out\nthe  window', 'inline', 'q']);
    expect(p.read(COUNTER)).toBe(original(COUNTER).replace('      Process.sleep(30)\n', '      # sleepless:allow rate_window waits out the window\n      Process.sleep(30)\n'));
    expect(await verdictAt(COUNTER, 15)).toEqual({ verdict: 'legitimate', category: 'allowlisted', rule: 'inline-allow' });
    expect(p.exists('sleepless.allowlist.json')).toBe(false);
    expect(steps(run.output).at(-1)).toBe('[3/6] test/counter_test.exs:23:5');
    expect(run.summary).toContain('allowlisted: 0 in sleepless.allowlist.json, 1 inline');
  });

  it('keeps CRLF line endings, in the comment and in rewrites', async () => {
    p.write(COUNTER, original(COUNTER).replace(/\n/g, '\r\n'));
    await session(p, ['a', 'l', 'load_sim', 'stress', 'inline', 'q']);
    const text = p.read(COUNTER);
    expect(text).toContain('      :sys.get_state(pid)\r\n');
    expect(text).toContain('      # sleepless:allow load_sim stress\r\n      Process.sleep(30)\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('refuses a reason shorter than three characters', async () => {
    const run = await session(p, ['l', 'ttl', 'ok', 'q']);
    const input = run.asked.find((q): q is Extract<Question, { kind: 'input' }> => q.kind === 'input');
    expect(input?.validate?.('ok')).toMatch(/at least 3 characters/);
    expect(input?.validate?.('fine')).toBeNull();
    expect(p.exists('sleepless.allowlist.json')).toBe(false);
    expect(run.result.decisions).toEqual([]);
  });
});

describe('e: edit in $EDITOR', () => {
  /** An $EDITOR that logs the file it got, keeps a copy, and runs `sed EXPR` on it. */
  function editor(expr: string): { env: NodeJS.ProcessEnv; log: string; copy: string } {
    const script = join(p.scratch, 'editor.sh');
    const log = `${script}.log`;
    const copy = `${script}.copy`;
    writeFileSync(script, `#!/bin/sh\necho "$1" >> '${log}'\ncp "$1" '${copy}'\nsed -i -e '${expr}' "$1"\n`);
    chmodSync(script, 0o755);
    return { env: { EDITOR: script }, log, copy };
  }

  it('hands the proposed replacement to $EDITOR and applies what comes back, in place of the original lines', async () => {
    const ed = editor('s/:sys.get_state(pid)/_state = :sys.get_state(pid)/');
    const run = await session(p, ['e', 'q'], { env: ed.env });
    expect(readFileSync(ed.copy, 'utf8')).toBe('      :sys.get_state(pid)\n');
    expect(p.read(COUNTER)).toBe(original(COUNTER).replace('      Process.sleep(50)\n', '      _state = :sys.get_state(pid)\n'));
    expect(run.result.decisions.map((d) => [d.action, d.fix, d.how])).toEqual([['applied', 'sync_barrier', 'edited']]);
    // The temp file is gone.
    const temp = readFileSync(ed.log, 'utf8').trim();
    expect(temp).toMatch(/sleepless-edit-.*replacement\.exs$/);
    expect(existsSync(temp)).toBe(false);
  });

  it('edits every line a multi-part rewrite touches (monitor_down inserts before the kill)', async () => {
    const ed = editor('s/, 500$/, 1_000/');
    await session(p, ['s', 's', 'e', 'q'], { env: ed.env });
    expect(readFileSync(ed.copy, 'utf8')).toBe('    ref = Process.monitor(pid)\n    Process.exit(pid, :kill)\n    assert_receive {:DOWN, ^ref, :process, ^pid, _}, 500\n');
    expect(p.read(COUNTER)).toContain('    pid = spawn(fn -> Process.sleep(:infinity) end)\n    ref = Process.monitor(pid)\n    Process.exit(pid, :kill)\n    assert_receive {:DOWN, ^ref, :process, ^pid, _}, 1_000\n    refute Process.alive?(pid)\n');
  });

  it('refuses an edit that does not parse, writes nothing, and asks again', async () => {
    const ed = editor('s/:sys.get_state(pid)/:sys.get_state(pid/');
    const run = await session(p, ['e', 's', 'q'], { env: ed.env });
    expect(run.output).toContain('test/counter_test.exs: your version does not parse; nothing written');
    expect(p.read(COUNTER)).toBe(original(COUNTER));
    expect(run.result.decisions.map((d) => d.action)).toEqual(['skipped']);
  });

  it('applies nothing when the editor fails', async () => {
    const run = await session(p, ['e', 'q'], { env: { EDITOR: 'false' } });
    expect(run.output).toContain('the editor `false` exited with status 1; nothing applied');
    expect(p.read(COUNTER)).toBe(original(COUNTER));
  });
});

describe('f: apply all remaining in this file', () => {
  it('applies this and every later rewrite of the file without asking, then asks again in the next file', async () => {
    const run = await session(p, ['f', 'q']);
    expect(p.read(COUNTER).match(/Process\.sleep\(/g)).toEqual(['Process.sleep(']); // the legitimate :infinity one
    expect(run.result.decisions.map((d) => [d.fix, d.how])).toEqual([
      ['sync_barrier', 'key'],
      ['remove', 'auto'],
      ['monitor_down', 'auto'],
      ['remove', 'auto'],
    ]);
    expect(run.output).toContain('[2/6] test/counter_test.exs:14  remove applied (all in this file)');
    expect(steps(run.output).at(-1)).toBe('[5/6] test/gauge_test.exs:13:5');
    expect(p.read(GAUGE)).toBe(original(GAUGE));
  });
});

describe('k: apply all remaining of this kind', () => {
  it('applies every later rewrite of the same fix kind, in every file', async () => {
    const run = await session(p, ['k', 's', 's', 's', 's']);
    expect(run.result.decisions.map((d) => [d.action, d.fix, d.rel, d.how])).toEqual([
      ['applied', 'sync_barrier', COUNTER, 'key'],
      ['skipped', 'remove', COUNTER, 'key'],
      ['skipped', 'monitor_down', COUNTER, 'key'],
      ['skipped', 'remove', COUNTER, 'key'],
      ['applied', 'sync_barrier', GAUGE, 'auto'],
      ['skipped', 'manual', GAUGE, 'key'],
    ]);
    expect(offered(run)[0]).toContain('k');
    expect(run.asked[0]!.kind === 'action' && run.asked[0]!.choices.find((c) => c.key === 'k')?.name).toBe('apply all sync_barrier');
    expect(p.read(GAUGE)).toContain('    GenServer.cast(gauge, {:set, 5})\n    :sys.get_state(gauge)\n');
    expect(run.summary).toMatch(/sync_barrier\s+2 applied/);
    expect(run.result.stop).toBe('done');
  });
});

describe('u: undo', () => {
  it('puts the file back as it was and shows the site again', async () => {
    const run = await session(p, ['a', 'a', 'u', 'u', 'q']);
    expect(p.read(COUNTER)).toBe(original(COUNTER));
    expect(run.output.match(/^undone: /gm)).toHaveLength(2);
    // remove deleted line 14, so the third site showed at line 21 until the undo.
    expect(steps(run.output)).toEqual(['[1/6] test/counter_test.exs:8:7', '[2/6] test/counter_test.exs:14:7', '[3/6] test/counter_test.exs:21:5', '[2/6] test/counter_test.exs:14:7', '[1/6] test/counter_test.exs:8:7']);
    expect(run.result.decisions).toEqual([]);
    expect(offered(run)[0]).not.toContain('u');
    expect(offered(run)[1]).toContain('u');
  });

  it('refuses when the file no longer holds what sleepless wrote', async () => {
    const touched = (q: Question) => {
      void q;
      p.write(COUNTER, `${p.read(COUNTER)}# edited by hand\n`);
      return 'u';
    };
    const run = await session(p, ['a', touched, 'q']);
    expect(run.output).toContain('cannot undo: test/counter_test.exs changed since sleepless wrote it; left as it is');
    expect(p.read(COUNTER)).toContain(':sys.get_state(pid)');
    expect(p.read(COUNTER)).toContain('# edited by hand');
  });

  it('takes back an allowlist entry (removing the file it created) and an inline comment', async () => {
    const run = await session(p, ['l', 'ttl', 'timer flush', 'entry', 'u', 'l', 'ttl', 'timer flush', 'inline', 'u', 'q']);
    expect(p.exists('sleepless.allowlist.json')).toBe(false);
    expect(p.read(COUNTER)).toBe(original(COUNTER));
    // The inline comment pushed the next site down one line.
    expect(steps(run.output)).toEqual(['[1/6] test/counter_test.exs:8:7', '[2/6] test/counter_test.exs:14:7', '[1/6] test/counter_test.exs:8:7', '[2/6] test/counter_test.exs:15:7', '[1/6] test/counter_test.exs:8:7']);
  });

  it('goes back to the earlier file when the last change was there, and f does not re-apply it', async () => {
    const run = await session(p, ['f', 'u', 'q']);
    expect(steps(run.output).slice(-2)).toEqual(['[5/6] test/gauge_test.exs:13:5', '[4/6] test/counter_test.exs:29:5']);
    expect(p.read(COUNTER)).toContain('    GenServer.call(pid, :value)\n    Process.sleep(20)\n');
    expect(p.read(COUNTER)).not.toContain('Process.sleep(50)');
    expect(run.result.decisions).toHaveLength(3);
  });
});

describe('q: quit', () => {
  it('stops mid-file with what was accepted written and the rest untouched, and remembers where', async () => {
    const run = await session(p, ['s', 'a', 'q']);
    expect(run.result.stop).toBe('quit');
    expect(run.result.remaining).toBe(4);
    expect(p.read(COUNTER)).toBe(original(COUNTER).replace('      Process.sleep(30)\n', ''));
    const saved = JSON.parse(p.read('.sleepless/session.json')) as { position: { file: string; line: number } };
    expect(saved.position).toMatchObject({ file: COUNTER, line: 21 });
    expect(run.summary).toContain('stopped (q)');
    expect(run.summary).toContain('`sleepless fix --resume` continues from here');
  });
});

describe('?: help', () => {
  it('explains every key and asks again without repeating the step', async () => {
    const run = await session(p, ['?', 'q']);
    expect(run.output).toContain('  u  undo                     undo the last change written');
    expect(run.output).toContain('  k  apply all of this kind');
    expect(steps(run.output)).toHaveLength(1);
    expect(run.asked).toHaveLength(2);
  });
});

describe('Ctrl-C and SIGTERM', () => {
  it('an interrupted prompt stops the session with every accepted change written and no temp files', async () => {
    const interrupt = () => {
      throw new SessionInterrupted('SIGINT');
    };
    const run = await session(p, ['a', interrupt]);
    expect(run.result.stop).toBe('SIGINT');
    expect(p.read(COUNTER)).toContain(':sys.get_state(pid)');
    expect(p.tempFiles()).toEqual([]);
    expect(run.summary).toContain('interrupted (Ctrl-C): every accepted change is written');
    const saved = JSON.parse(p.read('.sleepless/session.json')) as { position: { line: number } };
    expect(saved.position.line).toBe(14);
  });

  it('a signal that arrives while a change is being accepted lets the write finish, then stops', async () => {
    const controller = new AbortController();
    const acceptThenTerm = () => {
      controller.abort('SIGTERM');
      return 'a';
    };
    const run = await session(p, [acceptThenTerm], { signal: controller.signal });
    expect(run.result.stop).toBe('SIGTERM');
    expect(p.read(COUNTER)).toBe(original(COUNTER).replace('      Process.sleep(50)\n', '      :sys.get_state(pid)\n'));
    expect(run.result.decisions.map((d) => d.action)).toEqual(['applied']);
    expect(p.tempFiles()).toEqual([]);
  });
});

describe('a file with syntax errors', () => {
  it('is never rewritten: no fix is offered and no inline comment written, but an allowlist entry is', async () => {
    p.write(GAUGE, original(GAUGE).replace('  test "just waits" do\n', '  test "just waits" do\n    x = (\n'));
    const run = await session(p, ['s', 's', 's', 's', 'l', 'ttl', 'a cache ttl', 'inline', 'l', 'ttl', 'a cache ttl', 'entry', 'q']);
    expect(run.output).toMatch(/test\/gauge_test\.exs:\d+: syntax error near line \d+/);
    expect(run.output).toContain('[5/6] test/gauge_test.exs:13:5  no automatic fix');
    expect(run.output).toContain('  no automatic fix: the file has syntax errors, so it is never rewritten');
    expect(offered(run)[4]).toBe('slq?');
    expect(run.output).toContain('test/gauge_test.exs: the file has syntax errors, so sleepless does not edit it; record it in sleepless.allowlist.json instead');
    expect(p.read(GAUGE)).toContain('    x = (\n');
    expect(p.read(GAUGE).includes('sleepless:allow')).toBe(false);
    expect(JSON.parse(p.read('sleepless.allowlist.json')).sites).toHaveLength(1);
  });
});
