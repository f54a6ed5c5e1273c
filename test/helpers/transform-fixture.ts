// Runs one transform over one Elixir input the way `sleepless fix --print -t KIND --include-review`
// would, in a throwaway Mix project (so helper imports name a predictable module: Fixture.WaitHelpers).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFix } from '../../src/fix/run-fix.js';
import type { FixKind } from '../../src/vocabulary.js';
import { DEFAULT_TIMEOUT_OPTIONS } from '../../src/transform/timeout.js';

export async function transformSource(source: string, fix: FixKind | undefined): Promise<{ output: string; skipped: string[] }> {
  const root = mkdtempSync(join(tmpdir(), 'sleepless-transform-'));
  try {
    writeFileSync(join(root, 'mix.exs'), 'defmodule Fixture.MixProject do\n  use Mix.Project\nend\n');
    mkdirSync(join(root, 'test'));
    const file = join(root, 'test', 'case_test.exs');
    writeFileSync(file, source);
    const result = await runFix({
      scan: { root, paths: [file] },
      mode: 'print',
      includeReview: true,
      transform: fix,
      timeouts: DEFAULT_TIMEOUT_OPTIONS,
      allowDirty: true,
    });
    const outcome = result.files[0];
    return { output: outcome?.after ?? source, skipped: outcome?.skipped.map((s) => `${s.site.finding.line}: ${s.reason}`) ?? [] };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
