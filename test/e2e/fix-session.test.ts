// The real CLI (`node bin/sleepless.js fix`) in a pseudo-terminal (tmux), on a copy of the
// test/review/suite project: accept one rewrite, skip one, mark one legitimate with a reason, quit;
// then check the files, the allowlist and the printed summary. Then `fix --resume` starts at the
// next sleep and Ctrl-C stops it with exit 130.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COUNTER, GAUGE, SUITE, copySuite, type Project } from '../review/harness.js';
import { hasTmux, openTerminal, type Terminal } from './tmux.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/sleepless.js');
const available = hasTmux();
const required = !!process.env['CI'];
const title = available || required ? 'accept, skip, mark legitimate, quit — then resume and Ctrl-C' : 'SKIPPED: tmux is not installed (apt-get install tmux; CI fails without it)';
if (!available && !required) console.warn(`test/e2e/fix-session.test.ts: ${title}`);

/** The CLI runs from dist/: rebuild it when a source is newer (`npm test` has just built it anyway). */
function ensureBuilt(): void {
  const built = (() => {
    try {
      return statSync(join(ROOT, 'dist/sleepless.cjs')).mtimeMs;
    } catch {
      return 0;
    }
  })();
  const newest = ['src', 'transforms'].flatMap((dir) =>
    (readdirSync(join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => statSync(join(ROOT, dir, f)).mtimeMs),
  );
  if (Math.max(...newest) <= built) return;
  spawnSync(process.execPath, [join(ROOT, 'scripts/build.js')], { stdio: 'inherit' });
  if (!existsSync(join(ROOT, 'dist/sleepless.cjs'))) throw new Error('could not build dist/ (npm run build)');
}

describe('sleepless fix in a terminal', () => {
  let p: Project;
  let term: Terminal | undefined;
  beforeAll(() => {
    if (!available && required) throw new Error('tmux is required when CI is set (.ci/run installs it with apt-get)');
    if (available) ensureBuilt();
  });
  afterAll(() => {
    term?.close();
    p?.cleanup();
  });

  /** The step is on screen and its prompt waits for a key. */
  const atStep = (step: string) => (screen: string) => screen.includes(step) && /\? What now\? \([a-z?]+\)\s*$/.test(screen.slice(screen.lastIndexOf(step)));
  /** A question is waiting (once answered, inquirer turns its `?` into `✔`). */
  const prompting = (question: string) => (screen: string) => screen.includes(`? ${question}`);

  it.skipIf(!available && !required)(title, async () => {
    p = copySuite();
    term = openTerminal(`${process.execPath} ${BIN} fix; echo "EXIT=$?"`, { cwd: p.dir, env: { SLEEPLESS_DEBUG: '1' } });

    await term.waitFor('the first step', atStep('[1/6] test/counter_test.exs:8:7  sync_barrier (safe)'));
    expect(term.screen()).toContain('+      :sys.get_state(pid)');
    term.keys('a');

    await term.waitFor('the second step', atStep('[2/6] test/counter_test.exs:14:7  remove (review)'));
    term.keys('s');

    await term.waitFor('the third step', atStep('[3/6] test/counter_test.exs:22:5  monitor_down (safe)'));
    term.keys('l');
    await term.waitFor('the category question', prompting('Legitimate as which category?'));
    term.keys('2');
    await term.waitFor('ttl highlighted', (s) => /❯ 2\. ttl\s*$/m.test(s));
    term.keys('Enter');
    await term.waitFor('the reason question', prompting('Why is this sleep needed?'));
    term.type('the supervisor restarts it on a timer');
    term.keys('Enter');
    await term.waitFor('the where question', prompting('Record it where?'));
    term.keys('Enter'); // the first choice: an entry in sleepless.allowlist.json

    await term.waitFor('the fourth step', atStep('[4/6] test/counter_test.exs:29:5  remove (review)'));
    term.keys('q');

    const screen = await term.waitFor('the exit status', (s) => /^EXIT=\d+$/m.test(s));
    const summary = screen.slice(screen.indexOf('sleepless fix: '));
    expect(summary).toContain('sleepless fix: stopped (q)');
    expect(summary).toContain('decisions: 1 applied · 1 skipped · 1 allowlisted · 3 left');
    expect(summary).toMatch(/sync_barrier\s+1 applied/);
    expect(summary).toMatch(/remove\s+1 skipped/);
    expect(summary).toMatch(/monitor_down\s+1 allowlisted/);
    expect(summary).toContain('time removed: 50 ms of sleeping per run');
    expect(summary).toContain('allowlisted: 1 in sleepless.allowlist.json, 0 inline');
    expect(summary).toContain('EXIT=0');

    const counter = p.read(COUNTER);
    const original = readFileSync(join(SUITE, COUNTER), 'utf8');
    expect(counter).toBe(original.replace('      Process.sleep(50)\n', '      :sys.get_state(pid)\n'));
    expect(p.read(GAUGE)).toBe(readFileSync(join(SUITE, GAUGE), 'utf8'));
    const allowlist = JSON.parse(p.read('sleepless.allowlist.json')) as { version: number; sites: { fingerprint: string; category: string; reason: string }[] };
    const killed = (await p.findings()).find((f) => f.file === COUNTER && f.test === 'killed process' && f.call === 'Process.sleep(100)')!;
    expect(allowlist).toEqual({ version: 1, sites: [{ fingerprint: killed.fingerprint, category: 'ttl', reason: 'the supervisor restarts it on a timer' }] });
    expect(killed).toMatchObject({ verdict: 'legitimate', category: 'allowlisted' });
    const session = JSON.parse(p.read('.sleepless/session.json')) as { skipped: { line: number }[]; position: { line: number } };
    expect(session.skipped.map((s) => s.line)).toEqual([14]);
    expect(session.position.line).toBe(29);
    term.close();

    // --resume starts at the sleep the session stopped on; Ctrl-C at the prompt exits 130.
    term = openTerminal(`${process.execPath} ${BIN} fix --resume; echo "EXIT=$?"`, { cwd: p.dir });
    await term.waitFor('the resumed step', atStep('[1/3] test/counter_test.exs:29:5  remove (review)'));
    term.keys('C-c');
    const stopped = await term.waitFor('the exit status', (s) => /^EXIT=\d+$/m.test(s));
    expect(stopped).toContain('sleepless fix: interrupted (Ctrl-C): every accepted change is written');
    expect(stopped).toContain('EXIT=130');
    expect(p.read(COUNTER)).toBe(counter);
    expect(p.tempFiles()).toEqual([]);
  });
});
