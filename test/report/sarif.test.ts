// SARIF output against the SARIF 2.1.0 schema (OASIS errata 01 copy in test/fixtures-data), and the
// contents code scanning relies on: rules with help, regions, fingerprints, suppressions.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { runCli } from '../helpers/cli.js';
import { castThenSleep, elixirTestFile, makeRepo, ttlSleep, type ElixirTest, type Repo } from '../helpers/git-repo.js';
import { RULES } from '../../src/classify/rules/index.js';
import { sarif } from '../../src/report/reporters/sarif.js';
import { colorsFor } from '../../src/report/colors.js';
import type { Report } from '../../src/finding.js';

/** The schema is draft-04 (`id`, `$schema`); ajv's default dialect is draft-07, which reads it the same once `id` is `$id`. */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures-data/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  expect(schema['$schema']).toBe('http://json-schema.org/draft-04/schema#');
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile({ ...rest, $id: id as string });
  // The validator is not vacuous: a run needs its tool, a region's lines start at 1.
  expect(validate({ version: '2.1.0', runs: [{}] })).toBe(false);
  expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a' }, region: { startLine: 0 } } }] }] }] })).toBe(false);
  return validate;
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; help: { text: string; markdown: string }; shortDescription: { text: string }; fullDescription: { text: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
      partialFingerprints: Record<string, string>;
      suppressions?: { kind: string; justification: string }[];
    }[];
    originalUriBaseIds: Record<string, { uri: string }>;
  }[];
}

const FILE = 'apps/web/test/counter_test.exs';
const OLD: ElixirTest = { describe: 'incr', name: 'increments', body: castThenSleep(50) };
const NEW: ElixirTest = { describe: 'incr', name: 'increments, in bulk: 100%', body: castThenSleep(40, ':bulk') };
const ALLOWED: ElixirTest = { name: 'waits for the upstream token', body: ['# sleepless:allow ttl the upstream token lives 1 s', 'Process.sleep(1_100)'] };
const LEGIT: ElixirTest = { name: 'expires entries', body: ttlSleep() };

let repo: Repo;
afterEach(() => repo?.cleanup());

describe('sarif reporter', () => {
  it('writes a valid SARIF 2.1.0 log of the failing, baselined and allowlisted sleeps', async () => {
    repo = makeRepo();
    const project = join(repo.dir, 'apps/web');
    repo.write(FILE, elixirTestFile('CounterTest', [OLD, ALLOWED, LEGIT]));
    expect((await runCli(['baseline', project])).code).toBe(0);
    repo.commitAll('baseline');
    repo.write(FILE, elixirTestFile('CounterTest', [OLD, NEW, ALLOWED, LEGIT]));

    const result = await runCli(['check', project, '--format', 'sarif']);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as SarifLog;
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);

    const [run] = log.runs;
    expect(run!.tool.driver).toMatchObject({ name: 'sleepless', version: expect.stringMatching(/^\d+\.\d+\.\d+/), informationUri: expect.stringMatching(/^https:\/\//) });
    expect(run!.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    // Paths are relative to the repository (what code scanning resolves), not to the scanned subdirectory.
    expect(run!.originalUriBaseIds['%SRCROOT%']!.uri).toMatch(/^file:\/\/.*\/$/);

    const byTest = (name: string) => run!.results.find((r) => r.message.text.includes(name === 'new' ? 'Process.sleep(40)' : name));
    const failing = byTest('new')!;
    expect(failing).toMatchObject({ ruleId: 'sync-barrier', level: 'error' });
    expect(run!.tool.driver.rules[failing.ruleIndex]!.id).toBe('sync-barrier');
    expect(failing.suppressions).toBeUndefined();
    expect(failing.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'apps/web/test/counter_test.exs', uriBaseId: '%SRCROOT%' },
      region: { startLine: 13, startColumn: 7, endLine: 13, endColumn: 24 },
    });
    expect(failing.partialFingerprints['sleeplessFingerprint/v1']).toMatch(/^[0-9a-f]{16}$/);

    const baselined = byTest('Process.sleep(50)')!;
    expect(baselined.level).toBe('error');
    expect(baselined.suppressions).toEqual([{ kind: 'external', justification: 'listed in sleepless-baseline.json: it predates the check' }]);

    const allowed = byTest('Process.sleep(1_100)')!;
    expect(allowed).toMatchObject({ ruleId: 'inline-allow', level: 'note' });
    expect(allowed.suppressions).toEqual([{ kind: 'inSource', justification: expect.stringContaining('the upstream token lives 1 s') }]);

    // Legitimate sleeps that nobody had to allow are not results.
    expect(run!.results).toHaveLength(3);
  });

  it('gives every rule a short and full description and help text with its example', () => {
    const report: Report = { version: 1, root: '/p', files_scanned: 0, findings: [], summary: { sleeps: 0, problematic: 0, legitimate: 0, by_category: {}, by_fix: {}, removable_ms: 0 }, errors: [{ file: 'test/big_test.exs', message: 'too large' }] };
    const log = JSON.parse(sarif(report, { colors: colorsFor({ isTTY: false }, {}), command: 'scan' })) as SarifLog;
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    for (const [i, rule] of log.runs[0]!.tool.driver.rules.entries()) {
      expect(rule.shortDescription.text.length, rule.id).toBeGreaterThan(10);
      expect(rule.fullDescription.text).toBe(RULES[i]!.explanation);
      expect(rule.help.text).toContain(RULES[i]!.example.before);
      expect(rule.help.markdown).toContain(`sleepless explain ${rule.id}`);
    }
  });

  it('is valid for a scan too, where allowlisted sleeps are among the findings', async () => {
    repo = makeRepo();
    repo.write('test/counter_test.exs', elixirTestFile('CounterTest', [OLD, ALLOWED, LEGIT]));
    const result = await runCli(['scan', repo.dir, '--format', 'sarif']);
    const log = JSON.parse(result.stdout) as SarifLog;
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0]!.results.map((r) => [r.ruleId, r.suppressions?.[0]?.kind ?? null])).toEqual([
      ['sync-barrier', null],
      ['inline-allow', 'inSource'],
    ]);
  });
});
