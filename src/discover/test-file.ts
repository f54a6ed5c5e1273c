/** Directories never worth entering: dependencies, build output, editor and VCS state. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'deps',
  '_build',
  '.elixir_ls',
  'cover',
  'node_modules',
  '.git',
]);

// `test`, `integration_test`, an umbrella app's `test`, Elixir's own `lib/elixir/test`.
export function isTestDirName(name: string): boolean {
  return name === 'test' || name.endsWith('_test');
}

/**
 * Is `name`, a directory in `parentRel`, a test directory? `test` anywhere; a `*_test` one only
 * outside `lib/`, where it names a module's namespace (elixir-omg's `lib/load_test/`).
 */
export function isTestDirAt(parentRel: string, name: string): boolean {
  return name === 'test' || (isTestDirName(name) && !/(?:^|\/)lib(?:\/|$)/.test(parentRel));
}

/** A `*_test.exs` anywhere; any `.exs`/`.ex` below a test directory (helpers in `test/support`). */
export function isTestFileName(name: string, underTestDir: boolean): boolean {
  if (name.endsWith('_test.exs')) return true;
  return underTestDir && (name.endsWith('.exs') || name.endsWith('.ex'));
}

/** Whether a root-relative, `/`-separated directory path lies in a test directory. */
export function isInTestDir(relDir: string): boolean {
  const parts = relDir === '' ? [] : relDir.split('/');
  return parts.some((name, i) => isTestDirAt(parts.slice(0, i).join('/'), name));
}

/**
 * Whether a root-relative, `/`-separated path names a test file. It judges the name only:
 * skipping `deps/` and friends is the walk's job.
 */
export function isTestFile(rel: string): boolean {
  const slash = rel.lastIndexOf('/');
  return isTestFileName(rel.slice(slash + 1), isInTestDir(rel.slice(0, Math.max(slash, 0))));
}
