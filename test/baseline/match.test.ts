// Matching findings against a baseline, as pure data: negative cases first.
import { describe, expect, it } from 'vitest';
import { matchBaseline, type Candidate, type MatchScope } from '../../src/baseline/match.js';
import type { BaselineEntry } from '../../src/baseline/format.js';
import type { Finding } from '../../src/finding.js';

function finding(file: string, fingerprint: string): Finding {
  return {
    file, line: 1, column: 1, end_line: 1, end_column: 10, call: 'Process.sleep(10)', form: 'Process.sleep',
    verdict: 'problematic', category: null, fix: 'wait_for', safety: 'review', rule: 'wait-for', confidence: 'high',
    reason: 'r', duration_ms: 10, test: 't', describe: null, fingerprint,
  };
}

function candidate(file: string, fingerprint: string, contentKey: string): Candidate {
  return { finding: finding(file, fingerprint), contentKey };
}

function entry(file: string, fingerprint: string, contentKey: string): BaselineEntry {
  return { fingerprint, content_key: contentKey, file, describe: null, test: 't', call: 'Process.sleep(10)', fix: 'wait_for' };
}

/** Files that exist, and the subset the run scanned (default: all of them). */
function scope(existing: string[], scanned = existing, givenPrefix = 'test/'): MatchScope {
  return {
    exists: (f) => existing.includes(f),
    inScope: (f) => scanned.includes(f) || (!existing.includes(f) && f.startsWith(givenPrefix)),
  };
}

describe('matchBaseline', () => {
  it('calls everything new without entries', () => {
    const result = matchBaseline([candidate('test/a.exs', 'f1', 'k1')], [], scope(['test/a.exs']));
    expect(result.new.map((f) => f.fingerprint)).toEqual(['f1']);
    expect(result.baselined).toEqual([]);
    expect(result.fixed).toEqual([]);
  });

  it('does not match by content key while the entry’s file still exists (a copy is new)', () => {
    const result = matchBaseline([candidate('test/copy.exs', 'f2', 'k1')], [entry('test/a.exs', 'f1', 'k1')], scope(['test/a.exs', 'test/copy.exs']));
    expect(result.new.map((f) => f.file)).toEqual(['test/copy.exs']);
    expect(result.fixed.map((e) => e.fingerprint)).toEqual(['f1']);
  });

  it('does not match by content key in a file the baseline already knows', () => {
    const entries = [entry('test/a.exs', 'f1', 'k1'), entry('test/gone.exs', 'g1', 'k9')];
    const result = matchBaseline([candidate('test/a.exs', 'f1', 'k1'), candidate('test/a.exs', 'f9', 'k9')], entries, scope(['test/a.exs']));
    expect(result.new.map((f) => f.fingerprint)).toEqual(['f9']);
    expect(result.fixed.map((e) => e.fingerprint)).toEqual(['g1']);
  });

  it('uses each entry once: a second identical sleep is new', () => {
    const entries = [entry('test/a.exs', 'f1', 'k1')];
    const result = matchBaseline([candidate('test/a.exs', 'f1', 'k1'), candidate('test/a.exs', 'f1b', 'k1b')], entries, scope(['test/a.exs']));
    expect(result.baselined.map((b) => b.finding.fingerprint)).toEqual(['f1']);
    expect(result.new.map((f) => f.fingerprint)).toEqual(['f1b']);
  });

  it('matches by fingerprint and reports unmatched entries in scope as fixed', () => {
    const entries = [entry('test/a.exs', 'f1', 'k1'), entry('test/a.exs', 'f2', 'k2')];
    const result = matchBaseline([candidate('test/a.exs', 'f1', 'k1')], entries, scope(['test/a.exs']));
    expect(result.new).toEqual([]);
    expect(result.baselined.map((b) => [b.entry.fingerprint, b.renamed])).toEqual([['f1', false]]);
    expect(result.fixed.map((e) => e.fingerprint)).toEqual(['f2']);
  });

  it('keeps entries of files the run did not look at', () => {
    const entries = [entry('test/a.exs', 'f1', 'k1'), entry('test/b.exs', 'f2', 'k2'), entry('lib/gone.exs', 'f3', 'k3')];
    const result = matchBaseline([candidate('test/a.exs', 'f1', 'k1')], entries, scope(['test/a.exs', 'test/b.exs'], ['test/a.exs']));
    expect(result.fixed).toEqual([]);
    expect(result.outOfScope.map((e) => e.fingerprint)).toEqual(['f2', 'f3']);
  });

  it('follows a renamed file by content key', () => {
    const entries = [entry('test/old.exs', 'o1', 'k1'), entry('test/old.exs', 'o2', 'k2')];
    const result = matchBaseline([candidate('test/new.exs', 'n1', 'k1'), candidate('test/new.exs', 'n2', 'k2'), candidate('test/new.exs', 'n3', 'k3')], entries, scope(['test/new.exs']));
    expect(result.baselined.map((b) => [b.finding.fingerprint, b.entry.fingerprint, b.renamed])).toEqual([
      ['n1', 'o1', true],
      ['n2', 'o2', true],
    ]);
    expect(result.new.map((f) => f.fingerprint)).toEqual(['n3']);
    expect(result.fixed).toEqual([]);
  });

  it('pairs each renamed file with the vanished file it shares most sleeps with', () => {
    // Both old files have a test "t" with the same sleep (k1); only the right pairing matches everything.
    const entries = [entry('test/a_old.exs', 'a1', 'k1'), entry('test/b_old.exs', 'b1', 'k1'), entry('test/b_old.exs', 'b2', 'k2')];
    const candidates = [candidate('test/a_new.exs', 'A1', 'k1'), candidate('test/b_new.exs', 'B1', 'k1'), candidate('test/b_new.exs', 'B2', 'k2')];
    const result = matchBaseline(candidates, entries, scope(['test/a_new.exs', 'test/b_new.exs']));
    expect(result.new).toEqual([]);
    expect(result.baselined.map((b) => `${b.finding.fingerprint}<-${b.entry.fingerprint}`)).toEqual(['A1<-a1', 'B1<-b1', 'B2<-b2']);
  });
});
