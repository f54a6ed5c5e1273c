// What survives a session: .sleepless/session.json (skips, position, what was written), --resume,
// and the refusal to touch files with uncommitted changes.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COUNTER, GAUGE, SUITE, copySuite, session, type Project } from './harness.js';
import { runCli } from '../helpers/cli.js';
import type { SessionState } from '../../src/session/store.js';
import { acquireLock } from '../../src/fix/lock.js';

let p: Project;
afterEach(() => p?.cleanup());

const original = (rel: string) => readFileSync(join(SUITE, rel), 'utf8');
const firstStep = (output: string) => /^\[\d+\/\d+\] \S+/m.exec(output)?.[0];
const saved = () => JSON.parse(p.read('.sleepless/session.json')) as SessionState;

describe('--resume', () => {
  it('continues where the last session stopped; skipped sites stay skipped', async () => {
    p = copySuite();
    await session(p, ['a', 's', 'q']);
    expect(saved().position).toMatchObject({ file: COUNTER, line: 22 });
    const resumed = await session(p, ['q'], { resume: true });
    expect(firstStep(resumed.output)).toBe('[1/4] test/counter_test.exs:22:5');
    // Without --resume the skipped site comes back.
    const fresh = await session(p, ['q']);
    expect(firstStep(fresh.output)).toBe('[1/5] test/counter_test.exs:14:7');
  });

  it('starts in the file where it stopped, then wraps round to earlier files with anything left', async () => {
    p = copySuite();
    await session(p, ['s', 'a', 's', 's', 'q']);
    expect(saved().position).toMatchObject({ file: GAUGE, line: 13 });
    // Meanwhile someone adds a sleep to the first file: it is reviewed after the wrap.
    p.write(COUNTER, p.read(COUNTER).replace('      assert_received :ping\n', '      assert_received :ping\n      send(self(), :pong)\n      Process.sleep(60)\n      assert_received :pong\n'));
    const resumed = await session(p, ['s', 's', 'q'], { resume: true, allowDirty: true });
    expect([...resumed.output.matchAll(/^\[\d+\/\d+\] \S+/gm)].map((m) => m[0])).toEqual([
      '[1/3] test/gauge_test.exs:13:5',
      '[2/3] test/gauge_test.exs:20:5',
      '[3/3] test/counter_test.exs:16:7',
    ]);
  });

  it('remembers skips across sessions; a finished session leaves no position and nothing to resume', async () => {
    p = copySuite();
    await session(p, ['s', 's', 's', 's', 's', 's']);
    expect(saved().position).toBeNull();
    expect(saved().skipped.map((s) => `${s.file}:${s.line}`)).toEqual([`${COUNTER}:8`, `${COUNTER}:14`, `${COUNTER}:22`, `${COUNTER}:29`, `${GAUGE}:13`, `${GAUGE}:20`]);
    const resumed = await session(p, [], { resume: true });
    expect(resumed.result.stop).toBe('done');
    expect(resumed.output).toBe('nothing to review: no problematic sleeps with a decision to make (6 skipped in earlier sessions: run without --resume to see them again)\n');
    expect(saved().skipped).toHaveLength(6);
  });

  it('keeps allowlisted sites out for good: they scan as legitimate', async () => {
    p = copySuite();
    await session(p, ['l', 'ttl', 'counter flush tick', 'entry', 'q']);
    const fresh = await session(p, ['q']);
    expect(firstStep(fresh.output)).toBe('[1/5] test/counter_test.exs:14:7');
  });

  it('says when there is nothing to resume, and starts a new session', async () => {
    p = copySuite();
    const run = await session(p, ['q'], { resume: true });
    expect(run.output).toContain('no earlier session to resume under this root: starting a new one');
    expect(firstStep(run.output)).toBe('[1/6] test/counter_test.exs:8:7');
  });

  it('reports a malformed session file with its place, and what to do', async () => {
    p = copySuite();
    mkdirSync(join(p.dir, '.sleepless'));
    p.write('.sleepless/session.json', '{ "version": 1, "position": null, "skipped": {}, "written": {} }\n');
    await expect(session(p, [], { resume: true })).rejects.toThrow(/\.sleepless\/session\.json:1:\d+: field skipped must be array; delete it, or run `sleepless fix` without --resume/);
  });
});

describe('uncommitted changes', () => {
  it('refuses to touch a file with uncommitted changes, says why, and reviews the others', async () => {
    p = copySuite({ git: true });
    p.write(COUNTER, `${original(COUNTER)}# work in progress\n`);
    const run = await session(p, ['q']);
    expect(run.output).toContain(
      'test/counter_test.exs: has uncommitted changes: left alone so that every rewrite can be reviewed and undone with git; commit or stash them first, or pass --allow-dirty',
    );
    expect(firstStep(run.output)).toBe('[1/2] test/gauge_test.exs:13:5');
    expect(run.summary).toContain('test/counter_test.exs: has uncommitted changes');
  });

  it('--allow-dirty reviews it anyway', async () => {
    p = copySuite({ git: true });
    p.write(COUNTER, `${original(COUNTER)}# work in progress\n`);
    const run = await session(p, ['a', 'q'], { allowDirty: true });
    expect(firstStep(run.output)).toBe('[1/6] test/counter_test.exs:8:7');
    expect(p.read(COUNTER)).toContain(':sys.get_state(pid)');
  });

  it("does not count the session's own rewrites as someone's uncommitted work, and keeps its state out of git status", async () => {
    p = copySuite({ git: true });
    await session(p, ['a', 'q']);
    expect(p.repo!.git('status', '--porcelain')).toBe(` M ${COUNTER}\n`);
    const again = await session(p, ['q']);
    expect(firstStep(again.output)).toBe('[1/5] test/counter_test.exs:14:7');
    // Edited by hand since: now it is someone's work in progress.
    p.write(COUNTER, `${p.read(COUNTER)}# by hand\n`);
    const after = await session(p, ['q']);
    expect(firstStep(after.output)).toBe('[1/2] test/gauge_test.exs:13:5');
  });
});

describe('one writer at a time', () => {
  it('refuses to start while another run holds the lock, and releases its own', async () => {
    p = copySuite();
    const lock = await acquireLock(p.dir);
    await expect(session(p, [])).rejects.toThrow(/another sleepless run \(pid \d+, started [^)]+\) is writing in/);
    await lock.release();
    await session(p, ['q']);
    expect(p.exists('.sleepless/lock')).toBe(false);
    expect(p.read(COUNTER)).toBe(original(COUNTER));
  });
});

describe('fix without a terminal', () => {
  it('exits 2 and says to use --yes or --dry', async () => {
    p = copySuite();
    const result = await runCli(['fix', p.dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('fix needs a terminal for the interactive session; use --yes to apply the safe rewrites or --dry to preview them');
    expect(p.read(COUNTER)).toBe(original(COUNTER));
  });
});
