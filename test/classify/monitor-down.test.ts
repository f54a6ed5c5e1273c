// monitor-down for the process a function of the project starts for its work and answers: the
// test's `{:ok, _pid} = Notices.announce(event)` holds the one task doing the work, and its :DOWN
// says when the work is done. Near misses (a server's pid, a task beside another answer, a task
// that hands its work on or waits for a message) keep their verdicts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { project } from '../helpers/project.js';

describe('monitor-down on a task a function of the project answers', () => {
  it("is safe for a task, a `Task.start` or a `spawn` whose work ends there, the pid ignored or not; not for a server, a task beside another answer, one that casts or starts more, or one that waits for a message", async () => {
    const file = join(import.meta.dirname, '../../fixtures/classify/notice_tasks_test.exs');
    const { report } = await scan({ root: project({ 'test/notice_tasks_test.exs': readFileSync(file, 'utf8') }) });
    expect(report.findings.map((f) => [f.line, f.category ?? f.fix, f.safety])).toEqual([
      [114, 'monitor_down', 'safe'],
      [122, 'monitor_down', 'safe'],
      [129, 'monitor_down', 'safe'],
      [136, 'monitor_down', 'safe'],
      [144, 'manual', null],
      [151, 'manual', null],
      [159, 'manual', null],
      [166, 'manual', null],
      [173, 'manual', null],
    ]);
  });
});
