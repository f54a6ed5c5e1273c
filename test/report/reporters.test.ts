// Reporter output is the one place we use snapshots (STYLE.md): the exact text is the interface.
import { describe, expect, it } from 'vitest';
import { REPORTERS } from '../../src/report/reporters/index.js';
import { colorsFor } from '../../src/report/colors.js';
import type { Report } from '../../src/finding.js';

const report: Report = {
  version: 1,
  root: '/work/app',
  files_scanned: 12,
  findings: [
    {
      file: 'test/cache_test.exs', line: 14, column: 5, end_line: 14, end_column: 23, call: 'Process.sleep(150)', form: 'Process.sleep',
      verdict: 'legitimate', category: 'ttl', fix: null, safety: null, rule: 'ttl-context', confidence: 'high',
      reason: 'waits out the 100 ms TTL set on line 12 (`ttl: 100`)', duration_ms: 150, test: 'expires entries', describe: 'put/3', fingerprint: '0123456789abcdef',
    },
    {
      file: 'test/worker_test.exs', line: 57, column: 7, end_line: 57, end_column: 24, call: 'Process.sleep(20)', form: 'Process.sleep',
      verdict: 'problematic', category: null, fix: 'sync_barrier', safety: 'safe', rule: 'sync-barrier', confidence: 'high',
      reason: 'waits for `GenServer.cast` to `pid` (line 56); line 58 checks the same process', duration_ms: 20, test: 'counts', describe: null, fingerprint: 'fedcba9876543210',
    },
  ],
  summary: { sleeps: 2, problematic: 1, legitimate: 1, by_category: { ttl: 1 }, by_fix: { sync_barrier: 1 }, removable_ms: 20 },
  errors: [{ file: 'test/broken_test.exs', line: 3, message: 'syntax error near line 3' }],
};

const plain = colorsFor({ isTTY: false }, {});

describe('reporters', () => {
  it('text: grouped by file with a closing summary', () => {
    expect(REPORTERS.text(report, { colors: plain, command: 'scan' })).toMatchSnapshot();
  });

  it('text: colour only when asked for', () => {
    const coloured = REPORTERS.text(report, { colors: colorsFor({ isTTY: true }, {}), command: 'scan' });
    expect(coloured).toContain('\u001b[');
    expect(REPORTERS.text(report, { colors: colorsFor({ isTTY: true }, { NO_COLOR: '1' }), command: 'scan' })).not.toContain('\u001b[');
  });

  it('json: exactly the DESIGN.md contract, fields in order', () => {
    const parsed = JSON.parse(REPORTERS.json(report, { colors: plain, command: 'scan' }));
    expect(Object.keys(parsed)).toEqual(['version', 'root', 'files_scanned', 'findings', 'summary', 'errors']);
    expect(Object.keys(parsed.findings[0])).toEqual([
      'file', 'line', 'column', 'end_line', 'end_column', 'call', 'form', 'verdict', 'category', 'fix', 'safety',
      'rule', 'confidence', 'reason', 'duration_ms', 'test', 'describe', 'fingerprint',
    ]);
    expect(Object.keys(parsed.summary)).toEqual(['sleeps', 'problematic', 'legitimate', 'by_category', 'by_fix', 'removable_ms']);
  });

  it('markdown: a summary table and a per-file list', () => {
    expect(REPORTERS.markdown(report, { colors: plain, command: 'scan' })).toMatchSnapshot();
  });

  it('markdown: a test name written as a heredoc stays on its list item line', () => {
    const heredocNamed: Report = { ...report, findings: [{ ...report.findings[0]!, test: 'expires entries\n  after the TTL\n' }] };
    const lines = REPORTERS.markdown(heredocNamed, { colors: plain, command: 'scan' }).split('\n');
    expect(lines.filter((l) => l.startsWith('- line 14:'))).toEqual([expect.stringContaining('in “expires entries after the TTL”: waits out')]);
  });
});
