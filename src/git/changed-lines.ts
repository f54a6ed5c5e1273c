// The lines added or changed since a ref: what `check --since REF` limits itself to. Compared with
// the merge base of REF and HEAD (what a pull request adds, not what the target branch gained since),
// against the work tree (so uncommitted edits count too), following renames so that a moved file is
// not all new. Untracked files are new in full.
import { UsageError } from '../errors.js';
import { parseUnifiedDiff, type ChangedLines } from './diff-parse.js';
import { git, type GitResult } from './git.js';

export type { ChangedLines, FileChanges } from './diff-parse.js';
export { touches } from './diff-parse.js';

export interface ChangedSince {
  /** Per file, relative to `root` and `/`-separated. */
  changes: ChangedLines;
  /** The merge base the diff was taken against. */
  base: string;
}

const FETCH_HINT = 'fetch it first (e.g. `git fetch origin main`; in GitHub Actions use actions/checkout with `fetch-depth: 0`)';

/** `root` may be a subdirectory of the repository: paths come back relative to it, changes outside it are left out. */
export async function changedLines(root: string, sinceRef: string): Promise<ChangedSince> {
  if (sinceRef === '' || sinceRef.startsWith('-')) throw new UsageError(`--since needs a git ref such as origin/main, got "${sinceRef}"`);
  const top = await git(root, ['rev-parse', '--show-toplevel']);
  if (top.missing) throw new UsageError('--since needs git, which is not installed or not on PATH; install it, or use a baseline (`sleepless baseline`) instead of --since');
  if (!top.ok) throw new UsageError(`--since ${sinceRef}: ${root} is not inside a git work tree; run check in a clone of the repository, or use a baseline (\`sleepless baseline\`) instead`);

  const ref = await git(root, ['rev-parse', '--verify', '--quiet', `${sinceRef}^{commit}`]);
  if (!ref.ok) throw new UsageError(`--since ${sinceRef}: no such commit, branch or tag in this clone; ${FETCH_HINT}`);
  const base = await git(root, ['merge-base', ref.stdout.trim(), 'HEAD']);
  if (!base.ok) {
    throw new UsageError(
      `--since ${sinceRef}: ${sinceRef} and HEAD have no common ancestor here (no commit yet, unrelated histories, or a shallow clone); ${FETCH_HINT}`,
    );
  }
  const baseCommit = base.stdout.trim();

  const [diff, untracked] = await Promise.all([
    git(root, [
      '-c', 'core.quotePath=false',
      'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--unified=0', '-M', '--relative',
      '--src-prefix=a/', '--dst-prefix=b/', baseCommit, '--', '.',
    ]),
    git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--', '.']),
  ]);
  failed(diff, 'git diff');
  failed(untracked, 'git ls-files');

  const changes = parseUnifiedDiff(diff.stdout);
  for (const file of untracked.stdout.split('\0')) {
    if (file) changes.set(file, { whole: true, lines: new Set() });
  }
  return { changes, base: baseCommit };
}

function failed(result: GitResult, what: string): void {
  if (!result.ok) throw new UsageError(`--since: ${what} failed: ${result.stderr || 'no message'}; check that the repository is readable`);
}
