// Real git repositories in temporary directories, for the check, baseline and --since suites.
// Each repository sets its own identity: nothing depends on the machine's global git config.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Repo {
  dir: string;
  git(...args: string[]): string;
  write(rel: string, text: string): void;
  read(rel: string): string;
  remove(rel: string): void;
  commitAll(message: string): void;
  cleanup(): void;
}

export function makeRepo(prefix = 'sleepless-git-'): Repo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Sleepless Test');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'commit.gpgsign', 'false');
  git('config', 'core.autocrlf', 'false');
  return {
    dir,
    git,
    write(rel, text) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    },
    read: (rel) => readFileSync(join(dir, rel), 'utf8'),
    remove: (rel) => rmSync(join(dir, rel)),
    commitAll(message) {
      git('add', '-A');
      git('commit', '-q', '--no-verify', '-m', message);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ElixirTest {
  name: string;
  /** Lines of the test body, without indentation. */
  body: string[];
  describe?: string;
}

/** An ExUnit module with the given tests, grouped into describe blocks in order of appearance. */
export function elixirTestFile(module: string, tests: readonly ElixirTest[]): string {
  const out = [`defmodule ${module} do`, '  use ExUnit.Case, async: true', ''];
  let open: string | undefined;
  for (const t of tests) {
    if (t.describe !== open) {
      if (open !== undefined) out.push('  end', '');
      if (t.describe !== undefined) out.push(`  describe "${t.describe}" do`);
      open = t.describe;
    }
    const indent = t.describe !== undefined ? '    ' : '  ';
    out.push(`${indent}test "${t.name}", %{counter: counter} do`, ...t.body.map((l) => `${indent}  ${l}`), `${indent}end`, '');
  }
  if (open !== undefined) out.push('  end', '');
  out.push('end', '');
  return out.join('\n');
}

/** A cast, a sleep and an assertion on the same process: a problematic sync_barrier sleep. */
export function castThenSleep(ms = 50, message = ':incr'): string[] {
  return [`GenServer.cast(counter, ${message})`, `Process.sleep(${ms})`, 'assert Counter.value(counter) > 0'];
}

/** A sleep that waits out a TTL the test set: legitimate, never fails a check. */
export function ttlSleep(): string[] {
  return ['Cache.put(:k, :v, ttl: 100)', 'Process.sleep(150)', 'assert Cache.get(:k) == nil'];
}
