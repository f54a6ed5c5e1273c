// remove-after-sync after a write in an mnesia transaction: the transaction runs in the caller and
// has committed when the call returns, so the sleep after it goes, for review as every remove of the
// rule; a write a server makes after a cast, and a write a subscriber to mnesia's events hears of,
// keep their verdicts. After the start of a server whose handle_continue hands its work to a task
// that reports back in messages, a read of the server is polled instead; one that does the work in
// handle_continue itself keeps its remove.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { project } from '../helpers/project.js';

async function findingsOf(fixture: string) {
  const file = join(import.meta.dirname, '../../fixtures/classify', fixture);
  const { report } = await scan({ root: project({ [`test/${fixture}`]: readFileSync(file, 'utf8') }) });
  return report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety]);
}

describe('remove-after-sync after an mnesia transaction write', () => {
  it('removes, for review, the sleep after a Memento or `:mnesia.transaction` write made through a function of the project or by the test; casts to a server that writes keep their safe poll', async () => {
    expect(await findingsOf('mnesia_writes_test.exs')).toEqual([
      [80, 'remove', 'review'],
      [86, 'remove', 'review'],
      [92, 'remove', 'review'],
      [98, 'remove', 'review'],
      [105, 'wait_for', 'safe'],
      [112, 'wait_for', 'safe'],
    ]);
  });

  it('keeps the poll where a process subscribed to mnesia\'s events hears of the write', async () => {
    expect(await findingsOf('mnesia_change_log_test.exs')).toEqual([
      [47, 'wait_for', 'safe'],
      [53, 'wait_for', 'safe'],
    ]);
  });
});

describe('remove-after-sync after a broadcast made inside `assert :ok = …`', () => {
  it('reads the asserted call as the same call unasserted: a fan-out it cannot follow is polled, safe; an asserted call the server answers is still removed, for review', async () => {
    expect(await findingsOf('note_feed_test.exs')).toEqual([
      [62, 'wait_for', 'safe'],
      [69, 'wait_for', 'safe'],
      [77, 'wait_for', 'safe'],
      [84, 'wait_for', 'safe'],
      [91, 'wait_for', 'safe'],
      [98, 'remove', 'review'],
    ]);
  });
});

describe('remove-after-sync after a start whose handle_continue hands its work on', () => {
  it('polls a read of the server whose task sends its results back, also when init/1 continues through an imported helper, and removes, for review, the sleep when handle_continue does the work itself', async () => {
    expect(await findingsOf('mirror_sync_test.exs')).toEqual([
      [114, 'poll_with_timeout', 'review'],
      [122, 'wait_for', 'safe'],
      [128, 'wait_for', 'safe'],
      [135, 'remove', 'review'],
      [143, 'remove', 'review'],
    ]);
  });
});

describe('remove-after-sync before a polling helper of the project, past lines that only compute', () => {
  it('removes, for review, the sleep before a deadline-keeping wait two lines on, and says what the lines between do; a wait whose own time is shorter, a read kept for later, an act between keep their verdicts', async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify', 'tab_wait_helper_test.exs');
    const { report } = await scan({ root: project({ 'test/tab_wait_helper_test.exs': readFileSync(file, 'utf8') }) });
    const at = (line: number) => report.findings.find((f) => f.line === line)!;
    expect([at(67).fix, at(67).safety]).toEqual(['remove', 'review']);
    expect(at(67).reason).toContain('line 69 waits by itself (`Tabs.wait_for_tab`), past line 68, which only computes a value');
    expect(at(90).reason).toContain('past line 91, which only reads what nothing after uses');
    expect(at(115).reason).toContain('stops trying after about 100 ms');
    expect([98, 107, 115, 123, 131, 139, 147].map((line) => at(line).fix)).toEqual(['manual', 'manual', 'manual', 'wait_for', 'sync_barrier', 'manual', 'manual']);
  });
});
