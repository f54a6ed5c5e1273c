import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { withCacheOption, withScanOptions, scanOptionsFrom, type ScanArgs } from '../shared-options.js';
import { REPORTER_NAMES, type ReporterName } from '../../report/reporters/index.js';
import { EXIT, runCommand } from '../run.js';

interface Args extends ScanArgs {
  format: ReporterName;
  baseline?: string;
  since?: string;
  strict: boolean;
  prune: boolean;
  quiet: boolean;
}

export const checkCommand: CommandModule<object, Args> = {
  command: 'check [paths..]',
  describe: 'CI gate: exit 1 on problematic sleeps that are neither allowlisted nor in the baseline (or, with --since, on changed lines)',
  builder: (yargs: Argv) =>
    withCacheOption(withScanOptions(yargs))
      .option('format', { alias: 'f', choices: REPORTER_NAMES, default: 'text' as ReporterName, describe: 'output format (github: annotations on the pull request; sarif: for code scanning)' })
      .option('baseline', { type: 'string', describe: 'the baseline file (default: <root>/sleepless-baseline.json, used when it exists)' })
      .option('since', { type: 'string', describe: 'only fail on sleeps on lines added or changed since the merge base with this git ref (no baseline needed)' })
      .option('strict', { type: 'boolean', default: false, describe: 'also fail when baseline entries match no sleep any more (fixed sleeps still listed)' })
      .option('prune', { type: 'boolean', default: false, describe: 'rewrite the baseline without the entries that match no sleep any more' })
      .example('$0 baseline && $0 check', 'baseline mode: record today\'s sleeps once (commit sleepless-baseline.json), then fail only on new ones')
      .example('$0 check --since origin/main', 'diff mode: fail only on sleeps on lines this branch added or changed')
      .example('$0 check --format github', 'in GitHub Actions: annotations on the pull request and a job summary')
      .example('$0 check --format sarif > sleepless.sarif', 'for github/codeql-action/upload-sarif')
      .example('$0 check --strict', 'also fail while the baseline lists sleeps that were fixed; `--prune` removes them') as unknown as Argv<Args>,
  handler: (args) =>
    runCommand(async () => {
      const [{ check }, { checkNotes, suppressedOf }, { REPORTERS }, { colorsFor }, { progressReporter }] = await Promise.all([
        import('../../check/check.js'),
        import('../../check/notes.js'),
        import('../../report/reporters/index.js'),
        import('../../report/colors.js'),
        import('../progress.js'),
      ]);
      const options = scanOptionsFrom(args);
      const progress = await progressReporter(args.quiet);
      const result = await check({
        ...options,
        onProgress: progress.onProgress,
        reportOnlyParallel: true,
        baselineFile: args.baseline ? resolve(args.baseline) : undefined,
        since: args.since,
        strict: args.strict,
        prune: args.prune,
      });
      progress.stop();

      const forGitHub = args.format === 'github' || args.format === 'sarif';
      const context = {
        colors: colorsFor(process.stdout),
        command: 'check' as const,
        notes: checkNotes(result, args.strict),
        suppressed: suppressedOf(result),
        changed: args.format === 'github' && !result.since ? await changedInPullRequest(options.root, result.report.findings) : result.onChangedLines,
        sourceRoot: forGitHub ? await sourceRootOf(options.root) : undefined,
      };
      process.stdout.write(REPORTERS[args.format](result.report, context));
      const summaryFile = process.env['GITHUB_STEP_SUMMARY'];
      if (args.format === 'github' && summaryFile) {
        appendFileSync(summaryFile, REPORTERS.markdown(result.report, { ...context, colors: colorsFor({ isTTY: false }, {}) }));
      }
      return result.failed ? EXIT.findings : EXIT.ok;
    }),
};

/** Paths in annotations and SARIF are relative to the repository, which may be above the scanned root. */
async function sourceRootOf(root: string): Promise<string> {
  const { repoTopLevel } = await import('../../git/git.js');
  return (await repoTopLevel(root)) ?? root;
}

/**
 * In a pull request's workflow, the failing sleeps on lines the pull request changed are annotated
 * first. Best effort: without the base branch fetched, the order is the report's.
 */
async function changedInPullRequest(root: string, findings: readonly { fingerprint: string; file: string; line: number; end_line: number }[]): Promise<Set<string>> {
  const baseRef = process.env['GITHUB_BASE_REF'];
  if (!baseRef || findings.length === 0) return new Set();
  const { changedLines, touches } = await import('../../git/changed-lines.js');
  try {
    const { changes } = await changedLines(root, `origin/${baseRef}`);
    return new Set(findings.filter((f) => touches(changes, f.file, f.line, f.end_line)).map((f) => f.fingerprint));
  } catch {
    return new Set();
  }
}
